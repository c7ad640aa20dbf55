//! What must hold for every feed `Feed::parse` accepts, whatever the input:
//! shared by the corpus and property tests (`tests/feed_corpus.rs`) and the
//! fuzz target (`fuzz/`), with the limits the feed model exports.

use super::whatwg::whatwg_scheme;
use news_headlines::feed::{Feed, MAX_DATELINE_CHARS, MAX_ID_CHARS, MAX_ITEMS, MAX_TEASER_CHARS, MAX_TITLE_CHARS};
use news_headlines::url_policy::{is_allowed, scheme};
use std::collections::HashSet;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Shown text: non-empty, no bidi or control characters, white space folded
/// to single spaces and trimmed, at most `max` characters plus an ellipsis.
pub fn check_text(what: &str, text: &str, max: usize) -> Result<(), String> {
    let fail = |why: &str| Err(format!("{what} {why}: {text:?}"));
    if text.is_empty() {
        return fail("is empty");
    }
    if text.chars().any(is_bidi_control) {
        return fail("has a bidi control");
    }
    if text.chars().any(char::is_control) {
        return fail("has a control character");
    }
    if text.chars().any(|c| c.is_whitespace() && c != ' ') || text.contains("  ") || text.trim() != text {
        return fail("has unfolded white space");
    }
    if text.chars().count() > max + 1 {
        return fail(&format!("is longer than {} characters", max + 1));
    }
    Ok(())
}

pub fn check_url(url: &str) -> Result<(), String> {
    let oracle = whatwg_scheme(url);
    if let Some(read) = scheme(url) {
        if Some(&read) != oracle.as_ref() {
            return Err(format!("scheme() read {read:?} from {url:?}, the URL parser reads {oracle:?}"));
        }
    }
    if is_allowed(url) && !matches!(oracle.as_deref(), None | Some("http" | "https")) {
        return Err(format!("allowed {url:?}, whose scheme is {oracle:?}"));
    }
    Ok(())
}

/// Everything that must hold for a feed `Feed::parse` accepted.
pub fn check_feed(feed: &Feed) -> Result<(), String> {
    if feed.items.len() > MAX_ITEMS {
        return Err(format!("{} items", feed.items.len()));
    }
    if let Some(title) = &feed.title {
        check_text("feed title", title, MAX_TITLE_CHARS)?;
    }
    if let Some(language) = &feed.language {
        if language.is_empty() || !language.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(format!("language {language:?}"));
        }
    }
    let mut ids = HashSet::new();
    for item in &feed.items {
        if item.id.is_empty() || item.id.chars().any(|c| is_bidi_control(c) || c.is_control()) {
            return Err(format!("id {:?}", item.id));
        }
        if !ids.insert(item.id.as_str()) {
            return Err(format!("duplicate id {:?}", item.id));
        }
        check_text("title", &item.title, MAX_TITLE_CHARS)?;
        if let Some(teaser) = &item.teaser {
            check_text("teaser", teaser, MAX_TEASER_CHARS)?;
        }
        if let Some(dateline) = &item.dateline {
            check_text("dateline", dateline, MAX_DATELINE_CHARS)?;
        }
        for tag in &item.tags {
            check_text("tag", tag, MAX_ID_CHARS)?;
        }
        if let Some(url) = &item.url {
            if url.is_empty() || url.len() > 2048 {
                return Err(format!("url of {} bytes", url.len()));
            }
            check_url(url)?;
        }
        if let Some(published) = &item.published {
            if !published.epoch_ms.is_finite() {
                return Err(format!("published {published:?}"));
            }
        }
    }
    Ok(())
}
