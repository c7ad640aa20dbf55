//! `serve` behind a real caching reverse proxy: Debian's nginx with
//! `proxy_cache`, started by the test on loopback with its own config and
//! folders. Many readers over several `max-age` periods cost the origin about
//! one request per period; a change reaches readers within `max-age` +
//! `stale-while-revalidate`; with the bridge stopped readers keep the last
//! feed (`stale-if-error`). The figures are printed.

use harness::load::Server;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PATH: &str = "/feeds/news.json";
const NGINX: &str = "/usr/sbin/nginx";
/// The output's poll interval, hence `max-age` and `stale-while-revalidate`.
const MAX_AGE: Duration = Duration::from_secs(2);
/// Readers, each asking every `READ_EVERY` over `PERIODS` × `MAX_AGE`.
const READERS: usize = 50;
const READ_EVERY: Duration = Duration::from_millis(100);
const PERIODS: u32 = 4;

fn rss(titles: &[&str]) -> String {
    let items: String = titles
        .iter()
        .enumerate()
        .map(|(n, title)| {
            format!("<item><title>{title}</title><link>https://news.example/{n}</link><pubDate>Wed, 28 Sep 2016 1{n}:00:00 +0000</pubDate></item>")
        })
        .collect();
    format!("<rss version=\"2.0\"><channel><title>Cached</title>{items}</channel></rss>")
}

/// A free loopback port (bound, then released).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// nginx in front of `origin`, in the foreground, one process, under `dir`.
struct Nginx {
    child: Child,
    port: u16,
    access_log: PathBuf,
}

impl Nginx {
    fn start(dir: &Path, origin: u16) -> Nginx {
        assert!(Path::new(NGINX).exists(), "{NGINX} is missing: cargo xtask test installs Debian's nginx-light");
        let port = free_port();
        std::fs::create_dir_all(dir.join("logs")).unwrap();
        let d = dir.display();
        let config = format!(
            "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 1024; }}\n\
             http {{\n\
               log_format cache '$upstream_cache_status $upstream_addr $upstream_status $status';\n\
               access_log {d}/access.log cache;\n\
               log_subrequest on;\n\
               client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fastcgi;\n\
               uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n\
               proxy_cache_path {d}/cache levels=1:2 keys_zone=feeds:1m max_size=10m inactive=1d use_temp_path=off;\n\
               server {{\n\
                 listen 127.0.0.1:{port};\n\
                 location / {{\n\
                   proxy_pass http://127.0.0.1:{origin};\n\
                   proxy_http_version 1.1;\n\
                   proxy_set_header Connection \"\";\n\
                   proxy_cache feeds;\n\
                   proxy_cache_revalidate on;\n\
                   proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;\n\
                   proxy_cache_background_update on;\n\
                   proxy_cache_lock on;\n\
                   add_header X-Cache $upstream_cache_status always;\n\
                 }}\n\
               }}\n\
             }}\n"
        );
        std::fs::write(dir.join("nginx.conf"), config).unwrap();
        let child = Command::new(NGINX)
            .args(["-p"])
            .arg(dir)
            .args(["-c"])
            .arg(dir.join("nginx.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let nginx = Nginx { child, port, access_log: dir.join("access.log") };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return nginx;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "nginx did not listen on {port}: {}",
            std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
        );
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}{PATH}", self.port)
    }

