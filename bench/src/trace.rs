//! Chrome traces of the page's main thread, which split what a CPU profile
//! calls `(program)` into style, layout, paint and the rest. Tracing sends
//! events, which chromedriver's CDP endpoint cannot deliver, so the trace
//! goes over the browser's own DevTools websocket (the session's
//! `goog:chromeOptions.debuggerAddress`), to the page's target.

use futures_util::{SinkExt, StreamExt};
use harness::Harness;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;

/// Trace categories: the main thread's tasks, script, wasm compilation,
/// style, layout, paint, marks.
const CATEGORIES: [&str; 9] = [
    "-*",
    "toplevel",
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "v8.execute",
    "blink.user_timing",
    "v8",
    "v8.wasm",
    "disabled-by-default-v8.wasm.detailed",
];

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A trace being recorded.
pub struct Tracer {
    sink: futures_util::stream::SplitSink<Socket, Message>,
    events: tokio::task::JoinHandle<Vec<Value>>,
}

impl Tracer {
    /// Starts tracing the page whose URL contains `page`.
    pub async fn start(h: &Harness, page: &str) -> Tracer {
        let capabilities = h.client.capabilities().expect("a session");
        let address =
            capabilities["goog:chromeOptions"]["debuggerAddress"].as_str().expect("Chromium's DevTools address");
        let port = address.rsplit(':').next().expect("a port");
        let targets: Value = serde_json::from_str(&get(port, "/json/list").await).expect("DevTools targets");
        let target = (targets.as_array().expect("targets").iter())
            .find(|t| t["type"] == "page" && t["url"].as_str().is_some_and(|url| url.contains(page)))
            .expect("the page's target");
        let url = target["webSocketDebuggerUrl"].as_str().expect("a websocket URL");
        let (socket, _) = tokio_tungstenite::connect_async(url).await.expect("the DevTools websocket");
        let (mut sink, mut stream) = socket.split();
        let (started, ready) = tokio::sync::oneshot::channel();
        let events = tokio::spawn(async move {
            let (mut events, mut started) = (vec![], Some(started));
            while let Some(Ok(message)) = stream.next().await {
                let Ok(text) = message.to_text() else { continue };
                let Ok(mut message) = serde_json::from_str::<Value>(text) else { continue };
                match message["method"].as_str() {
                    Some("Tracing.dataCollected") => {
                        events.extend(message["params"]["value"].as_array_mut().map(std::mem::take).unwrap_or_default())
                    }
                    Some("Tracing.tracingComplete") => break,
                    _ if message["id"] == 1 => {
                        if let Some(started) = started.take() {
                            let _ = started.send(());
                        }
                    }
                    _ => {}
                }
            }
            events
        });
        let start = json!({
            "id": 1,
            "method": "Tracing.start",
            "params": { "traceConfig": { "includedCategories": CATEGORIES }, "transferMode": "ReportEvents" },
        });
        sink.send(Message::text(start.to_string())).await.expect("Tracing.start");
        ready.await.expect("Tracing.start answered");
        Tracer { sink, events }
    }

    /// Ends the trace; its events.
    pub async fn stop(mut self) -> Vec<Value> {
        let end = json!({ "id": 2, "method": "Tracing.end" });
        self.sink.send(Message::text(end.to_string())).await.expect("Tracing.end");
        let events = self.events.await.expect("the trace");
        let _ = self.sink.close().await;
        events
    }
}

/// `GET path` from the DevTools HTTP endpoint on loopback `port`; the body
/// (HTTP/1.1: the endpoint keeps the connection open, so read to `Content-Length`).
async fn get(port: &str, path: &str) -> String {
    let mut tcp = tokio::net::TcpStream::connect(format!("127.0.0.1:{port}")).await.expect("DevTools endpoint");
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    tcp.write_all(request.as_bytes()).await.expect("request");
    let mut response = Vec::new();
    loop {
        let text = String::from_utf8_lossy(&response);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = (head.lines())
                .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length:").map(|n| n.trim().to_owned()))
                .and_then(|n| n.parse::<usize>().ok());
            if length.is_some_and(|length| body.len() >= length) {
                return body.to_owned();
            }
        }
        let mut chunk = [0; 8192];
        let read = tcp.read(&mut chunk).await.expect("response");
        assert!(read > 0, "DevTools endpoint closed early: {text}");
        response.extend_from_slice(&chunk[..read]);
    }
}

/// Self time (ms) per event name on the main thread of the renderer that
/// marked `bench:start` (`performance.mark`), between `from` and `to` ms
/// after that mark; gaps between events (idle) under "(no event)".
pub fn self_times(events: &[Value], from: f64, to: f64) -> BTreeMap<String, f64> {
    let mark = events
        .iter()
        .find(|e| e["name"] == "bench:start" && e["cat"].as_str().is_some_and(|c| c.contains("blink.user_timing")))
        .expect("the trace holds the bench:start mark");
    let (pid, tid) = (&mark["pid"], &mark["tid"]);
    let main_thread = events.iter().find(|e| {
        e["ph"] == "M" && e["name"] == "thread_name" && &e["pid"] == pid && e["args"]["name"] == "CrRendererMain"
    });
    let tid = main_thread.map_or(tid, |thread| &thread["tid"]);
    let zero = mark["ts"].as_f64().expect("ts") / 1000.0;
    let (from, to) = (zero + from, zero + to);
    let mut slices: Vec<(f64, f64, &str)> = vec![];
    let mut open: Vec<(f64, &str)> = vec![];
    for e in events.iter().filter(|e| &e["pid"] == pid && &e["tid"] == tid) {
        let (Some(ts), Some(name)) = (e["ts"].as_f64(), e["name"].as_str()) else { continue };
        let ts = ts / 1000.0;
        match e["ph"].as_str() {
            Some("X") => slices.push((ts, ts + e["dur"].as_f64().unwrap_or(0.0) / 1000.0, name)),
            Some("B") => open.push((ts, name)),
            Some("E") => {
                if let Some((start, name)) = open.pop() {
                    slices.push((start, ts, name));
                }
            }
            _ => {}
        }
    }
    slices.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let mut totals: BTreeMap<String, f64> = BTreeMap::new();
    let mut add = |name: &str, start: f64, end: f64| {
        let ms = end.min(to) - start.max(from);
        if ms > 0.0 {
            *totals.entry(name.to_owned()).or_default() += ms;
        }
    };
    // Each open slice: (its end, its name, up to when its self time is counted).
    let mut stack: Vec<(f64, &str, f64)> = vec![(f64::INFINITY, "(no event)", f64::NEG_INFINITY)];
    for (start, end, name) in slices {
        while stack.len() > 1 && stack.last().is_some_and(|top| top.0 <= start) {
            let (top_end, top_name, counted) = stack.pop().expect("an open slice");
            add(top_name, counted, top_end);
            if let Some(parent) = stack.last_mut() {
                parent.2 = top_end;
            }
        }
        let parent = stack.last_mut().expect("the root");
        add(parent.1, parent.2, start);
        let end = end.min(parent.0);
        parent.2 = end;
        stack.push((end, name, start));
    }
    while stack.len() > 1 {
        let (end, name, counted) = stack.pop().expect("an open slice");
        add(name, counted, end);
        if let Some(parent) = stack.last_mut() {
            parent.2 = end;
        }
    }
    let (_, name, counted) = stack[0];
    add(name, counted, to);
    totals
}
