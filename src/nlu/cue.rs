//! Cues: words or phrases from the knowledge files, matched against a question's words.
//! A trailing `*` on a word matches any ending.

use super::normalize::{is_normal_word, normalize, tokens};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Word(Box<str>),
    Prefix(Box<str>),
}

impl Part {
    /// A word, or the prefix of words when it had a trailing `*`.
    fn new(word: String, prefix: bool) -> Part {
        let word = word.into_boxed_str();
        if prefix {
            Part::Prefix(word)
        } else {
            Part::Word(word)
        }
    }
}

/// One cue, compiled. Cloning one shares it: the index of all cues holds the intents' own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub text: Arc<str>,
    parts: Arc<[Part]>,
}

impl Cue {
    /// Compiles a cue; `None` when it normalises to nothing.
    pub fn new(text: &str) -> Option<Cue> {
        let mut parts = Vec::new();
        for w in text.split_whitespace() {
            let word = w.trim_end_matches('*');
            let star = word.len() < w.len();
            // Most words of the knowledge's cues are already normalised: the loading of the
            // knowledge compiles thousands of cues, and normalising each word was most of it.
            if is_normal_word(word) {
                parts.push(Part::new(word.to_string(), star));
                continue;
            }
            let words = tokens(&normalize(word));
            let n = words.len();
            for (i, w) in words.into_iter().enumerate() {
                parts.push(Part::new(w, star && i + 1 == n));
            }
        }
        (!parts.is_empty()).then(|| Cue {
            text: text.into(),
            parts: parts.into(),
        })
    }

    /// Position of the first match in `words` (masked words never match).
    pub fn find(&self, words: &[&str]) -> Option<usize> {
        (0..words.len()).find(|&i| self.matches_at(words, i))
    }

    /// Whether the cue matches at exactly position `i`.
    pub fn matches_at(&self, words: &[&str], i: usize) -> bool {
        self.parts_match_at(words, i, 0)
    }

    /// [`Cue::matches_at`] for a cue whose first word is known to be `words[i]` (found by
    /// it in an index): only the other words are compared, if it has any.
    #[inline]
    pub fn rest_matches_at(&self, words: &[&str], i: usize) -> bool {
        self.parts.len() == 1 || self.parts_match_at(words, i, 1)
    }

    /// Whether the parts from `skip` on match the words from `i + skip` on.
    fn parts_match_at(&self, words: &[&str], i: usize, skip: usize) -> bool {
        let n = self.parts.len();
        i + n <= words.len()
            && self.parts[skip.min(n)..]
                .iter()
                .zip(&words[i + skip.min(n)..i + n])
                .all(|(p, w)| match p {
                    Part::Word(x) => **x == **w,
                    Part::Prefix(x) => w.starts_with(&**x),
                })
    }

    /// Number of words the cue spans.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The cue's first word when it is a plain word (not a prefix).
    pub fn first_word(&self) -> Option<&str> {
        self.word_at(0)
    }

    /// The cue's `k`-th word when it is a plain word (not a prefix).
    pub fn word_at(&self, k: usize) -> Option<&str> {
        match self.parts.get(k)? {
            Part::Word(w) => Some(w),
            Part::Prefix(_) => None,
        }
    }

    /// The plain words of the cue (for the typo-correction vocabulary).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|p| match p {
            Part::Word(w) | Part::Prefix(w) => &**w,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_and_prefixes() {
        let w = ["who", "teamed", "up", "with", "ibm"];
        assert_eq!(Cue::new("teamed up").unwrap().find(&w), Some(1));
        assert_eq!(Cue::new("team*").unwrap().find(&w), Some(1));
        assert_eq!(Cue::new("team up").unwrap().find(&w), None);
        assert_eq!(
            Cue::new("Qu'est-ce").unwrap().find(&["qu", "est", "ce"]),
            Some(0)
        );
        assert!(Cue::new(" ").is_none());
    }
}
