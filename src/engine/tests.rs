//! The engine on a tiny knowledge base built in memory: nothing here is about Mila, so
//! these tests show the logic works from the data alone.
use super::*;

pub(super) const ARTICLE: &str = "'''Acme Lab''' is a lab in [[Paris]].\n\
== History ==\n\
Acme Lab was founded in 1999 by Ada Smith.<ref>{{Cite web|url=https://a.example/|title=Acme {{!}} history|website=a.example|access-date=2020-01-02}}</ref>\n\
== People ==\n\
Its members include Ada Smith, Lea Roy and Max Durand.\n";
pub(super) const ENTITIES: &str = "[[entity]]\nid = \"acme\"\nkind = \"organization\"\nname = \"Acme Lab\"\naliases = [\"Acme\", \"the lab\"]\n\
[[entity]]\nid = \"ada\"\nkind = \"person\"\nname = \"Ada Smith\"\naliases = [\"Ada Smith\", \"Smith\"]\n\
[[entity]]\nid = \"paris\"\nkind = \"place\"\nname = \"Paris\"\naliases = [\"Paris\"]\n\
[[entity]]\nid = \"lea\"\nkind = \"person\"\nname = \"Lea Roy\"\naliases = [\"Lea Roy\"]\n\
[[entity]]\nid = \"max\"\nkind = \"person\"\nname = \"Max Durand\"\naliases = [\"Max Durand\"]\n";
pub(super) const INTENTS: &str = "[[intent]]\nid = \"founder\"\nall = [[\"who\", \"whom\", \"qui\"], [\"founded\", \"fonde\"]]\nvalue_kinds = [\"person\"]\npatterns = ['\\bby whom\\b']\nnot = [\"when\"]\nexamples_en = [\"Who founded Acme?\"]\nexamples_fr = [\"Qui a fondé Acme ?\"]\n\
[[intent]]\nid = \"founded_when\"\nall = [[\"when\", \"quand\", \"year\"], [\"founded\", \"fonde\"]]\nexamples_en = [\"When was Acme founded?\"]\n\
[[intent]]\nid = \"members\"\nall = [[\"members\", \"member\"]]\nexamples_en = [\"Who are the members of Acme?\"]\n\
[[intent]]\nid = \"greeting\"\nsmalltalk = true\nall = [[\"hi\", \"bonjour\"]]\nexamples_en = [\"Hi\"]\n\
[[intent]]\nid = \"description\"\nweight = 0.5\nstrict = true\ndescribes = true\nall = [[\"what is\", \"who is\"]]\nexamples_en = [\"What is Acme?\"]\n";
pub(super) const FACTS: &str = "[[fact]]\nid = \"founder\"\nclosed = true\nsubjects = [\"acme\"]\nmentions = [\"ada\"]\nrelation = \"founded_by\"\nvalue = \"Ada Smith\"\nintents = [\"founder\"]\ntopic = \"founding\"\nevidence = [\"Acme Lab was founded in 1999 by Ada Smith.\"]\nen = \"Acme was founded by Ada Smith.\"\nfr = \"Acme a été fondé par Ada Smith.\"\n\
[[fact]]\nid = \"year\"\nclosed = true\nsubjects = [\"acme\"]\nrelation = \"founded_in\"\nvalue = \"1999\"\nintents = [\"founded_when\"]\ntopic = \"founding\"\nevidence = [\"Acme Lab was founded in 1999\"]\nen = \"Acme was founded in 1999.\"\nfr = \"Acme a été fondé en 1999.\"\n\
[[fact]]\nid = \"what\"\ndated = true\nsubjects = [\"acme\"]\nmentions = [\"paris\"]\nrelation = \"is_a\"\nvalue = \"lab\"\nintents = [\"description\"]\ntopic = \"overview\"\nevidence = [\"Acme Lab is a lab in Paris.\"]\nen = \"Acme Lab is a lab in Paris.\"\nfr = \"Acme Lab est un laboratoire à Paris.\"\n\
[[fact]]\nid = \"members\"\nsubjects = [\"acme\"]\nmentions = [\"ada\", \"lea\", \"max\"]\nitems = [\"ada\", \"lea\", \"max\"]\nrelation = \"members\"\nvalue = \"Ada Smith, Lea Roy, Max Durand\"\nintents = [\"members\"]\ntopic = \"people\"\nevidence = [\"Its members include Ada Smith, Lea Roy and Max Durand.\"]\nen = \"Acme's members include Ada Smith, Lea Roy and Max Durand.\"\nfr = \"Les membres d'Acme sont Ada Smith, Lea Roy et Max Durand.\"\n";
pub(super) const LEXICON: &str = r#"pronouns = ["it"]
person_pronouns = ["she"]
self_words = ["my", "i", "you"]
question_words = ["who", "whom", "when", "what", "which", "qui", "quand"]
yes_no_starts = ["is", "was"]
yes_no_marks = ["right"]
alternatives = ["or"]
conjunctions = ["and"]
sources = ["source", "supports"]
sources_not_after = ["open"]
sections = ["section"]
list_words = ["one"]
more_than = ["more than"]
less_than = ["less than"]
verbs = ["is", "was", "a"]
french = ["qui", "a", "quand", "bonjour"]
english = ["who", "was", "when", "what", "is"]
filler = ["was", "is", "the", "a", "it", "by", "in", "or", "of", "which", "says", "are", "and"]
context_kinds = ["place"]
person_kinds = ["person"]
described_by_mention = ["organization", "person"]
present = ["now", "today"]
excluding = ["besides"]
[kind_words]
person = ["person"]
organization = ["company"]
[external]
person = ["Bob Jones"]
organization = ["Globex"]
[synonyms]
started = ["founded"]
[ordinals]
second = 2
third = 3
last = 0
"#;
pub(super) const MESSAGES: &str = r#"[en]
not_in_article = "Not said."
part_not_in_article = "Not said: {question}"
not_in_article_about = "Not said about {entity}."
off_topic = "Off topic."
not_about_you = "Not about you."
opinion = "No opinion."
ambiguous = "Ambiguous."
empty = "Ask me."
too_long = "Too long ({n}/{max})."
no_reference = "(section {section})"
in_section = "In {section}:"
cited_for = "Cited {refs}:"
list_item = "{n}/{count}: {item} ({list})"
yes = "Yes."
no = "No."
closest = "Closest"
you_could_ask = "Ask:"
accessed = "Accessed"
article_says = "It says: {sentence}"
sources = "Sources"
why = "Why?"
section = "section"
help_title = "Help"
help_intro = "Ask about {title}."
for_example = "For example:"
commands_line = "Commands: {commands}."
sources_title = "References of {title}:"
about_title = "About"
about = "bot {version}"
knowledge_label = "Knowledge"
hash_label = "Hash"
loaded_label = "Loaded"
knowledge_embedded = "embedded"
knowledge_directory = "directory"
[en.smalltalk]
greeting = "Hello there."
[fr]
not_in_article = "Pas dit."
not_in_article_about = "Pas dit de {entity}."
off_topic = "Hors sujet."
not_about_you = "Pas sur vous."
opinion = "Pas d'opinion."
ambiguous = "Ambigu."
empty = "Demandez."
too_long = "Trop long."
no_reference = "(section {section})"
in_section = "In {section}:"
cited_for = "Cited {refs}:"
list_item = "{n}/{count}: {item} ({list})"
yes = "Oui."
no = "Non."
closest = "Proche"
you_could_ask = "Demandez :"
accessed = "Consulté le"
article_says = "Il dit : {sentence}"
sources = "Sources"
why = "Why?"
section = "section"
help_title = "Help"
help_intro = "Ask about {title}."
for_example = "For example:"
commands_line = "Commands: {commands}."
sources_title = "References of {title}:"
about_title = "About"
about = "bot {version}"
knowledge_label = "Knowledge"
hash_label = "Hash"
loaded_label = "Loaded"
knowledge_embedded = "embedded"
knowledge_directory = "directory"
[fr.smalltalk]
greeting = "Bonjour à vous."
"#;

