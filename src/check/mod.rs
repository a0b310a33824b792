//! `mila-bot check`: every problem of the knowledge in one run, each once, at its file, line
//! and column: files that do not load, facts whose evidence is not in the article (with the
//! nearest sentence and what differs), references no fact cites, ambiguous aliases, intents
//! whose examples do not resolve to them; and how the article changed since the baseline it
//! was last checked against (`baseline.toml`), or since another directory's article.

pub mod changes;
pub mod nearest;
pub mod report;

use crate::engine::{ask, Conversation};
use crate::knowledge::build::quote_key;
use crate::knowledge::diagnose::Diagnosis;
use crate::knowledge::files::{self, line_col, Sources};
use crate::knowledge::wikitext::Article;
use crate::knowledge::KnowledgeBase;
pub use report::{Finding, Report, Severity};
use std::collections::BTreeMap;
use std::path::Path;

mod article;

/// What the article is compared with.
#[derive(Debug, Clone, Copy)]
pub enum Compare<'a> {
    /// The knowledge's own `baseline.toml`.
    Baseline,
    /// Another revision (`--against DIR`), and how to name it.
    Against(&'a Article, &'a str),
}

/// Checks the knowledge read from `dir` (`None`: embedded) into `sources` and built into `d`.
pub fn check(dir: Option<&Path>, sources: &Sources, d: &Diagnosis, compare: Compare) -> Report {
    let mut r = Report {
        dir: dir.map(Path::to_path_buf),
        ..Default::default()
    };
    let raw = Raw::read(sources);
    match &d.kb {
        Some(kb) => {
            r.summary.push(format!("loaded: {}", kb.summary()));
            r.summary
                .push(format!("content hash: {}", kb.content_hash()));
        }
        None => r.summary.push(format!(
            "loaded: {} (not every file loads)",
            dir.map_or("the embedded knowledge".into(), |d| d.display().to_string())
        )),
    }
    problems(d, &mut r);
    wording(sources, &mut r);
    facts_summary(d, &mut r);
    match &d.kb {
        Some(kb) => {
            references_used(kb, d, &raw, &mut r);
            alias_collisions(kb, &raw, &mut r);
            names_in_word_lists(kb, &raw, &mut r);
            self_test(kb, d, &raw, &mut r);
        }
        None => r.summary.push(
            "references, aliases and example questions not checked: the knowledge does not load"
                .into(),
        ),
    }
    article::changes(sources, d, &raw, compare, &mut r);
    r
}

/// What check needs of the files as written: where ids are, and each fact's quotes.
#[derive(Debug, Default)]
pub(crate) struct Raw {
    /// Entity and intent id -> (line, column).
    entity_at: BTreeMap<String, (usize, usize)>,
    intent_at: BTreeMap<String, (usize, usize)>,
    /// (fact id, its evidence quotes), in file order.
    quotes: Vec<(String, Vec<String>)>,
}

impl Raw {
    fn read(sources: &Sources) -> Raw {
        let at = |f: &str, span: std::ops::Range<usize>| line_col(sources.get(f), span.start);
        let mut raw = Raw::default();
        if let Ok(e) = toml::from_str::<files::EntitiesFile>(sources.get(files::ENTITIES)) {
            for e in e.entity {
                let place = at(files::ENTITIES, e.id.span());
                raw.entity_at.entry(e.id.into_inner()).or_insert(place);
            }
        }
        if let Ok(i) = toml::from_str::<files::IntentsFile>(sources.get(files::INTENTS)) {
            for i in i.intent {
                let place = at(files::INTENTS, i.id.span());
                raw.intent_at.entry(i.id.into_inner()).or_insert(place);
            }
        }
        if let Ok(f) = toml::from_str::<files::FactsFile>(sources.get(files::FACTS)) {
            raw.quotes = f
                .fact
                .into_iter()
                .map(|f| {
                    let q = f.evidence.into_iter().map(|q| q.into_inner()).collect();
                    (f.id.into_inner(), q)
                })
                .collect();
        }
        raw
    }

    /// The facts quoting from `sentence`, as "fact `a`, `b`".
    fn quoting(&self, sentence: &str) -> Option<String> {
        let key = quote_key(sentence);
        let ids: Vec<String> = (self.quotes.iter())
            .filter(|(_, qs)| qs.iter().any(|q| key.contains(&quote_key(q))))
            .map(|(id, _)| format!("`{id}`"))
            .collect();
        let s = if ids.len() == 1 { "" } else { "s" };
        (!ids.is_empty()).then(|| format!("fact{s} {}", ids.join(", ")))
    }
}

