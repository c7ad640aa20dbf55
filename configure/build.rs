//! Passes the widget's version (the workspace root's `[package] version`) to
//! the configurator as `NEWS_HEADLINES_VERSION`: it reads the release's
//! `news-headlines/<version>/manifest.json` at run time. A test checks it is
//! the widget crate's own version.

use std::fs;
use std::path::Path;

fn main() -> Result<(), String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    println!("cargo:rerun-if-changed={}", manifest.display());
    let text = fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let version = package_version(&text).ok_or_else(|| format!("no [package] version in {}", manifest.display()))?;
    println!("cargo:rustc-env=NEWS_HEADLINES_VERSION={version}");
    Ok(())
}

/// The `version = "…"` of the `[package]` table.
fn package_version(toml: &str) -> Option<&str> {
    let package =
        toml.split("\n[").find_map(|table| table.strip_prefix("package]").or(table.strip_prefix("[package]")))?;
    package.lines().find_map(|line| {
        let value = line.trim().strip_prefix("version")?.trim_start().strip_prefix('=')?.trim();
        value.strip_prefix('"')?.split('"').next()
    })
}
