//! Step 4: decide. The subject is established first (an entity named, a pronoun's antecedent,
//! or the default subject when nothing else claims it); then the best-scoring intent whose
//! fact accounts for the whole question wins; failing that, a fact or an article sentence that
//! explains every meaningful word; failing that, small talk; otherwise a typed refusal.

use super::intents::Candidate;
use super::parse::{Mention, Named, Parsed};
use super::readings::{self, meaningful, Misfit, Reading};
use super::subjects::{facts_for, subjects, Claim, Subjects};
use super::Conversation;
use crate::knowledge::{class, KnowledgeBase};

#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Fact {
        reading: Reading,
        /// The intent that matched (`None`: the fact's evidence explained the question).
        intent: Option<usize>,
        score: f64,
        via: String,
    },
    /// An article sentence that explains the question.
    Sentence {
        sentence: usize,
        subject: usize,
    },
    SmallTalk {
        intent: usize,
    },
    /// The article's references themselves: their numbers and the details asked.
    Reference {
        refs: Vec<usize>,
        details: Vec<&'static str>,
    },
    Refuse(Refusal),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    Empty,
    TooLong {
        chars: usize,
    },
    /// First or second person with nothing of the article named ("what's my address?").
    AboutYou,
    /// The bot's opinion ("what do you think of Mila?").
    Opinion,
    /// A name the article does not cover is the subject ("who founded Netflix?").
    OtherSubject(String),
    /// Nothing in the question matched anything.
    OffTopic,
    /// Words no reading explains.
    Unexplained(Vec<String>),
    /// A value the article does not settle ("did Mila partner with Samsung?").
    NotSettled(String),
    /// The intent matched, but no fact about the subject answers it.
    NoFact {
        intent: usize,
        subject: usize,
    },
    /// Different facts fit equally well.
    Ambiguous(Vec<usize>),
}

/// The default subject: the first entity of the knowledge.
pub const DEFAULT_SUBJECT: usize = 0;

pub fn decide(
    kb: &KnowledgeBase,
    p: &Parsed,
    cands: &[Candidate],
    conv: &Conversation,
) -> Decision {
    if let Some(d) = super::references::decide(kb, p) {
        return d;
    }
    if let Some(d) = (super::roles::decide(kb, p))
        .or_else(|| super::roles::kind(kb, p))
        .or_else(|| super::roles::role_alone(kb, p))
    {
        return d;
    }
    // "How many of them are students?": the article's counts are whole, never a part of one.
    if let Some(i) = p.portion {
        return Decision::Refuse(Refusal::Unexplained(
            p.words[i..].iter().take(3).cloned().collect(),
        ));
    }
    let mut subjects = subjects(kb, p, conv);
    // "Is she at Mila?" with no one named before: who "she" is, nothing says. Not French
    // "il"/"elle", which also stand for a thing ("Mila est-il à Montréal ?").
    let person_word = |i: &usize| {
        p.classes[*i] & class::PERSON_PRONOUN != 0
            && !kb.lexicon.euphonic_subjects.contains(&p.words[*i])
    };
    let unresolved = p.yes_no && subjects.person.is_none() && !subjects.about_person;
    if let Some(i) = (0..p.words.len()).find(|i| unresolved && person_word(i)) {
        return Decision::Refuse(Refusal::Unexplained(vec![p.words[i].clone()]));
    }
    if let Some(d) =
        others_than_listed(kb, p, conv, &subjects).or_else(|| outside_list(kb, p, conv, &subjects))
    {
        return d;
    }
    // "The third one" after a list: what is asked of that item ("is the first one for
    // Python?"), or else the item itself.
    let picked = listed(kb, p, conv, &subjects).or_else(|| described(kb, p, conv));
    let other = match picked {
        None => other_item(kb, p, conv, &subjects),
        Some(_) => None,
    };
    // "And the other one?" with no one item left to be: nothing says which.
    if let Some(None) = other {
        return Decision::Refuse(Refusal::Unexplained(Vec::new()));
    }
    let Some((fact, item)) = picked.or(other.flatten()) else {
        let person = subjects.person.filter(|_| p.person_pronoun);
        let d = decide_for(kb, p, cands, conv, subjects);
        return not_someone_else(kb, person, kind_unsettled(kb, p, d));
    };
    subjects.explicit = vec![item];
    subjects.order = vec![item];
    subjects.from_context = true;
    subjects.continues_fact = false;
    // The position has picked the item: what is asked of it is the rest ("what's the first
    // one for?" asks what the item is for, which its own fact says without a list).
    let of_item = p.ordinal_at.filter(|_| p.excluded.is_none()).map(|at| {
        let mut q = p.clone();
        q.excluded = Some(at);
        q.ordinal_at = None;
        q
    });
    let d = match decide_for(kb, of_item.as_ref().unwrap_or(p), cands, conv, subjects) {
        // What is asked must be of the item, not of the default subject beside it.
        Decision::Fact { reading, .. } if reading.subject != item => {
            Decision::Refuse(Refusal::Unexplained(Vec::new()))
        }
        d => d,
    };
    let f = &kb.facts[fact];
    let open = meaningful(kb, p, true);
    let plain = open
        .iter()
        .all(|&i| p.stems(kb, i).iter().any(|s| f.stems.contains(s)));
    // A position is answered from the list; the other item by what the article says of it.
    let (fact, subject) = match kb.facts_about(item).first() {
        Some(&own) if p.ordinal.is_none() => (own, item),
        _ => (fact, f.subjects[0]),
    };
    match d {
        Decision::Refuse(_) if plain => Decision::Fact {
            reading: Reading::of(fact, subject),
            intent: None,
            score: 1.0,
            via: "(a position in the last list)".into(),
        },
        d => d,
    }
}

