//! The Markdown forms of a run's [`Results`]: `bench/RESULTS.md` (every
//! table), the README's Performance section and the profile breakdown.

use crate::bridge;
use crate::browser::{FirstHeadline, Memory, Pair, CHECKPOINTS, FRESH_FEED, WARM_UP};
use crate::budgets::{
    self, Figure, BIG_REFRESH as BIG_BUDGET, FIRST as FIRST_BUDGET, FIRST_GOAL, GZIP_KIB as GZIP_BUDGET_KIB,
    GZIP_TARGET_KIB, MEMORY_KIB as MEMORY_BUDGET_KIB, REPEAT_GOAL, TASK_MS as TASK_BUDGET_MS,
};
use crate::profile::Breakdown;
use crate::report::{Results, KIB};
use crate::sizes::FileSize;
use crate::stats::{ratio, Summary};
use crate::vitals::{Shifts, SLOWDOWN};
use std::fmt::Write;

impl Results {
    pub fn markdown(&self) -> String {
        let mut md = String::from("# news-headlines benchmark\n\n");
        let encodings: Vec<&str> = self.ours.iter().map(|(_, e)| *e).collect();
        let _ = writeln!(
            md,
            "One run of `cargo xtask bench`: ours (the release `dist/`) against the vanilla-JS reference \
             (`bench/reference/`), side by side in the same run, the order alternating between samples, in headless \
             Chromium on loopback. Both are served the way partners deploy: the page, the widget's files and the feed \
             each on its own origin (three loopback ports, CORS); the widget files come compressed from the bench's \
             CDN-like server (sent as: {}), the feed uncompressed from the newsroom. ms, median (min–max) of n samples; \
             a fresh browser (cold cache) per first-load sample.\n",
            dedup(&encodings).join(", ")
        );
        md.push_str("## Summary\n\n");
        md.push_str(&self.summary_table());
        self.budget_table(&mut md);
        self.bytes_table(&mut md);
        self.first_table(&mut md);
        self.breakdown_section(&mut md);
        self.network_section(&mut md);
        self.repeat_section(&mut md);
        self.shift_section(&mut md);
        self.task_section(&mut md);
        self.time_table(&mut md);
        self.mutation_table(&mut md);
        self.memory_table(&mut md);
        self.bridge_section(&mut md);
        let m = &self.machine;
        let _ = write!(
            md,
            "## Machine\n\n{} cores (`nproc`), {}; {}; {}; the bench took {:.0} s.\n",
            m.nproc, m.cpu, m.chromium, m.date, self.seconds
        );
        md
    }

    /// The README's Performance section for this run.
    pub fn readme(&self) -> String {
        let m = &self.machine;
        let chromium = m.chromium.split(" built").next().unwrap_or(&m.chromium);
        format!(
            "## Performance\n\n`cargo xtask bench` builds the release `dist/` and measures it in headless Chromium \
             against a hand-written vanilla-JS widget with the same DOM contract (`bench/reference/vanilla-headlines.js`), \
             side by side in the same run. Both are served the way partners deploy: the page, the widget's files \
             (compressed and cached as from a CDN: versioned paths `immutable`, the loader 5 minutes) and the feed \
             (compressed, with the caching headers news-bridge sends: `serving/`) each on its own origin. It also \
             measures a reader's second and third page views in one browser profile (and, for ours' wasm \
             instantiation, in Firefox too), profiles the first load (where \
             the time from bytes to first headline goes), emulates a slow phone and broadband, counts layout shifts \
             and long tasks, and measures the bridge. It writes `bench/results.json`, `bench/RESULTS.md` (every \
             table, the profile and the long tasks one by one) and this section, which `cargo xtask codegen` copies \
             here, and exits non-zero when a budget fails. Latest run ({} cores, {}, {}, {}; medians, n in \
             `bench/RESULTS.md`):\n\n{}",
            m.nproc,
            m.cpu,
            chromium,
            m.date.split('T').next().unwrap_or(&m.date),
            self.summary_table()
        )
    }

