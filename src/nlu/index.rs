//! Cue lookup: every cue of every intent, indexed by its first word, and phrases by their
//! second word too (prefix cues are kept apart and scanned), plus every pattern in one
//! `PatternSet`, so matching a question costs a handful of hash lookups and one regex pass,
//! whatever the number of cues.

use super::pattern::CompiledPatterns;
use super::Cue;
use rustc_hash::FxHashMap;

/// The role a cue plays for its intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// One of the groups that must all match (`all`).
    Group(usize),
    /// Strengthens a match (`boost`).
    Boost,
    /// Stops the cue match (`not`).
    Not,
    /// A question word that suits the intent (`wh`).
    Wh,
    /// Explains a word without identifying the intent (`fits`).
    Fits,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub owner: usize,
    pub slot: Slot,
    pub cue: Cue,
}

#[derive(Debug, Default)]
pub struct CueIndex {
    patterns: CompiledPatterns,
    pub entries: Vec<Entry>,
    /// First word -> its cues, in `starting` (see [`CueIndex::first_word_id`]).
    by_first: FxHashMap<String, u32>,
    starting: Vec<Starting>,
    prefixed: Vec<u32>,
}

/// The cues that start with one word, as entry ids in ascending order.
#[derive(Debug, Clone, Default)]
struct Starting {
    /// One-word cues, and phrases whose second word is a prefix.
    ids: Vec<u32>,
    /// Phrases, by their second word: "what" starts dozens of them.
    then: FxHashMap<String, Vec<u32>>,
}

impl CueIndex {
    /// `patterns`: every pattern, owned by (owner, pattern number within the owner).
    pub fn new(entries: Vec<Entry>, patterns: CompiledPatterns) -> CueIndex {
        let mut idx = CueIndex {
            patterns,
            ..CueIndex::default()
        };
        for (id, e) in entries.iter().enumerate() {
            let id = id as u32;
            let Some(first) = e.cue.first_word() else {
                idx.prefixed.push(id);
                continue;
            };
            let next = idx.starting.len() as u32;
            let k = *idx.by_first.entry(first.to_string()).or_insert(next);
            if k == next {
                idx.starting.push(Starting::default());
            }
            let starting = &mut idx.starting[k as usize];
            match e.cue.word_at(1) {
                Some(second) => starting.then.entry(second.to_string()).or_default(),
                None => &mut starting.ids,
            }
            .push(id);
        }
        idx.entries = entries;
        idx
    }

    /// Which cues start with `word`, for [`CueIndex::each_match_with`]; `None` when none does.
    pub fn first_word_id(&self, word: &str) -> Option<u32> {
        self.by_first.get(word).copied()
    }

    /// Calls `f(entry id, position)` for every cue matching at a position of `words`
    /// (empty words never match).
    pub fn each_match(&self, words: &[&str], f: impl FnMut(u32, usize)) {
        self.each_match_with(words, |i| self.first_word_id(words[i]), f);
    }

    /// [`CueIndex::each_match`], with the [`CueIndex::first_word_id`] of each word already
    /// known: `first(i)` for word `i`.
    pub fn each_match_with(
        &self,
        words: &[&str],
        first: impl Fn(usize) -> Option<u32>,
        mut f: impl FnMut(u32, usize),
    ) {
        for (i, w) in words.iter().enumerate() {
            if w.is_empty() {
                continue;
            }
            // Cues found by their first word only need their other words compared, and
            // phrases are found by their second word too. In id order (the order they are
            // written in), as when all were scanned: a group records its first cue.
            if let Some(starting) = first(i).map(|k| &self.starting[k as usize]) {
                let next = words.get(i + 1).and_then(|n| starting.then.get(*n));
                for id in in_order(&starting.ids, next.map_or(&[], Vec::as_slice)) {
                    if self.entries[id as usize].cue.rest_matches_at(words, i) {
                        f(id, i);
                    }
                }
            }
            for &id in &self.prefixed {
                if self.entries[id as usize].cue.matches_at(words, i) {
                    f(id, i);
                }
            }
        }
    }

    /// (owner, pattern number) of every pattern matching `text`.
    pub fn pattern_matches(&self, text: &str) -> Vec<(usize, usize)> {
        match &self.patterns.set {
            Some(set) => set
                .matches(text)
                .into_iter()
                .map(|m| self.patterns.owners[m])
                .collect(),
            None => Vec::new(),
        }
    }
}

