//! Step 5: compose the [`Answer`] for a decision, in the question's language, with every
//! word from `knowledge/messages.toml` and every citation derived from the article.

use super::decide::{Decision, Refusal, DEFAULT_SUBJECT};
use super::intents::Candidate;
use super::parse::Parsed;
use super::readings::Reading;
use super::{passage, suggest, Conversation};
use crate::answer::{Answer, Explanation, Lang};
use crate::knowledge::KnowledgeBase;

/// An answer with nothing from a fact: small talk, hints, refusals.
pub fn plain(kb: &KnowledgeBase, question: &str, lang: Lang, body: String) -> Answer {
    Answer {
        question: question.to_string(),
        answered: false,
        intent: None,
        confidence: 0.0,
        lang,
        body,
        section: None,
        citations: vec![],
        suggestions: vec![],
        closest: None,
        explanation: Explanation::default(),
        labels: kb.labels(lang),
    }
}

pub struct Context<'a> {
    pub kb: &'a KnowledgeBase,
    pub question: &'a str,
    pub p: &'a Parsed,
    pub cands: &'a [Candidate],
    pub ex: Explanation,
    pub confidence: f64,
    /// `question` normalised, when already known.
    pub asked: Option<String>,
}

pub fn compose(cx: Context, d: Decision, conv: &mut Conversation) -> Answer {
    match d {
        Decision::Fact {
            reading,
            intent,
            via,
            ..
        } => fact(cx, reading, intent, via, conv),
        Decision::Sentence { sentence, subject } => self::sentence(cx, sentence, subject, conv),
        Decision::SmallTalk { intent } => smalltalk(cx, intent),
        Decision::Reference { refs, details } => super::references::compose(cx, refs, details),
        Decision::Refuse(r) => refusal(cx, r, conv),
    }
}

fn fact(
    cx: Context,
    r: Reading,
    intent: Option<usize>,
    via: String,
    conv: &mut Conversation,
) -> Answer {
    let (kb, p) = (cx.kb, cx.p);
    let f = &kb.facts[r.fact];
    let m = kb.messages(p.lang);
    let text = match p.lang {
        Lang::En => f.en.clone(),
        Lang::Fr => f.fr.clone(),
    };
    let text = p
        .ordinal
        .filter(|_| picks_from(kb, p, f))
        .and_then(|n| list_item(kb, p.lang, &f.items, n))
        .unwrap_or(text);
    let verdict = match r.verdict {
        Some(true) => [m.yes.as_str(), " "].concat(),
        Some(false) => [m.no.as_str(), " "].concat(),
        None => String::new(),
    };
    let (refs, part) = asked_refs(kb, p, f, r.subject);
    // The part's own fact says it without the rest ("since 2017, a partnership of …").
    let own = part
        .as_ref()
        .and_then(|(_, sentences)| part_fact(kb, r.subject, sentences));
    let text = match own {
        Some(g) if p.lang == Lang::En => g.en.clone(),
        Some(g) => g.fr.clone(),
        None => text,
    };
    let section =
        (part.map(|(section, _)| section)).unwrap_or_else(|| asked_section(kb, p, f, r.subject));
    // "Is there a source for the 2017 partnership?" of a part the article gives none for.
    let verdict = if p.asks_source && p.yes_no && refs.is_empty() && r.verdict == Some(true) {
        [m.no.as_str(), " "].concat()
    } else {
        verdict
    };
    // "Yes. The article cites [6] for this: …": the verdict answers the question first.
    let mut before = verdict;
    before.push_str(&where_from(kb, p, &refs, section));
    let body = with_refs(kb, p.lang, before, &text, &refs, section);
    remember(kb, conv, r.subject, Some(r.fact), p);
    let subject = &kb.entities[r.subject];
    let mut ex = cx.ex;
    let intent_id = intent.or(f.intents.first().copied());
    ex.intent = intent_id.map(|i| kb.intents[i].id.clone());
    ex.pattern = Some(via);
    ex.subject = Some(subject.id.clone());
    let fact = [
        &f.id,
        " (",
        &subject.name,
        " ",
        &f.relation,
        " = ",
        &f.value,
        ")",
    ];
    ex.fact = Some(fact.concat());
    ex.evidence = Some(
        f.evidence
            .iter()
            .map(|e| e.quote.as_str())
            .collect::<Vec<_>>()
            .join("\" … \""),
    );
    ex.references = refs.clone();
    Answer {
        answered: true,
        intent: ex.intent.clone(),
        confidence: cx.confidence,
        body,
        section: Some(section.to_string()),
        citations: kb.citations(&refs),
        explanation: ex,
        ..plain(kb, cx.question, p.lang, String::new())
    }
}

