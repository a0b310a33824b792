//! The engine's handling of questions in parts (choices, clauses, lists) and of questions
//! about sources, on the same made-up knowledge base as `tests.rs`.
use super::tests::{kb, kb_from, kb_with, one, says, ARTICLE, ENTITIES, FACTS, INTENTS, LEXICON};
use super::*;

#[test]
fn a_choice_is_answered_with_the_option_the_fact_confirms() {
    let kb = kb();
    let a = one(&kb, "was Acme founded in 2005 or 1999?");
    assert!(a.answered, "{}", a.body);
    assert!(
        a.body.starts_with("Acme was founded in 1999."),
        "{}",
        a.body
    );
    // Both options wrong: a plain "No".
    let a = one(&kb, "was Acme founded in 2005 or 2007?");
    assert!(a.body.starts_with("No."), "{}", a.body);
}

#[test]
fn a_message_of_several_clauses_answers_each_question() {
    let kb = kb();
    let a = one(
        &kb,
        "I am writing a report. When was Acme founded, and by whom?",
    );
    assert!(a.answered, "{}", a.body);
    assert!(
        a.body.contains("1999") && a.body.contains("Ada Smith"),
        "{}",
        a.body
    );
    assert_eq!(a.citations.len(), 1, "citations merged: {:?}", a.citations);
}

#[test]
fn a_request_after_context_is_a_question_of_the_message() {
    let lexicon = format!("requests = [\"tell me\"]\n{}", super::tests::LEXICON);
    let kb = super::tests::kb_with(super::tests::INTENTS, &lexicon);
    let a = one(&kb, "i was away all week, tell me the members of acme");
    assert!(a.body.starts_with("Acme's members include"), "{a:?}");
}

#[test]
fn a_clause_leaning_on_an_outside_name_is_refused() {
    let kb = kb();
    // "it" may be Globex: no answer about Acme.
    let a = one(&kb, "I like Globex. When was it founded?");
    assert!(!a.answered, "{}", a.body);
    // One question of two refused: the whole message is.
    let a = one(&kb, "When was Acme founded? And what is my name?");
    assert!(!a.answered, "{}", a.body);
}

#[test]
fn it_after_a_dash_is_the_thing_the_context_names_not_the_person() {
    let kb = kb();
    // The context's words need no explaining, and "it" is the lab, not Ada Smith.
    let a = one(&kb, "the lab Ada Smith runs — when was it founded?");
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert!(
        a.body.starts_with("Acme was founded in 1999."),
        "{}",
        a.body
    );
}

#[test]
fn names_in_the_askers_own_story_are_not_part_of_the_question() {
    use super::tests::{kb_from, ARTICLE, FACTS, INTENTS, LEXICON};
    let entities = format!(
        "{}[[entity]]\nid = \"phd\"\nkind = \"degree\"\nname = \"PhD\"\naliases = [\"PhD\"]\n",
        super::tests::ENTITIES
    );
    let kb = kb_from(ARTICLE, &entities, INTENTS, FACTS, LEXICON);
    // The PhD is the asker's; "it" is Acme, the story's last thing.
    let a = one(
        &kb,
        "I am doing a PhD and keep hearing about Acme, when was it founded?",
    );
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert!(
        a.body.starts_with("Acme was founded in 1999."),
        "{}",
        a.body
    );
    // Told as a fact, not as the asker's story, both names are what the question is about.
    let a = one(&kb, "the PhD and Acme, when was it founded?");
    assert!(!a.answered, "{}", a.body);
}

#[test]
fn a_section_question_naming_a_value_gets_the_section_of_its_sentence() {
    use super::tests::{kb_of, FACTS, INTENTS, LEXICON};
    // The members fact quotes the founding sentence (History) first.
    let facts = FACTS.replace(
        "evidence = [\"Its members include",
        "evidence = [\"Acme Lab was founded in 1999 by Ada Smith.\", \"Its members include",
    );
    let kb = kb_of(INTENTS, &facts, LEXICON);
    let a = one(
        &kb,
        "which section says Lea Roy is one of the members of Acme?",
    );
    assert!(a.body.starts_with("In People:"), "{}", a.body);
    assert_eq!(a.section.as_deref(), Some("People"));
    let a = one(&kb, "which section says who the members of Acme are?");
    assert!(a.body.starts_with("In History:"), "{}", a.body);
}

#[test]
fn a_yes_no_question_by_evidence_is_settled_by_the_fact_that_can_settle_it() {
    use super::tests::{kb_from, LEXICON};
    let article = "'''Acme Lab''' (originally Acme Research) is a lab in [[Paris]].\n";
    let entities = "[[entity]]\nid = \"acme\"\nkind = \"organization\"\nname = \"Acme Lab\"\naliases = [\"Acme Lab\", \"Acme Research\"]\n\
[[entity]]\nid = \"paris\"\nkind = \"place\"\nname = \"Paris\"\naliases = [\"Paris\"]\n";
    let intents = "[[intent]]\nid = \"description\"\nweight = 0.5\nstrict = true\ndescribes = true\nall = [[\"what is\"]]\nexamples_en = [\"What is Acme?\"]\n\
[[intent]]\nid = \"names\"\nall = [[\"called\"]]\nexamples_en = [\"What was Acme called?\"]\n";
    // The description comes first and quotes the same sentence, but says nothing of names.
    let facts = "[[fact]]\nid = \"what\"\nsubjects = [\"acme\"]\nmentions = [\"paris\"]\nrelation = \"is_a\"\nvalue = \"lab\"\nintents = [\"description\"]\ntopic = \"overview\"\nevidence = [\"Acme Lab (originally Acme Research) is a lab in Paris.\"]\nen = \"Acme Lab is a lab in Paris.\"\nfr = \"Acme Lab est un laboratoire à Paris.\"\n\
[[fact]]\nid = \"former\"\nsubjects = [\"acme\"]\nrelation = \"former_name\"\nvalue = \"Acme Research\"\nintents = [\"names\"]\ntopic = \"overview\"\nevidence = [\"Acme Lab (originally Acme Research)\"]\nen = \"Acme Lab was originally Acme Research.\"\nfr = \"Acme Lab s'appelait Acme Research.\"\n";
    let kb = kb_from(article, entities, intents, facts, LEXICON);
    let a = one(&kb, "was Acme Lab originally Acme Research?");
    assert!(
        a.body.starts_with("Yes. Acme Lab was originally"),
        "{}\n{}",
        a.body,
        a.explain()
    );
}

#[test]
fn a_thing_named_by_its_owner_is_asked_by_its_name() {
    use super::tests::{kb_of, FACTS, INTENTS, LEXICON};
    // Acme is the one organization the founding fact gives as Ada Smith's.
    let facts = FACTS.replacen(
        "id = \"founder\"\n",
        "id = \"founder\"\nvalue_entity = \"ada\"\n",
        1,
    );
    let lexicon = |owned: &str| format!("owned_by = [{owned}]\nof_words = [\"of\"]\n{LEXICON}");
    let kb = kb_of(INTENTS, &facts, &lexicon("\"founder\""));
    for q in [
        "what is Ada Smith's company?",
        "what is the company of Ada Smith?",
    ] {
        let a = one(&kb, q);
        assert!(
            a.body.starts_with("Acme Lab is a lab in Paris."),
            "{q}: {}\n{}",
            a.body,
            a.explain()
        );
    }
    // Without the owning intent, the phrase names no one thing.
    let kb = kb_of(INTENTS, &facts, &lexicon(""));
    let a = one(&kb, "what is Ada Smith's company?");
    assert!(!a.body.starts_with("Acme Lab is a lab"), "{}", a.body);
}

