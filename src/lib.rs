//! `news-headlines`: an embeddable headline widget.
//!
//! The logic is plain Rust, tested natively: the [`feed`] model, the
//! [`attributes`] table and the [`Config`](attributes::Config) read through
//! it, the [`lang`] rule, the [`url_policy`], the [`refresh`] policy, the
//! load [`state`] and the widget's [`i18n`] words and time rule. The browser
//! side (compiled for wasm32 only) is thin glue: [`api`] fetches, [`hub`] runs
//! one refresh loop per feed URL, [`live`] connects a widget to its loop,
//! [`view`] is the Leptos view and [`element`] mounts it into a
//! `<news-headlines>` element's shadow root for the JavaScript loader.
//! `ARCHITECTURE.md` has the code map and its invariants.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

pub mod attributes;
#[cfg(any(not(target_arch = "wasm32"), feature = "embed-codes"))]
pub mod embed;
pub mod feed;
pub mod freshness;
pub mod i18n;
pub mod lang;
pub mod manifest;
pub mod refresh;
pub mod report;
pub mod state;
pub mod stylesheet;
pub mod url_policy;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
mod component;
#[cfg(target_arch = "wasm32")]
pub mod context;
#[cfg(target_arch = "wasm32")]
pub mod element;
#[cfg(target_arch = "wasm32")]
pub mod hub;
#[cfg(target_arch = "wasm32")]
pub mod intl;
#[cfg(target_arch = "wasm32")]
pub mod live;
#[cfg(target_arch = "wasm32")]
mod phrases;
#[cfg(target_arch = "wasm32")]
pub mod view;

#[cfg(target_arch = "wasm32")]
pub use component::NewsHeadlines;
