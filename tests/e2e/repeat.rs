//! Repeat page views: the first request of a page view honours the feed's
//! caching headers (`src/freshness.rs`). A copy the server said is fresh
//! shows with no network wait; `no-cache` and expired copies are revalidated
//! before anything shows; a copy within `stale-while-revalidate` shows, then
//! updates in place.

use crate::{items, page, str_of, widget};
use harness::browsers::Engine;
use harness::{skipped_in, Harness};
use newsroom::Fault;
use serde_json::{json, Value};
use std::time::Duration;

const FEED: &str = "latest-middle-east";
const PATH: &str = "/feeds/latest-middle-east.json";

const NO_HTTP_CACHE: &str = "WebKitGTK's automation session is ephemeral and has no HTTP cache (even `cache: \
    \"force-cache\"` goes to the network), so there is no stored copy to show";

/// A host page with one widget on the feed, the text below it, and a record
/// of what it shows: `window.firstIds` (the rows of its first render, each
/// `<li>` marked with its id as `__mark`, and where the text below stood:
/// `window.firstBelow`), `window.updates` (the update events' details).
fn host_page() -> String {
    let record = "<script>window.updates = []; window.firstIds = null;
      document.addEventListener('news-headlines:update', (e) => updates.push(e.detail));
      customElements.whenDefined('news-headlines').then(() => {
        const root = document.querySelector('news-headlines').shadowRoot;
        new MutationObserver((records, observer) => {
          const rows = Array.from(root.querySelectorAll('li[data-id]'));
          if (!rows.length) return;
          observer.disconnect();
          for (const li of rows) li.__mark = li.dataset.id;
          window.firstIds = rows.map((li) => li.dataset.id);
          window.firstBelow = document.querySelector('#below').getBoundingClientRect().top;
        }).observe(root, { subtree: true, childList: true });
      });</script>";
    let body = format!(
        "<h1>Article</h1>{}<p id=\"below\">The article goes on.</p>{record}",
        widget(&format!(r#"src="{PATH}" limit="5" refresh="0""#))
    );
    page(r#"<script src="/news-headlines.js" async></script>"#, &body)
}

/// Opens the first page view and waits for its headlines; returns their ids.
async fn first_view(h: &Harness) -> Vec<String> {
    h.open_page("/host/first.html", &host_page()).await;
    let settled = h.settled(1).await;
    assert_eq!(str_of(&settled[0], "state"), "ready");
    ids(&settled[0])
}

fn ids(widget: &Value) -> Vec<String> {
    items(widget).iter().map(|item| str_of(item, "id").to_owned()).collect()
}

/// The ids of the first rows the widget rendered on this page.
async fn first_ids(h: &Harness) -> Vec<String> {
    let seen = h.until("a first render", Duration::from_secs(20), "return window.firstIds;", Value::is_array).await;
    serde_json::from_value(seen).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_feed_shows_on_the_next_page_before_any_feed_request_is_answered() {
    if skipped_in(
        "a_fresh_feed_shows_on_the_next_page_before_any_feed_request_is_answered",
        &[Engine::WebKit],
        NO_HTTP_CACHE,
    ) {
        return;
    }
    let h = Harness::start().await;
    h.newsroom.set_feed_caching(FEED, "public, max-age=60, stale-while-revalidate=60");
    let shown = first_view(&h).await;
    let requests = h.newsroom.requests(PATH);
    // Every feed request from now on is held until the server stops.
    h.newsroom.fail_next(PATH, Fault::Hang, 10);
    tokio::time::sleep(Duration::from_secs(4)).await;
    h.open_page("/host/second.html", &host_page()).await;
    let ready = h
        .wait_for("the stored headlines", Duration::from_secs(10), |w| w.first().is_some_and(|w| w["state"] == "ready"))
        .await;
    assert_eq!(ids(&ready[0]), shown, "the same headlines, while any feed request would hang");
    assert_eq!(h.newsroom.requests(PATH), requests, "no feed request at all within max-age");
    let updates = h.js("return window.updates;", vec![]).await;
    let age = updates[0]["age"].as_u64().unwrap_or_default();
    assert!((4..60).contains(&age), "the update event tells the stored copy's age: {updates}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_no_cache_feed_never_shows_a_stored_copy() {
    let h = Harness::start().await;
    first_view(&h).await;
    let new_id = h.newsroom.publish(FEED).expect("published");
    h.open_page("/host/second.html", &host_page()).await;
    let first = first_ids(&h).await;
    assert_eq!(first.first(), Some(&new_id), "the first render is the current feed: {first:?}");
    let updates = h.js("return window.updates;", vec![]).await;
    assert_eq!(updates[0]["age"], json!(0), "a copy straight from the server: {updates}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_copy_is_revalidated_before_it_is_shown() {
    let h = Harness::start().await;
    h.newsroom.set_feed_caching(FEED, "public, max-age=1");
    first_view(&h).await;
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let new_id = h.newsroom.publish(FEED).expect("published");
    h.open_page("/host/second.html", &host_page()).await;
    let first = first_ids(&h).await;
    assert_eq!(first.first(), Some(&new_id), "the expired copy never shows: {first:?}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_copy_shows_at_once_then_updates_in_place() {
    if skipped_in("a_stale_copy_shows_at_once_then_updates_in_place", &[Engine::WebKit], NO_HTTP_CACHE) {
        return;
    }
    let h = Harness::start().await;
    h.newsroom.set_feed_caching(FEED, "public, max-age=1, stale-while-revalidate=60");
    let shown = first_view(&h).await;
    // Past max-age, and older than a copy straight from the network can look (freshness::NETWORK_AGE_MS).
    tokio::time::sleep(Duration::from_millis(4_500)).await;
    let new_id = h.newsroom.publish(FEED).expect("published");
    h.open_page("/host/second.html", &host_page()).await;
    let first = first_ids(&h).await;
    assert_eq!(first, shown, "the stored copy shows first");
    let updated = h
        .wait_for("the revalidated feed", Duration::from_secs(10), |w| {
            w.first().and_then(|w| items(w).first()).is_some_and(|item| str_of(item, "id") == new_id)
        })
        .await;
    let rows = items(&updated[0]);
    let marked_new: Vec<bool> = rows.iter().map(|row| row["isNew"] == json!(true)).collect();
    assert_eq!(marked_new, [true, false, false, false, false], "only what arrived since the copy is new");
    let kept = crate::kept_rows(&h).await;
    assert_eq!(kept, json!([false, true, true, true, true]), "the stored rows stay the same DOM nodes");
    let below = "return [window.firstBelow, document.querySelector('#below').getBoundingClientRect().top];";
    let [first, now] = serde_json::from_value::<[f64; 2]>(h.js(below, vec![]).await).unwrap_or_default();
    assert!(first > 0.0 && first == now, "the text below does not move: {first} then {now}");
    let updates = h.js("return window.updates;", vec![]).await;
    assert!(updates[0]["age"].as_u64().unwrap_or_default() >= 4, "the first update tells a stored copy: {updates}");
    assert_eq!((updates[1]["added"].clone(), updates[1]["age"].clone()), (json!(1), json!(0)), "{updates}");
    h.stop().await;
}
