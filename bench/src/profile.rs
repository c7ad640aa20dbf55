//! Where a widget's main thread goes between its last byte and its first
//! headline: V8 CPU profiles (`Profiler.start`/`stop`, one sample per
//! 100 µs) cut into categories by the frames on each sample's stack.

use crate::stats::Summary;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// What a CPU sample was doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Script,
    Imports,
    Leptos,
    Rust,
    Stylesheet,
    Intl,
    Parse,
    Program,
    Gc,
    Other,
    Idle,
}

impl Category {
    pub const ALL: [Category; 11] = [
        Category::Script,
        Category::Imports,
        Category::Leptos,
        Category::Rust,
        Category::Stylesheet,
        Category::Intl,
        Category::Parse,
        Category::Program,
        Category::Gc,
        Category::Other,
        Category::Idle,
    ];

    /// What the category holds, for the tables.
    pub fn describe(self) -> &'static str {
        match self {
            Category::Script => {
                "the widget's JS not called from the wasm (ours: the loader with its bundled glue: mount, \
                 instantiation, exports' wrappers; the reference: its script)"
            }
            Category::Imports => "calls from the wasm into JS and the browser (wasm-bindgen imports: DOM, fetch, …)",
            Category::Leptos => {
                "Leptos in the wasm: reactive graph and views (`reactive_graph`, `tachys`, `leptos`, …)"
            }
            Category::Rust => {
                "ours' own Rust (`news_headlines::*` but feed and intl; with the `core`/`alloc` it calls)"
            }
            Category::Stylesheet => "stylesheet (`CSSStyleSheet`, `replaceSync`, adopting it)",
            Category::Intl => {
                "`Intl` (ours: `news_headlines::intl`, `js_sys::Intl`: formatter construction, formatting)"
            }
            Category::Parse => {
                "feed parse (ours: `news_headlines::feed`, with its `JSON.parse`; the reference: `parse`)"
            }
            Category::Program => {
                "`(program)`: V8 and the browser outside JS frames (runtime calls, compiling, layout, commit: the \
                 traces below split the browser's part)"
            }
            Category::Gc => "garbage collection",
            Category::Other => "other JS (the bench's page helpers, builtins)",
            Category::Idle => "idle: waiting (network, off-thread compile, the next frame)",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Category::Script => "script",
            Category::Imports => "imports",
            Category::Leptos => "leptos",
            Category::Rust => "rust",
            Category::Stylesheet => "stylesheet",
            Category::Intl => "intl",
            Category::Parse => "parse",
            Category::Program => "program",
            Category::Gc => "gc",
            Category::Other => "other",
            Category::Idle => "idle",
        }
    }
}

/// A line of a script's source, by URL and 0-based line number.
pub type Source<'a> = dyn Fn(&str, usize) -> Option<String> + 'a;

/// One call frame.
struct Frame {
    function: String,
    url: String,
    /// 0-based, where the function starts.
    line: usize,
    column: usize,
    /// The widgets' JS: the start of the function's (minified) source.
    snippet: Option<String>,
}

impl Frame {
    fn is_wasm(&self) -> bool {
        self.url.ends_with(".wasm") || self.url.starts_with("wasm://")
    }

    /// The crate of a Rust function name: its first path segment, past `<` and `&`.
    fn krate(&self) -> &str {
        let name = self.function.trim_start_matches(['<', '&']);
        name.split("::").next().unwrap_or_default()
    }

    /// A readable name: Rust hashes dropped; JS with its file and, for the
    /// widgets' (minified) scripts, the start of its source.
    fn label(&self) -> String {
        let function = if self.function.is_empty() { "(anonymous)" } else { &self.function };
        if self.is_wasm() {
            match function.rfind("::h") {
                Some(at) if function.len() - at == 19 => function[..at].to_owned(),
                _ => function.to_owned(),
            }
        } else if let Some(snippet) = &self.snippet {
            let file = self.url.rsplit('/').next().unwrap_or_default();
            format!("{function} «{snippet}» ({file}:{}:{})", self.line + 1, self.column + 1)
        } else if self.url.is_empty() {
            function.to_owned()
        } else {
            format!("{function} ({})", self.url.rsplit('/').next().unwrap_or_default())
        }
    }

    /// A category this frame marks wherever it is on the stack.
    fn marks(&self) -> Option<Category> {
        let f = self.function.as_str();
        let builtin = self.url.is_empty();
        let snippet = self.snippet.as_deref().unwrap_or_default();
        if f.starts_with("news_headlines::feed") || (f == "parse" && self.snippet.is_some()) {
            Some(Category::Parse)
        } else if f.starts_with("news_headlines::intl")
            || f.contains("js_sys::Intl")
            || snippet.contains("Intl.")
            || (builtin && matches!(f, "RelativeTimeFormat" | "DateTimeFormat" | "format"))
        {
            Some(Category::Intl)
        } else if f.contains("adopt_style") || f.contains("CssStyleSheet") || (builtin && f == "replaceSync") {
            Some(Category::Stylesheet)
        } else {
            None
        }
    }
}

