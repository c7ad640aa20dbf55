//! The feed model: a JSON Feed (1.0 or 1.1) turned into headlines that are
//! safe to show. The format is described once, as serde types
//! (`json_feed.rs`), and read from the platform's JSON parser: serde_json
//! natively, where the model is tested, and the browser's `JSON.parse` in
//! the wasm (`js.rs`), which accepts and refuses exactly the same documents.
//!
//! Untrusted input: no field is trusted to exist or to have the right type,
//! sizes are capped before and during parsing, and nothing here can panic.

mod date;
#[cfg(target_arch = "wasm32")]
mod js;
pub mod json_feed;
#[cfg(any(target_arch = "wasm32", test))]
mod scan;
mod text;

pub use date::Timestamp;
#[cfg(not(target_arch = "wasm32"))]
pub use text::escaped;
pub use text::{clamp, MAX_DATELINE_CHARS, MAX_ID_CHARS, MAX_TEASER_CHARS, MAX_TITLE_CHARS};

use json_feed::{JsonFeed, JsonItem, Object};
#[cfg(not(target_arch = "wasm32"))]
use serde::Deserialize;
use std::fmt;

/// Largest response body parsed, in bytes.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// Most items kept from one feed (invalid and duplicate items do not count).
pub const MAX_ITEMS: usize = 500;
/// How long a slice of [`Feed::parse_in_slices`] runs before the page gets
/// the main thread back, in milliseconds: a third of a long task, and long
/// enough that a small feed is read in one slice on a slow phone (at 8 ms,
/// its second page view waited a frame for each of three slices).
#[cfg(target_arch = "wasm32")]
pub const SLICE_MS: f64 = 16.0;
/// Headline length taken from `summary`/`content_text` when `title` is missing.
const DERIVED_TITLE_CHARS: usize = 120;

/// A parsed feed: its title and language and its usable items, in feed order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Feed {
    /// The feed's `title`, if any.
    pub title: Option<String>,
    /// The feed's `home_page_url`, if any (checked like item links when shown).
    pub home_page_url: Option<String>,
    /// The feed's `language` (a BCP 47 tag), if any.
    pub language: Option<String>,
    /// Items with an id and some text; duplicates by id are dropped.
    pub items: Vec<Item>,
}

/// One headline.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The item's `id`, as a string.
    pub id: String,
    /// `url`, else `external_url`, as written in the feed (not yet checked:
    /// see [`crate::url_policy`]).
    pub url: Option<String>,
    /// The headline: `title`, else made from the summary or text (see
    /// `text::split_headline`).
    pub title: String,
    /// `summary`, else the start of `content_text`; when the headline was
    /// made from that text, only what follows it.
    pub teaser: Option<String>,
    /// The `_news.dateline` extension, e.g. `VIENNA`.
    pub dateline: Option<String>,
    /// `date_published`, else `date_modified`, when valid (see [`Timestamp::parse`]).
    pub published: Option<Timestamp>,
    /// The item's `tags`.
    pub tags: Vec<String>,
    /// `image`, else `banner_image`, as written (checked like `url` when shown).
    pub image: Option<String>,
}

/// Why a response could not be read as a feed.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedError {
    /// The body is larger than [`MAX_BODY_BYTES`].
    TooLarge(usize),
    /// The body is not JSON (or is truncated).
    NotJson,
    /// JSON, but not a JSON Feed; the text says what is missing.
    NotJsonFeed(&'static str),
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedError::TooLarge(bytes) => {
                write!(f, "The feed is too large ({} KB; the limit is {} KB)", bytes / 1024, MAX_BODY_BYTES / 1024)
            }
            FeedError::NotJson => f.write_str("The feed is not valid JSON"),
            FeedError::NotJsonFeed(why) => write!(f, "Not a JSON Feed: {why}"),
        }
    }
}