#[test]
fn one_item_of_the_last_list_is_picked_by_what_its_facts_name() {
    use super::tests::{kb_of, FACTS, INTENTS, LEXICON};
    let lea = "[[fact]]\nid = \"lea\"\nsubjects = [\"lea\"]\nmentions = [\"paris\"]\nrelation = \"is_a\"\nvalue = \"member in Paris\"\nintents = [\"description\"]\ntopic = \"people\"\nevidence = [\"Its members include Ada Smith, Lea Roy and Max Durand.\"]\nen = \"Lea Roy is a member in Paris.\"\nfr = \"Lea Roy est membre à Paris.\"\n";
    let kb = kb_of(INTENTS, &format!("{FACTS}{lea}"), LEXICON);
    let mut conv = Conversation::default();
    ask(&kb, "who are the members of Acme?", &mut conv);
    let a = ask(&kb, "what is the Paris one?", &mut conv);
    assert!(
        a.body.starts_with("Lea Roy is a member in Paris."),
        "{}\n{}",
        a.body,
        a.explain()
    );
    // Without a list before it, "one" picks nothing.
    let a = one(&kb, "what is the Paris one?");
    assert!(!a.body.starts_with("Lea Roy"), "{}", a.body);
}

#[test]
fn a_reference_is_named_by_its_number() {
    let kb = kb();
    let a = one(&kb, "what is source 1?");
    assert!(a.answered, "{}\n{}", a.body, a.explain());
    assert_eq!(a.citations.len(), 1, "{}", a.body);
    // No reference has that number; a number after another word names none.
    assert!(!one(&kb, "what is source 9?").answered);
    assert!(one(&kb, "what is 1?").citations.is_empty());
}

#[test]
fn questions_about_sources_and_sections_introduce_the_fact() {
    let kb = kb();
    let a = one(&kb, "which source supports when Acme was founded?");
    assert!(
        a.body.starts_with("Cited [1]: Acme was founded in 1999."),
        "{}",
        a.body
    );
    let a = one(&kb, "which section says who the members of Acme are?");
    assert!(a.body.starts_with("In People:"), "{}", a.body);
    // "open source" is not about references.
    let a = one(&kb, "is Acme open source?");
    assert!(!a.body.starts_with("Cited"), "{}", a.body);
}

#[test]
fn a_position_picks_an_item_of_a_list() {
    let kb = kb();
    let a = one(&kb, "who is the second member of Acme?");
    assert!(a.body.starts_with("2/3: Lea Roy"), "{}", a.body);
    let mut conv = Conversation::default();
    ask(&kb, "who are the members of Acme?", &mut conv);
    let a = ask(&kb, "and the last one?", &mut conv);
    assert!(a.body.starts_with("3/3: Max Durand"), "{}", a.body);
    // What is asked of the item: about that person, or refused.
    let a = ask(&kb, "when was the second one founded?", &mut conv);
    assert!(!a.answered, "{}", a.body);
    // Without a list, a position is a word to explain.
    let a = one(&kb, "who founded Acme in the third place?");
    assert!(!a.answered, "{}", a.body);
}

#[test]
fn yes_needs_the_value_stated_not_only_mentioned() {
    let kb = kb();
    let a = one(&kb, "was Acme founded by Ada Smith?");
    assert!(a.body.starts_with("Yes."), "{}", a.body);
    // The description mentions Paris; it does not say Ada Smith is there.
    let a = one(&kb, "is Ada Smith in Paris?");
    assert!(!a.body.starts_with("Yes."), "{}", a.body);
}

#[test]
fn a_number_followed_by_what_it_counts_is_a_quantity() {
    let kb = kb();
    let p = parse::parse(&kb, "more than 1000 members", &[]);
    assert!(!p.numbers[0].is_year());
    let p = parse::parse(&kb, "founded in 1999 by", &[]);
    assert!(p.numbers[0].is_year());
}

#[test]
fn a_name_without_a_description_is_described_by_the_narrowest_fact_naming_it() {
    let kb = kb();
    let a = one(&kb, "what is Lea Roy?");
    assert!(a.body.starts_with("Acme's members include"), "{}", a.body);
    // A place is a general notion: the article does not define it.
    let a = one(&kb, "what is Paris?");
    assert!(!a.answered, "{}", a.body);
}

#[test]
fn a_noun_asking_for_a_kind_is_explained_by_a_fact_naming_one() {
    let kb = kb();
    let a = one(&kb, "which person is a member of Acme?");
    assert!(a.body.starts_with("Acme's members include"), "{}", a.body);
    // The members fact names no company.
    let a = one(&kb, "which company is a member of Acme?");
    assert!(!a.answered, "{}", a.body);
}

#[test]
fn now_is_explained_of_a_named_organization_only() {
    let kb = kb();
    let a = one(&kb, "who are the members of Acme now?");
    assert!(a.answered, "{}", a.body);
    let a = one(&kb, "what is Ada Smith doing now?");
    assert!(!a.answered, "{}", a.body);
    let a = one(&kb, "what is it now?");
    assert!(!a.answered, "{}", a.body);
    // A fact that holds at a date does not settle what is so now.
    let a = one(&kb, "what is Acme now?");
    assert!(!a.answered, "{}", a.body);
    let a = one(&kb, "what is Acme?");
    assert!(a.answered, "{}", a.body);
}

#[test]
fn question_words_joined_by_and_share_the_rest_of_the_question() {
    let kb = kb();
    for q in [
        "when and by whom was Acme founded?",
        "I am writing a report. When and by whom was Acme founded?",
    ] {
        let a = one(&kb, q);
        assert!(
            a.body.contains("1999") && a.body.contains("Ada Smith"),
            "{q}: {}",
            a.body
        );
    }
}

#[test]
fn besides_leaves_out_the_word_after_it_unless_that_is_a_name() {
    let kb = kb();
    let p = parse::parse(&kb, "which members besides visitors", &[]);
    assert_eq!(p.excluded.map(|i| p.words[i].as_str()), Some("visitors"));
    let p = parse::parse(&kb, "which members besides ada smith", &[]);
    assert_eq!(p.excluded, None);
    // The intent the left-out word asks for is not the one answered.
    let a = one(&kb, "who are the members of Acme besides who founded it?");
    assert!(a.body.starts_with("Acme's members include"), "{}", a.body);
}

#[test]
fn ends_sentence_is_the_strong_marks() {
    for c in ['.', '!', '?', '？', ';', ':', ',', '—', '\n', ' ', 'a', '-'] {
        let strong = pieces::STRONG.contains(&c);
        assert_eq!(pieces::ends_sentence(c), strong, "{c:?}");
    }
}