const MARKUP_NOTE: &str = "evidence is matched against the article's plain text: wiki markup \
is stripped, so a link reads as its label ([[Little Italy, Montreal|Little Italy]] is \
\"Little Italy\"), and there are no '' or ''' quotes, templates or <ref> tags. Copy the words \
as the sentence shows them (`mila-bot ask --explain` prints evidence sentences).";

/// Every load problem; a missing quote with the sentence nearest to it.
fn problems(d: &Diagnosis, r: &mut Report) {
    for (i, p) in d.problems.iter().enumerate() {
        let mut f = Finding::from_problem(p);
        if let Some(m) = d.facts.missing.iter().find(|m| m.problem == i) {
            r.note(MARKUP_NOTE);
            if let Some(n) = d
                .article
                .as_ref()
                .and_then(|a| nearest::nearest(&m.quote, &a.sentences).map(|n| (n, a)))
                .map(|(n, a)| (a.sentences[n.sentence].clone(), n))
            {
                let (s, n) = n;
                f = f.with(format!(
                    "nearest: {}:{} ({}): \"{}\"",
                    r.path(files::ARTICLE),
                    s.line,
                    s.section,
                    s.text
                ));
                f = f.with(format!("differs: {}", nearest::describe(&n.differences)));
            }
            if ["''", "[[", "]]", "{{", "<ref"]
                .iter()
                .any(|m| f.message.contains(m))
            {
                f = f.with("the quote has wiki markup: quote the text as it reads".into());
            }
        }
        r.push(f);
    }
}

/// The front ends' wording (the `[chat]` and `[discord]` tables of messages.toml) loads on its
/// own; it is checked here too.
fn wording(sources: &Sources, r: &mut Report) {
    let Ok(text) = sources.text(files::MESSAGES) else {
        return;
    };
    let chat = crate::frontends::chat::text::ChatText::parse(text).err();
    let discord = crate::frontends::discord::texts::Texts::parse(text).err();
    for e in chat.into_iter().chain(discord) {
        r.push(Finding::from_problem(&e));
    }
}

fn facts_summary(d: &Diagnosis, r: &mut Report) {
    let Some(total) = d.facts.total else {
        r.summary
            .push("facts not checked: facts.toml does not load".into());
        return;
    };
    if d.article.is_none() {
        r.summary.push(format!(
            "{total} facts in facts.toml: evidence not checked (the article does not load)"
        ));
        return;
    }
    let mut ungrounded: Vec<&str> = d.facts.missing.iter().map(|m| m.fact.as_str()).collect();
    ungrounded.dedup();
    let not = ungrounded.len();
    let left = d.facts.left_out.len();
    r.summary.push(format!(
        "{total} facts in facts.toml: {} grounded in the article, {not} not{}",
        total - not,
        if left > 0 {
            format!("; {left} left out of the knowledge for errors")
        } else {
            String::new()
        }
    ));
}

/// A reference no fact cites is a warning. The references a fact left out for an error would
/// cite (through the sentences its quotes are in, or nearest to) count as cited: that fact is
/// reported already.
fn references_used(kb: &KnowledgeBase, d: &Diagnosis, raw: &Raw, r: &mut Report) {
    let sentences = &kb.article.sentences;
    let left_out = (d.facts.left_out.iter())
        .filter_map(|(id, _)| raw.quotes.iter().find(|(q, _)| q == id))
        .flat_map(|(_, quotes)| quotes);
    let mut cited_by_broken: Vec<usize> = Vec::new();
    for q in left_out {
        let key = quote_key(q);
        let at = (sentences.iter()).position(|s| quote_key(&s.text).contains(&key));
        let at = at.or_else(|| nearest::nearest(q, sentences).map(|n| n.sentence));
        cited_by_broken.extend(at.iter().flat_map(|&i| &sentences[i].refs));
    }
    let mut unused = 0;
    for reference in kb.references() {
        let n = reference.n;
        if !kb.facts.iter().any(|f| f.refs.contains(&n)) && !cited_by_broken.contains(&n) {
            unused += 1;
            r.push(Finding::warning(
                files::ARTICLE,
                first_citing_line(&kb.article, reference.n),
                format!(
                    "reference [{}] \"{}\" is not cited by any fact",
                    reference.n, reference.title
                ),
            ));
        }
    }
    let n = kb.references().len();
    r.summary.push(format!(
        "{n} references in the article: {} cited by a fact, {unused} not",
        n - unused
    ));
}

