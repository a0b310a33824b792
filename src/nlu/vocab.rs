//! The words the bot knows, and typo correction onto them with `strsim` (optimal string
//! alignment distance: one edit for words of 4 to 7 letters, two from 8 on).

use std::collections::HashMap;

/// Known words, bucketed by length for fast fuzzy lookup.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    /// word -> is it meaningful (a cue or an alias word) rather than filler.
    words: HashMap<String, bool>,
    by_len: HashMap<usize, Vec<(String, u64)>>,
}

/// A bitmask of the letters and digits a word uses: two words within `d` edits differ in at
/// most `2 * d` bits, a cheap filter before computing the distance.
fn mask(w: &str) -> u64 {
    w.chars().fold(0u64, |m, c| match c {
        'a'..='z' => m | 1 << (c as u32 - 'a' as u32),
        '0'..='9' => m | 1 << (26 + c as u32 - '0' as u32),
        _ => m | 1 << 63,
    })
}

impl Vocab {
    pub fn insert(&mut self, word: &str, meaningful: bool) {
        if word.is_empty() {
            return;
        }
        let e = self.words.entry(word.to_string()).or_insert(false);
        *e |= meaningful;
    }

    /// Call after the last insert.
    pub fn index(&mut self) {
        self.by_len.clear();
        let mut words: Vec<(&String, &bool)> = self.words.iter().collect();
        words.sort();
        for (w, _) in words {
            self.by_len
                .entry(w.chars().count())
                .or_default()
                .push((w.clone(), mask(w)));
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The known word closest to `word`, with its similarity in 0..1, if one is close enough.
    /// Short words (under 4 letters) and numbers are never corrected.
    pub fn correct(&self, word: &str) -> Option<(String, f64)> {
        let len = word.chars().count();
        if len < 4 || word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let max = if len >= 8 { 2 } else { 1 };
        let m = mask(word);
        let w0: Vec<char> = word.chars().take(2).collect();
        let mut best: Option<(usize, bool, f64, &str)> = None;
        for l in len.saturating_sub(max)..=len + max {
            for (cand, cm) in self.by_len.get(&l).into_iter().flatten() {
                if ((m ^ cm).count_ones() as usize) > 2 * max {
                    continue;
                }
                // Typos rarely touch the first letter; allow a swap of the first two.
                let mut c0 = cand.chars();
                let (a, b) = (c0.next(), c0.next());
                if a != w0.first().copied() && (a != w0.get(1).copied() || b != w0.first().copied())
                {
                    continue;
                }
                let d = strsim::osa_distance(word, cand);
                if d > max {
                    continue;
                }
                let meaningful = self.words.get(cand).copied().unwrap_or(false);
                if !meaningful {
                    // Correcting onto a filler word would only hide an unknown word.
                    continue;
                }
                let jw = strsim::jaro_winkler(word, cand);
                let better = match best {
                    None => true,
                    Some((bd, bm, bjw, _)) => (d, !meaningful, -jw) < (bd, !bm, -bjw),
                };
                if better {
                    best = Some((d, meaningful, jw, cand));
                }
            }
        }
        best.map(|(d, _, _, w)| {
            let sim = 1.0 - d as f64 / len.max(w.chars().count()) as f64;
            (w.to_string(), sim)
        })
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
        v.index();
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
    fn leaves_unrelated_and_short_words_alone() {
        let v = vocab();
        assert!(v.correct("microsoft").is_none());
        assert!(v.correct("ibm").is_none());
        assert!(v.correct("joke").is_none());
        assert!(v.correct("2020").is_none());
    }
}
