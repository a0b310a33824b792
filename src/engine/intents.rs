//! Step 3a: which intents (question shapes) the question fits, scored from their cues and
//! patterns (see the header of `knowledge/intents.toml`), with the words each one explains.

use super::decide::DEFAULT_SUBJECT;
use super::parse::{Cmp, Named, Parsed};
use crate::knowledge::{KnowledgeBase, MAX_GROUPS};
use crate::nlu::Slot;

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub intent: usize,
    pub score: f64,
    /// The cue of each group, when every group matched (see [`Candidate::via`]).
    groups: Option<[Option<u32>; MAX_GROUPS]>,
    /// The pattern that matched.
    pattern: Option<usize>,
    /// Per word of the question: explained by one of this intent's cues or patterns.
    pub explains: Vec<bool>,
    /// The question word is one of the intent's own (`wh`): it asks for the intent's slot.
    pub wh: bool,
}

impl Candidate {
    /// What matched: the cues of its groups, then the pattern, joined with " + ".
    pub fn via(&self, kb: &KnowledgeBase) -> String {
        let mut via = String::new();
        let mut add = |part: [&str; 3]| {
            if !via.is_empty() {
                via.push_str(" + ");
            }
            part.into_iter().for_each(|p| via.push_str(p));
        };
        for id in self.groups.iter().flatten().flatten() {
            add(["", cue_text(kb, *id), ""]);
        }
        if let Some(re) = self.pattern.map(|k| &kb.intents[self.intent].patterns[k]) {
            add(["/", re.as_str(), "/"]);
        }
        via
    }
}

/// The text of a cue, as written in the knowledge.
fn cue_text(kb: &KnowledgeBase, id: u32) -> &str {
    kb.cue_index
        .entries
        .get(id as usize)
        .map_or("(a named value)", |e| &*e.cue.text)
}

#[derive(Debug, Clone, Default)]
struct Hits {
    groups: [Option<u32>; MAX_GROUPS],
    /// The first two boost cues.
    boosts: [Option<u32>; 2],
    vetoed: bool,
    wh: bool,
    pattern: Option<usize>,
}

/// Per intent, per word of the question: explained by one of the intent's cues or patterns.
/// One block for all intents, so that intents no cue matches cost no allocation.
struct Explained {
    words: usize,
    flags: Vec<bool>,
}

impl Explained {
    fn new(intents: usize, words: usize) -> Explained {
        Explained {
            words,
            flags: vec![false; intents * words],
        }
    }

    fn of(&mut self, intent: usize) -> &mut [bool] {
        &mut self.flags[intent * self.words..(intent + 1) * self.words]
    }
}

/// Intents that match the question, best first. `previous` holds the words of the question
/// an ellipsis continues ("which year?"): their cues count, but explain nothing here.
/// `about_default`: the question names the default subject or continues a conversation, so
/// a named value can fill a shape ("is Mila in Calgary?"); "what is a neural network?" does not.
pub fn candidates(
    kb: &KnowledgeBase,
    p: &Parsed,
    previous: &[String],
    about_default: bool,
    referred: Option<&str>,
) -> Vec<Candidate> {
    let words = p.masked();
    let mut hits: Vec<Hits> = vec![Hits::default(); kb.intents.len()];
    let mut explained = Explained::new(kb.intents.len(), words.len());
    let index = &kb.cue_index;
    index.each_match_with(
        &words,
        |i| p.cue_starts[i],
        |id, at| {
            let e = &index.entries[id as usize];
            if e.slot != Slot::Not {
                explained.of(e.owner)[at..at + e.cue.len()].fill(true);
            }
            record(&mut hits[e.owner], e.slot, id, Some(at) == p.qword);
        },
    );
    let prev: Vec<&str> = previous.iter().map(String::as_str).collect();
    index.each_match(&prev, |id, _| {
        let e = &index.entries[id as usize];
        if matches!(e.slot, Slot::Group(_)) {
            record(&mut hits[e.owner], e.slot, id, false);
        }
    });
    value_kinds(kb, p, &mut hits, about_default, referred);
    patterns(kb, p, &mut hits, &mut explained);
    let mut out: Vec<Candidate> = hits
        .into_iter()
        .enumerate()
        .filter(|(_, h)| h.any())
        .filter_map(|(i, h)| score_one(kb, i, h, explained.of(i)))
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.intent.cmp(&b.intent)));
    out
}

impl Hits {
    /// Whether a group cue or a pattern matched: without either, the intent is no candidate.
    fn any(&self) -> bool {
        self.pattern.is_some() || self.groups.iter().any(Option::is_some)
    }
}

