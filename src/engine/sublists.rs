//! Step 4, a list that is part of another: the projects active in 2020 are some of all the
//! projects. The part answers only a question that picks it out ("which projects were active
//! in 2020?"); any other question about the list ("what projects does Mila have?", "which
//! early framework came out of Mila?") is the whole list's.

use super::intents::Candidate;
use super::parse::Parsed;
use crate::knowledge::{Evidence, Fact, KnowledgeBase};

/// Whether `fact` may answer as itself: it is no part of a longer list of the candidate's
/// intent, or the question names something (a number, a name other than the items, a word
/// the intent's cues do not read, among the meaningful words `open`) that the longer list says only in the part's
/// own sentences.
pub fn stands(kb: &KnowledgeBase, p: &Parsed, c: &Candidate, open: &[usize], fact: usize) -> bool {
    let f = &kb.facts[fact];
    if f.items.is_empty() {
        return true;
    }
    let part_of = |g: &&Fact| {
        g.intents.contains(&c.intent)
            && g.items.len() > f.items.len()
            && f.items.iter().all(|i| g.items.contains(i))
    };
    let Some(whole) = kb.facts.iter().find(part_of) else {
        return true;
    };
    let own = |e: &Evidence| f.evidence.iter().any(|o| o.sentence == e.sentence);
    // Where the whole list's quotes say it: somewhere, and only in the part's sentences.
    let picks = |says: &dyn Fn(&Evidence) -> bool| {
        let mut quotes = whole.evidence.iter().filter(|e| says(e));
        let first = quotes.next();
        first.is_some_and(own) && quotes.all(own)
    };
    let number = |value: u64| {
        let value = value.to_string();
        picks(&|e| e.words.contains(&value))
    };
    // An item of the whole list picks nothing: the whole list names it too.
    let named =
        |entity: usize| !whole.items.contains(&entity) && picks(&|e| e.named.contains(&entity));
    let word = |i: usize| {
        let stems = p.stems(kb, i);
        picks(&|e| (e.words.iter()).any(|w| kb.stems(w).iter().any(|s| stems.contains(s))))
    };
    p.numbers.iter().any(|n| number(n.value))
        || p.entities().iter().any(|&e| named(e))
        || (open.iter().copied())
            .filter(|&i| !c.explains.get(i).copied().unwrap_or(false))
            .any(word)
}
