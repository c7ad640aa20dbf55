//! Property tests of the conversion entry point (`convert::parse`), bounded
//! in cases and input size: arbitrary bytes, generated feeds full of markup,
//! entities and non-Latin text, and damaged real documents. Nothing panics,
//! and whatever is accepted becomes a JSON Feed the widget reads in full.

mod support;

use news_bridge::convert::{self, Rules};
use news_headlines::feed::Feed;
use proptest::prelude::*;
use support::fixture;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Converts `bytes`; when accepted, checks the widget reads every item.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(parsed) = convert::parse(bytes, Some("https://upstream.example/feed.xml")) else { return Ok(()) };
    let feed = convert::merge(&[&parsed], &Rules { limit: convert::MAX_LIMIT, ..Rules::default() });
    let json = String::from_utf8(feed.to_json().unwrap()).unwrap();
    let model = Feed::parse(&json).map_err(|error| TestCaseError::fail(format!("widget refused: {error}")))?;
    prop_assert_eq!(model.items.len(), feed.items.len(), "{}", json);
    Ok(())
}

/// Text with markup, entities, bidi and control characters, Arabic, emoji.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        Just("&amp;".to_owned()),
        Just("&amp;lt;b&amp;gt;".to_owned()),
        Just("&#x202E;".to_owned()),
        Just("&#8217;".to_owned()),
        Just("<![CDATA[<p>VIENNA: A <img src=\"/x.jpg\">]]>".to_owned()),
        Just("فيينا: اتفاق".to_owned()),
        Just("📰".to_owned()),
        Just("WASHINGTON — ".to_owned()),
        Just("\u{0}\u{7}".to_owned()),
        any::<char>().prop_map(|c| match c {
            '<' | '&' => ' '.to_string(),
            c => c.to_string(),
        }),
    ];
    prop::collection::vec(pieces, 0..8).prop_map(|pieces| pieces.concat())
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Wed, 28 Sep 2016 16:40:00 +0300".to_owned()),
        Just("2016-09-28T13:40:00Z".to_owned()),
        Just("yesterday".to_owned()),
        Just(String::new()),
        "[0-9 :TZ+-]{0,30}",
    ]
}

/// An RSS 2.0 or Atom document from generated parts.
fn feed_document() -> impl Strategy<Value = String> {
    let item = (text(), text(), "[a-z/:.]{0,20}", date(), text());
    (any::<bool>(), text(), prop::collection::vec(item, 0..6)).prop_map(|(atom, title, items)| {
        if atom {
            let entries: String = items
                .iter()
                .enumerate()
                .map(|(n, (title, summary, link, date, tag))| {
                    format!("<entry><id>e{n}</id><title type=\"html\">{title}</title><summary type=\"html\">{summary}</summary><link href=\"{link}\"/><updated>{date}</updated><category term=\"{tag}\"/></entry>", tag = tag.replace('"', ""), link = link)
                })
                .collect();
            format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{title}</title>{entries}</feed>")
        } else {
            let entries: String = items
                .iter()
                .map(|(title, summary, link, date, tag)| {
                    format!("<item><title>{title}</title><description>{summary}</description><link>{link}</link><pubDate>{date}</pubDate><category>{tag}</category></item>")
                })
                .collect();
            format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>{entries}</channel></rss>")
        }
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes)?;
    }

    #[test]
    fn arbitrary_text_after_a_feed_prolog_never_panics(tail in "\\PC{0,400}") {
        check(format!("<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss version=\"2.0\"><channel>{tail}").as_bytes())?;
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn generated_feeds_convert_to_what_the_widget_reads(document in feed_document()) {
        check(document.as_bytes())?;
    }

    #[test]
    fn damaged_real_documents_never_panic(cut in 0usize..30_000, at in 0usize..30_000, byte in any::<u8>(), which in 0usize..3) {
        let name = ["real/hugo-forabi-arabic-rss2.xml", "real/heise-atom.xml", "real/infomed-windows-1255-rss2.xml"][which];
        let mut bytes = fixture(name);
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut.max(1).min(bytes.len()));
        check(&bytes)?;
    }
}