#[test]
fn words_written_with_french_accents_vote_for_french() {
    let kb = kb();
    // "who" votes English and "a" French: a tie is English, unless "fondé" was written so.
    assert_eq!(parse::parse(&kb, "who a fonde acme", &[]).lang, Lang::En);
    let marked = normalize::french_marked("who a fondé Acme");
    assert_eq!(
        parse::parse(&kb, "who a fonde acme", &marked).lang,
        Lang::Fr
    );
    // A name keeps its accents without making the question French.
    let marked = normalize::french_marked("who founded Acmé");
    assert_eq!(
        parse::parse(&kb, "who founded acme", &marked).lang,
        Lang::En
    );
}

#[test]
fn ou_written_with_its_accent_offers_no_choice() {
    use super::tests::{kb_with, INTENTS, LEXICON};
    let lexicon = LEXICON.replace("alternatives = [\"or\"]", "alternatives = [\"or\", \"ou\"]");
    let kb = kb_with(INTENTS, &lexicon);
    let words = "acme est ou paris";
    assert!(parse::parse(&kb, words, &[]).either);
    let marked = normalize::french_marked("Acme est où Paris");
    assert!(!parse::parse(&kb, words, &marked).either);
}

/// The fixture with a second dated fact (Acme moved to Paris in 2009) and the lists and
/// messages that compare two dates.
fn kb_with_two_dates() -> KnowledgeBase {
    use super::tests::{from_files, ARTICLE, ENTITIES, FACTS, INTENTS, LEXICON, MESSAGES};
    let article = format!("{ARTICLE}== Later ==\nIn 2009, Acme Lab moved to Paris.\n");
    let intents = format!("{INTENTS}[[intent]]\nid = \"moved\"\nall = [[\"when\"], [\"moved\", \"move\"]]\nexamples_en = [\"When did Acme move?\"]\n");
    let facts = format!("{FACTS}[[fact]]\nid = \"moved\"\nsubjects = [\"acme\"]\nmentions = [\"paris\"]\nrelation = \"moved_in\"\nvalue = \"2009\"\nintents = [\"moved\"]\ntopic = \"later\"\nevidence = [\"In 2009, Acme Lab moved to Paris.\"]\nen = \"Acme moved to Paris in 2009.\"\nfr = \"Acme a déménagé à Paris en 2009.\"\n");
    let lexicon = format!(
        "date_question = {{ en = \"when\" }}\nbegan = {{ en = \"founded\" }}\nfact_pronouns = [\"that\"]\nearlier = [\"first\"]\nspans = [\"how many years\"]\nbetween = [\"between\"]\n{LEXICON}"
    )
    .replace("verbs = [\"is\",", "verbs = [\"did\", \"is\",")
    .replace("more_than = [\"more than\"]", "more_than = [\"more than\", \"after\"]")
    .replace("less_than = [\"less than\"]", "less_than = [\"less than\", \"before\"]")
    .replace("yes_no_starts = [\"is\",", "yes_no_starts = [\"did\", \"is\",")
    .replace("filler = [\"was\",", "filler = [\"did\", \"was\",");
    let messages = MESSAGES.replace(
        "[en]\n",
        "[en]\nearlier = \"First, {year}:\"\nyears_apart = \"{years} years:\"\n",
    );
    from_files(&[
        ("article.wikitext", &article),
        ("entities.toml", ENTITIES),
        ("intents.toml", &intents),
        ("facts.toml", &facts),
        ("lexicon.toml", &lexicon),
        ("messages.toml", &messages),
    ])
}

#[test]
fn two_dated_facts_compared_give_both_the_earlier_first() {
    let kb = kb_with_two_dates();
    let founded = "Acme was founded in 1999.[1]";
    let moved = "Acme moved to Paris in 2009. (section Later)";
    let a = one(&kb, "which was first: acme moved or acme was founded?");
    assert_eq!(
        a.body,
        format!("First, 1999: {founded}\n{moved}"),
        "{}",
        a.explain()
    );
    let a = one(
        &kb,
        "how many years between the year acme was founded and when it moved?",
    );
    assert_eq!(
        a.body,
        format!("10 years: {founded}\n{moved}"),
        "{}",
        a.explain()
    );
    let a = one(&kb, "how many years after acme was founded did it move?");
    assert_eq!(
        a.body,
        format!("10 years: {founded}\n{moved}"),
        "{}",
        a.explain()
    );
    // Two events ordered: a yes/no question gets its verdict, a choice the earlier year.
    for (q, verdict) in [
        ("was acme founded before the move?", "Yes."),
        ("did acme move before it was founded?", "No."),
    ] {
        let a = one(&kb, q);
        assert!(
            a.body.starts_with(verdict),
            "{q}: {}\n{}",
            a.body,
            a.explain()
        );
    }
    let a = one(&kb, "did acme move before or after it was founded?");
    assert_eq!(a.body, format!("First, 1999: {founded}\n{moved}"));
    // A year is no event: left to the facts.
    let a = one(&kb, "was acme founded before 2000?");
    assert!(!a.body.contains(moved), "{}", a.body);
    // A name alone is as old as its beginning ("when acme?" has two dates).
    let a = one(&kb, "which was first: the move or acme?");
    assert_eq!(
        a.body,
        format!("First, 1999: {founded}\n{moved}"),
        "{}",
        a.explain()
    );
    // Only a number, or an event the article does not date: no comparison.
    assert!(!one(&kb, "how many years between 1990 and 2000?").answered);
    assert!(
        !one(
            &kb,
            "how many years between the year acme was founded and ada's birth?"
        )
        .answered
    );
}

#[test]
fn a_follow_up_naming_only_something_asks_the_last_question_of_it() {
    let kb = kb();
    let mut conv = Conversation::default();
    assert!(ask(&kb, "was acme founded by ada smith?", &mut conv)
        .body
        .starts_with("Yes."));
    // The name of the same kind in the last question is replaced.
    let a = ask(&kb, "and lea roy?", &mut conv);
    assert!(
        a.body.starts_with("No. Acme was founded by Ada Smith."),
        "{}",
        a.explain()
    );
    // After a list of that kind: Yes when it has the name; a list that may not be complete
    // settles nothing about another name.
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who are the members of acme?", &mut conv).answered);
    let a = ask(&kb, "and lea roy?", &mut conv);
    assert!(
        a.body.starts_with("Yes. Acme's members include"),
        "{}",
        a.explain()
    );
    // The item found is what the conversation is about next.
    assert_eq!(conv.subject.as_deref(), Some("lea"));
    assert!(!ask(&kb, "and bob jones?", &mut conv).answered);
    // Unless it opens the ellipsis (`ellipsis_openers`).
    let openers = format!(
        "ellipsis_openers = [\"what about\"]\n{}",
        super::tests::LEXICON
    );
    let kb_openers = super::tests::kb_with(super::tests::INTENTS, &openers);
    let mut conv = Conversation::default();
    ask(&kb_openers, "who are the members of acme?", &mut conv);
    let a = ask(&kb_openers, "what about lea roy?", &mut conv);
    assert!(
        a.body.starts_with("Yes. Acme's members include"),
        "{}",
        a.explain()
    );
    // A question word asks something of its own.
    let mut conv = Conversation::default();
    ask(&kb, "who are the members of acme?", &mut conv);
    assert!(!ask(&kb, "who is lea roy?", &mut conv)
        .body
        .starts_with("Yes."));
}

