//! What a widget does to its host page: layout shifts (CLS) on a page with
//! text below the widget, and long tasks on the main thread at a 4× CPU
//! slowdown.

use crate::browser::{big_feed, insert, Pair, Widget, BIG, FEED, FEED_PATH};
use crate::cdp;
use crate::origins::{Browser, Cdn};
use crate::stats::Summary;
use newsroom::Fault;
use serde_json::Value;

/// When layout shifts are counted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    /// Page load with the widget in flow, until `ready` + 1 s.
    Load,
    /// `refresh()` bringing one new item on top, + 1 s.
    Refresh,
    /// `refresh()` answered with HTTP 500 (headlines stay), + 1 s.
    RefreshError,
    /// Page load whose feed answers HTTP 500, until `error` + 1 s.
    LoadError,
}

impl Phase {
    pub const ALL: [Phase; 4] = [Phase::Load, Phase::Refresh, Phase::RefreshError, Phase::LoadError];

    pub fn describe(self) -> &'static str {
        match self {
            Phase::Load => "load (script in head, widget in flow) until `ready` + 1 s",
            Phase::Refresh => "refresh bringing a new item on top, + 1 s",
            Phase::RefreshError => "refresh failing (HTTP 500; headlines stay), + 1 s",
            Phase::LoadError => "load whose feed fails (HTTP 500) until `error` + 1 s",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Phase::Load => "load",
            Phase::Refresh => "refresh",
            Phase::RefreshError => "refresh_error",
            Phase::LoadError => "load_error",
        }
    }
}

/// Layout shifts of one widget in one phase, over the samples.
#[derive(Clone, Debug)]
pub struct Shifts {
    /// Sum of the shift values (CLS of the phase).
    pub cls: Summary,
    /// Shift entries.
    pub entries: Summary,
    /// Where the moved nodes were, over all samples: (place, count).
    pub sources: Vec<(String, usize)>,
}

/// The host page: a heading and text above the widget, text below it; the
/// widget's script in the head, as the README's embedding has it (a classic
/// script, so the element is defined and its box reserved before the first
/// paint; an `async` one may run after the fallback was painted).
fn host_page(b: &Browser, widget: Widget, script: &str, feed: &str) -> (String, String) {
    let tag = widget.tag();
    let head = format!(
        "<script>bench.observeShifts()</script><script src=\"{script}\"></script>\
         <style>body {{ margin: 0 auto; max-width: 42rem; font: 16px/1.5 Georgia, serif; }}</style>"
    );
    let body = format!(
        "<h1>A publisher's article</h1><p>Text above the widget.</p>\
         <{tag} src=\"{}\" limit=\"10\" refresh=\"0\"><a href=\"https://www.arabnews.com/\">Latest headlines</a></{tag}>\
         <p id=\"below\">Text below the widget: it must not move.</p>",
        b.feed_url(feed)
    );
    (head, body)
}

