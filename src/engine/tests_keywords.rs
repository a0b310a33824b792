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

#[test]
fn where_within_a_place_alone_asks_where_the_subject_is_in_it() {
    use super::tests::{kb_of, FACTS, INTENTS, LEXICON};
    let intents = format!(
        "{INTENTS}[[intent]]\nid = \"location\"\nall = [[\"where\"]]\nvalue_kinds = [\"place\"]\nexamples_en = [\"Where is Acme?\"]\n"
    );
    let facts = FACTS.replace(
        "intents = [\"description\"]\ntopic = \"overview\"",
        "intents = [\"description\", \"location\"]\ntopic = \"overview\"",
    );
    let lexicon = |lists: &str| {
        format!("{lists}\n{LEXICON}").replace("question_words = [", "question_words = [\"where\", ")
    };
    let kb = kb_of(
        &intents,
        &facts,
        &lexicon("within = [\"in\"]\nwhere_words = [\"where\"]"),
    );
    says(
        &kb,
        "where in Paris?",
        "Acme Lab is a lab in Paris. (section Introduction)",
    );
    // Paris asked about itself is not Acme.
    assert!(!one(&kb, "where is Paris?").answered);
    // Without the words saying so, the place is what the question is about.
    let plain = kb_of(&intents, &facts, &lexicon(""));
    assert!(!one(&plain, "where in Paris?").answered);
}
