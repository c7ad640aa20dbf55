//! `cargo xtask bench`: builds `dist/` and runs the `bench` crate, which
//! measures the widget against the vanilla-JS reference in headless Chromium.

use crate::setup::{self, Tool};
use crate::{build, exec, Result};
use harness::browsers::Engine;

/// Builds `dist/` and runs the benchmark.
pub fn run() -> Result {
    setup::ensure(&[&setup::BUILD[..], &[Tool::Browser(Engine::Chromium)]].concat())?;
    build::dist()?;
    exec("cargo", &["run", "--release", "--quiet", "--package", "bench"], &[])
}