#[test]
fn two_things_compared_are_each_described() {
    use super::tests::{kb_of, ADA_DESCRIBED, FACTS, INTENTS, LEXICON};
    let lexicon = format!(
        "contrasts = [\"difference between\", \"vs\"]\ndescribe_question = {{ en = \"what is\" }}\n{LEXICON}"
    );
    let kb = kb_of(INTENTS, &format!("{FACTS}{ADA_DESCRIBED}"), &lexicon);
    let both = "Ada Smith founded Acme.[1]\nAcme Lab is a lab in Paris. (section Introduction)";
    for q in [
        "what is the difference between ada smith and acme?",
        "ada smith vs acme",
    ] {
        let a = one(&kb, q);
        assert_eq!(a.body, both, "{q}: {}", a.explain());
    }
    // Something the article does not describe, or something else asked: no comparison.
    let a = one(
        &kb,
        "what is the difference between ada smith and bob jones?",
    );
    assert!(!a.answered, "{}", a.explain());
    assert!(!one(&kb, "ada smith vs acme in 1999").body.contains('\n'));
}

#[test]
fn a_question_with_no_word_of_its_own_after_context_is_not_answered_by_a_description() {
    let kb = kb();
    let a = one(&kb, "my friend likes acme. which one?");
    assert!(!a.answered, "{}\n{}", a.body, a.explain());
    let a = one(&kb, "I read about acme. What is it?");
    assert!(a.answered, "{}", a.explain());
}

#[test]
fn a_yes_no_question_after_a_comma_is_asked_without_its_question_mark() {
    let kb = kb();
    let a = one(&kb, "i went to paris last year, was acme founded in 1999");
    assert!(
        a.body.starts_with("Yes. Acme was founded in 1999."),
        "{}",
        a.explain()
    );
}

#[test]
fn a_position_picks_from_the_list_only_when_it_is_about_the_list() {
    use super::tests::{kb_with, INTENTS, LEXICON};
    let lexicon = LEXICON.replace("filler = [\"was\",", "filler = [\"question\", \"was\",");
    let kb = kb_with(INTENTS, &lexicon);
    let a = one(&kb, "last question who are the members of acme?");
    assert!(
        a.body.starts_with("Acme's members include"),
        "{}",
        a.explain()
    );
    let mut conv = Conversation::default();
    ask(&kb, "who are the members of acme?", &mut conv);
    let a = ask(&kb, "the last one?", &mut conv);
    assert!(a.body.contains("Max Durand"), "{}", a.explain());
    assert!(!a.body.starts_with("Acme's members include"), "{}", a.body);
}

#[test]
fn a_relative_clause_with_a_third_person_subject_only_describes_the_name() {
    let lexicon =
        format!("relatives = [\"where\"]\nclause_subjects = [\"they\", \"she\"]\n{LEXICON}");
    let kb = kb_with(INTENTS, &lexicon);
    for q in [
        "who founded the lab they belong to?",
        "who founded the lab where she works?",
    ] {
        let a = one(&kb, q);
        assert_eq!(a.body, "Acme was founded by Ada Smith.[1]", "{q}");
    }
    // The asker's own lab is not the article's.
    let a = one(&kb, "who founded the lab i work at?");
    assert!(!a.answered, "{}", a.body);
    // Without the lexicon's clause words, "belong" is a word no reading explains.
    let a = one(&super::tests::kb(), "who founded the lab they belong to?");
    assert!(!a.answered, "{}", a.body);
}

#[test]
fn two_names_offered_to_a_question_word_are_each_put_in_its_place() {
    use super::tests::{kb_of, FACTS};
    // Lea Roy is a member; Max Durand is not described as anything else.
    let intents = format!(
        "{INTENTS}[[intent]]\nid = \"is_member\"\nall = [[\"member\"]]\nexamples_en = [\"Is Lea Roy a member?\"]\n"
    );
    let facts = FACTS.replace(
        "intents = [\"members\"]",
        "intents = [\"members\", \"is_member\"]",
    );
    let lexicon = LEXICON.replace("filler = [", "filler = [\"one\", \"a\", ");
    let kb = kb_of(&intents, &facts, &lexicon);
    for q in [
        "which one is a member of acme, Lea Roy or Paris?",
        "Lea Roy or Paris, which one is a member of acme?",
    ] {
        let a = one(&kb, q);
        assert!(
            a.body.starts_with("Acme's members include"),
            "{q}: {}\n{}",
            a.body,
            a.explain()
        );
    }
    // Both confirmed, or a name the article does not cover: no choice.
    let conv = Conversation::default();
    for q in [
        "which one is a member of acme, Lea Roy or Max Durand?",
        "which one is a member of acme, Lea Roy or Bob Jones?",
    ] {
        let u = understand(&kb, q, &conv);
        assert!(super::which::chosen(&kb, &u, &conv).is_none(), "{q}");
    }
}

#[test]
fn a_second_question_after_and_is_asked_unless_the_first_fact_answers_it() {
    let kb = kb();
    let conv = Conversation::default();
    let fact = |id: &str| kb.fact_index(id).expect("fixture fact");
    let pieces = super::pieces::joined_questions(&kb, "who founded acme and when was it founded")
        .expect("two questions");
    assert_eq!(pieces, ["who founded acme", "when was it founded"]);
    assert!(super::pieces::joined_questions(&kb, "who founded acme and lea roy").is_none());
    // The founder's answer does not give the year; the year's fact gives it.
    assert!(!super::covered(
        &kb,
        fact("founder"),
        "when was acme founded",
        &conv
    ));
    assert!(super::covered(
        &kb,
        fact("year"),
        "when was acme founded",
        &conv
    ));
    assert!(!super::covered(
        &kb,
        fact("founder"),
        "who are the members of acme",
        &conv
    ));
}

#[test]
fn that_in_a_span_is_the_last_answers_event() {
    let kb = kb_with_two_dates();
    let lexicon_has_that = kb.lexicon.class("that") & crate::knowledge::class::FACT_PRONOUN != 0;
    assert!(
        lexicon_has_that,
        "the fixture reads 'that' as the last fact"
    );
    let mut conv = Conversation::default();
    let a = ask(&kb, "when did acme move?", &mut conv);
    assert!(a.body.contains("2009"), "{a:?}");
    let a = ask(
        &kb,
        "how many years between that and the year acme was founded?",
        &mut conv,
    );
    assert!(a.answered && a.body.starts_with("10 years:"), "{a:?}");
    // With no dated answer before, "that" refers to nothing.
    let a = one(
        &kb,
        "how many years between that and the year acme was founded?",
    );
    assert!(!a.answered, "{a:?}");
}

/// An entity for a fixture's `entities.toml`.
fn entity(id: &str, kind: &str, name: &str) -> String {
    format!(
        "[[entity]]\nid = \"{id}\"\nkind = \"{kind}\"\nname = \"{name}\"\naliases = [\"{name}\"]\n"
    )
}

