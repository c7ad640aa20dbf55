//! The timing and memory measurements in headless Chromium (and ours' wasm
//! instantiation on repeat views in Firefox), on three origins (page, widget
//! files, feed): a fresh browser per cold-cache sample, the order of the
//! widgets alternating between samples.

use crate::cdp::{self, Conditions};
use crate::origins::{Browser, Cdn};
use crate::profile::{self, Breakdown, Load, Traced};
use crate::stats::Summary;
use crate::trace::{self, Tracer};
use harness::browsers::Engine;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The feed both widgets show, and its path.
pub const FEED: &str = "latest-middle-east";
pub const FEED_PATH: &str = "/feeds/latest-middle-east.json";
/// The generated large feed's name.
pub const BIG: &str = "big";
/// Items in the large feed.
pub const BIG_ITEMS: usize = 2_000;
/// Memory is read after a warm-up and then after these many more refresh
/// cycles (growth: first to last).
pub const CHECKPOINTS: [u32; 5] = [0, 250, 500, 750, 1_000];
/// Refresh cycles before the first memory checkpoint (first-use allocations).
pub const WARM_UP: u32 = 300;
/// V8 switches of the memory runs: `gc()`, and no optimising tiers or
/// bytecode flushing, whose code comes and goes with timing, not with the
/// widget's data.
const MEMORY_JS_FLAGS: &str = "--js-flags=--expose-gc --no-opt --no-maglev --no-sparkplug --no-flush-bytecode";

/// Which widget is measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Widget {
    Ours,
    Reference,
}

impl Widget {
    pub fn tag(self) -> &'static str {
        match self {
            Widget::Ours => "news-headlines",
            Widget::Reference => "vanilla-headlines",
        }
    }

    /// Both, `ours` first on even samples, the reference first on odd ones.
    pub fn rotated(sample: usize) -> [Widget; 2] {
        if sample.is_multiple_of(2) {
            [Widget::Ours, Widget::Reference]
        } else {
            [Widget::Reference, Widget::Ours]
        }
    }
}

/// The widgets' scripts on the CDN (URLs).
pub struct Scripts {
    /// Ours: the loader of the release `dist/`.
    pub ours: String,
    /// Ours with function names kept (the same loader and code).
    pub names: String,
    pub reference: String,
}

impl Scripts {
    pub fn of(&self, widget: Widget) -> &str {
        match widget {
            Widget::Ours => &self.ours,
            Widget::Reference => &self.reference,
        }
    }
}

/// A figure for both widgets.
#[derive(Clone, Copy, Debug)]
pub struct Pair<T> {
    pub ours: T,
    pub reference: T,
}

impl<T> Pair<T> {
    /// Both figures from per-sample results collected by widget.
    fn from_runs<R>(runs: [Vec<R>; 2], f: impl Fn(&[R]) -> T) -> Pair<T> {
        Pair { ours: f(&runs[0]), reference: f(&runs[1]) }
    }
}

fn slot(widget: Widget) -> usize {
    match widget {
        Widget::Ours => 0,
        Widget::Reference => 1,
    }
}

/// `{src, limit, refresh: 0}`: the attributes of every measured widget.
pub fn attributes(src: &str, limit: u32) -> Value {
    json!({ "src": src, "limit": limit.to_string(), "refresh": "0" })
}

/// Inserts `script` and a `widget` showing `src`; `bench.insert`'s result,
/// with each resource named `file (origin)`.
pub async fn insert(b: &Browser, cdn: &Cdn, script: &str, widget: Widget, src: &str, limit: u32) -> Value {
    let args = vec![script.into(), widget.tag().into(), attributes(src, limit)];
    let mut sample = b.run("bench.insert(...arguments)", args).await;
    for resource in sample["resources"].as_array_mut().expect("resources") {
        let url = url::Url::parse(resource["url"].as_str().expect("url")).expect("a resource URL");
        let origin = match url.port() {
            Some(port) if port == cdn.port() => "widget origin",
            Some(port) if port == b.feed_port() => "feed origin",
            _ => "page origin",
        };
        resource["path"] = url.path().into();
        resource["name"] = format!("`{}` ({origin})", url.path().rsplit('/').next().unwrap_or_default()).into();
        resource["cdn"] = (origin == "widget origin").into();
    }
    sample
}