/// Crates of Leptos and its runtime.
const LEPTOS: [&str; 13] = [
    "tachys",
    "reactive_graph",
    "leptos",
    "leptos_dom",
    "any_spawner",
    "or_poisoned",
    "throw_error",
    "hydration_context",
    "server_fn",
    "either_of",
    "oco_ref",
    "slotmap",
    "guardian",
];

/// The category of a sample's stack (leaf first).
fn classify(stack: &[&Frame]) -> Category {
    if let Some(marked) = stack.iter().find_map(|frame| frame.marks()) {
        return marked;
    }
    let mut script = false;
    for frame in stack {
        match frame.function.as_str() {
            "(idle)" => return Category::Idle,
            "(program)" => return Category::Program,
            "(garbage collector)" => return Category::Gc,
            "wasm-to-js" => return Category::Imports,
            "js-to-wasm" => return Category::Script,
            _ => {}
        }
        if frame.is_wasm() {
            match frame.krate() {
                krate if LEPTOS.contains(&krate) => return Category::Leptos,
                "news_headlines" => return Category::Rust,
                _ => continue,
            }
        }
        script |= frame.snippet.is_some();
    }
    if script {
        Category::Script
    } else {
        Category::Other
    }
}

/// One profile, sample by sample: (ms since the measurement's start, ms the
/// sample stands for, its stack leaf first as indices into `frames`).
pub struct Samples {
    frames: Vec<Frame>,
    samples: Vec<(f64, f64, Vec<usize>)>,
}

impl Samples {
    /// Reads a `Profiler.Profile`; time 0 is the end of the page's busy
    /// `bench.mark` (which ends where `bench.insert` takes its start), and
    /// `None` when no sample caught that mark (the sampler sometimes starts
    /// late). `origin` is the widgets' (`http://127.0.0.1:PORT/`), `source`
    /// reads their scripts.
    pub fn of(profile: &Value, origin: &str, source: &Source) -> Option<Samples> {
        let nodes = profile["nodes"].as_array().expect("profile nodes");
        let mut index = HashMap::new();
        let mut frames = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            index.insert(node["id"].as_u64().expect("node id"), i);
            let call = &node["callFrame"];
            let text = |key: &str| call[key].as_str().unwrap_or_default().to_owned();
            let number = |key: &str| call[key].as_u64().and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
            let (url, line, column) = (text("url"), number("lineNumber"), number("columnNumber"));
            let snippet = (url.starts_with(origin) && !url.ends_with(".wasm"))
                .then(|| source(&url, line).map(|text| text.chars().skip(column).take(60).collect()))
                .flatten();
            frames.push(Frame { function: text("functionName"), url, line, column, snippet });
        }
        let mut parent = vec![None; nodes.len()];
        for (i, node) in nodes.iter().enumerate() {
            for child in node["children"].as_array().into_iter().flatten() {
                parent[index[&child.as_u64().expect("child id")]] = Some(i);
            }
        }
        let ids = profile["samples"].as_array().expect("samples");
        let deltas = profile["timeDeltas"].as_array().expect("time deltas");
        let mut at = profile["startTime"].as_f64().expect("start time");
        let mut times = Vec::with_capacity(ids.len());
        for delta in deltas {
            at += delta.as_f64().unwrap_or(0.0);
            times.push(at / 1000.0);
        }
        let end = profile["endTime"].as_f64().map_or(at, |end| end / 1000.0);
        let mut samples: Vec<(f64, f64, Vec<usize>)> = (ids.iter().zip(&times).enumerate())
            .map(|(i, (id, &time))| {
                let next = times.get(i + 1).copied().unwrap_or(end);
                let mut stack = vec![index[&id.as_u64().expect("sample id")]];
                while let Some(up) = parent[*stack.last().expect("a leaf")] {
                    stack.push(up);
                }
                (time, (next - time).max(0.0), stack)
            })
            .collect();
        let is_mark = |stack: &Vec<usize>| {
            stack.iter().any(|&f| frames[f].function == "mark" && frames[f].url.contains("/bench/"))
        };
        let zero = (samples.iter().rev()).find(|(_, _, stack)| is_mark(stack)).map(|(time, ms, _)| time + ms)?;
        for sample in &mut samples {
            sample.0 -= zero;
        }
        Some(Samples { frames, samples })
    }

    /// Main-thread ms per category between `from` and `to` (ms since start).
    pub fn categories(&self, from: f64, to: f64) -> BTreeMap<Category, f64> {
        let mut totals = BTreeMap::new();
        for (_, ms, stack) in self.within(from, to) {
            let frames: Vec<&Frame> = stack.iter().map(|&f| &self.frames[f]).collect();
            *totals.entry(classify(&frames)).or_default() += ms;
        }
        totals
    }

    /// Self time (ms) per leaf function between `from` and `to`, idle left
    /// out; JS called from the wasm is named with its wasm caller.
    pub fn self_times(&self, from: f64, to: f64) -> BTreeMap<String, f64> {
        let mut totals = BTreeMap::new();
        for (_, ms, stack) in self.within(from, to) {
            let leaf = &self.frames[stack[0]];
            if leaf.function == "(idle)" {
                continue;
            }
            let mut label = leaf.label();
            if !leaf.is_wasm() {
                if let Some(caller) = stack.iter().map(|&f| &self.frames[f]).find(|frame| frame.is_wasm()) {
                    label = format!("{label} ← {}", caller.label());
                }
            }
            *totals.entry(label).or_default() += ms;
        }
        totals
    }

    fn within(&self, from: f64, to: f64) -> impl Iterator<Item = &(f64, f64, Vec<usize>)> {
        self.samples.iter().filter(move |(time, _, _)| (from..to).contains(time))
    }
}

