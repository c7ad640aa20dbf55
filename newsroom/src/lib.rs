//! `newsroom`: a small development feed server for the `<news-headlines>` widget.
//!
//! It serves a built `dist/` folder and JSON Feeds held in memory (with
//! `ETag`, `Last-Modified` and CORS headers), publishes new stories on a timer
//! or on request, and can be scripted to misbehave for tests (see [`Fault`]).
//! Control endpoints under `/_newsroom/` expose the same scripting over HTTP.

mod dates;
mod http;
mod stories;
#[cfg(test)]
mod tests;

use axum::body::Bytes;
use serde_json::{json, Value};
use serving::{Coding, Forms};
use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use std::{fmt, fs, io};
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Most items a feed keeps when stories are published; the oldest are dropped.
pub const MAX_ITEMS: usize = 60;

/// How long the newest item is before server start when dates are rebased.
const REBASED_NEWEST_AGE: i64 = 180;

/// Where the newsroom finds its files and how it behaves.
#[derive(Clone, Debug)]
pub struct Config {
    /// Static files served for every path without a route (the built `dist/`).
    pub dist: PathBuf,
    /// Folder whose `*.json` files are served as `/feeds/{stem}.json`.
    pub feeds: PathBuf,
    /// Publish one story to every English feed this often; `None` = never.
    pub publish_every: Option<Duration>,
    /// On load, shift item dates so the newest is 3 minutes old, keeping gaps.
    pub rebase_dates: bool,
}

/// A scripted misbehaviour for the next requests to a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status and a short text body.
    Status(u16),
    /// Answer `304 Not Modified`, whatever the request.
    NotModified,
    /// Never answer (for 5 minutes, or until the server stops).
    Hang,
    /// Make the normal answer on arrival but send it a second later: an
    /// answer older than what happens meanwhile (a publish, a `refresh()`).
    Late,
    /// Answer `200` with a cut-off JSON Feed.
    BadJson,
    /// Answer `200` with a `Content-Length` larger than what is sent before
    /// the connection fails.
    Truncated,
    /// Give the normal answer without `Access-Control-Allow-Origin`.
    NoCors,
    /// Give the normal answer as `text/html`.
    WrongContentType,
    /// Answer `200` with a JSON Feed type and a [`OVERSIZED_BYTES`] body of
    /// spaces, sent while the client reads it (see [`Newsroom::oversized`]).
    Oversized,
}

/// The `Content-Length` of [`Fault::Oversized`]: far over what the widget takes.
pub const OVERSIZED_BYTES: u64 = 64 * 1024 * 1024;

/// How much of the last [`Fault::Oversized`] body the client took.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Oversized {
    /// Bytes handed to the connection so far.
    pub sent: u64,
    /// The body has ended: sent whole, or dropped because the client left.
    pub ended: bool,
}

impl FromStr for Fault {
    type Err = String;

    /// Parses the control endpoint's names: a status code (`304` is
    /// [`Fault::NotModified`]), `hang`, `late`, `bad-json`, `truncated`, `no-cors`
    /// `wrong-type` or `oversized`.
    fn from_str(name: &str) -> Result<Fault, String> {
        Ok(match name {
            "304" => Fault::NotModified,
            "hang" => Fault::Hang,
            "late" => Fault::Late,
            "bad-json" => Fault::BadJson,
            "truncated" => Fault::Truncated,
            "no-cors" => Fault::NoCors,
            "wrong-type" => Fault::WrongContentType,
            "oversized" => Fault::Oversized,
            _ => match name.parse() {
                Ok(status @ 100..=599) => Fault::Status(status),
                _ => return Err(format!("unknown fault {name:?}")),
            },
        })
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Status(status) => write!(f, "{status}"),
            Fault::NotModified => f.write_str("304"),
            Fault::Hang => f.write_str("hang"),
            Fault::Late => f.write_str("late"),
            Fault::BadJson => f.write_str("bad-json"),
            Fault::Truncated => f.write_str("truncated"),
            Fault::NoCors => f.write_str("no-cors"),
            Fault::WrongContentType => f.write_str("wrong-type"),
            Fault::Oversized => f.write_str("oversized"),
        }
    }
}