/// "Is baby-ai a game engine?": a kind asked of a thing the article describes otherwise, in
/// words the article never uses of it, is not settled; what the article says it is answers.
/// Not of the default subject, which any question may be about ("is Mila a good place to
/// raise kids?").
fn kind_unsettled(kb: &KnowledgeBase, p: &Parsed, d: Decision) -> Decision {
    let Decision::Refuse(Refusal::Unexplained(words)) = &d else {
        return d;
    };
    let Some((Named::Entity(subject), at)) = p.kind_at.as_ref() else {
        return d;
    };
    // The kind's own words only ("a professor *at* Mila now" asks more than a kind).
    let end = super::roles::kind_end(p, *at);
    let in_kind = |w: &String| (at + 1..end).any(|i| &p.words[i] == w);
    if *subject == DEFAULT_SUBJECT || words.is_empty() || !words.iter().all(in_kind) {
        return d;
    }
    match readings::description_of(kb, *subject) {
        Some(fact) => Decision::Fact {
            reading: Reading::of(fact, *subject),
            intent: None,
            score: 1.0,
            via: "(what the article says the thing is, which does not settle the kind asked)"
                .into(),
        },
        None => d,
    }
}

/// "And the other one?" after a list and a question about one of its items: `None` when the
/// question does not ask for the other one, `Some(None)` when no one item is left to be it.
fn other_item(
    kb: &KnowledgeBase,
    p: &Parsed,
    conv: &Conversation,
    s: &Subjects,
) -> Option<Option<(usize, usize)>> {
    if !(p.others && p.picks() && s.explicit.is_empty() && p.ordinal.is_none()) {
        return None;
    }
    let fact = conv.last_list(kb);
    let current = conv.subject.as_deref().and_then(|id| kb.entity_index(id));
    let (Some(fact), Some(current)) = (fact, current) else {
        return Some(None);
    };
    let items = &kb.facts[fact].items;
    let mut rest = items.iter().copied().filter(|&e| e != current);
    let item = rest.next().filter(|_| items.contains(&current));
    Some(
        item.filter(|_| rest.next().is_none())
            .map(|item| (fact, item)),
    )
}

/// "Did she win the Turing Award?" after Joëlle Pineau: a fact about another person does not
/// answer a question about the one "he"/"she" refers to, whatever else the question names.
pub(super) fn not_someone_else(kb: &KnowledgeBase, person: Option<usize>, d: Decision) -> Decision {
    let Some(person) = person else {
        return d;
    };
    let other = |reading: &Reading| {
        let f = &kb.facts[reading.fact];
        let theirs = f.subjects.contains(&person) || f.mentions.contains(&person);
        !theirs && f.subjects.iter().any(|e| *e != person && kb.is_person(*e))
    };
    match &d {
        Decision::Fact { reading, .. } if other(reading) => {
            Decision::Refuse(Refusal::NotSettled(kb.entities[person].name.clone()))
        }
        _ => d,
    }
}

