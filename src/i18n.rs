//! The widget's own words, in the widget's language, and the rule for how a
//! time is told. Dates and relative times are written by the browser's `Intl`
//! (see `intl.rs`); these are the few fixed phrases around them and the choice
//! of unit.

use crate::lang::Lang;

/// The fixed phrases of one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Strings {
    /// Status while the first response is awaited.
    pub loading: &'static str,
    /// Status when ready; `{}` is a relative time such as "3 minutes ago".
    pub updated: &'static str,
    /// Status when stale; `{}` is a relative time.
    pub stale: &'static str,
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
    /// Announced when several arrive; `{}` is the count.
    pub many_new: &'static str,
}

const EN: Strings = Strings {
    loading: "Loading headlines…",
    updated: "Updated {}",
    stale: "Couldn’t update · showing headlines from {}",
    new_badge: "New",
    fallback_heading: "Headlines",
    empty: "No headlines right now.",
    pause: "Pause updates",
    resume: "Resume updates",
    one_new: "1 new headline",
    many_new: "{} new headlines",
};

const AR: Strings = Strings {
    loading: "جارٍ تحميل العناوين…",
    updated: "آخر تحديث {}",
    stale: "تعذّر التحديث · العناوين المعروضة من {}",
    new_badge: "جديد",
    fallback_heading: "العناوين",
    empty: "لا توجد عناوين حالياً.",
    pause: "إيقاف التحديث مؤقتاً",
    resume: "استئناف التحديث",
    one_new: "عنوان جديد واحد",
    many_new: "عناوين جديدة: {}",
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
            n => Strings::fill(self.many_new, &n.to_string()),
        }
    }

    /// `template` with `{}` replaced by `value`.
    pub fn fill(template: &str, value: &str) -> String {
        template.replacen("{}", value, 1)
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
        assert_eq!(Strings::fill(EN.updated, "3 minutes ago"), "Updated 3 minutes ago");
        assert!(Strings::fill(AR.updated, "قبل ٣ دقائق").ends_with("قبل ٣ دقائق"));
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
