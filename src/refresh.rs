//! The refresh policy: when a feed is fetched next. A plain state machine
//! driven by events (fetch started, succeeded, failed; page hidden or shown;
//! interval changed; refresh requested) with the clock injected as the `now`
//! of each call, in milliseconds, so it is tested natively with a fake clock.

/// How long a feed request may take, body included, in milliseconds (the
/// loader's early request too: `cargo xtask codegen` writes it there).
pub const TIMEOUT_MS: i32 = 10_000;
/// Longest wait between attempts while a feed keeps failing, in milliseconds.
pub const MAX_BACKOFF_MS: f64 = 10.0 * 60.0 * 1000.0;
/// Base of the backoff when the feed is never refreshed on a timer.
const RETRY_BASE_MS: f64 = 5_000.0;

/// What the timer glue should do now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Next {
    /// Fetch the feed now.
    Fetch,
    /// Wake up again at this time (ms) and ask again.
    At(f64),
    /// Nothing to do until an event changes the state.
    Idle,
}

/// The state of one feed's refresh loop.
#[derive(Clone, Debug, PartialEq)]
pub struct RefreshPolicy {
    interval_ms: Option<f64>,
    due: Option<f64>,
    last_success: Option<f64>,
    failures: u32,
    in_flight: bool,
    visible: bool,
}

impl RefreshPolicy {
    /// A policy that fetches at once, then every `interval_secs` (never again
    /// when `None`).
    pub fn new(interval_secs: Option<u32>) -> RefreshPolicy {
        RefreshPolicy {
            interval_ms: interval_secs.map(|s| f64::from(s) * 1000.0),
            due: Some(f64::NEG_INFINITY),
            last_success: None,
            failures: 0,
            in_flight: false,
            visible: true,
        }
    }

    /// What to do at `now`. The first load happens even on a hidden page;
    /// later ones wait until the page is visible.
    pub fn next(&self, now: f64) -> Next {
        let loaded = self.last_success.is_some();
        if self.in_flight || (loaded && !self.visible) {
            return Next::Idle;
        }
        match self.due {
            Some(due) if due <= now => Next::Fetch,
            Some(due) => Next::At(due),
            None => Next::Idle,
        }
    }

    /// A fetch started: no other one starts until it ends.
    pub fn started(&mut self) {
        self.in_flight = true;
        self.due = None;
    }

    /// The fetch succeeded at `now` (changed or not).
    pub fn succeeded(&mut self, now: f64) {
        self.in_flight = false;
        self.failures = 0;
        self.last_success = Some(now);
        // A fetch asked for meanwhile still happens: this answer may predate the ask.
        self.due = self.due.or(self.interval_ms.map(|interval| now + interval));
    }

    /// The fetch failed at `now`; `jitter` in `[0, 1)` spreads retries of many
    /// readers. Returns the delay until the next attempt, in milliseconds.
    pub fn failed(&mut self, now: f64, jitter: f64) -> f64 {
        self.in_flight = false;
        self.failures = self.failures.saturating_add(1);
        let delay = backoff_ms(self.interval_ms.unwrap_or(RETRY_BASE_MS), self.failures, jitter);
        self.due = Some(now + delay);
        delay
    }

    /// The page became visible or hidden.
    pub fn set_visible(&mut self, visible: bool) {
        self.visible = visible;
    }

    /// Changes the interval; the next fetch is re-timed from the last success.
    pub fn set_interval(&mut self, interval_secs: Option<u32>) {
        self.interval_ms = interval_secs.map(|s| f64::from(s) * 1000.0);
        if self.failures == 0 && !self.in_flight {
            if let Some(last) = self.last_success {
                self.due = self.interval_ms.map(|interval| last + interval);
            }
        }
    }

    /// Fetch as soon as possible (a manual `refresh()` or a new subscriber);
    /// while a fetch is in flight, right after it.
    pub fn request_now(&mut self, now: f64) {
        self.due = Some(now);
    }

