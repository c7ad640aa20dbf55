//! The `news-bridge` command line: `convert`, `build` and `serve`.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

use news_bridge::config::{Config, Limits, PrivateAddresses, Upstream};
use news_bridge::convert::{self, Rules, MAX_LIMIT};
use news_bridge::export::{self, Outcome};
use news_bridge::fetch::{Fetched, Fetcher, Validators};
use news_bridge::poll::Poller;
use news_bridge::serve;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage:
  news-bridge convert <FILE|URL>... [--title T] [--limit N] [--language L] [--no-dateline] [--allow-private]
      one JSON Feed 1.1 document on stdout: the items of all inputs, newest first
  news-bridge build --config bridge.toml --out DIR
      every configured output as DIR/<path> with .gz and .br beside it
  news-bridge serve --config bridge.toml [--listen 127.0.0.1:8090]
      the outputs over HTTP, upstreams polled on their intervals; /healthz";

/// Where `serve` listens without `--listen` or `listen` in the config.
const DEFAULT_LISTEN: &str = "127.0.0.1:8090";

/// A parsed command line.
#[derive(Debug, PartialEq)]
enum Command {
    Convert { inputs: Vec<String>, rules: Rules, allow_private: bool },
    Build { config: PathBuf, out: PathBuf },
    Serve { config: PathBuf, listen: Option<SocketAddr> },
    Help,
    Version,
}

