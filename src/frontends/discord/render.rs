//! Pure rendering of an [`Answer`] (and the informational texts) into a [`Reply`]: a plain value
//! that `send.rs` turns into Discord builders. Discord counts characters, so every limit is
//! enforced on char boundaries, with "…" marking a cut.

use crate::answer::{Answer, Citation};
use crate::commands::{ARTICLE_TITLE, ARTICLE_URL, LICENSE};

pub const CONTENT_MAX: usize = 2000;
pub const TITLE_MAX: usize = 256;
pub const DESCRIPTION_MAX: usize = 4096;
pub const FIELD_NAME_MAX: usize = 256;
pub const FIELD_VALUE_MAX: usize = 1024;
pub const FOOTER_MAX: usize = 2048;
pub const EMBED_TOTAL_MAX: usize = 6000;
pub const FIELDS_MAX: usize = 25;
pub const BUTTON_LABEL_MAX: usize = 80;
pub const CUSTOM_ID_MAX: usize = 100;
/// Buttons in one action row.
pub const BUTTONS_MAX: usize = 5;
/// Custom id of the "Why?" button: `WHY_PREFIX` + the id of the answer it explains (the bare
/// `WHY_ID` of older replies explains the clicker's own last answer). A suggestion button's id
/// is `ASK_PREFIX` + the question.
pub const WHY_ID: &str = "why";
pub const WHY_PREFIX: &str = "why:";
pub const ASK_PREFIX: &str = "ask:";

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Embed {
    pub title: String,
    pub url: Option<String>,
    pub description: String,
    pub fields: Vec<(String, String)>,
    pub footer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
}

/// One reply, whatever carries it (a channel message or an interaction response).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reply {
    pub content: Option<String>,
    pub embed: Option<Embed>,
    /// Only the asker sees it (interaction responses only; flags 64).
    pub ephemeral: bool,
    pub buttons: Vec<Button>,
}

/// At most `max` chars of `s`; a cut ends with "…".
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Whole lines of `text` within `max` chars, ending with a "…" line when some are left out.
pub fn fit_lines(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for line in text.lines() {
        let n = line.chars().count() + usize::from(!out.is_empty());
        if used + n + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
        used += n;
    }
    if out.is_empty() {
        return truncate(text, max);
    }
    out.push_str("\n…");
    out
}

fn escape_link_text(s: &str) -> String {
    s.replace('[', "\\[").replace(']', "\\]")
}

