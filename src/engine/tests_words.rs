//! Words as written: common words are not corrected, and filler of several words is filler
//! only where its words are together. On the fixture of [`super::tests`].
use super::tests::*;

/// The fixture's files with `words.txt` listing `common`.
fn with_words(common: &str) -> Vec<(String, String)> {
    let files = [
        ("article.wikitext", ARTICLE),
        ("entities.toml", ENTITIES),
        ("intents.toml", INTENTS),
        ("facts.toml", FACTS),
        ("lexicon.toml", LEXICON),
        ("messages.toml", MESSAGES),
        ("words.txt", common),
    ];
    files
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

/// The fixture with `words.txt` listing `common` (sorted).
fn kb_with_common(common: &str) -> crate::knowledge::KnowledgeBase {
    crate::knowledge::KnowledgeBase::from_sources(with_words(common)).expect("the fixture loads")
}

#[test]
fn a_common_word_is_not_corrected_onto_a_cue_unless_only_its_ending_differs() {
    // "mambers" is one letter from the cue "members": a typo, unless the language has it.
    let plain = one(&kb(), "who are the mambers of acme");
    assert!(
        plain.answered && plain.body.contains("Lea Roy"),
        "{plain:?}"
    );
    let kb = kb_with_common("# words people mean as written\nmambers\nmemberz\n");
    assert_eq!(kb.common_words.len(), 2);
    let a = one(&kb, "who are the mambers of acme");
    assert!(!a.answered, "{a:?}");
    // The same word with another ending is the word meant ("memberz", a plural form).
    let a = one(&kb, "who are the memberz of acme");
    assert!(a.answered && a.body.contains("Lea Roy"), "{a:?}");
}

#[test]
fn a_words_file_out_of_order_is_refused_with_its_line() {
    let e = crate::knowledge::KnowledgeBase::from_sources(with_words("beta\nalpha\n")).unwrap_err();
    assert_eq!((e.file.as_str(), e.line), ("words.txt", 2), "{e}");
    assert!(e.message.contains("out of order"), "{e}");
}

#[test]
fn filler_of_several_words_is_filler_only_where_its_words_are_together() {
    let lexicon = LEXICON.replace("filler = [", "filler = [\"in a word\", ");
    let kb = kb_with(INTENTS, &lexicon);
    let a = one(&kb, "in a word who founded acme");
    assert!(a.answered && a.body.contains("Ada Smith"), "{a:?}");
    let a = one(&kb, "who founded acme word");
    assert!(!a.answered, "{a:?}");
    // Without the phrase, "word" is unexplained there too.
    let a = one(&kb_with(INTENTS, LEXICON), "in a word who founded acme");
    assert!(!a.answered, "{a:?}");
}

/// The fixture with Acme's former name, a fact about its names, and the founding year of both.
fn kb_renamed(lexicon: &str) -> crate::knowledge::KnowledgeBase {
    let article = ARTICLE.replace(
        "== People ==",
        "Acme Lab was first called Old Acme.\n== People ==",
    );
    let entities = format!(
        "{ENTITIES}[[entity]]\nid = \"old\"\nkind = \"organization\"\nname = \"Old Acme\"\naliases = [\"Old Acme\"]\n"
    );
    let intents = format!(
        "{INTENTS}[[intent]]\nid = \"names\"\nall = [[\"called\"]]\nexamples_en = [\"What was Acme called?\"]\n"
    );
    let facts = FACTS.replace(
        "id = \"year\"\nclosed = true\nsubjects = [\"acme\"]",
        "id = \"year\"\nclosed = true\nsubjects = [\"acme\", \"old\"]",
    ) + "[[fact]]\nid = \"names\"\nsubjects = [\"acme\", \"old\"]\nrelation = \"named\"\nvalue = \"Old Acme\"\nintents = [\"names\"]\ntopic = \"founding\"\nevidence = [\"Acme Lab was first called Old Acme.\"]\nen = \"Acme was first called Old Acme.\"\nfr = \"Acme s'appelait d'abord Old Acme.\"\n";
    kb_from(&article, &entities, &intents, &facts, lexicon)
}

#[test]
fn a_change_between_two_names_of_one_thing_is_not_answered_by_its_founding() {
    let lexicon = LEXICON.replace(
        "filler = [",
        "renamings = { words = [\"renamed\"], relations = [\"named\"] }\nfiller = [\"renamed\", ",
    );
    let kb = kb_renamed(&lexicon);
    let a = one(&kb, "when was old acme renamed acme");
    assert!(!a.answered, "{a:?}");
    // The founding of either name is still its founding.
    let a = one(&kb, "when was old acme founded");
    assert!(a.answered && a.body.contains("1999"), "{a:?}");
    // Without the change word listed, the founding year was given for the renaming.
    let plain = LEXICON.replace("filler = [", "filler = [\"renamed\", ");
    let a = one(&kb_renamed(&plain), "when was old acme renamed acme");
    assert!(a.answered && a.body.contains("1999"), "{a:?}");
}

/// The fixture reading "what's" and texting "wat" and "n".
fn kb_texting() -> crate::knowledge::KnowledgeBase {
    let lexicon = LEXICON
        .replace(
            "conjunctions = [\"and\"]",
            "conjunctions = [\"and\", \"n\"]",
        )
        .replace("filler = [", "filler = [\"s\", ")
        + "[rewrite]\nwat = \"what\"\n";
    let intents = INTENTS.replace(
        "all = [[\"what is\", \"who is\"]]",
        "all = [[\"what is\", \"who is\", \"what s\"]]",
    );
    kb_of(&intents, &format!("{FACTS}{ADA_DESCRIBED}"), &lexicon)
}

/// Both of the fixture's descriptions, of Acme and of Ada Smith, in one answer.
fn answers_both(q: &str) {
    let a = one(&kb_texting(), q);
    assert!(a.answered, "{a:?}");
    assert!(a.body.contains("Acme Lab is a lab in Paris"), "{a:?}");
    assert!(a.body.contains("Ada Smith founded Acme"), "{a:?}");
}

#[test]
fn two_questions_that_each_name_something_are_both_answered() {
    answers_both("what's acme and what's smith");
}

#[test]
fn a_texting_form_after_a_conjunction_starts_another_question() {
    answers_both("what's acme n wat's ada smith");
}

#[test]
fn always_is_settled_only_by_a_fact_that_says_it_changed() {
    let always = "always = { words = [\"always\"], changed = [\"first\"] }\nfiller = [\"always\", ";
    let kb = kb_renamed(&LEXICON.replace("filler = [", always));
    // The names fact says Acme was first called otherwise: not always.
    let a = one(&kb, "was acme always called old acme");
    assert!(a.answered && a.body.starts_with("No."), "{a:?}");
    // The founding fact says nothing of a change: "always" is not settled.
    let a = one(&kb, "was acme always founded by ada smith");
    assert!(!a.answered, "{a:?}");
    // Without the rule, the name it had once was taken for always.
    let plain = kb_renamed(&LEXICON.replace("filler = [", "filler = [\"always\", "));
    let a = one(&plain, "was acme always called old acme");
    assert!(a.answered && a.body.starts_with("Yes."), "{a:?}");
}

#[test]
fn a_reason_given_after_the_question_is_the_askers() {
    let lexicon = LEXICON
        .replace(
            "sources = [",
            "given_reasons = [\"because i\"]\nsources = [\"cited\", ",
        )
        .replace("filler = [", "filler = [\"heard\", \"because\", ");
    let kb = kb_with(INTENTS, &lexicon);
    let a = one(&kb, "who founded acme because i saw it cited online");
    assert!(a.answered && a.body.contains("Ada Smith"), "{a:?}");
    // Its words ask for nothing: "cited" there is no question about a source.
    assert!(a.body.starts_with("Acme was founded by"), "{a:?}");
    // Without the list, its words are part of the question, and unexplained.
    let a = one(
        &kb_with(
            INTENTS,
            &LEXICON.replace("sources = [", "sources = [\"cited\", "),
        ),
        "who founded acme because i saw it online",
    );
    assert!(!a.answered, "{a:?}");
    // A name in the reason is still the question's: a claim the answer must settle.
    let a = one(&kb, "who founded acme because i heard lea roy");
    assert!(!a.answered, "{a:?}");
    // Only after a question: at the start, "because I" is what the message is about.
    let a = one(&kb, "because i saw who founded acme");
    assert!(!a.answered, "{a:?}");
}

#[test]
fn only_of_several_words_is_only_where_its_words_are_together() {
    let lexicon = |only: &str| {
        LEXICON.replace(
            "filler = [",
            &format!("only = [{only}]\nfiller = [\"all\", \"there\", "),
        )
    };
    let kb = kb_with(INTENTS, &lexicon("\"just\", \"all there is\""));
    let a = one(&kb, "is ada smith all there is of the members of acme?");
    assert!(a.body.starts_with("No. Acme's members include"), "{a:?}");
    // Without the phrase, its words say nothing: Ada Smith is a member.
    let plain = kb_with(INTENTS, &lexicon("\"just\""));
    let a = one(&plain, "is ada smith all there is of the members of acme?");
    assert!(a.body.starts_with("Yes. Acme's members include"), "{a:?}");
    // Its words apart are not the phrase.
    let a = one(&kb, "is all of ada smith there is the members of acme?");
    assert!(!a.body.starts_with("No."), "{a:?}");
}

#[test]
fn a_name_ending_on_the_start_of_a_longer_name_takes_it_in() {
    // "founder of Acme" names Ada Smith, and "Acme Paris" is Acme: "Paris" names nothing
    // else in "the founder of Acme Paris".
    let entities = ENTITIES
        .replace(
            "\"Acme\", \"the lab\"",
            "\"Acme\", \"the lab\", \"Acme Paris\"",
        )
        .replace(
            "\"Ada Smith\", \"Smith\"",
            "\"Ada Smith\", \"Smith\", \"founder of Acme\"",
        );
    let kb = kb_from(ARTICLE, &entities, INTENTS, FACTS, LEXICON);
    let p = super::parse::parse(&kb, "who is the founder of acme paris", &[]);
    let ada = kb.entity_index("ada").unwrap();
    assert_eq!(p.entities(), vec![ada], "{:?}", p.mentions);
}