pub(super) fn kb() -> KnowledgeBase {
    let files = [
        ("article.wikitext", ARTICLE),
        ("entities.toml", ENTITIES),
        ("intents.toml", INTENTS),
        ("facts.toml", FACTS),
        ("lexicon.toml", LEXICON),
        ("messages.toml", MESSAGES),
    ];
    from_files(&files)
}

/// The fixture with other intents and lexicon files.
pub(super) fn kb_with(intents: &str, lexicon: &str) -> KnowledgeBase {
    kb_of(intents, FACTS, lexicon)
}

/// A fact describing Ada Smith herself, for fixtures that add it to `FACTS`.
pub(super) const ADA_DESCRIBED: &str = "[[fact]]\nid = \"ada\"\nsubjects = [\"ada\"]\nrelation = \"is_a\"\nvalue = \"founder\"\nintents = [\"description\"]\ntopic = \"founding\"\nevidence = [\"Acme Lab was founded in 1999 by Ada Smith.\"]\nen = \"Ada Smith founded Acme.\"\nfr = \"Ada Smith a fondé Acme.\"\n";

/// The fixture with other intents, facts and lexicon files.
pub(super) fn kb_of(intents: &str, facts: &str, lexicon: &str) -> KnowledgeBase {
    kb_from(ARTICLE, ENTITIES, intents, facts, lexicon)
}

