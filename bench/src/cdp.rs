//! Chrome DevTools Protocol commands, sent through chromedriver's
//! `POST /session/{id}/goog/cdp/execute` (commands only: no events): network
//! and CPU emulation, and the sampling CPU profiler.

use fantoccini::wd::WebDriverCompatibleCommand;
use harness::Harness;
use serde_json::{json, Value};

/// One CDP command for the session's page.
#[derive(Debug)]
struct Command {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Command {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

/// Sends `cmd` with `params`; its result.
pub async fn send(h: &Harness, cmd: &'static str, params: Value) -> Value {
    h.client.issue_cmd(Command { cmd, params }).await.unwrap_or_else(|e| panic!("CDP {cmd}: {e}"))
}

/// A network and CPU profile, emulated with DevTools' request-level
/// throttling (each request waits `latency`; no TCP handshake or slow start).
#[derive(Clone, Copy, Debug)]
pub struct Conditions {
    pub name: &'static str,
    /// Added to every request, ms.
    pub latency_ms: f64,
    /// Bits per second.
    pub down_bps: f64,
    pub up_bps: f64,
    /// CPU slowdown of the page's main thread.
    pub cpu: f64,
}

/// "Slow 4G, mobile CPU": 150 ms RTT, 1.6 Mbps down, 750 kbps up, CPU 4× slower.
pub const SLOW_4G: Conditions =
    Conditions { name: "Slow 4G, mobile CPU", latency_ms: 150.0, down_bps: 1.6e6, up_bps: 750e3, cpu: 4.0 };
/// "Broadband": 40 ms RTT, 10 Mbps down (5 Mbps up), CPU as is.
pub const BROADBAND: Conditions =
    Conditions { name: "Broadband", latency_ms: 40.0, down_bps: 10e6, up_bps: 5e6, cpu: 1.0 };

impl Conditions {
    /// Applies these conditions to the session's page.
    pub async fn apply(&self, h: &Harness) {
        send(h, "Network.enable", json!({})).await;
        let network = json!({
            "offline": false,
            "latency": self.latency_ms,
            "downloadThroughput": self.down_bps / 8.0,
            "uploadThroughput": self.up_bps / 8.0,
        });
        send(h, "Network.emulateNetworkConditions", network).await;
        cpu(h, self.cpu).await;
    }

    pub fn describe(&self) -> String {
        format!(
            "{} ms latency per request, {} Mbps down, {} Mbps up, CPU ×{}",
            self.latency_ms,
            self.down_bps / 1e6,
            self.up_bps / 1e6,
            self.cpu
        )
    }
}

/// Slows the page's main thread down `rate` times (1 = as is).
pub async fn cpu(h: &Harness, rate: f64) {
    send(h, "Emulation.setCPUThrottlingRate", json!({ "rate": rate })).await;
}

/// Starts V8's sampling profiler, one sample every `interval_us`.
pub async fn start_profiler(h: &Harness, interval_us: u32) {
    send(h, "Profiler.enable", json!({})).await;
    send(h, "Profiler.setSamplingInterval", json!({ "interval": interval_us })).await;
    send(h, "Profiler.start", json!({})).await;
}

/// Stops the profiler; the `Profiler.Profile` recorded.
pub async fn stop_profiler(h: &Harness) -> Value {
    let mut stopped = send(h, "Profiler.stop", json!({})).await;
    stopped["profile"].take()
}
