//! Component tests in headless Chromium (wasm-bindgen-test): the widget
//! renders a given feed into the documented parts, feed text stays text, and
//! the element glue reports a failing feed on the host.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use news_headlines::attributes::Config;
use news_headlines::context::WidgetContext;
use news_headlines::feed::Feed;
use news_headlines::report::Report;
use news_headlines::state::{Cause, Failure, LoadState};
use news_headlines::view::Headlines;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod support;

wasm_bindgen_test_configure!(run_in_browser);

const FEED: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Latest in Middle-East",
  "language": "en",
  "items": [
    {"id": "iran", "url": "https://www.arabnews.com/node/1", "title": "Iran nuclear chief sees no threat to deal if Trump wins",
     "summary": "A landmark nuclear accord sealed last year…", "date_published": "2016-09-28T16:40:00+03:00",
     "tags": ["iran"], "_news": {"dateline": "VIENNA"}},
    {"id": 2, "url": "javascript:alert(1)", "title": "<img src=x onerror=alert(1)>&lt;b&gt;Iraq&lt;/b&gt; eyes more troops",
     "summary": "<b>BAGHDAD</b> Iraq has asked…"},
    {"id": "drone", "url": "/middle-east/drone", "title": "Drone halts traffic at Dubai airport", "tags": ["uae"]}
  ]
}"#;

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// A fresh container in the page.
fn container() -> HtmlElement {
    let div = document().create_element("div").expect("div");
    document().body().expect("body").append_child(&div).expect("append");
    div.unchecked_into()
}

/// Lets Leptos run its effects.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().expect("window").set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.unchecked_into()).collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).expect("selector").unwrap_or_else(|| panic!("no {selector}"))
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

fn loaded(body: &str) -> LoadState {
    let mut state = LoadState::default();
    state.loaded(Arc::new(Feed::parse(body).expect("feed")), js_sys::Date::now());
    state
}

struct Mounted {
    root: HtmlElement,
    config: RwSignal<Config>,
    state: RwSignal<LoadState>,
    /// The widget's clock.
    now: RwSignal<f64>,
    /// What the widget reported.
    reports: Rc<RefCell<Vec<Report>>>,
    _handle: Box<dyn std::any::Any>,
}

fn mount(config: Config, state: LoadState) -> Mounted {
    // What the feed loop does once a page's first headlines are painted.
    news_headlines::intl::release();
    let root = container();
    let config = RwSignal::new(config);
    let state = RwSignal::new(state);
    let now = RwSignal::new(js_sys::Date::now());
    let reports = Rc::new(RefCell::new(Vec::new()));
    let reporter = Rc::new({
        let reports = reports.clone();
        move |report: &Report| reports.borrow_mut().push(report.clone())
    });
    let context = WidgetContext::new(config, state, now, reporter);
    let handle = mount_to(root.clone(), move || view! { <Headlines context /> });
    Mounted { root, config, state, now, reports, _handle: Box::new(handle) }
}

#[wasm_bindgen_test]
fn renders_the_documented_parts() {
    let m = mount(Config { heading: Some("Around Arab News".into()), ..Config::default() }, loaded(FEED));
    assert_eq!(text(&one(&m.root, "[part=heading]")), "Around Arab News");
    let items = all(&m.root, "ol[part=list] > li[part=item]");
    assert_eq!(items.len(), 3);
    let ids: Vec<String> = items.iter().filter_map(|li| li.get_attribute("data-id")).collect();
    assert_eq!(ids, ["iran", "2", "drone"]);

    let first = &items[0];
    let link = one(first, "a[part=link]");
    assert_eq!(text(&link), "Iran nuclear chief sees no threat to deal if Trump wins");
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://www.arabnews.com/node/1"));
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener"));
    assert_eq!(text(&one(first, "[part=dateline]")), "VIENNA");
    assert_eq!(text(&one(first, "p[part=teaser]")), "VIENNA A landmark nuclear accord sealed last year…");
    let time = one(first, "time[part=time]");
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2016-09-28T16:40:00+03:00"));
    assert!(
        text(&time).contains("2016") && !text(&time).contains("ago"),
        "an old story reads as a date: {}",
        text(&time)
    );
    assert!(time.get_attribute("title").unwrap_or_default().contains("2016"), "the full date is the tooltip");

    let status = one(&m.root, "[part=status] > span");
    assert!(text(&status).starts_with("Updated"), "{}", text(&status));
}

