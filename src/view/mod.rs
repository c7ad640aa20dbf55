//! The Leptos view of a widget, one component per file. Every component
//! takes one `Copy` [`WidgetContext`] (config, data, clock, and the language
//! derived once per change in a memo) instead of the same signals threaded
//! through every level.

mod headline_item;
mod headlines;
mod rows;
mod status_line;

pub use headlines::Headlines;

use crate::context::WidgetContext;
use crate::stylesheet::STYLESHEET;
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, ShadowRoot};

/// A widget's view, mounted; dropping it unmounts the view.
pub type MountedView = Box<dyn std::any::Any>;

/// Renders the widget into `root` (the custom element's shadow root, which
/// the loader styled, or the Leptos component's, styled with [`adopt_style`]).
pub fn render_in(root: &ShadowRoot, context: WidgetContext) -> MountedView {
    Box::new(mount_to(root.clone().unchecked_into(), move || view! { <Headlines context /> }))
}

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Styles `root` for the Leptos component (the custom element's loader
/// carries the same [`STYLESHEET`]): one constructed sheet adopted by every widget on the page
/// (no inline `<style>`, so a strict `style-src` CSP is fine), or, where the
/// browser has no constructable stylesheets (Firefox < 101, Safari < 16.4),
/// a `<style>` element at the start of `root`.
pub fn adopt_style(root: &ShadowRoot) -> Result<(), JsValue> {
    let adoptable = js_sys::Reflect::has(root, &JsValue::from_str("adoptedStyleSheets")).unwrap_or(false);
    let shared = || {
        SHEET.with_borrow_mut(|cached| -> Result<CssStyleSheet, JsValue> {
            if let Some(sheet) = cached {
                return Ok(sheet.clone());
            }
            let sheet = CssStyleSheet::new()?;
            sheet.replace_sync(STYLESHEET)?;
            *cached = Some(sheet.clone());
            Ok(sheet)
        })
    };
    match adoptable.then(shared).and_then(Result::ok) {
        Some(sheet) => root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet)),
        None => {
            let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
            let style = document.create_element("style")?;
            style.set_text_content(Some(STYLESHEET));
            root.prepend_with_node_1(&style)?;
        }
    }
    Ok(())
}