impl Feed {
    /// Parses a response body as a JSON Feed.
    pub fn parse(body: &str) -> Result<Feed, FeedError> {
        let body = within_limits(body)?;
        #[cfg(not(target_arch = "wasm32"))]
        let document = {
            let value: serde_json::Value = serde_json::from_str(body).map_err(|_| FeedError::NotJson)?;
            Object::<JsonFeed>::deserialize(&value).map_err(|_| FeedError::NotJson)?
        };
        #[cfg(target_arch = "wasm32")]
        let document = {
            let mut reading = js::Reading::start(body, &body.into())?;
            reading.read_items(|| true)?;
            reading.finish()
        };
        Feed::from_document(document)
    }

    /// Parses a response body as [`Feed::parse`] does, handing the main
    /// thread back to the page whenever a slice of the work has run for
    /// [`SLICE_MS`], and before `JSON.parse` and before returning if the
    /// slice ran for half of that: no task of it runs long, even on a slow
    /// phone.
    #[cfg(target_arch = "wasm32")]
    pub async fn parse_in_slices(body: &js_sys::JsString) -> Result<Feed, FeedError> {
        let mut slice = js_sys::Date::now();
        let text = body.as_string().unwrap_or_default();
        let stripped = within_limits(&text)?;
        let json = match text.len() - stripped.len() {
            0 => body.clone(),
            _ => body.slice(1, body.length()),
        };
        yield_if_half_used(&mut slice).await;
        let mut reading = js::Reading::start(stripped, &json)?;
        while reading.read_items(|| js_sys::Date::now() - slice < SLICE_MS)? {
            js::next_task().await;
            slice = js_sys::Date::now();
        }
        yield_if_half_used(&mut slice).await;
        Feed::from_document(reading.finish())
    }

    /// The feed of a document that parsed.
    fn from_document(document: Object<JsonFeed>) -> Result<Feed, FeedError> {
        let Object(Some(document)) = document else {
            return Err(FeedError::NotJsonFeed("the document is not an object"));
        };
        Feed::from_json(document)
    }

    /// The feed a JSON Feed document describes.
    fn from_json(doc: JsonFeed) -> Result<Feed, FeedError> {
        let version = doc.version.0.unwrap_or_default();
        if !matches!(version.as_str(), "https://jsonfeed.org/version/1" | "https://jsonfeed.org/version/1.1") {
            return Err(FeedError::NotJsonFeed("no JSON Feed version"));
        }
        let items = doc.items.0.ok_or(FeedError::NotJsonFeed("no list of items"))?;
        Ok(Feed {
            title: doc.title.0.and_then(|t| text::plain(&t)).map(|t| text::clamp(t, text::MAX_TITLE_CHARS)),
            home_page_url: plausible_url(doc.home_page_url.0),
            language: doc.language.0.and_then(|l| crate::lang::tag(&l)),
            items,
        })
    }

    /// The items to show: those tagged `tag` (all when `None`), at most `limit`.
    pub fn headlines<'a>(&'a self, tag: Option<&'a str>, limit: usize) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |item| tag.is_none_or(|tag| item.has_tag(tag))).take(limit)
    }
}

