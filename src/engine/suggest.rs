//! Suggested questions: example questions of the knowledge's intents, one per intent (never
//! two phrasings of the same question), the ones closest to what was asked first; and the
//! autocomplete of `/ask`.

use super::decide::DEFAULT_SUBJECT;
use super::intents::Candidate;
use super::parse::Parsed;
use crate::answer::Lang;
use crate::knowledge::{Example, KnowledgeBase};
use crate::nlu::{normalize, tokens};

const MAX: usize = 3;

/// The first example of an intent in `lang` (English when it has none in `lang`).
fn example<'k>(
    kb: &'k KnowledgeBase,
    intent: usize,
    lang: Lang,
    naming: &[usize],
    only_named: bool,
) -> Option<&'k Example> {
    // The examples are listed intent by intent, in order (see the knowledge's build).
    let start = kb.examples.partition_point(|x| x.intent < intent);
    let len = kb.examples[start..].partition_point(|x| x.intent == intent);
    let of_intent = || kb.examples[start..start + len].iter();
    // Beside a question, an example names nothing the question does not (but the default
    // subject): "who won the 2019 Turing award?" is not answered by suggesting Bengio.
    let fits = move |x: &&Example| {
        !only_named
            || x.named
                .iter()
                .all(|e| *e == DEFAULT_SUBJECT || naming.contains(e))
    };
    let in_lang = move |l: Lang| of_intent().filter(move |x| x.lang == l).filter(fits);
    let pick = |l: Lang| {
        in_lang(l)
            .find(|x| x.named.iter().any(|e| naming.contains(e)))
            .or_else(|| in_lang(l).next())
    };
    pick(lang).or_else(|| pick(Lang::En))
}

fn answerable(kb: &KnowledgeBase, intent: usize) -> bool {
    !kb.intents[intent].smalltalk && !kb.facts_with(intent).is_empty()
}

/// Up to three questions related to the question: its intents first, then intents with
/// facts about the entities it names, then the first intents. `asked`: the question
/// normalised, when already known.
pub fn related(
    kb: &KnowledgeBase,
    p: &Parsed,
    cands: &[Candidate],
    lang: Lang,
    question: &str,
    asked: Option<String>,
) -> Vec<String> {
    let named = p.entities();
    let about_named = kb.facts.iter().filter(|f| {
        f.subjects
            .iter()
            .chain(&f.mentions)
            .any(|e| named.contains(e))
    });
    let order = cands
        .iter()
        .map(|c| c.intent)
        .chain(about_named.flat_map(|f| f.intents.iter().copied()))
        .chain(0..kb.intents.len());
    let asked = asked.unwrap_or_else(|| normalize(question));
    collect(kb, order, lang, named, Some(&asked))
}

/// One question per fact that tied.
pub fn for_facts(kb: &KnowledgeBase, facts: &[usize], lang: Lang) -> Vec<String> {
    let order = facts
        .iter()
        .filter_map(|&f| kb.facts[f].intents.first().copied());
    collect(kb, order, lang, &[], None)
}

pub fn general(kb: &KnowledgeBase, lang: Lang) -> Vec<String> {
    collect(kb, 0..kb.intents.len(), lang, &[], None)
}

fn collect(
    kb: &KnowledgeBase,
    order: impl Iterator<Item = usize>,
    lang: Lang,
    named: &[usize],
    asked: Option<&str>,
) -> Vec<String> {
    // Beside a question (normalised): not the question itself, and nothing it does not name.
    let only_named = asked.is_some();
    let mut seen: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for i in order {
        if out.len() == MAX {
            break;
        }
        if seen.contains(&i) || !answerable(kb, i) {
            continue;
        }
        seen.push(i);
        if let Some(x) = example(kb, i, lang, named, only_named) {
            if asked != Some(x.normalized.as_str()) {
                out.push(x.question.clone());
            }
        }
    }
    out
}

/// Up to `limit` answerable questions matching what has been typed so far (autocomplete).
pub fn complete(kb: &KnowledgeBase, typed: &str, limit: usize) -> Vec<String> {
    let typed_words = tokens(&normalize(typed));
    let mut scored: Vec<(usize, usize, String)> =
        kb.example_questions()
            .into_iter()
            .enumerate()
            .filter_map(|(i, q)| {
                let words = tokens(&normalize(&q));
                let hits = typed_words
                    .iter()
                    .filter(|t| words.iter().any(|w| w.starts_with(t.as_str())))
                    .count();
                (hits == typed_words.len() || (hits > 0 && hits * 2 >= typed_words.len()))
                    .then_some((typed_words.len() - hits, i, q))
            })
            .collect();
    scored.sort();
    scored
        .into_iter()
        .map(|(_, _, q)| q.chars().take(100).collect())
        .take(limit)
        .collect()
}
