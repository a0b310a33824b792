//! The bot's informational commands (`/help`, `/sources`, `/about`), as text shared by every
//! front end, in the asker's language (wording from `knowledge/messages.toml`).

use crate::answer::Lang;
use crate::knowledge::KnowledgeBase;

pub const ARTICLE_TITLE: &str = "Mila (research institute)";
pub const ARTICLE_URL: &str = "https://en.wikipedia.org/wiki/Mila_(research_institute)";
pub const LICENSE: &str = "CC BY-SA 4.0";

/// `commands`: the commands of the front end asking, e.g. "/ask, /why, /help".
pub fn help_text(kb: &KnowledgeBase, lang: Lang, commands: &str) -> String {
    let m = kb.messages(lang);
    let examples: Vec<String> = kb
        .intents
        .iter()
        .filter(|i| !i.smalltalk)
        .filter_map(|i| match lang {
            Lang::Fr => i.examples_fr.first().or(i.examples_en.first()),
            Lang::En => i.examples_en.first(),
        })
        .take(8)
        .map(|q| format!("- {q}"))
        .collect();
    format!(
        "{}\n{}\n{}\n{}",
        m.help_intro.replace("{title}", ARTICLE_TITLE),
        m.for_example,
        examples.join("\n"),
        m.commands_line.replace("{commands}", commands)
    )
}

pub fn sources_text(kb: &KnowledgeBase, lang: Lang) -> String {
    let m = kb.messages(lang);
    let mut out = m.sources_title.replace("{title}", ARTICLE_TITLE);
    for r in kb.references() {
        out.push('\n');
        r.citation().write_source_line(&mut out, &m.accessed);
    }
    out
}

pub fn about_text(kb: &KnowledgeBase, lang: Lang) -> String {
    let hash = kb.content_hash();
    kb.messages(lang)
        .about
        .replace("{version}", env!("CARGO_PKG_VERSION"))
        .replace("{title}", ARTICLE_TITLE)
        .replace("{url}", ARTICLE_URL)
        .replace("{license}", LICENSE)
        .replace("{summary}", &kb.summary())
        .replace("{hash}", &hash[..hash.len().min(12)])
}
