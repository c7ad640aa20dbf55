//! All figures, the budgets, and their JSON and Markdown forms.

use crate::browser::{BigFeed, FirstHeadline, Memory, Pair, Refresh, CHECKPOINTS};
use crate::sizes::FileSize;
use crate::stats::{ratio, Summary};
use serde_json::{json, Value};
use std::fmt::Write;
use std::process::{Command, Stdio};

const KIB: f64 = 1024.0;
/// Gzip target (a note, not a budget).
pub const TARGET_GZIP_KIB: f64 = 64.0;

/// Everything measured in one run.
pub struct Results {
    pub ours: Vec<FileSize>,
    pub reference: FileSize,
    pub first: Pair<FirstHeadline>,
    /// Ours with its files served by the newsroom's `dist/`.
    pub first_from_dist: FirstHeadline,
    pub refresh: Pair<Refresh>,
    pub big: BigFeed,
    pub memory: Pair<Memory>,
    pub machine: Machine,
    pub seconds: f64,
}

/// Where it ran.
pub struct Machine {
    nproc: String,
    cpu: String,
    chromium: String,
    date: String,
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

/// One budget and whether it held.
pub struct Budget {
    pub name: &'static str,
    limit: String,
    measured: String,
    pub pass: bool,
}

impl Results {
    fn total(&self) -> FileSize {
        FileSize::total("total", &self.ours)
    }