/// The decision once the subjects are known.
fn decide_for(
    kb: &KnowledgeBase,
    p: &Parsed,
    cands: &[Candidate],
    conv: &Conversation,
    subjects: Subjects,
) -> Decision {
    let open = meaningful(
        kb,
        p,
        !subjects.explicit.is_empty() || subjects.from_context,
    );
    let mut misfit = None;
    // With nothing named and no antecedent, the question must say something of its own:
    // "when does the store open?" is not about Mila.
    // With only the default subject, it must also be asked as a question: "of course" and
    // "call mom" are not questions about Mila.
    let default_only =
        subjects.explicit.is_empty() && !subjects.from_context && !p.pronoun && !p.person_pronoun;
    let keywords = cands.first().is_some_and(|c| keywords(kb, p, c, &open));
    let asked = p.qword.is_some() || p.yes_no || p.question_mark || p.request || keywords;
    let vague = default_only && (open.is_empty() || !asked);
    if p.opinion {
        return Decision::Refuse(Refusal::Opinion);
    }
    // Nothing named and every word about the bot ("give me a list of topics"): the bot's
    // own small talk, unless a fact's intent fits better. So with a conversation going on,
    // when the message asks nothing ("hello there" after a count is no follow-up).
    let asks_nothing = p.mentions.is_empty() && p.qword.is_none() && !p.yes_no;
    if default_only || asks_nothing {
        let score = |i: usize| {
            cands
                .iter()
                .find(|c| c.intent == i)
                .map_or(0.0, |c| c.score)
        };
        let fact_best = cands.iter().find(|c| !kb.intents[c.intent].smalltalk);
        if let Some(intent) = smalltalk(kb, p, cands) {
            if fact_best.is_none_or(|f| score(intent) >= f.score) {
                return Decision::SmallTalk { intent };
            }
        }
    }
    if let Some(d) = super::restate::that_checked(kb, p, conv, &open) {
        return d;
    }
    if !vague && subjects.continues_fact {
        if let Some(d) = super::restate::by_last_fact(kb, p, conv, &subjects, &open) {
            return checked(kb, p, cands, d);
        }
    }
    if !vague {
        if let Some(d) = of_the_person(kb, p, cands, conv, &subjects, &open) {
            return checked(kb, p, cands, d);
        }
        if let Some(d) = by_intent(kb, p, cands, conv, &subjects, &open, &mut misfit) {
            return checked(kb, p, cands, d);
        }
        if let Some(d) = super::restate::by_list_item(kb, p, conv, &subjects, &open) {
            return checked(kb, p, cands, d);
        }
        if let Some(d) = super::roles::excluded(kb, p, cands, &subjects, &open, conv) {
            return d;
        }
        // A question word whose shape matched ("how many ...") asks for that slot: another
        // fact's evidence does not answer it.
        // So does a word asking for a manner or an amount ("how do I get in?").
        let shaped = p.qword.is_some_and(|i| {
            kb.lexicon.needs_intent.contains(&p.words[i])
                || cands.iter().any(|c| !kb.intents[c.intent].smalltalk)
        });
        // So does a request for a slot asked alone (`wh_exclusive`) that no fact read:
        // "name Mila's industrial partners" is not answered by a sentence on partnerships.
        let shaped = shaped
            || (cands.first())
                .is_some_and(|c| kb.intents[c.intent].wh_exclusive && requests_slot(p, c));
        if !shaped {
            if let Some(d) = by_evidence(kb, p, conv, &subjects, &open) {
                return checked(kb, p, cands, d);
            }
        }
    }
    if let Some(intent) = smalltalk(kb, p, cands) {
        return Decision::SmallTalk { intent };
    }
    Decision::Refuse(refusal(kb, p, cands, &subjects, &open, misfit))
}

/// French "il"/"lui" stands for the person last named or for a thing: what the article says
/// of the person comes first, whatever intent it answers ("il est célèbre pour quoi, lui ?"
/// after Bengio was named is about him, not what Mila is known for).
fn of_the_person(
    kb: &KnowledgeBase,
    p: &Parsed,
    cands: &[Candidate],
    conv: &Conversation,
    s: &Subjects,
    open: &[usize],
) -> Option<Decision> {
    let who = s
        .person
        .filter(|_| p.person_pronoun && s.explicit.is_empty());
    let who = who.filter(|w| s.order.len() > 1 && s.order.first() == Some(w))?;
    let mut only = s.clone();
    only.order = vec![who];
    let d = by_intent(kb, p, cands, conv, &only, open, &mut None)?;
    matches!(d, Decision::Fact { .. }).then_some(d)
}

/// A fact's answer, unless the question asks what it does not say.
fn checked(kb: &KnowledgeBase, p: &Parsed, cands: &[Candidate], d: Decision) -> Decision {
    reasoned(kb, p, cands, dated(kb, p, always(kb, p, renamed(kb, p, d))))
}

