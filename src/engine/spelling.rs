//! Step 2a: spelling. Texting forms are rewritten ("wat", "u", "c koi"), then each unknown word
//! is corrected onto a known one: held-down letters ("helloooo"), digits for letters ("wh0"),
//! one edit on a short question word ("wen"), else `strsim` against the vocabulary (see
//! [`crate::nlu::Vocab::correct`]).

use super::parse::decade;
use crate::knowledge::{KnowledgeBase, Word};
use rustc_hash::FxHashSet;

/// The question's words after spelling, with what the knowledge says of each.
#[derive(Default)]
pub(super) struct Corrected<'k> {
    pub words: Vec<String>,
    /// Per word: its entry in the knowledge's word table.
    pub known: Vec<Option<&'k Word>>,
    /// Per word: 1.0, or the similarity of its correction.
    pub sims: Vec<f64>,
    /// (as typed, as understood, similarity).
    pub corrections: Vec<(String, String, f64)>,
    /// Index in `words` of each correction.
    pub corrected_at: Vec<usize>,
}

impl<'k> Corrected<'k> {
    fn push(&mut self, word: String, known: Option<&'k Word>, sim: f64) {
        self.words.push(word);
        self.known.push(known);
        self.sims.push(sim);
    }
}

/// Texting forms rewritten, then each unknown word corrected onto the closest known word.
pub(super) fn correct<'k>(kb: &'k KnowledgeBase, normalized: &str) -> Corrected<'k> {
    let lex = &kb.lexicon;
    let mut toks: Vec<&str> = Vec::with_capacity(normalized.len() / 2 + 1);
    toks.extend(normalized.split(' ').filter(|t| !t.is_empty()));
    let mut out = Corrected {
        words: Vec::with_capacity(toks.len()),
        known: Vec::with_capacity(toks.len()),
        sims: Vec::with_capacity(toks.len()),
        ..Corrected::default()
    };
    for (i, &w) in toks.iter().enumerate() {
        let next_in = |list: &FxHashSet<String>| toks.get(i + 1).is_some_and(|n| list.contains(*n));
        let prev_in =
            |list: &FxHashSet<String>| i.checked_sub(1).is_some_and(|k| list.contains(toks[k]));
        // French elided "t'" ("qui t'a créé"), unless it is the "t" of "a-t-il" or "didn't".
        let elided = w == "t" && !next_in(&lex.euphonic_subjects) && !prev_in(&lex.contractions);
        if elided && !lex.elided_te.is_empty() {
            out.push(lex.elided_te.clone(), kb.word(&lex.elided_te), 1.0);
            continue;
        }
        // A one-letter texting form after a preposition is a name ("a framework for R").
        let kept = w.len() == 1 && prev_in(&lex.name_after);
        let word = kb.word(w);
        if let Some(rw) = word.and_then(|x| x.rewrite()).filter(|_| !kept) {
            for r in rw {
                out.push(r.clone(), kb.word(r), 1.0);
            }
            continue;
        }
        if word.is_some_and(|x| x.known) || number(w) {
            out.push(w.to_string(), word, 1.0);
            continue;
        }
        match kb.unknown_fixes.get(w, |w| fix(kb, w)) {
            Some((f, sim)) => {
                out.corrected_at.push(out.words.len());
                out.corrections.push((w.to_string(), f.clone(), sim));
                out.push(f.clone(), kb.word(&f), sim);
            }
            None => out.push(w.to_string(), word, 1.0),
        }
    }
    out
}

/// The known word an unknown word was meant to be, with its similarity (a pure function of
/// the word, remembered by the knowledge base).
fn fix(kb: &KnowledgeBase, w: &str) -> Option<(String, f64)> {
    let fixed = typo_fix(kb, w)?;
    // A word of the language is meant as written, even when the knowledge does not use it
    // ("price" is not "privé"), unless the correction only changes its ending: the same word
    // inflected or in the other language ("formations", "recente", "ancient" for "anciens").
    if kb.common_words.contains(w) && !ending_only(w, &fixed.0) {
        return None;
    }
    Some(fixed)
}

/// Whether `a` and `b` differ in their last letter at most, once their common start is long
/// enough to be the same word (three letters).
fn ending_only(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let (la, lb) = (a.chars().count(), b.chars().count());
    common >= 3 && la - common <= 1 && lb - common <= 1
}

fn typo_fix(kb: &KnowledgeBase, w: &str) -> Option<(String, f64)> {
    squeeze(kb, w)
        .map(|f| (f, 0.9))
        .or_else(|| unleet(kb, w).map(|f| (f, 0.9)))
        .or_else(|| closed_class(kb, w))
        .or_else(|| kb.vocab.correct(w))
        .or_else(|| {
            // Vowels left out of a word without meaning of its own ("frm" is "from").
            let function = |c: &str| kb.lexicon.class(c) & crate::knowledge::class::FUNCTION != 0;
            kb.vocab.unvowelled(w, function)
        })
}

fn number(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit()) || decade(w).is_some()
}

/// Letters held down ("helloooo", "byeee", "thanksss"): runs shortened to two, then one,
/// when that gives a known word.
fn squeeze(kb: &KnowledgeBase, w: &str) -> Option<String> {
    let run = |max: usize| {
        let mut out = String::with_capacity(w.len());
        let mut last = None;
        let mut n = 0;
        for c in w.chars() {
            n = if Some(c) == last { n + 1 } else { 1 };
            last = Some(c);
            if n <= max {
                out.push(c);
            }
        }
        out
    };
    [run(2), run(1)]
        .into_iter()
        .find(|f| f != w && f.chars().count() > 1 && kb.vocab.contains(f))
}

/// Digits typed for letters ("wh0" -> "who"), when that gives a known word.
fn unleet(kb: &KnowledgeBase, w: &str) -> Option<String> {
    let has_digit = w.bytes().any(|b| b.is_ascii_digit());
    let has_alpha = w.bytes().any(|b| b.is_ascii_alphabetic());
    if !(has_digit && has_alpha) {
        return None;
    }
    let fixed: String = w
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'i',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            c => c,
        })
        .collect();
    kb.vocab.contains(&fixed).then_some(fixed)
}

/// Short question words are few: one edit is safe even for two or three letters
/// ("wen" -> "when", "hw" -> "how").
fn closed_class(kb: &KnowledgeBase, w: &str) -> Option<(String, f64)> {
    let n = w.chars().count();
    if !(2..=4).contains(&n) {
        return None;
    }
    let mut best: Option<&String> = None;
    for q in &kb.lexicon.question_words {
        let same_start = q.chars().next() == w.chars().next();
        let fits = same_start && q.len() >= 3 && crate::nlu::vocab::osa_distance(w, q) == 1;
        // The shortest, then the first in alphabetical order: the same whatever the set's order.
        if fits && best.is_none_or(|b| (q.len(), q) < (b.len(), b)) {
            best = Some(q);
        }
    }
    best.map(|b| (b.clone(), 0.8))
}
