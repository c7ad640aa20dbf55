//! The upstream client: HTTP(S) with conditional requests (ETag /
//! If-Modified-Since), connect and total timeouts, capped redirects and a
//! size limit counted on the decompressed body; local files with the same
//! size limit and a modification check.
//!
//! Upstream connections reach public addresses only (unless the
//! configuration allows private ones): every address a host name resolves to
//! is checked when the connection is made (so redirects and DNS rebinding are
//! covered), and so is every IP-literal host, first request and redirects
//! alike. Redirects from https to http are refused, no `Referer` is sent,
//! and errors show URLs redacted ([`crate::config::redact`]).

use crate::config::{redact, Limits, PrivateAddresses, Upstream};
use reqwest::header::{ACCEPT, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::redirect::Policy;
use reqwest::StatusCode;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
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
#[derive(Clone, Debug)]
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
    /// `host` is (or resolves only to) an address of this kind, refused.
    PrivateAddress {
        /// The host as written in the URL.
        host: String,
        /// The address refused.
        address: IpAddr,
        /// What kind of address it is (`loopback`, `private`, …).
        kind: &'static str,
    },
    /// A redirect from https to http, refused (to the redacted URL).
    Downgrade(String),
    /// A local upstream that is not a regular file (a FIFO, a device, …).
    NotAFile(String),
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
            FetchError::PrivateAddress { host, address, kind } => write!(
                f,
                "refused: {host} is a {kind} address ({address}); upstreams must be public (allow_private = true allows intranet ones)"
            ),
            FetchError::Downgrade(target) => {
                write!(f, "refused: a redirect from https to http ({target}) would send the request unencrypted")
            }
            FetchError::NotAFile(path) => write!(f, "{path} is not a regular file (a FIFO, device or folder)"),
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
        let private = limits.private.clone();
        let redirects = Policy::custom(move |attempt| {
            match redirect_refusal(attempt.previous(), attempt.url(), max_redirects, &private) {
                Some(refusal) => attempt.error(refusal),
                None => attempt.follow(),
            }
        });
        let client = reqwest::Client::builder()
            .user_agent(user_agent)
            .connect_timeout(limits.connect_timeout)
            .timeout(limits.timeout)
            .redirect(redirects)
            .referer(false)
            .dns_resolver(Arc::new(PublicResolver { private: limits.private.clone() }))
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
        check_literal(&url, &self.limits.private)?;
        let mut request = self.client.get(url).header(ACCEPT, ACCEPT_FEEDS);
        if let Some(etag) = &previous.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(modified) = &previous.last_modified {
            request = request.header(IF_MODIFIED_SINCE, modified);
        }
        let mut response = request.send().await.map_err(|error| self.describe(&error.without_url()))?;
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
        while let Some(chunk) = response.chunk().await.map_err(|error| self.describe(&error.without_url()))? {
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
        if !metadata.is_file() {
            return Err(FetchError::NotAFile(path.display().to_string()));
        }
        let modified = metadata.modified().ok().and_then(|m| m.duration_since(UNIX_EPOCH).ok()).unwrap_or_default();
        let version = Some(format!("{}-{}", metadata.len(), modified.as_nanos()));
        if previous.etag.is_some() && previous.etag == version {
            return Ok(Fetched::NotModified);
        }
        if metadata.len() > self.limits.max_bytes as u64 {
            return Err(FetchError::TooLarge(self.limits.max_bytes));
        }
        // Read at most one byte past the limit: a file that grew since
        // `metadata` is refused without being read whole.
        let file = tokio::fs::File::open(path).await.map_err(io)?;
        let mut bytes = Vec::new();
        let cap = u64::try_from(self.limits.max_bytes).unwrap_or(u64::MAX).saturating_add(1);
        tokio::io::AsyncReadExt::read_to_end(&mut tokio::io::AsyncReadExt::take(file, cap), &mut bytes)
            .await
            .map_err(io)?;
        if bytes.len() > self.limits.max_bytes {
            return Err(FetchError::TooLarge(self.limits.max_bytes));
        }
        Ok(Fetched::Body { bytes, validators: Validators { etag: version, last_modified: None } })
    }

    /// A reqwest error in the terms of [`FetchError`].
    fn describe(&self, error: &reqwest::Error) -> FetchError {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(cause) = source {
            if let Some(ours) = cause.downcast_ref::<FetchError>() {
                return ours.clone();
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

/// Why a redirect to `target` after the URLs `previous` is not followed:
/// too many, not http(s), https to http, or a refused IP-literal host.
fn redirect_refusal(
    previous: &[url::Url],
    target: &url::Url,
    max_redirects: usize,
    private: &PrivateAddresses,
) -> Option<FetchError> {
    if previous.len() > max_redirects {
        return Some(FetchError::TooManyRedirects(max_redirects));
    }
    if !matches!(target.scheme(), "http" | "https") {
        return Some(FetchError::Io(format!("a redirect to {} (not http or https)", redact(target))));
    }
    if previous.last().is_some_and(|from| from.scheme() == "https") && target.scheme() == "http" {
        return Some(FetchError::Downgrade(redact(target)));
    }
    check_literal(target, private).err()
}

/// The kind of a non-public address (`None` for a public one).
pub fn non_public(address: IpAddr) -> Option<&'static str> {
    match address {
        IpAddr::V4(ip) => {
            let [a, b, ..] = ip.octets();
            if ip.is_loopback() {
                Some("loopback")
            } else if ip.is_private() {
                Some("private")
            } else if ip.is_link_local() {
                Some("link-local")
            } else if a == 100 && (64..128).contains(&b) {
                Some("carrier-grade NAT (shared)")
            } else if ip.is_multicast() {
                Some("multicast")
            } else if ip.is_unspecified() || a == 0 {
                Some("unspecified")
            } else if a >= 240
                || (a == 192 && b == 0 && ip.octets().get(2) == Some(&0))
                || (a == 198 && (b & 0xFE) == 18)
            {
                Some("reserved")
            } else {
                None
            }
        }
        IpAddr::V6(ip) => {
            if let Some(v4) = ip.to_ipv4_mapped() {
                return non_public(IpAddr::V4(v4));
            }
            let first = ip.segments().first().copied().unwrap_or_default();
            if ip.is_loopback() {
                Some("loopback")
            } else if ip.is_unspecified() {
                Some("unspecified")
            } else if first & 0xFE00 == 0xFC00 {
                Some("unique local (ULA)")
            } else if first & 0xFFC0 == 0xFE80 || first & 0xFFC0 == 0xFEC0 {
                Some("link-local")
            } else if ip.is_multicast() {
                Some("multicast")
            } else {
                None
            }
        }
    }
}

/// Whether `private` lets a connection reach `address`; the refusal if not.
fn check_address(host: &str, address: IpAddr, private: &PrivateAddresses) -> Result<(), FetchError> {
    let allowed = match private {
        PrivateAddresses::Allowed => true,
        PrivateAddresses::Only(list) => list.contains(&address),
        PrivateAddresses::Refused => false,
    };
    match non_public(address) {
        Some(kind) if !allowed => Err(FetchError::PrivateAddress { host: host.to_owned(), address, kind }),
        _ => Ok(()),
    }
}

/// Checks a URL whose host is an IP address (they are never resolved, so
/// [`PublicResolver`] does not see them).
fn check_literal(url: &url::Url, private: &PrivateAddresses) -> Result<(), FetchError> {
    let address = match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
        _ => return Ok(()),
    };
    check_address(&address.to_string(), address, private)
}

/// Resolves host names with the system resolver and keeps only the
/// addresses [`PrivateAddresses`] allows; a name left with none is refused
/// (with the first address's kind).
struct PublicResolver {
    private: PrivateAddresses,
}

impl reqwest::dns::Resolve for PublicResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let private = self.private.clone();
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let mut refusal = None;
            let mut allowed = Vec::new();
            for address in resolved {
                match check_address(&host, address.ip(), &private) {
                    Ok(()) => allowed.push(address),
                    Err(refused) => refusal = refusal.or(Some(refused)),
                }
            }
            match refusal {
                Some(refused) if allowed.is_empty() => {
                    Err(Box::new(refused) as Box<dyn std::error::Error + Send + Sync>)
                }
                _ => Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_kind_of_non_public_address() {
        let kind = |text: &str| non_public(text.parse().unwrap());
        let cases = [
            ("127.0.0.1", Some("loopback")),
            ("10.1.2.3", Some("private")),
            ("172.16.0.1", Some("private")),
            ("192.168.1.1", Some("private")),
            ("169.254.169.254", Some("link-local")),
            ("100.64.0.1", Some("carrier-grade NAT (shared)")),
            ("224.0.0.1", Some("multicast")),
            ("0.0.0.0", Some("unspecified")),
            ("240.0.0.1", Some("reserved")),
            ("::1", Some("loopback")),
            ("::", Some("unspecified")),
            ("fd12:3456::1", Some("unique local (ULA)")),
            ("fe80::1", Some("link-local")),
            ("ff02::1", Some("multicast")),
            ("::ffff:10.0.0.1", Some("private")),
            ("93.184.216.34", None),
            ("100.128.0.1", None),
            ("2606:4700::1111", None),
        ];
        for (address, expected) in cases {
            assert_eq!(kind(address), expected, "{address}");
        }
    }

    #[test]
    fn redirects_to_http_from_https_or_to_private_literals_are_refused() {
        let url = |text: &str| url::Url::parse(text).unwrap();
        let refusal = |from: &str, to: &str| {
            redirect_refusal(&[url(from)], &url(to), 5, &PrivateAddresses::Refused).map(|error| error.to_string())
        };
        assert_eq!(
            refusal("https://news.example/rss", "http://news.example/rss?token=SECRET").as_deref(),
            Some(
                "refused: a redirect from https to http (http://news.example/rss?…) would send the request unencrypted"
            )
        );
        assert_eq!(refusal("http://news.example/rss", "https://news.example/rss"), None);
        assert_eq!(refusal("https://news.example/rss", "https://cdn.example/rss"), None);
        let metadata = refusal("https://news.example/rss", "https://169.254.169.254/latest/meta-data").unwrap();
        assert!(metadata.starts_with("refused: 169.254.169.254 is a link-local address"), "{metadata}");
        let ula = refusal("http://news.example/rss", "http://[fd00::1]/").unwrap();
        assert!(ula.starts_with("refused: fd00::1 is a unique local (ULA) address"), "{ula}");
        let ftp = refusal("http://news.example/rss", "ftp://news.example/rss").unwrap();
        assert_eq!(ftp, "a redirect to ftp://news.example/rss (not http or https)");
        let many = redirect_refusal(
            &vec![url("http://a.example/"); 6],
            &url("http://b.example/"),
            5,
            &PrivateAddresses::Refused,
        );
        assert_eq!(many.map(|error| error.to_string()).as_deref(), Some("more than 5 redirects"));
    }

    #[test]
    fn the_allow_list_admits_only_its_addresses() {
        let only = PrivateAddresses::Only(vec!["10.0.0.5".parse().unwrap()]);
        assert!(check_address("a", "10.0.0.5".parse().unwrap(), &only).is_ok());
        let refused = check_address("intranet.example", "10.0.0.6".parse().unwrap(), &only).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "refused: intranet.example is a private address (10.0.0.6); upstreams must be public (allow_private = true allows intranet ones)"
        );
        assert!(check_address("a", "127.0.0.1".parse().unwrap(), &PrivateAddresses::Allowed).is_ok());
        assert!(check_address("a", "8.8.8.8".parse().unwrap(), &PrivateAddresses::Refused).is_ok());
    }
}