/// The latest response end of a sample (ms since start).
fn last_byte(sample: &Value) -> f64 {
    (sample["resources"].as_array().expect("resources").iter())
        .filter_map(|resource| resource["end"].as_f64())
        .fold(0.0, f64::max)
}

/// Time to first headline of one widget, and when each file it fetched
/// started and finished loading (ms since the script was inserted).
#[derive(Clone, Debug)]
pub struct FirstHeadline {
    pub time: Summary,
    /// The last response's end.
    pub bytes: Summary,
    /// (file and origin, request start, response end), by median start.
    pub waterfall: Vec<(String, Summary, Summary)>,
    /// URL paths fetched from the widget origin, by median start.
    pub files: Vec<String>,
}

impl FirstHeadline {
    fn of(samples: &[Value]) -> FirstHeadline {
        let ms = |value: &Value| value.as_f64().expect("ms");
        let mut files: BTreeMap<(String, String, bool), [Vec<f64>; 2]> = BTreeMap::new();
        for sample in samples {
            for resource in sample["resources"].as_array().expect("resources") {
                let text = |key: &str| resource[key].as_str().expect(key).to_owned();
                let key = (text("name"), text("path"), resource["cdn"].as_bool().unwrap_or(false));
                let [starts, ends] = files.entry(key).or_default();
                starts.push(ms(&resource["start"]));
                ends.push(ms(&resource["end"]));
            }
        }
        let mut rows: Vec<_> = (files.into_iter())
            .map(|((name, path, cdn), [starts, ends])| ((name, Summary::of(&starts), Summary::of(&ends)), (path, cdn)))
            .collect();
        rows.sort_by(|a, b| a.0 .1.median.total_cmp(&b.0 .1.median));
        let files = rows.iter().filter(|(_, (_, cdn))| *cdn).map(|(_, (path, _))| path.clone()).collect();
        let times: Vec<f64> = samples.iter().map(|sample| ms(&sample["first"])).collect();
        let bytes: Vec<f64> = samples.iter().map(last_byte).collect();
        FirstHeadline {
            time: Summary::of(&times),
            bytes: Summary::of(&bytes),
            waterfall: rows.into_iter().map(|(row, _)| row).collect(),
            files,
        }
    }
}

/// Time to first headline with a cold cache under `conditions` (loopback as
/// is when `None`): a fresh browser per sample and widget.
pub async fn first_headline(
    samples: usize,
    cdn: &Cdn,
    scripts: &Scripts,
    conditions: Option<Conditions>,
) -> Pair<FirstHeadline> {
    let mut runs = [vec![], vec![]];
    for sample in 0..samples {
        for widget in Widget::rotated(sample) {
            let b = Browser::start(&[]).await;
            if let Some(conditions) = conditions {
                conditions.apply(&b.h).await;
            }
            let src = b.feed_url(FEED);
            runs[slot(widget)].push(insert(&b, cdn, scripts.of(widget), widget, &src, 10).await);
            b.stop().await;
        }
    }
    Pair::from_runs(runs, FirstHeadline::of)
}

/// How the feed is sent in the repeat-view rows: what news-bridge sends for a
/// 60 s interval, and `no-cache` (every view revalidates first).
pub const FRESH_FEED: &str = "public, max-age=60, stale-while-revalidate=60";
/// See [`FRESH_FEED`].
pub const NO_CACHE_FEED: &str = "no-cache";

/// A reader's next page views in the same browser profile.
#[derive(Clone, Debug)]
pub struct RepeatViews {
    /// The network and CPU profile.
    pub conditions: Conditions,
    /// The feed's `Cache-Control`.
    pub caching: &'static str,
    /// The first headline of the second and third page views.
    pub views: [Pair<FirstHeadline>; 2],
    /// Ours: `WebAssembly.instantiateStreaming`, asked for → done (ms), on
    /// the first, second and third page views (compiled again, or not).
    pub instantiate: [Summary; 3],
}

