#![cfg(not(target_arch = "wasm32"))]
//! Hostile input for the feed model: a fixture corpus with an expected outcome
//! for every file, generated large bodies, and property tests.
//!
//! Every feed that parses must be safe to show: no bidi or control characters
//! in shown text, bounded lengths, unique ids, at most `MAX_ITEMS` items, and
//! no link that `url_policy` allows unless it is http(s) or relative.

mod support;
use news_headlines::feed::{Feed, FeedError, MAX_BODY_BYTES, MAX_ITEMS};
use news_headlines::url_policy::{is_allowed, scheme};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::corpus::{models, outcome, Expect, Fixture, FIXTURES};
use support::invariants::{check_feed, check_url};
use Expect::Ok as Items;

// ---------------------------------------------------------------------------
// Expected outcomes
// ---------------------------------------------------------------------------

/// Fixtures whose every item has a link that the policy must refuse.
const REFUSED_LINKS: &[&str] = &[
    "url-about.json",
    "url-blob.json",
    "url-data.json",
    "url-external-url-javascript.json",
    "url-file.json",
    "url-javascript-leading-c0-controls.json",
    "url-javascript-leading-spaces.json",
    "url-javascript-mixed-case.json",
    "url-javascript-tab-newline-in-scheme.json",
    "url-javascript.json",
    "url-other-schemes.json",
    "url-vbscript.json",
];

/// Fixtures whose every item has a link the policy must let through: relative
/// links, links that are http(s) however broken, and HTML entities, which are
/// never decoded (the link is set as an attribute value, not parsed as HTML).
const ALLOWED_LINKS: &[&str] = &[
    "url-javascript-html-entity.json",
    "url-relative-and-protocol-relative.json",
    "url-unparsable-ipv6.json",
    "xss-url-attribute-breakout.json",
];

// ---------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------

/// Parses `body` and checks the invariants; returns the outcome class.
fn parse_checked(body: &str) -> Result<Expect, String> {
    let result = Feed::parse(body);
    if let Ok(feed) = &result {
        check_feed(feed)?;
    }
    Ok(outcome(&result))
}

// ---------------------------------------------------------------------------
// The fixture corpus
// ---------------------------------------------------------------------------

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn fixture_names() -> BTreeSet<String> {
    std::fs::read_dir(fixture_dir())
        .expect("tests/fixtures/hostile exists")
        .map(|entry| entry.expect("readable directory entry").file_name().to_string_lossy().into_owned())
        .collect()
}

/// The body of fixture `name`, as the widget sees it.
fn read_fixture(name: &str) -> String {
    FIXTURES.iter().find(|f| f.name == name).map(Fixture::body).unwrap_or_else(|| panic!("no fixture {name}"))
}

#[test]
fn corpus_and_expectations_match() {
    let files = fixture_names();
    let listed: BTreeSet<String> = FIXTURES.iter().map(|f| f.name.to_owned()).collect();
    assert_eq!(listed.len(), FIXTURES.len(), "a fixture is listed twice in tests/support/corpus.rs");
    let unlisted: Vec<_> = files.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&files).collect();
    let unknown: Vec<_> = REFUSED_LINKS.iter().chain(ALLOWED_LINKS).filter(|name| !listed.contains(**name)).collect();
    assert!(
        unlisted.is_empty() && missing.is_empty() && unknown.is_empty(),
        "fixtures without an expectation: {unlisted:?}; expectations without a fixture: {missing:?}; \
         link lists naming fixtures not in the corpus: {unknown:?}"
    );
    assert!(files.len() >= 40, "only {} fixtures", files.len());
}

#[test]
fn every_fixture_has_its_expected_outcome_and_is_safe() {
    let mut failures = Vec::new();
    for fixture in FIXTURES {
        match parse_checked(&fixture.body()) {
            Err(broken) => failures.push(format!("{}: invariant broken: {broken}", fixture.name)),
            Ok(actual) if actual != fixture.expect => {
                failures.push(format!("{}: expected {:?}, got {actual:?}", fixture.name, fixture.expect));
            }
            Ok(_) => {}
        }
    }
    assert!(failures.is_empty(), "{} fixtures failed:\n{}", failures.len(), failures.join("\n"));
}

