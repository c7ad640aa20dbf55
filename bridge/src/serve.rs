//! `news-bridge serve`: the outputs over HTTP with a strong `ETag` per
//! coding, `Last-Modified`, `Cache-Control`, 304 answers to conditional
//! requests, gzip or brotli by `Accept-Encoding`, CORS for the configured
//! origins (preflights included) and `/healthz`.

use crate::config::Cors;
use crate::output::Coding;
use crate::poll::Poller;
use axum::body::Body;
use axum::extract::State;
use axum::http::header::{
    ACCEPT_ENCODING, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_HEADERS, CACHE_CONTROL,
    CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, ORIGIN, RETRY_AFTER, VARY,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::future::Future;
use std::sync::Arc;

/// The `Content-Type` of outputs.
pub const FEED_TYPE: &str = "application/feed+json";

#[derive(Clone)]
struct App {
    poller: Arc<Poller>,
    cors: Arc<Cors>,
}

/// Serves `poller`'s outputs on `listener` until `shutdown` completes, then
/// finishes the requests in flight.
pub async fn serve(
    poller: Arc<Poller>,
    cors: Cors,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(poller, cors)).with_graceful_shutdown(shutdown).await
}

/// `/healthz` and one route per output.
pub fn router(poller: Arc<Poller>, cors: Cors) -> Router {
    let paths: Vec<String> = poller.outputs().map(|output| output.path.clone()).collect();
    let mut router = Router::new().route("/healthz", get(health));
    for (index, path) in paths.into_iter().enumerate() {
        let feed = move |State(app): State<App>, headers: HeaderMap| async move { feed(&app, index, &headers) };
        router = router.route(&path, get(feed).options(preflight));
    }
    router
        .fallback(|| async { (StatusCode::NOT_FOUND, [(CACHE_CONTROL, "no-store")], "news-bridge: no such feed\n") })
        .with_state(App { poller, cors: Arc::new(cors) })
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
        set(response, ACCESS_CONTROL_EXPOSE_HEADERS, "ETag, Last-Modified");
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
    let fresh = match (header(headers, IF_NONE_MATCH), header(headers, IF_MODIFIED_SINCE)) {
        (Some(tags), _) => rendered.matches(tags),
        (None, Some(since)) => httpdate::parse_http_date(since).is_ok_and(|since| rendered.modified <= since),
        (None, None) => false,
    };
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
    let requested = header(&headers, ACCESS_CONTROL_REQUEST_HEADERS).unwrap_or("If-None-Match, If-Modified-Since");
    set(&mut response, ACCESS_CONTROL_ALLOW_HEADERS, requested);
    set(&mut response, ACCESS_CONTROL_MAX_AGE, "86400");
    set(&mut response, VARY, "Origin, Access-Control-Request-Headers");
    response
}

/// `GET /healthz`: 200 when every output has content, else 503.
async fn health(State(app): State<App>) -> Response {
    let health = app.poller.health();
    let status = if health.status == "unavailable" { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK };
    match serde_json::to_vec_pretty(&health) {
        Ok(body) => (status, [(CONTENT_TYPE, "application/json"), (CACHE_CONTROL, "no-store")], body).into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}
