//! The engine through the public API, on the bundled knowledge.

use mila_bot::{ask, Conversation, KnowledgeBase};
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::embedded().expect("the bundled knowledge loads"))
}

fn one(q: &str) -> mila_bot::Answer {
    ask(kb(), q, &mut Conversation::default())
}

/// question -> intent -> reference numbers that must all be cited (Wikipedia's numbering).
const GOLDEN: &[(&str, &str, &[usize])] = &[
    ("Who founded Mila?", "founder", &[2, 3, 4, 5]),
    ("who fonded mlia?", "founder", &[2, 3, 4, 5]),
    ("When was Mila founded?", "founded_when", &[2, 3, 4, 5]),
    ("How many researchers are at Mila?", "size", &[1]),
    ("What is Oríon?", "description", &[6]),
    ("what is orion", "description", &[6]),
    ("Does Mila collaborate with IBM?", "partnerships", &[6]),
    ("Does Mila work with companies?", "industry", &[6, 8]),
    ("What's myia?", "description", &[7]),
    ("What is baby-ai about?", "description", &[7]),
    ("What award did Yoshua Bengio win?", "award", &[2, 3, 4, 5]),
    ("What software came out of Mila?", "open_source", &[6, 7]),
    ("Where is Mila?", "location", &[]),
    ("Who works at Mila?", "faculty", &[]),
    ("Who studied at Mila?", "alumni", &[]),
    ("What does Mila research?", "research", &[]),
    ("Can I get a PhD at Mila?", "education", &[]),
    ("Which universities are part of Mila?", "universities", &[]),
    ("What was Mila originally called?", "names", &[2, 3, 4, 5]),
    ("Qui a fondé Mila ?", "founder", &[2, 3, 4, 5]),
    ("Combien de chercheurs compte Mila ?", "size", &[1]),
];

#[test]
fn golden_questions_get_their_intent_and_references() {
    for (q, intent, refs) in GOLDEN {
        let a = one(q);
        assert!(a.answered, "{q:?} was not answered: {}", a.body);
        assert_eq!(a.intent.as_deref(), Some(*intent), "{q:?}");
        let got: Vec<usize> = a.citations.iter().map(|c| c.n).collect();
        for n in *refs {
            assert!(got.contains(n), "{q:?} should cite [{n}], cites {got:?}");
            assert!(
                a.body.contains(&format!("[{n}]")),
                "{q:?}: marker [{n}] in {:?}",
                a.body
            );
        }
        assert!(
            a.confidence > 0.5 && a.confidence <= 1.0,
            "{q:?}: {}",
            a.confidence
        );
    }
}

#[test]
fn answers_without_a_reference_name_the_section() {
    let a = one("Who works at Mila?");
    assert!(a.citations.is_empty());
    assert_eq!(a.section.as_deref(), Some("Notable researchers"));
    assert!(a.body.contains("Notable researchers"), "{}", a.body);
    let a = one("Where is Mila?");
    assert!(a.body.contains("Little Italy"), "{}", a.body);
}

#[test]
fn citations_carry_the_reference_fields() {
    let a = one("Who founded Mila?");
    let c = a.citations.iter().find(|c| c.n == 4).expect("reference 4");
    assert_eq!(
        c.url,
        "https://globalnews.ca/news/4899040/massive-new-centre-for-ai-research-opens-in-montreal/"
    );
    assert_eq!(
        c.title,
        "Massive new centre for AI research opens in Montreal - Montreal | Globalnews.ca"
    );
    assert_eq!(c.date.as_deref(), Some("2019-01-28"));
    assert_eq!(c.access_date.as_deref(), Some("2019-07-15"));
    assert!(a.text().contains("[4] Massive new centre"), "{}", a.text());
}

#[test]
fn questions_about_other_entities_are_not_answered() {
    for q in [
        "who founded IBM?",
        "Who founded Microsoft?",
        "when was HEC Montréal founded?",
        "When was McGill founded?",
        "When was the Université de Montréal founded?",
        "who is Mila's CEO?",
        "Who is Mila's president?",
        "Who founded the Turing Award?",
        "When was Ian Goodfellow born?",
        "How much funding does Mila get?",
        "Qui a fondé Google ?",
    ] {
        let a = one(q);
        assert!(!a.answered, "{q:?} must not be answered, got {:?}", a.body);
        assert!(!a.text().contains("1993"), "{q:?}: {}", a.text());
        assert!(
            !a.suggestions.is_empty() && a.suggestions.len() <= 3,
            "{q:?}"
        );
    }
}

