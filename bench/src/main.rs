//! `cargo xtask bench`: the built `dist/` widget against the vanilla-JS
//! reference (`bench/reference/`) in headless Chromium (ours' wasm
//! instantiation on repeat views in Firefox too), on three loopback
//! origins, and the bridge's serving figures. Writes `bench/results.json`,
//! `bench/RESULTS.md`, `bench/README-performance.md` and
//! `bench/README-bridge.md` (copied into the READMEs by `cargo xtask codegen`), prints the
//! Markdown, and exits non-zero when a budget is exceeded.

mod bridge;
mod browser;
mod budgets;
mod cdp;
mod markdown;
mod names;
mod origins;
mod profile;
mod quick;
mod report;
mod sizes;
mod stats;
mod trace;
mod vitals;

use browser::Scripts;
use harness::browsers::Engine;
use origins::Cdn;
use report::{Machine, Results};
use sizes::FileSize;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Cold samples per widget: the budgeted first headline on loopback.
const FIRST_SAMPLES: usize = 25;
/// … under each network and CPU profile.
const NETWORK_SAMPLES: usize = 11;
/// … CPU-profiled.
const PROFILED_SAMPLES: usize = 7;
/// Browser profiles per widget, network profile and feed caching, for the
/// repeat page views.
const REPEAT_SAMPLES: usize = 7;
/// Pages per widget for layout shifts.
const SHIFT_SAMPLES: usize = 3;
/// Pages per widget for long tasks.
const TASK_SAMPLES: usize = 7;
/// Refreshes per figure.
const REFRESH_SAMPLES: usize = 15;

/// Where the reference is served on the CDN.
const REFERENCE: &str = "/reference/vanilla-headlines.js";
/// Where the names build is served on the CDN (the `dist/` layout below it).
const NAMES: &str = "/names";

/// The workspace root.
fn root() -> PathBuf {
    let bench = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    bench.parent().map(PathBuf::from).unwrap_or(bench)
}

/// Every file under `dir` as (URL path below `prefix`, bytes), precompressed
/// `.gz`/`.br` siblings left out (the CDN compresses).
fn files(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for path in entries.map(|entry| entry.expect("a directory entry").path()) {
        let name = path.file_name().and_then(|name| name.to_str()).expect("a UTF-8 file name").to_owned();
        if path.is_dir() {
            files(&path, &format!("{prefix}{name}/"), out);
        } else if !name.ends_with(".gz") && !name.ends_with(".br") {
            out.push((
                format!("{prefix}{name}"),
                std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            ));
        }
    }
}

/// The CDN's files: `dist/`, the names build laid out the same way under
/// [`NAMES`], and the reference; and the widgets' script URLs.
async fn cdn(root: &Path, with_names: bool) -> (Cdn, Scripts) {
    let mut served = vec![];
    files(&root.join("dist"), "/", &mut served);
    let loader = (served.iter().map(|(path, _)| path))
        .filter(|path| path.ends_with("/news-headlines.js"))
        .min_by_key(|path| path.matches('/').count())
        .expect("dist/ holds news-headlines.js: run `cargo xtask build` first")
        .clone();
    if with_names {
        let names = names::build(root).unwrap_or_else(|e| panic!("the names build failed: {e}"));
        files(&names, &format!("{NAMES}/"), &mut served);
    }
    let reference = root.join("bench/reference/vanilla-headlines.js");
    served
        .push((REFERENCE.into(), std::fs::read(&reference).unwrap_or_else(|e| panic!("{}: {e}", reference.display()))));
    let cdn = Cdn::start(served).await;
    let scripts =
        Scripts { ours: cdn.url(&loader), names: cdn.url(&format!("{NAMES}{loader}")), reference: cdn.url(REFERENCE) };
    (cdn, scripts)
}

