//! `news-bridge build`: static JSON, `.gz` and `.br` files; unchanged
//! outputs untouched; a failing upstream leaves the last good files.

mod support;

use news_bridge::config::Config;
use news_bridge::export::{self, Outcome};
use news_bridge::poll::Poller;
use news_headlines::feed::Feed;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A scratch folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("news-bridge-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const CONFIG: &str = r#"
[[output]]
path = "/feeds/news.json"
upstreams = ["upstream.xml"]

[[output]]
path = "/feeds/world/only.json"
upstreams = ["upstream.xml"]
tags = ["World"]
limit = 1
"#;

async fn build(dir: &Path) -> Vec<Outcome> {
    let config = Config::parse(CONFIG, dir).unwrap();
    let poller = Poller::new(&config).unwrap();
    export::build(&poller, &dir.join("out")).await.into_iter().map(|report| report.outcome).collect()
}

/// (bytes, mtime in ns, inode) of the three files of an output.
fn files(out: &Path) -> Vec<(Vec<u8>, i64, u64)> {
    ["", ".gz", ".br"]
        .iter()
        .map(|suffix| {
            let file = out.join(format!("feeds/news.json{suffix}"));
            let meta = std::fs::metadata(&file).unwrap();
            (std::fs::read(&file).unwrap(), meta.mtime() * 1_000_000_000 + meta.mtime_nsec(), meta.ino())
        })
        .collect()
}

#[tokio::test]
async fn writes_json_with_gzip_and_brotli_beside_it() {
    let scratch = Scratch::new("build-writes");
    std::fs::write(scratch.0.join("upstream.xml"), support::rss(&["One", "Two"])).unwrap();
    assert_eq!(build(&scratch.0).await, [Outcome::Written(2), Outcome::Written(1)]);
    let out = scratch.0.join("out");
    let json = std::fs::read(out.join("feeds/news.json")).unwrap();
    let feed = Feed::parse(std::str::from_utf8(&json).unwrap()).unwrap();
    assert_eq!(feed.items.len(), 2);
    let mut gunzipped = Vec::new();
    flate2::read::GzDecoder::new(&std::fs::read(out.join("feeds/news.json.gz")).unwrap()[..])
        .read_to_end(&mut gunzipped)
        .unwrap();
    assert_eq!(gunzipped, json);
    let mut unbrotlied = Vec::new();
    let br = std::fs::read(out.join("feeds/news.json.br")).unwrap();
    brotli::Decompressor::new(&br[..], 4096).read_to_end(&mut unbrotlied).unwrap();
    assert_eq!(unbrotlied, json);
    assert!(out.join("feeds/world/only.json.br").exists(), "nested output paths get their folders");
}

#[tokio::test]
async fn unchanged_outputs_keep_their_bytes_and_modification_time() {
    let scratch = Scratch::new("build-unchanged");
    std::fs::write(scratch.0.join("upstream.xml"), support::rss(&["One"])).unwrap();
    build(&scratch.0).await;
    let before = files(&scratch.0.join("out"));
    assert_eq!(build(&scratch.0).await, [Outcome::Unchanged(1), Outcome::Unchanged(1)]);
    assert_eq!(files(&scratch.0.join("out")), before, "bytes, mtime and inode all the same");

    std::fs::write(scratch.0.join("upstream.xml"), support::rss(&["One", "Two"])).unwrap();
    assert_eq!(
        build(&scratch.0).await,
        [Outcome::Written(2), Outcome::Written(1)],
        "the newest World item changed too"
    );
    let after = files(&scratch.0.join("out"));
    assert!(after.iter().zip(&before).all(|(a, b)| a.0 != b.0), "every form rewritten");
}

#[tokio::test]
async fn a_failing_upstream_leaves_the_last_good_files() {
    let scratch = Scratch::new("build-failing");
    std::fs::write(scratch.0.join("upstream.xml"), support::rss(&["One"])).unwrap();
    build(&scratch.0).await;
    let before = files(&scratch.0.join("out"));
    std::fs::write(scratch.0.join("upstream.xml"), support::fixture("hostile/html-page.html")).unwrap();
    let outcomes = build(&scratch.0).await;
    let Outcome::Failed(why) = &outcomes[0] else { panic!("{outcomes:?}") };
    assert!(why.ends_with("upstream.xml: the upstream sent an HTML page, not an RSS or Atom feed"), "{why}");
    assert_eq!(files(&scratch.0.join("out")), before);
}

#[tokio::test]
async fn writes_replace_symlinks_instead_of_following_them_and_leave_no_leftovers() {
    let scratch = Scratch::new("build-symlink");
    std::fs::write(scratch.0.join("upstream.xml"), support::rss(&["One"])).unwrap();
    let outside = scratch.0.join("outside.txt");
    std::fs::write(&outside, "not the bridge's").unwrap();
    let feeds = scratch.0.join("out/feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    std::os::unix::fs::symlink(&outside, feeds.join("news.json.gz")).unwrap();
    assert_eq!(build(&scratch.0).await, [Outcome::Written(1), Outcome::Written(1)]);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "not the bridge's", "the symlink was not written through");
    assert!(!std::fs::symlink_metadata(feeds.join("news.json.gz")).unwrap().file_type().is_symlink());
    let mut names: Vec<String> = std::fs::read_dir(&feeds)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["news.json", "news.json.br", "news.json.gz", "world"], "no temporary files left");
}

#[test]
fn the_binary_reports_failures_with_a_non_zero_exit() {
    let scratch = Scratch::new("build-binary");
    std::fs::write(scratch.0.join("bridge.toml"), CONFIG).unwrap();
    std::fs::write(scratch.0.join("upstream.xml"), support::fixture("hostile/billion-laughs.xml")).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_news-bridge"))
        .args(["build", "--config"])
        .arg(scratch.0.join("bridge.toml"))
        .arg("--out")
        .arg(scratch.0.join("out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("not written, the previous files stay") && stdout.contains("declares XML entities"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("2 of 2 outputs not written"));
}
