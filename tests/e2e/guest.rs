//! A good guest on the host page: the widget's box keeps its size from
//! loading to ready, through updates that bring new headlines and through
//! failures, so the page's text below it never moves.

use crate::{page, str_of, widget};
use harness::Harness;
use newsroom::Fault;
use serde_json::{json, Value};
use std::time::Duration;

/// Where the text below the widget starts, the widget's height, its state,
/// and (where the browser has the Layout Instability API) the layout shifts
/// recorded so far.
const MEASURE: &str = "const host = document.querySelector('news-headlines');
    return { below: document.querySelector('#below').getBoundingClientRect().top,
             height: host.getBoundingClientRect().height,
             state: host.getAttribute('state'),
             shifts: window.shifts ?? null, early: window.early ?? null,
             firstFrame: window.firstFrame ?? null };";

/// Where the text below the widget is laid out for the page's first frame
/// (an animation frame callback runs before the frame is painted), in every
/// engine: `window.firstFrame`. Placed after `#below`.
const FIRST_FRAME: &str = "<script>requestAnimationFrame(() => {
    window.firstFrame = document.querySelector('#below').getBoundingClientRect().top; });</script>";

/// Sums layout-shift entries (not caused by input) from the first frame
/// painted after the widget's `state` first reads `loading`, where the
/// browser reports them (`window.shifts` stays `null` elsewhere);
/// `window.early` sums the earlier ones (the fallback giving way to the box).
const OBSERVE_SHIFTS: &str = "<script>window.shifts = null; window.early = null;
    if (PerformanceObserver.supportedEntryTypes?.includes('layout-shift')) {
      window.shifts = 0; window.early = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          if (window.loadingAt !== undefined && e.startTime >= loadingAt) shifts += e.value; else early += e.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
      new MutationObserver((records, observer) => {
        const host = document.querySelector('news-headlines');
        if (host?.getAttribute('state') !== 'loading') return;
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => { window.loadingAt = performance.now(); }));
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['state'] });
    }</script>";

