//! `bridge.toml`: the outputs, their upstreams and rules, CORS and the
//! upstream limits. Every value is checked when the file is read; an error
//! names the file, the output and the field.

use crate::convert::{Rules, DEFAULT_LIMIT, MAX_LIMIT};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;
use url::Url;

/// Default poll interval of an output's upstreams.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(300);
/// Shortest poll interval accepted (local files and loopback upstreams).
const MIN_INTERVAL: Duration = Duration::from_millis(100);
/// Shortest poll interval of a remote upstream: a publisher's server is
/// never polled more often than this, whatever the output asks.
pub const MIN_REMOTE_INTERVAL: Duration = Duration::from_secs(30);
/// Longest upstream connect or request timeout accepted.
const MAX_TIMEOUT: Duration = Duration::from_secs(120);

/// A checked configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Where `serve` listens unless `--listen` says otherwise.
    pub listen: Option<SocketAddr>,
    /// Which browser origins may read the outputs.
    pub cors: Cors,
    /// Limits on every upstream request.
    pub limits: Limits,
    /// `User-Agent` of upstream requests.
    pub user_agent: String,
    /// How `serve` treats its clients' connections, and what `/healthz` says.
    pub server: ServerLimits,
    /// The feeds served or built.
    pub outputs: Vec<Output>,
}

/// How `serve` treats client connections: a slow or idle client holds a
/// connection for a bounded time, and the number held is capped.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerLimits {
    /// Time allowed for a request's headers to arrive, from when the
    /// connection starts waiting for them.
    pub header_timeout: Duration,
    /// A connection with no request for this long is closed.
    pub idle_timeout: Duration,
    /// Most connections held at once; `None`: from the process's descriptor
    /// limit (`RLIMIT_NOFILE`), leaving room for upstream fetches.
    pub max_connections: Option<usize>,
    /// Longest wait for requests in flight on shutdown.
    pub shutdown_timeout: Duration,
    /// Whether `/healthz` shows upstreams and their errors (else only the
    /// status and each output's counts and times).
    pub health_details: bool,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            max_connections: None,
            shutdown_timeout: Duration::from_secs(10),
            health_details: false,
        }
    }
}

/// Which addresses upstream connections may reach.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum PrivateAddresses {
    /// Only public addresses (the default): loopback, private, link-local,
    /// CGNAT, unique local, multicast, unspecified and reserved ones refused.
    #[default]
    Refused,
    /// Every address (`allow_private = true`: intranet upstreams, tests).
    Allowed,
    /// Public addresses and these (`allow_private = ["10.1.2.3"]`).
    Only(Vec<IpAddr>),
}

/// Allowed CORS origins.
#[derive(Clone, Debug, PartialEq)]
pub enum Cors {
    /// `Access-Control-Allow-Origin: *`.
    Any,
    /// Only these origins (`https://www.example.com`), echoed back.
    Origins(Vec<String>),
}

impl Cors {
    /// The `Access-Control-Allow-Origin` value for a request from `origin`.
    pub fn allow(&self, origin: Option<&str>) -> Option<String> {
        match self {
            Cors::Any => Some("*".to_owned()),
            Cors::Origins(allowed) => origin.filter(|origin| allowed.iter().any(|a| a == origin)).map(str::to_owned),
        }
    }
}

/// Limits on upstream requests.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Largest body read (after decompression).
    pub max_bytes: usize,
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, body included.
    pub timeout: Duration,
    /// Redirects followed.
    pub max_redirects: usize,
    /// Which addresses may be connected to.
    pub private: PrivateAddresses,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 5_000_000,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(20),
            max_redirects: 5,
            private: PrivateAddresses::Refused,
        }
    }
}

/// Where an upstream document comes from.
#[derive(Clone, Debug, Eq, Hash, PartialEq)]
pub enum Upstream {
    /// An `http://` or `https://` URL.
    Url(Url),
    /// A local file.
    File(PathBuf),
}

