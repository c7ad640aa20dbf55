//! `cargo xtask test`: every test level, each after installing what it needs.
//!
//! 1. native: unit tests of every crate, the feed corpus and property tests;
//! 2. wasm-bindgen tests of the components in a headless browser;
//! 3. end-to-end: the release `dist/` served on loopback, driven in real browsers.

use crate::setup::{self, Tool};
use crate::{build, exec, Result};
use harness::browsers::{Engine, ENGINE_VARIABLE};

/// Runs every level; stops at the first failure.
pub fn run() -> Result {
    let browsers = Engine::ALL.map(Tool::Browser);
    setup::ensure(&[&setup::BUILD[..], &browsers].concat())?;
    println!("xtask: level 1/3: native unit tests");
    exec("cargo", &["test", "--workspace", "--lib", "--bins"], &[])?;
    println!("xtask: level 1/3: feed corpus and property tests");
    exec("cargo", &["test", "--test", "feed_corpus"], &[])?;
    println!("xtask: level 2/3: wasm-bindgen tests in headless Chromium");
    exec(
        "cargo",
        &["test", "--target", "wasm32-unknown-unknown", "--test", "web"],
        &[
            ("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner".into()),
            ("CHROMEDRIVER", Engine::Chromium.driver().into()),
            ("WASM_BINDGEN_TEST_TIMEOUT", "120".into()),
        ],
    )?;
    println!("xtask: level 3/3: end-to-end tests against dist/");
    build::dist()?;
    for engine in Engine::ALL {
        println!("xtask: level 3/3: end-to-end in {}", engine.name());
        exec(
            "cargo",
            &["test", "--test", "e2e", "--", "--test-threads=1"],
            &[(ENGINE_VARIABLE, engine.name().into())],
        )?;
    }
    Ok(())
}
