//! The gateway event handler: translates messages and interactions into questions for
//! [`BotState`] and sends the rendered replies. It never panics on what Discord sends; a failed
//! REST call is logged and the bot goes on.

use super::commands::{self, Caller, QUESTION_OPTION};
use super::metrics::Metrics;
use super::render::{self, ASK_PREFIX, WHY_ID, WHY_PREFIX};
use super::send;
use super::state::{Asked, BotState, Origin};
use super::texts::lang_of_locale;
use serenity::all::{
    async_trait, AutocompleteChoice, CommandInteraction, ComponentInteraction, Context,
    CreateAutocompleteResponse, CreateInteractionResponse, EventHandler, GuildId, Interaction,
    Message, Ready, ResumedEvent,
};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

pub struct Handler {
    state: Arc<BotState>,
    metrics: Arc<Metrics>,
    guild_id: Option<GuildId>,
    /// Commands are registered once per process, not on every READY.
    registered: AtomicBool,
    /// The bot's own user id, from READY (0 until then).
    bot_id: AtomicU64,
}

impl Handler {
    pub fn new(state: Arc<BotState>, guild_id: Option<u64>, metrics: Arc<Metrics>) -> Self {
        Handler {
            state,
            metrics,
            guild_id: guild_id.map(GuildId::new),
            registered: AtomicBool::new(false),
            bot_id: AtomicU64::new(0),
        }
    }

    async fn register_commands(&self, ctx: &Context) {
        if self.registered.swap(true, Ordering::SeqCst) {
            return;
        }
        let commands = commands::registrations(&self.state.knowledge.current().texts);
        let result = match self.guild_id {
            Some(g) => g.set_commands(&ctx.http, commands).await.map(|c| c.len()),
            None => serenity::all::Command::set_global_commands(&ctx.http, commands)
                .await
                .map(|c| c.len()),
        };
        match result {
            Ok(n) => {
                tracing::info!(commands = n, guild = ?self.guild_id.map(|g| g.get()), "slash commands registered")
            }
            Err(e) => {
                // Try again on the next READY.
                self.registered.store(false, Ordering::SeqCst);
                tracing::warn!(error = %e, "could not register the slash commands");
            }
        }
    }

    async fn on_command(&self, ctx: &Context, c: &CommandInteraction) {
        let Some(cmd) = commands::find(&c.data.name) else {
            tracing::warn!(command = %c.data.name, "unknown command");
            return;
        };
        let question = c
            .data
            .options
            .iter()
            .find(|o| o.name == QUESTION_OPTION)
            .and_then(|o| o.value.as_str());
        let caller = Caller {
            origin: Origin {
                user: c.user.id.get(),
                channel: c.channel_id.get(),
                is_dm: c.guild_id.is_none(),
                via: "slash",
            },
            lang: lang_of_locale(&c.locale),
        };
        let reply = commands::respond(cmd.kind, &self.state, caller, question);
        send::to_command(ctx, c, &reply).await;
    }

    async fn on_autocomplete(&self, ctx: &Context, c: &CommandInteraction) {
        let typed = c.data.autocomplete().map(|o| o.value).unwrap_or("");
        let choices = commands::choices(&self.state, typed)
            .into_iter()
            .map(|q| AutocompleteChoice::new(q.clone(), q))
            .collect();
        let response = CreateAutocompleteResponse::new().set_choices(choices);
        if let Err(e) = c
            .create_response(&ctx.http, CreateInteractionResponse::Autocomplete(response))
            .await
        {
            send::log_failure(c.id, "autocomplete", &e);
        }
    }

