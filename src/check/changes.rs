//! What changed between two revisions of the article: sentences added, removed, changed (a
//! removed and an added sentence sharing most of their words) or whose citations changed, and
//! references added, removed or changed. References are matched by URL, then name, title, and
//! the sentences citing them, so a new URL is one changed reference and a reference that only
//! moved to another number is renumbering, not a change.

use crate::knowledge::build::quote_key;
use crate::knowledge::wikitext::{Article, Reference};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Index into the new article's sentences.
    SentenceAdded(usize),
    /// Index into the old article's sentences.
    SentenceRemoved(usize),
    /// (old, new) sentence indices.
    SentenceChanged(usize, usize),
    /// (old, new) sentence indices: same text, other references (matched ones only; added and
    /// removed references are changes of their own).
    CitationsChanged(usize, usize),
    /// Index into the new article's references.
    ReferenceAdded(usize),
    /// Index into the old article's references.
    ReferenceRemoved(usize),
    /// (old, new) reference indices, and each field that differs: (name, old, new).
    ReferenceChanged(usize, usize, Vec<(&'static str, String, String)>),
    /// Every (old number, new number) of references that kept their content but not their
    /// number, reported once.
    Renumbered(Vec<(usize, usize)>),
}

/// Every change from `old` to `new`, sentences first, in the new article's order.
pub fn compare(old: &Article, new: &Article) -> Vec<Change> {
    // The references' titles are compared as references, not as sentences. They come last,
    // so the other sentences keep their indices.
    let (old, new) = (&without_titles(old), &without_titles(new));
    let sentences = align_sentences(old, new);
    let refs = match_references(old, new, &sentences);
    let mut out = Vec::new();
    for &(o, n) in &sentences.changed {
        out.push(Change::SentenceChanged(o, n));
    }
    for &n in &sentences.added {
        out.push(Change::SentenceAdded(n));
    }
    for &o in &sentences.removed {
        out.push(Change::SentenceRemoved(o));
    }
    for &(o, n) in &sentences.same {
        let cited = |r: &usize| refs.pairs.iter().find(|p| p.0 + 1 == *r).map(|p| p.1 + 1);
        let was: BTreeSet<usize> = old.sentences[o].refs.iter().filter_map(cited).collect();
        let now: BTreeSet<usize> = new.sentences[n]
            .refs
            .iter()
            .copied()
            .filter(|r| refs.pairs.iter().any(|p| p.1 + 1 == *r))
            .collect();
        if was != now {
            out.push(Change::CitationsChanged(o, n));
        }
    }
    out.sort_by_key(|c| new_position(c, new.sentences.len()));
    for (o, n) in &refs.pairs {
        let fields = fields_changed(&old.references[*o], &new.references[*n]);
        if !fields.is_empty() {
            out.push(Change::ReferenceChanged(*o, *n, fields));
        }
    }
    out.extend(refs.added.iter().map(|&n| Change::ReferenceAdded(n)));
    out.extend(refs.removed.iter().map(|&o| Change::ReferenceRemoved(o)));
    let renumbered: Vec<(usize, usize)> = refs
        .pairs
        .iter()
        .map(|(o, n)| (old.references[*o].n, new.references[*n].n))
        .filter(|(a, b)| a != b)
        .collect();
    if !renumbered.is_empty() {
        out.push(Change::Renumbered(renumbered));
    }
    out
}

/// Where a sentence change shows in the new article (a removed sentence: where it was).
fn new_position(c: &Change, len: usize) -> (usize, usize) {
    match c {
        Change::SentenceChanged(_, n)
        | Change::CitationsChanged(_, n)
        | Change::SentenceAdded(n) => (*n, 0),
        Change::SentenceRemoved(o) => (len, *o),
        _ => (usize::MAX, 0),
    }
}

#[derive(Debug, Default)]
struct Sentences {
    same: Vec<(usize, usize)>,
    changed: Vec<(usize, usize)>,
    added: Vec<usize>,
    removed: Vec<usize>,
}

impl Sentences {
    /// The new sentence an old one became, if any.
    fn new_of(&self, o: usize) -> Option<usize> {
        self.same
            .iter()
            .chain(&self.changed)
            .find(|p| p.0 == o)
            .map(|p| p.1)
    }
}

/// Sentences in both (longest common subsequence of their texts); between two such, a removed
/// and an added sentence that share most of their words are one changed sentence.
fn without_titles(a: &Article) -> Article {
    let section = crate::knowledge::wikitext::REFERENCES_SECTION;
    Article {
        sentences: (a.sentences.iter())
            .filter(|s| s.section != section)
            .cloned()
            .collect(),
        references: a.references.clone(),
    }
}

fn align_sentences(old: &Article, new: &Article) -> Sentences {
    let a: Vec<String> = old.sentences.iter().map(|s| quote_key(&s.text)).collect();
    let b: Vec<String> = new.sentences.iter().map(|s| quote_key(&s.text)).collect();
    let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    let mut out = Sentences::default();
    let (mut i, mut j) = (0, 0);
    let (mut gap_old, mut gap_new) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            pair_gap(&a, &b, &mut gap_old, &mut gap_new, &mut out);
            out.same.push((i, j));
            i += 1;
            j += 1;
        } else if j == b.len() || (i < a.len() && t[i + 1][j] >= t[i][j + 1]) {
            gap_old.push(i);
            i += 1;
        } else {
            gap_new.push(j);
            j += 1;
        }
    }
    pair_gap(&a, &b, &mut gap_old, &mut gap_new, &mut out);
    out
}

