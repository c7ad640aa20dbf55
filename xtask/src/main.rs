//! Project tasks, the cargo-xtask way. Each command installs what it needs
//! and nothing more (see `setup`), then does its job in its own module:
//!
//! - `cargo xtask demo`  — builds `dist/`, serves the demo on
//!   http://127.0.0.1:8080 with the newsroom publishing a story every 20 s.
//! - `cargo xtask test`  — runs every test level: native unit tests,
//!   wasm-bindgen tests in a headless browser, end-to-end tests.
//! - `cargo xtask build` — builds the release `dist/`.
//! - `cargo xtask lint`  — `codegen --check`, `cargo fmt --check`, clippy on
//!   the host and wasm targets, and the crate docs.
//! - `cargo xtask bench` — builds `dist/` and measures it against the vanilla-JS
//!   reference in headless Chromium; writes `bench/results.json`, `bench/RESULTS.md`
//!   and the READMEs' figures (through `codegen`).
//! - `cargo xtask package` — builds `dist/` and packs the npm package (its
//!   generated files from `package/`) into `target/package/news-headlines-<version>.tgz`.
//! - `cargo xtask codegen [--check]` — writes what is generated from the Rust
//!   tables, the tests and the last bench into checked-in files (`--check`:
//!   fails when one is stale).

mod bench;
mod build;
mod codegen;
mod demo;
mod lint;
mod package;
mod setup;
mod test;
#[cfg(test)]
mod tidy;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str =
    "usage: cargo xtask <demo [--addr 127.0.0.1:8080] | test | build | lint | bench | package | codegen [--check]>";

/// A command and its flags, parsed in one place.
#[derive(Debug, PartialEq)]
enum Task {
    Demo { addr: SocketAddr },
    Test,
    Build,
    Lint,
    Bench,
    Package,
    Codegen { check: bool },
}

impl Task {
    fn parse(args: &[String]) -> std::result::Result<Task, String> {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Ok(match args.as_slice() {
            ["demo"] => Task::Demo { addr: SocketAddr::from(([127, 0, 0, 1], 8080)) },
            ["demo", "--addr", addr] => Task::Demo { addr: addr.parse().map_err(|e| format!("--addr {addr}: {e}"))? },
            ["test"] => Task::Test,
            ["build"] => Task::Build,
            ["lint"] => Task::Lint,
            ["bench"] => Task::Bench,
            ["package"] => Task::Package,
            ["codegen"] => Task::Codegen { check: false },
            ["codegen", "--check"] => Task::Codegen { check: true },
            _ => return Err(USAGE.into()),
        })
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = match Task::parse(&args) {
        Ok(task) => task,
        Err(usage) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    let result = match task {
        Task::Demo { addr } => demo::run(addr),
        Task::Test => test::run(),
        Task::Build => build::run(),
        Task::Lint => lint::run(),
        Task::Bench => bench::run(),
        Task::Package => package::run(),
        Task::Codegen { check } => codegen::run(check),
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

/// `program args` in the workspace root with the project's tool path.
fn command(program: &str, args: &[&str], env: &[(&str, String)]) -> Command {
    println!("xtask: {program} {}", args.join(" "));
    let mut command = Command::new(program);
    command.args(args).current_dir(root()).env("PATH", setup::tool_path()).envs(env.iter().map(|(k, v)| (k, v)));
    command
}

/// Runs `program args` in the workspace root with the project's tool path.
fn exec(program: &str, args: &[&str], env: &[(&str, String)]) -> Result {
    let status = command(program, args, env).status().map_err(|e| format!("could not start {program}: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{program} {} failed ({status})", args.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> std::result::Result<Task, String> {
        Task::parse(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn commands_and_flags_are_parsed_in_one_place() {
        assert_eq!(parse(&["test"]), Ok(Task::Test));
        assert_eq!(parse(&["package"]), Ok(Task::Package));
        assert_eq!(parse(&["codegen", "--check"]), Ok(Task::Codegen { check: true }));
        assert!(parse(&["codegen", "--force"]).is_err());
        assert_eq!(parse(&["demo"]), Ok(Task::Demo { addr: "127.0.0.1:8080".parse().unwrap() }));
        assert_eq!(
            parse(&["demo", "--addr", "127.0.0.1:9000"]),
            Ok(Task::Demo { addr: "127.0.0.1:9000".parse().unwrap() })
        );
        assert!(parse(&["demo", "--addr", "nowhere"]).is_err());
        assert_eq!(parse(&["tset"]), Err(USAGE.into()));
        assert_eq!(parse(&[]), Err(USAGE.into()));
    }
}