/// Time to first headline on the second and third page views of one
/// browser profile (the first cold), under `conditions`, the feed sent with
/// `caching`: the widget's files come from the HTTP cache as the CDN's
/// headers allow, and the feed as its own do.
pub async fn repeat_views(
    samples: usize,
    cdn: &Cdn,
    scripts: &Scripts,
    conditions: Conditions,
    caching: &'static str,
) -> RepeatViews {
    let mut runs = [[vec![], vec![]], [vec![], vec![]]];
    let mut instantiate = [vec![], vec![], vec![]];
    for sample in 0..samples {
        for widget in Widget::rotated(sample) {
            let b = Browser::start(&[]).await;
            b.h.newsroom.set_feed_caching(FEED, caching);
            conditions.apply(&b.h).await;
            let pages = three_views(&b, cdn, scripts, widget).await;
            b.stop().await;
            for (view, page) in pages.into_iter().enumerate() {
                if let (Widget::Ours, Some(ms)) = (widget, instantiated(&page)) {
                    instantiate[view].push(ms);
                }
                if let Some(repeat) = view.checked_sub(1).and_then(|i| runs.get_mut(i)) {
                    repeat[slot(widget)].push(page);
                }
            }
        }
    }
    RepeatViews {
        conditions,
        caching,
        views: runs.map(|view| Pair::from_runs(view, FirstHeadline::of)),
        instantiate: instantiate.map(|times| Summary::of(&times)),
    }
}

/// `widget`'s first, second and third page views in `b`'s profile (the
/// feed as [`FEED`]'s caching allows), the wasm's instantiation watched.
async fn three_views(b: &Browser, cdn: &Cdn, scripts: &Scripts, widget: Widget) -> Vec<Value> {
    let src = b.feed_url(FEED);
    let mut pages = vec![];
    for view in 0..3 {
        if view > 0 {
            b.blank().await;
        }
        b.run("bench.watchWasm()", vec![]).await;
        pages.push(insert(b, cdn, scripts.of(widget), widget, &src, 10).await);
    }
    pages
}

/// A page's first `WebAssembly.instantiate*`: asked for → done (ms).
fn instantiated(page: &Value) -> Option<f64> {
    let wasm = page["wasm"].get(0)?;
    Some(wasm["done"].as_f64()? - wasm["called"].as_f64()?)
}

/// Ours' wasm instantiation (asked for → done, ms) on a reader's first,
/// second and third page views in one profile of `engine`, on loopback, the
/// feed sent as news-bridge sends it: whether that engine compiles the wasm
/// again on a page view whose files come from its HTTP cache.
pub async fn instantiate_views(engine: Engine, samples: usize, cdn: &Cdn, scripts: &Scripts) -> [Summary; 3] {
    let mut instantiate = [vec![], vec![], vec![]];
    for _ in 0..samples {
        let b = Browser::start_engine(engine).await;
        b.h.newsroom.set_feed_caching(FEED, FRESH_FEED);
        let pages = three_views(&b, cdn, scripts, Widget::Ours).await;
        b.stop().await;
        for (times, page) in instantiate.iter_mut().zip(&pages) {
            times.extend(instantiated(page));
        }
    }
    instantiate.map(|times| Summary::of(&times))
}

/// Ours' first update event, cold, through the embed page's iframe and
/// through the script tag (ms since insertion).
#[derive(Clone, Debug)]
pub struct IframeVsScript {
    pub iframe: Summary,
    pub script: Summary,
}

