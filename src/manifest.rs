//! What the npm package says about `<news-headlines>` beyond its attributes
//! (those are [`crate::attributes::ATTRIBUTES`]): one table each for its
//! [`PARTS`], [`CSS_PROPERTIES`], [`EVENTS`], [`SLOTS`] and [`METHODS`]. The
//! package's `custom-elements.json`, `news-headlines.d.ts`, `package.json` and
//! the READMEs' reference are generated from them by `cargo xtask codegen`.
//! Tests fail when a table drifts from the view, the stylesheet, `element.rs`
//! or the loader. Native only.
#![cfg(not(target_arch = "wasm32"))]

use crate::report::{CLICK_EVENT, ERROR_EVENT, UPDATE_EVENT};
use crate::state::Phase;

/// The package's name: the crate's, like its version, description and licence.
pub const PACKAGE: &str = env!("CARGO_PKG_NAME");
/// The package's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The package's description.
pub const DESCRIPTION: &str = env!("CARGO_PKG_DESCRIPTION");
/// The package's licence.
pub const LICENSE: &str = env!("CARGO_PKG_LICENSE");
/// The element's tag name.
pub const TAG: &str = "news-headlines";
/// The loader's file name: the package's entry, in `dist/` and in the package.
pub const LOADER: &str = "news-headlines.js";
/// The package's Custom Elements Manifest.
pub const MANIFEST: &str = "custom-elements.json";
/// The package's TypeScript declarations.
pub const TYPES: &str = "news-headlines.d.ts";
/// The loader's class (`class NewsHeadlines extends HTMLElement`).
pub const CLASS: &str = "NewsHeadlines";
/// The browsing-context keywords a `Syntax::BrowsingContext` attribute takes besides window names.
pub const BROWSING_CONTEXTS: [&str; 4] = ["_self", "_blank", "_parent", "_top"];
/// Every `state` the element carries.
pub const PHASES: [Phase; 4] = [Phase::Loading, Phase::Ready, Phase::Stale, Phase::Error];

/// A part of the shadow tree, styleable with `::part()`.
#[derive(Debug)]
pub struct Part {
    /// The `part` name.
    pub name: &'static str,
    /// What it is.
    pub description: &'static str,
}

/// Every part the view renders.
pub const PARTS: &[Part] = &[
    Part {
        name: "container",
        description: "The `<section>` around everything; carries the widget's `lang` and `dir`.",
    },
    Part { name: "heading", description: "The `<h2>` heading." },
    Part { name: "list", description: "The `<ol>` of headlines." },
    Part {
        name: "item",
        description:
            "A headline's `<li>`: `data-id` is the item's id, `data-new` marks it for two minutes after it arrives.",
    },
    Part { name: "image", description: "The item's lazy-loaded 96×64 thumbnail (`images=\"on\"` only)." },
    Part { name: "link", description: "The headline's `<a>`; without `href` when the item has no usable link." },
    Part { name: "badge", description: "The \"New\" badge, for two minutes after an item arrives." },
    Part { name: "teaser", description: "The teaser paragraph." },
    Part { name: "dateline", description: "The dateline at the start of the teaser." },
    Part { name: "time", description: "The item's `<time>`." },
    Part { name: "status", description: "The status line: when the list was updated, loading, failures." },
    Part { name: "pause", description: "The status line's \"Pause updates\" button." },
];

/// A CSS custom property the stylesheet reads from the host; its default is
/// read from the stylesheet.
#[derive(Debug)]
pub struct CssProperty {
    /// The property, with its leading `--`.
    pub name: &'static str,
    /// Its syntax, as `@property` writes it.
    pub syntax: &'static str,
    /// What it sets.
    pub description: &'static str,
}

