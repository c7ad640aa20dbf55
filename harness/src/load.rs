//! A bounded load generator for the bench and the bridge's tests (keep-alive
//! HTTP/1.1 clients, optionally conditional; loopback targets only), resident
//! memory of a process read from `/proc`, and a `news-bridge serve` child
//! process to measure.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::header::{HeaderValue, ACCEPT_ENCODING, ETAG, IF_NONE_MATCH};
use hyper::{HeaderMap, Request, StatusCode, Uri};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::io::BufRead;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A load run.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadOptions {
    /// `http://127.0.0.1:PORT/path` (loopback only).
    pub url: String,
    /// Concurrent clients, each with its own keep-alive connection.
    pub clients: usize,
    /// How long the run lasts.
    pub duration: Duration,
    /// Stop earlier after this many requests in all.
    pub max_requests: u64,
    /// Send `If-None-Match` with the ETag of a first request (expect 304s).
    pub conditional: bool,
    /// `Accept-Encoding` sent, if any.
    pub accept_encoding: Option<String>,
    /// A process whose resident memory is sampled during the run.
    pub sample_pid: Option<u32>,
}

impl LoadOptions {
    /// 200 conditional clients for 10 s (at most 2 million requests), gzip/br accepted.
    pub fn new(url: &str) -> LoadOptions {
        LoadOptions {
            url: url.to_owned(),
            clients: 200,
            duration: Duration::from_secs(10),
            max_requests: 2_000_000,
            conditional: true,
            accept_encoding: Some("gzip, br".to_owned()),
            sample_pid: None,
        }
    }
}

/// What a load run measured.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct LoadReport {
    /// Requests answered (any status).
    pub requests: u64,
    /// Connection errors and answers other than 200 or 304.
    pub errors: u64,
    /// 304 answers.
    pub not_modified: u64,
    /// Body bytes received.
    pub body_bytes: u64,
    /// Wall time of the run, in seconds.
    pub seconds: f64,
    /// Requests per second.
    pub rps: f64,
    /// Median latency, in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, in milliseconds.
    pub p99_ms: f64,
    /// Slowest request, in milliseconds.
    pub max_ms: f64,
    /// Resident memory of `sample_pid` over the run.
    pub memory: Option<Memory>,
}

/// Resident memory (`VmRSS`) of the measured process, in KiB.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Memory {
    /// Before the first request of the run.
    pub before_kib: u64,
    /// The highest sample.
    pub peak_kib: u64,
    /// After the last request.
    pub after_kib: u64,
    /// One sample every half second during the run.
    pub samples_kib: Vec<u64>,
}

#[derive(Default)]
struct ClientTally {
    latencies_us: Vec<u32>,
    errors: u64,
    not_modified: u64,
    body_bytes: u64,
}

