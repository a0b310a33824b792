//! Step 4b: options listed after a question ("in which city is Mila, Montreal or Quebec
//! City?", "fondé en 1993, 2003 ou 2017 ?", "founded by a) Hinton b) Bengio"). The question
//! without them is asked: its answer settles them, whichever (if any) it names.

use super::decide::Decision;
use super::parse::Parsed;
use super::{understand, Conversation, Understood};
use crate::knowledge::KnowledgeBase;

/// Fewest options a list has.
const FEWEST: usize = 2;

/// The answer to the question before its listed options, when it asks (a question word, or
/// a sentence left for the options to finish) and a fact answers it; else the one option a
/// fact confirms when the question is asked with it alone ("fondé en 1993 ?").
pub fn listed(kb: &KnowledgeBase, u: &Understood, conv: &Conversation) -> Option<Understood> {
    let p = &u.p;
    let (stem_end, options) = options(kb, &u.p)?;
    let stem = p.words[..stem_end].join(" ");
    let v = understand(kb, &stem, conv);
    // Not a claim to check ("is Mila in Montreal, Toronto or Quebec City?" is a choice).
    if matches!(
        v.decision,
        Decision::Fact {
            intent: Some(_),
            ..
        }
    ) && !v.p.yes_no
    {
        return Some(v);
    }
    let variants =
        (options.into_iter()).map(|(from, to)| format!("{stem} {}", p.words[from..to].join(" ")));
    super::alternatives::confirmed_one(kb, variants, conv)
}

/// Where the question before its options ends, and the options at its end in order (where
/// each starts and ends): names or numbers, the last ending the question, separated by
/// nothing (the commas are gone) or "or", at least once by "or"; or lettered in order
/// ("a) Hinton b) Bengio c) LeCun").
fn options(kb: &KnowledgeBase, p: &Parsed) -> Option<(usize, Vec<(usize, usize)>)> {
    let n = p.words.len();
    let mut spans: Vec<(usize, usize)> = (p.mentions.iter().map(|m| (m.start, m.end)))
        .chain(p.numbers.iter().map(|x| (x.from, x.at + 1)))
        .collect();
    spans.sort_unstable();
    let ending_at = |end: usize| spans.iter().copied().find(|s| s.1 == end);
    let mut list = vec![ending_at(n)?];
    // What separates each option from the one before it.
    let mut separators: Vec<Option<&str>> = Vec::new();
    loop {
        let start = list[list.len() - 1].0;
        if let Some(s) = ending_at(start) {
            list.push(s);
            separators.push(None);
            continue;
        }
        let sep = start.checked_sub(1).map(|i| p.words[i].as_str());
        match sep.and_then(|_| ending_at(start - 1)) {
            Some(s) if sep.is_some_and(|w| w.len() == 1 || kb.lexicon.alternatives.contains(w)) => {
                list.push(s);
                separators.push(sep);
            }
            _ => break,
        }
    }
    list.reverse();
    separators.reverse();
    let mut stem = list[0].0;
    let or = |s: &Option<&str>| s.is_some_and(|w| kb.lexicon.alternatives.contains(w));
    let lettered = |s: &Option<&str>| s.is_some_and(|w| w.len() == 1 && !or(&Some(w)));
    if separators.iter().any(lettered) {
        // Every option after its letter, in order from "a" (no word of the question).
        let letters: Vec<&str> = separators.iter().map(|s| s.unwrap_or("")).collect();
        let expected: Vec<String> = ('b'..).take(letters.len()).map(String::from).collect();
        if stem == 0 || p.words[stem - 1] != "a" || letters != expected {
            return None;
        }
        stem -= 1;
    } else if !separators.iter().any(or) {
        return None;
    }
    (list.len() >= FEWEST && stem > 0).then_some((stem, list))
}
