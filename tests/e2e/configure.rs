//! The configurator (`dist/configure.html`, served at `/configure`): a
//! publisher with only a feed URL checks the feed, sets options on a live
//! preview, shares the setup as a link and pastes the pinned code into a
//! page on another origin; every way a feed can be unusable is told in the
//! widget's words; keyboard and axe-core, in English and Arabic.

use crate::{axe_violations, items, page, str_of};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Locator;
use harness::Harness;
use newsroom::Fault;
use serde_json::{json, Value};
use std::time::Duration;

/// A feed with tags (used 12, 4 and 2 times) and two images among 12 items.
fn sample_feed(h: &Harness) -> String {
    let items: Vec<Value> = (0..12)
        .map(|i| {
            let mut tags = vec!["world"];
            if i % 3 == 1 {
                tags.push("sport");
            }
            if i < 2 {
                tags.push("Gulf");
            }
            let mut item = json!({"id": format!("s{i}"), "title": format!("Story {i}"),
                                  "url": format!("https://news.example/{i}"), "tags": tags});
            if i == 0 || i == 2 {
                item["image"] = json!(h.url("/img/story.svg"));
            }
            item
        })
        .collect();
    json!({"version": "https://jsonfeed.org/version/1.1", "title": "Configurator sample", "language": "en",
           "home_page_url": "https://news.example/", "items": items})
    .to_string()
}

/// A feed URL on `localhost`: another origin than the configurator's `127.0.0.1`.
fn elsewhere(h: &Harness, path: &str) -> String {
    h.url(path).replace("127.0.0.1", "localhost")
}

/// Polls `script` until `check` holds on its result, for at most 20 s.
async fn until(h: &Harness, what: &str, script: &str, check: impl Fn(&Value) -> bool) -> Value {
    h.until(what, Duration::from_secs(20), script, check).await
}

/// Opens the configurator at `query` and waits for it to be drawn.
async fn open(h: &Harness, query: &str) {
    h.client.goto(&h.url(&format!("/configure{query}"))).await.expect("the configurator opens");
    until(h, "the configurator", "return !!document.querySelector('#feed-url');", |v| v == &json!(true)).await;
}

/// Types `url` into the feed field and sends the form.
async fn check_feed(h: &Harness, url: &str) {
    let field = h.client.find(Locator::Css("#feed-url")).await.expect("the feed field");
    field.clear().await.expect("cleared");
    field.send_keys(url).await.expect("typed");
    h.client
        .find(Locator::Css("form.feed button[type=submit]"))
        .await
        .expect("the button")
        .click()
        .await
        .expect("sent");
}

/// The text of `#feed-verdict` once it contains `expected`.
async fn verdict_saying(h: &Harness, expected: &str) -> String {
    let script = "return document.querySelector('#feed-verdict').textContent;";
    let verdict = until(h, expected, script, |v| v.as_str().is_some_and(|v| v.contains(expected))).await;
    verdict.as_str().unwrap_or_default().to_owned()
}

/// What the summary says the feed offers.
const OFFER: &str = "const text = (s) => document.querySelector(s)?.textContent.trim() ?? null;
    return { title: text('.feed-title'), language: text('.feed-language'), items: text('.feed-items'),
             tags: Array.from(document.querySelectorAll('.feed-tags button')).map((b) => b.textContent.trim()),
             images: text('.feed-images') };";

/// The titles a widget snapshot shows.
fn titles(widget: &Value) -> Vec<String> {
    items(widget).iter().map(|item| str_of(item, "title").to_owned()).collect()
}

/// Waits for the one widget on the page to show `count` headlines.
async fn showing(h: &Harness, count: usize) -> Value {
    let ready = |w: &[Value]| w.len() == 1 && str_of(&w[0], "state") == "ready" && items(&w[0]).len() == count;
    h.wait_for(&format!("{count} headlines"), Duration::from_secs(20), ready).await.remove(0)
}

/// Sets a select or types into a field, as a reader does.
async fn choose(h: &Harness, id: &str, value: &str) {
    let option = format!("#{id} option[value=\"{value}\"]");
    h.client.find(Locator::Css(&option)).await.expect("the option").click().await.expect("chosen");
}

async fn retype(h: &Harness, id: &str, value: &str) {
    let field = h.client.find(Locator::Css(&format!("#{id}"))).await.expect("the field");
    field.clear().await.expect("cleared");
    field.send_keys(value).await.expect("typed");
}

