//! Two dated facts compared. Each option is asked "when …?" and must be answered by a fact
//! that states a year; the answer gives both facts, the earlier first, after a line that
//! says what was asked:
//! - "Which came first, the LISA lab or the IBM collaboration?": the earlier one's year;
//! - "How many years between Mila's founding and the IBM deal?", "how long after its
//!   founding did Mila partner with IBM?": the years between them.

use super::alternatives::merge;
use super::decide::Decision;
use super::pieces::{split, STRONG};
use super::{compose_understood, understand, Conversation, Understood};
use crate::answer::{Answer, Lang};
use crate::knowledge::{class, KnowledgeBase};
use crate::nlu::CueSet;

/// Most words between "how long" and "between" or "after" ("how many years *passed*
/// between").
const GAP_WORDS: usize = 2;

/// "Which came first, A or B?": each option asked "when …?", the earlier first.
pub fn earlier(
    kb: &KnowledgeBase,
    question: &str,
    u: &Understood,
    conv: &mut Conversation,
) -> Option<Answer> {
    let lex = &kb.lexicon;
    let words = &u.p.words;
    let at = (0..words.len()).find(|&i| u.p.classes[i] & class::EARLIER != 0)?;
    let or = at
        + 1
        + words[at + 1..]
            .iter()
            .position(|w| lex.alternatives.contains(w))?;
    // Only as a question ("which …?"), not "first Mila or the lab".
    u.p.qword?;
    let [first, second] = dated_pair(kb, u.p.lang, [&words[at + 1..or], &words[or + 1..]], conv)?;
    let intro = kb
        .messages(u.p.lang)
        .earlier
        .replace("{year}", &first.year.to_string());
    both(kb, question, intro, [first, second], conv)
}

/// "How many years between A and B?", "how long after A did B?": the years between the two,
/// then both facts. A message of several sentences is read in the one that asks it.
pub fn between(
    kb: &KnowledgeBase,
    question: &str,
    u: &Understood,
    conv: &mut Conversation,
) -> Option<Answer> {
    span(kb, &u.p.words)?;
    let pieces = split(kb, question, STRONG);
    let asked = match pieces.len() {
        1 => None,
        _ => pieces.iter().find_map(|piece| {
            let v = understand(kb, piece, conv);
            span(kb, &v.p.words).is_some().then_some(v)
        }),
    };
    let p = &asked.as_ref().unwrap_or(u).p;
    let rest = &p.words[span(kb, &p.words)?..];
    let [first, second] = dated_pair(kb, p.lang, options(kb, rest)?, conv)?;
    let years = second.year - first.year;
    let intro = kb
        .messages(p.lang)
        .years_apart
        .replace("{years}", &years.to_string());
    both(kb, question, intro, [first, second], conv)
}

/// Where the words after a span cue ("how many years", "combien de temps") start.
fn span(kb: &KnowledgeBase, words: &[String]) -> Option<usize> {
    find_cue(&kb.lexicon.spans, words).map(|(_, end)| end)
}

/// Where the first of `cues` found in `words` starts and ends; most questions have no word
/// that starts one, and are ruled out by the set's index of first words (this runs twice for
/// every question), without allocating.
pub(super) fn find_cue(cues: &CueSet, words: &[String]) -> Option<(usize, usize)> {
    if !words.iter().any(|w| cues.starts_some(w)) {
        return None;
    }
    let strs: Vec<&str> = words.iter().map(String::as_str).collect();
    cues.cues()
        .iter()
        .find_map(|c| c.find(&strs).map(|at| (at, at + c.len())))
}

/// Whether `w` is one of `cues` that is a single word ("before", not "less than").
pub(super) fn one_word(cues: &[crate::nlu::Cue], w: &str) -> bool {
    cues.iter()
        .any(|c| c.len() == 1 && c.first_word() == Some(w))
}

/// The two options after a span cue: "between A and B", or "after A did B" (B starts at the
/// last verb: "after Mila was founded *did* it …").
fn options<'a>(kb: &KnowledgeBase, rest: &'a [String]) -> Option<[&'a [String]; 2]> {
    let lex = &kb.lexicon;
    let at = (0..rest.len().min(GAP_WORDS + 1)).find(|&i| {
        let w = rest[i].as_str();
        lex.between.contains(w) || one_word(&lex.more_than, w) || one_word(&lex.less_than, w)
    })?;
    let after = &rest[at + 1..];
    if lex.between.contains(&rest[at]) {
        let and = after.iter().position(|w| lex.conjunctions.contains(w))?;
        return Some([&after[..and], &after[and + 1..]]);
    }
    let verb = after
        .iter()
        .rposition(|w| lex.class(w) & class::VERB != 0)?;
    Some([&after[..verb], &after[verb..]])
}

