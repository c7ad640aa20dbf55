//! The widget's own words, in the widget's language. Dates and relative times
//! come from the browser's `Intl`; these are the few fixed phrases around them.

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
    /// The phrases for a language tag (English unless a translation exists).
    pub fn for_language(tag: &str) -> &'static Strings {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("ar") {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_arabic_for_ar_tags_and_english_otherwise() {
        assert_eq!(Strings::for_language("ar-SA"), &AR);
        assert_eq!(Strings::for_language("AR"), &AR);
        assert_eq!(Strings::for_language("en"), &EN);
        assert_eq!(Strings::for_language("fr"), &EN);
        assert_eq!(Strings::for_language(""), &EN);
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
}
