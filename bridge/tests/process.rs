//! The `news-bridge` binary: `convert` on real files, and `serve` as a child
//! process measured by the load generator, then stopped gracefully by SIGTERM.

use harness::load::{self, LoadOptions, Server};
use news_headlines::feed::Feed;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn convert_merges_inputs_into_one_json_feed_on_stdout() {
    let fixtures = manifest_dir().join("tests/fixtures/real");
    let output = Command::new(env!("CARGO_BIN_EXE_news-bridge"))
        .arg("convert")
        .arg(fixtures.join("guardian-rss2.xml"))
        .arg(fixtures.join("hugo-forabi-arabic-rss2.xml"))
        .args(["--title", "Merged", "--limit", "7", "--language", "en"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json = String::from_utf8(output.stdout).unwrap();
    let feed = Feed::parse(&json).unwrap();
    assert_eq!((feed.title.as_deref(), feed.language.as_deref(), feed.items.len()), (Some("Merged"), Some("en"), 7));
    let dates: Vec<f64> = feed.items.iter().filter_map(|item| item.published.as_ref().map(|p| p.epoch_ms)).collect();
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]), "newest first");
}

#[test]
fn convert_names_a_bad_input_and_fails() {
    let output = Command::new(env!("CARGO_BIN_EXE_news-bridge"))
        .arg("convert")
        .arg(manifest_dir().join("tests/fixtures/hostile/truncated.xml"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("truncated.xml: malformed XML: the document ends inside <title> (truncated)"), "{stderr}");
}

#[tokio::test]
async fn serve_child_answers_conditional_load_and_stops_on_sigterm() {
    let config = manifest_dir().join("demo/bridge.toml");
    let server = Server::start(env!("CARGO_BIN_EXE_news-bridge").as_ref(), &config).unwrap();
    let options = LoadOptions {
        clients: 20,
        duration: Duration::from_secs(1),
        max_requests: 5_000,
        sample_pid: Some(server.pid()),
        ..LoadOptions::new(&server.url("/feeds/bridge/around-arab-news.json"))
    };
    let report = load::run(&options).await.unwrap();
    assert!(report.requests > 0);
    assert_eq!(report.errors, 0, "{report:?}");
    assert_eq!(report.not_modified, report.requests, "every conditional request answered 304");
    let memory = report.memory.unwrap();
    assert!(
        memory.before_kib > 0 && memory.peak_kib >= memory.after_kib && !memory.samples_kib.is_empty(),
        "{memory:?}"
    );
    let status = server.stop().unwrap();
    assert!(status.success(), "graceful exit on SIGTERM: {status:?}");
}