/// Runs the load described by `options`.
pub async fn run(options: &LoadOptions) -> Result<LoadReport, String> {
    let uri: Uri = options.url.parse().map_err(|error| format!("{}: {error}", options.url))?;
    let host = uri.host().unwrap_or_default().trim_start_matches('[').trim_end_matches(']');
    let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if uri.scheme_str() != Some("http") || !loopback {
        return Err(format!("{}: the load generator only targets http:// loopback addresses", options.url));
    }
    let client: Client<_, Empty<Bytes>> =
        Client::builder(TokioExecutor::new()).pool_max_idle_per_host(options.clients).build_http();
    let mut headers = HeaderMap::new();
    if let Some(encoding) = options.accept_encoding.as_deref().and_then(|e| HeaderValue::from_str(e).ok()) {
        headers.insert(ACCEPT_ENCODING, encoding);
    }
    // The first request learns the ETag; a server still starting answers 503
    // (no output yet), so it is retried for up to 10 s.
    let mut attempts = 0;
    let first = loop {
        let response =
            client.request(get(&uri, &headers)).await.map_err(|error| format!("{}: {error}", options.url))?;
        attempts += 1;
        if response.status() != StatusCode::SERVICE_UNAVAILABLE || attempts == 50 {
            break response;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    if first.status() != StatusCode::OK {
        return Err(format!("{}: the first request answered {}", options.url, first.status()));
    }
    if let Some(etag) = first.headers().get(ETAG).filter(|_| options.conditional) {
        headers.insert(IF_NONE_MATCH, etag.clone());
    }
    let _ = first.into_body().collect().await;
    let rss_before = options.sample_pid.and_then(rss_kib);
    let started = Instant::now();
    let deadline = started + options.duration;
    let budget = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(options.max_requests));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..options.clients.max(1) {
        let (client, uri, headers, budget) = (client.clone(), uri.clone(), headers.clone(), budget.clone());
        tasks.spawn(async move {
            let mut tally = ClientTally::default();
            while Instant::now() < deadline && take_one(&budget) {
                let sent = Instant::now();
                match client.request(get(&uri, &headers)).await {
                    Ok(response) => {
                        let status = response.status();
                        let body = response.into_body().collect().await.map(|body| body.to_bytes().len() as u64);
                        tally.latencies_us.push(u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX));
                        match (status, body) {
                            (StatusCode::OK, Ok(bytes)) => tally.body_bytes += bytes,
                            (StatusCode::NOT_MODIFIED, Ok(_)) => tally.not_modified += 1,
                            _ => tally.errors += 1,
                        }
                    }
                    Err(_) => tally.errors += 1,
                }
            }
            tally
        });
    }
    let mut samples = Vec::new();
    let mut tallies = Vec::new();
    let mut sampling = tokio::time::interval(Duration::from_millis(500));
    loop {
        tokio::select! {
            joined = tasks.join_next() => match joined {
                Some(tally) => tallies.push(tally.map_err(|error| error.to_string())?),
                None => break,
            },
            _ = sampling.tick() => samples.extend(options.sample_pid.and_then(rss_kib)),
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let rss_after = options.sample_pid.and_then(rss_kib);
    let mut latencies: Vec<u32> =
        tallies.iter_mut().flat_map(|tally| std::mem::take(&mut tally.latencies_us)).collect();
    latencies.sort_unstable();
    let percentile = |p: f64| {
        let rank = ((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1);
        latencies.get(rank).map(|us| f64::from(*us) / 1000.0).unwrap_or(0.0)
    };
    let requests = latencies.len() as u64;
    Ok(LoadReport {
        requests,
        errors: tallies.iter().map(|t| t.errors).sum(),
        not_modified: tallies.iter().map(|t| t.not_modified).sum(),
        body_bytes: tallies.iter().map(|t| t.body_bytes).sum(),
        seconds,
        rps: if seconds > 0.0 { requests as f64 / seconds } else { 0.0 },
        p50_ms: percentile(0.50),
        p99_ms: percentile(0.99),
        max_ms: latencies.last().map(|us| f64::from(*us) / 1000.0).unwrap_or(0.0),
        memory: rss_before.zip(rss_after).map(|(before_kib, after_kib)| Memory {
            before_kib,
            peak_kib: samples.iter().copied().chain([before_kib, after_kib]).max().unwrap_or(after_kib),
            after_kib,
            samples_kib: samples,
        }),
    })
}

/// A `GET uri` with `headers`.
fn get(uri: &Uri, headers: &HeaderMap) -> Request<Empty<Bytes>> {
    let mut request = Request::new(Empty::new());
    *request.uri_mut() = uri.clone();
    *request.headers_mut() = headers.clone();
    request
}

/// Takes one request from the shared budget; false when it is spent.
fn take_one(budget: &std::sync::atomic::AtomicU64) -> bool {
    use std::sync::atomic::Ordering;
    budget.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| left.checked_sub(1)).is_ok()
}

/// Resident memory (`VmRSS`) of process `pid` in KiB, from `/proc`.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A `news-bridge serve` child process on an ephemeral loopback port.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `binary serve --config config --listen 127.0.0.1:0` and waits
    /// (at most 30 s) for the address it prints.
    pub fn start(binary: &Path, config: &Path) -> std::io::Result<Server> {
        let mut command = Command::new(binary);
        command.args(["serve", "--config"]).arg(config).args(["--listen", "127.0.0.1:0"]);
        Server::spawn(command)
    }

    /// Spawns `command` (a `serve` on a loopback address, set up by the
    /// caller) and waits (at most 30 s) for the address it prints.
    pub fn spawn(mut command: Command) -> std::io::Result<Server> {
        let mut child = command.stdout(Stdio::piped()).spawn()?;
        let stdout = child.stdout.take().ok_or_else(|| std::io::Error::other("no stdout"))?;
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let started = Instant::now();
        while let Some(left) = Duration::from_secs(30).checked_sub(started.elapsed()) {
            let Ok(line) = receiver.recv_timeout(left) else { break };
            let address = line.split("http://").nth(1).and_then(|rest| rest.split(['/', ' ']).next());
            if let Some(addr) = address.and_then(|address| address.parse().ok()) {
                return Ok(Server { child, addr });
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        Err(std::io::Error::other("news-bridge serve did not print its address within 30 s"))
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `http://ADDR{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Sends SIGTERM and waits (at most 10 s, then kills) for the exit.
    pub fn stop(mut self) -> std::io::Result<ExitStatus> {
        let pid = libc::pid_t::try_from(self.child.id()).map_err(std::io::Error::other)?;
        // SAFETY: kill(2) only sends a signal; `pid` is our own child, not yet reaped.
        if unsafe { libc::kill(pid, libc::SIGTERM) } == 0 {
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(10) {
                if let Some(status) = self.child.try_wait()? {
                    return Ok(status);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        self.child.kill()?;
        self.child.wait()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_load_generator_only_targets_loopback() {
        let error = run(&LoadOptions::new("http://192.0.2.1/feed.json")).await.unwrap_err();
        assert!(error.contains("only targets http:// loopback addresses"), "{error}");
    }
}
