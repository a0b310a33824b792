//! `ask(question, conversation) -> Answer`: pure, synchronous, no I/O.
//!
//! The question is parsed ([`crate::nlu::parse`]), every intent is scored, and the best intent
//! is resolved to a fact about the entity the question names (or, for follow-ups, the one the
//! conversation is about). Precision first: a question about an entity the fact is not about,
//! unknown words where a name should be, or a tie between different answers is refused, with
//! suggestions and, where the article mentions the entity, the closest passage.

use crate::answer::{Answer, Explanation, Lang, Passage};
use crate::knowledge::{Fact, KnowledgeBase};
use crate::nlu::parse::{parse, Parsed};
use crate::nlu::scoring::{self, Candidate};
use crate::nlu::{normalize, tokens};

/// Longest question accepted, in characters.
pub const MAX_QUESTION_CHARS: usize = 500;
/// Below this confidence the bot does not answer.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// What a conversation remembers between questions, by entity id so that it survives a
/// knowledge reload.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conversation {
    pub subject: Option<String>,
    pub person: Option<String>,
    pub topic: Option<String>,
}

/// A fact chosen for a question, and the entity it is about.
struct Resolved {
    fact: usize,
    subject: usize,
}

impl Resolved {
    /// The subject is the first entity asked about that the fact is about, else the default.
    fn new(fact: usize, f: &Fact, asked: &[usize], default: usize) -> Resolved {
        let subject = asked
            .iter()
            .copied()
            .find(|e| f.subjects.contains(e))
            .unwrap_or(default);
        Resolved { fact, subject }
    }
}

pub fn ask(kb: &KnowledgeBase, question: &str, conv: &mut Conversation) -> Answer {
    let cleaned: String = question
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cleaned = cleaned.trim();
    let n = cleaned.chars().count();
    if n > MAX_QUESTION_CHARS {
        let lang = parse(kb, &cleaned.chars().take(200).collect::<String>()).lang;
        let text = kb
            .messages(lang)
            .too_long
            .replace("{n}", &n.to_string())
            .replace("{max}", &MAX_QUESTION_CHARS.to_string());
        return refusal(question, lang, text, None, Explanation::default(), vec![]);
    }
    let mut p = parse(kb, cleaned);
    if p.words.is_empty() {
        let text = kb.messages(Lang::En).empty.clone();
        let mut ex = explanation(kb, &p);
        ex.refusal = Some("empty question".into());
        let sugg = suggestions(kb, &p, Lang::En, cleaned);
        return refusal(question, Lang::En, text, None, ex, sugg);
    }
    let (cands, used) = scoring::score(&kb.intents, &kb.cue_index, &p);
    // A typo correction that no cue or entity used is no evidence: the word stays unknown
    // ("who founded apple" must not become "who founded apply").
    let in_entity = |i: usize| p.mentions.iter().any(|m| (m.start..m.end).contains(&i));
    let unused: Vec<usize> = p
        .corrected_at
        .iter()
        .enumerate()
        .filter(|(_, &at)| !used.get(at).copied().unwrap_or(false) && !in_entity(at))
        .map(|(k, _)| k)
        .collect();
    for k in unused.into_iter().rev() {
        let (typed, _, _) = p.corrections.remove(k);
        p.corrected_at.remove(k);
        p.unknown.push(typed);
    }
    let mut ex = explanation(kb, &p);
    ex.candidates = cands
        .iter()
        .take(5)
        .map(|c| (kb.intents[c.intent].id.clone(), c.score))
        .collect();
    let outcome = decide(kb, &p, &cands, conv, &mut ex);
    match outcome {
        Ok((cand, r)) => answer(kb, question, &p, cand, r, conv, ex),
        Err(reason) => {
            ex.refusal = Some(reason.clone());
            let lang = p.lang;
            let explicit = p.entities();
            let default = default_subject(kb);
            let about = explicit.iter().copied().find(|&e| {
                Some(e) != default && !kb.lexicon.context_kinds.contains(&kb.entities[e].kind)
            });
            let msgs = kb.messages(lang);
            let text = if reason.starts_with("ambiguous") {
                msgs.ambiguous.clone()
            } else if let Some(e) = about {
                msgs.not_in_article_about
                    .replace("{entity}", &kb.entities[e].name)
            } else if cands.is_empty() && explicit.is_empty() {
                msgs.off_topic.clone()
            } else {
                msgs.not_in_article.clone()
            };
            if let Some(e) = explicit.first() {
                conv.subject = Some(kb.entities[*e].id.clone());
                conv.topic = None;
            }
            let avoid = answer_values(kb, &cands, about);
            let closest = about.and_then(|e| closest_passage(kb, e, &avoid));
            let sugg = if reason.starts_with("ambiguous") {
                tied_examples(kb, &cands, lang)
            } else {
                suggestions(kb, &p, lang, cleaned)
            };
            let mut a = refusal(question, lang, text, closest, ex, sugg);
            a.intent = cands.first().map(|c| kb.intents[c.intent].id.clone());
            a.confidence = cands.first().map_or(0.0, |c| confidence(c.score, &p) * 0.5);
            a
        }
    }
}

