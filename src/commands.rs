//! The bot's informational commands (`/help`, `/sources`, `/about`), as text shared by every
//! front end.

use crate::knowledge::KnowledgeBase;

pub const ARTICLE_TITLE: &str = "Mila (research institute)";
pub const ARTICLE_URL: &str = "https://en.wikipedia.org/wiki/Mila_(research_institute)";
pub const LICENSE: &str = "CC BY-SA 4.0";

pub fn help_text(kb: &KnowledgeBase) -> String {
    let examples: Vec<String> = kb
        .intents
        .iter()
        .filter_map(|i| i.examples_en.first())
        .take(8)
        .map(|q| format!("- {q}"))
        .collect();
    format!(
        "Ask me about Mila - Quebec AI Institute, in English or French. I answer from the Wikipedia \
         article \"{ARTICLE_TITLE}\" and cite its references.\nFor example:\n{}\nCommands: /ask, /why, /sources, /about, /help.",
        examples.join("\n")
    )
}

pub fn sources_text(kb: &KnowledgeBase) -> String {
    let mut out = format!("References of the Wikipedia article \"{ARTICLE_TITLE}\":");
    for r in kb.references() {
        out.push('\n');
        out.push_str(
            &r.citation()
                .source_line(&kb.messages(crate::Lang::En).accessed),
        );
    }
    out
}

pub fn about_text(kb: &KnowledgeBase) -> String {
    format!(
        "mila-bot {} answers questions about Mila - Quebec AI Institute from the Wikipedia article \
         \"{ARTICLE_TITLE}\" ({ARTICLE_URL}). Article text from Wikipedia, licensed {LICENSE}.\n\
         Knowledge: {} (hash {}).",
        env!("CARGO_PKG_VERSION"),
        kb.summary(),
        &kb.content_hash()[..kb.content_hash().len().min(12)]
    )
}
