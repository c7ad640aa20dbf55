//! `cargo xtask bench`: the built `dist/` widget against the vanilla-JS
//! reference (`bench/reference/`) in headless Chromium. Writes
//! `bench/results.json` and `bench/RESULTS.md`, prints the Markdown, and exits
//! non-zero when a budget is exceeded.

mod browser;
mod report;
mod sizes;
mod stats;

use report::{Machine, Results};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Samples per timing.
const SAMPLES: usize = 15;

/// The workspace root.
fn root() -> PathBuf {
    let bench = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    bench.parent().map(PathBuf::from).unwrap_or(bench)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let started = Instant::now();
    let (root, bench) = (root(), root().join("bench"));
    let reference_dir = bench.join("reference");
    let ours = sizes::ours(&root.join("dist"));
    let reference = sizes::reference(&reference_dir);
    let read = |path: PathBuf| std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let assets = browser::Assets {
        ours: (ours.iter()).map(|file| (format!("/{}", file.name), read(root.join("dist").join(&file.name)))).collect(),
        reference: read(reference_dir.join(browser::REFERENCE_FILE)),
    };
    let glue = (ours.iter())
        .map(|file| file.name.clone())
        .find(|name| name.ends_with(".js") && name != "news-headlines.js")
        .expect("the loader names its glue");

    eprintln!("bench: time to first headline, {SAMPLES} cold samples each…");
    let (first, first_from_dist) = browser::first_headline(SAMPLES, &assets).await;
    eprintln!("bench: refresh costs…");
    let (refresh, big) = browser::refresh_costs(SAMPLES, &assets).await;
    eprintln!("bench: memory over {:?} refreshes…", browser::CHECKPOINTS);
    let memory = browser::memory(&glue, &assets).await;

    let results = Results {
        ours,
        reference,
        first,
        first_from_dist,
        refresh,
        big,
        memory,
        machine: Machine::read(),
        seconds: started.elapsed().as_secs_f64(),
    };
    let markdown = results.markdown();
    let json = serde_json::to_string_pretty(&results.json()).expect("JSON");
    std::fs::write(bench.join("results.json"), json + "\n").expect("write results.json");
    std::fs::write(bench.join("RESULTS.md"), &markdown).expect("write RESULTS.md");
    println!("{markdown}");
    let failed: Vec<_> = results.budgets().into_iter().filter(|b| !b.pass).collect();
    for budget in &failed {
        eprintln!("bench: budget exceeded: {}", budget.name);
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