/// `dist/news-headlines/<version>/manifest.json`.
fn release_manifest() -> Value {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/dist/news-headlines/", env!("CARGO_PKG_VERSION"), "/manifest.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("dist/ is built")).expect("a manifest")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publisher_with_only_a_feed_url_gets_pinned_code_that_shows_the_same_widget_on_another_origin() {
    let h = Harness::start().await;
    h.newsroom.set_feed("configure-sample", sample_feed(&h));
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="64"><rect width="96" height="64" fill="teal"/></svg>"#;
    h.newsroom.add_asset("/img/story.svg", "image/svg+xml", svg.as_bytes().to_vec());
    open(&h, "").await;
    h.js("window.samePage = true; return null;", vec![]).await;

    // The feed, on another origin, checked as the widget checks it.
    let feed = elsewhere(&h, "/feeds/configure-sample.json");
    check_feed(&h, &feed).await;
    let offer = until(&h, "the feed's offer", OFFER, |o| o["title"].is_string()).await;
    assert_eq!(
        offer,
        json!({"title": "Configurator sample", "language": "en", "items": "12",
               "tags": ["world", "sport", "Gulf"], "images": "2 of 12 items have an image"})
    );
    let preview = showing(&h, 10).await;
    assert_eq!(str_of(&preview, "heading"), "Configurator sample");

    // Options change the preview live: fewer headlines, dark, one tag; the
    // feed is not fetched again (neither checked again nor reloaded).
    let requests = h.newsroom.requests("/feeds/configure-sample.json");
    retype(&h, "option-limit", "3").await;
    showing(&h, 3).await;
    choose(&h, "option-theme", "dark").await;
    h.client
        .find(Locator::XPath("//ul[@class='tags']//button[normalize-space()='sport']"))
        .await
        .expect("a tag")
        .click()
        .await
        .expect("chosen");
    let preview = h
        .wait_for("the sport stories", Duration::from_secs(20), |w| {
            w.len() == 1 && titles(&w[0]) == ["Story 1", "Story 4", "Story 7"]
        })
        .await
        .remove(0);
    let host = "const host = document.querySelector('news-headlines');
        return { limit: host.getAttribute('limit'), theme: host.getAttribute('theme'), tag: host.getAttribute('tag'),
                 refresh: host.getAttribute('refresh'), src: host.getAttribute('src'),
                 background: getComputedStyle(host.shadowRoot.querySelector('section')).backgroundColor,
                 samePage: window.samePage === true };";
    let expected_host = json!({"limit": "3", "theme": "dark", "tag": "sport", "refresh": null, "src": feed,
                              "background": "rgb(21, 21, 21)", "samePage": true});
    assert_eq!(h.js(host, vec![]).await, expected_host, "attributes set live, defaults left out, no reload");
    assert_eq!(h.newsroom.requests("/feeds/configure-sample.json"), requests, "options do not fetch the feed");
    h.js("window.scrollTo(0, 0); return null;", vec![]).await;
    h.screenshot("configure").await;

    // The page URL keeps the setup: reloaded, the same form and preview.
    let search = h.js("return location.search;", vec![]).await;
    let search = search.as_str().unwrap_or_default().to_owned();
    for part in ["limit=3", "theme=dark", "tag=sport", "src=http%3A%2F%2Flocalhost"] {
        assert!(search.contains(part), "{part} in {search}");
    }
    h.client.refresh().await.expect("reloaded");
    until(&h, "the form", "return document.querySelector('#option-limit')?.value ?? null;", |v| v == &json!("3")).await;
    let form = "return ['feed-url', 'option-theme', 'option-tag'].map((id) => document.getElementById(id).value);";
    assert_eq!(h.js(form, vec![]).await, json!([feed, "dark", "sport"]));
    let again = showing(&h, 3).await;
    assert_eq!(titles(&again), titles(&preview));
    assert_eq!(h.js(host, vec![]).await["samePage"], json!(false), "a reload is a new page");

    // The code: the versioned loader pinned, the element, the home page as the fallback.
    let code_script = "return document.querySelector('#embed-code').value;";
    let code = until(&h, "the code", code_script, |c| c.as_str().is_some_and(|c| c.contains("<news-headlines"))).await;
    let code = code.as_str().unwrap_or_default().to_owned();
    let manifest = release_manifest();
    let loader = format!("{}/{}", h.url(""), str_of(&manifest["loader"], "path"));
    assert_eq!(
        code,
        format!(
            "<script src=\"{loader}\" integrity=\"{}\" crossorigin=\"anonymous\" async></script>\n\
             <news-headlines src=\"{feed}\" limit=\"3\" tag=\"sport\" theme=\"dark\">\n  \
             <a href=\"https://news.example/\">Configurator sample</a>\n</news-headlines>\n",
            str_of(&manifest["loader"], "integrity")
        )
    );
    h.client.find(Locator::Css("#embed-code ~ .copy button")).await.expect("copy").click().await.expect("pressed");
    let said = "return document.querySelector('#embed-code ~ .copy [role=status]').textContent;";
    let said = until(&h, "the copy to be confirmed", said, |s| s.as_str().is_some_and(|s| !s.is_empty())).await;
    assert!(
        said == json!("Copied to the clipboard.") || said == json!("Selected: press Ctrl+C (⌘C on a Mac) to copy."),
        "{said}"
    );
    let link = h.js("return [document.querySelector('#share-link').value, location.href];", vec![]).await;
    assert_eq!(link[0], link[1], "the share link is the page URL");

    // Pasted into a blank page on another origin: the same widget.
    h.newsroom.add_page("/publisher/blank.html", page("", &code));
    h.client.goto(&elsewhere(&h, "/publisher/blank.html")).await.expect("the blank page opens");
    let pasted = showing(&h, 3).await;
    assert_eq!((titles(&pasted), str_of(&pasted, "heading")), (titles(&preview), "Configurator sample"));
    let script = "const s = document.querySelector('script'); const host = document.querySelector('news-headlines');
        return { integrity: s.integrity, crossOrigin: s.crossOrigin, cross: new URL(s.src).origin !== location.origin,
                 background: getComputedStyle(host.shadowRoot.querySelector('section')).backgroundColor };";
    let expected = json!({"integrity": str_of(&manifest["loader"], "integrity"), "crossOrigin": "anonymous",
                          "cross": true, "background": "rgb(21, 21, 21)"});
    assert_eq!(h.js(script, vec![]).await, expected);
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unusable_feed_is_explained_in_the_widget_s_words() {
    let h = Harness::start().await;
    h.newsroom.set_feed("not-a-feed", json!({"items": []}).to_string());
    h.newsroom.set_feed(
        "empty",
        json!({"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "no text"}]}).to_string(),
    );
    // The configurator's request, its no-cors probe and the preview's: none gets a CORS header.
    h.newsroom.fail_next("/feeds/latest-middle-east.json", Fault::NoCors, 10);
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        listener.local_addr().expect("its address").port()
    };
    open(&h, "").await;
    let cases = [
        (
            format!("http://127.0.0.1:{closed}/feed.json"),
            "Couldn’t reach the feed (offline, or blocked by CORS)",
            "Not reachable",
        ),
        (
            elsewhere(&h, "/feeds/latest-middle-east.json"),
            "Couldn’t reach the feed (offline, or blocked by CORS)",
            "No CORS header for this origin",
        ),
        (elsewhere(&h, "/feeds/missing.json"), "The feed answered HTTP 404", ""),
        (elsewhere(&h, "/feeds/not-a-feed.json"), "Not a JSON Feed: no JSON Feed version", ""),
        (elsewhere(&h, "/feeds/empty.json"), "No headlines right now.", "No usable items"),
    ];
    for (url, widget_says, why) in cases {
        check_feed(&h, &url).await;
        let says = format!("The widget says: {widget_says}");
        let script = "return document.querySelector('#feed-verdict').textContent;";
        let verdict = until(&h, &format!("{url}: {says} {why}"), script, |v| {
            v.as_str().is_some_and(|v| v.contains(&says) && v.contains(why))
        })
        .await;
        let verdict = verdict.as_str().unwrap_or_default();
        let origin = h.url("");
        assert_eq!(verdict.contains(&origin), why.starts_with("No CORS"), "the origin checked is named: {verdict}");
    }
    check_feed(&h, "javascript:alert(1)").await;
    verdict_saying(&h, "This is not a web address").await;
    h.stop().await;
}

/// Every form control, by id, with whether its label is shown and says something.
const CONTROLS: &str = "return Array.from(document.querySelectorAll('input, select, textarea')).map((control) => {
    const label = control.labels && control.labels[0];
    const box = label ? label.getBoundingClientRect() : null;
    return { id: control.id, labelled: !!label && label.textContent.trim() !== '' && box.width > 0 && box.height > 0 };
  });";

