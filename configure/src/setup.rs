//! A configuration: the feed, the values set for the other attributes, where
//! the widget is hosted and the configurator's own language. It lives in the
//! page URL's query (`?src=…&limit=5&ui=ar`), so a configuration is shared as
//! a link. Every option comes from the widget's attribute table, and a value
//! is checked the way the widget reads it.

use news_headlines::attributes::{
    is_browsing_context_name, whole_number, whole_seconds, Attribute, Syntax, ATTRIBUTES, SRC,
};
use news_headlines::lang;
use std::collections::BTreeMap;

/// The query key of the hosting base URL.
pub const CDN_KEY: &str = "cdn";
/// The query key of the configurator's language.
pub const UI_KEY: &str = "ui";

/// The configurator's own language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Ui {
    /// English.
    #[default]
    En,
    /// Arabic, right to left.
    Ar,
    /// French.
    Fr,
}

impl Ui {
    /// The language tag.
    pub fn code(self) -> &'static str {
        match self {
            Ui::En => "en",
            Ui::Ar => "ar",
            Ui::Fr => "fr",
        }
    }

    /// The text direction.
    pub fn dir(self) -> &'static str {
        match self {
            Ui::En | Ui::Fr => "ltr",
            Ui::Ar => "rtl",
        }
    }

    /// The next language (the switch offers it): English, Arabic, French, English…
    pub fn other(self) -> Ui {
        match self {
            Ui::En => Ui::Ar,
            Ui::Ar => Ui::Fr,
            Ui::Fr => Ui::En,
        }
    }

    fn from_code(code: &str) -> Option<Ui> {
        [Ui::En, Ui::Ar, Ui::Fr].into_iter().find(|ui| ui.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// Why a value is not used: what the attribute takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A whole number from `min` to `max`.
    Range {
        /// Smallest.
        min: i64,
        /// Largest.
        max: i64,
    },
    /// `0` or whole seconds from `min`.
    Interval {
        /// Shortest interval.
        min: u32,
    },
    /// One of these keywords.
    Keyword(&'static [&'static str]),
    /// A browsing context keyword or a window name.
    Target,
    /// A language tag.
    Language,
}

/// The configurator's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Setup {
    /// The feed URL as typed: the `src` attribute.
    pub feed: String,
    /// The other attributes' values as typed, by name (blank and default
    /// ones too: a control keeps what was typed).
    values: BTreeMap<&'static str, String>,
    /// Where the widget is hosted, when not beside the configurator.
    pub cdn: Option<String>,
    /// The configurator's language.
    pub ui: Ui,
}

impl Setup {
    /// The configuration a page URL's query describes; unknown keys are ignored.
    pub fn from_query(query: &str) -> Setup {
        let mut setup = Setup::default();
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match key.as_ref() {
                key if key == SRC.name => setup.feed = value.into_owned(),
                CDN_KEY => setup.cdn = Some(value.trim().to_owned()).filter(|cdn| !cdn.is_empty()),
                UI_KEY => setup.ui = Ui::from_code(&value).unwrap_or_default(),
                name => setup.set(name, &value),
            }
        }
        setup
    }

    /// The query that describes this configuration (without `?`): the feed,
    /// every value set but blanks and defaults (usable or not, so a shared
    /// link shows the same form), the hosting base and the language when
    /// not English.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !self.feed.trim().is_empty() {
            query.append_pair(SRC.name, self.feed.trim());
        }
        for (attribute, value) in self.set_values() {
            query.append_pair(attribute.name, value);
        }
        if let Some(cdn) = &self.cdn {
            query.append_pair(CDN_KEY, cdn);
        }
        if self.ui != Ui::En {
            query.append_pair(UI_KEY, self.ui.code());
        }
        query.finish()
    }

    /// The value of option `name` as its control shows it: as typed, else the default value, else blank.
    pub fn value(&self, name: &str) -> String {
        match (self.values.get(name), option(name).and_then(Attribute::default_value)) {
            (Some(value), _) => value.clone(),
            (None, Some(default)) => default.to_owned(),
            (None, None) => String::new(),
        }
    }

    /// Sets option `name` as typed (ignored if there is no such option); a
    /// blank or default value leaves the attribute out.
    pub fn set(&mut self, name: &str, value: &str) {
        if let Some(attribute) = option(name) {
            self.values.insert(attribute.name, value.to_owned());
        }
    }

    /// Why the value of `attribute` is not used, if it is not.
    pub fn problem(&self, attribute: &Attribute) -> Option<Problem> {
        self.values.get(attribute.name).and_then(|value| problem(attribute, value))
    }

    /// The attributes to write besides `src`, in the table's order: the
    /// values set (not blank, not the default) that the widget reads, trimmed.
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        self.set_values()
            .filter(|(attribute, value)| problem(attribute, value).is_none())
            .map(|(attribute, value)| (attribute.name, value.trim().to_owned()))
            .collect()
    }

    /// The values that are neither blank nor the default, in the table's order.
    fn set_values(&self) -> impl Iterator<Item = (&'static Attribute, &str)> {
        options().filter_map(|attribute| {
            let value = self.values.get(attribute.name)?;
            (!value.trim().is_empty() && !is_default(attribute, value)).then_some((attribute, value.as_str()))
        })
    }
}

