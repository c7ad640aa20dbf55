//! RSS, Atom and JSON Feed (parsed by `feed-rs`) to the widget's JSON Feed 1.1.
//!
//! [`parse`] turns one upstream document into [`Parsed`] items; [`merge`]
//! combines the items of several upstreams under one output's [`Rules`]
//! (newest first, duplicates once, filters, dateline, limit) into a
//! [`JsonFeed`]. The rules, field by field:
//!
//! - `id`: the guid or Atom id, else the item's link, else a hash of its text;
//!   an id shared by distinct headlines becomes a hash of itself and the
//!   headline (see [`merge`]);
//! - `url`: the item's alternate link (relative links resolved), http(s) only;
//! - `title` and `summary`: plain text; HTML (RSS descriptions, Atom `html`
//!   text, `content:encoded` when there is no description) is reduced to text,
//!   never passed on as `content_html`;
//! - `date_published`: published, else updated; RFC 822 and RFC 3339 read
//!   leniently; no date stays no date;
//! - `tags`: the categories; `image`: `media:thumbnail`, else an image
//!   `media:content` or enclosure, else an Atom image enclosure link, else the
//!   first `<img>` of the description;
//! - `_news.dateline`: a leading `VIENNA: ` moved out of the summary;
//! - `content_text` (JSON Feed 1.1 requires it or `content_html`): the
//!   summary as written, dateline included, else the title.

use crate::decode::{self, DecodeError, Document};
use crate::text::{self, MAX_SUMMARY_CHARS, MAX_TAG_CHARS, MAX_TITLE_CHARS};
use chrono::{DateTime, SecondsFormat, Utc};
use feed_rs::model::{Entry, Feed, FeedType, Link, MediaContent, Text};
use serde::Serialize;
use siphasher::sip128::{Hasher128, SipHasher};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::Hasher;
use url::Url;

/// The JSON Feed version written.
pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";
/// Items written when an output sets no limit.
pub const DEFAULT_LIMIT: usize = 100;
/// The most items an output may ask for (the widget reads at most 500).
pub const MAX_LIMIT: usize = 500;
/// Tags kept per item.
const MAX_TAGS: usize = 20;
/// Longest URL kept.
const MAX_URL_LEN: usize = 2048;
// Longest id written as is: the widget's; longer ids are replaced by a hash
// of themselves.
use news_headlines::feed::MAX_ID_CHARS;

/// One upstream document, read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// The feed's title.
    pub title: Option<String>,
    /// The feed's web page.
    pub home_page_url: Option<String>,
    /// The feed's language tag.
    pub language: Option<String>,
    /// Its usable items, in feed order.
    pub items: Vec<Item>,
}

/// One usable item: it has an id and a title or a summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// guid / Atom id, else link, else a hash of the text.
    pub id: String,
    /// The item's web page.
    pub url: Option<String>,
    /// Plain-text headline.
    pub title: Option<String>,
    /// Plain-text summary, dateline still in place.
    pub summary: Option<String>,
    /// Published, else updated.
    pub published: Option<DateTime<Utc>>,
    /// Category labels.
    pub tags: Vec<String>,
    /// An image URL.
    pub image: Option<String>,
}

/// Why an upstream document could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ConvertError {
    /// Refused before parsing (see [`DecodeError`]).
    Decode(DecodeError),
    /// The feed parser's error.
    Parse(String),
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvertError::Decode(error) => error.fmt(f),
            ConvertError::Parse(why) => write!(f, "not a readable feed: {why}"),
        }
    }
}

impl std::error::Error for ConvertError {}

/// Reads one upstream document (RSS 0.9x/1.0/2.0, Atom or JSON Feed, any
/// declared encoding). `base_url` (the upstream's URL) resolves relative
/// links. This is the conversion entry point the fuzz tests drive.
pub fn parse(bytes: &[u8], base_url: Option<&str>) -> Result<Parsed, ConvertError> {
    let document = decode::decode(bytes).map_err(ConvertError::Decode)?;
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base_url)
        .sanitize_content(false)
        .id_generator(|links, _title, _base| alternate(links).map(|link| link.href.clone()).unwrap_or_default())
        .build();
    let (feed, thumbnails) = match document {
        Document::Json(json) => (parser.parse(json), Vec::new()),
        Document::Xml(xml) => (parser.parse(xml.text.as_bytes()), xml.thumbnails),
    };
    let feed = feed.map_err(|error| ConvertError::Parse(error.to_string()))?;
    Ok(read_feed(feed, &thumbnails, base_url.and_then(|base| Url::parse(base).ok())))
}

