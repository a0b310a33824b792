//! Step 3b: readings. A reading is a fact about the question's subject that accounts for the
//! whole question: every meaningful word is explained (by a name, by the intent's cues, by the
//! fact's own evidence, or as a word without meaning of its own) and every value named (a
//! place, a person, a year) is one the fact states. Yes/no questions compare their values with
//! the fact's: a value of the same kind that a closed fact does not list is a "No".

use super::decide::DEFAULT_SUBJECT;
use super::intents::Candidate;
use super::parse::{Cmp, Named, Number, Parsed};
use crate::knowledge::{class, Fact, KnowledgeBase};
use crate::nlu::{normalize, tokens};

/// A fact that answers the question, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub fact: usize,
    pub subject: usize,
    /// `Some(true)`: a yes/no question whose values the fact confirms; `Some(false)`: one it
    /// contradicts.
    pub verdict: Option<bool>,
    /// Question words explained by the fact's evidence (more is more specific); those in its
    /// quotes count twice.
    pub evidence_words: usize,
    /// Values named in the question (entities other than the subject, numbers) that the fact
    /// states, and those it contradicts.
    pub confirmed: usize,
    pub contradicted: usize,
    /// A name (not only a number) is among the values contradicted.
    pub name_contradicted: bool,
}

impl Reading {
    /// A fact taken as it is, with nothing of the question to check.
    pub fn of(fact: usize, subject: usize) -> Self {
        Reading {
            fact,
            subject,
            verdict: None,
            evidence_words: 0,
            confirmed: 0,
            contradicted: 0,
            name_contradicted: false,
        }
    }
}

/// Why no fact fits, for the explanation and the refusal wording.
#[derive(Debug, Clone, PartialEq)]
pub enum Misfit {
    /// Words nothing explains.
    Unexplained(Vec<String>),
    /// A value the fact does not state, and cannot be said to contradict.
    Value(String),
    /// No fact about the subject has this intent.
    NoFact,
}

/// The words of the question that are meaningful: not names, numbers, function words, or
/// words describing an entity the question names.
pub fn meaningful(kb: &KnowledgeBase, p: &Parsed, subject_known: bool) -> Vec<usize> {
    let named = p.entities();
    // "Now" of a person ("what is Larochelle doing now?") asks what the article does not say.
    let person = p.person_pronoun || p.names_any(kb, &kb.lexicon.person_kinds);
    let function = if subject_known && !person {
        class::FUNCTION | class::SELF | class::PRESENT
    } else if subject_known {
        class::FUNCTION | class::SELF
    } else {
        class::FUNCTION
    };
    (0..p.words.len())
        .filter(|&i| {
            let w = p.words[i].as_str();
            !(p.is_named(i)
                || p.excluded == Some(i)
                || (p.classes[i] & function != 0 && !possessed_head(kb, p, i))
                || named
                    .iter()
                    .any(|&e| kb.entities[e].descriptors.contains(w)))
        })
        .collect()
}

/// A word of no meaning of its own that a name possesses, as the head of its phrase
/// ("Larochelle's *thesis*", not "Mila's *main* research"): it names a thing of that name's,
/// which the question is about.
fn possessed_head(kb: &KnowledgeBase, p: &Parsed, i: usize) -> bool {
    // What follows the head: nothing, or a word of no meaning that no modifier is ("very
    // *first*").
    let modifier = class::LIST | class::ONLY | class::OTHERS | class::EARLIER;
    let ends = |j: usize| {
        p.classes
            .get(j)
            .is_none_or(|c| c & class::FUNCTION != 0 && c & modifier == 0)
    };
    i >= 2
        && p.words[i - 1] == "s"
        && p.is_named(i - 2)
        && p.classes[i] & class::FILLER != 0
        && kb.lexicon.class(&p.words[i]) & (class::FUNCTION & !class::FILLER) == 0
        && !kb.lexicon.vague_nouns.contains(&p.words[i])
        && ends(i + 1)
}

