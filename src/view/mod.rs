//! The Leptos view of a widget, one component per file. [`Headlines`] is the
//! root: it derives the widget's language once per change (a memo) and
//! provides a [`WidgetContext`] that every component below reads, instead of
//! threading the same signals through every level.

mod headline_item;
mod headlines;
mod status_line;

pub use headlines::Headlines;

use crate::attributes::Config;
use crate::lang::{self, Lang};
use crate::state::LoadState;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, ShadowRoot};

/// What every component of a widget needs: its configuration, its data, the
/// coarse clock and the language it speaks. All `Copy` handles.
#[derive(Clone, Copy)]
pub struct WidgetContext {
    /// The attributes (or props), read.
    pub config: Signal<Config>,
    /// The feed and its freshness (written by the live connection and the pause control).
    pub state: RwSignal<LoadState>,
    /// The current time (ms since the epoch), ticking coarsely.
    pub now: RwSignal<f64>,
    /// The language and direction, from [`lang::resolve`].
    pub lang: Memo<Lang>,
}

impl WidgetContext {
    /// A context over these signals; the language memo is created in the current owner.
    pub fn new(config: Signal<Config>, state: RwSignal<LoadState>, now: RwSignal<f64>) -> WidgetContext {
        let lang = Memo::new(move |_| {
            let (tag, dir) = config.with(|c| (c.lang.clone(), c.dir));
            let feed = state.with(|s| s.feed.as_ref().and_then(|f| f.language.clone()));
            lang::resolve(tag.as_deref(), dir, feed.as_deref(), page_language().as_deref())
        });
        WidgetContext { config, state, now, lang }
    }
}

/// The context [`Headlines`] provides to the components inside it.
fn context() -> WidgetContext {
    expect_context::<WidgetContext>()
}

/// The page's own `lang`, when it has one.
fn page_language() -> Option<String> {
    web_sys::window()?.document()?.document_element()?.get_attribute("lang")
}

const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Adopts the widget's stylesheet in `root`: one constructed sheet shared by
/// every widget on the page (no inline `<style>`, so a strict `style-src`
/// CSP is fine).
pub fn adopt_style(root: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = SHEET.with_borrow_mut(|cached| -> Result<CssStyleSheet, JsValue> {
        if let Some(sheet) = cached {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(STYLE)?;
        *cached = Some(sheet.clone());
        Ok(sheet)
    })?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(())
}
