//! The attribute table: every attribute of `<news-headlines>` with its
//! default, the values it takes and what it does, in one place. [`Config`]
//! reads the attributes through it, bad values are warned about from it, and
//! the README table, the loader's `observedAttributes` and the npm package's
//! manifest are checked against (or generated from) it.

use crate::lang::{self, Direction};

/// One attribute of the element.
#[derive(Debug)]
pub struct Attribute {
    /// The attribute's name.
    pub name: &'static str,
    /// The default, as documented; for typed attributes also the text the
    /// default value is parsed from.
    pub default: &'static str,
    /// The values it takes.
    pub syntax: Syntax,
    /// What it does, one sentence for the README and the manifest.
    pub description: &'static str,
    /// Read by the loader before the wasm loads (not part of [`Config`]).
    pub loader_only: bool,
}

impl Attribute {
    /// The default when it is a value (a control starts on it), not a
    /// remark such as "the feed's `title`".
    pub fn default_value(&self) -> Option<&'static str> {
        match self.syntax {
            Syntax::Keyword(_) | Syntax::Integer { .. } | Syntax::Seconds { .. } | Syntax::BrowsingContext => {
                Some(self.default)
            }
            Syntax::Url | Syntax::Text | Syntax::Language => None,
        }
    }

    /// Whether the attribute must be given (its default reads `(required)`).
    pub fn is_required(&self) -> bool {
        self.default == "(required)"
    }
}

/// The values an attribute takes, and how its text is read.
#[derive(Debug, PartialEq)]
pub enum Syntax {
    /// A URL, resolved against the page URL by the browser.
    Url,
    /// Any text; white space around it is ignored.
    Text,
    /// A whole number, clamped to `min..=max`.
    Integer {
        /// Smallest value honoured.
        min: i64,
        /// Largest value honoured.
        max: i64,
    },
    /// Seconds (`4.9` rounds to 5); `0` means never, other values are at least `min`.
    Seconds {
        /// Shortest interval honoured.
        min: u32,
    },
    /// One of these keywords, in any case.
    Keyword(&'static [&'static str]),
    /// A browsing context: `_self`, `_blank`, `_parent`, `_top` or a window name.
    BrowsingContext,
    /// A BCP 47 language tag.
    Language,
}

/// `src`: the feed URL.
pub const SRC: Attribute = Attribute {
    name: "src",
    default: "(required)",
    syntax: Syntax::Url,
    description: "Feed URL, resolved against the page URL.",
    loader_only: false,
};
/// `heading`: the heading text.
pub const HEADING: Attribute = Attribute {
    name: "heading",
    default: "the feed's `title`",
    syntax: Syntax::Text,
    description: "Heading text.",
    loader_only: false,
};
/// `limit`: how many headlines show.
pub const LIMIT: Attribute = Attribute {
    name: "limit",
    default: "10",
    syntax: Syntax::Integer { min: 1, max: 50 },
    description: "Headlines shown, clamped to 1..=50.",
    loader_only: false,
};
/// `refresh`: seconds between updates.
pub const REFRESH: Attribute = Attribute {
    name: "refresh",
    default: "60",
    syntax: Syntax::Seconds { min: 5 },
    description: "Seconds between updates; `0` = never; values below 5 become 5.",
    loader_only: false,
};
/// `tag`: show only items with this tag.
pub const TAG: Attribute = Attribute {
    name: "tag",
    default: "(none)",
    syntax: Syntax::Text,
    description: "Show only items whose `tags` contain it (case-insensitive).",
    loader_only: false,
};
/// `theme`: the colour scheme.
pub const THEME: Attribute = Attribute {
    name: "theme",
    default: "auto",
    syntax: Syntax::Keyword(&["auto", "light", "dark"]),
    description: "`light`, `dark`, or `auto` (follows `prefers-color-scheme`).",
    loader_only: false,
};
/// `target`: where links open.
pub const TARGET: Attribute = Attribute {
    name: "target",
    default: "_blank",
    syntax: Syntax::BrowsingContext,
    description: "Link target; links always carry `rel=\"noopener\"`.",
    loader_only: false,
};
/// `lang`: the language of the widget's texts and dates.
pub const LANG: Attribute = Attribute {
    name: "lang",
    default: "the feed's `language`, else the page's",
    syntax: Syntax::Language,
    description: "Language of the widget's texts and dates.",
    loader_only: false,
};
/// `dir`: the text direction.
pub const DIR: Attribute = Attribute {
    name: "dir",
    default: "auto",
    syntax: Syntax::Keyword(&["auto", "ltr", "rtl"]),
    description: "Text direction; `auto` follows the language (`ar`, `fa`, `he`, `ur`, … read right to left).",
    loader_only: false,
};
/// `images`: item thumbnails.
pub const IMAGES: Attribute = Attribute {
    name: "images",
    default: "off",
    syntax: Syntax::Keyword(&["off", "on"]),
    description: "`on` shows each item's `image` (else `banner_image`) as a lazy-loaded 96×64 thumbnail.",
    loader_only: false,
};

