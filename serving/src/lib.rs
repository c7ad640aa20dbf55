//! How every server of the project sends a body, written once: the feed's
//! media type, the content coding an `Accept-Encoding` header asks for, a
//! body's precompressed forms, conditional requests and content types.
//! news-bridge (production), the newsroom (the demo and the tests) and the
//! bench's CDN all serve through it, so the dev server and the bench send
//! files and feeds the way the deployment does.

use bytes::Bytes;
use std::io::Write;
use std::time::SystemTime;

/// The `Content-Type` of JSON Feeds.
pub const FEED_TYPE: &str = "application/feed+json";

/// `Cache-Control` of files that never change under their name (content
/// hashes, version folders).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A content coding a server can send.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Coding {
    /// The body as is.
    Identity,
    /// gzip.
    Gzip,
    /// brotli.
    Brotli,
}

impl Coding {
    /// Every coding, most preferred first.
    pub const ALL: [Coding; 3] = [Coding::Brotli, Coding::Gzip, Coding::Identity];

    /// The `Content-Encoding` value (`None` for identity).
    pub fn header(self) -> Option<&'static str> {
        match self {
            Coding::Identity => None,
            Coding::Gzip => Some("gzip"),
            Coding::Brotli => Some("br"),
        }
    }

    /// The file suffix of the static form (`""`, `".gz"`, `".br"`).
    pub fn suffix(self) -> &'static str {
        match self {
            Coding::Identity => "",
            Coding::Gzip => ".gz",
            Coding::Brotli => ".br",
        }
    }

    /// The strong entity tag of the body hashed as `hash` when sent in this
    /// coding: each coding has its own (`"hash"`, `"hash-gzip"`, `"hash-br"`).
    pub fn entity_tag(self, hash: &str) -> String {
        match self.header() {
            None => format!("\"{hash}\""),
            Some(suffix) => format!("\"{hash}-{suffix}\""),
        }
    }

    /// Whether `tag` names the body hashed as `hash` in any coding.
    pub fn any_names(hash: &str, tag: &str) -> bool {
        Coding::ALL.iter().any(|coding| coding.entity_tag(hash) == tag)
    }

    /// The coding to send for an `Accept-Encoding` header: brotli, else gzip,
    /// else identity, honouring q-values (`q=0` refuses) and `*`.
    pub fn negotiate(accept_encoding: Option<&str>) -> Coding {
        let quality = |header: &str, name: &str| {
            header.split(',').find_map(|entry| {
                let mut parts = entry.split(';');
                let token = parts.next()?.trim();
                if !token.eq_ignore_ascii_case(name) {
                    return None;
                }
                let q = parts.find_map(|p| p.trim().strip_prefix("q=")).map(|q| q.trim().parse::<f32>().unwrap_or(0.0));
                Some(q.unwrap_or(1.0))
            })
        };
        let accepts = |coding: &str| {
            accept_encoding
                .is_some_and(|header| quality(header, coding).or_else(|| quality(header, "*")).is_some_and(|q| q > 0.0))
        };
        match (accepts("br"), accepts("gzip")) {
            (true, _) => Coding::Brotli,
            (false, true) => Coding::Gzip,
            _ => Coding::Identity,
        }
    }
}

/// A body and its precompressed forms (gzip level 9, brotli quality 11),
/// made once and sent in whichever coding each request asks for.
#[derive(Clone, Debug)]
pub struct Forms {
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
}

impl Forms {
    /// Compresses `body` both ways.
    pub fn new(body: impl Into<Bytes>) -> std::io::Result<Forms> {
        let identity = body.into();
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&identity)?;
        let gzip = gzip.finish()?;
        // A window no larger than the body (at least brotli's 1 KiB) compresses
        // the same and spares quality 11 its tables for 4 MiB.
        let window = (usize::BITS - identity.len().leading_zeros()).clamp(10, 22);
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: window as i32,
            size_hint: identity.len(),
            ..Default::default()
        };
        let mut brotli = Vec::new();
        brotli::BrotliCompress(&mut &identity[..], &mut brotli, &params)?;
        Ok(Forms { identity, gzip: gzip.into(), brotli: brotli.into() })
    }

    /// The body in `coding`.
    pub fn body(&self, coding: Coding) -> &Bytes {
        match coding {
            Coding::Identity => &self.identity,
            Coding::Gzip => &self.gzip,
            Coding::Brotli => &self.brotli,
        }
    }
}

