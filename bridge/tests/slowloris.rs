//! `serve` under a slow-loris attack, as a child process whose descriptor
//! limit (256) is far below the attackers' connections (1,500, idle or
//! sending their headers a few bytes at a time, reconnecting when closed,
//! until every reader is done): ordinary readers are all answered within
//! a few seconds (their latencies printed), the server keeps descriptors
//! free for its upstreams (a change upstream is served during the attack),
//! and once the attackers leave its descriptors return to where
//! they were; SIGTERM then stops it within its shutdown deadline.

use harness::load::Server;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;

const PATH: &str = "/feeds/bridge/around-arab-news.json";
/// The server's descriptor limit.
const SERVER_DESCRIPTORS: u64 = 256;
/// Attacking connections held (or retried) at once.
const ATTACKERS: usize = 1_500;
/// Ordinary readers, each asking `READS` times on new connections.
const READERS: usize = 20;
const READS: usize = 10;
/// How long a reader waits for an answer (the attack lasts until all are done).
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A one-item RSS feed.
fn headline_feed(title: &str) -> String {
    format!(
        "<rss version=\"2.0\"><channel><title>Loris</title>\
         <item><title>{title}</title><link>https://news.example/1</link></item></channel></rss>"
    )
}

/// Open descriptors of process `pid`.
fn descriptors(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map(|entries| entries.count()).unwrap_or(0)
}

/// Raises this process's descriptor limit to its hard limit (the attackers' sockets).
fn raise_own_descriptor_limit() -> u64 {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit/setrlimit read and write only `limit`.
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit), 0);
        limit.rlim_cur = limit.rlim_max;
        assert_eq!(libc::setrlimit(libc::RLIMIT_NOFILE, &limit), 0);
    }
    limit.rlim_cur
}