impl Upstream {
    /// An `http(s)://` URL, else a path (relative to `base_dir`).
    pub fn parse(text: &str, base_dir: &Path) -> Result<Upstream, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("an upstream is empty".into());
        }
        if text.starts_with("http://") || text.starts_with("https://") {
            return Url::parse(text)
                .map(Upstream::Url)
                .map_err(|error| format!("upstream {text:?} is not a valid URL: {error}"));
        }
        if let Some((scheme, _)) = text.split_once("://") {
            return Err(format!(
                "upstream {text:?}: only http://, https:// and file paths are supported, not {scheme}://"
            ));
        }
        Ok(Upstream::File(base_dir.join(text)))
    }

    /// Whether this is a URL upstream on another machine (not a file, not
    /// a loopback address or `localhost`).
    pub fn is_remote(&self) -> bool {
        match self {
            Upstream::Url(url) => match url.host() {
                Some(url::Host::Ipv4(ip)) => !ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => !ip.is_loopback(),
                Some(url::Host::Domain(name)) => !name.eq_ignore_ascii_case("localhost"),
                None => true,
            },
            Upstream::File(_) => false,
        }
    }

    /// The URL against which relative links resolve: the upstream's, less
    /// its user name, password and query (never copied into item links).
    pub fn base_url(&self) -> Option<String> {
        match self {
            Upstream::Url(url) => {
                let mut base = url.clone();
                let _ = base.set_username("");
                let _ = base.set_password(None);
                base.set_query(None);
                base.set_fragment(None);
                Some(base.into())
            }
            Upstream::File(_) => None,
        }
    }
}

/// Shown redacted: a URL without its user name, password and query.
impl fmt::Display for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Upstream::Url(url) => f.write_str(&redact(url)),
            Upstream::File(path) => path.display().fmt(f),
        }
    }
}

/// `url` as it may be shown in logs, errors and `/healthz`: its user name,
/// password, query and fragment (where credentials and tokens live) are
/// replaced by `…`.
pub fn redact(url: &Url) -> String {
    let mut shown = format!("{}://", url.scheme());
    if !url.username().is_empty() || url.password().is_some() {
        shown.push_str("…@");
    }
    match url.host() {
        Some(host) => shown.push_str(&host.to_string()),
        None => shown.push('…'),
    }
    if let Some(port) = url.port() {
        shown.push_str(&format!(":{port}"));
    }
    shown.push_str(url.path());
    if url.query().is_some() || url.fragment().is_some() {
        shown.push_str("?…");
    }
    shown
}