/// Whether the position picks from the fact's list: nothing after it, "one", or a word of
/// the fact ("the second university"), not "okay, last question: …".
fn picks_from(kb: &KnowledgeBase, p: &Parsed, f: &crate::knowledge::Fact) -> bool {
    let Some(next) = p.ordinal_at.map(|i| i + 1) else {
        return false;
    };
    // Words after it that mean nothing of their own ("the last one", "the second please")
    // and then the end, or a word of the fact.
    let plain = crate::knowledge::class::LIST | crate::knowledge::class::FILLER;
    let rest = (next..p.words.len()).find(|&i| p.classes[i] & plain == 0 || p.is_named(i));
    match rest {
        None => true,
        Some(i) if p.classes[i - 1] & crate::knowledge::class::LIST != 0 => true,
        Some(i) => p.stems(kb, i).iter().any(|s| f.stems.contains(s)),
    }
}

/// "Number 3 of the 6 the article lists is meta learning (…)": the item at a position.
fn list_item(kb: &KnowledgeBase, lang: Lang, items: &[usize], position: usize) -> Option<String> {
    let item = super::decide::pick(items, position)?;
    let n = if position == 0 { items.len() } else { position };
    let names: Vec<&str> = items
        .iter()
        .map(|&e| kb.entities[e].name.as_str())
        .collect();
    Some(
        kb.messages(lang)
            .list_item
            .replace("{n}", &n.to_string())
            .replace("{count}", &items.len().to_string())
            .replace("{item}", &kb.entities[item].name)
            .replace("{list}", &names.join(", ")),
    )
}

/// The section a question about sections asks for: that of the fact's first sentence
/// naming what the question names besides the subject ("which section lists computer
/// vision?"), else the fact's own.
fn asked_section<'a>(
    kb: &'a KnowledgeBase,
    p: &Parsed,
    f: &'a crate::knowledge::Fact,
    subject: usize,
) -> &'a str {
    let named = |e: &usize| *e != subject && p.entities().contains(e);
    let naming = f.evidence.iter().find(|ev| ev.named.iter().any(named));
    match naming {
        Some(ev) if p.asks_section => &kb.article.sentences[ev.sentence].section,
        _ => &f.section,
    }
}

/// The references a question asking for a source gets: those of the fact's sentences that
/// name what it names besides the subject ("the source for the 2017 partnership?" is the
/// sentence dated 2017, which has none), with their section; else all of the fact's.
pub(super) fn asked_refs<'a>(
    kb: &'a KnowledgeBase,
    p: &Parsed,
    f: &crate::knowledge::Fact,
    subject: usize,
) -> (Vec<usize>, Option<(&'a str, Vec<usize>)>) {
    let named: Vec<usize> = (p.entities().iter().copied())
        .filter(|&e| e != subject)
        .collect();
    let numbers: Vec<String> = p.numbers.iter().map(|n| n.value.to_string()).collect();
    let names = |ev: &&crate::knowledge::Evidence| {
        named.iter().all(|e| ev.named.contains(e)) && numbers.iter().all(|n| ev.words.contains(n))
    };
    let parts: Vec<_> = f.evidence.iter().filter(names).collect();
    if !p.asks_source || (named.is_empty() && numbers.is_empty()) || parts.is_empty() {
        return (f.refs.clone(), None);
    }
    let sentences = &kb.article.sentences;
    let mut refs: Vec<usize> = (parts.iter())
        .flat_map(|ev| sentences[ev.sentence].refs.iter().copied())
        .collect();
    refs.sort_unstable();
    refs.dedup();
    let section = sentences[parts[0].sentence].section.as_str();
    (
        refs,
        Some((section, parts.iter().map(|ev| ev.sentence).collect())),
    )
}

/// A fact about `subject` resting on exactly these sentences.
fn part_fact<'a>(
    kb: &'a KnowledgeBase,
    subject: usize,
    sentences: &[usize],
) -> Option<&'a crate::knowledge::Fact> {
    kb.facts.iter().find(|g| {
        g.subjects.first() == Some(&subject)
            && g.evidence.len() == sentences.len()
            && g.evidence.iter().all(|ev| sentences.contains(&ev.sentence))
    })
}

