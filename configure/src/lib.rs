//! The configurator: a page where a publisher pastes a JSON Feed URL, sees
//! what the feed offers (checked the way the widget checks it), sets every
//! attribute of the table in `news_headlines::attributes`, watches the real
//! `<news-headlines>` follow along, and copies the pinned embed code.
//!
//! The logic is plain Rust, tested natively: the [`setup`] (the options and
//! the page URL's query that shares them), the [`offer`] of a feed, the
//! [`snippet`] and the [`words`] in English and Arabic. The page itself
//! (`app` and its components) is compiled for wasm32 only.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

pub mod offer;
pub mod setup;
pub mod snippet;
pub mod words;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod check;
#[cfg(target_arch = "wasm32")]
mod code;
#[cfg(target_arch = "wasm32")]
mod controls;
#[cfg(target_arch = "wasm32")]
mod copy;
#[cfg(target_arch = "wasm32")]
mod described;
#[cfg(target_arch = "wasm32")]
mod feed_field;
#[cfg(target_arch = "wasm32")]
mod preview;
#[cfg(target_arch = "wasm32")]
mod release;
#[cfg(target_arch = "wasm32")]
mod summary;

#[cfg(target_arch = "wasm32")]
pub use app::mount;

/// The version of the widget the configurator writes code for: its release
/// is read from `news-headlines/<version>/manifest.json` beside the page.
pub const WIDGET_VERSION: &str = env!("NEWS_HEADLINES_VERSION");

#[cfg(test)]
mod tests {
    #[test]
    fn the_version_is_the_widget_crate_s() {
        assert_eq!(super::WIDGET_VERSION, news_headlines::manifest::VERSION);
    }
}
