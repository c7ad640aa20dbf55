//! Test helpers: a scriptable loopback upstream, an in-process bridge, a
//! client that leaves compression alone, and bounded waiting.
#![allow(dead_code)]

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION, REFERER};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use news_bridge::config::Config;
use news_bridge::poll::Poller;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinHandle;

/// A fixture file's bytes.
pub fn fixture(path: &str) -> Vec<u8> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    std::fs::read(&file).unwrap_or_else(|error| panic!("{}: {error}", file.display()))
}

/// A small valid RSS feed whose items are `titles`.
pub fn rss(titles: &[&str]) -> Vec<u8> {
    let items: String = titles
        .iter()
        .enumerate()
        .map(|(n, title)| {
            format!(
                "<item><title>{title}</title><link>https://news.example/{n}</link><guid>id-{title}</guid>\
                 <pubDate>Wed, 28 Sep 2016 1{n}:00:00 +0000</pubDate><category>World</category>\
                 <description>&lt;p&gt;VIENNA: Story {title}.&lt;/p&gt;</description></item>"
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Upstream</title><link>https://news.example/</link>{items}</channel></rss>").into_bytes()
}

/// How the upstream answers `GET /feed.xml`.
#[derive(Clone, Debug)]
pub enum Mode {
    /// The current body with ETag/Last-Modified, 304 when they match.
    Feed,
    /// This status and a short body.
    Status(u16),
    /// Sleeps 10 s before answering.
    Hang,
    /// `/feed.xml` redirects to `/loop/1`, which redirects to `/loop/2`, …
    RedirectLoop,
    /// `/feed.xml` redirects to this URL.
    Redirect(String),
}

/// A request the upstream saw.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
    pub referer: Option<String>,
}

#[derive(Debug)]
pub struct Script {
    pub mode: Mode,
    pub body: Vec<u8>,
    pub version: u32,
    pub seen: Vec<Seen>,
}

/// A scriptable upstream on 127.0.0.1, stopped when dropped.
pub struct Upstream {
    pub addr: SocketAddr,
    pub script: Arc<Mutex<Script>>,
    task: JoinHandle<()>,
}

impl Upstream {
    pub async fn start(body: Vec<u8>) -> Upstream {
        let script = Arc::new(Mutex::new(Script { mode: Mode::Feed, body, version: 1, seen: Vec::new() }));
        let router =
            Router::new().route("/feed.xml", get(feed)).route("/loop/{n}", get(redirect)).with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Upstream { addr, script, task }
    }

    pub fn url(&self) -> String {
        format!("http://{}/feed.xml", self.addr)
    }

    pub fn set_mode(&self, mode: Mode) {
        self.script.lock().unwrap().mode = mode;
    }

    /// Publishes a new body (a new ETag and Last-Modified).
    pub fn publish(&self, body: Vec<u8>) {
        let mut script = self.script.lock().unwrap();
        script.body = body;
        script.version += 1;
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.script.lock().unwrap().seen.clone()
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn feed(State(script): State<Arc<Mutex<Script>>>, headers: HeaderMap) -> Response {
    let header = |name| headers.get(name).and_then(|v: &axum::http::HeaderValue| v.to_str().ok()).map(str::to_owned);
    let (mode, body, version) = {
        let mut script = script.lock().unwrap();
        script.seen.push(Seen {
            path: "/feed.xml".into(),
            if_none_match: header(IF_NONE_MATCH),
            if_modified_since: header(IF_MODIFIED_SINCE),
            referer: header(REFERER),
        });
        (script.mode.clone(), script.body.clone(), script.version)
    };
    match mode {
        Mode::Feed => {
            let etag = format!("\"v{version}\"");
            let modified = httpdate::fmt_http_date(
                std::time::UNIX_EPOCH + Duration::from_secs(1_600_000_000 + u64::from(version)),
            );
            if header(IF_NONE_MATCH).as_deref() == Some(etag.as_str()) {
                return (StatusCode::NOT_MODIFIED, [(ETAG, etag)]).into_response();
            }
            ([(ETAG, etag), (LAST_MODIFIED, modified)], Body::from(body)).into_response()
        }
        Mode::Status(status) => (StatusCode::from_u16(status).unwrap(), "upstream: scripted failure").into_response(),
        Mode::Hang => {
            tokio::time::sleep(Duration::from_secs(10)).await;
            Body::from(body).into_response()
        }
        Mode::RedirectLoop => (StatusCode::FOUND, [(LOCATION, "/loop/1")]).into_response(),
        Mode::Redirect(to) => (StatusCode::FOUND, [(LOCATION, to)]).into_response(),
    }
}

async fn redirect(State(script): State<Arc<Mutex<Script>>>, Path(n): Path<u32>, headers: HeaderMap) -> Response {
    let referer = headers.get(REFERER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let seen = Seen { path: format!("/loop/{n}"), if_none_match: None, if_modified_since: None, referer };
    script.lock().unwrap().seen.push(seen);
    (StatusCode::FOUND, [(LOCATION, format!("/loop/{}", n + 1))]).into_response()
}

/// The bridge running in this process on 127.0.0.1, stopped when dropped.
pub struct Bridge {
    pub addr: SocketAddr,
    pub poller: Arc<Poller>,
    stop: tokio::sync::watch::Sender<bool>,
    tasks: Vec<tokio::task::AbortHandle>,
}

impl Bridge {
    /// Starts a bridge for a `bridge.toml` text (file upstreams relative to
    /// the fixtures), with `allow_private = true` (the upstreams are on
    /// loopback) and `/healthz` details, unless the text sets them.
    pub async fn start(toml: &str) -> Bridge {
        let allow = if toml.contains("allow_private") { "" } else { "allow_private = true\n" };
        let details = if toml.contains("[server]") { "" } else { "\n[server]\nhealth_details = true\n" };
        Bridge::start_exact(&format!("{allow}{toml}{details}")).await
    }

    /// Starts a bridge for exactly this `bridge.toml` text.
    pub async fn start_exact(toml: &str) -> Bridge {
        let config = Config::parse(toml, &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")).unwrap();
        let poller = Poller::new(&config).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let polling = tokio::spawn(poller.clone().run(stopped.clone()));
        let poller_for_serve = poller.clone();
        let mut until_stopped = stopped;
        let shutdown = async move {
            let _ = until_stopped.wait_for(|stop| *stop).await;
        };
        let serving = tokio::spawn(async move {
            news_bridge::serve::serve_with(poller_for_serve, config.cors, &config.server, listener, shutdown).await
        });
        Bridge { addr, poller, stop, tasks: vec![polling.abort_handle(), serving.abort_handle()] }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `/healthz` as JSON.
    pub async fn health(&self) -> serde_json::Value {
        let body = client().get(self.url("/healthz")).send().await.unwrap().bytes().await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// Waits (at most 10 s) until `/healthz` satisfies `ready`.
    pub async fn wait_for(&self, what: &str, ready: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        for _ in 0..200 {
            let health = self.health().await;
            if ready(&health) {
                return health;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("gave up waiting for {what}: {}", self.health().await);
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// An HTTP client that neither asks for nor decodes compression.
pub fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_gzip().no_proxy().build().unwrap()
}