/// The feed-rs model to [`Parsed`]; `thumbnails` are the entries'
/// standalone `media:thumbnail`s in document order (used when they line up).
fn read_feed(feed: Feed, thumbnails: &[Option<String>], upstream: Option<Url>) -> Parsed {
    let html = !matches!(feed.feed_type, FeedType::Atom | FeedType::JSON);
    let home_page_url = alternate(&feed.links).and_then(|link| absolute(&link.href, upstream.as_ref()));
    let base = home_page_url.as_deref().and_then(|home| Url::parse(home).ok()).or(upstream);
    let thumbnails = if thumbnails.len() == feed.entries.len() { thumbnails } else { &[] };
    let items = feed
        .entries
        .iter()
        .enumerate()
        .filter_map(|(at, entry)| read_entry(entry, html, thumbnails.get(at).cloned().flatten(), base.as_ref()))
        .collect();
    Parsed {
        title: feed
            .title
            .as_ref()
            .map(|title| text::clamp(plain_text(title, html), MAX_TITLE_CHARS))
            .filter(|title| !title.is_empty()),
        home_page_url,
        language: feed.language.as_deref().and_then(language_tag),
        items,
    }
}

/// One entry, if it has a title or some text. RSS text is always read as
/// HTML (titles often carry entities); Atom and JSON Feed text by its type.
fn read_entry(entry: &Entry, html: bool, thumbnail: Option<String>, base: Option<&Url>) -> Option<Item> {
    let title = entry.title.as_ref().map(|title| plain_text(title, html)).filter(|title| !title.is_empty());
    let described = entry.summary.as_ref().map(|summary| reduce_text(summary, html));
    let content = entry.content.as_ref().and_then(|content| {
        let html_body = content.content_type.subty().as_str().contains("html");
        let body = content.body.as_deref()?;
        Some(if html_body {
            text::reduce_html(body)
        } else {
            text::Reduced { text: text::fold_whitespace(body), first_image: None }
        })
    });
    let summary_text = [&described, &content].into_iter().flatten().map(|r| r.text.as_str()).find(|t| !t.is_empty());
    let summary = summary_text.map(|text| text::clamp(text.to_owned(), MAX_SUMMARY_CHARS));
    if title.is_none() && summary.is_none() {
        return None;
    }
    let url = alternate(&entry.links).and_then(|link| absolute(&link.href, base));
    let item_base = url.as_deref().and_then(|url| Url::parse(url).ok());
    let base = item_base.as_ref().or(base);
    let inline_image = [&described, &content].into_iter().flatten().find_map(|r| r.first_image.clone());
    let image = thumbnail
        .or_else(|| media_image(entry))
        .or_else(|| enclosure_link_image(&entry.links))
        .or(inline_image)
        .and_then(|src| absolute(&src, base));
    let id = match entry.id.trim() {
        "" => derived_id(&[title.as_deref().unwrap_or_default(), summary.as_deref().unwrap_or_default()]),
        id if id.chars().count() > MAX_ID_CHARS => derived_id(&[id]),
        id => id.to_owned(),
    };
    Some(Item {
        id,
        url,
        title: title.map(|title| text::clamp(title, MAX_TITLE_CHARS)),
        summary,
        published: entry.published.or(entry.updated),
        tags: tags(entry),
        image,
    })
}

/// A feed-rs text as plain text: HTML reduced, plain text folded.
fn plain_text(text: &Text, html: bool) -> String {
    reduce_text(text, html).text
}

fn reduce_text(text: &Text, html: bool) -> text::Reduced {
    if html || text.content_type.subty().as_str().contains("html") {
        text::reduce_html(&text.content)
    } else {
        text::Reduced { text: text::fold_whitespace(&text.content), first_image: None }
    }
}

/// A stable id made from `parts`: for items without guid or link (their
/// title and summary) and for overlong ids.
fn derived_id(parts: &[&str]) -> String {
    let mut hasher = SipHasher::new();
    for part in parts {
        hasher.write(part.as_bytes());
        hasher.write_u8(0x1F);
    }
    format!("urn:news-bridge:{:032x}", hasher.finish128().as_u128())
}

