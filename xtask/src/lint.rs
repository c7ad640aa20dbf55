//! `cargo xtask lint`: `cargo xtask codegen --check`, `cargo fmt --check`, clippy with `-D warnings` on the
//! host and on wasm32, and the crate's docs with `-D warnings`.
//! Needs no browser and no npm tool.

use crate::setup::{self, Tool};
use crate::{exec, Result};

/// Runs the formatters and linters.
pub fn run() -> Result {
    setup::ensure(&[Tool::WasmTarget])?;
    crate::codegen::run(true)?;
    exec("cargo", &["fmt", "--all", "--check"], &[])?;
    exec("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])?;
    // What runs in the browser: the widget and its component tests, the
    // configurator and the Leptos example (their own tests are native).
    let wasm = ["clippy", "--target", "wasm32-unknown-unknown"];
    exec("cargo", &[&wasm[..], &["-p", "news-headlines", "--lib", "--tests", "--", "-D", "warnings"]].concat(), &[])?;
    exec(
        "cargo",
        &[&wasm[..], &["-p", "configure", "-p", "leptos-app", "--lib", "--bins", "--", "-D", "warnings"]].concat(),
        &[],
    )?;
    // The crate's docs, as a Leptos app author reads them (the component is wasm32 only).
    exec(
        "cargo",
        &["doc", "--target", "wasm32-unknown-unknown", "--no-deps", "-p", "news-headlines"],
        &[("RUSTDOCFLAGS", "-D warnings".into())],
    )
}
