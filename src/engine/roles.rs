//! Step 4, two shapes of "is X a …?".
//! - "Is Larochelle Mila's founder?". A yes/no question naming a person (of the
//!   article or not: "is Hinton …?"), and beside it another person by a role ("the founder of
//!   Mila" is Bengio), asks whether they are one: they are not, and the answer says who holds
//!   the role. A kind ("a Turing Award winner")
//!   names no one, and two names ("is Bengio Pineau?") no role.
//! - "Is Mila a research lab?". A kind asked of an entity, every word of which its
//!   description states, gets Yes and that description.
//! - "Is Ian Goodfellow on the faculty?". A role asked of a person whom the article gives a
//!   role that rules it out (`excludes` in the intents) gets No and the role the article
//!   gives; "is Doina Precup a graduate?", a role that does not rule it out (`contrasts`),
//!   gets the role the article gives, with no verdict.

use super::decide::Decision;
use super::intents::Candidate;
use super::parse::{Mention, Named, Parsed};
use super::readings::{describes, Reading};
use super::subjects::Subjects;
use super::Conversation;
use crate::knowledge::KnowledgeBase;
use crate::nlu::{normalize, tokens};

/// Most words between the name and the role ("is X *really* the founder").
const GAP_WORDS: usize = 2;

pub fn decide(kb: &KnowledgeBase, p: &Parsed) -> Option<Decision> {
    if !p.yes_no {
        return None;
    }
    let people: Vec<&Mention> = p.mentions.iter().filter(|m| m.is_person(kb)).collect();
    let [a, b] = people[..] else {
        return None;
    };
    if a.what == b.what || b.start < a.end || b.start - a.end > GAP_WORDS {
        return None;
    }
    // The one named by a role holds it; the other is a person of the article or not
    // ("is Hinton the founder of Mila?").
    let by_role_of = |m: &Mention| match m.what {
        Named::Entity(e) => by_role(kb, p, m, e).then_some(e),
        Named::External(_) => None,
    };
    let (role, holder) = match (by_role_of(a), by_role_of(b)) {
        (None, Some(e)) => (b, e),
        (Some(e), None) => (a, e),
        _ => return None,
    };
    // Between the two, only the verb and the article of "X is the founder".
    let plain = crate::knowledge::class::VERB | crate::knowledge::class::FILLER;
    if (a.end..b.start).any(|i| p.classes[i] & plain == 0) {
        return None;
    }
    let articles = &kb.lexicon.kind_articles[p.lang as usize];
    if role.start > 0 && articles.contains(&p.words[role.start - 1]) {
        return None;
    }
    let fact = super::readings::description_of(kb, holder)?;
    Some(Decision::Fact {
        reading: Reading {
            verdict: Some(false),
            ..Reading::of(fact, holder)
        },
        intent: None,
        score: 1.0,
        via: "(a role that names someone else)".into(),
    })
}

/// "Is Mila a research lab?": Yes, with the fact describing the entity, when that fact's
/// claim has every meaningful word of the kind asked. Anything else is left to the intents
/// ("is Mila a company?" is not settled here, nor is "only a research institute?").
pub fn kind(kb: &KnowledgeBase, p: &Parsed) -> Option<Decision> {
    let (Named::Entity(subject), at) = p.kind_at.as_ref()? else {
        return None;
    };
    // A choice is each option asked on its own (see `alternatives`).
    if p.only || p.mainly || p.either {
        return None;
    }
    // The kind: the words right after the article up to the first word without meaning of
    // its own, none of which may be one ("a small lab" has a size in it), then the names after.
    let end = kind_end(p, *at);
    if end == at + 1 {
        return None;
    }
    let words: Vec<usize> = (at + 1..end)
        .chain((end..p.words.len()).filter(|&i| p.is_named(i)))
        .collect();
    // The subject's own name may be part of its kind ("Mila … is a research *institute*").
    let own = |i: usize| {
        p.mentions
            .iter()
            .any(|m| m.what == Named::Entity(*subject) && (m.start..m.end).contains(&i))
    };
    let stated = |f: &crate::knowledge::Fact| {
        let stems = |i: usize| {
            if own(i) {
                &f.quote_stems
            } else {
                &f.claim_stems
            }
        };
        let claimed = |i: &usize| p.stems(kb, *i).iter().any(|s| stems(*i).contains(s));
        f.subjects.first() == Some(subject) && describes(kb, f) && words.iter().all(claimed)
    };
    // The fact an intent asks for as the description first, then one that says a kind.
    let described = |f: &crate::knowledge::Fact| f.intents.iter().any(|&i| kb.intents[i].describes);
    let fact = (kb.facts.iter())
        .position(|f| described(f) && stated(f))
        .or_else(|| kb.facts.iter().position(stated))?;
    Some(Decision::Fact {
        reading: Reading {
            verdict: Some(true),
            ..Reading::of(fact, *subject)
        },
        intent: None,
        score: 1.0,
        via: "(a kind its description states)".into(),
    })
}

