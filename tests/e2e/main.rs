//! End-to-end: the release `dist/` served by the newsroom on loopback, host
//! pages embedding the widget, driven in Debian's headless Chromium through
//! chromedriver. Run by `cargo xtask test`, which builds `dist/` first.
#![cfg(not(target_arch = "wasm32"))]

mod embed;
mod faults;
mod live;
mod look;

use serde_json::Value;

/// The first headline of the sample "Latest in Middle-East" feed.
pub const FIRST_MIDDLE_EAST: &str = "Iran nuclear chief sees no threat to deal if Trump wins";

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
