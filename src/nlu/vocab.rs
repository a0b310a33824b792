//! The words the bot knows, and typo correction onto them with `strsim` (optimal string
//! alignment distance: one edit for words of 4 to 7 letters, two from 8 on).

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Known words, bucketed by length for fast fuzzy lookup.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    /// word -> is it meaningful (a cue or an alias word) rather than filler.
    words: FxHashMap<String, bool>,
    /// The words corrections land on, indexed when a correction is first asked for: most
    /// questions have no unknown word, and `ask` answers one question.
    targets: OnceLock<Targets>,
}

/// The known words indexed for correction.
#[derive(Debug, Default, Clone)]
struct Targets {
    /// Meaningful words by (length, first letter): the only correction targets.
    by_key: FxHashMap<(usize, char), Vec<Target>>,
    /// Short known words under their consonants ("from" under "frm"), sorted by them: what a
    /// texting form with its vowels dropped may stand for. A sorted list of pairs takes half
    /// the memory of a map of lists.
    by_consonants: Vec<(Box<str>, Box<str>)>,
}

/// Longest word a texting form without vowels stands for ("stand" for "stnd").
const UNVOWELLED_MAX: usize = 7;

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

fn consonants(w: &str) -> String {
    w.chars().filter(|&c| !is_vowel(c)).collect()
}

/// Whether `short` is `long` with some of its groups of vowels left out, each group whole
/// ("awrd" for "award"; not "cold" for "could", where "ou" would be cut in half).
fn drops_vowels(short: &str, long: &str) -> bool {
    let (short, long) = (short.as_bytes(), long.as_bytes());
    let vowel = |b: u8| is_vowel(char::from(b));
    let (mut i, mut j) = (0, 0);
    while j < long.len() {
        let end = (j..long.len())
            .find(|&k| vowel(long[k]) != vowel(long[j]))
            .unwrap_or(long.len());
        let run = &long[j..end];
        if short[i..].starts_with(run)
            && !short
                .get(i + run.len())
                .is_some_and(|&b| vowel(b) && vowel(run[0]))
        {
            i += run.len();
        } else if !vowel(run[0]) {
            return false;
        }
        j = end;
    }
    i == short.len()
}

/// How many of each letter and digit a word has. The bag distance between two words (the
/// larger of the letters one has in excess of the other) never exceeds their edit distance, so
/// it is a cheap filter before computing the distance itself.
type Bag = [u8; 37];

fn bag(w: &str) -> Bag {
    let mut b = [0u8; 37];
    for c in w.chars() {
        let i = match c {
            'a'..='z' => c as usize - 'a' as usize,
            '0'..='9' => 26 + c as usize - '0' as usize,
            _ => 36,
        };
        b[i] = b[i].saturating_add(1);
    }
    b
}

/// A correction target: the word, its bag and its letters.
type Target = (String, Bag, u64);

/// Which letters and digits a word has, one bit each. Each edit adds at most one letter the
/// other word lacks and removes at most one, so two words `d` edits apart differ by at most `d`
/// letters each way: a filter cheaper still than the bag distance.
fn letters(b: &Bag) -> u64 {
    b.iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .fold(0, |m, (i, _)| m | 1 << i)
}

fn bag_distance(a: &Bag, b: &Bag) -> usize {
    // more + less = the L1 distance, more - less = the length difference (branch-free).
    let l1: u32 = a
        .iter()
        .zip(b)
        .map(|(x, y)| u32::from(x.abs_diff(*y)))
        .sum();
    let (la, lb): (u32, u32) = (
        a.iter().map(|&x| u32::from(x)).sum(),
        b.iter().map(|&x| u32::from(x)).sum(),
    );
    ((l1 + la.abs_diff(lb)) / 2) as usize
}

/// Longest word (in characters) [`osa_distance`] measures without allocating.
const OSA_MAX: usize = 32;

