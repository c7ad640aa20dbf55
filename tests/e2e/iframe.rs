//! Embedding without a script: `news-headlines/<version>/embed.html` in an
//! iframe on a host page of another origin (the page on `localhost`, the
//! widget on `127.0.0.1`), sandboxed with the documented flags; the resizer;
//! an AMP-shaped host; the demo's example page.

use crate::{items, page, str_of, FIRST_MIDDLE_EAST};
use fantoccini::elements::{Element, ElementRef};
use harness::Harness;
use news_headlines::embed::{self, SANDBOX};
use news_headlines::manifest::VERSION;
use news_headlines::report::UPDATE_EVENT;
use serde_json::{json, Value};
use std::time::Duration;

/// The versioned embed page on the widget's origin, with `query`.
fn embed_url(h: &Harness, query: &str) -> String {
    h.url(&format!("/news-headlines/{VERSION}/embed.html?{query}"))
}

/// The versioned resizer on the widget's origin.
fn resizer(h: &Harness) -> String {
    format!(r#"<script src="{}"></script>"#, h.url(&format!("/news-headlines/{VERSION}/resizer.js")))
}

/// Serves `html` at `path` and opens it on the other origin (`localhost`).
async fn open_elsewhere(h: &Harness, path: &str, html: String) {
    h.newsroom.add_page(path, html);
    h.client.goto(&h.url(path).replace("127.0.0.1", "localhost")).await.expect("the host page opens");
}

/// Records every message the page receives: from which iframe (its index,
/// -1 for none), its origin and data.
const RECORD: &str = "<script>window.messages = [];
  addEventListener('message', (e) => messages.push({
    frame: Array.from(document.querySelectorAll('iframe')).findIndex((f) => f.contentWindow === e.source),
    origin: e.origin, data: e.data }));</script>";

/// An iframe of the embed page with `flags` as its sandbox.
fn iframe(src: &str, flags: &[&str], height: u32) -> String {
    format!(
        r#"<iframe src="{src}" sandbox="{}" title="Headlines" width="360" height="{height}" style="border:0"></iframe>"#,
        flags.join(" ")
    )
}

/// Inside the current frame: the document's height, whether it scrolls, and
/// the bottom of its lowest headline against the viewport.
const METRICS: &str = "const html = document.documentElement;
    const host = document.querySelector('news-headlines');
    const rows = host && host.shadowRoot ? Array.from(host.shadowRoot.querySelectorAll('li[part=item]')) : [];
    return { height: Math.ceil(html.getBoundingClientRect().height), scrolls: html.scrollHeight > html.clientHeight,
             viewport: innerHeight, lowestRow: Math.max(0, ...rows.map((r) => Math.ceil(r.getBoundingClientRect().bottom))) };";

/// Runs `check` inside iframe `index` of the page, then returns to the page.
async fn in_frame<T>(h: &Harness, index: u16, check: impl AsyncFnOnce(&Harness) -> T) -> T {
    h.client.enter_frame(index).await.expect("the frame");
    let result = check(h).await;
    h.client.enter_parent_frame().await.expect("back on the page");
    result
}

/// The messages the page recorded from iframe `frame` whose `type` is `kind`.
async fn messages(h: &Harness, frame: i64, kind: &str) -> Vec<Value> {
    let all = h.js("return window.messages;", vec![]).await;
    all.as_array().into_iter().flatten().filter(|m| m["frame"] == frame && m["data"]["type"] == kind).cloned().collect()
}

/// The heights of the page's iframes, in CSS pixels.
async fn frame_heights(h: &Harness) -> Vec<i64> {
    let heights = h
        .js("return Array.from(document.querySelectorAll('iframe'), (f) => Math.round(f.getBoundingClientRect().height));", vec![])
        .await;
    heights.as_array().into_iter().flatten().filter_map(Value::as_i64).collect()
}

/// Waits until the messages `script` returns (their data, in order) hold the
/// widget's update event, and returns them.
async fn until_update(h: &Harness, script: &str) -> Vec<Value> {
    let received = h
        .until("the update message", Duration::from_secs(10), script, |v| {
            v.as_array().is_some_and(|a| a.iter().any(|m| m["type"] == UPDATE_EVENT))
        })
        .await;
    received.as_array().cloned().unwrap_or_default()
}

/// Waits until iframe `frame` has the height it last reported, twice in a
/// row 300 ms apart (no size on its way), and returns it.
async fn sized(h: &Harness, frame: usize) -> i64 {
    let script = format!(
        "const f = document.querySelectorAll('iframe')[{frame}];
         const sizes = messages.filter((m) => m.frame === {frame} && m.data.type === '{}');
         return [Math.round(f.getBoundingClientRect().height), sizes.length ? sizes[sizes.length - 1].data.height : null];",
        embed::SIZE_MESSAGE
    );
    let mut previous = Value::Null;
    for _ in 0..60 {
        let seen = h.js(&script, vec![]).await;
        if seen[1].is_i64() && seen[0] == seen[1] && seen == previous {
            return seen[0].as_i64().unwrap_or_default();
        }
        previous = seen;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    panic!("iframe {frame} never took its reported height: {previous}");
}

/// The wasm's path in `dist/`, from the release manifest.
fn wasm_path() -> String {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/dist/news-headlines/", env!("CARGO_PKG_VERSION"), "/manifest.json");
    let manifest: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("dist/ is built")).expect("JSON");
    format!("/{}", str_of(&manifest["wasm"], "path"))
}

/// Clicks the first headline link of the widget in the current frame.
async fn click_first_headline(h: &Harness) {
    let link =
        h.js("return document.querySelector('news-headlines').shadowRoot.querySelector('a[part=link]');", vec![]).await;
    let id = link.as_object().and_then(|l| l.values().next()).and_then(Value::as_str).expect("an element reference");
    Element::from_element_id(h.client.clone(), ElementRef::from(id.to_owned())).click().await.expect("clicked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_page_that_runs_no_script_shows_headlines_through_the_iframe_at_the_height_from_limit() {
    let h = Harness::start().await;
    let feed = h.url("/feeds/latest-middle-east.json");
    let query = format!("src={feed}&heading=Latest&limit=3&accent=%23c00000&padding=red&theme=purple&colour=red");
    let frame = iframe(&embed_url(&h, &query), &SANDBOX, embed::fixed_height(3));
    let head = r#"<meta http-equiv="Content-Security-Policy" content="script-src 'none'">"#;
    open_elsewhere(&h, "/host/no-script.html", page(head, &frame)).await;
    let (widgets, look, metrics) = in_frame(&h, 0, async |h| {
        let widgets = h.settled(1).await;
        let look = h
            .js(
                "const host = document.querySelector('news-headlines'); const style = getComputedStyle(host);
                 return { accent: style.getPropertyValue('--nh-accent').trim(), padding: style.getPropertyValue('--nh-padding'),
                          theme: host.shadowRoot.querySelector('section').dataset.theme,
                          attributes: host.getAttributeNames().sort(), background: getComputedStyle(document.body).backgroundColor };",
                vec![],
            )
            .await;
        (widgets, look, h.js(METRICS, vec![]).await)
    })
    .await;
    let widget = &widgets[0];
    assert_eq!((str_of(widget, "state"), str_of(widget, "heading")), ("ready", "Latest"));
    assert_eq!(items(widget).len(), 3);
    let first = &items(widget)[0];
    assert_eq!(str_of(first, "title"), FIRST_MIDDLE_EAST);
    assert_eq!((str_of(first, "target"), str_of(first, "rel")), ("_blank", "noopener"));
    assert_eq!(
        look,
        json!({ "accent": "#c00000", "padding": "", "theme": "auto", "attributes": ["heading", "limit", "src", "state", "style", "theme"],
                "background": "rgba(0, 0, 0, 0)" }),
        "parameters set attributes and custom properties through the table; a bad theme falls back, a bad \
         padding and an unknown parameter are ignored; the page is transparent"
    );
    assert_eq!(metrics["scrolls"], false, "{metrics}");
    assert!(metrics["lowestRow"].as_i64() <= metrics["viewport"].as_i64(), "no row is clipped: {metrics}");
    let fixed = i64::from(embed::fixed_height(3));
    assert!((fixed - 1..=fixed).contains(&metrics["height"].as_i64().unwrap_or_default()), "{metrics}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_resizer_the_iframe_follows_its_content_through_a_failure_and_a_load() {
    let h = Harness::start().await;
    // The first frame's wasm fails to download: the loader's fallback shows.
    h.newsroom.fail_next(&wasm_path(), newsroom::Fault::Status(503), 1);
    let feed = h.url("/feeds/latest-middle-east.json");
    let failing = iframe(&embed_url(&h, &format!("src={feed}&heading=Around&limit=4")), &SANDBOX, 40);
    open_elsewhere(&h, "/host/resized.html", page(&format!("{}{RECORD}", resizer(&h)), &failing)).await;
    let (state, fallback) = in_frame(&h, 0, async |h| {
        let state = h.settled(1).await[0]["state"].clone();
        (state, h.js("return document.querySelector('news-headlines > p').textContent;", vec![]).await)
    })
    .await;
    let fallback_height = sized(&h, 0).await;
    assert_eq!((state, fallback), (json!("error"), json!("Around")), "the wasm failed: the fallback shows");
    assert!((1..200).contains(&fallback_height), "the iframe fits the fallback: {fallback_height}");
    let errors = messages(&h, 0, "news-headlines:error").await;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((&errors[0]["origin"], &errors[0]["data"]["detail"]["status"]), (&json!("null"), &Value::Null));

    // A second frame loads: it grows to its whole box, headlines and all.
    let loaded = iframe(&embed_url(&h, &format!("src={feed}&limit=4")), &SANDBOX, 40);
    h.js("document.body.insertAdjacentHTML('beforeend', arguments[0]); return null;", vec![json!(loaded)]).await;
    // Entered once it has loaded (Firefox replaces the initial about:blank's context).
    let size = format!("return messages.some((m) => m.frame === 1 && m.data.type === '{}');", embed::SIZE_MESSAGE);
    h.until("the second frame's first size", Duration::from_secs(20), &size, |v| *v == json!(true)).await;
    in_frame(&h, 1, async |h| h.settled(1).await).await;
    let height = sized(&h, 1).await;
    let metrics = in_frame(&h, 1, async |h| h.js(METRICS, vec![]).await).await;
    assert_eq!(metrics["height"].as_i64(), Some(height), "{metrics}");
    assert_eq!(metrics["scrolls"], false, "{metrics}");
    assert!(metrics["lowestRow"].as_i64() <= Some(height), "no row is clipped: {metrics}");
    let fixed = i64::from(embed::fixed_height(4));
    assert!((fixed - 1..=fixed).contains(&height), "the documented fixed height is the content's: {height} vs {fixed}");
    let sizes = messages(&h, 1, embed::SIZE_MESSAGE).await;
    for size in &sizes {
        let keys: Vec<&String> = size["data"].as_object().map(|o| o.keys().collect()).unwrap_or_default();
        assert_eq!(keys, ["height", "type"], "{size}");
    }
    assert_eq!(sizes.last().map(|s| s["data"]["height"].clone()), Some(json!(height)));
    assert_eq!(frame_heights(&h).await, [fallback_height, height]);
    h.stop().await;
}

/// A feed whose stories live on the newsroom (the widget's origin).
fn stories(h: &Harness) -> String {
    json!({"version": "https://jsonfeed.org/version/1.1", "title": "Local", "items": [
        {"id": "first", "title": "First story", "url": h.url("/story/first")},
        {"id": "second", "title": "Second story", "url": h.url("/story/second")}
    ]})
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_documented_sandbox_flags_work_and_each_one_fewer_fails_as_documented() {
    let h = Harness::start().await;
    h.newsroom.set_feed("local", stories(&h));
    h.newsroom.add_page("/story/first", page("", "<h1>first</h1>"));
    let src = embed_url(&h, &format!("src={}&limit=2&refresh=0", h.url("/feeds/local.json")));
    let without = |flag: &str| SANDBOX.iter().copied().filter(|f| *f != flag).collect::<Vec<_>>();
    let frames = [
        iframe(&src, &SANDBOX, 400),
        iframe(&src, &without("allow-scripts"), 400),
        iframe(&src, &without("allow-popups"), 400),
        iframe(&src, &without("allow-popups-to-escape-sandbox"), 400),
    ]
    .concat();
    open_elsewhere(&h, "/host/sandbox.html", page(RECORD, &frames)).await;
    let start = h.client.window().await.expect("the host window");

    for frame in [0, 2, 3] {
        let state = in_frame(&h, frame, async |h| h.settled(1).await[0]["state"].clone()).await;
        assert_eq!(state, "ready", "frame {frame}");
    }
    // Without allow-popups the click opens nothing; with every flag it opens
    // the article, unsandboxed and without an opener; without
    // allow-popups-to-escape-sandbox the article opens sandboxed (an opaque
    // origin: no cookies, no storage).
    let mut opened = Vec::new();
    for frame in [2, 0, 3] {
        in_frame(&h, frame, async |h| click_first_headline(h).await).await;
        let started = std::time::Instant::now();
        let windows = loop {
            let windows = h.client.windows().await.expect("windows");
            if windows.len() == 1 + opened.len() + usize::from(frame != 2)
                || started.elapsed() > Duration::from_secs(10)
            {
                break windows;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert_eq!(windows.len(), 1 + opened.len() + usize::from(frame != 2), "frame {frame}");
        if frame == 2 {
            continue; // without allow-popups nothing opens
        }
        let new = windows.into_iter().find(|w| *w != start && !opened.contains(w)).expect("a new window");
        h.client.switch_to_window(new.clone()).await.expect("the article's window");
        let article = h
            .until(
                "the article",
                Duration::from_secs(10),
                "return [location.pathname, window.origin, window.opener === null];",
                |v| v[0] == "/story/first",
            )
            .await;
        opened.push(new);
        h.client.switch_to_window(start.clone()).await.expect("back to the host");
        let expected =
            if frame == 0 { json!(["/story/first", h.url(""), true]) } else { json!(["/story/first", "null", true]) };
        assert_eq!(article, expected, "frame {frame}");
    }
    // The host heard every click, the one that opened nothing included.
    for frame in [0, 2, 3] {
        let clicks = messages(&h, frame, "news-headlines:click").await;
        assert_eq!(clicks.len(), 1, "frame {frame}: {clicks:?}");
        assert_eq!(
            clicks[0]["data"]["detail"],
            json!({"id": "first", "url": h.url("/story/first"), "position": 1, "feed": h.url("/feeds/local.json")})
        );
    }
    let all = h.js("return messages.map((m) => m.frame);", vec![]).await;
    assert!(
        all.as_array().is_some_and(|a| !a.is_empty() && !a.contains(&json!(1))),
        "without allow-scripts the frame stays empty and silent: {all}"
    );
    h.stop().await;
}

/// A page that claims to be the embed and asks for 999 pixels, once loaded.
const IMPOSTOR: &str =
    "<script>parent.postMessage({ type: 'news-headlines:size', height: 999 }, '*');</script><p>impostor</p>";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_resizer_ignores_messages_from_other_origins_other_pages_and_the_host_itself() {
    let h = Harness::start().await;
    h.newsroom.add_page("/fake/embed.html", page("", IMPOSTOR));
    h.newsroom.add_page("/host/impostor.html", page("", IMPOSTOR));
    let elsewhere = h.url("/fake/embed.html").replace("127.0.0.1", "localhost");
    let frames = [
        iframe(&embed_url(&h, &format!("src={}&limit=2", h.url("/feeds/latest-middle-east.json"))), &SANDBOX, 100),
        // embed.html by name, on another origin (the host's).
        format!(r#"<iframe src="{elsewhere}" height="100" style="border:0"></iframe>"#),
        // The widget's origin, another page.
        format!(r#"<iframe src="{}" height="100" style="border:0"></iframe>"#, h.url("/host/impostor.html")),
        // embed.html by name, on another origin, opaque like the real one.
        iframe(&elsewhere, &["allow-scripts"], 100),
    ]
    .concat();
    let host_itself = "<script>postMessage({ type: 'news-headlines:size', height: 999 }, '*');</script>";
    open_elsewhere(&h, "/host/impostors.html", page(&format!("{}{RECORD}{host_itself}", resizer(&h)), &frames)).await;
    let height = sized(&h, 0).await;
    let heard = h
        .until(
            "every impostor's message",
            Duration::from_secs(20),
            "return messages.filter((m) => m.data.height === 999).map((m) => m.frame).sort();",
            |v| v.as_array().is_some_and(|a| a.len() == 4),
        )
        .await;
    assert_eq!(heard, json!([-1, 1, 2, 3]));
    assert_eq!(frame_heights(&h).await, [height, 100, 100, 100], "only the embed's own message sized its frame");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amp_shaped_host_gets_embed_size_messages_of_amp_s_shape_before_the_headlines() {
    let h = Harness::start().await;
    let src = embed_url(&h, &format!("src={}&limit=3", h.url("/feeds/latest-middle-east.json")));
    // What amp-iframe does with them: `resizable`, a placeholder until the
    // first size, the height from `embed-size` messages of its own frame.
    let amp = format!(
        r#"<div class="amp-iframe" style="position: relative">{}<div placeholder id="placeholder">Loading…</div></div>
        <script>window.amp = [];
          addEventListener('message', (e) => {{
            const frame = document.querySelector('iframe');
            if (e.source !== frame.contentWindow) return;
            amp.push(e.data);
            if (e.data && e.data.sentinel === 'amp' && e.data.type === 'embed-size') {{
              frame.style.height = `${{e.data.height}}px`; document.getElementById('placeholder').hidden = true;
            }}
          }});</script>"#,
        iframe(&src, &SANDBOX, 300).replace("<iframe ", "<iframe resizable ")
    );
    open_elsewhere(&h, "/host/amp.html", page("", &amp)).await;
    in_frame(&h, 0, async |h| h.settled(1).await).await;
    let content = in_frame(&h, 0, async |h| h.js(METRICS, vec![]).await).await["height"].clone();
    let received = until_update(&h, "return amp;").await;
    let amp_sizes: Vec<&Value> = received.iter().filter(|m| m["sentinel"] == "amp").collect();
    assert!(!amp_sizes.is_empty() && amp_sizes.len() <= 3, "one per height change: {received:?}");
    for (at, message) in received.iter().enumerate() {
        if message["sentinel"] == "amp" {
            assert_eq!(message, &json!({"sentinel": "amp", "type": "embed-size", "height": message["height"]}));
            assert!(message["height"].as_u64().is_some(), "{message}");
            let pair = at.checked_sub(1).map(|before| &received[before]);
            assert_eq!(pair, Some(&json!({"type": embed::SIZE_MESSAGE, "height": message["height"]})), "{received:?}");
        }
    }
    let heights: Vec<&Value> = amp_sizes.iter().map(|m| &m["height"]).collect();
    assert!(heights.windows(2).all(|pair| pair[0] != pair[1]), "sent only when the height changes: {heights:?}");
    assert_eq!(heights.last(), Some(&&content), "the last size is the content's");
    let last_size = received.iter().rposition(|m| m["sentinel"] == "amp");
    let first_update = received.iter().position(|m| m["type"] == UPDATE_EVENT);
    assert!(last_size < first_update, "the frame has its final height before the headlines show: {received:?}");
    let shown = h
        .js(
            "return [document.getElementById('placeholder').hidden,
                     Math.round(document.querySelector('iframe').getBoundingClientRect().height)];",
            vec![],
        )
        .await;
    assert_eq!(shown, json!([true, content]));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_frame_out_of_view_reports_its_height_before_its_first_update() {
    let h = Harness::start().await;
    let src = embed_url(&h, &format!("src={}&limit=3", h.url("/feeds/latest-middle-east.json")));
    // Far below the fold: Chromium runs no rendering step, and so no
    // ResizeObserver callback, in a cross-origin frame out of view.
    let below = format!(r#"<div style="height: 5000px"></div>{}"#, iframe(&src, &SANDBOX, 300));
    open_elsewhere(&h, "/host/below.html", page(RECORD, &below)).await;
    let from_frame = "return messages.filter((m) => m.frame === 0).map((m) => m.data);";
    let received = until_update(&h, from_frame).await;
    let first_update = received.iter().position(|m| m["type"] == UPDATE_EVENT).unwrap_or_default();
    let sizes_before: Vec<&Value> =
        received[..first_update].iter().filter(|m| m["type"] == embed::SIZE_MESSAGE).map(|m| &m["height"]).collect();
    let content = in_frame(&h, 0, async |h| h.js(METRICS, vec![]).await).await;
    assert_eq!(sizes_before.last(), Some(&&content["height"]), "the content's height before the update: {received:?}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_links_to_an_example_that_embeds_by_iframe_and_resizes_it() {
    let h = Harness::start().await;
    h.client.goto(&h.url("/index.html")).await.expect("the demo opens");
    h.settled(4).await;
    h.js("document.querySelector('a[href=\"embed-example.html\"]').click(); return null;", vec![]).await;
    h.until("the example page", Duration::from_secs(10), "return location.pathname;", |v| v == "/embed-example.html")
        .await;
    let state = in_frame(&h, 0, async |h| h.settled(1).await[0]["state"].clone()).await;
    assert_eq!(state, "ready");
    let content = in_frame(&h, 0, async |h| h.js(METRICS, vec![]).await).await;
    let script = "return Math.round(document.querySelector('iframe').getBoundingClientRect().height);";
    h.until("the example's iframe to fit its content", Duration::from_secs(10), script, |v| *v == content["height"])
        .await;
    assert_eq!(content["scrolls"], false, "{content}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_configurator_s_iframe_and_amp_codes_are_pinned_preview_live_and_work_pasted_elsewhere() {
    let h = Harness::start().await;
    let feed = h.url("/feeds/latest-middle-east.json");
    let query = format!("?src={}&limit=4", feed.replace(':', "%3A").replace('/', "%2F"));
    h.client.goto(&h.url(&format!("/configure{query}"))).await.expect("the configurator opens");
    let script =
        "return ['embed-code', 'iframe-code', 'amp-code'].map((id) => document.getElementById(id)?.value ?? '');";
    let codes = h
        .until("the three codes", Duration::from_secs(20), script, |v| {
            v.as_array().is_some_and(|codes| codes.iter().all(|c| c.as_str().is_some_and(|c| !c.is_empty())))
        })
        .await;
    let (iframe_code, amp_code) = (codes[1].as_str().unwrap_or_default(), codes[2].as_str().unwrap_or_default());
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/dist/news-headlines/",
            env!("CARGO_PKG_VERSION"),
            "/manifest.json"
        ))
        .expect("dist/ is built"),
    )
    .expect("JSON");
    let page_src = format!(
        "src=\"{}?src={}&amp;limit=4\"",
        h.url(&format!("/news-headlines/{VERSION}/embed.html")),
        feed.replace(':', "%3A").replace('/', "%2F")
    );
    let height = format!("height=\"{}\"", embed::fixed_height(4));
    let sandbox = format!("sandbox=\"{}\"", SANDBOX.join(" "));
    let resizer = format!(
        "<script src=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\" async></script>",
        h.url(&format!("/news-headlines/{VERSION}/resizer.js")),
        str_of(&manifest["embed"]["resizer"], "integrity")
    );
    for part in [&page_src, &height, &sandbox, &resizer] {
        assert!(iframe_code.contains(part.as_str()), "{part} in {iframe_code}");
    }
    assert!(amp_code.starts_with(&format!("<amp-iframe {page_src}")), "{amp_code}");
    for part in [&height, &sandbox] {
        assert!(amp_code.contains(part.as_str()), "{part} in {amp_code}");
    }

    // The iframe code's preview, opened: the embed page it names, live.
    assert_eq!(frame_heights(&h).await, Vec::<i64>::new(), "closed previews load nothing");
    let listen = RECORD.trim_start_matches("<script>").trim_end_matches("</script>");
    // In view: Chromium renders (and so observes sizes in) no cross-origin frame out of view.
    let open = "const details = document.getElementById('iframe-code').parentElement.querySelector('details');
        details.open = true; details.scrollIntoView(); return null;";
    h.js(&format!("{listen}\n{open}"), vec![]).await;
    let size = format!("return messages.some((m) => m.frame === 0 && m.data.type === '{}');", embed::SIZE_MESSAGE);
    h.until("the preview's first size", Duration::from_secs(20), &size, |v| *v == json!(true)).await;
    let previewed = in_frame(&h, 0, async |h| h.settled(1).await).await;
    assert_eq!((str_of(&previewed[0], "state"), items(&previewed[0]).len()), ("ready", 4));

    // The iframe code pasted into a page on another origin: headlines, sized by the resizer.
    open_elsewhere(&h, "/host/pasted.html", page("", iframe_code)).await;
    let content = in_frame(&h, 0, async |h| {
        h.settled(1).await;
        h.js(METRICS, vec![]).await
    })
    .await;
    let frame = "return Math.round(document.querySelector('iframe').getBoundingClientRect().height);";
    h.until("the pasted iframe to fit its content", Duration::from_secs(10), frame, |v| *v == content["height"]).await;
    assert_eq!(content["scrolls"], false, "{content}");
    h.stop().await;
}