/// Pairs the removed and added sentences of one gap by similarity; the rest are removed and
/// added.
fn pair_gap(
    a: &[String],
    b: &[String],
    gap_old: &mut Vec<usize>,
    gap_new: &mut Vec<usize>,
    out: &mut Sentences,
) {
    let mut unpaired: Vec<usize> = std::mem::take(gap_new);
    for o in gap_old.drain(..) {
        let best = unpaired
            .iter()
            .enumerate()
            .map(|(k, &n)| (k, similarity(&a[o], &b[n])))
            .filter(|&(_, s)| s >= 0.5)
            .max_by(|x, y| x.1.total_cmp(&y.1));
        match best {
            Some((k, _)) => out.changed.push((o, unpaired.remove(k))),
            None => out.removed.push(o),
        }
    }
    out.added.extend(unpaired);
}

/// Dice coefficient of the two texts' word sets.
fn similarity(x: &str, y: &str) -> f64 {
    let set = |s: &str| -> BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (set(x), set(y));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * a.intersection(&b).count() as f64 / (a.len() + b.len()) as f64
}

#[derive(Debug, Default)]
struct References {
    /// (old index, new index)
    pairs: Vec<(usize, usize)>,
    added: Vec<usize>,
    removed: Vec<usize>,
}

fn match_references(old: &Article, new: &Article, sentences: &Sentences) -> References {
    let (o, n) = (&old.references, &new.references);
    // The new sentences citing an old reference (through the sentence alignment) and the
    // sentences citing a new one.
    let cited_old = |r: &Reference| -> BTreeSet<usize> {
        (old.sentences.iter().enumerate())
            .filter(|(_, s)| s.refs.contains(&r.n))
            .filter_map(|(i, _)| sentences.new_of(i))
            .collect()
    };
    let cited_new = |r: &Reference| -> BTreeSet<usize> {
        (new.sentences.iter().enumerate())
            .filter(|(_, s)| s.refs.contains(&r.n))
            .map(|(i, _)| i)
            .collect()
    };
    type Same<'a> = Box<dyn Fn(&Reference, &Reference) -> bool + 'a>;
    let passes: [Same; 4] = [
        Box::new(|x, y| x.url == y.url),
        Box::new(|x, y| x.name.is_some() && x.name == y.name),
        Box::new(|x, y| x.title == y.title),
        Box::new(|x, y| {
            let c = cited_old(x);
            !c.is_empty() && c == cited_new(y)
        }),
    ];
    let mut out = References::default();
    let (mut left_old, mut left_new): (Vec<usize>, Vec<usize>) =
        ((0..o.len()).collect(), (0..n.len()).collect());
    for same in &passes {
        left_old.retain(|&i| {
            let Some(k) = left_new.iter().position(|&j| same(&o[i], &n[j])) else {
                return true;
            };
            out.pairs.push((i, left_new.remove(k)));
            false
        });
    }
    out.pairs.sort_by_key(|p| p.1);
    out.added = left_new;
    out.removed = left_old;
    out
}

