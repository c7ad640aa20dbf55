//! `news-bridge serve`: the outputs over HTTP with a strong `ETag` per
//! coding, `Last-Modified`, `Cache-Control`, 304 answers to conditional
//! requests, gzip or brotli by `Accept-Encoding`, CORS for the configured
//! origins (preflights included) and `/healthz`.
//!
//! Connections (HTTP/1.1) are held under [`ServerLimits`]: a request's
//! headers must arrive within `header_timeout`, a connection waiting for a
//! request longer than `idle_timeout` is closed, and at most
//! `max_connections` are held. When they are all held, accepting a new one
//! closes the one that has waited longest without a request, so idle and
//! slow-header connections cannot crowd out ordinary clients. On shutdown the
//! listener closes at once and requests in flight get `shutdown_timeout`.

use crate::config::{Cors, ServerLimits};
use crate::poll::Poller;
use axum::body::Body;
use axum::extract::State;
use axum::http::header::{
    ACCEPT_ENCODING, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG,
    IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, ORIGIN, RETRY_AFTER, VARY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serving::{Coding, FEED_TYPE};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{watch, Notify};

/// The request headers a preflight allows: the validators, whatever is asked.
pub const PREFLIGHT_HEADERS: &str = "If-None-Match, If-Modified-Since";

/// Descriptors kept free for upstream fetches, files and the runtime when
/// `max_connections` comes from the descriptor limit: an eighth of it, at
/// least this many.
const RESERVED_DESCRIPTORS: u64 = 64;
/// How long a new connection is safe from being closed for room: time
/// for a reader's request to arrive (it comes with the handshake's last
/// packet); slow-loris connections are closed after it.
const EVICTION_GRACE: Duration = Duration::from_millis(100);
/// The largest request head read (hyper's floor is 8 KiB).
const MAX_REQUEST_HEAD: usize = 16 * 1024;

#[derive(Clone)]
struct App {
    poller: Arc<Poller>,
    cors: Arc<Cors>,
    health_details: bool,
}

/// Serves `poller`'s outputs on `listener` with the default
/// [`ServerLimits`] until `shutdown` completes.
pub async fn serve(
    poller: Arc<Poller>,
    cors: Cors,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(poller, cors, &ServerLimits::default(), listener, shutdown).await
}

/// Serves `poller`'s outputs on `listener` under `limits` until `shutdown`
/// completes; then stops accepting, lets requests in flight finish for at
/// most `limits.shutdown_timeout` and closes every connection.
pub async fn serve_with(
    poller: Arc<Poller>,
    cors: Cors,
    limits: &ServerLimits,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = router(poller, cors, limits.health_details);
    let capacity = limits.max_connections.unwrap_or_else(max_connections_from_descriptor_limit);
    let held = Arc::new(Held::new(capacity));
    let (closing, closed) = watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(MAX_REQUEST_HEAD)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        while connections.try_join_next().is_some() {}
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of descriptors (EMFILE/ENFILE) or a connection reset
                    // before it was accepted: wait a little, never spin.
                    if !matches!(error.kind(), std::io::ErrorKind::ConnectionAborted | std::io::ErrorKind::ConnectionReset) {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                    continue;
                }
            },
        };
        tokio::select! {
            () = &mut shutdown => break,
            () = held.room() => {}
        }
        let _ = stream.set_nodelay(true);
        let (id, evicted) = held.add();
        let service = {
            let (router, held) = (router.clone(), Arc::clone(&held));
            hyper::service::service_fn(move |request: axum::http::Request<hyper::body::Incoming>| {
                let busy = Busy::start(&held, id);
                let mut router = router.clone();
                async move {
                    let response = tower::Service::call(&mut router, request).await;
                    drop(busy);
                    response
                }
            })
        };
        let connection = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let (held, mut closed, idle_timeout) = (Arc::clone(&held), closed.clone(), limits.idle_timeout);
        connections.spawn(async move {
            // Evictable from its first poll on: by then hyper can read what
            // the client sent, so a reader's waiting request is never lost.
            held.set_waiting(id, Some(Instant::now()));
            tokio::pin!(connection);
            let mut draining = false;
            loop {
                let idle_deadline = held.waiting_since(id).unwrap_or_else(Instant::now) + idle_timeout;
                tokio::select! {
                    _ = connection.as_mut() => break,
                    () = evicted.notified() => break,
                    _ = closed.wait_for(|closed| *closed), if !draining => {
                        draining = true;
                        connection.as_mut().graceful_shutdown();
                    }
                    () = tokio::time::sleep_until(idle_deadline.into()) => {
                        if held.waiting_since(id).is_some_and(|since| since.elapsed() >= idle_timeout) {
                            break;
                        }
                    }
                }
            }
            held.remove(id);
        });
    }
    drop(listener);
    let _ = closing.send(true);
    let drained = async { while connections.join_next().await.is_some() {} };
    let _ = tokio::time::timeout(limits.shutdown_timeout, drained).await;
    connections.shutdown().await;
    Ok(())
}

