//! Embedding: both script forms, dynamic elements, rendered parts, broken feeds.

use crate::{items, page, str_of, widget, FIRST_MIDDLE_EAST};
use harness::Harness;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_classic_script_renders_every_widget_including_one_added_later() {
    let h = Harness::start().await;
    let adder = "<script>setTimeout(() => { const w = document.createElement('news-headlines'); \
                 w.setAttribute('src', '/feeds/around-arab-news.json'); w.setAttribute('limit', '3'); \
                 document.body.append(w); }, 300);</script>";
    let body = format!(
        "{}{}{adder}",
        widget(r#"src="/feeds/latest-middle-east.json" heading="Latest in Middle-East" limit="10" refresh="60""#),
        widget(r#"src="/feeds/around-arab-news.json" heading="Around Arab News" limit="5""#),
    );
    h.open_page("/host/classic.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    let widgets = h.settled(3).await;

    let latest = &widgets[0];
    assert_eq!(str_of(latest, "state"), "ready");
    assert_eq!(str_of(latest, "heading"), "Latest in Middle-East");
    assert_eq!(items(latest).len(), 10);
    let first = &items(latest)[0];
    assert_eq!(str_of(first, "title"), FIRST_MIDDLE_EAST);
    assert_eq!(str_of(first, "dateline"), "VIENNA");
    assert!(str_of(first, "teaser").starts_with("VIENNA A landmark nuclear accord"), "{first}");
    assert!(str_of(first, "href").starts_with("https://www.arabnews.com/"), "{first}");
    assert_eq!((str_of(first, "target"), str_of(first, "rel")), ("_blank", "noopener"));
    assert!(str_of(first, "datetime").starts_with("2016-09-"), "{first}");
    assert!(!str_of(first, "id").is_empty());
    assert!(str_of(latest, "status").starts_with("Updated"), "{latest}");
    let ids: Vec<&str> = items(latest).iter().map(|i| str_of(i, "id")).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "ids are unique");

    let around = &widgets[1];
    assert_eq!((str_of(around, "heading"), items(around).len()), ("Around Arab News", 5));
    let added = &widgets[2];
    assert_eq!(str_of(added, "state"), "ready");
    assert_eq!(str_of(added, "heading"), "Around Arab News", "the feed's title when no heading is given");
    assert_eq!(items(added).len(), 3);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_module_script_after_the_elements_loads_everything_relative_to_its_own_url() {
    let h = Harness::start().await;
    // The page is on http://localhost:PORT, the widget on http://127.0.0.1:PORT (a "CDN").
    let cdn_script = format!(r#"<script type="module" src="{}"></script>"#, h.url("/news-headlines.js"));
    let feed = h.url("/feeds/latest-middle-east.json");
    let body = format!("{}{cdn_script}", widget(&format!(r#"src="{feed}" limit="4" target="_self""#)));
    h.newsroom.add_page("/host/module.html", page("", &body));
    let page_url = h.url("/host/module.html").replace("127.0.0.1", "localhost");
    h.client.goto(&page_url).await.expect("page opens");
    let widgets = h.settled(1).await;
    assert_eq!(str_of(&widgets[0], "state"), "ready");
    assert_eq!(items(&widgets[0]).len(), 4);
    assert_eq!(str_of(&items(&widgets[0])[0], "title"), FIRST_MIDDLE_EAST);
    assert_eq!(str_of(&items(&widgets[0])[0], "target"), "_self");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_feeds_say_why_keep_the_fallback_and_never_run_feed_content() {
    let h = Harness::start().await;
    h.newsroom.set_feed("not-json", "<html>oops</html>".into());
    h.newsroom.set_feed("not-a-feed", json!({"items": []}).to_string());
    let hostile = json!({
        "version": "https://jsonfeed.org/version/1.1", "title": "<img src=x onerror=\"window.pwned=1\">",
        "items": [
            {"id": "x1", "title": "&lt;script&gt;window.pwned=1&lt;/script&gt;", "url": "javascript:window.pwned=1"},
            {"id": "x2", "title": "data link", "url": "data:text/html,<script>window.pwned=1</script>"},
            {"id": "x3", "title": "tabbed", "url": "java\tscript:window.pwned=1"},
            {"id": "x4", "title": "fine", "url": "https://www.arabnews.com/fine"}
        ]
    });
    h.newsroom.set_feed("hostile", hostile.to_string());
    let body = [
        widget(r#"src="/feeds/not-json.json""#),
        widget(r#"src="/feeds/not-a-feed.json""#),
        widget(r#"src="/feeds/missing.json""#),
        widget(r#"src="/feeds/hostile.json" limit="nonsense" refresh="soon""#),
        widget(r#"src="/feeds/latest-middle-east.json""#),
    ]
    .concat();
    h.open_page("/host/broken.html", &page(r#"<script src="/news-headlines.js"></script>"#, &body)).await;
    let widgets = h.settled(5).await;
    let states: Vec<&str> = widgets.iter().map(|w| str_of(w, "state")).collect();
    assert_eq!(states, ["error", "error", "error", "ready", "ready"]);
    assert_eq!(str_of(&widgets[0], "status"), "The feed is not valid JSON");
    assert_eq!(str_of(&widgets[1], "status"), "Not a JSON Feed", "readers are not told the details");
    assert_eq!(str_of(&widgets[2], "status"), "The feed answered HTTP 404");

    let hostile = &widgets[3];
    assert_eq!(items(hostile).len(), 4);
    assert_eq!(str_of(&items(hostile)[0], "title"), "<script>window.pwned=1</script>");
    assert_eq!(hostile["hrefs"], json!(["https://www.arabnews.com/fine"]), "only the http(s) link is a link");
    assert_eq!(h.js("return window.pwned === undefined;", vec![]).await, json!(true));

    // The publisher's fallback is slotted back in when there is nothing to show.
    let fallback_shown = h
        .js(
            "const host = document.querySelector('news-headlines'); const slot = host.shadowRoot.querySelector('slot');
             return !!slot && getComputedStyle(slot).display !== 'none'
               && slot.assignedElements().some((e) => e.classList.contains('fallback') && e.getBoundingClientRect().height > 0);",
            vec![],
        )
        .await;
    assert_eq!(fallback_shown, json!(true));
    h.stop().await;
}
