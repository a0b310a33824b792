//! Step 3c: who a question is about (an entity named, a pronoun's antecedent, or the default
//! subject when nothing else claims it), and which facts may answer it, most likely first.

use super::decide::DEFAULT_SUBJECT;
use super::parse::{Named, Parsed};
use super::Conversation;
use crate::knowledge::{class, KnowledgeBase};

/// Who the question may be about, most likely first.
#[derive(Clone)]
pub struct Subjects {
    /// Entities the question names.
    pub explicit: Vec<usize>,
    /// What the question is first about: the first entity named, or the person "he"/"she"
    /// refers to when only the default subject is named ("is she at Mila?").
    pub first: Option<usize>,
    /// Candidates in order: named entities, then antecedents, then the default.
    pub order: Vec<usize>,
    pub from_context: bool,
    /// The person "he"/"she" refers to.
    pub person: Option<usize>,
    /// It continues the last answer's fact, not only its subject: an ellipsis ("which
    /// year?") or "that" ("when was that?"). "Where is it located?" asks about the subject.
    pub continues_fact: bool,
    /// Something outside the article claims the subject.
    pub claimed: Option<Claim>,
    /// A person is named, and not as one to leave out ("besides Bengio"): the question is
    /// about them, never implicitly about the default subject.
    pub about_person: bool,
    /// It asks for others than its subject ("any other projects?" after Theano): the lists
    /// that name the subject answer it too.
    pub others: bool,
    /// A plural pronoun refers to the people the last answer listed: the conversation's topic
    /// answers only with a fact about one of them.
    pub people: bool,
}

/// What claims a question's subject instead of the article's entities.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// The asker or the bot ("what's my name?").
    SelfWords,
    /// A name the article does not cover, by kind ("who founded Netflix?").
    External(String),
}

pub fn subjects(kb: &KnowledgeBase, p: &Parsed, conv: &Conversation) -> Subjects {
    let explicit = possessed_first(p);
    let id = |s: &Option<String>| s.as_deref().and_then(|id| kb.entity_index(id));
    let mut order = explicit.clone();
    let mut from_context = false;
    let mut person = None;
    let mut first = explicit.first().copied();
    if p.person_pronoun {
        person = id(&conv.person);
        // "Is she at Mila?": the person is asked about, the default subject is where.
        if explicit == [DEFAULT_SUBJECT] && person.is_some() {
            order.splice(0..0, person);
            first = person;
        } else {
            order.extend(person);
        }
        from_context = person.is_some();
    }
    // "It" is no person: "and when did he found it, then?" after a question about Bengio asks
    // about what he founded, not about him.
    let it_fits = |e: &usize| !(p.neuter_pronoun && kb.is_person(*e));
    let mut it_resolved = false;
    // "Where do they work now?" right after a list of people is about those people.
    let people = listed_people(kb, p, conv);
    // "I live in Montreal, who founded it?": "it" after a thing named before the question
    // word is that thing, not the conversation's subject nor the default one ("et HEC, dans
    // tout ça ?" asks nothing of HEC's own).
    let it_at = p
        .classes
        .iter()
        .position(|c| c & class::NEUTER_PRONOUN != 0);
    let it_named = p.qword.zip(it_at).is_some_and(|(q, k)| {
        let thing = |e: usize| !kb.is_person(e);
        q < k
            && (p.mentions.iter())
                .any(|m| m.end <= q && matches!(m.what, Named::Entity(e) if thing(e)))
    });
    if let Some(items) = people.filter(|_| explicit.is_empty()) {
        order.extend(items);
        from_context = true;
    } else if p.pronoun && !of_person(kb, p, person) && !it_named {
        let before = order.len();
        order.extend(id(&conv.value).filter(it_fits));
        order.extend(id(&conv.subject).filter(it_fits));
        it_resolved = order.len() > before;
        from_context |= id(&conv.subject).is_some_and(|e| it_fits(&e));
    }
    // An ellipsis continues the conversation's subject, then the default one ("how many
    // researchers are there?" after a question about myia is about Mila).
    let ellipsis =
        explicit.is_empty() && !p.pronoun && !p.person_pronoun && p.elliptic && people.is_none();
    if ellipsis {
        order.extend(id(&conv.subject));
        from_context |= conv.subject.is_some();
    }
    // A yes/no question naming only a place checks it as a value: "c'est tu à Montréal ?";
    // then the asker may still claim the subject ("are you from Canada?").
    // So does a question of where naming only places, each after a word saying it is within
    // them: "où ça, à Montréal ?" asks where Mila is in it.
    let within = |m: &super::parse::Mention| {
        m.start > 0 && kb.lexicon.within.contains(&p.words[m.start - 1])
    };
    let asks_where = p.words.iter().any(|w| kb.lexicon.where_words.contains(w));
    let places_within = asks_where && p.mentions.iter().all(within);
    let only_values = (p.yes_no || places_within) && p.names_only(kb, &kb.lexicon.context_kinds);
    // An antecedent does not outweigh the asker's own things: "c'est quoi mon nom ?" after a
    // question about Mila is about the asker ("can I study there?" is not).
    let context_only = from_context && explicit.is_empty();
    let possessive = |&i: &usize| kb.lexicon.possessives.contains(&p.words[i]);
    let mine = context_only && p.self_words.iter().any(possessive);
    let claimed = if (!explicit.is_empty() && !only_values) || (from_context && !mine) {
        None
    } else if let Some(kind) = p.externals().next() {
        Some(Claim::External(kind.to_string()))
    } else if !p.self_words.is_empty() {
        Some(Claim::SelfWords)
    } else {
        None
    };
    // The default subject, only when nothing else is: not named, not an antecedent. A pronoun
    // with no antecedent yet can only mean it ("what part of Montreal are they in?").
    let unresolved = p.pronoun && !from_context && !it_named;
    // A pronoun of a person or a thing ("il") with no one to refer to is the thing, unless
    // with a word said only of people ("il est né quand ?").
    let of_someone = p.person_pronoun && (!p.pronoun || person.is_some() || said_of_people(kb, p));
    let by_default =
        (explicit.is_empty() || unresolved || only_values) && !from_context && !of_someone;
    // With a person named or referred to, "it" with no antecedent of its own is the default
    // subject.
    let it_default = p.neuter_pronoun && !it_resolved && p.person_pronoun;
    if claimed.is_none() && (by_default || ellipsis || it_default) {
        order.push(DEFAULT_SUBJECT);
    }
    // What a former name stands for now is what it became: "where is LISA now?", "and
    // which neighbourhood is it in today?" after an answer about LISA ask about Mila.
    if p.classes.iter().any(|c| c & class::PRESENT != 0) {
        let now = |e: usize| kb.entities[e].became.unwrap_or(e);
        order.iter_mut().for_each(|e| *e = now(*e));
        first = first.map(now);
    }
    order.dedup();
    let continues_fact =
        explicit.is_empty() && conv.topic.is_some() && (p.elliptic || p.fact_pronoun);
    // "He"/"she" keeps the question about that person, like a name would.
    let about_person = !p.others && (p.names_any(kb, &kb.lexicon.person_kinds) || person.is_some());
    Subjects {
        about_person,
        explicit,
        first,
        order,
        from_context,
        person,
        continues_fact,
        claimed,
        others: p.others,
        people: people.is_some(),
    }
}

