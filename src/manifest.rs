//! What the npm package says about `<news-headlines>` beyond its attributes
//! (those are [`ATTRIBUTES`]): one table each for its [`PARTS`],
//! [`CSS_PROPERTIES`], [`EVENTS`], [`SLOTS`] and [`METHODS`], and the
//! generators of the package's `custom-elements.json` (Custom Elements
//! Manifest 2.1), `news-headlines.d.ts` and `package.json`. Tests fail when a
//! table drifts from the view, the stylesheet, `element.rs` or the loader.
//! Native only: `cargo xtask package` calls the generators.
#![cfg(not(target_arch = "wasm32"))]

use crate::attributes::{Attribute, Syntax, ATTRIBUTES};
use crate::state::Phase;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// The package's version: the crate's.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The element's tag name.
pub const TAG: &str = "news-headlines";
/// The loader's file name: the package's entry, in `dist/` and in the package.
pub const LOADER: &str = "news-headlines.js";
/// The package's Custom Elements Manifest.
pub const MANIFEST: &str = "custom-elements.json";
/// The package's TypeScript declarations.
pub const TYPES: &str = "news-headlines.d.ts";
/// The loader's class (`class NewsHeadlines extends HTMLElement`).
const CLASS: &str = "NewsHeadlines";
/// The stylesheet, where the custom properties' defaults are read.
const STYLESHEET: &str = include_str!("../style/widget.css");
/// The browsing-context keywords a `Syntax::BrowsingContext` attribute takes besides window names.
const BROWSING_CONTEXTS: [&str; 4] = ["_self", "_blank", "_parent", "_top"];
/// Every `state` the element carries.
const PHASES: [Phase; 4] = [Phase::Loading, Phase::Ready, Phase::Stale, Phase::Error];

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
        name: "news-headlines:update",
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
        name: "news-headlines:error",
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
        name: "news-headlines:click",
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
pub const METHODS: &[Method] = &[Method { name: "refresh", description: "Fetches the feed now." }];

/// What the element is, for the manifest and the declarations.
fn element_description() -> String {
    let states = PHASES.map(|phase| format!("`{}`", phase.as_str())).join(", ");
    format!(
        "A list of headlines from a JSON Feed, kept fresh and rendered in an open shadow root. The element \
         carries `state` ({states}); attributes are read as written and are not reflected as properties."
    )
}

/// The default of an attribute whose default is a value rather than a remark.
pub fn default_value(attribute: &Attribute) -> Option<&'static str> {
    match attribute.syntax {
        Syntax::Keyword(_) | Syntax::Integer { .. } | Syntax::Seconds { .. } | Syntax::BrowsingContext => {
            Some(attribute.default)
        }
        Syntax::Url | Syntax::Text | Syntax::Language => None,
    }
}

/// Whether the attribute must be given (its default reads `(required)`).
pub fn is_required(attribute: &Attribute) -> bool {
    attribute.default == "(required)"
}

/// The attribute's description, with its default when that is a remark.
fn attribute_description(attribute: &Attribute) -> String {
    match (default_value(attribute), attribute.default) {
        (Some(_), _) | (None, "(none)") => attribute.description.to_owned(),
        (None, "(required)") => format!("{} Required.", attribute.description),
        (None, remark) => format!("{} Default: {remark}.", attribute.description),
    }
}

/// `"a" | "b"`.
fn union(keywords: &[&str]) -> String {
    keywords.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(" | ")
}

/// The type of an attribute's value in the manifest.
fn manifest_type(syntax: &Syntax) -> String {
    match syntax {
        Syntax::Url | Syntax::Text | Syntax::Language => "string".into(),
        Syntax::Integer { .. } | Syntax::Seconds { .. } => "number".into(),
        Syntax::Keyword(keywords) => union(keywords),
        Syntax::BrowsingContext => format!("{} | string", union(&BROWSING_CONTEXTS)),
    }
}

