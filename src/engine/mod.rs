//! `ask(question, conversation) -> Answer`: pure, synchronous, no I/O.
//!
//! The steps, one file each, read top to bottom:
//! 1. normalise ([`crate::nlu::normalize`]): case, accents, punctuation, elision;
//! 2. [`spelling`] then [`parse`]: typo correction, names, numbers, language, pronouns,
//!    yes/no;
//! 3. candidates: [`intents`] (question shapes), [`subjects`] (who it is about, which facts
//!    may answer) and [`readings`] (facts that account for every word of the question);
//! 4. [`decide`]: the subject, then the best reading, a sentence, small talk, or a typed
//!    refusal;
//! 5. [`compose`]: the answer in the question's language, with its citations.

pub mod alternatives;
pub mod blanks;
pub mod compose;
pub mod contrast;
pub mod dates;
pub mod decide;
pub mod intents;
pub mod near;
pub mod options;
pub mod pairs;
pub mod parse;
pub mod passage;
pub mod pieces;
pub mod possess;
pub mod readings;
pub mod references;
pub mod restate;
pub mod roles;
pub mod spelling;
pub mod subjects;
pub mod sublists;
pub mod suggest;
pub mod swap;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_asker;
#[cfg(test)]
mod tests_keywords;
#[cfg(test)]
mod tests_near;
#[cfg(test)]
mod tests_openers;
#[cfg(test)]
mod tests_options;
#[cfg(test)]
mod tests_parts;
#[cfg(test)]
mod tests_shapes;
#[cfg(test)]
mod tests_sources;
#[cfg(test)]
mod tests_words;
pub mod which;

use crate::answer::{Answer, Explanation, Lang};
use crate::knowledge::{class, KnowledgeBase};
use crate::nlu::normalize;
use decide::{Decision, Refusal};
use parse::{parse, Named, Parsed};
use std::borrow::Cow;

pub use suggest::complete;

/// Longest question accepted, in characters.
pub const MAX_QUESTION_CHARS: usize = 500;
/// Most words of earlier questions an ellipsis carries forward.
pub const CONTEXT_WORDS: usize = 16;
/// Questions refused in a row after which the conversation forgets its context: a follow-up
/// then refers to nothing said since ("remind me" after three requests for a to-do list).
pub const CONTEXT_REFUSALS: usize = 3;
/// Below this confidence the bot does not answer.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// What a conversation remembers between questions, by entity id so that it survives a
/// knowledge reload.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conversation {
    /// What the last answer was about.
    pub subject: Option<String>,
    /// The last person named, in a question or an answer ("he", "she").
    pub person: Option<String>,
    /// The last answer's topic, which follow-ups continue ("and when did that happen?").
    pub topic: Option<String>,
    /// The entity the last answer gave as its value ("that" in "what do those letters mean?").
    pub value: Option<String>,
    /// The last question's words, which an ellipsis continues ("which year?").
    pub words: Vec<String>,
    /// The last answer's fact, when it lists items ("the second one" picks from it).
    pub list_fact: Option<String>,
    /// The last answer's fact ("and in French?" says it again).
    pub fact: Option<String>,
    /// The last question a fact answered, as understood ("and HEC?" asks it of HEC).
    pub question: Option<String>,
    /// Questions refused since the last answer (see [`CONTEXT_REFUSALS`]).
    pub refused: usize,
    /// The last answer settled a yes/no question: an ellipsis naming another value checks
    /// that too ("was LISA set up in 1993?", then "by Hinton?").
    pub checked: bool,
    /// The language of the last question that showed one: a follow-up without a word of
    /// either ("lesquelles exactement ?" is French only by its accent-less spelling) keeps it.
    pub lang: Option<crate::Lang>,
}

impl Conversation {
    /// The index of the last list's fact ([`Conversation::list_fact`]), while it still exists.
    pub(crate) fn last_list(&self, kb: &KnowledgeBase) -> Option<usize> {
        kb.fact_index(self.list_fact.as_deref()?)
    }
}

pub fn ask(kb: &KnowledgeBase, question: &str, conv: &mut Conversation) -> Answer {
    let a = answer(kb, question, conv);
    conv.lang = Some(a.lang);
    a
}

