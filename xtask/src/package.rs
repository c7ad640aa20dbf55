//! `cargo xtask package`: the npm package, built from the release `dist/`
//! into `target/package/` and packed with `npm pack` (nothing is published).
//!
//! The package holds the loader and every file it references, byte for byte
//! as in `dist/` and at the same places relative to the loader (so it still
//! finds them relative to its own URL), wherever the loader sits in `dist/`;
//! `package.json`, `custom-elements.json`, `news-headlines.d.ts` and the npm
//! README as `cargo xtask codegen` wrote them in `package/` (the README with
//! the version filled in).

use crate::{build, codegen, exec, root, setup, Result};
use news_headlines::manifest::{self, LOADER};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// Builds `dist/`, then the tarball.
pub fn run() -> Result {
    setup::ensure(&setup::BUILD)?;
    build::dist()?;
    tarball().map(drop)
}

/// Packs the package from the `dist/` there is into
/// `target/package/news-headlines-<version>.tgz`; returns its path.
pub fn tarball() -> Result<PathBuf> {
    let out = root().join("target/package");
    let staging = out.join("npm");
    let loader = find_loader(&root().join("dist"))?;
    let dir = loader.parent().unwrap_or(Path::new("."));
    let files = loader_files(&loader)?;

    remove(&staging)?;
    for file in &files {
        let to = staging.join(file);
        fs::create_dir_all(to.parent().unwrap_or(&staging)).map_err(|e| format!("{}: {e}", to.display()))?;
        fs::copy(dir.join(file), &to).map_err(|e| format!("{file} → {}: {e}", to.display()))?;
    }
    for name in codegen::PACKAGE_FILES {
        let from = root().join("package").join(name);
        fs::copy(&from, staging.join(name)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    let readme = fs::read_to_string(root().join("package/README.md")).map_err(|e| format!("package/README.md: {e}"))?;
    fs::write(staging.join("README.md"), readme.replace("{{version}}", manifest::VERSION))
        .map_err(|e| format!("README.md: {e}"))?;

    for old in tarballs(&out) {
        remove(&old)?;
    }
    let (staging_arg, out_arg) = (staging.display().to_string(), out.display().to_string());
    exec("npm", &["pack", &staging_arg, "--pack-destination", &out_arg, "--ignore-scripts"], &[])?;
    let tarball = match tarballs(&out).as_slice() {
        [one] => one.clone(),
        other => return Err(format!("npm pack left {other:?} in {out_arg}")),
    };
    println!("xtask: {} ({} bytes) holds:", tarball.display(), size(&tarball));
    for file in listing(&staging) {
        println!("xtask: {:>9}  {}", size(&staging.join(&file)), file.display());
    }
    Ok(tarball)
}

/// The loader in `dist/`: the one `news-headlines.js`, or among several the
/// one in a folder named after this version.
fn find_loader(dist: &Path) -> Result<PathBuf> {
    let candidates: Vec<PathBuf> =
        listing(dist).into_iter().filter(|p| p.file_name().is_some_and(|n| n == LOADER)).collect();
    let versioned: Vec<PathBuf> = candidates
        .iter()
        .filter(|p| p.parent().and_then(Path::file_name).is_some_and(|n| n == manifest::VERSION))
        .cloned()
        .collect();
    match (candidates.as_slice(), versioned.as_slice()) {
        ([one], _) | (_, [one]) => Ok(dist.join(one)),
        ([], _) => Err(format!("no {LOADER} in {}: run `cargo xtask build`", dist.display())),
        (many, _) => Err(format!("several {LOADER} in {} and none for this version: {many:?}", dist.display())),
    }
}

/// The loader and the files it references (string literals starting with
/// `./` or `../` that name a file, or a folder: every file in it, such as
/// the phrase tables in `./i18n/`), relative to the loader's folder, loader
/// first; never a `.br` or `.gz` sibling. Fails when a reference leaves the
/// loader's folder or none is a `.wasm`.
fn loader_files(loader: &Path) -> Result<Vec<String>> {
    let text = fs::read_to_string(loader).map_err(|e| format!("{}: {e}", loader.display()))?;
    let dir = loader.parent().unwrap_or(Path::new("."));
    let mut references = BTreeSet::new();
    for quote in ['"', '\'', '`'] {
        for start in ["./", "../"] {
            for literal in text.split(&format!("{quote}{start}")).skip(1) {
                let Some(reference) = literal.split(quote).next() else { continue };
                let reference = format!("{start}{reference}");
                if reference.contains("${") || reference.ends_with(".br") || reference.ends_with(".gz") {
                    continue;
                }
                let relative = normalise(Path::new(&reference))
                    .ok_or_else(|| format!("{} references {reference}, outside its folder", loader.display()))?;
                let path = dir.join(&relative);
                if path.is_file() {
                    references.insert(relative);
                } else if path.is_dir() && !relative.is_empty() {
                    let compressed = |file: &str| file.ends_with(".br") || file.ends_with(".gz");
                    let inside = listing(&path).into_iter().filter_map(|f| f.to_str().map(str::to_owned));
                    references.extend(inside.filter(|f| !compressed(f)).map(|f| format!("{relative}/{f}")));
                }
            }
        }
    }
    if !references.iter().any(|r| r.ends_with(".wasm")) {
        return Err(format!("{} references no .wasm: is it the built loader?", loader.display()));
    }
    references.remove(LOADER);
    Ok([LOADER.to_owned()].into_iter().chain(references).collect())
}

/// `./a/../b.js` → `b.js`; `None` when the path leaves its folder.
fn normalise(path: &Path) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

/// Every file under `dir`, relative to it, sorted.
fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![PathBuf::new()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(dir.join(&folder)) else { continue };
        for entry in entries.flatten() {
            let relative = folder.join(entry.file_name());
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(relative),
                Ok(_) => files.push(relative),
                Err(_) => {}
            }
        }
    }
    files.sort();
    files
}

/// The `.tgz` files directly in `dir`.
fn tarballs(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "tgz"))
        .collect();
    found.sort();
    found
}

fn size(path: &Path) -> u64 {
    fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Removes a file or a folder, if there.
fn remove(path: &Path) -> Result {
    let removed = if path.is_dir() { fs::remove_dir_all(path) } else { fs::remove_file(path) };
    match removed {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("{}: {e}", path.display())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