/// One served feed document, compressed as news-bridge sends it, and its
/// validators.
#[derive(Clone)]
struct Feed {
    forms: Forms,
    /// The body's hash, which each coding's entity tag is made from.
    hash: String,
    /// Whole seconds; every change moves it forward by at least one second,
    /// so `If-Modified-Since` always sees the change.
    modified: SystemTime,
}

impl Feed {
    fn new(body: impl Into<Bytes>, previous: Option<&Feed>) -> std::io::Result<Feed> {
        let body = body.into();
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let now = unix_now().max(previous.map_or(0, |feed| unix_seconds(feed.modified) + 1));
        let modified = UNIX_EPOCH + Duration::from_secs(now.try_into().unwrap_or_default());
        let hash = format!("{:016x}-{:x}", hasher.finish(), body.len());
        Ok(Feed { forms: Forms::new(body)?, hash, modified })
    }

    /// The strong `ETag` of the body in `coding` (each coding has its own, as
    /// news-bridge's do).
    fn etag(&self, coding: Coding) -> String {
        coding.entity_tag(&self.hash)
    }

    fn json(&self) -> Option<Value> {
        serde_json::from_slice(self.forms.body(Coding::Identity)).ok()
    }
}

#[derive(Default)]
struct State {
    feeds: BTreeMap<String, Feed>,
    pages: HashMap<String, String>,
    assets: HashMap<String, (&'static str, Bytes)>,
    redirects: HashMap<String, String>,
    faults: HashMap<String, (Fault, u32)>,
    /// `Cache-Control` of feeds that do not send `no-cache`, by name.
    caching: HashMap<String, String>,
    requests: HashMap<String, u64>,
    oversized: Oversized,
    published: u64,
    /// Stories published to each feed so far.
    published_to: HashMap<String, u64>,
}

struct Inner {
    config: Config,
    state: Mutex<State>,
    /// `true` once `serve` has ended: hanging requests give up.
    stopped: watch::Sender<bool>,
    log: AtomicBool,
}

/// The feed server: cheap to clone, all clones share one state.
#[derive(Clone)]
pub struct Newsroom {
    inner: Arc<Inner>,
}

impl Newsroom {
    /// Reads every `*.json` file in `config.feeds` (rebasing dates if asked).
    pub fn load(config: Config) -> io::Result<Newsroom> {
        let newest = unix_now() - REBASED_NEWEST_AGE;
        let mut feeds = BTreeMap::new();
        for entry in fs::read_dir(&config.feeds)? {
            let path = entry?.path();
            let Some(name) = path.file_stem().and_then(|stem| stem.to_str()) else {
                continue;
            };
            if path.extension().is_none_or(|ext| ext != "json") {
                continue;
            }
            let mut body = fs::read(&path)?;
            if config.rebase_dates {
                if let Ok(mut doc) = serde_json::from_slice::<Value>(&body) {
                    rebase_dates(&mut doc, newest);
                    body = pretty(&doc);
                }
            }
            feeds.insert(name.to_owned(), Feed::new(body, None)?);
        }
        let state = Mutex::new(State { feeds, ..State::default() });
        let inner = Inner { config, state, stopped: watch::Sender::new(false), log: AtomicBool::new(false) };
        Ok(Newsroom { inner: Arc::new(inner) })
    }

    /// The HTTP routes: feeds, control endpoints, added pages and `dist/`.
    pub fn router(&self) -> axum::Router {
        http::router(self.clone())
    }

