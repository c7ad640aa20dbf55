//! The measurements in headless Chromium: one fresh browser per cold-cache
//! sample, one browser per widget for the rest.

use crate::stats::Summary;
use harness::Harness;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The reference widget's file in `bench/reference/`, served at [`REFERENCE_URL`].
pub const REFERENCE_FILE: &str = "vanilla-headlines.js";
const REFERENCE_URL: &str = "/bench/vanilla-headlines.js";
/// The feed both widgets show, and its path.
const FEED: &str = "latest-middle-east";
const FEED_PATH: &str = "/feeds/latest-middle-east.json";
/// The generated large feed's name.
const BIG: &str = "big";
/// Memory is read after this many refresh cycles (growth: first to last).
pub const CHECKPOINTS: [u32; 5] = [10, 100, 250, 500, 1_000];

/// Which widget is measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Widget {
    Ours,
    Reference,
}

impl Widget {
    fn tag(self) -> &'static str {
        match self {
            Widget::Ours => "news-headlines",
            Widget::Reference => "vanilla-headlines",
        }
    }

    fn script(self) -> &'static str {
        match self {
            Widget::Ours => "/news-headlines.js",
            Widget::Reference => REFERENCE_URL,
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
    /// Measures `ours` first, then `reference`.
    async fn measure<F: std::future::Future<Output = T>>(mut f: impl FnMut(Widget) -> F) -> Self {
        let ours = f(Widget::Ours).await;
        let reference = f(Widget::Reference).await;
        Pair { ours, reference }
    }
}

/// Page-side helpers, on `window.bench` in every blank page.
const HELPERS: &str = r#"
window.bench = {
  widget: () => document.querySelector("news-headlines, vanilla-headlines"),
  frame: () => new Promise((resolve) => requestAnimationFrame(resolve)),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  // Inserts the script and one widget; resolves with the ms until the first
  // item exists in its shadow root at an animation frame, and when each
  // fetched file's request started and its response ended.
  async insert(script, tag, attrs) {
    const start = performance.now();
    document.head.append(Object.assign(document.createElement("script"), { src: script, async: true }));
    const widget = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) widget.setAttribute(name, value);
    document.body.append(widget);
    while (!widget.shadowRoot?.querySelector("li[part=item]")) await bench.frame();
    const first = performance.now() - start;
    const fetched = performance.getEntriesByType("resource").filter((entry) => entry.startTime >= start);
    const resources = fetched.map((entry) => ({
      name: new URL(entry.name).pathname.split("/").pop(),
      start: entry.startTime - start,
      end: entry.responseEnd - start,
    }));
    return { first, resources };
  },
  // Calls refresh(); resolves with the ms until the update event.
  refreshed() {
    const widget = bench.widget();
    const start = (bench.start = performance.now());
    const updated = new Promise((resolve) =>
      widget.addEventListener("news-headlines:update", () => resolve(performance.now() - start), { once: true }),
    );
    widget.refresh();
    return updated;
  },
  // refreshed(), then one frame: the ms to the event and to the last DOM
  // mutation (null if none), the mutation records and what they were.
  async measure() {
    bench.mutated = null;
    const event = await bench.refreshed();
    await bench.frame();
    const dom = bench.mutated === null ? null : bench.mutated - bench.start;
    return { event, dom, records: bench.takeRecords(), kinds: bench.kinds.splice(0) };
  },
  records: 0,
  kinds: [],
  observe() {
    const name = (node) => node.nodeName.toLowerCase() + (node.getAttribute?.("part") ? `[${node.getAttribute("part")}]` : "");
    bench.observer = new MutationObserver((records) => {
      bench.records += records.length;
      bench.mutated = performance.now();
      for (const r of records) {
        const detail = r.type === "attributes" ? ` ${r.attributeName}` : r.type === "childList" ? ` +${r.addedNodes.length} -${r.removedNodes.length}` : "";
        bench.kinds.push(`${r.type} ${name(r.target)}${detail}`);
      }
    });
    bench.observer.observe(bench.widget().shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
  },
  // Mutation records since the last call.
  takeRecords() {
    const count = bench.records + bench.observer.takeRecords().length;
    bench.records = 0;
    return count;
  },
  async cycles(count) {
    for (let i = 0; i < count; i++) {
      await fetch("/_newsroom/publish/latest-middle-east", { method: "POST" });
      await bench.refreshed();
    }
  },
  // Wasm linear memory (0 without `glue`) and JS heap, after garbage collection.
  async memory(glue) {
    for (let i = 0; i < 3; i++) { gc(); await bench.sleep(50); }
    const wasm = glue ? (await (await import(glue)).default()).memory.buffer.byteLength : 0;
    return { wasm, heap: performance.memory.usedJSHeapSize };
  },
};
"#;

