//! What a widget knows about its feed at a moment: the last good feed, the
//! last error, and when it last updated; and the phase shown on the host's
//! `state` attribute.

use crate::feed::Feed;
use std::sync::Arc;

/// How long a newly arrived headline stays marked new, in milliseconds.
pub const NEW_FOR_MS: f64 = 2.0 * 60.0 * 1000.0;

/// The phase of a widget, as written to its `state` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for the first response.
    Loading,
    /// Showing a fresh feed.
    Ready,
    /// Showing the last good feed after a failed update.
    Stale,
    /// The first load failed: nothing to show.
    Error,
}

impl Phase {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Loading => "loading",
            Phase::Ready => "ready",
            Phase::Stale => "stale",
            Phase::Error => "error",
        }
    }
}

/// A failure: its cause (told to readers in their language, and as the
/// error event's `code`) and an English message for developers.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// What went wrong, in English, with the details a developer needs.
    pub message: String,
    /// Why, as the widget tells readers.
    pub cause: Cause,
}

impl Failure {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self.cause {
            Cause::Status(status) => Some(status),
            _ => None,
        }
    }
}

/// Why a widget has no fresh feed: one per way a load can fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// No answer in time.
    Timeout,
    /// No answer at all: offline, refused, or blocked by CORS.
    Network,
    /// A non-2xx status.
    Status(u16),
    /// Something other than JSON, with its media type.
    ContentType(String),
    /// The body broke off.
    Truncated,
    /// The body is over the size limit.
    TooLarge,
    /// The body is not JSON.
    NotJson,
    /// JSON, but not a JSON Feed.
    NotAFeed,
    /// No `src` to load.
    NoSrc,
}

/// The error event's `code` when the widget stopped and fell back to its
/// children: the loader's, not a [`Cause`]'s.
pub const STOPPED: &str = "stopped";

impl Cause {
    /// Every code, as the error event's `code` carries it.
    pub const CODES: [&'static str; 9] =
        ["timeout", "network", "status", "content-type", "truncated", "too-large", "not-json", "not-a-feed", "no-src"];

    /// The stable code of the error event's `detail.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Cause::Timeout => "timeout",
            Cause::Network => "network",
            Cause::Status(_) => "status",
            Cause::ContentType(_) => "content-type",
            Cause::Truncated => "truncated",
            Cause::TooLarge => "too-large",
            Cause::NotJson => "not-json",
            Cause::NotAFeed => "not-a-feed",
            Cause::NoSrc => "no-src",
        }
    }
}

/// The widget's data: the last good feed survives later failures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadState {
    /// The last feed that parsed.
    pub feed: Option<Arc<Feed>>,
    /// When `feed` was last confirmed current (ms since the epoch).
    pub updated_at: Option<f64>,
    /// The failure of the latest attempt, if it failed.
    pub failure: Option<Failure>,
    /// Items that arrived after the first load, with their arrival time (ms):
    /// they are marked new for [`NEW_FOR_MS`].
    pub arrivals: Vec<(String, f64)>,
    /// The reader paused updates: new feeds wait in `pending`.
    pub paused: bool,
    pending: Option<(Arc<Feed>, f64)>,
}

impl LoadState {
    /// The phase this state shows.
    pub fn phase(&self) -> Phase {
        match (&self.feed, &self.failure) {
            (None, None) => Phase::Loading,
            (None, Some(_)) => Phase::Error,
            (Some(_), None) => Phase::Ready,
            (Some(_), Some(_)) => Phase::Stale,
        }
    }

    /// A successful fetch at `at`. While paused, the feed waits until
    /// [`LoadState::set_paused`] resumes; returns whether it was applied.
    pub fn loaded(&mut self, feed: Arc<Feed>, at: f64) -> bool {
        self.failure = None;
        if self.paused && self.feed.is_some() {
            self.pending = Some((feed, at));
            return false;
        }
        if let Some(old) = &self.feed {
            self.arrivals.retain(|(id, arrived)| at - arrived < NEW_FOR_MS && feed.items.iter().any(|i| i.id == *id));
            let arrived = feed.items.iter().filter(|item| !old.items.iter().any(|o| o.id == item.id));
            self.arrivals.extend(arrived.map(|item| (item.id.clone(), at)));
        }
        self.feed = Some(feed);
        self.updated_at = Some(at);
        true
    }