/// `dates`: how each headline's time is told.
pub const DATES: Attribute = Attribute {
    name: "dates",
    default: "auto",
    syntax: Syntax::Keyword(&["auto", "relative", "absolute", "none"]),
    description: "`auto`: \"3 hours ago\" up to 7 days, then the date (with the year when it is not this year); \
                  `relative`, `absolute` or `none`. A future time reads \"now\"; the full date and time is the \
                  `<time>`'s tooltip.",
    loader_only: false,
};

/// `link-params`: query parameters added to every headline link.
pub const LINK_PARAMS: Attribute = Attribute {
    name: "link-params",
    default: "(none)",
    syntax: Syntax::Text,
    description: "Query parameters added to every headline link, e.g. `utm_source=partner&utm_medium=widget` \
                  (form-encoded); a parameter a link already has is kept as it is.",
    loader_only: false,
};

/// `loading`: when the widget downloads anything.
pub const LOADING: Attribute = Attribute {
    name: "loading",
    default: "eager",
    syntax: Syntax::Keyword(&["eager", "lazy"]),
    description: "`lazy`, as for `<img>`: neither the widget's code nor its feed is fetched until the widget is \
                  within one viewport of being seen; the fallback children show until then.",
    loader_only: true,
};

/// `strings`: the publisher's own words for the widget's phrases.
pub const STRINGS: Attribute = Attribute {
    name: "strings",
    default: "(none)",
    syntax: Syntax::Text,
    description: "The publisher's own words: a JSON object of phrase names to text, e.g. \
                  `{\"updated\": \"Mis à jour {time}\", \"new\": \"Breaking\"}` (see \"Languages and \
                  phrases\"); shown as text, never HTML; changes apply live; an unknown phrase, a value that is \
                  not text or invalid JSON warns once and keeps the widget's words.",
    loader_only: false,
};

/// Every attribute, in the order the README lists them.
pub const ATTRIBUTES: [&Attribute; 14] = [
    &SRC,
    &HEADING,
    &LIMIT,
    &REFRESH,
    &TAG,
    &THEME,
    &TARGET,
    &LANG,
    &DIR,
    &IMAGES,
    &DATES,
    &LINK_PARAMS,
    &LOADING,
    &STRINGS,
];

/// Colour scheme of the widget.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The normalised keyword, as the stylesheet reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// How headline times are told (`dates`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dates {
    /// Relative up to 7 days, then a date.
    #[default]
    Auto,
    /// Always relative.
    Relative,
    /// Always a date.
    Absolute,
    /// No times.
    None,
}

impl Dates {
    /// The keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            Dates::Auto => "auto",
            Dates::Relative => "relative",
            Dates::Absolute => "absolute",
            Dates::None => "none",
        }
    }
}