/// The files both widgets load, served from memory by the newsroom, so both
/// widgets are served the same way (ours from `dist/` is measured once too,
/// for comparison).
pub struct Assets {
    /// (URL path, bytes): the loader and the files it fetches.
    pub ours: Vec<(String, Vec<u8>)>,
    pub reference: Vec<u8>,
}

/// A browser on a blank page with the helpers; ours is served from `dist/`
/// unless `ours_in_memory`.
async fn browser(flags: &[&str], assets: &Assets, ours_in_memory: bool) -> Harness {
    let h = Harness::start_with(flags).await;
    let reference = (REFERENCE_URL.to_owned(), assets.reference.clone());
    let ours = assets.ours.iter().filter(|_| ours_in_memory);
    for (path, body) in ours.chain([&reference]) {
        let content_type = if path.ends_with(".wasm") { "application/wasm" } else { "text/javascript" };
        h.newsroom.add_asset(path, content_type, body.clone());
    }
    blank(&h).await;
    h
}

async fn blank(h: &Harness) {
    let page = format!("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>bench</title><link rel=\"icon\" href=\"data:,\"><script>{HELPERS}</script></head><body></body></html>");
    h.open_page("/bench/blank.html", &page).await;
}

/// Awaits the promise `expr` in the page.
async fn run(h: &Harness, expr: &str, args: Vec<Value>) -> Value {
    h.js(&format!("return {expr};"), args).await
}

/// Inserts `widget` showing `src` (no timer refresh, 10 items); returns
/// `{first, resources}` (see `bench.insert`) once its first headline shows.
async fn insert(h: &Harness, widget: Widget, src: &str) -> Value {
    let attrs = json!({ "src": src, "limit": "10", "refresh": "0" });
    let args = vec![widget.script().into(), widget.tag().into(), attrs];
    run(h, "bench.insert(...arguments)", args).await
}

async fn take_records(h: &Harness) -> f64 {
    let records = run(h, "bench.takeRecords()", vec![]).await;
    records.as_f64().expect("count")
}

/// One `bench.measure()`: a `refresh()` that brings a new item.
struct Sample {
    event: f64,
    dom: f64,
    records: f64,
    kinds: Vec<String>,
}

async fn measure(h: &Harness) -> Sample {
    let sample = run(h, "bench.measure()", vec![]).await;
    let ms = |key: &str| sample[key].as_f64();
    Sample {
        event: ms("event").expect("ms"),
        dom: ms("dom").expect("a new item changes the DOM by the next frame"),
        records: ms("records").expect("count"),
        kinds: serde_json::from_value(sample["kinds"].clone()).expect("kinds"),
    }
}

/// Time to first headline of one widget, and when each file it fetched
/// started and finished loading (ms since insertion).
#[derive(Clone, Debug)]
pub struct FirstHeadline {
    pub time: Summary,
    /// (file name, request start, response end), by median start.
    pub waterfall: Vec<(String, Summary, Summary)>,
}

impl FirstHeadline {
    fn of(samples: &[Value]) -> FirstHeadline {
        let ms = |value: &Value| value.as_f64().expect("ms");
        let mut files: BTreeMap<&str, [Vec<f64>; 2]> = BTreeMap::new();
        for sample in samples {
            for resource in sample["resources"].as_array().expect("resources") {
                let [starts, ends] = files.entry(resource["name"].as_str().expect("name")).or_default();
                starts.push(ms(&resource["start"]));
                ends.push(ms(&resource["end"]));
            }
        }
        let mut waterfall: Vec<_> = (files.into_iter())
            .map(|(name, [starts, ends])| (name.to_owned(), Summary::of(&starts), Summary::of(&ends)))
            .collect();
        waterfall.sort_by(|a, b| a.1.median.total_cmp(&b.1.median));
        let times: Vec<f64> = samples.iter().map(|sample| ms(&sample["first"])).collect();
        FirstHeadline { time: Summary::of(&times), waterfall }
    }
}