/// The page link among `links`: `rel="alternate"`, else one without `rel`.
fn alternate(links: &[Link]) -> Option<&Link> {
    let alternate = links.iter().find(|link| link.rel.as_deref() == Some("alternate"));
    alternate.or_else(|| links.iter().find(|link| link.rel.is_none()))
}

/// `href` as an absolute http(s) URL, resolved against `base` when relative.
fn absolute(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    let url = match Url::parse(href) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    let url = url.to_string();
    (matches!(url.split(':').next(), Some("http" | "https")) && url.len() <= MAX_URL_LEN).then_some(url)
}

/// `media:thumbnail`, else the widest image `media:content` or enclosure.
fn media_image(entry: &Entry) -> Option<String> {
    let thumbnail = entry.media.iter().flat_map(|media| &media.thumbnails).map(|thumbnail| thumbnail.image.uri.clone());
    let widest = || {
        let images = entry.media.iter().flat_map(|media| &media.content).filter(|content| is_image(content));
        images
            .max_by_key(|content| content.width.unwrap_or(0))
            .and_then(|content| Some(content.url.as_ref()?.to_string()))
    };
    thumbnail.into_iter().next().or_else(widest)
}

/// An image by its media type, else by its file extension.
fn is_image(content: &MediaContent) -> bool {
    match &content.content_type {
        Some(media_type) => media_type.ty().as_str().eq_ignore_ascii_case("image"),
        None => content.url.as_ref().is_some_and(|url| {
            let path = url.path().to_ascii_lowercase();
            [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"].iter().any(|ext| path.ends_with(ext))
        }),
    }
}

/// An Atom `<link rel="enclosure" type="image/…">`.
fn enclosure_link_image(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|link| {
            link.rel.as_deref() == Some("enclosure")
                && link.media_type.as_deref().is_some_and(|media_type| media_type.starts_with("image/"))
        })
        .map(|link| link.href.clone())
}

/// Category labels (else terms), cleaned, each once, at most [`MAX_TAGS`].
fn tags(entry: &Entry) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for category in &entry.categories {
        let raw = category.label.as_deref().unwrap_or(&category.term);
        let tag = text::clamp(text::reduce_html(raw).text, MAX_TAG_CHARS);
        if !tag.is_empty() && !tags.iter().any(|seen| seen.eq_ignore_ascii_case(&tag)) && tags.len() < MAX_TAGS {
            tags.push(tag);
        }
    }
    tags
}

/// Keeps a language tag only if it looks like BCP 47 (letters, digits, `-`).
fn language_tag(tag: &str) -> Option<String> {
    let tag = tag.trim();
    let valid = !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && tag.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
    valid.then(|| tag.replace('_', "-"))
}

/// How one output is made from its upstreams.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    /// The feed title (else the first upstream's).
    pub title: Option<String>,
    /// The feed's web page (else the first upstream's).
    pub home_page_url: Option<String>,
    /// The feed language (else the first upstream's).
    pub language: Option<String>,
    /// The most items written.
    pub limit: usize,
    /// Whether leading datelines move to `_news.dateline`.
    pub dateline: bool,
    /// Keep only items with one of these tags (all when empty).
    pub tags: Vec<String>,
    /// Keep only items whose title or summary contains one of these (all when empty).
    pub include: Vec<String>,
    /// Drop items whose title or summary contains one of these.
    pub exclude: Vec<String>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            title: None,
            home_page_url: None,
            language: None,
            limit: DEFAULT_LIMIT,
            dateline: true,
            tags: Vec::new(),
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

impl Rules {
    /// Whether `item` passes the tag filter and the keyword filters
    /// (case-insensitive).
    fn keeps(&self, item: &Item, include: &[String], exclude: &[String]) -> bool {
        let tagged =
            self.tags.is_empty() || self.tags.iter().any(|tag| item.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)));
        if !tagged || (include.is_empty() && exclude.is_empty()) {
            return tagged;
        }
        let haystack =
            format!("{} {}", item.title.as_deref().unwrap_or_default(), item.summary.as_deref().unwrap_or_default())
                .to_lowercase();
        (include.is_empty() || include.iter().any(|word| haystack.contains(word.as_str())))
            && !exclude.iter().any(|word| haystack.contains(word.as_str()))
    }
}

/// The JSON Feed 1.1 document the widget reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JsonFeed {
    /// Always [`JSON_FEED_VERSION`].
    pub version: &'static str,
    /// The feed title.
    #[serde(serialize_with = "plain")]
    pub title: String,
    /// The publisher's web page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    /// BCP 47 language tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Newest first.
    pub items: Vec<JsonItem>,
}