/// Where the models the native reader makes of the corpus are recorded, for
/// the browser's reader to be compared with (`tests/web.rs`).
const MODELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile-models.txt");

#[test]
fn the_recorded_models_are_the_native_models() {
    let models = models();
    if std::env::var_os("UPDATE_MODELS").is_some() {
        std::fs::write(MODELS, &models).expect("tests/fixtures/hostile-models.txt written");
    }
    let recorded = std::fs::read_to_string(MODELS).unwrap_or_default();
    let differ: Vec<&str> = models.lines().filter(|line| !recorded.lines().any(|r| r == *line)).collect();
    assert!(
        differ.is_empty() && recorded.lines().count() == models.lines().count(),
        "tests/fixtures/hostile-models.txt is out of date (rerun with UPDATE_MODELS=1 if the change is meant): {differ:#?}"
    );
}

/// Whether `text` shows markup: a tag-shaped `<` or a character reference.
fn shows_markup(text: &str) -> bool {
    let tag =
        text.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || b"/!?".contains(&w[1])));
    let reference = text.split('&').skip(1).any(|after| {
        let name = after.split(';').next().unwrap_or_default();
        after.contains(';')
            && !name.is_empty()
            && name.len() <= 8
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#')
    });
    tag || reference
}

/// The feeds real publishers write (each fixture written for one shape):
/// every item dated, no markup or character reference shown, and an item
/// without a title shows each part of its text once.
#[test]
fn real_world_shapes_read_right() {
    let real: Vec<&Fixture> = FIXTURES.iter().filter(|f| f.name.starts_with("real-")).collect();
    assert!(real.len() >= 5);
    for fixture in real {
        let (name, body) = (fixture.name, fixture.body());
        let raw: Value = serde_json::from_str(&body).unwrap();
        let raw = raw["items"].as_array().unwrap();
        let feed = Feed::parse(&body).unwrap();
        assert_eq!(feed.items.len(), raw.len(), "{name}: every item is kept");
        for (item, raw) in feed.items.iter().zip(raw) {
            let id = &item.id;
            assert!(item.published.is_some(), "{name} {id}: no date");
            for text in [Some(item.title.as_str()), item.teaser.as_deref()].into_iter().flatten() {
                assert!(!shows_markup(text), "{name} {id} shows markup: {text:?}");
            }
            let untitled = raw["title"].as_str().is_none_or(|t| t.trim().is_empty());
            if let (true, Some(teaser)) = (untitled, &item.teaser) {
                let headline = item.title.trim_end_matches('…');
                assert!(!teaser.contains(headline), "{name} {id}: {headline:?} again in {teaser:?}");
            }
        }
    }
    let item = |name: &str, id: &str| {
        let feed = Feed::parse(&read_fixture(name)).unwrap();
        feed.items.into_iter().find(|i| i.id == id).unwrap()
    };
    let shown = |name: &str, id: &str| {
        let item = item(name, id);
        (item.title, item.teaser)
    };
    let text = |title: &str, teaser: Option<&str>| (title.to_owned(), teaser.map(str::to_owned));
    assert_eq!(
        shown("real-microblog-title-less.json", "https://notes.example/2026/08/18/091200.html"),
        text("Sunrise over the Corniche 🌅", Some("The city wakes slowly. Coffee first ☕"))
    );
    assert_eq!(
        shown("real-microblog-title-less.json", "https://notes.example/2026/08/16/120000.html"),
        text(
            "Reading list for the weekend:",
            Some("- the new bridge report - a long piece on desert farming 🌵 - that thread about fonts")
        )
    );
    assert_eq!(
        shown("real-microblog-title-less.json", "https://notes.example/2026/08/14/220000.html"),
        text("Note to self: water the plants.", None)
    );
    assert_eq!(
        shown("real-markup-in-content-text.json", "cms-1"),
        text("Bridge opens – finally", Some("The new bridge opened on Monday. It’s the city’s first in 40 years."))
    );
    assert_eq!(
        shown("real-markup-in-content-text.json", "cms-2"),
        text("Five things to know about the heatwave…", Some("Drink water Stay inside at noon"))
    );
    assert_eq!(
        shown("real-markup-in-content-text.json", "cms-3"),
        text("Exclusive: inside the \"quiet\" room", Some("Prices rose 2% & wages 3%; x < y and a > b still holds."))
    );
    assert_eq!(shown("real-markup-in-content-text.json", "cms-4"), text("The caption is all the text there is.", None));
    let date = |name: &str, id: &str| item(name, id).published.map(|p| (p.epoch_ms, p.date_only, p.rfc3339));
    assert_eq!(
        date("real-bare-dates.json", "events-2024-02-29"),
        Some((1_709_164_800_000.0, true, "2024-02-29".into()))
    );
    assert_eq!(
        date("real-rfc2822-dates.json", "rss-1"),
        Some((1_787_011_200_000.0, false, "2026-08-18T00:00:00+00:00".into()))
    );
    assert_eq!(
        date("real-rfc2822-dates.json", "rss-3"),
        Some((1_786_983_300_000.0, false, "2026-08-17T09:15:00-07:00".into()))
    );
    let arabic = Feed::parse(&read_fixture("real-arabic-bare-dates.json")).unwrap();
    assert!(arabic.items.iter().all(|i| i.published.as_ref().is_some_and(|p| p.date_only)));
    assert_eq!(
        shown("real-arabic-bare-dates.json", "ar-4"),
        text("مهرجان الكتاب يستقبل زواره من كل المدن؟", Some("نعم، والدخول مجاني طوال الأسبوع 📚"))
    );
}