    /// The README's Performance table: the headline figures and budgets.
    pub fn summary_table(&self) -> String {
        let mut md = String::from("| figure | ours | vanilla reference | ratio | budget |\n|---|--:|--:|--:|---|\n");
        let verdict = |pass: bool| if pass { "pass" } else { "**FAIL**" };
        // The verdicts are the budgets' (`budgets::judge`); this only renders them.
        let judged = self.budgets();
        let held = |of: fn(Figure) -> bool| verdict(budgets::held(&judged, of));
        let total = self.total();
        let gzip = total.gzip as f64 / KIB;
        let _ = writeln!(
            md,
            "| bytes the loader fetches, gzip -9 (brotli) | {:.1} KiB ({:.1}) | {:.1} KiB ({:.1}) | ×{:.0} | ≤ {GZIP_BUDGET_KIB} KiB: {} (target {GZIP_TARGET_KIB}) |",
            gzip,
            total.brotli as f64 / KIB,
            self.reference.gzip as f64 / KIB,
            self.reference.brotli as f64 / KIB,
            total.gzip as f64 / self.reference.gzip as f64,
            held(|f| f == Figure::Gzip)
        );
        let row = |md: &mut String, name: &str, p: &Pair<Summary>, budget: &str| {
            let _ = writeln!(
                md,
                "| {name} | {:.1} ms | {:.1} ms | {} | {budget} |",
                p.ours.median,
                p.reference.median,
                ratio(p.ours.median, p.reference.median)
            );
        };
        row(
            &mut md,
            "first headline, cold, three origins, loopback",
            &Pair { ours: self.first.ours.time, reference: self.first.reference.time },
            &format!("≤ ×{FIRST_BUDGET}: {} (goal ×{FIRST_GOAL})", held(|f| f == Figure::First)),
        );
        for (conditions, p) in &self.networks {
            row(
                &mut md,
                &format!("… {}", conditions.name),
                &Pair { ours: p.ours.time, reference: p.reference.time },
                "(figure to improve)",
            );
        }
        // Budgets judge the fresh feed's views, in this order (`Report::figures`).
        let mut fresh = 0;
        for repeat in &self.repeats {
            for (view, p) in ["second", "third"].iter().zip(&repeat.views) {
                let verdict = if repeat.caching == FRESH_FEED {
                    let limit = budgets::repeat_limit(repeat.conditions.cpu > 1.0);
                    let pass = budgets::held(&judged, |f| f == Figure::Repeat(fresh));
                    fresh += 1;
                    format!("≤ ×{limit}: {} (goal ×{REPEAT_GOAL})", verdict(pass))
                } else {
                    "(figure: nothing stored may show)".into()
                };
                row(
                    &mut md,
                    &format!("… {view} page view, {}, feed `{}`", repeat.conditions.name, repeat.caching),
                    &Pair { ours: p.ours.time, reference: p.reference.time },
                    &verdict,
                );
            }
        }
        let views = |[first, second, third]: &[Summary; 3]| {
            format!("{:.1} → {:.1} → {:.1} ms", first.median, second.median, third.median)
        };
        if let Some(chromium) = self.repeats.iter().find(|r| r.caching == FRESH_FEED && r.conditions.cpu <= 1.0) {
            let _ = writeln!(
                md,
                "| ours' wasm instantiation (asked for → done), first → second → third page view, Chromium, {} | {} | | | (figure) |",
                chromium.conditions.name,
                views(&chromium.instantiate)
            );
        }
        let _ = writeln!(
            md,
            "| … {}, loopback | {} | | | (figure) |",
            self.machine.firefox,
            views(&self.firefox_instantiate)
        );
        let _ = writeln!(
            md,
            "| first update, cold, loopback: ours by the embed page's iframe (reference column: ours by its script tag) | {:.1} ms | {:.1} ms | {} | (figure) |",
            self.iframe.iframe.median,
            self.iframe.script.median,
            ratio(self.iframe.iframe.median, self.iframe.script.median)
        );
        let cls =
            |pick: fn(&Pair<Shifts>) -> &Shifts| self.shifts.iter().map(|(_, p)| pick(p).cls.max).fold(0.0, f64::max);
        let (ours_cls, reference_cls) = (cls(|p| &p.ours), cls(|p| &p.reference));
        let _ = writeln!(
            md,
            "| CLS the widget causes (worst of load, refresh, errors) | {ours_cls:.2} | {reference_cls:.2} | | 0.00: {} |",
            held(|f| matches!(f, Figure::Shift(_)))
        );
        for (i, (name, tasks, _)) in self.task_phases().into_iter().enumerate() {
            let budget = judged.iter().find(|b| b.figure == Figure::Task(i));
            let _ = writeln!(
                md,
                "| longest task at {SLOWDOWN}× CPU, {name} (TBT) | {:.0} ms ({:.0}) | {:.0} ms ({:.0}) | | {}: {} |",
                tasks.ours.longest.median,
                tasks.ours.blocking.median,
                tasks.reference.longest.median,
                tasks.reference.blocking.median,
                budget.map_or("", |b| b.limit.as_str()),
                verdict(budget.is_some_and(|b| b.pass))
            );
        }
        let _ = writeln!(
            md,
            "| … the page's first `Intl` formatter alone at {SLOWDOWN}× CPU (one task, once per page, in any widget that tells times with `Intl`) | | {:.0} ms | | (figure) |",
            self.first_intl.median
        );
        let (ours, reference) = (&self.refresh.ours, &self.refresh.reference);
        row(
            &mut md,
            "refresh, 1 new item among 10: `refresh()` → DOM done",
            &Pair { ours: ours.dom, reference: reference.dom },
            "",
        );
        let _ = writeln!(
            md,
            "| … mutation records (each row moved writes its `--i`: a figure, not a budget) | {} | {} | | |",
            ours.records.max, reference.records.max
        );
        let _ = writeln!(
            md,
            "| unchanged feed (304): mutation records | {} | {} | | 0: {} |",
            ours.unchanged_records.max,
            reference.unchanged_records.max,
            held(|f| f == Figure::UnchangedRecords)
        );
        row(
            &mut md,
            "1 MB feed (2,000 items; 500 kept): `refresh()` → DOM done",
            &Pair { ours: ours.big_dom, reference: reference.big_dom },
            &format!("≤ ×{BIG_BUDGET}: {}", held(|f| f == Figure::BigRefresh)),
        );
        let growth = self.growth_kib();
        let _ = writeln!(
            md,
            "| memory growth over 1,000 refreshes, each replacing a headline (wasm + JS heap) | {:+.1} KiB | {:+.1} KiB | | ours − reference ≤ {MEMORY_BUDGET_KIB} KiB: {} ({growth:+.1}) |",
            self.memory.ours.growth() / KIB,
            self.memory.reference.growth() / KIB,
            held(|f| f == Figure::Memory)
        );
        if let Ok(f) = &self.bridge {
            let _ = writeln!(
                md,
                "| bridge `serve`, 200 clients: requests/s, 304s (full answers) | {:.0} ({:.0}) | | | errors 0: {} |",
                f.conditional.rps,
                f.full.rps,
                held(|f| f == Figure::Bridge)
            );
        }
        md.push('\n');
        md
    }

