//! Options listed after a question ("founded in 1999, 2005 or 2010?", "founded by a) …
//! b) …"): the question without them, or the one option a fact confirms.

use super::tests::{kb_of, one, says, FACTS, INTENTS, LEXICON};

fn kb() -> crate::knowledge::KnowledgeBase {
    let lexicon = LEXICON.replace(r#"filler = ["#, r#"filler = ["b", "c", "#);
    kb_of(
        INTENTS,
        FACTS,
        &format!("unfinished = [\"in\", \"by\"]\n{lexicon}"),
    )
}

#[test]
fn the_question_before_its_options_is_asked_without_them() {
    let kb = kb();
    for q in [
        "when was acme founded, 2005, 2010 or 2015?",
        "when was acme founded, 1999, 2005 or 2010?",
    ] {
        assert_eq!(one(&kb, q).body, "Acme was founded in 1999.[1]", "{q}");
    }
    // Neither option is the founder: the answer names who is.
    says(
        &kb,
        "who founded acme, Lea Roy or Bob Jones?",
        "Acme was founded by Ada Smith.[1]",
    );
}

#[test]
fn the_one_option_a_fact_confirms_answers_a_sentence_they_finish() {
    let kb = kb();
    says(
        &kb,
        "acme was founded in 2005, 1999 or 2010?",
        "Acme was founded in 1999.[1]",
    );
    says(
        &kb,
        "acme was founded by a) Lea Roy b) Ada Smith c) Max Durand",
        "Acme was founded by Ada Smith.[1]",
    );
}

#[test]
fn letters_are_options_only_in_order_from_a() {
    let kb = kb();
    // "a" alone between two names is a word ("à"), not an option letter: Paris is still
    // part of the question.
    let a = one(&kb, "who founded acme a paris");
    assert!(!a.answered, "{}", a.explain());
    let a = one(&kb, "who founded b) acme c) paris");
    assert!(!a.answered, "{}", a.explain());
}