    /// Requests nginx passed to the origin (its access log's lines with an
    /// upstream address, background revalidations included).
    fn origin_requests(&self) -> usize {
        let log = std::fs::read_to_string(&self.access_log).unwrap_or_default();
        log.lines().filter(|line| line.split(' ').nth(1).is_some_and(|upstream| upstream != "-")).count()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The bridge on `port` (0: any), its upstream the file `upstream`.
fn bridge(dir: &Path, port: u16) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_news-bridge"));
    command.args(["serve", "--config"]).arg(dir.join("bridge.toml")).args(["--listen", &format!("127.0.0.1:{port}")]);
    Server::spawn(command).unwrap()
}

/// A read through the cache: (status, body, X-Cache).
async fn read(client: &reqwest::Client, url: &str) -> (u16, String, String) {
    let response = client.get(url).send().await.unwrap();
    let cache = response.headers().get("x-cache").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default(), cache)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_cache_collapses_readers_and_serves_stale_while_the_bridge_is_down() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = std::env::temp_dir().join(format!("news-bridge-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let upstream = dir.join("upstream.xml");
    std::fs::write(&upstream, rss(&["First"])).unwrap();
    let toml = format!(
        "[server]\nshutdown_timeout = \"1s\"\n[[output]]\npath = \"{PATH}\"\nupstreams = [{:?}]\ninterval = \"{}s\"\n",
        upstream.display().to_string(),
        MAX_AGE.as_secs()
    );
    std::fs::write(dir.join("bridge.toml"), toml).unwrap();
    let origin = bridge(&dir, 0);
    let origin_port = origin.addr.port();
    let nginx = Nginx::start(&dir, origin_port);
    let client = reqwest::Client::builder().no_proxy().no_gzip().build().unwrap();
    for _ in 0..100 {
        if read(&client, &nginx.url()).await.0 == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Many readers over several max-age periods.
    let before = nginx.origin_requests();
    let until = Instant::now() + MAX_AGE * PERIODS;
    let mut readers = Vec::new();
    for _ in 0..READERS {
        let (client, url) = (client.clone(), nginx.url());
        readers.push(tokio::spawn(async move {
            let (mut reads, mut failures) = (0usize, 0usize);
            while Instant::now() < until {
                reads += 1;
                failures += usize::from(read(&client, &url).await.0 != 200);
                tokio::time::sleep(READ_EVERY).await;
            }
            (reads, failures)
        }));
    }
    let (mut reads, mut failures) = (0, 0);
    for reader in readers {
        let (r, f) = reader.await.unwrap();
        reads += r;
        failures += f;
    }
    let origin_requests = nginx.origin_requests() - before;
    println!(
        "behind nginx: {READERS} readers, {reads} reads over {PERIODS} max-age periods of {MAX_AGE:?}: \
         {origin_requests} origin requests ({:.4} per read, {:.2} per reader)",
        origin_requests as f64 / reads as f64,
        origin_requests as f64 / READERS as f64
    );
    assert_eq!(failures, 0);
    assert!(reads > 1_000, "{reads}");
    assert!(
        (1..=PERIODS as usize + 2).contains(&origin_requests),
        "about one origin request per max-age period: {origin_requests} in {PERIODS} periods; log: {}",
        std::fs::read_to_string(&nginx.access_log)
            .unwrap_or_default()
            .lines()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .join("\n")
    );

    // A change reaches readers within max-age + stale-while-revalidate of
    // reaching the origin.
    std::fs::write(&upstream, rss(&["First", "Second"])).unwrap();
    let direct = format!("http://127.0.0.1:{origin_port}{PATH}");
    let origin_has_it = async {
        for _ in 0..100 {
            if client.get(&direct).send().await.unwrap().text().await.unwrap().contains("Second") {
                return Instant::now();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the bridge never published the change");
    }
    .await;
    let seen = loop {
        if read(&client, &nginx.url()).await.1.contains("Second") {
            break origin_has_it.elapsed();
        }
        assert!(origin_has_it.elapsed() < MAX_AGE * 4, "the change never reached readers through the cache");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    println!(
        "behind nginx: a change reached readers {seen:?} after the origin had it (max-age + swr: {:?})",
        MAX_AGE * 2
    );
    assert!(seen <= MAX_AGE * 2 + Duration::from_millis(500), "{seen:?}");

    // The bridge stops: readers keep the last feed, well past max-age + swr.
    let last = read(&client, &nginx.url()).await.1;
    assert!(origin.stop().unwrap().success());
    tokio::time::sleep(MAX_AGE * 3).await;
    for _ in 0..20 {
        let (status, body, cache) = read(&client, &nginx.url()).await;
        assert_eq!((status, body == last), (200, true), "stale-if-error: the last feed ({cache})");
        assert!(matches!(cache.as_str(), "STALE" | "UPDATING" | "HIT"), "{cache}");
    }
    drop(nginx);
    std::fs::remove_dir_all(&dir).unwrap();
}