    fn budget_table(&self, md: &mut String) {
        md.push_str("## Budgets\n\nThe exit status is non-zero when one fails.\n\n| budget | limit | measured | result |\n|---|---|---|---|\n");
        for b in self.budgets() {
            let result = if b.pass { "pass" } else { "**FAIL**" };
            let _ = writeln!(md, "| {} | {} | {} | {result} |", b.name, b.limit, b.measured);
        }
        let _ = writeln!(
            md,
            "\nTargets (not budgets): total gzip ≤ {GZIP_TARGET_KIB} KiB (ours: {}); first headline ≤ ×{FIRST_GOAL} \
             the reference (ours: ×{:.2}).\n",
            kib(self.total().gzip),
            self.first_ratio()
        );
    }

    fn bytes_table(&self, md: &mut String) {
        let row = |md: &mut String, name: &str, f: &FileSize, sent: &str| {
            let _ = writeln!(md, "| {name} | {} | {} | {} | {sent} |", kib(f.raw), kib(f.gzip), kib(f.brotli));
        };
        md.push_str(
            "## Bytes\n\nEvery file each widget fetched from its origin in the first-headline runs; KiB = 1,024 \
             bytes.\n\n",
        );
        md.push_str("| file | raw | gzip -9 | brotli 11 | sent as |\n|---|--:|--:|--:|---|\n");
        for (file, encoding) in &self.ours {
            row(md, &format!("`{}`", file.name), file, encoding);
        }
        let total = self.total();
        row(md, "**ours, total**", &total, "");
        row(md, "**reference** `vanilla-headlines.js`", &self.reference, "");
        let r = &self.reference;
        let _ = writeln!(
            md,
            "| ours / reference | {} | {} | {} | |\n",
            ratio(total.raw as f64, r.raw as f64),
            ratio(total.gzip as f64, r.gzip as f64),
            ratio(total.brotli as f64, r.brotli as f64)
        );
    }

