//! The widget's own words, in the widget's language, and the rule for how a
//! time is told ([`tell_time`]). Dates, relative times, numbers and plural
//! categories come from the browser's `Intl` (see `intl.rs`); these are the
//! phrases around them, one table per language (`i18n/languages.rs`), the
//! publisher's overrides of them (the `strings` attribute), the choice
//! between a relative time and a date, and the unit.
//!
//! The custom element's wasm carries English only: the other tables are
//! written by the build as `i18n/<code>.json` files (`table_file`, native only) that
//! the loader fetches, integrity-checked, when a widget speaks that language.

mod languages;

pub use languages::*;

use crate::attributes::Dates;
use crate::state::Cause;

/// Every phrase of one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    /// The language's primary subtag (`fr` for `fr-CA`).
    pub code: &'static str,
    /// The language's name, in that language.
    pub name: &'static str,
    /// Status while the first response is awaited.
    pub loading: &'static str,
    /// Status when ready, around `{time}`, a relative time such as "3 minutes ago".
    pub updated: &'static str,
    /// Status when stale, around `{time}`.
    pub stale: &'static str,
    /// Badge on a newly arrived headline.
    pub new_badge: &'static str,
    /// Heading when neither the `heading` attribute nor the feed gives one.
    pub heading: &'static str,
    /// Shown when a feed has no items to show.
    pub empty: &'static str,
    /// The control that pauses updates.
    pub pause: &'static str,
    /// The control that resumes updates.
    pub resume: &'static str,
    /// Announced when headlines arrive, around `{count}`.
    pub new_headlines: Counted,
    /// The feed did not answer in time.
    pub error_timeout: &'static str,
    /// The feed could not be reached.
    pub error_network: &'static str,
    /// The feed answered HTTP `{status}`.
    pub error_status: &'static str,
    /// The feed was sent as `{type}`, not JSON.
    pub error_content_type: &'static str,
    /// The feed's answer broke off.
    pub error_truncated: &'static str,
    /// The feed is over the size limit.
    pub error_too_large: &'static str,
    /// The feed is not JSON.
    pub error_not_json: &'static str,
    /// The feed is JSON, but not a JSON Feed.
    pub error_not_a_feed: &'static str,
    /// The element has no `src`.
    pub error_no_src: &'static str,
}

/// A counted phrase in each plural category of `Intl.PluralRules`; a
/// language fills the forms it uses and leaves the others empty.
#[derive(Debug, PartialEq, Eq)]
pub struct Counted {
    /// `zero` (Arabic 0).
    pub zero: &'static str,
    /// `one`.
    pub one: &'static str,
    /// `two` (Arabic 2).
    pub two: &'static str,
    /// `few` (Arabic 3–10, Russian 2–4).
    pub few: &'static str,
    /// `many` (Arabic 11–99, Russian 5–20).
    pub many: &'static str,
    /// `other`: every language has it.
    pub other: &'static str,
}

/// One phrase, named as in the `strings` attribute and the table files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// `loading`.
    Loading,
    /// `updated`.
    Updated,
    /// `stale`.
    Stale,
    /// `new`: the badge.
    New,
    /// `heading`: the fallback heading.
    Heading,
    /// `empty`.
    Empty,
    /// `pause`.
    Pause,
    /// `resume`.
    Resume,
    /// `new-headlines-zero`.
    NewHeadlinesZero,
    /// `new-headlines-one`.
    NewHeadlinesOne,
    /// `new-headlines-two`.
    NewHeadlinesTwo,
    /// `new-headlines-few`.
    NewHeadlinesFew,
    /// `new-headlines-many`.
    NewHeadlinesMany,
    /// `new-headlines-other`.
    NewHeadlinesOther,
    /// `error-timeout`.
    ErrorTimeout,
    /// `error-network`.
    ErrorNetwork,
    /// `error-status`.
    ErrorStatus,
    /// `error-content-type`.
    ErrorContentType,
    /// `error-truncated`.
    ErrorTruncated,
    /// `error-too-large`.
    ErrorTooLarge,
    /// `error-not-json`.
    ErrorNotJson,
    /// `error-not-a-feed`.
    ErrorNotAFeed,
    /// `error-no-src`.
    ErrorNoSrc,
}