/// The attributes as typed values (the Leptos component's props): read into
/// a [`Config`] through the same table, with the same defaults, clamping and
/// warnings as the element's attributes. `None` is an absent attribute.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Props {
    /// `src`.
    pub src: String,
    /// `heading`.
    pub heading: Option<String>,
    /// `limit`.
    pub limit: Option<i64>,
    /// `refresh`, in seconds.
    pub refresh: Option<u32>,
    /// `tag`.
    pub tag: Option<String>,
    /// `theme`.
    pub theme: Option<Theme>,
    /// `target`.
    pub target: Option<String>,
    /// `lang`.
    pub lang: Option<String>,
    /// `dir`.
    pub dir: Option<Direction>,
    /// `images`.
    pub images: Option<bool>,
    /// `dates`.
    pub dates: Option<Dates>,
    /// `link-params`.
    pub link_params: Option<String>,
    /// `strings`, as JSON text.
    pub strings: Option<String>,
}

impl Props {
    /// The attribute `name` these props stand for, as text.
    pub fn attribute(&self, name: &str) -> Option<String> {
        match name {
            "src" => Some(self.src.clone()),
            "heading" => self.heading.clone(),
            "limit" => self.limit.map(|n| n.to_string()),
            "refresh" => self.refresh.map(|secs| secs.to_string()),
            "tag" => self.tag.clone(),
            "theme" => self.theme.map(|t| t.as_str().to_owned()),
            "target" => self.target.clone(),
            "lang" => self.lang.clone(),
            "dir" => self.dir.map(|d| d.as_str().to_owned()),
            "images" => self.images.map(|on| if on { "on" } else { "off" }.to_owned()),
            "dates" => self.dates.map(|d| d.as_str().to_owned()),
            "link-params" => self.link_params.clone(),
            "strings" => self.strings.clone(),
            _ => None,
        }
    }
}

/// Everything the attributes configure.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// `src`: the feed URL as written (resolved against the page by the browser).
    pub src: Option<String>,
    /// `heading`: overrides the feed's title.
    pub heading: Option<String>,
    /// `limit`: headlines shown, 1..=50.
    pub limit: usize,
    /// `refresh`: seconds between updates, `None` for never.
    pub refresh_secs: Option<u32>,
    /// `tag`: show only items with this tag.
    pub tag: Option<String>,
    /// `theme`.
    pub theme: Theme,
    /// `target`: where links open.
    pub target: String,
    /// `lang`: overrides the feed's language.
    pub lang: Option<String>,
    /// `dir`: overrides the direction implied by the language.
    pub dir: Option<Direction>,
    /// `images`: show item thumbnails (`on`/`off`).
    pub images: bool,
    /// `dates`: how times are told.
    pub dates: Dates,
    /// `link-params`: a query whose parameters are added to every link.
    pub link_params: Option<String>,
    /// `strings`: the publisher's phrases, as JSON text (read by `i18n::Overrides`).
    pub strings: Option<String>,
}

impl Default for Config {
    /// Every attribute at its default (no `src`).
    fn default() -> Self {
        Config::from_attributes(|_| None).0
    }
}

impl Config {
    /// Reads the attributes through `attr`, returning the config and a warning
    /// for every value that was not understood.
    pub fn from_attributes(attr: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let mut read = Reader { attr, warnings: Vec::new() };
        let src = read.text(&SRC);
        if src.is_none() {
            read.warnings.push("<news-headlines>: the src attribute (the feed URL) is missing".into());
        }
        let config = Config {
            src,
            heading: read.text(&HEADING),
            limit: usize::try_from(read.integer(&LIMIT)).unwrap_or(1),
            refresh_secs: read.seconds(&REFRESH),
            tag: read.text(&TAG),
            theme: match read.keyword(&THEME) {
                "light" => Theme::Light,
                "dark" => Theme::Dark,
                _ => Theme::Auto,
            },
            target: read.browsing_context(&TARGET),
            lang: read.language(&LANG),
            dir: match read.keyword(&DIR) {
                "ltr" => Some(Direction::Ltr),
                "rtl" => Some(Direction::Rtl),
                _ => None,
            },
            images: read.keyword(&IMAGES) == "on",
            dates: match read.keyword(&DATES) {
                "relative" => Dates::Relative,
                "absolute" => Dates::Absolute,
                "none" => Dates::None,
                _ => Dates::Auto,
            },
            link_params: read.text(&LINK_PARAMS),
            strings: read.text(&STRINGS),
        };
        (config, read.warnings)
    }
}