#[wasm_bindgen_test]
fn feed_text_is_text_and_unsafe_links_are_not_links() {
    let m = mount(Config::default(), loaded(FEED));
    assert!(all(&m.root, "img, b, script").is_empty(), "no element came from feed text");
    let second = &all(&m.root, "li[part=item]")[1];
    let link = one(second, "[part=link]");
    assert_eq!(text(&link), "<b>Iraq</b> eyes more troops", "tags removed, references decoded into text");
    assert_eq!(link.get_attribute("href"), None, "javascript: is refused");
    assert_eq!(text(&one(second, "[part=teaser]")), "BAGHDAD Iraq has asked…");
    let third = one(&all(&m.root, "li[part=item]")[2], "a[part=link]");
    let href = third.get_attribute("href").unwrap_or_default();
    assert!(href.starts_with("http") && href.ends_with("/middle-east/drone"), "relative links resolve: {href}");
    assert!(all(&m.root, "a[href^='javascript']").is_empty());
}

#[wasm_bindgen_test]
async fn limit_tag_and_heading_follow_the_config() {
    let m = mount(Config::default(), loaded(FEED));
    assert_eq!(text(&one(&m.root, "[part=heading]")), "Latest in Middle-East", "defaults to the feed title");
    m.config.update(|c| c.limit = 1);
    settle().await;
    assert_eq!(all(&m.root, "li[part=item]").len(), 1);
    m.config.update(|c| {
        c.limit = 10;
        c.tag = Some("uae".into());
    });
    settle().await;
    let ids: Vec<_> = all(&m.root, "li[part=item]").iter().filter_map(|li| li.get_attribute("data-id")).collect();
    assert_eq!(ids, ["drone"]);
}

#[wasm_bindgen_test]
async fn updates_keep_existing_rows_and_mark_new_ones() {
    let m = mount(Config::default(), loaded(FEED));
    let before = all(&m.root, "li[part=item]");
    let newer = FEED.replace(r#""items": ["#, r#""items": [{"id": "new", "title": "Breaking: a new story"},"#);
    m.state.update(|s| {
        s.loaded(Arc::new(Feed::parse(&newer).expect("feed")), js_sys::Date::now());
    });
    settle().await;
    let after = all(&m.root, "li[part=item]");
    assert_eq!(after.len(), 4);
    assert_eq!(after[0].get_attribute("data-id").as_deref(), Some("new"));
    assert!(after[0].has_attribute("data-new"));
    assert!(!after[1].has_attribute("data-new"));
    for (old, new) in before.iter().zip(&after[1..]) {
        assert!(old.is_same_node(Some(new)), "the same <li> is kept");
    }
}

#[wasm_bindgen_test]
async fn failures_keep_the_last_headlines_and_say_so() {
    let m = mount(Config::default(), LoadState::default());
    assert_eq!(text(&one(&m.root, "[part=status] > span")), "Loading headlines…");
    m.state.update(|s| s.failed(Failure { message: "The feed answered HTTP 500".into(), cause: Cause::Status(500) }));
    settle().await;
    assert_eq!(text(&one(&m.root, "[part=status] > span")), "The feed answered HTTP 500");
    let section = one(&m.root, "section");
    assert_eq!(section.get_attribute("data-phase").as_deref(), Some("error"), "the stylesheet shows the fallback slot");

    m.state.set(loaded(FEED));
    m.state.update(|s| s.failed(Failure { message: "timeout".into(), cause: Cause::Timeout }));
    settle().await;
    assert_eq!(all(&m.root, "li[part=item]").len(), 3, "the last good headlines stay");
    assert!(text(&one(&m.root, "[part=status] > span")).starts_with("Couldn’t update · showing headlines from"));
}

#[wasm_bindgen_test]
fn arabic_feeds_read_right_to_left_in_arabic() {
    let arabic = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "آخر الأخبار", "language": "ar",
      "items": [{"id": "1", "title": "رئيس البرنامج النووي الإيراني", "date_published": "2016-09-28T16:40:00+03:00"}]}"#;
    let m = mount(Config::default(), loaded(arabic));
    let section = one(&m.root, "section");
    assert_eq!(section.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(section.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(text(&one(&m.root, "[part=heading]")), "آخر الأخبار");
    let time = text(&one(&m.root, "time"));
    assert!(time.contains("سبتمبر"), "an Arabic date: {time}");
    assert!(text(&one(&m.root, "[part=status] > span")).starts_with("آخر تحديث"));
}

#[wasm_bindgen_test]
async fn a_clock_tick_retells_times_and_a_new_language_remakes_tooltips() {
    let five_minutes_ago = js_sys::Date::new(&(js_sys::Date::now() - 5.0 * 60_000.0).into()).to_iso_string();
    let feed = format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "items": [
          {{"id": "1", "title": "T", "url": "https://www.arabnews.com/node/1", "date_published": "{five_minutes_ago}"}}]}}"#
    );
    let m = mount(Config::default(), loaded(&feed));
    settle().await;
    let (time, link) = (one(&m.root, "time"), one(&m.root, "a[part=link]"));
    assert_eq!(text(&time), "5 minutes ago");
    let tooltip = time.get_attribute("title").unwrap_or_default();
    assert!(tooltip.is_ascii() && !tooltip.is_empty(), "an English full date: {tooltip}");

    m.now.update(|now| *now += 60.0 * 60_000.0);
    settle().await;
    assert_eq!(text(&time), "1 hour ago", "the tick tells the time again");
    assert_eq!(time.get_attribute("title"), Some(tooltip.clone()), "and leaves the full date");
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://www.arabnews.com/node/1"));

    m.config.update(|c| c.lang = Some("ar".into()));
    settle().await;
    let arabic = time.get_attribute("title").unwrap_or_default();
    assert!(arabic.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)), "an Arabic full date: {arabic}");
    assert!(text(&time).chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)), "{}", text(&time));
}

