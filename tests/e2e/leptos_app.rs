//! The widget as a Leptos component: `examples/leptos-app` (built by
//! `cargo xtask test` into `target/leptos-app/`) embeds two `NewsHeadlines`
//! whose `limit` follows a select.

use harness::Harness;
use serde_json::{json, Value};
use std::time::Duration;

/// Each widget's host class, its heading and its headlines.
const LISTS: &str = "return Array.from(document.querySelectorAll('div.news-headlines')).map((host) => {
    const root = host.shadowRoot;
    return { heading: root?.querySelector('[part=heading]')?.textContent ?? null,
             items: root ? root.querySelectorAll('ol[part=list] > li[part=item]').length : 0,
             phase: root?.querySelector('section')?.dataset.phase ?? null };
  });";

async fn lists_until(h: &Harness, what: &str, check: impl Fn(&Value) -> bool) -> Value {
    h.until(what, Duration::from_secs(20), LISTS, check).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leptos_app_renders_two_components_and_their_props_react() {
    let h = Harness::start().await;
    let dist = concat!(env!("CARGO_MANIFEST_DIR"), "/target/leptos-app");
    let entries = std::fs::read_dir(dist).expect("target/leptos-app is built by `cargo xtask test`");
    for entry in entries {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "application/wasm",
            Some("js") => "text/javascript",
            _ => "text/html",
        };
        h.newsroom.add_asset(&format!("/app/{name}"), kind, std::fs::read(&path).expect("built file"));
    }
    h.client.goto(&h.url("/app/index.html")).await.expect("the app opens");
    let ready = |lists: &Value, items: u64| {
        lists.as_array().is_some_and(|l| {
            l.len() == 2 && l.iter().all(|w| w["phase"] == json!("ready") && w["items"].as_u64() == Some(items))
        })
    };
    let lists = lists_until(&h, "two lists of 3", |l| ready(l, 3)).await;
    assert_eq!(lists[0]["heading"], json!("Latest in Middle-East"));
    assert_eq!(lists[1]["heading"], json!("Around Arab News"), "the feed's title without a heading prop");
    assert_eq!(h.js("return document.querySelector('#updates').textContent;", vec![]).await, json!("1 updates"));

    h.js("const select = document.querySelector('#limit'); select.value = '5'; select.dispatchEvent(new Event('change')); return null;", vec![]).await;
    lists_until(&h, "both lists at 5", |l| ready(l, 5)).await;
    let colours = h
        .js(
            "return Array.from(document.querySelectorAll('div.news-headlines')).map((host) =>
               getComputedStyle(host.shadowRoot.querySelector('section')).backgroundColor);",
            vec![],
        )
        .await;
    assert_eq!(colours, json!(["rgb(255, 255, 255)", "rgb(21, 21, 21)"]), "theme=Theme::Dark, style-isolated");
    assert_eq!(h.newsroom.requests("/feeds/latest-middle-east.json"), 1, "a new limit is no new request");
    h.stop().await;
}
