//! Whether the first answer of a page view may be shown at once: the feed's
//! own HTTP caching decides. The first request of a page view goes through
//! the browser's HTTP cache (`cache: "default"`), so a repeat view within
//! `max-age` or `stale-while-revalidate` gets the stored copy with no network
//! wait; this module judges that answer from its headers. Later requests of
//! the live loop always revalidate (`cache: "no-cache"`).
//!
//! The rule (README, Live refresh: "Repeat page views: the feed's caching headers decide"):
//! - `no-store`, `no-cache`, or `max-age=0` without `stale-while-revalidate`:
//!   the browser revalidated before answering; shown.
//! - `max-age=N`: shown at once. When the copy's age is known (`Date`, plus
//!   `Age`; cross-origin feeds must expose them) and within `max-age`,
//!   nothing more; past it (within `stale-while-revalidate`), or unknown, it is
//!   revalidated at once.
//! - No `max-age` but a validator or `Expires` (the browser may have used
//!   heuristic freshness): a copy more than [`NETWORK_AGE_MS`] old, or of
//!   unknown age, is revalidated before it is shown.
//! - No caching headers at all: the browser cannot have stored it; shown.

/// An answer whose `Date` is at most this old (ms) came from the network:
/// `Date` has whole seconds, and the answer took a moment to arrive.
pub const NETWORK_AGE_MS: f64 = 3_000.0;

/// What to do with the first answer of a page view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    /// Show it; the loop refreshes it on its usual schedule.
    Show,
    /// Show it, then revalidate it at once.
    ShowThenRevalidate,
    /// Revalidate first, and show what that brings.
    RevalidateFirst,
}

/// The caching headers of an answer, as the browser exposes them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CachingHeaders<'a> {
    /// `Cache-Control`.
    pub cache_control: Option<&'a str>,
    /// `Date`, in ms since the epoch (when readable and valid).
    pub date_ms: Option<f64>,
    /// `Age`, in seconds.
    pub age: Option<&'a str>,
    /// Whether `Expires`, `ETag` or `Last-Modified` is present.
    pub validators_or_expires: bool,
}

/// The `Cache-Control` directives the widget reads.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Directives {
    no_store: bool,
    no_cache: bool,
    max_age: Option<u64>,
    stale_while_revalidate: Option<u64>,
}

impl Directives {
    /// Parses `Cache-Control`: comma-separated, names case-insensitive,
    /// values possibly quoted; a repeated or malformed `max-age` counts as
    /// `0` (RFC 9111 §4.2.1: treat as stale).
    fn parse(header: &str) -> Directives {
        let mut directives = Directives::default();
        for directive in header.split(',') {
            let (name, value) = match directive.split_once('=') {
                Some((name, value)) => (name.trim(), Some(value.trim().trim_matches('"'))),
                None => (directive.trim(), None),
            };
            // i64, as the attributes are read: one integer parser in the wasm.
            let seconds = || value.and_then(|v| v.parse::<i64>().ok()).and_then(|n| u64::try_from(n).ok());
            if name.eq_ignore_ascii_case("no-store") {
                directives.no_store = true;
            } else if name.eq_ignore_ascii_case("no-cache") {
                directives.no_cache = true;
            } else if name.eq_ignore_ascii_case("max-age") {
                directives.max_age = match directives.max_age {
                    None => Some(seconds().unwrap_or(0)),
                    Some(_) => Some(0),
                };
            } else if name.eq_ignore_ascii_case("stale-while-revalidate") {
                directives.stale_while_revalidate = seconds();
            }
        }
        directives
    }
}

/// The age of an answer at `now_ms`, when its headers tell it (ms).
pub fn age_ms(headers: &CachingHeaders, now_ms: f64) -> Option<f64> {
    let date = headers.date_ms?;
    let upstream_age = headers.age.and_then(|age| age.trim().parse::<i64>().ok()).filter(|age| *age >= 0).unwrap_or(0);
    Some((now_ms - date).max(0.0) + upstream_age as f64 * 1000.0)
}

/// The age to tell of a copy `age_ms` old: none for one straight from the
/// network (within [`NETWORK_AGE_MS`]).
pub fn shown_age_ms(age_ms: f64) -> f64 {
    if age_ms <= NETWORK_AGE_MS {
        0.0
    } else {
        age_ms
    }
}