/// Every custom property the stylesheet reads.
pub const CSS_PROPERTIES: &[CssProperty] = &[
    CssProperty { name: "--nh-font-family", syntax: "*", description: "Font family of the whole widget." },
    CssProperty { name: "--nh-font-size", syntax: "<length>", description: "Base font size." },
    CssProperty { name: "--nh-fg", syntax: "<color>", description: "Text colour." },
    CssProperty { name: "--nh-muted", syntax: "<color>", description: "Colour of teasers, times and the status line." },
    CssProperty { name: "--nh-bg", syntax: "<color>", description: "Background colour." },
    CssProperty {
        name: "--nh-accent",
        syntax: "<color>",
        description: "Accent colour: heading rule, hovered links, badges.",
    },
    CssProperty { name: "--nh-accent-dark", syntax: "<color>", description: "Accent colour of the dark theme." },
    CssProperty { name: "--nh-border", syntax: "<color>", description: "Colour of the rules between items." },
    CssProperty { name: "--nh-radius", syntax: "<length>", description: "Corner radius." },
    CssProperty { name: "--nh-gap", syntax: "<length>", description: "Space between items." },
    CssProperty { name: "--nh-padding", syntax: "<length>", description: "Inline padding of the widget." },
];

/// A field of an event's `detail`.
#[derive(Debug)]
pub struct Field {
    /// The field's name.
    pub name: &'static str,
    /// Its TypeScript type.
    pub ts_type: &'static str,
    /// What it holds.
    pub description: &'static str,
}

/// An event the element dispatches: a `CustomEvent` that bubbles and is composed.
#[derive(Debug)]
pub struct Event {
    /// The event's type.
    pub name: &'static str,
    /// When it fires.
    pub description: &'static str,
    /// Its `detail`.
    pub detail: &'static [Field],
}

/// The error event's `code`s: every [`Cause`](crate::state::Cause)'s, and
/// the loader's `stopped`.
pub const ERROR_CODES: &str = "\"timeout\" | \"network\" | \"status\" | \"content-type\" | \"truncated\" | \"too-large\" | \"not-json\" | \"not-a-feed\" | \"no-src\" | \"stopped\"";

/// Every event the element dispatches.
pub const EVENTS: &[Event] = &[
    Event {
        name: UPDATE_EVENT,
        description: "New headlines are shown (the first load, then every change).",
        detail: &[
            Field { name: "added", ts_type: "number", description: "Headlines that were not shown before." },
            Field { name: "removed", ts_type: "number", description: "Headlines that are no longer shown." },
            Field { name: "total", ts_type: "number", description: "Headlines shown now." },
            Field {
                name: "age",
                ts_type: "number | null",
                description: "How old the copy shown is, in seconds (a stored copy the feed's caching headers allow is shown at once on a repeat view); null when the answer does not tell (expose `Date` to other origins).",
            },
        ],
    },
    Event {
        name: ERROR_EVENT,
        description:
            "A load failed (the last good headlines stay), or the widget stopped and fell back to its children.",
        detail: &[
            Field {
                name: "message",
                ts_type: "string",
                description: "What went wrong, in English, for developers (readers see it in their language).",
            },
            Field {
                name: "code",
                ts_type: ERROR_CODES,
                description: "Why, as a stable code: `timeout`, `network` (offline, refused or blocked by CORS), \
                              `status` (a non-2xx answer), `content-type` (not JSON), `truncated`, `too-large`, \
                              `not-json`, `not-a-feed`, `no-src`; `stopped` when the widget fell back to its children.",
            },
            Field {
                name: "status",
                ts_type: "number | null",
                description: "The HTTP status, when the server answered.",
            },
        ],
    },
    Event {
        name: CLICK_EVENT,
        description: "The reader opened a headline (a click, a middle click, Enter).",
        detail: &[
            Field { name: "id", ts_type: "string", description: "The item's id." },
            Field { name: "url", ts_type: "string", description: "The link opened (with the `link-params`)." },
            Field { name: "position", ts_type: "number", description: "The headline's place in the list, from 1." },
            Field { name: "feed", ts_type: "string", description: "The feed's URL." },
        ],
    },
];

/// A slot of the shadow tree.
#[derive(Debug)]
pub struct Slot {
    /// The slot's name; empty for the default slot.
    pub name: &'static str,
    /// What shows there.
    pub description: &'static str,
}