/// One JSON Feed item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JsonItem {
    /// Unique id.
    pub id: String,
    /// The story's page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Plain-text headline.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "plain_option")]
    pub title: Option<String>,
    /// Plain-text summary, dateline removed.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "plain_option")]
    pub summary: Option<String>,
    /// The item's text as plain text (its summary with the dateline, else its
    /// title): JSON Feed 1.1 requires `content_text` or `content_html`.
    #[serde(serialize_with = "plain")]
    pub content_text: String,
    /// RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    /// Category labels.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Image URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The widget's extension.
    #[serde(rename = "_news", skip_serializing_if = "Option::is_none")]
    pub news: Option<NewsExtension>,
}

/// `"_news": {"dateline": "VIENNA"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewsExtension {
    /// The place a story was filed from.
    pub dateline: String,
}

/// Plain text as the widget reads it back unchanged: what it would take
/// for markup or a character reference is escaped (`news_headlines::feed::escaped`).
fn plain<S: serde::Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&news_headlines::feed::escaped(text))
}

/// [`plain`], for an optional text (skipped when absent).
fn plain_option<S: serde::Serializer>(text: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
    plain(text.as_deref().unwrap_or_default(), serializer)
}

impl JsonFeed {
    /// The document as compact JSON, `<`, `>` and `&` escaped.
    pub fn to_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(self).map(escape_markup)
    }

    /// The document as indented JSON, for people, `<`, `>` and `&` escaped.
    pub fn to_json_pretty(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec_pretty(self).map(escape_markup)
    }
}

