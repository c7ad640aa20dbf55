//! The language rule: which language a widget speaks and which way it reads.
//! Language tags from attributes, feeds and the page are validated here, and
//! [`resolve`] applies the one rule: the `lang` attribute, else the feed's
//! `language`, else the page's `lang`, else English.

/// Text direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// The `dir` attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }

    /// The usual direction of a language tag's script.
    pub fn of_language(tag: &str) -> Direction {
        match primary(tag).to_ascii_lowercase().as_str() {
            "ar" | "fa" | "he" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }
}

/// The language a widget speaks: a valid tag and its direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lang {
    /// A BCP 47 tag, e.g. `ar-SA`.
    pub tag: String,
    /// The direction: the `dir` attribute's, else the language's.
    pub dir: Direction,
}

impl Lang {
    /// The primary language subtag (`ar` of `ar-SA`).
    pub fn primary(&self) -> &str {
        primary(&self.tag)
    }
}

/// Keeps a language tag only if it looks like BCP 47 (ASCII letters, digits
/// and `-`, starting with a letter, at most 35 characters); `_` becomes `-`.
pub fn tag(raw: &str) -> Option<String> {
    let tag = raw.trim();
    let valid = !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && tag.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
    valid.then(|| tag.replace('_', "-"))
}

/// The widget's language: the `lang` attribute, else the feed's `language`,
/// else the page's `lang`, else English; each only if it is a valid tag. The
/// direction is `dir` if given, else the language's.
pub fn resolve(attribute: Option<&str>, dir: Option<Direction>, feed: Option<&str>, page: Option<&str>) -> Lang {
    let tag = [attribute, feed, page].into_iter().flatten().find_map(tag).unwrap_or_else(|| "en".to_owned());
    let dir = dir.unwrap_or_else(|| Direction::of_language(&tag));
    Lang { tag, dir }
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_languages() {
        for tag in ["ar", "AR-sa", "fa", "he", "ur"] {
            assert_eq!(Direction::of_language(tag), Direction::Rtl, "{tag}");
        }
        for tag in ["en", "fr-FR", "", "arn"] {
            assert_eq!(Direction::of_language(tag), Direction::Ltr, "{tag}");
        }
    }

    #[test]
    fn tags_are_validated_and_normalised() {
        assert_eq!(tag(" ar_SA ").as_deref(), Some("ar-SA"));
        assert_eq!(tag("en").as_deref(), Some("en"));
        for bad in ["", " ", "1en", "en US", "<script>", "e\u{0301}n", &"a".repeat(36)] {
            assert_eq!(tag(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn attribute_then_feed_then_page_then_english() {
        let ar = Lang { tag: "ar".into(), dir: Direction::Rtl };
        assert_eq!(resolve(Some("ar"), None, Some("en"), Some("fr")), ar);
        assert_eq!(resolve(None, None, Some("ar"), Some("fr")), ar);
        assert_eq!(resolve(None, None, None, Some("ar")), ar);
        assert_eq!(resolve(None, None, None, None), Lang { tag: "en".into(), dir: Direction::Ltr });
        assert_eq!(resolve(None, None, Some("bad tag"), Some("ar")).tag, "ar", "an invalid tag is skipped");
    }

    #[test]
    fn dir_overrides_the_language_direction() {
        assert_eq!(resolve(Some("ar"), Some(Direction::Ltr), None, None).dir, Direction::Ltr);
        assert_eq!(resolve(Some("en"), Some(Direction::Rtl), None, None).dir, Direction::Rtl);
        assert_eq!(resolve(Some("ar-EG"), None, None, None).primary(), "ar");
    }
}
