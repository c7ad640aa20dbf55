//! Real JSON Feeds read right: a title-less microblog feed and an Arabic
//! feed with bare dates (fixtures of the corpus, written for those shapes)
//! render one text per row, markup never shown, and a date on every row.

use crate::{page, widget};
use harness::Harness;
use serde_json::Value;

const MICROBLOG: &str = include_str!("../fixtures/hostile/real-microblog-title-less.json");
const ARABIC: &str = include_str!("../fixtures/hostile/real-arabic-bare-dates.json");

/// Per widget, per row: the headline, the teaser (null if none), the time
/// as shown (null if hidden) and its `datetime`, and the row's whole text.
const ROWS: &str = "return Array.from(document.querySelectorAll('news-headlines')).map((host) =>
    Array.from(host.shadowRoot.querySelectorAll('li[part=item]')).map((li) => {
      const teaser = li.querySelector('[part=teaser]');
      const time = li.querySelector('time');
      const shown = time && getComputedStyle(time).display !== 'none' ? time.textContent : null;
      return [li.querySelector('[part=link]').textContent, teaser && teaser.textContent, shown,
              time && time.getAttribute('datetime'), li.textContent];
    }));";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn title_less_and_bare_date_feeds_show_one_text_and_a_date_per_row() {
    let h = Harness::start().await;
    h.newsroom.set_feed("real-microblog", MICROBLOG.to_owned());
    h.newsroom.set_feed("real-arabic", ARABIC.to_owned());
    let body = [
        widget(r#"src="/feeds/real-microblog.json" limit="5" refresh="0""#),
        widget(r#"src="/feeds/real-arabic.json" limit="10" refresh="0""#),
    ]
    .concat();
    h.open_page("/host/real-feeds.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    h.settled(2).await;
    let widgets = h.js(ROWS, vec![]).await;
    let rows = |w: usize| widgets[w].as_array().cloned().unwrap_or_default();
    let (microblog, arabic) = (rows(0), rows(1));
    eprintln!("microblog: {microblog:?}\narabic: {arabic:?}");
    assert_eq!((microblog.len(), arabic.len()), (5, 10));
    for row in microblog.iter().chain(&arabic) {
        let field = |i: usize| row[i].as_str().unwrap_or_default();
        let (headline, teaser, time, whole) = (field(0), field(1), field(2), field(4));
        let head = headline.trim_end_matches('…');
        assert!(!head.is_empty() && !teaser.contains(head), "the headline again in the teaser: {row}");
        assert_eq!(whole.matches(head).count(), 1, "one text per row: {row}");
        assert!(!whole.contains('<') && !whole.contains("&rsquo;"), "no markup shown: {row}");
        assert!(!time.is_empty(), "a date on every row: {row}");
    }
    // The first post's first line is its headline; what follows is its teaser.
    assert_eq!(microblog[0][0], Value::from("Sunrise over the Corniche 🌅"));
    assert_eq!(microblog[0][1], Value::from("The city wakes slowly. Coffee first ☕"));
    // Bare dates are days: written as dates (in Arabic), never a time of day.
    let is_arabic = |text: &str| text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    for row in &arabic {
        let (time, datetime) = (row[2].as_str().unwrap_or_default(), row[3].as_str().unwrap_or_default());
        assert_eq!(datetime.len(), 10, "the feed's day: {row}");
        assert!(is_arabic(time) && !time.contains(':') && !time.contains("ساع"), "a day in Arabic: {row}");
    }
    h.stop().await;
}
