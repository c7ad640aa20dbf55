//! The npm package's `custom-elements.json` (Custom Elements Manifest 2.1),
//! `news-headlines.d.ts` and `package.json`, and the READMEs' reference, all
//! generated from the widget's tables: `news_headlines::attributes` and
//! `news_headlines::manifest`. Custom properties' defaults are read from the
//! stylesheet's `var()` fallbacks.

use news_headlines::attributes::{Attribute, Syntax, ATTRIBUTES};
use news_headlines::manifest::{
    CssProperty, Event, BROWSING_CONTEXTS, CLASS, CSS_PROPERTIES, DESCRIPTION, EVENTS, LICENSE, LOADER, MANIFEST,
    METHODS, PACKAGE, PARTS, PHASES, SLOTS, TAG, TYPES, VERSION,
};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// The stylesheet, where the custom properties' defaults are read.
const STYLESHEET: &str = include_str!("../../../style/widget.css");

/// What the element is, for the manifest and the declarations.
fn element_description() -> String {
    let states = PHASES.map(|phase| format!("`{}`", phase.as_str())).join(", ");
    format!(
        "A list of headlines from a JSON Feed, kept fresh and rendered in an open shadow root. The element \
         carries `state` ({states}); attributes are read as written and are not reflected as properties."
    )
}

/// The attribute's description, with its default when that is a remark.
fn attribute_description(attribute: &Attribute) -> String {
    match (attribute.default_value(), attribute.default) {
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
                ("default", a.default_value().map(|d| json!(d))),
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
        "// <{TAG}> {VERSION}: TypeScript declarations generated by `cargo xtask codegen`\n\
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
        ts += &match attribute.default_value() {
            Some(default) => {
                format!("  /**\n   * {}\n   * @default \"{default}\"\n   */\n", attribute_description(attribute))
            }
            None => doc("  ", &attribute_description(attribute)),
        };
        let optional = if attribute.is_required() { "" } else { "?" };
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

/// The package's `package.json`. It lists no `files`: `cargo xtask package`
/// stages only what the package holds.
pub fn package_json() -> String {
    let loader = format!("./{LOADER}");
    let types = format!("./{TYPES}");
    let package = PackageJson {
        name: PACKAGE,
        version: VERSION,
        description: DESCRIPTION,
        license: LICENSE,
        keywords: &["web-components", "custom-elements", "news", "headlines", "json-feed", "webassembly"],
        module_type: "module",
        exports: Exports {
            entry: Entry { types: types.clone(), default: loader.clone() },
            manifest: format!("./{MANIFEST}"),
            package: "./package.json",
        },
        types,
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
    let mut md = format!("### Attributes\n\n{}", attribute_table());
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

/// The attribute table of the READMEs' reference.
fn attribute_table() -> String {
    let mut table = String::from("| attribute | default | meaning |\n|---|---|---|\n");
    for attribute in ATTRIBUTES {
        let default = match attribute.default {
            text if text.starts_with('(') || text.contains(' ') => text.to_owned(),
            keyword => format!("`{keyword}`"),
        };
        table.push_str(&format!("| `{}` | {default} | {} |\n", attribute.name, attribute.description));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn names<T>(table: &[T], name: impl Fn(&T) -> &'static str) -> BTreeSet<String> {
        table.iter().map(|row| name(row).to_owned()).collect()
    }

    fn manifest_names(key: &str) -> BTreeSet<String> {
        declaration()[key].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_owned()).collect()
    }

    fn declaration() -> Value {
        manifest()["modules"][0]["declarations"][0].clone()
    }

    fn manifest() -> Value {
        serde_json::from_str(&custom_elements_json()).unwrap()
    }

    #[test]
    fn custom_property_defaults_are_the_stylesheet_s_fallbacks() {
        assert_eq!(css_fallbacks("--nh-fg"), ["#1a1a1a", "#ececec"]);
        assert!(css_fallbacks("--nh-font-family")[0].starts_with("system-ui, -apple-system, \"Segoe UI\""));
        assert_eq!(css_fallbacks("--nh-accent"), ["#00703c"], "--nh-accent-dark is another property");
        assert_eq!(css_fallbacks("--nh-unknown"), Vec::<&str>::new());
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
            let optional = if attribute.is_required() { "" } else { "?" };
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
        let package: Value = serde_json::from_str(&package_json()).unwrap();
        assert_eq!((package["name"].as_str(), package["version"].as_str()), (Some(TAG), Some(VERSION)));
        assert_eq!(package["type"], "module");
        assert_eq!(
            package["exports"]["."],
            json!({ "types": "./news-headlines.d.ts", "default": "./news-headlines.js" })
        );
        let text = package_json();
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
        assert_eq!(package["files"], Value::Null, "the staging folder holds only the package's files");
    }

    #[test]
    fn the_readme_reference_has_a_row_for_every_attribute_event_method_part_and_property() {
        let md = markdown_reference();
        assert!(md.contains("| `limit` | `10` |"), "a value default is code");
        assert!(md.contains("| `src` | (required) |"), "a remark is text");
        for name in ATTRIBUTES
            .iter()
            .map(|a| a.name)
            .chain(EVENTS.iter().map(|e| e.name))
            .chain(PARTS.iter().map(|p| p.name))
            .chain(CSS_PROPERTIES.iter().map(|p| p.name))
        {
            assert!(md.contains(&format!("| `{name}` |")), "{name}");
        }
        assert!(md.contains("| `refresh()` | Fetches the feed now; while a fetch is in flight, once more when it ends"));
        assert!(md.contains("`{ message: string; code: \"timeout\" \\| \"network\" \\| "), "a | in a cell is escaped");
        assert!(md.contains("\"stopped\"; status: number \\| null }`"), "a | in a cell is escaped");
    }

    #[test]
    fn detail_interfaces_are_named_after_the_event() {
        let event = |name| Event { name, description: "", detail: &[] };
        assert_eq!(detail_interface(&event("news-headlines:update")), "NewsHeadlinesUpdateDetail");
        assert_eq!(detail_interface(&event("news-headlines:link-opened")), "NewsHeadlinesLinkOpenedDetail");
    }

    #[test]
    fn every_custom_property_has_a_default_in_the_stylesheet() {
        for property in CSS_PROPERTIES {
            assert!(!css_fallbacks(property.name).is_empty(), "{} has a default in var()", property.name);
        }
    }
}
