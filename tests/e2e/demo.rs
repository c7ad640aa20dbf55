//! The demo page (`dist/index.html`) in each engine: every sidebar renders,
//! the one news-bridge feeds from the sample RSS included, and a screenshot goes to
//! `target/screenshots/{engine}/demo.png` (the README's side-by-side picture
//! of the three engines is made from them).

use crate::{items, str_of};
use harness::Harness;
use news_bridge::{config::Config, poll::Poller, serve};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_page_renders_every_sidebar() {
    let h = Harness::start().await;
    h.client.set_window_size(1280, 1400).await.expect("the window takes 1280×1400");
    h.client.goto(&h.url("/index.html")).await.expect("the demo opens");
    let sources = h
        .js("return Array.from(document.querySelectorAll('news-headlines'), (w) => w.getAttribute('src'));", vec![])
        .await;
    let sources: Vec<&str> = sources.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let widgets = h.settled(sources.len()).await;
    // Widgets on other servers (the demo's news-bridge) are not running here: settled is enough.
    let fed: Vec<(&str, &str, &str, usize)> = sources
        .iter()
        .zip(&widgets)
        .filter(|(src, _)| src.starts_with("/feeds/"))
        .map(|(src, w)| (*src, str_of(w, "state"), str_of(w, "dir"), items(w).len()))
        .collect();
    let expected = [
        ("/feeds/ar-latest.json", "ready", "rtl", 6),
        ("/feeds/latest-middle-east.json", "ready", "ltr", 10),
        ("/feeds/around-arab-news.json", "ready", "ltr", 8),
    ];
    assert_eq!(fed, expected);

    // The RSS-fed sidebar: `cargo xtask demo` runs news-bridge on port 8090;
    // here it runs on a free port, and the widget is pointed at it.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::load(&root.join("bridge/demo/bridge.toml")).expect("the demo's bridge.toml");
    let poller = Poller::new(&config).expect("the demo's upstreams");
    poller.refresh_all().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let bridge = listener.local_addr().expect("its address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve::serve(poller, config.cors, listener, async move {
        let _ = stopped.await;
    }));
    let index =
        sources.iter().position(|src| src.contains("/feeds/bridge/")).expect("the demo has a bridge-fed widget");
    let src = format!("http://{bridge}/feeds/bridge/around-arab-news.json");
    h.js(
        "document.querySelectorAll('news-headlines')[arguments[0]].setAttribute('src', arguments[1]); return null;",
        vec![json!(index), json!(src)],
    )
    .await;
    let widgets = h
        .wait_for("the bridge-fed widget", Duration::from_secs(10), |w| {
            w.get(index).is_some_and(|w| str_of(w, "state") == "ready")
        })
        .await;
    let rows = items(&widgets[index]);
    assert_eq!(rows.len(), 5, "limit=\"5\" of the sample's headlines");
    assert!(rows.iter().all(|row| str_of(row, "href").starts_with("https://www.arabnews.com/")), "{rows:?}");
    h.screenshot("demo").await;
    let _ = stop.send(());
    let _ = server.await;
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_link_of_the_demo_page_to_the_demo_itself_opens_a_page() {
    let h = Harness::start().await;
    h.client.goto(&h.url("/index.html")).await.expect("the demo opens");
    let answers = h
        .js(
            "const own = Array.from(document.querySelectorAll('a[href]'), (a) => new URL(a.href))
               .filter((url) => url.origin === location.origin && url.pathname !== location.pathname);
             const paths = [...new Set(own.map((url) => url.pathname))].sort();
             return Promise.all(paths.map(async (path) => {
               const response = await fetch(path);
               const type = response.headers.get('content-type') || '';
               const text = await response.text();
               return [path, response.status, type.split(';')[0], /<title>[^<]+<\\/title>/.test(text)];
             }));",
            vec![],
        )
        .await;
    let answers: Vec<(String, u64, String, bool)> =
        serde_json::from_value(answers).expect("[path, status, type, titled]");
    let paths: Vec<&str> = answers.iter().map(|(path, ..)| path.as_str()).collect();
    // What the README says `cargo xtask demo` serves besides the page itself.
    for promised in ["/app/", "/configure"] {
        assert!(paths.contains(&promised), "the demo links to {promised}: {paths:?}");
    }
    for (path, status, media_type, titled) in &answers {
        assert_eq!((*status, media_type.as_str(), *titled), (200, "text/html", true), "{path}");
    }
    h.stop().await;
}
