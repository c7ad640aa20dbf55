//! A rendered output: the JSON bytes with their gzip and brotli forms, a
//! strong validator per form and the time the content last changed.

use axum::body::Bytes;
use siphasher::sip128::{Hasher128, SipHasher};
use std::hash::Hasher;
use std::io::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A content coding the server can send.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Coding {
    /// The JSON as is.
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

    /// The coding to send for an `Accept-Encoding` header: brotli, else gzip,
    /// else identity, honouring `q=0` (and `*`).
    pub fn negotiate(accept_encoding: Option<&str>) -> Coding {
        let accepts = |coding: &str| {
            accept_encoding.is_some_and(|header| {
                let quality = |name: &str| {
                    header.split(',').find_map(|entry| {
                        let mut parts = entry.split(';');
                        let token = parts.next()?.trim();
                        if !token.eq_ignore_ascii_case(name) {
                            return None;
                        }
                        let q = parts
                            .find_map(|p| p.trim().strip_prefix("q="))
                            .map(|q| q.trim().parse::<f32>().unwrap_or(0.0));
                        Some(q.unwrap_or(1.0))
                    })
                };
                quality(coding).or_else(|| quality("*")).is_some_and(|q| q > 0.0)
            })
        };
        match (accepts("br"), accepts("gzip")) {
            (true, _) => Coding::Brotli,
            (false, true) => Coding::Gzip,
            _ => Coding::Identity,
        }
    }
}

/// When content replacing content of `previous` (if any) last changed: the
/// newest item's date (not after `now`; `now` without dated items), so the
/// same content has the same date across restarts; and always at least a
/// second after `previous`, so `If-Modified-Since` sees every change even
/// within one second (HTTP dates have whole seconds).
pub fn next_modified(previous: Option<SystemTime>, newest_item: Option<SystemTime>, now: SystemTime) -> SystemTime {
    let candidate = newest_item.filter(|newest| *newest <= now).unwrap_or(now);
    match previous {
        Some(previous) => candidate.max(previous + Duration::from_secs(1)),
        None => candidate,
    }
}

/// One output's current content.
#[derive(Clone, Debug)]
pub struct Rendered {
    json: Bytes,
    gzip: Bytes,
    brotli: Bytes,
    hash: String,
    /// When the content last changed (whole seconds, as HTTP dates carry).
    pub modified: SystemTime,
    /// Items in the feed.
    pub items: usize,
}

impl Rendered {
    /// Compresses `json` (gzip level 9, brotli quality 11) and hashes it.
    pub fn new(json: Vec<u8>, modified: SystemTime, items: usize) -> std::io::Result<Rendered> {
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&json)?;
        let gzip = gzip.finish()?;
        let mut brotli = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 11, 22);
            writer.write_all(&json)?;
        }
        let mut hasher = SipHasher::new();
        hasher.write(&json);
        let hash = format!("{:032x}", hasher.finish128().as_u128());
        let seconds = modified.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
        let modified = UNIX_EPOCH + Duration::from_secs(seconds);
        Ok(Rendered { json: json.into(), gzip: gzip.into(), brotli: brotli.into(), hash, modified, items })
    }

    /// The body in `coding`.
    pub fn body(&self, coding: Coding) -> &Bytes {
        match coding {
            Coding::Identity => &self.json,
            Coding::Gzip => &self.gzip,
            Coding::Brotli => &self.brotli,
        }
    }

    /// The JSON itself.
    pub fn json(&self) -> &[u8] {
        &self.json
    }

    /// The strong `ETag` of the body in `coding` (each coding has its own).
    pub fn etag(&self, coding: Coding) -> String {
        match coding.header() {
            None => format!("\"{}\"", self.hash),
            Some(suffix) => format!("\"{}-{suffix}\"", self.hash),
        }
    }

    /// Whether an `If-None-Match` header names this content in any coding
    /// (weak comparison, as RFC 9110 asks for `If-None-Match`).
    pub fn matches(&self, if_none_match: &str) -> bool {
        if_none_match
            .split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == "*" || Coding::ALL.iter().any(|coding| self.etag(*coding) == tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn rendered() -> Rendered {
        Rendered::new(br#"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#.repeat(20), SystemTime::now(), 0)
            .unwrap()
    }

    #[test]
    fn compressed_forms_decompress_to_the_json() {
        let rendered = rendered();
        let mut gunzipped = Vec::new();
        flate2::read::GzDecoder::new(&rendered.body(Coding::Gzip)[..]).read_to_end(&mut gunzipped).unwrap();
        assert_eq!(gunzipped, rendered.json());
        let mut unbrotlied = Vec::new();
        brotli::Decompressor::new(&rendered.body(Coding::Brotli)[..], 4096).read_to_end(&mut unbrotlied).unwrap();
        assert_eq!(unbrotlied, rendered.json());
        assert!(rendered.body(Coding::Brotli).len() < rendered.json().len());
    }

    #[test]
    fn etags_are_stable_per_content_and_distinct_per_coding() {
        let (a, b) = (rendered(), rendered());
        assert_eq!(a.etag(Coding::Identity), b.etag(Coding::Identity));
        assert_ne!(a.etag(Coding::Identity), a.etag(Coding::Gzip));
        assert!(a.etag(Coding::Brotli).ends_with("-br\""));
        assert!(a.matches(&format!("\"x\", W/{}", a.etag(Coding::Gzip))));
        assert!(a.matches("*"));
        assert!(!a.matches("\"other\""));
        let other = Rendered::new(b"{}".to_vec(), SystemTime::now(), 0).unwrap();
        assert!(!other.matches(&a.etag(Coding::Identity)));
    }

    #[test]
    fn negotiates_brotli_then_gzip_then_identity() {
        assert_eq!(Coding::negotiate(Some("gzip, deflate, br")), Coding::Brotli);
        assert_eq!(Coding::negotiate(Some("gzip;q=0.8, br;q=0")), Coding::Gzip);
        assert_eq!(Coding::negotiate(Some("GZIP")), Coding::Gzip);
        assert_eq!(Coding::negotiate(Some("*")), Coding::Brotli);
        assert_eq!(Coding::negotiate(Some("identity")), Coding::Identity);
        assert_eq!(Coding::negotiate(None), Coding::Identity);
    }

    #[test]
    fn modification_times_follow_the_items_and_only_move_forward() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let hour_ago = now - Duration::from_secs(3600);
        assert_eq!(next_modified(None, Some(hour_ago), now), hour_ago, "the same on every restart");
        assert_eq!(next_modified(None, None, now), now);
        assert_eq!(next_modified(None, Some(now + Duration::from_secs(60)), now), now, "never in the future");
        assert_eq!(next_modified(Some(hour_ago), Some(hour_ago), now), hour_ago + Duration::from_secs(1));
        assert_eq!(next_modified(Some(now), None, now), now + Duration::from_secs(1), "two changes in one second");
    }

    #[test]
    fn modification_time_is_whole_seconds() {
        let at = UNIX_EPOCH + Duration::from_millis(1_700_000_000_750);
        let rendered = Rendered::new(b"{}".to_vec(), at, 0).unwrap();
        assert_eq!(rendered.modified, UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    }
}