/// A URL safe inside a Markdown link target.
pub fn link_target(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

/// `[n] [Title](url) — website, date`
pub fn source_link(c: &Citation) -> String {
    let title = escape_link_text(c.title.trim_end_matches('.'));
    let mut line = format!("[{}] [{}]({})", c.n, title, link_target(&c.url));
    let extra: Vec<&str> = [c.website.as_deref(), c.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !extra.is_empty() {
        line.push_str(" — ");
        line.push_str(&extra.join(", "));
    }
    line
}

/// Packs lines into as few fields as fit (each value within the field limit).
fn line_fields(name: &str, lines: &[String]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut current = String::new();
    for line in lines {
        let line = truncate(line, FIELD_VALUE_MAX);
        if !current.is_empty()
            && current.chars().count() + 1 + line.chars().count() > FIELD_VALUE_MAX
        {
            fields.push((name.to_string(), std::mem::take(&mut current)));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.is_empty() {
        fields.push((name.to_string(), current));
    }
    fields
}

/// The footer: the article (and section) and the licence.
pub fn footer(section: Option<&str>) -> String {
    let place = match section {
        Some(s) => format!("\"{ARTICLE_TITLE}\", section {s}"),
        None => format!("\"{ARTICLE_TITLE}\""),
    };
    truncate(&format!("{place} · Wikipedia, {LICENSE}"), FOOTER_MAX)
}

/// The reply to a question: body with `[n]` markers, numbered source links, footer. An
/// unanswered question's reply is ephemeral and offers its suggestions (also as buttons). The
/// "Why?" button carries `why`, the id the answer is remembered by.
pub fn answer_reply(a: &Answer, why: u64) -> Reply {
    let l = &a.labels;
    let (sources, closest, why_label) = (&l.sources, &l.closest, &l.why);
    let could_ask = l.you_could_ask.trim_end_matches([':', ' ']);
    let mut description = a.body.clone();
    if let Some(p) = &a.closest {
        description.push_str(&format!(
            "\n\n**{closest}** ({}): \"{}\"",
            p.section, p.sentence
        ));
    }
    let links: Vec<String> = a.all_citations().into_iter().map(source_link).collect();
    let mut fields = line_fields(sources, &links);
    let suggestions: Vec<String> = a.suggestions.iter().map(|s| format!("• {s}")).collect();
    fields.extend(line_fields(could_ask, &suggestions));
    let embed = Embed {
        title: truncate(&a.question, TITLE_MAX),
        url: Some(ARTICLE_URL.to_string()),
        description: truncate(&description, DESCRIPTION_MAX),
        fields,
        footer: footer(a.section.as_deref()),
    };
    let mut buttons = Vec::new();
    if !a.answered {
        buttons.extend(a.suggestions.iter().filter_map(|s| suggestion_button(s)));
        buttons.truncate(BUTTONS_MAX - 1);
    }
    buttons.push(Button {
        custom_id: format!("{WHY_PREFIX}{why}"),
        label: why_label.into(),
    });
    Reply {
        content: None,
        embed: Some(fit_embed(embed)),
        ephemeral: !a.answered,
        buttons,
    }
}

/// A button asking `question`, when it fits in a custom id.
fn suggestion_button(question: &str) -> Option<Button> {
    let custom_id = format!("{ASK_PREFIX}{question}");
    (custom_id.chars().count() <= CUSTOM_ID_MAX).then(|| Button {
        custom_id,
        label: truncate(question, BUTTON_LABEL_MAX),
    })
}

/// An informational reply (/help, /sources, /about): the text as an embed description, cut at
/// whole lines.
pub fn text_reply(title: &str, text: &str, fields: Vec<(String, String)>) -> Reply {
    let embed = Embed {
        title: truncate(title, TITLE_MAX),
        url: Some(ARTICLE_URL.to_string()),
        description: fit_lines(text, DESCRIPTION_MAX),
        fields: fields
            .into_iter()
            .map(|(n, v)| (truncate(&n, FIELD_NAME_MAX), truncate(&v, FIELD_VALUE_MAX)))
            .collect(),
        footer: footer(None),
    };
    Reply {
        embed: Some(fit_embed(embed)),
        ..Reply::default()
    }
}

/// A short plain-text reply (rate-limit notice, errors); ephemeral when it answers an interaction.
pub fn notice(text: &str) -> Reply {
    Reply {
        content: Some(truncate(text, CONTENT_MAX)),
        ephemeral: true,
        ..Reply::default()
    }
}

/// What `/why` and the "Why?" button show: the explanation of an answer (ephemeral), or
/// `missing` when there is none to explain.
pub fn why_reply(answer: Option<&Answer>, missing: &str) -> Reply {
    let Some(a) = answer else {
        return notice(missing);
    };
    let body = truncate(&a.explain(), DESCRIPTION_MAX - 8);
    let embed = Embed {
        title: truncate(&format!("Why: {}", a.question), TITLE_MAX),
        url: None,
        description: format!("```\n{body}\n```"),
        fields: Vec::new(),
        footer: footer(a.section.as_deref()),
    };
    Reply {
        embed: Some(embed),
        ephemeral: true,
        ..Reply::default()
    }
}

/// Total characters Discord counts towards an embed's 6,000.
pub fn embed_chars(e: &Embed) -> usize {
    let fields: usize = e
        .fields
        .iter()
        .map(|(n, v)| n.chars().count() + v.chars().count())
        .sum();
    e.title.chars().count() + e.description.chars().count() + e.footer.chars().count() + fields
}

/// Enforces the field count and the 6,000 total: drops trailing fields, then cuts the description.
pub fn fit_embed(mut e: Embed) -> Embed {
    e.fields.truncate(FIELDS_MAX);
    while embed_chars(&e) > EMBED_TOTAL_MAX && !e.fields.is_empty() {
        e.fields.pop();
    }
    let over = embed_chars(&e).saturating_sub(EMBED_TOTAL_MAX);
    if over > 0 {
        let keep = e.description.chars().count().saturating_sub(over);
        e.description = truncate(&e.description, keep);
    }
    e
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
