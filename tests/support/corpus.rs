//! The hostile-feed corpus: every file of `tests/fixtures/hostile/`, its
//! bytes (compiled in, so the wasm tests have them too) and the outcome
//! `Feed::parse` must give it. `tests/feed_corpus.rs` checks this list
//! against the folder.

use news_headlines::feed::{Feed, FeedError};

/// The outcome class of parsing one fixture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expect {
    /// Parsed, with exactly this many items.
    Ok(usize),
    TooLarge,
    NotJson,
    NotJsonFeed,
}

use Expect::{NotJson, NotJsonFeed, Ok as Items};

/// One fixture of the corpus.
pub struct Fixture {
    /// The file name in `tests/fixtures/hostile/`.
    pub name: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
    /// What `Feed::parse` must make of it.
    pub expect: Expect,
}

impl Fixture {
    /// The body as the widget sees it: `response.text()` decodes lossily.
    pub fn body(&self) -> String {
        String::from_utf8_lossy(self.bytes).into_owned()
    }
}

/// The outcome class of a parse.
pub fn outcome(result: &Result<Feed, FeedError>) -> Expect {
    match result {
        Ok(feed) => Items(feed.items.len()),
        Err(FeedError::TooLarge(_)) => Expect::TooLarge,
        Err(FeedError::NotJson) => NotJson,
        Err(FeedError::NotJsonFeed(_)) => NotJsonFeed,
    }
}

/// The whole model a parse gave, in one line: compared between the native
/// reader and the browser's (`tests/fixtures/hostile-models.txt`).
pub fn describe(result: &Result<Feed, FeedError>) -> String {
    format!("{result:?}")
}

