//! Runs the built `mila-bot discord` binary against a fake Discord, with its stderr captured to a
//! file, and helpers to find its replies among the fake's recorded requests.

use super::fake::{Fake, Recorded, WAIT};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

pub struct Bot {
    child: Arc<Mutex<Child>>,
    stderr: PathBuf,
    _dir: tempfile::TempDir,
}

/// The binary with a clean environment in an empty working directory (so no config.toml).
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mila-bot"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("DISCORD_TOKEN")
        .env_remove("MILA_BOT_DISCORD_API")
        .env("RUST_LOG", "info,serenity=warn")
        .stdin(Stdio::null());
    cmd
}

/// Runs the binary to completion (for start-up errors) and returns its output.
pub async fn output(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = command(dir, args);
    let run = tokio::task::spawn_blocking(move || cmd.output());
    match tokio::time::timeout(WAIT, run).await {
        Ok(Ok(Ok(out))) => out,
        other => panic!("the bot did not run to completion: {other:?}"),
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let mut child = self.child();
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Bot {
    /// `mila-bot [pre_args] discord [args]` with DISCORD_TOKEN=test-token, talking to `fake`.
    /// If the bot exits on its own, waits on the fake fail at once, showing its log.
    pub fn start(fake: &Arc<Fake>, pre_args: &[&str], args: &[&str]) -> Bot {
        Self::start_with_config(fake, None, pre_args, args)
    }

    /// Like [`Bot::start`], with `config` (TOML) as ./config.toml when given.
    pub fn start_with_config(
        fake: &Arc<Fake>,
        config: Option<&str>,
        pre_args: &[&str],
        args: &[&str],
    ) -> Bot {
        Self::start_env(fake, config, &[], pre_args, args)
    }

    /// Like [`Bot::start_with_config`], with extra environment variables (set last, so they
    /// may override `MILA_BOT_DISCORD_API`).
    pub fn start_env(
        fake: &Arc<Fake>,
        config: Option<&str>,
        env: &[(&str, &str)],
        pre_args: &[&str],
        args: &[&str],
    ) -> Bot {
        let dir = tempfile::tempdir().unwrap();
        if let Some(config) = config {
            std::fs::write(dir.path().join("config.toml"), config).unwrap();
        }
        let stderr = dir.path().join("stderr.log");
        let mut all: Vec<&str> = pre_args.to_vec();
        all.push("discord");
        all.extend_from_slice(args);
        let mut cmd = command(dir.path(), &all);
        cmd.env("DISCORD_TOKEN", "test-token")
            .env("MILA_BOT_DISCORD_API", fake.base());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("the mila-bot binary runs");
        let bot = Bot {
            child: Arc::new(Mutex::new(child)),
            stderr,
            _dir: dir,
        };
        bot.watch_exit(Arc::clone(fake));
        bot
    }

    fn child(&self) -> MutexGuard<'_, Child> {
        self.child.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn watch_exit(&self, fake: Arc<Fake>) {
        let child = Arc::downgrade(&self.child);
        let log = self.stderr.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(50)).await;
                let Some(child) = child.upgrade() else { return };
                let status = child.lock().unwrap_or_else(|p| p.into_inner()).try_wait();
                if let Ok(Some(status)) = status {
                    let log = std::fs::read_to_string(&log).unwrap_or_default();
                    fake.bot_exited(format!("{status}\n{log}"));
                    return;
                }
            }
        });
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Sends a signal (e.g. "TERM", "HUP") to the bot.
    pub fn signal(&self, name: &str) {
        let pid = self.child().id();
        let ok = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "kill -{name} {pid} failed");
    }

    pub async fn wait_exit(&mut self) -> ExitStatus {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let status = self.child().try_wait();
            match status {
                Ok(Some(status)) => return status,
                Ok(None) if tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(20)).await
                }
                other => panic!("the bot did not exit: {other:?}\n{}", self.stderr()),
            }
        }
    }

    /// Sends `name` and returns the exit status and the time from the signal to the exit.
    pub async fn stop_with(&mut self, name: &str) -> (ExitStatus, Duration) {
        let sent = std::time::Instant::now();
        self.signal(name);
        let status = self.wait_exit().await;
        (status, sent.elapsed())
    }

    /// Waits until the log contains `needle`.
    pub async fn wait_log(&self, needle: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while !self.stderr().contains(needle) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the log never said {needle:?}:\n{}",
                self.stderr()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// A snowflake field as a string, whether serialized as a string or a number.
/// A fake Discord and the bot connected to it, READY.
pub async fn ready_bot() -> (Arc<Fake>, Bot) {
    let fake = Fake::start().await;
    let bot = Bot::start(&fake, &[], &[]);
    fake.wait_ready().await;
    (fake, bot)
}

pub fn id_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Is `r` the bot's reply to the message `message_id`?
pub fn is_reply_to(r: &Recorded, message_id: &str) -> bool {
    r.method == "POST"
        && r.path.ends_with("/messages")
        && id_of(&r.body["message_reference"]["message_id"]) == message_id
}

/// Is `r` the callback answering the interaction `id`?
pub fn is_callback(r: &Recorded, id: &str) -> bool {
    r.method == "POST" && r.path.starts_with(&format!("/api/v10/interactions/{id}/"))
}

/// Waits for the reply to `message` (a MESSAGE_CREATE payload).
pub async fn reply_to(fake: &Fake, message: &Value) -> Recorded {
    let id = id_of(&message["id"]);
    fake.wait_request(&format!("a reply to message {id}"), |r| is_reply_to(r, &id))
        .await
}

/// Waits for the callback of the interaction `id`.
pub async fn callback(fake: &Fake, id: &str) -> Recorded {
    fake.wait_request(&format!("the callback of interaction {id}"), |r| {
        is_callback(r, id)
    })
    .await
}

/// Replies posted to `message` so far.
pub fn replies_to(fake: &Fake, message: &Value) -> usize {
    let id = id_of(&message["id"]);
    fake.inner()
        .requests
        .iter()
        .filter(|r| is_reply_to(r, &id))
        .count()
}