/// [`IframeVsScript`] on loopback, three origins: a fresh browser per
/// sample and way, the order alternating.
pub async fn iframe_vs_script(samples: usize, cdn: &Cdn, scripts: &Scripts) -> IframeVsScript {
    let embed = cdn.url("/embed.html");
    let mut runs = [vec![], vec![]];
    for sample in 0..samples {
        let order = if sample.is_multiple_of(2) { ["iframe", "script"] } else { ["script", "iframe"] };
        for via in order {
            let b = Browser::start(&[]).await;
            let args = vec![
                via.into(),
                scripts.ours.as_str().into(),
                embed.as_str().into(),
                attributes(&b.feed_url(FEED), 10),
            ];
            let ms = b.run("bench.firstUpdate(...arguments)", args).await.as_f64().expect("ms");
            runs[usize::from(via == "script")].push(ms);
            b.stop().await;
        }
    }
    let [iframe, script] = runs.map(|times| Summary::of(&times));
    IframeVsScript { iframe, script }
}

/// Profiled loads tried per sample before the bench gives up on a sampler
/// that never catches the start mark.
const PROFILE_ATTEMPTS: usize = 3;

/// Cold first loads on loopback, CPU-profiled (ours: the names build) and,
/// in other samples, traced (no profiler; ours: `dist/`).
pub async fn breakdown(samples: usize, cdn: &Cdn, scripts: &Scripts) -> Pair<Breakdown> {
    let (origin, source) = (cdn.url("/"), |url: &str, line: usize| cdn.line(url, line));
    let mut profiled: [Vec<Load>; 2] = [vec![], vec![]];
    let mut traced: [Vec<Traced>; 2] = [vec![], vec![]];
    for sample in 0..samples {
        for widget in Widget::rotated(sample) {
            let script = match widget {
                Widget::Ours => &scripts.names,
                Widget::Reference => &scripts.reference,
            };
            let mut attempts = 0..PROFILE_ATTEMPTS;
            let (page, samples) = loop {
                assert!(attempts.next().is_some(), "no profile of {PROFILE_ATTEMPTS} caught its bench.mark");
                let b = Browser::start(&[]).await;
                b.run("bench.watchWasm()", vec![]).await;
                cdp::start_profiler(&b.h, 100).await;
                let page = insert(&b, cdn, script, widget, &b.feed_url(FEED), 10).await;
                let recorded = cdp::stop_profiler(&b.h).await;
                b.stop().await;
                if let Some(samples) = profile::Samples::of(&recorded, &origin, &source) {
                    break (page, samples);
                }
            };
            profiled[slot(widget)].push(load(&page, samples));

            let b = Browser::start(&[]).await;
            let tracer = Tracer::start(&b.h, "/bench/blank.html").await;
            let page = insert(&b, cdn, scripts.of(widget), widget, &b.feed_url(FEED), 10).await;
            let events = tracer.stop().await;
            b.stop().await;
            let first = page["first"].as_f64().expect("ms");
            traced[slot(widget)].push(Traced { first, events: trace::self_times(&events, last_byte(&page), first) });
        }
    }
    let [ours, reference] = [0, 1].map(|i| Breakdown::of(&profiled[i], &traced[i]));
    Pair { ours, reference }
}

/// A profiled load with its milestones (ms since start).
fn load(page: &Value, samples: profile::Samples) -> Load {
    let ms = |value: &Value| value.as_f64().expect("ms");
    let mut milestones = vec![];
    for resource in page["resources"].as_array().expect("resources") {
        let name = resource["name"].as_str().expect("name");
        milestones.push((format!("{name} response end"), ms(&resource["end"])));
    }
    milestones.push(("`customElements.whenDefined` resolved".into(), ms(&page["defined"])));
    for instantiation in page["wasm"].as_array().expect("wasm") {
        milestones.push(("wasm instantiation asked for".into(), ms(&instantiation["called"])));
        milestones.push(("wasm compiled and instantiated".into(), ms(&instantiation["done"])));
    }
    let first = ms(&page["first"]);
    milestones.push(("first `li` at a frame".into(), first));
    milestones.sort_by(|a, b| a.1.total_cmp(&b.1));
    Load { samples, first, bytes: last_byte(page), milestones }
}

