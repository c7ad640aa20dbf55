//! `cargo xtask demo`: builds `dist/` and serves the demo with the newsroom,
//! which publishes a new story every 20 seconds, and `news-bridge`, which
//! serves a sample RSS feed (made from the seed's headlines) as JSON Feed on
//! 127.0.0.1:8090 for the demo's "From RSS" widget.

use crate::{build, exec, root, Result};
use std::net::SocketAddr;
use std::process::{Child, Command};

/// Where the demo page expects the bridge (`index.html`).
const BRIDGE_ADDR: &str = "127.0.0.1:8090";

/// Builds `dist/` and the bridge, and serves both until Ctrl-C.
pub fn run(addr: SocketAddr) -> Result {
    build::run()?;
    exec("cargo", &["build", "--quiet", "--profile", "server", "--package", "news-bridge"], &[])?;
    let bridge = Bridge::start()?;
    println!("xtask: demo on http://{addr}/ (Ctrl-C to stop); news-bridge on http://{BRIDGE_ADDR}/healthz");
    println!("xtask: the configurator on http://{addr}/configure");
    let addr = addr.to_string();
    let newsroom = ["run", "--quiet", "--package", "newsroom", "--", "--dist", "dist", "--feeds", "feeds"];
    let served = exec("cargo", &[&newsroom[..], &["--addr", &addr, "--publish-every", "20s"]].concat(), &[]);
    drop(bridge);
    served
}

/// The bridge's process, stopped when dropped (Ctrl-C reaches it directly).
struct Bridge(Child);

impl Bridge {
    fn start() -> Result<Bridge> {
        let binary = root().join("target/server/news-bridge");
        let child = Command::new(&binary)
            .args(["serve", "--config", "bridge/demo/bridge.toml", "--listen", BRIDGE_ADDR])
            .current_dir(root())
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", binary.display()))?;
        Ok(Bridge(child))
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
