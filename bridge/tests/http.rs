//! `serve` over loopback HTTP, against a scriptable loopback upstream:
//! validators and 304s, compression, CORS, conditional upstream polling,
//! last good output on failure with `/healthz` reporting, and the upstream
//! limits (redirects, size, timeout).

mod support;

use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE,
    IF_NONE_MATCH, LAST_MODIFIED, VARY,
};
use axum::http::StatusCode;
use news_headlines::feed::Feed;
use serde_json::Value;
use std::io::Read;
use support::{client, rss, Bridge, Mode, Upstream};

const PATH: &str = "/feeds/news.json";

/// A bridge with one output over `upstream`, polled every 200 ms.
async fn bridge_for(upstream: &Upstream, extra: &str) -> Bridge {
    let toml = format!(
        "{extra}\n[[output]]\npath = \"{PATH}\"\ntitle = \"Test\"\nupstreams = [\"{}\"]\ninterval = \"200ms\"\n",
        upstream.url()
    );
    let bridge = Bridge::start(&toml).await;
    bridge.wait_for("a first good output", |health| health["outputs"][0]["items"].as_u64() > Some(0)).await;
    bridge
}

async fn get(bridge: &Bridge, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = client().get(bridge.url(PATH));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn text(response: &reqwest::Response, name: axum::http::HeaderName) -> Option<String> {
    response.headers().get(name).map(|value| value.to_str().unwrap().to_owned())
}

fn titles(json: &[u8]) -> Vec<String> {
    let feed = Feed::parse(std::str::from_utf8(json).unwrap()).unwrap();
    feed.items.into_iter().map(|item| item.title).collect()
}

#[tokio::test]
async fn serves_json_feed_with_validators_and_cache_headers() {
    let upstream = Upstream::start(rss(&["One", "Two"])).await;
    let bridge = bridge_for(&upstream, "").await;
    let response = get(&bridge, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(text(&response, CONTENT_TYPE).as_deref(), Some("application/feed+json"));
    let etag = text(&response, ETAG).unwrap();
    assert!(etag.starts_with('"') && etag.ends_with('"') && !etag.starts_with("W/"), "strong: {etag}");
    assert!(text(&response, LAST_MODIFIED).unwrap().ends_with(" GMT"));
    let cache = text(&response, CACHE_CONTROL).unwrap();
    assert!(cache.starts_with("public, max-age=0, stale-while-revalidate=0"), "{cache}");
    assert_eq!(text(&response, VARY).as_deref(), Some("Accept-Encoding"));
    assert_eq!(response.headers().get("x-content-type-options").unwrap(), "nosniff");
    let body = response.bytes().await.unwrap();
    assert_eq!(titles(&body), ["Two", "One"], "newest first");
    let json: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["items"][0]["_news"]["dateline"], "VIENNA");
    assert_eq!(json["items"][0]["summary"], "Story Two.");
}

#[tokio::test]
async fn conditional_requests_get_304_until_the_content_changes() {
    let upstream = Upstream::start(rss(&["One"])).await;
    let bridge = bridge_for(&upstream, "").await;
    let first = get(&bridge, &[]).await;
    let (etag, modified) = (text(&first, ETAG).unwrap(), text(&first, LAST_MODIFIED).unwrap());
    let not_modified = get(&bridge, &[("if-none-match", &etag)]).await;
    assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(text(&not_modified, ETAG).as_deref(), Some(etag.as_str()));
    assert!(not_modified.bytes().await.unwrap().is_empty());
    assert_eq!(get(&bridge, &[(IF_MODIFIED_SINCE.as_str(), &modified)]).await.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(get(&bridge, &[(IF_NONE_MATCH.as_str(), "\"stale\"")]).await.status(), StatusCode::OK);
    let long_ago = "Thu, 01 Jan 2004 00:00:00 GMT";
    assert_eq!(get(&bridge, &[(IF_MODIFIED_SINCE.as_str(), long_ago)]).await.status(), StatusCode::OK);

    upstream.publish(rss(&["One", "Breaking"]));
    bridge.wait_for("the new item", |health| health["outputs"][0]["items"] == 2).await;
    let changed = get(&bridge, &[("if-none-match", &etag)]).await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(text(&changed, ETAG).unwrap(), etag);
    assert_eq!(titles(&changed.bytes().await.unwrap()), ["Breaking", "One"]);
}

#[tokio::test]
async fn compresses_with_brotli_or_gzip_by_accept_encoding() {
    let upstream = Upstream::start(rss(&["One", "Two", "Three"])).await;
    let bridge = bridge_for(&upstream, "").await;
    let plain = get(&bridge, &[]).await;
    let plain_etag = text(&plain, ETAG).unwrap();
    let json = plain.bytes().await.unwrap();

    let gzip = get(&bridge, &[("accept-encoding", "gzip")]).await;
    assert_eq!(text(&gzip, CONTENT_ENCODING).as_deref(), Some("gzip"));
    let gzip_etag = text(&gzip, ETAG).unwrap();
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&gzip.bytes().await.unwrap()[..]).read_to_end(&mut unzipped).unwrap();
    assert_eq!(unzipped, json);

    let br = get(&bridge, &[("accept-encoding", "gzip, deflate, br")]).await;
    assert_eq!(text(&br, CONTENT_ENCODING).as_deref(), Some("br"));
    let mut unbrotlied = Vec::new();
    brotli::Decompressor::new(&br.bytes().await.unwrap()[..], 4096).read_to_end(&mut unbrotlied).unwrap();
    assert_eq!(unbrotlied, json);

    assert_ne!(plain_etag, gzip_etag, "each coding has its own strong ETag");
    let revalidated = get(&bridge, &[("accept-encoding", "gzip"), ("if-none-match", &gzip_etag)]).await;
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(text(&get(&bridge, &[("accept-encoding", "br;q=0, gzip;q=0")]).await, CONTENT_ENCODING), None);
}

#[tokio::test]
async fn head_answers_headers_without_a_body() {
    let upstream = Upstream::start(rss(&["One"])).await;
    let bridge = bridge_for(&upstream, "").await;
    let head = client().head(bridge.url(PATH)).send().await.unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    assert!(text(&head, ETAG).is_some());
    assert!(head.bytes().await.unwrap().is_empty());
    assert_eq!(client().post(bridge.url(PATH)).send().await.unwrap().status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(client().get(bridge.url("/feeds/other.json")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cors_any_origin() {
    let upstream = Upstream::start(rss(&["One"])).await;
    let bridge = bridge_for(&upstream, "cors = \"*\"").await;
    let response = get(&bridge, &[("origin", "https://anywhere.example")]).await;
    assert_eq!(text(&response, ACCESS_CONTROL_ALLOW_ORIGIN).as_deref(), Some("*"));
    assert_eq!(text(&response, ACCESS_CONTROL_EXPOSE_HEADERS).as_deref(), Some("ETag, Last-Modified, Date, Age"));
}

#[tokio::test]
async fn cors_origin_list_with_preflight() {
    let upstream = Upstream::start(rss(&["One"])).await;
    let bridge = bridge_for(&upstream, "cors = [\"https://www.arabnews.com\"]").await;
    let allowed = get(&bridge, &[("origin", "https://www.arabnews.com")]).await;
    assert_eq!(text(&allowed, ACCESS_CONTROL_ALLOW_ORIGIN).as_deref(), Some("https://www.arabnews.com"));
    assert_eq!(text(&allowed, VARY).as_deref(), Some("Accept-Encoding, Origin"));
    let other = get(&bridge, &[("origin", "https://evil.example")]).await;
    assert_eq!(other.status(), StatusCode::OK);
    assert_eq!(text(&other, ACCESS_CONTROL_ALLOW_ORIGIN), None);

    let preflight = |origin: &str| {
        client()
            .request(reqwest::Method::OPTIONS, bridge.url(PATH))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "if-none-match")
            .send()
    };
    let ok = preflight("https://www.arabnews.com").await.unwrap();
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
    assert_eq!(text(&ok, ACCESS_CONTROL_ALLOW_ORIGIN).as_deref(), Some("https://www.arabnews.com"));
    assert_eq!(text(&ok, ACCESS_CONTROL_ALLOW_METHODS).as_deref(), Some("GET, HEAD, OPTIONS"));
    assert_eq!(text(&ok, ACCESS_CONTROL_ALLOW_HEADERS).as_deref(), Some("If-None-Match, If-Modified-Since"));
    let asked_more = client()
        .request(reqwest::Method::OPTIONS, bridge.url(PATH))
        .header("origin", "https://www.arabnews.com")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "x-evil, authorization")
        .send()
        .await
        .unwrap();
    assert_eq!(
        text(&asked_more, ACCESS_CONTROL_ALLOW_HEADERS).as_deref(),
        Some("If-None-Match, If-Modified-Since"),
        "a fixed list, never the headers asked for"
    );
    let refused = preflight("https://evil.example").await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(text(&refused, ACCESS_CONTROL_ALLOW_ORIGIN), None);
}

#[tokio::test]
async fn polls_the_upstream_with_conditional_requests() {
    let upstream = Upstream::start(rss(&["One"])).await;
    let bridge = bridge_for(&upstream, "").await;
    let etag = text(&get(&bridge, &[]).await, ETAG).unwrap();
    for _ in 0..100 {
        if upstream.seen().len() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let seen = upstream.seen();
    assert!(seen.len() >= 3, "{seen:?}");
    assert_eq!(seen[0].if_none_match, None, "the first request is unconditional");
    assert!(seen[1..].iter().all(|s| s.if_none_match.as_deref() == Some("\"v1\"")), "{seen:?}");
    assert!(seen[1..].iter().all(|s| s.if_modified_since.as_deref().is_some_and(|d| d.ends_with(" GMT"))), "{seen:?}");
    assert_eq!(text(&get(&bridge, &[]).await, ETAG).unwrap(), etag, "304s from upstream leave the output alone");
}

#[tokio::test]
async fn upstream_failures_keep_the_last_good_output_and_show_in_healthz() {
    let upstream = Upstream::start(rss(&["Good one", "Good two"])).await;
    let bridge = bridge_for(&upstream, "").await;
    let good = get(&bridge, &[]).await;
    let good_etag = text(&good, ETAG).unwrap();
    let good_body = good.bytes().await.unwrap();
    assert_eq!(bridge.health().await["status"], "ok");

    let failures: [(Mode, Option<Vec<u8>>, &str); 4] = [
        (Mode::Status(503), None, "HTTP 503 Service Unavailable"),
        (Mode::Feed, Some(support::fixture("hostile/html-page.html")), "the upstream sent an HTML page"),
        (Mode::Feed, Some(support::fixture("hostile/billion-laughs.xml")), "declares XML entities"),
        (Mode::Feed, Some(support::fixture("hostile/encoding-switch.xml")), "changes its encoding mid-way"),
    ];
    for (mode, body, message) in failures {
        upstream.set_mode(mode);
        if let Some(body) = body {
            upstream.publish(body);
        }
        let health = bridge
            .wait_for(message, |h| {
                h["outputs"][0]["last_error"]["message"].as_str().is_some_and(|m| m.contains(message))
            })
            .await;
        assert_eq!(health["status"], "degraded");
        assert_eq!(health["outputs"][0]["items"], 2);
        assert_eq!(health["outputs"][0]["upstreams"][0]["failing"], true);
        let during = get(&bridge, &[]).await;
        assert_eq!(during.status(), StatusCode::OK);
        assert_eq!(text(&during, ETAG).unwrap(), good_etag);
        assert_eq!(during.bytes().await.unwrap(), good_body, "the last good output is served");
    }

    upstream.set_mode(Mode::Feed);
    upstream.publish(rss(&["Good one", "Good two", "Good three"]));
    let health = bridge.wait_for("recovery", |h| h["outputs"][0]["items"] == 3).await;
    assert_eq!(health["status"], "ok");
    assert!(
        health["outputs"][0]["upstreams"][0]["last_error"]["message"].is_string(),
        "the last error stays on record"
    );
}

#[tokio::test]
async fn no_output_before_a_first_good_document() {
    let upstream = Upstream::start(b"<html><body>maintenance</body></html>".to_vec()).await;
    let toml = format!("[[output]]\npath = \"{PATH}\"\nupstreams = [\"{}\"]\ninterval = \"200ms\"\n", upstream.url());
    let bridge = Bridge::start(&toml).await;
    let health = bridge.wait_for("the first failure", |h| h["outputs"][0]["last_error"].is_object()).await;
    assert_eq!(health["status"], "unavailable");
    let status = client().get(bridge.url("/healthz")).send().await.unwrap().status();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let response = get(&bridge, &[]).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(text(&response, CACHE_CONTROL).as_deref(), Some("no-store"));
}

/// The error `/healthz` shows for an upstream in `mode` under `limits`.
async fn upstream_error(mode: Mode, body: Vec<u8>, limits: &str) -> String {
    let upstream = Upstream::start(body).await;
    upstream.set_mode(mode);
    let toml = format!(
        "[limits]\n{limits}\n[[output]]\npath = \"{PATH}\"\nupstreams = [\"{}\"]\ninterval = \"1h\"\n",
        upstream.url()
    );
    let bridge = Bridge::start(&toml).await;
    let health = bridge.wait_for("an upstream error", |h| h["outputs"][0]["last_error"].is_object()).await;
    health["outputs"][0]["upstreams"][0]["last_error"]["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn redirects_are_capped() {
    let error = upstream_error(Mode::RedirectLoop, Vec::new(), "max_redirects = 3").await;
    assert_eq!(error, "more than 3 redirects");
}

#[tokio::test]
async fn bodies_over_the_size_limit_are_refused() {
    let mut big = rss(&["Big"]);
    big.resize(20_000, b' ');
    let error = upstream_error(Mode::Feed, big, "max_bytes = 10000").await;
    assert_eq!(error, "the document is larger than the 10 KB limit");
}

#[tokio::test]
async fn slow_upstreams_time_out() {
    let error = upstream_error(Mode::Hang, rss(&["Slow"]), "timeout = \"300ms\"").await;
    assert_eq!(error, "no complete answer within 300ms");
}

#[tokio::test]
async fn unreachable_upstreams_are_named() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.xml", closed.local_addr().unwrap());
    drop(closed);
    let toml = format!("[[output]]\npath = \"{PATH}\"\nupstreams = [\"{url}\"]\n");
    let bridge = Bridge::start(&toml).await;
    let health = bridge.wait_for("an upstream error", |h| h["outputs"][0]["last_error"].is_object()).await;
    let message = health["outputs"][0]["last_error"]["message"].as_str().unwrap();
    assert!(message.starts_with(&format!("{url}: could not connect: ")), "{message}");
    assert!(message.to_lowercase().contains("refused"), "{message}");
}

#[tokio::test]
async fn merges_several_upstreams_into_one_output() {
    let (a, b) = (Upstream::start(rss(&["A1", "A2"])).await, Upstream::start(rss(&["B1"])).await);
    let toml = format!(
        "[[output]]\npath = \"{PATH}\"\nupstreams = [\"{}\", \"{}\", \"real/hugo-forabi-arabic-rss2.xml\"]\nlimit = 4\n",
        a.url(),
        b.url()
    );
    let bridge = Bridge::start(&toml).await;
    bridge.wait_for("all upstreams merged", |h| h["outputs"][0]["items"] == 4).await;
    let body = get(&bridge, &[]).await.bytes().await.unwrap();
    // Newest first across upstreams; B1 has A1's link but its own headline, so it is kept.
    let expected = ["الإعلان عن WebCeph", "A2", "A1", "B1"];
    assert_eq!(titles(&body), expected);
}
