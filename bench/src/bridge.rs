//! The bridge's serving figures: `news-bridge serve` built with
//! the server profile, under 200 keep-alive clients on loopback, conditional
//! (304s) and full answers, its resident memory sampled; and conversion
//! throughput over the real-feed corpus.

use news_bridge::load::{self, ConversionReport, LoadOptions, LoadReport, Server};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The cargo profile the served binary is built with.
pub const PROFILE: &str = "server";
/// Each load run's length.
const RUN: Duration = Duration::from_secs(8);
/// About how long the conversion figure takes.
const CONVERSION: Duration = Duration::from_secs(3);
/// The output measured, from `bridge/demo/bridge.toml`.
const OUTPUT: &str = "/feeds/bridge/around-arab-news.json";

/// Everything measured.
pub struct Figures {
    /// Conditional GETs: every answer a 304.
    pub conditional: LoadReport,
    /// Full answers (gzip or brotli accepted).
    pub full: LoadReport,
    pub conversion: ConversionReport,
    /// Documents in the corpus.
    pub documents: usize,
}

/// Builds the binary, serves the demo configuration and measures it.
pub async fn measure(root: &Path) -> Result<Figures, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "--profile", PROFILE, "--package", "news-bridge"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build --profile {PROFILE} -p news-bridge: {status}"));
    }
    let binary = root.join("target").join(PROFILE).join("news-bridge");
    let server = Server::start(&binary, &root.join("bridge/demo/bridge.toml")).map_err(|e| e.to_string())?;
    let options =
        LoadOptions { duration: RUN, sample_pid: Some(server.pid()), ..LoadOptions::new(&server.url(OUTPUT)) };
    let conditional = load::run(&options).await;
    let full = load::run(&LoadOptions { conditional: false, ..options }).await;
    let stopped = server.stop().map_err(|e| e.to_string())?;
    let (conditional, full) = (conditional?, full?);
    if !stopped.success() {
        return Err(format!("news-bridge serve exited with {stopped} on SIGTERM"));
    }

    let corpus = root.join("bridge/tests/fixtures/real");
    let mut documents = vec![];
    for entry in std::fs::read_dir(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "xml") {
            documents.push(std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?);
        }
    }
    let started = Instant::now();
    load::conversion(&documents, 1);
    let once = started.elapsed().as_secs_f64().max(1e-6);
    let rounds = (CONVERSION.as_secs_f64() / once).clamp(1.0, 10_000.0) as u32;
    let conversion = load::conversion(&documents, rounds);
    Ok(Figures { conditional, full, conversion, documents: documents.len() })
}
