//! The asker's side of a question: their people ("my grandson"), titles beside a name
//! ("Mr Smith"), a French subject pronoun repeating a name, "it" after a thing named, and a
//! part of a count.

use super::parse::parse;
use super::tests::{
    kb_from, kb_of, one, says, ADA_DESCRIBED, ARTICLE, ENTITIES, FACTS, INTENTS, LEXICON,
};
use crate::knowledge::class;

/// The fixture's lexicon with `lists` added and `filler` extended by `filler`.
fn lexicon(lists: &str, filler: &str) -> String {
    let lexicon = LEXICON.replace(r#"filler = ["#, &format!(r#"filler = [{filler}"#));
    format!("{lists}\n{lexicon}")
}

/// The fixture's facts, with the founding year's fact mentioning `entity` (the way Mila's
/// founding mentions the university where it was founded).
fn year_mentions(entity: &str) -> String {
    let year = "id = \"year\"\nclosed = true\n";
    assert!(FACTS.contains(year));
    FACTS.replace(year, &format!("{year}mentions = [\"{entity}\"]\n"))
}

#[test]
fn a_french_subject_pronoun_after_its_verb_repeats_the_name_before_it() {
    // Beta has no founding date: "a-t-il" refers to Beta, never to the default subject.
    let entities = format!(
        "{ENTITIES}[[entity]]\nid = \"beta\"\nkind = \"organization\"\nname = \"Beta\"\naliases = [\"Beta\"]\n"
    );
    let lists = lexicon(r#"euphonic_subjects = ["il"]"#, r#""ete", "t", "#)
        .replace(
            r#"person_pronouns = ["she"]"#,
            r#"person_pronouns = ["she", "il"]"#,
        )
        .replace(r#"pronouns = ["it"]"#, r#"pronouns = ["it", "il"]"#);
    let kb = kb_from(ARTICLE, &entities, INTENTS, &year_mentions("beta"), &lists);
    let a = one(&kb, "quand Beta a-t-il été fondé ?");
    assert!(!a.answered, "{}", a.body);
    // The name is the default subject's: answered.
    says(
        &kb,
        "quand Acme a-t-il été fondé ?",
        "Acme a été fondé en 1999.[1]",
    );
}

#[test]
fn a_part_of_what_is_counted_is_refused() {
    let lists = lexicon(
        r#"portions = ["many of them"]"#,
        r#""how", "many", "them", "#,
    )
    .replace(r#"question_words = ["#, r#"question_words = ["how", "#);
    let kb = kb_of(INTENTS, FACTS, &lists);
    assert!(one(&kb, "how many members are in acme?").answered);
    let a = one(&kb, "how many of them are members of acme?");
    assert!(!a.answered, "{}", a.body);
}

#[test]
fn the_askers_people_are_theirs_and_so_is_she_after_them() {
    let lists = lexicon(
        "kin = [\"granddaughter\"]\npossessives = [\"my\"]",
        r#""says", "#,
    );
    let kb = kb_of(INTENTS, FACTS, &lists);
    let p = parse(&kb, "my granddaughter says she founded acme", &[]);
    for i in [1, 3] {
        assert_ne!(p.classes[i] & class::SELF, 0, "{}", p.words[i]);
        assert_eq!(p.classes[i] & class::PERSON_PRONOUN, 0, "{}", p.words[i]);
    }
    // A person named in between is who "she" is.
    let p = parse(
        &kb,
        "my granddaughter says ada smith says she founded acme",
        &[],
    );
    assert_ne!(p.classes[6] & class::PERSON_PRONOUN, 0);
    // Without a possessive, "granddaughter" is nobody's.
    let p = parse(&kb, "the granddaughter says she founded acme", &[]);
    assert_eq!(p.classes[1] & class::SELF, 0);
    // The asker's people ask like the asker: the question is still answered.
    says(
        &kb,
        "my granddaughter says: who founded acme?",
        "Acme was founded by Ada Smith.[1]",
    );
}

#[test]
fn a_title_beside_a_persons_name_only_addresses_them() {
    let lists = lexicon(r#"titles = ["mr", "fellow"]"#, r#""that", "#);
    let facts = format!("{FACTS}{ADA_DESCRIBED}");
    let kb = kb_of(INTENTS, &facts, &lists);
    for q in ["who is mr smith?", "who is that smith fellow?"] {
        assert_eq!(one(&kb, q).body, "Ada Smith founded Acme.[1]", "{q}");
    }
    // Away from a name, a title is a word of the question.
    assert!(!one(&kb, "who is the fellow at acme?").answered);
}

#[test]
fn it_after_a_thing_named_before_the_question_word_is_that_thing() {
    let lists = lexicon(r#"neuter_pronouns = ["it"]"#, "");
    let kb = kb_of(INTENTS, &year_mentions("paris"), &lists);
    // Paris has no founding year: "it" is Paris, not the default subject.
    let a = one(&kb, "paris, when was it founded?");
    assert!(!a.answered, "{}", a.body);
    says(
        &kb,
        "acme is in paris, who founded it?",
        "Acme was founded by Ada Smith.[1]",
    );
}

#[test]
fn a_place_in_the_context_is_where_the_thing_is_not_what_it_refers_to() {
    let lists = lexicon(r#"neuter_pronouns = ["it"]"#, r#""study", "at", "#);
    let kb = kb_of(INTENTS, FACTS, &lists);
    says(
        &kb,
        "I study at Acme in Paris. Who founded it?",
        "Acme was founded by Ada Smith.[1]",
    );
}

#[test]
fn the_askers_own_sentence_after_the_question_is_context() {
    let lists = lexicon(r#"wants = ["i want"]"#, r#""to", "know", "#);
    let kb = kb_of(INTENTS, FACTS, &lists);
    says(
        &kb,
        "Who founded Acme? I wonder when she left.",
        "Acme was founded by Ada Smith.[1]",
    );
    // Asking for something the article does not say: the answer says so.
    says(
        &kb,
        "Who founded Acme? I want to know its budget.",
        "Acme was founded by Ada Smith.[1]\nNot said: I want to know its budget.",
    );
}

#[test]
fn the_askers_purpose_may_take_three_words() {
    let lists = lexicon(
        "purposes = [\"for my\"]\npurpose_nouns = [\"report\"]\npossessives = [\"my\"]",
        "",
    );
    let kb = kb_of(INTENTS, FACTS, &lists);
    says(
        &kb,
        "for my report on cities who founded acme?",
        "Acme was founded by Ada Smith.[1]",
    );
}

#[test]
fn a_question_word_after_a_determiner_and_its_noun_is_a_relative() {
    let kb = kb_of(INTENTS, FACTS, &lexicon(r#"determiners = ["the"]"#, ""));
    says(
        &kb,
        "is 1999 the year when acme was founded?",
        "Yes. Acme was founded in 1999.[1]",
    );
    // Without a yes/no start the question word still asks.
    says(
        &kb,
        "the year when acme was founded?",
        "Acme was founded in 1999.[1]",
    );
}

#[test]
fn a_claim_may_open_with_a_determiner_before_its_subject() {
    // "Le Mila offre-t-il des stages ?": the name is still what the claim starts with.
    let q = "the acme is a lab of members";
    let bare = kb_of(INTENTS, FACTS, LEXICON);
    assert!(!parse(&bare, q, &[]).yes_no);
    let kb = kb_of(INTENTS, FACTS, &lexicon(r#"determiners = ["the"]"#, ""));
    assert!(parse(&kb, q, &[]).yes_no);
    assert!(!parse(&kb, "the members of acme", &[]).yes_no);
}

#[test]
fn the_frame_of_an_embedded_question_ends_where_the_asker_is_told() {
    let lists = lexicon(
        r#"telling = ["asked", "inform"]
asker_objects = ["me"]
turns = ["but"]"#,
        "",
    );
    let kb = kb_of(INTENTS, FACTS, &lists);
    // Up to "asked me", the words are the asker's story: none needs explaining.
    says(
        &kb,
        "a patron asked me who founded Acme",
        "Acme was founded by Ada Smith.[1]",
    );
    says(
        &kb,
        "I'd be grateful if you could kindly inform me when Acme was founded",
        "Acme was founded in 1999.[1]",
    );
    // What follows the frame still must be explained, and without the asker told, the
    // same words are unexplained.
    assert!(!one(&kb, "a patron asked me who founded Acme's bakery").answered);
    assert!(!one(&kb, "a patron wrote who founded Acme").answered);
    // A question asked before the frame is no frame's.
    assert!(!one(&kb, "who asked me about Acme").answered);
    // "But" right before the question word ends a preamble; elsewhere it ends nothing.
    assert!(one(&kb, "sorry if dumb q but who founded Acme").answered);
    assert!(!one(&kb, "sorry if dumb q but Acme founded who").answered);
}

#[test]
fn a_word_no_cue_knows_between_my_and_what_they_said_is_the_askers_person() {
    let lists = lexicon(
        "kin = [\"granddaughter\"]\npossessives = [\"my\"]\nspeech = [\"says\"]",
        r#""says", "#,
    );
    let kb = kb_of(INTENTS, FACTS, &lists);
    let p = parse(&kb, "my dentist says ada smith founded acme", &[]);
    assert_ne!(p.classes[1] & class::SELF, 0, "{}", p.words[1]);
    assert!(one(&kb, "my dentist says: who founded acme?").answered);
    // Not without what they said, nor a word a cue knows ("my members say").
    let p = parse(&kb, "my dentist founded acme", &[]);
    assert_eq!(p.classes[1] & class::SELF, 0);
    let p = parse(&kb, "my members says ada smith founded acme", &[]);
    assert_eq!(p.classes[1] & class::SELF, 0);
}

#[test]
fn it_after_who_and_a_verb_alone_is_the_person_asked_about() {
    let lists = lexicon(
        "who_words = [\"who\"]\nneuter_pronouns = [\"it\"]\npeople_words = [\"someone\"]",
        r#""someone", "#,
    );
    let kb = kb_of(INTENTS, FACTS, &lists);
    let p = parse(&kb, "who was it", &[]);
    assert_ne!(p.classes[2] & class::PERSON_PRONOUN, 0);
    assert_eq!(p.classes[2] & class::NEUTER_PRONOUN, 0);
    // With more words, "it" is still a thing.
    let p = parse(&kb, "who founded it", &[]);
    assert_ne!(p.classes[2] & class::NEUTER_PRONOUN, 0);
    let a = one(&kb, "someone founded acme. who was it?");
    assert_eq!(
        a.body,
        "Acme was founded by Ada Smith.[1]",
        "{}",
        a.explain()
    );
}

#[test]
fn a_role_as_a_name_names_no_one_when_of_says_whose_it_is() {
    let entities = ENTITIES.replace(
        "aliases = [\"Ada Smith\", \"Smith\"]",
        "aliases = [\"Ada Smith\", \"Smith\", \"the founder\", \"founder of Acme\"]",
    );
    let lists = lexicon("of_words = [\"of\"]", "");
    let kb = kb_from(ARTICLE, &entities, INTENTS, FACTS, &lists);
    let ada = |q: &str| {
        let p = parse(&kb, q, &[]);
        p.entity_ids.iter().any(|&e| kb.entities[e].id == "ada")
    };
    assert!(ada("where is the founder now"));
    assert!(!ada("where is the founder of paris now"));
    // A name with a word of a name in it is not a role: "of" after it changes nothing.
    assert!(ada("the founder of acme of course"));
    // The role alone asks who holds it, whatever the conversation was about.
    let kb = kb_from(
        ARTICLE,
        &entities,
        INTENTS,
        &format!("{FACTS}{ADA_DESCRIBED}"),
        &lists,
    );
    let mut conv = super::Conversation::default();
    super::ask(&kb, "who are the members of acme?", &mut conv);
    let a = super::ask(&kb, "and the founder?", &mut conv);
    assert_eq!(a.body, "Ada Smith founded Acme.[1]", "{}", a.explain());
}