    async fn on_button(&self, ctx: &Context, c: &ComponentInteraction) {
        let caller = Caller {
            origin: Origin {
                user: c.user.id.get(),
                channel: c.channel_id.get(),
                is_dm: c.guild_id.is_none(),
                via: "button",
            },
            lang: lang_of_locale(&c.locale),
        };
        let id = c.data.custom_id.as_str();
        let reply = if id == WHY_ID {
            commands::respond(commands::Kind::Why, &self.state, caller, None)
        } else if let Some(why) = id.strip_prefix(WHY_PREFIX) {
            // The answer this button is attached to, whoever clicks it.
            let answer = why.parse().ok().and_then(|w| self.state.explained(w));
            let texts = &self.state.knowledge.current().texts;
            let forgotten = texts
                .get(caller.lang)
                .why_forgotten
                .replace("{hours}", &super::state::EXPLANATION_HOURS.to_string());
            render::why_reply(answer.as_ref(), &forgotten)
        } else if let Some(q) = id.strip_prefix(ASK_PREFIX) {
            commands::respond(commands::Kind::Ask, &self.state, caller, Some(q))
        } else {
            tracing::debug!(custom_id = id, "unknown button");
            return;
        };
        send::to_component(ctx, c, &reply).await;
    }
}

/// The question in a message, if the bot should answer it: any DM, or a server message that
/// mentions the bot (with the mention removed).
pub fn question_of(content: &str, is_dm: bool, mentions_bot: bool, bot_id: u64) -> Option<String> {
    if !is_dm && !mentions_bot {
        return None;
    }
    if bot_id == 0 {
        return Some(content.trim().to_string());
    }
    let q = content
        .replace(&format!("<@{bot_id}>"), " ")
        .replace(&format!("<@!{bot_id}>"), " ");
    Some(q.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        self.bot_id.store(ready.user.id.get(), Ordering::SeqCst);
        self.metrics.gateway_session();
        if let Some(shard) = ready.shard {
            self.metrics.expect_shards(shard.total as usize);
        }
        tracing::info!(
            user = %ready.user.name,
            shard = ?ready.shard.map(|s| (s.id.0, s.total)),
            guilds = ready.guilds.len(),
            "connected to Discord"
        );
        self.register_commands(&ctx).await;
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        self.metrics.gateway_session();
        tracing::info!("gateway session resumed");
    }

    async fn message(&self, ctx: Context, msg: Message) {
        let bot_id = self.bot_id.load(Ordering::SeqCst);
        if msg.author.bot || msg.author.id.get() == bot_id {
            return;
        }
        let mentions_bot = msg.mentions.iter().any(|u| u.id.get() == bot_id);
        let is_dm = msg.guild_id.is_none();
        let Some(question) = question_of(&msg.content, is_dm, mentions_bot, bot_id) else {
            return;
        };
        let origin = Origin {
            user: msg.author.id.get(),
            channel: msg.channel_id.get(),
            is_dm,
            via: "message",
        };
        let reply = match self.state.ask(origin, &question) {
            Asked::Answer { answer, why } => {
                let mut r = render::answer_reply(&answer, why);
                r.ephemeral = false;
                r
            }
            Asked::Limited { notify: true, lang } => render::notice(&self.state.limit_notice(lang)),
            Asked::Limited { notify: false, .. } => return,
        };
        send::to_channel(&ctx, msg.channel_id, msg.id, &reply).await;
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match &interaction {
            Interaction::Command(c) => self.on_command(&ctx, c).await,
            Interaction::Autocomplete(c) => self.on_autocomplete(&ctx, c).await,
            Interaction::Component(c) => self.on_button(&ctx, c).await,
            _ => tracing::debug!(kind = ?interaction.kind(), "interaction ignored"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::question_of;

    #[test]
    fn a_dm_is_a_question() {
        assert_eq!(
            question_of(" who? ", true, false, 7).as_deref(),
            Some("who?")
        );
    }

    #[test]
    fn a_server_message_needs_a_mention_which_is_stripped() {
        assert_eq!(question_of("who?", false, false, 7), None);
        assert_eq!(
            question_of("<@7> who   started <@!7> Mila?", false, true, 7).as_deref(),
            Some("who started Mila?")
        );
        assert_eq!(
            question_of("<@8> hi", false, true, 7).as_deref(),
            Some("<@8> hi")
        );
    }
}
