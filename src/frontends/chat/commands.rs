//! The chat's commands (`/help`, `/sources`, `/about`, `/why`, `/quit`). One registry,
//! [`COMMANDS`], drives dispatch, the list in `/help` and the unknown-command reply, so they
//! cannot drift; the wording comes from the `[chat]`
//! tables of `knowledge/messages.toml`.

use super::text::{ChatText, Wording};
use crate::answer::Answer;
use crate::knowledge::KnowledgeBase;
use crate::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatCommand {
    Help,
    Sources,
    About,
    Why,
    Quit,
}

/// Every command the chat handles, in the order `/help` lists them.
pub const COMMANDS: [ChatCommand; 5] = [
    ChatCommand::Help,
    ChatCommand::Sources,
    ChatCommand::About,
    ChatCommand::Why,
    ChatCommand::Quit,
];

impl ChatCommand {
    pub fn name(self) -> &'static str {
        match self {
            ChatCommand::Help => "/help",
            ChatCommand::Sources => "/sources",
            ChatCommand::About => "/about",
            ChatCommand::Why => "/why",
            ChatCommand::Quit => "/quit",
        }
    }

    fn describe(self, w: &Wording) -> &str {
        match self {
            ChatCommand::Help => &w.commands.help,
            ChatCommand::Sources => &w.commands.sources,
            ChatCommand::About => &w.commands.about,
            ChatCommand::Why => &w.commands.why,
            ChatCommand::Quit => &w.commands.quit,
        }
    }
}

/// A line that asks for a command rather than asking a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed<'a> {
    Command(ChatCommand),
    /// `/word` that is not a command: the word as typed.
    Unknown(&'a str),
}

/// A line is a command when its first word is `/` followed by letters (case is ignored; any
/// words after it are ignored). A lone `/` or `/ who started Mila?` is a question.
pub fn parse(line: &str) -> Option<Parsed<'_>> {
    let word = line.split_whitespace().next()?;
    let name = word.strip_prefix('/')?;
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    Some(
        COMMANDS
            .iter()
            .find(|c| c.name()[1..].eq_ignore_ascii_case(name))
            .map_or(Parsed::Unknown(word), |&c| Parsed::Command(c)),
    )
}

/// What the chat knows when it replies to a command.
pub struct Context<'a> {
    pub kb: &'a KnowledgeBase,
    pub text: &'a ChatText,
    /// The language of the last question (English before any).
    pub lang: Lang,
    pub last: Option<&'a Answer>,
}

/// The reply to a parsed command line.
pub fn reply(parsed: Parsed<'_>, cx: &Context<'_>) -> String {
    let w = cx.text.get(cx.lang);
    match parsed {
        Parsed::Unknown(word) => w
            .unknown_command
            .replace("{command}", word)
            .replace("{commands}", &names().join(", ")),
        Parsed::Command(ChatCommand::Help) => help(cx.kb, w, cx.lang),
        Parsed::Command(ChatCommand::Sources) => crate::commands::sources_text(cx.kb, cx.lang),
        Parsed::Command(ChatCommand::About) => crate::commands::about_text(cx.kb, cx.lang),
        Parsed::Command(ChatCommand::Why) => match cx.last {
            Some(a) => format!(
                "{}\n{}",
                w.why_heading.replace("{question}", &a.question),
                a.explain()
            ),
            None => w.why_nothing.clone(),
        },
        Parsed::Command(ChatCommand::Quit) => w.quit.clone(),
    }
}

fn names() -> Vec<&'static str> {
    COMMANDS.iter().map(|c| c.name()).collect()
}

/// How to ask, an example per intent (up to 8) in `lang`, then exactly the chat's commands.
fn help(kb: &KnowledgeBase, w: &Wording, lang: Lang) -> String {
    let mut out = w.help_intro.clone();
    let asked = kb.intents.iter().filter(|i| !i.unanswered);
    let examples = asked.filter_map(|i| match lang {
        Lang::En => i.examples_en.first(),
        Lang::Fr => i.examples_fr.first().or(i.examples_en.first()),
    });
    for q in examples.take(8) {
        out.push_str(&format!("\n- {q}"));
    }
    out.push_str(&format!("\n{}", w.help_commands));
    let width = names().iter().map(|n| n.len()).max().unwrap_or(0);
    for c in COMMANDS {
        out.push_str(&format!("\n  {:<width$}  {}", c.name(), c.describe(w)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_recognised_by_their_first_word_ignoring_case() {
        assert_eq!(parse(" /HELP "), Some(Parsed::Command(ChatCommand::Help)));
        assert_eq!(
            parse("/why did you say that"),
            Some(Parsed::Command(ChatCommand::Why))
        );
        assert_eq!(parse("/ask who"), Some(Parsed::Unknown("/ask")));
        for question in [
            "who started mila?",
            "/",
            "/ who started mila",
            "/?",
            "a /help",
        ] {
            assert_eq!(parse(question), None, "{question}");
        }
    }

    #[test]
    fn help_lists_exactly_the_registered_commands() {
        let kb = KnowledgeBase::embedded().unwrap();
        let text = ChatText::embedded().unwrap();
        for lang in [Lang::En, Lang::Fr] {
            let cx = Context {
                kb: &kb,
                text: &text,
                lang,
                last: None,
            };
            let h = reply(Parsed::Command(ChatCommand::Help), &cx);
            let listed: Vec<&str> = h
                .lines()
                .filter_map(|l| l.split_whitespace().next())
                .filter(|w| w.starts_with('/'))
                .collect();
            assert_eq!(listed, names(), "{h}");
        }
    }
}
