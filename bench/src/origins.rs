//! The three origins partners deploy with, each on its own loopback port: the
//! host page (the harness's newsroom), the widgets' files (a [`Cdn`] shared
//! by every browser of the run) and the feed (the same newsroom on a second
//! listener, so publishing and scripted faults apply to it).

use axum::extract::State;
use axum::http::header::{
    ACCEPT_ENCODING, ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY,
};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use harness::browsers::Engine;
use harness::Harness;
use serde_json::Value;
use serving::{Coding, Forms, IMMUTABLE};
use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// Page-side helpers, on `window.bench` in every page the bench opens.
pub const HELPERS: &str = include_str!("page.js");

/// A file as the CDN holds it: raw and precompressed.
pub struct CdnFile {
    content_type: &'static str,
    pub forms: Forms,
}

struct Files {
    files: HashMap<String, CdnFile>,
    /// The encoding each path was last sent in.
    sent: Mutex<BTreeMap<String, &'static str>>,
}

/// The widgets' origin, served like a CDN: every file from memory, in the
/// best encoding the request accepts (brotli 11, gzip -9, or raw), with
/// `Access-Control-Allow-Origin: *` (the glue and the wasm are fetched with
/// CORS) and `Timing-Allow-Origin: *`. Both widgets are served the same way.
pub struct Cdn {
    files: Arc<Files>,
    addr: SocketAddr,
    _server: Task,
}

impl Cdn {
    /// Compresses `files` (URL path → bytes) and serves them on a free loopback port.
    pub async fn start(files: Vec<(String, Vec<u8>)>) -> Cdn {
        let files = std::thread::scope(|scope| {
            let workers: Vec<_> = files
                .into_iter()
                .map(|(path, raw)| {
                    scope.spawn(move || {
                        let content_type = serving::content_type(&path).unwrap_or("application/octet-stream");
                        (path, CdnFile { content_type, forms: Forms::new(raw).expect("compression in memory") })
                    })
                })
                .collect();
            workers.into_iter().map(|worker| worker.join().expect("compression")).collect()
        });
        let files = Arc::new(Files { files, sent: Mutex::default() });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let routes = axum::Router::new().fallback(serve).with_state(files.clone());
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let server = Task(tokio::spawn(async move {
            let _ = axum::serve(listener, routes).await;
        }));
        Cdn { files, addr, _server: server }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The port, which names this origin in resource timings.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The file served at `path`.
    pub fn file(&self, path: &str) -> Option<&CdnFile> {
        self.files.files.get(path)
    }

    /// Line `line` (0-based) of the text file at `url` on this CDN.
    pub fn line(&self, url: &str, line: usize) -> Option<String> {
        let url = url::Url::parse(url).ok().filter(|url| url.port() == Some(self.port()))?;
        let text = std::str::from_utf8(self.file(url.path())?.forms.body(Coding::Identity)).ok()?;
        text.lines().nth(line).map(str::to_owned)
    }

    /// The encoding `path` was last sent in, if it was requested.
    pub fn sent(&self, path: &str) -> Option<&'static str> {
        self.files.sent.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(path).copied()
    }
}

async fn serve(State(files): State<Arc<Files>>, uri: Uri, request: HeaderMap) -> Response {
    let Some(file) = files.files.get(uri.path()) else {
        return (StatusCode::NOT_FOUND, [(ACCESS_CONTROL_ALLOW_ORIGIN, "*")], "bench cdn: no such file\n")
            .into_response();
    };
    let coding = Coding::negotiate(request.get(ACCEPT_ENCODING).and_then(|value| value.to_str().ok()));
    let encoding = coding.header().unwrap_or("identity");
    files.sent.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(uri.path().to_owned(), encoding);
    let mut headers = vec![
        (CONTENT_TYPE, file.content_type),
        (CACHE_CONTROL, cache_control(uri.path())),
        (VARY, "Accept-Encoding"),
        (ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
    ];
    if let Some(encoding) = coding.header() {
        headers.push((CONTENT_ENCODING, encoding));
    }
    let mut response = (StatusCode::OK, file.forms.body(coding).clone()).into_response();
    for (name, value) in headers {
        response.headers_mut().insert(name, value.parse().expect("header value"));
    }
    response.headers_mut().insert("timing-allow-origin", "*".parse().expect("header value"));
    response
}

/// As a CDN sends them: files below a version folder (`/news-headlines/0.1.0/…`)
/// never change; the rest (the unversioned loader, the reference) for 5 minutes.
fn cache_control(path: &str) -> &'static str {
    let versioned =
        path.split('/').any(|segment| segment.starts_with(|c: char| c.is_ascii_digit()) && segment.contains('.'));
    if versioned {
        IMMUTABLE
    } else {
        "public, max-age=300"
    }
}

/// A spawned server, stopped when dropped.
struct Task(tokio::task::JoinHandle<()>);

impl Drop for Task {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A fresh browser session (Chromium unless asked) on a blank page of the
/// page origin, with the feed origin beside it.
pub struct Browser {
    pub h: Harness,
    feeds: SocketAddr,
    _feed_server: Task,
}

impl Browser {
    /// Starts Chromium with extra `flags` and opens the blank page.
    pub async fn start(flags: &[&str]) -> Browser {
        Browser::around(Harness::start_with(flags).await).await
    }

    /// Starts `engine` and opens the blank page.
    pub async fn start_engine(engine: Engine) -> Browser {
        Browser::around(Harness::start_engine(engine).await).await
    }

    /// The feed origin beside `h`'s session, on its blank page.
    async fn around(h: Harness) -> Browser {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let feeds = listener.local_addr().expect("addr");
        let newsroom = h.newsroom.clone();
        let server = Task(tokio::spawn(async move {
            let _ = newsroom.serve(listener).await;
        }));
        let browser = Browser { h, feeds, _feed_server: server };
        browser.blank().await;
        browser
    }

    /// The feed `name` on the feed origin.
    pub fn feed_url(&self, name: &str) -> String {
        format!("http://{}/feeds/{name}.json", self.feeds)
    }

    /// The feed origin's port.
    pub fn feed_port(&self) -> u16 {
        self.feeds.port()
    }

    /// Opens a blank page (helpers only) on the page origin.
    pub async fn blank(&self) {
        self.open("/bench/blank.html", "", "").await;
    }

    /// Opens a page with the helpers and `head`, and `body`, on the page origin.
    pub async fn open(&self, path: &str, head: &str, body: &str) {
        let page = format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>bench</title>\
             <link rel=\"icon\" href=\"data:,\"><script>{HELPERS}</script>{head}</head><body>{body}</body></html>"
        );
        self.h.open_page(path, &page).await;
    }

    /// Awaits the promise (or value) `expr` in the page; `arguments` are `args`.
    pub async fn run(&self, expr: &str, args: Vec<Value>) -> Value {
        self.h.js(&format!("return {expr};"), args).await
    }

    pub async fn stop(self) {
        self.h.stop().await;
    }
}
