//! End-to-end: the release `dist/` served by the newsroom on loopback, host
//! pages embedding the widget, driven through WebDriver in the engine that
//! `NEWS_HEADLINES_ENGINE` names (`chromium`, the default, `firefox` or
//! `webkit`; see `harness::browsers`). `cargo xtask test` builds `dist/`
//! once and runs this suite in every engine, one after the other.
#![cfg(not(target_arch = "wasm32"))]

mod configure;
mod dates;
mod demo;
mod embed;
mod faults;
mod floor;
mod guest;
mod iframe;
mod languages;
mod leptos_app;
mod live;
mod look;
mod package;
mod publisher;
mod real_feeds;
mod repeat;

use harness::Harness;
use serde_json::Value;

/// The first headline of the sample "Latest in Middle-East" feed.
pub const FIRST_MIDDLE_EAST: &str = "Iran nuclear chief sees no threat to deal if Trump wins";

/// Records the page's errors (`window.pageErrors`) before anything else runs.
pub const TRAPS: &str =
    "<script>window.pageErrors = []; addEventListener('error', (e) => pageErrors.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => pageErrors.push(String(e.reason)));</script>";

/// A host page.
pub fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>host</title>{head}</head><body>{body}</body></html>")
}

/// A widget with the publisher's fallback link.
pub fn widget(attrs: &str) -> String {
    format!("<news-headlines {attrs}><a class=\"fallback\" href=\"https://www.arabnews.com/\">Latest headlines</a></news-headlines>")
}

/// A widget snapshot's items.
pub fn items(widget: &Value) -> &Vec<Value> {
    widget["items"].as_array().expect("items")
}

/// A string field of a snapshot, or "".
pub fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

/// Whether each row of the first widget is the `<li>` that was there when
/// the test marked it (`li.__mark = li.dataset.id`).
pub async fn kept_rows(h: &Harness) -> Value {
    let kept = "return Array.from(document.querySelector('news-headlines').shadowRoot.querySelectorAll('li'))
        .map((li) => li.__mark === li.dataset.id);";
    h.js(kept, vec![]).await
}

/// Runs axe-core's WCAG 2.x A/AA rules on the page; returns the violations.
pub async fn axe_violations(h: &Harness) -> Value {
    let axe = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/node_modules/axe-core/axe.min.js"))
        .expect("axe-core is installed by `cargo xtask test` (npm ci)");
    h.js(&format!("{axe}\nreturn null;"), vec![]).await;
    let run = "const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
          .then((r) => done(r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }))))
          .catch((e) => done(String(e)));";
    h.client.execute_async(run, vec![]).await.expect("axe ran")
}
