//! Installs what a fresh Debian machine lacks, each step skipped when done,
//! and only what the command at hand needs: the wasm32 target, trunk
//! 0.21.14, wasm-bindgen-cli at the version in Cargo.lock, the npm tools
//! (wasm-opt from binaryen@132 — Debian's 108 breaks the output —, esbuild,
//! axe-core, TypeScript), the browsers, their drivers and virtual display (Debian
//! packages and, for geckodriver, `cargo install`, all from
//! `harness::browsers`), nginx (the caching proxy news-bridge's cache test
//! starts), and the cargo cache that trunk's offline builds need.

use crate::{exec, root, Result};
use harness::browsers::{cargo_bin, Engine, XAUTH, XVFB, XVFB_RUN};
use std::path::Path;
use std::process::Command;

/// Something a command needs installed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tool {
    /// The `wasm32-unknown-unknown` target of the Rust toolchain.
    WasmTarget,
    /// trunk, and the cargo cache its offline builds need.
    Trunk,
    /// wasm-bindgen-cli (and its test runner) at the version in Cargo.lock.
    WasmBindgen,
    /// The npm tools of `package.json`: wasm-opt, esbuild, axe-core, TypeScript.
    NpmTools,
    /// A browser engine, its WebDriver and, for WebKit, a virtual display.
    Browser(Engine),
    /// Debian's nginx, which news-bridge's cache test runs in front of `serve`.
    Nginx,
}

/// Where Debian's nginx packages put the server.
const NGINX: &str = "/usr/sbin/nginx";

/// What building `dist/` needs.
pub const BUILD: [Tool; 4] = [Tool::WasmTarget, Tool::Trunk, Tool::WasmBindgen, Tool::NpmTools];

/// trunk 0.22 needs a newer rustc than 1.95.
const TRUNK_VERSION: &str = "0.21.14";

/// PATH with the npm tools and cargo's bin directory in front.
pub fn tool_path() -> String {
    let npm_bin = root().join("node_modules/.bin");
    let rest = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{rest}", npm_bin.display(), cargo_bin().display())
}

/// Installs whatever of `tools` is missing.
pub fn ensure(tools: &[Tool]) -> Result {
    let mut debian: Vec<&str> = Vec::new();
    for engine in tools.iter().filter_map(|tool| match tool {
        Tool::Browser(engine) => Some(*engine),
        _ => None,
    }) {
        // Debian brings the browser, the X server and every driver but a cargo-built one.
        let debian_driver_missing = engine.cargo_driver().is_none() && !engine.driver().exists();
        let display_missing = engine.needs_display() && [XVFB, XVFB_RUN, XAUTH].iter().any(|t| !Path::new(t).exists());
        if !engine.browser().exists() || debian_driver_missing || display_missing {
            debian.extend(engine.debian_packages());
        }
    }
    let npm_missing = !output("npm", &["--version"]).chars().next().is_some_and(|c| c.is_ascii_digit());
    if tools.contains(&Tool::NpmTools) && npm_missing {
        debian.extend(["nodejs", "npm"]);
    }
    if tools.contains(&Tool::Nginx) && !Path::new(NGINX).exists() {
        debian.push("nginx-light");
    }
    if !debian.is_empty() {
        exec("apt-get", &["update"], &[])?;
        let install = [&["install", "-y", "--no-install-recommends"][..], &debian].concat();
        exec("apt-get", &install, &[("DEBIAN_FRONTEND", "noninteractive".into())])?;
    }
    for tool in tools {
        match tool {
            Tool::WasmTarget => {
                if !output("rustup", &["target", "list", "--installed"]).contains("wasm32-unknown-unknown") {
                    exec("rustup", &["target", "add", "wasm32-unknown-unknown"], &[])?;
                }
            }
            Tool::Trunk => {
                if !output("trunk", &["--version"]).contains(TRUNK_VERSION) {
                    exec("cargo", &["install", "trunk", "--version", TRUNK_VERSION, "--locked"], &[])?;
                }
                // trunk runs cargo with --offline: fill the cache for both targets first.
                exec("cargo", &["fetch"], &[])?;
            }
            Tool::WasmBindgen => {
                let bindgen = locked_version("wasm-bindgen")?;
                if !output("wasm-bindgen", &["--version"]).contains(&bindgen) {
                    // Not --locked: its lock file wants a crate version the registry here lacks.
                    exec("cargo", &["install", "wasm-bindgen-cli", "--version", &bindgen], &[])?;
                }
            }
            Tool::NpmTools => {
                let npm_tools =
                    ["node_modules/.bin/esbuild", "node_modules/axe-core/axe.min.js", "node_modules/.bin/tsc"];
                if !output("wasm-opt", &["--version"]).contains("version 132")
                    || !npm_tools.iter().all(|t| root().join(t).exists())
                {
                    exec("npm", &["ci", "--no-audit", "--no-fund"], &[])?;
                }
            }
            Tool::Nginx => {}
            Tool::Browser(engine) => {
                if let Some(driver) = engine.cargo_driver() {
                    let installed = output(&engine.driver().to_string_lossy(), &["--version"]);
                    if !installed.contains(&format!("{} {}", driver.krate, driver.version)) {
                        exec("cargo", &["install", driver.krate, "--version", driver.version, "--locked"], &[])?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// The version of `package` in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&needle).ok_or_else(|| format!("{package} is not in Cargo.lock"))? + needle.len();
    let version = lock.get(start..).and_then(|rest| rest.split('"').next()).unwrap_or_default();
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
