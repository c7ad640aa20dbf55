//! What readers see at the edges: future and old dates, the `dates` styles,
//! in English and Arabic, and an empty feed.

use crate::{page, str_of, widget};
use harness::Harness;
use serde_json::{json, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// `unix` seconds as RFC 3339 UTC (the civil-from-days algorithm).
fn rfc3339(unix: i64) -> String {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let z = days + 719_468;
    let (era, doe) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let (day, month) = (doy - (153 * mp + 2) / 5 + 1, if mp < 10 { mp + 3 } else { mp - 9 });
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Items dated three hours ahead, 3 minutes, 5 hours, 3 days and 10 days ago, and in 2016.
fn dated_feed(language: &str) -> String {
    let now = unix_now();
    let ages =
        [("future", -3 * 3600), ("minutes", 3 * 60), ("hours", 5 * 3600), ("days", 3 * 86_400), ("weeks", 10 * 86_400)];
    let mut items: Vec<Value> = ages
        .iter()
        .map(|(id, age)| json!({"id": id, "title": format!("Story {id}"), "date_published": rfc3339(now - age)}))
        .collect();
    items.push(json!({"id": "2016", "title": "Story 2016", "date_published": "2016-09-28T16:40:00+03:00"}));
    json!({"version": "https://jsonfeed.org/version/1.1", "title": "Dates", "language": language, "items": items})
        .to_string()
}

/// Each row's time text and tooltip (null when hidden), per widget.
const TIMES: &str = "return Array.from(document.querySelectorAll('news-headlines')).map((host) =>
    Array.from(host.shadowRoot.querySelectorAll('li[part=item]')).map((li) => {
      const time = li.querySelector('time');
      return time && getComputedStyle(time).display !== 'none' ? [time.textContent, time.title, time.getAttribute('datetime')] : null;
    }));";

fn is_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_dates_style_tells_future_recent_and_old_stories_in_english_and_arabic() {
    let h = Harness::start().await;
    h.newsroom.set_feed("dated-en", dated_feed("en"));
    h.newsroom.set_feed("dated-ar", dated_feed("ar"));
    let styles = ["auto", "relative", "absolute", "none"];
    let body: String = ["en", "ar"]
        .iter()
        .flat_map(|lang| {
            styles.map(|style| widget(&format!(r#"src="/feeds/dated-{lang}.json" dates="{style}" refresh="0""#)))
        })
        .collect();
    h.open_page("/host/dates.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    h.settled(8).await;
    let times = h.js(TIMES, vec![]).await;
    let text = |widget: usize, row: usize| times[widget][row][0].as_str().unwrap_or_default().to_owned();
    for (w, label) in
        ["en auto", "en relative", "en absolute", "en none", "ar auto", "ar relative", "ar absolute", "ar none"]
            .iter()
            .enumerate()
    {
        eprintln!("dates {label}: {}", times[w]);
    }
    // English, auto: future reads now; then minutes, hours, days; past a
    // week a date (no year this year); 2016 with its year.
    let en_auto: Vec<String> = (0..6).map(|row| text(0, row)).collect();
    assert_eq!(en_auto[..4], ["now", "3 minutes ago", "5 hours ago", "3 days ago"], "{en_auto:?}");
    assert!(!en_auto[4].contains("ago") && !en_auto[4].is_empty(), "ten days ago is a date: {}", en_auto[4]);
    assert!(en_auto[5].contains("2016") && !en_auto[5].contains("ago"), "{}", en_auto[5]);
    // The year is written only when it is not the current one (early in
    // January, ten days ago was last year).
    let ten_days_ago = rfc3339(unix_now() - 10 * 86_400);
    let year_written = ten_days_ago.get(..4).is_some_and(|year| en_auto[4].contains(year));
    assert_eq!(year_written, !ten_days_ago.starts_with(&year_of_now()), "{}", en_auto[4]);
    // Every shown time has the full date and time as its tooltip, and the feed's value as datetime.
    let tooltip = times[0][5][1].as_str().unwrap_or_default();
    assert!(tooltip.contains("2016") && tooltip.len() > en_auto[5].len(), "{tooltip}");
    assert_eq!(times[0][5][2], json!("2016-09-28T16:40:00+03:00"));
    // relative: always relative, the future still now.
    assert_eq!((text(1, 0), text(1, 5)), ("now".to_owned(), "10 years ago".to_owned()));
    // absolute: always dates.
    assert!((0..6).all(|row| !text(2, row).contains("ago") && text(2, row) != "now"), "{}", times[2]);
    // none: no time shown.
    assert_eq!(times[3], json!([null, null, null, null, null, null]));
    // Arabic, the same rules in Arabic.
    assert_eq!(text(4, 0), "الآن", "future reads now, in Arabic");
    assert!((1..6).all(|row| is_arabic(&text(4, row))), "{}", times[4]);
    assert!(text(4, 5).contains("٢٠١٦") || text(4, 5).contains("2016"), "{}", text(4, 5));
    assert_eq!(text(5, 0), "الآن");
    assert!(text(5, 5).contains("١٠") || text(5, 5).contains("10"), "ten years, in Arabic: {}", text(5, 5));
    assert_eq!(times[7], json!([null, null, null, null, null, null]));
    h.stop().await;
}

fn year_of_now() -> String {
    rfc3339(unix_now()).get(..4).unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_feed_says_so_in_the_widget_s_language() {
    let h = Harness::start().await;
    for (name, language) in [("empty-en", "en"), ("empty-ar", "ar")] {
        let feed =
            json!({"version": "https://jsonfeed.org/version/1.1", "title": "Empty", "language": language, "items": []});
        h.newsroom.set_feed(name, feed.to_string());
    }
    let body =
        [widget(r#"src="/feeds/empty-en.json" refresh="0""#), widget(r#"src="/feeds/empty-ar.json" refresh="0""#)]
            .concat();
    h.open_page("/host/empty.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    let widgets = h.settled(2).await;
    assert!(widgets.iter().all(|w| str_of(w, "state") == "ready"));
    let notes = h
        .js(
            "return Array.from(document.querySelectorAll('news-headlines')).map((host) => {
               const note = host.shadowRoot.querySelector('.empty');
               return getComputedStyle(note).display !== 'none' ? note.textContent : null; });",
            vec![],
        )
        .await;
    assert_eq!(notes, json!(["No headlines right now.", "لا توجد عناوين حالياً."]));
    h.stop().await;
}

/// Watches every frame (up to 600) before it paints: at each of the first 20
/// with a headline, whether the first row tells its time, and where its link
/// and the status line sit.
const FRAMES: &str = r#"<script>
window.framesSeen = [];
let framesLeft = 600;
const look = () => {
  const root = document.querySelector("news-headlines")?.shadowRoot;
  const li = root?.querySelector("li[part=item]");
  if (li) {
    const time = li.querySelector("time");
    const at = (element) => { const box = element.getBoundingClientRect(); return [box.left, box.top, box.width, box.height]; };
    framesSeen.push({
      told: !!time && getComputedStyle(time).display !== "none" && time.textContent !== "",
      link: at(li.querySelector("a")),
      status: at(root.querySelector("[part=status]")),
    });
  }
  if (--framesLeft > 0 && framesSeen.length < 20) requestAnimationFrame(look);
};
requestAnimationFrame(look);
</script>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_headlines_paint_before_their_times_which_then_move_nothing() {
    let h = Harness::start().await;
    h.newsroom.set_feed("dated-en", dated_feed("en"));
    let head = format!(r#"{FRAMES}<script src="/news-headlines.js" async></script>"#);
    h.open_page("/host/first-paint.html", &page(&head, &widget(r#"src="/feeds/dated-en.json" refresh="0""#))).await;
    h.settled(1).await;
    let frames = h
        .until("20 frames with a headline", std::time::Duration::from_secs(20), "return framesSeen;", |f| {
            f.as_array().is_some_and(|f| f.len() >= 20)
        })
        .await;
    let frames = frames.as_array().expect("frames");
    assert_eq!(frames[0]["told"], json!(false), "the first frame with a headline tells no time yet: {frames:?}");
    assert!(frames.iter().any(|f| f["told"] == json!(true)), "a later frame tells it: {frames:?}");
    for frame in frames {
        assert_eq!((&frame["link"], &frame["status"]), (&frames[0]["link"], &frames[0]["status"]), "nothing moved");
    }
    h.stop().await;
}
