//! `cargo xtask test`: every test level, each after installing what it needs.
//!
//! 1. native: unit tests of every crate, the feed corpus and property tests;
//! 2. wasm-bindgen tests of the components in Chromium, Firefox and WebKit;
//! 3. end-to-end: the release `dist/` (and the npm package packed from it)
//!    served on loopback, driven in Chromium, Firefox and WebKit, one engine
//!    after the other on the same `dist/`.

use crate::setup::{self, Tool};
use crate::{build, command, exec, package, root, Result};
use harness::browsers::{driver_log, Engine, CHROMIUM_ARGS, ENGINE_VARIABLE, WEBKIT_SESSION_LOST, XVFB_RUN};
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Instant;

/// The end-to-end tests, one at a time (they share the machine's browser).
const END_TO_END: [&str; 5] = ["test", "--test", "e2e", "--", "--test-threads=1"];

/// How many lines of the driver's log a lost WebKit session shows.
const LOG_TAIL: usize = 40;

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
        end_to_end(engine)?;
        took.push(format!("{} {:.0} s", engine.name(), started.elapsed().as_secs_f64()));
    }
    println!("xtask: end-to-end time per engine: {}", took.join(", "));
    Ok(())
}

/// Runs the end-to-end tests in `engine`. In WebKit, the tests that failed
/// only because the browser quit under them ([`WEBKIT_SESSION_LOST`]) run
/// once more, by name, after the tail of what the browser printed; any other
/// failure, or the same one twice, fails the run.
fn end_to_end(engine: Engine) -> Result {
    let env = [(ENGINE_VARIABLE, engine.name().to_owned())];
    let log = driver_log(&root().join("target"), engine);
    // A missing log is what this wants: each run's log starts empty.
    let _ = std::fs::remove_file(&log);
    let (succeeded, printed) = exec_kept("cargo", &END_TO_END, &env)?;
    if succeeded {
        return Ok(());
    }
    let lost = (engine == Engine::WebKit).then(|| only_lost_sessions(&printed, WEBKIT_SESSION_LOST)).flatten();
    let tests = lost.ok_or_else(|| "the end-to-end tests failed".to_owned())?;
    let said = std::fs::read_to_string(&log).unwrap_or_default();
    let tail: Vec<&str> = said.lines().rev().take(LOG_TAIL).collect();
    println!(
        "xtask: WebKit's browser quit under {} (\"{WEBKIT_SESSION_LOST}\"); the last lines of {}:",
        tests.join(", "),
        log.display()
    );
    tail.iter().rev().for_each(|line| println!("    {line}"));
    println!("xtask: running {} once more", tests.join(", "));
    let again: Vec<&str> = END_TO_END.into_iter().chain(["--exact"]).chain(tests.iter().map(String::as_str)).collect();
    exec("cargo", &again, &env)
}

/// [`exec`] that also keeps what the program prints on stdout (and still
/// shows it as it comes): whether it succeeded, and the text.
fn exec_kept(program: &str, args: &[&str], env: &[(&str, String)]) -> Result<(bool, String)> {
    let mut child = command(program, args, env)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    let mut kept = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| format!("{program}'s output: {e}"))?;
            println!("{line}");
            kept.push_str(&line);
            kept.push('\n');
        }
    }
    let status = child.wait().map_err(|e| format!("{program}: {e}"))?;
    Ok((status.success(), kept))
}

/// The tests libtest's `printed` report lists as failed, when there is at
/// least one and the captured output of each contains `lost`; else `None`.
fn only_lost_sessions(printed: &str, lost: &str) -> Option<Vec<String>> {
    let (sections, summary) = printed.rsplit_once("\nfailures:\n")?;
    let failed: Vec<String> = summary
        .lines()
        .skip_while(|line| line.trim().is_empty())
        .take_while(|line| line.starts_with("    "))
        .map(|line| line.trim().to_owned())
        .collect();
    let output_of = |test: &str| {
        let header = format!("---- {test} stdout ----");
        let after = sections.split_once(&header)?.1;
        Some(after.split_once("\n---- ").map_or(after, |(own, _)| own))
    };
    let all_lost = failed.iter().all(|test| output_of(test).is_some_and(|output| output.contains(lost)));
    (!failed.is_empty() && all_lost).then_some(failed)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// libtest's report of a run in which `failed` failed, each with `said`.
    fn report(failed: &[(&str, &str)]) -> String {
        let mut printed = String::from("test dates::a ... ok\n");
        for (test, _) in failed {
            printed.push_str(&format!("test {test} ... FAILED\n"));
        }
        printed.push_str("\nfailures:\n\n");
        for (test, said) in failed {
            printed.push_str(&format!("---- {test} stdout ----\n\nthread '{test}' panicked at x.rs:1:2:\n{said}\n\n"));
        }
        printed.push_str("\nfailures:\n");
        for (test, _) in failed {
            printed.push_str(&format!("    {test}\n"));
        }
        printed.push_str(&format!("\ntest result: FAILED. 1 passed; {} failed\n", failed.len()));
        printed
    }

    #[test]
    fn only_lost_sessions_names_the_tests_whose_browser_quit() {
        let lost = format!("script failed: webdriver returned error: {WEBKIT_SESSION_LOST}.");
        let printed = report(&[("faults::network", &lost), ("live::ticks", &lost)]);
        assert_eq!(
            only_lost_sessions(&printed, WEBKIT_SESSION_LOST),
            Some(vec!["faults::network".to_owned(), "live::ticks".to_owned()])
        );
    }

    #[test]
    fn only_lost_sessions_is_none_when_any_test_failed_otherwise() {
        let lost = format!("webdriver returned error: {WEBKIT_SESSION_LOST}.");
        let printed = report(&[("faults::network", &lost), ("live::ticks", "assertion `left == right` failed")]);
        assert_eq!(only_lost_sessions(&printed, WEBKIT_SESSION_LOST), None);
        assert_eq!(only_lost_sessions(&report(&[("live::ticks", "timed out")]), WEBKIT_SESSION_LOST), None);
    }

    #[test]
    fn only_lost_sessions_is_none_without_a_list_of_failures() {
        let compile_error = format!("error[E0308]: mismatched types\n{WEBKIT_SESSION_LOST}\n");
        assert_eq!(only_lost_sessions(&compile_error, WEBKIT_SESSION_LOST), None);
        assert_eq!(only_lost_sessions(&report(&[]), WEBKIT_SESSION_LOST), None);
    }
}