    fn first_table(&self, md: &mut String) {
        let (ours, reference) = (&self.first.ours, &self.first.reference);
        md.push_str("## First headline, three origins, loopback\n\nScript inserted → first `li` in the shadow root at an animation frame; cold cache.\n\n");
        md.push_str("| figure | ours | reference | ours / reference | n |\n|---|--:|--:|--:|--:|\n");
        for (name, o, r) in [
            ("first headline", ours.time, reference.time),
            ("… of which until the last byte arrived", ours.bytes, reference.bytes),
        ] {
            let _ =
                writeln!(md, "| {name} | {} | {} | {} | {} |", o.show(1), r.show(1), ratio(o.median, r.median), o.n);
        }
        let main = |f: &FirstHeadline| f.time.median - f.bytes.median;
        let _ = writeln!(
            md,
            "| … from the last byte to the first headline (medians' difference) | {:.1} | {:.1} | {} | |\n",
            main(ours),
            main(reference),
            ratio(main(ours), main(reference))
        );
        waterfall(md, &self.first);
    }

    fn breakdown_section(&self, md: &mut String) {
        md.push_str(&breakdown_markdown(&self.breakdown));
    }

    fn network_section(&self, md: &mut String) {
        md.push_str(
            "## Network and CPU profiles\n\nThe first-headline comparison (three origins, cold) under DevTools \
             emulation: `Network.emulateNetworkConditions` (latency added per request; no TCP handshake or slow start) \
             and `Emulation.setCPUThrottlingRate`. Figures to improve, not budgets yet.\n\n",
        );
        md.push_str("| profile | ours | reference | ours / reference | ours: last byte → first headline | reference: last byte → first headline | n |\n|---|--:|--:|--:|--:|--:|--:|\n");
        let main = |f: &FirstHeadline| f.time.median - f.bytes.median;
        let loopback = ("Loopback (no emulation)".to_owned(), &self.first);
        let rows = std::iter::once(loopback)
            .chain(self.networks.iter().map(|(c, p)| (format!("{}: {}", c.name, c.describe()), p)));
        for (name, p) in rows {
            let _ = writeln!(
                md,
                "| {name} | {} | {} | {} | {:.0} | {:.0} | {} |",
                p.ours.time.show(0),
                p.reference.time.show(0),
                ratio(p.ours.time.median, p.reference.time.median),
                main(&p.ours),
                main(&p.reference),
                p.ours.time.n
            );
        }
        md.push('\n');
        for (conditions, p) in &self.networks {
            let _ = writeln!(md, "### {}\n\n{}\n", conditions.name, dominates(p));
            waterfall(md, p);
        }
    }

    fn repeat_section(&self, md: &mut String) {
        md.push_str(
            "## Repeat page views\n\nA reader's second and third page views in the same browser profile, the first \
             cold: the widget's files come from the HTTP cache as the CDN sends them (versioned files `immutable`, the \
             unversioned loader and the reference for 5 minutes), the feed as its `Cache-Control` allows. Ours shows \
             a copy its headers call fresh without asking (`src/freshness.rs`); the reference revalidates on every \
             view. First headline (ms), and ours' `WebAssembly.instantiateStreaming` (asked for → done, ms) on \
             the first, second and third views: Chromium compiles the wasm again or takes its code cache.\n\n\
             | profile | feed `Cache-Control` | view | ours | reference | ratio | ours' instantiate: 1st / this view |\n\
             |---|---|---|--:|--:|--:|--:|\n",
        );
        for repeat in &self.repeats {
            for (i, (view, p)) in ["2nd", "3rd"].iter().zip(&repeat.views).enumerate() {
                let instantiate = repeat.instantiate.get(i + 1).map_or(String::new(), |s| s.show(1));
                let _ = writeln!(
                    md,
                    "| {} | `{}` | {view} | {} | {} | {} | {} / {instantiate} |",
                    repeat.conditions.name,
                    repeat.caching,
                    p.ours.time.show(1),
                    p.reference.time.show(1),
                    ratio(p.ours.time.median, p.reference.time.median),
                    repeat.instantiate[0].show(1),
                );
            }
        }
        let [first, second, third] = &self.firefox_instantiate;
        let firefox = &self.machine.firefox;
        let _ = writeln!(
            md,
            "\nThe same three views of ours in {firefox} (a fresh profile each, loopback, the feed sent `{FRESH_FEED}`), \
             `WebAssembly.instantiateStreaming` asked for → done: {} on the first view, {} on the second, {} on the \
             third (ms; n = {}). WebKit is not measured: its automation session (WebKitWebDriver with MiniBrowser) \
             has no HTTP cache, so each of its views is a first one.",
            first.show(1),
            second.show(1),
            third.show(1),
            first.n,
        );
        md.push('\n');
    }