/// "Has it always had that name?": a fact whose evidence says it changed ("originally",
/// "since 2017") answers No; one that says nothing of a change does not settle "always".
fn always(kb: &KnowledgeBase, p: &Parsed, mut d: Decision) -> Decision {
    let Decision::Fact { reading, .. } = &mut d else {
        return d;
    };
    let Some(at) = (0..p.words.len()).find(|&i| p.classes[i] & class::ALWAYS != 0) else {
        return d;
    };
    let changed = kb.facts[reading.fact].evidence.iter();
    let changed = changed
        .flat_map(|e| &e.words)
        .any(|w| kb.lexicon.changed.contains(w));
    if !p.yes_no || !changed {
        return Decision::Refuse(Refusal::Unexplained(vec![p.words[at].clone()]));
    }
    reading.verdict = Some(false);
    d
}

/// "When did LISA become Mila?": a change between two names of one thing (two subjects of a
/// fact about its names) asks about that change, which only a fact about its names says
/// anything of; the founding year of the thing is no answer. "When did Mila become a
/// partnership with McGill?" names two things, not one.
fn renamed(kb: &KnowledgeBase, p: &Parsed, d: Decision) -> Decision {
    let Decision::Fact { reading, .. } = &d else {
        return d;
    };
    let mut changes = (0..p.words.len()).filter(|&i| p.classes[i] & class::RENAMING != 0);
    let Some(first) = changes.next() else {
        return d;
    };
    let lex = &kb.lexicon;
    if lex
        .renaming_relations
        .contains(&kb.facts[reading.fact].relation)
    {
        return d;
    }
    let one_thing = |a: usize, b: usize| {
        let names = |f: &&crate::knowledge::Fact| lex.renaming_relations.contains(&f.relation);
        a != b
            && (kb.facts.iter().filter(names))
                .any(|f| f.subjects.contains(&a) && f.subjects.contains(&b))
    };
    // The entities named before (or after) word `at`.
    let entities = |at: usize, before: bool| {
        let side = move |m: &&Mention| if before { m.end <= at } else { m.start > at };
        p.mentions.iter().filter(side).filter_map(Mention::entity)
    };
    let renames =
        |at: usize| entities(at, true).any(|a| entities(at, false).any(|b| one_thing(a, b)));
    match std::iter::once(first)
        .chain(changes)
        .find(|&at| renames(at))
    {
        Some(at) => Decision::Refuse(Refusal::Unexplained(vec![p.words[at].clone()])),
        None => d,
    }
}

/// "When …?" is answered only by a fact that states a year, and not as a description:
/// "when did Larochelle finish?" is not answered by the list of graduates, nor "et il est né
/// quand ?" by who he is.
fn dated(kb: &KnowledgeBase, p: &Parsed, d: Decision) -> Decision {
    let Decision::Fact {
        reading, intent, ..
    } = &d
    else {
        return d;
    };
    let described = intent.is_some_and(|i| kb.intents[i].describes);
    let asks_date = p
        .qword
        .and_then(|i| p.words.get(i))
        .is_some_and(|w| kb.lexicon.date_question.contains(w));
    let f = &kb.facts[reading.fact];
    let has_year = f.numbers.iter().any(|&n| super::parse::is_year(n));
    if asks_date && !p.yes_no && (!has_year || described) {
        let word = p.qword.map(|i| p.words[i].clone()).unwrap_or_default();
        return Decision::Refuse(Refusal::Unexplained(vec![word]));
    }
    d
}

/// "Why …?" is answered only by an intent that explains the reason word ("why did Mila team
/// up with IBM?" asks the partnership's purpose); a fact that only shares the other words
/// gives no reason ("why was Mila founded?" is not answered with the founding). So is "how
/// many …?" once an intent has read it: "how many people were at LISA when it started?" is
/// not answered with where it started.
fn reasoned(kb: &KnowledgeBase, p: &Parsed, cands: &[Candidate], d: Decision) -> Decision {
    let lex = &kb.lexicon;
    let Some(at) = p.qword.filter(|_| !p.yes_no) else {
        return d;
    };
    let explains = |c: &Candidate| c.explains.get(at) == Some(&true);
    let how_read = lex.needs_intent.contains(&p.words[at]) && cands.iter().any(explains);
    if !(lex.reasons.contains(&p.words[at]) || how_read) {
        return d;
    }
    // A list or a count answers "how many" whatever intent found it.
    let counts = |f: &crate::knowledge::Fact| {
        !f.items.is_empty() || f.numbers.iter().any(|&n| !super::parse::is_year(n))
    };
    let explained = match &d {
        Decision::Fact { reading, .. } if how_read && counts(&kb.facts[reading.fact]) => true,
        Decision::Fact {
            intent: Some(i), ..
        } => cands.iter().any(|c| c.intent == *i && explains(c)),
        Decision::Fact { .. } | Decision::Sentence { .. } => false,
        _ => true,
    };
    if explained {
        d
    } else {
        Decision::Refuse(Refusal::Unexplained(vec![p.words[at].clone()]))
    }
}

