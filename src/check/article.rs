//! The article compared with the baseline it was last checked against (or with another
//! revision): each change is a warning at its line in article.wikitext, naming the facts it
//! touches, until `check --accept` records the article as the new baseline.

use super::changes::{compare, Change};
use super::{nearest, Compare, Finding, Raw, Report};
use crate::knowledge::baseline::{article_sha256, Baseline};
use crate::knowledge::diagnose::Diagnosis;
use crate::knowledge::files::{self, Sources};
use crate::knowledge::wikitext::Article;
use std::path::Path;

pub(super) fn changes(sources: &Sources, d: &Diagnosis, raw: &Raw, with: Compare, r: &mut Report) {
    let Some(new) = &d.article else {
        r.summary
            .push("article changes not listed: the article does not load".into());
        return;
    };
    let broken = |p: &crate::knowledge::KnowledgeError| {
        Path::new(&p.file)
            .file_name()
            .is_some_and(|n| n == files::ARTICLE)
    };
    if d.problems.iter().any(broken) {
        r.summary
            .push("article changes not listed: the article has errors".into());
        return;
    }
    let (old, since) = match with {
        Compare::Against(old, name) => (old.clone(), format!("compared with {name}")),
        Compare::Baseline => {
            let Some(b) = baseline(sources, r) else {
                return;
            };
            if b.article_sha256 == article_sha256(sources.get(files::ARTICLE)) {
                r.summary
                    .push("article: unchanged since the baseline (baseline.toml)".into());
                return;
            }
            (b.article(), "since the baseline (baseline.toml)".into())
        }
    };
    let list = compare(&old, new);
    if list.is_empty() {
        r.summary.push(format!(
            "article: no sentence or reference changed {since} (other text did)"
        ));
        return;
    }
    for c in &list {
        let f = finding(c, &old, new, raw);
        r.push(f);
    }
    let what = format!("{} {since}: {}", plural(list.len(), "change"), tally(&list));
    r.summary.push(format!("article: {what}"));
    r.article = Some(what);
}

/// The recorded baseline; a missing one is a warning, a broken one an error.
fn baseline(sources: &Sources, r: &mut Report) -> Option<Baseline> {
    match sources.text(files::BASELINE) {
        Ok(text) => Baseline::parse(text)
            .map_err(|e| r.push(Finding::from_problem(&e)))
            .ok(),
        Err(e) if sources.unreadable.iter().any(|(n, _)| n == files::BASELINE) => {
            r.push(Finding::from_problem(&e));
            None
        }
        Err(_) => {
            r.push(Finding::warning(
                files::BASELINE,
                0,
                "no baseline: the article's changes cannot be listed; once the facts are checked, \
                 `check --accept` records the article as the baseline"
                    .into(),
            ));
            r.summary
                .push("article changes not listed: no baseline.toml".into());
            None
        }
    }
}

