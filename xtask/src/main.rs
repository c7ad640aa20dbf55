//! Project tasks, the cargo-xtask way:
//!
//! - `cargo xtask demo`  — installs what is missing, builds `dist/`, serves the
//!   demo on http://127.0.0.1:8080 with the newsroom publishing a story every 20 s.
//! - `cargo xtask test`  — installs what is missing and runs every test level:
//!   native unit tests, wasm-bindgen tests in headless Chromium, end-to-end tests.
//! - `cargo xtask build` — installs what is missing and builds the release `dist/`.
//! - `cargo xtask lint`  — `cargo fmt --check` and clippy on the host and wasm targets.
//! - `cargo xtask bench` — builds `dist/` and measures it against the vanilla-JS
//!   reference in headless Chromium; writes `bench/results.json` and `bench/RESULTS.md`.

mod setup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(&args[1..]),
        Some("test") => test(),
        Some("build") => setup::ensure_tools().and_then(|_| build()),
        Some("lint") => lint(),
        Some("bench") => setup::ensure_tools().and_then(|_| build()).and_then(|_| bench()),
        _ => {
            eprintln!("usage: cargo xtask <demo [--addr 127.0.0.1:8080] | test | build | lint | bench>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (the parent of `xtask/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Runs `program args` in the workspace root with the project's tool path.
fn run(program: &str, args: &[&str], env: &[(&str, String)]) -> Result {
    println!("xtask: {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root())
        .env("PATH", setup::tool_path())
        .envs(env.iter().map(|(k, v)| (k, v)))
        .status()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{program} {} failed ({status})", args.join(" ")))
}

/// `trunk build --release` into `dist/`.
fn build() -> Result {
    run("trunk", &["build", "--release"], &[])
}

fn demo(args: &[String]) -> Result {
    let addr = match args {
        [] => "127.0.0.1:8080".to_owned(),
        [flag, addr] if flag == "--addr" => addr.clone(),
        _ => return Err("usage: cargo xtask demo [--addr 127.0.0.1:8080]".into()),
    };
    setup::ensure_tools()?;
    build()?;
    println!("xtask: demo on http://{addr}/ (Ctrl-C to stop)");
    run(
        "cargo",
        &[
            "run",
            "--quiet",
            "--package",
            "newsroom",
            "--",
            "--dist",
            "dist",
            "--feeds",
            "feeds",
            "--addr",
            &addr,
            "--publish-every",
            "20s",
        ],
        &[],
    )
}

fn test() -> Result {
    setup::ensure_tools()?;
    println!("xtask: level 1/3: native unit tests");
    run("cargo", &["test", "--workspace", "--lib", "--bins"], &[])?;
    println!("xtask: level 1/3: hostile-feed corpus and property tests");
    run("cargo", &["test", "--test", "hostile"], &[])?;
    println!("xtask: level 2/3: wasm-bindgen tests in headless Chromium");
    run(
        "cargo",
        &["test", "--target", "wasm32-unknown-unknown", "--test", "web"],
        &[
            ("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner".into()),
            ("CHROMEDRIVER", setup::CHROMEDRIVER.into()),
            ("WASM_BINDGEN_TEST_TIMEOUT", "120".into()),
        ],
    )?;
    println!("xtask: level 3/3: end-to-end tests against dist/ in headless Chromium");
    build()?;
    run("cargo", &["test", "--test", "e2e", "--", "--test-threads=1"], &[("CHROMEDRIVER", setup::CHROMEDRIVER.into())])
}

fn bench() -> Result {
    run(
        "cargo",
        &["run", "--release", "--quiet", "--package", "bench"],
        &[("CHROMEDRIVER", setup::CHROMEDRIVER.into())],
    )
}

fn lint() -> Result {
    setup::ensure_tools()?;
    run("cargo", &["fmt", "--all", "--check"], &[])?;
    run("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])?;
    run("cargo", &["clippy", "--target", "wasm32-unknown-unknown", "--lib", "--tests", "--", "-D", "warnings"], &[])
}
