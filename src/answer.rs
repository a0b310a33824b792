//! The one value every front end renders: an [`Answer`] with its citations, plus the
//! plain-text and JSON renderings shared by the command line and the chat mode.

use serde::Serialize;

mod json;

pub use json::JsonWriter;

/// Language of a question and of its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

/// One of the article's references, as cited by an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The reference number, as Wikipedia numbers it (1-based, order of first appearance).
    pub n: usize,
    pub title: String,
    pub url: String,
    pub website: Option<String>,
    pub date: Option<String>,
    pub access_date: Option<String>,
}

impl Citation {
    /// `[n] Title. Website, date. Accessed YYYY-MM-DD. URL` (`accessed`: the label, in the
    /// reader's language).
    pub fn source_line(&self, accessed: &str) -> String {
        let mut line = String::with_capacity(64 + self.title.len() + self.url.len());
        self.write_source_line(&mut line, accessed);
        line
    }

    /// [`Citation::source_line`], appended to `out`.
    pub fn write_source_line(&self, out: &mut String, accessed: &str) {
        let mut n = itoa::Buffer::new();
        let title = self.title.trim_end_matches('.');
        push_all(out, ["[", n.format(self.n), "] ", title, "."]);
        match (&self.website, &self.date) {
            (Some(w), Some(d)) => push_all(out, [" ", w, ", ", d, "."]),
            (Some(x), None) | (None, Some(x)) => push_all(out, [" ", x, "."]),
            (None, None) => {}
        }
        if let Some(a) = &self.access_date {
            push_all(out, [" ", accessed, " ", a, "."]);
        }
        push_all(out, [" ", &self.url]);
    }
}

/// An article sentence quoted when the article does not answer the question itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    pub sentence: String,
    pub section: String,
    pub citations: Vec<Citation>,
    pub score: f64,
}

/// Why the engine answered as it did: what `--explain` and `/why` show.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Explanation {
    /// The question after normalisation and typo correction.
    pub normalized: String,
    /// Words corrected by fuzzy matching: (as typed, as understood, similarity).
    pub corrections: Vec<(String, String, f64)>,
    /// Entities recognised: (entity id, the text that matched, similarity).
    pub entities: Vec<(String, String, f64)>,
    /// The intent, and the pattern or keywords that matched it.
    pub intent: Option<String>,
    pub pattern: Option<String>,
    /// Other intents considered, with their scores.
    pub candidates: Vec<(String, f64)>,
    /// The subject the answer is about and how it was chosen.
    pub subject: Option<String>,
    pub fact: Option<String>,
    pub evidence: Option<String>,
    pub references: Vec<usize>,
    /// Words the bot did not understand.
    pub unknown_words: Vec<String>,
    /// Why the question was not answered, when it was not: written as its `Debug` text, and
    /// only when shown (most refusals are never explained).
    #[serde(serialize_with = "debug_text")]
    pub refusal: Option<crate::engine::decide::Refusal>,
}

/// A refusal as its `Debug` text (`null` without one).
fn debug_text<S: serde::Serializer>(
    r: &Option<crate::engine::decide::Refusal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match r {
        Some(r) => s.collect_str(&format_args!("{r:?}")),
        None => s.serialize_none(),
    }
}

/// The words that frame an answer, in its language (from `knowledge/messages.toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Labels {
    pub closest: String,
    pub you_could_ask: String,
    pub accessed: String,
    pub sources: String,
    pub why: String,
    /// The word for an article section ("section").
    pub section: String,
}

/// The engine's reply to one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub question: String,
    /// True only when `body` answers the question asked.
    pub answered: bool,
    pub intent: Option<String>,
    /// Confidence in 0..=1.
    pub confidence: f64,
    pub lang: Lang,
    /// One or two sentences with `[n]` markers (or the refusal / hint).
    pub body: String,
    /// The article section the answer comes from.
    pub section: Option<String>,
    pub citations: Vec<Citation>,
    pub suggestions: Vec<String>,
    /// The closest article passage, when the article does not answer the question.
    pub closest: Option<Passage>,
    pub explanation: Explanation,
    /// Shared by every answer in the language (see [`crate::KnowledgeBase::labels`]).
    #[serde(skip)]
    pub labels: std::sync::Arc<Labels>,
}

/// The intents that are small talk rather than questions about Mila.
pub const SMALL_TALK_INTENTS: &[&str] = &["greeting", "thanks", "goodbye", "help", "about"];

impl Answer {
    /// A greeting, thanks, goodbye, a request for help or about the bot, answered as such.
    pub fn is_small_talk(&self) -> bool {
        self.answered
            && self
                .intent
                .as_deref()
                .is_some_and(|i| SMALL_TALK_INTENTS.contains(&i))
    }