/// A fact of `subjects` with one sentence of evidence, which is also its answer.
fn fact(id: &str, subjects: &str, intent: &str, sentence: &str) -> String {
    format!("[[fact]]\nid = \"{id}\"\nsubjects = [{subjects}]\nrelation = \"{id}\"\nvalue = \"{id}\"\nintents = [\"{intent}\"]\ntopic = \"{id}\"\nevidence = [\"{sentence}\"]\nen = \"{sentence}\"\nfr = \"{sentence}\"\n")
}

#[test]
fn a_name_a_list_does_not_settle_is_answered_by_its_own_fact() {
    let entities = format!(
        "{}{}",
        super::tests::ENTITIES,
        entity("bob", "person", "Bob Stone")
    );
    let facts = format!(
        "{}{}",
        super::tests::FACTS,
        fact("bob", "\"bob\"", "description", "Bob Stone is a chemist.")
    );
    let article = format!("{}Bob Stone is a chemist.\n", super::tests::ARTICLE);
    let kb = super::tests::kb_from(
        &article,
        &entities,
        super::tests::INTENTS,
        &facts,
        super::tests::LEXICON,
    );
    assert!(one(&kb, "bob stone?").answered);
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who are the members of acme?", &mut conv).answered);
    // The members' list may not be complete: it settles nothing about him, his own fact
    // answers.
    let a = ask(&kb, "and bob stone?", &mut conv);
    assert!(a.body.starts_with("Bob Stone is a chemist."), "{a:?}");
}

#[test]
fn which_one_after_a_list_is_the_item_its_own_fact_describes() {
    let article = format!(
        "{}Lea Roy is a chemist.\nMax Durand is a poet.\nMax Durand is a chemist too.\n",
        super::tests::ARTICLE
    );
    let facts = format!(
        "{}{}{}",
        super::tests::FACTS,
        fact("lea", "\"lea\"", "description", "Lea Roy is a chemist."),
        fact("max", "\"max\"", "description", "Max Durand is a poet.")
    );
    let kb = super::tests::kb_from(
        &article,
        super::tests::ENTITIES,
        super::tests::INTENTS,
        &facts,
        super::tests::LEXICON,
    );
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who are the members of acme?", &mut conv).answered);
    let a = ask(&kb, "which one is the poet?", &mut conv);
    assert!(a.body.starts_with("Max Durand is a poet."), "{a:?}");
    // The list stays for the next pick.
    let a = ask(&kb, "which one is the chemist?", &mut conv);
    assert!(a.body.starts_with("Lea Roy is a chemist."), "{a:?}");
    // No item's own fact says it: refused, not guessed.
    let mut conv = Conversation::default();
    ask(&kb, "who are the members of acme?", &mut conv);
    assert!(!ask(&kb, "which one is the painter?", &mut conv).answered);
}

#[test]
fn the_default_subject_is_none_of_the_others_asked_for() {
    let article = format!("{}Acme teamed up with Globex.\n", super::tests::ARTICLE);
    let entities = format!(
        "{}{}",
        super::tests::ENTITIES,
        entity("globex", "organization", "Globex")
    );
    let intents = format!(
        "{}[[intent]]\nid = \"partners\"\nall = [[\"partners\", \"partner\"]]\nexamples_en = [\"Who are Acme's partners?\"]\n",
        super::tests::INTENTS
    );
    let facts = format!(
        "{}{}",
        super::tests::FACTS,
        fact(
            "globex",
            "\"acme\", \"globex\"",
            "partners",
            "Acme teamed up with Globex."
        )
    );
    let lexicon = format!("others = [\"besides\"]\n{}", super::tests::LEXICON);
    let kb = super::tests::kb_from(&article, &entities, &intents, &facts, &lexicon);
    assert!(one(&kb, "who are the partners of acme?").answered);
    // The fact names Acme beside Globex: Acme is not another partner.
    let a = one(&kb, "which partners besides globex?");
    assert!(!a.answered, "{a:?}");
}

#[test]
fn a_question_of_a_message_the_article_does_not_answer_is_said_to_be_unanswered() {
    let kb = kb();
    let a = one(&kb, "who founded acme and when did it open a shop?");
    assert!(a.answered, "{a:?}");
    assert!(
        a.body.starts_with("Acme was founded by Ada Smith.")
            && a.body.ends_with("Not said: when did it open a shop?"),
        "{a:?}"
    );
    // Words that ask nothing of their own are no question to leave unanswered.
    assert!(!one(&kb, "who founded acme and open shop").answered);
}

#[test]
fn others_after_an_item_of_a_list_are_the_rest_of_that_list() {
    let lexicon = format!("others = [\"other\", \"else\"]\n{LEXICON}")
        .replace("filler = [", "filler = [\"than\", ");
    let facts = format!("{}{}", super::tests::FACTS, super::tests::ADA_DESCRIBED);
    let kb = super::tests::kb_of(INTENTS, &facts, &lexicon);
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who is ada smith?", &mut conv).answered);
    // Nothing about Ada herself lists other members: the list naming her does.
    let a = ask(&kb, "the other members than she?", &mut conv);
    assert!(
        a.body.starts_with("Acme's members include"),
        "{}",
        a.explain()
    );
    // Without the item in the conversation, "others" of nothing named stays unanswered.
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who is ada smith?", &mut conv).answered);
    assert!(!ask(&kb, "who else founded it?", &mut conv).answered);
}

#[test]
fn the_other_one_is_the_item_of_the_last_list_not_yet_asked_about() {
    let lexicon = format!("others = [\"other\"]\n{LEXICON}");
    let lea = "[[fact]]\nid = \"lea\"\nsubjects = [\"lea\"]\nrelation = \"is_a\"\nvalue = \"member\"\nintents = [\"description\"]\ntopic = \"people\"\nevidence = [\"Its members include Ada Smith, Lea Roy\"]\nen = \"Lea Roy is a member of Acme.\"\nfr = \"Lea Roy est membre d'Acme.\"\n";
    let two = super::tests::FACTS.replace(
        r#"items = ["ada", "lea", "max"]"#,
        r#"items = ["ada", "lea"]"#,
    );
    for (facts, other) in [
        (&two, Some("Lea Roy is a member")),
        (&super::tests::FACTS.to_string(), None),
    ] {
        let facts = format!("{facts}{}{lea}", super::tests::ADA_DESCRIBED);
        let kb = super::tests::kb_of(INTENTS, &facts, &lexicon);
        let mut conv = Conversation::default();
        assert!(ask(&kb, "who are the members of acme?", &mut conv).answered);
        assert!(ask(&kb, "who is ada smith?", &mut conv).answered);
        let a = ask(&kb, "and the other one?", &mut conv);
        match other {
            // Two items: the other one is the one not asked about.
            Some(body) => assert!(a.body.starts_with(body), "{}", a.explain()),
            // Three: nothing says which; never what the article says of the lab itself.
            None => assert!(!a.answered, "{}", a.explain()),
        }
    }
}

