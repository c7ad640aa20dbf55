//! Feeds arbitrary bytes to `Feed::parse`, decoded the way the browser's
//! `response.text()` does (lossy UTF-8), and checks that every feed it accepts
//! is safe to show.
#![no_main]

#[path = "../../tests/support/whatwg.rs"]
mod whatwg;
use whatwg::whatwg_scheme;
use libfuzzer_sys::fuzz_target;
use news_headlines::feed::{Feed, FeedError, MAX_BODY_BYTES, MAX_ITEMS};
use news_headlines::url_policy;
use std::collections::HashSet;

/// Bidi embeddings, overrides, isolates and marks, and any control character
/// (white space in shown text is folded to plain spaces).
fn is_unsafe(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || c.is_control()
}

/// Cleaned text: no unsafe characters, white space folded to single spaces,
/// nothing at either end, at most `max` characters plus an ellipsis.
fn check_text(what: &str, text: &str, max: usize) {
    assert!(!text.is_empty(), "{what} is empty");
    assert!(!text.chars().any(is_unsafe), "{what} has an unsafe character: {text:?}");
    assert!(!text.chars().any(|c| c.is_whitespace() && c != ' '), "{what} has unfolded white space: {text:?}");
    assert!(!text.contains("  "), "{what} has a run of spaces: {text:?}");
    assert_eq!(text.trim(), text, "{what} is not trimmed");
    assert!(text.chars().count() <= max + 1, "{what} is longer than {max} characters");
}


fn check_url(raw: &str) {
    let oracle = whatwg_scheme(raw);
    if url_policy::is_allowed(raw) {
        assert!(matches!(oracle.as_deref(), None | Some("http" | "https")), "allowed {raw:?} with scheme {oracle:?}");
    }
    if let Some(scheme) = url_policy::scheme(raw) {
        assert_eq!(Some(scheme), oracle, "scheme of {raw:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    // The input itself, as a link.
    check_url(&body);
    match Feed::parse(&body) {
        Err(FeedError::TooLarge(bytes)) => assert!(bytes > MAX_BODY_BYTES),
        Err(_) => {}
        Ok(feed) => {
            assert!(feed.items.len() <= MAX_ITEMS);
            if let Some(title) = &feed.title {
                check_text("feed title", title, 300);
            }
            if let Some(language) = &feed.language {
                assert!(language.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'), "{language:?}");
            }
            let mut ids = HashSet::new();
            for item in &feed.items {
                assert!(!item.id.is_empty(), "empty id");
                assert!(!item.id.chars().any(is_unsafe), "unsafe id {:?}", item.id);
                assert!(ids.insert(item.id.as_str()), "duplicate id {:?}", item.id);
                check_text("title", &item.title, 300);
                if let Some(teaser) = &item.teaser {
                    check_text("teaser", teaser, 600);
                }
                if let Some(dateline) = &item.dateline {
                    check_text("dateline", dateline, 60);
                }
                for tag in &item.tags {
                    check_text("tag", tag, 200);
                }
                if let Some(url) = &item.url {
                    check_url(url);
                }
                if let Some(published) = &item.published {
                    assert!(published.epoch_ms.is_finite());
                }
            }
        }
    }
});