/// The release profile aborts on panic, so no destructor stops the drivers,
/// browsers and servers this process started: on a panic, signal each child
/// (its whole process group when it leads one, as the harness's drivers do).
fn stop_children_on_panic() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        report(info);
        let me = std::process::id().to_string();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let pid = entry.file_name().to_string_lossy().into_owned();
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // "pid (name) state ppid pgrp …"
            let fields: Vec<&str> = stat.rsplit_once(')').map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
            if fields.get(1) == Some(&me.as_str()) {
                let target = if fields.get(2) == Some(&pid.as_str()) { format!("-{pid}") } else { pid };
                let _ = Command::new("kill").args(["-TERM", "--", &target]).status();
            }
        }
    }));
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let started = Instant::now();
    stop_children_on_panic();
    if harness::browsers::Engine::from_env() != Ok(harness::browsers::Engine::Chromium) {
        eprintln!("bench: Chromium only (unset {})", harness::browsers::ENGINE_VARIABLE);
        return ExitCode::FAILURE;
    }
    let (root, bench) = (root(), root().join("bench"));
    let say = |what: &str| eprintln!("bench [{:>4.0} s]: {what}", started.elapsed().as_secs_f64());
    let quick = quick::asked();
    // Only the CPU profiles run the names build (a release build of its own).
    let with_names = quick.as_ref().is_none_or(|names| names.iter().any(|name| name.ends_with("profile")));
    say("the names build and the CDN…");
    let (cdn, scripts) = cdn(&root, with_names).await;
    if let Some(names) = quick {
        quick::run(&names, &cdn, &scripts).await;
        return ExitCode::SUCCESS;
    }
    let both = [scripts.ours.as_str(), scripts.reference.as_str()];

    say(&format!("CPU profiles of the first load, {PROFILED_SAMPLES} each…"));
    let breakdown = browser::breakdown(PROFILED_SAMPLES, &cdn, &scripts).await;
    say(&format!("first headline on loopback, {FIRST_SAMPLES} cold samples each…"));
    let first = browser::first_headline(FIRST_SAMPLES, &cdn, &scripts, None).await;
    let mut networks = vec![];
    for conditions in [cdp::SLOW_4G, cdp::BROADBAND] {
        say(&format!("first headline, {}, {NETWORK_SAMPLES} cold samples each…", conditions.name));
        networks.push((conditions, browser::first_headline(NETWORK_SAMPLES, &cdn, &scripts, Some(conditions)).await));
    }
    let mut repeats = vec![];
    for conditions in [cdp::BROADBAND, cdp::SLOW_4G] {
        for caching in [browser::FRESH_FEED, browser::NO_CACHE_FEED] {
            say(&format!("repeat page views, {}, feed `{caching}`, {REPEAT_SAMPLES} profiles each…", conditions.name));
            repeats.push(browser::repeat_views(REPEAT_SAMPLES, &cdn, &scripts, conditions, caching).await);
        }
    }
    say(&format!("ours' instantiation on three page views in Firefox, {REPEAT_SAMPLES} profiles…"));
    let firefox_instantiate = browser::instantiate_views(Engine::Firefox, REPEAT_SAMPLES, &cdn, &scripts).await;
    say(&format!("the embed page's iframe against the script tag, {NETWORK_SAMPLES} cold samples each…"));
    let iframe = browser::iframe_vs_script(NETWORK_SAMPLES, &cdn, &scripts).await;
    say(&format!("layout shifts, {SHIFT_SAMPLES} pages each…"));
    let shifts = vitals::layout_shifts(SHIFT_SAMPLES, both).await;
    say(&format!("long tasks at {}× CPU, {TASK_SAMPLES} pages each…", vitals::SLOWDOWN));
    let tasks = vitals::long_tasks(TASK_SAMPLES, &cdn, both).await;
    let first_intl = vitals::first_intl(TASK_SAMPLES).await;
    say("refresh costs…");
    let (refresh, big) = browser::refresh_costs(REFRESH_SAMPLES, &cdn, &scripts).await;
    say(&format!("memory over {:?} refreshes…", browser::CHECKPOINTS));
    let memory = browser::memory(&cdn, &scripts).await;
    say("the bridge…");
    let bridge = bridge::measure(&root).await;

    let size = |path: &String| {
        let name = path.rsplit('/').next().unwrap_or_default();
        FileSize::of(name, cdn.file(path).unwrap_or_else(|| panic!("{path} is on the CDN")))
    };
    let ours = first.ours.files.iter().map(|path| (size(path), cdn.sent(path).unwrap_or("?"))).collect();
    let reference = size(first.reference.files.first().expect("the reference fetched its script"));
    let results = Results {
        ours,
        reference,
        first,
        breakdown,
        networks,
        repeats,
        firefox_instantiate,
        iframe,
        shifts,
        tasks,
        first_intl,
        refresh,
        big,
        memory,
        bridge,
        machine: Machine::read(),
        seconds: started.elapsed().as_secs_f64(),
    };
    let markdown = results.markdown();
    let json = serde_json::to_string_pretty(&results.json()).expect("JSON");
    let write = |name: &str, text: &str| {
        std::fs::write(bench.join(name), text).unwrap_or_else(|e| panic!("bench/{name}: {e}"));
    };
    write("results.json", &(json + "\n"));
    write("RESULTS.md", &markdown);
    write("README-performance.md", &results.readme());
    write("README-bridge.md", &results.bridge_figures());
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