impl Key {
    /// Every phrase, in declaration order.
    pub const ALL: [Key; 23] = [
        Key::Loading,
        Key::Updated,
        Key::Stale,
        Key::New,
        Key::Heading,
        Key::Empty,
        Key::Pause,
        Key::Resume,
        Key::NewHeadlinesZero,
        Key::NewHeadlinesOne,
        Key::NewHeadlinesTwo,
        Key::NewHeadlinesFew,
        Key::NewHeadlinesMany,
        Key::NewHeadlinesOther,
        Key::ErrorTimeout,
        Key::ErrorNetwork,
        Key::ErrorStatus,
        Key::ErrorContentType,
        Key::ErrorTruncated,
        Key::ErrorTooLarge,
        Key::ErrorNotJson,
        Key::ErrorNotAFeed,
        Key::ErrorNoSrc,
    ];

    /// The phrase's name in `strings` and in table files.
    pub fn name(self) -> &'static str {
        match self {
            Key::Loading => "loading",
            Key::Updated => "updated",
            Key::Stale => "stale",
            Key::New => "new",
            Key::Heading => "heading",
            Key::Empty => "empty",
            Key::Pause => "pause",
            Key::Resume => "resume",
            Key::NewHeadlinesZero => "new-headlines-zero",
            Key::NewHeadlinesOne => "new-headlines-one",
            Key::NewHeadlinesTwo => "new-headlines-two",
            Key::NewHeadlinesFew => "new-headlines-few",
            Key::NewHeadlinesMany => "new-headlines-many",
            Key::NewHeadlinesOther => "new-headlines-other",
            Key::ErrorTimeout => "error-timeout",
            Key::ErrorNetwork => "error-network",
            Key::ErrorStatus => "error-status",
            Key::ErrorContentType => "error-content-type",
            Key::ErrorTruncated => "error-truncated",
            Key::ErrorTooLarge => "error-too-large",
            Key::ErrorNotJson => "error-not-json",
            Key::ErrorNotAFeed => "error-not-a-feed",
            Key::ErrorNoSrc => "error-no-src",
        }
    }

    /// The phrase named `name`.
    pub fn named(name: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|key| key.name() == name)
    }

    /// Where the phrase's value goes, if it has one.
    pub fn placeholder(self) -> Option<&'static str> {
        match self {
            Key::Updated | Key::Stale => Some("{time}"),
            Key::ErrorStatus => Some("{status}"),
            Key::ErrorContentType => Some("{type}"),
            key if key.is_plural_form() => Some("{count}"),
            _ => None,
        }
    }

    /// A form of the counted phrase other than `other` (a language may lack it).
    fn is_plural_form(self) -> bool {
        matches!(
            self,
            Key::NewHeadlinesZero
                | Key::NewHeadlinesOne
                | Key::NewHeadlinesTwo
                | Key::NewHeadlinesFew
                | Key::NewHeadlinesMany
                | Key::NewHeadlinesOther
        )
    }

    /// The form of "N new headlines" for an `Intl.PluralRules` category.
    fn counted(category: &str) -> Key {
        match category {
            "zero" => Key::NewHeadlinesZero,
            "one" => Key::NewHeadlinesOne,
            "two" => Key::NewHeadlinesTwo,
            "few" => Key::NewHeadlinesFew,
            "many" => Key::NewHeadlinesMany,
            _ => Key::NewHeadlinesOther,
        }
    }

    /// The phrase that tells readers a failure's cause.
    fn of_cause(cause: &Cause) -> Key {
        match cause {
            Cause::Timeout => Key::ErrorTimeout,
            Cause::Network => Key::ErrorNetwork,
            Cause::Status(_) => Key::ErrorStatus,
            Cause::ContentType(_) => Key::ErrorContentType,
            Cause::Truncated => Key::ErrorTruncated,
            Cause::TooLarge => Key::ErrorTooLarge,
            Cause::NotJson => Key::ErrorNotJson,
            Cause::NotAFeed => Key::ErrorNotAFeed,
            Cause::NoSrc => Key::ErrorNoSrc,
        }
    }
}

impl Strings {
    /// The phrase for `key` (empty for a plural form the language lacks).
    pub fn get(&self, key: Key) -> &'static str {
        let counted = &self.new_headlines;
        match key {
            Key::Loading => self.loading,
            Key::Updated => self.updated,
            Key::Stale => self.stale,
            Key::New => self.new_badge,
            Key::Heading => self.heading,
            Key::Empty => self.empty,
            Key::Pause => self.pause,
            Key::Resume => self.resume,
            Key::NewHeadlinesZero => counted.zero,
            Key::NewHeadlinesOne => counted.one,
            Key::NewHeadlinesTwo => counted.two,
            Key::NewHeadlinesFew => counted.few,
            Key::NewHeadlinesMany => counted.many,
            Key::NewHeadlinesOther => counted.other,
            Key::ErrorTimeout => self.error_timeout,
            Key::ErrorNetwork => self.error_network,
            Key::ErrorStatus => self.error_status,
            Key::ErrorContentType => self.error_content_type,
            Key::ErrorTruncated => self.error_truncated,
            Key::ErrorTooLarge => self.error_too_large,
            Key::ErrorNotJson => self.error_not_json,
            Key::ErrorNotAFeed => self.error_not_a_feed,
            Key::ErrorNoSrc => self.error_no_src,
        }
    }
}