/// Checks one fact against the question: `Ok` with the reading, or why it does not fit.
/// Without `detail` (the caller only needs to know whether it fits), the words left
/// unexplained are not listed: the first one ends the check.
#[allow(clippy::too_many_arguments)]
pub fn check(
    kb: &KnowledgeBase,
    p: &Parsed,
    cand: Option<&Candidate>,
    fact: usize,
    subject: usize,
    open: &[usize],
    quotes_only: bool,
    detail: bool,
) -> Result<Reading, Misfit> {
    let f = &kb.facts[fact];
    // "Does Mila have 1000 researchers today?" is not settled by a count of 2020; "still
    // active as of 2020" names the fact's own year, and is.
    let own_year = || {
        (p.numbers.iter())
            .any(|n| n.is_year() && f.numbers.contains(&n.value) && n.cmp == Cmp::Equal)
    };
    let now = || (0..p.words.len()).find(|&i| p.classes[i] & class::PRESENT != 0);
    if let Some(i) = f.dated.then(now).flatten().filter(|_| !own_year()) {
        return Err(Misfit::Unexplained(vec![p.words[i].clone()]));
    }
    let evidence_words = explain(kb, p, cand, f, open, quotes_only, detail)?;
    // A position ("the second …") picks from a list: a fact without one must explain it
    // otherwise ("what was Mila first called?"), not "why … in the first place?".
    if let Some(i) = p.ordinal_at {
        if f.items.is_empty() && !cand.is_some_and(|c| c.explains[i]) {
            return Err(Misfit::Unexplained(vec![p.words[i].clone()]));
        }
    }
    // A question that names the value a fact gives asks something else ("who created Oríon
    // at Mila?" is not answered by "Oríon is Mila's").
    let gives = f.value_entity.filter(|&v| v != subject);
    if let Some(v) = gives.filter(|v| !p.yes_no && p.entities().contains(v)) {
        return Err(Misfit::Value(kb.entities[v].name.clone()));
    }
    if p.others && !names_others(kb, p, f, subject) {
        return Err(Misfit::Value(String::new()));
    }
    if p.companion && !names_another_person(kb, p, f) {
        return Err(Misfit::Value(String::new()));
    }
    let mut name_contradicted = false;
    let asked = Asked {
        intent: cand.map(|c| c.intent),
        explains: cand.map(|c| c.explains.as_slice()),
        open,
    };
    let verdict = values(kb, p, f, subject, &asked, &mut name_contradicted)?;
    let numbers = p.numbers.iter().filter(|n| number_fits(f, n)).count();
    let confirmed = numbers
        + p.entities()
            .iter()
            .filter(|&&e| e != subject && (f.mentions.contains(&e) || f.subjects.contains(&e)))
            .count();
    let named = p.mentions.len() + p.numbers.len();
    let contradicted = if verdict == Some(false) {
        named.saturating_sub(confirmed + usize::from(p.entities().contains(&subject)))
    } else {
        0
    };
    Ok(Reading {
        fact,
        subject,
        verdict,
        evidence_words,
        confirmed,
        contradicted,
        name_contradicted,
    })
}

/// Whether every word of `open` is quoted by some fact (has a stem among its quote stems): a
/// reading from the quotes alone needs it.
pub fn quoted_somewhere(kb: &KnowledgeBase, p: &Parsed, open: &[usize]) -> bool {
    open.iter()
        .all(|&i| p.stems(kb, i).iter().any(|s| kb.quote_stems.contains(s)))
}

/// Explains every meaningful word not explained by the intent with the fact's evidence:
/// the number of words it explains (those of its quotes count twice), or the words it cannot.
fn explain(
    kb: &KnowledgeBase,
    p: &Parsed,
    cand: Option<&Candidate>,
    f: &Fact,
    open: &[usize],
    quotes_only: bool,
    detail: bool,
) -> Result<usize, Misfit> {
    let mut unexplained = Vec::new();
    let mut evidence_words = 0;
    for &i in open
        .iter()
        .filter(|&&i| !cand.is_some_and(|c| c.explains[i]))
    {
        let stems = p.stems(kb, i);
        let quoted = stems.iter().any(|s| f.quote_stems.contains(s));
        // A word that asks for another relation ("faculty" in "how many faculty?") is not
        // explained by the context around a fact's quote, only by the quote itself.
        let other = !quoted
            && kb.group_words.get(&p.words[i]).is_some_and(|owners| {
                cand.is_none_or(|c| !owners.contains(&c.intent))
                    && !f.intents.iter().any(|x| owners.contains(x))
            });
        if quoted {
            evidence_words += 2;
        } else if names_a(kb, f, &p.words[i])
            || (!other && !quotes_only && stems.iter().any(|s| f.stems.contains(s)))
        {
            evidence_words += 1;
        } else if detail {
            unexplained.push(p.words[i].clone());
        } else {
            return Err(Misfit::Unexplained(Vec::new()));
        }
    }
    if unexplained.is_empty() {
        Ok(evidence_words)
    } else {
        Err(Misfit::Unexplained(unexplained))
    }
}

