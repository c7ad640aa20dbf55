//! Minifies the widget's stylesheet (comments and white space out) into
//! `OUT_DIR`, where `src/view/mod.rs` embeds it for the Leptos component
//! (the custom element's loader carries its own copy, see `loader/`).

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=style/widget.css");
    let css = fs::read_to_string("style/widget.css").expect("style/widget.css");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("widget.css");
    fs::write(out, minify(&css)).expect("minified stylesheet written");
}

/// Drops comments and folds white space, keeping one space only where two
/// words (or a value and a word) would otherwise run together.
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
    out
}