/// A knowledge base of these files, with the fixture's messages.
pub(super) fn kb_from(
    article: &str,
    entities: &str,
    intents: &str,
    facts: &str,
    lexicon: &str,
) -> KnowledgeBase {
    from_files(&[
        ("article.wikitext", article),
        ("entities.toml", entities),
        ("intents.toml", intents),
        ("facts.toml", facts),
        ("lexicon.toml", lexicon),
        ("messages.toml", MESSAGES),
    ])
}

/// A knowledge base from (file name, text) pairs.
pub(super) fn from_files(files: &[(&str, &str)]) -> KnowledgeBase {
    KnowledgeBase::from_sources(
        files
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect(),
    )
    .expect("the fixture loads")
}

/// Asserts the text of the answer to `q`, showing how it was read when it differs.
pub(super) fn says(kb: &KnowledgeBase, q: &str, body: &str) {
    let a = one(kb, q);
    assert_eq!(a.body, body, "{q}\n{}", a.explain());
}

pub(super) fn one(kb: &KnowledgeBase, q: &str) -> Answer {
    ask(kb, q, &mut Conversation::default())
}

#[test]
fn answers_with_derived_citation_markers() {
    let kb = kb();
    let a = one(&kb, "who founded acme?");
    assert!(a.answered);
    assert_eq!(a.body, "Acme was founded by Ada Smith.[1]");
    assert_eq!(a.citations[0].title, "Acme | history");
    assert_eq!(a.section.as_deref(), Some("History"));
}

#[test]
fn a_sentence_without_reference_names_its_section() {
    let a = one(&kb(), "what is acme");
    assert!(a.answered);
    assert!(a.citations.is_empty());
    assert!(a.body.ends_with("(section Introduction)"), "{}", a.body);
}

#[test]
fn typos_are_corrected_and_shown() {
    let a = one(&kb(), "who foundd acme");
    assert!(a.answered);
    assert_eq!(a.explanation.corrections[0].1, "founded");
    assert!(a.confidence < one(&kb(), "who founded acme").confidence);
}

#[test]
fn another_entity_or_an_unknown_subject_is_refused() {
    let kb = kb();
    for q in [
        "who founded Paris?",
        "who founded Globex?",
        "who founded Ada Smith?",
    ] {
        let a = one(&kb, q);
        assert!(!a.answered, "{q}: {}\n{}", a.body, a.explain());
        assert!(!a.body.contains("founded by"), "{q}");
    }
    assert_eq!(
        one(&kb, "who founded Ada Smith?").body,
        "Not said about Ada Smith."
    );
}

#[test]
fn generic_shapes_refuse_unknown_words() {
    assert!(!one(&kb(), "what is acme's budget").answered);
}

