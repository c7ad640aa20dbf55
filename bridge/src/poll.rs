//! Keeps every output current: each distinct upstream is fetched on its own
//! interval (the shortest of the outputs using it) with conditional requests;
//! a new document is parsed and the outputs using it are re-rendered. A
//! failed fetch or parse is recorded and logged, and the upstream's last good
//! document stays in use, so an output never loses items to an outage.
//! A remote upstream that keeps failing is retried less and less often
//! (exponential backoff, up to [`MAX_BACKOFF`]).

use crate::config::{Config, Output, Upstream};
use crate::convert::{self, Parsed};
use crate::fetch::{FetchError, Fetched, Fetcher, Validators};
use crate::output::{next_modified, Rendered};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, SystemTime};
use tokio::sync::watch;

/// The longest wait between attempts at a failing remote upstream.
pub const MAX_BACKOFF: Duration = Duration::from_secs(3600);

/// The wait before the next attempt at an upstream polled every `interval`
/// after `failures` failures in a row: the interval, doubled per failure for
/// remote upstreams up to [`MAX_BACKOFF`] (never below the interval).
pub fn next_delay(interval: Duration, failures: u32, remote: bool) -> Duration {
    if !remote || failures == 0 {
        return interval;
    }
    let factor = 1u32.checked_shl(failures.min(16)).unwrap_or(u32::MAX);
    interval.saturating_mul(factor).min(MAX_BACKOFF.max(interval))
}

/// A failure, when it happened and what it was.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// When.
    pub at: SystemTime,
    /// What, for people.
    pub message: String,
}

#[derive(Default)]
struct UpstreamState {
    validators: Validators,
    parsed: Option<Arc<Parsed>>,
    last_success: Option<SystemTime>,
    last_error: Option<Failure>,
    /// Failures since the last success.
    failures: u32,
    /// When the next attempt is due (after the first round).
    next_attempt: Option<SystemTime>,
}

impl UpstreamState {
    /// The last error, if no success came after it.
    fn current_error(&self) -> Option<&Failure> {
        self.last_error.as_ref().filter(|error| self.last_success.is_none_or(|success| error.at >= success))
    }
}

struct UpstreamSlot {
    upstream: Upstream,
    interval: Duration,
    outputs: Vec<usize>,
    state: Mutex<UpstreamState>,
}

struct OutputSlot {
    output: Output,
    upstreams: Vec<usize>,
    current: RwLock<Option<Arc<Rendered>>>,
    /// Serialises renders, so the newest documents always win.
    rendering: tokio::sync::Mutex<()>,
}

/// The upstreams and outputs of one configuration, with their state.
pub struct Poller {
    fetcher: Fetcher,
    upstreams: Vec<UpstreamSlot>,
    outputs: Vec<OutputSlot>,
}

