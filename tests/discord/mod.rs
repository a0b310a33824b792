//! End-to-end tests of the Discord front end: the built `mila-bot discord` binary against a fake
//! Discord on 127.0.0.1 (REST + gateway websocket), driving the real serenity client.
//! Expectations come from calling the engine in the test, never from its exact wording.

mod bench;
mod bot;
mod fake;
mod gateway;
mod interactions;
mod lifecycle;
mod messages;
mod payloads;
mod polish;
mod reconnect;
mod reload;
mod service;
mod sharding;

use mila_bot::{ask, Answer, Conversation, KnowledgeBase};
use serde_json::Value;
use std::sync::OnceLock;

/// The embedded knowledge, as the bot loads it without --knowledge.
pub fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::embedded().expect("the embedded knowledge loads"))
}

/// What the engine answers to `question` asked first in a conversation.
pub fn expected(question: &str) -> Answer {
    ask(kb(), question, &mut Conversation::default())
}

/// The first embed of a message body or interaction callback data.
pub fn first_embed(data: &Value) -> &Value {
    &data["embeds"][0]
}

/// Asserts the rendered reply carries the answer: its body and a link to every citation.
pub fn assert_renders(data: &Value, a: &Answer) {
    let embed = first_embed(data);
    let description = embed["description"].as_str().unwrap_or_default();
    let head: String = a.body.chars().take(40).collect();
    assert!(
        description.starts_with(&head),
        "the embed does not carry the answer {:?}: {embed}",
        a.body
    );
    let text = embed.to_string();
    for c in a.all_citations() {
        let escaped = c.url.replace('(', "%28").replace(')', "%29");
        assert!(
            text.contains(&c.url) || text.contains(&escaped),
            "citation [{}] {} missing from {text}",
            c.n,
            c.url
        );
    }
}

/// Asserts nobody can be pinged by the reply.
pub fn assert_no_mentions(data: &Value) {
    let am = &data["allowed_mentions"];
    assert_eq!(am["parse"], serde_json::json!([]), "allowed_mentions: {am}");
    for key in ["users", "roles"] {
        assert!(
            am[key].as_array().is_none_or(|a| a.is_empty()),
            "allowed_mentions: {am}"
        );
    }
}
