//! Article sentences as answers and as context: a sentence that names the subject and
//! explains every meaningful word of the question answers it; a refused question about an
//! entity the article covers gets the closest passage, never one that would answer it.

use super::decide::Decision;
use super::parse::{Named, Parsed};
use super::subjects::Subjects;
use crate::answer::Passage;
use crate::knowledge::KnowledgeBase;

/// How many words into a sentence its subject may come.
const SUBJECT_WINDOW: usize = 6;

/// The first sentence that names a subject and explains every meaningful word (at least one)
/// and every value of the question.
pub fn sentence_reading(
    kb: &KnowledgeBase,
    p: &Parsed,
    s: &Subjects,
    open: &[usize],
) -> Option<Decision> {
    if open.is_empty() || p.yes_no {
        return None;
    }
    let subject = *s.order.first()?;
    let aliases = &kb.entities[subject].aliases;
    for (n, stems) in kb.sentence_stems.iter().enumerate() {
        let named = &kb.sentence_entities[n];
        // The subject must open the sentence (within its first words), so that what the
        // sentence says is said of it.
        let words = &kb.sentence_words[n];
        let head = &words[..words.len().min(SUBJECT_WINDOW)];
        let opens = || {
            aliases
                .iter()
                .any(|a| head.windows(a.len()).any(|w| w == a.as_slice()))
        };
        if !named.contains(&subject) || !opens() {
            continue;
        }
        let explained = open.iter().all(|&i| {
            stems.contains(&p.words[i]) || p.stems(kb, i).iter().any(|x| stems.contains(x))
        });
        let values = p.mentions.iter().all(|m| match m.what {
            Named::Entity(e) => named.contains(&e),
            Named::External(_) => false,
        }) && p
            .numbers
            .iter()
            .all(|x| stems.contains(&x.value.to_string()));
        if explained && values {
            return Some(Decision::Sentence {
                sentence: n,
                subject,
            });
        }
    }
    None
}

/// The article passage that best covers an entity: the evidence of the first fact about it
/// (or, failing that, mentioning it) that names it and gives away no answer to `intents`:
/// contains no value of the facts with these intents or of the other facts on their topics
/// ("1993" and "Yoshua Bengio" for "who founded X?"), but the names of the entity asked about.
/// A passage quoted for a refused question must not contain one, or it would read as the
/// answer.
pub fn closest(kb: &KnowledgeBase, entity: usize, intents: &[usize]) -> Option<Passage> {
    let mut topics: Vec<&str> = intents
        .iter()
        .flat_map(|&i| kb.facts_with(i))
        .map(|&f| kb.facts[f].topic.as_str())
        .collect();
    topics.sort_unstable();
    topics.dedup();
    let own_names = kb.entities[entity].aliases.as_slice();
    // Each quote knows the values it contains.
    let answers = |&(f, k): &(usize, usize)| {
        let fact = &kb.facts[f];
        topics.contains(&fact.topic.as_str()) && !own_names.contains(&fact.value_words[k])
    };
    let about = kb.facts_about(entity).iter().map(|&i| &kb.facts[i]);
    let facts = about.chain(kb.facts.iter().filter(|f| f.mentions.contains(&entity)));
    for f in facts {
        if let Some(ev) = f
            .evidence
            .iter()
            .find(|e| e.named.contains(&entity) && !e.values.iter().any(answers))
        {
            let s = &kb.article.sentences[ev.sentence];
            return Some(Passage {
                sentence: ev.quote.clone(),
                section: s.section.clone(),
                citations: kb.citations(&s.refs),
                score: 1.0,
            });
        }
    }
    None
}
