//! `cargo xtask build`: the release `dist/` (trunk, wasm-bindgen, wasm-opt,
//! esbuild through the loader's post-build hook).

use crate::setup;
use crate::Result;

/// Installs the build tools and builds `dist/` with the configurator and
/// the Leptos example app.
pub fn run() -> Result {
    setup::ensure(&setup::BUILD)?;
    dist()?;
    configurator()?;
    leptos_app()
}

/// `trunk build --release` into `dist/` (the tools must be installed), after
/// writing what its post-build hook reads: the embed page's table
/// (`target/embed-table.json`, from `news_headlines::embed`), the minified
/// stylesheet the loader carries (`target/widget.css`, from
/// `news_headlines::stylesheet`) and the phrase tables ([`phrase_tables`]).
pub fn dist() -> Result {
    let table = crate::root().join("target/embed-table.json");
    std::fs::create_dir_all(crate::root().join("target")).map_err(|e| format!("target/: {e}"))?;
    std::fs::write(&table, news_headlines::embed::script_table()).map_err(|e| format!("{}: {e}", table.display()))?;
    let stylesheet = crate::root().join("target/widget.css");
    std::fs::write(&stylesheet, news_headlines::stylesheet::STYLESHEET)
        .map_err(|e| format!("{}: {e}", stylesheet.display()))?;
    phrase_tables()?;
    crate::exec("trunk", &["build", "--release"], &[])
}

/// Every language's phrase table but English's (which the wasm carries),
/// and the phrase names with the longest override the loader reads
/// `strings` by (`phrases.json`), written from `news_headlines::i18n` into
/// `target/i18n/`, where `loader/finish.mjs` picks them up, makes
/// `i18n/index.json` of the names and each table's pin, and pins that in
/// the loader.
pub fn phrase_tables() -> Result {
    use news_headlines::i18n::{phrase_names_file, table_file, LANGUAGES};
    let folder = crate::root().join("target/i18n");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let write = |name: String, text: String| {
        let path = folder.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("phrases.json".into(), phrase_names_file())?;
    for table in LANGUAGES.iter().filter(|table| table.code != "en") {
        write(format!("{}.json", table.code), table_file(table))?;
    }
    Ok(())
}

/// `examples/leptos-app` (the widget as a Leptos component) into
/// `dist/app/` (the demo's `/app/`), after [`dist`], which empties `dist/`.
pub fn leptos_app() -> Result {
    crate::exec("trunk", &["--config", "examples/leptos-app/Trunk.toml", "build", "--release"], &[])
}

/// The configurator (`configure/`) into `dist/` as `configure.html` and its
/// files, beside the widget: after [`dist`], which empties `dist/`.
pub fn configurator() -> Result {
    crate::exec("trunk", &["--config", "configure/Trunk.toml", "build", "--release"], &[])
}

#[cfg(test)]
mod tests {
    /// `[patch.crates-io]` only applies to the version it names: when a Leptos
    /// update links another wasm-streams, its stream adapters (about 5 KB of
    /// gzip) come back unnoticed but for this test.
    #[test]
    fn the_only_wasm_streams_linked_is_the_vendored_copy() {
        let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock")).unwrap();
        let copies: Vec<&str> =
            lock.split("[[package]]").filter(|package| package.contains("\nname = \"wasm-streams\"\n")).collect();
        assert_eq!(copies.len(), 1, "{copies:?}");
        assert!(
            copies.iter().all(|package| !package.contains("\nsource = ")),
            "wasm-streams comes from a registry, not vendor/wasm-streams: see its NEWS-HEADLINES.md ({copies:?})"
        );
    }
}