/// One output feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// URL path (`/feeds/news.json`), also its file path under `build --out`.
    pub path: String,
    /// Where its items come from.
    pub upstreams: Vec<Upstream>,
    /// How often each upstream is polled by `serve`.
    pub interval: Duration,
    /// How the items are merged.
    pub rules: Rules,
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    listen: Option<String>,
    cors: Option<RawCors>,
    user_agent: Option<String>,
    allow_private: Option<RawAllow>,
    #[serde(default)]
    limits: RawLimits,
    #[serde(default)]
    server: RawServer,
    #[serde(default)]
    output: Vec<RawOutput>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawCors {
    One(String),
    List(Vec<String>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawAllow {
    All(bool),
    Only(Vec<String>),
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawServer {
    header_timeout: Option<String>,
    idle_timeout: Option<String>,
    max_connections: Option<usize>,
    shutdown_timeout: Option<String>,
    health_details: Option<bool>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    max_bytes: Option<usize>,
    connect_timeout: Option<String>,
    timeout: Option<String>,
    max_redirects: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutput {
    path: String,
    upstreams: Vec<String>,
    title: Option<String>,
    home_page_url: Option<String>,
    language: Option<String>,
    limit: Option<usize>,
    interval: Option<String>,
    dateline: Option<bool>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
}

impl Config {
    /// Reads and checks `path`; upstream file paths are relative to its folder.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
        let base_dir = path.parent().unwrap_or(Path::new("."));
        Config::parse(&text, base_dir).map_err(|error| format!("{}: {error}", path.display()))
    }

    /// Parses and checks a configuration text.
    pub fn parse(text: &str, base_dir: &Path) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|error| error.to_string().trim_end().to_owned())?;
        let listen = raw
            .listen
            .map(|listen| {
                listen.parse().map_err(|_| format!("listen: {listen:?} is not an address like 127.0.0.1:8090"))
            })
            .transpose()?;
        let mut limits = raw.limits.check()?;
        limits.private = check_allow_private(raw.allow_private)?;
        let server = raw.server.check()?;
        if raw.output.is_empty() {
            return Err("no [[output]]: add at least one output with a path and upstreams".into());
        }
        let mut paths = HashSet::new();
        let mut outputs = Vec::new();
        for (index, output) in raw.output.into_iter().enumerate() {
            let label = format!("output {} ({})", index + 1, output.path);
            let output = output.check(base_dir).map_err(|error| format!("{label}: {error}"))?;
            if !paths.insert(output.path.clone()) {
                return Err(format!("{label}: the path is used twice"));
            }
            outputs.push(output);
        }
        let user_agent = raw.user_agent.unwrap_or_else(|| format!("news-bridge/{}", env!("CARGO_PKG_VERSION")));
        Ok(Config { listen, cors: check_cors(raw.cors)?, limits, user_agent, server, outputs })
    }
}

fn check_cors(cors: Option<RawCors>) -> Result<Cors, String> {
    let origins = match cors {
        None => return Ok(Cors::Any),
        Some(RawCors::One(one)) if one == "*" => return Ok(Cors::Any),
        Some(RawCors::One(one)) => vec![one],
        Some(RawCors::List(list)) if list.iter().any(|o| o == "*") => return Ok(Cors::Any),
        Some(RawCors::List(list)) => list,
    };
    for origin in &origins {
        let url = Url::parse(origin)
            .map_err(|_| format!("cors: {origin:?} is not an origin like https://www.example.com"))?;
        if url.origin().ascii_serialization() != *origin {
            return Err(format!("cors: {origin:?} is not an origin (scheme://host[:port], no path or trailing slash)"));
        }
    }
    Ok(Cors::Origins(origins))
}

fn check_allow_private(allow: Option<RawAllow>) -> Result<PrivateAddresses, String> {
    Ok(match allow {
        None | Some(RawAllow::All(false)) => PrivateAddresses::Refused,
        Some(RawAllow::All(true)) => PrivateAddresses::Allowed,
        Some(RawAllow::Only(list)) => PrivateAddresses::Only(
            list.iter()
                .map(|ip| {
                    ip.trim().parse().map_err(|_| format!("allow_private: {ip:?} is not an IP address like 10.1.2.3"))
                })
                .collect::<Result<_, _>>()?,
        ),
    })
}

/// A duration field within `min..=max`, else `default`.
fn bounded(
    value: Option<String>,
    default: Duration,
    field: &str,
    (min, max): (Duration, Duration),
) -> Result<Duration, String> {
    let Some(text) = value else { return Ok(default) };
    let duration = parse_duration(&text).map_err(|error| format!("{field}: {error}"))?;
    if !(min..=max).contains(&duration) {
        return Err(format!("{field} must be between {min:?} and {max:?}, got {duration:?}"));
    }
    Ok(duration)
}

impl RawServer {
    fn check(self) -> Result<ServerLimits, String> {
        let defaults = ServerLimits::default();
        let range = (Duration::from_millis(100), Duration::from_secs(600));
        let server = ServerLimits {
            header_timeout: bounded(self.header_timeout, defaults.header_timeout, "server.header_timeout", range)?,
            idle_timeout: bounded(self.idle_timeout, defaults.idle_timeout, "server.idle_timeout", range)?,
            max_connections: self.max_connections,
            shutdown_timeout: bounded(
                self.shutdown_timeout,
                defaults.shutdown_timeout,
                "server.shutdown_timeout",
                (Duration::ZERO, Duration::from_secs(600)),
            )?,
            health_details: self.health_details.unwrap_or(false),
        };
        if let Some(max) = server.max_connections.filter(|max| !(1..=1_000_000).contains(max)) {
            return Err(format!("server.max_connections must be between 1 and 1000000, got {max}"));
        }
        Ok(server)
    }
}

impl RawLimits {
    fn check(self) -> Result<Limits, String> {
        let defaults = Limits::default();
        let range = (Duration::from_millis(100), MAX_TIMEOUT);
        let limits = Limits {
            max_bytes: self.max_bytes.unwrap_or(defaults.max_bytes),
            connect_timeout: bounded(self.connect_timeout, defaults.connect_timeout, "limits.connect_timeout", range)?,
            timeout: bounded(self.timeout, defaults.timeout, "limits.timeout", range)?,
            max_redirects: self.max_redirects.unwrap_or(defaults.max_redirects),
            private: PrivateAddresses::Refused,
        };
        if !(1_000..=100_000_000).contains(&limits.max_bytes) {
            return Err(format!("limits.max_bytes must be between 1000 and 100000000, got {}", limits.max_bytes));
        }
        if limits.max_redirects > 20 {
            return Err(format!("limits.max_redirects must be at most 20, got {}", limits.max_redirects));
        }
        Ok(limits)
    }
}

impl RawOutput {
    fn check(self, base_dir: &Path) -> Result<Output, String> {
        check_path(&self.path)?;
        if self.upstreams.is_empty() {
            return Err("upstreams is empty: list at least one feed URL or file".into());
        }
        let upstreams = self.upstreams.iter().map(|u| Upstream::parse(u, base_dir)).collect::<Result<Vec<_>, _>>()?;
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(format!("limit must be between 1 and {MAX_LIMIT}, got {limit}"));
        }
        let interval = match self.interval {
            Some(text) => parse_duration(&text).map_err(|error| format!("interval: {error}"))?,
            None => DEFAULT_INTERVAL,
        };
        if interval < MIN_INTERVAL {
            return Err(format!("interval must be at least 100ms, got {interval:?}"));
        }
        if interval < MIN_REMOTE_INTERVAL && upstreams.iter().any(Upstream::is_remote) {
            return Err(format!(
                "interval must be at least {MIN_REMOTE_INTERVAL:?} for remote upstreams (a publisher's server), got {interval:?}"
            ));
        }
        if let Some(home) = &self.home_page_url {
            let url = Url::parse(home).map_err(|error| format!("home_page_url {home:?} is not a URL: {error}"))?;
            if !matches!(url.scheme(), "http" | "https") {
                return Err(format!("home_page_url {home:?} must be an http:// or https:// URL"));
            }
        }
        if let Some(language) = &self.language {
            let valid = !language.is_empty()
                && language.len() <= 35
                && language.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !valid {
                return Err(format!("language {language:?} is not a language tag like en or ar-SA"));
            }
        }
        let words = |list: Vec<String>, field: &str| {
            if list.iter().any(|word| word.trim().is_empty()) {
                return Err(format!("{field} has an empty entry"));
            }
            Ok(list)
        };
        let rules = Rules {
            title: self.title,
            home_page_url: self.home_page_url,
            language: self.language,
            limit,
            dateline: self.dateline.unwrap_or(true),
            tags: words(self.tags, "tags")?,
            include: words(self.include, "include")?,
            exclude: words(self.exclude, "exclude")?,
        };
        Ok(Output { path: self.path, upstreams, interval, rules })
    }
}

