//! Step 2b: a thing named by whom it belongs to ("IBM's tool", "that IBM tool", "l'outil
//! d'IBM"). When exactly one entity of that kind comes from the one named (a fact of one of
//! the lexicon's `owned_by` intents gives the owner as its value), the question is read again
//! with that entity's name in place of the phrase: "what does IBM's tool do?" asks about the
//! Watson Machine Learning Accelerator. "Mila's software" names several, and stays as it is.

use super::parse::{Named, Parsed};
use crate::knowledge::KnowledgeBase;
use crate::nlu::{normalize, tokens};
use std::ops::Range;

/// The question's words with an owned thing named by its name, when there is one.
pub fn owned(kb: &KnowledgeBase, p: &Parsed) -> Option<String> {
    let lex = &kb.lexicon;
    let kind_at = |i: usize| p.words.get(i).and_then(|w| lex.kind_words.get(w));
    for m in &p.mentions {
        let Named::Entity(owner) = m.what else {
            continue;
        };
        // "IBM's tool", "that IBM tool": the kind word after the owner.
        let after = m.end + usize::from(p.words.get(m.end).is_some_and(|w| w == "s"));
        // "the tool of IBM", "l'outil d'IBM": the kind word before a word of belonging.
        let of = m
            .start
            .checked_sub(1)
            .filter(|&i| lex.of_words.contains(&p.words[i]));
        let spans = [
            kind_at(after).map(|k| (k, m.start..after + 1)),
            of.and_then(|i| Some((kind_at(i.checked_sub(1)?)?, i - 1..m.end))),
        ];
        for (kind, span) in spans.into_iter().flatten() {
            if let Some(thing) = the_one(kb, owner, kind) {
                return Some(renamed(kb, p, span, thing));
            }
        }
    }
    None
}

/// The one entity of `kind` an `owned_by` fact gives as the owner's, if only one.
fn the_one(kb: &KnowledgeBase, owner: usize, kind: &str) -> Option<usize> {
    let owning = |i: &usize| kb.lexicon.owned_by.contains(&kb.intents[*i].id);
    let mut things = kb
        .facts
        .iter()
        .filter(|f| f.value_entity == Some(owner) && f.intents.iter().any(owning))
        .filter_map(|f| f.subjects.first().copied())
        .filter(|&e| kb.entities[e].kind == kind);
    let first = things.next()?;
    things.all(|e| e == first).then_some(first)
}

fn renamed(kb: &KnowledgeBase, p: &Parsed, span: Range<usize>, thing: usize) -> String {
    let name = tokens(&normalize(&kb.entities[thing].name));
    let mut words: Vec<&str> = p.words[..span.start].iter().map(String::as_str).collect();
    words.extend(name.iter().map(String::as_str));
    words.extend(p.words[span.end..].iter().map(String::as_str));
    words.join(" ")
}