    fn shift_section(&self, md: &mut String) {
        md.push_str(
            "## Layout shifts\n\nA host page with a heading and text above the widget and a paragraph below it, all in \
             the viewport; `PerformanceObserver` `layout-shift` entries (buffered) without recent input, summed per \
             phase (nothing else on the page moves, so all of it is the widget's). Where: the moved nodes, \
             inside the widget's host or on the page, counted over all samples.\n\n",
        );
        md.push_str("| phase | ours: CLS | reference: CLS | ours: entries | where (ours) | where (reference) | n |\n|---|--:|--:|--:|---|---|--:|\n");
        let places = |s: &Shifts| {
            if s.sources.is_empty() {
                "–".to_owned()
            } else {
                s.sources.iter().map(|(place, count)| format!("{place} ×{count}")).collect::<Vec<_>>().join(", ")
            }
        };
        for (phase, p) in &self.shifts {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} |",
                phase.describe(),
                p.ours.cls.show(4),
                p.reference.cls.show(4),
                p.ours.entries.show(0),
                places(&p.ours),
                places(&p.reference),
                p.ours.cls.n
            );
        }
        md.push('\n');
    }

    fn task_section(&self, md: &mut String) {
        let _ = writeln!(
            md,
            "## Long tasks at {SLOWDOWN}× CPU\n\n`PerformanceObserver` `longtask` entries (tasks over 50 ms on the \
             page's main thread) from inserting the script (or calling `refresh()`) until `ready` (or the update \
             event) + 0.5 s, with `Emulation.setCPUThrottlingRate` {SLOWDOWN}; the page does nothing else, so they \
             are the widget's. TBT: Σ (duration − 50 ms). The feeds: the 10-item one of every other figure, and \
             one of ~1 MB, 2,000 items (ours keeps 500).\n"
        );
        md.push_str("| phase | ours: longest | reference: longest | ours: TBT | reference: TBT | ours: long tasks | reference: long tasks | n |\n|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (name, p, _) in self.task_phases() {
            let _ = writeln!(
                md,
                "| {name} | {} | {} | {} | {} | {} | {} | {} |",
                p.ours.longest.show(0),
                p.reference.longest.show(0),
                p.ours.blocking.show(0),
                p.reference.blocking.show(0),
                p.ours.count.show(0),
                p.reference.count.show(0),
                p.ours.longest.n
            );
        }
        let intl = &self.first_intl;
        let _ = writeln!(
            md,
            "\nThe page's first `Intl` formatter, `new Intl.RelativeTimeFormat(\"en\", {{ numeric: \"auto\" }})` (the \
             reference's) in a task of its own on a blank page at {SLOWDOWN}× CPU, a fresh browser each: {} ms (n = \
             {}). The browser sets up its locale data once per page in that one call, which cannot be split; every \
             widget that tells times with `Intl` runs it once, ours (once its first headlines are painted) and the reference (its \
             evaluation) alike{}.",
            intl.show(0),
            intl.n,
            if intl.median > TASK_BUDGET_MS {
                format!(
                    "; in the median page that one task is over {TASK_BUDGET_MS} ms, and no widget that builds a \
                     formatter there keeps every task of its first load within {TASK_BUDGET_MS} ms"
                )
            } else {
                String::new()
            }
        );
        md.push('\n');
        for (name, p, _) in self.task_phases() {
            for (widget, tasks) in [("ours", &p.ours), ("reference", &p.reference)] {
                if !tasks.scripts.is_empty() {
                    let _ = writeln!(
                        md,
                        "Scripts (≥ 5 ms) of the long animation frame around the longest task, worst sample, {name}, {widget}: {}.\n",
                        tasks.scripts.join("; ")
                    );
                }
            }
        }
    }

    fn time_table(&self, md: &mut String) {
        let (ours, reference) = (&self.refresh.ours, &self.refresh.reference);
        md.push_str("## Refresh\n\nOne browser per widget, the feed on its own origin.\n\n");
        md.push_str("| figure | ours | reference | ours / reference | n |\n|---|--:|--:|--:|--:|\n");
        let rows = [
            ("`refresh()` → update event, 1 new item among 10", ours.latency, reference.latency),
            ("… `refresh()` → last DOM mutation", ours.dom, reference.dom),
            ("`refresh()` → update event, 1 new item in the ~1 MB feed", ours.big_latency, reference.big_latency),
            ("… `refresh()` → last DOM mutation", ours.big_dom, reference.big_dom),
        ];
        for (name, o, r) in rows {
            let _ =
                writeln!(md, "| {name} | {} | {} | {} | {} |", o.show(1), r.show(1), ratio(o.median, r.median), o.n);
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
        md.push_str(
            "## DOM work per refresh\n\nMutation records in the shadow root (subtree, childList, attributes, \
             characterData). Ours places each row by a transform from its `--i` custom property, so a headline \
             arriving on top writes one `style` per row it moves down: by design (the rows slide, nothing below the \
             widget moves), so the count is reported, not budgeted; only the unchanged feed's 0 is a budget.\n\n",
        );
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
        let _ = writeln!(
            md,
            "## Memory\n\nOne page per widget, V8 without its optimising tiers and bytecode flushing (their code \
             comes and goes with timing, not with the widget's data); after a warm-up of {WARM_UP} refresh cycles, N \
             more: publish one story, `refresh()`, await the update event (one headline enters the list of 10 and one \
             leaves; the feed stays at ≤ 60 items); read after `gc()`, resource timings cleared as they come. The JS \
             heap grows in steps of ~20 KiB every few hundred cycles with either widget alike (the page and the \
             harness, not the widget), so the budget takes ours' growth less the reference's. Ours' wasm memory is \
             found by watching `WebAssembly.instantiate*`.\n"
        );
        md.push_str("| cycles | ours: wasm memory | ours: JS heap | ours: Δ from the previous | reference: JS heap | reference: Δ |\n|--:|--:|--:|--:|--:|--:|\n");
        for (i, cycles) in CHECKPOINTS.iter().enumerate() {
            let bytes = |v: &[f64]| kib(v[i] as usize);
            let delta = |m: &Memory| match i {
                0 => String::new(),
                _ => signed_kib(m.wasm[i] + m.heap[i] - m.wasm[i - 1] - m.heap[i - 1]),
            };
            let _ = writeln!(
                md,
                "| {cycles} | {} | {} | {} | {} | {} |",
                bytes(&ours.wasm),
                bytes(&ours.heap),
                delta(ours),
                bytes(&reference.heap),
                delta(reference)
            );
        }
        let _ = writeln!(
            md,
            "\nGrowth over the {} cycles (wasm + JS heap): ours {}, reference {}; ours less the reference: {}.\n",
            CHECKPOINTS[CHECKPOINTS.len() - 1],
            signed_kib(ours.growth()),
            signed_kib(reference.growth()),
            signed_kib(ours.growth() - reference.growth())
        );
    }

    fn bridge_section(&self, md: &mut String) {
        md.push_str("## Bridge serving\n\n");
        md.push_str(&self.bridge_figures());
    }

    /// The bridge's serving and conversion figures, as Markdown: in
    /// `bench/RESULTS.md`, and copied into `bridge/README.md` by `cargo xtask
    /// codegen` (from `bench/README-bridge.md`).
    pub fn bridge_figures(&self) -> String {
        let mut md = String::new();
        let f = match &self.bridge {
            Ok(f) => f,
            Err(error) => return format!("Not measured: {error}\n\n"),
        };
        let _ = writeln!(
            md,
            "`cargo xtask bench`: `news-bridge serve` (built with `--profile {}`) on `bridge/demo/bridge.toml`, a child process; 200 \
             keep-alive clients on loopback for {:.0} s per run, from the bench process ({} cores shared by both; \
             {}).\n",
            bridge::PROFILE,
            f.conditional.seconds,
            self.machine.nproc,
            self.machine.date.split('T').next().unwrap_or(&self.machine.date)
        );
        md.push_str("| run | requests | requests/s | p50 | p99 | max | errors | RSS before / peak / after |\n|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (name, r) in [
            ("conditional GETs (`If-None-Match`: 304s)", &f.conditional),
            ("full answers (gzip, br accepted)", &f.full),
        ] {
            let memory = r.memory.as_ref().map_or("–".to_owned(), |m| {
                format!(
                    "{:.1} / {:.1} / {:.1} MiB",
                    m.before_kib as f64 / KIB,
                    m.peak_kib as f64 / KIB,
                    m.after_kib as f64 / KIB
                )
            });
            let _ = writeln!(
                md,
                "| {name} | {} | {:.0} | {:.2} ms | {:.2} ms | {:.1} ms | {} | {memory} |",
                r.requests, r.rps, r.p50_ms, r.p99_ms, r.max_ms, r.errors
            );
        }
        let c = &f.conversion;
        let _ = writeln!(
            md,
            "\nConversion (parse, merge, serialise), in the bench process (opt-level {}): the {} documents of \
             `bridge/tests/fixtures/real/` × {} rounds: {:.0} items/s, {:.1} MB/s of upstream XML ({} items, {} \
             refused).\n",
            env!("BENCH_OPT_LEVEL"),
            f.documents,
            c.documents / f.documents.max(1) as u64,
            c.items_per_second,
            c.megabytes_per_second,
            c.items,
            c.errors
        );
        md
    }
}