/// A pronoun that is also a person's ("il", "elle") with a word said only of people ("il est
/// né quand ?"), when the conversation has a person: it is that person, not also a thing.
fn of_person(kb: &KnowledgeBase, p: &Parsed, person: Option<usize>) -> bool {
    p.person_pronoun && person.is_some() && said_of_people(kb, p)
}

/// Whether the question has a word said only of people (`person_predicates`: "born", "né").
fn said_of_people(kb: &KnowledgeBase, p: &Parsed) -> bool {
    (p.words.iter()).any(|w| kb.lexicon.person_predicates.contains(w))
}

/// The people the last answer listed, when the question refers to them with a plural pronoun.
fn listed_people<'k>(
    kb: &'k KnowledgeBase,
    p: &Parsed,
    conv: &Conversation,
) -> Option<&'k [usize]> {
    let plural = p
        .words
        .iter()
        .any(|w| kb.lexicon.plural_pronouns.contains(w));
    if !plural || conv.fact.is_none() || conv.fact != conv.list_fact {
        return None;
    }
    let items = &kb.facts[conv.last_list(kb)?].items;
    let people = !items.is_empty() && items.iter().all(|&e| kb.is_person(e));
    people.then_some(items.as_slice())
}

/// The facts that may answer `intent` about one of the subjects, best first. A follow-up
/// ("and when did that happen?", "in which year, then?") tries the conversation's topic first.
pub fn facts_for(
    kb: &KnowledgeBase,
    intent: Option<usize>,
    s: &Subjects,
    conv: &Conversation,
) -> Vec<(usize, usize)> {
    let fits = |f: &crate::knowledge::Fact| intent.is_none_or(|n| f.intents.contains(&n));
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut add = |i: usize, subject: usize| {
        if !out.iter().any(|(x, _)| *x == i) {
            out.push((i, subject));
        }
    };
    if let (Some(topic), true, Some(_)) = (conv.topic.as_deref(), s.continues_fact, intent) {
        // "he"/"she" stay on the person: the topic's facts must be about them.
        let person = s.person.filter(|_| s.from_context);
        for &i in kb.facts_on(topic) {
            let f = &kb.facts[i];
            let theirs = !s.people || s.order.iter().any(|e| f.subjects.contains(e));
            if fits(f) && theirs && person.is_none_or(|who| f.subjects.contains(&who)) {
                let about = s.order.iter().find(|e| f.subjects.contains(e));
                add(i, about.copied().unwrap_or(f.subjects[0]));
            }
        }
    }
    // A strict intent ("what is X?", "what does X stand for?") is about what the question
    // names or refers to, never the default subject by itself.
    let strict = intent.is_some_and(|i| kb.intents[i].strict);
    let referred = !s.explicit.is_empty() || s.from_context;
    for &subject in s.order.iter().filter(|_| !strict || referred) {
        for i in fitting(kb, subject, intent) {
            add(i, subject);
        }
    }
    // "What is HEC?", "how is McGill related to Mila?": of a name with no description of its
    // own, what the article says about it is the narrowest fact that names it.
    let describes = intent.is_some_and(|i| kb.intents[i].describes);
    for &named in s.explicit.iter().filter(|_| describes) {
        let kind = &kb.entities[named].kind;
        if named == DEFAULT_SUBJECT
            || !kb.lexicon.described_by_mention.contains(kind)
            || out.iter().any(|&(_, about)| about == named)
        {
            continue;
        }
        let narrowest = (0..kb.facts.len())
            .filter(|&i| kb.facts[i].mentions.contains(&named))
            .min_by_key(|&i| kb.facts[i].mentions.len());
        if let Some(i) = narrowest.filter(|i| !out.iter().any(|(x, _)| x == i)) {
            out.push((i, named));
        }
    }
    // "Any other projects?" after Theano, "the other profs?" after Bengio: a list naming the
    // subject, read as about what the list is of, gives the others.
    // Only for a question whose shape says what the list is of (an intent).
    let asked = intent
        .filter(|_| s.others)
        .map_or(&[][..], |n| kb.facts_with(n));
    for &subject in &s.order {
        let names = |f: &crate::knowledge::Fact| {
            !f.items.is_empty() && (f.items.contains(&subject) || f.mentions.contains(&subject))
        };
        for &i in asked.iter().filter(|&&i| names(&kb.facts[i])) {
            if !out.iter().any(|(x, _)| *x == i) {
                out.push((i, kb.facts[i].subjects[0]));
            }
        }
    }
    // "Which schools joined UdeM and McGill?": two names or more, all items of one list the
    // intent asks for, and nothing else answering, ask of that list.
    if let Some(n) = intent.filter(|_| out.is_empty() && s.explicit.len() >= 2) {
        for &i in kb.facts_with(n) {
            let f = &kb.facts[i];
            if s.explicit.iter().all(|e| f.items.contains(e)) {
                out.push((i, f.subjects[0]));
            }
        }
    }
    // Not for a question about a person ("quand est né Bengio ?" is not about Mila's
    // founding), nor about another entity of the default subject's kind ("when was the
    // Université de Montréal itself founded?").
    let default_kind = &kb.entities[DEFAULT_SUBJECT].kind;
    let rival = s
        .explicit
        .iter()
        .any(|&e| e != DEFAULT_SUBJECT && kb.entities[e].kind == *default_kind);
    let implicit = intent.is_some_and(|i| kb.intents[i].implicit_subject)
        && !s.about_person
        && (!rival || s.explicit.contains(&DEFAULT_SUBJECT));
    if implicit && !s.explicit.is_empty() && s.claimed.is_none() {
        for i in fitting(kb, DEFAULT_SUBJECT, intent) {
            if !out.iter().any(|(x, _)| *x == i) {
                out.push((i, DEFAULT_SUBJECT));
            }
        }
    }
    out
}