/// The last answer's list and the item a position in the question picks from it, when the
/// question names nothing else.
fn listed(
    kb: &KnowledgeBase,
    p: &Parsed,
    conv: &Conversation,
    s: &Subjects,
) -> Option<(usize, usize)> {
    let position = p.ordinal?;
    if !s.explicit.is_empty() {
        return None;
    }
    let fact = conv.last_list(kb)?;
    let item = pick(&kb.facts[fact].items, position)?;
    Some((fact, item))
}

/// "Any others?" right after a complete list: none (No, and the list again). After a list of
/// examples, the question is read as any other.
fn others_than_listed(
    kb: &KnowledgeBase,
    p: &Parsed,
    conv: &Conversation,
    s: &Subjects,
) -> Option<Decision> {
    if !(p.others && p.elliptic && s.explicit.is_empty()) || conv.fact != conv.list_fact {
        return None;
    }
    let fact = conv.last_list(kb)?;
    let f = &kb.facts[fact];
    if !f.closed.is_every() {
        return None;
    }
    Some(Decision::Fact {
        reading: Reading {
            verdict: Some(false),
            ..Reading::of(fact, f.subjects[0])
        },
        intent: None,
        score: 1.0,
        via: "(others than the last list, which is complete)".into(),
    })
}

/// "is UQAM one of them?" after a complete list: a name the article does not cover, of a
/// kind the list closes, is not one of its items (No, and the list again).
fn outside_list(
    kb: &KnowledgeBase,
    p: &Parsed,
    conv: &Conversation,
    s: &Subjects,
) -> Option<Decision> {
    if !(p.yes_no && p.picks() && s.explicit.is_empty()) || p.mentions.is_empty() {
        return None;
    }
    let fact = conv.last_list(kb)?;
    let f = &kb.facts[fact];
    let subject = *f.subjects.first()?;
    let outside = |m: &Mention| match &m.what {
        Named::External(kind) => readings::closes(kb, f, subject, kind),
        Named::Entity(_) => false,
    };
    p.mentions.iter().all(outside).then(|| Decision::Fact {
        reading: Reading {
            verdict: Some(false),
            ..Reading::of(fact, subject)
        },
        intent: None,
        score: 1.0,
        via: "(a name outside the last list, which is complete)".into(),
    })
}

/// "Which one's for Python?", "the Python one" after a list: the one item a fact about it
/// names all the question names with (none of them an item itself).
fn described(kb: &KnowledgeBase, p: &Parsed, conv: &Conversation) -> Option<(usize, usize)> {
    let named = p.entities();
    if p.ordinal.is_some() || !p.picks() || named.is_empty() {
        return None;
    }
    let fact = conv.last_list(kb)?;
    let items = &kb.facts[fact].items;
    if named.iter().any(|e| items.contains(e)) {
        return None;
    }
    let names_all = |f: &crate::knowledge::Fact| {
        (named.iter()).all(|e| f.subjects.contains(e) || f.mentions.contains(e))
    };
    let of =
        |item: &usize| (kb.facts.iter()).any(|f| f.subjects.first() == Some(item) && names_all(f));
    let mut found = items.iter().copied().filter(of);
    let item = found.next()?;
    found.next().is_none().then_some((fact, item))
}

/// The item at a position (1-based; 0 is the last).
pub fn pick(items: &[usize], position: usize) -> Option<usize> {
    match position {
        0 => items.last().copied(),
        n => items.get(n - 1).copied(),
    }
}

/// How well a reading fits: on the conversation's topic, about an entity the question names,
/// fewer values contradicted, words its evidence explains, values it confirms, whether the
/// intent is the fact's first, and (when it confirms a value) the narrower fact.
type Rank = (bool, bool, bool, usize, usize, usize, usize, usize);