#[test]
fn follow_ups_stay_on_the_topic() {
    let kb = kb();
    let mut c = Conversation::default();
    assert!(ask(&kb, "when was acme founded", &mut c).answered);
    let a = ask(&kb, "by whom?", &mut c);
    assert!(a.answered && a.body.contains("Ada Smith"), "{}", a.body);
    assert_eq!(c.topic.as_deref(), Some("founding"));
}

#[test]
fn french_is_detected_and_answered_in_french() {
    let a = one(&kb(), "Qui a fondé Acme ?");
    assert_eq!(a.lang, Lang::Fr);
    assert_eq!(a.body, "Acme a été fondé par Ada Smith.[1]");
}

#[test]
fn empty_and_overlong_input_get_messages() {
    let kb = kb();
    assert_eq!(one(&kb, " \t ").body, "Ask me.");
    let long = "a".repeat(MAX_QUESTION_CHARS + 1);
    assert_eq!(
        one(&kb, &long).body,
        format!(
            "Too long ({}/{MAX_QUESTION_CHARS}).",
            MAX_QUESTION_CHARS + 1
        )
    );
}

#[test]
fn suggestions_are_example_questions_in_the_question_language() {
    let kb = kb();
    let a = one(&kb, "qui a fondé Paris ?");
    assert!(!a.answered);
    assert!(
        a.suggestions.contains(&"Qui a fondé Acme ?".to_string()),
        "{:?}",
        a.suggestions
    );
}

#[test]
fn yes_no_questions_get_a_verdict_from_a_closed_fact() {
    let kb = kb();
    let yes = one(&kb, "was acme founded in the year 1999?");
    assert!(
        yes.answered && yes.body.starts_with("Yes. "),
        "{}\n{}",
        yes.body,
        yes.explain()
    );
    let no = one(&kb, "was acme founded in the year 2005?");
    assert!(no.answered && no.body.starts_with("No. "), "{}", no.body);
    assert!(no.body.contains("1999"), "{}", no.body);
    let other = one(&kb, "was acme founded by Bob Jones?");
    assert!(
        other.answered && other.body.starts_with("No. "),
        "{}",
        other.body
    );
}

#[test]
fn a_fact_closed_for_some_kinds_refutes_only_those() {
    // The founding fact settles the year but, say, not every founder.
    let facts = FACTS.replacen("closed = true", "closed = [\"year\"]", 1);
    let kb = kb_of(INTENTS, &facts, LEXICON);
    let other = one(&kb, "was acme founded by Bob Jones?");
    assert!(!other.answered, "{}", other.body);
    let no = one(&kb, "was acme founded in the year 2005?");
    assert!(no.answered && no.body.starts_with("No. "), "{}", no.body);
    let yes = one(&kb, "was acme founded by Ada Smith?");
    assert!(
        yes.answered && yes.body.starts_with("Yes. "),
        "{}",
        yes.body
    );
}

#[test]
fn a_person_named_as_a_companion_is_not_the_answer() {
    let lexicon = format!(
        "companions = [\"with\"]\n{}",
        LEXICON.replace("filler = [", "filler = [\"with\", ")
    );
    let kb = kb_with(INTENTS, &lexicon);
    for q in [
        "who founded acme with Ada Smith?",
        "who did Ada Smith found acme with?",
    ] {
        let a = one(&kb, q);
        assert!(!a.answered, "{q}: {}", a.body);
    }
    let a = one(&kb, "who founded acme?");
    assert!(a.answered, "{}", a.body);
}

#[test]
fn a_pronoun_names_the_subject_of_a_yes_no_question() {
    let kb = kb();
    for q in ["is Lea Roy a member of it?", "was it founded by Ada Smith?"] {
        let a = one(&kb, q);
        assert!(
            a.body.starts_with("Yes. "),
            "{q}: {}\n{}",
            a.body,
            a.explain()
        );
    }
}