/// The primary subtags of [`LANGUAGES`], for code that must not link the
/// tables themselves (the element's wasm).
pub const CODES: [&str; 16] =
    ["en", "ar", "fr", "es", "de", "pt", "it", "tr", "fa", "ur", "hi", "ml", "id", "ja", "zh", "ru"];

/// The code of the table a language tag finds: its primary subtag, in any
/// case (`fr` for `fr-CA`, `zh` for `zh-Hans-CN`), if the widget speaks it.
pub fn code_of(tag: &str) -> Option<&'static str> {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    CODES.into_iter().find(|code| code.eq_ignore_ascii_case(primary))
}

/// The table a language tag finds, if the widget speaks it.
pub fn table(tag: &str) -> Option<&'static Strings> {
    let code = code_of(tag)?;
    LANGUAGES.into_iter().find(|table| table.code == code)
}

/// A language's table file (`i18n/<code>.json`): a JSON array of its
/// phrases in [`Key::ALL`] order, empty for the plural forms it lacks.
#[cfg(not(target_arch = "wasm32"))]
pub fn table_file(strings: &Strings) -> String {
    serde_json::Value::from(Key::ALL.map(|key| strings.get(key)).to_vec()).to_string()
}

/// The phrase names in [`Key::ALL`] order and the longest override, as the
/// loader reads `strings` by them (`{"phrases": [...], "max": 200}`).
#[cfg(not(target_arch = "wasm32"))]
pub fn phrase_names_file() -> String {
    serde_json::json!({ "phrases": Key::ALL.map(Key::name), "max": Overrides::MAX_CHARS }).to_string()
}

/// The README's list of languages and table of phrases, generated from the
/// tables.
#[cfg(not(target_arch = "wasm32"))]
pub fn markdown_reference() -> String {
    let languages: Vec<String> = LANGUAGES.iter().map(|table| format!("{} (`{}`)", table.name, table.code)).collect();
    let mut md = format!("Languages: {}.\n\n| phrase | English |\n|---|---|\n", languages.join(", "));
    for key in Key::ALL {
        let english = match EN.get(key) {
            "" => "(a plural form English does not use)",
            phrase => phrase,
        };
        md += &format!("| `{}` | {english} |\n", key.name());
    }
    md
}

/// The phrases a widget shows: its language's, with the publisher's
/// overrides on top, in [`Key::ALL`] order. Built owned (`Words<Vec<String>>`)
/// and read through a borrow (`Words::reading`), so a signal can hold the
/// plain `Vec<String>`: a signal type the widget already has costs the wasm
/// no generic code of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Words<P = Vec<String>>(P);

impl<'a> Words<&'a [String]> {
    /// Reads phrases a signal holds (from [`Words::into_phrases`]).
    pub fn reading(phrases: &'a [String]) -> Self {
        Words(phrases)
    }
}

impl Words {
    /// The phrases, for a signal to hold.
    pub fn into_phrases(self) -> Vec<String> {
        self.0
    }

    /// A built-in table's phrases.
    pub fn of(strings: &Strings) -> Words {
        Words(Key::ALL.into_iter().map(|key| strings.get(key).to_owned()).collect())
    }

    /// No phrases yet (every phrase blank): a language's table is on its
    /// way, and English would flash.
    pub fn pending() -> Words {
        Words(Vec::new())
    }

    /// A table file's phrases, or the loader's, in [`Key::ALL`] order: a
    /// missing phrase reads in English, an empty plural form falls back to
    /// `other`, any other empty phrase reads in English.
    pub fn from_table(phrases: impl IntoIterator<Item = Option<String>>) -> Words {
        let mut phrases = phrases.into_iter();
        let phrase = |key: Key, phrase: Option<String>| match phrase {
            Some(phrase) if !phrase.is_empty() || key.is_plural_form() => phrase,
            _ => EN.get(key).to_owned(),
        };
        Words(Key::ALL.into_iter().map(|key| phrase(key, phrases.next().flatten())).collect())
    }

    /// These words with the publisher's overrides.
    pub fn overridden(mut self, overrides: Overrides) -> Words {
        for (key, phrase) in overrides.0 {
            if let Some(slot) = self.0.get_mut(key as usize) {
                *slot = phrase;
            }
        }
        self
    }
}