/// Documents at the edges of what the two JSON readers accept, generated:
/// nesting just within and just past serde_json's limit, out-of-range numbers
/// and unpaired surrogates where the widget never looks, and numbers as ids.
pub fn generated() -> Vec<(String, String)> {
    let feed = |extra: &str| {
        format!(r#"{{"version": "https://jsonfeed.org/version/1.1", {extra} "items": [{{"id": "a", "title": "A"}}]}}"#)
    };
    let mut documents = Vec::new();
    for depth in [126, 127, 128] {
        // The feed object itself is the first level.
        let arrays = format!("{}{}", "[".repeat(depth - 1), "]".repeat(depth - 1));
        documents.push((format!("nesting-{depth}-arrays"), feed(&format!(r#""x": {arrays},"#))));
        let objects = format!("{}1{}", r#"{"a": "#.repeat(depth - 1), "}".repeat(depth - 1));
        documents.push((format!("nesting-{depth}-objects"), feed(&format!(r#""x": {objects},"#))));
    }
    for (name, extra) in [
        ("number-1e400-in-unknown-field", r#""x": [1e400],"#),
        ("number-minus-1e400-in-unknown-field", r#""x": {"y": -1e400},"#),
        ("number-1e-400-in-unknown-field", r#""x": 1e-400,"#),
        ("surrogate-unpaired-in-unknown-key", r#""\ud800x": 1,"#),
        ("surrogate-unpaired-in-unknown-value", r#""x": ["\udc00"],"#),
        ("surrogate-pair-in-unknown-value", r#""x": "\ud83d\udcf0","#),
        ("items-twice-the-last-wins", r#""items": 5,"#),
    ] {
        documents.push((name.to_owned(), feed(extra)));
    }
    let ids = ["1", "-1", "0.5", "1e21", "1e-7", "123456789012345678", "9007199254740993", "1.5e300", "\"x\""];
    let items: Vec<String> =
        ids.iter().enumerate().map(|(i, id)| format!(r#"{{"id": {id}, "title": "id {i}"}}"#)).collect();
    let items = items.join(", ");
    documents.push((
        "ids-numbers-as-javascript-writes-them".to_owned(),
        format!(r#"{{"version": "https://jsonfeed.org/version/1.1", "items": [{items}]}}"#),
    ));
    documents
}

/// The model of every fixture and generated document, one `name<TAB>model`
/// line each: what `tests/fixtures/hostile-models.txt` records.
pub fn models() -> String {
    let fixtures = FIXTURES.iter().map(|f| (f.name.to_owned(), f.body()));
    fixtures.chain(generated()).map(|(name, body)| format!("{name}\t{}\n", describe(&Feed::parse(&body)))).collect()
}

macro_rules! corpus {
    ($($name:literal => $expect:expr,)*) => {
        /// Every file in `tests/fixtures/hostile/` and what `Feed::parse` must make of it.
        pub const FIXTURES: &[Fixture] = &[$(
            Fixture {
                name: $name,
                bytes: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile/", $name)),
                expect: $expect,
            },
        )*];
    };
}

corpus! {
    "bidi-all-controls-every-field.json" => Items(1),
    "bidi-only-title.json" => Items(0),
    "bidi-override-title.json" => Items(1),
    // only a leading BOM is stripped
    "bom-after-whitespace.json" => NotJson,
    "bom-at-start.json" => Items(1),
    "bom-twice.json" => NotJson,
    "dates-edge.json" => Items(8),
    "dates-impossible-shapes.json" => Items(13),
    "dates-invalid.json" => Items(21),
    "dates-modified-fallback.json" => Items(1),
    "deep-nesting-100-arrays-within-limit.json" => Items(1),
    // serde_json's recursion limit (128) rejects the whole document
    "deep-nesting-10000-arrays-in-item.json" => NotJson,
    "deep-nesting-3000-objects-in-extension.json" => NotJson,
    "deep-nesting-unbalanced-arrays.json" => NotJson,
    "document-array.json" => NotJsonFeed,
    "document-null.json" => NotJsonFeed,
    "document-number.json" => NotJsonFeed,
    "document-string.json" => NotJsonFeed,
    "duplicate-keys.json" => Items(1),
    "emoji-and-arabic.json" => Items(3),
    "emoji-in-ids-and-tags.json" => Items(1),
    "extension-unknown-objects.json" => Items(1),
    // both ids read as the same f64, so the second is dropped
    "ids-big-integers-collide-as-floats.json" => Items(1),
    "ids-blank-and-invisible.json" => Items(1),
    // ids are cleaned (bidi, controls, white space) before the duplicate check
    "ids-duplicate-after-cleaning.json" => Items(1),
    "ids-duplicate-number-and-string.json" => Items(1),
    "ids-duplicate.json" => Items(2),
    // ids are clamped to 200 characters before the duplicate check
    "ids-long-ids-sharing-a-prefix.json" => Items(1),
    // numeric ids read as JavaScript writes numbers, natively and in the
    // browser alike: `1` and `1.0` are the same id, so the second is dropped
    "ids-numeric.json" => Items(7),
    "invalid-utf8-in-string.json" => Items(1),
    "invalid-utf8-outside-string.json" => NotJson,
    "invalid-utf8-truncated-multibyte.json" => Items(2),
    "items-empty.json" => Items(0),
    "items-missing.json" => NotJsonFeed,
    "items-not-array-object.json" => NotJsonFeed,
    "items-not-array-string.json" => NotJsonFeed,
    "items-not-objects.json" => Items(1),
    "items-null.json" => NotJsonFeed,
    "items-without-id-or-text.json" => Items(1),
    "long-derived-title-from-content-text.json" => Items(1),
    "long-many-tags.json" => Items(1),
    "long-teaser-10kb.json" => Items(1),
    "long-title-10kb.json" => Items(1),
    "long-title-combining-marks.json" => Items(1),
    "long-title-no-spaces.json" => Items(1),
    "long-title-only-punctuation.json" => Items(1),
    // markup-only texts are empty and skipped; text that only looks like markup stays
    "markup-tag-shaped-runs.json" => Items(7),
    "news-dateline-long.json" => Items(1),
    "news-extension-wrong-types.json" => Items(6),
    "not-json-comments.json" => NotJson,
    "not-json-empty.json" => NotJson,
    "not-json-html.json" => NotJson,
    "not-json-jsonp.json" => NotJson,
    "not-json-nan-infinity.json" => NotJson,
    "not-json-raw-control-in-string.json" => NotJson,
    "not-json-single-quotes.json" => NotJson,
    "not-json-trailing-comma.json" => NotJson,
    "not-json-trailing-garbage.json" => NotJson,
    "not-json-truncated.json" => NotJson,
    "not-json-two-documents.json" => NotJson,
    "not-json-utf16le.json" => NotJson,
    "not-json-whitespace.json" => NotJson,
    // an out-of-range number anywhere, even in an unknown field, rejects the whole feed
    "numbers-400-digit-integer.json" => NotJson,
    // as above
    "numbers-huge-1e400-in-extension.json" => NotJson,
    "numbers-huge-1e400-in-title.json" => NotJson,
    "numbers-huge-id-1e308.json" => Items(3),
    "numbers-leading-zero-and-plus.json" => NotJson,
    // -0, 0, -0.0 and 0e0 all read as "0" (as JavaScript writes them)
    "numbers-negative-zero.json" => Items(1),
    "prototype-pollution-keys.json" => Items(1),
    // real-world shapes, each written for the shape (see `real_world_shapes_read_right`)
    "real-arabic-bare-dates.json" => Items(10),
    "real-bare-dates.json" => Items(4),
    "real-markup-in-content-text.json" => Items(4),
    "real-microblog-title-less.json" => Items(5),
    "real-rfc2822-dates.json" => Items(8),
    "types-all-item-fields-arrays.json" => Items(0),
    "types-all-item-fields-booleans.json" => Items(0),
    "types-all-item-fields-null.json" => Items(0),
    "types-all-item-fields-numbers.json" => Items(0),
    "types-all-item-fields-objects.json" => Items(0),
    "types-feed-title-and-language.json" => Items(1),
    "types-tags-mixed.json" => Items(1),
    "types-tags-not-array.json" => Items(3),
    "types-text-fields-numbers-id-string.json" => Items(0),
    "types-title-number-summary-string.json" => Items(1),
    "unicode-escaped-controls.json" => Items(1),
    "unicode-lone-low-surrogate-escape.json" => NotJson,
    "unicode-lone-surrogate-escape.json" => NotJson,
    "unicode-surrogate-pair-escape.json" => Items(1),
    "unicode-whitespace-variants.json" => Items(1),
    "unicode-zero-width-and-format-chars.json" => Items(1),
    "url-about.json" => Items(2),
    "url-blob.json" => Items(2),
    "url-data.json" => Items(3),
    "url-external-url-javascript.json" => Items(1),
    "url-file.json" => Items(2),
    "url-javascript-html-entity.json" => Items(4),
    "url-javascript-leading-c0-controls.json" => Items(2),
    "url-javascript-leading-spaces.json" => Items(2),
    "url-javascript-mixed-case.json" => Items(2),
    "url-javascript-tab-newline-in-scheme.json" => Items(4),
    "url-javascript.json" => Items(2),
    "url-other-schemes.json" => Items(9),
    "url-overlong.json" => Items(2),
    "url-relative-and-protocol-relative.json" => Items(6),
    "url-unicode-lookalikes.json" => Items(5),
    "url-unparsable-ipv6.json" => Items(4),
    "url-vbscript.json" => Items(2),
    "url-wrong-type-falls-back.json" => Items(3),
    "version-1-0.json" => Items(1),
    "version-1-1.json" => Items(1),
    "version-http-scheme.json" => NotJsonFeed,
    "version-missing.json" => NotJsonFeed,
    "version-number.json" => NotJsonFeed,
    "version-other.json" => NotJsonFeed,
    // the version is checked with starts_with(".../version/1")
    "version-prefix-lookalike.json" => NotJsonFeed,
    "xss-content-html-only.json" => Items(0),
    "xss-content-html-with-title.json" => Items(1),
    // its text is nothing but tags: removed, the item has no text left
    "xss-content-text-svg.json" => Items(0),
    "xss-dateline.json" => Items(1),
    "xss-feed-title.json" => Items(1),
    "xss-id.json" => Items(1),
    "xss-language.json" => Items(1),
    "xss-summary-img-onerror.json" => Items(1),
    "xss-tags.json" => Items(1),
    "xss-template-and-css-injection.json" => Items(1),
    "xss-title-attribute-breakout.json" => Items(1),
    "xss-title-script.json" => Items(1),
    "xss-url-attribute-breakout.json" => Items(1),
}
