//! The browser's `Intl` tells times and dates in the widget's language, so
//! no locale data ships in the wasm; `i18n::tell_time` (`i18n::tell_day` for
//! a bare date, written in UTC so it stays the feed's day) decides which. Where
//! the browser has no `Intl.RelativeTimeFormat`, a relative time is told as
//! a clock time (the same day) or a date. Everything that can throw (a
//! locale or option the browser rejects) is bound with `catch`, and
//! formatters are kept per language and style.
//!
//! No time is told until the feed loop [`release`]s times, once the page's
//! first headlines are painted: the page's first formatter sets up the
//! browser's locale data (10–30 ms, four times that on a slow phone), which
//! must not hold them back. Until then a time reads as `None` (its element
//! hidden, in a row of set height: nothing moves); the loop then tells the
//! widgets the time, and they tell theirs.

use crate::attributes::Dates;
use crate::feed::Timestamp;
use crate::i18n::{tell_day, tell_time, TimeText};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    type RelativeTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = RelativeTimeFormat, catch)]
    fn new(locale: &str, options: &JsValue) -> Result<RelativeTimeFormat, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> Result<js_sys::JsString, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = DateTimeFormat, catch)]
    fn new(locale: &str, options: &JsValue) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(method, catch, js_name = format)]
    fn format_date(this: &DateTimeFormat, date: &js_sys::Date) -> Result<js_sys::JsString, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = PluralRules, catch)]
    fn new(locale: &str) -> Result<PluralRules, JsValue>;

    // Throws only for a value that is not a number.
    #[wasm_bindgen(method)]
    fn select(this: &PluralRules, value: f64) -> js_sys::JsString;

    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = NumberFormat, catch)]
    fn new(locale: &str) -> Result<NumberFormat, JsValue>;

    // Throws only for a value that is not a number.
    #[wasm_bindgen(method, js_name = format)]
    fn format_number(this: &NumberFormat, value: f64) -> js_sys::JsString;
}

/// The `Intl.PluralRules` category of `count` in language `lang` (`one`,
/// `few`, …), and `count` written with the locale's digits; without those
/// APIs (or for a language they reject), `one` for 1 else `other`, in ASCII
/// digits.
pub fn counted(lang: &str, count: usize) -> (String, String) {
    let value = count as f64;
    let category = PluralRules::new(lang).map(|rules| String::from(rules.select(value)));
    let digits = NumberFormat::new(lang).map(|format| String::from(format.format_number(value)));
    (
        category.unwrap_or_else(|_| if count == 1 { "one" } else { "other" }.to_owned()),
        digits.unwrap_or_else(|_| count.to_string()),
    )
}

/// The ways a date is written.
#[derive(Clone, Copy, PartialEq)]
enum DateStyle {
    /// "28 Sept".
    DayMonth,
    /// "28 Sept 2016".
    DayMonthYear,
    /// "16:40".
    Clock,
    /// "Wednesday, 28 September 2016 at 16:40": the tooltip.
    Full,
    /// A bare date's day and month, as written (in UTC).
    Day,
    /// A bare date's day, month and year, as written (in UTC).
    DayWithYear,
    /// "Wednesday, 28 September 2016": a bare date's tooltip.
    FullDay,
}

impl DateStyle {
    fn options(self) -> &'static [(&'static str, &'static str)] {
        match self {
            DateStyle::DayMonth | DateStyle::Day => &[("day", "numeric"), ("month", "short")],
            DateStyle::DayMonthYear | DateStyle::DayWithYear => {
                &[("day", "numeric"), ("month", "short"), ("year", "numeric")]
            }
            DateStyle::Clock => &[("hour", "numeric"), ("minute", "2-digit")],
            DateStyle::Full => &[("dateStyle", "full"), ("timeStyle", "short")],
            DateStyle::FullDay => &[("dateStyle", "full")],
        }
    }

    /// A bare date's styles are written in UTC, so the day stays the feed's.
    fn in_utc(self) -> bool {
        matches!(self, DateStyle::Day | DateStyle::DayWithYear | DateStyle::FullDay)
    }
}

thread_local! {
    static RELEASED: Cell<bool> = const { Cell::new(false) };
}

/// Tells times from now on.
pub fn release() {
    RELEASED.with(|released| released.set(true));
}

/// Whether times are still held back.
pub fn held() -> bool {
    !RELEASED.with(Cell::get)
}

thread_local! {
    static RELATIVE: RefCell<Vec<(String, Option<RelativeTimeFormat>)>> = const { RefCell::new(Vec::new()) };
    static DATES: RefCell<Vec<(String, DateStyle, Option<DateTimeFormat>)>> = const { RefCell::new(Vec::new()) };
}

