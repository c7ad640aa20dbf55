//! `cargo xtask build`: the release `dist/` (trunk, wasm-bindgen, wasm-opt,
//! esbuild through the loader's post-build hook).

use crate::setup;
use crate::Result;

/// Installs the build tools and builds `dist/` with the configurator.
pub fn run() -> Result {
    setup::ensure(&setup::BUILD)?;
    dist()?;
    configurator()
}

/// `trunk build --release` into `dist/` (the tools must be installed).
pub fn dist() -> Result {
    crate::exec("trunk", &["build", "--release"], &[])
}

/// `examples/leptos-app` (the widget as a Leptos component) into
/// `target/leptos-app/`, for the end-to-end tests.
pub fn leptos_app() -> Result {
    crate::exec("trunk", &["--config", "examples/leptos-app/Trunk.toml", "build", "--release"], &[])
}

/// The configurator (`configure/`) into `dist/` as `configure.html` and its
/// files, beside the widget: after [`dist`], which empties `dist/`.
pub fn configurator() -> Result {
    crate::exec("trunk", &["--config", "configure/Trunk.toml", "build", "--release"], &[])
}
