//! Minifies the widget's stylesheet into `OUT_DIR`, where `src/stylesheet.rs`
//! embeds it: the one minified copy, which the Leptos component adopts and
//! `cargo xtask build` hands to the custom element's loader.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=style/widget.css");
    let css = fs::read_to_string("style/widget.css").expect("style/widget.css");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("widget.css");
    fs::write(out, minify(&css)).expect("minified stylesheet written");
}

/// Drops comments, folds white space (keeping one space only where two words,
/// or a value and a word, would otherwise run together), a declaration's
/// last `;`, the `0` of `0.5`, and quotes around a one-word attribute value.
fn minify(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let joins = |c: char| "{}:;,>(".contains(c);
        let glued = |c: char| "{};,>)".contains(c);
        if out.chars().last().is_some_and(|last| !joins(last)) && !word.starts_with(glued) {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = out.replace(";}", "}").replace("@media (", "@media(");
    let mut short = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find(['0', '"']) {
        let (before, from) = rest.split_at(at);
        short.push_str(before);
        let previous = short.chars().last();
        rest = match from.split_at(1) {
            ("0", after)
                if after.starts_with('.') && !previous.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.') =>
            {
                after
            }
            ("\"", after) if previous == Some('=') => match after.split_once("\"]") {
                Some((value, tail))
                    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') =>
                {
                    short.push_str(value);
                    short.push(']');
                    tail
                }
                _ => {
                    short.push('"');
                    after
                }
            },
            (first, after) => {
                short.push_str(first);
                after
            }
        };
    }
    short.push_str(rest);
    short
}