/// Where the kind asked after the article at `at` ends: at the first word without meaning of
/// its own ("a professor *at* Mila").
pub fn kind_end(p: &Parsed, at: usize) -> usize {
    let plain = |i: usize| p.classes[i] & crate::knowledge::class::FUNCTION != 0;
    (at + 1..p.words.len())
        .find(|&i| plain(i))
        .unwrap_or(p.words.len())
}

/// "Is Ian Goodfellow on the faculty?" when the article lists him among the graduates: No,
/// with the fact that gives his role. Only when the intent asked explains every meaningful
/// word, nothing but the person and the default subject is named ("a student at McGill?" is
/// not settled), no fact of that intent is about the person, and the question does not ask
/// about the list just given, which has the person ("is he part of them?" after the
/// graduates).
pub fn excluded(
    kb: &KnowledgeBase,
    p: &Parsed,
    cands: &[Candidate],
    s: &Subjects,
    open: &[usize],
    conv: &Conversation,
) -> Option<Decision> {
    // The person named first, or the one "he"/"she" refers to.
    let person = s.first.or(s.person).filter(|&e| kb.is_person(e))?;
    let them = p
        .words
        .iter()
        .any(|w| kb.lexicon.plural_pronouns.contains(w));
    let listed = conv
        .last_list(kb)
        .is_some_and(|f| kb.facts[f].items.contains(&person));
    if them && listed {
        return None;
    }
    let c = cands.iter().find(|c| !kb.intents[c.intent].smalltalk)?;
    let intent = &kb.intents[c.intent];
    if !p.yes_no
        || (intent.excludes.is_empty() && intent.contrasts.is_empty())
        || !open.iter().all(|&i| c.explains[i])
    {
        return None;
    }
    let others = |e: &usize| *e != person && *e != super::decide::DEFAULT_SUBJECT;
    let external = |m: &Mention| matches!(m.what, Named::External(_));
    if p.entities().iter().any(others) || p.mentions.iter().any(external) {
        return None;
    }
    let about = |f: &crate::knowledge::Fact| f.subjects.first() == Some(&person);
    if kb
        .facts
        .iter()
        .any(|f| about(f) && f.intents.contains(&c.intent))
    {
        return None;
    }
    let has = |f: &crate::knowledge::Fact, of: &[usize]| f.intents.iter().any(|i| of.contains(i));
    let role = |of: &[usize]| kb.facts.iter().position(|f| about(f) && has(f, of));
    // A role that rules the one asked out gets No; one that does not, what the article says
    // of the person instead, with no verdict, when the question asks what the person is, not
    // whether something happened ("did she study at Mila?" is not settled).
    let event = || {
        let masked = p.masked();
        (0..p.words.len()).any(|i| kb.lexicon.event_questions.matches_at(&masked, i))
    };
    let (fact, verdict, via) = match role(&intent.excludes) {
        Some(f) => (
            f,
            Some(false),
            "(a role the article's role for the person rules out)",
        ),
        None if event() => return None,
        None => (
            role(&intent.contrasts)?,
            None,
            "(the role the article gives the person instead)",
        ),
    };
    Some(Decision::Fact {
        reading: Reading {
            verdict,
            ..Reading::of(fact, person)
        },
        intent: None,
        score: 1.0,
        via: via.into(),
    })
}

/// "Et le fondateur ?": a role alone, with nothing else asked, asks who holds it: the
/// description of the one who does, whatever the conversation was about.
pub fn role_alone(kb: &KnowledgeBase, p: &Parsed) -> Option<Decision> {
    let [m] = &p.mentions[..] else {
        return None;
    };
    let Named::Entity(holder) = m.what else {
        return None;
    };
    let role = super::parse::is_role(kb, &p.words[m.start..m.end]);
    let plain = |i: usize| {
        (m.start..m.end).contains(&i)
            || p.classes[i] & crate::knowledge::class::FUNCTION != 0
            || kb.lexicon.conjunctions.contains(&p.words[i])
    };
    if !role || !p.elliptic || !(0..p.words.len()).all(plain) {
        return None;
    }
    let fact = super::readings::description_of(kb, holder)?;
    Some(Decision::Fact {
        reading: Reading::of(fact, holder),
        intent: None,
        score: 1.0,
        via: "(a role alone: who holds it)".into(),
    })
}

/// Whether the mention names the entity by a role: none of its words is in the entity's name.
fn by_role(kb: &KnowledgeBase, p: &Parsed, m: &Mention, e: usize) -> bool {
    let name = tokens(&normalize(&kb.entities[e].name));
    p.words[m.start..m.end].iter().all(|w| !name.contains(w))
}