#[test]
fn a_word_written_with_its_accent_is_not_the_verb_it_would_be_without() {
    let kb = kb();
    // "à quand ?" is an ellipsis continuing the last question; "a quand" has a verb.
    let marked = normalize::french_marked("à quand ?");
    assert!(parse::parse(&kb, "a quand", &marked).elliptic);
    assert!(!parse::parse(&kb, "a quand", &[]).elliptic);
}

#[test]
fn a_short_question_naming_the_asker_or_the_bot_continues_nothing() {
    let kb = kb();
    let mut conv = Conversation::default();
    ask(&kb, "who founded acme?", &mut conv);
    let a = ask(&kb, "you when?", &mut conv);
    assert!(!a.answered, "{}", a.body);
    // Without the self word, the same ellipsis continues the question.
    let mut conv = Conversation::default();
    ask(&kb, "who founded acme?", &mut conv);
    let a = ask(&kb, "when?", &mut conv);
    assert!(a.answered && a.body.contains("1999"), "{}", a.body);
}

#[test]
fn first_person_and_outside_names_claim_the_subject() {
    let kb = kb();
    for q in [
        "what is my name",
        "who founded Globex",
        "when was it founded by you",
    ] {
        let a = one(&kb, q);
        assert!(
            !a.answered || a.intent.as_deref() == Some("greeting"),
            "{q}: {}",
            a.body
        );
    }
    assert_eq!(one(&kb, "what is my name").body, "Not about you.");
}

#[test]
fn small_talk_is_answered_from_messages() {
    let kb = kb();
    let a = one(&kb, "hi");
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert_eq!(a.intent.as_deref(), Some("greeting"));
    assert_eq!(a.body, "Hello there.");
    assert!(a.citations.is_empty() && a.section.is_none());
    assert_eq!(one(&kb, "bonjour").body, "Bonjour à vous.");
}

#[test]
fn every_word_must_be_explained() {
    let kb = kb();
    assert!(one(&kb, "who founded acme").answered);
    let a = one(&kb, "who founded acme pizza");
    assert!(!a.answered, "{}", a.body);
    // A synonym of a word in the evidence explains it.
    assert!(one(&kb, "when was acme started").answered);
}

#[test]
fn a_long_conversation_keeps_a_bounded_context() {
    let kb = kb();
    let mut c = Conversation::default();
    for _ in 0..200 {
        assert!(ask(&kb, "who founded acme", &mut c).answered);
    }
    assert!(c.words.len() <= CONTEXT_WORDS, "{:?}", c.words.len());
}

/// The fixture with a second reference, by a named publisher with an author and a date.
fn kb_with_press() -> KnowledgeBase {
    let article = ARTICLE.replace(
        "Max Durand.\n",
        "Max Durand.<ref>{{Cite web|url=https://news.example/acme|title=Inside the quiet lab|last=Doe|first=Jane|date=2021-03-04|website=Daily Planet|access-date=2022-01-02}}</ref>\n",
    );
    let entities = format!(
        "{ENTITIES}[[entity]]\nid = \"planet\"\nkind = \"publication\"\nname = \"Daily Planet\"\naliases = [\"Daily Planet\"]\n"
    );
    let lexicon = format!(
        "reference_kinds = [\"publication\"]\n{LEXICON}\n[reference_details]\nauthor = [\"wrote\"]\npublished = [\"published\", \"when\"]\nwebsite = [\"site\"]\n"
    );
    let reference = "[en.reference]\nintro = \"Ref [{n}] is {title} ({website}).\"\nlist = \"{count} refs:\"\nwebsite = \"By {website}.\"\nauthor = \"Author: {author}.\"\nno_author = \"No author.\"\npublished = \"Date: {date}.\"\nno_date = \"No date.\"\naccessed = \"Accessed {access_date}.\"\nurl = \"At {url}\"\n";
    let messages = MESSAGES.replace("[fr]", &format!("{reference}[fr]"));
    let files = [
        ("article.wikitext", article.as_str()),
        ("entities.toml", entities.as_str()),
        ("intents.toml", INTENTS),
        ("facts.toml", FACTS),
        ("lexicon.toml", lexicon.as_str()),
        ("messages.toml", messages.as_str()),
    ];
    from_files(&files)
}