/// `strsim::osa_distance`, the same number, with its rows on the stack: typo correction
/// measures many candidates per unknown word, and the library allocates three rows for each.
pub fn osa_distance(a: &str, b: &str) -> usize {
    let mut b_chars = ['\0'; OSA_MAX];
    let mut b_len = 0;
    for c in b.chars() {
        if b_len == OSA_MAX {
            return strsim::osa_distance(a, b);
        }
        b_chars[b_len] = c;
        b_len += 1;
    }
    let b_chars = &b_chars[..b_len];
    let first: [usize; OSA_MAX + 1] = std::array::from_fn(|j| j);
    let mut rows = [first, first, [0; OSA_MAX + 1]];
    let (mut two, mut prev, mut curr) = (0, 1, 2);
    let mut prev_a = char::MAX;
    for (i, a_char) in a.chars().enumerate() {
        rows[curr][0] = i + 1;
        for (j, &b_char) in b_chars.iter().enumerate() {
            let cost = usize::from(a_char != b_char);
            let mut d = (rows[curr][j] + 1)
                .min(rows[prev][j + 1] + 1)
                .min(rows[prev][j] + cost);
            if i > 0 && j > 0 && a_char != b_char && a_char == b_chars[j - 1] && b_char == prev_a {
                d = d.min(rows[two][j - 1] + 1);
            }
            rows[curr][j + 1] = d;
        }
        (two, prev, curr) = (prev, curr, two);
        prev_a = a_char;
    }
    rows[prev][b_len]
}

impl Vocab {
    pub fn insert(&mut self, word: &str, meaningful: bool) {
        if word.is_empty() {
            return;
        }
        let e = self.words.entry(word.to_string()).or_insert(false);
        *e |= meaningful;
        // A word more is a target more.
        self.targets.take();
    }

    fn targets(&self) -> &Targets {
        self.targets.get_or_init(|| Targets::of(&self.words))
    }

    /// Every known word.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.keys().map(String::as_str)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    /// A cue or alias word (not just filler).
    pub fn is_meaningful(&self, word: &str) -> bool {
        self.words.get(word).copied().unwrap_or(false)
    }

    /// The known word a texting form stands for when its vowels were left out ("frm" ->
    /// "from", "wrk" -> "work", "stnd" -> "stand"): at most two letters more, the same first
    /// letter; the words `preferred` picks first ("from" before "firm"), then filler before
    /// meaningful words, then the shortest, then the first in alphabetical order.
    pub fn unvowelled(
        &self,
        word: &str,
        preferred: impl Fn(&str) -> bool,
    ) -> Option<(String, f64)> {
        let len = word.chars().count();
        if !(2..=5).contains(&len) || !word.chars().all(|c| c.is_ascii_lowercase()) {
            return None;
        }
        let key = consonants(word);
        // Two vowels or more typed: a misspelling, not a texting form.
        if key.len() < 2 || len - key.len() > 1 {
            return None;
        }
        let first = word.chars().next();
        let best = self
            .targets()
            .under_consonants(&key)
            .filter(|c| c.len() <= len + 2 && c.chars().next() == first)
            .filter(|c| drops_vowels(word, c))
            .min_by_key(|c| (!preferred(c), self.is_meaningful(c), c.len(), *c))?;
        Some((best.to_string(), len as f64 / best.len() as f64))
    }

    /// The known word closest to `word`, with its similarity in 0..1, if one is close enough.
    /// Short words (under 4 letters) and numbers are never corrected.
    pub fn correct(&self, word: &str) -> Option<(String, f64)> {
        let len = word.chars().count();
        if len < 4 || word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let max = if len >= 8 { 2 } else { 1 };
        let m = bag(word);
        let lm = letters(&m);
        let near = |cl: u64| {
            (lm & !cl).count_ones() as usize <= max && (cl & !lm).count_ones() as usize <= max
        };
        let mut first_two = word.chars();
        let (c0, c1) = (first_two.next()?, first_two.next()?);
        let mut best: Option<(usize, f64, &str)> = None;
        let by_key = &self.targets().by_key;
        for l in len.saturating_sub(max)..=len + max {
            // Typos rarely touch the first letter; allow a swap of the first two.
            let same = by_key.get(&(l, c0)).into_iter().flatten();
            let swapped = by_key
                .get(&(l, c1))
                .into_iter()
                .flatten()
                .filter(|(cand, _, _)| cand.chars().nth(1) == Some(c0));
            for (cand, cm, cl) in same.chain(swapped) {
                if !near(*cl) || bag_distance(&m, cm) > max {
                    continue;
                }
                let d = osa_distance(word, cand);
                // Four letters or fewer: only two letters swapped ("mial"), never another
                // letter ("milk" is not "mila").
                let swap_only = len <= 4 && strsim::levenshtein(word, cand) != 2;
                if d > max || swap_only {
                    continue;
                }
                // At equal distance, a word of the same length (letters swapped or mistyped)
                // is likelier than one with a letter more or less.
                let jw = strsim::jaro_winkler(word, cand)
                    + if cand.chars().count() == len {
                        1.0
                    } else {
                        0.0
                    };
                if best.is_none_or(|(bd, bjw, _)| (d, -jw) < (bd, -bjw)) {
                    best = Some((d, jw, cand));
                }
            }
        }
        best.map(|(d, _, w)| {
            let sim = 1.0 - d as f64 / len.max(w.chars().count()) as f64;
            (w.to_string(), sim)
        })
    }
}

