//! Live coverage (tests/fixtures/live): every update on the live page's
//! link, or generated ids that collide. Each distinct headline is kept with
//! a unique id; only the same story repeated is dropped.

mod support;

use news_bridge::convert::{self, Rules};
use news_headlines::feed::Feed;
use std::collections::HashSet;

/// The titles and ids of a fixture converted alone, as the widget reads them.
fn converted(name: &str) -> (Vec<String>, HashSet<String>) {
    let parsed = convert::parse(&support::fixture(name), None).unwrap();
    let json = convert::merge(&[&parsed], &Rules::default()).to_json().unwrap();
    let feed = Feed::parse(std::str::from_utf8(&json).unwrap()).unwrap();
    let ids: HashSet<String> = feed.items.iter().map(|item| item.id.clone()).collect();
    assert_eq!(ids.len(), feed.items.len(), "unique ids");
    (feed.items.into_iter().map(|item| item.title).collect(), ids)
}

#[test]
fn a_live_blog_on_one_link_keeps_every_update() {
    let (titles, _) = converted("live/live-blog-rss2.xml");
    assert_eq!(
        titles,
        [
            "Recount ordered in two districts",
            "Opposition leader thanks volunteers",
            "Markets react to the exit poll",
            "Northern districts report first results",
            "Prime minister to speak at 9 pm",
            "First exit poll puts the opposition ahead",
            "Turnout at 61% by late afternoon",
            "Polls close in the capital",
        ],
        "eight distinct headlines, the repeated one once"
    );
}

#[test]
fn colliding_atom_ids_keep_every_entry() {
    let (titles, _) = converted("live/colliding-ids-atom.xml");
    assert_eq!(
        titles,
        [
            "Storm weakens inland",
            "Schools shut on Wednesday",
            "Power cut for 200,000 homes",
            "Airports close along the coast",
            "Storm makes landfall",
        ],
        "five distinct headlines; the landfall entry with another id but the same link and headline once"
    );
}

#[test]
fn ids_stay_the_same_when_the_live_blog_grows() {
    let (_, before) = converted("live/live-blog-rss2.xml");
    let grown = String::from_utf8(support::fixture("live/live-blog-rss2.xml")).unwrap().replace(
        "  </channel>",
        "<item><title>Results expected by midnight</title><link>https://news.example/live/election</link>\
         <pubDate>Sun, 05 May 2024 20:00:00 +0000</pubDate></item></channel>",
    );
    let parsed = convert::parse(grown.as_bytes(), None).unwrap();
    let feed = convert::merge(&[&parsed], &Rules::default());
    let after: HashSet<String> = feed.items.iter().map(|item| item.id.clone()).collect();
    assert_eq!(after.len(), 9);
    assert!(before.is_subset(&after), "an update keeps its id when another arrives");
}