#[test]
fn off_topic_questions_get_suggestions_only() {
    for q in [
        "Tell me a joke",
        "How do I install Rust?",
        "What's the best pizza in Montreal?",
    ] {
        let a = one(q);
        assert!(!a.answered, "{q:?}");
        assert!(a.citations.is_empty() && a.closest.is_none(), "{q:?}");
        for s in &a.suggestions {
            assert!(one(s).answered, "suggestion {s:?} must be answerable");
        }
    }
}

#[test]
fn unanswered_questions_about_a_known_entity_quote_the_closest_passage() {
    let a = one("When was Ian Goodfellow born?");
    assert!(!a.answered);
    let p = a.closest.expect("a passage about Goodfellow");
    assert!(p.sentence.contains("Goodfellow"), "{}", p.sentence);
    assert_eq!(p.section, "Notable researchers");
}

#[test]
fn follow_ups_use_the_conversation() {
    let mut c = Conversation::default();
    assert!(ask(kb(), "When was Mila founded?", &mut c).answered);
    let a = ask(kb(), "by whom?", &mut c);
    assert!(a.answered && a.body.contains("Bengio"), "{}", a.body);

    let mut c = Conversation::default();
    assert!(ask(kb(), "Tell me about Yoshua Bengio", &mut c).answered);
    let a = ask(kb(), "what award did he win?", &mut c);
    assert!(a.answered && a.body.contains("Turing"), "{}", a.body);

    let mut c = Conversation::default();
    assert!(ask(kb(), "Tell me about the IBM partnership", &mut c).answered);
    let a = ask(kb(), "which year?", &mut c);
    assert!(a.answered && a.body.contains("2020"), "{}", a.body);

    // "She" with no one named before is no one; after Joëlle Pineau, it is her.
    assert!(!one("is she at mila?").answered);
    let mut c = Conversation::default();
    assert!(ask(kb(), "who is joelle pineau?", &mut c).answered);
    let a = ask(kb(), "is she at mila?", &mut c);
    assert!(a.answered && a.body.contains("Pineau"), "{}", a.body);

    // The asker's own things are no antecedent's.
    let mut c = Conversation::default();
    assert!(ask(kb(), "where is mila?", &mut c).answered);
    assert!(!ask(kb(), "c'est quoi mon nom ?", &mut c).answered);

    // "She" is Joëlle Pineau: Bengio's award is no answer about her.
    let mut c = Conversation::default();
    assert!(ask(kb(), "is joelle pineau at mila?", &mut c).answered);
    let a = ask(kb(), "did she win the turing award?", &mut c);
    assert!(!a.answered, "{}", a.body);

    // "And X?" asks the last question of X.
    let mut c = Conversation::default();
    assert!(ask(kb(), "is mila in montreal?", &mut c)
        .body
        .starts_with("Yes."));
    let a = ask(kb(), "and toronto?", &mut c);
    assert!(
        a.body.starts_with("No.") && a.body.contains("Montreal"),
        "{}",
        a.body
    );
    let mut c = Conversation::default();
    assert!(ask(kb(), "which universities are part of mila?", &mut c).answered);
    assert!(ask(kb(), "and HEC?", &mut c).body.starts_with("Yes."));
    assert!(ask(kb(), "what about concordia?", &mut c)
        .body
        .starts_with("No."));

    // "And in French?" says the last answer again, in French.
    let mut c = Conversation::default();
    assert!(ask(kb(), "does mila do covid-19 research?", &mut c).answered);
    let a = ask(kb(), "and in french?", &mut c);
    assert!(a.answered && a.body.contains("recherche"), "{}", a.body);

    let mut c = Conversation::default();
    assert!(ask(kb(), "What is Theano?", &mut c).answered);
    let a = ask(kb(), "When was it founded?", &mut c);
    assert!(
        !a.answered,
        "\"it\" is Theano, whose founding date the article lacks: {}",
        a.body
    );
}

#[test]
fn french_questions_are_answered_in_french() {
    let a = one("Qui a fondé Mila ?");
    assert_eq!(a.lang, mila_bot::Lang::Fr);
    assert!(a.body.contains("fondé par Yoshua Bengio"), "{}", a.body);
    let a = one("Qu'est-ce qu'Oríon ?");
    assert_eq!(a.lang, mila_bot::Lang::Fr);
    assert!(a.answered && a.body.contains("logiciel"), "{}", a.body);
    let a = one("Qui a gagné la coupe Stanley ?");
    assert!(!a.answered);
    assert_eq!(a.lang, mila_bot::Lang::Fr);
    let a = one("Who founded Mila?");
    assert_eq!(a.lang, mila_bot::Lang::En);
}