#[test]
fn two_names_joined_are_each_asked_the_question() {
    let lea = "[[fact]]\nid = \"lea\"\nsubjects = [\"lea\"]\nrelation = \"is_a\"\nvalue = \"member\"\nintents = [\"description\"]\ntopic = \"people\"\nevidence = [\"Its members include Ada Smith, Lea Roy\"]\nen = \"Lea Roy is a member of Acme.\"\nfr = \"Lea Roy est membre d'Acme.\"\n";
    let facts = format!(
        "{}{}{lea}",
        super::tests::FACTS,
        super::tests::ADA_DESCRIBED
    );
    let kb = super::tests::kb_of(INTENTS, &facts, LEXICON);
    let a = one(&kb, "who is ada smith and lea roy?");
    assert!(a.body.contains("Ada Smith founded Acme."), "{}", a.body);
    assert!(
        a.body.contains("Lea Roy is a member of Acme."),
        "{}",
        a.body
    );
}

#[test]
fn another_name_of_the_subject_is_refuted_only_by_a_fact_giving_its_names() {
    let kb = kb();
    // The founding names no name of the lab: "the lab" and "Acme" together say nothing
    // against it.
    let a = one(&kb, "was the lab acme founded by ada smith?");
    assert!(a.body.starts_with("Yes."), "{}", a.explain());
}

#[test]
fn in_french_a_place_right_after_a_is_the_city_of_that_name() {
    let lexicon = format!("city_prepositions = [\"a\"]\ncity_entities = [\"paris\"]\n{LEXICON}")
        .replace("french = [", "french = [\"est\", ")
        .replace("filler = [", "filler = [\"est\", ");
    let kb = kb_with(INTENTS, &lexicon);
    // English is not French: "in Paris" is the place the article names.
    let a = one(&kb, "is acme in paris?");
    assert!(a.answered, "{}", a.explain());
    // "à Paris" names the city, a place the article does not name: nothing settles it.
    let a = one(&kb, "acme est à paris ?");
    assert!(!a.answered, "{}", a.explain());
}

#[test]
fn a_plural_pronoun_right_after_a_list_of_people_is_those_people() {
    let lexicon = format!("plural_pronouns = [\"them\"]\n{LEXICON}")
        .replace("pronouns = [\"it\"]", "pronouns = [\"it\", \"them\"]");
    let kb = kb_with(INTENTS, &lexicon);
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who are the members of acme?", &mut conv).answered);
    // Who founded the members, the article does not say; not who founded the lab.
    let a = ask(&kb, "who founded them?", &mut conv);
    assert!(!a.answered, "{}", a.explain());
}

#[test]
fn a_number_someone_else_said_is_a_claim_not_a_restriction() {
    let lexicon = format!("hearsay = [\"someone said\"]\n{LEXICON}").replace(
        "filler = [",
        "filler = [\"really\", \"someone\", \"said\", ",
    );
    let kb = kb_with(INTENTS, &lexicon);
    let a = one(&kb, "someone said 2005, when was acme really founded?");
    assert!(a.body.contains("1999"), "{}", a.explain());
    // A number of the asker's own still restricts the question.
    let a = one(&kb, "in 2005, when was acme really founded?");
    assert!(!a.body.contains("1999"), "{}", a.explain());
}

/// The lexicon with "il", which stands for a person or a thing, as in French.
fn with_il(lexicon: &str) -> String {
    lexicon
        .replace("pronouns = [\"it\"]", "pronouns = [\"it\", \"il\"]")
        .replace(
            "person_pronouns = [\"she\"]",
            "person_pronouns = [\"she\", \"il\"]",
        )
}

/// The fixture with "il" and with "born", said only of people, asking when like "founded".
fn with_born() -> crate::knowledge::KnowledgeBase {
    let lexicon = with_il(&format!("person_predicates = [\"born\"]\n{LEXICON}"));
    let intents = INTENTS.replace(
        r#"[["when", "quand", "year"], ["founded", "fonde"]]"#,
        r#"[["when", "quand", "year"], ["founded", "fonde", "born"]]"#,
    );
    kb_with(&intents, &lexicon)
}

#[test]
fn a_pronoun_of_a_person_or_a_thing_with_a_word_said_of_people_is_the_person() {
    // "il" stands for a person or a thing, as in French; "born" is said only of people.
    let kb = with_born();
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who founded acme?", &mut conv).answered);
    // When Ada Smith was born, the article does not say: not when Acme was founded.
    let a = ask(&kb, "when was il born?", &mut conv);
    assert!(!a.answered, "{}", a.explain());
    // Without such a word, "il" may still be the thing ("when was il founded?").
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who founded acme?", &mut conv).answered);
    assert!(ask(&kb, "when was il founded?", &mut conv)
        .body
        .contains("1999"));
}

#[test]
fn a_pronoun_of_a_person_or_a_thing_is_first_the_person_whatever_intent_answers() {
    use super::tests::{kb_of, ADA_DESCRIBED, FACTS};
    // "il" stands for a person or a thing, as in French. "Known for" asks what Acme studies
    // (a strong cue) or, weakly, describes.
    let lexicon = with_il(LEXICON);
    let intents = format!(
        "{}[[intent]]\nid = \"studies\"\nall = [[\"known for\", \"study\"]]\nexamples_en = [\"What does Acme study?\"]\n",
        INTENTS.replace(
            r#"all = [["what is", "who is"]]"#,
            r#"all = [["what is", "who is", "known for"]]"#,
        )
    );
    let studies = "[[fact]]\nid = \"studies\"\nsubjects = [\"acme\"]\nrelation = \"studies\"\nvalue = \"maps\"\nintents = [\"studies\"]\ntopic = \"research\"\nevidence = [\"Acme Lab is a lab in Paris.\"]\nen = \"Acme studies maps.\"\nfr = \"Acme étudie les cartes.\"\n";
    let kb = kb_of(
        &intents,
        &format!("{FACTS}{ADA_DESCRIBED}{studies}"),
        &lexicon,
    );
    assert_eq!(
        one(&kb, "what is acme known for?").body,
        "Acme studies maps. (section Introduction)"
    );
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who founded acme?", &mut conv).answered);
    let a = ask(&kb, "what is il known for?", &mut conv);
    assert_eq!(a.body, "Ada Smith founded Acme.[1]", "{}", a.explain());
    // What the article does not say of the person is still asked of the thing.
    let mut conv = Conversation::default();
    assert!(ask(&kb, "who founded acme?", &mut conv).answered);
    let a = ask(&kb, "when was il founded?", &mut conv);
    assert_eq!(a.body, "Acme was founded in 1999.[1]", "{}", a.explain());
}

#[test]
fn a_comparison_after_a_number_makes_it_a_bound() {
    let lexicon = format!("or_more = [\"or later\"]\nor_less = [\"or earlier\"]\n{LEXICON}");
    let kb = kb_with(INTENTS, &lexicon);
    let a = one(&kb, "was acme founded in 1990 or later?");
    assert!(a.body.starts_with("Yes. "), "{}", a.explain());
    let a = one(&kb, "was acme founded in 1990 or earlier?");
    assert!(a.body.starts_with("No. "), "{}", a.explain());
    // With no such comparison, the number is the year claimed.
    let a = one(&kb, "was acme founded in 1990?");
    assert!(a.body.starts_with("No. "), "{}", a.explain());
}