/// Reads typed values through the table, collecting warnings.
struct Reader<F> {
    attr: F,
    warnings: Vec<String>,
}

impl<F: Fn(&str) -> Option<String>> Reader<F> {
    /// The trimmed, non-empty value of `attribute`, if set. Inlined, like
    /// every reader, so only the names and defaults the widget reads are
    /// linked into the wasm, not the table's descriptions.
    #[inline(always)]
    fn text(&mut self, attribute: &Attribute) -> Option<String> {
        (self.attr)(attribute.name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    }

    /// `attribute`'s value read by `parse`, else its default (with a warning
    /// when a value was given but not understood).
    #[inline(always)]
    fn typed<T>(&mut self, attribute: &Attribute, parse: impl Fn(&str) -> Option<T>) -> T
    where
        T: Default,
    {
        if let Some(value) = self.text(attribute) {
            if let Some(parsed) = parse(&value) {
                return parsed;
            }
            self.ignore(attribute.name, attribute.default, &value);
        }
        parse(attribute.default).unwrap_or_default()
    }

    /// Warns that `value` was not understood for attribute `name`.
    fn ignore(&mut self, name: &str, default: &str, value: &str) {
        self.warnings.push(format!("<news-headlines>: ignoring {name}=\"{value}\", using {default}"));
    }

    #[inline(always)]
    fn integer(&mut self, attribute: &Attribute) -> i64 {
        let Syntax::Integer { min, max } = attribute.syntax else { return 0 };
        // Not `clamp`: its panic on min > max (the table's bounds are ordered,
        // tested) would bring i64's Debug formatting into the wasm.
        self.typed(attribute, |v| whole_number(v).map(|n| n.max(min).min(max)))
    }

    #[inline(always)]
    fn seconds(&mut self, attribute: &Attribute) -> Option<u32> {
        let Syntax::Seconds { min } = attribute.syntax else { return None };
        self.typed(attribute, |v| match whole_seconds(v)? {
            0 => Some(None),
            secs => Some(Some(secs.max(min))),
        })
    }

    /// The keyword given, lower-cased, or the default keyword.
    #[inline(always)]
    fn keyword(&mut self, attribute: &Attribute) -> &'static str {
        let Syntax::Keyword(keywords) = attribute.syntax else { return "" };
        self.typed(attribute, |v| keywords.iter().find(|k| k.eq_ignore_ascii_case(v)).copied())
    }

    #[inline(always)]
    fn browsing_context(&mut self, attribute: &Attribute) -> String {
        self.typed(attribute, |v| is_browsing_context_name(v).then(|| v.to_owned()))
    }

    #[inline(always)]
    fn language(&mut self, attribute: &Attribute) -> Option<String> {
        self.text(attribute).and_then(|v| {
            let tag = lang::tag(&v);
            if tag.is_none() {
                self.ignore(attribute.name, attribute.default, &v);
            }
            tag
        })
    }
}

/// A `Syntax::Integer` value as the widget reads it (`i64::from_str`),
/// before the clamp; the configurator reads it the same way.
#[inline(always)]
pub fn whole_number(text: &str) -> Option<i64> {
    text.parse().ok()
}

/// Seconds written as `30` or `4.9`, rounded to whole seconds (saturating):
/// how a `Syntax::Seconds` value is read, here and by the configurator.
/// Parsed by hand: float parsing would add its tables to the wasm.
pub fn whole_seconds(text: &str) -> Option<u32> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
        return None;
    }
    let secs = whole.bytes().fold(0u32, |n, b| n.saturating_mul(10).saturating_add(u32::from(b - b'0')));
    let round_up = fraction.bytes().next().is_some_and(|b| b >= b'5');
    Some(secs.saturating_add(u32::from(round_up)))
}