#[wasm_bindgen_test]
async fn the_element_reports_a_missing_feed_on_its_host() {
    let host = container();
    host.set_attribute("src", "/no-such-feed.json").expect("attr");
    host.set_attribute("refresh", "0").expect("attr");
    let errors = std::rc::Rc::new(std::cell::Cell::new(0));
    let on_error = {
        let errors = errors.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || errors.set(errors.get() + 1))
    };
    host.add_event_listener_with_callback("news-headlines:error", on_error.as_ref().unchecked_ref()).expect("listener");
    let widget = news_headlines::element::mount(host.clone(), None, None).expect("mounted");
    assert_eq!(host.get_attribute("state").as_deref(), Some("loading"));
    let shadow = host.shadow_root().expect("an open shadow root");
    for _ in 0..200 {
        if host.get_attribute("state").as_deref() == Some("error") {
            break;
        }
        settle().await;
    }
    assert_eq!(host.get_attribute("state").as_deref(), Some("error"));
    let section = shadow.query_selector("section").expect("selector").expect("the widget");
    assert_eq!(text(&one(&section, "[part=status] > span")), "The feed answered HTTP 404");
    assert_eq!(errors.get(), 1);
    drop(widget);
}

#[wasm_bindgen_test]
async fn the_pause_control_holds_updates_and_arrivals_are_announced() {
    let m = mount(Config::default(), loaded(FEED));
    let button: HtmlElement = one(&m.root, "button[part=pause]").unchecked_into();
    assert_eq!(button.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(text(&button), "Pause updates");
    button.click();
    settle().await;
    assert_eq!(button.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(text(&button), "Resume updates");

    let newer = FEED.replace(r#""items": ["#, r#""items": [{"id": "new", "title": "Breaking: a new story"},"#);
    m.state.update(|s| {
        s.loaded(Arc::new(Feed::parse(&newer).expect("feed")), js_sys::Date::now());
    });
    settle().await;
    assert_eq!(all(&m.root, "li[part=item]").len(), 3, "held while paused");
    let live = one(&m.root, "[aria-live=polite]");
    assert_eq!(text(&live), "");

    button.click();
    settle().await;
    assert_eq!(all(&m.root, "li[part=item]").len(), 4, "applied on resume");
    assert_eq!(text(&live), "1 new headline", "announced, without the list itself");
}

/// A JSON Feed of `items`, in `language`.
fn feed_of(language: &str, items: &str) -> String {
    format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "T", "language": "{language}", "items": [{items}]}}"#
    )
}