/// Locks a mutex; a panic elsewhere while holding it leaves valid data here.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Poller {
    /// The poller for `config`; nothing is fetched yet.
    pub fn new(config: &Config) -> Result<Arc<Poller>, FetchError> {
        let fetcher = Fetcher::new(config.limits.clone(), &config.user_agent)?;
        let mut upstreams: Vec<UpstreamSlot> = Vec::new();
        let mut outputs = Vec::new();
        for (index, output) in config.outputs.iter().enumerate() {
            let mut used = Vec::new();
            for upstream in &output.upstreams {
                let slot = match upstreams.iter().position(|slot| slot.upstream == *upstream) {
                    Some(slot) => slot,
                    None => {
                        upstreams.push(UpstreamSlot {
                            upstream: upstream.clone(),
                            interval: output.interval,
                            outputs: Vec::new(),
                            state: Mutex::default(),
                        });
                        upstreams.len() - 1
                    }
                };
                if let Some(slot) = upstreams.get_mut(slot) {
                    slot.interval = slot.interval.min(output.interval);
                    slot.outputs.push(index);
                }
                used.push(slot);
            }
            outputs.push(OutputSlot {
                output: output.clone(),
                upstreams: used,
                current: RwLock::default(),
                rendering: tokio::sync::Mutex::default(),
            });
        }
        Ok(Arc::new(Poller { fetcher, upstreams, outputs }))
    }

    /// The configured outputs, in order.
    pub fn outputs(&self) -> impl Iterator<Item = &Output> {
        self.outputs.iter().map(|slot| &slot.output)
    }

    /// The current content of output `index`, once it has some.
    pub fn rendered(&self, index: usize) -> Option<Arc<Rendered>> {
        let slot = self.outputs.get(index)?;
        slot.current.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// The current failures of output `index`'s upstreams (none when all
    /// their latest attempts succeeded).
    pub fn failures(&self, index: usize) -> Vec<(Upstream, Failure)> {
        let Some(slot) = self.outputs.get(index) else { return Vec::new() };
        slot.upstreams
            .iter()
            .filter_map(|&u| self.upstreams.get(u))
            .filter_map(|slot| Some((slot.upstream.clone(), lock(&slot.state).current_error()?.clone())))
            .collect()
    }

    /// Fetches every upstream once (concurrently), then renders every output.
    pub async fn refresh_all(self: &Arc<Self>) {
        let mut tasks = tokio::task::JoinSet::new();
        for index in 0..self.upstreams.len() {
            let poller = Arc::clone(self);
            tasks.spawn(async move { poller.refresh_upstream(index).await });
        }
        while tasks.join_next().await.is_some() {}
        for index in 0..self.outputs.len() {
            self.render(index).await;
        }
    }

    /// Keeps everything current until `shutdown` turns true: one first round
    /// for all, then each upstream on its own interval.
    pub async fn run(self: Arc<Self>, shutdown: watch::Receiver<bool>) {
        self.refresh_all().await;
        let mut tasks = tokio::task::JoinSet::new();
        for index in 0..self.upstreams.len() {
            let (poller, mut shutdown) = (Arc::clone(&self), shutdown.clone());
            tasks.spawn(async move {
                let Some(slot) = poller.upstreams.get(index) else { return };
                loop {
                    let failures = lock(&slot.state).failures;
                    let delay = next_delay(slot.interval, failures, slot.upstream.is_remote());
                    lock(&slot.state).next_attempt = Some(SystemTime::now() + delay);
                    tokio::select! {
                        _ = tokio::time::sleep(delay) => {}
                        _ = shutdown.wait_for(|stop| *stop) => return,
                    }
                    if poller.refresh_upstream(index).await {
                        let outputs = poller.upstreams.get(index).map(|slot| slot.outputs.clone()).unwrap_or_default();
                        for output in outputs {
                            poller.render(output).await;
                        }
                    }
                }
            });
        }
        while tasks.join_next().await.is_some() {}
    }

    /// Fetches upstream `index`; true when a new document was read.
    async fn refresh_upstream(&self, index: usize) -> bool {
        let Some(slot) = self.upstreams.get(index) else { return false };
        let previous = lock(&slot.state).validators.clone();
        let outcome = match self.fetcher.fetch(&slot.upstream, &previous).await {
            Ok(Fetched::NotModified) => Ok(None),
            Ok(Fetched::Body { bytes, validators }) => {
                let base = slot.upstream.base_url();
                match isolated(move || convert::parse(&bytes, base.as_deref())).await {
                    Ok(Ok(parsed)) => Ok(Some((parsed, validators))),
                    Ok(Err(error)) => Err(error.to_string()),
                    Err(error) => Err(format!("the conversion failed: {error}")),
                }
            }
            Err(error) => Err(error.to_string()),
        };
        let now = SystemTime::now();
        let mut state = lock(&slot.state);
        match outcome {
            Ok(fresh) => {
                if state.current_error().is_some() {
                    crate::log(&format!("upstream {}: recovered", slot.upstream));
                }
                state.last_success = Some(now);
                state.failures = 0;
                let Some((parsed, validators)) = fresh else { return false };
                state.parsed = Some(Arc::new(parsed));
                state.validators = validators;
                true
            }
            Err(message) => {
                let kept = match &state.parsed {
                    Some(parsed) => format!("keeping its last good version ({} items)", parsed.items.len()),
                    None => "no good version yet".to_owned(),
                };
                crate::log(&format!("upstream {}: {message}; {kept}", slot.upstream));
                state.last_error = Some(Failure { at: now, message });
                state.failures = state.failures.saturating_add(1);
                false
            }
        }
    }

    /// Re-renders output `index` from its upstreams' latest good documents;
    /// content equal to the current one is left alone (same ETag and date).
    async fn render(&self, index: usize) {
        let Some(slot) = self.outputs.get(index) else { return };
        let _rendering = slot.rendering.lock().await;
        let documents: Vec<Arc<Parsed>> = slot
            .upstreams
            .iter()
            .filter_map(|&u| self.upstreams.get(u))
            .filter_map(|upstream| lock(&upstream.state).parsed.clone())
            .collect();
        if documents.is_empty() {
            return;
        }
        let references: Vec<&Parsed> = documents.iter().map(Arc::as_ref).collect();
        let feed = convert::merge(&references, &slot.output.rules);
        let json = match feed.to_json() {
            Ok(json) => json,
            Err(error) => return crate::log(&format!("{}: could not write JSON: {error}", slot.output.path)),
        };
        let current = self.rendered(index);
        if current.as_ref().is_some_and(|current| current.json() == json.as_slice()) {
            return;
        }
        let newest = feed
            .items
            .iter()
            .filter_map(|item| DateTime::parse_from_rfc3339(item.date_published.as_deref()?).ok())
            .map(SystemTime::from)
            .max();
        let modified = next_modified(current.map(|current| current.modified), newest, SystemTime::now());
        let items = feed.items.len();
        match isolated(move || Rendered::new(json, modified, items)).await {
            Ok(Ok(rendered)) => {
                *slot.current.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Arc::new(rendered));
            }
            Ok(Err(error)) => crate::log(&format!("{}: could not compress: {error}", slot.output.path)),
            Err(error) => crate::log(&format!("{}: rendering failed: {error}", slot.output.path)),
        }
    }

    /// Every output's state for `/healthz`: the status and each output's
    /// counts and times; with `details`, also its upstreams and errors.
    pub fn health(&self, details: bool) -> Health {
        let mut outputs: Vec<OutputHealth> =
            (0..self.outputs.len()).filter_map(|index| self.output_health(index)).collect();
        let status = if outputs.iter().any(|output| output.modified.is_none()) {
            "unavailable"
        } else if outputs.iter().any(|output| output.last_error.is_some()) {
            "degraded"
        } else {
            "ok"
        };
        if !details {
            for output in &mut outputs {
                output.last_error = None;
                output.upstreams = None;
            }
        }
        Health { status, outputs }
    }

    fn output_health(&self, index: usize) -> Option<OutputHealth> {
        let slot = self.outputs.get(index)?;
        let rendered = self.rendered(index);
        let mut successes = Vec::new();
        let upstreams: Vec<UpstreamHealth> = slot
            .upstreams
            .iter()
            .filter_map(|&u| self.upstreams.get(u))
            .map(|upstream| {
                let state = lock(&upstream.state);
                successes.push(state.last_success);
                UpstreamHealth {
                    upstream: upstream.upstream.to_string(),
                    items: state.parsed.as_ref().map(|parsed| parsed.items.len()),
                    last_success: state.last_success.map(timestamp),
                    last_error: state.last_error.as_ref().map(ErrorHealth::from),
                    failing: state.current_error().is_some(),
                    consecutive_failures: state.failures,
                    next_attempt: state.next_attempt.map(timestamp),
                }
            })
            .collect();
        // All upstreams succeeded at least once, the oldest success first.
        let oldest_success = successes.into_iter().collect::<Option<Vec<_>>>().and_then(|all| all.into_iter().min());
        let last_error =
            self.failures(index).into_iter().max_by_key(|(_, failure)| failure.at).map(|(upstream, failure)| {
                ErrorHealth { at: timestamp(failure.at), message: format!("{upstream}: {}", failure.message) }
            });
        Some(OutputHealth {
            path: slot.output.path.clone(),
            items: rendered.as_ref().map(|r| r.items).unwrap_or(0),
            modified: rendered.as_ref().map(|r| timestamp(r.modified)),
            last_success: oldest_success.map(timestamp),
            last_error,
            upstreams: Some(upstreams),
        })
    }
}

