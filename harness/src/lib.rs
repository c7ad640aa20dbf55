//! Browser harness for the end-to-end tests and the bench: the newsroom on a
//! free loopback port serving `dist/`, and a Debian browser driven through
//! its WebDriver (never a downloaded browser). The engine is a parameter;
//! [`browsers`] says where each one lives.

pub mod browsers;

#[cfg(feature = "driver")]
pub use driven::*;

#[cfg(feature = "driver")]
mod driven {
    use crate::browsers::{Engine, CHROMIUM_ARGS};
    use fantoccini::{Client, ClientBuilder};
    use hyper_util::client::legacy::connect::HttpConnector;
    use newsroom::{Config, Newsroom};
    use serde_json::{json, Value};
    use std::net::{SocketAddr, TcpListener as StdListener};
    use std::path::PathBuf;
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    /// A running newsroom and a browser session; both stop when dropped.
    pub struct Harness {
        /// The feed and page server.
        pub newsroom: Newsroom,
        /// Where the newsroom listens.
        pub addr: SocketAddr,
        /// The browser session.
        pub client: Client,
        /// The engine driven.
        pub engine: Engine,
        driver: Child,
        server: tokio::task::JoinHandle<()>,
    }

    /// The workspace root.
    fn root() -> PathBuf {
        let newsroom = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        newsroom.parent().map(PathBuf::from).unwrap_or(newsroom)
    }

    fn free_port() -> u16 {
        StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free loopback port")
    }

    impl Harness {
        /// Starts the newsroom (sample feeds, dates as written, no publisher) and
        /// a headless Chromium session.
        pub async fn start() -> Harness {
            Harness::start_with(&[]).await
        }

        /// [`Harness::start`] with extra Chromium switches.
        pub async fn start_with(extra_args: &[&str]) -> Harness {
            let dist = root().join("dist");
            assert!(
                dist.join("news-headlines.js").exists(),
                "dist/ is not built: run `cargo xtask test`, which builds it before the end-to-end tests"
            );
            let newsroom =
                Newsroom::load(Config { dist, feeds: root().join("feeds"), publish_every: None, rebase_dates: false })
                    .expect("the newsroom loads the sample feeds");
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let addr = listener.local_addr().expect("addr");
            let server = tokio::spawn({
                let newsroom = newsroom.clone();
                async move {
                    let _ = newsroom.serve(listener).await;
                }
            });

            let engine = Engine::from_env().unwrap_or_else(|e| panic!("{e}"));
            let port = free_port();
            let driver = Command::new(engine.driver())
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| {
                    panic!("{} starts (Debian packages {:?}): {e}", engine.driver(), engine.debian_packages())
                });
            let mut args = CHROMIUM_ARGS.to_vec();
            args.push("--window-size=1200,900");
            args.extend_from_slice(extra_args);
            let mut caps = serde_json::Map::new();
            caps.insert("goog:chromeOptions".into(), json!({ "binary": engine.browser(), "args": args }));
            let started = Instant::now();
            let client = loop {
                let attempt = ClientBuilder::new(HttpConnector::new())
                    .capabilities(caps.clone())
                    .connect(&format!("http://127.0.0.1:{port}"))
                    .await;
                match attempt {
                    Ok(client) => break client,
                    Err(error) if started.elapsed() > Duration::from_secs(30) => {
                        panic!("no browser session: {error}")
                    }
                    Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
                }
            };
            Harness { newsroom, addr, client, engine, driver, server }
        }

        /// `http://127.0.0.1:PORT{path}`.
        pub fn url(&self, path: &str) -> String {
            format!("http://{}{path}", self.addr)
        }

        /// Serves `body` as an HTML page at `path` and opens it.
        pub async fn open_page(&self, path: &str, body: &str) {
            self.newsroom.add_page(path, body.to_owned());
            self.client.goto(&self.url(path)).await.expect("page opens");
        }

        /// Runs `script` (a function body; `arguments` available) in the page.
        pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
            self.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
        }

        /// Every `<news-headlines>` on the page, as JSON (see `SNAPSHOT`).
        pub async fn widgets(&self) -> Vec<Value> {
            match self.js(SNAPSHOT, vec![]).await {
                Value::Array(widgets) => widgets,
                other => panic!("unexpected snapshot {other}"),
            }
        }

        /// Polls `check` on the widgets until it holds, for at most `limit`.
        pub async fn wait_for(&self, what: &str, limit: Duration, check: impl Fn(&[Value]) -> bool) -> Vec<Value> {
            let started = Instant::now();
            loop {
                let widgets = self.widgets().await;
                if check(&widgets) {
                    return widgets;
                }
                assert!(started.elapsed() < limit, "timed out waiting for {what}: {widgets:#?}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }

        /// Waits until `count` widgets have reached `ready` or `error`.
        pub async fn settled(&self, count: usize) -> Vec<Value> {
            self.wait_for("widgets to settle", Duration::from_secs(20), |w| {
                w.len() == count && w.iter().all(|w| matches!(w["state"].as_str(), Some("ready" | "error")))
            })
            .await
        }

        /// Ends the browser session and the servers.
        pub async fn stop(mut self) {
            let _ = self.client.clone().close().await;
            let _ = self.driver.kill();
            let _ = self.driver.wait();
            self.server.abort();
        }
    }

    /// Describes every widget: host state, heading, items with their parts, status.
    const SNAPSHOT: &str = r#"
const text = (el) => (el ? el.textContent : null);
return Array.from(document.querySelectorAll("news-headlines")).map((host) => {
  const root = host.shadowRoot;
  const q = (sel) => (root ? root.querySelector(sel) : null);
  const items = root ? Array.from(root.querySelectorAll("ol[part=list] > li[part=item]")) : [];
  return {
    state: host.getAttribute("state"),
    heading: text(q("[part=heading]")),
    status: text(q("[part=status] > span")) ?? text(q("[part=status]")),
    dir: q("section") ? q("section").getAttribute("dir") : null,
    hrefs: root ? Array.from(root.querySelectorAll("[href]")).map((a) => a.getAttribute("href")) : [],
    items: items.map((li) => {
      const link = li.querySelector("[part=link]");
      return {
        id: li.dataset.id,
        isNew: li.hasAttribute("data-new"),
        title: text(link),
        tag: link ? link.tagName.toLowerCase() : null,
        href: link ? link.getAttribute("href") : null,
        target: link ? link.getAttribute("target") : null,
        rel: link ? link.getAttribute("rel") : null,
        dateline: text(li.querySelector("[part=dateline]")),
        teaser: text(li.querySelector("[part=teaser]")),
        datetime: li.querySelector("time[part=time]") ? li.querySelector("time[part=time]").getAttribute("datetime") : null,
      };
    }),
  };
});
"#;
}