/// The TypeScript type of an attribute's value as HTML and JSX take it:
/// numbers as numbers or numeric strings, keywords as their union.
fn ts_type(syntax: &Syntax) -> String {
    match syntax {
        Syntax::Integer { .. } | Syntax::Seconds { .. } => "number | `${number}`".into(),
        Syntax::BrowsingContext => format!("{} | (string & {{}})", union(&BROWSING_CONTEXTS)),
        other => manifest_type(other),
    }
}

/// Every distinct fallback of `var(name, …)` in the stylesheet, in order:
/// the first is the property's default, a second the dark theme's.
fn css_fallbacks(name: &str) -> Vec<&'static str> {
    let needle = format!("var({name},");
    let mut fallbacks: Vec<&'static str> = Vec::new();
    let mut rest = STYLESHEET;
    while let Some(at) = rest.find(&needle) {
        rest = rest.get(at + needle.len()..).unwrap_or_default();
        let mut depth = 0usize;
        let end = rest.char_indices().find_map(|(i, c)| match c {
            '(' => {
                depth += 1;
                None
            }
            ')' if depth == 0 => Some(i),
            ')' => {
                depth -= 1;
                None
            }
            _ => None,
        });
        if let Some(fallback) = end.and_then(|end| rest.get(..end)).map(str::trim) {
            if !fallbacks.contains(&fallback) {
                fallbacks.push(fallback);
            }
        }
    }
    fallbacks
}

/// The custom property's description, with the dark theme's default when it differs.
fn css_description(property: &CssProperty) -> String {
    match css_fallbacks(property.name).get(1) {
        Some(dark) => format!("{} The dark theme's default is `{dark}`.", property.description),
        None => property.description.to_owned(),
    }
}

/// `{ a: number; b: string }`.
fn detail_type(event: &Event) -> String {
    let fields = event.detail.iter().map(|f| format!("{}: {}", f.name, f.ts_type)).collect::<Vec<_>>();
    format!("{{ {} }}", fields.join("; "))
}

/// The declarations' name of an event's detail: `news-headlines:update` → `NewsHeadlinesUpdateDetail`.
fn detail_interface(event: &Event) -> String {
    let suffix = event.name.rsplit(':').next().unwrap_or(event.name);
    let words: String = suffix
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    format!("NewsHeadlines{words}Detail")
}

/// An object of the present fields.
fn object(fields: &[(&str, Option<Value>)]) -> Value {
    let map: Map<String, Value> =
        fields.iter().filter_map(|(key, value)| value.clone().map(|v| ((*key).to_owned(), v))).collect();
    Value::Object(map)
}

/// The package's `custom-elements.json`.
pub fn custom_elements_json() -> String {
    let attributes: Vec<Value> = ATTRIBUTES
        .iter()
        .map(|a| {
            object(&[
                ("name", Some(json!(a.name))),
                ("type", Some(json!({ "text": manifest_type(&a.syntax) }))),
                ("default", default_value(a).map(|d| json!(d))),
                ("description", Some(json!(attribute_description(a)))),
            ])
        })
        .collect();
    let members: Vec<Value> = METHODS
        .iter()
        .map(|m| {
            json!({ "kind": "method", "name": m.name, "description": m.description,
                    "return": { "type": { "text": "void" } } })
        })
        .collect();
    let events: Vec<Value> = EVENTS
        .iter()
        .map(|e| {
            let fields = e.detail.iter().map(|f| format!("`{}`: {}", f.name, f.description)).collect::<Vec<_>>();
            json!({
                "name": e.name,
                "type": { "text": format!("CustomEvent<{}>", detail_type(e)) },
                "description": format!("{} Bubbles and is composed. Detail: {}", e.description, fields.join(" ")),
            })
        })
        .collect();
    let slots: Vec<Value> = SLOTS.iter().map(|s| json!({ "name": s.name, "description": s.description })).collect();
    let parts: Vec<Value> = PARTS.iter().map(|p| json!({ "name": p.name, "description": p.description })).collect();
    let properties: Vec<Value> = CSS_PROPERTIES
        .iter()
        .map(|p| {
            object(&[
                ("name", Some(json!(p.name))),
                ("syntax", Some(json!(p.syntax))),
                ("default", css_fallbacks(p.name).first().map(|d| json!(d))),
                ("description", Some(json!(css_description(p)))),
            ])
        })
        .collect();
    let manifest = json!({
        "schemaVersion": "2.1.0",
        "readme": "README.md",
        "modules": [{
            "kind": "javascript-module",
            "path": LOADER,
            "description": "The loader: defines `<news-headlines>` and loads the widget (wasm) relative to its own URL.",
            "declarations": [{
                "kind": "class",
                "customElement": true,
                "name": CLASS,
                "tagName": TAG,
                "description": element_description(),
                "superclass": { "name": "HTMLElement", "package": "global:" },
                "attributes": attributes,
                "members": members,
                "events": events,
                "slots": slots,
                "cssParts": parts,
                "cssProperties": properties,
            }],
            "exports": [{
                "kind": "custom-element-definition",
                "name": TAG,
                "declaration": { "name": CLASS, "module": LOADER },
            }],
        }],
    });
    format!("{manifest:#}\n")
}