/// Whether `word` asks for an entity of a kind the fact names ("which language" of a fact
/// naming Python).
fn names_a(kb: &KnowledgeBase, f: &Fact, word: &str) -> bool {
    kb.lexicon.kind_words.get(word).is_some_and(|kind| {
        f.subjects
            .iter()
            .skip(1)
            .chain(&f.mentions)
            .chain(&f.value_entity)
            .any(|&e| kb.entities[e].kind == *kind)
    })
}

/// Compares the values the question names with the fact's.
fn values(
    kb: &KnowledgeBase,
    p: &Parsed,
    f: &Fact,
    subject: usize,
    asked: &Asked,
    named: &mut bool,
) -> Result<Option<bool>, Misfit> {
    let mut confirmed = false;
    // A value named is one the fact gives as its value, not only one it mentions: "is Oríon
    // IBM's software?" is not settled by a sentence naming both.
    let mut stated = false;
    // A value named that the fact only mentions: "is Oríon IBM's software?" names IBM, which
    // the fact about Oríon mentions without saying it is IBM's.
    let mut loose = false;
    let mut contradicted = false;
    let mut subject_named = false;
    // "Mainly X?": X is checked against the values the fact gives as its main ones, and a
    // value of their kind that is not one of them gets "No" ("mainly robotics?").
    let main_kind = |kind: &str| f.main.iter().any(|&e| kb.entities[e].kind == kind);
    let mainly = p.yes_no && p.mainly && !f.main.is_empty();
    for m in &p.mentions {
        let name = || p.words[m.start..m.end].join(" ");
        match &m.what {
            Named::Entity(e) if mainly && *e != subject && main_kind(&kb.entities[*e].kind) => {
                if f.main.contains(e) {
                    confirmed = true;
                    stated = true;
                } else {
                    contradicted = true;
                    *named = true;
                }
            }
            Named::External(kind) if mainly && main_kind(kind) => {
                contradicted = true;
                *named = true;
            }
            // The subject named again by another of its names, one the fact gives as its value:
            // "was its first name the Montreal Institute for Learning Algorithms?"
            Named::Entity(e) if *e == subject && subject_named => {
                if gives_as(kb, p, f, &p.words[m.start..m.end]) {
                    confirmed = true;
                    stated = true;
                } else if p.yes_no && f.closed.is_every() && gives(kb, f, subject) {
                    // A fact giving all the subject's names refutes another one ("was Mila
                    // first called Bengio's lab?"); a fact giving other values does not (its
                    // place says nothing against "a Quebec institute").
                    contradicted = true;
                    *named = true;
                }
            }
            Named::Entity(e) if *e == subject => subject_named = true,
            Named::Entity(e) if f.subjects.contains(e) || f.mentions.contains(e) => {
                confirmed = true;
                // A mention the fact declares counts as given when an intent asked for the
                // fact, not when only its evidence explains the question: "LISA c'était à
                // Polytechnique ?" is not settled by a history naming Polytechnique later.
                let declared = asked.intent.is_some() && f.declared.contains(e);
                let given = gives(kb, f, *e) || f.subjects.contains(e) || declared;
                stated |= given;
                loose |= !given;
            }
            Named::Entity(e) if !p.yes_no && f.context.contains(e) => {}
            Named::Entity(e) => {
                if !(p.yes_no && closes(kb, f, subject, &kb.entities[*e].kind)) {
                    return Err(Misfit::Value(name()));
                }
                contradicted = true;
                *named = true;
            }
            Named::External(kind) => {
                if !(p.yes_no && refutes(kb, p, f, subject, kind)) || near(kb, p, m.start) {
                    return Err(Misfit::Value(name()));
                }
                contradicted = true;
                *named = true;
            }
        }
    }
    for n in &p.numbers {
        // A small count without a comparison ("which 2 universities") is not a value to check.
        if n.cmp == Cmp::Equal && n.value < SMALL_COUNT {
            continue;
        }
        if number_fits(f, n) {
            confirmed = true;
            stated = true;
        } else if p.yes_no
            && f.closed.closes_number(n.is_year())
            && f.numbers.iter().any(|v| same_scale(*v, n))
        {
            contradicted = true;
        } else {
            return Err(Misfit::Value(n.value.to_string()));
        }
    }
    Ok(if !p.yes_no {
        None
    } else if p.either && confirmed {
        // A choice ("is Mila in Vancouver or Montreal?"): the fact says which, not Yes or No.
        None
    } else if contradicted || (p.only && confirmed && (f.partial || more_items(p, f))) {
        // "Only deep learning?" of a fact that says "not exclusively", "just UdeM?" of a
        // fact listing others: "No".
        Some(false)
    } else if !p.either
        && (!p.asks_kind || asked.intent.is_some() || describes(kb, f))
        && confirms(kb, p, f, subject, asked, stated && !loose)
    {
        Some(true)
    } else {
        None
    })
}