/// The ids of two ascending lists, in ascending order.
fn in_order<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let (mut a, mut b) = (a.iter().copied().peekable(), b.iter().copied().peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// A list of cues, indexed by first word like [`CueIndex`]: whether any of them occurs in a
/// question costs one hash lookup per word, whatever the number of cues.
#[derive(Debug, Clone, Default)]
pub struct CueSet {
    cues: Vec<Cue>,
    by_first: FxHashMap<String, Vec<u32>>,
    /// The [`shape`]s of the first words: most words of a question start no cue of a set,
    /// and this tells so without hashing them.
    first_shapes: [u64; 4],
    prefixed: Vec<u32>,
}

/// A word's length and first and last bytes, folded into 0..256: equal words have equal shapes.
fn shape(w: &str) -> usize {
    let b = w.as_bytes();
    let (first, last) = (b.first().copied(), b.last().copied());
    let mix = b.len() * 37 + usize::from(first.unwrap_or(0)) * 7 + usize::from(last.unwrap_or(0));
    mix % 256
}

impl CueSet {
    pub fn new(cues: Vec<Cue>) -> CueSet {
        let mut set = CueSet::default();
        for (id, cue) in cues.iter().enumerate() {
            match cue.first_word() {
                Some(w) => {
                    let k = shape(w);
                    set.first_shapes[k / 64] |= 1 << (k % 64);
                    set.by_first
                        .entry(w.to_string())
                        .or_default()
                        .push(id as u32)
                }
                None => set.prefixed.push(id as u32),
            }
        }
        set.cues = cues;
        set
    }

    /// The cues starting with `w`, in order.
    fn starting_with(&self, w: &str) -> &[u32] {
        let k = shape(w);
        if self.first_shapes[k / 64] & (1 << (k % 64)) == 0 {
            return &[];
        }
        self.by_first.get(w).map_or(&[], Vec::as_slice)
    }

    /// Whether a cue starts with the plain word `w` (not counting cues that start with a
    /// prefix).
    pub fn starts_some(&self, w: &str) -> bool {
        !self.starting_with(w).is_empty()
    }

    /// The cues, in the order given.
    pub fn cues(&self) -> &[Cue] {
        &self.cues
    }

    /// Whether one of the cues matches at position `i` of `words` (an empty word never
    /// matches).
    pub fn matches_at(&self, words: &[&str], i: usize) -> bool {
        let Some(w) = words.get(i).filter(|w| !w.is_empty()) else {
            return false;
        };
        let mut by_first = self.starting_with(w).iter();
        by_first.any(|&id| self.cues[id as usize].rest_matches_at(words, i))
            || self
                .prefixed
                .iter()
                .any(|&id| self.cues[id as usize].matches_at(words, i))
    }

    /// The number of words of the longest cue matching at position `i` of `words`.
    pub fn match_len_at(&self, words: &[&str], i: usize) -> Option<usize> {
        let w = words.get(i).filter(|w| !w.is_empty())?;
        let starting = self.starting_with(w);
        if starting.is_empty() && self.prefixed.is_empty() {
            return None;
        }
        let by_first = starting.iter();
        let at_first = by_first.filter(|&&id| self.cues[id as usize].rest_matches_at(words, i));
        let prefixed = self
            .prefixed
            .iter()
            .filter(|&&id| self.cues[id as usize].matches_at(words, i));
        at_first
            .chain(prefixed)
            .map(|&id| self.cues[id as usize].len())
            .max()
    }

    /// Per word, whether a cue matching somewhere covers it.
    pub fn coverage(&self, words: &[&str]) -> Vec<bool> {
        let mut covered = vec![false; words.len()];
        for i in 0..words.len() {
            if let Some(len) = self.match_len_at(words, i) {
                covered[i..i + len].fill(true);
            }
        }
        covered
    }

    /// Whether one of the cues matches anywhere in `words`.
    pub fn occurs_in(&self, words: &[&str]) -> bool {
        (0..words.len()).any(|i| self.matches_at(words, i))
    }

    /// Whether a cue starts with a prefix (`collaborat*`): such a cue may start at any word,
    /// not only at the first words of the others.
    pub fn has_prefixed(&self) -> bool {
        !self.prefixed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(cues: &[&str]) -> CueSet {
        CueSet::new(cues.iter().filter_map(|c| Cue::new(c)).collect())
    }

    #[test]
    fn cues_match_in_the_order_they_are_written() {
        let cues = [
            "what year",
            "what",
            "year",
            "what is",
            "what y*",
            "what year was",
        ];
        let entries = cues
            .iter()
            .map(|c| Entry {
                owner: 0,
                slot: Slot::Fits,
                cue: Cue::new(c).unwrap(),
            })
            .collect();
        let idx = CueIndex::new(entries, CompiledPatterns::default());
        let mut found = Vec::new();
        idx.each_match(&["what", "year", "was", "it"], |id, at| {
            found.push((id, at))
        });
        assert_eq!(found, [(0, 0), (1, 0), (4, 0), (5, 0), (2, 1)]);
        assert_eq!(
            in_order(&[1, 4, 9], &[0, 5]).collect::<Vec<_>>(),
            [0, 1, 4, 5, 9]
        );
    }

    #[test]
    fn a_cue_set_finds_what_its_cues_find() {
        let s = set(&["isn t it", "right", "collaborat*"]);
        assert!(s.occurs_in(&["it", "s", "in", "montreal", "isn", "t", "it"]));
        assert!(s.occurs_in(&["mila", "collaborates"]));
        assert!(s.matches_at(&["right", "mila"], 0));
        assert!(!s.matches_at(&["mila", "right"], 0));
        assert!(!s.occurs_in(&["isn", "t", "that"]));
        // Masked words (names, numbers) never match.
        assert!(!s.occurs_in(&["", "mila"]));
        assert!(!set(&[]).occurs_in(&["right"]));
    }

    #[test]
    fn a_cue_set_tells_which_words_start_a_cue() {
        let s = set(&["how many years", "how long", "collaborat*"]);
        assert!(s.starts_some("how"));
        assert!(!s.starts_some("many"), "a later word starts no cue");
        assert!(
            !s.starts_some("collaborate"),
            "prefixes are not first words"
        );
        assert!(!s.starts_some(""));
        assert!(!set(&[]).starts_some("how"));
    }
}
