//! Step 4, one shape: "Is Hugo Larochelle the founder of Mila?". A yes/no question naming a
//! person, and beside it another person by a role ("the founder of Mila" is Bengio), asks
//! whether they are one: they are not, and the answer says who holds the role. A kind ("a
//! Turing Award winner") names no one, and two names ("is Bengio Pineau?") no role.

use super::decide::Decision;
use super::parse::{Mention, Named, Parsed};
use super::readings::{describes, Reading};
use crate::knowledge::KnowledgeBase;
use crate::nlu::{normalize, tokens};

/// Most words between the name and the role ("is X *really* the founder").
const GAP_WORDS: usize = 2;

pub fn decide(kb: &KnowledgeBase, p: &Parsed) -> Option<Decision> {
    if !p.yes_no {
        return None;
    }
    let person = |m: &&Mention| match m.what {
        Named::Entity(e) => kb.lexicon.person_kinds.contains(&kb.entities[e].kind),
        Named::External(_) => false,
    };
    let people: Vec<&Mention> = p.mentions.iter().filter(person).collect();
    let [a, b] = people[..] else {
        return None;
    };
    let (Named::Entity(ea), Named::Entity(eb)) = (&a.what, &b.what) else {
        return None;
    };
    if ea == eb || b.start < a.end || b.start - a.end > GAP_WORDS {
        return None;
    }
    let (role, holder) = match (by_role(kb, p, a, *ea), by_role(kb, p, b, *eb)) {
        (false, true) => (b, *eb),
        (true, false) => (a, *ea),
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
    let fact = kb
        .facts
        .iter()
        .position(|f| f.subjects.first() == Some(&holder) && describes(kb, f))?;
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

/// Whether the mention names the entity by a role: none of its words is in the entity's name.
fn by_role(kb: &KnowledgeBase, p: &Parsed, m: &Mention, e: usize) -> bool {
    let name = tokens(&normalize(&kb.entities[e].name));
    p.words[m.start..m.end].iter().all(|w| !name.contains(w))
}
