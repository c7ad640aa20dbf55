use super::*;
use crate::http::{html_page, is_content_hashed, BAD_JSON, LATE};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use news_headlines::manifest::VERSION;
use serving::{Coding, Forms, FEED_TYPE, IMMUTABLE};
use std::path::Path;
use std::sync::OnceLock;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

const FEED: &str = "/feeds/en.json";
const HASHED_WASM: &str = "news-headlines-0123456789abcdef_bg.wasm";

/// The fixture folder (written once per test run, only read by tests): two
/// small feeds and a tiny `dist/`.
fn fixture() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(write_fixture)
}

fn write_fixture() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsroom-tests-{}", std::process::id()));
    let feed = |language: &str| {
        json!({
            "version": "https://jsonfeed.org/version/1.1", "title": "Test", "language": language,
            "items": [
                {"id": "b", "title": "B", "date_published": "2016-09-28T16:40:00+03:00", "date_modified": "2016-09-28T17:00:00+03:00"},
                {"id": "a", "title": "A", "date_published": "2016-09-28T13:40:00+03:00"},
            ],
        })
        .to_string()
    };
    let files = [
        ("feeds/en.json", feed("en")),
        ("feeds/ar.json", feed("ar")),
        ("feeds/notes.txt", "not a feed".into()),
        ("dist/index.html", "<!doctype html><title>demo</title>".into()),
        ("dist/configure.html", "<!doctype html><title>configure</title>".into()),
        ("dist/news-headlines.js", "import('./x.js');".into()),
        ("dist/embed.html", "<!doctype html><title>embed</title>".into()),
        (&format!("dist/news-headlines/{VERSION}/embed.html"), "<!doctype html><title>embed</title>".into()),
        (&format!("dist/news-headlines/{VERSION}/manifest.json"), json!({"embed": {"csp": EMBED_POLICY}}).to_string()),
        (&format!("dist/{HASHED_WASM}"), "\0asm".into()),
    ];
    for (path, body) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, body).unwrap();
    }
    // The loader's precompressed forms, as the build writes them.
    let loader = Forms::new(fs::read(dir.join("dist/news-headlines.js")).unwrap()).unwrap();
    for coding in [Coding::Brotli, Coding::Gzip] {
        fs::write(dir.join(format!("dist/news-headlines.js{}", coding.suffix())), loader.body(coding)).unwrap();
    }
    dir
}

fn newsroom_in(dir: &Path, rebase_dates: bool) -> Newsroom {
    let config = Config { dist: dir.join("dist"), feeds: dir.join("feeds"), publish_every: None, rebase_dates };
    Newsroom::load(config).unwrap()
}

fn newsroom() -> (Newsroom, Router) {
    let newsroom = newsroom_in(fixture(), false);
    let router = newsroom.router();
    (newsroom, router)
}

async fn send(router: &Router, method: Method, uri: &str, headers: &[(header::HeaderName, &str)]) -> Response {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    router.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap()
}

async fn get(router: &Router, uri: &str) -> Response {
    send(router, Method::GET, uri, &[]).await
}

fn header(response: &Response, name: header::HeaderName) -> &str {
    response.headers().get(name).map_or("", |value| value.to_str().unwrap())
}