/// A JSDoc comment on one line.
fn doc(indent: &str, text: &str) -> String {
    format!("{indent}/** {} */\n", text.replace("*/", "*\\/"))
}

/// The declarations' global and JSX part: the tag, the events on elements,
/// the document and the window, and the JSX props for React 19 and Preact,
/// written without their types so that the file needs neither.
const GLOBALS_AND_JSX: &str = r#"/**
 * The props of `<news-headlines>` in JSX: its attributes and the global ones,
 * written without React's or Preact's types so that this file needs neither
 * (`data-*` and `aria-*` attributes are always accepted). Listen to the events
 * with `addEventListener` on a ref.
 */
export interface NewsHeadlinesJsxProps extends NewsHeadlinesJsxAttributes {
  children?: unknown;
  ref?: { current: NewsHeadlinesElement | null } | ((element: NewsHeadlinesElement | null) => void | (() => void)) | null;
  key?: string | number | bigint | null;
  id?: string;
  class?: string;
  className?: string;
  slot?: string;
  style?: { [property: string]: string | number | undefined };
  hidden?: boolean;
  title?: string;
}

declare global {
  interface HTMLElementTagNameMap {
    "@TAG@": NewsHeadlinesElement;
  }
  interface HTMLElementEventMap extends NewsHeadlinesEventMap {}
  interface DocumentEventMap extends NewsHeadlinesEventMap {}
  interface WindowEventMap extends NewsHeadlinesEventMap {}
}

// JSX for React 19 (`React.JSX`) and Preact (`preact.JSX`); TypeScript ignores
// the one that is not installed.
declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
@ELEMENT@      "@TAG@": NewsHeadlinesJsxProps;
    }
  }
}

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
@ELEMENT@      "@TAG@": NewsHeadlinesJsxProps;
    }
  }
}
"#;

