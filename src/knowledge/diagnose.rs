//! Everything wrong with the knowledge at once: each file is parsed and checked as far as it
//! can be, a file that does not load leaves the others checked, and an item with a problem is
//! left out so that the rest can still be built. [`build`](super::build) returns the first
//! problem; `check` reports them all.

use super::build::{
    assemble, build_entities, build_facts, build_intents, err, parse, sentence_words,
};
use super::files::{self, Sources};
use super::*;

/// What a build found: every problem, in file order, and the knowledge whenever every file
/// parses (an item with a problem is left out of it, so one broken fact does not hide the
/// others).
#[derive(Debug)]
pub struct Diagnosis {
    pub kb: Option<KnowledgeBase>,
    /// The article as far as it reads (`None`: it cannot be read or has no text).
    pub article: Option<wikitext::Article>,
    pub problems: Vec<KnowledgeError>,
    pub facts: FactsFound,
}

/// How the facts of `facts.toml` fared.
#[derive(Debug, Default)]
pub struct FactsFound {
    /// `[[fact]]` entries (`None`: the file does not parse).
    pub total: Option<usize>,
    /// Evidence quotes not found in the article.
    pub missing: Vec<MissingQuote>,
    /// Facts left out of the knowledge for a problem: (id, the intents it answers).
    pub left_out: Vec<(String, Vec<String>)>,
}

/// An evidence quote that is not in the article.
#[derive(Debug, Clone)]
pub struct MissingQuote {
    pub fact: String,
    pub quote: String,
    /// Its problem, in [`Diagnosis::problems`].
    pub problem: usize,
}

/// Builds as much as it can and lists every problem. The intents' patterns, half of the
/// work, are compiled on a second thread while the rest is built.
pub fn diagnose(sources: &Sources, source: Option<PathBuf>) -> Diagnosis {
    let mut problems = Vec::new();
    let article = read_article(sources, &mut problems);
    let words = article.as_ref().map_or_else(Vec::new, sentence_words);
    let entities = build_entities(sources, &mut problems);
    let (intents, to_compile) = build_intents(sources, &mut problems).unzip();
    let patterns_at = problems.len();
    std::thread::scope(|scope| {
        let compiling = to_compile.map(|p| scope.spawn(move || p.compile(sources)));
        let mut found = FactsFound::default();
        let facts = build_facts(
            sources,
            article.as_ref(),
            &words,
            entities.as_deref(),
            intents.as_deref(),
            &mut problems,
            &mut found,
        );
        let lex: Option<files::LexiconFile> = parse(sources, files::LEXICON, &mut problems);
        if let (Some(lex), Some(entities)) = (&lex, &entities) {
            unknown_cities(sources, lex, entities, &mut problems);
        }
        let messages: Option<files::MessagesFile> = parse(sources, files::MESSAGES, &mut problems);
        if let (Some(intents), Some(messages)) = (&intents, &messages) {
            smalltalk_replies(sources, intents, messages, &mut problems);
        }
        let common_words = common_words(sources, &mut problems);
        let patterns = compiling.map(|c| {
            let (compiled, bad) = c.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            problems.splice(patterns_at..patterns_at, bad);
            compiled
        });
        let kb = match (
            article.clone(),
            entities,
            intents.zip(patterns),
            facts,
            lex,
            messages,
        ) {
            (
                Some(article),
                Some(entities),
                Some(intents),
                Some(facts),
                Some(lex),
                Some(messages),
            ) => {
                let mut kb = assemble(
                    sources, source, article, words, entities, intents, facts, lex, messages,
                );
                kb.common_words = common_words;
                Some(kb)
            }
            _ => None,
        };
        Diagnosis {
            kb,
            article,
            problems,
            facts: found,
        }
    })
}

/// `city_entities` names entities by id: one that is not in entities.toml is a problem (it
/// would silently do nothing).
fn unknown_cities(
    sources: &Sources,
    lex: &files::LexiconFile,
    entities: &[Entity],
    problems: &mut Vec<KnowledgeError>,
) {
    for id in &lex.city_entities {
        if !entities.iter().any(|e| &e.id == id) {
            let message = format!("city_entities: unknown entity `{id}` (not in entities.toml)");
            problems.push(err(sources, files::LEXICON, None, message));
        }
    }
}

/// The article, as far as it reads; every broken line is a problem.
fn read_article(
    sources: &Sources,
    problems: &mut Vec<KnowledgeError>,
) -> Option<wikitext::Article> {
    let text = sources
        .text(files::ARTICLE)
        .map_err(|e| problems.push(e))
        .ok()?;
    let (article, errors) = wikitext::parse_all(text);
    let article = article.with_reference_titles();
    problems.extend(errors.into_iter().map(|e| KnowledgeError {
        file: files::ARTICLE.into(),
        line: e.line,
        column: 1,
        message: e.message,
    }));
    if article.sentences.is_empty() {
        problems.push(err(
            sources,
            files::ARTICLE,
            None,
            "the article has no text".into(),
        ));
        return None;
    }
    Some(article)
}

/// The common words, when the directory has them; every unusable line is a problem.
fn common_words(sources: &Sources, problems: &mut Vec<KnowledgeError>) -> crate::nlu::CommonWords {
    let Some(text) = sources.shared(files::WORDS) else {
        // Missing is allowed; unreadable (not UTF-8, no permission) is a problem.
        if let Some((_, e)) = sources.unreadable.iter().find(|(n, _)| n == files::WORDS) {
            problems.push(e.clone());
        }
        return Default::default();
    };
    let (list, bad) = crate::nlu::CommonWords::parse(text);
    problems.extend(bad.into_iter().map(|b| KnowledgeError {
        file: files::WORDS.into(),
        line: b.line,
        column: 1,
        message: b.message,
    }));
    list
}

fn smalltalk_replies(
    sources: &Sources,
    intents: &[Intent],
    messages: &files::MessagesFile,
    problems: &mut Vec<KnowledgeError>,
) {
    for intent in intents.iter().filter(|i| i.smalltalk) {
        for (lang, m) in [("en", &messages.en), ("fr", &messages.fr)] {
            if !m.smalltalk.contains_key(&intent.id) {
                problems.push(err(
                    sources,
                    files::MESSAGES,
                    None,
                    format!(
                        "[{lang}.smalltalk] has no reply for the small-talk intent `{}`",
                        intent.id
                    ),
                ));
            }
        }
    }
}
