//! The widget's languages as readers get them: French, Urdu (right to left)
//! and Japanese widgets read back; an Arabic widget whose feed fails says so
//! in Arabic, with the error event's `code`; and the publisher's own words,
//! changed live.

use crate::{page, str_of, widget};
use harness::Harness;
use newsroom::Fault;
use serde_json::{json, Value};
use std::time::Duration;

/// A feed without a title (so the heading is the widget's own word) in `language`, if any.
fn feed(language: Option<&str>) -> String {
    let mut feed = json!({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "1", "title": "Story one", "url": "https://example.com/1"},
        {"id": "2", "title": "Story two", "url": "https://example.com/2"}
    ]});
    if let Some(language) = language {
        feed["language"] = json!(language);
    }
    feed.to_string()
}

/// Each widget's language, direction, heading, status, pause label and empty note.
const WORDS: &str = "return Array.from(document.querySelectorAll('news-headlines')).map((host) => {
    const root = host.shadowRoot, q = (s) => root.querySelector(s);
    return { state: host.getAttribute('state'), lang: q('section').getAttribute('lang'), dir: q('section').getAttribute('dir'),
      heading: q('[part=heading]').textContent, status: q('[part=status] > span').textContent,
      pause: q('[part=pause]').textContent };
  });";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn french_urdu_and_japanese_widgets_speak_their_language() {
    let h = Harness::start().await;
    h.newsroom.set_feed("untitled", feed(None));
    h.newsroom.set_feed("untitled-ur", feed(Some("ur-PK")));
    // French from the attribute (with a region), Urdu from the feed, Japanese from the attribute.
    let body = [
        widget(r#"src="/feeds/untitled.json" lang="fr-CA""#),
        widget(r#"src="/feeds/untitled-ur.json""#),
        widget(r#"src="/feeds/untitled.json" lang="ja""#),
    ]
    .concat();
    h.open_page("/host/languages.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    h.settled(3).await;
    let widgets = h.js(WORDS, vec![]).await;
    eprintln!("languages: {widgets:#}");
    let [fr, ur, ja] = [&widgets[0], &widgets[1], &widgets[2]];
    assert_eq!((str_of(fr, "lang"), str_of(fr, "dir"), str_of(fr, "heading")), ("fr-CA", "ltr", "Titres"));
    assert!(str_of(fr, "status").starts_with("Mis à jour "), "{fr}");
    assert_eq!(str_of(fr, "pause"), "Suspendre les mises à jour");
    assert_eq!((str_of(ur, "lang"), str_of(ur, "dir"), str_of(ur, "heading")), ("ur-PK", "rtl", "سرخیاں"));
    assert!(str_of(ur, "status").starts_with("تازہ کاری: "), "{ur}");
    assert_eq!(str_of(ur, "pause"), "تازہ کاری روکیں");
    assert_eq!((str_of(ja, "lang"), str_of(ja, "dir"), str_of(ja, "heading")), ("ja", "ltr", "ヘッドライン"));
    assert!(str_of(ja, "status").starts_with("更新: "), "{ja}");
    assert_eq!(str_of(ja, "pause"), "更新を一時停止");
    assert!(widgets.as_array().is_some_and(|w| w.iter().all(|w| str_of(w, "state") == "ready")));
    // The tables were fetched once each, from the versioned folder.
    let paths = h.answered_paths();
    for table in ["i18n/index.json", "i18n/fr.json", "i18n/ur.json", "i18n/ja.json"] {
        assert_eq!(paths.iter().filter(|p| p.ends_with(table)).count(), 1, "{table}: {paths:?}");
    }
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_arabic_widget_whose_feed_fails_says_so_in_arabic_with_the_event_s_code() {
    let h = Harness::start().await;
    h.newsroom.set_feed("failing-ar", feed(Some("ar")));
    h.newsroom.fail_next("/feeds/failing-ar.json", Fault::Status(500), 1);
    let body = format!(
        "<script>window.errors = []; document.addEventListener('news-headlines:error', (e) => errors.push(e.detail));</script>{}",
        widget(r#"src="/feeds/failing-ar.json" lang="ar" refresh="0""#)
    );
    h.open_page("/host/arabic-error.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    let widgets = h.settled(1).await;
    assert_eq!(str_of(&widgets[0], "state"), "error");
    assert_eq!(str_of(&widgets[0], "status"), "ردّ مصدر الأخبار بخطأ HTTP 500");
    assert_eq!(str_of(&widgets[0], "dir"), "rtl");
    let errors = h.js("return window.errors;", vec![]).await;
    assert_eq!(errors, json!([{"message": "The feed answered HTTP 500", "code": "status", "status": 500}]));
    h.stop().await;
}

/// The first widget's status text and heading, and the `strings` warnings so far.
const STATUS_AND_WARNINGS: &str = "const root = document.querySelector('news-headlines').shadowRoot;
    return [root.querySelector('[part=status] > span').textContent, root.querySelector('[part=heading]').textContent,
      window.warnings.filter((w) => w.includes('strings')).length];";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_publisher_s_words_change_live_and_a_bad_value_warns_once() {
    let h = Harness::start().await;
    h.newsroom.set_feed("untitled", feed(None));
    let body = format!(
        "<script>window.warnings = []; const warn = console.warn.bind(console);
           console.warn = (...args) => {{ warnings.push(String(args[0])); warn(...args); }};</script>{}",
        widget(
            r#"src="/feeds/untitled.json" refresh="0" strings='{"updated": "Refreshed {time}", "heading": "<b>Wire</b>"}'"#
        )
    );
    h.open_page("/host/strings.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    h.settled(1).await;
    let read = || h.js(STATUS_AND_WARNINGS, vec![]);
    let first = read().await;
    assert!(first[0].as_str().is_some_and(|s| s.starts_with("Refreshed ")), "{first}");
    assert_eq!(first[1], json!("<b>Wire</b>"), "an override is text, never HTML");
    assert_eq!(first[2], json!(0));
    h.js(
        r#"document.querySelector('news-headlines').setAttribute('strings', '{"updated": "Live · {time}", "heading": "Wire"}');"#,
        vec![],
    )
    .await;
    let changed = |expected: &'static str| move |v: &Value| v[0].as_str().is_some_and(|s| s.starts_with(expected));
    let live = h.until("the new words", Duration::from_secs(5), STATUS_AND_WARNINGS, changed("Live · ")).await;
    assert_eq!(live[1], json!("Wire"));
    assert_eq!(live[2], json!(0));
    // Not JSON: one warning, and the widget's own words.
    h.js("document.querySelector('news-headlines').setAttribute('strings', '{oops');", vec![]).await;
    let fallback =
        h.until("the widget's words", Duration::from_secs(5), STATUS_AND_WARNINGS, changed("Updated ")).await;
    assert_eq!(fallback[1], json!("Headlines"));
    // Other attributes change; the bad value is not warned about again.
    h.js("document.querySelector('news-headlines').setAttribute('limit', '1');", vec![]).await;
    h.until(
        "one row",
        Duration::from_secs(5),
        "return document.querySelector('news-headlines').shadowRoot.querySelectorAll('li[part=item]').length;",
        |n| n == &json!(1),
    )
    .await;
    assert_eq!(read().await[2], json!(1), "warned once");
    h.stop().await;
}

/// Wraps `console.warn` so the page keeps what was warned (`window.warnings`).
const KEEP_WARNINGS: &str = "<script>window.warnings = []; const warn = console.warn.bind(console);
    console.warn = (...args) => { warnings.push(String(args[0])); warn(...args); };</script>";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_english_page_fetches_no_phrase_table_and_a_french_widget_only_its_own() {
    let h = Harness::start().await;
    h.newsroom.set_feed("untitled", feed(None));
    h.newsroom.set_feed("untitled-en", feed(Some("en-GB")));
    let english = [widget(r#"src="/feeds/untitled.json""#), widget(r#"src="/feeds/untitled-en.json" lang="en-US""#)];
    h.open_page("/host/english.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &english.concat()))
        .await;
    h.settled(2).await;
    let widgets = h.js(WORDS, vec![]).await;
    for widget in widgets.as_array().into_iter().flatten() {
        assert_eq!((str_of(widget, "state"), str_of(widget, "heading")), ("ready", "Headlines"), "{widget}");
        assert!(str_of(widget, "status").starts_with("Updated "), "{widget}");
    }
    let paths = h.answered_paths();
    assert!(paths.iter().any(|p| p.ends_with(".wasm")), "the widget loaded: {paths:?}");
    assert!(!paths.iter().any(|p| p.contains("/i18n/")), "an English page fetches no phrase table: {paths:?}");

    h.open_page(
        "/host/french.html",
        &page(
            r#"<script src="/news-headlines.js" async></script>"#,
            &widget(r#"src="/feeds/untitled.json" lang="fr""#),
        ),
    )
    .await;
    h.settled(1).await;
    let french = h.js(WORDS, vec![]).await;
    assert_eq!(str_of(&french[0], "heading"), "Titres", "{french}");
    let tables: Vec<String> = h.answered_paths().into_iter().filter(|p| p.contains("/i18n/")).collect();
    let expected = ["i18n/index.json", "i18n/fr.json"];
    assert_eq!(tables.len(), 2, "the index and French, nothing else: {tables:?}");
    assert!(tables.iter().zip(expected).all(|(path, table)| path.ends_with(table)), "{tables:?}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phrase_table_that_cannot_be_had_is_warned_about_and_english_stands_in() {
    let h = Harness::start().await;
    h.newsroom.set_feed("untitled", feed(None));
    let version = env!("CARGO_PKG_VERSION");
    // German's table answers 500; Spanish's is not the file its pin names.
    h.newsroom.fail_next(&format!("/news-headlines/{version}/i18n/de.json"), Fault::Status(500), 1);
    h.newsroom.fail_next(&format!("/news-headlines/{version}/i18n/es.json"), Fault::BadJson, 1);
    let body = [
        KEEP_WARNINGS,
        &widget(r#"src="/feeds/untitled.json" lang="de""#),
        &widget(r#"src="/feeds/untitled.json" lang="es-MX""#),
    ]
    .concat();
    h.open_page("/host/no-table.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    h.settled(2).await;
    let widgets = h.js(WORDS, vec![]).await;
    for widget in widgets.as_array().into_iter().flatten() {
        assert_eq!((str_of(widget, "state"), str_of(widget, "heading")), ("ready", "Headlines"), "{widget}");
        assert_eq!(str_of(widget, "pause"), "Pause updates", "{widget}");
    }
    let warnings = h.js("return window.warnings.filter((w) => w.includes('could not be loaded'));", vec![]).await;
    let warned = |code: &str| {
        let file = format!("i18n/{code}.json");
        warnings.as_array().into_iter().flatten().filter(|w| w.as_str().is_some_and(|w| w.contains(&file))).count()
    };
    assert_eq!((warned("de"), warned("es")), (1, 1), "{warnings}");
    h.stop().await;
}
