//! `mila-bot check`: is every fact still grounded in the article? Evidence found, citations
//! derived, every reference used, aliases unambiguous, every intent's examples resolving to
//! that intent; and, against an older knowledge directory, what changed.

use crate::engine::{ask, Conversation};
use crate::knowledge::{build::quote_key, KnowledgeBase};
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Default)]
pub struct Report {
    pub info: Vec<String>,
    pub warnings: Vec<String>,
    pub errors: Vec<String>,
}

impl Report {
    pub fn failed(&self, strict: bool) -> bool {
        !self.errors.is_empty() || (strict && !self.warnings.is_empty())
    }

    pub fn render(&self) -> String {
        let mut s = String::new();
        for l in &self.info {
            let _ = writeln!(s, "{l}");
        }
        for l in &self.warnings {
            let _ = writeln!(s, "warning: {l}");
        }
        for l in &self.errors {
            let _ = writeln!(s, "error: {l}");
        }
        let _ = writeln!(
            s,
            "{} error(s), {} warning(s)",
            self.errors.len(),
            self.warnings.len()
        );
        s
    }
}

pub fn check(kb: &KnowledgeBase, old: Option<&KnowledgeBase>) -> Report {
    let mut r = Report::default();
    r.info.push(format!("loaded: {}", kb.summary()));
    r.info.push(format!("content hash: {}", kb.content_hash()));
    for p in &kb.problems {
        r.errors.push(p.to_string());
    }
    grounding(kb, &mut r);
    references_used(kb, &mut r);
    alias_collisions(kb, &mut r);
    self_test(kb, &mut r);
    if let Some(old) = old.filter(|o| o.content_hash() != kb.content_hash()) {
        r.info.push(format!("compared with: {}", old.summary()));
        diff(old, kb, &mut r);
    }
    r
}

/// Evidence is checked at load (a missing quote fails the load); here each fact's citations
/// are re-derived from the article and the evidence re-found, so a report shows them.
fn grounding(kb: &KnowledgeBase, r: &mut Report) {
    let mut grounded = 0;
    for f in &kb.facts {
        let mut refs: Vec<usize> = f
            .evidence
            .iter()
            .flat_map(|e| kb.article.sentences[e.sentence].refs.iter().copied())
            .collect();
        refs.sort_unstable();
        refs.dedup();
        let found = f.evidence.iter().all(|e| {
            quote_key(&kb.article.sentences[e.sentence].text).contains(&quote_key(&e.quote))
        });
        if !found {
            r.errors
                .push(format!("fact `{}`: evidence not in the article", f.id));
        } else if refs != f.refs {
            r.errors.push(format!(
                "fact `{}`: citations {:?} differ from the article's {:?}",
                f.id, f.refs, refs
            ));
        } else {
            grounded += 1;
        }
    }
    r.info.push(format!(
        "{grounded}/{} facts grounded in the article",
        kb.facts.len()
    ));
}

fn references_used(kb: &KnowledgeBase, r: &mut Report) {
    for reference in kb.references() {
        if !kb.facts.iter().any(|f| f.refs.contains(&reference.n)) {
            r.warnings.push(format!(
                "reference [{}] \"{}\" is not cited by any fact",
                reference.n, reference.title
            ));
        }
    }
}

fn alias_collisions(kb: &KnowledgeBase, r: &mut Report) {
    let mut owners: BTreeMap<&Vec<String>, Vec<&str>> = BTreeMap::new();
    for e in &kb.entities {
        for a in &e.aliases {
            let v = owners.entry(a).or_default();
            if !v.contains(&e.id.as_str()) {
                v.push(&e.id);
            }
        }
    }
    for (alias, ids) in owners {
        if ids.len() > 1 {
            r.errors.push(format!(
                "alias \"{}\" belongs to several entities: {}",
                alias.join(" "),
                ids.join(", ")
            ));
        }
    }
}

/// Every example question must be answered, by its own intent.
fn self_test(kb: &KnowledgeBase, r: &mut Report) {
    let (mut ok, mut n) = (0, 0);
    for i in &kb.intents {
        for q in i.examples_en.iter().chain(&i.examples_fr) {
            n += 1;
            let a = ask(kb, q, &mut Conversation::default());
            if a.answered && a.intent.as_deref() == Some(i.id.as_str()) {
                ok += 1;
            } else {
                r.errors.push(format!(
                    "intent `{}`: example {q:?} gives {} (intent {:?})",
                    i.id,
                    if a.answered { "an answer" } else { "no answer" },
                    a.intent
                ));
            }
        }
    }
    r.info.push(format!(
        "{ok}/{n} example questions resolve to their intent"
    ));
}

/// What changed between two knowledge versions: facts whose evidence or citations changed,
/// references added, removed or changed.
pub fn diff(old: &KnowledgeBase, new: &KnowledgeBase, r: &mut Report) {
    let by_url = |kb: &KnowledgeBase| -> BTreeMap<String, (usize, String)> {
        kb.references()
            .iter()
            .map(|x| {
                (
                    x.url.clone(),
                    (
                        x.n,
                        format!("{:?}", (&x.title, &x.website, &x.date, &x.access_date)),
                    ),
                )
            })
            .collect()
    };
    let (o, n) = (by_url(old), by_url(new));
    for (url, (num, _)) in &n {
        if !o.contains_key(url) {
            r.warnings.push(format!("reference added: [{num}] {url}"));
        }
    }
    for (url, (num, meta)) in &o {
        match n.get(url) {
            None => r.warnings.push(format!("reference removed: [{num}] {url}")),
            Some((m, meta2)) if meta2 != meta || m != num => r
                .warnings
                .push(format!("reference changed: [{num}] {url} (now [{m}])")),
            _ => {}
        }
    }
    for f in &old.facts {
        let lost = |p: &crate::knowledge::KnowledgeError| {
            p.message.starts_with(&format!("fact `{}`:", f.id))
        };
        if new.problems.iter().any(lost) {
            continue; // reported as an error already
        }
        let Some(g) = new.facts.iter().find(|g| g.id == f.id) else {
            r.warnings.push(format!(
                "fact `{}`: no longer loaded (removed from facts.toml)",
                f.id
            ));
            continue;
        };
        let sent = |kb: &KnowledgeBase, fact: &crate::knowledge::Fact| -> Vec<String> {
            fact.evidence
                .iter()
                .map(|e| kb.article.sentences[e.sentence].text.clone())
                .collect()
        };
        if sent(old, f) != sent(new, g) {
            r.warnings
                .push(format!("fact `{}`: its evidence sentence changed", f.id));
        }
        let urls = |kb: &KnowledgeBase, refs: &[usize]| -> Vec<String> {
            kb.citations(refs).into_iter().map(|c| c.url).collect()
        };
        if urls(old, &f.refs) != urls(new, &g.refs) {
            r.warnings.push(format!(
                "fact `{}`: citations changed {:?} -> {:?}",
                f.id,
                urls(old, &f.refs),
                urls(new, &g.refs)
            ));
        }
    }
}