/// The default connection cap: the descriptor limit less a reserve.
fn max_connections_from_descriptor_limit() -> usize {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit only writes the limit into `limit`, which it owns.
    let soft = if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 { limit.rlim_cur } else { 1024 };
    let reserve = (soft / 8).max(RESERVED_DESCRIPTORS);
    usize::try_from(soft.saturating_sub(reserve)).unwrap_or(usize::MAX).clamp(16, 100_000)
}

/// One held connection: since when it has waited for a request (`None`
/// before its task first runs and while a request is answered), how to
/// close it, and whether it is closing.
struct Connection {
    waiting_since: Option<Instant>,
    evict: Arc<Notify>,
    evicted: bool,
}

/// The connections held, at most `capacity`.
struct Held {
    capacity: usize,
    next_id: std::sync::atomic::AtomicU64,
    connections: Mutex<HashMap<u64, Connection>>,
    /// Signalled when a connection ends or finishes a request.
    freed: Notify,
}

impl Held {
    fn new(capacity: usize) -> Held {
        Held {
            capacity: capacity.max(1),
            next_id: std::sync::atomic::AtomicU64::new(0),
            connections: Mutex::default(),
            freed: Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Connection>> {
        self.connections.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Completes when one more connection may be held (one has just been
    /// accepted): at once below the cap; else once the connection that has
    /// waited longest for a request is closed; else (all are answering a
    /// request) when one ends or finishes its request.
    async fn room(&self) {
        loop {
            let freed = self.freed.notified();
            let until_evictable = {
                let mut connections = self.lock();
                if connections.len() < self.capacity {
                    return;
                }
                // One closing at a time, counted until its task has ended (and
                // its descriptor is closed); none in its first EVICTION_GRACE.
                if connections.values().any(|connection| connection.evicted) {
                    None
                } else {
                    let oldest = connections
                        .values_mut()
                        .filter_map(|connection| Some((connection.waiting_since?, connection)))
                        .min_by_key(|(since, _)| *since);
                    match oldest {
                        Some((since, connection)) if since.elapsed() >= EVICTION_GRACE => {
                            connection.evicted = true;
                            connection.evict.notify_one();
                            None
                        }
                        Some((since, _)) => Some(EVICTION_GRACE.saturating_sub(since.elapsed())),
                        None => None,
                    }
                }
            };
            match until_evictable {
                Some(left) => {
                    tokio::select! {
                        () = freed => {}
                        () = tokio::time::sleep(left) => {}
                    }
                }
                None => freed.await,
            }
        }
    }

    /// Registers a new connection, not evictable until its task runs.
    fn add(&self) -> (u64, Arc<Notify>) {
        let id = self.next_id.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let evict = Arc::new(Notify::new());
        let connection = Connection { waiting_since: None, evict: Arc::clone(&evict), evicted: false };
        self.lock().insert(id, connection);
        (id, evict)
    }

    fn waiting_since(&self, id: u64) -> Option<Instant> {
        self.lock().get(&id).and_then(|connection| connection.waiting_since)
    }

    fn set_waiting(&self, id: u64, waiting_since: Option<Instant>) {
        if let Some(connection) = self.lock().get_mut(&id) {
            connection.waiting_since = waiting_since;
        }
        if waiting_since.is_some() {
            self.freed.notify_waiters();
        }
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
        self.freed.notify_waiters();
    }
}

/// A request being answered on connection `id` (never evicted meanwhile).
struct Busy {
    held: Arc<Held>,
    id: u64,
}

impl Busy {
    fn start(held: &Arc<Held>, id: u64) -> Busy {
        held.set_waiting(id, None);
        Busy { held: Arc::clone(held), id }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.held.set_waiting(self.id, Some(Instant::now()));
    }
}

/// `/healthz` (with upstreams and errors when `health_details`) and one
/// route per output.
pub fn router(poller: Arc<Poller>, cors: Cors, health_details: bool) -> Router {
    let paths: Vec<String> = poller.outputs().map(|output| output.path.clone()).collect();
    let mut router = Router::new().route("/healthz", get(health));
    for (index, path) in paths.into_iter().enumerate() {
        let feed = move |State(app): State<App>, headers: HeaderMap| async move { feed(&app, index, &headers) };
        router = router.route(&path, get(feed).options(preflight));
    }
    router
        .fallback(|| async { (StatusCode::NOT_FOUND, [(CACHE_CONTROL, "no-store")], "news-bridge: no such feed\n") })
        .layer(axum::middleware::map_response(|mut response: Response| async move {
            response.headers_mut().insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            response
        }))
        .with_state(App { poller, cors: Arc::new(cors), health_details })
}

/// A header's value as text.
fn header(headers: &HeaderMap, name: HeaderName) -> Option<&str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// Adds a header whose value is built from text known to be valid.
fn set(response: &mut Response, name: HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}

/// CORS headers for a response to `headers`' origin.
fn add_cors(response: &mut Response, cors: &Cors, headers: &HeaderMap) {
    if let Some(allowed) = cors.allow(header(headers, ORIGIN)) {
        set(response, ACCESS_CONTROL_ALLOW_ORIGIN, &allowed);
        set(response, ACCESS_CONTROL_EXPOSE_HEADERS, "ETag, Last-Modified, Date, Age");
    }
}

/// `GET`/`HEAD` of output `index`.
fn feed(app: &App, index: usize, headers: &HeaderMap) -> Response {
    let interval = app.poller.outputs().nth(index).map(|output| output.interval.as_secs()).unwrap_or(60);
    let Some(rendered) = app.poller.rendered(index) else {
        let mut response =
            (StatusCode::SERVICE_UNAVAILABLE, "news-bridge: no upstream document yet; see /healthz\n").into_response();
        set(&mut response, RETRY_AFTER, "5");
        set(&mut response, CACHE_CONTROL, "no-store");
        add_cors(&mut response, &app.cors, headers);
        return response;
    };
    let coding = Coding::negotiate(header(headers, ACCEPT_ENCODING));
    let fresh = serving::not_modified(
        header(headers, IF_NONE_MATCH),
        header(headers, IF_MODIFIED_SINCE),
        |tag| rendered.is_current(tag),
        rendered.modified,
    );
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = Response::new(Body::from(rendered.body(coding).clone()));
        set(&mut response, CONTENT_TYPE, FEED_TYPE);
        if let Some(encoding) = coding.header() {
            set(&mut response, CONTENT_ENCODING, encoding);
        }
        response
    };
    set(&mut response, ETAG, &rendered.etag(coding));
    set(&mut response, LAST_MODIFIED, &httpdate::fmt_http_date(rendered.modified));
    set(
        &mut response,
        CACHE_CONTROL,
        &format!("public, max-age={interval}, stale-while-revalidate={interval}, stale-if-error=86400"),
    );
    let vary = match *app.cors {
        Cors::Any => "Accept-Encoding",
        Cors::Origins(_) => "Accept-Encoding, Origin",
    };
    set(&mut response, VARY, vary);
    add_cors(&mut response, &app.cors, headers);
    response
}

/// `OPTIONS`: a CORS preflight.
async fn preflight(State(app): State<App>, headers: HeaderMap) -> Response {
    let Some(allowed) = app.cors.allow(header(&headers, ORIGIN)) else {
        return (StatusCode::FORBIDDEN, "news-bridge: origin not allowed\n").into_response();
    };
    let mut response = StatusCode::NO_CONTENT.into_response();
    set(&mut response, ACCESS_CONTROL_ALLOW_ORIGIN, &allowed);
    set(&mut response, ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS");
    set(&mut response, ACCESS_CONTROL_ALLOW_HEADERS, PREFLIGHT_HEADERS);
    set(&mut response, ACCESS_CONTROL_MAX_AGE, "86400");
    set(&mut response, VARY, "Origin");
    response
}

/// `GET /healthz`: 200 when every output has content, else 503.
async fn health(State(app): State<App>) -> Response {
    let health = app.poller.health(app.health_details);
    let status = if health.status == "unavailable" { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK };
    match serde_json::to_vec_pretty(&health) {
        Ok(body) => (status, [(CONTENT_TYPE, "application/json"), (CACHE_CONTROL, "no-store")], body).into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}