/// One attacker until `stop` turns true: connects, then holds the
/// connection idle (`slow == false`) or sends a request head a header line
/// every 300 ms; reconnects when the server closes it.
async fn attack(addr: std::net::SocketAddr, slow: bool, mut stop: watch::Receiver<bool>) -> u64 {
    let mut connections = 0;
    while !*stop.borrow() {
        let Ok(Ok(mut stream)) = tokio::time::timeout(Duration::from_secs(2), TcpStream::connect(addr)).await else {
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        connections += 1;
        let mut byte = [0u8; 1];
        let mut line = format!("GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n").into_bytes();
        loop {
            if slow && stream.write_all(&line).await.is_err() {
                break;
            }
            line = b"X-Slow: loris\r\n".to_vec();
            let tick = if slow { Duration::from_millis(300) } else { Duration::from_secs(3600) };
            tokio::select! {
                () = tokio::time::sleep(tick) => {}
                _ = stream.read(&mut byte) => break,
                _ = stop.wait_for(|stop| *stop) => break,
            }
        }
        drop(stream);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    connections
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_loris_leaves_readers_answered_and_nothing_behind() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let own_limit = raise_own_descriptor_limit();
    assert!(own_limit > ATTACKERS as u64 + 500, "the test needs {ATTACKERS} sockets; its limit is {own_limit}");
    let dir = std::env::temp_dir().join(format!("news-bridge-slowloris-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sample = dir.join("upstream.xml");
    std::fs::write(&sample, headline_feed("Before the attack")).unwrap();
    let config = dir.join("bridge.toml");
    let toml = format!(
        "[server]\nheader_timeout = \"2s\"\nidle_timeout = \"3s\"\nshutdown_timeout = \"2s\"\n\n\
         [[output]]\npath = \"{PATH}\"\nupstreams = [{:?}]\ninterval = \"1s\"\n",
        sample.display().to_string()
    );
    std::fs::write(&config, toml).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_news-bridge"));
    command.args(["serve", "--config"]).arg(&config).args(["--listen", "127.0.0.1:0"]);
    // SAFETY: setrlimit is async-signal-safe and touches only the child.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: SERVER_DESCRIPTORS, rlim_max: SERVER_DESCRIPTORS };
            match libc::setrlimit(libc::RLIMIT_NOFILE, &limit) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        });
    }
    let server = Server::spawn(command).unwrap();
    let (addr, pid) = (server.addr, server.pid());
    let client = || reqwest::Client::builder().no_proxy().pool_max_idle_per_host(0).build().unwrap();
    let warm = client();
    for _ in 0..100 {
        if warm.get(server.url(PATH)).send().await.is_ok_and(|r| r.status() == 200) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(warm);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let baseline = descriptors(pid);
    let memory_before = harness::load::rss_kib(pid).unwrap_or_default();

    let (stop, stopped) = watch::channel(false);
    // The attackers run on their own threads, as they would on other
    // machines: the readers' requests are not queued behind theirs.
    let attack_runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let attackers: Vec<_> =
        (0..ATTACKERS).map(|n| attack_runtime.spawn(attack(addr, n % 2 == 1, stopped.clone()))).collect();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let during = descriptors(pid);
    let memory_during = harness::load::rss_kib(pid).unwrap_or_default();

    let mut readers = Vec::new();
    for _ in 0..READERS {
        let (client, url) = (client(), server.url(PATH));
        readers.push(tokio::spawn(async move {
            let mut outcomes = Vec::new();
            for _ in 0..READS {
                let sent = Instant::now();
                let answer = client.get(&url).timeout(READ_TIMEOUT).send().await;
                let status = match answer {
                    Ok(response) => response.bytes().await.map(|_| 200).unwrap_or(0),
                    Err(error) => {
                        eprintln!("a reader's request failed: {error:?}");
                        0
                    }
                };
                outcomes.push((status, sent.elapsed()));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            outcomes
        }));
    }
    let mut latencies = Vec::new();
    let mut failed = 0;
    for reader in readers {
        for (status, latency) in reader.await.unwrap() {
            failed += usize::from(status != 200);
            latencies.push(latency);
        }
    }
    // Upstream reads still work under attack: a change is served.
    std::fs::write(&sample, headline_feed("During the attack")).unwrap();
    let mut changed = false;
    for _ in 0..100 {
        let answer = client().get(server.url(PATH)).timeout(READ_TIMEOUT).send().await;
        if let Ok(response) = answer {
            changed = response.text().await.is_ok_and(|body| body.contains("During the attack"));
        }
        if changed {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The attack lasts until every reader is done.
    let _ = stop.send(true);
    let attacks: u64 = futures_sum(attackers).await;
    attack_runtime.shutdown_background();
    latencies.sort();
    let percentile = |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    println!(
        "slow loris: {ATTACKERS} attackers ({attacks} connections), server limit {SERVER_DESCRIPTORS} descriptors \
         ({during} open under attack, {baseline} before; RSS {memory_before} KiB before, {memory_during} KiB under attack); \
         {} of {} reads answered; p50 {:?}, p99 {:?}, max {:?}",
        latencies.len() - failed,
        latencies.len(),
        percentile(0.5),
        percentile(0.99),
        latencies.last().unwrap()
    );
    assert_eq!(failed, 0, "every ordinary read is answered within {READ_TIMEOUT:?} under attack");
    assert!(changed, "the upstream is still read under attack: its change is served");
    assert!(during + 32 <= SERVER_DESCRIPTORS as usize, "descriptors kept free for upstreams: {during} open");

    // The attackers have left: the server holds nothing for them.
    let mut after = descriptors(pid);
    for _ in 0..100 {
        if after <= baseline + 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        after = descriptors(pid);
    }
    assert!(after <= baseline + 2, "descriptors: {baseline} before the attack, {after} after it");
    let health = client().get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let status = server.stop().unwrap();
    assert!(status.success(), "graceful exit on SIGTERM: {status:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The connections made by all attackers.
async fn futures_sum(attackers: Vec<tokio::task::JoinHandle<u64>>) -> u64 {
    let mut total = 0;
    for attacker in attackers {
        total += attacker.await.unwrap();
    }
    total
}

#[tokio::test]
async fn sigterm_stops_within_the_shutdown_deadline_with_connections_held() {
    let dir = std::env::temp_dir().join(format!("news-bridge-drain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("demo/arabnews-sample.xml");
    let config = dir.join("bridge.toml");
    let toml = format!(
        "[server]\nheader_timeout = \"10m\"\nidle_timeout = \"10m\"\nshutdown_timeout = \"1s\"\n\n\
         [[output]]\npath = \"{PATH}\"\nupstreams = [{:?}]\n",
        sample.display().to_string()
    );
    std::fs::write(&config, toml).unwrap();
    let server = Server::start(env!("CARGO_BIN_EXE_news-bridge").as_ref(), &config).unwrap();
    let mut held = Vec::new();
    for n in 0..40 {
        let mut stream = TcpStream::connect(server.addr).await.unwrap();
        if n % 2 == 0 {
            stream.write_all(format!("GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n").as_bytes()).await.unwrap();
        }
        held.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let asked = Instant::now();
    let status = server.stop().unwrap();
    let took = asked.elapsed();
    assert!(status.success(), "exited by itself, not killed after 10 s: {status:?} after {took:?}");
    println!("SIGTERM with 40 connections held: exited after {took:?} (shutdown_timeout 1s)");
    drop(held);
    std::fs::remove_dir_all(&dir).unwrap();
}