#[test]
fn questions_about_a_reference_give_its_details() {
    let kb = kb_with_press();
    // Named by its publisher: each detail asked, in one answer.
    let a = one(
        &kb,
        "who wrote the Daily Planet piece, and when was it published?",
    );
    assert!(a.answered, "{}", a.explain());
    assert_eq!(
        a.body,
        "Ref [2] is Inside the quiet lab (Daily Planet). Author: Jane Doe. Date: 2021-03-04."
    );
    assert_eq!(a.citations.len(), 1);
    assert_eq!(a.citations[0].n, 2);
    // Named by words of its title the article does not use, where something is asked.
    let a = one(&kb, "when was the inside quiet piece published?");
    assert!(a.body.starts_with("Ref [2]"), "{}", a.body);
    // A detail's word beside a source word asks it of the fact's references.
    let a = one(&kb, "which site is the source of the members of acme?");
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert_eq!(a.citations.first().map(|c| c.n), Some(2), "{}", a.body);
    // Asking for the sources and nothing else lists them all.
    let a = one(&kb, "source?");
    assert_eq!(a.body, "2 refs:");
    assert_eq!(a.citations.len(), 2);
    // A title word with nothing asked of the reference names nothing.
    assert!(!one(&kb, "what is quiet?").body.starts_with("Ref"));
}

#[test]
fn only_and_mainly_are_checked_against_what_the_fact_says() {
    let facts = FACTS.replace(
        "id = \"members\"\n",
        "id = \"members\"\npartial = true\nmain = [\"ada\"]\n",
    );
    // Like "main" in the bundled lexicon, "mainly" means nothing of its own.
    let lexicon = format!("mainly = [\"mainly\"]\nonly = [\"only\"]\n{LEXICON}")
        .replace("filler = [", "filler = [\"mainly\", ");
    let files = [
        ("article.wikitext", ARTICLE),
        ("entities.toml", ENTITIES),
        ("intents.toml", INTENTS),
        ("facts.toml", facts.as_str()),
        ("lexicon.toml", lexicon.as_str()),
        ("messages.toml", MESSAGES),
    ];
    let kb = from_files(&files);
    // Not all there is: "only" gets No, even for a value it names.
    let a = one(&kb, "are the members of acme only Ada Smith?");
    assert!(a.body.starts_with("No"), "{}\n{}", a.body, a.explain());
    // "Mainly": Yes for a main value, No for another of the same kind.
    let a = one(&kb, "are the members of acme mainly Ada Smith?");
    assert!(a.body.starts_with("Yes"), "{}\n{}", a.body, a.explain());
    let a = one(&kb, "are the members of acme mainly Lea Roy?");
    assert!(a.body.starts_with("No"), "{}\n{}", a.body, a.explain());
    // Without either word, a listed value is confirmed.
    let a = one(&kb, "is Lea Roy a member of acme?");
    assert!(a.body.starts_with("Yes"), "{}\n{}", a.body, a.explain());
}

#[test]
fn only_one_of_a_list_is_no_and_the_list_settles_it() {
    // Members not marked partial: "only" is still No when the list has others.
    let lexicon = format!("only = [\"only\"]\n{LEXICON}");
    let kb = kb_with(INTENTS, &lexicon);
    for q in [
        "are the members of acme only Ada Smith?",
        // No intent: of the facts naming Ada Smith, the list settles "only".
        "is acme only Ada Smith?",
    ] {
        let a = one(&kb, q);
        assert!(
            a.body.starts_with("No. Acme's members"),
            "{q}: {}\n{}",
            a.body,
            a.explain()
        );
    }
    let a = one(
        &kb,
        "are the members of acme only Ada Smith, Lea Roy and Max Durand?",
    );
    assert!(!a.body.starts_with("No"), "{}\n{}", a.body, a.explain());
}