fn fields_changed(x: &Reference, y: &Reference) -> Vec<(&'static str, String, String)> {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
    let fields = [
        ("url", x.url.clone(), y.url.clone()),
        ("title", x.title.clone(), y.title.clone()),
        ("website", show(&x.website), show(&y.website)),
        ("author", show(&x.author), show(&y.author)),
        ("date", show(&x.date), show(&y.date)),
        ("access-date", show(&x.access_date), show(&y.access_date)),
    ];
    fields.into_iter().filter(|(_, a, b)| a != b).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::wikitext::parse;

    const OLD: &str = "A is one.<ref name=\"a\">{{Cite web|url=https://a.example|title=A}}</ref> B is two.<ref>{{Cite web|url=https://b.example|title=B}}</ref>\nC is three and more.\n";

    fn changes(new: &str) -> Vec<Change> {
        compare(&parse(OLD).unwrap(), &parse(new).unwrap())
    }

    #[test]
    fn the_same_article_has_no_changes() {
        assert_eq!(changes(OLD), []);
    }

    #[test]
    fn an_edited_sentence_is_one_change() {
        let c = changes(&OLD.replace("three and more", "three and much more"));
        assert_eq!(c, [Change::SentenceChanged(2, 2)]);
    }

    #[test]
    fn a_reference_inserted_first_renumbers_the_others_once() {
        let c = changes(&OLD.replace(
            "A is one.",
            "Z is new.<ref>{{Cite web|url=https://z.example|title=Z}}</ref> A is one.",
        ));
        assert_eq!(
            c,
            [
                Change::SentenceAdded(0),
                Change::ReferenceAdded(0),
                Change::Renumbered(vec![(1, 2), (2, 3)]),
            ]
        );
    }

    #[test]
    fn a_new_url_is_one_changed_reference() {
        let c = changes(&OLD.replace("https://b.example", "https://b2.example"));
        assert_eq!(
            c,
            [Change::ReferenceChanged(
                1,
                1,
                vec![(
                    "url",
                    "https://b.example".into(),
                    "https://b2.example".into()
                )]
            )]
        );
        // Another URL and another title: still the reference that sentence cites.
        let c = changes(&OLD.replace("https://b.example|title=B", "https://c.example|title=C"));
        assert!(
            matches!(&c[..], [Change::ReferenceChanged(1, 1, f)] if f.len() == 2),
            "{c:?}"
        );
    }

    #[test]
    fn removed_sentences_and_moved_citations_are_reported() {
        let new = OLD
            .replace(
                "C is three and more.",
                "C is three and more.<ref name=\"a\" />",
            )
            .replace(
                " B is two.<ref>{{Cite web|url=https://b.example|title=B}}</ref>",
                "",
            );
        let c = changes(&new);
        assert!(c.contains(&Change::SentenceRemoved(1)), "{c:?}");
        assert!(c.contains(&Change::CitationsChanged(2, 1)), "{c:?}");
        assert!(c.contains(&Change::ReferenceRemoved(1)), "{c:?}");
    }
}
