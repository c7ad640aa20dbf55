//! All figures of one run, the budgets they are judged by, and their JSON
//! form (`bench/results.json`); `markdown.rs` renders them for people.

use crate::bridge;
use crate::browser::{
    BigFeed, FirstHeadline, IframeVsScript, Memory, Pair, Refresh, RepeatViews, CHECKPOINTS, FRESH_FEED, WARM_UP,
};
use crate::budgets::{self, Budget, Figures, Ratio, TaskFigure, TaskLimit, FIRST_GOAL, GZIP_TARGET_KIB, REPEAT_GOAL};
use crate::cdp::Conditions;
use crate::profile::Breakdown;
use crate::sizes::FileSize;
use crate::stats::Summary;
use crate::vitals::{Phase, Shifts, Tasks};
use serde_json::{json, Value};
use std::process::{Command, Stdio};

pub const KIB: f64 = 1024.0;
/// Everything measured in one run.
pub struct Results {
    /// Files ours fetched from its origin, and the encoding they were sent in.
    pub ours: Vec<(FileSize, &'static str)>,
    pub reference: FileSize,
    pub first: Pair<FirstHeadline>,
    pub breakdown: Pair<Breakdown>,
    pub networks: Vec<(Conditions, Pair<FirstHeadline>)>,
    /// The second and third page views, per network profile and feed caching.
    pub repeats: Vec<RepeatViews>,
    /// Ours' instantiation on the first, second and third page views in
    /// Firefox (ms).
    pub firefox_instantiate: [Summary; 3],
    /// Ours through the embed page's iframe against ours by its script tag.
    pub iframe: IframeVsScript,
    pub shifts: Vec<(Phase, Pair<Shifts>)>,
    /// The first load of the 10-item feed, of the 1 MB feed (500-item cap), then the 1 MB refresh.
    pub tasks: [Pair<Tasks>; 3],
    /// A blank page's first `Intl` formatter at 4× CPU (ms).
    pub first_intl: Summary,
    pub refresh: Pair<Refresh>,
    pub big: BigFeed,
    pub memory: Pair<Memory>,
    pub bridge: Result<bridge::Figures, String>,
    pub machine: Machine,
    pub seconds: f64,
}

/// Where it ran.
pub struct Machine {
    pub nproc: String,
    pub cpu: String,
    pub chromium: String,
    pub firefox: String,
    pub date: String,
}

impl Machine {
    pub fn read() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|line| line.strip_prefix("model name"))
            .map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_owned());
        Machine {
            nproc: output("nproc", &[]),
            cpu: cpu.unwrap_or_else(|| "unknown".into()),
            chromium: output("chromium", &["--version"]),
            firefox: output("firefox-esr", &["--version"]),
            date: output("date", &["-u", "+%Y-%m-%dT%H:%M:%SZ"]),
        }
    }
}