fn finding(c: &Change, old: &Article, new: &Article, raw: &Raw) -> Finding {
    let a = files::ARTICLE;
    let quote = |t: &str| format!("\"{t}\"");
    match c {
        Change::SentenceChanged(o, n) => {
            let (was, now) = (&old.sentences[*o], &new.sentences[*n]);
            let diff = nearest::word_changes(&was.text, &now.text);
            let f = Finding::warning(a, now.line, format!("sentence changed ({})", now.section))
                .with(format!("was: {}", quote(&was.text)))
                .with(format!("now: {}", quote(&now.text)))
                .with(format!("differs: {}", nearest::describe_change(&diff)));
            quoted_by(f, raw.quoting(&was.text).or_else(|| raw.quoting(&now.text)))
        }
        Change::SentenceAdded(n) => {
            let s = &new.sentences[*n];
            let f = Finding::warning(a, s.line, format!("sentence added ({})", s.section))
                .with(quote(&s.text));
            match s.refs.is_empty() {
                true => f,
                false => f.with(format!("cites {}", numbers(&s.refs))),
            }
        }
        Change::SentenceRemoved(o) => {
            let s = &old.sentences[*o];
            let f = Finding::warning(a, 0, format!("sentence removed ({})", s.section))
                .with(quote(&s.text));
            quoted_by(f, raw.quoting(&s.text))
        }
        Change::CitationsChanged(o, n) => {
            let (was, now) = (&old.sentences[*o], &new.sentences[*n]);
            Finding::warning(
                a,
                now.line,
                format!(
                    "citations changed ({}): {} → {}",
                    now.section,
                    numbers(&was.refs),
                    numbers(&now.refs)
                ),
            )
            .with(quote(&now.text))
        }
        Change::ReferenceChanged(o, n, fields) => {
            let (was, now) = (&old.references[*o], &new.references[*n]);
            let mut f = Finding::warning(
                a,
                super::first_citing_line(new, now.n),
                format!("reference [{}] \"{}\" changed", now.n, was.title),
            );
            for (field, x, y) in fields {
                f = f.with(format!("{field}: {x} → {y}"));
            }
            cited_by(f, citing(new, now.n, raw))
        }
        Change::ReferenceAdded(n) => {
            let now = &new.references[*n];
            let f = Finding::warning(
                a,
                super::first_citing_line(new, now.n),
                format!("reference added: [{}] \"{}\" {}", now.n, now.title, now.url),
            );
            cited_by(f, citing(new, now.n, raw))
        }
        Change::ReferenceRemoved(o) => {
            let was = &old.references[*o];
            let f = Finding::warning(
                a,
                0,
                format!(
                    "reference removed: [{}] \"{}\" {}",
                    was.n, was.title, was.url
                ),
            );
            cited_by(f, citing(old, was.n, raw))
        }
        Change::Renumbered(moves) => {
            let list: Vec<String> = moves
                .iter()
                .map(|(x, y)| format!("[{x}] → [{y}]"))
                .collect();
            Finding::warning(
                a,
                0,
                format!(
                    "references renumbered: {} (answers cite the new numbers)",
                    list.join(", ")
                ),
            )
        }
    }
}

fn quoted_by(f: Finding, facts: Option<String>) -> Finding {
    match facts {
        Some(facts) => f.with(format!("quoted by {facts}")),
        None => f,
    }
}

fn cited_by(f: Finding, facts: Option<String>) -> Finding {
    match facts {
        Some(facts) => f.with(format!("cited in the answers of {facts}")),
        None => f,
    }
}

/// The facts quoting a sentence that cites reference `n`.
fn citing(article: &Article, n: usize, raw: &Raw) -> Option<String> {
    let text: Vec<&str> = (article.sentences.iter())
        .filter(|s| s.refs.contains(&n))
        .map(|s| s.text.as_str())
        .collect();
    raw.quoting(&text.join(" \u{0} "))
}

fn numbers(refs: &[usize]) -> String {
    if refs.is_empty() {
        return "none".into();
    }
    refs.iter().map(|n| format!("[{n}]")).collect()
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// "1 sentence changed, 1 added, 1 reference added, renumbering".
fn tally(list: &[Change]) -> String {
    let count = |f: fn(&Change) -> bool| list.iter().filter(|c| f(c)).count();
    let parts = [
        (
            "sentence changed",
            count(|c| matches!(c, Change::SentenceChanged(..))),
        ),
        (
            "sentence added",
            count(|c| matches!(c, Change::SentenceAdded(..))),
        ),
        (
            "sentence removed",
            count(|c| matches!(c, Change::SentenceRemoved(..))),
        ),
        (
            "citations changed",
            count(|c| matches!(c, Change::CitationsChanged(..))),
        ),
        (
            "reference changed",
            count(|c| matches!(c, Change::ReferenceChanged(..))),
        ),
        (
            "reference added",
            count(|c| matches!(c, Change::ReferenceAdded(..))),
        ),
        (
            "reference removed",
            count(|c| matches!(c, Change::ReferenceRemoved(..))),
        ),
        (
            "renumbering",
            count(|c| matches!(c, Change::Renumbered(..))),
        ),
    ];
    parts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| format!("{n} {what}"))
        .collect::<Vec<_>>()
        .join(", ")
}