/// Time to first headline, cold cache: a fresh browser per sample, the order
/// rotating between samples; also ours with its files served from `dist/`.
pub async fn first_headline(samples: usize, assets: &Assets) -> (Pair<FirstHeadline>, FirstHeadline) {
    let mut runs = [vec![], vec![], vec![]];
    for sample in 0..samples {
        let mut order = [(Widget::Ours, true), (Widget::Reference, true), (Widget::Ours, false)];
        order.rotate_left(sample % 3);
        for (widget, in_memory) in order {
            let h = browser(&[], assets, in_memory).await;
            let run = insert(&h, widget, FEED_PATH).await;
            h.stop().await;
            runs[match (widget, in_memory) {
                (Widget::Ours, true) => 0,
                (Widget::Reference, _) => 1,
                (Widget::Ours, false) => 2,
            }]
            .push(run);
        }
    }
    let [ours, reference, from_dist] = runs.map(|runs| FirstHeadline::of(&runs));
    (Pair { ours, reference }, from_dist)
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

/// Refresh costs for both widgets, and `JSON.parse` of the large feed.
pub async fn refresh_costs(samples: usize, assets: &Assets) -> (Pair<Refresh>, BigFeed) {
    let big = big_feed(0);
    let costs = Pair::measure(|widget| async move {
        let h = browser(&[], assets, true).await;
        let cost = refresh(&h, widget, samples).await;
        h.stop().await;
        cost
    })
    .await;
    let h = browser(&[], assets, true).await;
    h.newsroom.set_feed(BIG, big.clone());
    let parse = format!(
        "(async () => {{
           const text = await (await fetch('/feeds/{BIG}.json', {{ cache: 'no-store' }})).text();
           return Array.from({{ length: {samples} }}, () => {{
             const start = performance.now();
             JSON.parse(text);
             return performance.now() - start;
           }});
         }})()"
    );
    let times = run(&h, &parse, vec![]).await;
    h.stop().await;
    let times: Vec<f64> = serde_json::from_value(times).expect("times");
    let json_parse = Summary::of(&times);
    let bytes = big.len();
    let items = BIG_ITEMS;
    (costs, BigFeed { bytes, items, json_parse })
}

async fn refresh(h: &Harness, widget: Widget, samples: usize) -> Refresh {
    insert(h, widget, FEED_PATH).await;
    run(h, "bench.observe()", vec![]).await;
    let (mut small, mut late_records) = (vec![], 0.0);
    for _ in 0..samples {
        h.newsroom.publish(FEED).expect("the feed exists");
        small.push(measure(h).await);
        tokio::time::sleep(Duration::from_millis(200)).await;
        late_records += take_records(h).await;
    }
    let mut unchanged = vec![];
    for _ in 0..samples.min(5) {
        let before = h.newsroom.requests(FEED_PATH);
        run(h, "bench.widget().refresh()", vec![]).await;
        let started = Instant::now();
        while h.newsroom.requests(FEED_PATH) == before {
            assert!(started.elapsed() < Duration::from_secs(10), "no request");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        unchanged.push(take_records(h).await);
    }
    blank(h).await;
    h.newsroom.set_feed(BIG, big_feed(0));
    insert(h, widget, &format!("/feeds/{BIG}.json")).await;
    run(h, "bench.observe()", vec![]).await;
    let mut big = vec![];
    for revision in 1..=samples {
        h.newsroom.set_feed(BIG, big_feed(revision));
        big.push(measure(h).await);
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

/// Items in the large feed.
const BIG_ITEMS: usize = 2_000;

/// A JSON Feed of about 1 MB; each `revision` adds one item on top and
/// drops the oldest.
fn big_feed(revision: usize) -> String {
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

/// Memory over [`CHECKPOINTS`] refresh cycles for both widgets.
pub async fn memory(glue: &str, assets: &Assets) -> Pair<Memory> {
    Pair::measure(|widget| async move {
        let flags = ["--enable-precise-memory-info", "--js-flags=--expose-gc"];
        let h = browser(&flags, assets, true).await;
        insert(&h, widget, FEED_PATH).await;
        let glue = (widget == Widget::Ours).then(|| h.url(&format!("/{glue}")));
        let mut memory = Memory { wasm: vec![], heap: vec![] };
        let mut done = 0;
        for target in CHECKPOINTS {
            while done < target {
                let batch = (target - done).min(100);
                run(&h, "bench.cycles(arguments[0])", vec![batch.into()]).await;
                done += batch;
            }
            let read = run(&h, "bench.memory(arguments[0])", vec![json!(glue)]).await;
            memory.wasm.push(read["wasm"].as_f64().expect("bytes"));
            memory.heap.push(read["heap"].as_f64().expect("bytes"));
        }
        h.stop().await;
        memory
    })
    .await
}
