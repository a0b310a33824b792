//! Messages: DMs are questions, server messages only when they mention the bot; bots are
//! ignored; follow-ups, rate limit, malformed dispatches and REST errors.

use super::bot::{ready_bot, replies_to, reply_to};
use super::payloads::{dm, dm_channel, dm_from_bot, guild_message, GUILD_CHANNEL};
use super::{assert_no_mentions, assert_renders, expected, kb};
use mila_bot::{ask, Conversation};
use serde_json::json;

#[tokio::test]
async fn a_dm_question_is_answered_with_its_citations() {
    let (fake, bot) = ready_bot().await;
    let m = dm(1, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    let reply = reply_to(&fake, &m).await;
    assert_eq!(
        reply.path,
        format!("/api/v10/channels/{}/messages", dm_channel(1))
    );
    assert_renders(&reply.body, &expected("who founded Mila?"));
    assert_no_mentions(&reply.body);
    assert!(!bot.stderr().contains("test-token"));
}

#[tokio::test]
async fn a_server_message_is_answered_only_when_it_mentions_the_bot() {
    let (fake, _bot) = ready_bot().await;
    let plain = guild_message(2, "who founded Mila?", false);
    let mention = guild_message(2, "who founded Mila?", true);
    fake.dispatch("MESSAGE_CREATE", plain.clone());
    fake.dispatch("MESSAGE_CREATE", mention.clone());
    let reply = reply_to(&fake, &mention).await;
    assert_eq!(
        reply.path,
        format!("/api/v10/channels/{GUILD_CHANNEL}/messages")
    );
    assert_renders(&reply.body, &expected("who founded Mila?"));
    let sentinel = dm(3, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", sentinel.clone());
    reply_to(&fake, &sentinel).await;
    assert_eq!(replies_to(&fake, &plain), 0);
}

#[tokio::test]
async fn everyone_and_user_mentions_in_a_question_ping_nobody() {
    let (fake, _bot) = ready_bot().await;
    let q = "@everyone @here <@&1234567890123456789> <@2200000000000000099> who founded Mila?";
    let m = guild_message(4, q, true);
    fake.dispatch("MESSAGE_CREATE", m.clone());
    let reply = reply_to(&fake, &m).await;
    assert_no_mentions(&reply.body);
}

#[tokio::test]
async fn messages_from_bots_are_ignored() {
    let (fake, _bot) = ready_bot().await;
    let from_bot = dm_from_bot(5, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", from_bot.clone());
    let sentinel = dm(6, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", sentinel.clone());
    reply_to(&fake, &sentinel).await;
    assert_eq!(replies_to(&fake, &from_bot), 0);
}

#[tokio::test]
async fn a_follow_up_in_a_dm_continues_the_conversation() {
    let (fake, _bot) = ready_bot().await;
    let mut conv = Conversation::default();
    let first = ask(kb(), "when was Mila founded?", &mut conv);
    let follow_up = ask(kb(), "by whom?", &mut conv);
    let m1 = dm(7, "when was Mila founded?");
    fake.dispatch("MESSAGE_CREATE", m1.clone());
    assert_renders(&reply_to(&fake, &m1).await.body, &first);
    let m2 = dm(7, "by whom?");
    fake.dispatch("MESSAGE_CREATE", m2.clone());
    assert_renders(&reply_to(&fake, &m2).await.body, &follow_up);
}

#[tokio::test]
async fn over_the_rate_limit_one_notice_then_silence() {
    let (fake, _bot) = ready_bot().await;
    for i in 0..5 {
        let m = dm(8, &format!("who founded Mila? {i}"));
        fake.dispatch("MESSAGE_CREATE", m.clone());
        let reply = reply_to(&fake, &m).await;
        assert!(
            reply.body["embeds"][0].is_object(),
            "answer {i}: {}",
            reply.body
        );
    }
    let over = dm(8, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", over.clone());
    let notice = reply_to(&fake, &over).await;
    assert!(notice.body["content"]
        .as_str()
        .is_some_and(|c| !c.is_empty()));
    assert_no_mentions(&notice.body);
    let silenced = [dm(8, "who founded Mila?"), dm(8, "who founded Mila?")];
    for m in &silenced {
        fake.dispatch("MESSAGE_CREATE", m.clone());
    }
    let sentinel = dm(9, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", sentinel.clone());
    reply_to(&fake, &sentinel).await;
    for m in &silenced {
        assert_eq!(replies_to(&fake, m), 0);
    }
}

#[tokio::test]
async fn a_malformed_dispatch_is_ignored_and_the_bot_keeps_answering() {
    let (fake, _bot) = ready_bot().await;
    fake.dispatch(
        "MESSAGE_CREATE",
        json!({"id": "not a snowflake", "content": 42}),
    );
    fake.dispatch("INTERACTION_CREATE", json!({"type": 99, "data": null}));
    fake.dispatch("NO_SUCH_EVENT", json!({"x": [1, 2, 3]}));
    fake.dispatch("MESSAGE_CREATE", json!(null));
    let m = dm(10, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    reply_to(&fake, &m).await;
}

#[tokio::test]
async fn a_rest_error_on_one_reply_does_not_stop_the_next() {
    let (fake, bot) = ready_bot().await;
    fake.fail_next("POST", "/messages", 500);
    let failed = dm(11, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", failed.clone());
    reply_to(&fake, &failed).await;
    let next = dm(12, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", next.clone());
    assert_renders(
        &reply_to(&fake, &next).await.body,
        &expected("who founded Mila?"),
    );
    bot.wait_log("could not post a reply").await;
    assert!(!bot.stderr().contains("test-token"));
}
