//! `cargo xtask lint`: `cargo fmt --check`, and clippy with `-D warnings` on
//! the host and on wasm32. Needs no browser and no npm tool.

use crate::setup::{self, Tool};
use crate::{exec, Result};

/// Runs the formatters and linters.
pub fn run() -> Result {
    setup::ensure(&[Tool::WasmTarget])?;
    exec("cargo", &["fmt", "--all", "--check"], &[])?;
    exec("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])?;
    exec("cargo", &["clippy", "--target", "wasm32-unknown-unknown", "--lib", "--tests", "--", "-D", "warnings"], &[])
}