async fn text(response: Response) -> String {
    String::from_utf8(axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap()
}

async fn items(router: &Router) -> Vec<Value> {
    let doc: Value = serde_json::from_str(&text(get(router, FEED).await).await).unwrap();
    doc["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn feeds_carry_validators_cache_and_cors_headers() {
    let (_, router) = newsroom();
    let response = get(&router, FEED).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, header::CONTENT_TYPE), FEED_TYPE);
    assert!(header(&response, header::ETAG).starts_with('"'));
    assert!(httpdate::parse_http_date(header(&response, header::LAST_MODIFIED)).is_ok());
    assert_eq!(header(&response, header::CACHE_CONTROL), "no-cache");
    assert_eq!(header(&response, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
    assert_eq!(header(&response, header::ACCESS_CONTROL_EXPOSE_HEADERS), "ETag, Last-Modified, Date, Age");
    assert_eq!(items(&router).await[0]["id"], "b");
    assert_eq!(get(&router, "/feeds/missing.json").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(get(&router, "/feeds/notes.json").await.status(), StatusCode::NOT_FOUND);
}

async fn body(response: Response) -> Vec<u8> {
    axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec()
}

#[tokio::test]
async fn feeds_and_files_are_sent_in_the_coding_accept_encoding_asks_for() {
    let (_, router) = newsroom();
    let plain = get(&router, FEED).await;
    let identity_etag = header(&plain, header::ETAG).to_owned();
    let json = Forms::new(body(plain).await).unwrap();
    for (accept, coding) in [("gzip, deflate, br", Coding::Brotli), ("br;q=0, gzip", Coding::Gzip)] {
        let response = send(&router, Method::GET, FEED, &[(header::ACCEPT_ENCODING, accept)]).await;
        assert_eq!(header(&response, header::CONTENT_ENCODING), coding.header().unwrap(), "{accept}");
        assert_eq!(header(&response, header::VARY), "Accept-Encoding");
        let etag = header(&response, header::ETAG).to_owned();
        assert_ne!(etag, identity_etag, "each coding has its own entity tag");
        assert_eq!(body(response).await, json.body(coding)[..], "{accept}");
        let again = [(header::ACCEPT_ENCODING, accept), (header::IF_NONE_MATCH, &etag)];
        assert_eq!(send(&router, Method::GET, FEED, &again).await.status(), StatusCode::NOT_MODIFIED);
    }
    let loader = Forms::new(fs::read(fixture().join("dist/news-headlines.js")).unwrap()).unwrap();
    let response = send(&router, Method::GET, "/news-headlines.js", &[(header::ACCEPT_ENCODING, "br")]).await;
    assert_eq!(header(&response, header::CONTENT_ENCODING), "br");
    assert_eq!(header(&response, header::CONTENT_TYPE), "text/javascript");
    assert_eq!(body(response).await, loader.body(Coding::Brotli)[..]);
    let response = get(&router, "/news-headlines.js").await;
    assert_eq!(header(&response, header::CONTENT_ENCODING), "");
    assert_eq!(text(response).await, "import('./x.js');");
}

#[tokio::test]
async fn if_none_match_answers_304_without_body() {
    let (_, router) = newsroom();
    let etag = header(&get(&router, FEED).await, header::ETAG).to_owned();
    for tags in [etag.clone(), format!("W/{etag}"), format!("\"other\", {etag}"), "*".into()] {
        let response = send(&router, Method::GET, FEED, &[(header::IF_NONE_MATCH, &tags)]).await;
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED, "{tags}");
        assert_eq!(header(&response, header::ETAG), etag);
        assert_eq!(header(&response, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
        assert_eq!(text(response).await, "");
    }
    let stale = send(&router, Method::GET, FEED, &[(header::IF_NONE_MATCH, "\"other\"")]).await;
    assert_eq!(stale.status(), StatusCode::OK);
}

#[tokio::test]
async fn if_modified_since_answers_304_until_the_feed_changes() {
    let (newsroom, router) = newsroom();
    let modified = header(&get(&router, FEED).await, header::LAST_MODIFIED).to_owned();
    let response = send(&router, Method::GET, FEED, &[(header::IF_MODIFIED_SINCE, &modified)]).await;
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    let earlier = httpdate::fmt_http_date(httpdate::parse_http_date(&modified).unwrap() - Duration::from_secs(1));
    let response = send(&router, Method::GET, FEED, &[(header::IF_MODIFIED_SINCE, &earlier)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    newsroom.publish("en").unwrap();
    let response = send(&router, Method::GET, FEED, &[(header::IF_MODIFIED_SINCE, &modified)]).await;
    assert_eq!(response.status(), StatusCode::OK, "a change moves Last-Modified forward");
}

#[tokio::test]
async fn status_faults_run_out_and_keep_cors() {
    let (newsroom, router) = newsroom();
    newsroom.fail_next(FEED, Fault::Status(503), 2);
    for _ in 0..2 {
        let response = get(&router, FEED).await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(header(&response, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
    }
    assert_eq!(get(&router, FEED).await.status(), StatusCode::OK);
    newsroom.fail_next("/index.html", Fault::Status(404), 1);
    assert_eq!(get(&router, "/index.html").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(get(&router, "/index.html").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn not_modified_fault_answers_304_regardless() {
    let (newsroom, router) = newsroom();
    newsroom.fail_next(FEED, Fault::NotModified, 1);
    assert_eq!(get(&router, FEED).await.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(get(&router, FEED).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn hang_fault_never_answers_then_runs_out() {
    let (newsroom, router) = newsroom();
    newsroom.fail_next(FEED, Fault::Hang, 1);
    let hung = tokio::time::timeout(Duration::from_millis(200), get(&router, FEED)).await;
    assert!(hung.is_err(), "answered while hanging");
    let answered = tokio::time::timeout(Duration::from_secs(5), get(&router, FEED)).await;
    assert_eq!(answered.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn late_fault_sends_the_answer_made_on_arrival_later() {
    let (newsroom, router) = newsroom();
    newsroom.fail_next(FEED, Fault::Late, 1);
    let started = std::time::Instant::now();
    let late = tokio::spawn({
        let router = router.clone();
        async move { items(&router).await }
    });
    while newsroom.requests(FEED) == 0 {
        assert!(started.elapsed() < Duration::from_secs(5), "the request never arrived");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    newsroom.publish("en").expect("published");
    let late = late.await.expect("answered");
    assert!(started.elapsed() >= LATE, "answered after {:?}", started.elapsed());
    assert_eq!(late.len(), 2, "the answer made before the publish");
    assert_eq!(items(&router).await.len(), 3);
}

#[tokio::test]
async fn bad_json_fault_sends_cut_off_json() {
    let (newsroom, router) = newsroom();
    newsroom.fail_next(FEED, Fault::BadJson, 1);
    let response = get(&router, FEED).await;
    assert_eq!((response.status(), header(&response, header::CONTENT_TYPE)), (StatusCode::OK, FEED_TYPE));
    let body = text(response).await;
    assert_eq!(body, BAD_JSON);
    assert!(serde_json::from_str::<Value>(&body).is_err());
    assert_eq!(items(&router).await.len(), 2);
}

#[tokio::test]
async fn truncated_fault_cuts_the_connection_mid_body() {
    let (newsroom, _) = newsroom();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(newsroom.clone().serve(listener));
    let fetch = || async move {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request =
            format!("GET {FEED} HTTP/1.1\r\nHost: {addr}\r\nAccept-Encoding: gzip, br\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut raw = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut raw)).await.unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("headers arrive");
        let (head, body) = (String::from_utf8_lossy(&raw[..split]).into_owned(), &raw[split + 4..]);
        let length =
            head.lines().find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length: ")?.parse().ok());
        let coded = head.to_ascii_lowercase().contains("content-encoding");
        (head.lines().next().unwrap_or_default().to_owned(), length.unwrap_or(0_usize), body.len(), coded)
    };
    newsroom.fail_next(FEED, Fault::Truncated, 1);
    let (status, promised, sent, coded) = fetch().await;
    assert!(status.contains("200"), "{status}");
    assert!(!coded, "the body itself is cut, not a compressed stream");
    assert!(sent > 0 && sent < promised, "sent {sent} of {promised}");
    let (_, promised, sent, coded) = fetch().await;
    assert_eq!(sent, promised, "the fault has run out");
    assert!(coded, "and the feed is compressed again");
    server.abort();
}

#[tokio::test]
async fn no_cors_and_wrong_type_faults_alter_the_normal_answer() {
    let (newsroom, router) = newsroom();
    newsroom.fail_next(FEED, Fault::NoCors, 1);
    let response = get(&router, FEED).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    assert_eq!(header(&get(&router, FEED).await, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");

    newsroom.fail_next(FEED, Fault::WrongContentType, 1);
    let response = get(&router, FEED).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, header::CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(header(&get(&router, FEED).await, header::CONTENT_TYPE), FEED_TYPE);
}

#[tokio::test]
async fn an_oversized_answer_declares_its_length_and_records_what_was_taken() {
    let (newsroom, router) = newsroom();
    newsroom.fail_next(FEED, Fault::Oversized, 1);
    let response = get(&router, FEED).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, header::CONTENT_TYPE), FEED_TYPE);
    assert_eq!(header(&response, header::CONTENT_LENGTH), OVERSIZED_BYTES.to_string());
    let mut body = response.into_body().into_data_stream();
    let first = futures_util::StreamExt::next(&mut body).await.unwrap().unwrap();
    assert!(first.iter().all(|byte| *byte == b' '));
    assert_eq!(newsroom.oversized(), Oversized { sent: first.len() as u64, ended: false });
    drop(body);
    assert_eq!(newsroom.oversized(), Oversized { sent: first.len() as u64, ended: true }, "a client that leaves");
}

#[tokio::test]
async fn publish_prepends_changes_the_etag_and_caps_the_feed() {
    let (newsroom, router) = newsroom();
    let before = header(&get(&router, FEED).await, header::ETAG).to_owned();
    let id = newsroom.publish("en").unwrap();
    assert!(id.starts_with("live-1-"), "{id}");
    let after = get(&router, FEED).await;
    assert_ne!(header(&after, header::ETAG), before);
    let items = items(&router).await;
    assert_eq!((items.len(), &items[0]["id"], &items[1]["id"]), (3, &json!(id), &json!("b")));
    assert_eq!(items[0]["tags"], json!(["middle-east", "live"]));
    assert!(dates::parse_rfc3339(items[0]["date_published"].as_str().unwrap()).unwrap() >= unix_now() - 5);
    let next = newsroom.publish("en").unwrap();
    assert!(next.starts_with("live-2-") && next != id);
    for _ in 0..MAX_ITEMS {
        newsroom.publish("en").unwrap();
    }
    assert_eq!(self::items(&router).await.len(), MAX_ITEMS);
    assert_eq!(newsroom.publish("missing"), None);
    newsroom.set_feed("broken", "nope".into());
    assert_eq!(newsroom.publish("broken"), None);
}

#[tokio::test]
async fn the_publisher_feeds_every_feed_in_its_language_without_repeating_a_headline() {
    let (newsroom, router) = newsroom();
    newsroom.set_feed("fr", r#"{"version": "https://jsonfeed.org/version/1.1", "language": "fr", "items": []}"#.into());
    let french = text(get(&router, "/feeds/fr.json").await).await;
    for _ in 0..stories::distinct("ar") {
        newsroom.publish_to_every_feed();
    }
    for (feed, language) in [("en", "en"), ("ar", "ar")] {
        let doc: Value = serde_json::from_str(&text(get(&router, &format!("/feeds/{feed}.json")).await).await).unwrap();
        let titles: Vec<&str> = doc["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
        assert_eq!(titles.len(), MAX_ITEMS, "{feed}");
        let distinct: std::collections::HashSet<&&str> = titles.iter().collect();
        assert_eq!(distinct.len(), titles.len(), "{feed}: no headline twice in one list");
        let arabic = titles.iter().all(|t| t.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
        assert_eq!(arabic, language == "ar", "{feed}: stories in the feed's language: {titles:?}");
    }
    assert_eq!(text(get(&router, "/feeds/fr.json").await).await, french, "no stories in a language the pool lacks");
}

#[tokio::test]
async fn a_feed_can_be_sent_with_its_own_caching() {
    let (newsroom, router) = newsroom();
    newsroom.set_feed_caching("en", "public, max-age=60, stale-while-revalidate=60");
    let response = get(&router, FEED).await;
    assert_eq!(header(&response, header::CACHE_CONTROL), "public, max-age=60, stale-while-revalidate=60");
    assert_eq!(
        header(&get(&router, "/feeds/ar.json").await, header::CACHE_CONTROL),
        "no-cache",
        "others stay no-cache"
    );
}

#[tokio::test]
async fn set_feed_serves_exact_bytes_with_a_new_etag() {
    let (newsroom, router) = newsroom();
    let before = header(&get(&router, FEED).await, header::ETAG).to_owned();
    newsroom.set_feed("en", "<html>oops</html>".into());
    let response = get(&router, FEED).await;
    assert_ne!(header(&response, header::ETAG), before);
    assert_eq!(text(response).await, "<html>oops</html>");
    newsroom.set_feed("new", "{}".into());
    assert_eq!(text(get(&router, "/feeds/new.json").await).await, "{}");
}

#[tokio::test]
async fn requests_are_counted_before_faults_and_304s_and_reset() {
    let (newsroom, router) = newsroom();
    assert_eq!(newsroom.requests(FEED), 0);
    let etag = header(&get(&router, FEED).await, header::ETAG).to_owned();
    send(&router, Method::GET, FEED, &[(header::IF_NONE_MATCH, &etag)]).await;
    send(&router, Method::HEAD, FEED, &[]).await;
    send(&router, Method::OPTIONS, FEED, &[]).await;
    newsroom.fail_next(FEED, Fault::Status(500), 5);
    get(&router, FEED).await;
    get(&router, "/feeds/en.json?cache=bust").await;
    get(&router, "/missing.png").await;
    assert_eq!((newsroom.requests(FEED), newsroom.requests("/missing.png")), (6, 1));
    newsroom.reset();
    assert_eq!(newsroom.requests(FEED), 0);
    assert_eq!(get(&router, FEED).await.status(), StatusCode::OK, "reset clears faults");
}

#[tokio::test]
async fn static_files_get_cors_types_and_cache_policy() {
    let (_, router) = newsroom();
    let wasm = get(&router, &format!("/{HASHED_WASM}")).await;
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(header(&wasm, header::CONTENT_TYPE), "application/wasm");
    assert_eq!(header(&wasm, header::CACHE_CONTROL), IMMUTABLE);
    assert_eq!(header(&wasm, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
    let loader = get(&router, "/news-headlines.js").await;
    assert_eq!(header(&loader, header::CONTENT_TYPE), "text/javascript");
    assert_eq!(header(&loader, header::CACHE_CONTROL), "no-cache");
    let index = get(&router, "/").await;
    assert_eq!((index.status(), header(&index, header::CACHE_CONTROL)), (StatusCode::OK, "no-cache"));
    assert!(text(index).await.contains("demo"));
    let missing = get(&router, "/nothing.js").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&missing, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
}

/// The fixture release's embed policy.
const EMBED_POLICY: &str = "default-src 'none'; script-src 'self' 'sha384-abc'";

#[tokio::test]
async fn embed_pages_carry_their_content_security_policy_and_other_files_do_not() {
    let (_, router) = newsroom();
    let versioned = format!("/news-headlines/{VERSION}/embed.html");
    for path in ["/embed.html", &versioned, "/embed?src=%2Ffeeds%2Fen.json"] {
        let page = get(&router, path).await;
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&page, header::CONTENT_SECURITY_POLICY), EMBED_POLICY);
    }
    for other in ["/", "/configure.html", "/news-headlines.js", "/nothing/embed.html"] {
        assert!(get(&router, other).await.headers().get(header::CONTENT_SECURITY_POLICY).is_none(), "{other}");
    }
}

#[tokio::test]
async fn an_extension_less_path_serves_its_html_page_from_dist() {
    let (_, router) = newsroom();
    let page = get(&router, "/configure?src=%2Ffeeds%2Fen.json&limit=5").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(header(&page, header::CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(header(&page, header::CACHE_CONTROL), "no-cache");
    assert!(text(page).await.contains("<title>configure</title>"));
    assert_eq!(get(&router, "/configure.html").await.status(), StatusCode::OK);
    for missing in ["/nothing", "/configure/", "/configure.js"] {
        assert_eq!(get(&router, missing).await.status(), StatusCode::NOT_FOUND, "{missing}");
    }
}

#[test]
fn only_plain_extension_less_paths_name_a_page() {
    assert_eq!(html_page("/configure").as_deref(), Some("configure.html"));
    assert_eq!(html_page("/docs/configure").as_deref(), Some("docs/configure.html"));
    for not_a_page in ["/", "/configure/", "/a.js", "/../secret", "/%2e%2e/secret", "/a\\b", "configure", "//x"] {
        assert_eq!(html_page(not_a_page), None, "{not_a_page}");
    }
}

#[tokio::test]
async fn added_pages_come_before_dist() {
    let (newsroom, router) = newsroom();
    newsroom.add_page("/index.html", "<p>host</p>".into());
    newsroom.add_page("/host/classic.html", "<p>classic</p>".into());
    let page = get(&router, "/host/classic.html").await;
    assert!(header(&page, header::CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(text(page).await, "<p>classic</p>");
    assert_eq!(text(get(&router, "/index.html").await).await, "<p>host</p>");
    assert_eq!(newsroom.requests("/host/classic.html"), 1);
}

#[tokio::test]
async fn redirects_answer_302_with_their_location() {
    let (newsroom, router) = newsroom();
    newsroom.add_redirect("/moved/feed.json", "/feeds/latest-middle-east.json");
    let moved = get(&router, "/moved/feed.json").await;
    assert_eq!(moved.status(), StatusCode::FOUND);
    assert_eq!(header(&moved, header::LOCATION), "/feeds/latest-middle-east.json");
    assert_eq!(header(&moved, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
}

#[tokio::test]
async fn added_assets_come_before_dist_with_their_type() {
    let (newsroom, router) = newsroom();
    let script = b"customElements.define('x-y', class extends HTMLElement {});";
    newsroom.add_asset("/ref/x.js", "text/javascript", script.to_vec());
    newsroom.add_asset("/news-headlines.js", "text/plain", b"replaced".to_vec());
    let asset = get(&router, "/ref/x.js").await;
    assert_eq!(asset.status(), StatusCode::OK);
    assert_eq!(header(&asset, header::CONTENT_TYPE), "text/javascript");
    assert_eq!(header(&asset, header::CACHE_CONTROL), "no-cache");
    assert_eq!(header(&asset, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
    assert_eq!(text(asset).await.as_bytes(), script);
    let loader = get(&router, "/news-headlines.js").await;
    assert_eq!(header(&loader, header::CONTENT_TYPE), "text/plain");
    assert_eq!(text(loader).await, "replaced");
    assert_eq!(newsroom.requests("/ref/x.js"), 1);
}

#[tokio::test]
async fn control_endpoints_script_the_server() {
    let (newsroom, router) = newsroom();
    let published = send(&router, Method::POST, "/_newsroom/publish/en", &[]).await;
    assert_eq!(header(&published, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
    let id: Value = serde_json::from_str(&text(published).await).unwrap();
    assert_eq!(items(&router).await[0]["id"], id["id"]);
    let missing = send(&router, Method::POST, "/_newsroom/publish/missing", &[]).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    let fail = send(&router, Method::POST, "/_newsroom/fail?path=/feeds/en.json&fault=500&count=2", &[]).await;
    assert_eq!(fail.status(), StatusCode::OK);
    assert_eq!(get(&router, FEED).await.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let count = text(get(&router, "/_newsroom/requests?path=/feeds/en.json").await).await;
    assert_eq!(serde_json::from_str::<Value>(&count).unwrap(), json!({"path": FEED, "count": 2}));
    let bad = send(&router, Method::POST, "/_newsroom/fail?path=/x&fault=explode", &[]).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let reset = send(&router, Method::POST, "/_newsroom/reset", &[]).await;
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    assert_eq!((newsroom.requests(FEED), get(&router, FEED).await.status()), (0, StatusCode::OK));
}

#[test]
fn fault_names_parse_and_print() {
    for (name, fault) in [
        ("500", Fault::Status(500)),
        ("404", Fault::Status(404)),
        ("304", Fault::NotModified),
        ("hang", Fault::Hang),
        ("late", Fault::Late),
        ("bad-json", Fault::BadJson),
        ("truncated", Fault::Truncated),
        ("no-cors", Fault::NoCors),
        ("wrong-type", Fault::WrongContentType),
        ("oversized", Fault::Oversized),
    ] {
        assert_eq!(name.parse(), Ok(fault));
        assert_eq!(fault.to_string(), name);
    }
    assert!("42".parse::<Fault>().is_err() && "boom".parse::<Fault>().is_err());
}

#[test]
fn content_hashes_are_recognised_in_file_names() {
    assert!(is_content_hashed(HASHED_WASM));
    assert!(is_content_hashed("news-headlines-1a2b3c4d5e6f7a8b.js"));
    assert!(is_content_hashed("news-headlines-71508ec96a4914e.js"), "a hash with its leading zero dropped");
    for plain in
        ["news-headlines.js", "index.html", "news-headlines-1a2b3.js", "x-1a2b3c4d5e6f7a8b9.js", "photo-deadbeefcafe"]
    {
        assert!(!is_content_hashed(plain), "{plain}");
    }
}

#[test]
fn rebasing_makes_the_newest_item_three_minutes_old_and_keeps_gaps() {
    let newsroom = newsroom_in(fixture(), true);
    let doc = newsroom.feed("en").unwrap().json().unwrap();
    let date = |index: usize, key: &str| dates::parse_rfc3339(doc["items"][index][key].as_str().unwrap()).unwrap();
    let age = unix_now() - date(0, "date_modified");
    assert!((REBASED_NEWEST_AGE..REBASED_NEWEST_AGE + 5).contains(&age), "{age}");
    assert_eq!(date(0, "date_modified") - date(0, "date_published"), 20 * 60);
    assert_eq!(date(0, "date_published") - date(1, "date_published"), 3 * 3600);
    assert!(doc["items"][1]["date_published"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn the_sample_feeds_are_complete() {
    let feeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../feeds");
    for (name, language, count, first) in [
        ("latest-middle-east", "en", 16, "Iran nuclear chief sees no threat to deal if Trump wins"),
        ("around-arab-news", "en", 16, "Iran nuclear chief sees no threat to deal if Trump wins"),
        ("ar-latest", "ar", 8, "رئيس البرنامج النووي الإيراني لا يرى تهديداً للاتفاق إذا فاز ترامب"),
    ] {
        let doc: Value =
            serde_json::from_str(&fs::read_to_string(feeds.join(format!("{name}.json"))).unwrap()).unwrap();
        assert_eq!(
            (doc["version"].as_str(), doc["language"].as_str()),
            (Some("https://jsonfeed.org/version/1.1"), Some(language))
        );
        let items = doc["items"].as_array().unwrap();
        assert_eq!((items.len(), items[0]["title"].as_str()), (count, Some(first)), "{name}");
        let dates: Vec<i64> =
            items.iter().map(|i| dates::parse_rfc3339(i["date_published"].as_str().unwrap()).unwrap()).collect();
        assert!(dates.windows(2).all(|pair| pair[0] > pair[1]), "{name}: newest first");
        let mut ids: Vec<&str> = items.iter().map(|item| item["id"].as_str().unwrap()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "{name}: unique ids");
        for item in items {
            for key in ["url", "title", "summary"] {
                assert!(item[key].as_str().is_some_and(|text| !text.is_empty()), "{name}: {item}");
            }
        }
    }
}