impl<P: AsRef<[String]>> Words<P> {
    /// Whether these are [`Words::pending`].
    pub fn is_pending(&self) -> bool {
        self.0.as_ref().is_empty()
    }

    /// The phrase for `key`.
    pub fn get(&self, key: Key) -> &str {
        self.0.as_ref().get(key as usize).map(String::as_str).unwrap_or_default()
    }

    /// The phrase for `key` with `value` in its placeholder.
    pub fn fill(&self, key: Key, value: &str) -> String {
        filled(self.get(key), key, value)
    }

    /// What the live region announces for `count` new headlines: the form
    /// for `category` (what `Intl.PluralRules` selects for `count`; `other`
    /// where the language lacks that form) with the count written as `digits`.
    pub fn new_headlines(&self, count: usize, category: &str, digits: &str) -> String {
        if count == 0 {
            return String::new();
        }
        let key = Some(Key::counted(category)).filter(|key| !self.get(*key).is_empty());
        self.fill(key.unwrap_or(Key::NewHeadlinesOther), digits)
    }

    /// How a failure reads.
    pub fn failure(&self, cause: &Cause) -> String {
        cause.told(|key| self.get(key))
    }
}

/// `text`, the phrase for `key`, with `value` in its placeholder.
fn filled(text: &str, key: Key, value: &str) -> String {
    let Some(placeholder) = key.placeholder() else { return text.to_owned() };
    // By hand: `str::replace` would link a substring searcher into the wasm.
    let name = placeholder.trim_start_matches('{');
    let mut filled = String::with_capacity(text.len() + value.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('{') {
        filled.push_str(before);
        rest = match after.strip_prefix(name) {
            Some(after) => {
                filled.push_str(value);
                after
            }
            None => {
                filled.push('{');
                after
            }
        };
    }
    filled.push_str(rest);
    filled
}

impl Cause {
    /// How this failure reads in English: the error event's `message` for
    /// developers too.
    pub fn in_english(&self) -> String {
        self.told(|key| EN.get(key))
    }

    /// This failure in the phrase `phrase` gives for its key.
    fn told<'a>(&self, phrase: impl Fn(Key) -> &'a str) -> String {
        let key = Key::of_cause(self);
        let value = match self {
            Cause::Status(status) => status.to_string(),
            Cause::ContentType(kind) => kind.clone(),
            _ => String::new(),
        };
        filled(phrase(key), key, &value)
    }
}

/// The publisher's own phrases (the `strings` attribute: a JSON object of
/// phrase names to text). Text only: it is shown as text, never as HTML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides(Vec<(Key, String)>);

impl Overrides {
    /// Longest override kept, in characters.
    pub const MAX_CHARS: usize = 200;

    /// Reads the entries of the `strings` object (a value that is not a
    /// string is `None`): the valid ones, and one warning naming every entry
    /// that was ignored.
    pub fn read(entries: impl IntoIterator<Item = (String, Option<String>)>) -> (Overrides, Option<String>) {
        let mut overrides = Vec::new();
        // Built by hand: `[String]::join` would link its own code into the wasm.
        let mut ignored = String::new();
        for (name, value) in entries {
            match (Key::named(&name), value) {
                (Some(key), Some(text)) if text.chars().count() <= Overrides::MAX_CHARS => overrides.push((key, text)),
                _ => {
                    if !ignored.is_empty() {
                        ignored.push_str(", ");
                    }
                    ignored.push_str(&name);
                }
            }
        }
        let warning = (!ignored.is_empty()).then(|| {
            format!(
                "<news-headlines>: ignoring strings: {ignored} (unknown, not text or over {} characters)",
                Overrides::MAX_CHARS
            )
        });
        (Overrides(overrides), warning)
    }

    /// The warning for a `strings` value that is not a JSON object.
    pub fn not_an_object() -> String {
        "<news-headlines>: ignoring strings: not a JSON object of phrase names to text".into()
    }
}

/// A time more than this far in the future is clock skew between the feed's
/// server and the reader, told as "now" all the same: a headline list never
/// promises news from the future.
pub const FUTURE_SKEW_MS: f64 = 2.0 * 60.0 * 1000.0;
/// Up to this age a time is told relatively ("3 days ago"), then as a date.
pub const RELATIVE_FOR_MS: f64 = 7.0 * 24.0 * 60.0 * 60.0 * 1000.0;

/// How a time is told.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimeText {
    /// Relative to now: a value and an `Intl.RelativeTimeFormat` unit (`0
    /// second` reads "now").
    Relative(f64, &'static str),
    /// A date: day and month, and the year when `with_year`.
    Date {
        /// Whether the year is written (it is not the current one).
        with_year: bool,
    },
    /// Not at all (`dates="none"`).
    Hidden,
}

