//! From a question to what the engine reasons about: corrected words, the entities named
//! (longest alias first), the language, the question word, pronouns and unknown words.

use crate::answer::Lang;
use crate::knowledge::KnowledgeBase;
use crate::nlu::{normalize, tokens};

/// An entity found in the question: `words[start..end]` is one of its aliases.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub entity: usize,
    pub start: usize,
    pub end: usize,
    pub similarity: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The normalised words after typo correction.
    pub words: Vec<String>,
    pub normalized: String,
    pub corrections: Vec<(String, String, f64)>,
    /// Index in `words` of each correction.
    pub corrected_at: Vec<usize>,
    pub mentions: Vec<Mention>,
    pub lang: Lang,
    /// Index in `words` of the first question word.
    pub qword: Option<usize>,
    pub pronoun: bool,
    pub person_pronoun: bool,
    pub unknown: Vec<String>,
}

impl Parsed {
    /// Distinct entities, in order of appearance.
    pub fn entities(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for m in &self.mentions {
            if !out.contains(&m.entity) {
                out.push(m.entity);
            }
        }
        out
    }

    /// The words with those inside entity names blanked, for cue matching.
    pub fn masked(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.words.iter().map(String::as_str).collect();
        for m in &self.mentions {
            for w in &mut out[m.start..m.end] {
                *w = "";
            }
        }
        out
    }

    /// The lowest similarity among the corrections and entity matches (1.0 when exact).
    pub fn similarity(&self) -> f64 {
        self.corrections
            .iter()
            .map(|c| c.2)
            .chain(self.mentions.iter().map(|m| m.similarity))
            .fold(1.0, f64::min)
    }
}

pub fn parse(kb: &KnowledgeBase, question: &str) -> Parsed {
    let raw = tokens(&normalize(question));
    let mut words = Vec::with_capacity(raw.len());
    let mut sims = Vec::with_capacity(raw.len());
    let mut corrections = Vec::new();
    let mut corrected_at = Vec::new();
    for w in raw {
        if kb.vocab.contains(&w) || w.chars().all(|c| c.is_ascii_digit()) {
            sims.push(1.0);
            words.push(w);
        } else if let Some((fixed, sim)) = kb.vocab.correct(&w) {
            corrected_at.push(words.len());
            corrections.push((w, fixed.clone(), sim));
            sims.push(sim);
            words.push(fixed);
        } else {
            sims.push(1.0);
            words.push(w);
        }
    }
    let mentions = find_entities(kb, &words, &sims);
    let mut covered = vec![false; words.len()];
    for m in &mentions {
        covered[m.start..m.end].iter_mut().for_each(|c| *c = true);
    }
    let lex = &kb.lexicon;
    let (mut fr, mut en) = (0, 0);
    let mut unknown = Vec::new();
    let mut qword = None;
    let (mut pronoun, mut person_pronoun) = (false, false);
    for (i, w) in words.iter().enumerate() {
        if covered[i] {
            continue;
        }
        fr += usize::from(lex.french.contains(w));
        en += usize::from(lex.english.contains(w));
        if qword.is_none() && lex.question_words.contains(w) {
            qword = Some(i);
        }
        pronoun |= lex.pronouns.contains(w);
        person_pronoun |= lex.person_pronouns.contains(w);
        let numeric = w.chars().all(|c| c.is_ascii_digit());
        if !numeric && !kb.vocab.contains(w) {
            unknown.push(w.clone());
        }
    }
    let lang = if fr > en { Lang::Fr } else { Lang::En };
    Parsed {
        normalized: words.join(" "),
        words,
        corrections,
        corrected_at,
        mentions,
        lang,
        qword,
        pronoun,
        person_pronoun,
        unknown,
    }
}

/// Greedy longest-alias matching, left to right.
fn find_entities(kb: &KnowledgeBase, words: &[String], sims: &[f64]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut best: Option<(usize, usize)> = None;
        for &(e, a) in kb.alias_index.get(&words[i]).into_iter().flatten() {
            let alias = &kb.entities[e].aliases[a];
            let n = alias.len();
            if i + n <= words.len()
                && best.is_none_or(|(_, bn)| n > bn)
                && alias.iter().zip(&words[i..i + n]).all(|(a, w)| a == w)
            {
                best = Some((e, n));
            }
        }
        match best {
            Some((entity, n)) => {
                let similarity = sims[i..i + n].iter().copied().fold(1.0, f64::min);
                out.push(Mention {
                    entity,
                    start: i,
                    end: i + n,
                    similarity,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}
