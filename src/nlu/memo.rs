//! A bounded memo of a pure function of a word, shared between threads: what an unknown word
//! costs (its stems) is paid once, not at every question that uses it.

use rustc_hash::FxHashMap;
use std::sync::Mutex;

/// Remembers up to `cap` words' values; past that, values are computed and not kept, so the
/// memo never grows with what users type.
#[derive(Debug)]
pub struct Memo<V> {
    cap: usize,
    map: Mutex<FxHashMap<Box<str>, V>>,
}

impl<V: Clone> Memo<V> {
    pub fn new(cap: usize) -> Memo<V> {
        Memo {
            cap,
            map: Mutex::default(),
        }
    }

    /// The value of `word`: remembered, or `compute(word)` (then remembered while there is
    /// room). `compute` runs without the lock held.
    pub fn get(&self, word: &str, compute: impl FnOnce(&str) -> V) -> V {
        if let Some(v) = self.map.lock().ok().and_then(|m| m.get(word).cloned()) {
            return v;
        }
        let v = compute(word);
        if let Ok(mut m) = self.map.lock() {
            if m.len() < self.cap {
                m.insert(word.into(), v.clone());
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_remembers_up_to_its_cap() {
        let memo = Memo::new(1);
        let calls = std::cell::Cell::new(0);
        let len = |w: &str| {
            calls.set(calls.get() + 1);
            w.len()
        };
        assert_eq!(memo.get("abc", len), 3);
        assert_eq!(memo.get("abc", len), 3);
        assert_eq!(calls.get(), 1);
        assert_eq!(memo.get("de", len), 2);
        assert_eq!(memo.get("de", len), 2);
        assert_eq!(calls.get(), 3);
    }
}
