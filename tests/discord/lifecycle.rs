//! The process: start-up errors, reconnects and resumes, a rejected token, signals, a flood.

use super::bot::{output, reply_to, Bot};
use super::fake::{Cut, Fake};
use super::payloads::dm;
use super::{assert_renders, expected};
use std::collections::{HashMap, HashSet};

#[tokio::test]
async fn resumes_after_op7_and_a_dropped_connection_answering_replayed_questions() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake, &[], &[]);
    fake.wait_ready().await;
    for (i, cut) in [Cut::Reconnect, Cut::Drop, Cut::Close(4000)]
        .into_iter()
        .enumerate()
    {
        let m = dm(30, &format!("who founded Mila? {i}"));
        fake.cut(cut, vec![("MESSAGE_CREATE", m.clone())]);
        reply_to(&fake, &m).await;
        let resumes = fake
            .wait_for("a resume", |f| (f.resumes > i as u32).then_some(f.resumes))
            .await;
        assert_eq!(resumes, i as u32 + 1, "after {cut:?}");
    }
    let f = fake.inner();
    assert_eq!(f.identifies, 1, "a resume must not re-identify");
}

#[tokio::test]
async fn a_new_session_answers_again_without_registering_the_commands_twice() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake, &[], &[]);
    fake.wait_ready().await;
    // Session invalidated: serenity waits ~5 s, then identifies again.
    fake.cut(Cut::Close(4009), vec![]);
    fake.wait_for("a second IDENTIFY", |f| (f.identifies >= 2).then_some(()))
        .await;
    let m = dm(31, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    reply_to(&fake, &m).await;
    let puts = fake.command_registrations();
    assert_eq!(puts, 1, "commands registered again after a new READY");
}

#[tokio::test]
async fn a_rejected_token_ends_the_process_with_a_clear_error() {
    let fake = Fake::start().await;
    fake.close_on_identify(4004);
    let mut bot = Bot::start(&fake, &[], &[]);
    let status = bot.wait_exit().await;
    assert!(!status.success());
    let err = bot.stderr();
    assert!(err.contains("rejected the bot token"), "{err}");
    assert!(!err.contains("test-token"), "{err}");
}

#[tokio::test]
async fn sigterm_and_sigint_shut_down_cleanly() {
    for signal in ["TERM", "INT"] {
        let fake = Fake::start().await;
        let mut bot = Bot::start(&fake, &[], &[]);
        fake.wait_ready().await;
        bot.signal(signal);
        let status = bot.wait_exit().await;
        assert_eq!(status.code(), Some(0), "SIG{signal}: {}", bot.stderr());
    }
}

#[tokio::test]
async fn a_missing_token_exits_2_naming_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let out = output(dir.path(), &["discord"]).await;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("DISCORD_TOKEN") && err.contains("config.toml"),
        "{err}"
    );
}

#[tokio::test]
async fn a_config_typo_fails_at_start_without_printing_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "s3cret-token-never-printed";
    let cfg = format!("[discord]\ntoken = \"{secret}\"\n[discord.rate_limit]\nquestionz = 3\n");
    std::fs::write(dir.path().join("bot.toml"), cfg).unwrap();
    let out = output(dir.path(), &["discord", "--config", "bot.toml"]).await;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bot.toml") && err.contains("questionz"),
        "{err}"
    );
    assert!(!err.contains(secret), "{err}");

    let out = output(dir.path(), &["discord", "--config", "missing.toml"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.toml"));
}

#[tokio::test]
async fn a_flood_of_dms_is_answered_exactly_once_within_the_rate_limit() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake, &[], &[]);
    fake.wait_ready().await;
    let (users, per_user) = (100u64, 10usize);
    let mut owner: HashMap<String, u64> = HashMap::new();
    for round in 0..per_user {
        for u in 0..users {
            let m = dm(100 + u, &format!("who founded Mila? {round}"));
            owner.insert(super::bot::id_of(&m["id"]), 100 + u);
            fake.dispatch("MESSAGE_CREATE", m);
        }
    }
    // 5 answers and 1 notice per user (default limit: 5 questions per 30 s).
    let total = users as usize * 6;
    fake.wait_for("every allowed question answered", |f| {
        let n = f
            .requests
            .iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/messages"))
            .count();
        (n >= total).then_some(())
    })
    .await;
    let sentinel = dm(99, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", sentinel.clone());
    assert_renders(
        &reply_to(&fake, &sentinel).await.body,
        &expected("who founded Mila?"),
    );

    let f = fake.inner();
    let mut answered: HashMap<u64, HashSet<String>> = HashMap::new();
    let mut notices: HashMap<u64, usize> = HashMap::new();
    let mut seen = HashSet::new();
    for r in f
        .requests
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/messages"))
    {
        let mid = super::bot::id_of(&r.body["message_reference"]["message_id"]);
        assert!(seen.insert(mid.clone()), "message {mid} answered twice");
        let Some(&user) = owner.get(&mid) else {
            continue;
        };
        if r.body["embeds"][0].is_object() {
            answered.entry(user).or_default().insert(mid);
        } else {
            *notices.entry(user).or_default() += 1;
        }
    }
    for u in 0..users {
        assert_eq!(
            answered.get(&(100 + u)).map_or(0, |s| s.len()),
            5,
            "user {u}"
        );
        assert_eq!(notices.get(&(100 + u)), Some(&1), "user {u}");
    }
}
