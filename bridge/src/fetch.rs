//! The upstream client: HTTP(S) with conditional requests (ETag /
//! If-Modified-Since), connect and total timeouts, capped redirects and a
//! size limit counted on the decompressed body; local files with the same
//! size limit and a modification check.

use crate::config::{Limits, Upstream};
use reqwest::header::{ACCEPT, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::redirect::Policy;
use reqwest::StatusCode;
use std::fmt;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// What the `Accept` header asks for.
const ACCEPT_FEEDS: &str =
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

/// What identifies the version of an upstream document last read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Validators {
    /// The `ETag` response header (or a file's size and modification time).
    pub etag: Option<String>,
    /// The `Last-Modified` response header.
    pub last_modified: Option<String>,
}

/// A fetch's outcome.
#[derive(Debug, PartialEq)]
pub enum Fetched {
    /// Unchanged since the validators given.
    NotModified,
    /// A new document and its validators.
    Body {
        /// The bytes, at most the size limit.
        bytes: Vec<u8>,
        /// Validators for the next conditional request.
        validators: Validators,
    },
}

/// Why a fetch failed.
#[derive(Debug)]
pub enum FetchError {
    /// The HTTP client could not be set up.
    Client(String),
    /// No answer within the connect timeout.
    ConnectTimeout(std::time::Duration),
    /// The connection failed; the innermost cause.
    Connect(String),
    /// The whole request took longer than the timeout.
    Timeout(std::time::Duration),
    /// More redirects than allowed.
    TooManyRedirects(usize),
    /// The upstream answered with an error status.
    Status(StatusCode),
    /// The body is larger than the limit.
    TooLarge(usize),
    /// A network or file error, described.
    Io(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Client(why) => write!(f, "the HTTP client could not start: {why}"),
            FetchError::ConnectTimeout(limit) => write!(f, "could not connect within {limit:?}"),
            FetchError::Connect(why) => write!(f, "could not connect: {why}"),
            FetchError::Timeout(limit) => write!(f, "no complete answer within {limit:?}"),
            FetchError::TooManyRedirects(limit) => write!(f, "more than {limit} redirects"),
            FetchError::Status(status) => write!(f, "HTTP {status}"),
            FetchError::TooLarge(limit) => write!(f, "the document is larger than the {} KB limit", limit / 1000),
            FetchError::Io(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for FetchError {}

/// Fetches upstream documents under [`Limits`].
#[derive(Clone, Debug)]
pub struct Fetcher {
    client: reqwest::Client,
    limits: Limits,
}

impl Fetcher {
    /// A fetcher with `limits`, sending `user_agent`.
    pub fn new(limits: Limits, user_agent: &str) -> Result<Fetcher, FetchError> {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Fails only when another thread installed one first, which is as good.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let max_redirects = limits.max_redirects;
        let redirects = Policy::custom(move |attempt| {
            if attempt.previous().len() > max_redirects {
                attempt.error(FetchError::TooManyRedirects(max_redirects))
            } else if !matches!(attempt.url().scheme(), "http" | "https") {
                let target = attempt.url().to_string();
                attempt.error(FetchError::Io(format!("a redirect to {target} (not http or https)")))
            } else {
                attempt.follow()
            }
        });
        let client = reqwest::Client::builder()
            .user_agent(user_agent)
            .connect_timeout(limits.connect_timeout)
            .timeout(limits.timeout)
            .redirect(redirects)
            .build()
            .map_err(|error| FetchError::Client(error.to_string()))?;
        Ok(Fetcher { client, limits })
    }

    /// Fetches `upstream`, conditionally when `previous` holds validators.
    pub async fn fetch(&self, upstream: &Upstream, previous: &Validators) -> Result<Fetched, FetchError> {
        match upstream {
            Upstream::Url(url) => self.fetch_url(url.clone(), previous).await,
            Upstream::File(path) => self.fetch_file(path, previous).await,
        }
    }

    async fn fetch_url(&self, url: url::Url, previous: &Validators) -> Result<Fetched, FetchError> {
        let mut request = self.client.get(url).header(ACCEPT, ACCEPT_FEEDS);
        if let Some(etag) = &previous.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(modified) = &previous.last_modified {
            request = request.header(IF_MODIFIED_SINCE, modified);
        }
        let mut response = request.send().await.map_err(|error| self.describe(&error))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED && previous != &Validators::default() {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status(status));
        }
        if response.content_length().is_some_and(|length| length > self.limits.max_bytes as u64) {
            return Err(FetchError::TooLarge(self.limits.max_bytes));
        }
        let header = |name| response.headers().get(name).and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok());
        let validators = Validators {
            etag: header(ETAG).map(str::to_owned),
            last_modified: header(LAST_MODIFIED).map(str::to_owned),
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|error| self.describe(&error))? {
            if bytes.len() + chunk.len() > self.limits.max_bytes {
                return Err(FetchError::TooLarge(self.limits.max_bytes));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Fetched::Body { bytes, validators })
    }

    async fn fetch_file(&self, path: &Path, previous: &Validators) -> Result<Fetched, FetchError> {
        let io = |error: std::io::Error| FetchError::Io(format!("{}: {error}", path.display()));
        let metadata = tokio::fs::metadata(path).await.map_err(io)?;
        let modified = metadata.modified().ok().and_then(|m| m.duration_since(UNIX_EPOCH).ok()).unwrap_or_default();
        let version = Some(format!("{}-{}", metadata.len(), modified.as_nanos()));
        if previous.etag.is_some() && previous.etag == version {
            return Ok(Fetched::NotModified);
        }
        if metadata.len() > self.limits.max_bytes as u64 {
            return Err(FetchError::TooLarge(self.limits.max_bytes));
        }
        let bytes = tokio::fs::read(path).await.map_err(io)?;
        if bytes.len() > self.limits.max_bytes {
            return Err(FetchError::TooLarge(self.limits.max_bytes));
        }
        Ok(Fetched::Body { bytes, validators: Validators { etag: version, last_modified: None } })
    }

    /// A reqwest error in the terms of [`FetchError`].
    fn describe(&self, error: &reqwest::Error) -> FetchError {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(cause) = source {
            if let Some(FetchError::TooManyRedirects(limit)) = cause.downcast_ref::<FetchError>() {
                return FetchError::TooManyRedirects(*limit);
            }
            if let Some(FetchError::Io(why)) = cause.downcast_ref::<FetchError>() {
                return FetchError::Io(why.clone());
            }
            source = cause.source();
        }
        if error.is_timeout() && error.is_connect() {
            return FetchError::ConnectTimeout(self.limits.connect_timeout);
        }
        if error.is_timeout() {
            return FetchError::Timeout(self.limits.timeout);
        }
        let mut causes = Vec::new();
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(cause) = source {
            causes.push(cause.to_string());
            source = cause.source();
        }
        match causes.last() {
            Some(root) if error.is_connect() => FetchError::Connect(root.clone()),
            _ => FetchError::Io(causes.join(": ")),
        }
    }
}
