//! What publishers and partners rely on: click attribution with the
//! partner's link parameters, and the strictest host pages (a strict CSP
//! with Trusted Types enforced).

use crate::{items, page, str_of, widget};
use fantoccini::elements::{Element, ElementRef};
use harness::Harness;
use serde_json::json;
use std::time::Duration;

/// A feed whose stories live on the newsroom itself, so opening one lands on a page.
fn local_stories() -> String {
    json!({"version": "https://jsonfeed.org/version/1.1", "title": "Local", "items": [
        {"id": "first", "title": "First story", "url": "/story/first?section=me"},
        {"id": "second", "title": "Second story", "url": "/story/second?utm_source=publisher"},
        {"id": "third", "title": "Third story", "url": "javascript:alert(1)"}
    ]})
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_a_headline_reports_it_and_lands_with_the_link_params_without_delay() {
    let h = Harness::start().await;
    h.newsroom.set_feed("local", local_stories());
    for story in ["first", "second"] {
        h.newsroom.add_page(&format!("/story/{story}"), page("", &format!("<h1 id=\"story\">{story}</h1>")));
    }
    // Clicks are kept in sessionStorage: they must be recorded before the page is left.
    let record = "<script>document.addEventListener('news-headlines:click', (e) => {
        const clicks = JSON.parse(sessionStorage.getItem('clicks') || '[]');
        clicks.push({ detail: e.detail, composed: e.composed, bubbles: e.bubbles });
        sessionStorage.setItem('clicks', JSON.stringify(clicks)); });</script>";
    let attrs = r#"src="/feeds/local.json" target="_self" refresh="0" link-params="utm_source=partner&utm_medium=widget&section=ignored""#;
    let body = format!("{}{record}", widget(attrs));
    h.open_page("/host/partner.html", &page(r#"<script src="/news-headlines.js" async></script>"#, &body)).await;
    let widgets = h.settled(1).await;
    let hrefs: Vec<&str> = items(&widgets[0]).iter().map(|i| str_of(i, "href")).collect();
    let base = h.url("/story");
    assert_eq!(
        hrefs,
        [
            format!("{base}/first?section=me&utm_source=partner&utm_medium=widget").as_str(),
            format!("{base}/second?utm_source=publisher&utm_medium=widget&section=ignored").as_str(),
            ""
        ],
        "http(s) links get the parameters they lack; the publisher's own stay; unsafe links stay unlinked"
    );

    // A real click on the second headline: the browser navigates at once.
    let link = h
        .js("return document.querySelector('news-headlines').shadowRoot.querySelectorAll('a[part=link]')[1];", vec![])
        .await;
    let id = link.as_object().and_then(|l| l.values().next()).and_then(|id| id.as_str()).expect("an element reference");
    let link = Element::from_element_id(h.client.clone(), ElementRef::from(id.to_owned()));
    link.click().await.expect("the link is clicked");
    let started = std::time::Instant::now();
    loop {
        let url = h.client.current_url().await.expect("a url");
        if url.path() == "/story/second" {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "no navigation: {url}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let clicks = h.js("return JSON.parse(sessionStorage.getItem('clicks') || '[]');", vec![]).await;
    assert_eq!(
        clicks,
        json!([{ "detail": { "id": "second", "url": hrefs[1], "position": 2, "feed": h.url("/feeds/local.json") },
                 "composed": true, "bubbles": true }])
    );
    assert_eq!(h.js("return document.querySelector('#story').textContent;", vec![]).await, json!("second"));
    h.stop().await;
}

/// Violations of the page's policy, recorded before the widget loads, and a
/// trap as the browser reports one, raised from the page (Firefox runs
/// WebDriver scripts in a sandbox whose `WebAssembly` is not the page's).
const VIOLATIONS: &str = "window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
    window.trap = () => dispatchEvent(new ErrorEvent('error', { error: new WebAssembly.RuntimeError('unreachable'), message: 'unreachable' }));";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_under_trusted_types_and_a_strict_csp_in_every_state() {
    let h = Harness::start().await;
    h.newsroom.add_asset("/host/violations.js", "text/javascript", VIOLATIONS.as_bytes().to_vec());
    let csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; \
               img-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'";
    let head = format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{csp}"><script src="/host/violations.js"></script><script src="/news-headlines.js" async></script>"#
    );
    let body = [
        widget(r#"src="/feeds/latest-middle-east.json" limit="3" refresh="0" id="ready""#),
        widget(r#"src="/feeds/missing.json" refresh="0" id="error""#),
        widget(r#"src="/feeds/around-arab-news.json" limit="2" refresh="0" id="stale""#),
    ]
    .concat();
    h.open_page("/host/trusted-types.html", &page(&head, &body)).await;
    let widgets = h.settled(3).await;
    let states: Vec<&str> = widgets.iter().map(|w| str_of(w, "state")).collect();
    assert_eq!(states, ["ready", "error", "ready"]);
    assert_eq!(items(&widgets[0]).len(), 3);

    h.newsroom.fail_next("/feeds/around-arab-news.json", newsroom::Fault::Status(503), 1);
    h.js("document.querySelector('#stale').refresh(); return null;", vec![]).await;
    h.wait_for("stale", Duration::from_secs(10), |w| w.get(2).is_some_and(|w| str_of(w, "state") == "stale")).await;
    // The publisher's fallback, as a trap leaves it.
    h.js("window.trap(); return null;", vec![]).await;
    let seen = h
        .js(
            "return { violations: window.violations,
                      fallback: Array.from(document.querySelectorAll('news-headlines')).map((host) =>
                        host.shadowRoot.querySelector('slot') !== null && host.getAttribute('state')) };",
            vec![],
        )
        .await;
    assert_eq!(seen["violations"], json!([]), "{seen}");
    assert_eq!(seen["fallback"], json!(["error", "error", "error"]), "{seen}");
    // The policy really is enforced (where the engine has Trusted Types): an
    // HTML string is refused, as it would have been from the widget.
    let enforced = h
        .js(
            "try { document.createElement('div').innerHTML = '<b>x</b>'; return false; } catch (e) { return true; }",
            vec![],
        )
        .await;
    if h.engine == harness::browsers::Engine::Chromium {
        assert_eq!(enforced, json!(true), "Chromium enforces require-trusted-types-for");
    }
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_element_s_methods_are_the_listed_ones_and_refresh_sets_the_attribute_and_reads_as_the_method() {
    let h = Harness::start().await;
    let path = "/feeds/latest-middle-east.json";
    h.open_page(
        "/host/refresh-property.html",
        &page(r#"<script src="/news-headlines.js" async></script>"#, &widget(&format!(r#"src="{path}" refresh="0""#))),
    )
    .await;
    h.settled(1).await;
    // The class's own members, but the lifecycle callbacks: what the npm package's types and manifest list.
    let members = h
        .js(
            "const lifecycle = ['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback', 'adoptedCallback'];
             return Object.getOwnPropertyNames(customElements.get('news-headlines').prototype).filter((n) => !lifecycle.includes(n)).sort();",
            vec![],
        )
        .await;
    let listed: Vec<&str> = news_headlines::manifest::METHODS.iter().map(|m| m.name).collect();
    assert_eq!(members, json!(listed), "METHODS (src/manifest.rs) are the element's methods");
    // What React 19, Preact and Vue do with a `refresh` prop: set the property.
    let attribute = h
        .js(
            "const w = document.querySelector('news-headlines'); w.refresh = 45; return w.getAttribute('refresh');",
            vec![],
        )
        .await;
    assert_eq!(attribute, json!("45"));
    let before = h.newsroom.requests(path);
    h.js("document.querySelector('news-headlines').refresh(); return typeof document.querySelector('news-headlines').refresh;", vec![])
        .await;
    let started = std::time::Instant::now();
    while h.newsroom.requests(path) == before {
        assert!(started.elapsed() < Duration::from_secs(5), "refresh() fetched nothing");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    h.stop().await;
}

/// `dist/news-headlines/<version>/manifest.json`: the versioned files and their integrity.
fn release_manifest() -> serde_json::Value {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/dist/news-headlines/", env!("CARGO_PKG_VERSION"), "/manifest.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("dist/ is built")).expect("a manifest")
}

fn dist_file(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/dist/{path}", env!("CARGO_MANIFEST_DIR"))).expect("a built file")
}

/// Records the widget's error events and whether the script failed to load.
const WATCH: &str = "window.widgetErrors = []; window.scriptFailed = false;
    document.addEventListener('news-headlines:error', (e) => widgetErrors.push(e.detail.message));";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pinned_loader_runs_and_tampered_files_never_do() {
    let h = Harness::start().await;
    let manifest = release_manifest();
    let (loader_path, loader_integrity) =
        (str_of(&manifest["loader"], "path"), str_of(&manifest["loader"], "integrity"));
    let wasm_path = str_of(&manifest["wasm"], "path");
    let wasm_name = wasm_path.rsplit('/').next().unwrap_or_default();
    h.newsroom.add_asset("/host/watch.js", "text/javascript", WATCH.as_bytes().to_vec());
    let page_with = |script: String| {
        page(
            &format!(r#"<script src="/host/watch.js"></script>{script}"#),
            &widget(r#"src="/feeds/latest-middle-east.json" refresh="0""#),
        )
    };

    // The snippet a publisher pastes: the versioned loader, pinned.
    let pinned = format!(
        r#"<script src="/{loader_path}" integrity="{loader_integrity}" crossorigin="anonymous" async></script>"#
    );
    h.open_page("/host/pinned.html", &page_with(pinned)).await;
    let widgets = h.settled(1).await;
    assert_eq!(str_of(&widgets[0], "state"), "ready", "the pinned loader and the wasm it pins run");

    // One byte of the wasm flipped on the "CDN": the loader refuses it.
    let mut wasm = dist_file(wasm_path);
    let middle = wasm.len() / 2;
    wasm[middle] ^= 1;
    h.newsroom.add_asset("/tampered-wasm/news-headlines.js", "text/javascript", dist_file(loader_path));
    h.newsroom.add_asset(&format!("/tampered-wasm/{wasm_name}"), "application/wasm", wasm);
    h.open_page(
        "/host/tampered-wasm.html",
        &page_with(r#"<script src="/tampered-wasm/news-headlines.js" async></script>"#.into()),
    )
    .await;
    let widgets = h.settled(1).await;
    assert_eq!(str_of(&widgets[0], "state"), "error");
    let seen = h
        .js(
            "const host = document.querySelector('news-headlines');
             return { errors: window.widgetErrors,
                      fallback: host.querySelector('a.fallback').getBoundingClientRect().height > 0
                        && host.shadowRoot.querySelector('slot') !== null,
                      items: host.shadowRoot.querySelectorAll('li').length };",
            vec![],
        )
        .await;
    assert_eq!(seen["fallback"], json!(true), "{seen}");
    assert_eq!(seen["items"], json!(0), "{seen}");
    let errors = seen["errors"].as_array().cloned().unwrap_or_default();
    assert!(
        errors.len() == 1 && errors[0].as_str().is_some_and(|m| m.contains("failed its integrity check")),
        "the error event says why: {seen}"
    );

    // One byte of the loader (which carries the glue) flipped: the page's pin refuses it.
    let mut loader = dist_file(loader_path);
    let at = loader.iter().position(|b| *b == b'(').unwrap_or(0);
    loader[at] = b'[';
    h.newsroom.add_asset("/tampered-glue/news-headlines.js", "text/javascript", loader);
    let pinned = format!(
        r#"<script src="/tampered-glue/news-headlines.js" integrity="{loader_integrity}" crossorigin="anonymous" onerror="scriptFailed = true"></script>"#
    );
    h.open_page("/host/tampered-glue.html", &page_with(pinned)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let seen = h
        .js(
            "const host = document.querySelector('news-headlines');
             return { defined: customElements.get('news-headlines') !== undefined, scriptFailed: window.scriptFailed,
                      fallback: host.querySelector('a.fallback').getBoundingClientRect().height > 0 };",
            vec![],
        )
        .await;
    assert_eq!(seen, json!({"defined": false, "scriptFailed": true, "fallback": true}), "nothing of it ran");
    h.stop().await;
}
