//! Words as written: common words are not corrected, and filler of several words is filler
//! only where its words are together. On the fixture of [`super::tests`].
use super::tests::*;

/// The fixture with `words.txt` listing `common` (sorted).
fn kb_with_common(common: &str) -> crate::knowledge::KnowledgeBase {
    from_files(&[
        ("article.wikitext", ARTICLE),
        ("entities.toml", ENTITIES),
        ("intents.toml", INTENTS),
        ("facts.toml", FACTS),
        ("lexicon.toml", LEXICON),
        ("messages.toml", MESSAGES),
        ("words.txt", common),
    ])
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
    let sources = [
        ("article.wikitext", ARTICLE),
        ("entities.toml", ENTITIES),
        ("intents.toml", INTENTS),
        ("facts.toml", FACTS),
        ("lexicon.toml", LEXICON),
        ("messages.toml", MESSAGES),
        ("words.txt", "beta\nalpha\n"),
    ];
    let files = sources
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let e = crate::knowledge::KnowledgeBase::from_sources(files).unwrap_err();
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
