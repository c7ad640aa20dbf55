//! `news-bridge`: RSS and Atom to the widget's JSON Feed, merged, cached and
//! CORS-ready.
//!
//! Upstream bytes are [`decode`]d (encoding, hostile DTDs, HTML pages) and
//! [`convert`]ed to JSON Feed items, with [`text`] reducing HTML to plain
//! text. A [`config`] names the outputs; [`fetch`] reads upstreams under
//! limits; [`poll`] keeps every output current as a [`output::Rendered`]
//! (JSON, gzip, brotli, validators), which [`serve`] answers over HTTP and
//! [`export`] writes as static files.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

pub mod config;
pub mod convert;
pub mod decode;
pub mod export;
pub mod fetch;
pub mod output;
pub mod poll;
pub mod serve;
pub mod text;

/// Writes one timestamped line to standard error.
pub fn log(message: &str) {
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    eprintln!("{now} news-bridge: {message}");
}
