//! Gateway dispatch payloads as Discord sends them, checked against serenity's own types so a
//! typo in a fixture fails loudly instead of being dropped as an unknown event.

use super::fake::{APP_ID, BOT_ID};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};

static IDS: AtomicU64 = AtomicU64::new(1);

fn next_id(base: u64) -> String {
    (base + IDS.fetch_add(1, Ordering::SeqCst)).to_string()
}

pub fn user_id(n: u64) -> String {
    (2200000000000000000 + n).to_string()
}

/// The DM channel with user `n`.
pub fn dm_channel(n: u64) -> String {
    (1600000000000000000 + n).to_string()
}

pub const GUILD: &str = "1800000000000000001";
pub const GUILD_CHANNEL: &str = "1810000000000000001";

fn user(n: u64, bot: bool) -> Value {
    json!({"id": user_id(n), "username": format!("user{n}"), "discriminator": "0",
           "global_name": null, "avatar": null, "public_flags": 0, "bot": bot})
}

fn message(channel: &str, author: Value, content: &str) -> Value {
    json!({
        "id": next_id(1500000000000000000), "channel_id": channel, "author": author,
        "content": content, "timestamp": "2025-01-01T12:00:00.000000+00:00",
        "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [],
        "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0,
        "flags": 0, "components": [],
    })
}

fn checked_message(v: Value) -> Value {
    if let Err(e) = serde_json::from_value::<serenity::all::Message>(v.clone()) {
        panic!("fixture is not a valid MESSAGE_CREATE: {e}: {v}");
    }
    v
}

fn checked_interaction(v: Value) -> Value {
    if let Err(e) = serde_json::from_value::<serenity::all::Interaction>(v.clone()) {
        panic!("fixture is not a valid INTERACTION_CREATE: {e}: {v}");
    }
    v
}

/// A DM from user `n`.
pub fn dm(n: u64, content: &str) -> Value {
    checked_message(message(&dm_channel(n), user(n, false), content))
}

/// A DM from a bot account `n`.
pub fn dm_from_bot(n: u64, content: &str) -> Value {
    checked_message(message(&dm_channel(n), user(n, true), content))
}

/// A server message from user `n`; `mention` adds the bot's mention (in text and `mentions`).
pub fn guild_message(n: u64, content: &str, mention: bool) -> Value {
    let text = if mention {
        format!("<@{BOT_ID}> {content}")
    } else {
        content.to_string()
    };
    let mut m = message(GUILD_CHANNEL, user(n, false), &text);
    m["guild_id"] = json!(GUILD);
    m["member"] = json!({"roles": [], "joined_at": "2024-01-01T00:00:00.000000+00:00",
                         "deaf": false, "mute": false, "flags": 0});
    if mention {
        m["mentions"] = json!([{"id": BOT_ID.to_string(), "username": "mila-bot", "discriminator": "0", "bot": true}]);
    }
    checked_message(m)
}

/// An interaction from user `n` in their DM channel: `kind` 2 (command), 3 (button) or 4
/// (autocomplete).
pub fn interaction(n: u64, kind: u8, data: Value) -> (String, String, Value) {
    let (id, token, v) = unchecked_interaction(n, kind, data);
    (id, token, checked_interaction(v))
}

fn unchecked_interaction(n: u64, kind: u8, data: Value) -> (String, String, Value) {
    let id = next_id(1700000000000000000);
    let token = format!("itoken-{id}");
    let v = json!({
        "id": id, "application_id": APP_ID.to_string(), "type": kind, "data": data,
        "channel": {"id": dm_channel(n), "type": 1}, "channel_id": dm_channel(n),
        "user": user(n, false), "token": token, "version": 1,
        "app_permissions": "562949953601536", "locale": "en-US", "entitlements": [],
        "authorizing_integration_owners": {"0": "0"}, "context": 1,
        "attachment_size_limit": 10485760,
    });
    (id, token, v)
}

/// `/name` with `question` as its option, if any; `focused` makes it an autocomplete request.
pub fn command(
    n: u64,
    name: &str,
    question: Option<&str>,
    focused: bool,
) -> (String, String, Value) {
    let options: Vec<Value> = question
        .map(|q| {
            let mut o = json!({"name": "question", "type": 3, "value": q});
            if focused {
                o["focused"] = json!(true);
            }
            o
        })
        .into_iter()
        .collect();
    let data = json!({"id": "1400000000000000001", "name": name, "type": 1, "options": options});
    interaction(n, if focused { 4 } else { 2 }, data)
}

/// A click on the button `custom_id` of a bot message.
pub fn button(n: u64, custom_id: &str) -> (String, String, Value) {
    let mut v = unchecked_interaction(n, 3, json!({"custom_id": custom_id, "component_type": 2}));
    v.2["message"] = message(
        &dm_channel(n),
        json!({"id": BOT_ID.to_string(), "username": "mila-bot", "discriminator": "0", "bot": true}),
        "",
    );
    v.2 = checked_interaction(v.2);
    v
}

/// `/name` with `question` from user `n` in a server channel (a `member` instead of a `user`).
pub fn guild_command(n: u64, name: &str, question: &str) -> (String, String, Value) {
    let (id, token, mut v) = command(n, name, Some(question), false);
    let user = v["user"].take();
    let obj = v.as_object_mut().expect("an object");
    obj.remove("user");
    obj.insert("guild_id".into(), json!(GUILD));
    obj.insert("channel_id".into(), json!(GUILD_CHANNEL));
    obj.insert("channel".into(), json!({"id": GUILD_CHANNEL, "type": 0}));
    obj.insert("context".into(), json!(0));
    obj.insert(
        "member".into(),
        json!({"user": user, "roles": [], "deaf": false, "mute": false, "flags": 0,
               "joined_at": "2024-01-01T00:00:00.000000+00:00", "permissions": "0"}),
    );
    (id, token, checked_interaction(v))
}