impl Targets {
    fn of(words: &FxHashMap<String, bool>) -> Targets {
        let mut t = Targets::default();
        for w in words.keys() {
            let n = w.chars().count();
            if (3..=UNVOWELLED_MAX).contains(&n) && w.chars().all(|c| c.is_ascii_lowercase()) {
                let key = consonants(w);
                if key.len() >= 2 && key.len() < n {
                    t.by_consonants.push((key.into(), w.as_str().into()));
                }
            }
        }
        t.by_consonants.sort_unstable();
        t.by_consonants.shrink_to_fit();
        let mut meaningful: Vec<&String> =
            words.iter().filter(|(_, m)| **m).map(|(w, _)| w).collect();
        meaningful.sort();
        for w in meaningful {
            if let Some(first) = w.chars().next() {
                let b = bag(w);
                t.by_key
                    .entry((w.chars().count(), first))
                    .or_default()
                    .push((w.clone(), b, letters(&b)));
            }
        }
        t
    }

    /// The words filed under `consonants`.
    fn under_consonants<'a>(&'a self, consonants: &'a str) -> impl Iterator<Item = &'a str> {
        let list = &self.by_consonants;
        let start = list.partition_point(|(k, _)| &**k < consonants);
        list[start..]
            .iter()
            .take_while(move |(k, _)| &**k == consonants)
            .map(|(_, w)| &**w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocab {
        let mut v = Vocab::default();
        for w in ["founded", "mila", "researchers", "bengio", "the"] {
            v.insert(w, w != "the");
        }
        v
    }

    #[test]
    fn corrects_common_typos() {
        let v = vocab();
        assert_eq!(v.correct("fonded").unwrap().0, "founded");
        assert_eq!(v.correct("mlia").unwrap().0, "mila");
        assert_eq!(v.correct("reserchers").unwrap().0, "researchers");
        assert_eq!(v.correct("bengo").unwrap().0, "bengio");
    }

    #[test]
    fn texting_forms_without_vowels_stand_for_known_words() {
        let mut v = Vocab::default();
        for (w, meaningful) in [
            ("from", false),
            ("firm", true),
            ("stand", true),
            ("win", true),
        ] {
            v.insert(w, meaningful);
        }
        assert_eq!(v.unvowelled("frm", |_| false).unwrap().0, "from");
        assert_eq!(v.unvowelled("stnd", |_| false).unwrap().0, "stand");
        assert_eq!(v.unvowelled("wn", |_| false).unwrap().0, "win");
        // Vowels typed where the word has none, or a first letter changed: no match.
        assert!(v.unvowelled("stond", |_| false).is_none());
        assert!(v.unvowelled("xrm", |_| false).is_none());
        assert!(v.unvowelled("ibm", |_| false).is_none());
        // Groups of vowels are left out whole: "cold" is not "could", "sad" is not "said".
        for w in ["could", "have", "said", "award"] {
            v.insert(w, false);
        }
        assert_eq!(v.unvowelled("hav", |_| false).unwrap().0, "have");
        assert_eq!(v.unvowelled("awrd", |_| false).unwrap().0, "award");
        assert!(v.unvowelled("cold", |_| false).is_none());
        assert!(v.unvowelled("sad", |_| false).is_none());
    }

    #[test]
    fn osa_distance_is_strsim_s() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "bca",
            "mila",
            "mial",
            "milk",
            "founded",
            "fonded",
            "foudned",
            "researchers",
            "reserchers",
            "bengio",
            "bengoi",
            "été",
            "ete",
            "naïve",
        ];
        for a in words {
            for b in words {
                assert_eq!(osa_distance(a, b), strsim::osa_distance(a, b), "{a} {b}");
            }
        }
        let long = "a".repeat(OSA_MAX + 3);
        assert_eq!(
            osa_distance("aaa", &long),
            strsim::osa_distance("aaa", &long)
        );
        assert_eq!(
            osa_distance(&long, "aab"),
            strsim::osa_distance(&long, "aab")
        );
    }

    #[test]
    fn leaves_unrelated_and_short_words_alone() {
        let v = vocab();
        assert!(v.correct("microsoft").is_none());
        assert!(v.correct("ibm").is_none());
        assert!(v.correct("joke").is_none());
        assert!(v.correct("2020").is_none());
    }
}
