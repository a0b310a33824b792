//! What the Discord front end says besides the answers (notices) and its slash commands'
//! descriptions and French names: the `[discord]` tables of `knowledge/messages.toml`,
//! embedded, or read from `--knowledge DIR`. Checked at load: every command in the command
//! table must have its words in both languages.

use super::commands::{COMMANDS, QUESTION_OPTION};
use crate::answer::Lang;
use crate::knowledge::files::line_col;
use crate::knowledge::KnowledgeError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub const FILE: &str = "messages.toml";
const EMBEDDED: &str = include_str!("../../../knowledge/messages.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    en: LangTexts,
    fr: LangTexts,
}

/// One language's words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangTexts {
    pub rate_limited: String,
    pub no_recent_answer: String,
    pub why_forgotten: String,
    /// Command (or `ask_question` for the option) -> description.
    pub commands: BTreeMap<String, String>,
    /// Command (or option) -> localised name; only for a language other than the default.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
}

/// The key of `/ask`'s option in `commands` and `names`.
pub fn option_key(command: &str, option: &str) -> String {
    format!("{command}_{option}")
}

impl Texts {
    /// The `[discord]` tables of the embedded `messages.toml`, or of `dir/messages.toml`.
    pub fn load(dir: Option<&Path>) -> Result<Texts, KnowledgeError> {
        let from_dir = dir.map(|d| d.join(FILE)).filter(|p| p.is_file());
        match from_dir {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| KnowledgeError {
                    file: FILE.into(),
                    line: 0,
                    column: 0,
                    message: format!("cannot read {}: {e}", path.display()),
                })?;
                Self::parse(&text)
            }
            None => Self::parse(EMBEDDED),
        }
    }

    /// Parses the `[discord]` tables out of the text of `messages.toml`.
    pub fn parse(text: &str) -> Result<Texts, KnowledgeError> {
        /// The rest of the file is the knowledge's to check.
        #[derive(Deserialize)]
        struct File {
            discord: Texts,
        }
        let file: Result<File, _> = toml::from_str(text);
        let texts = file.map(|f| f.discord).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            KnowledgeError {
                file: FILE.into(),
                line,
                column,
                message: e.message().trim_end().to_string(),
            }
        })?;
        texts.check()?;
        Ok(texts)
    }

    /// Every command and option has a description in both languages and a French name that
    /// Discord accepts.
    fn check(&self) -> Result<(), KnowledgeError> {
        let missing = |message: String| KnowledgeError {
            file: FILE.into(),
            line: 0,
            column: 0,
            message,
        };
        for c in COMMANDS {
            let mut keys = vec![c.name.to_string()];
            if c.name == "ask" {
                keys.push(option_key(c.name, QUESTION_OPTION));
            }
            for key in keys {
                for (lang, t) in [("en", &self.en), ("fr", &self.fr)] {
                    let d = t.commands.get(&key).map(|d| d.chars().count());
                    if !matches!(d, Some(1..=100)) {
                        return Err(missing(format!(
                            "[{lang}.commands] {key}: a description of 1 to 100 characters is needed"
                        )));
                    }
                }
                let name = self.fr.names.get(&key).map(String::as_str).unwrap_or("");
                if !valid_name(name) {
                    return Err(missing(format!(
                        "[fr.names] {key} = {name:?}: a command name is 1 to 32 lower-case \
                         letters, digits, '-' or '_'"
                    )));
                }
            }
        }
        Ok(())
    }

    pub fn get(&self, lang: Lang) -> &LangTexts {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }

    /// (locale, name, description) for `key` in every language but English, Discord's default.
    pub fn localisations<'a>(&'a self, key: &'a str) -> Vec<(&'static str, &'a str, &'a str)> {
        let name = self.fr.names.get(key).map(String::as_str).unwrap_or(key);
        let description = self.fr.commands.get(key).map(String::as_str).unwrap_or("");
        vec![("fr", name, description)]
    }
}

/// Discord's rule for a command or option name: `^[-_\p{L}\p{N}]{1,32}$`, in lower case.
fn valid_name(name: &str) -> bool {
    (1..=32).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c == '-' || c == '_' || (c.is_alphanumeric() && !c.is_uppercase()))
}

/// The language of a Discord locale (`fr`, `en-US`, ...).
pub fn lang_of_locale(locale: &str) -> Lang {
    if locale.starts_with("fr") {
        Lang::Fr
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_texts_cover_every_command_in_both_languages() {
        let t = Texts::load(None).unwrap();
        for c in COMMANDS {
            assert!(t.get(Lang::En).commands.contains_key(c.name), "{}", c.name);
            let fr = t.localisations(c.name);
            assert!(valid_name(fr[0].1) && !fr[0].2.is_empty(), "{}", c.name);
        }
        assert_ne!(t.get(Lang::Fr).rate_limited, t.get(Lang::En).rate_limited);
    }

    #[test]
    fn a_missing_french_description_or_bad_name_is_a_load_error() {
        let good = EMBEDDED;
        let no_desc = good.replace("why = \"Pourquoi le bot", "whyy = \"Pourquoi le bot");
        let e = Texts::parse(&no_desc).unwrap_err();
        assert_eq!(e.file, FILE);
        assert!(e.message.contains("why"), "{e}");
        let bad_name = good.replace("aide", "Aide Moi");
        assert!(Texts::parse(&bad_name)
            .unwrap_err()
            .message
            .contains("help"));
        let typo = good.replace("rate_limited =", "rate_limitd =");
        assert!(Texts::parse(&typo).unwrap_err().line > 0);
    }

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(lang_of_locale("fr"), Lang::Fr);
        assert_eq!(lang_of_locale("en-US"), Lang::En);
        assert_eq!(lang_of_locale("de"), Lang::En);
    }
}