/// Whether the name at `start` follows a word of nearness (`proximity`), with perhaps an
/// article between: "is Mila near (the) downtown?" is not refuted by where Mila is.
fn near(kb: &KnowledgeBase, p: &Parsed, start: usize) -> bool {
    let near = &kb.lexicon.proximity;
    let ends_near = |before: &[String]| {
        let one = before.last().is_some_and(|w| near.contains(w));
        one || (before.len() >= 2 && near.contains(&before[before.len() - 2..].join(" ")))
    };
    let before = &p.words[..start];
    let article = before
        .last()
        .is_some_and(|w| kb.lexicon.class(w) & class::FUNCTION != 0);
    ends_near(before) || (article && ends_near(&before[..before.len() - 1]))
}

/// Whether the fact lists items the question does not name, besides one it does.
fn more_items(p: &Parsed, f: &Fact) -> bool {
    let named = |i: &usize| p.entities().contains(i);
    f.items.iter().any(named) && !f.items.iter().all(named)
}

/// Whether a fact says what its subject is (an intent that `describes`, or `states_kind`).
pub fn describes(kb: &KnowledgeBase, f: &Fact) -> bool {
    f.states_kind || f.intents.iter().any(|&i| kb.intents[i].describes)
}

/// The first fact that says what `entity` is.
pub fn description_of(kb: &KnowledgeBase, entity: usize) -> Option<usize> {
    (kb.facts.iter()).position(|f| f.subjects.first() == Some(&entity) && describes(kb, f))
}

/// What the question asks of a fact: the intent that matched (`None`: the fact's evidence
/// explained it) and the meaningful words.
struct Asked<'a> {
    intent: Option<usize>,
    /// Per word of the question: explained by that intent.
    explains: Option<&'a [bool]>,
    open: &'a [usize],
}

/// Whether a yes/no question gets "Yes": only for what the fact asserts of a subject the
/// question names (not one it implies: "baby-ai is a framework for Python?" is not settled by
/// the list of Mila's projects), never for "only …" against a fact that gives examples, and
/// never from what a description merely mentions. With no other value named, the relation
/// asked must be one the fact states: its words are those of the fact's claim, outside the
/// names it quotes ("does Mila offer postdocs?", not "is Mila a university?").
fn confirms(
    kb: &KnowledgeBase,
    p: &Parsed,
    f: &Fact,
    subject: usize,
    asked: &Asked,
    stated: bool,
) -> bool {
    // Nothing named, or only places ("c'est-tu à Montréal ?"): the default subject is the one
    // asked about.
    let only_places = p.entities().is_empty() || p.names_only(kb, &kb.lexicon.context_kinds);
    // A pronoun names what it refers to ("are they into computer vision?").
    let named = p.entities().contains(&subject) || p.pronoun || p.person_pronoun;
    // So does an item of the fact's list that the article says nothing else about ("is meta
    // learning one of the topics?"); not one with facts of its own ("baby-ai is a framework
    // for Python?").
    let entities = p.entities();
    let items_named = !entities.is_empty()
        && (entities.iter()).all(|&e| f.items.contains(&e) && kb.facts_about(e).is_empty());
    let implied = !(named || (subject == DEFAULT_SUBJECT && (only_places || items_named)));
    let exclusive = p.only && !f.closed.is_every();
    let describes = match asked.intent {
        Some(i) => kb.intents[i].describes,
        None => f.intents.first().is_some_and(|&i| kb.intents[i].describes),
    };
    // "Is Doina Precup on the faculty?" checks the subject itself; with other values named,
    // those are what is checked.
    let subject_asked = subject != DEFAULT_SUBJECT && f.subjects.first() == Some(&subject);
    // The subject named again by another name is a value too ("was Mila founded as the
    // Montreal Institute for Learning Algorithms?"): one the fact must give, in that part.
    let mut again = p
        .mentions
        .iter()
        .filter(|m| m.what == Named::Entity(subject))
        .skip(1);
    let others_named = !p.numbers.is_empty()
        || again.any(|m| !gives_as(kb, p, f, &p.words[m.start..m.end]))
        || p.mentions.iter().any(|m| match m.what {
            Named::Entity(e) => e != subject && !gives(kb, f, e),
            Named::External(_) => true,
        });
    // A word of the question the fact claims.
    let claim = |i: &usize| p.stems(kb, *i).iter().any(|s| f.claim_stems.contains(s));
    let claimed = || asked.open.iter().all(claim);
    // The subject itself asked about: what is said of it beyond the intent's words must be
    // what the fact claims ("is myia a platform for language learning?" is not settled by "a
    // framework for Python").
    let beyond_intent = || {
        (asked.open.iter())
            .filter(|&&i| !asked.explains.is_some_and(|e| e[i]))
            .all(claim)
    };
    let subject_claimed = subject_asked && !others_named && beyond_intent();
    // With the intent's own words for the rest, one word of the fact's claim is enough: "Mila
    // work with companies?" of a fact that claims partnerships with companies ("work with" is
    // the intent's); never a word the intent alone explains ("is Mila a university?").
    let intent_claimed =
        || asked.explains.is_some() && asked.open.iter().any(claim) && beyond_intent();
    let relation_asked = !describes && !others_named && (claimed() || intent_claimed());
    let asserted = (stated && !describes) || subject_claimed || relation_asked;
    asserted && !implied && !exclusive
}

