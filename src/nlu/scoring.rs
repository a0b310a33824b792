//! Intent matching: every intent of the knowledge is scored against the question (see the
//! header of `knowledge/intents.toml` for the rule); the result is ranked, best first.

use super::parse::Parsed;
use crate::knowledge::{Intent, KnowledgeBase};

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub intent: usize,
    pub score: f64,
    /// What matched: the pattern, or the cues.
    pub via: String,
}

/// Intents that match the question, best first.
pub fn score(kb: &KnowledgeBase, p: &Parsed) -> Vec<Candidate> {
    let masked = p.masked();
    let mut out: Vec<Candidate> = kb
        .intents
        .iter()
        .enumerate()
        .filter_map(|(i, intent)| score_one(intent, p, &masked).map(|(score, via)| Candidate { intent: i, score, via }))
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.intent.cmp(&b.intent)));
    out
}

fn score_one(intent: &Intent, p: &Parsed, words: &[&str]) -> Option<(f64, String)> {
    if intent.not.iter().any(|c| c.find(words).is_some()) {
        return None;
    }
    let mut via = Vec::new();
    let mut groups_ok = !intent.groups.is_empty();
    for g in &intent.groups {
        match g.iter().find(|c| c.find(words).is_some()) {
            Some(c) => via.push(c.text.clone()),
            None => {
                groups_ok = false;
                break;
            }
        }
    }
    let pattern = intent.patterns.iter().find(|re| re.is_match(&p.normalized));
    if !groups_ok && pattern.is_none() {
        return None;
    }
    let mut score = 0.0;
    if groups_ok {
        score += intent.groups.len() as f64 * intent.weight;
    } else {
        via.clear();
    }
    if let Some(re) = pattern {
        score += 1.0;
        via.push(format!("/{}/", re.as_str()));
    }
    let boosts = intent.boost.iter().filter(|c| c.find(words).is_some()).count();
    score += (boosts as f64 * 0.5).min(1.0);
    if let Some(q) = p.qword {
        if intent.wh.iter().any(|c| c.matches_at(words, q)) {
            score += 0.5;
        }
    }
    Some((score, via.join(" + ")))
}