/// "Was Mila founded before the IBM deal?" gets Yes or No; "did A come before or after B?"
/// the earlier one's year. Both events are dated as in [`earlier`]; an option that is only a
/// number ("before 2000?") is no event, and is left to the facts.
pub fn ordered(
    kb: &KnowledgeBase,
    question: &str,
    u: &Understood,
    conv: &mut Conversation,
) -> Option<Answer> {
    let lex = &kb.lexicon;
    let (p, words) = (&u.p, &u.p.words);
    // A yes/no question or a choice: most questions are neither, and are not scanned.
    if !(p.yes_no || p.either) {
        return None;
    }
    // Whether word `i` orders two events, and which way ("before": true).
    let order = |i: usize| match words.get(i).map(String::as_str) {
        Some(w) if one_word(&lex.less_than, w) => Some(true),
        Some(w) if one_word(&lex.more_than, w) => Some(false),
        _ => None,
    };
    let at = (1..words.len()).find(|&i| order(i).is_some() && !p.is_named(i))?;
    let choice = words
        .get(at + 1)
        .is_some_and(|w| lex.alternatives.contains(w))
        && order(at + 2).is_some();
    if !(choice || p.yes_no) {
        return None;
    }
    // "Was A before B?", or a claim asked ("Mila a-t-il été fondé avant …?").
    let start = (lex.yes_no_starts)
        .match_len_at(&p.masked(), 0)
        .unwrap_or(0);
    let b = &words[at + 1 + 2 * usize::from(choice)..];
    let pair = dated_options(kb, p.lang, [&words[start..at], b], conv)?;
    let messages = kb.messages(p.lang);
    if choice {
        let mut pair = pair;
        pair.sort_by_key(|d| d.year);
        let intro = messages
            .earlier
            .replace("{year}", &pair[0].year.to_string());
        return both(kb, question, intro, pair, conv);
    }
    let yes = (pair[0].year < pair[1].year) == order(at)?;
    let intro = if yes { &messages.yes } else { &messages.no };
    both(kb, question, intro.clone(), pair, conv)
}

/// A fact's year and the understood "when …?" question that found it.
struct Dated {
    year: u64,
    text: String,
    u: Understood,
}

/// Both options asked "when …?", answered by different facts with different years, the
/// earlier first.
fn dated_pair(
    kb: &KnowledgeBase,
    lang: Lang,
    options: [&[String]; 2],
    conv: &Conversation,
) -> Option<[Dated; 2]> {
    let mut pair = dated_options(kb, lang, options, conv)?;
    pair.sort_by_key(|d| d.year);
    Some(pair)
}

/// Both options asked "when …?", answered by facts with different years, in their order.
fn dated_options(
    kb: &KnowledgeBase,
    lang: Lang,
    options: [&[String]; 2],
    conv: &Conversation,
) -> Option<[Dated; 2]> {
    let lex = &kb.lexicon;
    // An option must name an event, not only a number or words without meaning.
    let event = |o: &[String]| {
        o.iter()
            .any(|w| lex.class(w) & class::FUNCTION == 0 && w.parse::<u64>().is_err())
    };
    // "That" ("how long after the founding was that?") is the last answer's event: the last
    // question a fact answered, asked again.
    let that = |o: &[String]| {
        o.iter().any(|w| lex.class(w) & class::FACT_PRONOUN != 0)
            && o.iter()
                .all(|w| lex.class(w) & (class::FUNCTION | class::FACT_PRONOUN) != 0)
    };
    if !options.iter().all(|o| event(o) || that(o)) {
        return None;
    }
    let l = usize::from(lang == Lang::Fr);
    let (when, began) = (&lex.date_question[l], &lex.began[l]);
    let dated = |text: String| {
        let u = understand(kb, &text, conv);
        let Decision::Fact { reading, .. } = &u.decision else {
            return None;
        };
        let f = &kb.facts[reading.fact];
        let year = f
            .value_numbers
            .iter()
            .chain(&f.numbers)
            .copied()
            .find(|&n| super::parse::is_year(n))?;
        Some(Dated { year, text, u })
    };
    // "When Mila?" has several dates; a name alone is as old as its beginning.
    let option = |o: &[String]| {
        if that(o) {
            return conv.question.clone().and_then(dated);
        }
        let o = o.join(" ");
        dated(format!("{when} {o}")).or_else(|| {
            let p = understand(kb, &o, conv).p;
            let only_named = !p.mentions.is_empty()
                && (0..p.words.len()).all(|i| p.is_named(i) || p.classes[i] & class::FUNCTION != 0);
            (only_named && !began.is_empty()).then(|| dated(format!("{when} {o} {began}")))?
        })
    };
    let pair = [option(options[0])?, option(options[1])?];
    (pair[0].year != pair[1].year).then_some(pair)
}

/// The introduction, then both answers.
fn both(
    kb: &KnowledgeBase,
    question: &str,
    intro: String,
    pair: [Dated; 2],
    conv: &mut Conversation,
) -> Option<Answer> {
    let mut scratch = conv.clone();
    let answers: Vec<Answer> = pair
        .into_iter()
        .map(|d| compose_understood(kb, &d.text, d.u, &mut scratch))
        .collect();
    let mut merged = merge(question, answers)?;
    merged.body = format!("{intro} {}", merged.body);
    *conv = scratch;
    Some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlu::Cue;

    #[test]
    fn the_first_cue_in_order_is_found_wherever_it_is() {
        let cues = ["how long", "how many years", "years"];
        let set = CueSet::new(cues.iter().filter_map(|c| Cue::new(c)).collect());
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let find = |s: &str| find_cue(&set, &words(s));
        assert_eq!(find("so how many years between"), Some((1, 4)));
        assert_eq!(find("years and how long"), Some((2, 4)));
        assert_eq!(find("many years"), Some((1, 2)));
        assert_eq!(find("how old"), None);
        assert_eq!(find(""), None);
    }
}
