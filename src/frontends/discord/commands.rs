//! The slash commands, defined once: this table drives both their registration with Discord and
//! the dispatch of their invocations, so the two cannot drift apart.

use super::render::{self, Reply};
use super::state::{Asked, BotState};
use crate::commands::{about_text, help_text, sources_text};
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption};

/// What a command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ask,
    Sources,
    About,
    Help,
    Why,
}

/// One slash command: its name, description and behaviour.
#[derive(Debug)]
pub struct SlashCommand {
    pub name: &'static str,
    pub description: &'static str,
    pub kind: Kind,
}

/// The name of `/ask`'s one option (autocompleted).
pub const QUESTION_OPTION: &str = "question";
/// Most autocomplete choices Discord accepts, and the longest choice.
pub const CHOICES_MAX: usize = 25;
pub const CHOICE_MAX_CHARS: usize = 100;

pub const COMMANDS: &[SlashCommand] = &[
    SlashCommand {
        name: "ask",
        description: "Ask a question about Mila - Quebec AI Institute",
        kind: Kind::Ask,
    },
    SlashCommand {
        name: "sources",
        description: "The Wikipedia article's references",
        kind: Kind::Sources,
    },
    SlashCommand {
        name: "about",
        description: "What this bot is, its source and the knowledge it has loaded",
        kind: Kind::About,
    },
    SlashCommand {
        name: "help",
        description: "How to use this bot, with example questions",
        kind: Kind::Help,
    },
    SlashCommand {
        name: "why",
        description: "Why the bot gave you its last answer in this channel",
        kind: Kind::Why,
    },
];

pub fn find(name: &str) -> Option<&'static SlashCommand> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// The registration payload for every command.
pub fn registrations() -> Vec<CreateCommand> {
    COMMANDS
        .iter()
        .map(|c| {
            let cmd = CreateCommand::new(c.name).description(c.description);
            match c.kind {
                Kind::Ask => cmd.add_option(
                    CreateCommandOption::new(
                        CommandOptionType::String,
                        QUESTION_OPTION,
                        "Your question, in English or French",
                    )
                    .required(true)
                    .max_length(crate::engine::MAX_QUESTION_CHARS.min(6000) as u16)
                    .set_autocomplete(true),
                ),
                _ => cmd,
            }
        })
        .collect()
}

/// Who invoked a command, and where.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    pub user: u64,
    pub channel: u64,
}

/// The reply to one command invocation.
pub fn respond(kind: Kind, state: &BotState, caller: Caller, question: Option<&str>) -> Reply {
    let loaded = state.knowledge.current();
    let kb = &loaded.kb;
    match kind {
        Kind::Ask => match state.ask(caller.user, caller.channel, question.unwrap_or("")) {
            Asked::Answer(a) => render::answer_reply(&a),
            Asked::Limited { .. } => render::notice(&state.limit_notice()),
        },
        Kind::Sources => render::text_reply("Sources", &sources_text(kb), Vec::new()),
        Kind::Help => render::text_reply("Help", &help_text(kb), Vec::new()),
        Kind::About => {
            // Not the directory's path: that is the server's business.
            let source = match state.knowledge.dir() {
                Some(_) => "from a knowledge directory (live reload on)",
                None => "embedded in the binary",
            };
            let fields = vec![
                ("Knowledge".to_string(), source.to_string()),
                ("Content hash".to_string(), kb.content_hash().to_string()),
                ("Loaded at".to_string(), loaded.loaded_at.clone()),
            ];
            render::text_reply("About mila-bot", &about_text(kb), fields)
        }
        Kind::Why => render::why_reply(state.last_answer(caller.user, caller.channel).as_ref()),
    }
}

/// Autocomplete choices for what has been typed: answerable questions, each within Discord's
/// limits.
pub fn choices(state: &BotState, typed: &str) -> Vec<String> {
    let loaded = state.knowledge.current();
    crate::engine::complete(&loaded.kb, typed, CHOICES_MAX)
        .into_iter()
        .filter(|q| !q.is_empty() && q.chars().count() <= CHOICE_MAX_CHARS)
        .take(CHOICES_MAX)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_registered_once_and_found_by_name() {
        let regs = registrations();
        assert_eq!(regs.len(), COMMANDS.len());
        for c in COMMANDS {
            assert_eq!(find(c.name).map(|f| f.kind), Some(c.kind));
            assert_eq!(COMMANDS.iter().filter(|o| o.name == c.name).count(), 1);
        }
        let json = serde_json::to_value(&regs).unwrap();
        let ask = &json[0];
        assert_eq!(ask["name"], "ask");
        assert_eq!(ask["options"][0]["autocomplete"], true);
        assert!(find("nope").is_none());
    }
}