/// `stands`: the fact is no part of another list, or the question picks it out (see
/// [`super::sublists::stands`]).
fn rank(
    kb: &KnowledgeBase,
    r: &Reading,
    intent: usize,
    conv: &Conversation,
    s: &Subjects,
    stands: bool,
) -> Rank {
    let f = &kb.facts[r.fact];
    let on_topic = s.continues_fact && conv.topic.as_deref() == Some(f.topic.as_str());
    // The earlier the fact lists the intent, the more it is what the fact answers.
    let primary = usize::MAX - f.intents.iter().position(|&i| i == intent).unwrap_or(0);
    let narrow = if r.confirmed > 0 {
        usize::MAX - f.mentions.len()
    } else {
        0
    };
    // The first entity named is the one a question is about ("was Oríon IBM's software?").
    let named = s.explicit.first() == Some(&r.subject);
    let agree = usize::MAX - r.contradicted;
    (
        stands,
        on_topic,
        named,
        agree,
        r.evidence_words,
        r.confirmed,
        primary,
        narrow,
    )
}

/// The best reading of the best-scoring intent that has one. Readings of different facts that
/// fit equally well (and are not on one topic) make the question ambiguous.
#[allow(clippy::too_many_arguments)]
fn by_intent(
    kb: &KnowledgeBase,
    p: &Parsed,
    cands: &[Candidate],
    conv: &Conversation,
    s: &Subjects,
    open: &[usize],
    misfit: &mut Option<(usize, Misfit)>,
) -> Option<Decision> {
    if s.claimed.is_some() {
        return None;
    }
    let mut best: Option<(Reading, Rank, &Candidate)> = None;
    // The readings as good as the best, the best among them.
    let mut tied: Vec<(Reading, &Candidate)> = Vec::new();
    // A fact about the entity a yes/no question names first that does not settle the value
    // asked ("is baby-ai a deep learning framework?"): what it says is the closest answer.
    let first = s
        .explicit
        .first()
        .copied()
        .filter(|&e| e != DEFAULT_SUBJECT);
    let mut unsettled: Option<(usize, usize, &Candidate)> = None;
    // A stronger intent asking the same slot (its question word) with no reading: a weaker
    // one answers only with a fact its subject comes first in. "HEC, ça date de quand ?"
    // asks when HEC began; that HEC was in a partnership from 2017 does not say.
    let mut unread_slot: Option<f64> = None;
    // Such an intent whose question words ask its slot alone (`wh_exclusive`): no intent
    // the question word is foreign to answers below it.
    let mut unread_exclusive: Option<f64> = None;
    // Unless the question asks another slot too ("c'est quand pis avec quelle compagnie …?").
    let one_question_word = || {
        (p.classes.iter())
            .filter(|&&c| c & class::QUESTION != 0)
            .count()
            <= 1
    };
    // "Partners besides universities": not the intent the left-out word asks for, unless
    // another word asks for it alone ("which positions, besides degrees?").
    let left_out = p.excluded.and_then(|i| kb.group_words.get(&p.words[i]));
    let only_by = |c: &Candidate, i: usize| {
        c.explains[i] && !cands.iter().any(|o| o.intent != c.intent && o.explains[i])
    };
    let asked_otherwise =
        |c: &Candidate| open.iter().any(|&i| Some(i) != p.excluded && only_by(c, i));
    let asked = |c: &&Candidate| {
        !kb.intents[c.intent].smalltalk
            && !left_out.is_some_and(|owners| owners.contains(&c.intent) && !asked_otherwise(c))
    };
    for c in cands.iter().filter(asked) {
        if best
            .as_ref()
            .is_some_and(|(.., b)| c.score < b.score - 1e-9)
        {
            break;
        }
        let facts = facts_for(kb, Some(c.intent), s, conv);
        if facts.is_empty() {
            misfit.get_or_insert((c.intent, Misfit::NoFact));
        }
        let weaker = |m: f64| c.score < m - 1e-9;
        if !c.wh && unread_exclusive.is_some_and(weaker) {
            continue;
        }
        let same_slot = c.wh && unread_slot.is_some_and(weaker);
        let mut read = false;
        for (fact, subject) in facts {
            if same_slot && kb.facts[fact].subjects.first() != Some(&subject) {
                continue;
            }
            // Only the first misfit is kept: the others need no detail.
            let detail = misfit.is_none();
            let r = match readings::check(kb, p, Some(c), fact, subject, open, false, detail) {
                Ok(r) => r,
                Err(m) => {
                    if matches!(m, Misfit::Value(_)) && first == Some(subject) {
                        unsettled.get_or_insert((fact, subject, c));
                    }
                    misfit.get_or_insert((c.intent, m));
                    continue;
                }
            };
            read = true;
            let rk = rank(
                kb,
                &r,
                c.intent,
                conv,
                s,
                super::sublists::stands(kb, p, c, open, fact),
            );
            match &best {
                Some((b, brk, _)) if rk < *brk || b.fact == r.fact => {}
                Some((_, brk, _)) if rk == *brk => tied.push((r, c)),
                _ => {
                    tied = vec![(r.clone(), c)];
                    best = Some((r, rk, c));
                }
            }
        }
        // With no question word, a request for the slot in the question's own words ("name
        // the …", not an ellipsis carrying the last question's intent) asks it alone too.
        let exclusive = kb.intents[c.intent].wh_exclusive;
        let requested = exclusive && requests_slot(p, c);
        if !read && (c.wh || requested) {
            unread_slot.get_or_insert(c.score);
            if exclusive && one_question_word() {
                unread_exclusive.get_or_insert(c.score);
            }
        }
    }
    let (reading, _, c) = best?;
    // Unless the best reading settles the claim from a fact about that entity too: one that
    // gives it as its value, or for "No", one that names it ("did Bengio start the lab in
    // 2003?" gets "No" from the founding year, a fact naming him).
    let f = &kb.facts[reading.fact];
    let settles_first = match reading.verdict {
        Some(true) => f.value_entity == first,
        Some(false) => f.value_entity == first || first.is_some_and(|e| f.mentions.contains(&e)),
        None => false,
    };
    if let Some((fact, subject, c)) =
        unsettled.filter(|_| p.yes_no && first != Some(reading.subject) && !settles_first)
    {
        return Some(Decision::Fact {
            reading: Reading::of(fact, subject),
            intent: Some(c.intent),
            score: c.score,
            via: "(what the article says of the entity named, which does not settle it)".into(),
        });
    }
    let facts: Vec<usize> = tied.iter().map(|(r, _)| r.fact).collect();
    if facts.len() > 1 && !same_topic(kb, &facts) {
        // Facts that fit equally well: the one on the conversation's topic is the one meant
        // ("Tell me about the deal with IBM." then "When was it announced?").
        let on_topic = |(r, _): &&(Reading, &Candidate)| {
            conv.topic.as_deref() == Some(kb.facts[r.fact].topic.as_str())
        };
        if let [(reading, c)] = tied.iter().filter(on_topic).collect::<Vec<_>>()[..] {
            return Some(Decision::Fact {
                reading: reading.clone(),
                intent: Some(c.intent),
                score: c.score,
                via: format!("{} (on the conversation's topic)", c.via(kb)),
            });
        }
        return Some(Decision::Refuse(Refusal::Ambiguous(facts)));
    }
    Some(Decision::Fact {
        reading,
        intent: Some(c.intent),
        score: c.score,
        via: c.via(kb),
    })
}

