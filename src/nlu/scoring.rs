//! Intent matching: every intent of the knowledge is scored against the question (see the
//! header of `knowledge/intents.toml` for the rule); the result is ranked, best first.
//! Cues are found through an index from a cue's first word, built once at load, so a
//! question costs a handful of lookups whatever the number of cues.

use super::parse::Parsed;
use super::Cue;
use crate::knowledge::Intent;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub intent: usize,
    pub score: f64,
    /// What matched: the pattern, or the cues.
    pub via: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Group(usize),
    Boost,
    Not,
    Wh,
}

#[derive(Debug, Clone)]
struct Entry {
    intent: usize,
    slot: Slot,
    cue: Cue,
}

/// Every cue of every intent, by its first word (prefix cues are kept apart and scanned).
#[derive(Debug, Clone, Default)]
pub struct CueIndex {
    by_first: HashMap<String, Vec<Entry>>,
    prefixed: Vec<Entry>,
}

impl CueIndex {
    pub fn new(intents: &[Intent]) -> CueIndex {
        let mut idx = CueIndex::default();
        for (i, intent) in intents.iter().enumerate() {
            let groups = intent
                .groups
                .iter()
                .enumerate()
                .flat_map(|(g, cs)| cs.iter().map(move |c| (Slot::Group(g), c)));
            let rest = intent
                .boost
                .iter()
                .map(|c| (Slot::Boost, c))
                .chain(intent.not.iter().map(|c| (Slot::Not, c)))
                .chain(intent.wh.iter().map(|c| (Slot::Wh, c)));
            for (slot, cue) in groups.chain(rest) {
                let e = Entry {
                    intent: i,
                    slot,
                    cue: cue.clone(),
                };
                match cue.first_word() {
                    Some(w) => idx.by_first.entry(w.to_string()).or_default().push(e),
                    None => idx.prefixed.push(e),
                }
            }
        }
        idx
    }
}

#[derive(Debug, Clone, Default)]
struct Hits {
    groups: Vec<Option<String>>,
    boosts: Vec<String>,
    vetoed: bool,
    wh: bool,
}

/// Intents that match the question, best first.
/// Also returns which words some cue used (a typo correction nothing used is no evidence).
pub fn score(intents: &[Intent], index: &CueIndex, p: &Parsed) -> (Vec<Candidate>, Vec<bool>) {
    let words = p.masked();
    let mut used = vec![false; words.len()];
    let mut hits: Vec<Hits> = intents
        .iter()
        .map(|i| Hits {
            groups: vec![None; i.groups.len()],
            ..Hits::default()
        })
        .collect();
    let mut record = |e: &Entry, at: usize| {
        if matches!(e.slot, Slot::Group(_) | Slot::Boost) {
            used[at..at + e.cue.len()]
                .iter_mut()
                .for_each(|u| *u = true);
        }
        let h = &mut hits[e.intent];
        match e.slot {
            Slot::Group(g) => {
                h.groups[g].get_or_insert_with(|| e.cue.text.clone());
            }
            Slot::Boost => {
                if !h.boosts.contains(&e.cue.text) {
                    h.boosts.push(e.cue.text.clone());
                }
            }
            Slot::Not => h.vetoed = true,
            Slot::Wh => h.wh |= Some(at) == p.qword,
        }
    };
    for (i, w) in words.iter().enumerate() {
        for e in index.by_first.get(*w).into_iter().flatten() {
            if e.cue.matches_at(&words, i) {
                record(e, i);
            }
        }
        for e in &index.prefixed {
            if e.cue.matches_at(&words, i) {
                record(e, i);
            }
        }
    }
    let mut out: Vec<Candidate> = intents
        .iter()
        .zip(&hits)
        .enumerate()
        .filter_map(|(i, (intent, h))| {
            score_one(intent, h, p).map(|(score, via)| Candidate {
                intent: i,
                score,
                via,
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.intent.cmp(&b.intent)));
    (out, used)
}

fn score_one(intent: &Intent, h: &Hits, p: &Parsed) -> Option<(f64, String)> {
    if h.vetoed {
        return None;
    }
    let groups_ok = !h.groups.is_empty() && h.groups.iter().all(Option::is_some);
    let pattern = intent.patterns.iter().find(|re| re.is_match(&p.normalized));
    if !groups_ok && pattern.is_none() {
        return None;
    }
    let mut via: Vec<String> = Vec::new();
    let mut score = 0.0;
    if groups_ok {
        score += h.groups.len() as f64 * intent.weight;
        via.extend(h.groups.iter().flatten().cloned());
    }
    if let Some(re) = pattern {
        score += 1.0;
        via.push(format!("/{}/", re.as_str()));
    }
    score += (h.boosts.len() as f64 * 0.5).min(1.0);
    if h.wh {
        score += 0.5;
    }
    Some((score, via.join(" + ")))
}
