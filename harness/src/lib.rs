//! Browser harness for the end-to-end tests and the bench: the newsroom on a
//! free loopback port serving `dist/`, and a Debian browser driven through
//! its WebDriver (never a downloaded browser). The engine is a parameter;
//! [`browsers`] says where each one lives. [`load`] (feature `load`) measures
//! a `news-bridge serve` for the bench and the bridge's tests.

pub mod browsers;
#[cfg(feature = "load")]
pub mod load;

#[cfg(feature = "driver")]
pub use driven::*;

#[cfg(feature = "driver")]
mod driven {
    use crate::browsers::{driver_log, Engine, CHROMIUM_ARGS, FIREFOX_ARGS, WEBKIT_ARGS, XVFB};
    use axum::extract::{Request, State};
    use axum::middleware::Next;
    use axum::response::Response;
    use fantoccini::{Client, ClientBuilder};
    use hyper_util::client::legacy::connect::HttpConnector;
    use newsroom::{Config, Newsroom};
    use serde_json::{json, Map, Value};
    use std::io::{BufRead, BufReader, Write};
    use std::net::{SocketAddr, TcpListener as StdListener};
    use std::os::unix::process::CommandExt;
    use std::path::PathBuf;
    use std::process::{Child, Command, Stdio};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    /// The reader's colour scheme, as `prefers-color-scheme` reports it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ColorScheme {
        /// `prefers-color-scheme: light`.
        Light,
        /// `prefers-color-scheme: dark`.
        Dark,
    }

    /// A running newsroom and a browser session; both stop when dropped
    /// (or, more gracefully, with [`Harness::stop`]).
    pub struct Harness {
        /// The feed and page server.
        pub newsroom: Newsroom,
        /// Where the newsroom listens.
        pub addr: SocketAddr,
        /// The browser session.
        pub client: Client,
        /// The engine driven.
        pub engine: Engine,
        answers: Answers,
        _processes: Processes,
        _server: Server,
    }

    /// The workspace root.
    fn root() -> PathBuf {
        let newsroom = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        newsroom.parent().map(PathBuf::from).unwrap_or(newsroom)
    }

    fn free_port() -> u16 {
        StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free loopback port")
    }

    /// Whether the test `test` cannot run in the engine of this run
    /// (`NEWS_HEADLINES_ENGINE`), one of `engines`; if so, says so and why on
    /// stderr, past the test runner's capture (libtest has no runtime skip:
    /// the test then passes without checking anything).
    pub fn skipped_in(test: &str, engines: &[Engine], why: &str) -> bool {
        let engine = Engine::from_env().unwrap_or_else(|e| panic!("{e}"));
        let skipped = engines.contains(&engine);
        if skipped {
            let _ = writeln!(std::io::stderr(), "SKIPPED {test} in {}: {why}", engine.name());
        }
        skipped
    }

    /// The engine `NEWS_HEADLINES_ENGINE` names (Chromium when unset).
    fn named_engine() -> Engine {
        Engine::from_env().unwrap_or_else(|e| panic!("{e}"))
    }

    impl Harness {
        /// Starts the newsroom (sample feeds, dates as written, no publisher) and
        /// a session of the engine `NEWS_HEADLINES_ENGINE` names, in a light
        /// colour scheme.
        pub async fn start() -> Harness {
            Harness::launch(named_engine(), ColorScheme::Light, &[]).await
        }

        /// [`Harness::start`] with the reader's colour scheme set to `scheme`.
        pub async fn start_in(scheme: ColorScheme) -> Harness {
            Harness::launch(named_engine(), scheme, &[]).await
        }

        /// [`Harness::start`] with extra Chromium switches (the bench's
        /// Chromium-only measurements); panics in another engine.
        pub async fn start_with(chromium_args: &[&str]) -> Harness {
            Harness::launch(named_engine(), ColorScheme::Light, chromium_args).await
        }

        /// [`Harness::start`] in `engine`, whatever `NEWS_HEADLINES_ENGINE`
        /// names (the bench's measurements in other engines).
        pub async fn start_engine(engine: Engine) -> Harness {
            Harness::launch(engine, ColorScheme::Light, &[]).await
        }

        async fn launch(engine: Engine, scheme: ColorScheme, chromium_args: &[&str]) -> Harness {
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
            let answers = Answers::default();
            let server = Server(tokio::spawn(serve(newsroom.clone(), answers.clone(), listener)));

            assert!(
                chromium_args.is_empty() || engine == Engine::Chromium,
                "Chromium switches {chromium_args:?} in {}",
                engine.name()
            );
            let port = free_port();
            let processes = Processes::start(engine, port);
            let caps = capabilities(engine, scheme, chromium_args);
            let started = Instant::now();
            let client = loop {
                let attempt = ClientBuilder::new(HttpConnector::new())
                    .capabilities(caps.clone())
                    .connect(&format!("http://127.0.0.1:{port}"))
                    .await;
                match attempt {
                    Ok(client) => break client,
                    Err(error) if started.elapsed() > Duration::from_secs(60) => {
                        panic!("no {} session: {error}", engine.name())
                    }
                    Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
                }
            };
            client.set_window_size(1200, 900).await.expect("the window takes 1200×900");
            Harness { newsroom, addr, client, engine, answers, _processes: processes, _server: server }
        }

        /// The status of every answer the newsroom sent for `path`, in order:
        /// what the server saw, whatever the browser's Resource Timing says.
        pub fn answers(&self, path: &str) -> Vec<u16> {
            let answers = self.answers.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            answers.iter().filter(|(answered, _)| answered == path).map(|(_, status)| *status).collect()
        }

        /// The path of every request the newsroom answered, in order.
        pub fn answered_paths(&self) -> Vec<String> {
            let answers = self.answers.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            answers.iter().map(|(path, _)| path.clone()).collect()
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

        /// Runs `script` (a function body; `arguments` available; `await`
        /// allowed) in the page. The body is made an async function's: Chromium's
        /// and WebKit's drivers accept a top-level `await`, Firefox's rejects
        /// it; every driver waits for the promise a script returns.
        pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
            let wrapped = format!("return (async function () {{\n{script}\n}}).apply(this, arguments);");
            self.client.execute(&wrapped, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
        }

        /// Every `<news-headlines>` on the page, as JSON (see `SNAPSHOT`).
        pub async fn widgets(&self) -> Vec<Value> {
            snapshot(&self.js(SNAPSHOT, vec![]).await).to_vec()
        }

        /// Runs `script` every 100 ms until `check` holds on its result, for at
        /// most `limit`, and returns that result.
        pub async fn until(&self, what: &str, limit: Duration, script: &str, check: impl Fn(&Value) -> bool) -> Value {
            let started = Instant::now();
            loop {
                let value = self.js(script, vec![]).await;
                if check(&value) {
                    return value;
                }
                assert!(started.elapsed() < limit, "timed out waiting for {what}: {value:#}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }

        /// Polls `check` on the widgets until it holds, for at most `limit`.
        /// A poll that finds no document to describe (a driver answers `null`
        /// while a frame it entered is still being replaced) is polled again.
        pub async fn wait_for(&self, what: &str, limit: Duration, check: impl Fn(&[Value]) -> bool) -> Vec<Value> {
            let described = |value: &Value| value.as_array().is_some_and(|widgets| check(widgets));
            snapshot(&self.until(what, limit, SNAPSHOT, described).await).to_vec()
        }

        /// Waits until `count` widgets have reached `ready` or `error`, and
        /// then for the task after the next frame, when the page's first
        /// headlines have been painted and the widgets tell their times.
        pub async fn settled(&self, count: usize) -> Vec<Value> {
            self.wait_for("widgets to settle", Duration::from_secs(20), |w| {
                w.len() == count && w.iter().all(|w| matches!(w["state"].as_str(), Some("ready" | "error")))
            })
            .await;
            let painted = "const done = arguments[0]; requestAnimationFrame(() => setTimeout(() => done(null)));";
            self.client.execute_async(painted, vec![]).await.expect("a frame is rendered");
            self.widgets().await
        }

        /// Ends the browser session (so the driver removes its profile), then
        /// the driver's processes and the servers.
        pub async fn stop(self) {
            let _ = self.client.clone().close().await;
        }

        /// Saves a screenshot of the window as
        /// `target/screenshots/{engine}/{name}.png`, once two frames have been
        /// rendered: WebKitGTK's screenshot is the last frame it composited,
        /// which can predate the latest DOM changes.
        pub async fn screenshot(&self, name: &str) {
            let frames =
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(null)));";
            self.client.execute_async(frames, vec![]).await.expect("frames are rendered");
            let png = self.client.screenshot().await.expect("a screenshot");
            let dir = root().join("target/screenshots").join(self.engine.name());
            std::fs::create_dir_all(&dir).expect("target/screenshots");
            std::fs::write(dir.join(format!("{name}.png")), png).expect("screenshot written");
        }
    }

    /// The session's capabilities: the engine's binary and switches, the colour scheme.
    fn capabilities(engine: Engine, scheme: ColorScheme, chromium_args: &[&str]) -> Map<String, Value> {
        let browser = engine.browser().display().to_string();
        let dark = scheme == ColorScheme::Dark;
        let (key, options) = match engine {
            Engine::Chromium => {
                let mut args = CHROMIUM_ARGS.to_vec();
                args.push(if dark {
                    "--blink-settings=preferredColorScheme=0"
                } else {
                    "--blink-settings=preferredColorScheme=1"
                });
                args.extend_from_slice(chromium_args);
                ("goog:chromeOptions", json!({ "binary": browser, "args": args }))
            }
            Engine::Firefox => {
                // 0 = dark, 1 = light (instead of following the system).
                let prefs = json!({ "layout.css.prefers-color-scheme.content-override": if dark { 0 } else { 1 } });
                ("moz:firefoxOptions", json!({ "binary": browser, "args": FIREFOX_ARGS, "prefs": prefs }))
            }
            Engine::WebKit => {
                let mut args = WEBKIT_ARGS.to_vec();
                if dark {
                    args.push("--dark-mode");
                }
                ("webkitgtk:browserOptions", json!({ "binary": browser, "args": args }))
            }
        };
        Map::from_iter([(key.to_owned(), options)])
    }

    /// (path, status) of every answer, in order.
    #[derive(Clone, Default)]
    struct Answers(Arc<Mutex<Vec<(String, u16)>>>);

    /// The newsroom's routes on `listener`, each answer recorded in `answers`;
    /// without Nagle delay, like `Newsroom::serve`.
    async fn serve(newsroom: Newsroom, answers: Answers, listener: tokio::net::TcpListener) {
        async fn record(State(answers): State<Answers>, request: Request, next: Next) -> Response {
            let path = request.uri().path().to_owned();
            let response = next.run(request).await;
            let mut answers = answers.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            answers.push((path, response.status().as_u16()));
            response
        }
        let routes = newsroom.router().layer(axum::middleware::from_fn_with_state(answers, record));
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let _ = axum::serve(listener, routes).await;
    }

    /// The newsroom's task, stopped when dropped.
    struct Server(tokio::task::JoinHandle<()>);

    impl Drop for Server {
        fn drop(&mut self) {
            self.0.abort();
        }
    }

    /// The driver and, for engines that need one, its X server: one process
    /// group with the browser they start, all stopped when dropped.
    struct Processes {
        group: libc::pid_t,
        children: Vec<Child>,
    }

    impl Processes {
        fn start(engine: Engine, port: u16) -> Processes {
            let mut processes = Processes { group: 0, children: Vec::new() };
            let mut driver = Command::new(engine.driver());
            // What the driver and its browser say goes to a log the test run
            // keeps: the one place to look when a browser quits under a test.
            let log = driver_log(&root().join("target"), engine);
            let stderr = std::fs::create_dir_all(log.parent().unwrap_or(&log))
                .and_then(|()| std::fs::OpenOptions::new().create(true).append(true).open(&log))
                .unwrap_or_else(|e| panic!("{}: {e}", log.display()));
            driver.arg(format!("--port={port}")).stdout(Stdio::null()).stderr(stderr);
            if engine.needs_display() {
                // Xvfb picks a free display itself and writes its number to stdout once ready.
                let mut xvfb = Command::new(XVFB)
                    .args(["-displayfd", "1", "-screen", "0", "1600x1200x24", "-nolisten", "tcp"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .process_group(0)
                    .spawn()
                    .unwrap_or_else(|e| panic!("{XVFB} starts (Debian package xvfb): {e}"));
                let ready = xvfb.stdout.take().map(|out| {
                    let mut display = String::new();
                    BufReader::new(out).read_line(&mut display).map(|_| display.trim().to_owned())
                });
                processes.adopt(xvfb);
                let display = match ready {
                    Some(Ok(display)) if !display.is_empty() => display,
                    other => panic!("Xvfb gave no display: {other:?}"),
                };
                driver.env("DISPLAY", format!(":{display}"));
            }
            let driver = driver.process_group(processes.group).spawn().unwrap_or_else(|e| {
                panic!(
                    "{} starts (Debian packages {:?}, cargo {:?}): {e}",
                    engine.driver().display(),
                    engine.debian_packages(),
                    engine.cargo_driver()
                )
            });
            processes.adopt(driver);
            processes
        }

        /// Keeps `child`; the first one leads the group.
        fn adopt(&mut self, child: Child) {
            if self.group == 0 {
                self.group = libc::pid_t::try_from(child.id()).unwrap_or(0);
            }
            self.children.push(child);
        }

        fn signal(&self, signal: libc::c_int) {
            if self.group > 0 {
                // SAFETY: kill(2) with a negative pid signals that process group;
                // no memory is involved.
                unsafe { libc::kill(-self.group, signal) };
            }
        }
    }

    impl Drop for Processes {
        /// SIGTERM to the whole group (driver, browser, X server), up to 5 s
        /// for the children to exit, then SIGKILL for whatever is left.
        fn drop(&mut self) {
            self.signal(libc::SIGTERM);
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(5)
                && self.children.iter_mut().any(|child| matches!(child.try_wait(), Ok(None)))
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            self.signal(libc::SIGKILL);
            for child in &mut self.children {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }

    /// The widgets of a [`SNAPSHOT`]'s result.
    fn snapshot(value: &Value) -> &[Value] {
        value.as_array().map(Vec::as_slice).unwrap_or_else(|| panic!("unexpected snapshot {value}"))
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
