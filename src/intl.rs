//! The browser's `Intl` for relative times, so no locale data ships in the
//! wasm. Constructors that can throw are bound with `catch`.

use crate::i18n::relative_time;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    type RelativeTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = RelativeTimeFormat, catch)]
    fn new(locale: &str, options: &JsValue) -> Result<RelativeTimeFormat, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> Result<js_sys::JsString, JsValue>;
}

thread_local! {
    static FORMATTER: RefCell<Option<(String, RelativeTimeFormat)>> = const { RefCell::new(None) };
}

/// "3 minutes ago" (or "قبل ٣ دقائق") for `then`, seen from `now` (both ms),
/// in language `lang`.
pub fn time_ago(lang: &str, then: f64, now: f64) -> String {
    let (value, unit) = relative_time(then - now);
    FORMATTER.with_borrow_mut(|cache| {
        if cache.as_ref().is_none_or(|(cached, _)| cached != lang) {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"numeric".into(), &"auto".into());
            *cache = RelativeTimeFormat::new(lang, &options)
                .or_else(|_| RelativeTimeFormat::new("en", &options))
                .ok()
                .map(|f| (lang.to_owned(), f));
        }
        cache.as_ref().and_then(|(_, f)| f.format(value, unit).ok()).map(String::from).unwrap_or_default()
    })
}