/// Picks the intent and fact, or says why not.
fn decide<'c>(
    kb: &KnowledgeBase,
    p: &Parsed,
    cands: &'c [Candidate],
    conv: &Conversation,
    ex: &mut Explanation,
) -> Result<(Option<&'c Candidate>, Resolved), String> {
    let explicit = p.entities();
    let unknown = p.unknown.len();
    let Some(top) = cands.first() else {
        if unknown > 0 {
            return Err(format!(
                "no intent matched; unknown words: {}",
                p.unknown.join(", ")
            ));
        }
        return mention_fallback(kb, p, conv)
            .map(|r| (None, r))
            .ok_or_else(|| "no intent matched".to_string());
    };
    let intent = &kb.intents[top.intent];
    if intent.strict {
        // A generic shape ("what is X?") must not swallow words that mean something else:
        // "what's the name of Mila's founder?" is not a description of Mila.
        let lex = &kb.lexicon;
        let own = |w: &str| {
            intent
                .groups
                .iter()
                .flatten()
                .chain(&intent.boost)
                .any(|c| c.words().any(|x| x == w))
        };
        let foreign: Vec<&str> = p
            .masked()
            .into_iter()
            .filter(|w| {
                !w.is_empty() && kb.vocab.is_meaningful(w) && !own(w) && !lex.is_function_word(w)
            })
            .collect();
        if !foreign.is_empty() {
            return Err(format!(
                "`{}` is too generic for: {}",
                intent.id,
                foreign.join(", ")
            ));
        }
    }
    if unknown > 0 && intent.strict {
        return Err(format!(
            "`{}` needs every word understood; unknown: {}",
            intent.id,
            p.unknown.join(", ")
        ));
    }
    if unknown > 0 && explicit.is_empty() && !p.pronoun && !p.person_pronoun {
        return Err(format!(
            "unknown words where the subject should be: {}",
            p.unknown.join(", ")
        ));
    }
    if unknown >= 2 {
        return Err(format!("too many unknown words: {}", p.unknown.join(", ")));
    }
    let tied: Vec<&Candidate> = cands
        .iter()
        .take_while(|c| c.score >= top.score - 1e-9)
        .collect();
    let mut found: Vec<(&Candidate, Resolved)> = Vec::new();
    for c in tied {
        if let Some(r) = resolve(kb, p, c.intent, conv) {
            if !found.iter().any(|(_, f)| f.fact == r.fact) {
                found.push((c, r));
            }
        }
    }
    match found.len() {
        0 => Err(format!(
            "no fact answers `{}` about {}",
            intent.id,
            subject_names(kb, p, conv)
        )),
        1 => {
            let (c, r) = found.remove(0);
            ex.intent = Some(kb.intents[c.intent].id.clone());
            ex.pattern = Some(c.via.clone());
            Ok((Some(c), r))
        }
        _ => Err(format!(
            "ambiguous: {}",
            found
                .iter()
                .map(|(c, _)| kb.intents[c.intent].id.as_str())
                .collect::<Vec<_>>()
                .join(" / ")
        )),
    }
}

fn default_subject(kb: &KnowledgeBase) -> Option<usize> {
    (!kb.entities.is_empty()).then_some(0)
}