/// The package's `news-headlines.d.ts`.
pub fn typescript_declarations() -> String {
    let mut ts = format!(
        "// <{TAG}> {VERSION}: TypeScript declarations generated by `cargo xtask package`\n\
         // from the widget's attribute table (src/attributes.rs) and manifest tables (src/manifest.rs).\n\n"
    );
    let states = PHASES.map(|phase| format!("\"{}\"", phase.as_str())).join(" | ");
    ts += &doc("", "The `state` attribute the element sets on itself.");
    ts += &format!("export type NewsHeadlinesState = {states};\n\n");

    ts += &doc(
        "",
        "The attributes of `<news-headlines>` as HTML takes them (numbers may be given as numbers in JSX). \
         A value that is not understood falls back to the default with a console warning.",
    );
    ts += "export interface NewsHeadlinesAttributes {\n";
    for attribute in ATTRIBUTES {
        ts += &match default_value(attribute) {
            Some(default) => {
                format!("  /**\n   * {}\n   * @default \"{default}\"\n   */\n", attribute_description(attribute))
            }
            None => doc("  ", &attribute_description(attribute)),
        };
        let optional = if is_required(attribute) { "" } else { "?" };
        ts += &format!("  \"{}\"{optional}: {};\n", attribute.name, ts_type(&attribute.syntax));
    }
    ts += "}\n\n";

    for event in EVENTS {
        ts += &doc("", &format!("The `detail` of `{}`.", event.name));
        ts += &format!("export interface {} {{\n", detail_interface(event));
        for field in event.detail {
            ts += &doc("  ", field.description);
            ts += &format!("  {}: {};\n", field.name, field.ts_type);
        }
        ts += "}\n\n";
    }
    ts += &doc(
        "",
        "The events of `<news-headlines>`. They bubble and are composed: ancestors, the document and the window hear them.",
    );
    ts += "export interface NewsHeadlinesEventMap {\n";
    for event in EVENTS {
        ts += &doc("  ", event.description);
        ts += &format!("  \"{}\": CustomEvent<{}>;\n", event.name, detail_interface(event));
    }
    ts += "}\n\n";

    ts += &doc("", "The methods of `<news-headlines>`.");
    ts += "export interface NewsHeadlinesMethods {\n";
    for method in METHODS {
        ts += &doc("  ", method.description);
        ts += &format!("  {}(): void;\n", method.name);
    }
    ts += "}\n\n";
    ts +=
        &doc("", &format!("{} The class is defined by the package's loader and not exported.", element_description()));
    ts += "export interface NewsHeadlinesElement extends HTMLElement, NewsHeadlinesMethods {}\n\n";
    ts += &doc(
        "",
        "The attributes JSX may set. React 19 and Preact set a prop as a property when the element has one: \
         the element's `refresh` property sets the attribute, and reads as the `refresh()` method.",
    );
    ts += "export type NewsHeadlinesJsxAttributes = NewsHeadlinesAttributes;\n\n";

    ts += &GLOBALS_AND_JSX.replace("@TAG@", TAG).replace("@ELEMENT@", &doc("      ", &element_description()));
    ts
}

/// `package.json`, in the order npm writes it; the `exports` conditions in
/// the order they must be matched (`types` first, `default` last).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PackageJson<'a> {
    name: &'a str,
    version: &'a str,
    description: &'a str,
    license: &'a str,
    keywords: &'a [&'a str],
    #[serde(rename = "type")]
    module_type: &'a str,
    exports: Exports,
    types: String,
    files: Vec<&'a str>,
    side_effects: [String; 1],
    custom_elements: &'a str,
    unpkg: &'a str,
    jsdelivr: &'a str,
}

/// The package's entry points.
#[derive(Serialize)]
struct Exports {
    #[serde(rename = ".")]
    entry: Entry,
    #[serde(rename = "./custom-elements.json")]
    manifest: String,
    #[serde(rename = "./package.json")]
    package: &'static str,
}

/// The entry: the declarations for TypeScript, the loader for everything else.
#[derive(Serialize)]
struct Entry {
    types: String,
    default: String,
}

/// The package's `package.json`; `files` are the loader and the files it
/// references, relative to the package's root.
pub fn package_json(files: &[String]) -> String {
    let loader = format!("./{LOADER}");
    let types = format!("./{TYPES}");
    let package = PackageJson {
        name: env!("CARGO_PKG_NAME"),
        version: VERSION,
        description: env!("CARGO_PKG_DESCRIPTION"),
        license: env!("CARGO_PKG_LICENSE"),
        keywords: &["web-components", "custom-elements", "news", "headlines", "json-feed", "webassembly"],
        module_type: "module",
        exports: Exports {
            entry: Entry { types: types.clone(), default: loader.clone() },
            manifest: format!("./{MANIFEST}"),
            package: "./package.json",
        },
        types,
        files: files.iter().map(String::as_str).chain([MANIFEST, TYPES]).collect(),
        side_effects: [loader],
        custom_elements: MANIFEST,
        unpkg: LOADER,
        jsdelivr: LOADER,
    };
    serde_json::to_string_pretty(&package).map(|json| json + "\n").unwrap_or_default()
}

