//! Step 4b, its parts: a message split into clauses, at sentence ends or also at commas and
//! before "and" that starts another question; a topic of names only ("Mila pis IBM, c'est
//! quoi le lien ?") joins the question after it, and a tag ("…, right?") the clause
//! before it.

use crate::knowledge::{class, KnowledgeBase};
use crate::nlu::{normalize, tokens};
use std::borrow::Cow;

/// Whether the text has more than one sentence (pieces between sentence ends with words in
/// them).
pub fn several_sentences(text: &str) -> bool {
    let body = text.trim_end_matches(|c: char| ends_sentence(c) || c.is_whitespace());
    // Most questions have no mark before their end: told by their bytes, without decoding
    // characters (this runs for every question). `？` is the only mark outside ASCII, and
    // 0xEF starts it in UTF-8.
    let marks = |b: &u8| matches!(b, b'.' | b'!' | b'?' | b';' | b':' | b'\n' | 0xEF);
    if !body.as_bytes().iter().any(marks) {
        return false;
    }
    // Without a mark the body is one piece: `nth(1)` is then `None`.
    body.split(ends_sentence)
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .nth(1)
        .is_some()
}

/// Whether `c` is one of [`STRONG`], by a `match` rather than a scan of the list (this runs
/// on every character of every question).
pub fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '？' | ';' | ':' | '\n')
}

/// Marks that end a clause: sentence ends first, then also commas and dashes ("the lab
/// Bengio runs — where is it?"; a hyphen between spaces is typed for a dash, see
/// [`typed_dash`]). An en dash is no mark: it is in "Mila – Quebec AI Institute".
pub const STRONG: &[char] = &['.', '!', '?', '？', ';', ':', '\n'];
pub const ALL: &[char] = &['.', '!', '?', '？', ';', ':', '—', ',', '\n'];

/// Most words a clause of names only may have ("Mila and IBM").
const NAMES_ONLY_WORDS: usize = 12;

/// The clauses of a message: split at `marks`, and when commas split too, before "and"/"et"
/// that starts another question ("… founded, and by whom?"). Fewer than two clauses are
/// returned as found, possibly without words.
pub fn split(kb: &KnowledgeBase, text: &str, marks: &[char]) -> Vec<String> {
    let finer = marks.contains(&',');
    let at = |piece: &str| {
        if finer {
            at_conjunctions(kb, piece)
        } else {
            vec![piece.to_string()]
        }
    };
    let mut out = Vec::new();
    // Cleared at every mark, never reallocated.
    let mut piece = String::with_capacity(text.len());
    let dashes = marks.contains(&'—');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // "incl." or "approx." ends no clause.
        let abbreviated = c == '.' && {
            let last = piece.split(|c: char| !c.is_alphanumeric()).next_back();
            last.is_some_and(|w| kb.lexicon.abbreviations.contains(&normalize(w)))
        };
        // "1,000" or "2.5" is one number.
        let in_number = matches!(c, ',' | '.')
            && piece.ends_with(|c: char| c.is_ascii_digit())
            && chars.peek().is_some_and(char::is_ascii_digit);
        let dash = dashes
            && typed_dash(&piece, c, chars.peek().copied())
            && !in_a_name(kb, &piece, chars.clone().collect::<String>().as_str());
        piece.push(c);
        if (marks.contains(&c) || dash) && !abbreviated && !in_number {
            out.extend(at(&piece));
            piece.clear();
        }
    }
    out.extend(at(&piece));
    // Fewer than two pieces with anything in them are no clauses (the caller needs two),
    // whatever their words: they are not normalised.
    out.retain(|p| !p.trim().is_empty());
    if out.len() < 2 {
        return out;
    }
    let out: Vec<(String, Vec<String>)> = out
        .into_iter()
        .map(|p| {
            let words = tokens(&normalize(&p));
            (p, words)
        })
        .filter(|(_, words)| !words.is_empty())
        .collect();
    // One piece is left as it is: neither a tag nor a topic joins it to another.
    if out.len() < 2 {
        return out.into_iter().map(|(p, _)| p).collect();
    }
    // A tag ("…, right?") asks the clause before it: it is no question of its own.
    let mut joined: Vec<String> = Vec::with_capacity(out.len());
    // A topic ("Mila pis IBM, c'est quoi leur histoire ?") is what the question after it asks
    // about: the two are one clause.
    let mut topic: Option<String> = None;
    for (piece, words) in out {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let plain = class::FILLER | class::PRONOUN | class::STARTS_CUE;
        // The words of the mark itself count as plain ("oui ou non").
        let in_mark = kb.lexicon.yes_no_marks.coverage(&refs);
        let tag = in_mark.contains(&true)
            && (words.iter().zip(&in_mark)).all(|(w, &m)| m || kb.lexicon.class(w) & plain != 0);
        // So does a pronoun set apart after it ("combien ils gagnent, eux autres ?").
        let lex = &kb.lexicon;
        let pronoun = |w: &String| {
            lex.class(w) & (class::PRONOUN | class::PERSON_PRONOUN) != 0
                || lex.plural_pronouns.contains(w)
        };
        let apart = words.iter().any(pronoun)
            && words
                .iter()
                .all(|w| pronoun(w) || lex.class(w) & class::FILLER != 0);
        let tag = tag || apart;
        let piece = match topic.take() {
            Some(t) => format!("{t} {piece}"),
            None => piece,
        };
        if names_only(kb, &words) || continuation(kb, &words) {
            topic = Some(piece);
            continue;
        }
        match joined.last_mut() {
            Some(last) if tag => {
                last.push(' ');
                last.push_str(&piece);
            }
            _ => joined.push(piece),
        }
    }
    joined.extend(topic);
    joined
}