fn context_entity(kb: &KnowledgeBase, p: &Parsed, conv: &Conversation) -> Option<usize> {
    let id = if p.person_pronoun {
        conv.person.as_ref().or(conv.subject.as_ref())
    } else if p.pronoun {
        conv.subject.as_ref()
    } else {
        None
    }?;
    kb.entity_index(id)
}

fn subject_names(kb: &KnowledgeBase, p: &Parsed, conv: &Conversation) -> String {
    let mut q = p.entities();
    q.extend(context_entity(kb, p, conv));
    if q.is_empty() {
        return "the default subject".into();
    }
    q.iter()
        .map(|&e| kb.entities[e].id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fact answering `intent` about the question's subject.
fn resolve(kb: &KnowledgeBase, p: &Parsed, intent: usize, conv: &Conversation) -> Option<Resolved> {
    let mut q = p.entities();
    let ctx = context_entity(kb, p, conv);
    let default = default_subject(kb)?;
    let answering = || {
        kb.facts
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.intents.contains(&intent))
    };
    let topic_first = |f: &Fact| conv.topic.as_deref() != Some(f.topic.as_str());
    if q.is_empty() {
        let mut subjects: Vec<usize> = Vec::new();
        match ctx {
            Some(c) => subjects.push(c),
            None if p.pronoun || p.person_pronoun => {
                subjects.push(default);
            }
            None => {
                subjects.extend(conv.subject.as_deref().and_then(|id| kb.entity_index(id)));
                subjects.push(default);
            }
        }
        for s in subjects {
            let best = answering()
                .filter(|(_, f)| f.subjects.contains(&s))
                .min_by_key(|(i, f)| (topic_first(f), *i));
            if let Some((fact, _)) = best {
                return Some(Resolved { fact, subject: s });
            }
        }
        return None;
    }
    q.extend(ctx);
    let implicit = kb.intents[intent].implicit_subject;
    let required: Vec<usize> = q
        .iter()
        .copied()
        .filter(|&e| !kb.lexicon.context_kinds.contains(&kb.entities[e].kind))
        .collect();
    answering()
        .filter(|(_, f)| {
            let about = f.subjects.iter().any(|s| q.contains(s))
                || (implicit && f.subjects.contains(&default));
            about
                && required
                    .iter()
                    .all(|e| f.subjects.contains(e) || f.mentions.contains(e))
        })
        .min_by_key(|(i, f)| {
            let named = f.subjects.iter().filter(|s| q.contains(s)).count();
            (usize::MAX - named, *i)
        })
        .map(|(fact, f)| Resolved::new(fact, f, &q, default))
}

/// No intent matched, but the question names entities and every word is understood
/// ("Is Doina Precup at Mila?", "McGill?"): the fact that is about them.
fn mention_fallback(kb: &KnowledgeBase, p: &Parsed, conv: &Conversation) -> Option<Resolved> {
    let only_filler = p
        .masked()
        .iter()
        .all(|w| w.is_empty() || kb.lexicon.is_function_word(w));
    if !only_filler {
        return None;
    }
    let mut q = p.entities();
    q.extend(context_entity(kb, p, conv));
    let default = default_subject(kb)?;
    let others: Vec<usize> = q.iter().copied().filter(|&e| e != default).collect();
    let description = kb.intents.iter().position(|i| i.describes);
    if others.len() <= 1 {
        let target = others.first().copied().or(q.first().copied())?;
        let own = kb.facts.iter().position(|f| {
            f.subjects.first() == Some(&target)
                && description.is_some_and(|d| f.intents.contains(&d))
        });
        if let Some(fact) = own {
            return Some(Resolved {
                fact,
                subject: target,
            });
        }
    }
    kb.facts
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            q.iter()
                .all(|e| f.subjects.contains(e) || f.mentions.contains(e))
                && (f.subjects.iter().any(|s| q.contains(s)) || f.subjects.contains(&default))
        })
        .min_by_key(|(i, f)| {
            (
                usize::MAX - f.subjects.iter().filter(|s| q.contains(s)).count(),
                *i,
            )
        })
        .map(|(fact, f)| Resolved::new(fact, f, &q, default))
}

