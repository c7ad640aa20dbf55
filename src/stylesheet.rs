//! The widget's stylesheet (`style/widget.css`), minified by `build.rs`: the
//! one copy there is. The Leptos component adopts it (`view::adopt_style`);
//! `cargo xtask build` hands it to the custom element's loader.

/// The minified stylesheet.
pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));