fn answer(kb: &KnowledgeBase, question: &str, conv: &mut Conversation) -> Answer {
    let mut u = understand(kb, question, conv);
    if let Some(decision) = blanks::filled(kb, question) {
        u.decision = decision;
        return compose_understood(kb, question, u, conv);
    }
    if let Some((lang, decision)) = restate::again(kb, &u, conv) {
        u.p.lang = lang;
        u.decision = decision;
        return compose_understood(kb, question, u, conv);
    }
    if let Some(decision) = restate::sources_of_last(kb, &u, conv) {
        u.decision = decision;
        return compose_understood(kb, question, u, conv);
    }
    if let Some(v) = swap::swapped(kb, &u, conv) {
        return compose_understood(kb, question, v, conv);
    }
    // A question about a reference asks all its details at once ("who wrote it, and when?").
    if matches!(u.decision, Decision::Reference { .. }) {
        return compose_understood(kb, question, u, conv);
    }
    if let Some(a) = dates::earlier(kb, question, &u, conv) {
        return a;
    }
    if let Some(a) = dates::between(kb, question, &u, conv) {
        return a;
    }
    if let Some(a) = dates::ordered(kb, question, &u, conv) {
        return a;
    }
    if let Some(a) = contrast::contrast(kb, question, &u, conv) {
        return a;
    }
    // Options listed after the question ("founded by a) … b) …", "in 1993, 2003 or 2017?").
    if let Some(v) = options::listed(kb, &u, conv) {
        return compose_understood(kb, question, v, conv);
    }
    if let Some(chosen) = which::chosen(kb, &u, conv) {
        return compose_understood(kb, question, chosen, conv);
    }
    // "When and by whom …?" is two questions even when one fact answers one of them.
    if let Some(a) = alternatives::coordinated(kb, question, &u, conv) {
        return a;
    }
    if let Some(a) = pairs::both_names(kb, question, &u, conv) {
        return a;
    }
    // Several sentences: each question is read in its own sentence, so that a name in the
    // context ("I'm from Europe. Is Mila in Montreal?") is no value of the question.
    let several = pieces::several_sentences(question);
    if several {
        if let Some(a) = alternatives::answer(kb, question, &u, conv) {
            return a;
        }
    }
    // "How many work there & where is it?": one fact answering the whole leaves a question
    // unanswered; each is asked when both are answered.
    let conjoined = || {
        let w = &u.p.words;
        (1..w.len()).any(|i| {
            kb.lexicon.conjunctions.contains(&w[i])
                && (i + 1..w.len().min(i + 5)).any(|j| u.p.classes[j] & class::QUESTION != 0)
        })
    };
    if let (false, Decision::Fact { reading, .. }) = (several, &u.decision) {
        let joined = conjoined()
            .then(|| pieces::joined_questions(kb, question))
            .flatten()
            .filter(|p| p.iter().any(|c| !covered(kb, reading.fact, c, conv)));
        if let Some(a) = joined.and_then(|p| alternatives::each_clause(kb, question, &p, conv)) {
            return a;
        }
    }
    if let Some(chosen) = alternatives::settled_choice(kb, &u, conv) {
        return compose_understood(kb, question, chosen, conv);
    }
    if let Some(v) = near::misnamed(kb, &u, conv) {
        return compose_understood(kb, question, v, conv);
    }
    // `answer` changes nothing when it finds nothing: once is enough.
    if !several && alternatives::worth_trying(&u) {
        if let Some(a) = alternatives::answer(kb, question, &u, conv) {
            return a;
        }
    }
    compose_understood(kb, question, u, conv)
}

/// Whether the answer from `fact` also answers `clause`: the fact the clause is answered by
/// is that one, or its value is in the fact's answer ("who founded Mila, and in which year?": 1993).
pub(super) fn covered(kb: &KnowledgeBase, fact: usize, clause: &str, conv: &Conversation) -> bool {
    let Decision::Fact { reading, .. } = understand(kb, clause, conv).decision else {
        return true;
    };
    let (whole, part) = (&kb.facts[fact], &kb.facts[reading.fact]);
    let said = |n: &u64| whole.en.contains(&n.to_string());
    let numbers = !part.value_numbers.is_empty() && part.value_numbers.iter().all(said);
    reading.fact == fact || numbers || whole.en.contains(part.value.as_str())
}

/// What the engine made of one text: the parse, the intents it may ask and the decision.
pub struct Understood {
    pub p: Parsed,
    pub cands: Vec<intents::Candidate>,
    pub decision: Decision,
    /// The text understood and its normalisation (before typo correction), when nothing was
    /// cut from it: the suggestions beside a refusal of that same text leave it out by it.
    pub normalized: Option<(String, String)>,
}