    /// Serves on `listener` (and runs the publisher, if configured) until an
    /// I/O error; dropping the future stops serving and ends hanging requests.
    pub async fn serve(self, listener: TcpListener) -> io::Result<()> {
        /// Ends hanging requests however `serve` ends.
        struct Stop(Arc<Inner>);
        impl Drop for Stop {
            fn drop(&mut self) {
                self.0.stopped.send_replace(true);
            }
        }
        self.inner.stopped.send_replace(false);
        let _stop = Stop(self.inner.clone());
        let publisher = async {
            let Some(every) = self.inner.config.publish_every else {
                return std::future::pending().await;
            };
            let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                self.publish_to_every_feed();
            }
        };
        // No Nagle delay: small answers (the loader, a 304) leave at once.
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        tokio::select! {
            served = axum::serve(listener, self.router()) => served,
            () = publisher => Ok(()),
        }
    }

    /// Prepends a new story from the built-in pool to feed `feed` (a file
    /// stem such as `latest-middle-east`); returns its id, or `None` if there
    /// is no such feed or it is not a JSON object with `items`.
    pub fn publish(&self, feed: &str) -> Option<String> {
        let mut state = self.state();
        let current = state.feeds.get(feed)?;
        let mut doc = current.json()?;
        let number = state.published + 1;
        let language = doc.get("language").and_then(Value::as_str).unwrap_or("en").to_owned();
        let nth = state.published_to.get(feed).copied().unwrap_or(0) + 1;
        let items = doc.get_mut("items")?.as_array_mut()?;
        let (item, id) = stories::item(&language, nth, number, unix_now());
        items.insert(0, item);
        items.truncate(MAX_ITEMS);
        let next = Feed::new(pretty(&doc), Some(current)).inspect_err(|e| eprintln!("newsroom: {feed}: {e}")).ok()?;
        state.feeds.insert(feed.to_owned(), next);
        state.published = number;
        state.published_to.insert(feed.to_owned(), nth);
        Some(id)
    }

    /// Scripts the next `count` requests to `path` (e.g.
    /// `/feeds/latest-middle-east.json`) to fail with `fault`; `0` clears it.
    pub fn fail_next(&self, path: &str, fault: Fault, count: u32) {
        let mut state = self.state();
        if count == 0 {
            state.faults.remove(path);
        } else {
            state.faults.insert(path.to_owned(), (fault, count));
        }
    }

    /// Requests seen for `path` (any method, counted before faults and 304s).
    pub fn requests(&self, path: &str) -> u64 {
        self.state().requests.get(path).copied().unwrap_or(0)
    }

    /// Serves `html` as `text/html` at `path`, before any file in `dist/`.
    pub fn add_page(&self, path: &str, html: String) {
        self.state().pages.insert(path.to_owned(), html);
    }

    /// Serves `body` as `content_type` at `path`, like [`Newsroom::add_page`]
    /// (before `dist/`, `no-cache`): for scripts that are not in `dist/`.
    pub fn add_asset(&self, path: &str, content_type: &'static str, body: Vec<u8>) {
        let asset = (content_type, Bytes::from(body));
        self.state().assets.insert(path.to_owned(), asset);
    }

    /// Serves exactly `body` (valid JSON or not) at `/feeds/{name}.json`,
    /// replacing or creating that feed, with a new `ETag` (a failure to
    /// compress it keeps the feed served before, and says so on stderr).
    pub fn set_feed(&self, name: &str, body: String) {
        let mut state = self.state();
        match Feed::new(body, state.feeds.get(name)) {
            Ok(feed) => _ = state.feeds.insert(name.to_owned(), feed),
            Err(error) => eprintln!("newsroom: {name}: {error}"),
        }
    }

    /// Sends feed `name` with `Cache-Control: cache_control` instead of
    /// `no-cache` (the tests of repeat page views).
    pub fn set_feed_caching(&self, name: &str, cache_control: &str) {
        self.state().caching.insert(name.to_owned(), cache_control.to_owned());
    }

    /// The `Cache-Control` feed `name` is sent with.
    fn feed_caching(&self, name: &str) -> String {
        self.state().caching.get(name).cloned().unwrap_or_else(|| "no-cache".to_owned())
    }

    /// Clears scripted faults and request counts.
    pub fn reset(&self) {
        let mut state = self.state();
        state.faults.clear();
        state.requests.clear();
    }

