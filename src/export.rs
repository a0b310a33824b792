//! `mila-bot export DIR`: writes the knowledge embedded in the binary to a directory, to edit
//! and then load with `--knowledge DIR`. Never overwrites a file unless asked to.

use crate::knowledge::EMBEDDED;
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{} already has {} (nothing written; --force overwrites them)",
        .dir.display(),
        .files.join(", ")
    )]
    Exists { dir: PathBuf, files: Vec<String> },
    // `reason` is not a `source`: the OS reason is shown once, in this message.
    #[error("cannot write {}: {reason}", .path.display())]
    Write {
        path: PathBuf,
        reason: std::io::Error,
    },
}

/// Writes every embedded knowledge file into `dir` (created if missing) and returns their
/// paths. Without `force`, nothing is written when any of them is already there.
pub fn export(dir: &Path, force: bool) -> Result<Vec<PathBuf>, ExportError> {
    if !force {
        let existing: Vec<String> = EMBEDDED
            .iter()
            .filter(|(name, _)| dir.join(name).symlink_metadata().is_ok())
            .map(|(name, _)| name.to_string())
            .collect();
        if !existing.is_empty() {
            return Err(ExportError::Exists {
                dir: dir.to_path_buf(),
                files: existing,
            });
        }
    }
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |reason| ExportError::Write { path, reason }
    };
    std::fs::create_dir_all(dir).map_err(failed(dir))?;
    let mut written = Vec::new();
    for (name, text) in EMBEDDED {
        let path = dir.join(name);
        // Without --force, a file that appeared since the check above is still not replaced.
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .create_new(!force)
            .truncate(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(failed(&path))?;
        written.push(path);
    }
    Ok(written)
}
