//! The engine on a tiny knowledge base built in memory: nothing here is about Mila, so
//! these tests show the logic works from the data alone.
use super::*;

const ARTICLE: &str = "'''Acme Lab''' is a lab in [[Paris]].\n\
== History ==\n\
Acme Lab was founded in 1999 by Ada Smith.<ref>{{Cite web|url=https://a.example/|title=Acme {{!}} history|website=a.example|access-date=2020-01-02}}</ref>\n";
const ENTITIES: &str = "[[entity]]\nid = \"acme\"\nkind = \"organization\"\nname = \"Acme Lab\"\naliases = [\"Acme\", \"the lab\"]\n\
[[entity]]\nid = \"ada\"\nkind = \"person\"\nname = \"Ada Smith\"\naliases = [\"Ada Smith\", \"Smith\"]\n\
[[entity]]\nid = \"paris\"\nkind = \"place\"\nname = \"Paris\"\naliases = [\"Paris\"]\n";
const INTENTS: &str = "[[intent]]\nid = \"founder\"\nall = [[\"who\", \"whom\", \"qui\"], [\"founded\", \"fonde\"]]\npatterns = ['\\bby whom\\b']\nnot = [\"when\"]\nexamples_en = [\"Who founded Acme?\"]\nexamples_fr = [\"Qui a fondé Acme ?\"]\n\
[[intent]]\nid = \"founded_when\"\nall = [[\"when\", \"quand\"], [\"founded\", \"fonde\"]]\nexamples_en = [\"When was Acme founded?\"]\n\
[[intent]]\nid = \"description\"\nweight = 0.5\nstrict = true\ndescribes = true\nall = [[\"what is\", \"who is\"]]\nexamples_en = [\"What is Acme?\"]\n";
const FACTS: &str = "[[fact]]\nid = \"founder\"\nsubjects = [\"acme\"]\nmentions = [\"ada\"]\nrelation = \"founded_by\"\nvalue = \"Ada Smith\"\nintents = [\"founder\"]\ntopic = \"founding\"\nevidence = [\"Acme Lab was founded in 1999 by Ada Smith.\"]\nen = \"Acme was founded by Ada Smith.\"\nfr = \"Acme a été fondé par Ada Smith.\"\n\
[[fact]]\nid = \"year\"\nsubjects = [\"acme\"]\nrelation = \"founded_in\"\nvalue = \"1999\"\nintents = [\"founded_when\"]\ntopic = \"founding\"\nevidence = [\"Acme Lab was founded in 1999\"]\nen = \"Acme was founded in 1999.\"\nfr = \"Acme a été fondé en 1999.\"\n\
[[fact]]\nid = \"what\"\nsubjects = [\"acme\"]\nmentions = [\"paris\"]\nrelation = \"is_a\"\nvalue = \"lab\"\nintents = [\"description\"]\ntopic = \"overview\"\nevidence = [\"Acme Lab is a lab in Paris.\"]\nen = \"Acme Lab is a lab in Paris.\"\nfr = \"Acme Lab est un laboratoire à Paris.\"\n";
const LEXICON: &str = "pronouns = [\"it\"]\nperson_pronouns = [\"she\"]\nquestion_words = [\"who\", \"when\", \"what\", \"qui\", \"quand\"]\nfrench = [\"qui\", \"a\", \"quand\"]\nenglish = [\"who\", \"was\", \"when\", \"what\", \"is\"]\nfiller = [\"was\", \"is\", \"the\", \"a\", \"it\", \"by\"]\ncontext_kinds = [\"place\"]\nperson_kinds = [\"person\"]\n";
const MESSAGES: &str = "[en]\nnot_in_article = \"Not said.\"\nnot_in_article_about = \"Not said about {entity}.\"\noff_topic = \"Off topic.\"\nambiguous = \"Ambiguous.\"\nempty = \"Ask me.\"\ntoo_long = \"Too long ({n}/{max}).\"\nno_reference = \"(section {section})\"\n\
[fr]\nnot_in_article = \"Pas dit.\"\nnot_in_article_about = \"Pas dit de {entity}.\"\noff_topic = \"Hors sujet.\"\nambiguous = \"Ambigu.\"\nempty = \"Demandez.\"\ntoo_long = \"Trop long.\"\nno_reference = \"(section {section})\"\n";

fn kb() -> KnowledgeBase {
    let files = [
        ("article.wikitext", ARTICLE),
        ("entities.toml", ENTITIES),
        ("intents.toml", INTENTS),
        ("facts.toml", FACTS),
        ("lexicon.toml", LEXICON),
        ("messages.toml", MESSAGES),
    ];
    KnowledgeBase::from_sources(
        files
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect(),
    )
    .expect("the fixture loads")
}

fn one(kb: &KnowledgeBase, q: &str) -> Answer {
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

