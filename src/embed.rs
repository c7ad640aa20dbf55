//! The embed page, for hosts that take an iframe but no script:
//! `news-headlines/<version>/embed.html` shows one widget made from its query
//! string. This module owns what the page's script (`loader/embed.js`) and
//! the resizer (`loader/resizer.js`) need from Rust, generated into them at
//! build time (`script_table`): which query parameters exist (every
//! attribute of [`ATTRIBUTES`](crate::attributes::ATTRIBUTES) under its own name, every custom property of
//! `manifest::CSS_PROPERTIES` under its name without `--nh-`), the page's Content
//! Security Policy, and the names of the messages it posts to its parent.
//! `cargo xtask build` writes the table before trunk runs; the names,
//! flags and heights are also the configurator's (the widget's wasm links
//! none of it).

use crate::attributes::{Syntax, LIMIT};
#[cfg(not(target_arch = "wasm32"))]
use crate::{
    attributes::{Attribute, ATTRIBUTES},
    manifest::{CssProperty, CSS_PROPERTIES, EVENTS},
};
#[cfg(not(target_arch = "wasm32"))]
use serde_json::{json, Value};

/// The embed page's file name, in the versioned folder and beside the latest loader.
pub const PAGE: &str = "embed.html";
/// The embed page's script, in the versioned folder.
pub const SCRIPT: &str = "embed.js";
/// The resizer's file name, in the versioned folder and beside the latest loader.
pub const RESIZER: &str = "resizer.js";

/// The embed page's policy, sent as a header and repeated in its `<meta>`:
/// scripts only from the widget's own origin, and only the page's two (the
/// build puts their SHA-384 sources at [`SCRIPT_HASHES`]: WebKit 2.50
/// matches `'self'` to nothing in a sandboxed, opaque-origin document, but
/// runs scripts whose `integrity` matches a hash source), wasm compiled but
/// nothing evaluated, no inline style, Trusted Types with no policy (nothing
/// is ever parsed as HTML). Feeds and thumbnails may be anywhere: the feed
/// is the host's choice. `manifest.json` has the filled-in policy
/// (`embed.csp`) for the CDN's header.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self' {script-hashes} 'wasm-unsafe-eval'; \
     connect-src *; img-src *; style-src 'self'; base-uri 'none'; form-action 'none'; \
     require-trusted-types-for 'script'; trusted-types 'none'";
/// Where [`CONTENT_SECURITY_POLICY`] takes the scripts' hash sources.
pub const SCRIPT_HASHES: &str = "{script-hashes}";

/// The message type the embed page posts whenever its content height changes.
pub const SIZE_MESSAGE: &str = "news-headlines:size";
/// The parameter naming the parent's origin, the only origin the embed
/// page's event messages go to when given.
pub const ORIGIN_PARAMETER: &str = "origin";
/// The sandbox flags the embed page needs (README "Embed without a script").
pub const SANDBOX: [&str; 3] = ["allow-scripts", "allow-popups", "allow-popups-to-escape-sandbox"];
/// The extra flag `target=_top` needs to open articles in the parent's place.
pub const SANDBOX_TOP: &str = "allow-top-navigation-by-user-activation";

