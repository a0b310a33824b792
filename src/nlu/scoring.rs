//! Intent matching: every intent of the knowledge is scored against the question (see the
//! header of `knowledge/intents.toml` for the rule); the result is ranked, best first.
//! Cues are found through an index from a cue's first word, built once at load, so a
//! question costs a handful of lookups whatever the number of cues.

use super::parse::Parsed;
use super::Cue;
use crate::knowledge::Intent;
use rustc_hash::FxHashMap;

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

/// Groups an intent may have (`all` in intents.toml).
pub const MAX_GROUPS: usize = 4;

/// Every cue of every intent, by its first word (prefix cues are kept apart and scanned).
#[derive(Debug, Clone, Default)]
pub struct CueIndex {
    /// Every intent's patterns in one set, matched in one pass: (intent, pattern) per index.
    patterns: Option<regex::RegexSet>,
    pattern_owner: Vec<(usize, usize)>,
    entries: Vec<Entry>,
    by_first: FxHashMap<String, Vec<u32>>,
    prefixed: Vec<u32>,
}

impl CueIndex {
    pub fn new(intents: &[Intent]) -> CueIndex {
        let mut idx = CueIndex::default();
        let mut sources = Vec::new();
        for (i, intent) in intents.iter().enumerate() {
            for (k, re) in intent.patterns.iter().enumerate() {
                sources.push(re.as_str().to_string());
                idx.pattern_owner.push((i, k));
            }
        }
        // Each pattern compiled alone at load, so the set compiles too.
        idx.patterns = regex::RegexSet::new(&sources).ok();
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
                let id = idx.entries.len() as u32;
                match cue.first_word() {
                    Some(w) => idx.by_first.entry(w.to_string()).or_default().push(id),
                    None => idx.prefixed.push(id),
                }
                idx.entries.push(Entry {
                    intent: i,
                    slot,
                    cue: cue.clone(),
                });
            }
        }
        idx
    }
}

/// What matched for one intent, without allocating: entry ids.
#[derive(Debug, Clone, Copy, Default)]
struct Hits {
    groups: [Option<u32>; MAX_GROUPS],
    boosts: [Option<u32>; 2],
    vetoed: bool,
    wh: bool,
}

/// Intents that match the question, best first.
/// Also returns which words some cue used (a typo correction nothing used is no evidence).
pub fn score(intents: &[Intent], index: &CueIndex, p: &Parsed) -> (Vec<Candidate>, Vec<bool>) {
    let words = p.masked();
    let mut used = vec![false; words.len()];
    let mut hits = vec![Hits::default(); intents.len()];
    let mut record = |id: u32, at: usize| {
        let e = &index.entries[id as usize];
        if !e.cue.matches_at(&words, at) {
            return;
        }
        if matches!(e.slot, Slot::Group(_) | Slot::Boost) {
            used[at..at + e.cue.len()]
                .iter_mut()
                .for_each(|u| *u = true);
        }
        let h = &mut hits[e.intent];
        match e.slot {
            Slot::Group(g) => {
                if let Some(slot) = h.groups.get_mut(g) {
                    slot.get_or_insert(id);
                }
            }
            Slot::Boost => {
                let seen = h
                    .boosts
                    .iter()
                    .flatten()
                    .any(|&b| index.entries[b as usize].cue == e.cue);
                if let Some(free) = h.boosts.iter_mut().find(|b| b.is_none()).filter(|_| !seen) {
                    *free = Some(id);
                }
            }
            Slot::Not => h.vetoed = true,
            Slot::Wh => h.wh |= Some(at) == p.qword,
        }
    };
    for (i, w) in words.iter().enumerate() {
        if w.is_empty() {
            continue;
        }
        for &id in index.by_first.get(*w).into_iter().flatten() {
            record(id, i);
        }
        for &id in &index.prefixed {
            record(id, i);
        }
    }
    let mut first_pattern: Vec<Option<usize>> = vec![None; intents.len()];
    if let Some(set) = &index.patterns {
        for m in set.matches(&p.normalized).iter() {
            let (i, k) = index.pattern_owner[m];
            let slot = &mut first_pattern[i];
            *slot = Some(slot.map_or(k, |old| old.min(k)));
        }
    }
    let mut out: Vec<Candidate> = intents
        .iter()
        .zip(&hits)
        .zip(&first_pattern)
        .enumerate()
        .filter_map(|(i, ((intent, h), pat))| {
            let (score, via) = score_one(intent, index, h, *pat)?;
            Some(Candidate {
                intent: i,
                score,
                via,
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.intent.cmp(&b.intent)));
    (out, used)
}

fn score_one(
    intent: &Intent,
    index: &CueIndex,
    h: &Hits,
    pattern: Option<usize>,
) -> Option<(f64, String)> {
    // Patterns are precise: a veto word only stops the looser cue matching.
    let pattern = pattern.and_then(|k| intent.patterns.get(k));
    let n = intent.groups.len();
    let groups_ok = !h.vetoed && n > 0 && h.groups[..n.min(MAX_GROUPS)].iter().all(Option::is_some);
    if !groups_ok && pattern.is_none() {
        return None;
    }
    let text = |id: &u32| index.entries[*id as usize].cue.text.as_str();
    let mut via: Vec<&str> = Vec::new();
    let mut score = 0.0;
    if groups_ok {
        score += n as f64 * intent.weight;
        via.extend(h.groups.iter().flatten().map(text));
    }
    let shown;
    if let Some(re) = pattern {
        score += 1.0;
        shown = format!("/{}/", re.as_str());
        via.push(&shown);
    }
    score += (h.boosts.iter().flatten().count() as f64 * 0.5).min(1.0);
    if h.wh {
        score += 0.5;
    }
    Some((score, via.join(" + ")))
}
