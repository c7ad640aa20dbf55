//! The configurator page (`dist/configure.html`), built by trunk.

#[cfg(target_arch = "wasm32")]
fn main() {
    configure::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("a browser app: build it with `trunk --config configure/Trunk.toml build --release`");
}