/// Impossible dates in every shape are dropped, never guessed.
#[test]
fn impossible_dates_in_every_shape_are_dropped() {
    let feed = Feed::parse(&read_fixture("dates-impossible-shapes.json")).unwrap();
    let dated: Vec<_> = feed.items.iter().filter(|i| i.published.is_some()).map(|i| &i.id).collect();
    assert!(dated.is_empty(), "{dated:?}");
}

/// Every item of fixture `name`, with its link.
fn links_of(name: &str) -> Vec<String> {
    let feed = Feed::parse(&read_fixture(name)).unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    assert!(!feed.items.is_empty(), "{name} has no items");
    feed.items
        .into_iter()
        .map(|item| item.url.unwrap_or_else(|| panic!("{name}: item {:?} has no url", item.id)))
        .collect()
}

#[test]
fn hostile_links_in_fixtures_are_refused() {
    for name in REFUSED_LINKS {
        for url in links_of(name) {
            assert!(!is_allowed(&url), "{name}: {url:?} is allowed");
        }
    }
}

#[test]
fn harmless_links_in_fixtures_are_allowed() {
    for name in ALLOWED_LINKS {
        for url in links_of(name) {
            assert!(is_allowed(&url), "{name}: {url:?} is refused");
        }
    }
}

// ---------------------------------------------------------------------------
// Generated large bodies
// ---------------------------------------------------------------------------

const VERSION: &str = "https://jsonfeed.org/version/1.1";

fn feed_body(items: &[Value]) -> String {
    json!({"version": VERSION, "title": "Generated", "items": items}).to_string()
}

fn numbered_item(i: usize) -> Value {
    json!({"id": format!("item-{i}"), "title": format!("Headline {i}"), "url": format!("https://example.org/{i}")})
}

#[test]
fn ten_thousand_items_are_capped_at_max_items() {
    let items: Vec<Value> = (0..10_000).map(numbered_item).collect();
    let feed = Feed::parse(&feed_body(&items)).expect("a valid feed");
    assert_eq!(feed.items.len(), MAX_ITEMS);
    assert_eq!(feed.items.first().map(|i| i.id.as_str()), Some("item-0"));
    assert_eq!(feed.items.last().map(|i| i.id.clone()), Some(format!("item-{}", MAX_ITEMS - 1)));
    check_feed(&feed).expect("invariants");
}

#[test]
fn ten_thousand_copies_of_one_id_give_one_item() {
    let items = vec![json!({"id": "same", "title": "Again"}); 10_000];
    let feed = Feed::parse(&feed_body(&items)).expect("a valid feed");
    assert_eq!(feed.items.len(), 1);
}

