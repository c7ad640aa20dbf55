//! Installs what a fresh Debian machine lacks, each step skipped when done:
//! the wasm32 target, trunk 0.21.14, wasm-bindgen-cli at the version in
//! Cargo.lock, wasm-opt from the npm package binaryen@132 (Debian's 108 breaks
//! the output), esbuild (minifies the scripts) and axe-core (the accessibility
//! tests) from npm, Debian's chromium and
//! chromium-driver, and the cargo cache that trunk's offline builds need.

use crate::{root, run, Result};
use std::path::Path;
use std::process::Command;

/// Debian's chromedriver, matching Debian's chromium.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// trunk 0.22 needs a newer rustc than 1.95.
const TRUNK_VERSION: &str = "0.21.14";

/// PATH with the npm tools and cargo's bin directory in front.
pub fn tool_path() -> String {
    let npm_bin = root().join("node_modules/.bin");
    let cargo_bin = std::env::var("CARGO_HOME")
        .map(|home| Path::new(&home).join("bin"))
        .unwrap_or_else(|_| Path::new(&std::env::var("HOME").unwrap_or_default()).join(".cargo/bin"));
    let rest = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{rest}", npm_bin.display(), cargo_bin.display())
}

/// Everything `demo` and `test` need.
pub fn ensure_tools() -> Result {
    if !output("rustup", &["target", "list", "--installed"]).contains("wasm32-unknown-unknown") {
        run("rustup", &["target", "add", "wasm32-unknown-unknown"], &[])?;
    }
    if !output("trunk", &["--version"]).contains(TRUNK_VERSION) {
        run("cargo", &["install", "trunk", "--version", TRUNK_VERSION, "--locked"], &[])?;
    }
    let bindgen = locked_version("wasm-bindgen")?;
    if !output("wasm-bindgen", &["--version"]).contains(&bindgen) {
        // Not --locked: its lock file wants a crate version the registry here lacks.
        run("cargo", &["install", "wasm-bindgen-cli", "--version", &bindgen], &[])?;
    }
    let mut debian = Vec::new();
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        debian.extend(["chromium", "chromium-driver"]);
    }
    if !output("npm", &["--version"]).chars().next().is_some_and(|c| c.is_ascii_digit()) {
        debian.extend(["nodejs", "npm"]);
    }
    if !debian.is_empty() {
        run("apt-get", &["update"], &[])?;
        let install = [&["install", "-y", "--no-install-recommends"][..], &debian].concat();
        run("apt-get", &install, &[("DEBIAN_FRONTEND", "noninteractive".into())])?;
    }
    let npm_tools = ["node_modules/.bin/esbuild", "node_modules/axe-core/axe.min.js"];
    if !output("wasm-opt", &["--version"]).contains("version 132") || !npm_tools.iter().all(|t| root().join(t).exists())
    {
        run("npm", &["ci", "--no-audit", "--no-fund"], &[])?;
    }
    // trunk runs cargo with --offline: fill the cache for both targets first.
    run("cargo", &["fetch"], &[])
}

/// The version of `package` in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&needle).ok_or_else(|| format!("{package} is not in Cargo.lock"))? + needle.len();
    let version = lock[start..].split('"').next().unwrap_or_default();
    Ok(version.to_owned())
}

/// Standard output of a command, empty if it could not run.
fn output(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .env("PATH", tool_path())
        .current_dir(root())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}
