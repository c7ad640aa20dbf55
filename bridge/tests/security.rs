//! What the bridge must never do: show a planted secret (an upstream's
//! password or token) anywhere, tell strangers about its upstreams, or
//! connect to private addresses unless allowed.

mod support;

use harness::load::Server;
use std::process::{Command, Stdio};
use std::time::Duration;
use support::{client, Bridge, Mode, Upstream};

const PATH: &str = "/feeds/news.json";
const PASSWORD: &str = "PLANTED-PASSWORD-4711";
const TOKEN: &str = "PLANTED-TOKEN-0815";

/// An RSS feed whose items link relatively (resolved against the upstream URL).
fn relative_rss(titles: &[&str]) -> Vec<u8> {
    let items: String = titles
        .iter()
        .enumerate()
        .map(|(n, title)| format!("<item><title>{title}</title><link>/story/{n}</link><guid>g-{n}</guid></item>"))
        .collect();
    format!("<rss version=\"2.0\"><channel><title>Up</title><link>/</link>{items}</channel></rss>").into_bytes()
}

async fn text(url: &str) -> (u16, String) {
    let response = client().get(url).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

fn assert_no_secret(place: &str, text: &str) {
    assert!(!text.contains(PASSWORD) && !text.contains(TOKEN), "a secret in {place}: {text}");
}

#[tokio::test]
async fn a_planted_secret_appears_in_no_output_log_or_error() {
    let upstream = Upstream::start(relative_rss(&["One", "Two"])).await;
    let secret_url = format!("http://reader:{PASSWORD}@{}/feed.xml?token={TOKEN}", upstream.addr);
    let dir = std::env::temp_dir().join(format!("news-bridge-secret-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("bridge.toml");
    std::fs::write(
        &config,
        format!(
            "allow_private = true\n[server]\nhealth_details = true\n\
             [[output]]\npath = \"{PATH}\"\nupstreams = [\"{secret_url}\"]\ninterval = \"200ms\"\n"
        ),
    )
    .unwrap();
    let log = dir.join("stderr.log");
    let mut command = Command::new(env!("CARGO_BIN_EXE_news-bridge"));
    command.args(["serve", "--config"]).arg(&config).args(["--listen", "127.0.0.1:0"]);
    command.stderr(Stdio::from(std::fs::File::create(&log).unwrap()));
    let server = Server::spawn(command).unwrap();
    let mut seen = Vec::new();
    let health_until = |what: &'static str, ready: fn(&serde_json::Value) -> bool| {
        let url = server.url("/healthz");
        async move {
            for _ in 0..200 {
                let (_, body) = text(&url).await;
                if serde_json::from_str(&body).is_ok_and(|health| ready(&health)) {
                    return body;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            panic!("gave up waiting for {what}");
        }
    };
    seen.push(("the healthz details", health_until("a first output", |h| h["outputs"][0]["items"] == 2).await));
    let (status, feed) = text(&server.url(PATH)).await;
    assert_eq!(status, 200);
    assert!(feed.contains(&format!("http://{}/story/0", upstream.addr)), "links resolved without credentials: {feed}");
    seen.push(("the feed", feed));

    // Failures of every kind: HTTP status, redirects, an unreadable document.
    for mode in [Mode::Status(503), Mode::RedirectLoop] {
        upstream.set_mode(mode);
        let health = health_until("a failure", |h| h["outputs"][0]["upstreams"][0]["failing"] == true).await;
        seen.push(("the healthz details after a failure", health));
        upstream.set_mode(Mode::Feed);
        seen.push(("the healthz after recovery", health_until("a recovery", |h| h["status"] == "ok").await));
    }
    upstream.publish(b"<html><body>login</body></html>".to_vec());
    seen.push(("an unreadable document", health_until("a parse error", |h| h["status"] == "degraded").await));
    seen.push(("a 404", text(&server.url("/nowhere.json")).await.1));
    let status = server.stop().unwrap();
    assert!(status.success(), "{status:?}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("upstream http://…@"), "failures are logged, redacted: {logged}");
    seen.push(("the log", logged));
    for (place, text) in &seen {
        assert_no_secret(place, text);
    }
    assert!(upstream.seen().iter().any(|seen| seen.path.starts_with("/loop/")), "redirects were followed");
    assert!(upstream.seen().iter().all(|seen| seen.referer.is_none()), "no Referer: {:?}", upstream.seen());
    std::fs::remove_dir_all(&dir).unwrap();

    let convert = Command::new(env!("CARGO_BIN_EXE_news-bridge"))
        .args(["convert", "--allow-private", &format!("http://reader:{PASSWORD}@127.0.0.1:1/feed.xml?token={TOKEN}")])
        .output()
        .unwrap();
    assert_eq!(convert.status.code(), Some(1));
    let error = String::from_utf8_lossy(&convert.stderr);
    assert!(error.contains("could not connect"), "{error}");
    assert_no_secret("convert's error", &error);
}

#[tokio::test]
async fn healthz_says_only_status_counts_and_times_unless_details_are_on() {
    let upstream = Upstream::start(support::rss(&["One"])).await;
    let toml = format!(
        "allow_private = true\n[[output]]\npath = \"{PATH}\"\nupstreams = [\"{}\"]\ninterval = \"200ms\"\n",
        upstream.url()
    );
    let bridge = Bridge::start_exact(&toml).await;
    bridge.wait_for("a first output", |h| h["outputs"][0]["items"] == 1).await;
    upstream.set_mode(Mode::Status(500));
    tokio::time::sleep(Duration::from_millis(600)).await;
    let health = bridge.health().await;
    assert_eq!(health["status"], "degraded");
    let output = health["outputs"][0].as_object().unwrap();
    let mut keys: Vec<&str> = output.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["items", "last_success", "modified", "path"], "{health}");
    assert!(!health.to_string().contains("127.0.0.1"), "{health}");
}

/// The refusal `/healthz` shows for one upstream at `url` under `allow`.
async fn refusal(url: &str, allow: &str) -> String {
    let toml = format!(
        "{allow}\n[server]\nhealth_details = true\n[[output]]\npath = \"{PATH}\"\nupstreams = [\"{url}\"]\ninterval = \"1h\"\n"
    );
    let bridge = Bridge::start_exact(&toml).await;
    let health = bridge.wait_for("a refusal", |h| h["outputs"][0]["upstreams"][0]["last_error"].is_object()).await;
    health["outputs"][0]["upstreams"][0]["last_error"]["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn private_addresses_are_refused_before_connecting() {
    let upstream = Upstream::start(support::rss(&["Intranet"])).await;
    let literal = refusal(&upstream.url(), "").await;
    assert_eq!(
        literal,
        "refused: 127.0.0.1 is a loopback address (127.0.0.1); upstreams must be public (allow_private = true allows intranet ones)"
    );
    let named = refusal(&format!("http://localhost:{}/feed.xml", upstream.addr.port()), "").await;
    assert!(named.starts_with("refused: localhost is a loopback address ("), "{named}");
    let v6 = refusal(&format!("http://[::1]:{}/feed.xml", upstream.addr.port()), "").await;
    assert!(v6.starts_with("refused: ::1 is a loopback address"), "{v6}");
    assert!(upstream.seen().is_empty(), "never connected: {:?}", upstream.seen());
}

#[tokio::test]
async fn redirects_to_private_addresses_are_refused() {
    let upstream = Upstream::start(support::rss(&["Allowed"])).await;
    let allow = "allow_private = [\"127.0.0.1\"]";
    let toml = format!(
        "{allow}\n[server]\nhealth_details = true\n[[output]]\npath = \"{PATH}\"\nupstreams = [\"{}\"]\ninterval = \"200ms\"\n",
        upstream.url()
    );
    let bridge = Bridge::start_exact(&toml).await;
    bridge.wait_for("the allowed address served", |h| h["outputs"][0]["items"] == 1).await;
    let port = upstream.addr.port();
    for (target, expected) in [
        (format!("http://127.0.0.2:{port}/feed.xml"), "refused: 127.0.0.2 is a loopback address (127.0.0.2)"),
        ("http://169.254.169.254/latest/meta-data/".to_owned(), "refused: 169.254.169.254 is a link-local address"),
        (format!("http://[::1]:{port}/feed.xml"), "refused: ::1 is a loopback address"),
        ("http://10.0.0.1/feed.xml".to_owned(), "refused: 10.0.0.1 is a private address"),
    ] {
        upstream.set_mode(Mode::Redirect(target.clone()));
        bridge
            .wait_for(expected, |h| {
                h["outputs"][0]["upstreams"][0]["last_error"]["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with(expected))
            })
            .await;
    }
}