/// How a headline's time reads in language `lang` at `now` in the `dates`
/// style, and its full date (and time) for the tooltip; `None` for `dates="none"`
/// and before times can be told.
pub fn headline_time(lang: &str, published: &Timestamp, now: f64, style: Dates) -> Option<(String, String)> {
    let then = published.epoch_ms;
    if held() {
        return None;
    }
    if !published.date_only {
        let text = tell(lang, tell_time(then, now, style, year), then, now)?;
        return Some((text, date(lang, DateStyle::Full, then)));
    }
    // The reader's today against the feed's day, both as days since the epoch.
    let today = ((now - js_sys::Date::new(&now.into()).get_timezone_offset() * 60_000.0) / DAY_MS).floor();
    // A bare date's text is the day as written: its year is the first four digits.
    let written_year = published.rfc3339.get(..4).and_then(|year| year.parse::<i64>().ok());
    let with_year = written_year != Some(i64::from(year(now)));
    let day = |with_year| date(lang, if with_year { DateStyle::DayWithYear } else { DateStyle::Day }, then);
    let text = match tell_day(today - (then / DAY_MS).floor(), style, with_year) {
        TimeText::Hidden => return None,
        TimeText::Relative(value, unit) => relative(lang, value, unit).unwrap_or_else(|| day(true)),
        TimeText::Date { with_year } => day(with_year),
    };
    Some((text, date(lang, DateStyle::FullDay, then)))
}

/// A day in milliseconds.
const DAY_MS: f64 = 86_400_000.0;

/// "3 minutes ago" (or "قبل ٣ دقائق"): when the widget last updated (empty
/// before times can be told).
pub fn time_ago(lang: &str, then: f64, now: f64) -> String {
    if held() {
        return String::new();
    }
    tell(lang, tell_time(then, now, Dates::Relative, year), then, now).unwrap_or_default()
}

fn tell(lang: &str, text: TimeText, then: f64, now: f64) -> Option<String> {
    Some(match text {
        TimeText::Hidden => return None,
        TimeText::Relative(value, unit) => relative(lang, value, unit).unwrap_or_else(|| {
            let same_day =
                js_sys::Date::new(&then.into()).to_date_string() == js_sys::Date::new(&now.into()).to_date_string();
            date(lang, if same_day { DateStyle::Clock } else { DateStyle::DayMonthYear }, then)
        }),
        TimeText::Date { with_year } => {
            date(lang, if with_year { DateStyle::DayMonthYear } else { DateStyle::DayMonth }, then)
        }
    })
}

/// The reader's calendar year of an instant.
fn year(ms: f64) -> i32 {
    js_sys::Date::new(&ms.into()).get_full_year() as i32
}

/// `value unit` relative to now, or `None` without `Intl.RelativeTimeFormat`.
fn relative(lang: &str, value: f64, unit: &str) -> Option<String> {
    RELATIVE.with_borrow_mut(|cache| {
        if !cache.iter().any(|(cached, _)| cached == lang) {
            let options = object(&[("numeric", "auto")]);
            let formatter =
                RelativeTimeFormat::new(lang, &options).or_else(|_| RelativeTimeFormat::new("en", &options));
            cache.push((lang.to_owned(), formatter.ok()));
        }
        let (_, formatter) = cache.iter().find(|(cached, _)| cached == lang)?;
        formatter.as_ref()?.format(value, unit).ok().map(String::from)
    })
}

/// `ms` as a date in `style`, in language `lang` (English if it is rejected).
fn date(lang: &str, style: DateStyle, ms: f64) -> String {
    DATES.with_borrow_mut(|cache| {
        if !cache.iter().any(|(cached, cached_style, _)| cached == lang && *cached_style == style) {
            let options = object(style.options());
            if style.in_utc() {
                let _ = js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into());
            }
            let formatter = DateTimeFormat::new(lang, &options).or_else(|_| DateTimeFormat::new("en", &options));
            cache.push((lang.to_owned(), style, formatter.ok()));
        }
        let formatter = cache.iter().find(|(cached, cached_style, _)| cached == lang && *cached_style == style);
        let date = js_sys::Date::new(&ms.into());
        match formatter.and_then(|(_, _, formatter)| formatter.as_ref()) {
            Some(formatter) => formatter.format_date(&date).map(String::from).unwrap_or_default(),
            None => String::from(date.to_date_string()),
        }
    })
}

fn object(entries: &[(&str, &str)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in entries {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    object
}
