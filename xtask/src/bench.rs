//! `cargo xtask bench`: builds `dist/` and runs the `bench` crate, which
//! measures the widget against the vanilla-JS reference in headless Chromium.

use crate::setup::{self, Tool};
use crate::{build, exec, Result};
use harness::browsers::Engine;

/// Builds `dist/` and runs the benchmark, built like the servers it measures
/// (the `server` profile: optimised for speed, and a panic unwinds, so the
/// browsers and servers it started are stopped).
pub fn run() -> Result {
    setup::ensure(&[&setup::BUILD[..], &[Tool::Browser(Engine::Chromium)]].concat())?;
    build::dist()?;
    exec("cargo", &["run", "--profile", "server", "--quiet", "--package", "bench"], &[])
}