#[test]
fn a_weaker_intent_asking_the_same_slot_answers_only_of_a_facts_first_subject() {
    use super::tests::{kb_of, FACTS};
    // "When" asks both: when something was founded (strong) or when anything happened.
    let intents = |wh: &str| {
        format!(
            "{}[[intent]]\nid = \"time\"\nall = [[\"when\"]]\nwh = [\"when\"]\nfits = [\"founded\"]\nexamples_en = [\"When?\"]\n",
            INTENTS.replace(
                "id = \"founded_when\"\n",
                &format!("id = \"founded_when\"\nwh = [{wh}]\n")
            )
        )
    };
    // Acme has been in Paris since 2001: a fact about Acme that Paris is a subject of too.
    let facts = format!("{FACTS}[[fact]]\nid = \"paris_since\"\nsubjects = [\"acme\", \"paris\"]\nrelation = \"in_paris_since\"\nvalue = \"2001\"\nintents = [\"time\"]\ntopic = \"place\"\nevidence = [\"Acme Lab is a lab in Paris.\"]\nen = \"Acme has been in Paris since 2001.\"\nfr = \"Acme est à Paris depuis 2001.\"\n");
    let kb = kb_of(&intents("\"when\""), &facts, LEXICON);
    let a = one(&kb, "when was Paris founded?");
    assert!(!a.answered, "{}", a.explain());
    // Its own subject still gets the weaker intent's answer.
    let a = one(&kb, "when was Acme founded?");
    assert!(a.body.contains("1999"), "{}", a.explain());
    // When the stronger intent does not ask by the question word, the weaker one answers.
    let kb = kb_of(&intents(""), &facts, LEXICON);
    let a = one(&kb, "when was Paris founded?");
    assert!(a.body.contains("2001"), "{}", a.explain());
}

#[test]
fn a_question_word_right_after_a_name_in_a_marked_claim_is_a_relative_pronoun() {
    // Quebec French "Acme, c'est-tu Bob Jones qui l'a fondé ?": the mark, not the first
    // word, makes it a yes/no question.
    let lexicon = LEXICON.replace(
        r#"yes_no_marks = ["right"]"#,
        r#"yes_no_marks = ["right", "is it"]"#,
    );
    let kb = kb_with(INTENTS, &lexicon);
    let a = one(&kb, "acme is it Bob Jones who founded it?");
    assert!(a.body.starts_with("No. "), "{}", a.explain());
    let a = one(&kb, "acme is it Ada Smith who founded it?");
    assert!(a.body.starts_with("Yes. "), "{}", a.explain());
}

#[test]
fn a_description_does_not_answer_when() {
    use super::tests::{kb_of, ADA_DESCRIBED, FACTS};
    // "And …" is a description cue ("and Ada Smith?"); her description's evidence has a year.
    let intents = INTENTS.replace(
        r#"all = [["what is", "who is"]]"#,
        r#"all = [["what is", "who is", "and"]]"#,
    );
    let lexicon = format!("date_question = {{ en = \"when\" }}\n{LEXICON}")
        .replace("filler = [", "filler = [\"did\", ");
    let kb = kb_of(&intents, &format!("{FACTS}{ADA_DESCRIBED}"), &lexicon);
    assert!(one(&kb, "and Ada Smith?").answered);
    let a = one(&kb, "and when did Ada Smith found it?");
    assert!(!a.answered, "{}", a.explain());
}

#[test]
fn a_pronoun_of_a_person_or_a_thing_with_no_one_before_is_the_thing() {
    let kb = with_born();
    let a = one(&kb, "when was il founded?");
    assert!(a.body.contains("1999"), "{}", a.explain());
    // A word said only of people keeps it a person, and there is none.
    assert!(!one(&kb, "when was il born?").answered);
    // A pronoun only of people has no thing to be.
    assert!(!one(&kb, "when was she founded?").answered);
}

#[test]
fn a_dated_fact_answers_now_when_its_own_year_is_named() {
    use super::tests::{kb_of, FACTS};
    // The founder fact holds at a date: "now" alone is not settled by it.
    let facts = FACTS.replacen("id = \"founder\"\n", "id = \"founder\"\ndated = true\n", 1);
    let kb = kb_of(INTENTS, &facts, LEXICON);
    assert!(one(&kb, "who founded acme?").answered);
    assert!(!one(&kb, "who founded acme now?").answered);
    let a = one(&kb, "who founded acme now in 1999?");
    assert!(a.body.contains("Ada Smith"), "{}", a.explain());
    assert!(!one(&kb, "who founded acme now in 2005?").answered);
}

#[test]
fn the_default_subjects_generic_name_after_an_indefinite_article_is_any_such_thing() {
    use super::tests::{kb_from, ARTICLE, ENTITIES, FACTS};
    let entities = ENTITIES.replace(
        "aliases = [\"Acme\", \"the lab\"]",
        "aliases = [\"Acme\", \"the lab\", \"lab\"]\ndescriptors = [\"lab\"]",
    );
    let lexicon = format!("kind_articles = {{ en = [\"a\", \"an\"] }}\n{LEXICON}");
    let kb = kb_from(ARTICLE, &entities, INTENTS, FACTS, &lexicon);
    // "The lab" and "lab" are Acme; "a lab" is any lab, which Bob Jones may have founded.
    assert!(one(&kb, "was the lab founded by Bob Jones?")
        .body
        .starts_with("No. "));
    let a = one(&kb, "was a lab founded by Bob Jones?");
    assert!(!a.answered, "{}", a.explain());
    // Named as well, it is Acme again.
    let a = one(&kb, "was a lab, Acme, founded by Bob Jones?");
    assert!(a.body.starts_with("No. "), "{}", a.explain());
}

#[test]
fn who_said_a_claim_is_no_word_of_it() {
    // "My teacher said Acme is in Toronto": the source's words ask nothing, and its "my"
    // claims no subject.
    let lexicon = format!("hearsay = [\"my teacher said\"]\n{LEXICON}");
    let kb = kb_with(INTENTS, &lexicon);
    let a = one(&kb, "my teacher said acme was founded in the year 2005");
    assert!(a.answered && a.body.starts_with("No."), "{}", a.explain());
}

#[test]
fn a_former_name_now_is_what_it_became() {
    // Old Lab became Acme: "who are its members now?" after an answer about Old Lab asks about Acme.
    let entities = format!(
        "{ENTITIES}[[entity]]\nid = \"old\"\nbecame = \"acme\"\nkind = \"organization\"\nname = \"Old Lab\"\naliases = [\"Old Lab\"]\n"
    );
    let facts = format!(
        "{FACTS}[[fact]]\nid = \"old\"\nsubjects = [\"old\"]\nrelation = \"is_a\"\nvalue = \"lab\"\nintents = [\"description\"]\ntopic = \"overview\"\nevidence = [\"Acme Lab is a lab in Paris.\"]\nen = \"Old Lab was a small lab.\"\nfr = \"Old Lab était un petit laboratoire.\"\n\
         [[fact]]\nid = \"old_members\"\nsubjects = [\"old\"]\nmentions = [\"ada\"]\nrelation = \"members\"\nvalue = \"Ada Smith\"\nintents = [\"members\"]\ntopic = \"people\"\nevidence = [\"Its members include Ada Smith\"]\nen = \"Old Lab's members were Ada Smith.\"\nfr = \"Old Lab avait pour membre Ada Smith.\"\n"
    );
    let lexicon = LEXICON.replace("filler = [", "filler = [\"now\", ");
    let kb = kb_from(ARTICLE, &entities, INTENTS, &facts, &lexicon);
    let mut conv = Conversation::default();
    let a = ask(&kb, "what is Old Lab?", &mut conv);
    assert!(a.body.starts_with("Old Lab was"), "{}", a.explain());
    let a = ask(&kb, "who are its members now?", &mut conv);
    assert!(a.body.starts_with("Acme's members"), "{}", a.explain());
    // Without "now", it is still Old Lab.
    let mut conv = Conversation::default();
    ask(&kb, "what is Old Lab?", &mut conv);
    let a = ask(&kb, "who are its members?", &mut conv);
    assert!(a.body.starts_with("Old Lab's members"), "{}", a.explain());
}

