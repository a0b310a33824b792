//! Discord polish: French command names and descriptions sent at registration, notices in the
//! asker's language, the "Why?" button explaining its own answer to whoever clicks it, and
//! small talk in DMs outside the rate limit. Wording comes from the `[discord]` tables of
//! `knowledge/messages.toml`.

use super::bot::{callback, ready_bot, reply_to, Bot};
use super::fake::Fake;
use super::payloads::{button, command, dm, guild_message};
use super::{expected, first_embed};
use serde_json::{json, Value};

/// The `[discord]` tables of `knowledge/messages.toml`, as the bot embeds them.
fn texts() -> toml::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge/messages.toml");
    let file: toml::Value = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["discord"].clone()
}

fn text(lang: &str, key: &str) -> String {
    texts()[lang][key].as_str().unwrap().to_string()
}

#[tokio::test]
async fn french_names_and_descriptions_are_sent_at_registration() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake, &[], &[]);
    let put = fake.wait_ready().await;
    let t = texts();
    let commands = put.body.as_array().expect("an array of commands");
    assert_eq!(commands.len(), 5);
    for c in commands {
        let name = c["name"].as_str().unwrap();
        assert_eq!(
            c["description"],
            t["en"]["commands"][name].as_str().unwrap()
        );
        assert_eq!(
            c["name_localizations"],
            json!({"fr": t["fr"]["names"][name].as_str().unwrap()}),
            "{c}"
        );
        assert_eq!(
            c["description_localizations"],
            json!({"fr": t["fr"]["commands"][name].as_str().unwrap()}),
            "{c}"
        );
    }
    let ask = commands.iter().find(|c| c["name"] == "ask").unwrap();
    let option = &ask["options"][0];
    assert_eq!(option["name_localizations"]["fr"], "question");
    assert_eq!(
        option["description_localizations"]["fr"],
        t["fr"]["commands"]["ask_question"].as_str().unwrap()
    );
}

/// The custom id of the "Why?" button in a reply.
fn why_button(data: &Value) -> String {
    data["components"][0]["components"]
        .as_array()
        .and_then(|b| b.last())
        .and_then(|b| b["custom_id"].as_str())
        .expect("a Why? button")
        .to_string()
}

#[tokio::test]
async fn the_why_button_explains_its_own_answer_to_anyone_who_clicks_it() {
    let (fake, _bot) = ready_bot().await;
    let m = guild_message(50, "who founded Mila?", true);
    fake.dispatch("MESSAGE_CREATE", m.clone());
    let reply = reply_to(&fake, &m).await;
    let custom_id = why_button(&reply.body);

    // Another user, who never asked anything, clicks it.
    let (id, _, click) = button(51, &custom_id);
    fake.dispatch("INTERACTION_CREATE", click);
    let data = callback(&fake, &id).await.body["data"].clone();
    assert_eq!(data["flags"], 64, "{data}");
    let embed = first_embed(&data);
    assert!(
        embed["title"]
            .as_str()
            .unwrap_or("")
            .contains("who founded Mila?"),
        "{embed}"
    );
    let why = expected("who founded Mila?").explain();
    let first_line = why.lines().next().unwrap();
    assert!(
        embed["description"]
            .as_str()
            .unwrap_or("")
            .contains(first_line),
        "{embed}"
    );

    // A button whose answer is not remembered (e.g. from before a restart), clicked in French.
    let (id, _, mut click) = button(52, "why:1");
    click["locale"] = json!("fr");
    fake.dispatch("INTERACTION_CREATE", click);
    let data = callback(&fake, &id).await.body["data"].clone();
    let notice = text("fr", "why_forgotten").replace("{hours}", "24");
    assert_eq!(data["content"], notice.as_str(), "{data}");
}

#[tokio::test]
async fn notices_are_in_the_askers_language() {
    let fake = Fake::start().await;
    let cfg = "[discord.rate_limit]\nquestions = 1\nwindow_secs = 60\n";
    let _bot = Bot::start_with_config(&fake, Some(cfg), &[], &[]);
    fake.wait_ready().await;
    let notice = |lang| {
        text(lang, "rate_limited")
            .replace("{questions}", "1")
            .replace("{secs}", "60")
    };
    for (user, q, lang) in [
        (53, "qui a fondé Mila ?", "fr"),
        (54, "who founded Mila?", "en"),
    ] {
        assert_eq!(expected(q).lang.code(), lang);
        let first = dm(user, q);
        fake.dispatch("MESSAGE_CREATE", first.clone());
        reply_to(&fake, &first).await;
        let second = dm(user, q);
        fake.dispatch("MESSAGE_CREATE", second.clone());
        let r = reply_to(&fake, &second).await;
        assert_eq!(r.body["content"], notice(lang).as_str(), "{}", r.body);
    }

    // /why with nothing to explain, from a French Discord client.
    let (id, _, mut payload) = command(55, "why", None, false);
    payload["locale"] = json!("fr");
    fake.dispatch("INTERACTION_CREATE", payload);
    let data = callback(&fake, &id).await.body["data"].clone();
    assert_eq!(data["content"], text("fr", "no_recent_answer").as_str());
}

#[tokio::test]
async fn small_talk_in_a_dm_is_answered_and_not_counted_against_the_rate_limit() {
    for q in ["hello", "thanks!"] {
        assert!(expected(q).is_small_talk(), "{q:?} is not small talk");
    }
    let fake = Fake::start().await;
    let cfg = "[discord.rate_limit]\nquestions = 2\nwindow_secs = 60\n";
    let _bot = Bot::start_with_config(&fake, Some(cfg), &[], &[]);
    fake.wait_ready().await;
    for q in ["hello", "thanks!", "hello", "thanks!"] {
        let m = dm(56, q);
        fake.dispatch("MESSAGE_CREATE", m.clone());
        let r = reply_to(&fake, &m).await;
        assert!(r.body["embeds"][0].is_object(), "{q}: {}", r.body);
    }
    // The two questions the limit allows are still there.
    for _ in 0..2 {
        let m = dm(56, "who founded Mila?");
        fake.dispatch("MESSAGE_CREATE", m.clone());
        let r = reply_to(&fake, &m).await;
        assert!(r.body["embeds"][0].is_object(), "{}", r.body);
    }
}
