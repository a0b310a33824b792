//! Slash commands, autocomplete and buttons: registration, callbacks, ephemerality.

use super::bot::{callback, ready_bot, Bot};
use super::fake::{Fake, APP_ID};
use super::payloads::{button, command, guild_command};
use super::{assert_no_mentions, assert_renders, expected, first_embed, kb};
use std::collections::BTreeSet;

#[tokio::test]
async fn the_commands_are_registered_globally_at_start() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake, &[], &[]);
    let put = fake.wait_ready().await;
    assert_eq!(put.path, format!("/api/v10/applications/{APP_ID}/commands"));
    let names: BTreeSet<&str> = put
        .body
        .as_array()
        .expect("an array of commands")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["about", "ask", "help", "sources", "why"])
    );
    let ask = put
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "ask")
        .unwrap();
    assert_eq!(ask["options"][0]["name"], "question");
    assert_eq!(ask["options"][0]["autocomplete"], true);
}

#[tokio::test]
async fn ask_replies_with_the_answer_embed() {
    let (fake, _bot) = ready_bot().await;
    let (id, token, payload) = command(20, "ask", Some("who founded Mila?"), false);
    fake.dispatch("INTERACTION_CREATE", payload);
    let cb = callback(&fake, &id).await;
    assert_eq!(
        cb.path,
        format!("/api/v10/interactions/{id}/{token}/callback")
    );
    assert_eq!(cb.body["type"], 4);
    let a = expected("who founded Mila?");
    let data = &cb.body["data"];
    assert_renders(data, &a);
    assert_no_mentions(data);
    let ephemeral = data["flags"].as_u64().unwrap_or(0) & 64 == 64;
    assert_eq!(ephemeral, !a.answered, "{data}");
}

#[tokio::test]
async fn an_unanswerable_ask_gets_an_ephemeral_reply_with_suggestions() {
    let (fake, _bot) = ready_bot().await;
    let a = expected("who founded IBM?");
    assert!(
        !a.answered,
        "the engine answers a question about IBM: {}",
        a.body
    );
    let (id, _, payload) = command(21, "ask", Some("who founded IBM?"), false);
    fake.dispatch("INTERACTION_CREATE", payload);
    let cb = callback(&fake, &id).await;
    assert_eq!(cb.body["type"], 4);
    assert_eq!(cb.body["data"]["flags"], 64);
    assert_renders(&cb.body["data"], &a);
    let text = cb.body["data"].to_string();
    for s in &a.suggestions {
        assert!(
            text.contains(s.as_str()),
            "suggestion {s:?} missing: {text}"
        );
    }
    // A suggestion's button asks it.
    let ids: Vec<&str> = cb.body["data"]["components"][0]["components"]
        .as_array()
        .map(|b| b.iter().filter_map(|b| b["custom_id"].as_str()).collect())
        .unwrap_or_default();
    if let Some(q) = ids.iter().find_map(|id| id.strip_prefix("ask:")) {
        let (id, _, payload) = button(28, &format!("ask:{q}"));
        fake.dispatch("INTERACTION_CREATE", payload);
        let cb = callback(&fake, &id).await;
        assert_eq!(cb.body["type"], 4);
        assert_renders(&cb.body["data"], &expected(q));
    }
}

#[tokio::test]
async fn autocomplete_offers_at_most_25_answerable_questions() {
    let (fake, _bot) = ready_bot().await;
    for typed in ["who", "", "mila"] {
        let (id, _, payload) = command(22, "ask", Some(typed), true);
        fake.dispatch("INTERACTION_CREATE", payload);
        let cb = callback(&fake, &id).await;
        assert_eq!(cb.body["type"], 8);
        let choices = cb.body["data"]["choices"].as_array().expect("choices");
        assert!(choices.len() <= 25);
        let offered: Vec<&str> = choices.iter().filter_map(|c| c["value"].as_str()).collect();
        let engine: Vec<String> = mila_bot::engine::complete(kb(), typed, 25)
            .into_iter()
            .filter(|q| q.chars().count() <= 100)
            .collect();
        assert_eq!(offered, engine, "typed {typed:?}");
    }
}