#[wasm_bindgen_test]
async fn title_less_posts_show_their_text_once_in_the_row_and_the_announcement() {
    let post =
        r#"{"id": "micro", "content_text": "<p>Sunrise over the Corniche &#127749;</p><p>The city wakes slowly.</p>"}"#;
    let m = mount(Config::default(), loaded(&feed_of("en", post)));
    let row = one(&m.root, "li[part=item]");
    assert_eq!(text(&one(&row, "[part=link]")), "Sunrise over the Corniche 🌅");
    assert_eq!(text(&one(&row, "[part=teaser]")), "The city wakes slowly.");
    assert_eq!(text(&row).matches("Sunrise").count(), 1, "the headline is not repeated: {}", text(&row));

    let arrived = r#"{"id": "one-line", "content_text": "Just landed in Riyadh. 🛬"}, "#.to_owned() + post;
    m.state.update(|s| {
        s.loaded(Arc::new(Feed::parse(&feed_of("en", &arrived)).expect("feed")), js_sys::Date::now());
    });
    settle().await;
    let rows = all(&m.root, "li[part=item]");
    assert_eq!(rows.len(), 2);
    assert_eq!(text(&one(&rows[0], "[part=link]")), "Just landed in Riyadh.");
    assert_eq!(text(&one(&rows[0], "[part=teaser]")), "🛬");
    assert!(rows[1].query_selector("[part=teaser]").ok().flatten().is_some(), "the kept row keeps its teaser");
    let live = text(&one(&m.root, "[aria-live=polite]"));
    assert_eq!(live, "1 new headline", "the announcement counts, it does not read the post (once or twice)");
}

/// The reader's calendar day `days` from today, as `YYYY-MM-DD`.
fn local_day(days: f64) -> String {
    let date = js_sys::Date::new_0();
    date.set_date((date.get_date() as f64 + days) as u32);
    format!("{:04}-{:02}-{:02}", date.get_full_year(), date.get_month() + 1, date.get_date())
}

#[wasm_bindgen_test]
fn a_bare_date_reads_as_a_day_never_a_time_of_day() {
    let items = [("today", local_day(0.0)), ("yesterday", local_day(-1.0)), ("old", "2024-02-29".to_owned())]
        .map(|(id, day)| format!(r#"{{"id": "{id}", "title": "Story {id}", "date_published": "{day}"}}"#))
        .join(", ");
    for (language, today, yesterday) in [("en", "today", "yesterday"), ("ar", "اليوم", "أمس")] {
        let m = mount(Config::default(), loaded(&feed_of(language, &items)));
        let times = all(&m.root, "time[part=time]");
        let shown: Vec<String> = times.iter().map(text).collect();
        assert_eq!(shown[..2], [today, yesterday], "{language}: {shown:?}");
        assert!(shown[2].contains("2024") || shown[2].contains("٢٠٢٤"), "{language}: an old day is a date: {shown:?}");
        assert_eq!(times[2].get_attribute("datetime").as_deref(), Some("2024-02-29"));
        let tooltip = times[2].get_attribute("title").unwrap_or_default();
        assert!(
            tooltip.contains("29") || tooltip.contains("٢٩"),
            "{language}: the written day, in any zone: {tooltip}"
        );
        assert!(!tooltip.contains(':'), "{language}: no time of day in the tooltip: {tooltip}");
    }
}

#[wasm_bindgen_test]
fn the_browser_reads_every_document_of_the_corpus_as_the_native_reader_does() {
    // Recorded from the native reader by `tests/feed_corpus.rs`, which fails
    // when the record is out of date.
    let recorded = include_str!("fixtures/hostile-models.txt");
    let models = support::corpus::models();
    let differ: Vec<&str> = models.lines().filter(|line| !recorded.lines().any(|r| r == *line)).collect();
    assert!(differ.is_empty(), "the browser reads these differently:\n{}", differ.join("\n"));
    assert_eq!(models.lines().count(), recorded.lines().count());
    assert!(models.lines().count() > 130, "the corpus and the generated documents");
}

#[wasm_bindgen_test]
fn the_browser_json_parser_feeds_the_same_model() {
    use news_headlines::feed::FeedError;
    let feed = Feed::parse(
        r#"{"version": "https://jsonfeed.org/version/1", "title": "T", "language": "ar", "_x": [1e300, {"y": null}],
            "items": [{"id": 1e3, "title": "Numeric", "tags": ["a", 5, "b"], "_news": {"dateline": "CAIRO"}},
                      {"id": "dup", "title": "First"}, {"id": "dup", "title": "Second"}, {"title": "no id"}, null, [1],
                      {"id": "x", "content_text": "Text \ud83d\udcf0 with a pair", "url": "java\tscript:alert(1)"}]}"#,
    )
    .expect("a feed");
    let ids: Vec<&str> = feed.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["1000", "dup", "x"]);
    assert_eq!(feed.items[0].tags, ["a", "b"]);
    assert_eq!(feed.items[0].dateline.as_deref(), Some("CAIRO"));
    assert_eq!(feed.items[1].title, "First");
    assert_eq!(feed.items[2].title, "Text 📰 with a pair");
    assert_eq!(feed.language.as_deref(), Some("ar"));
    assert!(!news_headlines::url_policy::is_allowed(feed.items[2].url.as_deref().unwrap_or_default()));
    assert_eq!(Feed::parse("[1, 2]"), Err(FeedError::NotJsonFeed("the document is not an object")));
    assert_eq!(
        Feed::parse("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": {}}"),
        Err(FeedError::NotJsonFeed("no list of items"))
    );
    assert_eq!(Feed::parse("{\"items\": ["), Err(FeedError::NotJson));
    assert_eq!(Feed::parse(&"[".repeat(200_000)), Err(FeedError::NotJson));
    // What serde_json refuses anywhere, the browser's reader refuses too.
    for refused in [r#"{"x": 1e400, "items": []}"#, r#"{"x": "\ud800", "items": []}"#] {
        assert_eq!(Feed::parse(refused), Err(FeedError::NotJson), "{refused}");
    }
}

