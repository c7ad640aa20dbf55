//! `cargo xtask demo`: builds `dist/` and serves the demo with the newsroom,
//! which publishes a new story every 20 seconds.

use crate::{build, exec, setup, Result};
use std::net::SocketAddr;

/// Builds `dist/` and serves it on `addr` until Ctrl-C.
pub fn run(addr: SocketAddr) -> Result {
    setup::ensure(&setup::BUILD)?;
    build::dist()?;
    println!("xtask: demo on http://{addr}/ (Ctrl-C to stop)");
    let addr = addr.to_string();
    let newsroom = ["run", "--quiet", "--package", "newsroom", "--", "--dist", "dist", "--feeds", "feeds"];
    exec("cargo", &[&newsroom[..], &["--addr", &addr, "--publish-every", "20s"]].concat(), &[])
}