/// Whether a request's validators say its copy is current, so a 304 is the
/// answer: `If-None-Match` when present (weak comparison, as RFC 9110 asks,
/// and `*`), with `is_current` telling whether an entity tag names this
/// content; else `If-Modified-Since` against `modified`.
pub fn not_modified(
    if_none_match: Option<&str>,
    if_modified_since: Option<&str>,
    is_current: impl Fn(&str) -> bool,
    modified: SystemTime,
) -> bool {
    match (if_none_match, if_modified_since) {
        (Some(tags), _) => {
            tags.split(',').map(|tag| tag.trim().trim_start_matches("W/")).any(|tag| tag == "*" || is_current(tag))
        }
        (None, Some(since)) => httpdate::parse_http_date(since).is_ok_and(|since| modified <= since),
        (None, None) => false,
    }
}

/// The `Content-Type` of a file by its name's extension, for the files the
/// project serves; `None` for others.
pub fn content_type(name: &str) -> Option<&'static str> {
    Some(match name.rsplit_once('.')?.1 {
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "html" => "text/html; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn negotiate_prefers_brotli_then_gzip_and_honours_q_values() {
        assert_eq!(Coding::negotiate(Some("gzip, deflate, br")), Coding::Brotli);
        assert_eq!(Coding::negotiate(Some("gzip;q=0.8, br;q=0")), Coding::Gzip);
        assert_eq!(Coding::negotiate(Some("br;q=0, gzip;q=0")), Coding::Identity);
        assert_eq!(Coding::negotiate(Some("GZIP")), Coding::Gzip);
        assert_eq!(Coding::negotiate(Some("*")), Coding::Brotli);
        assert_eq!(Coding::negotiate(Some("*, br;q=0")), Coding::Gzip);
        assert_eq!(Coding::negotiate(Some("identity")), Coding::Identity);
        assert_eq!(Coding::negotiate(None), Coding::Identity);
    }

    #[test]
    fn entity_tags_differ_per_coding_and_any_of_them_names_the_body() {
        assert_eq!(Coding::Identity.entity_tag("ab"), "\"ab\"");
        assert_eq!(Coding::Gzip.entity_tag("ab"), "\"ab-gzip\"");
        assert_eq!(Coding::Brotli.entity_tag("ab"), "\"ab-br\"");
        assert!(Coding::any_names("ab", "\"ab-br\"") && Coding::any_names("ab", "\"ab\""));
        assert!(!Coding::any_names("ab", "\"abc\"") && !Coding::any_names("ab", "\"ab-deflate\""));
    }

    #[test]
    fn forms_decompress_to_the_body() {
        let body = br#"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#.repeat(20);
        let forms = Forms::new(body.clone()).unwrap();
        let mut gunzipped = Vec::new();
        flate2::read::GzDecoder::new(&forms.body(Coding::Gzip)[..]).read_to_end(&mut gunzipped).unwrap();
        let mut unbrotlied = Vec::new();
        brotli::Decompressor::new(&forms.body(Coding::Brotli)[..], 4096).read_to_end(&mut unbrotlied).unwrap();
        assert_eq!((gunzipped, unbrotlied), (body.clone(), body.clone()));
        assert_eq!(forms.body(Coding::Identity)[..], body[..]);
        assert!(forms.body(Coding::Brotli).len() < body.len() / 4);
    }

    #[test]
    fn not_modified_reads_if_none_match_first_then_if_modified_since() {
        let modified = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let current = |tag: &str| tag == "\"a\"";
        let later = httpdate::fmt_http_date(modified + Duration::from_secs(1));
        let earlier = httpdate::fmt_http_date(modified - Duration::from_secs(1));
        assert!(not_modified(Some("\"b\", W/\"a\""), None, current, modified));
        assert!(not_modified(Some("*"), None, current, modified));
        assert!(!not_modified(Some("\"b\""), Some(&later), current, modified), "If-None-Match wins");
        assert!(not_modified(None, Some(&later), current, modified));
        assert!(!not_modified(None, Some(&earlier), current, modified));
        assert!(!not_modified(None, Some("yesterday"), current, modified));
        assert!(!not_modified(None, None, current, modified));
    }

    #[test]
    fn content_type_names_the_files_served() {
        assert_eq!(content_type("news-headlines-0123456789abcdef_bg.wasm"), Some("application/wasm"));
        assert_eq!(content_type("/news-headlines/0.1.0/news-headlines.js"), Some("text/javascript"));
        assert_eq!(content_type("embed.html"), Some("text/html; charset=utf-8"));
        assert_eq!(content_type("README"), None);
    }
}