/// Every slot the view renders.
pub const SLOTS: &[Slot] = &[Slot {
    name: "",
    description: "The fallback: the element's children show until the widget renders, when the first load fails, \
                  and wherever WebAssembly is unavailable.",
}];

/// A method of the element; it takes no argument and returns nothing.
#[derive(Debug)]
pub struct Method {
    /// The method's name.
    pub name: &'static str,
    /// What it does.
    pub description: &'static str,
}

/// Every method the loader's element class defines.
pub const METHODS: &[Method] = &[Method { name: "refresh", description: "Fetches the feed now; while a fetch is in flight, once more when it ends, so what shows is never older than the call." }];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const ELEMENT: &str = include_str!("element.rs");
    const STYLESHEET: &str = include_str!("../style/widget.css");

    /// Every `{prefix}…{end}` in `text`: the `…`.
    fn between<'a>(text: &'a str, prefix: &str, end: char) -> Vec<&'a str> {
        text.split(prefix).skip(1).filter_map(|rest| rest.split(end).next()).collect()
    }

    fn names<T>(table: &[T], name: impl Fn(&T) -> &'static str) -> BTreeSet<String> {
        table.iter().map(|row| name(row).to_owned()).collect()
    }

    /// The text of every `src/view/*.rs`.
    fn view_sources() -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/view");
        let mut sources = String::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                sources += &std::fs::read_to_string(path).unwrap();
            }
        }
        sources
    }

    /// The stylesheet without its comments.
    fn stylesheet_rules() -> String {
        let mut rules = String::new();
        let mut rest = STYLESHEET;
        while let Some((before, after)) = rest.split_once("/*") {
            rules += before;
            rest = after.split_once("*/").map_or("", |(_, after)| after);
        }
        rules + rest
    }

    #[test]
    fn every_custom_property_the_stylesheet_reads_is_listed_and_only_those() {
        let rules = stylesheet_rules();
        let read: BTreeSet<String> = rules
            .split("--nh-")
            .skip(1)
            .map(|rest| rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>())
            .filter(|name| !name.is_empty())
            .map(|name| format!("--nh-{name}"))
            .collect();
        assert!(read.len() > 5, "the stylesheet reads its --nh-* properties: {read:?}");
        assert_eq!(names(CSS_PROPERTIES, |p| p.name), read, "CSS_PROPERTIES differ from style/widget.css");
    }

    #[test]
    fn every_part_the_view_renders_is_listed_and_only_those() {
        let rendered: BTreeSet<String> =
            between(&view_sources(), "part=\"", '"').into_iter().map(str::to_owned).collect();
        assert!(rendered.contains("link"), "the view's parts are found: {rendered:?}");
        assert_eq!(names(PARTS, |p| p.name), rendered, "PARTS differ from the part=\"…\" in src/view/");
    }

    #[test]
    fn every_slot_the_view_renders_is_listed_and_only_those() {
        let sources = view_sources();
        let tags = between(&sources, "<slot", '>');
        assert!(!tags.is_empty(), "the view renders a slot");
        let rendered: BTreeSet<String> =
            tags.iter().map(|tag| between(tag, "name=\"", '"').first().copied().unwrap_or("").to_owned()).collect();
        assert_eq!(names(SLOTS, |s| s.name), rendered, "SLOTS differ from the <slot>s in src/view/");
    }

    #[test]
    fn every_event_s_detail_fields_are_set_by_element_rs() {
        for event in EVENTS {
            for field in event.detail {
                assert!(
                    ELEMENT.contains(&format!("\"{}\"", field.name)),
                    "element.rs sets {}.{}",
                    event.name,
                    field.name
                );
            }
        }
    }

    #[test]
    fn the_error_codes_are_every_cause_s_and_the_loader_s() {
        let mut codes: Vec<String> = crate::state::Cause::CODES.iter().map(|code| format!("\"{code}\"")).collect();
        codes.push(format!("\"{}\"", crate::state::STOPPED));
        assert_eq!(ERROR_CODES, codes.join(" | "));
    }
}