#[test]
fn five_megabyte_body_is_refused_quickly() {
    let summary = "x".repeat(1000);
    let items: Vec<Value> =
        (0..5_000).map(|i| json!({"id": i, "title": "Big", "summary": format!("{i} {summary}")})).collect();
    let body = feed_body(&items);
    assert!(body.len() > 5_000_000);
    // Also a body that would be expensive (or deep) to parse if it were parsed.
    let brackets = "[".repeat(5 * 1024 * 1024);
    for body in [body, brackets] {
        let start = Instant::now();
        let result = Feed::parse(&body);
        assert_eq!(result, Err(FeedError::TooLarge(body.len())));
        assert!(start.elapsed() < Duration::from_secs(1), "took {:?}", start.elapsed());
    }
}

/// A valid feed padded with trailing white space to exactly `len` bytes.
fn body_of_len(len: usize) -> String {
    let teaser = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(16);
    let head = format!(r#"{{"version": "{VERSION}", "title": "Generated", "items": ["#);
    let tail = "]}";
    let mut items: Vec<String> = Vec::new();
    let mut size = head.len() + tail.len();
    loop {
        let item = json!({"id": items.len(), "title": format!("Headline {}", items.len()), "summary": teaser});
        let item = item.to_string();
        if size + item.len() + 1 > len {
            break;
        }
        size += item.len() + usize::from(!items.is_empty());
        items.push(item);
    }
    let mut body = format!("{head}{}{tail}", items.join(","));
    assert_eq!(body.len(), size);
    assert!(len - body.len() < 2048);
    body.push_str(&" ".repeat(len - body.len()));
    body
}

#[test]
fn bodies_up_to_the_limit_are_parsed_and_one_byte_more_is_not() {
    for len in [MAX_BODY_BYTES - 1, MAX_BODY_BYTES] {
        let body = body_of_len(len);
        assert_eq!(body.len(), len);
        let feed = Feed::parse(&body).unwrap_or_else(|e| panic!("{len} bytes: {e}"));
        assert_eq!(feed.items.len(), MAX_ITEMS);
        check_feed(&feed).expect("invariants");
    }
    let body = body_of_len(MAX_BODY_BYTES + 1);
    assert_eq!(Feed::parse(&body), Err(FeedError::TooLarge(MAX_BODY_BYTES + 1)));
}

#[test]
fn the_limit_applies_to_the_decoded_text() {
    // 1 MB of invalid bytes becomes 3 MB of U+FFFD once decoded as
    // `response.text()` does; the limit is on what is parsed.
    let mut bytes = format!(r#"{{"version": "{VERSION}", "items": [{{"id": "a", "title": ""#).into_bytes();
    bytes.extend(std::iter::repeat_n(0xFF, 1024 * 1024));
    bytes.extend_from_slice(br#""}]}"#);
    assert!(bytes.len() < MAX_BODY_BYTES);
    let body = String::from_utf8_lossy(&bytes);
    assert!(matches!(Feed::parse(&body), Err(FeedError::TooLarge(n)) if n > 3 * 1024 * 1024));
}

#[test]
fn very_deep_nesting_is_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let bodies = [
        format!(
            r#"{{"version": "{VERSION}", "items": [{{"id": "a", "title": "A", "x": {}{}}}]}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        ),
        format!(
            r#"{{"version": "{VERSION}", "items": [{{"id": "a", "title": "A", "_x": {}1{}}}]}}"#,
            r#"{"a":"#.repeat(depth),
            "}".repeat(depth)
        ),
        format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
    ];
    for body in bodies {
        assert!(body.len() < MAX_BODY_BYTES);
        assert_eq!(Feed::parse(&body), Err(FeedError::NotJson));
    }
}

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

fn config() -> ProptestConfig {
    // No regression files: they would be written next to this test.
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

const BIDI: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    '\u{200E}', '\u{200F}', '\u{061C}',
];

/// Characters that exercise the text rules, and any character at all.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range('a', 'z'),
        3 => Just(' '),
        2 => prop::sample::select(BIDI.to_vec()),
        2 => prop::sample::select(vec![
            '\t', '\n', '\r', '\u{0}', '\u{7}', '\u{1b}', '\u{1f}', '\u{7f}', '\u{85}', '\u{9b}', '\u{a0}', '\u{2028}',
            '\u{3000}',
        ]),
        1 => prop::sample::select(vec!['.', ',', ':', ';', '<', '>', '"', '\'', '&', '/', '\\', '…']),
        1 => prop::sample::select(vec!['ش', 'ا', '١', '📰', '👩', '\u{200D}', '\u{301}', '\u{FEFF}', '\u{200B}', '\u{FFFD}']),
        1 => any::<char>(),
    ]
}

fn hostile_string(max_chars: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..max_chars).prop_map(|chars| chars.into_iter().collect())
}