#[tokio::test]
async fn why_explains_the_last_answer_only_to_the_asker() {
    let (fake, _bot) = ready_bot().await;
    let (id, _, payload) = command(23, "why", None, false);
    fake.dispatch("INTERACTION_CREATE", payload);
    assert_eq!(callback(&fake, &id).await.body["data"]["flags"], 64);

    let (id, _, payload) = command(23, "ask", Some("who founded Mila?"), false);
    fake.dispatch("INTERACTION_CREATE", payload);
    callback(&fake, &id).await;
    let why = expected("who founded Mila?").explain();
    let first_line = why.lines().next().unwrap_or_default().to_string();

    let (id, _, payload) = command(23, "why", None, false);
    fake.dispatch("INTERACTION_CREATE", payload);
    let cb = callback(&fake, &id).await;
    assert_eq!(cb.body["data"]["flags"], 64);
    let shown = first_embed(&cb.body["data"])["description"]
        .as_str()
        .unwrap_or_default();
    assert!(
        shown.contains(&first_line),
        "{shown:?} lacks {first_line:?}"
    );

    let (id, _, payload) = button(23, "why");
    fake.dispatch("INTERACTION_CREATE", payload);
    let cb = callback(&fake, &id).await;
    assert_eq!(cb.body["data"]["flags"], 64);
    assert!(cb.body["data"]
        .to_string()
        .contains(&first_line.replace('"', "\\\"")));
}

#[tokio::test]
async fn sources_about_and_help_reply_with_embeds() {
    let (fake, _bot) = ready_bot().await;
    for name in ["sources", "about", "help"] {
        let (id, _, payload) = command(24, name, None, false);
        fake.dispatch("INTERACTION_CREATE", payload);
        let cb = callback(&fake, &id).await;
        assert_eq!(cb.body["type"], 4, "/{name}");
        let embed = first_embed(&cb.body["data"]);
        assert!(
            embed["description"].as_str().is_some_and(|d| !d.is_empty()),
            "/{name}: {embed}"
        );
        assert_no_mentions(&cb.body["data"]);
        let text = embed.to_string();
        match name {
            "about" => {
                assert!(text.contains(kb().content_hash()), "{text}");
                assert!(text.contains("CC BY-SA 4.0"), "{text}");
                assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
            }
            "sources" => {
                if let Some(r) = kb().references().first() {
                    assert!(text.contains(&r.url), "{text}");
                }
            }
            _ => {}
        }
    }
}

#[tokio::test]
async fn a_slash_command_in_a_server_is_answered() {
    let (fake, _bot) = ready_bot().await;
    let (id, _, payload) = guild_command(25, "ask", "who founded Mila?");
    fake.dispatch("INTERACTION_CREATE", payload);
    let cb = callback(&fake, &id).await;
    assert_eq!(cb.body["type"], 4);
    assert_renders(&cb.body["data"], &expected("who founded Mila?"));
}

#[tokio::test]
async fn ask_is_rate_limited_per_user_with_an_ephemeral_notice() {
    let (fake, _bot) = ready_bot().await;
    for i in 0..5 {
        let (id, _, payload) = command(26, "ask", Some("who founded Mila?"), false);
        fake.dispatch("INTERACTION_CREATE", payload);
        let cb = callback(&fake, &id).await;
        assert!(first_embed(&cb.body["data"]).is_object(), "answer {i}");
    }
    for _ in 0..2 {
        let (id, _, payload) = command(26, "ask", Some("who founded Mila?"), false);
        fake.dispatch("INTERACTION_CREATE", payload);
        let data = callback(&fake, &id).await.body["data"].clone();
        assert_eq!(data["flags"], 64);
        assert!(
            data["content"].as_str().is_some_and(|c| !c.is_empty()),
            "{data}"
        );
        assert!(
            data["embeds"].as_array().is_none_or(|e| e.is_empty()),
            "{data}"
        );
    }
    let (id, _, payload) = command(27, "ask", Some("who founded Mila?"), false);
    fake.dispatch("INTERACTION_CREATE", payload);
    assert!(first_embed(&callback(&fake, &id).await.body["data"]).is_object());
}