/// Steps 1 to 4 for one text, leaving the conversation as it is.
pub fn understand(kb: &KnowledgeBase, question: &str, conv: &Conversation) -> Understood {
    let r = read(kb, question, true);
    if !r.ungreeted {
        return understood(kb, question, r, conv);
    }
    // Without its greeting the message is refused ("hello, i have a question"): the
    // greeting was part of it.
    let u = understood(kb, question, r, conv);
    match u.decision {
        Decision::Refuse(_) => understood(kb, question, read(kb, question, false), conv),
        _ => u,
    }
}

/// Steps 3 and 4 for a text already read.
fn understood(kb: &KnowledgeBase, question: &str, read: Read, conv: &Conversation) -> Understood {
    let Read {
        mut p,
        normalized,
        french_marked,
        chars,
        too_long,
        unchanged,
        ..
    } = read;
    let refused = too_long.then_some(Refusal::TooLong { chars });
    if !p.lang_shown {
        p.lang = conv.lang.unwrap_or(p.lang);
    }
    let (mut p, mut cands, mut decision) = decided(kb, p, conv, refused.clone());
    // "IBM's tool" read as the tool's name, when that reading is answered ("what does IBM's
    // tool do?"); not when it asks the name itself ("what is IBM's tool called?").
    if let Some(named) = possess::owned(kb, &p) {
        let mut q = parse(kb, &named, &french_marked);
        q.question_mark = p.question_mark;
        let (q, q_cands, q_decision) = decided(kb, q, conv, refused.clone());
        if matches!(
            q_decision,
            Decision::Fact { .. } | Decision::Sentence { .. }
        ) {
            (p, cands, decision) = (q, q_cands, q_decision);
        }
    }
    // "Which lab made Oríon?" refused for naming Mila as a value: the lab is
    // the kind of thing asked for.
    if let (Decision::Refuse(_), Some(q)) = (&decision, p.kind_asked_unnamed(kb)) {
        let (q, q_cands, q_decision) = decided(kb, q, conv, refused);
        if matches!(q_decision, Decision::Fact { .. }) {
            (p, cands, decision) = (q, q_cands, q_decision);
        }
    }
    let normalized = (!too_long && unchanged).then(|| (question.to_string(), normalized));
    Understood {
        p,
        cands,
        decision,
        normalized,
    }
}

/// Steps 1 and 2 for one text: its normalisation and parse.
struct Read {
    p: Parsed,
    normalized: String,
    /// The words written with a French diacritic.
    french_marked: Vec<String>,
    chars: usize,
    too_long: bool,
    /// Nothing was cut from the text (controls, surrounding spaces).
    unchanged: bool,
    /// A greeting before the question was left out.
    ungreeted: bool,
}

fn read(kb: &KnowledgeBase, question: &str, greeting_apart: bool) -> Read {
    let cleaned = without_controls(question);
    let cleaned = without_mentions(&cleaned);
    let cleaned = cleaned.trim();
    let chars = cleaned.chars().count();
    let whole = cleaned;
    let cleaned = if greeting_apart {
        ungreeted(kb, cleaned)
    } else {
        cleaned
    };
    let (normalized, too_long) = if chars > MAX_QUESTION_CHARS {
        (
            normalize(&cleaned.chars().take(200).collect::<String>()),
            true,
        )
    } else {
        (normalize(cleaned), false)
    };
    let normalized = blank_filled(kb, unaddressed(kb, normalized));
    let french_marked = normalize::french_marked(cleaned);
    let mut p = parse(kb, &normalized, &french_marked);
    p.question_mark = cleaned.contains(['?', '？']);
    // The default subject and a few words about it, or a name alone, with neither a question
    // mark nor a yes/no form, are keywords ("mila research topics", "mila founder"), not a
    // claim to check.
    let keywords = p.yes_no
        && !p.question_mark
        && !p.yes_no_form
        && p.kind_at.is_none()
        && p.mentions.len() == 1
        && (p.mentions[0].what == parse::Named::Entity(decide::DEFAULT_SUBJECT)
            || p.mentions[0].end - p.mentions[0].start == p.words.len())
        && p.numbers.is_empty();
    if keywords {
        p.yes_no = false;
    }
    Read {
        p,
        normalized,
        french_marked,
        chars,
        too_long,
        unchanged: cleaned == question,
        ungreeted: cleaned.len() != whole.len(),
    }
}

