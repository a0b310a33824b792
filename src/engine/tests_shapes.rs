//! What a question's shape asks for, on the made-up knowledge base of `tests.rs`: a reason,
//! a manner, an opinion, a claim, or a question restricted by a clause before it.
use super::tests::{kb, kb_of, kb_with, one, ADA_DESCRIBED, FACTS, INTENTS, LEXICON};
use super::{ask, Conversation};
use crate::answer::Lang;

/// The fixture's lexicon with "why" and "how" as question words and the given lists.
fn lexicon(lists: &str) -> String {
    let lexicon = LEXICON.replace(
        r#"question_words = ["who","#,
        r#"question_words = ["why", "how", "who","#,
    );
    format!("{lists}\n{lexicon}")
}

#[test]
fn a_reason_is_given_only_by_an_intent_that_explains_the_reason_word() {
    let reasons = lexicon(r#"reasons = ["why"]"#);
    let kb = kb_with(INTENTS, &reasons);
    // The founding's evidence shares "founded", but gives no reason.
    let a = one(&kb, "why was acme founded?");
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
    // Without the list, the same evidence answered it.
    assert!(one(&kb_with(INTENTS, &lexicon("")), "why was acme founded?").answered);
    // An intent that explains "why" answers it.
    let intents = INTENTS.replacen(
        "value_kinds = [\"person\"]",
        "value_kinds = [\"person\"]\nfits = [\"why\"]",
        1,
    );
    let a = one(
        &kb_with(&intents, &reasons),
        "why was acme founded by ada smith?",
    );
    assert!(a.answered, "{}\n{}", a.body, a.explain());
}

#[test]
fn a_manner_or_an_amount_needs_an_intent_not_only_evidence() {
    let q = "how was acme founded?";
    assert!(one(&kb_with(INTENTS, &lexicon("")), q).answered);
    let kb = kb_with(INTENTS, &lexicon(r#"needs_intent = ["how"]"#));
    let a = one(&kb, q);
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
    // An intent that matched still answers.
    assert!(one(&kb, "who founded acme?").answered);
}

#[test]
fn an_opinion_is_refused_with_its_own_message() {
    let kb = kb_with(INTENTS, &lexicon(r#"opinions = ["what do you think of"]"#));
    let a = one(&kb, "what do you think of acme?");
    assert!(!a.answered);
    assert!(a.body.starts_with("No opinion."), "{}", a.body);
    assert!(one(&kb, "who founded acme?").answered);
}

#[test]
fn a_number_in_a_clause_before_the_question_restricts_it() {
    let kb = kb();
    assert!(one(&kb, "who founded acme?").answered);
    let a = one(&kb, "in 2005, who founded acme?");
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
}

#[test]
fn numbers_alone_after_a_question_are_guesses_the_answer_settles() {
    let kb = kb();
    let a = one(&kb, "when was acme founded, 2005? 2010?");
    assert!(a.body.starts_with("Acme was founded in 1999."), "{a:?}");
    let a = one(&kb, "when was acme founded, 2005 or 2010?");
    assert!(a.body.starts_with("Acme was founded in 1999."), "{a:?}");
    // Before the question they still restrict it; with a word of their own they ask.
    assert!(!one(&kb, "2005? when was acme founded").answered);
    assert!(!one(&kb, "when was acme founded, 2005 members?").answered);
}

#[test]
fn a_claim_starts_with_what_it_is_about() {
    let kb = kb();
    let a = one(&kb, "acme founded by ada smith?");
    assert!(a.body.starts_with("Yes."), "{}\n{}", a.body, a.explain());
    // A name asked about, not claimed: no "Yes".
    let a = one(&kb, "the members of acme?");
    assert!(a.answered, "{}", a.body);
    assert!(!a.body.starts_with("Yes."), "{}", a.body);
}

#[test]
fn a_request_frame_asks_for_what_follows_and_claims_no_subject() {
    let q = "can you tell me when it was founded";
    // Without the frame, its words mean nothing to the lab and "me" is the asker.
    let plain = kb_with(
        INTENTS,
        &lexicon(r#"self_words = ["me"]"#).replace("self_words = [\"my\", \"i\", \"you\"]\n", ""),
    );
    let a = one(&plain, q);
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
    let framed = lexicon(
        r#"requests = ["can you tell me"]
self_words = ["me"]"#,
    )
    .replace("self_words = [\"my\", \"i\", \"you\"]\n", "");
    let a = one(&kb_with(INTENTS, &framed), q);
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert!(a.body.contains("1999"), "{}", a.body);
    // A request is no yes/no question, even when it starts like one.
    assert!(!a.body.starts_with("Yes."), "{}", a.body);
    // The asker's own things are still theirs.
    assert!(!one(&kb_with(INTENTS, &framed), "can you tell me my name").answered);
}

#[test]
fn the_askers_purpose_at_either_end_is_no_part_of_the_question() {
    let kb = kb_with(INTENTS, &lexicon(r#"purposes = ["for my"]"#));
    let a = one(&kb, "who founded acme for my school report?");
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert!(one(&kb, "for my essay who founded acme?").answered);
    // In the middle, "for my" belongs to what is asked.
    let a = one(&kb, "was the founding for my school founded in 1999?");
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
    // Without the list, the words of the purpose are unexplained.
    assert!(
        !one(
            &kb_with(INTENTS, &lexicon("")),
            "who founded acme for my school report?"
        )
        .answered
    );
}

#[test]
fn a_sentence_stated_before_a_question_is_context_even_with_a_question_word() {
    let kb = kb();
    let a = one(&kb, "I forgot when people left. Who founded acme?");
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert!(a.body.contains("Ada Smith"), "{}", a.body);
    // Not a stated sentence: the clause with the question word is asked, and refused.
    assert!(!one(&kb, "I forgot when people left, who founded acme?").answered);
}

#[test]
fn a_person_named_beside_another_persons_role_is_not_that_person() {
    use super::tests::{kb_from, ADA_DESCRIBED, ARTICLE, ENTITIES, FACTS};
    let entities = ENTITIES.replace(
        "aliases = [\"Ada Smith\", \"Smith\"]",
        "aliases = [\"Ada Smith\", \"Smith\", \"founder of Acme\", \"prize winner\"]",
    );
    let facts = format!("{FACTS}{ADA_DESCRIBED}");
    let lexicon = lexicon(r#"kind_articles = { en = ["a"] }"#).replace(
        "filler = [\"was\", \"is\", \"the\",",
        "filler = [\"was\", \"is\", \"the\", \"prize\",",
    );
    let kb = kb_from(ARTICLE, &entities, INTENTS, &facts, &lexicon);
    let a = one(&kb, "is lea roy the founder of acme?");
    assert!(a.body.starts_with("No."), "{}\n{}", a.body, a.explain());
    assert!(a.body.contains("Ada Smith"), "{}", a.body);
    // Nor is a person the article does not cover.
    let a = one(&kb, "is bob jones the founder of acme?");
    assert!(a.body.starts_with("No."), "{}\n{}", a.body, a.explain());
    // The role's own holder is no other person.
    assert!(!one(&kb, "is ada smith the founder of acme?")
        .body
        .starts_with("No."));
    // "A prize winner" is a kind: the article does not say Lea Roy is not one.
    let a = one(&kb, "is lea roy a prize winner?");
    assert!(!a.body.starts_with("No."), "{}\n{}", a.body, a.explain());
}

#[test]
fn it_is_no_person_even_right_after_one() {
    let ask_after = |kb: &crate::knowledge::KnowledgeBase| {
        let mut conv = super::Conversation::default();
        super::ask(kb, "who founded acme?", &mut conv);
        assert!(super::ask(kb, "what is ada smith?", &mut conv).answered);
        super::ask(kb, "when did she found it?", &mut conv)
    };
    let with = |lists: &str| {
        lexicon(lists)
            .replace("filler = [\"was\",", "filler = [\"did\", \"was\",")
            .replace("[synonyms]\n", "[synonyms]\nfound = [\"founded\"]\n")
    };
    let a = ask_after(&kb_with(INTENTS, &with(r#"neuter_pronouns = ["it"]"#)));
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert!(a.body.contains("1999"), "{}", a.body);
    // Without the list, "it" may be Ada Smith, of whom no founding year is known.
    assert!(!ask_after(&kb_with(INTENTS, &with(""))).answered);
}

#[test]
fn two_things_asked_with_one_frame_are_both_answered() {
    let kb = kb();
    let a = one(&kb, "what are the members and the year acme was founded?");
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert!(
        a.body.contains("Lea Roy") && a.body.contains("1999"),
        "{}",
        a.body
    );
    // Each part must be answered by its own words: "Globex?" alone is no second question.
    let a = one(&kb, "who founded acme and globex?");
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
}

#[test]
fn yes_or_no_after_a_question_is_no_choice() {
    let lex = lexicon("")
        .replace(
            r#"yes_no_marks = ["right"]"#,
            r#"yes_no_marks = ["right", "yes or no"]"#,
        )
        .replace("filler = [\"was\",", "filler = [\"yes\", \"no\", \"was\",");
    let kb = kb_with(INTENTS, &lex);
    let a = one(&kb, "was acme founded in 1999? yes or no");
    assert!(a.body.starts_with("Yes."), "{}\n{}", a.body, a.explain());
}

#[test]
fn a_yes_about_a_person_needs_what_is_said_of_them_in_the_claim() {
    let kb = kb_with_ada_described(&lexicon(""));
    // "Lab" is in the evidence, but the fact does not say Ada Smith is one.
    let a = one(&kb, "is ada smith a lab?");
    assert!(!a.body.starts_with("Yes."), "{}\n{}", a.body, a.explain());
    let a = one(&kb, "ada smith founded acme?");
    assert!(a.body.starts_with("Yes."), "{}\n{}", a.body, a.explain());
}

#[test]
fn an_unfinished_statement_asks_what_comes_next() {
    let lists = r#"unfinished = ["by", "in"]
blanks = { by = "whom" }"#;
    let kb = kb_with(INTENTS, &lexicon(lists));
    // Not a claim to confirm: the blank after "by" is the founder.
    let a = one(&kb, "acme was founded by?");
    assert_eq!(
        a.body,
        "Acme was founded by Ada Smith.[1]",
        "{}",
        a.explain()
    );
    let a = one(&kb, "acme was founded in?");
    assert!(!a.body.starts_with("Yes."), "{}\n{}", a.body, a.explain());
    // A finished claim is still confirmed.
    let a = one(&kb, "acme was founded by ada smith?");
    assert!(a.body.starts_with("Yes."), "{}\n{}", a.body, a.explain());
}

#[test]
fn she_is_asked_about_when_only_the_default_subject_is_named() {
    let kb = kb_with_ada_described(&lexicon(""));
    let mut conv = super::Conversation::default();
    super::ask(&kb, "who founded acme?", &mut conv);
    let a = super::ask(&kb, "is she in acme?", &mut conv);
    assert!(a.body.contains("Ada Smith"), "{}\n{}", a.body, a.explain());
}

#[test]
fn a_choice_of_two_comparisons_shares_what_follows() {
    let lexicon = lexicon("").replace(
        "more_than = [\"more than\"]",
        "more_than = [\"more than\", \"after\"]",
    );
    let lexicon = lexicon.replace(
        "less_than = [\"less than\"]",
        "less_than = [\"less than\", \"before\"]",
    );
    let kb = kb_with(INTENTS, &lexicon);
    for q in [
        "was acme founded before or after 2005?",
        "was acme founded after or before 2005?",
    ] {
        let a = one(&kb, q);
        assert_eq!(a.body, "Acme was founded in 1999.[1]", "{}", a.explain());
    }
}

#[test]
fn a_kind_its_description_states_gets_yes() {
    let kb = kb_with(INTENTS, &lexicon(r#"kind_articles = { en = ["a", "an"] }"#));
    let a = one(&kb, "is acme a lab?");
    assert_eq!(
        a.body,
        "Yes. Acme Lab is a lab in Paris. (section Introduction)",
        "{}",
        a.explain()
    );
    // A word the description does not state leaves it to the intents.
    assert!(!one(&kb, "is acme a school?").body.starts_with("Yes."));
}

/// The fixture with a fact describing Ada Smith herself, and the given lexicon.
fn kb_with_ada_described(lexicon: &str) -> crate::knowledge::KnowledgeBase {
    use super::tests::{kb_of, ADA_DESCRIBED, FACTS};
    kb_of(INTENTS, &format!("{FACTS}{ADA_DESCRIBED}"), lexicon)
}

#[test]
fn a_role_the_persons_own_role_rules_out_gets_no() {
    use super::tests::{kb_of, FACTS, INTENTS};
    let facts = format!(
        "{FACTS}[[fact]]\nid = \"lea\"\nsubjects = [\"lea\"]\nmentions = [\"acme\"]\nrelation = \"member_of\"\nvalue = \"Acme\"\nintents = [\"members\"]\ntopic = \"people\"\nevidence = [\"Its members include Ada Smith, Lea Roy and Max Durand.\"]\nen = \"Lea Roy is one of Acme's members.\"\nfr = \"Lea Roy est membre d'Acme.\"\n"
    );
    let students = "[[intent]]\nid = \"students\"\nall = [[\"student\"]]\nEXCLUDES\nexamples_en = [\"Who studied at Acme?\"]\n";
    let kb = |excludes: &str| {
        let intents = format!("{INTENTS}{}", students.replace("EXCLUDES", excludes));
        kb_of(&intents, &facts, &lexicon(""))
    };
    let ruled_out = kb("excludes = [\"members\"]");
    let a = one(&ruled_out, "is lea roy a student?");
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert_eq!(
        a.body,
        "No. Lea Roy is one of Acme's members. (section People)"
    );
    // Without `excludes`, the article does not settle it.
    let a = one(&kb(""), "is lea roy a student?");
    assert!(!a.answered, "{}", a.body);
    // With `contrasts`, the role the article gives her instead, without a verdict.
    let contrasted = kb("contrasts = [\"members\"]");
    let a = one(&contrasted, "is lea roy a student?");
    assert_eq!(a.body, "Lea Roy is one of Acme's members. (section People)");
    // Not when the question asks whether something happened.
    let intents = format!(
        "{INTENTS}{}",
        students.replace("EXCLUDES", "contrasts = [\"members\"]")
    );
    let events = kb_of(&intents, &facts, &lexicon("event_questions = [\"did\"]"));
    assert!(!one(&events, "did lea roy a student?").answered);
    assert!(one(&events, "is lea roy a student?").answered);
    // A word the intent does not explain is not ruled out by the role.
    let a = one(&ruled_out, "is lea roy a student in paris?");
    assert!(!a.answered || !a.body.starts_with("No."), "{}", a.body);
    // Nor does the rule go the other way round.
    let a = one(&ruled_out, "is lea roy a member?");
    assert!(a.body.starts_with("Yes."), "{}", a.body);
    // Right after the list of members, "them" is that list, which has her.
    let with_them = kb_of(
        &format!(
            "{INTENTS}{}",
            students.replace("EXCLUDES", "excludes = [\"members\"]\nfits = [\"them\"]")
        ),
        &facts,
        &lexicon("plural_pronouns = [\"them\"]"),
    );
    let q = "is lea roy a student of them?";
    assert!(
        one(&with_them, q).body.starts_with("No."),
        "{}",
        one(&with_them, q).explain()
    );
    let mut conv = Conversation::default();
    assert!(ask(&with_them, "who are the members of acme?", &mut conv).answered);
    let a = ask(&with_them, q, &mut conv);
    assert!(!a.body.starts_with("No."), "{}", a.explain());
}

#[test]
fn a_follow_up_naming_only_a_language_says_the_last_answer_again_in_it() {
    let lists = r#"reply_in = { french = "fr", anglais = "en" }
restate = ["say", "please"]"#;
    let kb = kb_with(INTENTS, &lexicon(lists));
    let mut conv = Conversation::default();
    let first = ask(&kb, "who founded acme?", &mut conv);
    assert_eq!(first.body, "Acme was founded by Ada Smith.[1]");
    let again = ask(&kb, "and in french?", &mut conv);
    assert!(again.answered, "{}", again.body);
    assert_eq!(again.body, "Acme a été fondé par Ada Smith.[1]");
    assert_eq!(again.lang, Lang::Fr);
    let back = ask(&kb, "say it in anglais please", &mut conv);
    assert_eq!(back.body, "Acme was founded by Ada Smith.[1]");
    // After a refusal there is no last answer to say again.
    assert!(!ask(&kb, "who is the mayor of paris?", &mut conv).answered);
    assert!(!ask(&kb, "and in french?", &mut conv).answered);
    // Without the language names, it is no follow-up the bot understands.
    let mut conv = Conversation::default();
    let plain = kb_with(INTENTS, &lexicon(""));
    ask(&plain, "who founded acme?", &mut conv);
    assert!(!ask(&plain, "and in french?", &mut conv).answered);
}

#[test]
fn a_follow_up_the_last_answers_evidence_explains_is_about_that_fact() {
    let lists = lexicon(r#"fact_pronouns = ["that"]"#)
        .replace(r#"pronouns = ["it"]"#, r#"pronouns = ["it", "that"]"#);
    let kb = kb_with(INTENTS, &lists);
    let mut conv = Conversation::default();
    ask(&kb, "who founded acme?", &mut conv);
    let a = ask(&kb, "was that founded in 1999?", &mut conv);
    assert_eq!(
        a.body,
        "Yes. Acme was founded by Ada Smith.[1]",
        "{}",
        a.explain()
    );
    // After an answer whose evidence does not explain it, the best fact for the question.
    let mut conv = Conversation::default();
    ask(&kb, "what is acme?", &mut conv);
    let a = ask(&kb, "was that founded in 1999?", &mut conv);
    assert_eq!(
        a.body,
        "Yes. Acme was founded in 1999.[1]",
        "{}",
        a.explain()
    );
}

#[test]
fn a_fact_about_another_person_does_not_answer_about_he_or_she() {
    use super::decide::{not_someone_else, Decision, Refusal};
    use super::readings::Reading;
    let kb = kb_with_ada_described(&lexicon(""));
    let (fact, ada) = (
        kb.fact_index("ada").unwrap(),
        kb.entity_index("ada").unwrap(),
    );
    let lea = kb.entity_index("lea").unwrap();
    let about_ada = || Decision::Fact {
        reading: Reading::of(fact, ada),
        intent: None,
        score: 1.0,
        via: String::new(),
    };
    assert_eq!(
        not_someone_else(&kb, Some(lea), about_ada()),
        Decision::Refuse(Refusal::NotSettled("Lea Roy".into()))
    );
    assert_eq!(not_someone_else(&kb, Some(ada), about_ada()), about_ada());
    assert_eq!(not_someone_else(&kb, None, about_ada()), about_ada());
    // A fact about the lab that names Lea among its members still answers about her.
    let members = kb.fact_index("members").unwrap();
    let about_acme = Decision::Fact {
        reading: Reading::of(members, 0),
        intent: None,
        score: 1.0,
        via: String::new(),
    };
    assert_eq!(
        not_someone_else(&kb, Some(lea), about_acme.clone()),
        about_acme
    );
}

#[test]
fn she_with_no_one_named_before_is_no_one_the_article_covers() {
    let kb = kb();
    let a = one(&kb, "is she in acme?");
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
}

#[test]
fn the_person_she_refers_to_is_a_value_of_a_yes_no_question() {
    let lexicon = lexicon("").replace(
        r#"person_pronouns = ["she"]"#,
        r#"person_pronouns = ["she", "her"]"#,
    );
    let kb = kb_with_ada_described(&lexicon);
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who founded acme?", &mut conv).answered);
    // "Her" is Ada Smith: the question asks the founder, not the year.
    let a = ask(&kb, "was it founded by her?", &mut conv);
    assert_eq!(
        a.body,
        "Yes. Acme was founded by Ada Smith.[1]",
        "{}",
        a.explain()
    );
}

#[test]
fn the_askers_own_things_are_no_antecedents() {
    let after_founder = |kb: &crate::knowledge::KnowledgeBase, q: &str| {
        let mut conv = Conversation::default();
        assert!(ask(kb, "who founded acme?", &mut conv).answered);
        ask(kb, q, &mut conv)
    };
    // "It" has an antecedent, but "my" names the asker's own thing (as "c'est quoi mon nom ?"
    // does after a question about Mila).
    let q = "who founded it, my lab?";
    let kb = kb_with(INTENTS, &lexicon(r#"possessives = ["my"]"#));
    let a = after_founder(&kb, q);
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
    // Without the list, "my" gave way to the antecedent.
    let a = after_founder(&kb_with(INTENTS, &lexicon("")), q);
    assert!(a.answered, "{}", a.explain());
}

#[test]
fn the_bot_addressed_before_a_question_is_left_out_of_it() {
    let q = "hey bot who founded acme?";
    let kb = kb_with(INTENTS, &lexicon(r#"vocatives = ["hey bot"]"#));
    assert_eq!(one(&kb, q).body, "Acme was founded by Ada Smith.[1]");
    assert!(!one(&kb_with(INTENTS, &lexicon("")), q).answered);
    // Nothing after it: nothing is left out.
    assert!(!one(&kb, "hey bot").answered);
}

#[test]
fn a_yes_no_mark_inside_a_request_is_the_requests() {
    let lists = lexicon(r#"requests = ["tu peux me donner"]"#).replace(
        r#"yes_no_marks = ["right"]"#,
        r#"yes_no_marks = ["right", "tu"]"#,
    );
    let kb = kb_with(INTENTS, &lists);
    let a = one(&kb, "tu peux me donner the members of acme");
    assert!(
        a.body.starts_with("Acme's members include"),
        "{}",
        a.explain()
    );
}

#[test]
fn others_asked_for_are_ones_the_fact_gives_not_ones_it_mentions() {
    use super::tests::{kb_of, FACTS};
    // The founding fact mentions Lea Roy but gives only Ada Smith: no one else founded Acme.
    let facts = FACTS.replacen("mentions = [\"ada\"]", "mentions = [\"ada\", \"lea\"]", 1);
    let kb = kb_of(INTENTS, &facts, &lexicon(r#"others = ["besides"]"#));
    let a = one(&kb, "who besides Ada Smith founded Acme?");
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
    // The members fact gives the others it names.
    let a = one(&kb, "who besides Ada Smith is one of the members of Acme?");
    assert!(a.answered, "{}\n{}", a.body, a.explain());
}

#[test]
fn a_follow_up_in_the_last_answers_own_words_is_about_its_fact() {
    use super::tests::{kb_of, FACTS};
    // The answer says more than its evidence quotes: "by a small team".
    let facts = FACTS.replacen(
        "en = \"Acme was founded in 1999.\"",
        "en = \"Acme was founded in 1999, by a small team.\"",
        1,
    );
    let lists = lexicon(r#"fact_pronouns = ["that"]"#)
        .replace(r#"pronouns = ["it"]"#, r#"pronouns = ["it", "that"]"#);
    let kb = kb_of(INTENTS, &facts, &lists);
    let mut conv = Conversation::default();
    assert!(ask(&kb, "when was acme founded?", &mut conv).answered);
    let a = ask(&kb, "was that a team?", &mut conv);
    assert!(
        a.body.starts_with("Yes. Acme was founded in 1999"),
        "{}\n{}",
        a.body,
        a.explain()
    );
}

#[test]
fn a_purpose_opening_needs_what_it_is_for() {
    let lists = r#"purposes = ["for my"]
possessives = ["my"]
purpose_nouns = ["report"]"#;
    let kb = kb_with(INTENTS, &lexicon(lists));
    assert!(one(&kb, "who founded acme for my report?").answered);
    // "For my bank" is no purpose: "bank" is part of the question, and nothing explains it.
    let a = one(&kb, "who founded acme for my bank?");
    assert!(!a.answered, "{}", a.body);
}

#[test]
fn c_est_before_a_question_word_refers_to_nothing_when_something_is_named() {
    use super::tests::{kb_of, FACTS};
    // The founding fact mentions Lea Roy: read with "c" as "it" (Acme), the question would
    // get Acme's founder.
    let facts = FACTS.replacen("mentions = [\"ada\"]", "mentions = [\"ada\", \"lea\"]", 1);
    let lists = |presentatives: &str| {
        lexicon(&format!("presentatives = [{presentatives}]"))
            .replace(r#"pronouns = ["it"]"#, r#"pronouns = ["it", "c"]"#)
            .replace(r#"filler = ["#, r#"filler = ["est", "#)
    };
    let q = "c'est qui qui a fondé Lea Roy ?";
    let kb = kb_of(INTENTS, &facts, &lists(r#""c est""#));
    assert!(!one(&kb, q).answered, "{}", one(&kb, q).body);
    let kb = kb_of(INTENTS, &facts, &lists(""));
    assert!(one(&kb, q).answered, "{}", one(&kb, q).explain());
}

#[test]
fn others_right_after_a_complete_list_are_none() {
    use super::tests::{kb_of, FACTS};
    let closed = FACTS.replace("id = \"members\"\n", "id = \"members\"\nclosed = true\n");
    let lists = lexicon(r#"others = ["others"]"#);
    let after_members = |facts: &str| {
        let kb = kb_of(INTENTS, facts, &lists);
        let mut conv = Conversation::default();
        assert!(ask(&kb, "who are the members of Acme?", &mut conv).answered);
        ask(&kb, "others?", &mut conv)
    };
    let a = after_members(&closed);
    assert!(
        a.body.starts_with("No. Acme's members include"),
        "{}\n{}",
        a.body,
        a.explain()
    );
    // A list of examples says nothing of others.
    let a = after_members(FACTS);
    assert!(!a.body.starts_with("No. "), "{}", a.body);
}

#[test]
fn a_kind_may_follow_a_filler_and_ou_before_an_article_offers_a_choice() {
    use super::parse::parse;
    let lexicon = lexicon(r#"kind_articles = { en = ["a"], fr = ["un", "une"] }"#)
        .replace("filler = [\"was\",", "filler = [\"like\", \"was\",")
        .replace("alternatives = [\"or\"]", "alternatives = [\"or\", \"ou\"]")
        .replace("question_words = [", "question_words = [\"ou\", ");
    let kb = kb_with(INTENTS, &lexicon);
    assert!(parse(&kb, "is acme like a lab", &[]).asks_kind);
    assert!(parse(&kb, "is acme a lab", &[]).asks_kind);
    // "Ou" before an article is "or", not "où" (where), unless written with its accent.
    assert_eq!(parse(&kb, "acme un labo ou une compagnie", &[]).qword, None);
    let marked = crate::engine::normalize::french_marked("où une compagnie");
    assert_eq!(parse(&kb, "ou une compagnie", &marked).qword, Some(0));
    assert_eq!(parse(&kb, "acme est ou", &[]).qword, Some(2));
}

#[test]
fn a_name_describing_its_entity_after_which_may_be_the_kind_asked() {
    use super::parse::parse;
    use super::tests::{kb_from, ARTICLE, ENTITIES, FACTS};
    let entities = ENTITIES.replace(
        "aliases = [\"Acme\", \"the lab\"]",
        "aliases = [\"Acme\", \"the lab\", \"lab\"]\ndescriptors = [\"lab\"]",
    );
    let kb = kb_from(ARTICLE, &entities, INTENTS, FACTS, LEXICON);
    let p = parse(&kb, "which lab was founded by ada smith", &[]);
    assert_eq!(p.entity_ids.len(), 2);
    let q = p.kind_asked_unnamed(&kb).expect("'lab' after 'which'");
    assert_eq!(q.entity_ids.len(), 1, "only Ada Smith is named");
    assert!(!q.is_named(1));
    // Not after a question word, nor a name that does not describe its entity.
    // Asked of Ada Smith, the lab is the value asked for, not a value to check: refused as
    // named, answered as the kind asked; a message too long stays refused as such.
    let intents = format!("{INTENTS}[[intent]]\nid = \"works\"\nall = [[\"work\", \"works\"]]\nvalue_kinds = [\"organization\"]\nexamples_en = [\"Where does Ada Smith work?\"]\n");
    let facts = format!("{FACTS}[[fact]]\nid = \"works\"\nsubjects = [\"ada\"]\nvalue_entity = \"acme\"\nrelation = \"works_at\"\nvalue = \"Acme Lab\"\nintents = [\"works\"]\ntopic = \"people\"\nevidence = [\"Acme Lab was founded in 1999 by Ada Smith.\"]\nen = \"Ada Smith works at Acme.\"\nfr = \"Ada Smith travaille chez Acme.\"\n");
    let lexicon = LEXICON.replace("filler = [", "filler = [\"does\", \"at\", ");
    let kb2 = kb_from(ARTICLE, &entities, &intents, &facts, &lexicon);
    let q = "which lab does ada smith work at";
    assert_eq!(one(&kb2, q).body, "Ada Smith works at Acme.[1]");
    let long = format!("{q} {}", "the ".repeat(200));
    assert!(one(&kb2, &long).body.starts_with("Too long"));
    assert!(parse(&kb, "the lab was founded by ada smith", &[])
        .kind_asked_unnamed(&kb)
        .is_none());
    assert!(parse(&kb, "which acme was founded by ada smith", &[])
        .kind_asked_unnamed(&kb)
        .is_none());
}

#[test]
fn more_about_the_one_thing_named_is_its_description_not_others() {
    use super::tests::{kb_of, ADA_DESCRIBED, FACTS};
    let intents = INTENTS.replace(
        r#"all = [["what is", "who is"]]"#,
        r#"all = [["what is", "who is", "known for"]]"#,
    );
    let facts = format!("{FACTS}{ADA_DESCRIBED}");
    let lists = lexicon(
        r#"others = ["else"]
more_about = ["what else"]"#,
    );
    let kb = kb_of(&intents, &facts, &lists);
    let a = one(&kb, "what else is Ada Smith known for?");
    assert_eq!(a.body, "Ada Smith founded Acme.[1]", "{}", a.explain());
    // "Who else" asks for others than her: not what the article says of her.
    let a = one(&kb, "who else is Ada Smith known for?");
    assert!(!a.body.starts_with("Ada Smith founded"), "{}", a.body);
    // "Besides" leaves her out: more about her is not asked.
    let lists = lexicon(
        r#"others = ["else", "besides"]
more_about = ["what else"]"#,
    );
    let kb = kb_of(&intents, &facts, &lists);
    let a = one(&kb, "what else besides Ada Smith is known for?");
    assert!(!a.body.starts_with("Ada Smith founded"), "{}", a.body);
}

#[test]
fn the_asker_after_a_year_is_no_thing_the_year_counts() {
    // "… in 2005 I think": the year is still a year, and the claim is checked.
    let lexicon = LEXICON
        .replace(
            r#"yes_no_marks = ["right"]"#,
            r#"yes_no_marks = ["right", "i think"]"#,
        )
        .replace(r#"filler = ["was","#, r#"filler = ["think", "was","#);
    let kb = kb_of(INTENTS, FACTS, &lexicon);
    for q in [
        "was acme founded in the year 2005",
        "was acme founded in the year 2005 i think",
    ] {
        let a = one(&kb, q);
        assert!(
            a.answered && a.body.starts_with("No."),
            "{q}: {}\n{}",
            a.body,
            a.explain()
        );
    }
}

#[test]
fn the_words_of_a_yes_no_mark_ask_nothing_else() {
    // "… or am I wrong?": the mark's words make the question yes/no, and need no other meaning.
    let lexicon = LEXICON.replace(
        r#"yes_no_marks = ["right"]"#,
        r#"yes_no_marks = ["right", "or am i wrong"]"#,
    );
    let kb = kb_of(INTENTS, FACTS, &lexicon);
    let a = one(&kb, "acme was founded in the year 2005 or am i wrong");
    assert!(a.answered && a.body.starts_with("No."), "{}", a.explain());
}

#[test]
fn what_a_person_said_is_not_what_the_article_says_of_them() {
    // The article quotes no one: with "say" a verb of speech, "what did Ada Smith say?" is
    // refused, though every word of it is explained; "what does the article say about Ada
    // Smith?" names no one who speaks.
    let intents = INTENTS.replace(r#"all = [["what is", "who is"]]"#, r#"all = [["what"]]"#);
    assert_ne!(intents, INTENTS);
    let lexicon = LEXICON.replace(
        "filler = [",
        "filler = [\"say\", \"did\", \"does\", \"article\", \"about\", ",
    );
    let facts = format!("{FACTS}{ADA_DESCRIBED}");
    let plain = kb_of(&intents, &facts, &lexicon);
    let speech = lexicon.replace("excluding = [", "speech = [\"say\"]\nexcluding = [");
    let kb = kb_of(&intents, &facts, &speech);
    for q in [
        "what did Ada Smith say?",
        "what does the article say about Ada Smith?",
    ] {
        let a = one(&plain, q);
        assert!(a.answered, "{q}: {}", a.explain());
    }
    let a = one(&kb, "what does the article say about Ada Smith?");
    assert!(a.answered, "{}", a.explain());
    for q in ["what did Ada Smith say?", "what did she say?"] {
        let a = one(&kb, q);
        assert!(!a.answered, "{q}: {}", a.explain());
    }
}

#[test]
fn a_value_alone_after_a_yes_no_question_checks_it_too() {
    // "Was Acme founded in 1999?" then "by Bob Jones?": the founder is checked like the year.
    let kb = kb();
    let mut conv = Conversation::default();
    let a = ask(&kb, "was acme founded in the year 1999?", &mut conv);
    assert!(a.body.starts_with("Yes."), "{}", a.explain());
    let a = ask(&kb, "by Bob Jones?", &mut conv);
    assert!(a.body.starts_with("No."), "{}", a.explain());
}

#[test]
fn a_currency_sign_asks_about_money() {
    // "Acme founder $$": money, which nothing in the knowledge explains.
    let kb = kb();
    assert!(one(&kb, "who founded acme").answered);
    let a = one(&kb, "who founded acme $$");
    assert!(!a.answered, "{}", a.explain());
}

#[test]
fn a_few_words_around_one_value_are_a_claim() {
    // "Founded 2005?": a relation and a value, about the default subject.
    let intents = INTENTS.replace(
        "[\"founded\", \"fonde\"]]\nexamples_en = [\"When",
        "[\"founded\", \"fonde\"]]\nvalue_kinds = [\"year\"]\nexamples_en = [\"When",
    );
    assert_ne!(intents, INTENTS);
    let kb = kb_of(&intents, FACTS, LEXICON);
    let a = one(&kb, "founded 2005?");
    assert!(a.body.starts_with("No."), "{}", a.explain());
    assert!(one(&kb, "founded 1999?").body.starts_with("Yes."));
    // "And …" continues the last question: no claim of its own.
    assert!(!one(&kb, "and founded 2005?").body.starts_with("No."));
}
