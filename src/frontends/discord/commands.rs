//! The slash commands, defined once: this table drives both their registration with Discord and
//! the dispatch of their invocations, so the two cannot drift apart. Their descriptions and
//! French names and descriptions come from the `[discord]` tables of `knowledge/messages.toml`,
//! keyed by the names here.

use super::render::{self, Reply};
use super::state::{Asked, BotState, Origin};
use super::texts::{option_key, Texts};
use crate::answer::Lang;
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

/// One slash command: its name and behaviour.
#[derive(Debug)]
pub struct SlashCommand {
    pub name: &'static str,
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
        kind: Kind::Ask,
    },
    SlashCommand {
        name: "sources",
        kind: Kind::Sources,
    },
    SlashCommand {
        name: "about",
        kind: Kind::About,
    },
    SlashCommand {
        name: "help",
        kind: Kind::Help,
    },
    SlashCommand {
        name: "why",
        kind: Kind::Why,
    },
];

pub fn find(name: &str) -> Option<&'static SlashCommand> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// The registration payload for every command, with its French name and description.
pub fn registrations(texts: &Texts) -> Vec<CreateCommand> {
    let en = texts.get(Lang::En);
    let describe = |key: &str| en.commands.get(key).cloned().unwrap_or_default();
    COMMANDS
        .iter()
        .map(|c| {
            let mut cmd = CreateCommand::new(c.name).description(describe(c.name));
            for (locale, name, description) in texts.localisations(c.name) {
                cmd = cmd
                    .name_localized(locale, name)
                    .description_localized(locale, description);
            }
            match c.kind {
                Kind::Ask => {
                    let key = option_key(c.name, QUESTION_OPTION);
                    let mut option = CreateCommandOption::new(
                        CommandOptionType::String,
                        QUESTION_OPTION,
                        describe(&key),
                    )
                    .required(true)
                    .max_length(crate::engine::MAX_QUESTION_CHARS.min(6000) as u16)
                    .set_autocomplete(true);
                    for (locale, name, description) in texts.localisations(&key) {
                        option = option
                            .name_localized(locale, name)
                            .description_localized(locale, description);
                    }
                    cmd.add_option(option)
                }
                _ => cmd,
            }
        })
        .collect()
}

/// Who invoked a command, where, and the language of their Discord client.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    pub origin: Origin,
    pub lang: Lang,
}

/// The reply to one command invocation.
pub fn respond(kind: Kind, state: &BotState, caller: Caller, question: Option<&str>) -> Reply {
    let loaded = state.knowledge.current();
    let kb = &loaded.kb;
    let Origin { user, channel, .. } = caller.origin;
    match kind {
        Kind::Ask => match state.ask(caller.origin, question.unwrap_or("")) {
            Asked::Answer { answer, why } => render::answer_reply(&answer, why),
            Asked::Limited { lang, .. } => render::notice(&state.limit_notice(lang)),
        },
        Kind::Sources => {
            let m = kb.messages(caller.lang);
            render::text_reply(&m.sources, &sources_text(kb, caller.lang), Vec::new())
        }
        Kind::Help => {
            let names: Vec<String> = COMMANDS.iter().map(|c| format!("/{}", c.name)).collect();
            let m = kb.messages(caller.lang);
            let text = help_text(kb, caller.lang, &names.join(", "));
            render::text_reply(&m.help_title, &text, Vec::new())
        }
        Kind::About => {
            let m = kb.messages(caller.lang);
            // Not the directory's path: that is the server's business.
            let source = match state.knowledge.dir() {
                Some(_) => &m.knowledge_directory,
                None => &m.knowledge_embedded,
            };
            let fields = vec![
                (m.knowledge_label.clone(), source.clone()),
                (m.hash_label.clone(), kb.content_hash().to_string()),
                (m.loaded_label.clone(), loaded.loaded_at.clone()),
            ];
            render::text_reply(&m.about_title, &about_text(kb, caller.lang), fields)
        }
        Kind::Why => render::why_reply(
            state.last_answer(user, channel).as_ref(),
            &loaded.texts.get(caller.lang).no_recent_answer,
        ),
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
        let regs = registrations(&Texts::load(None).unwrap());
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
        for c in json.as_array().unwrap() {
            assert!(!c["description"].as_str().unwrap().is_empty(), "{c}");
            assert!(c["name_localizations"]["fr"].is_string(), "{c}");
            assert!(c["description_localizations"]["fr"].is_string(), "{c}");
        }
        assert_eq!(ask["name_localizations"]["fr"], "demander");
        assert!(ask["options"][0]["description_localizations"]["fr"].is_string());
    }
}