/// How the time `then` is told at `now` (both ms since the epoch) in the
/// `dates` style; `year` gives the reader's calendar year of an instant (the
/// clock and the calendar are injected, so the rule is tested natively).
/// Future times read as now; `auto` is relative up to 7 days, then a date,
/// with the year when it is not the current one.
pub fn tell_time(then: f64, now: f64, style: Dates, year: impl Fn(f64) -> i32) -> TimeText {
    let age = now - then;
    let date = || TimeText::Date { with_year: year(then) != year(now) };
    match style {
        Dates::None => TimeText::Hidden,
        Dates::Absolute => date(),
        Dates::Auto if age > RELATIVE_FOR_MS => date(),
        Dates::Auto | Dates::Relative => {
            let (value, unit) = relative_time(-age.max(0.0));
            TimeText::Relative(value, unit)
        }
    }
}

/// How a bare date (a day the feed gives without a time) is told when it
/// is `days_ago` of the reader's calendar days before today (negative: a
/// later day); `with_year` when its year is not the current one. Never a
/// time of day: `auto` reads today and yesterday as such (a later day reads
/// today, as future times read now) and other days as a date; `relative`
/// counts days, then months and years.
pub fn tell_day(days_ago: f64, style: Dates, with_year: bool) -> TimeText {
    match style {
        Dates::None => TimeText::Hidden,
        Dates::Absolute => TimeText::Date { with_year },
        Dates::Auto if days_ago > 1.0 => TimeText::Date { with_year },
        Dates::Auto | Dates::Relative if days_ago < 1.0 => TimeText::Relative(0.0, "day"),
        Dates::Auto | Dates::Relative => {
            let (value, unit) = relative_time(-days_ago * 86_400_000.0);
            TimeText::Relative(value, unit)
        }
    }
}

