//! ask(question, conversation) -> Answer (STUB).

use crate::answer::{Answer, Explanation, Lang};
use crate::knowledge::KnowledgeBase;

/// Longest question accepted, in characters.
pub const MAX_QUESTION_CHARS: usize = 500;

#[derive(Debug, Clone, Default)]
pub struct Conversation {}

pub fn ask(_kb: &KnowledgeBase, question: &str, _conv: &mut Conversation) -> Answer {
    Answer {
        question: question.into(),
        answered: false,
        intent: None,
        confidence: 0.0,
        lang: Lang::En,
        body: "stub".into(),
        section: None,
        citations: vec![],
        suggestions: vec![],
        closest: None,
        explanation: Explanation::default(),
    }
}

/// Up to `limit` answerable questions matching what has been typed so far (autocomplete).
pub fn complete(kb: &KnowledgeBase, typed: &str, limit: usize) -> Vec<String> {
    let _ = typed;
    kb.example_questions().into_iter().take(limit).collect()
}
