//! For an evidence quote that is not in the article: the article sentence nearest to it, and
//! the words that differ. Words are aligned by a longest common subsequence, compared without
//! case and punctuation; what differs is shown exactly.

use crate::knowledge::build::quote_key;
use crate::knowledge::Sentence;

/// The sentence nearest a quote and how the quote differs from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nearest {
    /// Index of the sentence in the article.
    pub sentence: usize,
    /// (in the quote, in the article) runs of words that differ; one side may be empty.
    pub differences: Vec<(String, String)>,
}

/// The sentence sharing the most words with `quote`, in order; `None` when none shares any.
pub fn nearest(quote: &str, sentences: &[Sentence]) -> Option<Nearest> {
    let q = words(quote);
    let (sentence, _) = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| (i, lcs(&q, &words(&s.text)).len()))
        .filter(|&(_, n)| n > 0)
        // The most shared words; of equals, the first.
        .max_by_key(|&(i, n)| (n, std::cmp::Reverse(i)))?;
    let s = words(&sentences[sentence].text);
    Some(Nearest {
        sentence,
        differences: differences(&q, &s),
    })
}

/// How the differences read: `"500" → "1,200"; "2020." → "2023."`.
pub fn describe(differences: &[(String, String)]) -> String {
    differences
        .iter()
        .map(|(q, a)| match (q.is_empty(), a.is_empty()) {
            (false, false) => format!("\"{q}\" → \"{a}\""),
            (false, true) => format!("\"{q}\" is not in the article"),
            _ => format!("the article has \"{a}\" here"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn words(text: &str) -> Vec<String> {
    quote_key(text).split(' ').map(str::to_string).collect()
}

/// A word without case and surrounding punctuation, for aligning.
fn loose(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Matched (quote word, sentence word) index pairs of a longest common subsequence.
fn lcs(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (la, lb): (Vec<String>, Vec<String>) = (
        a.iter().map(|w| loose(w)).collect(),
        b.iter().map(|w| loose(w)).collect(),
    );
    let mut t = vec![vec![0usize; lb.len() + 1]; la.len() + 1];
    for i in (0..la.len()).rev() {
        for j in (0..lb.len()).rev() {
            t[i][j] = if !la[i].is_empty() && la[i] == lb[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < la.len() && j < lb.len() {
        if !la[i].is_empty() && la[i] == lb[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[i + 1][j] >= t[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The runs of words that differ between the quote and the part of the sentence it aligns
/// with. A quote may start inside a word and end inside one ("500 researchers" in
/// "500 researchers,"), so its first and last words only need to end and start alike.
fn differences(q: &[String], s: &[String]) -> Vec<(String, String)> {
    let pairs = lcs(q, s);
    let (Some(first), Some(last)) = (pairs.first(), pairs.last()) else {
        return vec![(q.join(" "), String::new())];
    };
    // The sentence's side runs from the first aligned word, widened by the quote's unaligned
    // ends (as far as the sentence allows).
    let start = first.1.saturating_sub(first.0);
    let end = (last.1 + (q.len() - last.0)).min(s.len());
    let same = |qi: usize, si: usize| {
        q[qi] == s[si]
            || (qi == 0 && s[si].ends_with(&q[qi]))
            || (qi + 1 == q.len() && s[si].starts_with(&q[qi]))
    };
    runs(q, s, &pairs, start..end, same)
}

/// The runs of words that differ from one text to another (old, new).
pub fn word_changes(old: &str, new: &str) -> Vec<(String, String)> {
    let (a, b) = (words(old), words(new));
    let pairs = lcs(&a, &b);
    runs(&a, &b, &pairs, 0..b.len(), |i, j| a[i] == b[j])
}

/// Between aligned words (and for aligned words that are not `same`), what differs; runs
/// that touch are one.
fn runs(
    q: &[String],
    s: &[String],
    pairs: &[(usize, usize)],
    window: std::ops::Range<usize>,
    same: impl Fn(usize, usize) -> bool,
) -> Vec<(String, String)> {
    type Runs = Vec<(Vec<String>, Vec<String>)>;
    // `touching`: the last run ends where this one starts.
    let add = |out: &mut Runs, touching: &mut bool, a: &[String], b: &[String]| {
        match out.last_mut().filter(|_| *touching) {
            Some(last) => {
                last.0.extend_from_slice(a);
                last.1.extend_from_slice(b);
            }
            None => out.push((a.to_vec(), b.to_vec())),
        }
        *touching = true;
    };
    let (mut out, mut touching): (Runs, bool) = (Vec::new(), false);
    let (mut qi, mut si) = (0, window.start);
    for &(pq, ps) in pairs.iter().chain(std::iter::once(&(q.len(), window.end))) {
        let ps = ps.max(si);
        if qi < pq || si < ps {
            add(&mut out, &mut touching, &q[qi..pq], &s[si..ps]);
        }
        if pq < q.len() && ps < s.len() {
            if same(pq, ps) {
                touching = false;
            } else {
                add(&mut out, &mut touching, &q[pq..=pq], &s[ps..=ps]);
            }
        }
        qi = (pq + 1).min(q.len());
        si = (ps + 1).min(s.len());
    }
    out.into_iter()
        .map(|(a, b)| (a.join(" "), b.join(" ")))
        .collect()
}

/// How an edit reads: `"500" → "1,200"; added "and more"`.
pub fn describe_change(changes: &[(String, String)]) -> String {
    changes
        .iter()
        .map(|(x, y)| match (x.is_empty(), y.is_empty()) {
            (false, false) => format!("\"{x}\" → \"{y}\""),
            (false, true) => format!("removed \"{x}\""),
            _ => format!("added \"{y}\""),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Sentence {
        Sentence {
            section: "S".into(),
            text: text.into(),
            refs: vec![],
            line: 1,
        }
    }

    #[test]
    fn a_changed_number_is_shown_as_old_to_new() {
        let s = [
            sentence("Mila is in Montreal."),
            sentence("Approximately 1,200 researchers, including faculty and students, were part of Mila in 2023."),
        ];
        let n = nearest("Approximately 500 researchers", &s).unwrap();
        assert_eq!(n.sentence, 1);
        assert_eq!(describe(&n.differences), "\"500\" → \"1,200\"");
        let n = nearest("were part of Mila in 2020.", &s).unwrap();
        assert_eq!(describe(&n.differences), "\"2020.\" → \"2023.\"");
    }

    #[test]
    fn markup_and_missing_words_are_named() {
        let s = [sentence(
            "Mila was founded as Laboratoire d'informatique des systèmes adaptatifs (LISA) at the Université de Montréal in 1993.",
        )];
        let n = nearest("founded as ''Laboratoire d'informatique", &s).unwrap();
        assert_eq!(
            describe(&n.differences),
            "\"''Laboratoire\" → \"Laboratoire\""
        );
        let n = nearest("the Université de Montréal in Quebec in 1993", &s).unwrap();
        assert_eq!(
            describe(&n.differences),
            "\"Quebec in\" is not in the article"
        );
        assert!(nearest("zebra", &s).is_none());
    }

    #[test]
    fn an_edit_reads_as_what_was_replaced_added_and_removed() {
        let c = word_changes("C is three and more.", "C is four and much more.");
        assert_eq!(describe_change(&c), "\"three\" → \"four\"; added \"much\"");
        let c = word_changes("A, B and C.", "A and C.");
        assert_eq!(describe_change(&c), "\"A, B\" → \"A\"");
    }
}
