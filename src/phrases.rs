//! A widget's phrases in the browser: the tables the loader fetches for the
//! languages the element's wasm does not carry (`i18n/<code>.json`,
//! integrity-checked by the loader), and the `strings` overrides, read with
//! `JSON.parse`.

use crate::i18n::{Overrides, Words, EN};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Keeps the loader's `phrases(code)`, which returns a promise of a table
/// file's object (one fetch per language for the whole page).
pub fn set_loader(phrases: js_sys::Function) {
    LOADER.with_borrow_mut(|loader| *loader = Some(phrases));
}

/// Fetches the phrases of language `code` through the loader; `done` gets
/// them, or English (with a warning) when there is no loader or the table
/// could not be had.
pub fn fetch(code: &'static str, done: impl FnOnce(Words) + 'static) {
    let promise = LOADER.with_borrow(|loader| {
        let answer = loader.as_ref()?.call1(&JsValue::NULL, &code.into()).ok()?;
        answer.dyn_into::<js_sys::Promise>().ok()
    });
    wasm_bindgen_futures::spawn_local(async move {
        let table = match promise {
            Some(promise) => JsFuture::from(promise).await.ok().as_ref().and_then(entries),
            None => None,
        };
        done(match table {
            Some(entries) => Words::from_entries(entries.into_iter().filter_map(|(name, text)| Some((name, text?)))),
            None => {
                web_sys::console::warn_1(&format!("<news-headlines>: no phrases for \"{code}\"; using English").into());
                Words::of(&EN)
            }
        });
    });
}

/// The publisher's overrides in a `strings` value; what cannot be used is
/// warned about (once per value: the caller reads each value once).
pub fn overrides(raw: &str) -> Overrides {
    let parsed = js_sys::JSON::parse(raw).ok();
    let (overrides, warning) = match parsed.as_ref().and_then(entries) {
        Some(entries) => Overrides::read(entries),
        None => (Overrides::default(), Some(Overrides::not_an_object())),
    };
    if let Some(warning) = warning {
        web_sys::console::warn_1(&warning.into());
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
