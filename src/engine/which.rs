//! "Which one is for Python, myia or baby-ai?", "Pineau or Goodfellow: who is
//! on the faculty?": two things named as the options of a question word. Each is put in the
//! question word's place, as a claim ("myia is for Python"); the one option a
//! fact confirms is the answer, without Yes or No. None, or both, and there is no answer.

use super::decide::Decision;
use super::parse::{Mention, Named, Parsed};
use super::{understand, Conversation, Understood};
use crate::knowledge::{class, KnowledgeBase};

pub fn chosen(kb: &KnowledgeBase, u: &Understood, conv: &Conversation) -> Option<Understood> {
    let p = &u.p;
    let (a, b) = options(kb, p)?;
    let q = p.qword.filter(|&q| q < a.start || q >= b.end)?;
    // The question word with what only points at the options ("which *one*", "lequel *des
    // deux*"), up to the verb.
    let pointing = class::LIST | class::PRONOUN | class::FILLER;
    let phrase_end = (q + 1..p.words.len())
        .find(|&i| {
            (a.start..b.end).contains(&i)
                || p.classes[i] & class::VERB != 0
                || p.classes[i] & pointing == 0
        })
        .unwrap_or(p.words.len());
    let claim = |option: &Mention| {
        let mut words: Vec<&str> = Vec::with_capacity(p.words.len());
        for (i, w) in p.words.iter().enumerate() {
            if i == q {
                words.extend(p.words[option.start..option.end].iter().map(String::as_str));
            } else if !(q..phrase_end).contains(&i) && !(a.start..b.end).contains(&i) {
                words.push(w);
            }
        }
        words.join(" ")
    };
    let mut found = None;
    for option in [a, b] {
        let mut v = understand(kb, &claim(option), conv);
        let Decision::Fact { reading, .. } = &mut v.decision else {
            continue;
        };
        if reading.verdict != Some(true) {
            continue;
        }
        if found.is_some() {
            return None;
        }
        reading.verdict = None;
        found = Some(v);
    }
    found
}

/// Two different knowledge entities joined by an alternative word ("myia or baby-ai").
fn options<'a>(kb: &KnowledgeBase, p: &'a Parsed) -> Option<(&'a Mention, &'a Mention)> {
    if !p.either || p.mentions.len() < 2 {
        return None;
    }
    p.mentions.windows(2).find_map(|pair| {
        let [a, b] = pair else { return None };
        let joined = b.start == a.end + 1 && kb.lexicon.alternatives.contains(&p.words[a.end]);
        let different =
            matches!((&a.what, &b.what), (Named::Entity(x), Named::Entity(y)) if x != y);
        (joined && different).then_some((a, b))
    })
}