/// Judges the first answer of a page view at `now_ms`.
pub fn judge(headers: &CachingHeaders, now_ms: f64) -> Verdict {
    let directives = headers.cache_control.map(Directives::parse).unwrap_or_default();
    let age = age_ms(headers, now_ms);
    if directives.no_store || directives.no_cache {
        return Verdict::Show;
    }
    match directives.max_age {
        Some(0) if directives.stale_while_revalidate.unwrap_or(0) == 0 => Verdict::Show,
        Some(max_age) => match age {
            Some(age) if age < max_age as f64 * 1000.0 => Verdict::Show,
            _ => Verdict::ShowThenRevalidate,
        },
        None if !headers.validators_or_expires => Verdict::Show,
        None => match age {
            Some(age) if age <= NETWORK_AGE_MS => Verdict::Show,
            _ => Verdict::RevalidateFirst,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_800_000_000_000.0;

    fn answer(cache_control: Option<&str>, age_secs: Option<f64>) -> CachingHeaders<'_> {
        CachingHeaders {
            cache_control,
            date_ms: age_secs.map(|age| NOW - age * 1000.0),
            age: None,
            validators_or_expires: true,
        }
    }

    #[test]
    fn a_fresh_answer_is_shown_without_revalidating() {
        let swr = Some("public, max-age=60, stale-while-revalidate=60");
        assert_eq!(judge(&answer(swr, Some(0.0)), NOW), Verdict::Show);
        assert_eq!(judge(&answer(swr, Some(59.0)), NOW), Verdict::Show);
        assert_eq!(judge(&answer(Some("max-age=60"), Some(30.0)), NOW), Verdict::Show);
    }

    #[test]
    fn a_copy_past_max_age_is_shown_then_revalidated() {
        let swr = Some("public, max-age=60, stale-while-revalidate=60");
        assert_eq!(judge(&answer(swr, Some(61.0)), NOW), Verdict::ShowThenRevalidate);
        assert_eq!(
            judge(&answer(Some("max-age=0, stale-while-revalidate=30"), Some(5.0)), NOW),
            Verdict::ShowThenRevalidate
        );
    }

    #[test]
    fn a_copy_of_unknown_age_that_may_be_stored_is_revalidated_at_once() {
        assert_eq!(judge(&answer(Some("max-age=60"), None), NOW), Verdict::ShowThenRevalidate);
    }

    #[test]
    fn no_cache_no_store_and_max_age_zero_were_revalidated_by_the_browser() {
        for header in ["no-cache", "No-Store", "max-age=60, no-cache", "max-age=0", "private, max-age=0"] {
            assert_eq!(judge(&answer(Some(header), Some(600.0)), NOW), Verdict::Show, "{header}");
        }
    }

    #[test]
    fn heuristic_freshness_is_never_trusted() {
        let old = answer(None, Some(120.0));
        assert_eq!(judge(&old, NOW), Verdict::RevalidateFirst);
        assert_eq!(judge(&answer(Some("public"), None), NOW), Verdict::RevalidateFirst);
        assert_eq!(judge(&answer(None, Some(1.0)), NOW), Verdict::Show, "straight from the network");
        let bare = CachingHeaders { validators_or_expires: false, ..answer(None, None) };
        assert_eq!(judge(&bare, NOW), Verdict::Show, "nothing the browser could have stored");
    }

    #[test]
    fn the_age_counts_the_upstream_caches_age() {
        let headers = CachingHeaders { age: Some(" 50 "), ..answer(Some("max-age=60"), Some(20.0)) };
        assert_eq!(age_ms(&headers, NOW), Some(70_000.0));
        assert_eq!(judge(&headers, NOW), Verdict::ShowThenRevalidate);
        let skewed = answer(Some("max-age=60"), Some(-5.0));
        assert_eq!(age_ms(&skewed, NOW), Some(0.0), "a Date ahead of the clock is age 0");
        assert_eq!((shown_age_ms(2_500.0), shown_age_ms(70_000.0)), (0.0, 70_000.0), "Date has whole seconds");
    }

    #[test]
    fn malformed_or_repeated_max_age_counts_as_stale() {
        assert_eq!(Directives::parse("max-age=abc").max_age, Some(0));
        assert_eq!(Directives::parse("max-age=60, max-age=120").max_age, Some(0));
        assert_eq!(Directives::parse("MAX-AGE=\"60\"").max_age, Some(60));
        assert_eq!(judge(&answer(Some("max-age=-1"), Some(1.0)), NOW), Verdict::Show);
    }
}