impl Item {
    /// The headline an item of a JSON Feed gives, if it is usable: it needs
    /// an id and some text.
    fn from_json(raw: JsonItem) -> Option<Item> {
        let id = text::clean_clamped(&raw.id.0?, text::MAX_ID_CHARS)?;
        let body = raw.summary.0.and_then(|s| text::paragraphs(&s));
        let body = body.or_else(|| raw.content_text.0.and_then(|c| text::paragraphs(&c)));
        let (teaser, title) = match raw.title.0.and_then(|t| text::plain(&t)) {
            Some(title) => {
                let teaser = body.map(|b| text::clamp(text::unfold(&b), text::MAX_TEASER_CHARS));
                let title = text::clamp(title, text::MAX_TITLE_CHARS);
                (teaser.filter(|t| *t != title), title)
            }
            None => {
                let (title, rest) = text::split_headline(&body?, DERIVED_TITLE_CHARS, text::MAX_TEASER_CHARS);
                (rest, title)
            }
        };
        let url = plausible_url(raw.url.0).or_else(|| plausible_url(raw.external_url.0));
        let image = plausible_url(raw.image.0).or_else(|| plausible_url(raw.banner_image.0));
        let published =
            [raw.date_published.0, raw.date_modified.0].into_iter().flatten().find_map(|d| Timestamp::parse(&d));
        let dateline =
            raw.news.0.and_then(|news| news.dateline.0).and_then(|d| text::clean_clamped(&d, text::MAX_DATELINE_CHARS));
        let tags = raw
            .tags
            .0
            .unwrap_or_default()
            .into_iter()
            .filter_map(|t| t.0)
            .filter_map(|t| text::clean_clamped(&t, text::MAX_ID_CHARS))
            .take(50)
            .collect();
        Some(Item { id, url, title, teaser, dateline, published, tags, image })
    }

    /// The item's id followed by everything shown of it: a view keyed by
    /// this keeps an unchanged item's element and re-creates an edited one.
    pub fn revision(&self) -> String {
        let published = self.published.as_ref().map(|p| p.rfc3339.as_str());
        let shown = [Some(self.title.as_str()), self.url.as_deref(), self.teaser.as_deref(), self.dateline.as_deref()];
        let mut key = self.id.clone();
        for field in shown.into_iter().chain([self.image.as_deref(), published]) {
            // Unit separators keep "a" + "bc" apart from "ab" + "c".
            key.push('\u{1F}');
            key.push_str(field.unwrap_or_default());
        }
        key
    }

    /// Whether the item carries `tag` (case-insensitive).
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

/// Hands the main thread back to the page if the slice that began at
/// `slice` ran for half of [`SLICE_MS`], and begins a new one.
#[cfg(target_arch = "wasm32")]
async fn yield_if_half_used(slice: &mut f64) {
    if js_sys::Date::now() - *slice >= SLICE_MS / 2.0 {
        js::next_task().await;
        *slice = js_sys::Date::now();
    }
}

/// `body` without a leading BOM, if it is not too large to parse.
fn within_limits(body: &str) -> Result<&str, FeedError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(FeedError::TooLarge(body.len()));
    }
    Ok(body.strip_prefix('\u{FEFF}').unwrap_or(body))
}

/// The media type of a `Content-Type` value, without parameters, in lower case
/// (`text/HTML; charset=utf-8` → `text/html`).
pub fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Whether a response's `Content-Type` may hold a feed: `application/feed+json`,
/// `application/json`, any `+json`, JSON sent as `text/plain` (common on static
/// hosts), or none at all.
pub fn is_json_content_type(content_type: &str) -> bool {
    let essence = media_type(content_type);
    essence.is_empty() || essence == "application/json" || essence.ends_with("+json") || essence == "text/plain"
}

/// A URL string that is not blank and not absurdly long, trimmed (not yet
/// checked: see [`crate::url_policy`]).
fn plausible_url(raw: Option<String>) -> Option<String> {
    let raw = raw?;
    let trimmed = raw.trim();
    (!trimmed.is_empty() && trimmed.len() <= 2048).then(|| trimmed.to_owned())
}

/// The text JavaScript writes for a number (`Number.prototype.toString`):
/// how a numeric id becomes a string, the same natively and in the browser.
#[cfg(not(target_arch = "wasm32"))]
fn number_text(number: f64) -> String {
    ryu_js::Buffer::new().format(number).to_owned()
}

/// The text JavaScript writes for a number (`Number.prototype.toString`):
/// how a numeric id becomes a string, the same natively and in the browser.
#[cfg(target_arch = "wasm32")]
fn number_text(number: f64) -> String {
    js_sys::Number::from(number).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
