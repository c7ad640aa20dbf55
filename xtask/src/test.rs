//! `cargo xtask test`: every test level, each after installing what it needs.
//!
//! 1. native: unit tests of every crate, the feed corpus and property tests;
//! 2. wasm-bindgen tests of the components in Chromium, Firefox and WebKit;
//! 3. end-to-end: the release `dist/` (and the npm package packed from it)
//!    served on loopback, driven in Chromium, Firefox and WebKit, one engine
//!    after the other on the same `dist/`.

use crate::setup::{self, Tool};
use crate::{build, exec, package, root, Result};
use harness::browsers::{Engine, CHROMIUM_ARGS, ENGINE_VARIABLE, XVFB_RUN};
use std::time::Instant;

/// Runs every level; stops at the first failure.
pub fn run() -> Result {
    let browsers = Engine::ALL.map(Tool::Browser);
    setup::ensure(&[&setup::BUILD[..], &browsers, &[Tool::Nginx]].concat())?;
    println!("xtask: level 1/3: native unit tests");
    exec("cargo", &["test", "--workspace", "--lib", "--bins"], &[])?;
    println!("xtask: level 1/3: feed corpus and property tests");
    exec("cargo", &["test", "--test", "feed_corpus"], &[])?;
    println!(
        "xtask: level 1/3: news-bridge: real and hostile feeds, HTTP behaviour, security, build, process, behind nginx"
    );
    exec("cargo", &["test", "-p", "news-bridge", "--test", "*"], &[])?;
    for engine in Engine::ALL {
        println!("xtask: level 2/3: wasm-bindgen tests in {}", engine.name());
        let runner = ComponentRunner::of(engine);
        let mut env = vec![
            ("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner.command),
            (runner.driver_variable, engine.driver().display().to_string()),
            ("WASM_BINDGEN_TEST_TIMEOUT", "120".into()),
        ];
        if let Some(capabilities) = runner.capabilities {
            env.push(("WASM_BINDGEN_TEST_WEBDRIVER_JSON", write_capabilities(engine, &capabilities)?));
        }
        exec("cargo", &["test", "--target", "wasm32-unknown-unknown", "--test", "web"], &env)?;
    }
    println!("xtask: level 3/3: end-to-end tests against dist/ and the npm package packed from it");
    build::dist()?;
    package::tarball()?;
    build::leptos_app()?;
    build::configurator()?;
    let mut took = Vec::new();
    for engine in Engine::ALL {
        println!("xtask: level 3/3: end-to-end in {}", engine.name());
        let started = Instant::now();
        exec(
            "cargo",
            &["test", "--test", "e2e", "--", "--test-threads=1"],
            &[(ENGINE_VARIABLE, engine.name().into())],
        )?;
        took.push(format!("{} {:.0} s", engine.name(), started.elapsed().as_secs_f64()));
    }
    println!("xtask: end-to-end time per engine: {}", took.join(", "));
    Ok(())
}

/// How wasm-bindgen-test-runner drives an engine.
struct ComponentRunner {
    /// Cargo's runner for the wasm32 tests.
    command: String,
    /// The variable that names the driver to the runner.
    driver_variable: &'static str,
    /// Capabilities the runner merges into its session (it adds its own
    /// headless switch), from `harness::browsers`.
    capabilities: Option<String>,
}

impl ComponentRunner {
    fn of(engine: Engine) -> ComponentRunner {
        let browser = format!("{:?}", engine.browser().display().to_string());
        match engine {
            Engine::Chromium => {
                let args = CHROMIUM_ARGS.iter().map(|arg| format!("{arg:?}")).collect::<Vec<_>>().join(", ");
                ComponentRunner {
                    command: "wasm-bindgen-test-runner".into(),
                    driver_variable: "CHROMEDRIVER",
                    capabilities: Some(format!(
                        r#"{{"goog:chromeOptions": {{"binary": {browser}, "args": [{args}]}}}}"#
                    )),
                }
            }
            Engine::Firefox => ComponentRunner {
                command: "wasm-bindgen-test-runner".into(),
                driver_variable: "GECKODRIVER",
                capabilities: Some(format!(r#"{{"moz:firefoxOptions": {{"binary": {browser}}}}}"#)),
            },
            // The runner drives WebKitWebDriver as "safaridriver", with empty
            // capabilities: WebKitGTK's driver then starts its own MiniBrowser,
            // which needs an X display for the length of the run.
            Engine::WebKit => ComponentRunner {
                command: format!("{XVFB_RUN} --auto-servernum wasm-bindgen-test-runner"),
                driver_variable: "SAFARIDRIVER",
                capabilities: None,
            },
        }
    }
}

/// Writes `capabilities` to `target/webdriver/{engine}.json`; returns its path.
fn write_capabilities(engine: Engine, capabilities: &str) -> Result<String> {
    let dir = root().join("target/webdriver");
    let path = dir.join(format!("{}.json", engine.name()));
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, capabilities))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.display().to_string())
}