/// Parses the arguments after the program name.
fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else { return Ok(Command::Help) };
    let mut positional = Vec::new();
    let mut flags: Vec<(&str, Option<&str>)> = Vec::new();
    let mut words = rest.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "--no-dateline" | "--allow-private" => flags.push((word, None)),
            flag if flag.starts_with("--") => {
                let value = words.next().ok_or_else(|| format!("{flag} needs a value"))?;
                flags.push((flag, Some(value)));
            }
            _ => positional.push(word.clone()),
        }
    }
    let known = |allowed: &[&str]| match flags.iter().find(|(flag, _)| !allowed.contains(flag)) {
        Some((flag, _)) => Err(format!("{command} does not take {flag}")),
        None => Ok(()),
    };
    let value = |name: &str| flags.iter().rev().find(|(flag, _)| *flag == name).and_then(|(_, value)| *value);
    let has = |name: &str| flags.iter().any(|(flag, _)| *flag == name);
    let required = |name: &str| value(name).map(PathBuf::from).ok_or_else(|| format!("{command} needs {name}"));
    let no_positional = || match positional.first() {
        Some(extra) => Err(format!("{command} does not take {extra:?}")),
        None => Ok(()),
    };
    match command.as_str() {
        "convert" => {
            known(&["--title", "--limit", "--language", "--no-dateline", "--allow-private"])?;
            if positional.is_empty() {
                return Err("convert needs at least one file or URL".into());
            }
            let limit = match value("--limit") {
                Some(limit) => limit.parse().ok().filter(|n| (1..=MAX_LIMIT).contains(n)),
                None => Some(convert::DEFAULT_LIMIT),
            }
            .ok_or_else(|| format!("--limit must be a number from 1 to {MAX_LIMIT}"))?;
            let rules = Rules {
                title: value("--title").map(str::to_owned),
                language: value("--language").map(str::to_owned),
                limit,
                dateline: !has("--no-dateline"),
                ..Rules::default()
            };
            Ok(Command::Convert { inputs: positional, rules, allow_private: has("--allow-private") })
        }
        "build" => {
            known(&["--config", "--out"])?;
            no_positional()?;
            Ok(Command::Build { config: required("--config")?, out: required("--out")? })
        }
        "serve" => {
            known(&["--config", "--listen"])?;
            no_positional()?;
            let listen = value("--listen")
                .map(|listen| {
                    listen.parse().map_err(|_| format!("--listen {listen:?} is not an address like 127.0.0.1:8090"))
                })
                .transpose()?;
            Ok(Command::Serve { config: required("--config")?, listen })
        }
        "help" | "--help" | "-h" => Ok(Command::Help),
        "version" | "--version" | "-V" => Ok(Command::Version),
        other => Err(format!("unknown command {other:?}")),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_args(&args) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("news-bridge: {error}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Version => {
            println!("news-bridge {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Command::Convert { inputs, rules, allow_private } => run_convert(&inputs, &rules, allow_private).await,
        Command::Build { config, out } => run_build(&config, &out).await,
        Command::Serve { config, listen } => run_serve(&config, listen).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("news-bridge: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run_convert(inputs: &[String], rules: &Rules, allow_private: bool) -> Result<(), String> {
    let private = if allow_private { PrivateAddresses::Allowed } else { PrivateAddresses::Refused };
    let limits = Limits { private, ..Limits::default() };
    let fetcher =
        Fetcher::new(limits, concat!("news-bridge/", env!("CARGO_PKG_VERSION"))).map_err(|error| error.to_string())?;
    let mut documents = Vec::new();
    for input in inputs {
        let upstream = Upstream::parse(input, Path::new("."))?;
        let bytes = match fetcher.fetch(&upstream, &Validators::default()).await {
            Ok(Fetched::Body { bytes, .. }) => bytes,
            Ok(Fetched::NotModified) => return Err(format!("{upstream}: answered 304 to an unconditional request")),
            Err(error) => return Err(format!("{upstream}: {error}")),
        };
        documents.push(
            convert::parse(&bytes, upstream.base_url().as_deref()).map_err(|error| format!("{upstream}: {error}"))?,
        );
    }
    let references: Vec<_> = documents.iter().collect();
    let json = convert::merge(&references, rules).to_json_pretty().map_err(|error| error.to_string())?;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&json).and_then(|()| stdout.write_all(b"\n")).map_err(|error| error.to_string())
}

async fn run_build(config: &Path, out: &Path) -> Result<(), String> {
    let config = Config::load(config)?;
    let poller = Poller::new(&config).map_err(|error| error.to_string())?;
    let reports = export::build(&poller, out).await;
    let mut failed = 0;
    for report in &reports {
        println!("news-bridge: {report}");
        failed += usize::from(matches!(report.outcome, Outcome::Failed(_)));
    }
    match failed {
        0 => Ok(()),
        _ => Err(format!("{failed} of {} outputs not written", reports.len())),
    }
}

/// Why `serve` refuses to run in a build that aborts on panic.
const ABORTING_BUILD: &str = "this build aborts the whole process on any panic (panic = \"abort\"), so one bad \
upstream document could stop the server; build news-bridge with the server profile: \
cargo install --path bridge --profile server (or cargo build --profile server -p news-bridge)";

/// Whether `serve` may run in a build that `aborts` on panic: never.
fn may_serve(aborts: bool) -> Result<(), String> {
    match aborts {
        true => Err(ABORTING_BUILD.to_owned()),
        false => Ok(()),
    }
}

async fn run_serve(config_path: &Path, listen: Option<SocketAddr>) -> Result<(), String> {
    may_serve(cfg!(panic = "abort"))?;
    let config = Config::load(config_path)?;
    let addr = match listen.or(config.listen) {
        Some(addr) => addr,
        None => DEFAULT_LISTEN.parse().map_err(|_| "bad default address".to_owned())?,
    };
    let listener = bind(addr).map_err(|error| format!("cannot listen on {addr}: {error}"))?;
    let bound = listener.local_addr().map_err(|error| error.to_string())?;
    let poller = Poller::new(&config).map_err(|error| error.to_string())?;
    let paths: Vec<&str> = config.outputs.iter().map(|output| output.path.as_str()).collect();
    println!("news-bridge: serving {} on http://{bound} (and /healthz)", paths.join(", "));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let polling = tokio::spawn(poller.clone().run(stopped));
    let shutdown = async move {
        shutdown_signal().await;
        news_bridge::log("shutting down");
        let _ = stop.send(true);
    };
    let served = serve::serve_with(poller, config.cors, &config.server, listener, shutdown).await;
    let _ = tokio::time::timeout(Duration::from_secs(5), polling).await;
    served.map_err(|error| error.to_string())
}

/// Connections the kernel queues before `serve` accepts them (capped by
/// `net.core.somaxconn`): deep enough that a burst of connections, a flood
/// included, is queued rather than dropped (a dropped SYN costs a reader a
/// second or more).
const LISTEN_BACKLOG: u32 = 4096;

/// A listening socket on `addr`.
fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Completes on SIGTERM or Ctrl-C.
async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = terminate => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_refuses_a_build_that_aborts_on_panic_and_says_how_to_build_it() {
        let refused = may_serve(true).unwrap_err();
        assert!(refused.contains("cargo install --path bridge --profile server"), "{refused}");
        assert_eq!(may_serve(false), Ok(()));
        assert_eq!(
            may_serve(cfg!(panic = "abort")),
            Ok(()),
            "the tests' own build unwinds, as the server profile does"
        );
    }

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn parses_convert_with_its_flags() {
        let Command::Convert { inputs, rules, allow_private } = parse_args(&args(
            "convert a.xml https://x.example/rss --title T --limit 5 --language ar --no-dateline --allow-private",
        ))
        .unwrap() else {
            panic!("expected convert")
        };
        assert_eq!(inputs, ["a.xml", "https://x.example/rss"]);
        assert!(allow_private);
        assert_eq!(
            (rules.title.as_deref(), rules.limit, rules.language.as_deref(), rules.dateline),
            (Some("T"), 5, Some("ar"), false)
        );
    }

    #[test]
    fn parses_build_and_serve() {
        assert_eq!(
            parse_args(&args("build --config b.toml --out site")).unwrap(),
            Command::Build { config: "b.toml".into(), out: "site".into() }
        );
        assert_eq!(
            parse_args(&args("serve --config b.toml --listen 127.0.0.1:0")).unwrap(),
            Command::Serve { config: "b.toml".into(), listen: Some("127.0.0.1:0".parse().unwrap()) }
        );
        assert_eq!(parse_args(&[]).unwrap(), Command::Help);
    }

    #[test]
    fn usage_errors_are_clear() {
        let cases = [
            ("convert", "convert needs at least one file or URL"),
            ("convert a.xml --limit 0", "--limit must be a number from 1 to 500"),
            ("convert a.xml --title", "--title needs a value"),
            ("build --config b.toml", "build needs --out"),
            ("serve --config b.toml --out x", "serve does not take --out"),
            ("serve --config b.toml extra", "serve does not take \"extra\""),
            ("serve --config b.toml --listen nowhere", "--listen \"nowhere\" is not an address like 127.0.0.1:8090"),
            ("frobnicate", "unknown command \"frobnicate\""),
        ];
        for (line, expected) in cases {
            assert_eq!(parse_args(&args(line)).unwrap_err(), expected, "{line}");
        }
    }
}
