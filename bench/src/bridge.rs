//! The bridge's serving figures: `news-bridge serve` built with
//! the server profile, under 200 keep-alive clients on loopback, conditional
//! (304s) and full answers, its resident memory sampled; and conversion
//! throughput over the real-feed corpus.

use harness::load::{self, LoadOptions, LoadReport, Server};
use news_bridge::convert;
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
    conversion(&documents, 1);
    let once = started.elapsed().as_secs_f64().max(1e-6);
    let rounds = (CONVERSION.as_secs_f64() / once).clamp(1.0, 10_000.0) as u32;
    let conversion = conversion(&documents, rounds);
    Ok(Figures { conditional, full, conversion, documents: documents.len() })
}

/// What converting a set of documents measured.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ConversionReport {
    /// Documents converted (each round counts them again).
    pub documents: u64,
    /// Items read from them.
    pub items: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Documents refused.
    pub errors: u64,
    /// Wall time, in seconds.
    pub seconds: f64,
    /// Items per second (parse, then merge into a JSON Feed and serialise).
    pub items_per_second: f64,
    /// Megabytes of upstream XML per second.
    pub megabytes_per_second: f64,
}

/// Converts every document `rounds` times (parse, merge, serialise), as a
/// serving bridge does on each upstream change.
pub fn conversion(documents: &[Vec<u8>], rounds: u32) -> ConversionReport {
    let mut report = ConversionReport::default();
    let started = Instant::now();
    for _ in 0..rounds {
        for document in documents {
            report.documents += 1;
            report.bytes += document.len() as u64;
            match convert::parse(document, None) {
                Ok(parsed) => {
                    let feed = convert::merge(&[&parsed], &convert::Rules::default());
                    report.items += parsed.items.len() as u64;
                    report.errors += u64::from(feed.to_json().is_err());
                }
                Err(_) => report.errors += 1,
            }
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    if report.seconds > 0.0 {
        report.items_per_second = report.items as f64 / report.seconds;
        report.megabytes_per_second = report.bytes as f64 / 1e6 / report.seconds;
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_figures_count_documents_items_and_errors() {
        let rss = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Upstream</title>\
            <item><title>One</title><link>https://news.example/1</link></item>\
            <item><title>Two</title><link>https://news.example/2</link></item></channel></rss>";
        let truncated = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Cut off";
        let report = conversion(&[rss.to_vec(), truncated.to_vec()], 3);
        assert_eq!((report.documents, report.items, report.errors), (6, 6, 3));
        assert!(report.items_per_second > 0.0);
    }
}
