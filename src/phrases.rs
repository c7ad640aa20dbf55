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
    /// The tables fetched so far, by language code, for every widget of the page.
    static TABLES: RefCell<Vec<(&'static str, Words)>> = const { RefCell::new(Vec::new()) };
    /// The `strings` values already warned about.
    static WARNED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Keeps the loader's `phrases(code)`, which returns a promise of a table
/// file's object (one fetch per language for the whole page).
pub fn set_loader(phrases: js_sys::Function) {
    LOADER.with_borrow_mut(|loader| *loader = Some(phrases));
}

/// The phrases of language `code`, if its table is here; else `None`, and
/// `arrived` is called once it is (English, with one warning, when there is
/// no loader or the table could not be had).
pub fn table(code: &'static str, arrived: impl FnOnce() + 'static) -> Option<Words> {
    let here = TABLES.with_borrow(|tables| tables.iter().find(|(of, _)| *of == code).map(|(_, words)| words.clone()));
    if here.is_some() {
        return here;
    }
    let promise = LOADER.with_borrow(|loader| {
        let answer = loader.as_ref()?.call1(&JsValue::NULL, &code.into()).ok()?;
        answer.dyn_into::<js_sys::Promise>().ok()
    });
    wasm_bindgen_futures::spawn_local(async move {
        let table = match promise {
            Some(promise) => JsFuture::from(promise).await.ok().as_ref().and_then(entries),
            None => None,
        };
        TABLES.with_borrow_mut(|tables| {
            if tables.iter().any(|(of, _)| *of == code) {
                return;
            }
            let words = match table {
                Some(entries) => {
                    Words::from_entries(entries.into_iter().filter_map(|(name, text)| Some((name, text?))))
                }
                None => {
                    web_sys::console::warn_1(
                        &format!("<news-headlines>: no phrases for \"{code}\"; using English").into(),
                    );
                    Words::of(&EN)
                }
            };
            tables.push((code, words));
        });
        arrived();
    });
    None
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