#[wasm_bindgen_test]
async fn parse_in_slices_reads_what_parse_reads() {
    let items: Vec<String> = (0..2_000)
        .map(|i| {
            format!(
                r#"{{"id": "https://example.org/{}", "title": "Headline {i} \u00e9", "summary": "{}"}}"#,
                i % 300,
                "x ".repeat(200)
            )
        })
        .collect();
    let body =
        format!("\u{FEFF}{{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{}]}}", items.join(","));
    let whole = Feed::parse(&body).expect("a feed");
    let sliced = Feed::parse_in_slices(&js_sys::JsString::from(body.as_str())).await.expect("a feed");
    assert_eq!(sliced, whole);
    assert_eq!(whole.items.len(), 300, "the first of each id");
    assert_eq!(whole.items[1].title, "Headline 1 é");
    let broken = js_sys::JsString::from(&body[..body.find("Headline 700").unwrap_or_default()]);
    assert_eq!(Feed::parse_in_slices(&broken).await, Err(news_headlines::feed::FeedError::NotJson));
}

#[wasm_bindgen_test]
async fn a_one_item_update_touches_only_the_rows_that_change() {
    let m = mount(Config { limit: 3, ..Config::default() }, loaded(FEED));
    // Each record as "type target [attribute]".
    let records = Rc::new(RefCell::new(Vec::<String>::new()));
    let describe = |record: web_sys::MutationRecord| {
        let target = record.target().map(|t| t.node_name()).unwrap_or_default();
        format!("{} {target} {}", record.type_(), record.attribute_name().unwrap_or_default())
    };
    let callback = {
        let records = records.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |batch: js_sys::Array| {
            records.borrow_mut().extend(batch.iter().map(|r| describe(r.unchecked_into())));
        })
    };
    let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).expect("observer");
    let options = web_sys::MutationObserverInit::new();
    options.set_subtree(true);
    options.set_child_list(true);
    options.set_attributes(true);
    options.set_character_data(true);
    observer.observe_with_options(&m.root, &options).expect("observe");

    let newer = FEED.replace(r#""items": ["#, r#""items": [{"id": "new", "title": "Breaking: a new story"},"#);
    m.state.update(|s| {
        s.loaded(Arc::new(Feed::parse(&newer).expect("feed")), js_sys::Date::now());
    });
    settle().await;
    records.borrow_mut().extend(observer.take_records().iter().map(|r| describe(r.unchecked_into())));
    let rows = all(&m.root, "li[part=item]");
    assert_eq!(rows.len(), 3);
    assert!(rows[0].has_attribute("data-new") && !one(&rows[0], "[part=badge]").has_attribute("hidden"));
    assert!(one(&rows[1], "[part=badge]").has_attribute("hidden"), "old headlines show no badge");
    // One row in (badge included), one row out, the live announcement's text,
    // and the rows that move down one place (their `--i`, a transform): the
    // two that stay and the one on its way out.
    let mut seen = records.borrow().clone();
    seen.sort();
    assert_eq!(
        seen,
        [
            "attributes LI style",
            "attributes LI style",
            "attributes LI style",
            "characterData #text ",
            "childList OL ",
            "childList OL "
        ],
        "mutation records"
    );
    observer.disconnect();
}