#[test]
fn bad_input_gets_a_clear_message() {
    let a = one("   ");
    assert!(!a.answered && a.body.contains("Ask me"), "{}", a.body);
    let long = "why ".repeat(1000);
    let a = one(&long);
    assert!(!a.answered && a.body.contains("too long"), "{}", a.body);
    assert!(a
        .body
        .contains(&mila_bot::engine::MAX_QUESTION_CHARS.to_string()));
    for q in [
        "\u{0}\u{1}who founded mila?\u{7f}",
        "who founded mila? 🎉🎉",
        "\u{202e}who founded mila?",
    ] {
        let a = one(q);
        assert!(a.answered, "{q:?}: {}", a.body);
    }
    assert!(!one("مرحبا كيف حالك").answered);
    assert!(!one("@everyone @here <@123>").answered);
}

#[test]
fn autocomplete_offers_answerable_questions() {
    let got = mila_bot::engine::complete(kb(), "found", 25);
    assert!(!got.is_empty() && got.len() <= 25);
    assert!(
        got.iter().all(|q| q.to_lowercase().contains("found")),
        "{got:?}"
    );
    assert!(got.iter().all(|q| one(q).answered));
    assert_eq!(
        mila_bot::engine::complete(kb(), "", 25).len().min(25),
        25.min(kb().example_questions().len())
    );
}

#[test]
fn json_contract_has_the_exact_fields() {
    let v = one("Who founded Mila?").to_json();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "question",
        "answered",
        "intent",
        "confidence",
        "lang",
        "text",
        "section",
        "citations",
        "suggestions",
    ] {
        assert!(keys.contains(&k), "missing {k}");
    }
    let c = &v["citations"][0];
    for k in ["n", "title", "url", "website", "date", "access_date"] {
        assert!(c.get(k).is_some(), "citation missing {k}");
    }
}

/// The chat's JSON writer gives the bytes `serde_json` gives for the contract, on real
/// answers of every kind: facts, refusals with the closest passage and suggestions, French,
/// small talk, follow-ups; citations written before are reused as they were.
#[test]
fn the_json_writer_matches_serde_json() {
    let mut conv = Conversation::default();
    let mut writer = mila_bot::answer::JsonWriter::default();
    let questions = ["blind1.jsonl", "smalltalk.jsonl"]
        .into_iter()
        .flat_map(|name| probe(name).lines().map(str::to_string).collect::<Vec<_>>())
        .map(|line| serde_json::from_str::<serde_json::Value>(&line).unwrap()["q"].clone());
    let mut n = 0;
    for q in questions.filter_map(|q| q.as_str().map(str::to_string)) {
        let a = ask(kb(), &q, &mut conv);
        for explain in [false, true] {
            let mut json = a.json();
            json.explain = explain.then_some(&a.explanation);
            let mut out = Vec::new();
            writer.write(&a, &mut out, explain);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&json).unwrap()
            );
        }
        n += 1;
    }
    assert!(n > 400, "{n} questions");
}

#[test]
fn the_project_question_table_scores_above_threshold() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/questions.jsonl"
    ))
    .unwrap();
    let report = mila_bot::eval::run(kb(), &text).unwrap();
    assert_eq!(report.unknown_answered, 0, "{}", report.render());
    assert!(report.percent() >= 95.0, "{}", report.render());
}