/// The id of every form control, once each is checked to have a label that is shown and says something.
async fn labelled_controls(h: &Harness) -> Vec<String> {
    let controls = h.js(CONTROLS, vec![]).await;
    let controls = controls.as_array().cloned().unwrap_or_default();
    let unlabelled: Vec<&Value> = controls.iter().filter(|c| c["labelled"] != json!(true)).collect();
    assert!(unlabelled.is_empty(), "controls without a visible label: {unlabelled:?}");
    controls.iter().filter_map(|c| c["id"].as_str().map(str::to_owned)).collect()
}

/// Presses Tab from the feed field until focus has gone round; returns the ids focused.
async fn tab_through(h: &Harness) -> Vec<String> {
    h.js("document.querySelector('#feed-url').focus(); return null;", vec![]).await;
    let mut seen = vec!["feed-url".to_owned()];
    for _ in 0..100 {
        let tab = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: Key::Tab.into() })
            .then(KeyAction::Up { value: Key::Tab.into() });
        h.client.perform_actions(tab).await.expect("Tab");
        let focused = h.js("return document.hasFocus() ? document.activeElement?.id ?? '' : null;", vec![]).await;
        match focused.as_str() {
            // Round to the first field, or out of the page (into the browser's own controls).
            Some("feed-url") | None => break,
            Some(id) if !id.is_empty() => seen.push(id.to_owned()),
            _ => {}
        }
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_configurator_works_by_keyboard_and_is_axe_clean_in_english_and_arabic() {
    let h = Harness::start().await;
    let feed = elsewhere(&h, "/feeds/latest-middle-east.json");
    let query = format!("?src={}&limit=4", feed.replace(':', "%3A").replace('/', "%2F"));
    open(&h, &query).await;
    until(&h, "the feed's offer", OFFER, |o| o["items"] == json!("16")).await;
    showing(&h, 4).await;

    let ids = labelled_controls(&h).await;
    assert_eq!(
        ids.len(),
        13 + 1 + 5,
        "the feed, every option but src, the host, the three codes and the link: {ids:?}"
    );
    assert_eq!(axe_violations(&h).await, json!([]), "English");

    // Arabic, by keyboard: the switch is a button.
    let switch = h.client.find(Locator::Css("button.switch")).await.expect("the language switch");
    switch.send_keys(&Key::Enter.to_string()).await.expect("Enter");
    let arabic = "return [document.documentElement.lang, document.documentElement.dir, document.querySelector('h1').textContent,
                          document.querySelector('label[for=feed-url]').textContent, new URLSearchParams(location.search).get('ui')];";
    let expected = json!(["ar", "rtl", "اعرض العناوين على موقعك", "رابط موجز JSON Feed", "ar"]);
    until(&h, "the Arabic page", arabic, |v| v == &expected).await;
    let limit_hint = h.js("return document.querySelector('#option-limit-hint').textContent;", vec![]).await;
    assert!(limit_hint.as_str().is_some_and(|t| t.contains("عدد العناوين المعروضة")), "{limit_hint}");
    assert_eq!(labelled_controls(&h).await, ids);
    h.screenshot("configure-ar").await;
    assert_eq!(axe_violations(&h).await, json!([]), "Arabic");
    // Then French, the switch's next language.
    h.client.find(Locator::Css("button.switch")).await.expect("the switch").click().await.expect("clicked");
    let expected = json!(["fr", "ltr", "Affichez des titres sur votre site", "URL du flux JSON Feed", "fr"]);
    until(&h, "the French page", arabic, |v| v == &expected).await;
    assert_eq!(axe_violations(&h).await, json!([]), "French");
    // Last: Tab may leave the page for the browser's own controls.
    let reached = tab_through(&h).await;
    let missed: Vec<&String> = ids.iter().filter(|id| !reached.contains(id)).collect();
    assert!(missed.is_empty(), "not reached by Tab: {missed:?} (reached {reached:?})");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_links_to_the_configurator() {
    let h = Harness::start().await;
    h.client.goto(&h.url("/index.html")).await.expect("the demo opens");
    // A reader clicks on a page that has finished loading: on a busy 2-core machine WebKit's driver
    // lost a click synthesised while the widgets were still loading (2 in 8 runs; none once settled).
    let count = h.js("return document.querySelectorAll('news-headlines').length;", vec![]).await;
    h.settled(count.as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or_default()).await;
    let link = h.client.find(Locator::LinkText("Embed these headlines on your site →")).await.expect("the link");
    link.click().await.expect("followed");
    until(&h, "the configurator", "return document.querySelector('h1')?.textContent ?? null;", |v| {
        v == &json!("Embed headlines on your site")
    })
    .await;
    let url = h.client.current_url().await.expect("a URL");
    assert_eq!(url.path(), "/configure");
    h.stop().await;
}