/// A widget's profiled first loads, summarised.
#[derive(Clone, Debug)]
pub struct Breakdown {
    /// Script inserted → first `li` at a frame, while profiled (ms).
    pub first: Summary,
    /// The last response's end (ms since start).
    pub bytes: Summary,
    /// Per category: ms between the last byte and the first headline, and over the whole load.
    pub categories: Vec<(Category, Summary, Summary)>,
    /// Milestones (name, ms since start).
    pub milestones: Vec<(String, Summary)>,
    /// The functions with the most self time between the last byte and the
    /// first headline: (label, mean ms per load).
    pub top: Vec<(String, f64)>,
    /// First headline in the traced loads (ms).
    pub traced_first: Summary,
    /// Main-thread self time per trace event, last byte → first headline, in
    /// the traced loads: (event, mean ms per load), most first.
    pub trace: Vec<(String, f64)>,
}

/// One profiled load: its samples and the page's figures.
pub struct Load {
    pub samples: Samples,
    pub first: f64,
    pub bytes: f64,
    pub milestones: Vec<(String, f64)>,
}

/// One traced load (no profiler): main-thread self time (ms) per trace
/// event from the last byte to the first headline.
pub struct Traced {
    pub first: f64,
    pub events: BTreeMap<String, f64>,
}

impl Breakdown {
    pub fn of(loads: &[Load], traced: &[Traced]) -> Breakdown {
        let summary = |f: &dyn Fn(&Load) -> f64| Summary::of(&loads.iter().map(f).collect::<Vec<_>>());
        let windows: Vec<_> = (loads.iter())
            .map(|load| (load.samples.categories(load.bytes, load.first), load.samples.categories(0.0, load.first)))
            .collect();
        let categories = (Category::ALL.into_iter())
            .filter(|category| {
                windows.iter().any(|(window, whole)| window.contains_key(category) || whole.contains_key(category))
            })
            .map(|category| {
                let of = |map: &BTreeMap<Category, f64>| map.get(&category).copied().unwrap_or(0.0);
                let window: Vec<f64> = windows.iter().map(|(window, _)| of(window)).collect();
                let whole: Vec<f64> = windows.iter().map(|(_, whole)| of(whole)).collect();
                (category, Summary::of(&window), Summary::of(&whole))
            })
            .collect();
        let mut names: Vec<String> = Vec::new();
        for (name, _) in loads.iter().flat_map(|load| &load.milestones) {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        let milestones = (names.into_iter())
            .filter_map(|name| {
                let times: Vec<f64> = loads
                    .iter()
                    .filter_map(|load| load.milestones.iter().find(|(n, _)| *n == name).map(|(_, t)| *t))
                    .collect();
                (!times.is_empty()).then(|| (name, Summary::of(&times)))
            })
            .collect();
        let mut top: BTreeMap<String, f64> = BTreeMap::new();
        for load in loads {
            for (name, ms) in load.samples.self_times(load.bytes, load.first) {
                *top.entry(name).or_default() += ms / loads.len() as f64;
            }
        }
        let mut trace: BTreeMap<String, f64> = BTreeMap::new();
        for (name, ms) in traced.iter().flat_map(|load| &load.events) {
            *trace.entry(name.clone()).or_default() += ms / traced.len() as f64;
        }
        let most_first = |map: BTreeMap<String, f64>| {
            let mut list: Vec<(String, f64)> = map.into_iter().collect();
            list.sort_by(|a, b| b.1.total_cmp(&a.1));
            list
        };
        let mut top = most_first(top);
        top.truncate(20);
        Breakdown {
            first: summary(&|load| load.first),
            bytes: summary(&|load| load.bytes),
            categories,
            milestones,
            top,
            traced_first: Summary::of(&traced.iter().map(|load| load.first).collect::<Vec<_>>()),
            trace: most_first(trace),
        }
    }
}
