//! `news-bridge build`: every output as static files (`.json`, `.json.gz`,
//! `.json.br`) for a CDN or object store. An output whose JSON is unchanged
//! is not rewritten (bytes and modification time stay); an output with a
//! failing upstream is not written at all, so the files from the last good
//! run stay in place.

use crate::output::Rendered;
use crate::poll::Poller;
use serving::Coding;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What happened to one output.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// New content written.
    Written(usize),
    /// Same content as on disk: nothing touched.
    Unchanged(usize),
    /// Not written; the reason.
    Failed(String),
}

/// One output's outcome.
#[derive(Debug, PartialEq)]
pub struct Report {
    /// The output's file.
    pub file: PathBuf,
    /// What happened.
    pub outcome: Outcome,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Outcome::Written(items) => write!(f, "{}: written ({items} items)", self.file.display()),
            Outcome::Unchanged(items) => write!(f, "{}: unchanged ({items} items)", self.file.display()),
            Outcome::Failed(why) => write!(f, "{}: not written, the previous files stay: {why}", self.file.display()),
        }
    }
}

/// Fetches every upstream once and writes every output under `out_dir`.
pub async fn build(poller: &Arc<Poller>, out_dir: &Path) -> Vec<Report> {
    poller.refresh_all().await;
    let outputs: Vec<String> = poller.outputs().map(|output| output.path.clone()).collect();
    let mut reports = Vec::new();
    for (index, path) in outputs.iter().enumerate() {
        let file = out_dir.join(path.trim_start_matches('/'));
        let failures = poller.failures(index);
        let outcome = match poller.rendered(index) {
            _ if !failures.is_empty() => {
                let why: Vec<String> =
                    failures.iter().map(|(upstream, failure)| format!("{upstream}: {}", failure.message)).collect();
                Outcome::Failed(why.join("; "))
            }
            None => Outcome::Failed("no upstream document".into()),
            Some(rendered) => write(&file, &rendered).unwrap_or_else(|error| Outcome::Failed(error.to_string())),
        };
        reports.push(Report { file, outcome });
    }
    reports
}

/// Writes the three forms of `rendered` at `file`, unless the JSON there is
/// the same (then only missing compressed forms are added).
fn write(file: &Path, rendered: &Rendered) -> std::io::Result<Outcome> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let unchanged = std::fs::read(file).is_ok_and(|existing| existing == rendered.json());
    let mut wrote = false;
    for coding in Coding::ALL {
        let target = PathBuf::from(format!("{}{}", file.display(), coding.suffix()));
        if unchanged && target.exists() {
            continue;
        }
        replace(&target, rendered.body(coding))?;
        wrote = true;
    }
    Ok(if wrote && !unchanged { Outcome::Written(rendered.items) } else { Outcome::Unchanged(rendered.items) })
}

/// Replaces `target` with `bytes` atomically: written to a new file beside
/// it (created exclusively under an unpredictable name, so an existing file
/// or symlink there is never followed), flushed to disk, renamed over the
/// target (which replaces a symlink, never writes through it), and the
/// folder flushed. On failure the new file is removed and the target stays.
fn replace(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.tmp", unpredictable()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, target));
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(error);
    }
    std::fs::File::open(dir)?.sync_all()
}

/// A name part no other writer can guess: a hash of the process, the time
/// and a per-process counter under a random SipHash key.
fn unpredictable() -> String {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher
        .write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
    hasher.write_u64(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    format!("{:016x}", hasher.finish())
}