/// A clause of a message: understood when it asks something; otherwise only read, as
/// context (what it names), with no decision of its own.
pub(super) fn clause(
    kb: &KnowledgeBase,
    piece: &str,
    asks: impl Fn(&Parsed) -> bool,
    conv: &Conversation,
) -> (bool, Understood) {
    let read = read(kb, piece, true);
    if asks(&read.p) {
        return (true, understood(kb, piece, read, conv));
    }
    let context = Understood {
        p: read.p,
        cands: Vec::new(),
        decision: Decision::Refuse(Refusal::Unexplained(Vec::new())),
        normalized: None,
    };
    (false, context)
}

/// Steps 3 and 4 for a parsed text: the intents it may ask and the decision.
fn decided(
    kb: &KnowledgeBase,
    mut p: Parsed,
    conv: &Conversation,
    refused: Option<Refusal>,
) -> (Parsed, Vec<intents::Candidate>, Decision) {
    // "By Hinton?" after a yes/no question checks the new value against the same fact.
    let named = !p.mentions.is_empty() || !p.numbers.is_empty();
    if p.elliptic && p.qword.is_none() && conv.checked && named {
        p.yes_no = true;
    }
    let previous: &[String] = if p.elliptic { &conv.words } else { &[] };
    // A pronoun with no antecedent yet can only mean the default subject ("do they do NLP?").
    let continues = (conv.subject.is_some() && (p.elliptic || p.pronoun || p.person_pronoun))
        || (conv.subject.is_none() && p.pronoun);
    let about_default = continues || p.entities().contains(&decide::DEFAULT_SUBJECT);
    // "Was he on the faculty?": the person "he" refers to is a value of the question.
    let referred = (conv.person.as_deref())
        .filter(|_| p.person_pronoun)
        .and_then(|id| kb.entity_index(id))
        .map(|e| kb.entities[e].kind.as_str());
    let cands = intents::candidates(kb, &p, previous, about_default, referred);
    let decision = if let Some(r) = refused {
        Decision::Refuse(r)
    } else if p.words.is_empty() {
        Decision::Refuse(Refusal::Empty)
    } else {
        decide::decide(kb, &p, &cands, conv)
    };
    let decision = corrections_used(kb, &p, &cands, decision);
    (p, cands, decision)
}

/// Step 5 for one text: the answer, remembered in the conversation.
pub fn compose_understood(
    kb: &KnowledgeBase,
    question: &str,
    u: Understood,
    conv: &mut Conversation,
) -> Answer {
    let Understood {
        p,
        cands,
        decision,
        normalized,
    } = u;
    let asked = normalized
        .filter(|(text, _)| text == question)
        .map(|(_, n)| n);
    let mut ex = explanation(kb, &p);
    ex.candidates = cands
        .iter()
        .take(5)
        .map(|c| (kb.intents[c.intent].id.clone(), c.score))
        .collect();
    let confidence = confidence(&decision, &p);
    let decision = match decision {
        Decision::Fact { .. } | Decision::Sentence { .. } if confidence < MIN_CONFIDENCE => {
            Decision::Refuse(Refusal::Unexplained(Vec::new()))
        }
        d => d,
    };
    let lang = if p.words.is_empty() { Lang::En } else { p.lang };
    let p = Parsed { lang, ..p };
    let cx = compose::Context {
        kb,
        question,
        p: &p,
        cands: &cands,
        ex,
        confidence,
        asked,
    };
    compose::compose(cx, decision, conv)
}

/// The question without the bot addressed before it ("@bot when was Mila founded?", "hey
/// bot, …": `vocatives`), when something follows.
fn unaddressed(kb: &KnowledgeBase, normalized: String) -> String {
    let longest = kb
        .lexicon
        .vocatives
        .iter()
        .filter(|v| {
            normalized.len() > v.len()
                && normalized.starts_with(v.as_str())
                && normalized.as_bytes()[v.len()] == b' '
        })
        .map(String::len)
        .max();
    match longest {
        Some(n) => normalized[n + 1..].to_string(),
        None => normalized,
    }
}

/// The message without a greeting set apart before it ("Bonjour, pour mon exposé …", "Hi! Who
/// founded Mila?"): politeness, no part of the question. A greeting alone, or one run into
/// the words after it ("hello there"), stays.
fn ungreeted<'a>(kb: &KnowledgeBase, cleaned: &'a str) -> &'a str {
    let Some(at) = cleaned.find([',', '!', '.', ';', '—']) else {
        return cleaned;
    };
    let rest = cleaned[at..].trim_start_matches(|c: char| !c.is_alphanumeric());
    if rest.is_empty() || !kb.lexicon.greetings.contains(&normalize(&cleaned[..at])) {
        return cleaned;
    }
    rest
}

