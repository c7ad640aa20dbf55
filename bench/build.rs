//! Records the optimisation level the bench is built with: the bridge's
//! conversion figure is measured in-process, so it depends on it.

fn main() {
    println!("cargo:rustc-env=BENCH_OPT_LEVEL={}", std::env::var("OPT_LEVEL").unwrap_or_default());
}