#[test]
fn facts_tied_for_a_question_are_settled_by_the_conversations_topic() {
    use super::tests::{from_files, ARTICLE, ENTITIES, FACTS, INTENTS, LEXICON, MESSAGES};
    let article = format!("{ARTICLE}== Later ==\nIn 2009, Acme Lab moved to Paris.\n");
    let intents = format!("{INTENTS}[[intent]]\nid = \"moved\"\nall = [[\"moved\", \"move\"]]\nexamples_en = [\"Where did Acme move?\"]\n[[intent]]\nid = \"time\"\nall = [[\"when\"]]\nwh = [\"when\"]\nexamples_en = [\"When?\"]\n");
    let facts = FACTS.replace(
        "intents = [\"founded_when\"]",
        "intents = [\"founded_when\", \"time\"]",
    );
    let facts = format!("{facts}[[fact]]\nid = \"moved\"\nsubjects = [\"acme\"]\nmentions = [\"paris\"]\nrelation = \"moved_in\"\nvalue = \"2009\"\nintents = [\"moved\", \"time\"]\ntopic = \"later\"\nevidence = [\"In 2009, Acme Lab moved to Paris.\"]\nen = \"Acme moved to Paris in 2009.\"\nfr = \"Acme a déménagé à Paris en 2009.\"\n");
    let kb = from_files(&[
        ("article.wikitext", &article),
        ("entities.toml", ENTITIES),
        ("intents.toml", &intents),
        ("facts.toml", &facts),
        ("lexicon.toml", LEXICON),
        ("messages.toml", MESSAGES),
    ]);
    // Asked first, a time of Acme is either date: neither answers.
    let q = "when was acme lab it?";
    assert!(!one(&kb, q).answered, "{}", one(&kb, q).explain());
    let mut conv = Conversation::default();
    assert!(ask(&kb, "acme moved?", &mut conv).answered);
    let a = ask(&kb, q, &mut conv);
    assert!(a.body.contains("2009"), "{}", a.explain());
}

#[test]
fn a_who_question_answered_with_no_person_and_a_clause_asking_for_people_is_refused_whole() {
    use super::tests::{kb_of, FACTS, INTENTS, LEXICON};
    let intents = format!("{INTENTS}[[intent]]\nid = \"host\"\nall = [[\"who\"], [\"hosts\", \"host\"]]\nexamples_en = [\"Who hosts Acme?\"]\n");
    let facts = format!("{FACTS}[[fact]]\nid = \"host\"\nsubjects = [\"acme\"]\nmentions = [\"paris\"]\nrelation = \"hosted_by\"\nvalue = \"Paris\"\nintents = [\"host\"]\ntopic = \"overview\"\nevidence = [\"Acme Lab is a lab in Paris.\"]\nen = \"Acme is hosted in Paris.\"\nfr = \"Acme est à Paris.\"\n");
    let lexicon = format!("people_words = [\"people\"]\nwho_words = [\"who\"]\n{LEXICON}");
    let kb = kb_of(&intents, &facts, &lexicon);
    assert!(one(&kb, "who hosts acme?").answered);
    let a = one(&kb, "who hosts acme, which people?");
    assert!(!a.answered, "{}", a.body);
    // Even when the clause asking for people is answered on its own, with someone else.
    let a = one(&kb, "who hosts acme, which people founded it?");
    assert!(!a.answered, "{}", a.body);
}

#[test]
fn a_clause_confirming_what_the_answer_says_adds_nothing() {
    let kb = kb();
    // "was it in 1999?" is confirmed by the year the first answer gives: no second "Yes".
    says(
        &kb,
        "I am writing a report. When was Acme founded, was it founded in 1999?",
        "Acme was founded in 1999.[1]",
    );
    // A confirmation of something the answer does not say is answered.
    let a = one(
        &kb,
        "I am writing a report. When was Acme founded, was it by Ada Smith?",
    );
    assert!(a.body.contains("Yes."), "{}", a.body);
}

#[test]
fn a_yes_no_form_after_a_question_naming_nothing_is_the_askers_story() {
    let kb = kb();
    // "right" marks a yes/no question, but this clause names nothing: it is context.
    let a = one(
        &kb,
        "When was Acme founded? writing a report and want to get the story right",
    );
    assert!(
        a.body.starts_with("Acme was founded in 1999."),
        "{}",
        a.explain()
    );
}

#[test]
fn a_bare_request_after_an_unanswered_question_asks_for_its_answer() {
    let lexicon = format!("requests = [\"tell me\"]\n{}", super::tests::LEXICON);
    let kb = kb_with(INTENTS, &lexicon);
    // "Tell me the members" asks for what the budget question asked, which is not said;
    // answering it with the members would answer another question.
    let mut conv = Conversation::default();
    assert!(ask(&kb, "when was acme founded?", &mut conv).answered);
    let a = ask(
        &kb,
        "What is the budget of Acme? Tell me the members",
        &mut conv,
    );
    assert!(!a.answered, "{}", a.body);
    // A question of its own after it is answered.
    let a = one(
        &kb,
        "What is the budget of Acme? Who are the members of Acme?",
    );
    assert!(
        a.body.contains("Ada Smith, Lea Roy and Max Durand"),
        "{}",
        a.explain()
    );
}

#[test]
fn a_left_out_word_leaves_its_intent_asked_by_a_word_of_its_own() {
    // "Positions" asks for the members alone: "besides visitors" does not take them away.
    let intents = INTENTS.replace(
        "all = [[\"members\", \"member\"]]",
        "all = [[\"members\", \"member\", \"positions\", \"visitors\"]]",
    );
    let kb = kb_with(&intents, LEXICON);
    let a = one(&kb, "which positions is acme besides visitors?");
    assert!(
        a.body.starts_with("Acme's members include"),
        "{}\n{}",
        a.body,
        a.explain()
    );
    // Asked by the left-out word alone, it is not the intent answered.
    let a = one(&kb, "who is at acme besides visitors?");
    assert!(!a.body.starts_with("Acme's members include"), "{}", a.body);
}

#[test]
fn names_all_items_of_one_list_ask_of_that_list() {
    let kb = kb();
    let a = one(&kb, "which members are lea roy and max durand?");
    assert!(
        a.body.starts_with("Acme's members include"),
        "{}\n{}",
        a.body,
        a.explain()
    );
    // One name is no list asked of ("who founded Lea Roy?" is not Acme's founding).
    assert!(!one(&kb, "who founded lea roy?").answered);
}
