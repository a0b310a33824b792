//! Keywords for a question ("members", "Acme members"), on the made-up knowledge base of
//! `tests.rs`.
use super::tests::{kb, one, says};

#[test]
fn a_few_words_an_intent_explains_whole_ask_for_its_fact() {
    let kb = kb();
    let members = "Acme's members include Ada Smith, Lea Roy and Max Durand. (section People)";
    says(&kb, "members", members);
    says(&kb, "members?", members);
    // The default subject and its keywords are no claim to check: no "Yes." before it.
    says(&kb, "Acme members", members);
    // A word the intent does not explain at either end is no keyword ("of course").
    assert!(!one(&kb, "members of").answered);
    assert!(!one(&kb, "members Paris Lea").answered);
    // Nor is a word the intent does not know at all.
    assert!(!one(&kb, "members bakery").answered);
}

#[test]
fn a_name_alone_is_no_claim() {
    let kb = kb();
    let a = one(&kb, "Acme");
    assert!(a.answered, "{}", a.body);
    assert!(!a.body.starts_with("Yes."), "{}", a.body);
    // With a question mark it asks what it asks.
    let a = one(&kb, "Acme founded by Ada Smith?");
    assert!(a.body.starts_with("Yes."), "{}", a.body);
}