/// The coarse value and `Intl.RelativeTimeFormat` unit for a time `delta_ms`
/// away from now (negative: in the past).
pub fn relative_time(delta_ms: f64) -> (f64, &'static str) {
    let secs = delta_ms / 1000.0;
    let abs = secs.abs();
    let (value, unit) = if abs < 45.0 {
        (0.0, "second")
    } else if abs < 45.0 * 60.0 {
        (secs / 60.0, "minute")
    } else if abs < 22.0 * 3600.0 {
        (secs / 3600.0, "hour")
    } else if abs < 26.0 * 86_400.0 {
        (secs / 86_400.0, "day")
    } else if abs < 320.0 * 86_400.0 {
        (secs / (30.44 * 86_400.0), "month")
    } else {
        (secs / (365.25 * 86_400.0), "year")
    };
    // `+ 0.0` turns a rounded `-0` into `0`.
    (value.round() + 0.0, unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang;

    /// The plural category `Intl.PluralRules` selects for a whole number
    /// `n` in each language (CLDR's rules, integers only): the oracle the
    /// selection is tested against natively; `tests/web.rs` checks the
    /// browser's own rules pick the same forms.
    fn category(code: &str, n: u64) -> &'static str {
        let (mod10, mod100) = (n % 10, n % 100);
        match code {
            "ar" => match (n, mod100) {
                (0, _) => "zero",
                (1, _) => "one",
                (2, _) => "two",
                (_, 3..=10) => "few",
                (_, 11..=99) => "many",
                _ => "other",
            },
            "ru" => match (mod10, mod100) {
                (1, m) if m != 11 => "one",
                (2..=4, m) if !(12..=14).contains(&m) => "few",
                _ => "many",
            },
            "fr" | "pt" | "fa" | "hi" if n <= 1 => "one",
            "fr" | "es" | "it" | "pt" if n != 0 && n.is_multiple_of(1_000_000) => "many",
            "en" | "es" | "de" | "it" | "tr" | "ur" | "ml" if n == 1 => "one",
            _ => "other",
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_readme_lists_the_languages_and_phrases() {
        let readme = include_str!("../README.md");
        let reference = markdown_reference();
        assert!(
            readme.contains(&reference),
            "README.md's languages and phrases differ from src/i18n; they should read:\n\n{reference}"
        );
    }

    #[test]
    fn every_language_has_every_phrase_with_its_placeholder() {
        for strings in LANGUAGES {
            for key in Key::ALL {
                let phrase = strings.get(key);
                if key.is_plural_form() && key != Key::NewHeadlinesOther {
                    continue;
                }
                assert!(!phrase.trim().is_empty(), "{} has no {}", strings.code, key.name());
                match key {
                    Key::Updated | Key::Stale | Key::NewHeadlinesOther | Key::ErrorStatus => {
                        let placeholder = key.placeholder().unwrap_or_default();
                        assert_eq!(phrase.matches(placeholder).count(), 1, "{} {}: {phrase}", strings.code, key.name());
                    }
                    _ => {}
                }
            }
            for key in Key::ALL {
                let phrase = strings.get(key);
                let stray = phrase.replace(key.placeholder().unwrap_or("\u{0}"), "");
                assert!(
                    !stray.contains('{') && !stray.contains('}'),
                    "{} {}: an unknown placeholder in {phrase}",
                    strings.code,
                    key.name()
                );
            }
        }
        let codes: Vec<&str> = LANGUAGES.iter().map(|s| s.code).collect();
        assert_eq!(codes, CODES, "CODES lists the tables' codes, in order");
    }

    #[test]
    fn every_plural_form_a_language_selects_up_to_fifty_is_in_its_table() {
        for strings in LANGUAGES {
            for n in 1..=50 {
                let key = Key::counted(category(strings.code, n));
                let words = Words::of(strings);
                assert!(
                    key == Key::NewHeadlinesOther || !words.get(key).is_empty(),
                    "{} lacks the {} form that {n} selects",
                    strings.code,
                    key.name()
                );
            }
        }
    }

    #[test]
    fn arabic_counts_take_their_six_forms() {
        let words = Words::of(&AR);
        let told = |n: u64| words.new_headlines(n as usize, category("ar", n), &n.to_string());
        assert_eq!(told(0), "");
        assert_eq!(told(1), "عنوان جديد واحد");
        assert_eq!(told(2), "عنوانان جديدان");
        assert_eq!(told(3), "3 عناوين جديدة");
        assert_eq!(told(11), "11 عنوانًا جديدًا");
        assert_eq!(told(100), "100 عنوان جديد");
        assert_eq!(
            words.get(Key::NewHeadlinesZero),
            "لا عناوين جديدة",
            "zero has its form, though 0 is never announced"
        );
    }

    #[test]
    fn russian_counts_take_one_few_and_many() {
        let words = Words::of(&RU);
        let told = |n: u64| words.new_headlines(n as usize, category("ru", n), &n.to_string());
        assert_eq!(told(1), "1 новый заголовок");
        assert_eq!(told(2), "2 новых заголовка");
        assert_eq!(told(5), "5 новых заголовков");
        assert_eq!(told(21), "21 новый заголовок");
        assert_eq!(told(11), "11 новых заголовков");
    }

    #[test]
    fn japanese_has_one_form_and_missing_forms_fall_back_to_other() {
        let words = Words::of(&JA);
        for n in [1, 2, 5, 21] {
            assert_eq!(category("ja", n), "other");
            assert_eq!(words.new_headlines(n as usize, "other", &n.to_string()), format!("新着見出し {n} 件"));
        }
        // Without Intl.PluralRules the widget guesses `one` for 1: Japanese has no such form.
        assert_eq!(words.new_headlines(1, "one", "1"), "新着見出し 1 件");
        let english = Words::of(&EN);
        assert_eq!(english.new_headlines(1, "one", "1"), "1 new headline");
        assert_eq!(english.new_headlines(3, "other", "3"), "3 new headlines");
        assert_eq!(english.new_headlines(3, "few", "3"), "3 new headlines", "English has no few: other");
        assert_eq!(Words::of(&AR).new_headlines(3, "few", "٣"), "٣ عناوين جديدة", "digits as the locale writes them");
    }

    #[test]
    fn a_region_or_script_subtag_finds_its_language() {
        let code = |tag: &str| code_of(&lang::resolve(Some(tag), None, None, None).tag);
        assert_eq!(code("fr-CA"), Some("fr"));
        assert_eq!(code("zh-Hans-CN"), Some("zh"));
        assert_eq!(code("pt_BR"), Some("pt"));
        assert_eq!(code("AR-sa"), Some("ar"));
        assert_eq!(code("sw"), None);
        assert_eq!(code("arn"), None);
        assert_eq!(table("ja-JP"), Some(&JA));
        assert_eq!(table("xx"), None);
    }

    #[test]
    fn the_right_to_left_languages_read_right_to_left() {
        for strings in LANGUAGES {
            let rtl = lang::Direction::of_language(strings.code) == lang::Direction::Rtl;
            assert_eq!(rtl, ["ar", "fa", "ur"].contains(&strings.code), "{}", strings.code);
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn a_table_file_reads_back_as_its_table() {
        for strings in LANGUAGES {
            let file: Vec<Option<String>> = serde_json::from_str(&table_file(strings)).expect("a JSON array of text");
            assert_eq!(Words::from_table(file), Words::of(strings), "{}", strings.code);
        }
        let partial = Words::from_table([Some("Chargement…".to_owned()), None, Some(String::new())]);
        assert_eq!(partial.get(Key::Loading), "Chargement…");
        assert_eq!(partial.get(Key::Updated), "Updated {time}", "a missing phrase reads in English");
        assert_eq!(partial.get(Key::Stale), EN.stale, "an empty phrase reads in English");
        assert_eq!(partial.get(Key::NewHeadlinesOne), "{count} new headline", "a missing form is English's");
        let french = Words::from_table([None, None, None, None, None, None, None, None, None, Some(String::new())]);
        assert_eq!(french.get(Key::NewHeadlinesOne), "", "an empty form falls back to other");
        let names: serde_json::Value = serde_json::from_str(&phrase_names_file()).expect("JSON");
        assert_eq!(names["phrases"][1], "updated");
        assert_eq!(names["max"], Overrides::MAX_CHARS);
    }

    #[test]
    fn errors_read_in_the_reader_s_language() {
        let (fr, ar) = (Words::of(&FR), Words::of(&AR));
        assert_eq!(fr.failure(&Cause::Status(500)), "Le flux a répondu par une erreur HTTP 500");
        assert_eq!(ar.failure(&Cause::Status(500)), "ردّ مصدر الأخبار بخطأ HTTP 500");
        assert_eq!(
            Words::of(&EN).failure(&Cause::ContentType("text/html".into())),
            "The feed was sent as text/html, not JSON"
        );
        assert_eq!(Words::of(&EN).failure(&Cause::Timeout), "The feed did not answer within 10 s");
        assert_eq!(Cause::CODES.len(), 9);
    }

    #[test]
    fn overrides_replace_phrases_as_text_and_report_what_they_ignore() {
        let entry = |name: &str, value: Option<&str>| (name.to_owned(), value.map(str::to_owned));
        let (overrides, warning) = Overrides::read([
            entry("updated", Some("Mis à jour {time}")),
            entry("new", Some("<b>Breaking</b>")),
            entry("loading", None),
            entry("headline", Some("x")),
            entry("empty", Some(&"x".repeat(Overrides::MAX_CHARS + 1))),
        ]);
        let words = Words::of(&EN).overridden(overrides);
        assert_eq!(words.fill(Key::Updated, "il y a 3 minutes"), "Mis à jour il y a 3 minutes");
        assert_eq!(words.get(Key::New), "<b>Breaking</b>", "kept as text, rendered as text");
        assert_eq!(words.get(Key::Loading), "Loading headlines…", "a value that is not text falls back");
        assert_eq!(words.get(Key::Empty), "No headlines right now.", "too long falls back");
        let warning = warning.expect("one warning");
        assert!(warning.contains("loading, headline, empty"), "{warning}");
        assert_eq!(Overrides::read([entry("new", Some("Breaking"))]).1, None);
        let live = Words::of(&AR).overridden(Overrides::read([entry("new-headlines-two", Some("خبران"))]).0);
        assert_eq!(live.new_headlines(2, "two", "2"), "خبران");
    }

    const MINUTE: f64 = 60_000.0;
    const DAY: f64 = 24.0 * 60.0 * MINUTE;
    /// 2026-11-26T10:00:00Z.
    const NOW: f64 = 1_795_687_200_000.0;

    /// The UTC calendar year of an instant (the browser uses the reader's
    /// zone): the civil-from-days algorithm, years of 400-year eras.
    fn utc_year(ms: f64) -> i32 {
        let days = (ms / DAY).floor() as i64 + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days.rem_euclid(146_097);
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let march_based_month = (5 * day_of_year + 2) / 153;
        let january_or_february = march_based_month >= 10;
        (year_of_era + era * 400 + i64::from(january_or_february)) as i32
    }

    fn tell(ago_ms: f64, style: Dates) -> TimeText {
        tell_time(NOW - ago_ms, NOW, style, utc_year)
    }

    #[test]
    fn future_times_read_as_now() {
        for ahead in [1_000.0, 90_000.0, FUTURE_SKEW_MS + 1.0, 3.0 * 60.0 * MINUTE, 400.0 * DAY] {
            assert_eq!(tell(-ahead, Dates::Auto), TimeText::Relative(0.0, "second"), "{ahead} ms ahead");
            assert_eq!(tell(-ahead, Dates::Relative), TimeText::Relative(0.0, "second"), "{ahead} ms ahead");
        }
        assert_eq!(tell(0.0, Dates::Auto), TimeText::Relative(0.0, "second"));
    }

    #[test]
    fn auto_is_relative_for_seven_days_then_a_date() {
        assert_eq!(tell(5.0 * MINUTE, Dates::Auto), TimeText::Relative(-5.0, "minute"));
        assert_eq!(tell(3.0 * 60.0 * MINUTE, Dates::Auto), TimeText::Relative(-3.0, "hour"));
        assert_eq!(tell(3.0 * DAY, Dates::Auto), TimeText::Relative(-3.0, "day"));
        assert_eq!(tell(7.0 * DAY, Dates::Auto), TimeText::Relative(-7.0, "day"));
        assert_eq!(tell(7.0 * DAY + MINUTE, Dates::Auto), TimeText::Date { with_year: false });
        assert_eq!(tell(60.0 * DAY, Dates::Auto), TimeText::Date { with_year: false });
    }

    #[test]
    fn the_year_is_written_only_when_it_is_not_the_current_one() {
        // 2016-09-28, ten years before NOW.
        assert_eq!(tell_time(1_475_070_000_000.0, NOW, Dates::Auto, utc_year), TimeText::Date { with_year: true });
        // 2025-12-31T23:00Z seen on 2026-01-01T01:00Z: two hours, but last year.
        let new_year = 1_767_229_200_000.0;
        let before = new_year - 2.0 * 60.0 * MINUTE;
        assert_eq!(tell_time(before, new_year, Dates::Absolute, utc_year), TimeText::Date { with_year: true });
        assert_eq!(tell_time(before, new_year, Dates::Auto, utc_year), TimeText::Relative(-2.0, "hour"));
        assert_eq!(tell(DAY, Dates::Absolute), TimeText::Date { with_year: false });
    }

    #[test]
    fn relative_and_none_ignore_the_age() {
        assert_eq!(tell(3650.0 * DAY, Dates::Relative), TimeText::Relative(-10.0, "year"));
        assert_eq!(tell(MINUTE, Dates::None), TimeText::Hidden);
        assert_eq!(tell(-DAY, Dates::None), TimeText::Hidden);
        assert_eq!(tell(3650.0 * DAY, Dates::None), TimeText::Hidden);
    }

    #[test]
    fn the_test_calendar_is_right_at_new_year() {
        assert_eq!((utc_year(NOW), utc_year(1_475_070_000_000.0)), (2026, 2016));
        assert_eq!((utc_year(1_767_225_599_000.0), utc_year(1_767_225_600_000.0)), (2025, 2026));
    }

    #[test]
    fn a_bare_date_reads_today_yesterday_or_a_date_never_a_time_of_day() {
        let today = TimeText::Relative(0.0, "day");
        assert_eq!(tell_day(0.0, Dates::Auto, false), today);
        assert_eq!(tell_day(-1.0, Dates::Auto, false), today, "a later day reads today");
        assert_eq!(tell_day(1.0, Dates::Auto, false), TimeText::Relative(-1.0, "day"));
        assert_eq!(tell_day(2.0, Dates::Auto, false), TimeText::Date { with_year: false });
        assert_eq!(tell_day(400.0, Dates::Auto, true), TimeText::Date { with_year: true });
        assert_eq!(tell_day(0.0, Dates::Relative, false), today);
        assert_eq!(tell_day(3.0, Dates::Relative, false), TimeText::Relative(-3.0, "day"));
        assert_eq!(tell_day(60.0, Dates::Relative, false), TimeText::Relative(-2.0, "month"));
        assert_eq!(tell_day(0.0, Dates::Absolute, false), TimeText::Date { with_year: false });
        assert_eq!(tell_day(0.0, Dates::None, false), TimeText::Hidden);
    }

    #[test]
    fn relative_time_picks_a_coarse_unit() {
        let min = 60_000.0;
        assert_eq!(relative_time(-10_000.0), (0.0, "second"));
        assert_eq!(relative_time(-5.0 * min), (-5.0, "minute"));
        assert_eq!(relative_time(-65.0 * min), (-1.0, "hour"));
        assert_eq!(relative_time(-30.0 * 60.0 * min), (-1.0, "day"));
        assert_eq!(relative_time(-3.0 * 24.0 * 60.0 * min), (-3.0, "day"));
        assert_eq!(relative_time(-60.0 * 24.0 * 60.0 * min), (-2.0, "month"));
        assert_eq!(relative_time(-3650.0 * 24.0 * 60.0 * min), (-10.0, "year"));
        assert_eq!(relative_time(2.0 * min), (2.0, "minute"));
    }
}
