//! The widget with its function names kept, for CPU profiles that say which
//! code ran: `dist/`'s own pipeline with the name section kept at every step.
//! Trunk's steps are repeated in `target/bench-names/` (the release build
//! with `strip = false`, wasm-bindgen, wasm-opt with index.html's options
//! plus `-g`), then the project's post-build hook (`loader/finish.mjs`) runs
//! on that output with binaryen's tools wrapped to add `-g`. Same code as
//! `dist/`; only the name section is added.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The post-build hook, and what it reads from the source folder (the
/// `target/` files are what `cargo xtask build` writes for it).
const HOOK: &str = "loader/finish.mjs";
const HOOK_READS: [&str; 4] = ["Cargo.toml", "loader", "target/widget.css", "target/embed-table.json"];
/// Binaryen tools the hook runs from `node_modules/.bin`, wrapped with `-g`.
const BINARYEN: [&str; 2] = ["wasm-opt", "wasm-metadce"];

/// Builds (or reuses, when its inputs are unchanged) the names build; the
/// folder laid out like `dist/`.
pub fn build(root: &Path) -> Result<PathBuf, String> {
    let target = root.join("target/bench-names");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let args = ["build", "--release", "--lib", "--target", "wasm32-unknown-unknown", "--package", "news-headlines"];
    let env = [("CARGO_TARGET_DIR", target.as_os_str()), ("CARGO_PROFILE_RELEASE_STRIP", "false".as_ref())];
    exec(Command::new(&cargo).args(args).envs(env).current_dir(root))?;
    let built = target.join("wasm32-unknown-unknown/release/news_headlines.wasm");

    let html = read_text(&root.join("index.html"))?;
    let mut hasher = DefaultHasher::new();
    (read(&built)?, &html, read(&root.join(HOOK))?, read(&root.join("loader/news-headlines.js"))?).hash(&mut hasher);
    for written in ["target/widget.css", "target/embed-table.json"] {
        read(&root.join(written))?.hash(&mut hasher);
    }
    let hash = format!("{:016x}", hasher.finish());
    let (out, stamp) = (target.join("dist"), target.join("dist.hash"));
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(hash.as_str()) && out.exists() {
        return Ok(out);
    }

    let _ = std::fs::remove_dir_all(&out);
    let stem = format!("news-headlines-{hash}");
    let bindgen = harness::browsers::cargo_bin().join("wasm-bindgen");
    exec(
        Command::new(bindgen)
            .args(["--target", "web", "--no-typescript", "--out-name", &stem, "--out-dir"])
            .arg(&out)
            .arg(&built),
    )?;
    let wasm = out.join(format!("{stem}_bg.wasm"));
    let (level, params) = wasm_opt_options(&html);
    let mut wasm_opt = Command::new(root.join("node_modules/.bin/wasm-opt"));
    wasm_opt.arg(format!("-O{level}")).arg("-g").args(params.split_whitespace());
    exec(wasm_opt.arg(&wasm).arg("-o").arg(&wasm))?;

    let source = target.join("source");
    let _ = std::fs::remove_dir_all(&source);
    let bin = source.join("node_modules/.bin");
    std::fs::create_dir_all(&bin).map_err(|e| format!("{}: {e}", bin.display()))?;
    std::fs::create_dir_all(source.join("target")).map_err(|e| format!("{}: {e}", source.display()))?;
    for entry in HOOK_READS {
        symlink(&root.join(entry), &source.join(entry))?;
    }
    for tool in BINARYEN {
        let real = root.join("node_modules/.bin").join(tool);
        let wrapper = bin.join(tool);
        std::fs::write(&wrapper, format!("#!/bin/sh\nexec '{}' -g \"$@\"\n", real.display()))
            .map_err(|e| format!("{}: {e}", wrapper.display()))?;
        exec(Command::new("chmod").arg("+x").arg(&wrapper))?;
    }
    let env = [("TRUNK_STAGING_DIR", out.as_os_str()), ("TRUNK_SOURCE_DIR", source.as_os_str())];
    exec(Command::new("node").arg(root.join(HOOK)).envs(env).current_dir(root))?;
    std::fs::write(&stamp, &hash).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(out)
}

/// `data-wasm-opt` and `data-wasm-opt-params` of trunk's rust link in index.html.
fn wasm_opt_options(html: &str) -> (String, String) {
    let attribute = |name: &str| {
        let start = html.find(&format!("{name}=\""))? + name.len() + 2;
        html[start..].split('"').next().map(str::to_owned)
    };
    (attribute("data-wasm-opt").unwrap_or_else(|| "z".into()), attribute("data-wasm-opt-params").unwrap_or_default())
}

fn symlink(original: &Path, link: &Path) -> Result<(), String> {
    std::os::unix::fs::symlink(original, link).map_err(|e| format!("{}: {e}", link.display()))
}

fn exec(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("{command:?}: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{command:?}: {status}"))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
