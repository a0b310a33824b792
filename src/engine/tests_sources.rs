//! Sources and complete lists: the references of the part of a fact a question names, and a
//! name outside a complete list.

use super::compose::asked_refs;
use super::parse::parse;
use super::tests::{kb_of, FACTS, INTENTS, LEXICON};
use super::{ask, Conversation};

#[test]
fn a_source_asked_for_one_part_of_a_fact_is_that_parts() {
    // The description rests on two sentences: only the founding one has a reference.
    let what = "evidence = [\"Acme Lab is a lab in Paris.\"]";
    assert!(FACTS.contains(what));
    let facts = FACTS.replace(
        what,
        "evidence = [\"Acme Lab is a lab in Paris.\", \"Acme Lab was founded in 1999 by Ada Smith.\"]",
    );
    let kb = kb_of(INTENTS, &facts, LEXICON);
    let f = &kb.facts[kb.fact_index("what").unwrap()];
    assert_eq!(f.refs, [1]);
    let refs = |q: &str| {
        let (refs, part) = asked_refs(&kb, &parse(&kb, q, &[]), f, 0);
        (refs, part.map(|(section, _)| section.to_string()))
    };
    assert_eq!(
        refs("source for acme in paris"),
        (vec![], Some("Introduction".into()))
    );
    assert_eq!(
        refs("source for acme in 1999"),
        (vec![1], Some("History".into()))
    );
    // Nothing named beyond the subject, or not a source asked for: the whole fact's.
    assert_eq!(refs("source for acme"), (vec![1], None));
    assert_eq!(refs("acme in paris"), (vec![1], None));
}

#[test]
fn a_name_outside_a_complete_list_is_not_one_of_its_items() {
    let members = "id = \"members\"\n";
    assert!(FACTS.contains(members));
    let closed = FACTS.replace(members, "id = \"members\"\nclosed = true\n");
    for (facts, expected) in [(&closed, true), (&FACTS.to_string(), false)] {
        let kb = kb_of(INTENTS, facts, LEXICON);
        let mut conv = Conversation::default();
        ask(&kb, "who are the members of acme?", &mut conv);
        let a = ask(&kb, "is Bob Jones one of them?", &mut conv);
        assert_eq!(a.body.starts_with("No. "), expected, "{}", a.explain());
    }
}