#[cfg(not(target_arch = "wasm32"))]
/// What a query parameter of the embed page sets.
#[derive(Debug)]
pub enum Parameter {
    /// The element's attribute of the same name.
    Attribute(&'static Attribute),
    /// A custom property on the element, given without its `--nh-` prefix.
    Style(&'static CssProperty),
}

#[cfg(not(target_arch = "wasm32"))]
impl PartialEq for Parameter {
    /// The same attribute or the same custom property (each is named once in its table).
    fn eq(&self, other: &Parameter) -> bool {
        match (self, other) {
            (Parameter::Attribute(a), Parameter::Attribute(b)) => a.name == b.name,
            (Parameter::Style(a), Parameter::Style(b)) => a.name == b.name,
            _ => false,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The parameter name of a custom property: `--nh-accent` → `accent`.
pub fn style_parameter(property: &CssProperty) -> &'static str {
    property.name.strip_prefix("--nh-").unwrap_or(property.name)
}

#[cfg(not(target_arch = "wasm32"))]
/// What the query parameter `name` sets, if anything (unknown names: nothing).
pub fn parameter(name: &str) -> Option<Parameter> {
    ATTRIBUTES
        .iter()
        .copied()
        .find(|attribute| attribute.name == name)
        .map(Parameter::Attribute)
        .or_else(|| CSS_PROPERTIES.iter().find(|p| style_parameter(p) == name).map(Parameter::Style))
}

#[cfg(not(target_arch = "wasm32"))]
/// The CSS property a custom property's value is checked against with
/// `CSS.supports` before it is set (a value that property refuses is ignored).
pub fn checked_as(property: &CssProperty) -> &'static str {
    match property.syntax {
        "<color>" => "color",
        "<length>" => "outline-offset",
        _ => "font-family",
    }
}

/// The embed page's height at the default font size, in whole CSS pixels,
/// for a fixed-height iframe (no resizer): the stylesheet's grid (the
/// heading's row, `limit` rows of 141.8 px with 13.6 px between them, the
/// status row, the padding) at 16 px. The end-to-end tests check it against
/// the height the page reports.
pub fn fixed_height(limit: i64) -> u32 {
    let Syntax::Integer { min, max } = LIMIT.syntax else { return 0 };
    let rows = limit.clamp(min, max) as f64;
    let (em, gap) = (16.0, 13.6);
    let heading = 1.61 * em + 0.4 * em + 3.0 + gap;
    let row = 3.0 * 1.3 * em + 0.3 * em + 2.0 * 1.225 * em + 1.3 * em + gap + 1.0;
    let body = rows * (row + gap) - gap;
    let status = gap + 2.1 * em;
    let padding = 0.25 * em + 0.5 * em;
    (heading + body + status + padding).ceil() as u32
}

#[cfg(not(target_arch = "wasm32"))]
/// AMP's resize request, as `amp-iframe` reads it.
pub fn amp_size_message(height: u32) -> Value {
    json!({ "sentinel": "amp", "type": "embed-size", "height": height })
}

#[cfg(not(target_arch = "wasm32"))]
/// The table `loader/finish.mjs` fills into `embed.js` and `resizer.js`:
/// parameter names, the page's policy and its messages.
pub fn script_table() -> String {
    let style: serde_json::Map<String, Value> =
        CSS_PROPERTIES.iter().map(|p| (style_parameter(p).to_owned(), json!([p.name, checked_as(p)]))).collect();
    json!({
        "attributes": ATTRIBUTES.iter().map(|a| a.name).collect::<Vec<_>>(),
        "style": style,
        "origin": ORIGIN_PARAMETER,
        "events": EVENTS.iter().map(|e| e.name).collect::<Vec<_>>(),
        "size": SIZE_MESSAGE,
        "amp": amp_size_message(0),
        "page": PAGE,
        "csp": CONTENT_SECURITY_POLICY,
        "scriptHashes": SCRIPT_HASHES,
    })
    .to_string()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::attributes::Config;

    /// The embed page's reading of a query: each known parameter's first
    /// value, as `URLSearchParams.get` gives it to `embed.js`.
    fn read(query: &[(&str, &str)]) -> (Config, Vec<String>) {
        Config::from_attributes(|name| {
            query
                .iter()
                .find(|(key, _)| *key == name && matches!(parameter(key), Some(Parameter::Attribute(_))))
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn every_attribute_is_a_parameter_of_its_own_name() {
        for attribute in ATTRIBUTES {
            assert_eq!(parameter(attribute.name), Some(Parameter::Attribute(attribute)));
        }
    }

    #[test]
    fn every_custom_property_is_a_parameter_without_its_prefix_and_none_shadows_an_attribute() {
        assert_eq!(parameter("accent"), Some(Parameter::Style(&CSS_PROPERTIES[5])));
        assert_eq!(CSS_PROPERTIES[5].name, "--nh-accent");
        for property in CSS_PROPERTIES {
            let name = style_parameter(property);
            assert_ne!(name, property.name, "{} starts with --nh-", property.name);
            assert_eq!(parameter(name), Some(Parameter::Style(property)), "{name}");
            assert_ne!(name, ORIGIN_PARAMETER);
        }
        assert!(ATTRIBUTES.iter().all(|a| a.name != ORIGIN_PARAMETER));
    }

    #[test]
    fn unknown_parameters_set_nothing() {
        for unknown in ["", "onload", "style", "class", "--nh-accent", "nh-accent", "SRC", "Limit", "utm_source"] {
            assert_eq!(parameter(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn a_query_reads_like_attributes_bad_values_fall_back_and_unknown_ones_are_ignored() {
        let (config, warnings) = read(&[
            ("src", "https://news.example/feed.json"),
            ("limit", "ten"),
            ("limit", "4"),
            ("theme", "DARK"),
            ("target", "_top"),
            ("onclick", "alert(1)"),
            ("accent", "#c00"),
        ]);
        assert_eq!(config.src.as_deref(), Some("https://news.example/feed.json"));
        assert_eq!(config.limit, 10, "the first `limit` counts, and `ten` falls back to the default");
        assert_eq!(warnings, ["<news-headlines>: ignoring limit=\"ten\", using 10"]);
        assert_eq!((config.theme.as_str(), config.target.as_str()), ("dark", "_top"));
        assert_eq!(read(&[("limit", "99")]).0.limit, 50, "clamped like the attribute");
    }

    #[test]
    fn custom_properties_are_checked_against_a_property_of_their_syntax() {
        for property in CSS_PROPERTIES {
            let expected = match property.syntax {
                "<color>" => "color",
                "<length>" => "outline-offset",
                "*" => "font-family",
                other => panic!("{} has syntax {other}: say which property checks it", property.name),
            };
            assert_eq!(checked_as(property), expected);
        }
    }

    #[test]
    fn the_table_gives_the_scripts_the_documented_message_shapes() {
        assert_eq!(amp_size_message(412), json!({"sentinel": "amp", "type": "embed-size", "height": 412}));
        let table: Value = serde_json::from_str(&script_table()).expect("the table is JSON");
        assert_eq!(table["size"], "news-headlines:size");
        assert_eq!(table["amp"], amp_size_message(0));
        assert_eq!(table["events"], json!(["news-headlines:update", "news-headlines:error", "news-headlines:click"]));
        assert_eq!(table["style"]["accent"], json!(["--nh-accent", "color"]));
        assert_eq!(table["attributes"].as_array().map(Vec::len), Some(ATTRIBUTES.len()));
        assert_eq!((&table["origin"], &table["page"]), (&json!("origin"), &json!("embed.html")));
    }

    #[test]
    fn the_policy_allows_no_inline_script_no_eval_and_no_html_parsing() {
        let directives: Vec<&str> = CONTENT_SECURITY_POLICY.split(';').map(str::trim).collect();
        assert!(directives.contains(&"script-src 'self' {script-hashes} 'wasm-unsafe-eval'"));
        assert_eq!(CONTENT_SECURITY_POLICY.matches(SCRIPT_HASHES).count(), 1);
        assert!(directives.contains(&"trusted-types 'none'"));
        assert!(directives.contains(&"default-src 'none'"));
        assert!(
            !CONTENT_SECURITY_POLICY.contains("unsafe-inline") && !CONTENT_SECURITY_POLICY.contains("'unsafe-eval'")
        );
    }

    #[test]
    fn the_readme_gives_the_fixed_heights() {
        let line = format!(
            "{} px for `limit=1`, {} px for `limit=5`, {} px for `limit=10`.",
            fixed_height(1),
            fixed_height(5),
            fixed_height(10)
        );
        assert!(include_str!("../README.md").contains(&line), "README.md should say: {line}");
    }

    #[test]
    fn the_fixed_height_grows_by_one_row_period_per_headline() {
        assert_eq!(fixed_height(2) - fixed_height(1), 156);
        assert_eq!(fixed_height(0), fixed_height(1), "clamped like limit");
        assert_eq!(fixed_height(99), fixed_height(50));
    }
}