#[test]
fn a_thing_a_name_possesses_must_be_explained_unless_it_is_vague() {
    let facts = format!("{FACTS}{ADA_DESCRIBED}");
    let lexicon = format!("vague_nouns = [\"stuff\"]\n{LEXICON}")
        .replace("filler = [", "filler = [\"s\", \"thesis\", \"stuff\", ");
    let kb = kb_of(INTENTS, &facts, &lexicon);
    assert!(one(&kb, "who is Ada Smith?").answered);
    // Her thesis is a thing of hers the article says nothing of.
    let a = one(&kb, "what is Ada Smith's thesis?");
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
    // "Stuff" names nothing in particular.
    let a = one(&kb, "what is Ada Smith's stuff?");
    assert!(a.answered, "{}\n{}", a.body, a.explain());
}

#[test]
fn asking_for_the_source_after_an_answer_gives_that_answers_sources() {
    let kb = kb();
    let mut conv = Conversation::default();
    assert!(ask(&kb, "what is acme?", &mut conv).answered);
    // The description has no inline reference: its section, not the article's references.
    let a = ask(&kb, "source?", &mut conv);
    assert!(a.citations.is_empty(), "{}\n{}", a.body, a.explain());
    assert!(a.body.contains("(section Introduction)"), "{}", a.body);
    // With no answer before, the article's references.
    let a = one(&kb, "source?");
    assert_eq!(a.citations.len(), 1, "{}", a.body);
}

#[test]
fn that_in_a_yes_no_follow_up_is_checked_against_the_last_fact() {
    let lexicon = format!("fact_pronouns = [\"that\"]\n{LEXICON}")
        .replace("filler = [", "filler = [\"that\", ");
    let kb = kb_with(INTENTS, &lexicon);
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who founded acme?", &mut conv).answered);
    for (q, verdict) in [
        ("was that by Lea Roy?", "No. Acme was founded by Ada Smith."),
        ("was that in 1999?", "Yes. Acme was founded by Ada Smith."),
    ] {
        let a = ask(&kb, q, &mut conv);
        assert!(
            a.body.starts_with(verdict),
            "{q}: {}\n{}",
            a.body,
            a.explain()
        );
    }
}

#[test]
fn others_than_a_name_may_be_a_group_the_fact_leaves_unnamed() {
    let article = format!(
        "{ARTICLE}== Partners ==\nAcme Lab works with private companies, among them Initech.\n"
    );
    let entities = format!("{ENTITIES}[[entity]]\nid = \"initech\"\nkind = \"organization\"\nname = \"Initech\"\naliases = [\"Initech\"]\n");
    let intents = format!("{INTENTS}[[intent]]\nid = \"partners\"\nall = [[\"partners\"]]\nexamples_en = [\"Who are Acme's partners?\"]\n");
    let facts = format!("{FACTS}[[fact]]\nid = \"partners\"\nsubjects = [\"acme\"]\nmentions = [\"initech\"]\nrelation = \"partners\"\nvalue = \"private companies; Initech\"\nintents = [\"partners\"]\ntopic = \"partners\"\nevidence = [\"Acme Lab works with private companies, among them Initech.\"]\nen = \"Acme works with private companies, Initech among them.\"\nfr = \"Acme travaille avec des entreprises privées, dont Initech.\"\n");
    let lexicon = format!("others = [\"besides\"]\n{LEXICON}")
        .replace(
            "organization = [\"company\"]",
            "organization = [\"company\", \"companies\"]",
        )
        .replace("filler = [", "filler = [\"does\", \"have\", ");
    let kb = kb_from(&article, &entities, &intents, &facts, &lexicon);
    let a = one(&kb, "does acme have partners besides Initech?");
    assert!(
        a.body.contains("private companies"),
        "{}\n{}",
        a.body,
        a.explain()
    );
}