/// An unfinished statement with its question word: "Mila was founded by?" asks "by whom".
/// A pronoun may be what the last word takes ("is that who it was founded by?").
fn blank_filled(kb: &KnowledgeBase, normalized: String) -> String {
    let lex = &kb.lexicon;
    let mut words = normalized.split(' ');
    let asked = words
        .next_back()
        .and_then(|last| lex.blanks.get(last))
        .filter(|_| !words.any(|w| lex.pronouns.contains(w) || lex.question_words.contains(w)));
    match asked {
        Some(q) => format!("{normalized} {q}"),
        None => normalized,
    }
}

/// The question without Discord's mention markup (`<@123>`, `<@!123>`, `<@&123>`, `<#123>`):
/// it addresses people, roles or channels and is no word of the question (its digits are no
/// number). Borrowed when it has none.
fn without_mentions(question: &str) -> Cow<'_, str> {
    use regex_automata::meta::Regex;
    static MENTION: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    if !question.contains("<@") && !question.contains("<#") {
        return Cow::Borrowed(question);
    }
    let mention = MENTION
        .get_or_init(|| Regex::new(r"<(?:@[!&]?|#)[0-9]+>").expect("the mention pattern compiles"));
    let mut out = String::with_capacity(question.len());
    let mut last = 0;
    for m in mention.find_iter(question) {
        out.push_str(&question[last..m.start()]);
        out.push(' ');
        last = m.end();
    }
    out.push_str(&question[last..]);
    Cow::Owned(out)
}

/// The question with each control character as a space; borrowed when it has none.
fn without_controls(question: &str) -> Cow<'_, str> {
    if question.chars().any(char::is_control) {
        let spaced = question
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c });
        Cow::Owned(spaced.collect())
    } else {
        Cow::Borrowed(question)
    }
}

/// A typo correction stands only when the answer uses the corrected word, as a cue of its
/// intent or as a name; otherwise the word as typed is unexplained ("funding" is not
/// "founding", "song" is not "sont"). A word without meaning of its own ("frm" for "from")
/// changes no answer and always stands.
fn corrections_used(
    kb: &KnowledgeBase,
    p: &Parsed,
    cands: &[intents::Candidate],
    d: Decision,
) -> Decision {
    let intent = match &d {
        Decision::Fact { intent, .. } => *intent,
        Decision::SmallTalk { intent } => Some(*intent),
        _ => return d,
    };
    let explains = intent.and_then(|i| cands.iter().find(|c| c.intent == i));
    let unused: Vec<String> = p
        .corrected_at
        .iter()
        .zip(&p.corrections)
        .filter(|(&at, (_, fixed, _))| {
            let named = p.mentions.iter().any(|m| (m.start..m.end).contains(&at));
            let function = kb.lexicon.class(fixed) & crate::knowledge::class::FUNCTION != 0;
            !named && !function && !explains.is_some_and(|c| c.explains[at])
        })
        .map(|(_, (typed, ..))| typed.clone())
        .collect();
    if unused.is_empty() {
        d
    } else {
        Decision::Refuse(Refusal::Unexplained(unused))
    }
}

fn confidence(d: &Decision, p: &Parsed) -> f64 {
    let score = match d {
        Decision::Fact { score, .. } => *score,
        Decision::Sentence { .. } => 1.0,
        Decision::SmallTalk { .. } => 2.0,
        Decision::Reference { .. } => 1.0,
        Decision::Refuse(_) => 1.0,
    };
    let base = (0.6 + 0.15 * score).min(0.97);
    (base * p.similarity()).clamp(0.0, 1.0)
}

fn explanation(kb: &KnowledgeBase, p: &Parsed) -> Explanation {
    Explanation {
        normalized: p.normalized.clone(),
        corrections: p.corrections.clone(),
        entities: p
            .mentions
            .iter()
            .map(|m| {
                let id = match &m.what {
                    Named::Entity(e) => kb.entities[*e].id.clone(),
                    Named::External(kind) => format!("({kind})"),
                };
                (id, p.words[m.start..m.end].join(" "), m.similarity)
            })
            .collect(),
        ..Explanation::default()
    }
}