/// For a question asking where the answer comes from, what introduces it: its section, or the
/// references the article gives for it. Empty otherwise.
fn where_from(kb: &KnowledgeBase, p: &Parsed, refs: &[usize], section: &str) -> String {
    let m = kb.messages(p.lang);
    if p.asks_section {
        format!(
            "{} ",
            m.in_section.replace("{section}", m.section_name(section))
        )
    } else if p.asks_source && !refs.is_empty() {
        let marks: String = refs.iter().map(|n| format!("[{n}]")).collect();
        format!("{} ", m.cited_for.replace("{refs}", &marks))
    } else {
        String::new()
    }
}

/// `before` followed by the answer text with its `[n]` markers, or with the section named
/// when the article gives no reference.
fn with_refs(
    kb: &KnowledgeBase,
    lang: Lang,
    mut before: String,
    text: &str,
    refs: &[usize],
    section: &str,
) -> String {
    before.reserve(text.len() + 4 * refs.len());
    before.push_str(text);
    if refs.is_empty() {
        let m = kb.messages(lang);
        before.push(' ');
        before.push_str(&m.no_reference.replace("{section}", m.section_name(section)));
    }
    for n in refs {
        before.push('[');
        before.push_str(itoa::Buffer::new().format(*n));
        before.push(']');
    }
    before
}

fn sentence(cx: Context, n: usize, subject: usize, conv: &mut Conversation) -> Answer {
    let (kb, p) = (cx.kb, cx.p);
    let s = &kb.article.sentences[n];
    let m = kb.messages(p.lang);
    let quoted = m.article_says.replace("{sentence}", s.text.trim());
    let before = where_from(kb, p, &s.refs, &s.section);
    let body = with_refs(kb, p.lang, before, &quoted, &s.refs, &s.section);
    remember(kb, conv, subject, None, p);
    let mut ex = cx.ex;
    ex.subject = Some(kb.entities[subject].id.clone());
    ex.evidence = Some(s.text.clone());
    ex.pattern = Some("(an article sentence explains every word)".into());
    ex.references = s.refs.clone();
    Answer {
        answered: true,
        intent: None,
        confidence: cx.confidence * 0.8,
        body,
        section: Some(s.section.clone()),
        citations: kb.citations(&s.refs),
        explanation: ex,
        ..plain(kb, cx.question, p.lang, String::new())
    }
}

fn smalltalk(cx: Context, intent: usize) -> Answer {
    let (kb, p) = (cx.kb, cx.p);
    let id = &kb.intents[intent].id;
    let body = kb
        .messages(p.lang)
        .smalltalk
        .get(id)
        .cloned()
        .unwrap_or_default();
    let mut ex = cx.ex;
    ex.intent = Some(id.clone());
    Answer {
        answered: true,
        intent: Some(id.clone()),
        confidence: cx.confidence,
        explanation: ex,
        ..plain(kb, cx.question, p.lang, body)
    }
}