/// Small talk explains every word with its own cues or with pure filler, and names nothing.
/// A question without a question word, not yes/no, whose own words read the intent ("name
/// Mila's industrial partners"; not "and since 2017?", which carries the last intent).
fn requests_slot(p: &Parsed, c: &Candidate) -> bool {
    p.qword.is_none() && !p.yes_no && !p.elliptic && c.explains.contains(&true)
}

fn smalltalk(kb: &KnowledgeBase, p: &Parsed, cands: &[Candidate]) -> Option<usize> {
    if !p.mentions.is_empty() || !p.numbers.is_empty() {
        return None;
    }
    let lex = &kb.lexicon;
    let plain = |w: &str| lex.filler.contains(w);
    // Of those that explain every word, the one whose own cues explain the most.
    cands
        .iter()
        .filter(|c| kb.intents[c.intent].smalltalk)
        .filter(|c| (0..p.words.len()).all(|i| c.explains[i] || plain(&p.words[i])))
        .max_by_key(|c| {
            (
                c.explains.iter().filter(|&&e| e).count(),
                usize::MAX - c.intent,
            )
        })
        .map(|c| c.intent)
}

fn same_topic(kb: &KnowledgeBase, facts: &[usize]) -> bool {
    facts
        .windows(2)
        .all(|w| kb.facts[w[0]].topic == kb.facts[w[1]].topic)
}

/// How well a fact's evidence fits: about the first entity named, words explained, names
/// confirmed, whether it describes, narrowness.
type EvidenceRank = (bool, bool, bool, usize, usize, bool, usize);