/// Refreshes of one widget: a new item among 10, an unchanged feed, a new
/// item in a ~1 MB feed.
#[derive(Clone, Debug)]
pub struct Refresh {
    /// `refresh()` → update event (ms), one new item.
    pub latency: Summary,
    /// `refresh()` → last DOM mutation by the event + one frame (ms).
    pub dom: Summary,
    /// Mutation records by the update event + one frame, one new item.
    pub records: Summary,
    /// Records that came later still (within 200 ms), summed over samples.
    pub late_records: f64,
    /// The last sample's records: type, target and what changed.
    pub kinds: Vec<String>,
    /// Records for a `refresh()` of an unchanged feed.
    pub unchanged_records: Summary,
    /// `refresh()` → update event (ms) for the large feed.
    pub big_latency: Summary,
    /// `refresh()` → last DOM mutation (ms) for the large feed.
    pub big_dom: Summary,
}

/// The large feed and what it costs the page: `JSON.parse` alone (ms) and bytes.
#[derive(Clone, Copy, Debug)]
pub struct BigFeed {
    pub bytes: usize,
    pub items: usize,
    pub json_parse: Summary,
}

/// Refresh costs for both widgets (one browser each, ours first), and
/// `JSON.parse` of the large feed.
pub async fn refresh_costs(samples: usize, cdn: &Cdn, scripts: &Scripts) -> (Pair<Refresh>, BigFeed) {
    let mut costs = vec![];
    for widget in [Widget::Ours, Widget::Reference] {
        let b = Browser::start(&[]).await;
        costs.push(refresh(&b, cdn, scripts.of(widget), widget, samples).await);
        b.stop().await;
    }
    let [ours, reference]: [Refresh; 2] = costs.try_into().expect("two widgets");
    let b = Browser::start(&[]).await;
    let big = big_feed(0);
    b.h.newsroom.set_feed(BIG, big.clone());
    let parse = format!(
        "(async () => {{
           const text = await (await fetch('{}', {{ cache: 'no-store' }})).text();
           return Array.from({{ length: {samples} }}, () => {{
             const start = performance.now();
             JSON.parse(text);
             return performance.now() - start;
           }});
         }})()",
        b.feed_url(BIG)
    );
    let times = b.run(&parse, vec![]).await;
    b.stop().await;
    let times: Vec<f64> = serde_json::from_value(times).expect("times");
    (Pair { ours, reference }, BigFeed { bytes: big.len(), items: BIG_ITEMS, json_parse: Summary::of(&times) })
}

/// One `bench.measure()`: a `refresh()` that brings a new item.
struct Sample {
    event: f64,
    dom: f64,
    records: f64,
    kinds: Vec<String>,
}

async fn measure(b: &Browser) -> Sample {
    let sample = b.run("bench.measure()", vec![]).await;
    let ms = |key: &str| sample[key].as_f64();
    Sample {
        event: ms("event").expect("ms"),
        dom: ms("dom").expect("a new item changes the DOM by the next frame"),
        records: ms("records").expect("count"),
        kinds: serde_json::from_value(sample["kinds"].clone()).expect("kinds"),
    }
}

async fn take_records(b: &Browser) -> f64 {
    b.run("bench.takeRecords()", vec![]).await.as_f64().expect("count")
}

