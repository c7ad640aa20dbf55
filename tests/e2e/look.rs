//! Looks: themes, the theming API, right-to-left Arabic, narrow layouts and
//! accessibility (axe-core from npm, injected into the page). Screenshots of
//! each look are written to `target/screenshots/{engine}/`.

use crate::{axe_violations, items, page, str_of, widget};
use harness::{ColorScheme, Harness};
use serde_json::{json, Value};

const SCRIPT: &str = r#"<script src="/news-headlines.js" async></script>"#;

/// Foreground and background of each widget.
const COLORS: &str = "return Array.from(document.querySelectorAll('news-headlines')).map((host) => {
    const section = getComputedStyle(host.shadowRoot.querySelector('section'));
    return { fg: section.color, bg: section.backgroundColor }; });";

fn colors(fg: &str, bg: &str) -> Value {
    json!({"fg": fg, "bg": bg})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn themes_follow_the_attribute_and_the_reader_s_colour_scheme() {
    let light = colors("rgb(26, 26, 26)", "rgb(255, 255, 255)");
    let dark = colors("rgb(236, 236, 236)", "rgb(21, 21, 21)");
    for (scheme, auto) in [(ColorScheme::Dark, &dark), (ColorScheme::Light, &light)] {
        let h = Harness::start_in(scheme).await;
        // Keywords are read in any case, and what is read is what shows.
        let body = ["auto", "light", "dark", "DARK"]
            .map(|theme| widget(&format!(r#"src="/feeds/latest-middle-east.json" limit="4" theme="{theme}""#)))
            .concat();
        h.open_page("/host/themes.html", &page(SCRIPT, &format!("<main>{body}</main>"))).await;
        h.settled(4).await;
        assert_eq!(h.js(COLORS, vec![]).await, json!([auto, light, dark, dark]), "{scheme:?}");
        h.screenshot(if auto == &dark { "dark" } else { "light" }).await;
        assert_eq!(axe_violations(&h).await, json!([]), "{scheme:?}");
        h.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_properties_and_parts_restyle_the_widget() {
    let h = Harness::start().await;
    let style = "<style>
        news-headlines { --nh-accent: rgb(200, 0, 0); --nh-font-size: 20px; --nh-bg: rgb(250, 250, 240); }
        news-headlines::part(heading) { color: rgb(0, 0, 200); }
        news-headlines::part(link) { text-decoration: underline; }
      </style>";
    let head = format!("{style}{SCRIPT}");
    h.open_page("/host/theming.html", &page(&head, &widget(r#"src="/feeds/latest-middle-east.json" limit="3""#))).await;
    h.settled(1).await;
    let styles = h
        .js(
            "const host = document.querySelector('news-headlines');
             const heading = host.shadowRoot.querySelector('[part=heading]');
             const link = host.shadowRoot.querySelector('[part=link]');
             return { accent: getComputedStyle(heading).borderBottomColor, heading: getComputedStyle(heading).color,
                      size: getComputedStyle(link).fontSize, decoration: getComputedStyle(link).textDecorationLine,
                      bg: getComputedStyle(host.shadowRoot.querySelector('section')).backgroundColor };",
            vec![],
        )
        .await;
    let expected = json!({"accent": "rgb(200, 0, 0)", "heading": "rgb(0, 0, 200)", "size": "20px",
                          "decoration": "underline", "bg": "rgb(250, 250, 240)"});
    assert_eq!(styles, expected);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_arabic_feed_reads_right_to_left_in_arabic() {
    let h = Harness::start().await;
    let body = format!("<main>{}</main>", widget(r#"src="/feeds/ar-latest.json" limit="4""#));
    h.open_page("/host/arabic.html", &page(SCRIPT, &body)).await;
    let widgets = h.settled(1).await;
    let arabic = &widgets[0];
    assert_eq!((str_of(arabic, "state"), str_of(arabic, "dir")), ("ready", "rtl"));
    assert_eq!(str_of(arabic, "heading"), "آخر الأخبار");
    assert!(str_of(arabic, "status").starts_with("آخر تحديث"), "{arabic}");
    let time = h
        .js("return document.querySelector('news-headlines').shadowRoot.querySelector('time').textContent;", vec![])
        .await;
    let time = time.as_str().unwrap_or_default();
    assert!(time.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)), "Arabic relative time: {time}");
    assert_eq!(items(arabic).len(), 4);
    h.screenshot("rtl").await;
    assert_eq!(axe_violations(&h).await, json!([]));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn narrow_widgets_switch_to_a_compact_layout() {
    let h = Harness::start().await;
    let body = format!(
        "<main><div class=\"narrow\">{}</div></main>",
        widget(r#"src="/feeds/latest-middle-east.json" limit="5""#)
    );
    let head = format!("<style>.narrow {{ width: 240px; }}</style>{SCRIPT}");
    h.open_page("/host/narrow.html", &page(&head, &body)).await;
    h.settled(1).await;
    let teaser = h
        .js("return getComputedStyle(document.querySelector('news-headlines').shadowRoot.querySelector('[part=teaser]')).display;", vec![])
        .await;
    assert_eq!(teaser, json!("none"), "teasers fold away below 260px");
    h.client.set_window_size(400, 900).await.expect("resize");
    h.screenshot("narrow").await;
    h.client.set_window_size(640, 900).await.expect("resize");
    // 200% zoom in a 640 px window (320 CSS px, WCAG reflow): rows stack
    // without overlapping and nothing overflows sideways (once the rows have
    // slid to their places for the wider layout).
    let zoomed = h
        .js(
            "document.querySelector('.narrow').style.width = 'auto'; document.documentElement.style.zoom = '2';
             const root = document.querySelector('news-headlines').shadowRoot;
             getComputedStyle(root.querySelector('li')).transform;
             await Promise.all(root.getAnimations({ subtree: true }).map((animation) => animation.finished));
             const rows = Array.from(root.querySelectorAll('li[part=item]')).map((li) => li.getBoundingClientRect());
             const section = root.querySelector('section');
             return { stacked: rows.every((r, i) => i === 0 || rows[i - 1].bottom <= r.top + 0.5),
                      overflow: section.scrollWidth > section.clientWidth + 1 };",
            vec![],
        )
        .await;
    assert_eq!(zoomed, json!({"stacked": true, "overflow": false}));
    h.screenshot("zoom-200").await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thumbnails_are_opt_in_lazy_sized_and_policy_checked() {
    let h = Harness::start().await;
    let feed = json!({"version": "https://jsonfeed.org/version/1.1", "title": "Pictures", "items": [
        {"id": "1", "title": "With a picture", "image": "/pictures/1.jpg"},
        {"id": "2", "title": "With a banner", "banner_image": "https://www.arabnews.com/banner.jpg"},
        {"id": "3", "title": "Script picture", "image": "javascript:alert(1)"},
        {"id": "4", "title": "No picture"}
    ]});
    h.newsroom.set_feed("pictures", feed.to_string());
    let body = [widget(r#"src="/feeds/pictures.json" images="on""#), widget(r#"src="/feeds/pictures.json""#)].concat();
    h.open_page("/host/images.html", &page(SCRIPT, &body)).await;
    h.settled(2).await;
    let images = h
        .js(
            "return Array.from(document.querySelectorAll('news-headlines')).map((host) =>
               Array.from(host.shadowRoot.querySelectorAll('li')).map((li) => {
                 const img = li.querySelector('img[part=image]');
                 return img && [img.getAttribute('src'), img.getAttribute('loading'), img.getAttribute('width'),
                                img.getAttribute('height'), img.getAttribute('alt')];
               }));",
            vec![],
        )
        .await;
    let page_image = h.url("/pictures/1.jpg");
    let expected = json!([
        [
            [page_image, "lazy", "96", "64", ""],
            ["https://www.arabnews.com/banner.jpg", "lazy", "96", "64", ""],
            null,
            null
        ],
        [null, null, null, null]
    ]);
    assert_eq!(images, expected);
    h.stop().await;
}