/// Mostly short text, sometimes long enough to be clamped.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => hostile_string(24),
        1 => (hostile_string(16), 1..90usize).prop_map(|(s, n)| s.repeat(n)),
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text().prop_map(Value::String),
    ]
}

/// Any JSON value, at most three levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((hostile_string(6), inner), 0..4)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn string_or_any(strings: impl Strategy<Value = String>) -> impl Strategy<Value = Value> {
    prop_oneof![3 => strings.prop_map(Value::String), 1 => json_value()]
}

fn id_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        2 => prop::sample::select(vec!["a", "b", "a ", "\u{202E}a", "1", ""]).prop_map(Value::from),
        2 => hostile_string(12).prop_map(Value::String),
        1 => (-3i64..3).prop_map(Value::from),
        1 => any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        1 => json_value(),
    ]
}

fn url_text() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "https://",
        "http://",
        "HtTpS://",
        "javascript:",
        "JaVaScRiPt:",
        " \u{1}java\tscript:",
        "data:",
        "vbscript:",
        "file://",
        "blob:",
        "about:",
        "//",
        "/",
        "",
    ]);
    (scheme, hostile_string(20)).prop_map(|(scheme, rest)| format!("{scheme}{rest}"))
}

fn date_text() -> impl Strategy<Value = String> {
    let zone = prop::sample::select(vec!["Z", "z", "+03:00", "-23:59", "+24:00", "+0300", ""]);
    let frac = prop::sample::select(vec!["", ".5", ".123456789", ".", ".99999999999999999999"]);
    (0u32..10_000, 0u32..14, 0u32..33, 0u32..26, 0u32..62, 0u32..62, frac, zone)
        .prop_map(|(y, mo, d, h, mi, s, frac, zone)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{frac}{zone}"))
}

fn tags_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => prop::collection::vec(string_or_any(text()), 0..6).prop_map(Value::Array),
        1 => json_value(),
    ]
}

fn news_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => string_or_any(text()).prop_map(|dateline| json!({"dateline": dateline})),
        1 => json_value(),
    ]
}

/// An item object with any subset of the fields, each of the usual type or
/// of any type.
fn item_value() -> impl Strategy<Value = Value> {
    use prop::option::of as o;
    let ids_and_links =
        (prop::option::weighted(0.9, id_value()), o(string_or_any(url_text())), o(string_or_any(url_text())));
    let texts = (
        prop::option::weighted(0.9, string_or_any(text())),
        o(string_or_any(text())),
        o(string_or_any(text())),
        o(json_value()),
    );
    let rest = (
        o(string_or_any(date_text())),
        o(string_or_any(date_text())),
        o(tags_value()),
        o(news_value()),
        o(json_value()),
    );
    (ids_and_links, texts, rest).prop_map(|((id, url, external), (title, summary, content, html), rest)| {
        let (published, modified, tags, news, extra) = rest;
        let fields = [
            ("id", id),
            ("url", url),
            ("external_url", external),
            ("title", title),
            ("summary", summary),
            ("content_text", content),
            ("content_html", html),
            ("date_published", published),
            ("date_modified", modified),
            ("tags", tags),
            ("_news", news),
            ("_extra", extra),
        ];
        Value::Object(fields.into_iter().filter_map(|(k, v)| Some((k.to_owned(), v?))).collect())
    })
}

