//! The README's table of test counts, counted from the tests themselves: a
//! test is a function marked `#[test]`, `#[tokio::test…]` or
//! `#[wasm_bindgen_test]` (proptest's are marked `#[test]` inside its macro).

use crate::{root, Result};
use std::fmt::Write;
use std::path::Path;

/// The crates' unit tests: the name the README gives each, and its `src/`.
const UNIT: [(&str, &str); 8] = [
    ("widget", "src"),
    ("newsroom", "newsroom/src"),
    ("configurator", "configure/src"),
    ("bridge", "bridge/src"),
    ("serving", "serving/src"),
    ("xtask", "xtask/src"),
    ("bench", "bench/src"),
    ("harness", "harness/src"),
];

/// The README's block: the table of levels and the line that sums it up.
pub fn readme_block() -> Result<String> {
    let mut units = Vec::new();
    for (name, dir) in UNIT {
        units.push((name, tests_in(dir)?));
    }
    let unit: usize = units.iter().map(|(_, n)| n).sum();
    let corpus = tests_in("tests/feed_corpus.rs")?;
    let fixtures = files_in("tests/fixtures/hostile")?;
    let bridge = tests_in("bridge/tests")?;
    let components = tests_in("tests/web.rs")?;
    let e2e = tests_in("tests/e2e")?;
    let per_crate = units.iter().map(|(name, n)| format!("{name} {n}")).collect::<Vec<_>>().join(", ");
    let engines = "Chromium, Firefox, WebKit";
    let mut md = String::from("| level | what | count | engines |\n|---|---|--:|---|\n");
    let _ = writeln!(md, "| 1 native | unit tests of every crate ({per_crate}) | {unit} | |");
    let _ = writeln!(
        md,
        "| 1 native | `tests/feed_corpus.rs`: {fixtures} hostile fixtures, generated giants, property tests | {corpus} | |"
    );
    let _ = writeln!(
        md,
        "| 1 native | news-bridge: real RSS/Atom corpus, hostile inputs, HTTP, build, process, security, slow loris, live coverage, behind nginx | {bridge} | |"
    );
    let _ = writeln!(
        md,
        "| 2 components | `tests/web.rs` (wasm-bindgen-test), including the corpus parity test | {components} | {engines} |"
    );
    let _ = writeln!(
        md,
        "| 3 end to end | `tests/e2e/`: the release `dist/` and the packed npm package on loopback, host pages on other origins | {e2e} | {engines} |"
    );
    let _ = writeln!(
        md,
        "\n{} native tests, 3 × {components} component tests and 3 × {e2e} end-to-end runs.",
        unit + corpus + bridge
    );
    Ok(md)
}

/// The tests in the Rust files at `path` (a file, or a folder read through).
fn tests_in(path: &str) -> Result<usize> {
    let mut count = 0;
    for file in rust_files(&root().join(path))? {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        count += count_tests(&text);
    }
    Ok(count)
}

/// The functions marked as tests in `source`.
fn count_tests(source: &str) -> usize {
    source
        .lines()
        .map(str::trim_start)
        .filter(|line| *line == "#[test]" || line.starts_with("#[tokio::test") || *line == "#[wasm_bindgen_test]")
        .count()
}

/// `path` itself if it is a file, else every `.rs` file below it.
fn rust_files(path: &Path) -> Result<Vec<std::path::PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    let entries = std::fs::read_dir(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", path.display()))?.path();
        if entry.is_dir() {
            files.extend(rust_files(&entry)?);
        } else if entry.extension().is_some_and(|ext| ext == "rs") {
            files.push(entry);
        }
    }
    files.sort();
    Ok(files)
}

/// The files in folder `dir`.
fn files_in(dir: &str) -> Result<usize> {
    let entries = std::fs::read_dir(root().join(dir)).map_err(|e| format!("{dir}: {e}"))?;
    Ok(entries.filter(|entry| entry.as_ref().is_ok_and(|e| e.path().is_file())).count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_tests_counts_each_kind_of_test_marker_once() {
        let source = "#[test]\nfn a() {}\n    #[tokio::test(flavor = \"multi_thread\")]\nasync fn b() {}\n\
                      #[wasm_bindgen_test]\nfn c() {}\n// #[test] in a comment\n#[cfg(test)]\nmod tests {}\n\
                      proptest! {\n    #[test]\n    fn d(x in 0..9u8) {}\n}\n";
        assert_eq!(count_tests(source), 4);
    }
}