#[wasm_bindgen_test]
async fn the_theme_the_element_reads_is_the_theme_it_renders() {
    let mut rendered = Vec::new();
    for theme in ["DARK", " Light ", "dark", "purple"] {
        let host = container();
        // Styled as the loader styles it.
        let root =
            host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).expect("a shadow root");
        news_headlines::view::adopt_style(&root).expect("styled");
        host.set_attribute("src", "/no-such-feed.json").expect("attr");
        host.set_attribute("refresh", "0").expect("attr");
        host.set_attribute("theme", theme).expect("attr");
        let widget = news_headlines::element::mount(host.clone(), None, None).expect("mounted");
        settle().await;
        let shadow = host.shadow_root().expect("an open shadow root");
        let section: Element = shadow.query_selector("section").expect("selector").expect("the widget");
        let background = web_sys::window()
            .expect("window")
            .get_computed_style(&section)
            .expect("style")
            .expect("a computed style")
            .get_property_value("background-color")
            .expect("background");
        rendered.push((section.get_attribute("data-theme").unwrap_or_default(), background));
        drop(widget);
    }
    let expected = |theme: &str, bg: &str| (theme.to_owned(), bg.to_owned());
    let auto = rendered[3].1.clone();
    assert_eq!(
        rendered,
        [
            expected("dark", "rgb(21, 21, 21)"),
            expected("light", "rgb(255, 255, 255)"),
            expected("dark", "rgb(21, 21, 21)"),
            expected("auto", &auto)
        ]
    );
}

#[wasm_bindgen_test]
async fn links_carry_the_link_params_and_opening_one_is_reported() {
    let config = Config { link_params: Some("utm_source=partner&page=9".into()), ..Config::default() };
    let m = mount(config, loaded(&FEED.replace("/node/1", "/node/1?page=2#top")));
    let links = all(&m.root, "a[part=link][href]");
    let hrefs: Vec<String> = links.iter().filter_map(|a| a.get_attribute("href")).collect();
    assert_eq!(
        hrefs[0], "https://www.arabnews.com/node/1?page=2&utm_source=partner#top",
        "existing parameters are kept"
    );
    assert!(hrefs[1].ends_with("/middle-east/drone?utm_source=partner&page=9"), "{}", hrefs[1]);
    // A click that does not navigate (the test page must stay).
    let cancel =
        wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| e.prevent_default());
    m.root.add_event_listener_with_callback("click", cancel.as_ref().unchecked_ref()).expect("listener");
    links[1].unchecked_ref::<HtmlElement>().click();
    let reports = m.reports.borrow().clone();
    assert_eq!(
        reports,
        [Report::Opened { id: "drone".into(), url: hrefs[1].clone(), position: 3, feed: String::new() }],
        "reported at once, with its place in the list"
    );
    m.config.update(|c| c.link_params = None);
    settle().await;
    let href = all(&m.root, "a[part=link][href]")[1].get_attribute("href").unwrap_or_default();
    assert!(href.ends_with("/middle-east/drone"), "link-params follow the attribute: {href}");
}