/// An output path: `/`, then `/`-separated names of letters, digits, `.`,
/// `_`, `-`, ending in `.json`; no `..`; not `/healthz`.
fn check_path(path: &str) -> Result<(), String> {
    let segments: Vec<&str> = path.strip_prefix('/').ok_or("path must start with /")?.split('/').collect();
    let valid_segment = |s: &&str| {
        !s.is_empty() && *s != "." && *s != ".." && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
    };
    if !segments.iter().all(valid_segment) || !path.ends_with(".json") || path.len() > 200 {
        return Err(format!(
            "path {path:?} must look like /feeds/news.json (letters, digits, . _ - and /, ending in .json)"
        ));
    }
    Ok(())
}

/// `"250ms"`, `"30s"`, `"5m"`, `"1h"`.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().map_err(|_| format!("{text:?} is not a duration like 250ms, 30s, 5m or 1h"))?;
    let millis = match unit.trim() {
        "ms" => Some(number),
        "s" => number.checked_mul(1_000),
        "m" => number.checked_mul(60_000),
        "h" => number.checked_mul(3_600_000),
        _ => None,
    };
    let millis = millis.ok_or_else(|| format!("{text:?} is not a duration like 250ms, 30s, 5m or 1h"))?;
    if millis > 7 * 24 * 3_600_000 {
        return Err(format!("{text:?} is longer than a week"));
    }
    Ok(Duration::from_millis(millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = r#"
listen = "127.0.0.1:9000"
cors = ["https://www.arabnews.com", "https://arabnews.com"]
user_agent = "test-agent"

[limits]
max_bytes = 2000000
connect_timeout = "2s"
timeout = "10s"
max_redirects = 3

[[output]]
path = "/feeds/around-arab-news.json"
title = "Around Arab News"
upstreams = ["https://www.arabnews.com/cat/1/rss.xml", "sample.xml"]
limit = 30
language = "en"
home_page_url = "https://www.arabnews.com/"
interval = "2m"
dateline = false
tags = ["Middle-East"]
include = ["Saudi"]
exclude = ["sponsored"]
"#;

    #[test]
    fn reads_a_full_configuration() {
        let config = Config::parse(FULL, Path::new("/etc/bridge")).unwrap();
        assert_eq!(config.listen, Some("127.0.0.1:9000".parse().unwrap()));
        assert_eq!(config.cors, Cors::Origins(vec!["https://www.arabnews.com".into(), "https://arabnews.com".into()]));
        assert_eq!(config.user_agent, "test-agent");
        let limits = Limits {
            max_bytes: 2_000_000,
            connect_timeout: Duration::from_secs(2),
            timeout: Duration::from_secs(10),
            max_redirects: 3,
            private: PrivateAddresses::Refused,
        };
        assert_eq!(config.limits, limits);
        let output = &config.outputs[0];
        assert_eq!(output.path, "/feeds/around-arab-news.json");
        assert_eq!(output.upstreams[1], Upstream::File("/etc/bridge/sample.xml".into()));
        assert_eq!(output.interval, Duration::from_secs(120));
        assert_eq!((output.rules.limit, output.rules.dateline), (30, false));
        assert_eq!(output.rules.tags, ["Middle-East"]);
    }

    #[test]
    fn defaults_for_a_minimal_configuration() {
        let config =
            Config::parse("[[output]]\npath = \"/a.json\"\nupstreams = [\"a.xml\"]\n", Path::new(".")).unwrap();
        assert_eq!(config.cors, Cors::Any);
        assert_eq!(config.limits, Limits::default());
        assert_eq!(config.outputs[0].interval, DEFAULT_INTERVAL);
        assert_eq!(config.outputs[0].rules, Rules::default());
    }

    #[test]
    fn cors_allows_any_or_listed_origins() {
        assert_eq!(Cors::Any.allow(None).as_deref(), Some("*"));
        let listed = Cors::Origins(vec!["https://a.example".into()]);
        assert_eq!(listed.allow(Some("https://a.example")).as_deref(), Some("https://a.example"));
        assert_eq!(listed.allow(Some("https://evil.example")), None);
        assert_eq!(listed.allow(None), None);
    }

    #[test]
    fn every_bad_value_gets_a_clear_error() {
        let output = |extra: &str| format!("[[output]]\npath = \"/a.json\"\nupstreams = [\"a.xml\"]\n{extra}");
        let cases = [
            ("nonsense = 1\n".to_owned() + &output(""), "unknown field `nonsense`"),
            (output("limit = 0"), "limit must be between 1 and 500, got 0"),
            (output("interval = \"5 fortnights\""), "interval: \"5 fortnights\" is not a duration"),
            (output("interval = \"10ms\""), "interval must be at least 100ms"),
            (output("language = \"en US\""), "language \"en US\" is not a language tag"),
            (output("include = [\" \"]"), "include has an empty entry"),
            (
                "[[output]]\npath = \"/../etc/passwd.json\"\nupstreams = [\"a\"]".into(),
                "must look like /feeds/news.json",
            ),
            ("[[output]]\npath = \"/a.json\"\nupstreams = []".into(), "upstreams is empty"),
            (
                "[[output]]\npath = \"/a.json\"\nupstreams = [\"ftp://x/y\"]".into(),
                "only http://, https:// and file paths",
            ),
            (output("") + &output(""), "output 2 (/a.json): the path is used twice"),
            ("cors = [\"https://a.example/\"]\n".to_owned() + &output(""), "is not an origin"),
            ("listen = \"localhost\"\n".to_owned() + &output(""), "listen: \"localhost\" is not an address"),
            ("[limits]\nmax_bytes = 10\n".to_owned() + &output(""), "limits.max_bytes must be between"),
            ("[limits]\ntimeout = \"1h\"\n".to_owned() + &output(""), "limits.timeout must be between 100ms and 120s"),
            ("[server]\nidle_timeout = \"0s\"\n".to_owned() + &output(""), "server.idle_timeout must be between"),
            ("[server]\nmax_connections = 0\n".to_owned() + &output(""), "server.max_connections must be between"),
            ("allow_private = [\"intranet\"]\n".to_owned() + &output(""), "allow_private: \"intranet\" is not an IP"),
            (
                "[[output]]\npath = \"/a.json\"\nupstreams = [\"https://x.example/rss\"]\ninterval = \"10s\"".into(),
                "interval must be at least 30s for remote upstreams",
            ),
            (output("home_page_url = \"javascript:alert(1)\""), "must be an http:// or https:// URL"),
            ("".into(), "no [[output]]"),
        ];
        for (text, expected) in cases {
            let error = Config::parse(&text, Path::new(".")).unwrap_err();
            assert!(error.contains(expected), "{text:?}: {error}");
        }
    }

    #[test]
    fn server_limits_and_private_addresses() {
        let output = "[[output]]\npath = \"/a.json\"\nupstreams = [\"http://127.0.0.1:1/rss\"]\ninterval = \"1s\"\n";
        let config = Config::parse(output, Path::new(".")).unwrap();
        assert_eq!(
            (config.server.clone(), config.limits.private.clone()),
            (ServerLimits::default(), PrivateAddresses::Refused)
        );
        let text = format!("allow_private = true\n[server]\nheader_timeout = \"2s\"\nmax_connections = 50\nhealth_details = true\n{output}");
        let config = Config::parse(&text, Path::new(".")).unwrap();
        assert_eq!(config.limits.private, PrivateAddresses::Allowed);
        assert_eq!((config.server.header_timeout, config.server.max_connections), (Duration::from_secs(2), Some(50)));
        assert!(config.server.health_details);
        let config = Config::parse(&format!("allow_private = [\"10.1.2.3\"]\n{output}"), Path::new(".")).unwrap();
        assert_eq!(config.limits.private, PrivateAddresses::Only(vec!["10.1.2.3".parse().unwrap()]));
    }

    #[test]
    fn urls_are_shown_without_credentials_or_query() {
        let shown = |text: &str| Upstream::parse(text, Path::new(".")).unwrap().to_string();
        assert_eq!(
            shown("https://reader:PASSWORD@news.example:8443/feed.xml?token=TOKEN#x"),
            "https://…@news.example:8443/feed.xml?…"
        );
        assert_eq!(shown("http://news.example/rss"), "http://news.example/rss");
        assert_eq!(shown("http://[::1]:80/rss?a"), "http://[::1]/rss?…");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert!(parse_duration("5").is_err());
        assert!(parse_duration("-5s").is_err());
        assert!(parse_duration("99999999999999h").is_err());
    }
}
