//! The element's attributes, read into a [`Config`] with documented defaults.
//! Bad values fall back to the default and produce a warning, never an error.

/// Default number of headlines shown.
pub const DEFAULT_LIMIT: usize = 10;
/// Largest `limit` honoured.
pub const MAX_LIMIT: usize = 50;
/// Default refresh interval, in seconds.
pub const DEFAULT_REFRESH_SECS: u32 = 60;
/// Shortest refresh interval, in seconds.
pub const MIN_REFRESH_SECS: u32 = 5;

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

/// Text direction requested with the `dir` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }

    /// The usual direction of a language tag's script.
    pub fn of_language(tag: &str) -> Direction {
        let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "ar" | "fa" | "he" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" => Direction::Rtl,
            _ => Direction::Ltr,
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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            src: None,
            heading: None,
            limit: DEFAULT_LIMIT,
            refresh_secs: Some(DEFAULT_REFRESH_SECS),
            tag: None,
            theme: Theme::Auto,
            target: "_blank".into(),
            lang: None,
            dir: None,
            images: false,
        }
    }
}

impl Config {
    /// Reads the attributes through `attr`, returning the config and a warning
    /// for every value that was not understood.
    pub fn from_attributes(attr: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let mut warnings = Vec::new();
        let defaults = Config::default();
        let text = |name: &str| attr(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let mut invalid = |name: &str, value: &str, fallback: &str| {
            warnings.push(format!("<news-headlines>: ignoring {name}=\"{value}\", using {fallback}"));
        };

        let limit = match text("limit") {
            None => defaults.limit,
            Some(v) => match v.parse::<i64>() {
                Ok(n) => n.clamp(1, MAX_LIMIT as i64) as usize,
                Err(_) => {
                    invalid("limit", &v, "10");
                    defaults.limit
                }
            },
        };
        let refresh_secs = match text("refresh") {
            None => defaults.refresh_secs,
            Some(v) => match whole_seconds(&v) {
                Some(0) => None,
                Some(secs) => Some(secs.max(MIN_REFRESH_SECS)),
                None => {
                    invalid("refresh", &v, "60");
                    defaults.refresh_secs
                }
            },
        };
        let theme = match text("theme").map(|v| v.to_ascii_lowercase()).as_deref() {
            None | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(other) => {
                invalid("theme", other, "auto");
                Theme::Auto
            }
        };
        let target = match text("target") {
            None => defaults.target,
            Some(v) if is_browsing_context_name(&v) => v,
            Some(v) => {
                invalid("target", &v, "_blank");
                defaults.target
            }
        };
        let dir = match text("dir").map(|v| v.to_ascii_lowercase()).as_deref() {
            None | Some("auto") => None,
            Some("ltr") => Some(Direction::Ltr),
            Some("rtl") => Some(Direction::Rtl),
            Some(other) => {
                invalid("dir", other, "auto");
                None
            }
        };
        let images = match text("images").map(|v| v.to_ascii_lowercase()).as_deref() {
            None | Some("off") => false,
            Some("on") => true,
            Some(other) => {
                invalid("images", other, "off");
                false
            }
        };
        let src = text("src");
        if src.is_none() {
            warnings.push("<news-headlines>: the src attribute (the feed URL) is missing".into());
        }
        let config = Config {
            src,
            heading: text("heading"),
            limit,
            refresh_secs,
            tag: text("tag"),
            theme,
            target,
            lang: text("lang").filter(|l| l.len() <= 35),
            dir,
            images,
        };
        (config, warnings)
    }
}

/// Seconds written as `30` or `4.9`, rounded to whole seconds (saturating).
/// Parsed by hand: float parsing would add its tables to the wasm.
fn whole_seconds(text: &str) -> Option<u32> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || (text.contains('.') && fraction.is_empty()) {
        return None;
    }
    let secs = whole.bytes().fold(0u32, |n, b| n.saturating_mul(10).saturating_add(u32::from(b - b'0')));
    let round_up = fraction.bytes().next().is_some_and(|b| b >= b'5');
    Some(secs.saturating_add(u32::from(round_up)))
}

/// `_self`, `_blank`, `_parent`, `_top`, or a plain window name.
fn is_browsing_context_name(value: &str) -> bool {
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
            (config.limit, config.refresh_secs, config.theme, config.target.as_str()),
            (10, Some(60), Theme::Auto, "_blank")
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
        ]);
        assert_eq!(config, Config { src: Some("x".into()), ..Config::default() });
        assert_eq!(warnings.len(), 6);
        assert!(warnings[0].contains("limit=\"ten\""));
        for bad in ["NaN", "inf", "1e400", "5.", ".5", "1.2.3", "-0", "ten"] {
            assert_eq!(read(&[("src", "x"), ("refresh", bad)]).0.refresh_secs, Some(60), "{bad}");
        }
    }

    #[test]
    fn theme_target_tag_and_direction_are_read() {
        let (config, warnings) = read(&[
            ("src", "x"),
            ("theme", "DARK"),
            ("target", "_self"),
            ("tag", " iran "),
            ("dir", "rtl"),
            ("lang", "ar"),
            ("images", "ON"),
        ]);
        assert!(warnings.is_empty());
        assert_eq!(config.theme, Theme::Dark);
        assert_eq!(config.target, "_self");
        assert_eq!(config.tag.as_deref(), Some("iran"));
        assert_eq!(config.dir, Some(Direction::Rtl));
        assert_eq!(config.lang.as_deref(), Some("ar"));
        assert!(config.images);
        assert_eq!(read(&[("src", "x"), ("target", "news-window")]).0.target, "news-window");
    }

    #[test]
    fn right_to_left_languages() {
        for tag in ["ar", "AR-sa", "fa", "he", "ur"] {
            assert_eq!(Direction::of_language(tag), Direction::Rtl, "{tag}");
        }
        for tag in ["en", "fr-FR", "", "arn"] {
            assert_eq!(Direction::of_language(tag), Direction::Ltr, "{tag}");
        }
    }
}