/// Whether the fact gives `name` as a part of its value, the part its qualifiers pick when
/// the question repeats one ("originally" picks "originally Montreal Institute for Learning
/// Algorithms" over the current name).
fn gives_as(kb: &KnowledgeBase, p: &Parsed, f: &Fact, name: &[String]) -> bool {
    let asked = |w: &String| {
        kb.lexicon.class(w) & class::FUNCTION == 0
            && (0..p.words.len()).any(|i| !p.is_named(i) && p.words[i] == *w)
    };
    let qualified = |part: &Vec<String>| part.iter().any(asked);
    let has = |part: &Vec<String>| part.windows(name.len()).any(|w| w == name);
    let any_qualified = f.value_words.iter().any(qualified);
    f.value_words
        .iter()
        .any(|part| has(part) && (!any_qualified || qualified(part)))
}

/// Whether the fact gives the entity as (part of) its value: by one of its names, standing on
/// its own ("Montreal" in "Montreal, Quebec"), not inside a longer name ("Montreal Institute
/// for Learning Algorithms" gives no place).
fn gives(kb: &KnowledgeBase, f: &Fact, e: usize) -> bool {
    let content = |w: &String| kb.lexicon.class(w) & class::FUNCTION == 0;
    let alone = |part: &[String], at: usize, n: usize| {
        let before = at > 0 && content(&part[at - 1]);
        !(before || part.get(at + n).is_some_and(content))
    };
    f.value_entity == Some(e)
        || kb.entities[e].aliases.iter().any(|a| {
            !a.is_empty()
                && f.value_words.iter().any(|part| {
                    part.windows(a.len())
                        .enumerate()
                        .any(|(at, w)| w == a.as_slice() && alone(part, at, a.len()))
                })
        })
}

/// Whether the fact names a person the question does not ("who won it with Bengio?" needs
/// one).
fn names_another_person(kb: &KnowledgeBase, p: &Parsed, f: &Fact) -> bool {
    (f.subjects.iter().chain(&f.mentions)).any(|&e| kb.is_person(e) && !p.entities().contains(&e))
}