fn timestamp(at: SystemTime) -> String {
    DateTime::<Utc>::from(at).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `/healthz`: `ok`, `degraded` (an upstream is failing; last good outputs
/// are served) or `unavailable` (an output has nothing to serve yet).
#[derive(Debug, Serialize)]
pub struct Health {
    /// `ok`, `degraded` or `unavailable`.
    pub status: &'static str,
    /// One entry per output.
    pub outputs: Vec<OutputHealth>,
}

/// One output's state.
#[derive(Debug, Serialize)]
pub struct OutputHealth {
    /// Its URL path.
    pub path: String,
    /// Items served.
    pub items: usize,
    /// When its content last changed (`null` before the first success).
    pub modified: Option<String>,
    /// When all its upstreams had last succeeded (`null` until each has once).
    pub last_success: Option<String>,
    /// The newest failure of an upstream still failing (details only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<ErrorHealth>,
    /// Its upstreams (details only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstreams: Option<Vec<UpstreamHealth>>,
}

/// One upstream's state.
#[derive(Debug, Serialize)]
pub struct UpstreamHealth {
    /// Its URL or file.
    pub upstream: String,
    /// Items in its last good document.
    pub items: Option<usize>,
    /// Its last successful fetch.
    pub last_success: Option<String>,
    /// Its last failure (kept after a recovery, with its time).
    pub last_error: Option<ErrorHealth>,
    /// Whether its latest attempt failed.
    pub failing: bool,
    /// Failures since its last success (remote upstreams back off on them).
    pub consecutive_failures: u32,
    /// When it is next polled.
    pub next_attempt: Option<String>,
}

/// A failure in `/healthz`.
#[derive(Debug, Serialize)]
pub struct ErrorHealth {
    /// RFC 3339.
    pub at: String,
    /// What happened.
    pub message: String,
}

impl From<&Failure> for ErrorHealth {
    fn from(failure: &Failure) -> Self {
        ErrorHealth { at: timestamp(failure.at), message: failure.message.clone() }
    }
}

/// Runs `work` off the async threads: a panic in it (a parser bug on one
/// upstream's document) is an error for that upstream or output, and the
/// server goes on. Only in a build that unwinds: `serve` refuses to start in
/// one that aborts (`main.rs`).
async fn isolated<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    tokio::task::spawn_blocking(work).await.map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_in_a_conversion_is_that_upstream_s_error_and_the_next_one_runs() {
        let failed = isolated(|| -> u32 { panic!("a parser bug") }).await;
        assert!(failed.as_ref().is_err_and(|error| error.contains("panicked")), "{failed:?}");
        assert_eq!(isolated(|| 7).await, Ok(7), "the runtime goes on");
    }

    #[test]
    fn failing_remote_upstreams_back_off_exponentially_up_to_an_hour() {
        let minute = Duration::from_secs(60);
        assert_eq!(next_delay(minute, 0, true), minute);
        assert_eq!(next_delay(minute, 1, true), 2 * minute);
        assert_eq!(next_delay(minute, 3, true), 8 * minute);
        assert_eq!(next_delay(minute, 40, true), MAX_BACKOFF);
        assert_eq!(next_delay(2 * MAX_BACKOFF, 5, true), 2 * MAX_BACKOFF, "never below the interval");
        assert_eq!(next_delay(minute, 5, false), minute, "local upstreams keep their interval");
    }
}
