//! Live refresh: new stories, kept rows, failures, shared polling, removal.

use crate::{items, page, str_of, widget};
use harness::browsers::Engine;
use harness::{skipped_in, Harness};
use newsroom::Fault;
use serde_json::{json, Value};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_updates_add_new_stories_keep_existing_rows_and_survive_failures() {
    let h = Harness::start().await;
    let path = "/feeds/latest-middle-east.json";
    let body = format!(
        "{}<script>window.updates = []; document.addEventListener('news-headlines:update', (e) => updates.push(e.detail));
         window.errors = []; document.addEventListener('news-headlines:error', (e) => errors.push(e.detail));</script>",
        widget(&format!(r#"src="{path}" limit="5" refresh="5""#))
    );
    h.open_page("/host/live.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    let before = h.settled(1).await;
    let old_ids: Vec<String> = items(&before[0]).iter().map(|i| str_of(i, "id").to_owned()).collect();
    h.js(
        "document.querySelector('news-headlines').shadowRoot.querySelectorAll('li').forEach((li) => { li.__mark = li.dataset.id; }); return null;",
        vec![],
    )
    .await;

    let new_id = h.newsroom.publish("latest-middle-east").expect("published");
    h.js("document.querySelector('news-headlines').refresh(); return null;", vec![]).await;
    let after = h
        .wait_for("the new story, fetched at once by refresh()", Duration::from_secs(2), |w| {
            w.first().and_then(|w| items(w).first()).is_some_and(|i| str_of(i, "id") == new_id)
        })
        .await;
    let rows = items(&after[0]);
    assert_eq!(rows.len(), 5, "the limit applies after the update");
    assert!(rows[0]["isNew"].as_bool().unwrap_or(false));
    assert!(!rows[1]["isNew"].as_bool().unwrap_or(true));
    let kept = crate::kept_rows(&h).await;
    assert_eq!(kept, json!([false, true, true, true, true]), "old rows are the same DOM nodes");
    assert_eq!(rows[1]["id"], json!(old_ids[0]));
    let updates = h.js("return window.updates;", vec![]).await;
    assert_eq!(
        updates.as_array().and_then(|u| u.last()),
        Some(&json!({"added": 1, "removed": 1, "total": 5, "age": 0}))
    );

    h.newsroom.fail_next(path, Fault::Status(500), 1);
    let stale = h
        .wait_for("stale", Duration::from_secs(15), |w| w.first().is_some_and(|w| str_of(w, "state") == "stale"))
        .await;
    assert_eq!(items(&stale[0]).len(), 5, "the last good headlines stay");
    assert!(str_of(&stale[0], "status").starts_with("Couldn’t update · showing headlines from"), "{}", stale[0]);
    let errors = h.js("return window.errors;", vec![]).await;
    assert_eq!(errors, json!([{"message": "The feed answered HTTP 500", "code": "status", "status": 500}]));
    h.wait_for("recovery", Duration::from_secs(20), |w| w.first().is_some_and(|w| str_of(w, "state") == "ready")).await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_while_a_fetch_is_in_flight_fetches_again_after_it() {
    let h = Harness::start().await;
    let path = "/feeds/latest-middle-east.json";
    let body = widget(&format!(r#"src="{path}" limit="5" refresh="0""#));
    h.open_page("/host/in-flight.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    h.settled(1).await;
    let before = h.newsroom.requests(path);
    // The next answer is made when its request arrives, before the publish below.
    h.newsroom.fail_next(path, Fault::Late, 1);
    h.js("document.querySelector('news-headlines').refresh(); return null;", vec![]).await;
    let started = std::time::Instant::now();
    while h.newsroom.requests(path) == before {
        assert!(started.elapsed() < Duration::from_secs(5), "refresh() fetched nothing");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let new_id = h.newsroom.publish("latest-middle-east").expect("published");
    h.js("document.querySelector('news-headlines').refresh(); return null;", vec![]).await;
    h.wait_for("the story published while the first fetch was in flight", Duration::from_secs(5), |w| {
        w.first().and_then(|w| items(w).first()).is_some_and(|i| str_of(i, "id") == new_id)
    })
    .await;
    assert_eq!(h.newsroom.requests(path), before + 2, "one fetch after the one in flight, not two at once");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widgets_share_one_request_per_feed_and_stop_when_removed() {
    let h = Harness::start().await;
    let path = "/feeds/around-arab-news.json";
    let body =
        [widget(&format!(r#"src="{path}" refresh="5""#)), widget(&format!(r#"src="{path}" refresh="30" limit="3""#))]
            .concat();
    h.open_page("/host/shared.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    h.settled(2).await;
    assert_eq!(h.newsroom.requests(path), 1, "concurrent first loads share one request");
    tokio::time::sleep(Duration::from_millis(5_600)).await;
    assert_eq!(h.newsroom.requests(path), 2, "one request per (shortest) interval for both widgets");

    h.js("document.querySelectorAll('news-headlines').forEach((w) => w.remove()); return null;", vec![]).await;
    let after_removal = h.newsroom.requests(path);
    tokio::time::sleep(Duration::from_millis(6_000)).await;
    assert_eq!(h.newsroom.requests(path), after_removal, "no requests once no widget shows the feed");
    h.stop().await;
}

/// Opens a page with one widget on `path` refreshing every 5 s, once it is ready.
async fn unchanged_feed_page(h: &Harness, path: &str) {
    let body = widget(&format!(r#"src="{path}" refresh="5""#));
    h.open_page("/host/unchanged.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    h.settled(1).await;
}

/// Waits until the newsroom has answered `count` requests for `path`.
async fn answered(h: &Harness, path: &str, count: usize) -> Vec<u16> {
    let started = std::time::Instant::now();
    loop {
        let answers = h.answers(path);
        if answers.len() >= count {
            return answers;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "{count} answers for {path}: {answers:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unchanged_feed_is_refetched_without_touching_the_dom() {
    let h = Harness::start().await;
    let path = "/feeds/latest-middle-east.json";
    unchanged_feed_page(&h, path).await;
    h.js(
        "window.mutations = 0; new MutationObserver((records) => { mutations += records.length; })
           .observe(document.querySelector('news-headlines').shadowRoot, {subtree: true, childList: true, attributes: true, characterData: true});
         return null;",
        vec![],
    )
    .await;
    let before = h.answers(path).len();
    answered(&h, path, before + 1).await;
    let fetched =
        "return performance.getEntriesByType('resource').filter((e) => e.name.endsWith(arguments[0])).length;";
    let started = std::time::Instant::now();
    while h.js(fetched, vec![json!(path)]).await != json!(before + 1) {
        assert!(started.elapsed() < Duration::from_secs(5), "the page never received the answer");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The body is compared in the page a moment after it arrives.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(h.js("return window.mutations;", vec![]).await, json!(0), "an unchanged feed changes nothing");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unchanged_feed_is_revalidated_with_a_304() {
    if skipped_in(
        "an_unchanged_feed_is_revalidated_with_a_304",
        &[Engine::WebKit],
        "WebKitGTK's automation session is ephemeral and has no HTTP cache (even `cache: \"force-cache\"` \
         goes to the network), so the browser has nothing to revalidate and sends no If-None-Match",
    ) {
        return;
    }
    let h = Harness::start().await;
    let path = "/feeds/latest-middle-east.json";
    unchanged_feed_page(&h, path).await;
    // Asked of the server: Firefox's Resource Timing reports a 304 with the cached body's size.
    assert_eq!(answered(&h, path, 2).await, [200, 304], "the browser revalidated its cached copy");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_page_makes_no_requests_and_catches_up_when_shown() {
    let h = Harness::start().await;
    let path = "/feeds/latest-middle-east.json";
    h.open_page(
        "/host/hidden.html",
        &page(r#"<script src="/news-headlines.js" async></script>"#, &widget(&format!(r#"src="{path}" refresh="5""#))),
    )
    .await;
    h.settled(1).await;
    let set_hidden = "Object.defineProperty(document, 'hidden', {configurable: true, get: () => arguments[0]});
                      document.dispatchEvent(new Event('visibilitychange')); return null;";
    h.js(set_hidden, vec![json!(true)]).await;
    let hidden_at = h.newsroom.requests(path);
    let new_id = h.newsroom.publish("latest-middle-east").expect("published");
    tokio::time::sleep(Duration::from_millis(7_000)).await;
    assert_eq!(h.newsroom.requests(path), hidden_at, "no request while hidden");
    let widgets = h.widgets().await;
    assert_ne!(str_of(&items(&widgets[0])[0], "id"), new_id);

    h.js(set_hidden, vec![json!(false)]).await;
    h.wait_for("the overdue update", Duration::from_secs(3), |w| {
        w.first().and_then(|w| items(w).first()).is_some_and(|i| str_of(i, "id") == new_id)
    })
    .await;
    assert_eq!(h.newsroom.requests(path), hidden_at + 1, "one request on becoming visible");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_attributes_reconfigures_a_live_widget() {
    let h = Harness::start().await;
    let body = widget(r#"src="/feeds/latest-middle-east.json" limit="5" refresh="60""#);
    h.open_page("/host/attributes.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    h.settled(1).await;
    let set = "document.querySelector('news-headlines').setAttribute(arguments[0], arguments[1]); return null;";
    let first_title = |w: &[Value]| w.first().and_then(|w| items(w).first()).map(|i| str_of(i, "title").to_owned());

    h.js(set, vec![json!("limit"), json!("2")]).await;
    h.wait_for("limit 2", Duration::from_secs(5), |w| w.first().is_some_and(|w| items(w).len() == 2)).await;

    h.js(set, vec![json!("tag"), json!("syria")]).await;
    let tagged = h
        .wait_for("tag syria", Duration::from_secs(5), |w| {
            first_title(w).is_some_and(|t| t != "Iran nuclear chief sees no threat to deal if Trump wins")
        })
        .await;
    assert!(items(&tagged[0]).len() <= 2);

    h.js(set, vec![json!("tag"), json!("")]).await;
    h.js(set, vec![json!("src"), json!("/feeds/around-arab-news.json")]).await;
    h.js(set, vec![json!("heading"), json!("Around Arab News")]).await;
    let switched = h
        .wait_for("the new feed", Duration::from_secs(10), |w| {
            w.first().is_some_and(|w| str_of(w, "state") == "ready" && str_of(w, "heading") == "Around Arab News")
                && first_title(w).is_some_and(|t| t == "Iran nuclear chief sees no threat to deal if Trump wins")
        })
        .await;
    assert_eq!(items(&switched[0])[1]["title"], json!("US threatens to end Russia diplomacy"));
    assert_eq!(h.newsroom.requests("/feeds/around-arab-news.json"), 1);

    h.js(set, vec![json!("refresh"), json!("5")]).await;
    tokio::time::sleep(Duration::from_millis(5_800)).await;
    assert_eq!(h.newsroom.requests("/feeds/around-arab-news.json"), 2, "the new interval applies");
    assert_eq!(h.newsroom.requests("/feeds/latest-middle-east.json"), 1, "the old feed is no longer polled");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_attribute_changes_is_read_once() {
    let h = Harness::start().await;
    let body = widget(r#"src="/feeds/latest-middle-east.json" refresh="0""#);
    h.open_page("/host/burst.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    h.settled(1).await;
    // Three feeds in one task of the page, as a framework re-rendering
    // several props would: only the last is fetched. (The page's own task,
    // not the WebDriver script: WebKitGTK's driver runs microtasks after
    // each custom element reaction of a script it executes.)
    h.js(
        "setTimeout(() => {
           const w = document.querySelector('news-headlines');
           w.setAttribute('src', '/feeds/around-arab-news.json');
           w.setAttribute('limit', '3');
           w.setAttribute('src', '/feeds/ar-latest.json');
           w.setAttribute('heading', 'Last');
         }, 0);
         return null;",
        vec![],
    )
    .await;
    let shown = h
        .wait_for("the last feed", Duration::from_secs(10), |w| {
            w.first().is_some_and(|w| str_of(w, "state") == "ready" && str_of(w, "heading") == "Last")
        })
        .await;
    assert_eq!(items(&shown[0]).len(), 3);
    assert_eq!(h.newsroom.requests("/feeds/ar-latest.json"), 1);
    assert_eq!(
        h.newsroom.requests("/feeds/around-arab-news.json"),
        0,
        "a feed set and replaced in one task is not fetched"
    );
    h.stop().await;
}