#[wasm_bindgen_test]
async fn headline_churn_does_not_grow_memory() {
    let m = mount(Config::default(), loaded(FEED));
    let story =
        |n: usize| format!(r#"{{"id": "story-{n}", "title": "Story {n}", "date_published": "2026-11-26T10:00:00Z"}}"#);
    // Every update brings one new headline and pushes the oldest out of the ten shown.
    let churn = |from: usize, to: usize| {
        let state = m.state;
        async move {
            for n in from..to {
                let items: Vec<String> = (n.saturating_sub(9)..=n).rev().map(story).collect();
                let body =
                    format!(r#"{{"version": "https://jsonfeed.org/version/1.1", "items": [{}]}}"#, items.join(","));
                state.update(|s| {
                    s.loaded(Arc::new(Feed::parse(&body).expect("feed")), js_sys::Date::now());
                });
                settle().await;
            }
        }
    };
    let memory = || {
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
    };
    churn(0, 100).await;
    let before = memory();
    churn(100, 1_100).await;
    let grown = memory() - before;
    assert_eq!(all(&m.root, "li[part=item]").len(), 10);
    assert!(grown <= 64 * 1024, "wasm memory grew by {grown} bytes over 1,000 headlines in and out");
}

#[wasm_bindgen_test]
fn the_browser_s_plural_rules_pick_each_form() {
    use news_headlines::i18n::{Words, AR, JA, RU};
    use news_headlines::intl::counted;
    /// A language, its table, and counts with the category each selects.
    type Case = (&'static str, &'static news_headlines::i18n::Strings, &'static [(usize, &'static str)]);
    let cases: [Case; 3] = [
        ("ar", &AR, &[(0, "zero"), (1, "one"), (2, "two"), (3, "few"), (11, "many"), (100, "other")]),
        ("ru", &RU, &[(1, "one"), (2, "few"), (5, "many"), (21, "one")]),
        ("ja", &JA, &[(1, "other"), (2, "other"), (5, "other")]),
    ];
    for (lang, table, counts) in cases {
        let words = Words::of(table);
        for (count, expected) in counts {
            let (category, digits) = counted(lang, *count);
            assert_eq!(category, *expected, "{lang} {count}");
            assert!(!digits.is_empty());
            let told = words.new_headlines(*count, &category, &digits);
            assert_eq!(told.is_empty(), *count == 0, "{lang} {count}: {told}");
        }
    }
    let told = |lang: &str, table: &news_headlines::i18n::Strings, count: usize| {
        let (category, digits) = counted(lang, count);
        (Words::of(table).new_headlines(count, &category, &digits), digits)
    };
    assert_eq!(told("ar", &AR, 2).0, "عنوانان جديدان");
    let (three, digits) = told("ar", &AR, 3);
    assert_eq!(three, format!("{digits} عناوين جديدة"), "Arabic digits from Intl.NumberFormat");
    let (eleven, digits) = told("ar", &AR, 11);
    assert_eq!(eleven, format!("{digits} عنوانًا جديدًا"));
    assert_eq!(told("ru", &RU, 21).0, "21 новый заголовок");
    assert_eq!(told("ru", &RU, 5).0, "5 новых заголовков");
    assert_eq!(told("ja", &JA, 5).0, "新着見出し 5 件");
}

#[wasm_bindgen_test]
async fn arrivals_are_announced_in_the_widget_s_plural_form() {
    let m = mount(Config { lang: Some("ar".into()), ..Config::default() }, loaded(FEED));
    let newer =
        FEED.replace(r#""items": ["#, r#""items": [{"id": "a", "title": "خبر أول"}, {"id": "b", "title": "خبر ثان"},"#);
    m.state.update(|s| {
        s.loaded(Arc::new(Feed::parse(&newer).expect("feed")), js_sys::Date::now());
    });
    settle().await;
    assert_eq!(text(&one(&m.root, "[aria-live=polite]")), "عنوانان جديدان");
}

#[wasm_bindgen_test]
async fn the_publisher_s_words_apply_live_as_text() {
    let strings = r#"{"loading": "Un instant…", "new": "<i>Breaking</i>", "error-status": "Flux en panne ({status})"}"#;
    let m = mount(Config { strings: Some(strings.into()), ..Config::default() }, LoadState::default());
    let status = || text(&one(&m.root, "[part=status] > span"));
    assert_eq!(status(), "Un instant…");
    m.state.update(|s| s.failed(Failure { message: "The feed answered HTTP 503".into(), cause: Cause::Status(503) }));
    settle().await;
    assert_eq!(status(), "Flux en panne (503)");
    m.config.update(|c| c.strings = Some(r#"{"error-status": "Down: {status}"}"#.into()));
    settle().await;
    assert_eq!(status(), "Down: 503", "changed live");
    m.config.update(|c| c.strings = Some("[1, 2]".into()));
    settle().await;
    assert_eq!(status(), "The feed answered HTTP 503", "not an object: the widget's words");
    assert!(all(&m.root, "i").is_empty(), "no element came from an override");
}
