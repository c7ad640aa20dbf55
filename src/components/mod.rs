//! The Leptos view of a widget, one component per file.

mod headline_item;
mod headlines;
mod status_line;

pub use headlines::Headlines;