/// `<`, `>` and `&` as `\u003c`, `\u003e` and `\u0026`, so that no JSON
/// output can be read as markup (a page or proxy that sniffs it, a script
/// block that inlines it). In JSON text these characters only occur inside
/// strings, where the escapes mean the same characters.
fn escape_markup(json: Vec<u8>) -> Vec<u8> {
    let mut escaped = Vec::with_capacity(json.len());
    for byte in json {
        match byte {
            b'<' => escaped.extend_from_slice(b"\\u003c"),
            b'>' => escaped.extend_from_slice(b"\\u003e"),
            b'&' => escaped.extend_from_slice(b"\\u0026"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// Merges the items of `sources` (in order) under `rules`: filtered, newest
/// first (undated items after dated ones, in source order), duplicates once,
/// at most `rules.limit`.
///
/// A duplicate is the same story: an item with the id or the link of an
/// earlier one *and* its headline (its title, else its summary; case and
/// spacing aside). Items that share a link (a live blog's page) or an id (a
/// generator's colliding guids) but carry different headlines are distinct
/// headlines: each is kept, and each whose id is shared gets its own
/// `urn:news-bridge:` id made from that id and its headline.
pub fn merge(sources: &[&Parsed], rules: &Rules) -> JsonFeed {
    let lower = |words: &[String]| words.iter().map(|word| word.to_lowercase()).collect::<Vec<_>>();
    let (include, exclude) = (lower(&rules.include), lower(&rules.exclude));
    let mut items: Vec<&Item> =
        sources.iter().flat_map(|source| &source.items).filter(|item| rules.keeps(item, &include, &exclude)).collect();
    items.sort_by(|a, b| match (a.published, b.published) {
        (Some(a), Some(b)) => b.cmp(&a),
        (a, b) => b.is_some().cmp(&a.is_some()),
    });
    let mut seen: HashSet<(&str, String)> = HashSet::new();
    let mut stories: Vec<(&Item, String)> = Vec::new();
    for item in items {
        let headline = headline(item);
        let duplicate = seen.contains(&(item.id.as_str(), headline.clone()))
            || item.url.as_deref().is_some_and(|url| seen.contains(&(url, headline.clone())));
        if !duplicate {
            seen.insert((item.id.as_str(), headline.clone()));
            if let Some(url) = &item.url {
                seen.insert((url, headline.clone()));
            }
            stories.push((item, headline));
        }
    }
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for (item, _) in &stories {
        *uses.entry(item.id.as_str()).or_default() += 1;
    }
    let written = stories
        .iter()
        .take(rules.limit)
        .map(|(item, headline)| {
            let mut json = json_item(item, rules.dateline);
            if uses.get(item.id.as_str()).is_some_and(|uses| *uses > 1) {
                json.id = derived_id(&[&item.id, headline]);
            }
            json
        })
        .collect();
    let first = |field: fn(&Parsed) -> Option<&String>| sources.iter().find_map(|source| field(source)).cloned();
    JsonFeed {
        version: JSON_FEED_VERSION,
        title: rules.title.clone().or_else(|| first(|s| s.title.as_ref())).unwrap_or_else(|| "News".to_owned()),
        home_page_url: rules.home_page_url.clone().or_else(|| first(|s| s.home_page_url.as_ref())),
        language: rules.language.clone().or_else(|| first(|s| s.language.as_ref())),
        items: written,
    }
}

/// What makes an item the story it is: its title, else its summary,
/// lower-cased with white space folded.
fn headline(item: &Item) -> String {
    let text = item.title.as_deref().or(item.summary.as_deref()).unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn json_item(item: &Item, dateline: bool) -> JsonItem {
    let split = item.summary.as_deref().filter(|_| dateline).and_then(text::split_dateline);
    let (news, summary) = match split {
        Some((place, rest)) => (Some(NewsExtension { dateline: place }), Some(rest)),
        None => (None, item.summary.clone()),
    };
    let content_text = item.summary.clone().or_else(|| item.title.clone()).unwrap_or_default();
    JsonItem {
        id: item.id.clone(),
        url: item.url.clone(),
        title: item.title.clone(),
        summary,
        content_text,
        date_published: item.published.map(|date| date.to_rfc3339_opts(SecondsFormat::Secs, true)),
        tags: item.tags.clone(),
        image: item.image.clone(),
        news,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Arab News &amp;amp; more</title>
    <link>https://www.arabnews.com/</link>
    <language>en</language>
    <item>
      <title>Iran nuclear chief sees no threat to deal if Trump wins</title>
      <link>/node/1</link>
      <guid isPermaLink="false">an-1</guid>
      <pubDate>Wed, 28 Sep 2016 10:00:00 +0300</pubDate>
      <category>Middle-East</category>
      <category>middle-east</category>
      <description><![CDATA[<p>VIENNA: A landmark nuclear <b>accord</b> &hellip;</p><img src="/img/1.jpg">]]></description>
    </item>
    <item>
      <title>Undated story</title>
      <link>https://www.arabnews.com/node/2</link>
      <description>No date here</description>
      <media:thumbnail url="https://img.example/t.jpg"/>
    </item>
    <item>
      <title>Newer story</title>
      <link>https://www.arabnews.com/node/3</link>
      <pubDate>2016-09-29T08:00:00Z</pubDate>
      <enclosure url="https://img.example/e.png" type="image/png" length="1"/>
    </item>
  </channel>
</rss>"#;

    fn parsed() -> Parsed {
        parse(RSS.as_bytes(), None).unwrap()
    }

    #[test]
    fn reads_title_link_id_date_tags_and_image() {
        let parsed = parsed();
        assert_eq!(parsed.title.as_deref(), Some("Arab News & more"));
        assert_eq!(parsed.home_page_url.as_deref(), Some("https://www.arabnews.com/"));
        let first = &parsed.items[0];
        assert_eq!(first.id, "an-1");
        assert_eq!(first.url.as_deref(), Some("https://www.arabnews.com/node/1"), "relative link resolved");
        assert_eq!(first.summary.as_deref(), Some("VIENNA: A landmark nuclear accord …"));
        assert_eq!(first.published.map(|d| d.to_rfc3339()), Some("2016-09-28T07:00:00+00:00".to_owned()));
        assert_eq!(first.tags, ["Middle-East"], "categories once, case-insensitively");
        assert_eq!(first.image.as_deref(), Some("https://www.arabnews.com/img/1.jpg"), "inline image resolved");
        assert_eq!(parsed.items[1].image.as_deref(), Some("https://img.example/t.jpg"));
        assert_eq!(parsed.items[2].image.as_deref(), Some("https://img.example/e.png"));
    }

    #[test]
    fn every_item_has_content_text_as_json_feed_1_1_requires() {
        let feed = merge(&[&parsed()], &Rules::default());
        let json: serde_json::Value = serde_json::from_slice(&feed.to_json().unwrap()).unwrap();
        let texts: Vec<&str> =
            json["items"].as_array().unwrap().iter().map(|i| i["content_text"].as_str().unwrap()).collect();
        assert_eq!(texts, ["Newer story", "VIENNA: A landmark nuclear accord …", "No date here"]);
    }

    #[test]
    fn id_falls_back_to_the_link_then_to_a_stable_hash() {
        let parsed = parsed();
        assert_eq!(parsed.items[1].id, "https://www.arabnews.com/node/2");
        let bare = "<rss version=\"2.0\"><channel><item><title>Only a title</title></item></channel></rss>";
        let first = parse(bare.as_bytes(), None).unwrap().items[0].id.clone();
        let again = parse(bare.as_bytes(), None).unwrap().items[0].id.clone();
        assert!(first.starts_with("urn:news-bridge:"));
        assert_eq!(first, again);
        let long = format!(
            "<rss version=\"2.0\"><channel><item><title>t</title><guid>{}</guid></item></channel></rss>",
            "x".repeat(300)
        );
        let id = parse(long.as_bytes(), None).unwrap().items[0].id.clone();
        assert!(id.starts_with("urn:news-bridge:") && id.len() < 60, "{id}");
    }

    #[test]
    fn merge_sorts_newest_first_with_undated_last_and_moves_the_dateline() {
        let feed = merge(&[&parsed()], &Rules::default());
        let ids: Vec<&str> = feed.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["https://www.arabnews.com/node/3", "an-1", "https://www.arabnews.com/node/2"]);
        let vienna = &feed.items[1];
        assert_eq!(vienna.news.as_ref().map(|n| n.dateline.as_str()), Some("VIENNA"));
        assert_eq!(vienna.summary.as_deref(), Some("A landmark nuclear accord …"));
        assert_eq!(vienna.date_published.as_deref(), Some("2016-09-28T07:00:00Z"));
        assert_eq!(feed.items[2].date_published, None, "no date is never now");
        let json = String::from_utf8(feed.to_json().unwrap()).unwrap();
        assert!(json.starts_with(r#"{"version":"https://jsonfeed.org/version/1.1","title":"Arab News \u0026 more""#));
        assert!(json.contains(r#""_news":{"dateline":"VIENNA"}"#));
        assert!(!json.contains("content_html"));
    }

    #[test]
    fn dateline_can_be_switched_off() {
        let feed = merge(&[&parsed()], &Rules { dateline: false, ..Rules::default() });
        assert!(feed.items.iter().all(|item| item.news.is_none()));
        assert_eq!(feed.items[1].summary.as_deref(), Some("VIENNA: A landmark nuclear accord …"));
    }

    #[test]
    fn merge_keeps_duplicates_by_id_or_link_once_and_applies_the_limit() {
        let a = parsed();
        let mut b = parsed();
        b.items[0].id = "another-id-same-link".into();
        b.items[1].url = Some("https://elsewhere.example/".into());
        let feed = merge(&[&a, &b], &Rules::default());
        assert_eq!(feed.items.len(), 3, "same id or same link: kept once");
        let feed = merge(&[&a, &b], &Rules { limit: 2, ..Rules::default() });
        assert_eq!(feed.items.len(), 2);
    }

    #[test]
    fn markup_characters_are_escaped_in_the_json() {
        let mut source = parsed();
        source.items[0].title = Some("</script><b>A & B</b>".into());
        let json = merge(&[&source], &Rules::default()).to_json().unwrap();
        let text = String::from_utf8(json.clone()).unwrap();
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        // The widget reads the text back as it was written.
        let feed = news_headlines::feed::Feed::parse(&text).unwrap();
        let titles: Vec<&str> = feed.items.iter().map(|item| item.title.as_str()).collect();
        assert!(titles.contains(&"</script><b>A & B</b>"), "the same text once read by the widget: {titles:?}");
    }

    #[test]
    fn the_channel_title_is_clamped() {
        let rss = format!(
            "<rss version=\"2.0\"><channel><title>{}</title><item><title>t</title></item></channel></rss>",
            "T".repeat(5000)
        );
        let title = parse(rss.as_bytes(), None).unwrap().title.unwrap();
        assert_eq!(
            (title.chars().count(), title.ends_with('…')),
            (MAX_TITLE_CHARS + 1, true),
            "clamped as item titles are"
        );
    }

    #[test]
    fn distinct_headlines_sharing_a_link_or_an_id_are_all_kept_with_unique_ids() {
        let story = |id: &str, url: &str, title: &str, hour: u32| Item {
            id: id.into(),
            url: Some(url.into()),
            title: Some(title.into()),
            summary: None,
            published: Some(chrono::TimeZone::with_ymd_and_hms(&Utc, 2024, 5, 1, hour, 0, 0).unwrap()),
            tags: Vec::new(),
            image: None,
        };
        let live = "https://news.example/live";
        let source = Parsed {
            items: vec![
                story(live, live, "Minister resigns", 12),
                story(live, live, "Parliament to vote tonight", 11),
                story("guid-1", "https://news.example/a", "Storm reaches the coast", 10),
                story("guid-1", "https://news.example/b", "Markets close higher", 9),
                story("other-id", live, "Minister  RESIGNS", 8),
            ],
            ..Parsed::default()
        };
        let feed = merge(&[&source], &Rules::default());
        let titles: Vec<&str> = feed.items.iter().filter_map(|item| item.title.as_deref()).collect();
        assert_eq!(
            titles,
            ["Minister resigns", "Parliament to vote tonight", "Storm reaches the coast", "Markets close higher"],
            "the same link and headline (case and spacing aside) is the same story"
        );
        let ids: HashSet<&str> = feed.items.iter().map(|item| item.id.as_str()).collect();
        assert_eq!(ids.len(), 4, "unique ids: {ids:?}");
        assert!(feed.items.iter().all(|item| item.id.starts_with("urn:news-bridge:")), "shared ids are replaced");
        let again = merge(&[&source], &Rules::default());
        assert_eq!(again.items, feed.items, "ids are stable");
    }

    #[test]
    fn tag_and_keyword_filters() {
        let only = |rules: Rules| merge(&[&parsed()], &rules).items.into_iter().map(|i| i.id).collect::<Vec<_>>();
        assert_eq!(only(Rules { tags: vec!["MIDDLE-EAST".into()], ..Rules::default() }), ["an-1"]);
        assert_eq!(
            only(Rules { include: vec!["UNDATED".into()], ..Rules::default() }),
            ["https://www.arabnews.com/node/2"]
        );
        assert_eq!(only(Rules { exclude: vec!["story".into()], ..Rules::default() }), ["an-1"]);
    }

    #[test]
    fn rules_and_first_source_provide_the_feed_fields() {
        let feed = merge(&[&parsed()], &Rules { title: Some("Around Arab News".into()), ..Rules::default() });
        assert_eq!(feed.title, "Around Arab News");
        assert_eq!(feed.language.as_deref(), Some("en"));
        let empty = merge(&[], &Rules::default());
        assert_eq!((empty.title.as_str(), empty.items.len()), ("News", 0));
    }

    #[test]
    fn atom_text_is_read_by_its_type() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A &lt;b&gt; b</title>
            <entry><id>tag:x,1</id><title type="text">1 &lt; 2 &amp;amp; fine</title><updated>2024-01-02T03:04:05Z</updated>
            <summary type="html">&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;</summary>
            <link rel="enclosure" type="image/jpeg" href="https://img.example/a.jpg"/></entry></feed>"#;
        let parsed = parse(atom.as_bytes(), None).unwrap();
        assert_eq!(parsed.title.as_deref(), Some("A <b> b"));
        let item = &parsed.items[0];
        assert_eq!(item.title.as_deref(), Some("1 < 2 &amp; fine"), "plain text kept as written");
        assert_eq!(item.summary.as_deref(), Some("Hi & bye"));
        assert_eq!(item.image.as_deref(), Some("https://img.example/a.jpg"));
        assert_eq!(item.published.map(|d| d.to_rfc3339()), Some("2024-01-02T03:04:05+00:00".to_owned()));
    }

    #[test]
    fn drops_items_without_text_and_non_http_links() {
        let rss = r#"<rss version="2.0"><channel><item><link>https://x.example/1</link></item>
            <item><title>Script link</title><link>javascript:alert(1)</link></item></channel></rss>"#;
        let parsed = parse(rss.as_bytes(), None).unwrap();
        assert_eq!(parsed.items.len(), 1);
        assert_eq!(parsed.items[0].url, None);
    }

    #[test]
    fn errors_name_the_problem() {
        let error = parse(b"<html><body>hi</body></html>", None).unwrap_err();
        assert_eq!(error.to_string(), "the upstream sent an HTML page, not an RSS or Atom feed");
        let error = parse(br#"{"version": "nope", "items": []}"#, None).unwrap_err();
        assert!(error.to_string().starts_with("not a readable feed"), "{error}");
    }
}