    /// Logs one line per request (method, path, status) and each publication
    /// to stderr when `on`; off by default.
    pub fn log_requests(&self, on: bool) {
        self.inner.log.store(on, Ordering::Relaxed);
    }

    fn logging(&self) -> bool {
        self.inner.log.load(Ordering::Relaxed)
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Counts a request to `path` and, if `take_fault`, uses up one scripted fault.
    fn arrive(&self, path: &str, take_fault: bool) -> Option<Fault> {
        let mut state = self.state();
        *state.requests.entry(path.to_owned()).or_default() += 1;
        let (fault, left) = state.faults.get_mut(path).filter(|_| take_fault)?;
        let fault = *fault;
        *left -= 1;
        if *left == 0 {
            state.faults.remove(path);
        }
        Some(fault)
    }

    /// How much the client took of the last [`Fault::Oversized`] body.
    pub fn oversized(&self) -> Oversized {
        self.state().oversized
    }

    /// Records what an [`Fault::Oversized`] body has sent.
    fn record_oversized(&self, oversized: Oversized) {
        self.state().oversized = oversized;
    }

    /// Answers requests to `from` with `302 Found` to `to` (before `dist/`).
    pub fn add_redirect(&self, from: &str, to: &str) {
        self.state().redirects.insert(from.to_owned(), to.to_owned());
    }

    fn feed(&self, name: &str) -> Option<Feed> {
        self.state().feeds.get(name).cloned()
    }

    fn page(&self, path: &str) -> Option<String> {
        self.state().pages.get(path).cloned()
    }

    fn asset(&self, path: &str) -> Option<(&'static str, Bytes)> {
        self.state().assets.get(path).cloned()
    }

    fn redirect(&self, path: &str) -> Option<String> {
        self.state().redirects.get(path).cloned()
    }

    /// Waits 5 minutes, or until serving stops.
    async fn hang(&self) {
        let mut stopped = self.inner.stopped.subscribe();
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(300)) => {}
            _ = stopped.wait_for(|stopped| *stopped) => {}
        }
    }

    /// One publisher tick: a story for every feed in a language the story
    /// pool speaks (English and Arabic).
    fn publish_to_every_feed(&self) {
        let feeds: Vec<String> = (self.state().feeds.iter())
            .filter(|(_, feed)| {
                feed.json().is_some_and(|doc| stories::speaks(doc["language"].as_str().unwrap_or_default()))
            })
            .map(|(name, _)| name.clone())
            .collect();
        for name in feeds {
            if let Some(id) = self.publish(&name) {
                if self.logging() {
                    eprintln!("published {id} to {name}");
                }
            }
        }
    }
}

/// Shifts every item's `date_published`/`date_modified` by the same amount so
/// the newest becomes `newest` (Unix seconds), written as UTC.
fn rebase_dates(doc: &mut Value, newest: i64) {
    const KEYS: [&str; 2] = ["date_published", "date_modified"];
    let Some(items) = doc.get_mut("items").and_then(Value::as_array_mut) else {
        return;
    };
    let dates = items.iter().flat_map(|item| KEYS.map(|key| item[key].as_str().and_then(dates::parse_rfc3339)));
    let Some(latest) = dates.flatten().max() else {
        return;
    };
    for item in items.iter_mut().filter_map(Value::as_object_mut) {
        for key in KEYS {
            if let Some(date) = item.get(key).and_then(Value::as_str).and_then(dates::parse_rfc3339) {
                item.insert(key.to_owned(), json!(dates::format_rfc3339(date - latest + newest)));
            }
        }
    }
}

fn pretty(doc: &Value) -> Vec<u8> {
    let mut body = serde_json::to_vec_pretty(doc).unwrap_or_default();
    body.push(b'\n');
    body
}

fn unix_seconds(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs().try_into().unwrap_or(i64::MAX))
}

fn unix_now() -> i64 {
    unix_seconds(SystemTime::now())
}
