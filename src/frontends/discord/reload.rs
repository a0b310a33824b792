//! The knowledge the bot serves, and its live reload: on SIGHUP (and, with `--watch`, when a
//! knowledge file changes) the `--knowledge` directory is loaded and validated off the async
//! threads, then swapped in atomically. Questions in flight keep the `Arc` they started with; a
//! failed reload is logged and the old knowledge keeps serving.

use super::metrics::Metrics;
use super::texts::Texts;
use crate::knowledge::{KnowledgeBase, KnowledgeError};
use serenity::model::Timestamp;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime};

/// One loaded knowledge base, the Discord wording, and when they were loaded.
#[derive(Debug)]
pub struct Loaded {
    pub kb: KnowledgeBase,
    pub texts: Texts,
    /// RFC 3339, UTC.
    pub loaded_at: String,
}

impl Loaded {
    fn from_source(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let kb = match dir {
            Some(dir) => KnowledgeBase::load_dir(dir)?,
            None => KnowledgeBase::embedded()?,
        };
        Ok(Loaded {
            kb,
            texts: Texts::load(dir)?,
            loaded_at: Timestamp::now().to_string(),
        })
    }
}

/// The current knowledge, swappable while questions are being answered.
#[derive(Debug)]
pub struct Knowledge {
    dir: Option<PathBuf>,
    current: RwLock<Arc<Loaded>>,
}

/// What a reload did.
#[derive(Debug)]
pub enum Outcome {
    /// Embedded knowledge: nothing to reload.
    Embedded,
    Reloaded {
        hash: String,
    },
    Failed(KnowledgeError),
}

impl Knowledge {
    /// Loads from `dir` (`--knowledge`), or the embedded knowledge when None.
    pub fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        Ok(Knowledge {
            dir: dir.map(Path::to_path_buf),
            current: RwLock::new(Arc::new(Loaded::from_source(dir)?)),
        })
    }

    /// The knowledge to answer one question with.
    pub fn current(&self) -> Arc<Loaded> {
        match self.current.read() {
            Ok(g) => Arc::clone(&g),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Loads and validates the directory again (blocking), swapping it in on success.
    pub fn reload(&self) -> Outcome {
        let Some(dir) = &self.dir else {
            return Outcome::Embedded;
        };
        match Loaded::from_source(Some(dir)) {
            Ok(loaded) => {
                let hash = loaded.kb.content_hash().to_string();
                let new = Arc::new(loaded);
                match self.current.write() {
                    Ok(mut g) => *g = new,
                    Err(poisoned) => *poisoned.into_inner() = new,
                }
                Outcome::Reloaded { hash }
            }
            Err(e) => Outcome::Failed(e),
        }
    }
}

/// Reloads off the async threads, logs the outcome (one line) and counts it.
pub async fn reload_and_log(knowledge: Arc<Knowledge>, metrics: &Metrics, why: &'static str) {
    let started = Instant::now();
    let k = Arc::clone(&knowledge);
    match tokio::task::spawn_blocking(move || k.reload()).await {
        Ok(Outcome::Embedded) => tracing::info!(
            trigger = why,
            "nothing to reload: the bot runs on its embedded knowledge (start it with --knowledge DIR to reload)"
        ),
        Ok(Outcome::Reloaded { hash }) => {
            metrics.reload(true);
            metrics.knowledge_loaded(&hash);
            tracing::info!(
                trigger = why,
                hash = %hash,
                ms = started.elapsed().as_millis() as u64,
                "knowledge reloaded"
            )
        }
        Ok(Outcome::Failed(e)) => {
            metrics.reload(false);
            let error = e.to_string().split_whitespace().collect::<Vec<_>>().join(" ");
            tracing::warn!(
                trigger = why,
                error = %error,
                "knowledge reload failed; still serving the previous knowledge"
            )
        }
        Err(e) => {
            metrics.reload(false);
            tracing::warn!(trigger = why, error = %e, "knowledge reload task failed")
        }
    }
}

/// Reloads on every SIGHUP, forever.
#[cfg(unix)]
pub async fn on_sighup(knowledge: Arc<Knowledge>, metrics: Arc<Metrics>) {
    use tokio::signal::unix::{signal, SignalKind};
    let mut hup = match signal(SignalKind::hangup()) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for SIGHUP; live reload by signal is off");
            return;
        }
    };
    while hup.recv().await.is_some() {
        reload_and_log(Arc::clone(&knowledge), &metrics, "SIGHUP").await;
    }
}

#[cfg(not(unix))]
pub async fn on_sighup(_knowledge: Arc<Knowledge>, _metrics: Arc<Metrics>) {}

/// Every file under `dir` with its modification time and size, sorted: a change detector.
pub fn fingerprint(dir: &Path) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(path),
                Ok(m) => out.push((path, m.modified().ok(), m.len())),
                Err(_) => out.push((path, None, 0)),
            }
        }
    }
    out.sort();
    out
}

/// With `--watch`: polls the knowledge files every `every` and reloads when they change.
pub async fn watch_files(knowledge: Arc<Knowledge>, metrics: Arc<Metrics>, every: Duration) {
    let Some(dir) = knowledge.dir().map(Path::to_path_buf) else {
        tracing::info!("--watch ignored: the bot runs on its embedded knowledge");
        return;
    };
    let scan = |d: PathBuf| tokio::task::spawn_blocking(move || fingerprint(&d));
    let mut last = scan(dir.clone()).await.unwrap_or_default();
    loop {
        tokio::time::sleep(every).await;
        let now = scan(dir.clone()).await.unwrap_or_default();
        if now != last {
            last = now;
            reload_and_log(Arc::clone(&knowledge), &metrics, "file change").await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_knowledge_has_nothing_to_reload() {
        let k = Knowledge::load(None).unwrap();
        assert!(matches!(k.reload(), Outcome::Embedded));
    }

    #[test]
    fn a_question_in_flight_keeps_its_knowledge_across_a_reload() {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"),
            dir.path(),
        );
        let k = Knowledge::load(Some(dir.path())).unwrap();
        let in_flight = k.current();
        assert!(matches!(k.reload(), Outcome::Reloaded { .. }));
        assert!(!Arc::ptr_eq(&in_flight, &k.current()));
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            if e.path().is_dir() {
                copy_dir(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }

    #[test]
    fn the_fingerprint_sees_a_change() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), "x").unwrap();
        let before = fingerprint(dir.path());
        std::fs::write(dir.path().join("a.toml"), "xy").unwrap();
        assert_ne!(before, fingerprint(dir.path()));
    }
}
