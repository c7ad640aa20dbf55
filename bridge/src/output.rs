//! A rendered output: the JSON bytes with their gzip and brotli forms
//! (`serving::Forms`), a strong validator per form and the time the content
//! last changed.

use axum::body::Bytes;
use serving::{Coding, Forms};
use siphasher::sip128::{Hasher128, SipHasher};
use std::hash::Hasher;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
    forms: Forms,
    hash: String,
    /// When the content last changed (whole seconds, as HTTP dates carry).
    pub modified: SystemTime,
    /// Items in the feed.
    pub items: usize,
}

impl Rendered {
    /// Compresses `json` (gzip level 9, brotli quality 11) and hashes it.
    pub fn new(json: Vec<u8>, modified: SystemTime, items: usize) -> std::io::Result<Rendered> {
        let mut hasher = SipHasher::new();
        hasher.write(&json);
        let hash = format!("{:032x}", hasher.finish128().as_u128());
        let seconds = modified.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
        let modified = UNIX_EPOCH + Duration::from_secs(seconds);
        Ok(Rendered { forms: Forms::new(json)?, hash, modified, items })
    }

    /// The body in `coding`.
    pub fn body(&self, coding: Coding) -> &Bytes {
        self.forms.body(coding)
    }

    /// The JSON itself.
    pub fn json(&self) -> &[u8] {
        self.forms.body(Coding::Identity)
    }

    /// The strong `ETag` of the body in `coding` (each coding has its own).
    pub fn etag(&self, coding: Coding) -> String {
        coding.entity_tag(&self.hash)
    }

    /// Whether an entity tag names this content in any coding.
    pub fn is_current(&self, tag: &str) -> bool {
        Coding::any_names(&self.hash, tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered() -> Rendered {
        Rendered::new(br#"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#.repeat(20), SystemTime::now(), 0)
            .unwrap()
    }

    #[test]
    fn etags_are_stable_per_content_and_distinct_per_coding() {
        let (a, b) = (rendered(), rendered());
        assert_eq!(a.etag(Coding::Identity), b.etag(Coding::Identity));
        assert_ne!(a.etag(Coding::Identity), a.etag(Coding::Gzip));
        assert!(a.etag(Coding::Brotli).ends_with("-br\""));
        assert!(a.is_current(&a.etag(Coding::Gzip)));
        assert!(!a.is_current("\"other\""));
        let other = Rendered::new(b"{}".to_vec(), SystemTime::now(), 0).unwrap();
        assert!(!other.is_current(&a.etag(Coding::Identity)));
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
