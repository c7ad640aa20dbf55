//! Bytes on the wire: every file the loader fetches, and the reference.

use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

/// One file's size raw, gzip -9 and brotli (quality 11).
pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl FileSize {
    fn of(dir: &Path, name: &str) -> FileSize {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes).expect("gzip in memory");
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() };
        brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params).expect("brotli in memory");
        FileSize {
            name: name.to_owned(),
            raw: bytes.len(),
            gzip: gzip.finish().expect("gzip in memory").len(),
            brotli: brotli.len(),
        }
    }

    /// The sum of `files`, named `name`.
    pub fn total(name: &str, files: &[FileSize]) -> FileSize {
        let sum = |f: fn(&FileSize) -> usize| files.iter().map(f).sum();
        FileSize { name: name.to_owned(), raw: sum(|f| f.raw), gzip: sum(|f| f.gzip), brotli: sum(|f| f.brotli) }
    }

    pub fn json(&self) -> Value {
        json!({ "file": self.name, "raw": self.raw, "gzip": self.gzip, "brotli": self.brotli })
    }
}

/// The loader and every file it fetches (the names after `new URL("` in it).
pub fn ours(dist: &Path) -> Vec<FileSize> {
    let loader = "news-headlines.js";
    let source = std::fs::read_to_string(dist.join(loader))
        .expect("dist/news-headlines.js exists: run `cargo xtask build` first");
    let fetched = source
        .split("new URL(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|name| name.trim_start_matches("./"));
    std::iter::once(loader).chain(fetched).map(|name| FileSize::of(dist, name)).collect()
}

/// The reference widget's one file.
pub fn reference(dir: &Path) -> FileSize {
    FileSize::of(dir, crate::browser::REFERENCE_FILE)
}
