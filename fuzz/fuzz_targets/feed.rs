//! Feeds arbitrary bytes to `Feed::parse`, decoded the way the browser's
//! `response.text()` does (lossy UTF-8), and checks that every feed it accepts
//! is safe to show, with the invariants the corpus tests use.
#![no_main]

#[path = "../../tests/support/mod.rs"]
mod support;
use libfuzzer_sys::fuzz_target;
use news_headlines::feed::{Feed, FeedError, MAX_BODY_BYTES};
use support::invariants::{check_feed, check_url};

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    // The input itself, as a link.
    if let Err(broken) = check_url(&body) {
        panic!("{broken}");
    }
    match Feed::parse(&body) {
        Err(FeedError::TooLarge(bytes)) => assert!(bytes > MAX_BODY_BYTES),
        Err(_) => {}
        Ok(feed) => {
            if let Err(broken) = check_feed(&feed) {
                panic!("{broken}");
            }
        }
    }
});