/// `_self`, `_blank`, `_parent`, `_top`, or a plain window name: how a
/// `Syntax::BrowsingContext` value is read, here and by the configurator.
pub fn is_browsing_context_name(value: &str) -> bool {
    match value.strip_prefix('_') {
        Some(keyword) => matches!(keyword.to_ascii_lowercase().as_str(), "self" | "blank" | "parent" | "top"),
        None => value.len() <= 64 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(pairs: &[(&str, &str)]) -> (Config, Vec<String>) {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_attributes(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_when_only_src_is_given() {
        let (config, warnings) = read(&[("src", "/feeds/a.json")]);
        assert_eq!(config, Config { src: Some("/feeds/a.json".into()), ..Config::default() });
        assert!(warnings.is_empty());
        assert_eq!(
            (config.limit, config.refresh_secs, config.theme, config.target.as_str(), config.dir, config.images),
            (10, Some(60), Theme::Auto, "_blank", None, false)
        );
    }

    #[test]
    fn a_missing_src_is_warned_about() {
        let (config, warnings) = read(&[]);
        assert_eq!(config.src, None);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn limit_is_clamped_to_1_through_50() {
        for (value, expected) in [("0", 1), ("-4", 1), ("1", 1), ("7", 7), ("50", 50), ("51", 50), ("99999999999", 50)]
        {
            assert_eq!(read(&[("src", "x"), ("limit", value)]).0.limit, expected, "{value}");
        }
    }

    #[test]
    fn refresh_zero_means_never_and_small_values_become_five() {
        for (value, expected) in [
            ("0", None),
            ("1", Some(5)),
            ("4.9", Some(5)),
            ("5", Some(5)),
            ("30", Some(30)),
            (" 120 ", Some(120)),
            ("7.5", Some(8)),
            ("99999999999", Some(u32::MAX)),
        ] {
            assert_eq!(read(&[("src", "x"), ("refresh", value)]).0.refresh_secs, expected, "{value}");
        }
    }

    #[test]
    fn bad_values_fall_back_to_defaults_with_a_warning() {
        let (config, warnings) = read(&[
            ("src", "x"),
            ("limit", "ten"),
            ("refresh", "-5"),
            ("theme", "purple"),
            ("target", "javascript:alert(1)"),
            ("dir", "up"),
            ("images", "maybe"),
            ("lang", "not a tag"),
            ("dates", "sometimes"),
        ]);
        assert_eq!(config, Config { src: Some("x".into()), ..Config::default() });
        assert_eq!(warnings.len(), 8);
        assert_eq!(warnings[0], "<news-headlines>: ignoring limit=\"ten\", using 10");
        for bad in ["NaN", "inf", "1e400", "5.", ".5", "1.2.3", "-0", "ten"] {
            assert_eq!(read(&[("src", "x"), ("refresh", bad)]).0.refresh_secs, Some(60), "{bad}");
        }
    }

    #[test]
    fn keywords_are_read_in_any_case_and_normalised() {
        let (config, warnings) = read(&[
            ("src", "x"),
            ("theme", "DARK"),
            ("target", "_self"),
            ("tag", " iran "),
            ("dir", "RTL"),
            ("lang", "ar_SA"),
            ("images", "ON"),
            ("dates", "Absolute"),
            ("link-params", "utm_source=partner"),
        ]);
        assert!(warnings.is_empty());
        assert_eq!(config.link_params.as_deref(), Some("utm_source=partner"));
        assert_eq!(config.dates, Dates::Absolute);
        assert_eq!((config.theme, config.theme.as_str()), (Theme::Dark, "dark"));
        assert_eq!(config.target, "_self");
        assert_eq!(config.tag.as_deref(), Some("iran"));
        assert_eq!(config.dir, Some(Direction::Rtl));
        assert_eq!(config.lang.as_deref(), Some("ar-SA"));
        assert!(config.images);
        assert_eq!(read(&[("src", "x"), ("target", "news-window")]).0.target, "news-window");
        assert_eq!(read(&[("src", "x"), ("theme", " Light ")]).0.theme, Theme::Light);
    }

    #[test]
    fn every_typed_default_is_read_from_the_table() {
        for attribute in ATTRIBUTES {
            match attribute.syntax {
                Syntax::Keyword(keywords) => {
                    assert!(
                        keywords.contains(&attribute.default),
                        "{}'s default is one of its keywords",
                        attribute.name
                    )
                }
                Syntax::Integer { min, max } => {
                    let default: i64 = attribute.default.parse().unwrap_or(i64::MIN);
                    assert!((min..=max).contains(&default), "{}'s default is in range", attribute.name);
                }
                Syntax::Seconds { .. } => assert!(whole_seconds(attribute.default).is_some(), "{}", attribute.name),
                Syntax::BrowsingContext => assert!(is_browsing_context_name(attribute.default), "{}", attribute.name),
                Syntax::Url | Syntax::Text | Syntax::Language => {}
            }
        }
        let names: Vec<&str> = ATTRIBUTES.iter().map(|a| a.name).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(names.len(), unique.len(), "each attribute is listed once");
    }

    #[test]
    fn default_value_is_a_value_and_never_a_remark() {
        assert_eq!(LIMIT.default_value(), Some("10"));
        assert_eq!(THEME.default_value(), Some("auto"));
        assert_eq!(HEADING.default_value(), None, "the feed's title is a remark");
        assert_eq!(LANG.default_value(), None);
        assert!(SRC.is_required() && !LIMIT.is_required());
    }

    #[test]
    fn props_stand_for_every_attribute_and_read_the_same_way() {
        let props = Props {
            src: "/feeds/a.json".into(),
            heading: Some("Around".into()),
            limit: Some(99),
            refresh: Some(2),
            tag: Some("iran".into()),
            theme: Some(Theme::Dark),
            target: Some("_self".into()),
            lang: Some("ar".into()),
            dir: Some(Direction::Ltr),
            images: Some(true),
            dates: Some(Dates::None),
            link_params: Some("utm_source=x".into()),
            strings: Some(r#"{"new": "Breaking"}"#.into()),
        };
        for attribute in ATTRIBUTES.iter().filter(|a| !a.loader_only) {
            assert!(props.attribute(attribute.name).is_some(), "props have no {}", attribute.name);
        }
        let (config, warnings) = Config::from_attributes(|name| props.attribute(name));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!((config.limit, config.refresh_secs), (50, Some(5)), "clamped like attributes");
        assert_eq!(
            (config.theme, config.dir, config.images, config.dates),
            (Theme::Dark, Some(Direction::Ltr), true, Dates::None)
        );
        let defaults = Props { src: "/feeds/a.json".into(), ..Props::default() };
        assert_eq!(Config::from_attributes(|name| defaults.attribute(name)).0, read(&[("src", "/feeds/a.json")]).0);
    }

    #[test]
    fn keywords_name_the_values_they_read_as() {
        for keyword in ["auto", "light", "dark"] {
            assert_eq!(read(&[("theme", keyword)]).0.theme.as_str(), keyword);
        }
        for keyword in ["auto", "relative", "absolute", "none"] {
            assert_eq!(read(&[("dates", keyword)]).0.dates.as_str(), keyword);
        }
        for keyword in ["ltr", "rtl"] {
            assert_eq!(read(&[("dir", keyword)]).0.dir.map(Direction::as_str), Some(keyword));
        }
        let table = |attribute: &Attribute| match attribute.syntax {
            Syntax::Keyword(keywords) => keywords.to_vec(),
            _ => Vec::new(),
        };
        assert_eq!(table(&THEME), ["auto", "light", "dark"]);
        assert_eq!(table(&DATES), ["auto", "relative", "absolute", "none"]);
        assert_eq!(table(&DIR), ["auto", "ltr", "rtl"]);
    }
}
