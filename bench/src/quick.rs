//! `BENCH_QUICK=first,slow4g,broadband,repeat,iframe,profile,shifts,tasks,refresh,bigprofile`: only
//! those measurements, printed as one line each (ours, reference, ratio),
//! nothing written and no budget judged; for trying a change before the full
//! run. `BENCH_SAMPLES` sets the samples per widget (default 11).

use crate::browser::{self, Scripts};
use crate::cdp;
use crate::origins::Cdn;
use crate::stats::{ratio, Summary};
use crate::vitals;
use harness::browsers::Engine;

/// The measurements `BENCH_QUICK` names, if it is set.
pub fn asked() -> Option<Vec<String>> {
    let names = std::env::var("BENCH_QUICK").ok()?;
    Some(names.split(',').map(|name| name.trim().to_owned()).filter(|name| !name.is_empty()).collect())
}

fn line(what: &str, ours: Summary, reference: Summary) {
    println!(
        "{what}: ours {} · reference {} · {}",
        ours.show(1),
        reference.show(1),
        ratio(ours.median, reference.median)
    );
}

/// Runs the measurements in `names`.
pub async fn run(names: &[String], cdn: &Cdn, scripts: &Scripts) {
    let samples = std::env::var("BENCH_SAMPLES").ok().and_then(|n| n.parse().ok()).unwrap_or(11);
    let both = [scripts.ours.as_str(), scripts.reference.as_str()];
    for name in names {
        match name.as_str() {
            "first" | "slow4g" | "broadband" => {
                let conditions = match name.as_str() {
                    "slow4g" => Some(cdp::SLOW_4G),
                    "broadband" => Some(cdp::BROADBAND),
                    _ => None,
                };
                let first = browser::first_headline(samples, cdn, scripts, conditions).await;
                line(&format!("first headline ({name})"), first.ours.time, first.reference.time);
                line("… last byte", first.ours.bytes, first.reference.bytes);
            }
            "repeat" => {
                for conditions in [cdp::BROADBAND, cdp::SLOW_4G] {
                    for caching in [browser::FRESH_FEED, browser::NO_CACHE_FEED] {
                        let repeat = browser::repeat_views(samples, cdn, scripts, conditions, caching).await;
                        for (view, p) in ["second", "third"].iter().zip(&repeat.views) {
                            line(
                                &format!("{view} view, {}, `{caching}`", conditions.name),
                                p.ours.time,
                                p.reference.time,
                            );
                        }
                        let [cold, second, third] = repeat.instantiate.map(|s| s.show(1));
                        println!("  ours' instantiate: first {cold} · second {second} · third {third}");
                    }
                }
                let firefox = browser::instantiate_views(Engine::Firefox, samples, cdn, scripts).await;
                let [cold, second, third] = firefox.map(|s| s.show(1));
                println!("Firefox, ours' instantiate: first {cold} · second {second} · third {third}");
            }
            "iframe" => {
                let times = browser::iframe_vs_script(samples, cdn, scripts).await;
                line("first update, iframe (ours) vs script tag (reference: ours too)", times.iframe, times.script);
            }
            "profile" => {
                let breakdown = browser::breakdown(samples, cdn, scripts).await;
                line("first headline (profiled)", breakdown.ours.first, breakdown.reference.first);
                for (milestone, at) in &breakdown.ours.milestones {
                    println!("  ours {milestone}: {}", at.show(1));
                }
                for (category, window, _) in &breakdown.ours.categories {
                    println!("  ours {category:?}: {}", window.show(1));
                }
                for (function, ms) in breakdown.ours.top.iter().take(15) {
                    println!("  {ms:>6.2} {function}");
                }
                for (event, ms) in breakdown.ours.trace.iter().take(8) {
                    println!("  trace {event}: {ms:.1}");
                }
            }
            "shifts" => {
                for (phase, shifts) in vitals::layout_shifts(samples.min(3), both).await {
                    println!(
                        "CLS {}: ours {} {:?} · reference {}",
                        phase.key(),
                        shifts.ours.cls.show(4),
                        shifts.ours.sources,
                        shifts.reference.cls.show(4)
                    );
                }
            }
            "tasks" => {
                let [small, big, refresh] = vitals::long_tasks(samples.min(7), cdn, both).await;
                for (what, tasks) in
                    [("first load, 10 items", small), ("first load, 1 MB", big), ("refresh, 1 MB", refresh)]
                {
                    line(&format!("longest task, {what}"), tasks.ours.longest, tasks.reference.longest);
                    line(&format!("… TBT, {what}"), tasks.ours.blocking, tasks.reference.blocking);
                    println!("  ours' scripts: {:?}", tasks.ours.scripts);
                }
                println!("first Intl formatter, blank page: {}", vitals::first_intl(samples.min(7)).await.show(1));
            }
            "refresh" => {
                let (refresh, _) = browser::refresh_costs(samples, cdn, scripts).await;
                line("refresh, 1 new among 10, → DOM", refresh.ours.dom, refresh.reference.dom);
                line("… records", refresh.ours.records, refresh.reference.records);
                line("refresh, 1 MB, → DOM", refresh.ours.big_dom, refresh.reference.big_dom);
            }
            "bigprofile" => big_profile(samples, cdn, scripts).await,
            other => eprintln!("bench: no quick measurement called {other}"),
        }
    }
}

/// Ours' functions with the most self time over `samples` refreshes of the
/// ~1 MB feed, each bringing one new item, CPU-profiled (the names build).
async fn big_profile(samples: usize, cdn: &Cdn, scripts: &Scripts) {
    let b = crate::origins::Browser::start(&[]).await;
    b.h.newsroom.set_feed(browser::BIG, browser::big_feed(0));
    browser::insert(&b, cdn, &scripts.names, browser::Widget::Ours, &b.feed_url(browser::BIG), 10).await;
    b.run("bench.settled('ready', 200)", vec![]).await;
    cdp::start_profiler(&b.h, 100).await;
    for revision in 1..=samples {
        b.h.newsroom.set_feed(browser::BIG, browser::big_feed(revision));
        b.run("(bench.mark(1), bench.refreshed())", vec![]).await;
    }
    let recorded = cdp::stop_profiler(&b.h).await;
    b.stop().await;
    let origin = cdn.url("/");
    let profile = crate::profile::Samples::of(&recorded, &origin, &|url: &str, line: usize| cdn.line(url, line))
        .expect("the profile holds a bench.mark");
    let mut top: Vec<(String, f64)> = profile.self_times(f64::MIN, f64::MAX).into_iter().collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (function, ms) in top.iter().take(40) {
        println!("{:>8.2} {function}", ms / samples as f64);
    }
}
