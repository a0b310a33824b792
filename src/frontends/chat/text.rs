//! The chat's own wording, the `[chat]` tables of `knowledge/messages.toml`: banner, prompt and
//! the replies to the chat commands, in English and French. Parsed once at start-up like the rest of the knowledge; a
//! problem is a [`KnowledgeError`] naming file, line and column.

use crate::knowledge::{files, KnowledgeError, EMBEDDED};
use crate::Lang;
use serde::Deserialize;
use std::path::Path;

/// The `[chat]` tables of `messages.toml`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatText {
    pub en: Wording,
    pub fr: Wording,
}

/// One language's wording.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    /// One line shown when the chat starts on a terminal; `{version}`.
    pub banner: String,
    /// Shown before each line is read on a terminal.
    pub prompt: String,
    /// `/help`: the first line, before the example questions.
    pub help_intro: String,
    /// `/help`: the heading of the command list.
    pub help_commands: String,
    /// A `/word` that is not a command; `{command}`, `{commands}`.
    pub unknown_command: String,
    /// `/why` before any question.
    pub why_nothing: String,
    /// `/why`: the heading of the explanation; `{question}`.
    pub why_heading: String,
    /// The reply to `/quit`.
    pub quit: String,
    /// `/help`'s line for each command.
    pub commands: CommandHelp,
}

/// One line of `/help` per chat command; a field per command, so none can go undescribed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandHelp {
    pub help: String,
    pub sources: String,
    pub about: String,
    pub why: String,
    pub quit: String,
}

impl ChatText {
    /// Parses the `[chat]` tables out of the text of `messages.toml`.
    pub fn parse(text: &str) -> Result<Self, KnowledgeError> {
        /// The rest of the file is the knowledge's to check.
        #[derive(Deserialize)]
        struct File {
            chat: ChatText,
        }
        let file: Result<File, _> = toml::from_str(text);
        file.map(|f| f.chat).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| files::line_col(text, s.start));
            KnowledgeError {
                file: files::MESSAGES.into(),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })
    }

    /// The wording embedded in the binary.
    pub fn embedded() -> Result<Self, KnowledgeError> {
        let text = EMBEDDED
            .iter()
            .find(|(name, _)| *name == files::MESSAGES)
            .map_or("", |(_, text)| *text);
        Self::parse(text)
    }

    /// `DIR/messages.toml` for `--knowledge DIR`, else the embedded wording.
    pub fn load(dir: Option<&Path>) -> Result<Self, KnowledgeError> {
        let Some(dir) = dir else {
            return Self::embedded();
        };
        let path = dir.join(files::MESSAGES);
        let text = std::fs::read_to_string(&path).map_err(|e| KnowledgeError {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        })?;
        Self::parse(&text)
    }

    pub fn get(&self, lang: Lang) -> &Wording {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_wording_parses_in_both_languages() {
        let t = ChatText::embedded().unwrap();
        assert!(t.get(Lang::En).banner.contains("{version}"));
        assert_ne!(t.get(Lang::Fr).quit, t.get(Lang::En).quit);
    }

    #[test]
    fn an_unknown_key_names_the_file_line_and_key() {
        let text = EMBEDDED
            .iter()
            .find(|(n, _)| *n == "messages.toml")
            .unwrap()
            .1;
        let bad = text.replacen(
            "[chat.en.commands]\n",
            "[chat.en.commands]\nask = \"ask\"\n",
            1,
        );
        let e = ChatText::parse(&bad).unwrap_err();
        assert_eq!(e.file, "messages.toml");
        assert!(e.line > 1 && e.message.contains("ask"), "{e}");
    }
}