/// A document shaped like a JSON Feed, with hostile values everywhere.
fn feed_document() -> impl Strategy<Value = Value> {
    let version = prop_oneof![
        8 => prop::sample::select(vec![VERSION, "https://jsonfeed.org/version/1"]).prop_map(Value::from),
        1 => json_value(),
    ];
    let language = prop_oneof![
        prop::sample::select(vec!["en", "ar", "en_US", "x-<b>", "1en", "", " de "]).prop_map(Value::from),
        json_value(),
    ];
    let items = prop_oneof![
        12 => prop::collection::vec(prop_oneof![6 => item_value(), 1 => json_value()], 0..8).prop_map(Value::Array),
        1 => json_value(),
    ];
    use prop::option::of as o;
    // Missing `version` or `items` is left to the fixtures: most documents
    // here should get as far as the items.
    (version, o(string_or_any(text())), o(language), items).prop_map(|(version, title, language, items)| {
        let fields = [("version", Some(version)), ("title", title), ("language", language), ("items", Some(items))];
        Value::Object(fields.into_iter().filter_map(|(k, v)| Some((k.to_owned(), v?))).collect())
    })
}

/// Pieces of JSON Feed syntax, to make random strings that nearly parse.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"version\"",
        "\"https://jsonfeed.org/version/1.1\"",
        "\"items\"",
        "\"id\"",
        "\"title\"",
        "\"url\"",
        "\"tags\"",
        "\"_news\"",
        "\"dateline\"",
        "\"javascript:x\"",
        "\"\\u202e\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "1",
        "-0",
        "1e400",
        "null",
        "true",
        "\"x\"",
        " ",
        "\u{FEFF}",
    ]);
    prop::collection::vec(token, 0..40).prop_map(|tokens| tokens.concat())
}

/// Every fixture's bytes.
fn fixture_bytes() -> Vec<&'static [u8]> {
    FIXTURES.iter().map(|f| f.bytes).collect()
}