    pub fn budgets(&self) -> Vec<Budget> {
        let gzip = self.total().gzip as f64 / KIB;
        let first = pair(self.first.ours.time, self.first.reference.time);
        let growth = self.memory.ours.growth() / KIB / KIB;
        let records = self.refresh.ours.records.max;
        let unchanged = self.refresh.ours.unchanged_records.max;
        let budget = |name, limit: &str, measured: String, pass| Budget { name, limit: limit.into(), measured, pass };
        vec![
            budget("total gzip of ours", "≤ 100 KiB", format!("{gzip:.1} KiB"), gzip <= 100.0),
            budget(
                "time to first headline, median",
                "≤ 2 × reference",
                format!("{:.0} ms = {} reference", first.ours.median, ratio(first.ours.median, first.reference.median)),
                first.ours.median <= 2.0 * first.reference.median,
            ),
            budget("mutation records, one new item (max)", "≤ 4", format!("{records}"), records <= 4.0),
            budget("mutation records, unchanged feed (max)", "0", format!("{unchanged}"), unchanged == 0.0),
            budget(
                "memory growth over 1,000 refreshes (wasm + JS heap)",
                "≤ 1 MiB",
                format!("{growth:.2} MiB"),
                growth <= 1.0,
            ),
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
        let first = |f: &FirstHeadline| {
            let files: Vec<Value> = (f.waterfall.iter())
                .map(|(file, start, end)| json!({ "file": file, "request_start": start.json(), "response_end": end.json() }))
                .collect();
            json!({ "time": f.time.json(), "waterfall": files })
        };
        let budgets: Vec<Value> = (self.budgets().iter())
            .map(|b| json!({ "budget": b.name, "limit": b.limit, "measured": b.measured, "pass": b.pass }))
            .collect();
        json!({
            "machine": {
                "nproc": self.machine.nproc,
                "cpu": self.machine.cpu,
                "chromium": self.machine.chromium,
                "date": self.machine.date,
                "bench_seconds": self.seconds,
            },
            "bytes": {
                "ours": self.ours.iter().map(FileSize::json).collect::<Vec<_>>(),
                "ours_total": self.total().json(),
                "reference": self.reference.json(),
            },
            "first_headline_ms": {
                "ours": first(&self.first.ours),
                "reference": first(&self.first.reference),
                "ours_served_from_dist": first(&self.first_from_dist),
            },
            "refresh": { "ours": refresh(&self.refresh.ours), "reference": refresh(&self.refresh.reference) },
            "big_feed": {
                "bytes": self.big.bytes,
                "items": self.big.items,
                "json_parse_ms": self.big.json_parse.json(),
            },
            "memory": { "ours": memory(&self.memory.ours), "reference": memory(&self.memory.reference) },
            "budgets": budgets,
            "target_gzip_kib": TARGET_GZIP_KIB,
        })
    }

    pub fn markdown(&self) -> String {
        let mut md = String::from("# news-headlines benchmark\n\n");
        self.bytes_table(&mut md);
        self.time_table(&mut md);
        self.mutation_table(&mut md);
        self.memory_table(&mut md);
        self.budget_table(&mut md);
        let m = &self.machine;
        let _ = write!(
            md,
            "## Machine\n\n{} cores (`nproc`), {}; {}; {}; the bench took {:.0} s.\n",
            m.nproc, m.cpu, m.chromium, m.date, self.seconds
        );
        md
    }

    fn bytes_table(&self, md: &mut String) {
        let row = |md: &mut String, name: &str, f: &FileSize| {
            let _ = writeln!(md, "| {name} | {} | {} | {} |", kib(f.raw), kib(f.gzip), kib(f.brotli));
        };
        md.push_str("## Bytes\n\nEvery file the loader fetches (the CSS is inside the wasm); KiB = 1,024 bytes.\n\n");
        md.push_str("| file | raw | gzip -9 | brotli 11 |\n|---|--:|--:|--:|\n");
        for file in &self.ours {
            row(md, &format!("`{}`", file.name), file);
        }
        let total = self.total();
        row(md, "**ours, total**", &total);
        row(md, "**reference** `vanilla-headlines.js`", &self.reference);
        let r = &self.reference;
        let _ = writeln!(
            md,
            "| ours / reference | {} | {} | {} |\n",
            ratio(total.raw as f64, r.raw as f64),
            ratio(total.gzip as f64, r.gzip as f64),
            ratio(total.brotli as f64, r.brotli as f64)
        );
    }

    fn time_table(&self, md: &mut String) {
        let (ours, reference) = (&self.refresh.ours, &self.refresh.reference);
        md.push_str("## Time\n\nms, median (min–max).\n\n");
        md.push_str("| figure | ours | reference | ours / reference | n |\n|---|--:|--:|--:|--:|\n");
        let rows = [
            (
                "first headline, cold cache (script inserted → first `li` at a frame)",
                pair(self.first.ours.time, self.first.reference.time),
            ),
            ("refresh latency: `refresh()` → update event, 1 new item among 10", pair(ours.latency, reference.latency)),
            ("… `refresh()` → last DOM mutation", pair(ours.dom, reference.dom)),
            ("`refresh()` → update event, 1 new item in the ~1 MB feed", pair(ours.big_latency, reference.big_latency)),
            ("… `refresh()` → last DOM mutation", pair(ours.big_dom, reference.big_dom)),
        ];
        for (name, p) in rows {
            let _ = writeln!(
                md,
                "| {name} | {} | {} | {} | {} |",
                p.ours.show(1),
                p.reference.show(1),
                ratio(p.ours.median, p.reference.median),
                p.ours.n
            );
        }
        let dist = self.first_from_dist.time;
        let _ = writeln!(
            md,
            "| … ours with its files served by the newsroom's `dist/` instead of from memory (not a budget) | {} | | {} | {} |",
            dist.show(1),
            ratio(dist.median, self.first.reference.time.median),
            dist.n
        );
        md.push_str(
            "\nBoth widgets' files are served from memory by the newsroom (`add_asset`), the same way; the last row \
                     serves ours from `dist/` instead.\n",
        );
        md.push_str("\nWhere the first headline's time goes (ms since the script was inserted, medians of request start → response end):\n\n");
        md.push_str("| widget | file | request start | response end |\n|---|---|--:|--:|\n");
        for (name, first) in [("ours", &self.first.ours), ("reference", &self.first.reference)] {
            for (file, start, end) in &first.waterfall {
                let _ = writeln!(md, "| {name} | `{file}` | {:.1} | {:.1} |", start.median, end.median);
            }
            let _ = writeln!(md, "| {name} | first `li` at a frame | | {:.1} |", first.time.median);
        }
        let big = &self.big;
        let parse = big.json_parse.median;
        let _ = writeln!(
            md,
            "\nThe ~1 MB feed: {} bytes, {} items (both widgets read only the first 500; ours caps parsing there, \
             the reference's `JSON.parse` still reads all). `JSON.parse` of the same text alone: {} ms (n = {}); \
             so ours takes {} and the reference {} of `JSON.parse` (these latencies include the fetch over loopback). \
             Ours dispatches the update event before its view updates, the reference after: the last-mutation rows \
             (by the event + one frame) compare the whole update.\n",
            big.bytes,
            big.items,
            big.json_parse.show(2),
            big.json_parse.n,
            ratio(ours.big_latency.median, parse),
            ratio(reference.big_latency.median, parse)
        );
    }

    fn mutation_table(&self, md: &mut String) {
        let (ours, reference) = (&self.refresh.ours, &self.refresh.reference);
        md.push_str("## DOM work per refresh\n\nMutation records in the shadow root (subtree, childList, attributes, characterData).\n\n");
        md.push_str("| figure | ours | reference | n |\n|---|--:|--:|--:|\n");
        let _ = writeln!(
            md,
            "| one new item among 10: by update event + 1 frame, median (min–max) | {} | {} | {} |",
            ours.records.show(0),
            reference.records.show(0),
            ours.records.n
        );
        let _ = writeln!(
            md,
            "| … and later (within 200 ms), summed over the samples | {} | {} | {} |",
            ours.late_records, reference.late_records, ours.records.n
        );
        let _ = writeln!(
            md,
            "| unchanged feed (revalidated, 304), max | {} | {} | {} |\n",
            ours.unchanged_records.max, reference.unchanged_records.max, ours.unchanged_records.n
        );
        for (name, r) in [("ours", ours), ("reference", reference)] {
            let _ = writeln!(md, "Records of the last one-new-item sample, {name}: {}.\n", r.kinds.join("; "));
        }
    }

    fn memory_table(&self, md: &mut String) {
        let (ours, reference) = (&self.memory.ours, &self.memory.reference);
        md.push_str(
            "## Memory\n\nAfter N refresh cycles on one page (publish one story, `refresh()`, await the update event; \
             the feed stays at ≤ 60 items), after `gc()`.\n\n",
        );
        md.push_str("| cycles | ours: wasm linear memory | ours: JS heap | reference: JS heap |\n|--:|--:|--:|--:|\n");
        for (i, cycles) in CHECKPOINTS.iter().enumerate() {
            let bytes = |v: &[f64]| kib(v[i] as usize);
            let _ = writeln!(
                md,
                "| {cycles} | {} | {} | {} |",
                bytes(&ours.wasm),
                bytes(&ours.heap),
                bytes(&reference.heap)
            );
        }
        let _ = writeln!(
            md,
            "\nGrowth from {} to {} cycles (wasm + JS heap): ours {}, reference {}.\n",
            CHECKPOINTS[0],
            CHECKPOINTS[CHECKPOINTS.len() - 1],
            signed_kib(ours.growth()),
            signed_kib(reference.growth())
        );
    }

    fn budget_table(&self, md: &mut String) {
        md.push_str("## Budgets\n\n| budget | limit | measured | result |\n|---|---|---|---|\n");
        for b in self.budgets() {
            let result = if b.pass { "pass" } else { "**FAIL**" };
            let _ = writeln!(md, "| {} | {} | {} | {result} |", b.name, b.limit, b.measured);
        }
        let _ = writeln!(
            md,
            "\nTarget (not a budget): total gzip ≤ {TARGET_GZIP_KIB} KiB; ours is {}.\n",
            kib(self.total().gzip)
        );
    }
}

fn pair(ours: Summary, reference: Summary) -> Pair<Summary> {
    Pair { ours, reference }
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / KIB)
}

fn signed_kib(bytes: f64) -> String {
    format!("{:+.1} KiB", bytes / KIB)
}