fn record(h: &mut Hits, slot: Slot, id: u32, is_qword: bool) {
    match slot {
        Slot::Group(g) => {
            if let Some(s) = h.groups.get_mut(g) {
                s.get_or_insert(id);
            }
        }
        Slot::Boost => {
            if let Some(free) = h.boosts.iter_mut().find(|b| b.is_none()) {
                *free = Some(id);
            }
        }
        Slot::Not => h.vetoed = true,
        Slot::Wh => h.wh |= is_qword,
        Slot::Fits => {}
    }
}

/// The kind of a number that reads as a year (or a decade), for `value_kinds`.
pub const YEAR: &str = "year";
/// The kind of a compared number that is not a year ("more than 100"), for `value_kinds`.
pub const QUANTITY: &str = "quantity";

/// A named value of a kind the intent is about ("Toronto" for a place) fills its first group,
/// and so does, in a yes/no question, the entity a pronoun refers to (`referred`, its kind:
/// "was he on the faculty?").
fn value_kinds(
    kb: &KnowledgeBase,
    p: &Parsed,
    hits: &mut [Hits],
    about_default: bool,
    referred: Option<&str>,
) {
    // The default subject is no value; a year is one only in a yes/no question ("was it
    // founded in 2017?"), a constraint otherwise ("what happened in 2020?").
    let kinds: Vec<&str> = p
        .mentions
        .iter()
        .filter(|_| about_default || p.yes_no)
        .filter_map(|m| match &m.what {
            Named::Entity(e) if *e == DEFAULT_SUBJECT => None,
            Named::Entity(e) => Some(kb.entities[*e].kind.as_str()),
            Named::External(k) => Some(k.as_str()),
        })
        .chain(
            p.numbers
                .iter()
                .filter(|n| p.yes_no && n.is_year())
                .map(|_| YEAR),
        )
        .chain(
            p.numbers
                .iter()
                .filter(|n| n.cmp != Cmp::Equal && !n.is_year())
                .map(|_| QUANTITY),
        )
        .chain(referred.filter(|_| p.yes_no))
        .collect();
    if kinds.is_empty() {
        return;
    }
    for (i, intent) in kb.intents.iter().enumerate() {
        if intent.value_kinds.is_empty() || hits[i].groups[0].is_some() {
            continue;
        }
        let fits = kinds
            .iter()
            .any(|kind| intent.value_kinds.iter().any(|k| k == kind));
        if fits {
            hits[i].groups[0] = Some(u32::MAX);
        }
    }
}

/// Patterns, matched in one pass; a match explains the words it spans.
fn patterns(kb: &KnowledgeBase, p: &Parsed, hits: &mut [Hits], explained: &mut Explained) {
    // Byte offset of each word in `normalized` (words are joined by single spaces).
    let mut starts = Vec::with_capacity(p.words.len());
    let mut at = 0;
    for w in &p.words {
        starts.push(at);
        at += w.len() + 1;
    }
    for (i, k) in kb.cue_index.pattern_matches(&p.normalized) {
        let h = &mut hits[i];
        h.pattern = Some(h.pattern.map_or(k, |old| old.min(k)));
        // A match explains the words the pattern spells out, not those its wildcards took.
        let re = &kb.intents[i].patterns[k];
        if let Some(m) = re.find(&p.normalized) {
            for (w, &s) in starts.iter().enumerate() {
                let inside = s < m.end && s + p.words[w].len() > m.start;
                if inside && re.as_str().contains(p.words[w].as_str()) {
                    explained.of(i)[w] = true;
                }
            }
        }
    }
}

fn score_one(kb: &KnowledgeBase, i: usize, h: Hits, explains: &[bool]) -> Option<Candidate> {
    let intent = &kb.intents[i];
    let pattern = h.pattern.and_then(|k| intent.patterns.get(k));
    let n = intent.groups.len().min(MAX_GROUPS);
    let groups_ok = !h.vetoed && n > 0 && h.groups[..n].iter().all(Option::is_some);
    if !groups_ok && pattern.is_none() {
        return None;
    }
    let mut score = 0.0;
    if groups_ok {
        score += n as f64 * intent.weight;
    }
    if pattern.is_some() {
        score += 1.0;
    }
    let mut distinct: Vec<&str> = h
        .boosts
        .iter()
        .flatten()
        .map(|&id| cue_text(kb, id))
        .collect();
    distinct.dedup();
    score += (distinct.len() as f64 * 0.5).min(1.0);
    if h.wh {
        score += 0.5;
    }
    Some(Candidate {
        intent: i,
        score,
        groups: groups_ok.then_some(h.groups),
        pattern: pattern.and(h.pattern),
        explains: explains.to_vec(),
        wh: h.wh,
    })
}