/// Updates what the conversation remembers after an answer about `subject`.
pub(super) fn remember(
    kb: &KnowledgeBase,
    conv: &mut Conversation,
    subject: usize,
    fact: Option<usize>,
    p: &Parsed,
) {
    let id = |e: usize| Some(kb.entities[e].id.clone());
    conv.refused = 0;
    conv.checked = p.yes_no;
    conv.subject = id(subject);
    conv.value = None;
    conv.topic = None;
    // A list stays for "the second one" until another list replaces it, or a question that
    // picks from no list ("the second one", "which one is the oldest?" pick) nor is about one
    // of its items ("what is myia?", then "and the other one?").
    let listing = fact.filter(|&f| !kb.facts[f].items.is_empty());
    let listed = (conv.last_list(kb)).is_some_and(|f| kb.facts[f].items.contains(&subject));
    if listing.is_some() || !(p.picks() || listed) {
        conv.list_fact = listing.map(|f| kb.facts[f].id.clone());
    }
    conv.fact = fact.map(|f| kb.facts[f].id.clone());
    conv.question = fact.map(|_| p.words.join(" "));
    let fact = fact.map(|f| &kb.facts[f]);
    if let Some(f) = fact {
        conv.topic = Some(f.topic.clone());
        conv.value = f.value_entity.and_then(id);
    }
    // "He"/"she" next: the subject if a person, else the first person the question names,
    // else the first the fact names.
    let in_fact = fact
        .into_iter()
        .flat_map(|f| f.subjects.iter().chain(&f.mentions));
    let mut persons = std::iter::once(subject)
        .chain(p.entities().iter().copied())
        .chain(in_fact.copied());
    if let Some(who) = persons.find(|&e| kb.is_person(e)) {
        conv.person = id(who);
    }
    // An ellipsis keeps the words of the question it continues.
    if !p.elliptic {
        conv.words.clear();
    }
    let unnamed = (0..p.words.len()).filter(|&i| !p.is_named(i));
    conv.words.extend(unnamed.map(|i| p.words[i].clone()));
    // A chain of ellipses carries only its latest words: the context stays bounded however
    // long the conversation.
    let extra = conv.words.len().saturating_sub(super::CONTEXT_WORDS);
    conv.words.drain(..extra);
}

fn refusal(cx: Context, r: Refusal, conv: &mut Conversation) -> Answer {
    let (kb, p) = (cx.kb, cx.p);
    let m = kb.messages(p.lang);
    let explicit = p.entities();
    let about = explicit.iter().copied().find(|&e| {
        e != DEFAULT_SUBJECT && !kb.lexicon.context_kinds.contains(&kb.entities[e].kind)
    });
    let body = match (&r, about) {
        (Refusal::Empty, _) => m.empty.clone(),
        (Refusal::TooLong { chars }, _) => m
            .too_long
            .replace("{n}", &chars.to_string())
            .replace("{max}", &super::MAX_QUESTION_CHARS.to_string()),
        (Refusal::Ambiguous(_), _) => m.ambiguous.clone(),
        (Refusal::AboutYou, _) => m.not_about_you.clone(),
        (Refusal::Opinion, _) => m.opinion.clone(),
        (Refusal::OffTopic | Refusal::OtherSubject(_), _) => m.off_topic.clone(),
        (_, Some(e)) => m
            .not_in_article_about
            .replace("{entity}", &kb.entities[e].name),
        _ => m.not_in_article.clone(),
    };
    if let Some(&e) = explicit.first() {
        conv.subject = Some(kb.entities[e].id.clone());
        conv.topic = None;
    }
    conv.fact = None;
    conv.question = None;
    conv.checked = false;
    conv.refused += 1;
    if conv.refused >= super::CONTEXT_REFUSALS {
        *conv = super::Conversation::default();
    }
    let intents: Vec<usize> = cx.cands.iter().map(|c| c.intent).take(2).collect();
    // A passage is offered only for a question about that one entity: beside a number or
    // another name ("who won the Turing award in 2020?", "why did IBM buy Mila?") a passage
    // naming them reads as an answer to a question the article does not settle.
    let specifics = !p.numbers.is_empty()
        || explicit
            .iter()
            .any(|&e| Some(e) != about && !kb.lexicon.context_kinds.contains(&kb.entities[e].kind));
    let closest = about.filter(|_| !specifics).and_then(|e| {
        passage::closest(kb, e, &intents).map(|mut passage| {
            passage.section = m.section_name(&passage.section).to_string();
            passage
        })
    });
    let suggestions = match &r {
        Refusal::Ambiguous(facts) => suggest::for_facts(kb, facts, p.lang),
        Refusal::Empty
        | Refusal::TooLong { .. }
        | Refusal::AboutYou
        | Refusal::Opinion
        | Refusal::OffTopic
        | Refusal::OtherSubject(_) => suggest::general(kb, p.lang),
        _ => suggest::related(kb, p, cx.cands, p.lang, cx.question, cx.asked),
    };
    let mut ex = cx.ex;
    if let Refusal::Unexplained(words) = &r {
        ex.unknown_words = words.clone();
    }
    ex.refusal = Some(r);
    Answer {
        intent: cx.cands.first().map(|c| kb.intents[c.intent].id.clone()),
        confidence: cx.confidence * 0.5,
        suggestions,
        closest,
        explanation: ex,
        ..plain(kb, cx.question, p.lang, body)
    }
}