/// "Who else ... besides Bengio?": the fact must name another entity of a kind the question
/// names.
fn names_others(kb: &KnowledgeBase, p: &Parsed, f: &Fact, subject: usize) -> bool {
    let mut named = p.entities().to_vec();
    if !named.contains(&subject) {
        named.push(subject);
    }
    if named.iter().all(|&e| e == DEFAULT_SUBJECT) {
        return true;
    }
    // "What else is Bengio known for?": more of the one thing named, which describes it.
    if p.more_about && named == [subject] && describes(kb, f) {
        return true;
    }
    let kinds: Vec<&str> = named
        .iter()
        .map(|&e| kb.entities[e].kind.as_str())
        .collect();
    // The default subject is what the others are of, never one of them: "which partners
    // besides IBM?" is not answered by Mila teaming up with IBM.
    let other = |e: &usize| {
        !named.contains(e)
            && *e != DEFAULT_SUBJECT
            && kinds.contains(&kb.entities[*e].kind.as_str())
    };
    // A value in groups ("private companies; IBM; its universities"): the others must share
    // the group of the name left out ("universities besides McGill").
    let has = |group: &[String], e: usize| {
        kb.entities[e]
            .aliases
            .iter()
            .any(|a| !a.is_empty() && group.windows(a.len()).any(|w| w == a.as_slice()))
    };
    let left_out: Vec<usize> = named.iter().copied().filter(|&e| e != subject).collect();
    let groups: Vec<Vec<String>> = if f.value.contains(';') {
        f.value.split(';').map(|g| tokens(&normalize(g))).collect()
    } else {
        Vec::new()
    };
    let grouped: Vec<&Vec<String>> = groups
        .iter()
        .filter(|g| left_out.iter().any(|&e| has(g, e)))
        .collect();
    if !grouped.is_empty() {
        // Or a group of unnamed others of that kind ("companies besides IBM": the "private
        // companies" Mila has partnerships with).
        let kind_of = |w: &String| kb.lexicon.kind_words.get(w);
        let unnamed = groups.iter().any(|g| {
            !left_out.iter().any(|&e| has(g, e))
                && g.iter().any(|w| {
                    kind_of(w).is_some_and(|k| left_out.iter().any(|&e| kb.entities[e].kind == *k))
                })
        });
        return unnamed
            || f.subjects
                .iter()
                .chain(&f.mentions)
                .any(|e| other(e) && grouped.iter().any(|g| has(g, *e)));
    }
    // Another the fact is about or gives, not one it only mentions: "which other institutes
    // did Bengio found besides Mila?" is not answered by a sentence naming the Université de
    // Montréal beside Mila.
    let given = |e: &usize| f.subjects.contains(e) || f.items.contains(e) || gives(kb, f, *e);
    f.subjects
        .iter()
        .chain(&f.mentions)
        .any(|e| other(e) && given(e))
}

/// Below this, a number without a comparison is a count in the question, not a value.
const SMALL_COUNT: u64 = 20;

/// Whether the fact refutes a name of `kind` the article does not cover: it gives every
/// value of that kind ([`closes`]), or the question asks whether the name is the only one
/// ("only bachelor's degrees?") and the fact gives another. (An entity of the article's the
/// fact does not name is refuted only by a fact closed for its kind: "only deep learning?"
/// is for the fact that names it.)
fn refutes(kb: &KnowledgeBase, p: &Parsed, f: &Fact, subject: usize, kind: &str) -> bool {
    closes(kb, f, subject, kind) || (p.only && gives_kind(kb, f, subject, kind))
}

/// The fact lists every value of this kind, and has one (not the subject): another value of
/// the kind is refuted by it.
pub(super) fn closes(kb: &KnowledgeBase, f: &Fact, subject: usize, kind: &str) -> bool {
    f.closed.closes(kind) && gives_kind(kb, f, subject, kind)
}

/// Whether the fact names a value of `kind` other than its subject.
fn gives_kind(kb: &KnowledgeBase, f: &Fact, subject: usize, kind: &str) -> bool {
    f.subjects
        .iter()
        .chain(&f.mentions)
        .chain(&f.value_entity)
        .any(|&e| e != subject && kb.entities[e].kind == kind)
}

/// A year is compared with years, a quantity with quantities: "50 people in 2020?" is not
/// refuted by a date.
fn same_scale(v: u64, n: &Number) -> bool {
    super::parse::is_year(v) == n.is_year()
}

fn number_fits(f: &Fact, n: &Number) -> bool {
    let values = if f.value_numbers.is_empty() {
        &f.numbers
    } else {
        &f.value_numbers
    };
    match n.cmp {
        Cmp::Equal => f.numbers.contains(&n.value),
        Cmp::More => values.iter().any(|&v| same_scale(v, n) && v > n.value),
        Cmp::Less => values.iter().any(|&v| same_scale(v, n) && v < n.value),
        Cmp::Decade => f
            .numbers
            .iter()
            .any(|&v| (n.value..n.value + 10).contains(&v)),
    }
}