/// A command's trimmed stdout, or "unknown".
fn output(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .filter(|out| !out.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

impl Results {
    pub fn total(&self) -> FileSize {
        let files: Vec<FileSize> = self.ours.iter().map(|(file, _)| file.clone()).collect();
        FileSize::total("total", &files)
    }

    pub fn first_ratio(&self) -> f64 {
        self.first.ours.time.median / self.first.reference.time.median
    }

    /// Ours' growth (wasm + JS heap) less the reference's on the same page
    /// and cycles: the JS heap grows in steps of ~20 KiB with either widget
    /// (the page, the harness), which this cancels.
    pub fn growth_kib(&self) -> f64 {
        (self.memory.ours.growth() - self.memory.reference.growth()) / KIB
    }

    /// The figures the budgets judge, from this run.
    pub fn figures(&self) -> Figures {
        let ratio = |p: &Pair<Summary>| Ratio { ours: p.ours.median, reference: p.reference.median };
        let repeats = (self.repeats.iter().filter(|r| r.caching == FRESH_FEED))
            .flat_map(|r| {
                ["second", "third"].iter().zip(&r.views).map(move |(view, p)| {
                    let what = format!("{view} page view, {}, feed `{}`", r.conditions.name, r.caching);
                    (what, r.conditions.cpu > 1.0, ratio(&Pair { ours: p.ours.time, reference: p.reference.time }))
                })
            })
            .collect();
        Figures {
            gzip_kib: self.total().gzip as f64 / KIB,
            first: ratio(&Pair { ours: self.first.ours.time, reference: self.first.reference.time }),
            big_refresh: ratio(&Pair { ours: self.refresh.ours.big_dom, reference: self.refresh.reference.big_dom }),
            unchanged_records: self.refresh.ours.unchanged_records.max,
            growth_kib: self.growth_kib(),
            repeats,
            shifts: (self.shifts.iter())
                .map(|(phase, p)| (phase.describe().to_string(), p.ours.cls.max, p.ours.cls.n))
                .collect(),
            tasks: (self.task_phases().iter())
                .map(|(name, p, limit)| TaskFigure {
                    phase: name.to_string(),
                    longest: p.ours.longest.median,
                    limit: match limit {
                        TaskLimit::Fixed => None,
                        TaskLimit::Reference => Some(p.reference.longest.median),
                    },
                })
                .collect(),
            bridge: match &self.bridge {
                Ok(f) => Ok((f.conditional.errors + f.full.errors, f.conditional.requests + f.full.requests)),
                Err(error) => Err(error.clone()),
            },
        }
    }

    /// Every budget's verdict on this run.
    pub fn budgets(&self) -> Vec<Budget> {
        budgets::judge(&self.figures())
    }

    /// The long-task phases, with what bounds ours in each.
    pub fn task_phases(&self) -> [(&'static str, &Pair<Tasks>, TaskLimit); 3] {
        [
            ("first load, 10-item feed", &self.tasks[0], TaskLimit::Fixed),
            ("first load, ~1 MB feed (500-item cap)", &self.tasks[1], TaskLimit::Reference),
            ("refresh of the ~1 MB feed", &self.tasks[2], TaskLimit::Fixed),
        ]
    }

    pub fn json(&self) -> Value {
        let refresh = |r: &Refresh| {
            json!({
                "latency_ms": r.latency.json(),
                "dom_ms": r.dom.json(),
                "records": r.records.json(),
                "late_records": r.late_records,
                "last_sample_records": r.kinds,
                "unchanged_records": r.unchanged_records.json(),
                "big_feed_latency_ms": r.big_latency.json(),
                "big_feed_dom_ms": r.big_dom.json(),
            })
        };
        let memory = |m: &Memory| json!({ "cycles": CHECKPOINTS, "wasm_bytes": m.wasm, "js_heap_bytes": m.heap, "growth_bytes": m.growth() });
        let added = self.growth_kib() * KIB;
        let first = |f: &FirstHeadline| {
            let files: Vec<Value> = (f.waterfall.iter())
                .map(|(file, start, end)| json!({ "file": file, "request_start": start.json(), "response_end": end.json() }))
                .collect();
            json!({ "time": f.time.json(), "last_byte": f.bytes.json(), "waterfall": files })
        };
        let pair = |p: &Pair<FirstHeadline>| json!({ "ours": first(&p.ours), "reference": first(&p.reference), "ratio": p.ours.time.median / p.reference.time.median });
        let breakdown = |b: &Breakdown| {
            json!({
                "first_ms": b.first.json(),
                "last_byte_ms": b.bytes.json(),
                "categories": b.categories.iter().map(|(c, window, whole)| json!({ "category": c.key(), "bytes_to_first_headline_ms": window.json(), "whole_load_ms": whole.json() })).collect::<Vec<_>>(),
                "milestones": b.milestones.iter().map(|(name, at)| json!({ "milestone": name, "ms": at.json() })).collect::<Vec<_>>(),
                "top_self_ms": b.top.iter().map(|(name, ms)| json!({ "function": name, "mean_ms": ms })).collect::<Vec<_>>(),
                "trace_self_ms": b.trace.iter().map(|(name, ms)| json!({ "event": name, "mean_ms": ms })).collect::<Vec<_>>(),
            })
        };
        let shifts = |s: &Shifts| json!({ "cls": s.cls.json(), "entries": s.entries.json(), "sources": s.sources });
        let tasks = |t: &Tasks| json!({ "longest_ms": t.longest.json(), "blocking_ms": t.blocking.json(), "count": t.count.json(), "worst_frame_scripts": t.scripts });
        let budgets: Vec<Value> = (self.budgets().iter())
            .map(|b| json!({ "budget": b.name, "limit": b.limit, "measured": b.measured, "pass": b.pass }))
            .collect();
        let bridge = match &self.bridge {
            Ok(f) => json!({
                "profile": bridge::PROFILE,
                "conditional": f.conditional,
                "full": f.full,
                "conversion": f.conversion,
                "conversion_documents": f.documents,
                "conversion_opt_level": env!("BENCH_OPT_LEVEL"),
            }),
            Err(error) => json!({ "error": error }),
        };
        json!({
            "machine": {
                "nproc": self.machine.nproc,
                "cpu": self.machine.cpu,
                "chromium": self.machine.chromium,
                "date": self.machine.date,
                "bench_seconds": self.seconds,
            },
            "bytes": {
                "ours": self.ours.iter().map(|(f, encoding)| json!({ "file": f.json(), "served_as": encoding })).collect::<Vec<_>>(),
                "ours_total": self.total().json(),
                "reference": self.reference.json(),
            },
            "first_headline_three_origins_loopback": pair(&self.first),
            "breakdown": { "ours_names_build": breakdown(&self.breakdown.ours), "reference": breakdown(&self.breakdown.reference) },
            "network_profiles": self.networks.iter().map(|(c, p)| json!({ "profile": c.name, "conditions": c.describe(), "first_headline": pair(p) })).collect::<Vec<_>>(),
            "repeat_views": self.repeats.iter().map(|r| json!({ "profile": r.conditions.name, "feed_cache_control": r.caching, "second_view": pair(&r.views[0]), "third_view": pair(&r.views[1]), "ours_instantiate_ms": r.instantiate.iter().map(Summary::json).collect::<Vec<_>>() })).collect::<Vec<_>>(),
            "firefox_ours_instantiate_ms": self.firefox_instantiate.iter().map(Summary::json).collect::<Vec<_>>(),
            "iframe_vs_script_first_update_ms": { "iframe": self.iframe.iframe.json(), "script": self.iframe.script.json(), "ratio": self.iframe.iframe.median / self.iframe.script.median },
            "layout_shifts": self.shifts.iter().map(|(phase, p)| json!({ "phase": phase.key(), "ours": shifts(&p.ours), "reference": shifts(&p.reference) })).collect::<Vec<_>>(),
            "long_tasks_4x_cpu": {
                "first_load_small_feed": { "ours": tasks(&self.tasks[0].ours), "reference": tasks(&self.tasks[0].reference) },
                "first_load_big_feed": { "ours": tasks(&self.tasks[1].ours), "reference": tasks(&self.tasks[1].reference) },
                "refresh_big_feed": { "ours": tasks(&self.tasks[2].ours), "reference": tasks(&self.tasks[2].reference) },
                "first_intl_formatter_ms": self.first_intl.json(),
            },
            "refresh": { "ours": refresh(&self.refresh.ours), "reference": refresh(&self.refresh.reference) },
            "big_feed": { "bytes": self.big.bytes, "items": self.big.items, "json_parse_ms": self.big.json_parse.json() },
            "memory": { "warm_up_cycles": WARM_UP, "ours": memory(&self.memory.ours), "reference": memory(&self.memory.reference), "ours_less_reference_growth_bytes": added },
            "bridge": bridge,
            "budgets": budgets,
            "targets": { "gzip_kib": GZIP_TARGET_KIB, "first_headline_ratio": FIRST_GOAL, "repeat_view_ratio": REPEAT_GOAL },
        })
    }
}
