//! Hostile feeds, broken networks and hostile pages: the widget says what
//! went wrong, recovers, never runs feed content, and renders anyway.

use crate::{items, page, str_of, widget, TRAPS};
use harness::Harness;
use newsroom::{Fault, OVERSIZED_BYTES};
use serde_json::{json, Value};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn network_faults_get_their_own_message_then_recover() {
    let h = Harness::start().await;
    let sample =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/feeds/around-arab-news.json")).expect("feed");
    let faults = [
        ("f500", Fault::Status(500), "The feed answered HTTP 500", "status"),
        ("f404", Fault::Status(404), "The feed answered HTTP 404", "status"),
        ("badjson", Fault::BadJson, "The feed is not valid JSON", "not-json"),
        ("truncated", Fault::Truncated, "The feed’s answer was cut off", "truncated"),
        ("wrongtype", Fault::WrongContentType, "The feed was sent as text/html, not JSON", "content-type"),
        ("nocors", Fault::NoCors, "Couldn’t reach the feed (offline, or blocked by CORS)", "network"),
        ("hang", Fault::Hang, "The feed did not answer within 10 s", "timeout"),
        ("oversized", Fault::Oversized, "The feed is too large (65536 KB; the limit is 2048 KB)", "too-large"),
    ];
    // The listener comes before the widgets: a busy parser may yield to a first load that fails.
    let mut body = format!(
        "{TRAPS}<script>window.firstErrors = {{}}; document.addEventListener('news-headlines:error', (e) => {{
           const src = new URL(e.target.getAttribute('src')).pathname;
           if (!(src in firstErrors)) firstErrors[src] = e.detail; }});</script>"
    );
    for (name, fault, _, _) in &faults {
        h.newsroom.set_feed(name, sample.clone());
        h.newsroom.fail_next(&format!("/feeds/{name}.json"), *fault, 1);
        // Absolute URLs on 127.0.0.1 from a page on localhost: cross-origin, so CORS applies.
        body.push_str(&widget(&format!(r#"src="{}" refresh="5" limit="3""#, h.url(&format!("/feeds/{name}.json")))));
    }
    h.newsroom.add_page(
        "/host/faults.html",
        page(&format!(r#"<script src="{}"></script>"#, h.url("/news-headlines.js")), &body),
    );
    h.client.goto(&h.url("/host/faults.html").replace("127.0.0.1", "localhost")).await.expect("page opens");

    let first_errors = h
        .until("every first load to fail", Duration::from_secs(20), "return window.firstErrors;", |errors| {
            errors.as_object().map(|e| e.len()) == Some(faults.len())
        })
        .await;
    for (name, fault, message, code) in &faults {
        let status = match fault {
            Fault::Status(status) => json!(status),
            _ => Value::Null,
        };
        assert_eq!(
            first_errors[format!("/feeds/{name}.json")],
            json!({"message": message, "code": code, "status": status}),
            "{name}"
        );
    }

    let recovered = |w: &[Value]| w.iter().all(|w| str_of(w, "state") == "ready" && items(w).len() == 3);
    h.wait_for("every widget to recover", Duration::from_secs(30), recovered).await;
    assert_eq!(h.js("return window.pageErrors;", vec![]).await, json!([]));
    // The oversized body was refused unread: the browser did not download it.
    let oversized = h.newsroom.oversized();
    assert!(oversized.ended && oversized.sent < OVERSIZED_BYTES / 4, "{oversized:?}");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fixture_of_the_hostile_corpus_settles_without_running_anything() {
    let h = Harness::start().await;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the fixture corpus") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let name: String = stem.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
        let bytes = std::fs::read(&path).expect("fixture");
        h.newsroom.set_feed(&format!("hostile-{name}"), String::from_utf8_lossy(&bytes).into_owned());
        names.push(name);
    }
    assert!(names.len() >= 40, "the corpus has {} fixtures", names.len());
    // Generated giants: 10,000 items, and a 5 MB body.
    let many: Vec<Value> = (0..10_000).map(|i| json!({"id": i, "title": format!("Story {i}")})).collect();
    h.newsroom.set_feed(
        "hostile-ten-thousand",
        json!({"version": "https://jsonfeed.org/version/1.1", "items": many}).to_string(),
    );
    let padding = "x".repeat(5 * 1024 * 1024);
    h.newsroom.set_feed(
        "hostile-five-mb",
        json!({"version": "https://jsonfeed.org/version/1.1", "items": [], "padding": padding}).to_string(),
    );
    names.extend(["ten-thousand".to_owned(), "five-mb".to_owned()]);

    let healthy = widget(r#"src="/feeds/latest-middle-east.json" id="healthy""#);
    let body: String = std::iter::once(healthy)
        .chain(names.iter().map(|n| widget(&format!(r#"src="/feeds/hostile-{n}.json" refresh="0""#))))
        .collect();
    h.open_page("/host/corpus.html", &page(&format!(r#"{TRAPS}<script src="/news-headlines.js"></script>"#), &body))
        .await;
    let widgets = h.settled(names.len() + 1).await;

    assert_eq!(str_of(&widgets[0], "state"), "ready", "the healthy widget keeps working");
    assert_eq!(items(&widgets[0]).len(), 10);
    for (name, w) in names.iter().zip(&widgets[1..]) {
        for href in w["hrefs"].as_array().into_iter().flatten() {
            let href = href.as_str().unwrap_or_default();
            assert!(href.starts_with("http://") || href.starts_with("https://"), "{name}: href {href}");
        }
    }
    let by_name = |n: &str| names.iter().position(|x| x == n).and_then(|i| widgets.get(i + 1)).expect(n);
    assert_eq!(items(by_name("ten-thousand")).len(), 10);
    assert_eq!(str_of(by_name("five-mb"), "state"), "error");
    assert!(str_of(by_name("five-mb"), "status").starts_with("The feed is too large"));
    assert_eq!(h.js("return window.pwned === undefined && window.pageErrors;", vec![]).await, json!([]));
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_under_a_strict_content_security_policy() {
    let h = Harness::start().await;
    let csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self'";
    let head = format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{csp}"><script src="/news-headlines.js" async></script>"#
    );
    h.open_page("/host/csp.html", &page(&head, &widget(r#"src="/feeds/latest-middle-east.json" limit="3""#))).await;
    let widgets = h.settled(1).await;
    assert_eq!((str_of(&widgets[0], "state"), items(&widgets[0]).len()), ("ready", 3));
    let styled = h
        .js(
            "const h2 = document.querySelector('news-headlines').shadowRoot.querySelector('[part=heading]');
             return getComputedStyle(h2).textTransform;",
            vec![],
        )
        .await;
    assert_eq!(styled, json!("uppercase"), "the widget's stylesheet applies under the CSP");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_host_pages_do_not_break_the_layout() {
    let h = Harness::start().await;
    let script = r#"<script src="/news-headlines.js" async></script>"#;
    let aggressive = "<style>* { all: unset !important; } li { display: none !important; } \
                      html, body { font-size: 72px !important; letter-spacing: 1em !important; }</style>";
    let widget_html = widget(r#"src="/feeds/latest-middle-east.json" limit="3""#);
    let pages = [
        ("aggressive", page(&format!("{aggressive}{script}"), &widget_html)),
        ("quirks", format!("<html><head>{script}</head><body>{widget_html}</body></html>")),
        ("rtl", page(script, &widget_html).replace("<html lang=\"en\">", "<html lang=\"ar\" dir=\"rtl\">")),
    ];
    for (name, html) in pages {
        h.open_page(&format!("/host/{name}.html"), &html).await;
        let widgets = h.settled(1).await;
        assert_eq!((str_of(&widgets[0], "state"), items(&widgets[0]).len()), ("ready", 3), "{name}");
        let layout = h
            .js(
                "const root = document.querySelector('news-headlines').shadowRoot;
                 const items = Array.from(root.querySelectorAll('li[part=item]'));
                 const link = root.querySelector('[part=link]');
                 return { visible: items.every((li) => li.getBoundingClientRect().height > 0),
                          fontSize: getComputedStyle(link).fontSize,
                          letterSpacing: getComputedStyle(link).letterSpacing,
                          dir: root.querySelector('section').getAttribute('dir'),
                          compatMode: document.compatMode };",
                vec![],
            )
            .await;
        assert_eq!(layout["visible"], json!(true), "{name}: {layout}");
        assert_eq!(layout["fontSize"], json!("16px"), "{name}: {layout}");
        assert_eq!(layout["letterSpacing"], json!("normal"), "{name}: {layout}");
        assert_eq!(layout["dir"], json!("ltr"), "{name}: an English feed reads left to right");
        if name == "quirks" {
            assert_eq!(layout["compatMode"], json!("BackCompat"));
        }
    }
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_are_followed_and_judged_by_where_they_land() {
    let h = Harness::start().await;
    h.newsroom.add_redirect("/moved/latest.json", "/feeds/latest-middle-east.json");
    h.newsroom.add_redirect("/moved/to-a-page.json", "/index.html");
    h.newsroom.add_redirect("/moved/nowhere.json", "/feeds/nowhere.json");
    let body =
        ["latest", "to-a-page", "nowhere"].map(|name| widget(&format!(r#"src="/moved/{name}.json" refresh="0""#)));
    h.open_page("/host/redirects.html", &page(r#"<script src="/news-headlines.js"></script>"#, &body.concat())).await;
    let widgets = h.settled(3).await;
    let seen: Vec<(&str, &str)> = widgets.iter().map(|w| (str_of(w, "state"), str_of(w, "status"))).collect();
    assert_eq!(
        seen,
        [
            ("ready", "Updated now"),
            ("error", "The feed was sent as text/html, not JSON"),
            ("error", "The feed answered HTTP 404")
        ]
    );
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trap_in_the_module_puts_every_widget_back_on_its_fallback() {
    let h = Harness::start().await;
    // What the browser reports when wasm code hits `unreachable` (a Rust panic
    // with panic = "abort"), raised by the page itself: Firefox runs WebDriver
    // scripts in a sandbox with its own `WebAssembly`, whose errors are not
    // the page's `WebAssembly.RuntimeError`.
    let body = format!(
        "{}{}<script>window.errorEvents = []; document.addEventListener('news-headlines:error', (e) => errorEvents.push(e.detail));
           window.trap = () => dispatchEvent(new ErrorEvent('error', {{ error: new WebAssembly.RuntimeError('unreachable'), message: 'unreachable' }}));</script>",
        widget(r#"src="/feeds/latest-middle-east.json" refresh="0""#),
        widget(r#"src="/feeds/around-arab-news.json" refresh="0""#),
    );
    h.open_page("/host/trap.html", &page(r#"<script src="/news-headlines.js"></script>"#, &body)).await;
    h.settled(2).await;
    let after = h
        .js(
            "window.trap();
             const late = document.createElement('news-headlines');
             late.setAttribute('src', '/feeds/latest-middle-east.json');
             document.body.append(late);
             return Array.from(document.querySelectorAll('news-headlines')).map((host) => ({
               state: host.getAttribute('state'),
               shadow: host.shadowRoot ? Array.from(host.shadowRoot.childNodes).map((n) => n.nodeName) : null,
               fallback: Array.from(host.children).some((a) => a.getBoundingClientRect().height > 0),
             })).concat([window.errorEvents]);",
            vec![],
        )
        .await;
    let fell_back = json!({"state": "error", "shadow": ["SLOT"], "fallback": true});
    let event = json!({"message": "unreachable", "code": "stopped", "status": null});
    assert_eq!(
        after,
        json!([fell_back, fell_back, {"state": null, "shadow": null, "fallback": false}, [event, event]])
    );
    h.stop().await;
}
