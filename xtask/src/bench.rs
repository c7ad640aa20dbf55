//! `cargo xtask bench`: builds `dist/` and runs the `bench` crate, which
//! measures the widget against the vanilla-JS reference in headless Chromium
//! (and ours' wasm instantiation in Firefox too), then copies its figures
//! into the README (`cargo xtask codegen`).

use crate::setup::{self, Tool};
use crate::{build, exec, Result};
use harness::browsers::Engine;

/// Builds `dist/` and runs the benchmark, built like the servers it measures
/// (the `server` profile: optimised for speed, and a panic unwinds, so the
/// browsers and servers it started are stopped).
pub fn run() -> Result {
    let browsers = [Tool::Browser(Engine::Chromium), Tool::Browser(Engine::Firefox)];
    setup::ensure(&[&setup::BUILD[..], &browsers].concat())?;
    build::dist()?;
    let measured = exec("cargo", &["run", "--profile", "server", "--quiet", "--package", "bench"], &[]);
    // The figures go into the README even when a budget failed.
    crate::codegen::run(false)?;
    measured
}
