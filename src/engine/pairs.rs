//! "What are myia and baby-ai?": two names joined by a conjunction, each asked what it is
//! (an intent that describes). Both are answered, each by a fact of its own, or the question
//! is left to the other steps (which answer the first name).

use super::alternatives::each_fact;
use super::decide::Decision;
use super::{understand, Conversation, Understood};
use crate::answer::Answer;
use crate::knowledge::{class, KnowledgeBase};

pub fn both_names(
    kb: &KnowledgeBase,
    question: &str,
    u: &Understood,
    conv: &mut Conversation,
) -> Option<Answer> {
    let p = &u.p;
    // What each of two things is ("what are X and Y?"), answered for one of them or refused
    // because neither fact names the other: a relation between them ("the deal with Mila and
    // IBM") is one question, and is not asked twice.
    let (intent, subject) = match &u.decision {
        Decision::Fact {
            reading,
            intent: Some(i),
            ..
        } => (*i, Some(reading.subject)),
        Decision::Refuse(_) => (u.cands.first()?.intent, None),
        _ => return None,
    };
    if p.yes_no || !kb.intents[intent].describes {
        return None;
    }
    // Two names with a conjunction between them, one of them the answer's subject.
    let (a, b) = p.mentions.windows(2).find_map(|w| {
        let joined = w[1].start == w[0].end + 1 && p.classes[w[0].end] & class::CONJUNCTION != 0;
        let (x, y) = (w[0].entity()?, w[1].entity()?);
        let answered = subject.is_none_or(|s| [x, y].contains(&s));
        (joined && answered && x != y).then_some((&w[0], &w[1]))
    })?;
    let words = &p.words;
    let texts = [
        [&words[..a.end], &words[b.end..]].concat().join(" "),
        [&words[..a.start], &words[b.start..]].concat().join(" "),
    ];
    // The same question of each name: a fact of its own, read with the same intent.
    let mut read = Vec::new();
    for (text, m) in texts.iter().zip([a, b]) {
        let v = understand(kb, text, conv);
        let Decision::Fact {
            reading, intent, ..
        } = v.decision
        else {
            return None;
        };
        if Some(reading.subject) != m.entity() {
            return None;
        }
        read.push((reading.fact, intent));
    }
    if read[0].0 == read[1].0 || read[0].1 != read[1].1 {
        return None;
    }
    each_fact(kb, question, texts, conv)
}
