//! "And HEC?", "what about Toronto?": a follow-up that only names something asks the last
//! question again of it.
//! - The last question named something of the same kind: it is asked again with the new name
//!   in its place ("is Mila in Montreal?", "and Toronto?": "is Mila in Toronto?", No).
//! - Otherwise, after an answer listing things of that kind ("which universities are Mila's
//!   partners?", "and HEC?"): Yes when the list has it, No when the list is complete (`closed`)
//!   and does not; when it is neither, a fact the follow-up finds on its own answers it.
//!
//! Anything else is left to the other readings.

use super::decide::{Decision, Refusal, DEFAULT_SUBJECT};
use super::parse::{Mention, Named, Parsed};
use super::readings::Reading;
use super::{understand, Conversation, Understood};
use crate::knowledge::{class, KnowledgeBase};

/// The last question asked again of the one name the follow-up gives.
pub fn swapped(kb: &KnowledgeBase, u: &Understood, conv: &Conversation) -> Option<Understood> {
    let last = conv.question.as_deref()?;
    let new = only_name(kb, &u.p)?;
    let kind = kind_of(kb, &new.what);
    let before = understand(kb, last, &Conversation::default());
    // The name of that kind to replace: another than the default subject, else the last list
    // (of that kind), else the default subject ("the year Mila was founded?", "and McGill?").
    let same = |m: &&Mention| kind_of(kb, &m.what) == kind && m.what != new.what;
    let mut named = before.p.mentions.iter().filter(same);
    let default = Named::Entity(DEFAULT_SUBJECT);
    let old = match named.clone().find(|m| m.what != default) {
        Some(m) => Some(m),
        None => match listed(kb, u, &before, conv, new, kind) {
            Some(v) => return Some(v),
            None => named.next(),
        },
    };
    if let Some(old) = old {
        let words = &before.p.words;
        let variant = [
            &words[..old.start],
            &u.p.words[new.start..new.end],
            &words[old.end..],
        ]
        .concat()
        .join(" ");
        return Some(understand(kb, &variant, conv));
    }
    None
}

/// The follow-up's one name, when every other word has no meaning of its own ("and HEC?",
/// "what about Toronto?", "pis Concordia ?"): an ellipsis. A question word asks something of
/// its own ("what's myia?"), except in an opener of an ellipsis (`ellipsis_openers`: "what
/// about", "qu'en est-il de").
fn only_name<'a>(kb: &KnowledgeBase, p: &'a Parsed) -> Option<&'a Mention> {
    let [m] = &p.mentions[..] else {
        return None;
    };
    let lex = &kb.lexicon;
    let words: Vec<&str> = p.words.iter().map(String::as_str).collect();
    let opener = lex.ellipsis_openers.coverage(&words);
    let plain = |i: usize| {
        let c = p.classes[i];
        (m.start..m.end).contains(&i)
            || opener[i]
            || (c & class::FUNCTION != 0 && c & class::QUESTION == 0)
            || lex.conjunctions.contains(&p.words[i])
    };
    let asks_nothing_else = p.elliptic && (0..p.words.len()).all(plain) && p.numbers.is_empty();
    // A role ("and the founder?") asks who holds it, not the last question of someone else.
    let role =
        matches!(m.what, Named::Entity(_)) && super::parse::is_role(kb, &p.words[m.start..m.end]);
    (asks_nothing_else && !role && m.what != Named::Entity(DEFAULT_SUBJECT)).then_some(m)
}

/// An entity's kind, or the kind of a name the article does not cover.
fn kind_of<'a>(kb: &'a KnowledgeBase, what: &'a Named) -> &'a str {
    match what {
        Named::Entity(e) => &kb.entities[*e].kind,
        Named::External(kind) => kind,
    }
}

/// After a list of things of the name's kind (its `items`): Yes when it has the name, No when
/// it is complete and does not; otherwise not settled.
fn listed(
    kb: &KnowledgeBase,
    u: &Understood,
    before: &Understood,
    conv: &Conversation,
    new: &Mention,
    kind: &str,
) -> Option<Understood> {
    let fact = kb.fact_index(conv.fact.as_deref()?)?;
    let f = &kb.facts[fact];
    if !f.items.iter().any(|&e| kb.entities[e].kind == kind) {
        return None;
    }
    let has = matches!(new.what, Named::Entity(e) if f.items.contains(&e));
    // The item named and found is what "it" means next ("theano?", "who made it?").
    let subject = match new.what {
        Named::Entity(e) if has => e,
        _ => f.subjects[0],
    };
    let decision = if has || f.closed.closes(kind) {
        Decision::Fact {
            reading: Reading {
                verdict: Some(has),
                ..Reading::of(fact, subject)
            },
            intent: None,
            score: 1.0,
            via: "(a name asked of the last list)".into(),
        }
    } else if matches!(u.decision, Decision::Fact { .. }) {
        // The list does not settle it, but a fact about the name answers the follow-up on
        // its own ("research topics?", "and COVID?": the applications that name it).
        return None;
    } else {
        let name = u.p.words[new.start..new.end].join(" ");
        Decision::Refuse(Refusal::NotSettled(name))
    };
    // The last question stays the one asked again ("what about Concordia?" next).
    let p = Parsed {
        lang: u.p.lang,
        ..before.p.clone()
    };
    Some(Understood {
        p,
        cands: Vec::new(),
        decision,
        normalized: None,
    })
}