#[test]
fn a_fact_giving_all_the_names_refutes_another_name_of_the_subject() {
    let entities = ENTITIES.replace(
        "aliases = [\"Acme\", \"the lab\"]",
        "aliases = [\"Acme\", \"the lab\", \"Acme Lab\", \"Paris lab\"]",
    );
    let intents = format!("{INTENTS}[[intent]]\nid = \"names\"\nall = [[\"called\"]]\nexamples_en = [\"What is Acme called?\"]\n");
    let facts = format!("{FACTS}[[fact]]\nid = \"names\"\nclosed = true\nsubjects = [\"acme\"]\nrelation = \"named\"\nvalue = \"Acme Lab\"\nintents = [\"names\"]\ntopic = \"overview\"\nevidence = [\"Acme Lab is a lab in Paris.\"]\nen = \"Acme's name is Acme Lab.\"\nfr = \"Acme s'appelle Acme Lab.\"\n");
    let lexicon = LEXICON.replace("verbs = [\"is\",", "verbs = [\"called\", \"is\",");
    let kb = kb_from(ARTICLE, &entities, &intents, &facts, &lexicon);
    let a = one(&kb, "was acme called the Paris lab?");
    assert!(a.body.starts_with("No. "), "{}\n{}", a.body, a.explain());
    let a = one(&kb, "was acme called Acme Lab?");
    assert!(a.body.starts_with("Yes. "), "{}\n{}", a.body, a.explain());
}

#[test]
fn a_run_of_refusals_forgets_the_context() {
    let kb = kb();
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who founded acme?", &mut conv).answered);
    for _ in 0..CONTEXT_REFUSALS - 1 {
        assert!(!ask(&kb, "what is the weather?", &mut conv).answered);
    }
    assert!(conv.subject.is_some(), "kept through fewer refusals");
    assert!(!ask(&kb, "what is the weather?", &mut conv).answered);
    // All but the language it is held in.
    let lang = conv.lang;
    assert_eq!(
        conv,
        Conversation {
            lang,
            ..Conversation::default()
        }
    );
    // An answer starts the count again.
    assert!(ask(&kb, "who founded acme?", &mut conv).answered);
    assert_eq!(conv.refused, 0);
}

#[test]
fn a_question_word_owned_by_an_exclusive_intent_is_not_answered_by_another() {
    // "when" asks a time; the members' fact gives none. Unless the time intent says its
    // question words are its own, the members answer (that is what the flag changes).
    let time = "[[intent]]\nid = \"time\"\nall = [[\"when\"]]\nwh = [\"when\"]\nexamples_en = [\"When?\"]\n";
    let q = "when members of acme?";
    let open = kb_with(&format!("{INTENTS}{time}"), LEXICON);
    assert!(one(&open, q).answered, "{}", one(&open, q).explain());
    let exclusive = time.replace("wh = ", "wh_exclusive = true\nwh = ");
    let kb = kb_with(&format!("{INTENTS}{exclusive}"), LEXICON);
    let a = one(&kb, q);
    assert!(!a.answered, "{}", a.explain());
    assert!(one(&kb, "who are the members of acme?").answered);
    // Asking another slot too, the question word is not the whole question.
    let q = "when and which members of acme?";
    assert!(one(&kb, q).answered, "{}", one(&kb, q).explain());
}

#[test]
fn an_ordinal_inside_a_phrase_of_no_meaning_picks_nothing() {
    let ordinals = LEXICON.replace("[ordinals]\n", "[ordinals]\nfirst = 1\n");
    let q = "who founded acme in the first place?";
    let bare = kb_with(
        INTENTS,
        &ordinals.replace("filler = [", "filler = [\"place\", "),
    );
    assert!(!one(&bare, q).answered, "{}", one(&bare, q).explain());
    let idiom = ordinals.replace("filler = [", "filler = [\"in the first place\", ");
    says(
        &kb_with(INTENTS, &idiom),
        q,
        "Acme was founded by Ada Smith.[1]",
    );
}

#[test]
fn only_a_name_the_fact_does_not_give_is_no_and_without_only_unsettled() {
    // The members fact is not closed: it refutes another person only when "only" is asked.
    let lexicon = format!("only = [\"only\"]\n{LEXICON}");
    let kb = kb_with(INTENTS, &lexicon);
    let a = one(&kb, "are the members of acme only Bob Jones?");
    assert!(a.body.starts_with("No"), "{}\n{}", a.body, a.explain());
    let a = one(&kb, "is Bob Jones a member of acme?");
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
}
