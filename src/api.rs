//! Fetching a feed (the browser's `fetch`, gloo-net's `Response`): one GET
//! through the HTTP cache, with a timeout, a size cap and a distinct message
//! for every way it can fail. The first request of a page view lets the
//! browser answer from its cache as the feed's caching headers allow
//! (`cache: default`, judged by [`crate::freshness`]); every later one
//! revalidates (`cache: no-cache`, so the server's ETag/Last-Modified answer
//! with 304 and the browser hands back its cached copy).

use crate::feed::{is_json_content_type, media_type, Feed, FeedError, MAX_BODY_BYTES};
use crate::freshness::{self, CachingHeaders, Verdict};
use crate::state::{Cause, Failure};
use gloo_net::http::Response;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCache, RequestInit};

thread_local! {
    static OFFERED: RefCell<Vec<(String, js_sys::Promise)>> = const { RefCell::new(Vec::new()) };
}

/// Hands over a request the loader started for `url` while the wasm was
/// still downloading; the first fetch of that URL uses it instead of asking
/// again.
pub fn offer(url: &str, response: js_sys::Promise) {
    OFFERED.with_borrow_mut(|offered| {
        if !offered.iter().any(|(offered_url, _)| offered_url == url) {
            offered.push((url.to_owned(), response));
        }
    });
}

pub use crate::refresh::TIMEOUT_MS;

/// Why a fetch gave no feed.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// The request failed before any answer: offline, refused, or blocked by CORS.
    Network,
    /// The server answered with a non-2xx status.
    Status(u16),
    /// The server sent something other than JSON (the content type).
    ContentType(String),
    /// The connection broke while the body was arriving.
    Truncated,
    /// The body was not a usable JSON Feed.
    Feed(FeedError),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_failure().message)
    }
}

impl FetchError {
    /// The failure shown to readers and sent with the error event: its
    /// English message is the English phrase (one copy of each text in the
    /// wasm), with a feed error's details.
    pub fn to_failure(&self) -> Failure {
        let cause = match self {
            FetchError::Timeout => Cause::Timeout,
            FetchError::Network => Cause::Network,
            FetchError::Status(status) => Cause::Status(*status),
            FetchError::ContentType(kind) => Cause::ContentType(kind.clone()),
            FetchError::Truncated => Cause::Truncated,
            FetchError::Feed(FeedError::TooLarge(_)) => Cause::TooLarge,
            FetchError::Feed(FeedError::NotJson) => Cause::NotJson,
            FetchError::Feed(FeedError::NotJsonFeed(_)) => Cause::NotAFeed,
        };
        let message = match self {
            FetchError::Feed(error) => error.to_string(),
            _ => cause.in_english(),
        };
        Failure { message, cause }
    }
}

/// A successful answer: the body as the browser decoded it, compared by the
/// caller to skip an unchanged feed before any of it crosses into the wasm.
pub struct Fetched {
    /// The response body.
    pub body: js_sys::JsString,
    /// How old the copy was when it arrived (ms), when its headers tell.
    pub age_ms: Option<f64>,
    /// What the first request of a page view does with it (later ones: show).
    pub verdict: Verdict,
}

impl Fetched {
    /// Parses the body, in slices (see [`Feed::parse_in_slices`]).
    pub async fn parse(&self) -> Result<Feed, FetchError> {
        Feed::parse_in_slices(&self.body).await.map_err(FetchError::Feed)
    }
}

/// Fetches `url` (resolved against the page by the browser). The `first`
/// request of a page view may be answered from the browser's cache, as the
/// feed's caching headers allow ([`freshness::judge`]); a copy they do not
/// vouch for is revalidated before it is returned.
pub async fn fetch(url: &str, first: bool) -> Result<Fetched, FetchError> {
    // One await of one request's future: written twice, it would be inlined twice.
    let mut cached = first;
    loop {
        let fetched = fetch_once(url, cached).await?;
        // Only a first request can be told to revalidate: the loop runs twice at most.
        if fetched.verdict != Verdict::RevalidateFirst || !cached {
            return Ok(fetched);
        }
        cached = false;
    }
}

async fn fetch_once(url: &str, first: bool) -> Result<Fetched, FetchError> {
    let controller = AbortController::new().map_err(|_| FetchError::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let window = web_sys::window().ok_or(FetchError::Network)?;
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), TIMEOUT_MS)
        .ok();
    let result = send(url, first, &controller).await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    match result {
        Err(_) if timed_out.get() => Err(FetchError::Timeout),
        other => other,
    }
}

async fn send(url: &str, first: bool, controller: &AbortController) -> Result<Fetched, FetchError> {
    let offered = OFFERED.with_borrow_mut(|offered| {
        let index = offered.iter().position(|(offered_url, _)| offered_url == url)?;
        Some(offered.swap_remove(index).1)
    });
    let promise = match offered {
        Some(promise) => promise,
        // A web-sys request sent by the browser's `fetch`, as the loader's is:
        // gloo-net's `RequestBuilder` would add its query-string merging
        // (1.2 KB of gzip) for a URL that is used as it is, and its `send` a
        // panic that formats a `JsValue` with `Debug`.
        None => {
            let init = RequestInit::new();
            init.set_cache(if first { RequestCache::Default } else { RequestCache::NoCache });
            init.set_signal(Some(&controller.signal()));
            let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| FetchError::Network)?;
            web_sys::window().ok_or(FetchError::Network)?.fetch_with_request(&request)
        }
    };
    let response = match JsFuture::from(promise).await {
        Ok(response) => Response::from(response.dyn_into::<web_sys::Response>().map_err(|_| FetchError::Network)?),
        // The loader's early request carries its own timeout signal.
        Err(error) if error_name(&error) == "TimeoutError" => return Err(FetchError::Timeout),
        Err(_) => return Err(FetchError::Network),
    };
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let headers = response.headers();
    let kind = headers.get("content-type").unwrap_or_default();
    if !is_json_content_type(&kind) {
        return Err(FetchError::ContentType(media_type(&kind)));
    }
    let declared = headers.get("content-length").and_then(|len| len.trim().parse::<usize>().ok());
    if let Some(len) = declared.filter(|len| *len > MAX_BODY_BYTES) {
        controller.abort();
        return Err(FetchError::Feed(FeedError::TooLarge(len)));
    }
    let cache_control = headers.get("cache-control");
    let age = headers.get("age");
    let caching = CachingHeaders {
        cache_control: cache_control.as_deref(),
        date_ms: headers.get("date").map(|date| js_sys::Date::parse(&date)).filter(|ms| ms.is_finite()),
        age: age.as_deref(),
        validators_or_expires: ["etag", "last-modified", "expires"].iter().any(|name| headers.has(name)),
    };
    let now = js_sys::Date::now();
    let verdict = if first { freshness::judge(&caching, now) } else { Verdict::Show };
    let age_ms = freshness::age_ms(&caching, now);
    let text = web_sys::Response::from(response).text().map_err(|_| FetchError::Truncated)?;
    let body = JsFuture::from(text).await.map_err(|_| FetchError::Truncated)?;
    Ok(Fetched { body: body.dyn_into().map_err(|_| FetchError::Truncated)?, age_ms, verdict })
}

/// The `name` of a thrown DOMException or Error.
fn error_name(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &"name".into()).ok().and_then(|name| name.as_string()).unwrap_or_default()
}
