//! "What's the difference between Theano and myia?", "Theano vs myia": two things the
//! question names after a word of comparison (`contrasts`) are each described, in order.
//! Nothing else may be asked of them ("… in speed?" is not answered).

use super::alternatives::each_fact;
use super::parse::Named;
use super::{Conversation, Understood};
use crate::answer::{Answer, Lang};
use crate::knowledge::{class, KnowledgeBase};

pub fn contrast(
    kb: &KnowledgeBase,
    question: &str,
    u: &Understood,
    conv: &mut Conversation,
) -> Option<Answer> {
    let (p, lex) = (&u.p, &kb.lexicon);
    let (at, after) = super::dates::find_cue(&lex.contrasts, &p.words)?;
    // Both after it ("compare A and B"), or one on each side ("A vs B").
    let mut named: Vec<_> = p.mentions.iter().filter(|m| m.start >= after).collect();
    if let (1, Some(before)) = (named.len(), p.mentions.iter().find(|m| m.end == at)) {
        named.insert(0, before);
    }
    let from = named.first().map_or(after, |m| m.start.min(after));
    let [a, b] = named[..] else {
        return None;
    };
    let plain = |i: usize| {
        (a.start..a.end).contains(&i)
            || (b.start..b.end).contains(&i)
            || p.classes[i] & class::FUNCTION != 0
            || lex.conjunctions.contains(&p.words[i])
            || lex
                .contrasts
                .cues()
                .iter()
                .any(|c| c.words().any(|w| w == p.words[i]))
    };
    let entities = matches!((&a.what, &b.what), (Named::Entity(x), Named::Entity(y)) if x != y);
    if !entities || !(from..p.words.len()).all(plain) {
        return None;
    }
    let what_is = &lex.describe_question[usize::from(p.lang == Lang::Fr)];
    let texts = [a, b].map(|m| format!("{what_is} {}", p.words[m.start..m.end].join(" ")));
    each_fact(kb, question, texts, conv)
}
