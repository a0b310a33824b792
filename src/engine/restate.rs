//! Follow-ups that continue the last answer's fact itself.
//! - "And in French?": a follow-up that names only a language asks the last answer again, in
//!   that language. Every other word must be one a request to say it again may have
//!   (`restate`) or one without meaning of its own; a name or a number makes it a question of
//!   its own ("what is Mila's name in French?").
//! - "Does that count the students?": a follow-up on the last fact that its evidence explains.

use super::decide::Decision;
use super::parse::Parsed;
use super::readings::{self, Reading};
use super::subjects::Subjects;
use super::{Conversation, Understood};
use crate::answer::Lang;
use crate::knowledge::{class, KnowledgeBase};

/// The last answer's fact as the decision, in the language asked, when the question only
/// asks for that language.
pub fn again(kb: &KnowledgeBase, u: &Understood, conv: &Conversation) -> Option<(Lang, Decision)> {
    let fact = conv.fact.as_deref().and_then(|id| kb.fact_index(id))?;
    let lang = asked(kb, u)?;
    let decision = Decision::Fact {
        reading: Reading::of(fact, last_subject(kb, fact, conv)),
        intent: None,
        score: 1.0,
        via: "(the last answer, in the language asked)".into(),
    };
    Some((lang, decision))
}

/// "Source?" right after an answer asks where that answer comes from: the last answer's fact,
/// with its references (or its section), when the question names nothing and every word asks
/// for a source or means nothing of its own ("what's the source for that?").
pub fn sources_of_last(
    kb: &KnowledgeBase,
    u: &Understood,
    conv: &Conversation,
) -> Option<Decision> {
    let p = &u.p;
    if !(p.asks_source || p.asks_section) || !p.mentions.is_empty() || !p.numbers.is_empty() {
        return None;
    }
    let plain =
        class::FUNCTION | class::SELF | class::FACT_PRONOUN | class::SOURCE | class::SECTION;
    let only_sources = (0..p.words.len())
        .all(|i| p.classes[i] & plain != 0 || kb.lexicon.restate.contains(&p.words[i]));
    if !only_sources {
        return None;
    }
    let fact = conv.fact.as_deref().and_then(|id| kb.fact_index(id))?;
    Some(Decision::Fact {
        reading: Reading::of(fact, last_subject(kb, fact, conv)),
        intent: None,
        score: 1.0,
        via: "(the last answer's sources)".into(),
    })
}

/// The last answer's subject, when the fact is about it; else the fact's first subject.
fn last_subject(kb: &KnowledgeBase, fact: usize, conv: &Conversation) -> usize {
    let f = &kb.facts[fact];
    conv.subject
        .as_deref()
        .and_then(|id| kb.entity_index(id))
        .filter(|e| f.subjects.contains(e))
        .unwrap_or(f.subjects[0])
}

/// The language a question only asks for.
fn asked(kb: &KnowledgeBase, u: &Understood) -> Option<Lang> {
    let (p, lex) = (&u.p, &kb.lexicon);
    if !p.mentions.is_empty() || !p.numbers.is_empty() {
        return None;
    }
    let plain = class::FUNCTION | class::SELF | class::FACT_PRONOUN;
    let mut lang = None;
    for (i, w) in p.words.iter().enumerate() {
        match lex.reply_in.get(w) {
            Some(&l) if lang.is_none_or(|was| was == l) => lang = Some(l),
            Some(_) => return None,
            None if lex.restate.contains(w) || p.classes[i] & plain != 0 => {}
            None => return None,
        }
    }
    lang
}

/// "Did that happen at Concordia?" after the founding: a yes/no question about "that" with nothing to
/// ask but the values it names checks them against the last answer's fact, when the fact
/// settles them.
pub fn that_checked(
    kb: &KnowledgeBase,
    p: &Parsed,
    conv: &Conversation,
    open: &[usize],
) -> Option<Decision> {
    let names_values = !p.mentions.is_empty() || !p.numbers.is_empty();
    if !(p.fact_pronoun && p.yes_no && open.is_empty() && names_values) {
        return None;
    }
    let fact = kb.fact_index(conv.fact.as_deref()?)?;
    let subject = last_subject(kb, fact, conv);
    let reading = readings::check(kb, p, None, fact, subject, open, true, false).ok()?;
    reading.verdict.is_some().then(|| Decision::Fact {
        reading,
        intent: None,
        score: 1.0,
        via: "(the last answer's fact settles \"that\")".into(),
    })
}

/// "Does that count the students?" after the count of researchers: the last answer's fact, when
/// its evidence explains the follow-up's meaningful words (at least one) by itself.
pub fn by_last_fact(
    kb: &KnowledgeBase,
    p: &Parsed,
    conv: &Conversation,
    s: &Subjects,
    open: &[usize],
) -> Option<Decision> {
    if s.claimed.is_some() {
        return None;
    }
    let fact = kb.fact_index(conv.fact.as_deref()?)?;
    let f = &kb.facts[fact];
    let subject = s.order.iter().find(|e| f.subjects.contains(e));
    let subject = subject.copied().unwrap_or(f.subjects[0]);
    // What the last answer said counts, beyond its evidence quotes: "including faculty and
    // students" is in the answer, though no quote of the count of researchers includes it.
    let said = || {
        !open.is_empty()
            && (open.iter()).all(|&i| p.stems(kb, i).iter().any(|s| f.claim_stems.contains(s)))
    };
    let reading = match readings::check(kb, p, None, fact, subject, open, true, false) {
        Ok(r) => r,
        // Said in its own words, a yes/no follow-up is answered Yes.
        Err(readings::Misfit::Unexplained(_)) if said() => Reading {
            evidence_words: open.len(),
            verdict: p.yes_no.then_some(true),
            ..Reading::of(fact, subject)
        },
        Err(_) => return None,
    };
    (reading.evidence_words > 0).then(|| Decision::Fact {
        reading,
        intent: None,
        score: 1.0,
        via: "(the last answer's evidence explains the follow-up)".into(),
    })
}

/// "Which one is the Python one?" after a list: the item whose own fact's evidence explains
/// the follow-up's meaningful words, when exactly one item's does.
pub fn by_list_item(
    kb: &KnowledgeBase,
    p: &Parsed,
    conv: &Conversation,
    s: &Subjects,
    open: &[usize],
) -> Option<Decision> {
    if !s.explicit.is_empty() || s.claimed.is_some() || !p.picks() || open.is_empty() {
        return None;
    }
    let list = &kb.facts[conv.last_list(kb)?];
    let mut found = None;
    for &item in &list.items {
        let fits = |&f: &usize| readings::check(kb, p, None, f, item, open, true, false).ok();
        let mut own = kb.facts_about(item).iter().filter_map(fits);
        let Some(reading) = own.find(|r| r.evidence_words > 0) else {
            continue;
        };
        if found.is_some() {
            return None;
        }
        found = Some(reading);
    }
    Some(Decision::Fact {
        reading: found?,
        intent: None,
        score: 1.0,
        via: "(the item of the last list the follow-up describes)".into(),
    })
}