async fn refresh(b: &Browser, cdn: &Cdn, script: &str, widget: Widget, samples: usize) -> Refresh {
    insert(b, cdn, script, widget, &b.feed_url(FEED), 10).await;
    b.run("bench.observe()", vec![]).await;
    let (mut small, mut late_records) = (vec![], 0.0);
    for _ in 0..samples {
        b.h.newsroom.publish(FEED).expect("the feed exists");
        small.push(measure(b).await);
        tokio::time::sleep(Duration::from_millis(200)).await;
        late_records += take_records(b).await;
    }
    let mut unchanged = vec![];
    for _ in 0..samples.min(5) {
        let before = b.h.newsroom.requests(FEED_PATH);
        b.run("bench.widget().refresh()", vec![]).await;
        let started = Instant::now();
        while b.h.newsroom.requests(FEED_PATH) == before {
            assert!(started.elapsed() < Duration::from_secs(10), "no request");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        unchanged.push(take_records(b).await);
    }
    b.blank().await;
    b.h.newsroom.set_feed(BIG, big_feed(0));
    insert(b, cdn, script, widget, &b.feed_url(BIG), 10).await;
    b.run("bench.observe()", vec![]).await;
    let mut big = vec![];
    for revision in 1..=samples {
        b.h.newsroom.set_feed(BIG, big_feed(revision));
        big.push(measure(b).await);
    }
    let summary = |samples: &[Sample], f: fn(&Sample) -> f64| Summary::of(&samples.iter().map(f).collect::<Vec<_>>());
    Refresh {
        latency: summary(&small, |s| s.event),
        dom: summary(&small, |s| s.dom),
        records: summary(&small, |s| s.records),
        late_records,
        kinds: small.pop().map(|s| s.kinds).unwrap_or_default(),
        unchanged_records: Summary::of(&unchanged),
        big_latency: summary(&big, |s| s.event),
        big_dom: summary(&big, |s| s.dom),
    }
}

/// A JSON Feed of about 1 MB with [`BIG_ITEMS`] items; each `revision` adds
/// one item on top and drops the oldest.
pub fn big_feed(revision: usize) -> String {
    let summary = "Ministers met on Thursday to discuss trade, security and energy in the region, \
                   officials said, adding that talks would continue next week in the capital. "
        .repeat(2);
    let items: Vec<Value> = (revision..revision + BIG_ITEMS)
        .rev()
        .map(|i| {
            json!({
                "id": format!("big-{i}"),
                "url": format!("https://www.arabnews.com/node/{}/middle-east/story-{i}", 900_000 + i),
                "title": format!("Story number {i} about the regional economy and diplomacy"),
                "summary": summary,
                "date_published": format!("2024-05-{:02}T{:02}:{:02}:00Z", 1 + i % 28, i % 24, i % 60),
                "tags": ["middle-east", "economy"],
                "_news": { "dateline": "RIYADH" },
            })
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Big feed",
        "language": "en",
        "items": items,
    });
    feed.to_string()
}

/// Memory of one widget at each of [`CHECKPOINTS`]: bytes of wasm linear
/// memory and of JS heap.
#[derive(Clone, Debug)]
pub struct Memory {
    pub wasm: Vec<f64>,
    pub heap: Vec<f64>,
}

impl Memory {
    /// From the first checkpoint to the last, wasm + JS heap.
    pub fn growth(&self) -> f64 {
        let grew = |v: &[f64]| v.last().unwrap_or(&0.0) - v.first().unwrap_or(&0.0);
        grew(&self.wasm) + grew(&self.heap)
    }
}

/// Memory over [`CHECKPOINTS`] refresh cycles (each brings one new
/// headline, so one enters and one leaves the list of 10) for both widgets.
/// The wasm memory is found by watching `WebAssembly.instantiate*`.
pub async fn memory(cdn: &Cdn, scripts: &Scripts) -> Pair<Memory> {
    let mut runs = [vec![], vec![]];
    for widget in [Widget::Ours, Widget::Reference] {
        let b = Browser::start(&["--enable-precise-memory-info", MEMORY_JS_FLAGS]).await;
        b.run("bench.watchWasm()", vec![]).await;
        insert(&b, cdn, scripts.of(widget), widget, &b.feed_url(FEED), 10).await;
        b.run("bench.cycles(arguments[0])", vec![WARM_UP.into()]).await;
        let mut memory = Memory { wasm: vec![], heap: vec![] };
        let mut done = 0;
        for target in CHECKPOINTS {
            while done < target {
                let batch = (target - done).min(100);
                b.run("bench.cycles(arguments[0])", vec![batch.into()]).await;
                done += batch;
            }
            let read = b.run("bench.memory()", vec![]).await;
            memory.wasm.push(read["wasm"].as_f64().expect("bytes"));
            memory.heap.push(read["heap"].as_f64().expect("bytes"));
        }
        b.stop().await;
        runs[slot(widget)].push(memory);
    }
    Pair::from_runs(runs, |memories| memories[0].clone())
}