/// The line of the first sentence citing reference `n` (where the reference is written).
pub(crate) fn first_citing_line(article: &Article, n: usize) -> usize {
    (article.sentences.iter())
        .find(|s| s.refs.contains(&n))
        .map_or(0, |s| s.line)
}

fn alias_collisions(kb: &KnowledgeBase, raw: &Raw, r: &mut Report) {
    let mut owners: BTreeMap<&Vec<String>, Vec<&str>> = BTreeMap::new();
    for e in &kb.entities {
        for a in &e.aliases {
            let v = owners.entry(a).or_default();
            if !v.contains(&e.id.as_str()) {
                v.push(&e.id);
            }
        }
    }
    for (alias, ids) in owners.into_iter().filter(|(_, ids)| ids.len() > 1) {
        let (line, column) = ids
            .last()
            .and_then(|id| raw.entity_at.get(*id))
            .copied()
            .unwrap_or_default();
        let mut f = Finding::error(
            files::ENTITIES,
            line,
            format!(
                "alias \"{}\" belongs to several entities: {}",
                alias.join(" "),
                ids.join(", ")
            ),
        );
        f.column = column;
        r.push(f);
    }
}

/// An entity's one-word name in a list of words without meaning (`filler`, `self_words`,
/// `verbs`, `question_words`) would make a question about that entity look like filler: an
/// error, since the engine could then answer a question about it as if about nothing.
fn names_in_word_lists(kb: &KnowledgeBase, raw: &Raw, r: &mut Report) {
    let lex = &kb.lexicon;
    let lists = [
        ("filler", &lex.filler),
        ("self_words", &lex.self_words),
        ("verbs", &lex.verbs),
        ("question_words", &lex.question_words),
    ];
    for e in &kb.entities {
        for alias in e.aliases.iter().filter(|a| a.len() == 1) {
            for (list, _) in lists.iter().filter(|(_, w)| w.contains(&alias[0])) {
                let (line, _) = raw.entity_at.get(&e.id).copied().unwrap_or_default();
                r.push(Finding::error(
                    files::LEXICON,
                    0,
                    format!(
                        "\"{}\", a name of entity `{}` (entities.toml line {line}), is in the \
                         generic word list `{list}`; remove it from there",
                        alias[0], e.id
                    ),
                ));
            }
        }
    }
}

/// Every example question must be answered, by its own intent (refused by it, for an intent
/// the article answers none of: `unanswered`). Examples of an intent that
/// lost a fact to an error are not run: that fact is reported once, above.
fn self_test(kb: &KnowledgeBase, d: &Diagnosis, raw: &Raw, r: &mut Report) {
    let (mut ok, mut bad, mut skipped) = (0, 0, 0);
    for i in &kb.intents {
        let lost = (d.facts.left_out.iter()).any(|(_, intents)| intents.contains(&i.id));
        for q in i.examples_en.iter().chain(&i.examples_fr) {
            if lost {
                skipped += 1;
                continue;
            }
            let a = ask(kb, q, &mut Conversation::default());
            if a.answered != i.unanswered && a.intent.as_deref() == Some(i.id.as_str()) {
                ok += 1;
                continue;
            }
            bad += 1;
            let what = match (&a.intent, a.answered) {
                (_, true) if i.unanswered => "is answered".to_string(),
                (Some(other), false) if i.unanswered => format!("is refused by `{other}`"),
                (_, false) => "gets no answer".to_string(),
                (Some(other), true) => format!("is answered by the intent `{other}` instead"),
                (None, true) => "is answered by no intent".to_string(),
            };
            let (line, column) = raw.intent_at.get(&i.id).copied().unwrap_or_default();
            let mut f = Finding::error(
                files::INTENTS,
                line,
                format!("intent `{}`: the example \"{q}\" {what}", i.id),
            );
            f.column = column;
            r.push(f);
        }
    }
    let mut line = format!(
        "{} example questions: {ok} resolve to their intent, {bad} do not",
        ok + bad + skipped
    );
    if skipped > 0 {
        line += &format!(", {skipped} not run (their intent lost a fact to an error above)");
    }
    r.summary.push(line);
}
