//! Turns a [`Reply`] into serenity builders and sends it. Every reply suppresses all mentions;
//! a failed send is logged with context and the bot goes on.

use super::render::{Embed, Reply};
use serenity::all::{
    ButtonStyle, ChannelId, CommandInteraction, ComponentInteraction, Context, CreateActionRow,
    CreateAllowedMentions, CreateButton, CreateEmbed, CreateEmbedFooter, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, InteractionId, MessageId,
};

/// Nobody is ever pinged: `{"parse":[],"users":[],"roles":[],"replied_user":false}`.
pub fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
        .empty_users()
        .empty_roles()
        .replied_user(false)
}

pub fn embed(e: &Embed) -> CreateEmbed {
    let mut out = CreateEmbed::new()
        .title(&e.title)
        .description(&e.description)
        .footer(CreateEmbedFooter::new(&e.footer));
    if let Some(url) = &e.url {
        out = out.url(url);
    }
    for (name, value) in &e.fields {
        out = out.field(name, value, false);
    }
    out
}

fn buttons(r: &Reply) -> Vec<CreateActionRow> {
    if r.buttons.is_empty() {
        return Vec::new();
    }
    let row = r
        .buttons
        .iter()
        .map(|b| {
            CreateButton::new(&b.custom_id)
                .label(&b.label)
                .style(ButtonStyle::Secondary)
        })
        .collect();
    vec![CreateActionRow::Buttons(row)]
}

/// A channel message replying to `reference` (the question's message).
pub fn message(r: &Reply, reference: Option<(ChannelId, MessageId)>) -> CreateMessage {
    let mut m = CreateMessage::new().allowed_mentions(no_mentions());
    if let Some(c) = &r.content {
        m = m.content(c);
    }
    if let Some(e) = &r.embed {
        m = m.embed(embed(e));
    }
    if let Some(reference) = reference {
        m = m.reference_message(reference);
    }
    m.components(buttons(r))
}

/// An interaction response (callback type 4).
pub fn interaction_message(r: &Reply) -> CreateInteractionResponse {
    let mut m = CreateInteractionResponseMessage::new()
        .allowed_mentions(no_mentions())
        .ephemeral(r.ephemeral);
    if let Some(c) = &r.content {
        m = m.content(c);
    }
    if let Some(e) = &r.embed {
        m = m.embed(embed(e));
    }
    CreateInteractionResponse::Message(m.components(buttons(r)))
}

/// Posts `r` in `channel` as a reply to `message_id`; logs a failure.
pub async fn to_channel(ctx: &Context, channel: ChannelId, message_id: MessageId, r: &Reply) {
    let builder = message(r, Some((channel, message_id)));
    if let Err(e) = channel.send_message(&ctx.http, builder).await {
        tracing::warn!(channel = %channel, message = %message_id, error = %e, "could not post a reply");
    }
}

/// Answers a slash command; logs a failure.
pub async fn to_command(ctx: &Context, i: &CommandInteraction, r: &Reply) {
    if let Err(e) = i.create_response(&ctx.http, interaction_message(r)).await {
        log_failure(i.id, "command", &e);
    }
}

/// Answers a button click; logs a failure.
pub async fn to_component(ctx: &Context, i: &ComponentInteraction, r: &Reply) {
    if let Err(e) = i.create_response(&ctx.http, interaction_message(r)).await {
        log_failure(i.id, "button", &e);
    }
}

pub fn log_failure(id: InteractionId, kind: &str, e: &serenity::Error) {
    tracing::warn!(interaction = %id, kind, error = %e, "could not answer an interaction");
}
