//! The widget as a Leptos component: `examples/leptos-app` (built into
//! `dist/app/`, the demo's `/app/`) embeds two `NewsHeadlines` whose `limit`
//! follows a select.

use fantoccini::Locator;
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
async fn the_demo_links_to_a_leptos_app_that_renders_two_components_whose_props_react() {
    let h = Harness::start().await;
    h.client.goto(&h.url("/index.html")).await.expect("the demo opens");
    // Clicked once the page has settled, as in `configure::the_demo_links_to_the_configurator`.
    let count = h.js("return document.querySelectorAll('news-headlines').length;", vec![]).await;
    h.settled(count.as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or_default()).await;
    let requested = h.newsroom.requests("/feeds/latest-middle-east.json");
    let link = h.client.find(Locator::LinkText("The same headlines in a Leptos app →")).await.expect("the link");
    link.click().await.expect("followed");
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
    let requests = h.newsroom.requests("/feeds/latest-middle-east.json") - requested;
    assert_eq!(requests, 1, "one request for the app's first load, none for a new limit");
    h.stop().await;
}