fn confidence(score: f64, p: &Parsed) -> f64 {
    let base = (0.55 + 0.15 * score).min(0.97);
    (base * p.similarity() - 0.2 * p.unknown.len() as f64).clamp(0.0, 1.0)
}

fn answer(
    kb: &KnowledgeBase,
    question: &str,
    p: &Parsed,
    cand: Option<&Candidate>,
    r: Resolved,
    conv: &mut Conversation,
    mut ex: Explanation,
) -> Answer {
    let fact = &kb.facts[r.fact];
    let conf = match cand {
        Some(c) => confidence(c.score, p),
        None => confidence(1.0, p) * 0.9,
    };
    let intent = cand
        .map(|c| kb.intents[c.intent].id.clone())
        .or_else(|| fact.intents.first().map(|&i| kb.intents[i].id.clone()));
    if cand.is_none() {
        ex.intent = intent.clone();
        ex.pattern = Some("(no intent cue: the fact about the entities named)".into());
    }
    if conf < MIN_CONFIDENCE {
        ex.refusal = Some(format!("confidence {conf:.2} is below {MIN_CONFIDENCE}"));
        let text = kb.messages(p.lang).not_in_article.clone();
        let sugg = suggestions(kb, p, p.lang, question);
        let mut a = refusal(question, p.lang, text, None, ex, sugg);
        a.confidence = conf;
        a.intent = intent;
        return a;
    }
    let subject = &kb.entities[r.subject];
    conv.subject = Some(subject.id.clone());
    if kb.lexicon.person_kinds.contains(&subject.kind) {
        conv.person = Some(subject.id.clone());
    }
    conv.topic = Some(fact.topic.clone());
    let text = match p.lang {
        Lang::En => &fact.en,
        Lang::Fr => &fact.fr,
    };
    let body = if fact.refs.is_empty() {
        let note = kb
            .messages(p.lang)
            .no_reference
            .replace("{section}", &fact.section);
        format!("{text} {note}")
    } else {
        let marks: String = fact.refs.iter().map(|n| format!("[{n}]")).collect();
        format!("{text}{marks}")
    };
    ex.subject = Some(subject.id.clone());
    ex.fact = Some(format!(
        "{} ({} {} = {})",
        fact.id, subject.name, fact.relation, fact.value
    ));
    ex.evidence = Some(
        fact.evidence
            .iter()
            .map(|e| e.quote.as_str())
            .collect::<Vec<_>>()
            .join("\" … \""),
    );
    ex.references = fact.refs.clone();
    Answer {
        question: question.to_string(),
        answered: true,
        intent,
        confidence: conf,
        lang: p.lang,
        body,
        section: Some(fact.section.clone()),
        citations: kb.citations(&fact.refs),
        suggestions: vec![],
        closest: None,
        explanation: ex,
    }
}

fn refusal(
    question: &str,
    lang: Lang,
    body: String,
    closest: Option<Passage>,
    explanation: Explanation,
    suggestions: Vec<String>,
) -> Answer {
    Answer {
        question: question.to_string(),
        answered: false,
        intent: None,
        confidence: 0.0,
        lang,
        body,
        section: None,
        citations: vec![],
        suggestions,
        closest,
        explanation,
    }
}

fn explanation(kb: &KnowledgeBase, p: &Parsed) -> Explanation {
    Explanation {
        normalized: p.normalized.clone(),
        corrections: p.corrections.clone(),
        entities: p
            .mentions
            .iter()
            .map(|m| {
                (
                    kb.entities[m.entity].id.clone(),
                    p.words[m.start..m.end].join(" "),
                    m.similarity,
                )
            })
            .collect(),
        unknown_words: p.unknown.clone(),
        ..Explanation::default()
    }
}