/// No intent fits: a fact whose evidence explains every meaningful word (at least one), or
/// a question that only names an entity ("McGill?"): the fact describing it.
fn by_evidence(
    kb: &KnowledgeBase,
    p: &Parsed,
    conv: &Conversation,
    s: &Subjects,
    open: &[usize],
) -> Option<Decision> {
    if s.claimed.is_some() || (s.explicit.is_empty() && !s.from_context) {
        return None;
    }
    let mut best: Option<(Reading, EvidenceRank)> = None;
    // A word no fact quotes fails every fact: then none is checked.
    let facts = if readings::quoted_somewhere(kb, p, open) {
        facts_for(kb, None, s, conv)
    } else {
        Vec::new()
    };
    for (fact, subject) in facts {
        let Ok(r) = readings::check(kb, p, None, fact, subject, open, true, false) else {
            continue;
        };
        // Without an intent, a "No" only from a number ("Mila has 5,000 researchers?"), never
        // from a name: the relation asked is only as sure as the quote that explains it.
        if r.verdict == Some(false) && r.name_contradicted {
            continue;
        }
        let f = &kb.facts[fact];
        let describes = readings::describes(kb, f);
        // A question naming nothing gets no description of the conversation's subject
        // ("and now?" after a count asks the count).
        if open.is_empty() && (!describes || s.explicit.is_empty()) && r.confirmed == 0 {
            continue;
        }
        // About the first entity named ("is Oríon a product of IBM?" is about Oríon), asking
        // "only" of a list, settling
        // a yes/no question by what the fact says, not by a kind it states ("was Mila
        // originally the Montreal Institute for Learning Algorithms?" by the fact giving that
        // name), more words explained, more names confirmed, then the narrower fact.
        // "Just UdeM?" asks of a list naming it whether it has others.
        let lists_named = p.only && f.items.iter().any(|i| p.entities().contains(i));
        let rank = (
            s.first == Some(r.subject),
            lists_named,
            p.yes_no_form && r.verdict.is_some() && !describes,
            r.evidence_words,
            r.confirmed,
            describes,
            usize::MAX - f.mentions.len(),
        );
        if best.as_ref().is_none_or(|(_, b)| rank > *b) {
            best = Some((r, rank));
        }
    }
    let best = best.map(|(r, _)| r);
    if let Some(reading) = best {
        return Some(Decision::Fact {
            reading,
            intent: None,
            score: 1.0,
            via: "(the fact's evidence explains the question)".into(),
        });
    }
    super::passage::sentence_reading(kb, p, s, open)
}

/// A few words an intent explains whole ("location", "research areas", "date de fondation")
/// ask for its fact: every word is the intent's or a name, but for a function word between
/// two of them ("of course" and "call mom" are no keywords).
fn keywords(kb: &KnowledgeBase, p: &Parsed, c: &Candidate, open: &[usize]) -> bool {
    let n = p.words.len();
    let own = |i: usize| c.explains[i] || p.is_named(i);
    let inner = |i: usize| i > 0 && i + 1 < n && p.classes[i] & class::FUNCTION != 0;
    n <= KEYWORD_QUERY_WORDS
        && p.numbers.is_empty()
        && !kb.intents[c.intent].smalltalk
        && !open.is_empty()
        && (0..n).all(|i| own(i) || inner(i))
}

/// The most words of a question of keywords alone ("research areas", "mila founding year").
const KEYWORD_QUERY_WORDS: usize = 3;

fn refusal(
    kb: &KnowledgeBase,
    p: &Parsed,
    cands: &[Candidate],
    s: &Subjects,
    open: &[usize],
    misfit: Option<(usize, Misfit)>,
) -> Refusal {
    match &s.claimed {
        Some(Claim::SelfWords) => return Refusal::AboutYou,
        Some(Claim::External(kind)) => return Refusal::OtherSubject(kind.clone()),
        None => {}
    }
    match misfit {
        Some((_, Misfit::Value(v))) => return Refusal::NotSettled(v),
        Some((_, Misfit::Unexplained(w))) => return Refusal::Unexplained(w),
        Some((intent, Misfit::NoFact)) => {
            return Refusal::NoFact {
                intent,
                subject: s.order.first().copied().unwrap_or(DEFAULT_SUBJECT),
            }
        }
        None => {}
    }
    if let Some(c) = cands.first() {
        return Refusal::NoFact {
            intent: c.intent,
            subject: s.order.first().copied().unwrap_or(DEFAULT_SUBJECT),
        };
    }
    if s.explicit.is_empty() && open.iter().all(|&i| !kb.vocab.is_meaningful(&p.words[i])) {
        return Refusal::OffTopic;
    }
    Refusal::Unexplained(open.iter().map(|&i| p.words[i].clone()).collect())
}
