//! `newsroom`: serves `dist/` and the sample feeds on loopback, publishing
//! new stories on a timer. Run `newsroom --help` for the options.

use newsroom::{Config, Newsroom};
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: newsroom [--dist DIR] [--feeds DIR] [--addr 127.0.0.1:PORT] \
                     [--publish-every 20s|2m|SECONDS] [--no-rebase-dates]";

/// Command-line options.
#[derive(Debug, PartialEq)]
struct Args {
    dist: PathBuf,
    feeds: PathBuf,
    addr: SocketAddr,
    publish_every: Option<Duration>,
    rebase_dates: bool,
}

/// Parses the arguments after the program name (`--flag value` or `--flag=value`).
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        dist: "dist".into(),
        feeds: "feeds".into(),
        addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
        publish_every: None,
        rebase_dates: true,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        if flag == "--no-rebase-dates" && inline.is_none() {
            parsed.rebase_dates = false;
            continue;
        }
        let mut value = || inline.clone().or_else(|| args.next()).ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--dist" => parsed.dist = value()?.into(),
            "--feeds" => parsed.feeds = value()?.into(),
            "--addr" => {
                let addr = value()?;
                parsed.addr = addr.parse().map_err(|_| format!("--addr {addr:?} is not IP:PORT"))?;
                if !parsed.addr.ip().is_loopback() {
                    return Err(format!("--addr {addr} is not a loopback address"));
                }
            }
            "--publish-every" => parsed.publish_every = Some(parse_duration(&value()?)?),
            _ => return Err(format!("unknown argument {flag:?}")),
        }
    }
    Ok(parsed)
}

/// `20s`, `2m` or bare seconds (`20`); never zero.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = match text.strip_suffix('m') {
        Some(minutes) => (minutes, 60),
        None => (text.strip_suffix('s').unwrap_or(text), 1),
    };
    match number.parse::<u64>() {
        Ok(count @ 1..) => Ok(Duration::from_secs(count * unit)),
        _ => Err(format!("--publish-every {text:?} is not a positive duration like 20s, 2m or 20")),
    }
}

async fn run(args: Args) -> io::Result<()> {
    let config = Config {
        dist: args.dist,
        feeds: args.feeds.clone(),
        publish_every: args.publish_every,
        rebase_dates: args.rebase_dates,
    };
    let newsroom = Newsroom::load(config)
        .map_err(|error| io::Error::new(error.kind(), format!("reading feeds in {}: {error}", args.feeds.display())))?;
    newsroom.log_requests(true);
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "newsroom listening on http://{}", listener.local_addr()?)?;
    stdout.flush()?;
    drop(stdout);
    newsroom.serve(listener).await
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match parse_args(args) {
        Ok(args) => args,
        Err(error) => {
            eprintln!("newsroom: {error}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("newsroom: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        parse_args(args.iter().map(|arg| arg.to_string()))
    }

    #[test]
    fn defaults() {
        let args = parse(&[]).unwrap();
        assert_eq!((args.dist, args.feeds), (PathBuf::from("dist"), PathBuf::from("feeds")));
        assert_eq!(args.addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!((args.publish_every, args.rebase_dates), (None, true));
    }

    #[test]
    fn every_option() {
        let args = parse(&[
            "--dist",
            "out",
            "--feeds=f",
            "--addr",
            "127.0.0.1:0",
            "--publish-every",
            "20s",
            "--no-rebase-dates",
        ])
        .unwrap();
        let expected = Args {
            dist: "out".into(),
            feeds: "f".into(),
            addr: "127.0.0.1:0".parse().unwrap(),
            publish_every: Some(Duration::from_secs(20)),
            rebase_dates: false,
        };
        assert_eq!(args, expected);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("20s"), Ok(Duration::from_secs(20)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        for bad in ["0", "0s", "", "s", "-3s", "1h", "2.5s", "m"] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn rejects_bad_arguments() {
        for bad in [
            &["--port", "80"][..],
            &["--dist"],
            &["--addr", "localhost"],
            &["--addr", "0.0.0.0:8080"],
            &["--publish-every", "soon"],
            &["--no-rebase-dates=1"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