/// The values of the facts that answer the best-scoring intents, and of the other facts on
/// their topics ("1993" and "Yoshua Bengio" for "who founded X?"), less the names of the
/// entity asked about: a passage quoted for a refused question must not contain one, or it
/// would read as the answer to a question about something else.
fn answer_values<'k>(
    kb: &'k KnowledgeBase,
    cands: &[Candidate],
    entity: Option<usize>,
) -> Vec<&'k Vec<String>> {
    let top = cands.first().map_or(0.0, |c| c.score);
    let intents: Vec<usize> = cands
        .iter()
        .take_while(|c| c.score >= top - 1e-9)
        .map(|c| c.intent)
        .collect();
    let topics: Vec<&str> = kb
        .facts
        .iter()
        .filter(|f| f.intents.iter().any(|i| intents.contains(i)))
        .map(|f| f.topic.as_str())
        .collect();
    let own_names = entity.map_or(&[][..], |e| kb.entities[e].aliases.as_slice());
    kb.facts
        .iter()
        .filter(|f| topics.contains(&f.topic.as_str()))
        .flat_map(|f| f.value_words.iter())
        .filter(|v| !own_names.contains(v))
        .collect()
}

/// The article passage that best covers an entity: the evidence of the first fact about it
/// (or, failing that, mentioning it) that names it and contains none of `avoid`.
fn closest_passage(kb: &KnowledgeBase, entity: usize, avoid: &[&Vec<String>]) -> Option<Passage> {
    let ent = &kb.entities[entity];
    let names = |words: &[String]| {
        ent.aliases
            .iter()
            .any(|a| words.windows(a.len()).any(|w| w == a.as_slice()))
    };
    let facts = kb
        .facts
        .iter()
        .filter(|f| f.subjects.contains(&entity))
        .chain(kb.facts.iter().filter(|f| f.mentions.contains(&entity)));
    for f in facts {
        let contains =
            |words: &[String], v: &Vec<String>| words.windows(v.len()).any(|w| w == v.as_slice());
        let safe = |words: &[String]| !avoid.iter().any(|v| contains(words, v));
        if let Some(ev) = f
            .evidence
            .iter()
            .find(|e| names(&e.words) && safe(&e.words))
        {
            let s = &kb.article.sentences[ev.sentence];
            return Some(Passage {
                sentence: ev.quote.clone(),
                section: s.section.clone(),
                citations: kb.citations(&s.refs),
                score: 1.0,
            });
        }
    }
    None
}

/// Up to three example questions in `lang` (English for intents without one), those naming
/// an entity asked about first, then in intent order.
fn suggestions(kb: &KnowledgeBase, p: &Parsed, lang: Lang, question: &str) -> Vec<String> {
    let asked = p.entities();
    let question = question.trim();
    let fits = |i: usize, l: Lang, q: &str| {
        let own = l == lang
            || !kb
                .examples
                .iter()
                .any(|(j, l2, _, _)| *j == i && *l2 == lang);
        own && q != question
    };
    let mut out: Vec<String> = Vec::with_capacity(3);
    let naming = kb
        .examples
        .iter()
        .filter(|(_, _, _, named)| named.iter().any(|e| asked.contains(e)));
    for (i, l, q, _) in naming.chain(kb.examples.iter()) {
        if out.len() == 3 {
            break;
        }
        if !out.contains(q) && fits(*i, *l, q) {
            out.push(q.clone());
        }
    }
    out
}

fn tied_examples(kb: &KnowledgeBase, cands: &[Candidate], lang: Lang) -> Vec<String> {
    let top = cands.first().map_or(0.0, |c| c.score);
    cands
        .iter()
        .take_while(|c| c.score >= top - 1e-9)
        .filter_map(|c| {
            let i = &kb.intents[c.intent];
            match lang {
                Lang::Fr => i.examples_fr.first().or(i.examples_en.first()),
                Lang::En => i.examples_en.first(),
            }
            .cloned()
        })
        .take(3)
        .collect()
}

/// Up to `limit` answerable questions matching what has been typed so far (autocomplete).
pub fn complete(kb: &KnowledgeBase, typed: &str, limit: usize) -> Vec<String> {
    let typed_words = tokens(&normalize(typed));
    let mut scored: Vec<(usize, usize, String)> =
        kb.example_questions()
            .into_iter()
            .enumerate()
            .filter_map(|(i, q)| {
                let words = tokens(&normalize(&q));
                let hits = typed_words
                    .iter()
                    .filter(|t| words.iter().any(|w| w.starts_with(t.as_str())))
                    .count();
                (hits == typed_words.len() || (hits > 0 && hits * 2 >= typed_words.len()))
                    .then_some((typed_words.len() - hits, i, q))
            })
            .collect();
    scored.sort();
    scored
        .into_iter()
        .map(|(_, _, q)| q.chars().take(100).collect())
        .take(limit)
        .collect()
}

