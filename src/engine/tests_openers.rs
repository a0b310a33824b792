//! What stands around a question (a greeting before it, a dash after its context, the asker's
//! own story and purpose, a superlative), and a list that is part of another, on the made-up
//! knowledge base of `tests.rs`.
use super::pieces::{split, ALL};
use super::tests::{kb_from, kb_of, kb_with, one, ARTICLE, ENTITIES, FACTS, INTENTS, LEXICON};
use super::*;

#[test]
fn a_hyphen_between_spaces_ends_a_clause_unless_it_joins_a_name() {
    let entities = format!(
        "{ENTITIES}[[entity]]\nid = \"globe\"\nkind = \"organization\"\nname = \"Globe - Paris\"\naliases = [\"Globe - Paris\"]\n"
    );
    let kb = kb_from(ARTICLE, &entities, INTENTS, FACTS, LEXICON);
    let pieces = split(&kb, "teacher here - when was Acme founded?", ALL);
    assert_eq!(pieces.len(), 2, "{pieces:?}");
    // A hyphenated word and a name written with a dash stay whole.
    assert_eq!(
        split(&kb, "is Globe - Paris a well-known lab?", ALL).len(),
        1
    );
    // The context before the dash needs no explaining.
    let a = one(
        &kb,
        "teacher here, my class loves labs - when was Acme founded?",
    );
    assert!(
        a.body.starts_with("Acme was founded in 1999."),
        "{}",
        a.explain()
    );
}

#[test]
fn a_greeting_set_apart_before_the_question_is_left_out() {
    let with = format!("greetings = [\"hi\", \"bonjour\"]\n{LEXICON}");
    let kb = kb_with(INTENTS, &with);
    assert_eq!(
        ungreeted(&kb, "Hi! when was Acme founded?"),
        "when was Acme founded?"
    );
    assert_eq!(
        ungreeted(&kb, "Bonjour, qui a fondé Acme"),
        "qui a fondé Acme"
    );
    // Run into the words after it, or alone, it stays; so does any other first clause.
    for kept in ["hi there", "Hi!", "Acme, when was it founded?"] {
        assert_eq!(ungreeted(&kb, kept), kept);
    }
    assert!(one(&kb, "Hi! when was Acme founded?").answered);
    // Nothing left that is answered: the greeting was the message ("Hi, Lea Roy!").
    let a = one(&kb, "Hi, there!");
    assert_eq!(a.intent.as_deref(), Some("greeting"), "{}", a.explain());
    // A greeting alone is small talk still.
    let a = one(&kb_with(INTENTS, &with), "bonjour!");
    assert_eq!(a.intent.as_deref(), Some("greeting"), "{}", a.explain());
}

#[test]
fn a_number_in_the_askers_own_story_restricts_nothing() {
    let lexicon = format!("purposes = [\"for a class\"]\n{LEXICON}");
    let kb = kb_with(INTENTS, &lexicon);
    // The asker's class of grade 5 is theirs; "in 2005" would restrict the question.
    let a = one(&kb, "I teach grade 5, who founded Acme?");
    assert!(
        a.body.starts_with("Acme was founded by Ada Smith"),
        "{}",
        a.explain()
    );
    let a = one(&kb, "for a class of grade 5, who founded Acme?");
    assert!(a.answered, "{}", a.explain());
    assert!(!one(&kb, "in 2005, who founded Acme?").answered);
}

#[test]
fn a_french_presentative_after_the_question_is_its_purpose() {
    let lexicon = format!("presentatives = [\"c est\"]\nrequests = [\"en classe\"]\n{LEXICON}");
    let kb = kb_with(INTENTS, &lexicon);
    let a = one(&kb, "qui a fondé Acme ? C'est pour une affiche en classe.");
    assert_eq!(
        a.body,
        "Acme a été fondé par Ada Smith.[1]",
        "{}",
        a.explain()
    );
}

#[test]
fn a_superlative_makes_a_filler_adjective_meaningful() {
    let lexicon = format!(
        "superlatives = [\"most\", \"le plus\"]\nrenown = [\"famous\"]\n{}",
        LEXICON.replace("\"and\"]", "\"and\", \"big\", \"famous\", \"most\"]")
    );
    let kb = kb_with(INTENTS, &lexicon);
    assert!(one(&kb, "who is a big member of Acme?").answered);
    assert!(!one(&kb, "who is the most big member of Acme?").answered);
    // Renown is no rank the article would have to give.
    assert!(one(&kb, "who is the most famous member of Acme?").answered);
}

