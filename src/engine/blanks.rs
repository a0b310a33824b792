//! Fill-in-the-blank questions: "Montreal Institute for ___ Algorithms", "approximately ___
//! researchers were part of Mila in 2020". The words on both sides of the blank are found
//! around it in one article sentence, which answers what the blank stands for.

use super::decide::{Decision, DEFAULT_SUBJECT};
use crate::knowledge::KnowledgeBase;
use crate::nlu::{normalize, tokens};

/// Most words a blank stands for.
const BLANK_WORDS: usize = 8;
/// Most words of context, on each side, matched against the article.
const CONTEXT_WORDS: usize = 3;

/// The article sentence that has the words right before and right after a blank (two
/// underscores or more) with one to [`BLANK_WORDS`] words between them, and is the only one.
/// The words around are those of the blank's own clause (after a colon: "fill in the blank:
/// …"), up to [`CONTEXT_WORDS`] on each side, all of them: a word the sentence does not have
/// there ("IBM was founded in ___") is a question about something else. Both sides need a
/// word, since a statement ending on a blank ("founded by Yoshua ___") is a claim the engine
/// checks.
pub fn filled(kb: &KnowledgeBase, question: &str) -> Option<Decision> {
    let start = question.find("__")?;
    let end = start
        + question[start..]
            .find(|c| c != '_')
            .unwrap_or(question.len() - start);
    let clause_mark = |c: char| matches!(c, ':' | ',' | ';' | '.' | '?' | '!' | '(' | ')');
    let head = &question[..start];
    let head = &head[head.rfind(clause_mark).map_or(0, |i| i + 1)..];
    let tail = &question[end..];
    let tail = &tail[..tail.find(clause_mark).unwrap_or(tail.len())];
    let (before, after) = (tokens(&normalize(head)), tokens(&normalize(tail)));
    if before.is_empty() || after.is_empty() {
        return None;
    }
    let left = &before[before.len().saturating_sub(CONTEXT_WORDS)..];
    let right = &after[..after.len().min(CONTEXT_WORDS)];
    let mut found = (kb.sentence_words.iter())
        .enumerate()
        .filter(|(_, words)| around(words, left, right));
    match (found.next(), found.next()) {
        (Some((sentence, _)), None) => Some(Decision::Sentence {
            sentence,
            subject: DEFAULT_SUBJECT,
        }),
        _ => None,
    }
}

/// Whether `words` have `left`, then one to [`BLANK_WORDS`] words, then `right`.
fn around(words: &[String], left: &[String], right: &[String]) -> bool {
    (0..words.len()).any(|i| {
        words[i..].starts_with(left)
            && (1..=BLANK_WORDS).any(|n| {
                words[i + left.len()..]
                    .get(n..)
                    .is_some_and(|rest| rest.starts_with(right))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::{kb, one};

    #[test]
    fn a_blank_between_words_of_a_sentence_is_answered_by_it() {
        let kb = kb();
        let a = one(
            &kb,
            "Fill in the blank: Acme Lab was founded in ____ by Ada Smith.",
        );
        assert!(a.answered, "{}", a.explain());
        assert!(a.body.contains("1999"), "{}", a.body);
        assert_eq!(a.citations.len(), 1);
        // Words that no sentence has around the blank: not answered from a sentence.
        assert!(filled(&kb, "Acme Lab was moved in ___ by Ada Smith").is_none());
        // Two sentences have "acme lab", some words, then "in": neither answers.
        assert!(filled(&kb, "acme lab ___ in").is_none());
        assert!(filled(&kb, "acme lab ___ in paris").is_some());
        assert!(filled(&kb, "___").is_none());
        assert!(filled(&kb, "who founded acme lab").is_none());
    }
}
