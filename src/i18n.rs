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
}

const EN: Strings = Strings {
    loading: "Loading headlines…",
    updated: "Updated {}",
    stale: "Couldn’t update · showing headlines from {}",
    new_badge: "New",
    fallback_heading: "Headlines",
    empty: "No headlines right now.",
};

const AR: Strings = Strings {
    loading: "جارٍ تحميل العناوين…",
    updated: "آخر تحديث {}",
    stale: "تعذّر التحديث · العناوين المعروضة من {}",
    new_badge: "جديد",
    fallback_heading: "العناوين",
    empty: "لا توجد عناوين حالياً.",
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
    fn fills_the_relative_time_in() {
        assert_eq!(Strings::fill(EN.updated, "3 minutes ago"), "Updated 3 minutes ago");
        assert!(Strings::fill(AR.updated, "قبل ٣ دقائق").ends_with("قبل ٣ دقائق"));
    }
}
