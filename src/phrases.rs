//! A widget's phrases in the browser. The custom element's come from the
//! loader: its language's table (`i18n/<code>.json`, integrity-checked and
//! kept for the page by the loader; English is built in) with the `strings`
//! overrides, which the loader reads with a reader `cargo xtask codegen`
//! generates from [`Overrides::read`]'s warnings (and tests against it), by
//! the phrase names the build writes. The Leptos component, which has no loader,
//! reads `strings` here with `JSON.parse`.

use crate::i18n::{Overrides, Words};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// The `strings` values already warned about.
    static WARNED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Keeps the loader's `phrases(tag, strings)`: a widget's phrases by phrase
/// index (a hole is English's), or a promise while what they need is on its
/// way.
pub fn set_loader(phrases: js_sys::Function) {
    LOADER.with_borrow_mut(|loader| *loader = Some(phrases));
}

/// The phrases for language `tag` with the `strings` value `raw`, if the
/// loader has them (English without a loader); else `None`, and the loader
/// has every widget read its attributes again once it has. What is not text
/// reads in English.
pub fn from_loader(tag: &str, raw: Option<&str>) -> Option<Words> {
    let answer = LOADER.with_borrow(|loader| loader.as_ref()?.call2(&JsValue::NULL, &tag.into(), &raw.into()).ok());
    if answer.as_ref().is_some_and(|answer| answer.is_instance_of::<js_sys::Promise>()) {
        return None;
    }
    let phrases = answer.and_then(|answer| answer.dyn_into::<js_sys::Array>().ok());
    Some(Words::from_table(phrases.iter().flat_map(js_sys::Array::iter).map(|phrase| phrase.as_string())))
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
