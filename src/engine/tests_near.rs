//! A name offered close to one of the article's, on the made-up knowledge base of
//! `tests.rs`.
use super::tests::{kb_from, one, ARTICLE, ENTITIES, FACTS, INTENTS, LEXICON};

#[test]
fn a_name_offered_with_words_replaced_gets_no_and_the_right_one() {
    let article = ARTICLE.replace(
        "in [[Paris]].",
        "in [[Paris]]. It was originally the ''Association for Clever Machines''.",
    );
    let entities = ENTITIES.replace(
        "aliases = [\"Acme\", \"the lab\"]",
        "aliases = [\"Acme\", \"the lab\", \"Association for Clever Machines\"]",
    );
    let intents = format!(
        "{INTENTS}[[intent]]\nid = \"names\"\nall = [[\"originally\", \"called\"]]\nexamples_en = [\"What was Acme originally called?\"]\n"
    );
    let facts = format!(
        "{FACTS}[[fact]]\nid = \"names\"\nclosed = true\nsubjects = [\"acme\"]\nrelation = \"named\"\nvalue = \"Association for Clever Machines\"\nintents = [\"names\"]\ntopic = \"overview\"\nevidence = [\"It was originally the Association for Clever Machines.\"]\nen = \"Acme Lab was originally the Association for Clever Machines.\"\nfr = \"Acme Lab s'appelait à l'origine Association for Clever Machines.\"\n"
    );
    let kb = kb_from(&article, &entities, &intents, &facts, LEXICON);
    let right = one(
        &kb,
        "was acme originally the association for clever machines?",
    );
    assert!(
        right.body.starts_with("Yes."),
        "{}\n{}",
        right.body,
        right.explain()
    );
    let near = one(
        &kb,
        "was acme originally the association for clever robots?",
    );
    assert_eq!(
        near.body,
        "No. Acme Lab was originally the Association for Clever Machines. (section Introduction)",
        "{}",
        near.explain()
    );
    // Too few of the name's words to be it: not settled.
    let far = one(&kb, "was acme originally the association of dull robots?");
    assert!(!far.answered, "{}", far.body);
}