    /// Consecutive failures so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

/// Exponential backoff with "equal jitter": `base · 2^(failures−1)`, capped at
/// [`MAX_BACKOFF_MS`] (or `base` if that is longer), then scaled into its
/// upper half by `jitter`.
pub fn backoff_ms(base_ms: f64, failures: u32, jitter: f64) -> f64 {
    let exponent = failures.saturating_sub(1).min(30);
    let capped = (base_ms * f64::from(1u32 << exponent)).min(MAX_BACKOFF_MS.max(base_ms));
    capped * (0.5 + 0.5 * jitter.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake clock: the tests move time by hand.
    struct Clock(f64);

    impl Clock {
        fn advance(&mut self, secs: f64) -> f64 {
            self.0 += secs * 1000.0;
            self.0
        }
    }

    #[test]
    fn fetches_at_once_then_every_interval() {
        let mut clock = Clock(1_000.0);
        let mut policy = RefreshPolicy::new(Some(60));
        assert_eq!(policy.next(clock.0), Next::Fetch);
        policy.started();
        assert_eq!(policy.next(clock.0), Next::Idle, "one fetch at a time");
        let done = clock.advance(0.2);
        policy.succeeded(done);
        assert_eq!(policy.next(clock.advance(1.0)), Next::At(done + 60_000.0));
        assert_eq!(policy.next(clock.advance(59.0)), Next::Fetch);
    }

    #[test]
    fn never_refreshes_without_an_interval() {
        let mut policy = RefreshPolicy::new(None);
        policy.started();
        policy.succeeded(0.0);
        assert_eq!(policy.next(1e12), Next::Idle);
        policy.request_now(5.0);
        assert_eq!(policy.next(5.0), Next::Fetch);
    }

    #[test]
    fn request_now_while_a_fetch_is_in_flight_fetches_again_after_it() {
        for interval in [None, Some(60)] {
            let mut policy = RefreshPolicy::new(interval);
            policy.started();
            policy.request_now(10.0);
            assert_eq!(policy.next(10.0), Next::Idle, "one fetch at a time");
            policy.succeeded(50.0);
            assert_eq!(policy.next(50.0), Next::Fetch, "{interval:?}");
            policy.started();
            policy.succeeded(90.0);
            let then = interval.map_or(Next::Idle, |secs| Next::At(90.0 + f64::from(secs) * 1000.0));
            assert_eq!(policy.next(90.0), then, "once: {interval:?}");
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_resets_after_success() {
        let expected = [60.0, 120.0, 240.0, 480.0, 600.0, 600.0];
        let mut policy = RefreshPolicy::new(Some(60));
        let mut now = 0.0;
        for secs in expected {
            policy.started();
            let delay = policy.failed(now, 1.0);
            assert_eq!(delay, secs * 1000.0);
            assert_eq!(policy.next(now), Next::At(now + delay));
            now += delay;
            assert_eq!(policy.next(now), Next::Fetch);
        }
        assert_eq!(policy.failures(), 6);
        policy.started();
        policy.succeeded(now);
        assert_eq!((policy.failures(), policy.next(now)), (0, Next::At(now + 60_000.0)));
    }

    #[test]
    fn jitter_keeps_the_delay_in_the_upper_half() {
        for failures in 1..12 {
            let full = backoff_ms(5_000.0, failures, 1.0);
            for jitter in [0.0, 0.25, 0.5, 0.999, -3.0, 7.0] {
                let delay = backoff_ms(5_000.0, failures, jitter);
                assert!(delay >= full / 2.0 && delay <= full, "{failures} {jitter} {delay}");
            }
        }
        assert_eq!(backoff_ms(5_000.0, u32::MAX, 1.0), MAX_BACKOFF_MS);
        assert_eq!(backoff_ms(3_600_000.0, 3, 1.0), 3_600_000.0, "an interval longer than the cap is kept");
    }

    #[test]
    fn a_failed_first_load_retries_even_without_an_interval() {
        let mut policy = RefreshPolicy::new(None);
        policy.started();
        assert_eq!(policy.failed(0.0, 1.0), 5_000.0);
        assert_eq!(policy.next(5_000.0), Next::Fetch);
    }

    #[test]
    fn hidden_pages_make_no_requests_and_catch_up_when_shown() {
        let mut clock = Clock(0.0);
        let mut policy = RefreshPolicy::new(Some(10));
        policy.started();
        policy.succeeded(clock.0);
        policy.set_visible(false);
        assert_eq!(policy.next(clock.advance(30.0)), Next::Idle);
        policy.set_visible(true);
        assert_eq!(policy.next(clock.0), Next::Fetch, "overdue: at once");
        policy.started();
        policy.succeeded(clock.0);
        policy.set_visible(false);
        policy.set_visible(true);
        assert_eq!(policy.next(clock.advance(1.0)), Next::At(30_000.0 + 10_000.0), "not due: keeps waiting");
    }

    #[test]
    fn the_first_load_happens_on_a_hidden_page() {
        let mut policy = RefreshPolicy::new(Some(10));
        policy.set_visible(false);
        assert_eq!(policy.next(0.0), Next::Fetch);
    }

    #[test]
    fn a_new_interval_is_timed_from_the_last_success() {
        let mut policy = RefreshPolicy::new(Some(60));
        policy.started();
        policy.succeeded(1_000.0);
        policy.set_interval(Some(5));
        assert_eq!(policy.next(2_000.0), Next::At(6_000.0));
        policy.set_interval(None);
        assert_eq!(policy.next(1e9), Next::Idle);
    }
}
