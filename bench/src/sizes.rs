//! Bytes on the wire: what each widget fetched from its origin, raw, gzip -9
//! and brotli 11 (as the bench's CDN serves them).

use crate::origins::CdnFile;
use serde_json::{json, Value};
use serving::Coding;

/// One file's size raw, gzip -9 and brotli 11.
#[derive(Clone)]
pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl FileSize {
    pub fn of(name: &str, file: &CdnFile) -> FileSize {
        let size = |coding| file.forms.body(coding).len();
        FileSize {
            name: name.to_owned(),
            raw: size(Coding::Identity),
            gzip: size(Coding::Gzip),
            brotli: size(Coding::Brotli),
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