/// Whether `c` is a hyphen typed for a dash: between spaces, after words ("teacher here, my
/// students care about climate - does Mila …?"). Only a clause split reads it so, when the
/// whole message found no answer: "Mila - Quebec AI Institute" is one name to the rest.
fn typed_dash(before: &str, c: char, next: Option<char>) -> bool {
    c == '-'
        && before.ends_with(char::is_whitespace)
        && next.is_some_and(char::is_whitespace)
        && before.chars().any(char::is_alphanumeric)
}

/// Whether the last word before a dash and the first after it are two words of one name
/// ("Mila - Quebec AI Institute").
fn in_a_name(kb: &KnowledgeBase, before: &str, after: &str) -> bool {
    let last = tokens(&normalize(before)).pop();
    let next = tokens(&normalize(after)).into_iter().next();
    let (Some(last), Some(next)) = (last, next) else {
        return false;
    };
    (kb.entities.iter().flat_map(|e| &e.aliases))
        .any(|a| a.windows(2).any(|w| w[0] == last && w[1] == next))
}

/// Most words of a continuation ("and today, …").
const CONTINUATION_WORDS: usize = 3;

/// Whether the words open a question with a conjunction and the present ("and today, in
/// 2024?", "et aujourd'hui, combien ?"): they are the next clause's, whose time they set.
fn continuation(kb: &KnowledgeBase, words: &[String]) -> bool {
    let present = |w: &String| kb.lexicon.class(w) & class::PRESENT != 0;
    words.len() <= CONTINUATION_WORDS
        && words.len() > 1
        && kb.lexicon.conjunctions.contains(&words[0])
        && words[1..].iter().all(present)
}

/// Whether the words are names of the article's entities joined by conjunctions ("Mila and
/// IBM"), and nothing else.
fn names_only(kb: &KnowledgeBase, words: &[String]) -> bool {
    // Most clauses ask something: a question word or filler rules them out at once.
    let asks = |w: &String| {
        !kb.lexicon.conjunctions.contains(w)
            && kb.lexicon.class(w) & (class::QUESTION | class::FILLER | class::VERB) != 0
    };
    if words.len() > NAMES_ONLY_WORDS || words.iter().any(asks) {
        return false;
    }
    let mut i = 0;
    let mut named = false;
    while i < words.len() {
        if kb.lexicon.conjunctions.contains(&words[i]) {
            i += 1;
            continue;
        }
        let longest = kb.aliases_at(words, i).map(|(_, n)| i + n).max();
        match longest {
            Some(end) => {
                named = true;
                i = end;
            }
            None => return false,
        }
    }
    named
}

/// Splits before a conjunction followed, within two words, by a question word.
/// "How many work there & where is it?": a conjunction that starts another question joins two
/// questions in one sentence (their clauses, when it does).
pub fn joined_questions(kb: &KnowledgeBase, text: &str) -> Option<Vec<String>> {
    let pieces = at_conjunctions(kb, text);
    (pieces.len() > 1).then_some(pieces)
}

fn at_conjunctions(kb: &KnowledgeBase, piece: &str) -> Vec<String> {
    let words: Vec<&str> = piece.split_whitespace().collect();
    // A word of lower-case letters and digits is its own normalisation: most words are.
    let plain = |w: &str| {
        w.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    let normalized: Vec<Cow<str>> = words
        .iter()
        .map(|&w| {
            if plain(w) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(normalize(w))
            }
        })
        .collect();
    // A texting form counts as the words it stands for ("wat's" asks like "what's").
    let question = |t: &str| kb.lexicon.class(t) & class::QUESTION != 0;
    let asks = |w: &Cow<str>| {
        tokens(w).iter().any(|t| {
            question(t)
                || (kb.word(t).and_then(|x| x.rewrite()))
                    .is_some_and(|r| r.iter().any(|r| question(r)))
        })
    };
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..words.len() {
        let conjunction = kb.lexicon.conjunctions.contains(&*normalized[i]);
        if conjunction && normalized[i + 1..].iter().take(2).any(asks) {
            out.push(words[start..i].join(" "));
            start = i + 1;
        }
    }
    out.push(words[start..].join(" "));
    out
}

#[cfg(test)]
mod tests {
    use super::{several_sentences, split, ALL};

    #[test]
    fn a_number_with_a_separator_is_one_clause() {
        let kb = super::super::tests::kb();
        assert_eq!(
            split(&kb, "was it more than 1,000 or 2.5 members, really?", ALL),
            ["was it more than 1,000 or 2.5 members,", "really?"]
        );
    }

    #[test]
    fn several_sentences_need_a_mark_between_two_with_words() {
        let several = [
            "I'm from Europe. Is Mila in Montreal?",
            "mila: the lab",
            "what？ who？",
            "é! à",
        ];
        for text in several {
            assert!(several_sentences(text), "{text}");
        }
        let one = [
            "who founded mila?",
            "who founded mila?!  ",
            "...",
            "Université de Montréal",
            "ｍｉｌａ ｌａｂ",
            "? who",
            "",
        ];
        for text in one {
            assert!(!several_sentences(text), "{text}");
        }
    }
}