    /// Body, then the closest passage (if any), then the numbered sources.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.body.len() + 200 * (self.citations.len() + 1));
        self.text_pieces(|piece| match piece {
            Piece::Text(s) => out.push_str(s),
            Piece::Source(c) => c.write_source_line(&mut out, &self.labels.accessed),
        });
        out
    }

    /// [`Answer::text`], piece by piece.
    fn text_pieces<'a>(&'a self, mut piece: impl FnMut(Piece<'a>)) {
        let mut text = |pieces: &[&'a str]| pieces.iter().for_each(|s| piece(Piece::Text(s)));
        text(&[&self.body]);
        if let Some(p) = &self.closest {
            let intro = &self.labels.closest;
            text(&["\n", intro, " (", &p.section, "): \"", &p.sentence, "\""]);
        }
        let cites = self.all_citations();
        if !cites.is_empty() {
            piece(Piece::Text("\n"));
            for c in cites {
                piece(Piece::Text("\n"));
                piece(Piece::Source(c));
            }
        }
        if !self.suggestions.is_empty() {
            piece(Piece::Text("\n\n"));
            piece(Piece::Text(&self.labels.you_could_ask));
            for s in &self.suggestions {
                piece(Piece::Text("\n- "));
                piece(Piece::Text(s));
            }
        }
    }

    /// The answer's citations followed by those of the closest passage, without repeats.
    pub fn all_citations(&self) -> Vec<&Citation> {
        let mut out: Vec<&Citation> = self.citations.iter().collect();
        if let Some(p) = &self.closest {
            for c in &p.citations {
                if !out.iter().any(|o| o.n == c.n) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The JSON contract: one object per question (see README).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self.json()).unwrap_or_default()
    }

    /// The confidence as the JSON contract gives it: rounded to 3 decimals.
    pub fn rounded_confidence(&self) -> f64 {
        (self.confidence * 1000.0).round() / 1000.0
    }

    /// The JSON contract as a borrowed value, serialised without an intermediate tree.
    pub fn json(&self) -> JsonAnswer<'_> {
        JsonAnswer {
            question: &self.question,
            answered: self.answered,
            intent: self.intent.as_deref(),
            confidence: self.rounded_confidence(),
            lang: self.lang,
            text: self.text().into(),
            section: self.section.as_deref(),
            citations: &self.citations,
            suggestions: &self.suggestions,
            explain: None,
            error: None,
        }
    }

    /// What `--explain` and `/why` show, as readable lines.
    pub fn explain(&self) -> String {
        let e = &self.explanation;
        let mut lines = vec![format!("normalised: {}", e.normalized)];
        if !e.corrections.is_empty() {
            let c: Vec<String> = e
                .corrections
                .iter()
                .map(|(a, b, s)| format!("{a}→{b} ({s:.2})"))
                .collect();
            lines.push(format!("typos corrected: {}", c.join(", ")));
        }
        if !e.entities.is_empty() {
            let c: Vec<String> = e
                .entities
                .iter()
                .map(|(id, t, s)| format!("{id} ← \"{t}\" ({s:.2})"))
                .collect();
            lines.push(format!("entities: {}", c.join(", ")));
        }
        lines.push(format!(
            "intent: {} via {}",
            e.intent.as_deref().unwrap_or("none"),
            e.pattern.as_deref().unwrap_or("-")
        ));
        if !e.candidates.is_empty() {
            let c: Vec<String> = e
                .candidates
                .iter()
                .map(|(i, s)| format!("{i} {s:.2}"))
                .collect();
            lines.push(format!("candidates: {}", c.join(", ")));
        }
        if let Some(s) = &e.subject {
            lines.push(format!("subject: {s}"));
        }
        if !e.unknown_words.is_empty() {
            lines.push(format!("not understood: {}", e.unknown_words.join(", ")));
        }
        if let Some(f) = &e.fact {
            lines.push(format!("fact: {f}"));
        }
        if let Some(ev) = &e.evidence {
            lines.push(format!("evidence: \"{ev}\""));
        }
        if !e.references.is_empty() {
            let r: Vec<String> = e.references.iter().map(|n| format!("[{n}]")).collect();
            lines.push(format!("references: {}", r.join(" ")));
        }
        if let Some(r) = &e.refusal {
            lines.push(format!("not answered: {r:?}"));
        }
        lines.push(format!("confidence: {:.2}", self.confidence));
        lines.join("\n")
    }
}

/// A piece of an answer's text: text as is, or a citation's source line.
enum Piece<'a> {
    Text(&'a str),
    Source(&'a Citation),
}

/// Appends the pieces in order.
fn push_all<const N: usize>(out: &mut String, pieces: [&str; N]) {
    for p in pieces {
        out.push_str(p);
    }
}

/// One object of the JSON contract (README, "The JSON contract"): the fields in this order.
/// Replies that are not answers (chat commands, a line that is not UTF-8) use it too.
#[derive(Debug, Serialize)]
pub struct JsonAnswer<'a> {
    pub question: &'a str,
    pub answered: bool,
    pub intent: Option<&'a str>,
    /// Rounded to 3 decimals.
    pub confidence: f64,
    pub lang: Lang,
    pub text: std::borrow::Cow<'a, str>,
    pub section: Option<&'a str>,
    pub citations: &'a [Citation],
    pub suggestions: &'a [String],
    /// With `--explain` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<&'a Explanation>,
    /// Why a line could not be read (`invalid_utf8`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

impl<'a> JsonAnswer<'a> {
    /// A reply that answers no question (a chat command, an unreadable line).
    pub fn reply(question: &'a str, lang: Lang, text: &'a str, confidence: f64) -> Self {
        JsonAnswer {
            question,
            answered: false,
            intent: None,
            confidence,
            lang,
            text: text.into(),
            section: None,
            citations: &[],
            suggestions: &[],
            explain: None,
            error: None,
        }
    }
}