fn accepted_version(doc: &Value) -> bool {
    doc.get("version").and_then(Value::as_str).is_some_and(|v| v.starts_with("https://jsonfeed.org/version/1"))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parse_never_panics_on_any_string(body in any::<String>()) {
        prop_assert!(parse_checked(&body).is_ok(), "{:?}", parse_checked(&body));
    }

    #[test]
    fn parse_never_panics_on_json_feed_syntax_soup(body in token_soup()) {
        prop_assert!(parse_checked(&body).is_ok(), "{:?}", parse_checked(&body));
    }

    #[test]
    fn parsed_feed_shaped_documents_are_safe(doc in feed_document(), pretty in any::<bool>()) {
        let body = if pretty { serde_json::to_string_pretty(&doc) } else { serde_json::to_string(&doc) };
        let body = body.expect("serialisable");
        let outcome = parse_checked(&body);
        prop_assert!(outcome.is_ok(), "{:?}", outcome);
        // A document with a JSON Feed version and a list of items is a feed.
        if accepted_version(&doc) && doc.get("items").is_some_and(Value::is_array) {
            prop_assert!(matches!(outcome, Ok(Items(_))), "{:?}", outcome);
        }
    }

    #[test]
    fn mutated_fixtures_are_safe(
        file in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        removed in 0..64usize,
        inserted in prop::collection::vec(any::<u8>(), 0..16),
    ) {
        let files = fixture_bytes();
        let bytes = &files[file.index(files.len())];
        let cut = cut.index(bytes.len() + 1);
        let end = (cut + removed).min(bytes.len());
        let mut mutated = bytes[..cut].to_vec();
        mutated.extend_from_slice(&inserted);
        mutated.extend_from_slice(&bytes[end..]);
        let outcome = parse_checked(&String::from_utf8_lossy(&mutated));
        prop_assert!(outcome.is_ok(), "{:?}", outcome);
    }

    #[test]
    fn only_http_https_and_relative_links_are_allowed(
        prefix in prop::collection::vec(prop::char::range('\u{0}', ' '), 0..3),
        name in "[a-zA-Z][a-zA-Z0-9+.-]{0,10}",
        rest in hostile_string(16),
        anything in any::<String>(),
    ) {
        let prefix: String = prefix.into_iter().collect();
        for raw in [format!("{prefix}{name}:{rest}"), anything] {
            if let Some(read) = scheme(&raw) {
                prop_assert_eq!(is_allowed(&raw), read == "http" || read == "https", "{:?}", raw);
            }
            prop_assert!(check_url(&raw).is_ok(), "{:?}", check_url(&raw));
        }
    }

    #[test]
    fn https_links_are_allowed(
        https in prop::sample::select(vec!["https://", "HTTPS://", "HtTpS://", "http://"]),
        host in "[a-z0-9-]{1,20}(\\.[a-z0-9-]{1,10}){0,3}(:[0-9]{1,5})?(/[!-~]{0,20})?",
    ) {
        let raw = format!("{https}{host}");
        prop_assert!(is_allowed(&raw), "{:?}", raw);
        let read = scheme(&raw);
        prop_assert!(matches!(read.as_deref(), Some("http" | "https")), "{:?}", read);
    }

    #[test]
    fn script_schemes_stay_refused_however_written(
        name in prop::sample::select(vec!["javascript", "vbscript", "data", "file", "blob", "about"]),
        upper in prop::collection::vec(any::<bool>(), 10),
        breaks in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(vec!['\t', '\n', '\r'])), 0..8),
        prefix in prop::collection::vec(prop::char::range('\u{0}', ' '), 0..4),
        suffix in prop::collection::vec(prop::char::range('\u{0}', ' '), 0..3),
        payload in hostile_string(12),
    ) {
        let mut chars: Vec<char> = name
            .chars()
            .zip(upper.iter().cycle())
            .map(|(c, up)| if *up { c.to_ascii_uppercase() } else { c })
            .collect();
        chars.push(':');
        for (at, c) in breaks {
            chars.insert(at.index(chars.len() + 1), c);
        }
        let raw: String = prefix.into_iter().chain(chars).chain(payload.chars()).chain(suffix).collect();
        let read = scheme(&raw);
        prop_assert_eq!(read.as_deref(), Some(name), "{:?}", raw);
        prop_assert!(!is_allowed(&raw), "{:?}", raw);
        // And the same link in a feed.
        let body = feed_body(&[json!({"id": "x", "title": "X", "url": raw})]);
        let feed = Feed::parse(&body).expect("a valid feed");
        let url = feed.items.first().and_then(|item| item.url.as_deref());
        prop_assert!(url.is_none_or(|url| !is_allowed(url)), "{:?}", url);
    }
}

/// The checks above would catch a feed that is not safe to show.
#[test]
fn the_invariant_checks_are_not_vacuous() {
    let good = Feed::parse(&feed_body(&[numbered_item(0), numbered_item(1)])).expect("a valid feed");
    check_feed(&good).expect("a clean feed passes");
    type Breakage = (&'static str, fn(&mut Feed));
    let breakages: [Breakage; 10] = [
        ("bidi title", |f| f.items[0].title = "a\u{202E}b".into()),
        ("control in teaser", |f| f.items[0].teaser = Some("a\u{7}b".into())),
        ("unfolded white space", |f| f.items[0].title = "a\tb".into()),
        ("long title", |f| f.items[0].title = "x".repeat(302)),
        ("long teaser", |f| f.items[0].teaser = Some("x".repeat(602))),
        ("isolate in dateline", |f| f.items[0].dateline = Some("\u{2066}VIENNA".into())),
        ("mark in tag", |f| f.items[0].tags = vec!["\u{200F}".into()]),
        ("duplicate id", |f| f.items[1].id = f.items[0].id.clone()),
        ("empty id", |f| f.items[0].id = String::new()),
        ("overlong link", |f| f.items[0].url = Some(format!("https://example.org/{}", "a".repeat(2048)))),
    ];
    for (what, breakage) in breakages {
        let mut feed = good.clone();
        breakage(&mut feed);
        assert!(check_feed(&feed).is_err(), "{what} went unnoticed");
    }
}