/// The npm README's reference, in Markdown: the attribute table, then the
/// events, methods, parts, custom properties and slot.
pub fn markdown_reference() -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    let mut md = format!("### Attributes\n\n{}", crate::attributes::markdown_table());
    md += "\n### Events\n\nEach a `CustomEvent` that bubbles and is composed.\n\n| event | `detail` | when |\n|---|---|---|\n";
    for event in EVENTS {
        md += &format!("| `{}` | `{}` | {} |\n", event.name, cell(&detail_type(event)), cell(event.description));
    }
    md += "\n### Methods\n\n| method | what it does |\n|---|---|\n";
    for method in METHODS {
        md += &format!("| `{}()` | {} |\n", method.name, method.description);
    }
    md += "\n### Parts (style them with `::part()`)\n\n| part | what |\n|---|---|\n";
    for part in PARTS {
        md += &format!("| `{}` | {} |\n", part.name, part.description);
    }
    md += "\n### CSS custom properties (set them on the element)\n\n| property | default | what |\n|---|---|---|\n";
    for property in CSS_PROPERTIES {
        let default = css_fallbacks(property.name).first().map(|d| format!("`{d}`")).unwrap_or_default();
        md += &format!("| `{}` | {} | {} |\n", property.name, cell(&default), css_description(property));
    }
    md += "\n### Slots\n\n";
    for slot in SLOTS {
        let name = if slot.name.is_empty() { "(default)".to_owned() } else { format!("`{}`", slot.name) };
        md += &format!("- {name}: {}\n", slot.description);
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const ELEMENT: &str = include_str!("element.rs");
    const LOADER_SOURCE: &str = include_str!("../loader/news-headlines.js");

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

    fn manifest() -> Value {
        serde_json::from_str(&custom_elements_json()).unwrap()
    }

    fn declaration() -> Value {
        manifest()["modules"][0]["declarations"][0].clone()
    }

    fn manifest_names(key: &str) -> BTreeSet<String> {
        declaration()[key].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_owned()).collect()
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
        for property in CSS_PROPERTIES {
            assert!(!css_fallbacks(property.name).is_empty(), "{} has a default in var()", property.name);
        }
    }

    #[test]
    fn custom_property_defaults_are_the_stylesheet_s_fallbacks() {
        assert_eq!(css_fallbacks("--nh-fg"), ["#1a1a1a", "#ececec"]);
        assert!(css_fallbacks("--nh-font-family")[0].starts_with("system-ui, -apple-system, \"Segoe UI\""));
        assert_eq!(css_fallbacks("--nh-accent"), ["#00703c"], "--nh-accent-dark is another property");
        assert_eq!(css_fallbacks("--nh-unknown"), Vec::<&str>::new());
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
    fn every_event_the_element_and_the_loader_dispatch_is_listed_with_its_detail_fields() {
        let mut dispatched: BTreeSet<String> =
            between(ELEMENT, "\"news-headlines:", '"').into_iter().map(|n| format!("news-headlines:{n}")).collect();
        assert!(dispatched.contains("news-headlines:update"), "element.rs's events are found: {dispatched:?}");
        assert_eq!(names(EVENTS, |e| e.name), dispatched, "EVENTS differ from the events src/element.rs dispatches");
        dispatched.extend(between(LOADER_SOURCE, "`${NAME}:", '`').into_iter().map(|n| format!("news-headlines:{n}")));
        assert_eq!(names(EVENTS, |e| e.name), dispatched, "the loader dispatches an event that is not listed");
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
        codes.push("\"stopped\"".into());
        assert_eq!(ERROR_CODES, codes.join(" | "));
        assert!(LOADER_SOURCE.contains("code: \"stopped\""), "the loader's fallback event carries its code");
    }

    #[test]
    fn the_loader_defines_the_listed_methods_and_only_those() {
        let class = format!("class {CLASS} extends HTMLElement {{");
        let (before, body) = LOADER_SOURCE.split_once(&class).expect("the loader defines the class");
        let indent = before.rsplit('\n').next().unwrap_or("").len() + 2;
        let lifecycle = ["connectedCallback", "disconnectedCallback", "attributeChangedCallback", "adoptedCallback"];
        let methods: BTreeSet<String> = body
            .lines()
            .filter(|line| line.get(..indent).is_some_and(|lead| lead.trim().is_empty()) && line.ends_with(") {"))
            // A method, or a getter that returns one (`refresh` is also an attribute's setter).
            .filter_map(|line| line.get(indent..).map(|l| l.strip_prefix("get ").unwrap_or(l)))
            .filter_map(|line| line.split_once('(').map(|(name, _)| name))
            .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !lifecycle.contains(name))
            .map(str::to_owned)
            .collect();
        assert_eq!(names(METHODS, |m| m.name), methods, "METHODS differ from the loader's class");
        assert!(LOADER_SOURCE.contains(&format!("const NAME = \"{TAG}\"")), "the loader defines <{TAG}>");
    }

    #[test]
    fn the_manifest_lists_every_attribute_part_property_event_method_and_the_slot() {
        let manifest = manifest();
        assert_eq!(manifest["schemaVersion"], "2.1.0");
        let module = &manifest["modules"][0];
        assert_eq!((module["kind"].as_str(), module["path"].as_str()), (Some("javascript-module"), Some(LOADER)));
        assert_eq!(
            module["exports"][0],
            json!({ "kind": "custom-element-definition", "name": TAG,
                                                 "declaration": { "name": CLASS, "module": LOADER } })
        );
        let element = declaration();
        assert_eq!((element["customElement"].as_bool(), element["tagName"].as_str()), (Some(true), Some(TAG)));

        assert_eq!(manifest_names("attributes"), names(&ATTRIBUTES, |a| a.name));
        assert_eq!(manifest_names("cssParts"), names(PARTS, |p| p.name));
        assert_eq!(manifest_names("cssProperties"), names(CSS_PROPERTIES, |p| p.name));
        assert_eq!(manifest_names("events"), names(EVENTS, |e| e.name));
        assert_eq!(manifest_names("members"), names(METHODS, |m| m.name));
        assert_eq!(manifest_names("slots"), names(SLOTS, |s| s.name));

        let attribute =
            |name: &str| element["attributes"].as_array().unwrap().iter().find(|a| a["name"] == name).unwrap().clone();
        assert_eq!(attribute("theme")["type"]["text"], "\"auto\" | \"light\" | \"dark\"");
        assert_eq!(
            (attribute("limit")["type"]["text"].as_str(), attribute("limit")["default"].as_str()),
            (Some("number"), Some("10"))
        );
        assert_eq!(attribute("src")["default"], Value::Null, "a remark is not a default value");
        assert!(attribute("src")["description"].as_str().unwrap().ends_with("Required."));
        assert!(attribute("heading")["description"].as_str().unwrap().ends_with("Default: the feed's `title`."));
        for a in element["attributes"].as_array().unwrap() {
            assert!(!a["description"].as_str().unwrap().is_empty(), "{a}");
        }

        let update = &element["events"][0];
        assert_eq!(update["name"], "news-headlines:update");
        assert_eq!(
            update["type"]["text"],
            "CustomEvent<{ added: number; removed: number; total: number; age: number | null }>"
        );
        let fg = element["cssProperties"].as_array().unwrap().iter().find(|p| p["name"] == "--nh-fg").unwrap();
        assert_eq!((fg["default"].as_str(), fg["syntax"].as_str()), (Some("#1a1a1a"), Some("<color>")));
        assert!(fg["description"].as_str().unwrap().ends_with("The dark theme's default is `#ececec`."));
    }

    #[test]
    fn the_declarations_type_every_attribute_event_and_method() {
        let ts = typescript_declarations();
        for attribute in ATTRIBUTES {
            let optional = if is_required(attribute) { "" } else { "?" };
            let line = format!("  \"{}\"{optional}: {};\n", attribute.name, ts_type(&attribute.syntax));
            assert!(ts.contains(&line), "{line}");
        }
        assert!(ts.contains("  \"src\": string;\n"), "src is required");
        assert!(ts.contains("  \"limit\"?: number | `${number}`;\n"));
        assert!(ts.contains("  \"theme\"?: \"auto\" | \"light\" | \"dark\";\n"));
        for event in EVENTS {
            assert!(ts.contains(&format!("  \"{}\": CustomEvent<{}>;\n", event.name, detail_interface(event))));
        }
        assert!(ts.contains("export interface NewsHeadlinesUpdateDetail {"));
        assert!(ts.contains("  status: number | null;\n"));
        assert!(ts.contains("  refresh(): void;\n"));
        assert!(ts.contains("\"news-headlines\": NewsHeadlinesElement;"));
        assert!(!ts.contains("declare class"), "the loader exports no class");
    }

    #[test]
    fn the_package_json_makes_the_loader_the_entry_and_points_tools_at_the_types_and_manifest() {
        let package: Value = serde_json::from_str(&package_json(&[LOADER.to_owned(), "glue.js".to_owned()])).unwrap();
        assert_eq!((package["name"].as_str(), package["version"].as_str()), (Some(TAG), Some(VERSION)));
        assert_eq!(package["type"], "module");
        assert_eq!(
            package["exports"]["."],
            json!({ "types": "./news-headlines.d.ts", "default": "./news-headlines.js" })
        );
        let text = package_json(&[]);
        assert!(
            text.find("\"types\": \"./").unwrap() < text.find("\"default\": \"./").unwrap(),
            "types is matched first"
        );
        assert_eq!(package["exports"][format!("./{MANIFEST}")], format!("./{MANIFEST}"));
        assert_eq!(package["exports"]["./package.json"], "./package.json");
        assert_eq!(package["sideEffects"], json!(["./news-headlines.js"]));
        assert_eq!((package["unpkg"].as_str(), package["jsdelivr"].as_str()), (Some(LOADER), Some(LOADER)));
        assert_eq!(
            (package["types"].as_str(), package["customElements"].as_str()),
            (Some("./news-headlines.d.ts"), Some(MANIFEST))
        );
        assert_eq!(package["files"], json!([LOADER, "glue.js", MANIFEST, TYPES]));
    }

    #[test]
    fn the_readme_reference_has_a_row_for_every_attribute_event_method_part_and_property() {
        let md = markdown_reference();
        assert!(md.contains(&crate::attributes::markdown_table()));
        for name in EVENTS
            .iter()
            .map(|e| e.name)
            .chain(PARTS.iter().map(|p| p.name))
            .chain(CSS_PROPERTIES.iter().map(|p| p.name))
        {
            assert!(md.contains(&format!("| `{name}` |")), "{name}");
        }
        assert!(md.contains("| `refresh()` | Fetches the feed now. |"));
        assert!(md.contains("`{ message: string; code: \"timeout\" \\| \"network\" \\| "), "a | in a cell is escaped");
        assert!(md.contains("\"stopped\"; status: number \\| null }`"), "a | in a cell is escaped");
    }

    /// The project README carries the same reference between two markers;
    /// `UPDATE_README=1 cargo test -p news-headlines --lib manifest` rewrites it.
    #[test]
    fn the_project_readme_carries_the_generated_reference() {
        const START: &str = "<!-- reference: generated from src/attributes.rs and src/manifest.rs -->\n";
        const END: &str = "<!-- end of the generated reference -->";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).unwrap_or_default();
        let (before, rest) = readme.split_once(START).expect("README.md has the reference's start marker");
        let (current, after) = rest.split_once(END).expect("README.md has the reference's end marker");
        let reference = markdown_reference();
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(path, format!("{before}{START}{reference}{END}{after}")).expect("README.md written");
        } else {
            assert!(
                current == reference,
                "README.md's reference differs; run UPDATE_README=1 cargo test -p news-headlines --lib manifest"
            );
        }
    }

    #[test]
    fn detail_interfaces_are_named_after_the_event() {
        let event = |name| Event { name, description: "", detail: &[] };
        assert_eq!(detail_interface(&event("news-headlines:update")), "NewsHeadlinesUpdateDetail");
        assert_eq!(detail_interface(&event("news-headlines:link-opened")), "NewsHeadlinesLinkOpenedDetail");
    }
}