async fn measure_when(h: &Harness, state: &str) -> Value {
    h.until(&format!("state {state}"), Duration::from_secs(20), MEASURE, |seen| seen["state"] == json!(state)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_below_the_widget_stays_put_from_loading_to_ready_through_updates_and_failures() {
    let h = Harness::start().await;
    let path = "/feeds/latest-middle-east.json";
    // The first request hangs (loading stays on screen) until the widget's
    // 10 s timeout: an error with nothing to show; refresh() then succeeds.
    h.newsroom.fail_next(path, Fault::Hang, 1);
    let body = format!(
        "<h1>Host article</h1>{}<p id=\"below\">The article goes on below the widget.</p>",
        widget(&format!(r#"src="{path}" limit="6" refresh="0""#))
    );
    h.open_page(
        "/host/guest.html",
        &page(&format!(r#"{OBSERVE_SHIFTS}<script src="/news-headlines.js" async></script>"#), &body),
    )
    .await;
    let loading = measure_when(&h, "loading").await;
    h.js("return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));", vec![]).await;
    let error = measure_when(&h, "error").await;
    h.js("document.querySelector('news-headlines').refresh(); return null;", vec![]).await;
    let ready = measure_when(&h, "ready").await;

    h.newsroom.publish("latest-middle-east").expect("published");
    h.newsroom.publish("latest-middle-east").expect("published");
    h.js("document.querySelector('news-headlines').refresh(); return null;", vec![]).await;
    h.wait_for("two new headlines", Duration::from_secs(5), |w| {
        w.first().is_some_and(|w| crate::items(w).iter().filter(|i| i["isNew"] == json!(true)).count() == 2)
    })
    .await;
    // Let the rows slide into place.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let updated = h.js(MEASURE, vec![]).await;

    h.newsroom.fail_next(path, Fault::Status(500), 1);
    h.js("document.querySelector('news-headlines').refresh(); return null;", vec![]).await;
    let stale = measure_when(&h, "stale").await;

    for (name, seen) in [("error", &error), ("ready", &ready), ("updated", &updated), ("stale", &stale)] {
        assert_eq!(
            seen["below"], loading["below"],
            "the text below moved between loading and {name}: {seen} vs {loading}"
        );
        assert_eq!(seen["height"], loading["height"], "the widget changed height between loading and {name}");
    }
    assert!(loading["height"].as_f64().unwrap_or(0.0) > 300.0, "the box is reserved while loading: {loading}");
    if stale["shifts"] != Value::Null {
        assert_eq!(stale["shifts"], json!(0), "layout shifts recorded by the browser after loading: {stale}");
    }
    assert_eq!(str_of(&stale, "state"), "stale");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_loader_in_the_head_reserves_the_box_before_the_first_paint() {
    let h = Harness::start().await;
    let body = format!(
        "<h1>Host article</h1>{}<p id=\"below\">The article goes on below the widget.</p>{FIRST_FRAME}",
        widget(r#"src="/feeds/latest-middle-east.json" limit="4" refresh="0""#)
    );
    // A classic script in the head runs before the body is parsed, so the
    // element is defined, and its box reserved, before anything is painted.
    h.open_page(
        "/host/head.html",
        &page(&format!(r#"{OBSERVE_SHIFTS}<script src="/news-headlines.js"></script>"#), &body),
    )
    .await;
    let ready = measure_when(&h, "ready").await;
    assert_eq!(ready["firstFrame"], ready["below"], "the text below moved after the first frame: {ready}");
    if ready["early"] != Value::Null {
        assert_eq!(
            (&ready["early"], &ready["shifts"]),
            (&json!(0), &json!(0)),
            "layout shifts from the first paint: {ready}"
        );
    }
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lazy_widget_fetches_nothing_until_it_comes_near_then_renders() {
    let h = Harness::start().await;
    let feed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/feeds/around-arab-news.json")).expect("feed");
    h.newsroom.set_feed("lazy", feed);
    // `loading` is read as every keyword is (trimmed, in any ASCII case), by the loader's generated reader.
    let body = format!(
        "<div style=\"height: 300vh\">Three screens of article</div>{}",
        widget(r#"src="/feeds/lazy.json" loading=" Lazy " limit="3" refresh="0""#)
    );
    h.open_page("/host/lazy.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let fetched = "return performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
        .filter((path) => path.endsWith('.wasm') || path.startsWith('/feeds/'));";
    assert_eq!(h.js(fetched, vec![]).await, json!([]), "nothing is fetched for a widget three screens away");
    let waiting = h
        .js(
            "const host = document.querySelector('news-headlines');
             return { shadow: host.shadowRoot !== null, state: host.getAttribute('state'),
                      fallback: host.querySelector('a.fallback').getBoundingClientRect().height > 0 };",
            vec![],
        )
        .await;
    assert_eq!(waiting, json!({"shadow": false, "state": null, "fallback": true}), "the fallback shows meanwhile");
    assert_eq!(h.newsroom.requests("/feeds/lazy.json"), 0);

    h.js("window.scrollTo(0, document.body.scrollHeight); return null;", vec![]).await;
    let widgets = h.settled(1).await;
    assert_eq!((str_of(&widgets[0], "state"), crate::items(&widgets[0]).len()), ("ready", 3));
    assert_eq!(h.newsroom.requests("/feeds/lazy.json"), 1);
    h.stop().await;
}

/// Each widget's `--rows` and height.
const BOXES: &str = "Array.from(document.querySelectorAll('news-headlines'), (host) => ({
    rows: host.shadowRoot.querySelector('section').style.getPropertyValue('--rows'),
    height: host.getBoundingClientRect().height }))";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reserved_rows_are_the_rendered_rows_for_any_limit() {
    let h = Harness::start().await;
    let limits = ["7.9", " 7", "7abc", "+7", "1e1", "-3", "0", "99", ""];
    let widgets: String = (limits.iter())
        .map(|limit| widget(&format!(r#"src="/feeds/latest-middle-east.json" limit="{limit}" refresh="0""#)))
        .collect();
    // A classic loader after the elements reserves every box as it runs, long before the wasm arrives.
    let body =
        format!(r#"{widgets}<script src="/news-headlines.js"></script><script>window.reserved = {BOXES};</script>"#);
    h.open_page("/host/limits.html", &page("", &body)).await;
    h.settled(limits.len()).await;
    let rendered = h.js(&format!("return {BOXES};"), vec![]).await;
    assert_eq!(rendered, h.js("return window.reserved;", vec![]).await, "the loader's boxes are the widget's");
    let rows: Vec<&str> = rendered.as_array().into_iter().flatten().map(|b| str_of(b, "rows")).collect();
    assert_eq!(rows, ["10", "7", "10", "7", "10", "1", "1", "50", "10"], "`limit` read as src/attributes.rs reads it");
    h.stop().await;
}
