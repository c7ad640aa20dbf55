//! The widget's own words, in the widget's language, and the rule for how a
//! time is told ([`tell_time`]). Dates and relative times are written by the
//! browser's `Intl` (see `intl.rs`); these are the few fixed phrases around
//! them, the choice between a relative time and a date, and the unit.

use crate::attributes::Dates;
use crate::lang::Lang;

/// The fixed phrases of one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    /// Status while the first response is awaited.
    pub loading: &'static str,
    /// Status when ready, around a relative time such as "3 minutes ago".
    pub updated: Phrase,
    /// Status when stale, around a relative time.
    pub stale: Phrase,
    /// Badge on a newly arrived headline.
    pub new_badge: &'static str,
    /// Heading when neither the `heading` attribute nor the feed gives one.
    pub fallback_heading: &'static str,
    /// Shown when a feed has no items to show.
    pub empty: &'static str,
    /// The control that pauses updates.
    pub pause: &'static str,
    /// The control that resumes updates.
    pub resume: &'static str,
    /// Announced when one headline arrives.
    pub one_new: &'static str,
    /// Announced when several arrive, around the count.
    pub many_new: Phrase,
}

/// A phrase around one value: the text before it and the text after it.
#[derive(Debug, PartialEq, Eq)]
pub struct Phrase(pub &'static str, pub &'static str);

impl Phrase {
    /// The phrase with `value` in its place.
    pub fn with(&self, value: &str) -> String {
        // Not `concat`: its length-overflow `expect` would link a panic path.
        let mut phrase = String::with_capacity(self.0.len() + value.len() + self.1.len());
        phrase.push_str(self.0);
        phrase.push_str(value);
        phrase.push_str(self.1);
        phrase
    }
}

const EN: Strings = Strings {
    loading: "Loading headlines…",
    updated: Phrase("Updated ", ""),
    stale: Phrase("Couldn’t update · showing headlines from ", ""),
    new_badge: "New",
    fallback_heading: "Headlines",
    empty: "No headlines right now.",
    pause: "Pause updates",
    resume: "Resume updates",
    one_new: "1 new headline",
    many_new: Phrase("", " new headlines"),
};

const AR: Strings = Strings {
    loading: "جارٍ تحميل العناوين…",
    updated: Phrase("آخر تحديث ", ""),
    stale: Phrase("تعذّر التحديث · العناوين المعروضة من ", ""),
    new_badge: "جديد",
    fallback_heading: "العناوين",
    empty: "لا توجد عناوين حالياً.",
    pause: "إيقاف التحديث مؤقتاً",
    resume: "استئناف التحديث",
    one_new: "عنوان جديد واحد",
    many_new: Phrase("عناوين جديدة: ", ""),
};

impl Strings {
    /// The phrases for a language (English unless a translation exists).
    pub fn of(lang: &Lang) -> &'static Strings {
        if lang.primary().eq_ignore_ascii_case("ar") {
            &AR
        } else {
            &EN
        }
    }

    /// What the live region announces for `count` new headlines.
    pub fn new_headlines(&self, count: usize) -> String {
        match count {
            0 => String::new(),
            1 => self.one_new.to_owned(),
            n => self.many_new.with(&n.to_string()),
        }
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

    #[test]
    fn picks_arabic_for_ar_tags_and_english_otherwise() {
        let strings = |tag: &str| Strings::of(&lang::resolve(Some(tag), None, None, None));
        assert_eq!(strings("ar-SA"), &AR);
        assert_eq!(strings("AR"), &AR);
        assert_eq!(strings("en"), &EN);
        assert_eq!(strings("fr"), &EN);
        assert_eq!(strings(""), &EN);
    }

    #[test]
    fn announces_new_headline_counts() {
        assert_eq!(EN.new_headlines(0), "");
        assert_eq!(EN.new_headlines(1), "1 new headline");
        assert_eq!(EN.new_headlines(3), "3 new headlines");
        assert_eq!(AR.new_headlines(2), "عناوين جديدة: 2");
    }

    #[test]
    fn fills_the_relative_time_in() {
        assert_eq!(EN.updated.with("3 minutes ago"), "Updated 3 minutes ago");
        assert!(AR.updated.with("قبل ٣ دقائق").ends_with("قبل ٣ دقائق"));
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