/// The facts about `subject` that answer `intent` (any intent: `None`), in order: from the
/// intent's few facts when there is one, else from the subject's.
fn fitting(
    kb: &KnowledgeBase,
    subject: usize,
    intent: Option<usize>,
) -> impl Iterator<Item = usize> + '_ {
    let facts = intent.map_or_else(|| kb.facts_about(subject), |n| kb.facts_with(n));
    let about = move |i: &usize| intent.is_none() || kb.facts[*i].subjects.contains(&subject);
    facts.iter().copied().filter(about)
}

/// The entities named, in order, except that in "A's B" B comes first: "IBM's Watson Machine
/// Learning Accelerator" is about the accelerator.
fn possessed_first(p: &Parsed) -> Vec<usize> {
    let mut out = p.entities().to_vec();
    for pair in p.mentions.windows(2) {
        let (Named::Entity(a), Named::Entity(b)) = (&pair[0].what, &pair[1].what) else {
            continue;
        };
        let possessive =
            pair[1].start == pair[0].end + 1 && p.words.get(pair[0].end).is_some_and(|w| w == "s");
        let (ia, ib) = (
            out.iter().position(|e| e == a),
            out.iter().position(|e| e == b),
        );
        if let (true, Some(ia), Some(ib)) = (possessive, ia, ib) {
            if ib > ia {
                let e = out.remove(ib);
                out.insert(ia, e);
            }
        }
    }
    out
}
