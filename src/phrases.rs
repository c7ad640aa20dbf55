//! A widget's phrases in the browser: the tables the loader fetches for the
//! languages the element's wasm does not carry (`i18n/<code>.json`,
//! integrity-checked and kept for the page by the loader), and the `strings`
//! overrides, read with `JSON.parse`.

use crate::i18n::{Overrides, Words, EN};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// The `strings` values already warned about.
    static WARNED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Keeps the loader's `phrases(code)`: a language's table file (fetched once
/// per page), `null` where it could not be had (the loader says so in the
/// console), or a promise while it is on its way.
pub fn set_loader(phrases: js_sys::Function) {
    LOADER.with_borrow_mut(|loader| *loader = Some(phrases));
}

/// The phrases of language `code`, if its table is here (English without a
/// loader or a table); else `None`, and `arrived` is called once it is.
pub fn table(code: &'static str, arrived: impl FnOnce() + 'static) -> Option<Words> {
    let answer = LOADER.with_borrow(|loader| loader.as_ref()?.call1(&JsValue::NULL, &code.into()).ok());
    let table = match answer.map(|answer| answer.dyn_into::<js_sys::Promise>()) {
        Some(Ok(promise)) => {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = JsFuture::from(promise).await;
                arrived();
            });
            return None;
        }
        Some(Err(table)) => table.dyn_into::<js_sys::Array>().ok(),
        None => None,
    };
    Some(match table {
        Some(table) => Words::from_table(table.iter().map(|phrase| phrase.as_string().unwrap_or_default()).collect()),
        None => Words::of(&EN),
    })
}

/// The publisher's overrides in a `strings` value; what cannot be used is
/// warned about once per value and page.
pub fn overrides(raw: &str) -> Overrides {
    let parsed = js_sys::JSON::parse(raw).ok();
    let (overrides, warning) = match parsed.as_ref().and_then(entries) {
        Some(entries) => Overrides::read(entries),
        None => (Overrides::default(), Some(Overrides::not_an_object())),
    };
    if let Some(warning) = warning {
        WARNED.with_borrow_mut(|warned| {
            if !warned.iter().any(|value| value == raw) {
                warned.push(raw.to_owned());
                web_sys::console::warn_1(&warning.into());
            }
        });
    }
    overrides
}

/// A plain object's entries, with each value if it is a string.
fn entries(value: &JsValue) -> Option<Vec<(String, Option<String>)>> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return None;
    }
    let pairs = js_sys::Object::entries(value.unchecked_ref());
    let read = |pair: JsValue| {
        let pair: js_sys::Array = pair.dyn_into().ok()?;
        Some((pair.get(0).as_string()?, pair.get(1).as_string()))
    };
    Some(pairs.iter().filter_map(read).collect())
}