/// The attributes with a control of their own: all but `src` (the feed field).
pub fn options() -> impl Iterator<Item = &'static Attribute> {
    ATTRIBUTES.into_iter().filter(|attribute| attribute.name != SRC.name)
}

fn option(name: &str) -> Option<&'static Attribute> {
    options().find(|attribute| attribute.name == name)
}

fn is_default(attribute: &Attribute, value: &str) -> bool {
    let Some(default) = attribute.default_value() else { return false };
    let value = value.trim();
    match attribute.syntax {
        Syntax::Integer { .. } => whole_number(value) == whole_number(default),
        Syntax::Seconds { .. } => whole_seconds(value) == whole_seconds(default),
        _ => value.eq_ignore_ascii_case(default),
    }
}

/// Why `value` of `attribute` is not used, if it is not: refused by the
/// widget's own reader of its syntax (`news_headlines::attributes`; a
/// keyword in any ASCII case), or, for numbers the widget would clamp, out
/// of the table's range.
pub fn problem(attribute: &Attribute, value: &str) -> Option<Problem> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match attribute.syntax {
        Syntax::Integer { min, max } => {
            let fits = whole_number(value).is_some_and(|n| (min..=max).contains(&n));
            (!fits).then_some(Problem::Range { min, max })
        }
        Syntax::Seconds { min } => {
            let fits = whole_seconds(value).is_some_and(|secs| secs == 0 || secs >= min);
            (!fits).then_some(Problem::Interval { min })
        }
        Syntax::Keyword(keywords) => {
            (!keywords.iter().any(|k| k.eq_ignore_ascii_case(value))).then_some(Problem::Keyword(keywords))
        }
        Syntax::BrowsingContext => (!is_browsing_context_name(value)).then_some(Problem::Target),
        Syntax::Language => lang::tag(value).is_none().then_some(Problem::Language),
        Syntax::Url | Syntax::Text => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use news_headlines::attributes::{DIR, HEADING, IMAGES, LANG, LIMIT, LOADING, REFRESH, TARGET, THEME};

    #[test]
    fn every_attribute_but_src_is_an_option_and_no_name_is_a_query_key_of_its_own() {
        let names: Vec<&str> = options().map(|a| a.name).collect();
        assert_eq!(names.len(), ATTRIBUTES.len() - 1);
        assert!(!names.contains(&"src") && names.contains(&"loading"));
        assert!(!names.contains(&CDN_KEY) && !names.contains(&UI_KEY));
    }

    #[test]
    fn the_query_keeps_the_feed_the_values_set_the_host_and_the_language() {
        let mut setup = Setup { feed: "https://news.example/feed.json".into(), ..Setup::default() };
        setup.set("limit", "5");
        setup.set("heading", "Top & \"best\"");
        setup.set("theme", "dark");
        setup.cdn = Some("https://cdn.example/widgets".into());
        setup.ui = Ui::Ar;
        let query = setup.to_query();
        assert_eq!(
            query,
            "src=https%3A%2F%2Fnews.example%2Ffeed.json&heading=Top+%26+%22best%22&limit=5&theme=dark\
             &cdn=https%3A%2F%2Fcdn.example%2Fwidgets&ui=ar"
        );
        assert_eq!(Setup::from_query(&format!("?{query}")), setup);
        assert_eq!(Setup::default().to_query(), "");
    }

    #[test]
    fn the_configurator_speaks_english_arabic_and_french_in_turn() {
        assert_eq!([Ui::En.other(), Ui::Ar.other(), Ui::Fr.other()], [Ui::Ar, Ui::Fr, Ui::En]);
        let french = Setup::from_query("ui=FR");
        assert_eq!((french.ui, french.ui.dir()), (Ui::Fr, "ltr"));
        assert_eq!(french.to_query(), "ui=fr");
    }

    #[test]
    fn unknown_keys_and_languages_in_a_query_are_ignored() {
        let setup = Setup::from_query("src=a.json&bogus=1&ui=xx&cdn=%20&limit=7");
        assert_eq!(setup.feed, "a.json");
        assert_eq!((setup.ui, setup.cdn.as_deref()), (Ui::En, None));
        assert_eq!(setup.attributes(), vec![("limit", "7".to_owned())]);
    }

    #[test]
    fn defaults_and_blanks_are_left_out_and_controls_keep_what_was_typed() {
        let mut setup = Setup::default();
        setup.set("limit", "7");
        setup.set("limit", " 10 ");
        setup.set("theme", "AUTO");
        setup.set("heading", "   ");
        setup.set("refresh", "");
        assert_eq!((setup.attributes(), setup.to_query()), (vec![], String::new()));
        assert_eq!((setup.value("limit"), setup.value("theme")), (" 10 ".into(), "AUTO".into()));
        assert_eq!(setup.value("refresh"), "", "a field being retyped stays blank");
        let untouched = Setup::default();
        assert_eq!((untouched.value("limit"), untouched.value("target")), ("10".into(), "_blank".into()));
        assert_eq!(untouched.value("heading"), "");
    }

    #[test]
    fn only_usable_values_are_written_in_table_order_trimmed() {
        let mut setup = Setup::default();
        for (name, value) in
            [("images", "on"), ("limit", "99"), ("heading", " News "), ("refresh", "0"), ("lang", "ar-SA")]
        {
            setup.set(name, value);
        }
        assert_eq!(
            setup.attributes(),
            vec![
                ("heading", "News".into()),
                ("refresh", "0".into()),
                ("lang", "ar-SA".into()),
                ("images", "on".into())
            ]
        );
        assert_eq!(setup.problem(&LIMIT), Some(Problem::Range { min: 1, max: 50 }));
        assert_eq!(setup.value("limit"), "99", "the control keeps what was typed");
    }

    #[test]
    fn values_are_checked_against_the_table_and_the_widget_s_reading() {
        assert_eq!(problem(&LIMIT, "0"), Some(Problem::Range { min: 1, max: 50 }));
        assert_eq!(problem(&LIMIT, "five"), Some(Problem::Range { min: 1, max: 50 }));
        assert_eq!(problem(&LIMIT, "50"), None);
        assert_eq!(problem(&REFRESH, "3"), Some(Problem::Interval { min: 5 }));
        assert_eq!((problem(&REFRESH, "0"), problem(&REFRESH, "5")), (None, None));
        assert_eq!((problem(&REFRESH, "4.9"), problem(&REFRESH, "4.4")), (None, Some(Problem::Interval { min: 5 })));
        assert_eq!(problem(&THEME, "blue"), Some(Problem::Keyword(&["auto", "light", "dark"])));
        assert_eq!((problem(&THEME, "Dark"), problem(&DIR, "rtl"), problem(&IMAGES, "on")), (None, None, None));
        assert_eq!(problem(&LOADING, "later"), Some(Problem::Keyword(&["eager", "lazy"])));
        assert_eq!(problem(&TARGET, "my window"), Some(Problem::Target));
        assert_eq!((problem(&TARGET, "_top"), problem(&TARGET, "news-frame")), (None, None));
        assert_eq!(problem(&LANG, "not a tag!"), Some(Problem::Language));
        assert_eq!(problem(&LANG, "ar-SA"), None);
        assert_eq!(problem(&HEADING, "<anything at all>"), None);
        assert_eq!(problem(&LIMIT, "  "), None);
    }
}
