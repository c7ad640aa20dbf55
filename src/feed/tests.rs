#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;
use serde_json::{json, Value};

fn feed(items: Value) -> Result<Feed, FeedError> {
    Feed::parse(&json!({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": items}).to_string())
}

fn ids(feed: &Feed) -> Vec<&str> {
    feed.items.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn reads_every_documented_field() {
    let feed = feed(json!([{
        "id": "iran-deal",
        "url": "https://www.arabnews.com/iran",
        "external_url": "https://example.org/other",
        "title": "Iran nuclear chief sees no threat to deal if Trump wins",
        "summary": "A landmark nuclear accord sealed last year…",
        "content_text": "ignored when summary is present",
        "content_html": "<b>never used</b>",
        "date_published": "2016-09-28T16:40:00+03:00",
        "date_modified": "2016-09-29T16:40:00+03:00",
        "tags": ["middle-east", "iran"],
        "_news": {"dateline": "VIENNA"},
        "image": "https://www.arabnews.com/iran.jpg",
        "banner_image": "https://www.arabnews.com/banner.jpg",
        "_extensions": {"whatever": true},
        "unknown": [1, 2, 3]
    }]))
    .unwrap();
    assert_eq!(feed.title.as_deref(), Some("T"));
    let item = &feed.items[0];
    assert_eq!(item.id, "iran-deal");
    assert_eq!(item.url.as_deref(), Some("https://www.arabnews.com/iran"));
    assert_eq!(item.title, "Iran nuclear chief sees no threat to deal if Trump wins");
    assert_eq!(item.teaser.as_deref(), Some("A landmark nuclear accord sealed last year…"));
    assert_eq!(item.dateline.as_deref(), Some("VIENNA"));
    assert_eq!(item.published.as_ref().map(|p| p.rfc3339.as_str()), Some("2016-09-28T16:40:00+03:00"));
    assert_eq!(item.tags, ["middle-east", "iran"]);
    assert_eq!(item.image.as_deref(), Some("https://www.arabnews.com/iran.jpg"));
}

#[test]
fn falls_back_to_external_url_content_text_and_date_modified() {
    let feed = feed(json!([{
        "id": 1, "title": "t", "external_url": "https://example.org/a", "banner_image": "/banner.png",
        "content_text": "Body\n\ntext", "date_modified": "2016-09-29T00:00:00Z"
    }]))
    .unwrap();
    let item = &feed.items[0];
    assert_eq!(item.id, "1");
    assert_eq!(item.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(item.image.as_deref(), Some("/banner.png"));
    assert_eq!(item.teaser.as_deref(), Some("Body text"));
    assert_eq!(item.published.as_ref().map(|p| p.epoch_ms), Some(1_475_107_200_000.0));
}

#[test]
fn accepts_json_feed_1_0() {
    let body = json!({"version": "https://jsonfeed.org/version/1", "items": [{"id": "a", "title": "A"}]});
    assert_eq!(ids(&Feed::parse(&body.to_string()).unwrap()), ["a"]);
}

#[test]
fn untitled_items_take_their_text_and_empty_ones_are_skipped() {
    let long = "word ".repeat(100);
    let feed = feed(json!([
        {"id": "micro", "content_text": "Just landed in Riyadh."},
        {"id": "long", "summary": long},
        {"id": "empty", "title": "  ", "summary": ""},
        {"id": "nothing"}
    ]))
    .unwrap();
    assert_eq!(ids(&feed), ["micro", "long"]);
    assert_eq!(feed.items[0].title, "Just landed in Riyadh.");
    assert_eq!(feed.items[0].teaser, None, "the headline is not repeated as teaser");
    assert!(feed.items[1].title.chars().count() <= DERIVED_TITLE_CHARS + 1);
    assert!(feed.items[1].title.ends_with('…'));
}

#[test]
fn skips_items_without_a_usable_id_and_keeps_the_first_duplicate() {
    let feed = feed(json!([
        {"title": "no id"},
        {"id": null, "title": "null id"},
        {"id": ["x"], "title": "array id"},
        {"id": "a", "title": "first"},
        {"id": "a", "title": "second"},
        "not an object",
        42
    ]))
    .unwrap();
    assert_eq!(ids(&feed), ["a"]);
    assert_eq!(feed.items[0].title, "first");
}

#[test]
fn wrong_types_are_ignored_field_by_field() {
    let feed = feed(json!([{
        "id": "a", "title": 7, "summary": {"x": 1}, "content_text": "text",
        "url": false, "date_published": 1475070000, "tags": "middle-east", "_news": "VIENNA"
    }]))
    .unwrap();
    let item = &feed.items[0];
    assert_eq!((item.title.as_str(), item.url.as_deref()), ("text", None));
    assert_eq!((item.published.clone(), item.tags.len(), item.dateline.clone()), (None, 0, None));
}

#[test]
fn invalid_dates_are_ignored() {
    let feed = feed(
        json!([{"id": "a", "title": "A", "date_published": "last Tuesday", "date_modified": "2016-02-30T00:00:00Z"}]),
    )
    .unwrap();
    assert_eq!(feed.items[0].published, None);
}

#[test]
fn long_fields_are_clamped() {
    let feed = feed(json!([{"id": "a", "title": "t".repeat(5000), "summary": "s ".repeat(5000)}])).unwrap();
    assert!(feed.items[0].title.chars().count() <= text::MAX_TITLE_CHARS + 1);
    assert!(feed.items[0].teaser.as_ref().unwrap().chars().count() <= text::MAX_TEASER_CHARS + 1);
}

#[test]
fn the_item_cap_counts_only_usable_items() {
    let mut items: Vec<Value> = (0..MAX_ITEMS).map(|_| json!({"title": "no id"})).collect();
    items.push(json!({"id": "good", "title": "Good"}));
    assert_eq!(ids(&feed(Value::Array(items)).unwrap()), ["good"]);
}

#[test]
fn at_most_max_items_are_read() {
    let items: Vec<Value> = (0..MAX_ITEMS + 100).map(|i| json!({"id": i, "title": "t"})).collect();
    assert_eq!(feed(Value::Array(items)).unwrap().items.len(), MAX_ITEMS);
}

#[test]
fn documents_that_are_not_json_feeds_say_why() {
    let cases = [
        ("", FeedError::NotJson),
        ("<html></html>", FeedError::NotJson),
        ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", FeedError::NotJson),
        ("[]", FeedError::NotJsonFeed("the document is not an object")),
        ("{\"items\": []}", FeedError::NotJsonFeed("no JSON Feed version")),
        (
            "{\"version\": \"https://jsonfeed.org/version/10\", \"items\": []}",
            FeedError::NotJsonFeed("no JSON Feed version"),
        ),
        ("{\"version\": \"https://jsonfeed.org/version/1.1\"}", FeedError::NotJsonFeed("no list of items")),
        (
            "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": {}}",
            FeedError::NotJsonFeed("no list of items"),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(Feed::parse(body), Err(expected), "{body:?}");
    }
    assert_eq!(FeedError::NotJsonFeed("no list of items").to_string(), "Not a JSON Feed: no list of items");
}

#[test]
fn oversized_bodies_are_refused_before_parsing() {
    let body = " ".repeat(MAX_BODY_BYTES + 1);
    assert_eq!(Feed::parse(&body), Err(FeedError::TooLarge(MAX_BODY_BYTES + 1)));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let body = format!("\u{FEFF}{}", json!({"version": "https://jsonfeed.org/version/1.1", "items": []}));
    assert!(Feed::parse(&body).is_ok());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(Feed::parse(&body), Err(FeedError::NotJson));
}

#[test]
fn language_is_kept_only_when_well_formed() {
    let parse = |lang: Value| {
        Feed::parse(&json!({"version": "https://jsonfeed.org/version/1.1", "language": lang, "items": []}).to_string())
            .unwrap()
            .language
    };
    assert_eq!(parse(json!("ar")).as_deref(), Some("ar"));
    assert_eq!(parse(json!("en_GB")).as_deref(), Some("en-GB"));
    assert_eq!(parse(json!("\"><script>")), None);
    assert_eq!(parse(json!(5)), None);
}

#[test]
fn headlines_filter_by_tag_and_limit() {
    let feed = feed(json!([
        {"id": "1", "title": "a", "tags": ["Iran"]},
        {"id": "2", "title": "b", "tags": ["syria"]},
        {"id": "3", "title": "c", "tags": ["iran", "syria"]},
        {"id": "4", "title": "d"}
    ]))
    .unwrap();
    let shown = |tag, limit| feed.headlines(tag, limit).map(|i| i.id.as_str()).collect::<Vec<_>>();
    assert_eq!(shown(None, 10), ["1", "2", "3", "4"]);
    assert_eq!(shown(None, 2), ["1", "2"]);
    assert_eq!(shown(Some("iran"), 10), ["1", "3"]);
    assert_eq!(shown(Some("syria"), 1), ["2"]);
    assert!(shown(Some("sport"), 10).is_empty());
}

#[test]
fn media_types_drop_parameters_and_case() {
    assert_eq!(media_type("text/HTML; charset=utf-8"), "text/html");
    assert_eq!(media_type(" application/feed+json "), "application/feed+json");
    assert_eq!(media_type(""), "");
}

#[test]
fn json_content_types_are_accepted_and_others_refused() {
    for ok in ["application/feed+json", "application/json; charset=utf-8", "TEXT/PLAIN", "application/ld+json", ""] {
        assert!(is_json_content_type(ok), "{ok}");
    }
    for bad in ["text/html", "application/xml", "text/javascript", "image/png"] {
        assert!(!is_json_content_type(bad), "{bad}");
    }
}

#[test]
fn revisions_change_with_shown_content_only() {
    let feed = feed(json!([
        {"id": "a", "title": "A", "tags": ["x"]},
        {"id": "a2", "title": "A"}
    ]))
    .unwrap();
    let mut edited = feed.items[0].clone();
    let mut retagged = feed.items[0].clone();
    edited.title = "A (updated)".into();
    retagged.tags.clear();
    assert_eq!(feed.items[0].revision(), retagged.revision());
    assert_ne!(feed.items[0].revision(), edited.revision());
    assert_ne!(feed.items[0].revision(), feed.items[1].revision());
}

#[test]
fn title_less_posts_show_their_text_once() {
    let feed = feed(json!([
        {"id": "micro", "content_text": "Sunrise over the Corniche 🌅\nThe city wakes slowly. Coffee first ☕"},
        {"id": "one-line", "content_text": "Just landed in Riyadh."},
        {"id": "summary", "summary": "The council met on Tuesday. It approved the budget.", "content_text": "ignored"},
        {"id": "long", "content_text": "word ".repeat(100)}
    ]))
    .unwrap();
    let shown = |i: usize| (feed.items[i].title.as_str(), feed.items[i].teaser.as_deref());
    assert_eq!(shown(0), ("Sunrise over the Corniche 🌅", Some("The city wakes slowly. Coffee first ☕")));
    assert_eq!(shown(1), ("Just landed in Riyadh.", None));
    assert_eq!(shown(2), ("The council met on Tuesday.", Some("It approved the budget.")));
    let (title, teaser) = shown(3);
    let teaser = teaser.unwrap();
    assert!(title.ends_with('…') && teaser.starts_with('…'), "{title} / {teaser}");
    let words = |text: &str| text.trim_matches('…').split(' ').count();
    assert_eq!(words(title) + words(teaser), 100, "every word once: {title} / {teaser}");
}

#[test]
fn titled_posts_keep_their_whole_text_as_teaser() {
    let feed =
        feed(json!([{"id": "a", "title": "Budget passed", "content_text": "<p>Budget passed.</p><p>More.</p>"}]))
            .unwrap();
    assert_eq!(feed.items[0].teaser.as_deref(), Some("Budget passed. More."));
}

#[test]
fn markup_in_text_fields_never_reaches_the_reader() {
    let feed = feed(json!([
        {"id": "a", "content_text": "<p>It&rsquo;s here: <img src=\"uploads/2026/image.jpg\"> the new&nbsp;bridge.</p><p>Opening on Monday.</p>"},
        {"id": "b", "title": "<b>Bold</b> &amp; <i>brave</i>", "summary": "x < y and a > b"},
        {"id": "c", "title": "<img src=\"only-markup.jpg\">", "summary": "<p></p>", "content_text": "The text &#8212; at last"}
    ]))
    .unwrap();
    assert_eq!(feed.items[0].title, "It’s here: the new bridge.");
    assert_eq!(feed.items[0].teaser.as_deref(), Some("Opening on Monday."));
    assert_eq!(
        (feed.items[1].title.as_str(), feed.items[1].teaser.as_deref()),
        ("Bold & brave", Some("x < y and a > b"))
    );
    assert_eq!((feed.items[2].title.as_str(), feed.items[2].teaser.as_deref()), ("The text — at last", None));
}

#[test]
fn dates_are_read_as_publishers_write_them() {
    let feed = feed(json!([
        {"id": "day", "title": "t", "date_published": "2026-08-18"},
        {"id": "minutes", "title": "t", "date_published": "2026-08-18T14:05+03:00"},
        {"id": "rss", "title": "t", "date_published": "Tue, 18 Aug 2026 11:05:00 GMT"},
        {"id": "bad-then-good", "title": "t", "date_published": "2026-02-30", "date_modified": "18 Aug 2026 11:05 +0000"}
    ]))
    .unwrap();
    let read = |i: usize| feed.items[i].published.as_ref().map(|p| (p.epoch_ms, p.date_only, p.rfc3339.as_str()));
    assert_eq!(read(0), Some((1_787_011_200_000.0, true, "2026-08-18")));
    assert_eq!(read(1), Some((1_787_051_100_000.0, false, "2026-08-18T14:05:00+03:00")));
    assert_eq!(read(2), Some((1_787_051_100_000.0, false, "2026-08-18T11:05:00+00:00")));
    assert_eq!(read(3), read(2), "an impossible date falls back to date_modified, never to now");
}