#[cfg(test)]
mod tests {
    //! The engine on a tiny knowledge base built in memory: nothing here is about Mila, so
    //! these tests show the logic works from the data alone.
    use super::*;

    const ARTICLE: &str = "'''Acme Lab''' is a lab in [[Paris]].\n\
== History ==\n\
Acme Lab was founded in 1999 by Ada Smith.<ref>{{Cite web|url=https://a.example/|title=Acme {{!}} history|website=a.example|access-date=2020-01-02}}</ref>\n";
    const ENTITIES: &str = "[[entity]]\nid = \"acme\"\nkind = \"organization\"\nname = \"Acme Lab\"\naliases = [\"Acme\", \"the lab\"]\n\
[[entity]]\nid = \"ada\"\nkind = \"person\"\nname = \"Ada Smith\"\naliases = [\"Ada Smith\", \"Smith\"]\n\
[[entity]]\nid = \"paris\"\nkind = \"place\"\nname = \"Paris\"\naliases = [\"Paris\"]\n";
    const INTENTS: &str = "[[intent]]\nid = \"founder\"\nall = [[\"who\", \"whom\", \"qui\"], [\"founded\", \"fonde\"]]\npatterns = ['\\bby whom\\b']\nnot = [\"when\"]\nexamples_en = [\"Who founded Acme?\"]\nexamples_fr = [\"Qui a fondé Acme ?\"]\n\
[[intent]]\nid = \"founded_when\"\nall = [[\"when\", \"quand\"], [\"founded\", \"fonde\"]]\nexamples_en = [\"When was Acme founded?\"]\n\
[[intent]]\nid = \"description\"\nweight = 0.5\nstrict = true\ndescribes = true\nall = [[\"what is\", \"who is\"]]\nexamples_en = [\"What is Acme?\"]\n";
    const FACTS: &str = "[[fact]]\nid = \"founder\"\nsubjects = [\"acme\"]\nmentions = [\"ada\"]\nrelation = \"founded_by\"\nvalue = \"Ada Smith\"\nintents = [\"founder\"]\ntopic = \"founding\"\nevidence = [\"Acme Lab was founded in 1999 by Ada Smith.\"]\nen = \"Acme was founded by Ada Smith.\"\nfr = \"Acme a été fondé par Ada Smith.\"\n\
[[fact]]\nid = \"year\"\nsubjects = [\"acme\"]\nrelation = \"founded_in\"\nvalue = \"1999\"\nintents = [\"founded_when\"]\ntopic = \"founding\"\nevidence = [\"Acme Lab was founded in 1999\"]\nen = \"Acme was founded in 1999.\"\nfr = \"Acme a été fondé en 1999.\"\n\
[[fact]]\nid = \"what\"\nsubjects = [\"acme\"]\nmentions = [\"paris\"]\nrelation = \"is_a\"\nvalue = \"lab\"\nintents = [\"description\"]\ntopic = \"overview\"\nevidence = [\"Acme Lab is a lab in Paris.\"]\nen = \"Acme Lab is a lab in Paris.\"\nfr = \"Acme Lab est un laboratoire à Paris.\"\n";
    const LEXICON: &str = "pronouns = [\"it\"]\nperson_pronouns = [\"she\"]\nquestion_words = [\"who\", \"when\", \"what\", \"qui\", \"quand\"]\nfrench = [\"qui\", \"a\", \"quand\"]\nenglish = [\"who\", \"was\", \"when\", \"what\", \"is\"]\nfiller = [\"was\", \"is\", \"the\", \"a\", \"it\", \"by\"]\ncontext_kinds = [\"place\"]\nperson_kinds = [\"person\"]\n";
    const MESSAGES: &str = "[en]\nnot_in_article = \"Not said.\"\nnot_in_article_about = \"Not said about {entity}.\"\noff_topic = \"Off topic.\"\nambiguous = \"Ambiguous.\"\nempty = \"Ask me.\"\ntoo_long = \"Too long ({n}/{max}).\"\nno_reference = \"(section {section})\"\n\
[fr]\nnot_in_article = \"Pas dit.\"\nnot_in_article_about = \"Pas dit de {entity}.\"\noff_topic = \"Hors sujet.\"\nambiguous = \"Ambigu.\"\nempty = \"Demandez.\"\ntoo_long = \"Trop long.\"\nno_reference = \"(section {section})\"\n";