/// The profiled breakdown of the time from bytes to first headline, as Markdown.
pub fn breakdown_markdown(b: &Pair<Breakdown>) -> String {
    let mut md = String::new();
    let (ours, reference) = (&b.ours, &b.reference);
    let _ = writeln!(
        md,
        "## Where the time goes from bytes to first headline\n\nV8's sampling profiler (`Profiler.start` through \
         chromedriver's CDP endpoint, one sample per 100 µs) over cold first loads on three origins, ours built with \
         its function names kept (`target/bench-names/dist/`: `dist/`'s own pipeline with `strip = false` and \
         binaryen's `-g` at every step; the same code plus a name section). Each sample goes to a category by the \
         frames on its stack (feed parse, `Intl` and stylesheet wherever they are on the stack; else the innermost \
         frame that says). Profiling slows the page: first headline \
         {} ms (ours) and {} ms (reference) here; n = {}.\n",
        ours.first.show(1),
        reference.first.show(1),
        ours.first.n
    );
    md.push_str("Milestones (ms since the script was inserted):\n\n| milestone | ours | reference |\n|---|--:|--:|\n");
    let mut names: Vec<&String> = ours.milestones.iter().map(|(n, _)| n).collect();
    for (name, _) in &reference.milestones {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let at = |b: &Breakdown, name: &str| b.milestones.iter().find(|(n, _)| n == name).map(|(_, s)| s.median);
    names.sort_by(|a, b| {
        let key = |name: &str| at(ours, name).or(at(reference, name)).unwrap_or(0.0);
        key(a).total_cmp(&key(b))
    });
    for name in names {
        let show = |b: &Breakdown| at(b, name).map_or(String::new(), |ms| format!("{ms:.1}"));
        let _ = writeln!(md, "| {name} | {} | {} |", show(ours), show(reference));
    }
    let _ = writeln!(
        md,
        "\nMain thread by category, ms: from the last byte (ours {:.1}, reference {:.1}) to the first headline, and over \
         the whole load; share: of ours' busy (not idle) time from the last byte, the part to read against the \
         unprofiled figure:\n",
        ours.bytes.median, reference.bytes.median
    );
    md.push_str("| category | ours: last byte → first headline | share | reference: last byte → first headline | ours: whole load | reference: whole load |\n|---|--:|--:|--:|--:|--:|\n");
    let busy: f64 = (ours.categories.iter())
        .filter(|(c, _, _)| *c != crate::profile::Category::Idle)
        .map(|(_, window, _)| window.median)
        .sum();
    for category in crate::profile::Category::ALL {
        let find = |b: &Breakdown| b.categories.iter().find(|(c, _, _)| *c == category).map(|(_, w, a)| (*w, *a));
        let (o, r) = (find(ours), find(reference));
        if o.is_none() && r.is_none() {
            continue;
        }
        let show = |s: Option<Summary>| s.map_or("–".to_owned(), |s| s.show(1));
        let share = match o {
            Some((window, _)) if category != crate::profile::Category::Idle && busy > 0.0 => {
                format!("{:.0} %", 100.0 * window.median / busy)
            }
            _ => String::new(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {share} | {} | {} | {} |",
            category.describe(),
            show(o.map(|(w, _)| w)),
            show(r.map(|(w, _)| w)),
            show(o.map(|(_, a)| a)),
            show(r.map(|(_, a)| a))
        );
    }
    let _ = writeln!(
        md,
        "\nThe same window in Chrome traces of other cold loads, without the profiler (ours: `dist/` itself; first \
         headline {} ms, reference {} ms): main-thread self time per trace event, mean ms per load. \
         `FunctionCall`, `RunMicrotasks`, `v8.*`: JS and wasm running (the profile above splits them); \
         `wasm.CompileLazy` (with its `wasm.CompileBaseline`, `wasm.AddCompiledCode`, `wasm.PublishCode`): V8 \
         compiling a wasm function on the main thread at its first call (it compiles wasm lazily); \
         `UpdateLayoutTree`: style; `Layout`; `PrePaint`, `Paint`, `Layerize`, `Commit`: rendering; `RunTask`, \
         `ThreadControllerImpl::RunTask`: the task itself outside those; `(no event)`: between tasks. Events of \
         0.5 ms or more:\n\n| trace event | ours | reference |\n|---|--:|--:|",
        ours.traced_first.show(1),
        reference.traced_first.show(1)
    );
    let mean = |b: &Breakdown, name: &str| b.trace.iter().find(|(n, _)| n == name).map_or(0.0, |(_, ms)| *ms);
    let events: std::collections::BTreeSet<&String> =
        ours.trace.iter().chain(&reference.trace).map(|(name, _)| name).collect();
    let mut events: Vec<&String> = events.into_iter().collect();
    events.sort_by(|a, b| mean(ours, b).max(mean(reference, b)).total_cmp(&mean(ours, a).max(mean(reference, a))));
    for name in events.into_iter().filter(|name| mean(ours, name).max(mean(reference, name)) >= 0.5).take(20) {
        let _ = writeln!(md, "| `{name}` | {:.1} | {:.1} |", mean(ours, name), mean(reference, name));
    }
    md.push_str(
        "\nOurs: the functions with the most self time from the last byte to the first headline (mean ms per load; \
         JS with the start of its minified source and its place in the names build, `target/bench-names/dist/`; \
         ← the wasm function that called it):\n\n\
         | function | ms |\n|---|--:|\n",
    );
    for (name, ms) in &ours.top {
        let _ = writeln!(md, "| `{}` | {ms:.2} |", name.replace('`', "'").replace('|', "\\|"));
    }
    md.push('\n');
    md
}

/// Request start → response end per file, and the first headline (medians).
fn waterfall(md: &mut String, p: &Pair<FirstHeadline>) {
    md.push_str("| widget | file | request start | response end |\n|---|---|--:|--:|\n");
    for (name, first) in [("ours", &p.ours), ("reference", &p.reference)] {
        for (file, start, end) in &first.waterfall {
            let _ = writeln!(md, "| {name} | {file} | {:.1} | {:.1} |", start.median, end.median);
        }
        let _ = writeln!(md, "| {name} | first `li` at a frame | | {:.1} |", first.time.median);
    }
    md.push('\n');
}

/// What dominates a profile's first headline: the bytes or the main thread
/// after them, for each widget and in the gap between them.
fn dominates(p: &Pair<FirstHeadline>) -> String {
    let split = |f: &FirstHeadline| {
        let (total, bytes) = (f.time.median, f.bytes.median);
        let share = 100.0 * bytes / total;
        let what = if share >= 50.0 { "the network dominates" } else { "the main thread dominates" };
        format!(
            "last byte at {bytes:.0} of {total:.0} ms ({share:.0} %), then {:.0} ms to the first headline: {what}",
            total - bytes
        )
    };
    let main = |f: &FirstHeadline| f.time.median - f.bytes.median;
    format!(
        "Ours: {}. Reference: {}. Of the {:.0} ms between them, {:.0} ms is ours' later last byte and {:.0} ms its \
         longer main-thread work after it.",
        split(&p.ours),
        split(&p.reference),
        p.ours.time.median - p.reference.time.median,
        p.ours.bytes.median - p.reference.bytes.median,
        main(&p.ours) - main(&p.reference)
    )
}

fn dedup<'a>(items: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = vec![];
    for item in items {
        if !out.contains(item) {
            out.push(item);
        }
    }
    out
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / KIB)
}

fn signed_kib(bytes: f64) -> String {
    format!("{:+.1} KiB", bytes / KIB)
}
