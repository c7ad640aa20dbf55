//! The graceful floor (README "Browser support"): each API the widget needs
//! is removed in the host page before the loader runs. Below the floor the
//! reader sees the publisher's fallback children, nothing is downloaded and
//! nothing throws; a missing API with a cheap workaround still gets the widget.

use crate::{items, page, str_of, widget, TRAPS};
use harness::Harness;
use serde_json::{json, Value};

/// Opens a page with one widget whose head runs `removal` before the loader;
/// a page script raises an error of its own after the loader has run.
async fn open_without(h: &Harness, name: &str, removal: &str) {
    let head = format!(r#"{TRAPS}<script>{removal}</script><script src="/news-headlines.js"></script>"#);
    let body = format!(
        "{}<script>dispatchEvent(new ErrorEvent('error', {{ error: new Error('a page error'), message: 'a page error' }}));</script>",
        widget(r#"src="/feeds/latest-middle-east.json" limit="3" refresh="0""#)
    );
    h.open_page(&format!("/host/without-{name}.html"), &page(&head, &body)).await;
}

/// What the reader and the page see of the widget once the page has loaded.
const SEEN: &str = "const host = document.querySelector('news-headlines');
    let refresh = 'no refresh() method';
    if (typeof host.refresh === 'function') {
      try { host.refresh(); refresh = 'ok'; } catch (e) { refresh = String(e); }
    }
    return { shadow: host.shadowRoot !== null, state: host.getAttribute('state'), refresh,
             fallback: host.querySelector('a.fallback').getBoundingClientRect().height > 0,
             errors: window.pageErrors };";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn below_the_floor_the_fallback_stays_nothing_loads_and_nothing_throws() {
    let h = Harness::start().await;
    let rows = [
        ("webassembly", "delete window.WebAssembly;", "ok"),
        // An engine whose WebAssembly lacks what Rust's wasm32 target emits
        // (reference types, multi-value, …): it validates none of it.
        ("wasm-features", "WebAssembly.validate = () => false;", "ok"),
        ("shadow-dom", "delete Element.prototype.attachShadow;", "ok"),
        // Without custom elements the element is never defined, so it has no method.
        ("custom-elements", "delete window.customElements;", "no refresh() method"),
    ];
    for (name, removal, refresh) in rows {
        let before = h.answered_paths().len();
        open_without(&h, name, removal).await;
        let seen = h.js(SEEN, vec![]).await;
        let expected = json!({"shadow": false, "state": null, "refresh": refresh, "fallback": true,
                              "errors": ["a page error"]});
        assert_eq!(seen, expected, "without {name}");
        let page = format!("/host/without-{name}.html");
        let fetched: Vec<String> = h.answered_paths().split_off(before);
        let unexpected: Vec<&String> = fetched
            .iter()
            .filter(|path| ![page.as_str(), "/news-headlines.js", "/favicon.ico"].contains(&path.as_str()))
            .collect();
        assert!(unexpected.is_empty(), "without {name}, only the page and the loader are fetched: {fetched:?}");
    }
    h.stop().await;
}

/// Opens the page without `removal`'s API; waits for the widget to be ready
/// with its three headlines and no page error but the page's own.
async fn ready_without(h: &Harness, name: &str, removal: &str) -> Value {
    open_without(h, name, removal).await;
    let widgets = h.settled(1).await;
    assert_eq!((str_of(&widgets[0], "state"), items(&widgets[0]).len()), ("ready", 3), "without {name}");
    assert_eq!(h.js("return window.pageErrors;", vec![]).await, json!(["a page error"]), "without {name}");
    widgets.into_iter().next().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_constructable_stylesheets_a_style_element_styles_the_widget() {
    let h = Harness::start().await;
    ready_without(&h, "adopted-style-sheets", "delete ShadowRoot.prototype.adoptedStyleSheets;").await;
    let styled = h
        .js(
            "const root = document.querySelector('news-headlines').shadowRoot;
             return { styleElement: root.querySelector('style') !== null,
                      heading: getComputedStyle(root.querySelector('[part=heading]')).textTransform,
                      fallbackSlot: getComputedStyle(root.querySelector('slot')).display };",
            vec![],
        )
        .await;
    assert_eq!(styled, json!({"styleElement": true, "heading": "uppercase", "fallbackSlot": "none"}));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_intersection_observer_a_lazy_widget_far_below_loads_at_once() {
    let h = Harness::start().await;
    let head = format!(
        r#"{TRAPS}<script>delete window.IntersectionObserver;</script><script src="/news-headlines.js"></script>"#
    );
    let body = format!(
        r#"<div style="height: 400vh">The article.</div>{}"#,
        widget(r#"src="/feeds/latest-middle-east.json" limit="3" refresh="0" loading="lazy""#)
    );
    h.open_page("/host/without-intersection-observer.html", &page(&head, &body)).await;
    let widgets = h.settled(1).await;
    assert_eq!((str_of(&widgets[0], "state"), items(&widgets[0]).len()), ("ready", 3), "loaded without scrolling");
    let seen = "return { below: document.querySelector('news-headlines').getBoundingClientRect().top > innerHeight,
                         errors: window.pageErrors };";
    assert_eq!(h.js(seen, vec![]).await, json!({"below": true, "errors": []}), "still out of view, nothing thrown");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_relative_time_format_times_are_plain_dates() {
    let h = Harness::start().await;
    let widget = ready_without(&h, "relative-time-format", "delete Intl.RelativeTimeFormat;").await;
    let times = h
        .js(
            "return Array.from(document.querySelector('news-headlines').shadowRoot.querySelectorAll('time'))
               .map((time) => time.textContent);",
            vec![],
        )
        .await;
    let times: Vec<&str> = times.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    assert_eq!(times.len(), 3);
    assert!(times.iter().all(|time| time.contains("2016")), "the items' dates, with their year: {times:?}");
    let status = str_of(&widget, "status");
    let clock = status.strip_prefix("Updated ").unwrap_or_default();
    assert!(clock.chars().any(|c| c.is_ascii_digit()), "updated today, told as a clock time: {status}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_plural_rules_and_number_format_arrivals_are_still_announced() {
    let h = Harness::start().await;
    ready_without(&h, "plural-rules", "delete Intl.PluralRules; delete Intl.NumberFormat;").await;
    h.newsroom.publish("latest-middle-east").expect("a story to publish");
    h.js("document.querySelector('news-headlines').refresh();", vec![]).await;
    let announced = h
        .until(
            "the arrival to be announced",
            std::time::Duration::from_secs(10),
            "return document.querySelector('news-headlines').shadowRoot.querySelector('[aria-live=polite]').textContent;",
            |text| text.as_str().is_some_and(|t| !t.is_empty()),
        )
        .await;
    assert_eq!(announced, json!("1 new headline"), "1 takes `one` without Intl.PluralRules");
    assert_eq!(h.js("return window.pageErrors;", vec![]).await, json!(["a page error"]));
    h.stop().await;
}