#[test]
fn small_talk_asking_nothing_is_no_follow_up() {
    let intents = INTENTS.replace(
        "all = [[\"hi\", \"bonjour\"]]",
        "all = [[\"hi\", \"bonjour\"]]\nfits = [\"there\"]",
    );
    let kb = kb_with(&intents, LEXICON);
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who are the members of Acme?", &mut conv).answered);
    let a = ask(&kb, "hi there", &mut conv);
    assert_eq!(a.intent.as_deref(), Some("greeting"), "{}", a.explain());
}

/// Two of the members are also the founding team: a list that is part of the members'.
const TEAM: &str = "[[fact]]\nid = \"team\"\nsubjects = [\"acme\"]\nitems = [\"ada\", \"lea\"]\nrelation = \"team\"\nvalue = \"Ada Smith, Lea Roy\"\nintents = [\"members\"]\ntopic = \"people\"\nevidence = [\"Its members include Ada Smith, Lea Roy\"]\nen = \"Acme's founding team: Ada Smith and Lea Roy.\"\nfr = \"L'équipe fondatrice d'Acme : Ada Smith et Lea Roy.\"\n";

#[test]
fn a_list_that_is_part_of_another_answers_only_what_picks_it_out() {
    let facts = format!("{FACTS}{TEAM}");
    let kb = kb_of(INTENTS, &facts, LEXICON);
    // The whole list for the question about all members.
    let a = one(&kb, "who are the members of Acme?");
    assert!(
        a.body.starts_with("Acme's members include"),
        "{}",
        a.explain()
    );
    // Ada Smith is in both, and the part names fewer: nothing picks it out all the same.
    let a = one(&kb, "is Ada Smith a member of Acme?");
    assert!(!a.body.contains("founding team"), "{}", a.explain());
}

#[test]
fn a_position_leaves_the_rest_of_the_question_to_the_item_it_picks() {
    let facts = format!(
        "{FACTS}[[fact]]\nid = \"lea\"\nsubjects = [\"lea\"]\nrelation = \"is_a\"\nvalue = \"member\"\nintents = [\"description\"]\ntopic = \"people\"\nevidence = [\"Its members include Ada Smith, Lea Roy\"]\nen = \"Lea Roy is a member of Acme.\"\nfr = \"Lea Roy est membre d'Acme.\"\n"
    );
    let kb = kb_of(INTENTS, &facts, LEXICON);
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who are the members of Acme?", &mut conv).answered);
    let a = ask(&kb, "what is the second one?", &mut conv);
    assert!(
        a.body.starts_with("Lea Roy is a member of Acme."),
        "{}",
        a.explain()
    );
}

#[test]
fn an_unanswered_intent_refuses_in_place_of_a_weaker_one() {
    // The sponsors are a list the article never gives: "which …" is refused, though the
    // members' fact would explain every word of it.
    let intents = format!(
        "{INTENTS}[[intent]]\nid = \"sponsors\"\nwh_exclusive = true\nunanswered = true\nall = [[\"members\"], [\"which\", \"name\"]]\nwh = [\"which\"]\nexamples_en = [\"Which members are sponsors?\"]\n"
    );
    let kb = kb_with(&intents, LEXICON);
    for q in ["which members does Acme have?", "name the members of Acme"] {
        let a = one(&kb, q);
        assert!(!a.answered, "{q}: {}", a.explain());
        assert_eq!(a.intent.as_deref(), Some("sponsors"));
    }
    // Without the question's slot it does not apply.
    assert!(one(&kb, "who are the members of Acme?").answered);
    // Its examples are never suggested.
    assert!(!kb
        .example_questions()
        .iter()
        .any(|q| q.contains("sponsors")));
}

#[test]
fn a_pronoun_set_apart_belongs_to_the_clause_before_it() {
    let lexicon = format!("plural_pronouns = [\"eux\"]\n{LEXICON}");
    let kb = kb_with(INTENTS, &lexicon);
    let pieces = split(&kb, "when was Acme founded, eux?", ALL);
    assert_eq!(pieces.len(), 1, "{pieces:?}");
    let pieces = split(&kb, "when was Acme founded, Paris?", ALL);
    assert_eq!(pieces.len(), 2, "{pieces:?}");
}
