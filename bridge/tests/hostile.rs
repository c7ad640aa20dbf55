//! Hostile upstream documents (tests/fixtures/hostile): each is refused with
//! a message that names the problem, or read harmlessly, never a panic.

mod support;

use news_bridge::config::{Limits, Upstream};
use news_bridge::convert::{self, ConvertError};
use news_bridge::fetch::{Fetcher, Validators};
use support::fixture;

fn refusal(name: &str) -> String {
    match convert::parse(&fixture(name), None) {
        Ok(parsed) => panic!("{name} was accepted: {parsed:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn billion_laughs_is_refused_without_expanding_anything() {
    let error = refusal("hostile/billion-laughs.xml");
    assert!(error.contains("declares XML entities"), "{error}");
}

#[test]
fn external_entities_are_refused_and_never_read() {
    let error = refusal("hostile/external-entity.xml");
    assert!(error.contains("declares XML entities"), "{error}");
}

#[test]
fn parameter_entities_are_never_loaded() {
    let parsed = convert::parse(&fixture("hostile/parameter-entity.xml"), None).unwrap();
    assert_eq!(parsed.items[0].title.as_deref(), Some("Harmless: the DTD is never loaded"));
}

#[test]
fn html_served_as_a_feed_is_named() {
    assert_eq!(refusal("hostile/html-page.html"), "the upstream sent an HTML page, not an RSS or Atom feed");
}

#[test]
fn an_encoding_change_mid_way_is_refused() {
    // feed-rs itself panics on this document; it must never reach it.
    assert_eq!(
        refusal("hostile/encoding-switch.xml"),
        "a second XML declaration at byte 169: the document changes its encoding mid-way"
    );
    let error = refusal("hostile/invalid-utf8.xml");
    assert!(error.starts_with("the document is not valid UTF-8: invalid bytes at offset 177"), "{error}");
}

#[test]
fn malformed_and_truncated_xml_are_named() {
    let error = refusal("hostile/malformed.xml");
    assert!(
        error.starts_with("malformed XML: ill-formed document: expected `</item>`, but `</channel>` was found"),
        "{error}"
    );
    assert_eq!(refusal("hostile/truncated.xml"), "malformed XML: the document ends inside <title> (truncated)");
}

#[test]
fn other_non_feeds_are_named() {
    assert_eq!(refusal("hostile/empty.xml"), "the document is empty");
    assert_eq!(refusal("hostile/sitemap.xml"), "not an RSS or Atom feed: the root element is <urlset>");
    let error = refusal("hostile/not-a-feed.json");
    assert!(error.starts_with("not a readable feed: unable to parse JSON"), "{error}");
    assert!(matches!(convert::parse(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0], None), Err(ConvertError::Decode(_))));
}

#[tokio::test]
async fn oversized_files_are_refused_by_the_size_limit() {
    let dir = std::env::temp_dir().join(format!("news-bridge-oversized-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("huge.xml");
    let mut body = support::rss(&["Big"]);
    body.resize(6_000_000, b' ');
    std::fs::write(&file, &body).unwrap();
    let fetcher = Fetcher::new(Limits::default(), "test").unwrap();
    let error = fetcher.fetch(&Upstream::File(file), &Validators::default()).await.unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(error.to_string(), "the document is larger than the 5000 KB limit");
}

#[tokio::test]
async fn fifos_and_folders_are_refused_without_being_read() {
    let dir = std::env::temp_dir().join(format!("news-bridge-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("feed.xml");
    let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    let fetcher = Fetcher::new(Limits::default(), "test").unwrap();
    let fetched = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        fetcher.fetch(&Upstream::File(fifo.clone()), &Validators::default()),
    )
    .await
    .expect("a FIFO is refused, not waited on");
    assert_eq!(
        fetched.unwrap_err().to_string(),
        format!("{} is not a regular file (a FIFO, device or folder)", fifo.display())
    );
    let folder = fetcher.fetch(&Upstream::File(dir.clone()), &Validators::default()).await.unwrap_err();
    assert!(folder.to_string().ends_with("is not a regular file (a FIFO, device or folder)"), "{folder}");
    std::fs::remove_dir_all(&dir).unwrap();
}
