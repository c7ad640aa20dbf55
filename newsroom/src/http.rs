//! Routes, the request front (counting, faults, CORS, logging) and handlers.

use crate::{Fault, Newsroom, Oversized, OVERSIZED_BYTES};
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::header::{
    ACCEPT_ENCODING, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_SECURITY_POLICY,
    CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::StreamExt;
use news_headlines::embed;
use serde::Deserialize;
use serde_json::json;
use serving::{Coding, FEED_TYPE, IMMUTABLE};
use std::time::Duration;
use tower_http::services::ServeDir;

/// How long [`Fault::Late`] holds its answer.
pub const LATE: Duration = Duration::from_secs(1);

/// The body of [`Fault::BadJson`].
pub const BAD_JSON: &str = r#"{"version": "https://jsonfeed.org/version/1.1", "items": ["#;

/// Every route, behind the [`front`] layer.
pub fn router(newsroom: Newsroom) -> Router {
    Router::new()
        .route("/feeds/{file}", get(feed))
        .route("/_newsroom/publish/{feed}", post(publish))
        .route("/_newsroom/fail", post(fail))
        .route("/_newsroom/requests", get(requests))
        .route("/_newsroom/reset", post(reset))
        .fallback(page_or_file)
        .layer(middleware::from_fn_with_state(newsroom.clone(), front))
        .with_state(newsroom)
}

/// Counts every request, answers preflights, applies scripted faults, adds
/// CORS headers and logs.
async fn front(State(newsroom): State<Newsroom>, request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let preflight = method == Method::OPTIONS;
    let fault = newsroom.arrive(&path, !preflight);
    let mut response = match fault {
        _ if preflight => {
            let allow =
                [(ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, POST, OPTIONS"), (ACCESS_CONTROL_ALLOW_HEADERS, "*")];
            (StatusCode::NO_CONTENT, allow).into_response()
        }
        Some(Fault::Status(status)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, format!("newsroom: scripted {}\n", status.as_u16())).into_response()
        }
        Some(Fault::NotModified) => StatusCode::NOT_MODIFIED.into_response(),
        Some(Fault::Hang) => {
            newsroom.hang().await;
            (StatusCode::SERVICE_UNAVAILABLE, "newsroom: stopped\n").into_response()
        }
        Some(Fault::Late) => {
            let response = next.run(request).await;
            tokio::time::sleep(LATE).await;
            response
        }
        Some(Fault::BadJson) => ([(CONTENT_TYPE, FEED_TYPE)], BAD_JSON).into_response(),
        Some(Fault::Truncated) => {
            // Cut in the body itself, not in a compressed stream (whose
            // decoder may end early without an error): what a client sees
            // is the body falling short of its `Content-Length`.
            let mut request = request;
            request.headers_mut().remove(ACCEPT_ENCODING);
            truncate(next.run(request).await).await
        }
        Some(Fault::WrongContentType) => {
            let mut response = next.run(request).await;
            response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            response
        }
        Some(Fault::Oversized) => oversized(newsroom.clone()),
        Some(Fault::NoCors) | None => next.run(request).await,
    };
    if fault.is_some() {
        // A scripted failure must not be cached and revalidated later.
        let headers = response.headers_mut();
        headers.remove(ETAG);
        headers.remove(LAST_MODIFIED);
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if fault != Some(Fault::NoCors) {
        let headers = response.headers_mut();
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("ETag, Last-Modified, Date, Age"));
    }
    if newsroom.logging() {
        eprintln!("{method} {path} {}", response.status().as_u16());
    }
    response
}

/// Promises the whole body in `Content-Length`, sends the first half, then
/// fails the body stream so the connection is cut.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    parts.headers.insert(CONTENT_LENGTH, body.len().max(1).into());
    let chunks = [Ok(body.slice(..body.len() / 2)), Err(std::io::Error::other("newsroom: truncated on purpose"))];
    let stream = futures_util::stream::iter(chunks).then(|chunk: std::io::Result<Bytes>| async {
        if chunk.is_err() {
            tokio::time::sleep(Duration::from_millis(50)).await; // let the half reach the client
        }
        chunk
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

/// A JSON Feed answer that declares and sends [`OVERSIZED_BYTES`] of spaces,
/// 64 KiB every 2 ms (whole in about 2 s) while the client takes them,
/// recording how far it got.
fn oversized(newsroom: Newsroom) -> Response {
    /// Records the end of the body however it ends.
    struct Progress {
        newsroom: Newsroom,
        sent: u64,
    }
    impl Drop for Progress {
        fn drop(&mut self) {
            self.newsroom.record_oversized(Oversized { sent: self.sent, ended: true });
        }
    }
    const CHUNK: usize = 64 * 1024;
    let chunk = Bytes::from(vec![b' '; CHUNK]);
    newsroom.record_oversized(Oversized::default());
    let progress = Progress { newsroom, sent: 0 };
    let stream = futures_util::stream::unfold(progress, move |mut progress| {
        let chunk = chunk.clone();
        async move {
            tokio::time::sleep(Duration::from_millis(2)).await;
            (progress.sent < OVERSIZED_BYTES).then(|| {
                progress.sent += CHUNK as u64;
                progress.newsroom.record_oversized(Oversized { sent: progress.sent, ended: false });
                (Ok::<_, std::io::Error>(chunk), progress)
            })
        }
    });
    let headers = [(CONTENT_TYPE, HeaderValue::from_static(FEED_TYPE)), (CONTENT_LENGTH, OVERSIZED_BYTES.into())];
    (headers, Body::from_stream(stream)).into_response()
}

/// `GET /feeds/{name}.json` as news-bridge sends it: compressed by
/// `Accept-Encoding`, with `ETag`/`Last-Modified` validation, sent
/// `no-cache` unless [`Newsroom::set_feed_caching`] says otherwise; `Date`
/// and `Age` are exposed to other origins, so the widget can tell a stored
/// copy's age.
async fn feed(State(newsroom): State<Newsroom>, Path(file): Path<String>, request: HeaderMap) -> Response {
    let Some((name, feed)) = file.strip_suffix(".json").and_then(|name| Some((name, newsroom.feed(name)?))) else {
        return (StatusCode::NOT_FOUND, "newsroom: no such feed\n").into_response();
    };
    let header = |name| request.get(name).and_then(|value: &HeaderValue| value.to_str().ok());
    let coding = Coding::negotiate(header(ACCEPT_ENCODING));
    let is_current = |tag: &str| Coding::any_names(&feed.hash, tag);
    let fresh = serving::not_modified(header(IF_NONE_MATCH), header(IF_MODIFIED_SINCE), is_current, feed.modified);
    let validators = [
        (ETAG, feed.etag(coding)),
        (LAST_MODIFIED, httpdate::fmt_http_date(feed.modified)),
        (CACHE_CONTROL, newsroom.feed_caching(name)),
        (VARY, "Accept-Encoding".to_owned()),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, validators).into_response();
    }
    let mut response = (validators, [(CONTENT_TYPE, FEED_TYPE)], feed.forms.body(coding).clone()).into_response();
    if let Some(encoding) = coding.header() {
        response.headers_mut().insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// Redirects, pages and assets added by the tests, else files from `dist/`
/// (an extension-less path serves its `.html` page, e.g. `/configure`).
async fn page_or_file(State(newsroom): State<Newsroom>, mut request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if let Some(location) = newsroom.redirect(&path) {
        return (StatusCode::FOUND, [(LOCATION, location)]).into_response();
    }
    if let Some(html) = newsroom.page(&path) {
        return ([(CACHE_CONTROL, "no-cache")], Html(html)).into_response();
    }
    if let Some((content_type, body)) = newsroom.asset(&path) {
        let headers = [(CACHE_CONTROL, "no-cache"), (CONTENT_TYPE, content_type)];
        return (headers, body).into_response();
    }
    let dist = &newsroom.inner.config.dist;
    let page = html_page(&path).filter(|page| dist.join(page).is_file());
    if let Some(page) = &page {
        if let Ok(uri) = format!("/{page}").parse() {
            *request.uri_mut() = uri;
        }
    }
    // The build's precompressed forms (`.br`, `.gz`), as a CDN sends them.
    let mut files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let mut response = match files.try_call(request).await {
        Ok(response) => response.map(Body::new),
        Err(error) => return (StatusCode::INTERNAL_SERVER_ERROR, format!("newsroom: {error}\n")).into_response(),
    };
    let name = page.as_deref().unwrap_or(&path).rsplit('/').next().unwrap_or_default();
    let cache = if is_content_hashed(name) { IMMUTABLE } else { "no-cache" };
    let content_type = serving::content_type(name);
    let found = response.status().is_success();
    let headers = response.headers_mut();
    if let Some(policy) = (name == embed::PAGE && found).then(|| embed_policy(dist)).flatten() {
        // The embed page's own policy, as a CDN would send it (its <meta> repeats it).
        headers.insert(CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Some(content_type) = content_type.filter(|_| found) {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    response
}

/// The embed page's policy, as the release's `manifest.json` gives it
/// (`embed.csp`, with its scripts' hashes filled in by the build).
fn embed_policy(dist: &std::path::Path) -> Option<HeaderValue> {
    let manifest = dist.join("news-headlines").join(news_headlines::manifest::VERSION).join("manifest.json");
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(manifest).ok()?).ok()?;
    HeaderValue::from_str(manifest["embed"]["csp"].as_str()?).ok()
}

/// The page an extension-less path names in `dist/`: `/configure` →
/// `configure.html`. Only plain segments (no dot, so never `..`; no escapes).
pub fn html_page(path: &str) -> Option<String> {
    let relative = path.strip_prefix('/')?;
    let plain = |segment: &str| !segment.is_empty() && !segment.contains(['.', '%', '\\']);
    relative.split('/').all(plain).then(|| format!("{relative}.html"))
}

/// Whether a file name carries a trunk-style content hash: `-`, then a 64-bit
/// hash in hex (12 to 16 digits: leading zeros are not written), then `.` or `_`.
pub fn is_content_hashed(name: &str) -> bool {
    name.match_indices('-').any(|(at, _)| {
        let rest = name.get(at + 1..).unwrap_or_default();
        let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        (12..=16).contains(&digits) && rest[digits..].starts_with(['.', '_'])
    })
}

/// `POST /_newsroom/publish/{feed}` → `{"id": ...}`.
async fn publish(State(newsroom): State<Newsroom>, Path(feed): Path<String>) -> Response {
    match newsroom.publish(&feed) {
        Some(id) => Json(json!({ "id": id })).into_response(),
        None => {
            (StatusCode::NOT_FOUND, Json(json!({ "error": format!("no feed {feed:?} to publish to") }))).into_response()
        }
    }
}

#[derive(Deserialize)]
struct FailQuery {
    path: String,
    fault: String,
    count: Option<u32>,
}

/// `POST /_newsroom/fail?path=...&fault=...&count=N` (count defaults to 1).
async fn fail(State(newsroom): State<Newsroom>, Query(query): Query<FailQuery>) -> Response {
    match query.fault.parse::<Fault>() {
        Ok(fault) => {
            let count = query.count.unwrap_or(1);
            newsroom.fail_next(&query.path, fault, count);
            Json(json!({ "path": query.path, "fault": fault.to_string(), "count": count })).into_response()
        }
        Err(error) => (StatusCode::BAD_REQUEST, Json(json!({ "error": error }))).into_response(),
    }
}

#[derive(Deserialize)]
struct PathQuery {
    path: String,
}

/// `GET /_newsroom/requests?path=...` → `{"path": ..., "count": n}`.
async fn requests(State(newsroom): State<Newsroom>, Query(query): Query<PathQuery>) -> Json<serde_json::Value> {
    let count = newsroom.requests(&query.path);
    Json(json!({ "path": query.path, "count": count }))
}

/// `POST /_newsroom/reset`: clears faults and counters.
async fn reset(State(newsroom): State<Newsroom>) -> StatusCode {
    newsroom.reset();
    StatusCode::NO_CONTENT
}