    fn kb() -> KnowledgeBase {
        let files = [
            ("article.wikitext", ARTICLE),
            ("entities.toml", ENTITIES),
            ("intents.toml", INTENTS),
            ("facts.toml", FACTS),
            ("lexicon.toml", LEXICON),
            ("messages.toml", MESSAGES),
        ];
        KnowledgeBase::from_sources(
            files
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
        )
        .expect("the fixture loads")
    }

    fn one(kb: &KnowledgeBase, q: &str) -> Answer {
        ask(kb, q, &mut Conversation::default())
    }

    #[test]
    fn answers_with_derived_citation_markers() {
        let kb = kb();
        let a = one(&kb, "who founded acme?");
        assert!(a.answered);
        assert_eq!(a.body, "Acme was founded by Ada Smith.[1]");
        assert_eq!(a.citations[0].title, "Acme | history");
        assert_eq!(a.section.as_deref(), Some("History"));
    }

    #[test]
    fn a_sentence_without_reference_names_its_section() {
        let a = one(&kb(), "what is acme");
        assert!(a.answered);
        assert!(a.citations.is_empty());
        assert!(a.body.ends_with("(section Introduction)"), "{}", a.body);
    }

    #[test]
    fn typos_are_corrected_and_shown() {
        let a = one(&kb(), "who foundd acme");
        assert!(a.answered);
        assert_eq!(a.explanation.corrections[0].1, "founded");
        assert!(a.confidence < one(&kb(), "who founded acme").confidence);
    }

    #[test]
    fn another_entity_or_an_unknown_subject_is_refused() {
        let kb = kb();
        for q in [
            "who founded Paris?",
            "who founded Globex?",
            "who founded Ada Smith?",
        ] {
            let a = one(&kb, q);
            assert!(!a.answered, "{q}: {}\n{}", a.body, a.explain());
            assert!(!a.body.contains("founded by"), "{q}");
        }
        assert_eq!(
            one(&kb, "who founded Ada Smith?").body,
            "Not said about Ada Smith."
        );
    }

    #[test]
    fn generic_shapes_refuse_unknown_words() {
        assert!(!one(&kb(), "what is acme's budget").answered);
    }

    #[test]
    fn follow_ups_stay_on_the_topic() {
        let kb = kb();
        let mut c = Conversation::default();
        assert!(ask(&kb, "when was acme founded", &mut c).answered);
        let a = ask(&kb, "by whom?", &mut c);
        assert!(a.answered && a.body.contains("Ada Smith"), "{}", a.body);
        assert_eq!(c.topic.as_deref(), Some("founding"));
    }

    #[test]
    fn french_is_detected_and_answered_in_french() {
        let a = one(&kb(), "Qui a fondé Acme ?");
        assert_eq!(a.lang, Lang::Fr);
        assert_eq!(a.body, "Acme a été fondé par Ada Smith.[1]");
    }

    #[test]
    fn empty_and_overlong_input_get_messages() {
        let kb = kb();
        assert_eq!(one(&kb, " \t ").body, "Ask me.");
        let long = "a".repeat(MAX_QUESTION_CHARS + 1);
        assert_eq!(
            one(&kb, &long).body,
            format!(
                "Too long ({}/{MAX_QUESTION_CHARS}).",
                MAX_QUESTION_CHARS + 1
            )
        );
    }

    #[test]
    fn suggestions_are_example_questions_in_the_question_language() {
        let kb = kb();
        let a = one(&kb, "qui a fondé Paris ?");
        assert!(!a.answered);
        assert!(
            a.suggestions.contains(&"Qui a fondé Acme ?".to_string()),
            "{:?}",
            a.suggestions
        );
    }
}