/// Layout shifts per [`Phase`] for both widgets (`samples` each), in a
/// window tall enough for the widget and the text below it.
pub async fn layout_shifts(samples: usize, scripts: [&str; 2]) -> Vec<(Phase, Pair<Shifts>)> {
    let mut runs: Vec<[Vec<Value>; 2]> = Phase::ALL.iter().map(|_| [vec![], vec![]]).collect();
    for sample in 0..samples {
        for widget in Widget::rotated(sample) {
            let slot = usize::from(widget == Widget::Reference);
            let script = scripts[slot];
            let b = Browser::start(&[]).await;
            b.h.client.set_window_size(1200, 2000).await.expect("a tall window");
            let (head, body) = host_page(&b, widget, script, FEED);
            b.open("/bench/host.html", &head, &body).await;
            b.run("bench.settled('ready', 1000)", vec![]).await;
            assert!(
                b.run("bench.belowVisible()", vec![]).await == true,
                "the text below the widget is in the viewport"
            );
            runs[0][slot].push(b.run("bench.takeShifts()", vec![]).await);
            b.h.newsroom.publish(FEED).expect("the feed exists");
            b.run("bench.refreshed().then(() => bench.sleep(1000))", vec![]).await;
            runs[1][slot].push(b.run("bench.takeShifts()", vec![]).await);
            b.h.newsroom.fail_next(FEED_PATH, Fault::Status(500), 1);
            b.run(r#"bench.refreshed("error").then(() => bench.sleep(1000))"#, vec![]).await;
            runs[2][slot].push(b.run("bench.takeShifts()", vec![]).await);
            b.h.newsroom.fail_next(FEED_PATH, Fault::Status(500), 100);
            b.open("/bench/host-error.html", &head, &body).await;
            b.run("bench.settled('error', 1000)", vec![]).await;
            runs[3][slot].push(b.run("bench.takeShifts()", vec![]).await);
            b.stop().await;
        }
    }
    (Phase::ALL.into_iter().zip(runs))
        .map(|(phase, [ours, reference])| (phase, Pair { ours: shifts(&ours), reference: shifts(&reference) }))
        .collect()
}

fn shifts(samples: &[Value]) -> Shifts {
    let entries = |sample: &Value| sample.as_array().expect("shifts").clone();
    let cls: Vec<f64> =
        samples.iter().map(|s| entries(s).iter().map(|e| e["value"].as_f64().expect("value")).sum()).collect();
    let counts: Vec<f64> = samples.iter().map(|s| entries(s).len() as f64).collect();
    let mut sources: Vec<(String, usize)> = vec![];
    for entry in samples.iter().flat_map(entries) {
        for source in entry["sources"].as_array().expect("sources") {
            let place = source.as_str().expect("place").to_owned();
            match sources.iter_mut().find(|(p, _)| *p == place) {
                Some((_, count)) => *count += 1,
                None => sources.push((place, 1)),
            }
        }
    }
    Shifts { cls: Summary::of(&cls), entries: Summary::of(&counts), sources }
}

/// Long tasks of one widget in one phase: the longest (ms), the total
/// blocking time (Σ duration − 50 ms), their count, and the scripts of the
/// long animation frame around the longest task of the worst sample.
#[derive(Clone, Debug)]
pub struct Tasks {
    pub longest: Summary,
    pub blocking: Summary,
    pub count: Summary,
    pub scripts: Vec<String>,
}

/// CPU slowdown of the long-task runs.
pub const SLOWDOWN: f64 = 4.0;

/// Long tasks at a [`SLOWDOWN`]× slower CPU for both widgets: the first load
/// of the 10-item feed; the first load of the ~1 MB, 2,000-item feed (the
/// 500-item cap), then a refresh of it bringing one new item; a fresh
/// browser per first load.
pub async fn long_tasks(samples: usize, cdn: &Cdn, scripts: [&str; 2]) -> [Pair<Tasks>; 3] {
    let mut runs: [[Vec<Value>; 2]; 3] = Default::default();
    for sample in 0..samples {
        for widget in Widget::rotated(sample) {
            let slot = usize::from(widget == Widget::Reference);
            let b = Browser::start(&[]).await;
            b.run("bench.observeTasks()", vec![]).await;
            cdp::cpu(&b.h, SLOWDOWN).await;
            insert(&b, cdn, scripts[slot], widget, &b.feed_url(FEED), 10).await;
            b.run("bench.settled('ready', 500)", vec![]).await;
            runs[0][slot].push(b.run("bench.takeTasks()", vec![]).await);
            b.stop().await;

            let b = Browser::start(&[]).await;
            b.h.newsroom.set_feed(BIG, big_feed(0));
            b.run("bench.observeTasks()", vec![]).await;
            cdp::cpu(&b.h, SLOWDOWN).await;
            insert(&b, cdn, scripts[slot], widget, &b.feed_url(BIG), 10).await;
            b.run("bench.settled('ready', 500)", vec![]).await;
            runs[1][slot].push(b.run("bench.takeTasks()", vec![]).await);
            b.h.newsroom.set_feed(BIG, big_feed(1));
            b.run("bench.refreshed().then(() => bench.sleep(500))", vec![]).await;
            runs[2][slot].push(b.run("bench.takeTasks()", vec![]).await);
            b.stop().await;
        }
    }
    runs.map(|[ours, reference]| Pair { ours: tasks(&ours), reference: tasks(&reference) })
}

/// The page's first `Intl` formatter at [`SLOWDOWN`]× CPU (ms), a fresh
/// browser per sample: the task that every widget telling times with `Intl`
/// runs once per page, whoever wrote it.
pub async fn first_intl(samples: usize) -> Summary {
    let mut times = vec![];
    for _ in 0..samples {
        let b = Browser::start(&[]).await;
        cdp::cpu(&b.h, SLOWDOWN).await;
        times.push(b.run("bench.firstIntl()", vec![]).await.as_f64().expect("ms"));
        b.stop().await;
    }
    Summary::of(&times)
}

fn tasks(samples: &[Value]) -> Tasks {
    let durations = |sample: &Value| -> Vec<f64> {
        sample["durations"].as_array().expect("durations").iter().map(|d| d.as_f64().expect("ms")).collect()
    };
    let longest = |sample: &Value| durations(sample).into_iter().fold(0.0, f64::max);
    let summary = |f: &dyn Fn(&Value) -> f64| Summary::of(&samples.iter().map(f).collect::<Vec<_>>());
    let worst = samples.iter().max_by(|a, b| longest(a).total_cmp(&longest(b)));
    Tasks {
        longest: summary(&longest),
        blocking: summary(&|s| durations(s).iter().map(|d| (d - 50.0).max(0.0)).sum()),
        count: summary(&|s| durations(s).len() as f64),
        scripts: worst.map(|s| serde_json::from_value(s["scripts"].clone()).expect("scripts")).unwrap_or_default(),
    }
}