fn probe(name: &str) -> String {
    let path = format!("{}/tests/data/probes/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

/// Question sets written from the article alone by writers who never saw the code (see
/// tests/data/probes/README.md): no unanswerable question answered, and a floor on the score.
#[test]
fn blind_question_sets_answer_nothing_unanswerable() {
    for name in [
        "blind1.jsonl",
        "blind2.jsonl",
        "blind3.jsonl",
        "blind4.jsonl",
    ] {
        let report = mila_bot::eval::run(kb(), &probe(name)).unwrap();
        assert_eq!(report.unknown_answered, 0, "{name}: {}", report.render());
        assert!(report.percent() >= 90.0, "{name}: {}", report.render());
    }
}

/// The sets written from the third session on (tests/data/probes/README.md), harder by design
/// (long messages, choices, list positions, sources): a floor on the score, and no
/// unanswerable question answered beyond the cases the README lists as open.
#[test]
fn later_blind_question_sets_keep_their_scores() {
    for (name, floor, known_open) in [
        ("blind6.jsonl", 85.0, 3),
        ("blind7.jsonl", 80.0, 1),
        ("blind8.jsonl", 92.0, 0),
        ("blind9.jsonl", 90.0, 0),
        ("blind10.jsonl", 92.0, 0),
        ("blind12.jsonl", 92.0, 0),
        ("blind54.jsonl", 96.0, 1),
        ("blind55.jsonl", 96.0, 1),
        ("blind56.jsonl", 96.0, 0),
        ("blind57.jsonl", 95.0, 1),
        ("blind58.jsonl", 95.0, 0),
        ("blind59.jsonl", 96.0, 0),
        ("blind60.jsonl", 96.0, 0),
        ("blind61.jsonl", 95.0, 3),
        ("blind62.jsonl", 93.0, 2),
        ("blind63.jsonl", 90.0, 1),
        ("blind64.jsonl", 94.0, 2),
        ("blind65.jsonl", 95.0, 1),
        ("blind66.jsonl", 90.5, 0),
        ("blind67.jsonl", 90.0, 0),
        ("blind68.jsonl", 96.5, 0),
        ("blind69.jsonl", 97.0, 1),
    ] {
        let report = mila_bot::eval::run(kb(), &probe(name)).unwrap();
        assert!(
            report.unknown_answered <= known_open,
            "{name}: {}",
            report.render()
        );
        assert!(report.percent() >= floor, "{name}: {}", report.render());
    }
}

#[test]
fn requests_about_other_things_never_get_a_mila_fact() {
    for line in probe("offtopic.jsonl").lines() {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let q = case["q"].as_str().unwrap();
        let a = ask(kb(), q, &mut Conversation::default());
        assert!(
            !a.answered || a.is_small_talk(),
            "{q:?} got a Mila fact: {}",
            a.body
        );
    }
}

#[test]
fn small_talk_is_recognised() {
    let report = mila_bot::eval::run(kb(), &probe("smalltalk.jsonl")).unwrap();
    assert!(report.percent() >= 95.0, "{}", report.render());
}

#[test]
fn which_came_first_compares_the_dates_of_two_facts() {
    for (q, year, first) in [
        ("which came first, the IBM deal or LISA's founding?", "1993", "Mila was founded in 1993"),
        ("what happened first: McGill joining Mila or the IBM collab?", "2017", "The partnership"),
        ("qu'est-ce qui est arrivé en premier, le partenariat avec IBM ou la fondation de Mila ?", "1993", "Mila a été fondé"),
    ] {
        let a = one(q);
        assert!(a.answered, "{q}: {}", a.body);
        let (intro, rest) = a.body.split_once(':').unwrap();
        assert!(intro.trim_end().ends_with(year), "{q}: {}", a.body);
        assert!(rest.trim_start().starts_with(first), "{q}: {}", a.body);
    }
    // Options the article does not date are not compared.
    assert!(!one("which came first, the chicken or the egg?").answered);
}

#[test]
fn years_between_two_dated_facts_are_counted() {
    for q in [
        "how many years between mila's founding and the IBM deal?",
        "how long after its founding did mila team up with ibm?",
        "combien d'années entre la fondation de mila et le partenariat avec ibm ?",
    ] {
        let a = one(q);
        assert!(a.answered && a.body.starts_with("27 "), "{q}: {}", a.body);
        assert!(
            a.body.contains("1993") && a.body.contains("2020"),
            "{q}: {}",
            a.body
        );
    }
    assert!(!one("how many years between bengio's birth and his turing award?").answered);
}

#[test]
fn a_choice_of_kinds_is_answered_by_the_kind_the_article_states() {
    // The whole question shares "companies" with the partnerships fact; the option the
    // article confirms is what answers it.
    for q in [
        "Is Mila a company or a research institute?",
        "is mila a lab or a company",
    ] {
        let a = one(q);
        assert!(a.answered, "{q}: {}", a.body);
        assert!(a.body.contains("research institute"), "{q}: {}", a.body);
        assert!(!a.body.contains("partnership"), "{q}: {}", a.body);
    }
}

#[test]
fn a_yes_no_question_the_article_does_not_settle_gets_what_it_says_of_the_thing_named() {
    // The open-source list names baby-ai beside deep learning frameworks; the question is
    // about baby-ai, which the article calls a platform.
    let a = one("is baby-ai a deep learning framework?");
    assert!(a.answered, "{}", a.body);
    assert!(a.body.starts_with("baby-ai is a platform"), "{}", a.body);
}

#[test]
fn a_fact_refutes_only_the_kinds_of_values_it_lists_all_of() {
    // Theano's origin is one organisation; what it is used for, the article does not list.
    assert!(one("was theano made at google?").body.starts_with("No. "));
    for q in [
        "is theano used for reinforcement learning?",
        "is myia used for computer vision?",
        "did Hinton receive the Turing Award in 2018?",
    ] {
        let a = one(q);
        assert!(!a.body.starts_with("No. "), "{q}: {}", a.body);
    }
}

#[test]
fn a_check_of_the_relation_in_the_intents_own_words_is_confirmed() {
    // "work with" is the intent's; "companies" is what the fact claims.
    for q in [
        "Mila work with companies?",
        "does mila work with private companies?",
    ] {
        let a = one(q);
        assert!(a.body.starts_with("Yes. "), "{q}: {}", a.body);
    }
    // Nor does a partner the fact does not claim.
    assert!(!one("mila works with governments?")
        .body
        .starts_with("Yes. "));
}

#[test]
fn an_item_of_a_list_with_no_facts_of_its_own_stands_for_the_lists_subject() {
    let a = one("is computer vision one of the topics?");
    assert!(a.body.starts_with("Yes. "), "{}", a.body);
    // An item the article says more about is a subject of its own.
    assert!(!one("baby-ai is a framework for Python?")
        .body
        .starts_with("Yes. "));
}

#[test]
fn a_purpose_that_ends_the_question_on_the_askers_own_thing_is_no_part_of_it() {
    let a = one("when was Mila created, for the background part of our class handout?");
    assert!(a.answered && a.body.contains("1993"), "{}", a.body);
    // Not a purpose: nothing of the asker's after it.
    assert!(!one("what's the address for my bank?").answered);
}

#[test]
fn a_follow_up_with_no_word_of_either_language_keeps_the_conversations() {
    let mut conv = Conversation::default();
    let first = ask(kb(), "qui a fondé Mila ?", &mut conv);
    assert_eq!(first.lang, mila_bot::Lang::Fr);
    let a = ask(kb(), "1993?", &mut conv);
    assert_eq!(a.lang, mila_bot::Lang::Fr, "{}", a.body);
    let mut conv = Conversation::default();
    ask(kb(), "who founded Mila?", &mut conv);
    assert_eq!(ask(kb(), "1993?", &mut conv).lang, mila_bot::Lang::En);
}

#[test]
fn a_follow_up_about_another_time_than_a_dated_facts_is_not_settled_by_it() {
    for follow_up in [
        "and today, in 2024?",
        "et aujourd'hui, en 2024 ?",
        "and now?",
    ] {
        let mut conv = Conversation::default();
        let a = ask(
            kb(),
            "how many researchers worked there in 2020?",
            &mut conv,
        );
        assert!(a.answered && a.body.contains("500"), "{}", a.body);
        let b = ask(kb(), follow_up, &mut conv);
        assert!(!b.answered, "{follow_up}: {}", b.body);
    }
}

#[test]
fn a_kind_the_article_never_uses_of_a_thing_gets_what_it_says_the_thing_is() {
    for (q, what) in [
        ("baby-ai is a game engine, no?", "platform"),
        ("is theano a game?", "framework"),
    ] {
        let a = one(q);
        assert!(a.answered, "{q}: {}", a.body);
        assert!(a.body.contains(what), "{q}: {}", a.body);
        assert!(
            !a.body.starts_with("Yes") && !a.body.starts_with("No"),
            "{q}: {}",
            a.body
        );
    }
    // Not of Mila, which any question may be about.
    assert!(!one("is mila a hospital?").answered);
}

#[test]
fn a_judgement_asked_of_a_thing_is_an_opinion_the_article_does_not_give() {
    for q in [
        "is Bengio a good person?",
        "is mila good?",
        "is theano a good framework?",
    ] {
        let a = one(q);
        assert!(!a.answered, "{q}: {}", a.body);
        assert!(!a.body.starts_with("Yes"), "{q}: {}", a.body);
    }
    // A kind is no judgement; nor is a tag asking whether a claim is correct.
    assert!(one("is Mila a research institute?")
        .body
        .starts_with("Yes. "));
    assert!(one("MILA is in Little Italy, correct?").answered);
}

#[test]
fn discord_mention_markup_is_no_word_of_the_question() {
    // Other people, roles and channels addressed beside the question: their ids are no numbers.
    for q in [
        "<@123> <@!456> who founded mila?",
        "<@&12> <#99> who founded mila?",
    ] {
        let a = one(q);
        assert!(a.answered && a.body.contains("Bengio"), "{q}: {}", a.body);
    }
    // Markup alone is an empty question.
    assert!(!one("<@123>").answered);
}
