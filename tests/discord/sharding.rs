//! Configuration read from ./config.toml: guild-scoped commands, autosharding, a shard range.

use super::bot::{reply_to, Bot};
use super::fake::{Fake, APP_ID};
use super::payloads::{dm, GUILD};
use serde_json::json;

#[tokio::test]
async fn autosharding_with_guild_commands() {
    let fake = Fake::start().await;
    let config = format!("[discord]\nguild_id = {GUILD}\nshards = \"auto\"\n");
    let _bot = Bot::start_with_config(&fake, Some(&config), &[], &[]);
    let put = fake.wait_ready().await;
    assert_eq!(
        put.path,
        format!("/api/v10/applications/{APP_ID}/guilds/{GUILD}/commands")
    );
    assert!(fake
        .inner()
        .requests
        .iter()
        .any(|r| r.method == "GET" && r.path == "/api/v10/gateway/bot"));
    assert_eq!(fake.inner().identify_shards, vec![json!([0, 1])]);
    let m = dm(50, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    reply_to(&fake, &m).await;
}

#[tokio::test]
async fn a_shard_range_runs_each_of_its_shards_and_registers_commands_once() {
    let fake = Fake::start().await;
    let config = "[discord]\nshards = { start = 1, end = 2, total = 4 }\n";
    let _bot = Bot::start_with_config(&fake, Some(config), &[], &[]);
    // serenity starts the second shard about 5 s after the first.
    let shards = fake
        .wait_for("both shards to identify", |f| {
            (f.identify_shards.len() >= 2).then(|| f.identify_shards.clone())
        })
        .await;
    assert_eq!(shards, vec![json!([1, 4]), json!([2, 4])]);
    let m = dm(51, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    reply_to(&fake, &m).await;
    let puts = fake.command_registrations();
    assert_eq!(puts, 1);
}