    /// Pauses or resumes updates; resuming applies the feed that waited.
    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
        if let Some((feed, at)) = self.pending.take().filter(|_| !paused) {
            self.loaded(feed, at);
        }
    }

    /// Whether item `id` is still marked new at `now`.
    pub fn is_new(&self, id: &str, now: f64) -> bool {
        self.arrivals.iter().any(|(arrived_id, arrived)| arrived_id == id && now - arrived < NEW_FOR_MS)
    }

    /// How many of `ids` arrived with the latest update.
    pub fn just_arrived<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> usize {
        let latest = self.updated_at;
        ids.into_iter().filter(|id| self.arrivals.iter().any(|(a, at)| a == id && Some(*at) == latest)).count()
    }

    /// The ids of the items shown under `tag` and `limit`.
    pub fn shown_ids(&self, tag: Option<&str>, limit: usize) -> Vec<String> {
        self.feed.iter().flat_map(|feed| feed.headlines(tag, limit)).map(|item| item.id.clone()).collect()
    }

    /// A failed fetch: the last good feed stays.
    pub fn failed(&mut self, failure: Failure) {
        self.failure = Some(failure);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_follow_feed_and_failure() {
        let mut state = LoadState::default();
        assert_eq!(state.phase(), Phase::Loading);
        let failure = Failure { message: "HTTP 500".into(), cause: Cause::Status(500) };
        state.failed(failure.clone());
        assert_eq!(state.phase(), Phase::Error);
        state.loaded(Arc::new(Feed::default()), 1.0);
        assert_eq!((state.phase(), state.updated_at), (Phase::Ready, Some(1.0)));
        state.failed(failure);
        assert_eq!(state.phase(), Phase::Stale);
        assert!(state.feed.is_some(), "the last good feed stays");
        assert_eq!(state.updated_at, Some(1.0), "and so does its time");
        assert_eq!(Phase::Stale.as_str(), "stale");
    }

    fn feed_of(ids: &[&str]) -> Arc<Feed> {
        let items = ids
            .iter()
            .map(|id| crate::feed::Item {
                id: id.to_string(),
                url: None,
                title: id.to_string(),
                teaser: None,
                dateline: None,
                published: None,
                tags: Vec::new(),
                image: None,
            })
            .collect();
        Arc::new(Feed { items, ..Feed::default() })
    }

    #[test]
    fn arrivals_are_marked_new_for_a_while() {
        let mut state = LoadState::default();
        state.loaded(feed_of(&["b", "a"]), 1.0);
        assert!(state.arrivals.is_empty(), "nothing is new on the first load");
        state.loaded(feed_of(&["d", "c", "b"]), 1_000.0);
        assert!(state.is_new("d", 1_000.0) && state.is_new("c", 60_000.0) && !state.is_new("b", 1_000.0));
        assert_eq!(state.just_arrived(["d", "c", "b"]), 2);
        state.loaded(feed_of(&["e", "d", "c", "b"]), 2_000.0);
        assert!(state.is_new("d", 2_000.0), "still new after the next update");
        assert_eq!(state.just_arrived(["e", "d", "c"]), 1);
        assert!(!state.is_new("d", 1_000.0 + NEW_FOR_MS), "no longer new after a while");
        state.loaded(feed_of(&["e", "b"]), 1_999.0 + NEW_FOR_MS);
        assert_eq!(state.arrivals, [("e".to_string(), 2_000.0)], "expired and removed items are forgotten");
        assert_eq!(state.shown_ids(None, 1), ["e"]);
    }

    #[test]
    fn paused_updates_wait_until_resumed() {
        let mut state = LoadState::default();
        state.set_paused(true);
        assert!(state.loaded(feed_of(&["a"]), 1.0), "the first feed always shows");
        assert!(!state.loaded(feed_of(&["b", "a"]), 2.0));
        assert_eq!((state.shown_ids(None, 10), state.updated_at), (vec!["a".to_string()], Some(1.0)));
        state.set_paused(false);
        assert_eq!((state.shown_ids(None, 10), state.updated_at), (vec!["b".to_string(), "a".to_string()], Some(2.0)));
        assert!(state.is_new("b", 2.0));
    }
}
