//! The real corpus (tests/fixtures/real, sources in its README): every
//! document converts to a JSON Feed the widget's own feed model reads with
//! every item usable, and the text of each language and encoding arrives
//! exactly.

mod support;

use news_bridge::convert::{self, JsonFeed, Rules};
use news_headlines::feed::Feed;
use std::path::PathBuf;
use support::fixture;

/// Converts one fixture with the default rules (all items the widget reads).
fn convert(name: &str) -> JsonFeed {
    let parsed = convert::parse(&fixture(name), None).unwrap_or_else(|error| panic!("{name}: {error}"));
    convert::merge(&[&parsed], &Rules { limit: convert::MAX_LIMIT, ..Rules::default() })
}

/// The widget's model of a converted fixture.
fn widget_model(name: &str) -> (JsonFeed, Feed) {
    let feed = convert(name);
    let json = String::from_utf8(feed.to_json().unwrap()).unwrap();
    let model = Feed::parse(&json).unwrap_or_else(|error| panic!("{name}: the widget refuses the output: {error}"));
    (feed, model)
}

fn real_fixtures() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".xml"))
        .map(|name| format!("real/{name}"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_corpus_covers_rss1_rss2_and_atom_from_many_publishers() {
    let names = real_fixtures();
    assert!(names.len() >= 15, "{names:?}");
    let start = |name: &String| String::from_utf8_lossy(&fixture(name)).chars().take(2000).collect::<String>();
    assert!(names.iter().any(|n| start(n).contains("<rdf:RDF")), "RSS 1.0");
    assert!(names.iter().any(|n| start(n).contains("<rss") && start(n).contains("version=\"2.0\"")), "RSS 2.0");
    assert!(
        names.iter().any(|n| start(n).contains("http://www.w3.org/2005/Atom\"") && start(n).contains("<feed")),
        "Atom"
    );
}

#[test]
fn every_real_feed_converts_and_the_widget_reads_every_item() {
    for name in real_fixtures() {
        let (feed, model) = widget_model(&name);
        assert!(!feed.items.is_empty(), "{name}: no items");
        assert_eq!(model.items.len(), feed.items.len(), "{name}: the widget dropped items");
        for (item, read) in feed.items.iter().zip(&model.items) {
            assert_eq!(read.id, item.id.trim(), "{name}");
            assert!(!read.title.is_empty(), "{name}: {} has no headline", item.id);
            let url_ok =
                item.url.as_deref().is_none_or(|url| url.starts_with("http://") || url.starts_with("https://"));
            assert!(url_ok, "{name}: {:?}", item.url);
        }
        let json = String::from_utf8(feed.to_json().unwrap()).unwrap();
        assert!(!json.contains("content_html") && !json.contains("<p>") && !json.contains("<br"), "{name}: HTML left");
        // JSON Feed 1.1: a version, a title, and items each with an id and content.
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["version"], "https://jsonfeed.org/version/1.1", "{name}");
        assert!(value["title"].as_str().is_some_and(|t| !t.is_empty()), "{name}: no title");
        for item in value["items"].as_array().unwrap() {
            assert!(item["id"].is_string() && item["content_text"].is_string(), "{name}: {item}");
        }
    }
}

#[test]
fn arabic_hugo_feed_keeps_right_to_left_text_exactly() {
    let (feed, model) = widget_model("real/hugo-forabi-arabic-rss2.xml");
    assert_eq!(feed.title, "مدوّنة فوّاز");
    assert_eq!(feed.language.as_deref(), Some("ar"));
    assert_eq!(model.items[0].title, "الإعلان عن WebCeph");
    let summary = feed.items[0].summary.as_deref().unwrap();
    assert!(summary.starts_with("يسرّني الإعلان عن مشروعي الجديد: WebCeph، تطبيق ويب مجّانيّ"), "{summary}");
    assert_eq!(feed.items[0].news, None, "Arabic has no upper case: no dateline guessed");
}

#[test]
fn legacy_encodings_declared_in_the_prolog_are_decoded() {
    let hebrew = convert("real/infomed-windows-1255-rss2.xml");
    assert_eq!(hebrew.title, "אינפומד - אתר הרפואה הישראלי");
    assert_eq!(
        hebrew.items[0].title.as_deref(),
        Some("פותחה מערכת אלקטרו- אופטית למיפוי של גידולים במוח במהלך הניתוח")
    );
    let russian = convert("real/newsru-windows-1251-rss2.xml");
    assert_eq!(
        russian.items[0].title.as_deref(),
        Some("В Турции психически нездоровый мужчина взорвал хлопушку в здании Минюста")
    );
    let portuguese = convert("real/jornal-iso-8859-1-rss2.xml");
    assert_eq!(portuguese.title, "Jornal de Notícias - Últimas Notícias");
    let arabic = convert("encoding/windows-1256-arabic.xml");
    let expected: serde_json::Value =
        serde_json::from_slice(&fixture("encoding/windows-1256-arabic.expected.json")).unwrap();
    assert_eq!(arabic.title, expected["title"]);
    for (item, pair) in arabic.items.iter().zip(expected["items"].as_array().unwrap()) {
        assert_eq!(item.title.as_deref(), pair[0].as_str());
        assert_eq!(item.summary.as_deref(), pair[1].as_str());
    }
}

#[test]
fn atom_entries_without_published_use_updated_and_relative_links_resolve() {
    let github = convert("real/github-releases-atom.xml");
    assert_eq!(github.items[0].date_published.as_deref(), Some("2020-01-19T05:08:59Z"));
    assert_eq!(
        github.items[0].summary.as_deref().map(|s| s.starts_with("A range of maintenance work, including:")),
        Some(true)
    );
    let tpm = convert("real/talkingpointsmemo-atom.xml");
    let url = tpm.items[0].url.as_deref().unwrap();
    assert!(url.starts_with("http://talkingpointsmemo.com/livewire/"), "{url}");
}

#[test]
fn images_come_from_media_content_thumbnails_and_inline_html() {
    let guardian = convert("real/guardian-rss2.xml");
    let image = guardian.items[0].image.as_deref().unwrap();
    assert!(image.starts_with("https://i.guim.co.uk/") && image.contains("w=460"), "widest media:content: {image}");
    let jekyll = convert("real/jekyll-b10c-atom.xml");
    assert_eq!(
        jekyll.items[0].image.as_deref(),
        Some("http://localhost:4000/images/2017-12-18/transactions-dropping-from-mempool.png")
    );
    let jornal = convert("real/jornal-iso-8859-1-rss2.xml");
    assert!(
        jornal
            .items
            .iter()
            .all(|item| item.image.as_deref().is_none_or(|src| !src.contains("feeds.feedburner.com/~r"))),
        "tracking pixels are not images"
    );
}

#[test]
fn categories_become_tags_and_scripts_never_reach_the_text() {
    let wordpress = convert("real/wordpress-natashatherobot-rss2.xml");
    assert!(wordpress.items.iter().any(|item| !item.tags.is_empty()));
    let jekyll = convert("real/jekyll-b10c-atom.xml");
    assert!(!jekyll.items[0].summary.as_deref().unwrap().contains("widgets.js"));
}

#[test]
fn demo_sample_moves_datelines_and_keeps_ids() {
    let parsed = convert::parse(
        &std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("demo/arabnews-sample.xml")).unwrap(),
        None,
    )
    .unwrap();
    let feed = convert::merge(&[&parsed], &Rules::default());
    let json = String::from_utf8(feed.to_json().unwrap()).unwrap();
    let model = Feed::parse(&json).unwrap();
    assert_eq!(model.items.len(), 30);
    let washington = model.items.iter().find(|item| item.id == "an-us-threatens-russia-diplomacy").unwrap();
    assert_eq!(washington.dateline.as_deref(), Some("WASHINGTON"));
    assert!(washington.teaser.as_deref().unwrap().starts_with("The United States threatened on Wednesday"));
    let peres = model.items.iter().find(|item| item.id == "an-peres-dies").unwrap();
    assert_eq!(peres.dateline.as_deref(), Some("RAMAT GAN, Israel"));
    let clinton = model.items.iter().find(|item| item.id == "an-trump-hillary-mideast").unwrap();
    assert_eq!(clinton.dateline, None, "a quoted speaker is not a place");
}
