//! `news-headlines`: an embeddable headline widget.
//!
//! The logic is plain Rust, tested natively: the [`feed`] model, the element's
//! [`config`], the [`url_policy`], the [`refresh`] policy and the widget's
//! [`state`] and [`i18n`] texts. The browser side (compiled for wasm32 only) is
//! thin glue: [`api`] fetches, [`hub`] runs one refresh loop per feed URL,
//! [`components`] is the Leptos view and [`element`] mounts it into a
//! `<news-headlines>` element's shadow root for the JavaScript loader.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

pub mod config;
pub mod feed;
pub mod i18n;
pub mod refresh;
pub mod state;
pub mod url_policy;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod element;
#[cfg(target_arch = "wasm32")]
pub mod hub;
#[cfg(target_arch = "wasm32")]
mod intl;
