//! Malformed knowledge fails at load with file, line, column and what is wrong; an article
//! update is reported fact by fact and reference by reference.

use mila_bot::KnowledgeBase;
use std::path::{Path, PathBuf};
use std::process::Command;

const KNOWLEDGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge");

/// A temporary copy of the bundled knowledge, with `file` edited by `edit`.
pub fn edited(file: &str, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(KNOWLEDGE).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_owned();
        let text = std::fs::read_to_string(&p).unwrap();
        let text = if name.to_str() == Some(file) {
            edit(&text)
        } else {
            text
        };
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn load_err(dir: &Path) -> mila_bot::knowledge::KnowledgeError {
    KnowledgeBase::load_dir(dir).expect_err("must not load")
}

/// The line of `file` in `dir` that the error points at.
fn error_line(dir: &Path, file: &str, e: &mila_bot::knowledge::KnowledgeError) -> String {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    text.lines().nth(e.line - 1).unwrap().to_string()
}

#[test]
fn the_bundled_directory_loads_like_the_embedded_knowledge() {
    let a = KnowledgeBase::load_dir(Path::new(KNOWLEDGE)).unwrap();
    let b = KnowledgeBase::embedded().unwrap();
    assert_eq!(a.content_hash(), b.content_hash());
    assert_eq!(b.references().len(), 8);
}

#[test]
fn a_toml_syntax_error_names_file_line_and_column() {
    let dir = edited("facts.toml", |t| {
        t.replacen("id = \"founder\"", "id = \"founder", 1)
    });
    let e = load_err(dir.path());
    assert_eq!(e.file, "facts.toml");
    assert!(e.line > 1 && e.column > 0, "{e}");
}

#[test]
fn an_unknown_key_is_rejected() {
    let dir = edited("entities.toml", |t| {
        t.replacen(
            "kind = \"person\"",
            "kind = \"person\"\nnickname = \"Yo\"",
            1,
        )
    });
    let e = load_err(dir.path());
    assert_eq!(e.file, "entities.toml");
    assert!(e.message.contains("nickname"), "{e}");
}

#[test]
fn a_fact_about_an_unknown_entity_is_rejected() {
    let dir = edited("facts.toml", |t| {
        t.replacen("subjects = [\"mila\"]", "subjects = [\"mlia\"]", 1)
    });
    let e = load_err(dir.path());
    assert!(e.message.contains("unknown entity `mlia`"), "{e}");
    let line = error_line(dir.path(), "facts.toml", &e);
    assert!(line.contains("mlia"), "line {} is {line:?}", e.line);
}

#[test]
fn a_city_entity_that_is_not_an_entity_is_rejected() {
    let dir = edited("lexicon.toml", |t| {
        t.replacen(
            "city_entities = [\"quebec\"]",
            "city_entities = [\"qebec\"]",
            1,
        )
    });
    let e = load_err(dir.path());
    assert_eq!(e.file, "lexicon.toml");
    assert!(e.message.contains("unknown entity `qebec`"), "{e}");
}

#[test]
fn an_entity_that_became_an_unknown_entity_is_rejected_at_its_line() {
    let dir = edited("entities.toml", |t| {
        t.replacen("became = \"mila\"", "became = \"mlia\"", 1)
    });
    let e = load_err(dir.path());
    assert_eq!(e.file, "entities.toml");
    assert!(e.message.contains("unknown entity `mlia`"), "{e}");
    let line = error_line(dir.path(), "entities.toml", &e);
    assert!(line.starts_with("became"), "line {} is {line:?}", e.line);
}

#[test]
fn a_fact_closed_for_an_unknown_kind_is_rejected() {
    let dir = edited("facts.toml", |t| {
        t.replacen("closed = true", "closed = [\"colour\"]", 1)
    });
    let e = load_err(dir.path());
    assert_eq!(e.file, "facts.toml");
    assert!(e.message.contains("fact `founder`"), "{e}");
    assert!(e.message.contains("unknown kind of value `colour`"), "{e}");
}

#[test]
fn an_intent_excluding_an_unknown_intent_is_rejected_at_its_line() {
    let dir = edited("intents.toml", |t| {
        t.replacen("excludes = [\"alumni\"]", "excludes = [\"alumnni\"]", 1)
    });
    let e = load_err(dir.path());
    assert!(e.message.contains("excludes `alumnni`"), "{e}");
    let line = error_line(dir.path(), "intents.toml", &e);
    assert!(line.contains("alumnni"), "line {} is {line:?}", e.line);
}

#[test]
fn an_intent_contrasting_an_unknown_intent_is_rejected_at_its_line() {
    let dir = edited("intents.toml", |t| {
        t.replacen("contrasts = [\"faculty\"]", "contrasts = [\"facutly\"]", 1)
    });
    let e = load_err(dir.path());
    assert!(e.message.contains("contrasts `facutly`"), "{e}");
    let line = error_line(dir.path(), "intents.toml", &e);
    assert!(line.contains("facutly"), "line {} is {line:?}", e.line);
}

#[test]
fn evidence_missing_from_the_article_is_rejected() {
    let dir = edited("facts.toml", |t| {
        t.replacen(
            "in 1993 by Yoshua Bengio\"]",
            "in 1994 by Yoshua Bengio\"]",
            1,
        )
    });
    let e = load_err(dir.path());
    assert!(e.message.contains("evidence not found"), "{e}");
}

#[test]
fn a_broken_reference_and_a_bad_pattern_are_reported() {
    let dir = edited("article.wikitext", |t| t.replacen("</ref>", "", 1));
    assert_eq!(load_err(dir.path()).file, "article.wikitext");
    let dir = edited("intents.toml", |t| {
        t.replacen("'\\bby whom\\b'", "'(by whom'", 1)
    });
    assert!(load_err(dir.path()).message.contains("invalid pattern"));
}

#[test]
fn binary_files_and_missing_files_are_reported() {
    let dir = edited("lexicon.toml", |_| String::new());
    std::fs::write(dir.path().join("lexicon.toml"), [0xff, 0xfe, 0x00]).unwrap();
    assert!(load_err(dir.path()).message.contains("UTF-8"));
    std::fs::copy(
        Path::new(KNOWLEDGE).join("lexicon.toml"),
        dir.path().join("lexicon.toml"),
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("messages.toml")).unwrap();
    assert!(load_err(dir.path()).message.contains("cannot read"));
}

/// Runs `check` with `args` on `dir`: (exit code, stdout and stderr).
fn check_with(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mila-bot"))
        .arg("--knowledge")
        .arg(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn check(dir: &Path) -> (i32, String) {
    check_with(dir, &[])
}

/// The report lines (not their details) that contain `what`.
fn findings<'a>(out: &'a str, what: &str) -> Vec<&'a str> {
    out.lines()
        .filter(|l| (l.contains(": error: ") || l.contains(": warning: ")) && l.contains(what))
        .collect()
}

/// An edit of one file: its name and what it does to the text.
type Edit<'a> = (&'a str, &'a dyn Fn(&str) -> String);

/// Edits several files of a copy of the bundled knowledge.
fn edited_all(edits: &[Edit]) -> tempfile::TempDir {
    let dir = edited("", |t| t.to_string());
    for (file, edit) in edits {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, edit(&text)).unwrap();
    }
    dir
}

#[test]
fn three_independent_errors_in_three_files_are_all_reported_in_one_run() {
    let dir = edited_all(&[
        // A TOML syntax error: intents.toml does not parse at all.
        ("intents.toml", &|t: &str| {
            t.replacen("[[intent]]", "[[intent]\n", 1)
        }),
        // An unknown entity in facts.toml, and a quote the article no longer has.
        ("facts.toml", &|t: &str| {
            t.replacen("subjects = [\"mila\"]", "subjects = [\"mlia\"]", 1)
        }),
        ("article.wikitext", &|t: &str| {
            t.replace("originated at Mila.", "was created at Mila.")
        }),
        // An unknown key in messages.toml.
        ("messages.toml", &|t: &str| {
            t.replacen("[en]", "[en]\nsalutation = \"hi\"", 1)
        }),
    ]);
    let (code, out) = check(dir.path());
    assert_eq!(code, 1, "{out}");
    let d = dir.path().display().to_string();
    let expect = [
        (format!("{d}/intents.toml:"), "unclosed array table"),
        (format!("{d}/facts.toml:"), "unknown entity `mlia`"),
        (
            format!("{d}/facts.toml:"),
            "fact `theano`: evidence not found",
        ),
        (format!("{d}/messages.toml:"), "salutation"),
    ];
    for (place, what) in &expect {
        let found = findings(&out, what);
        assert_eq!(found.len(), 1, "{what} once: {out}");
        let line = found[0].trim_start();
        assert!(line.starts_with(place.as_str()), "{line}");
        // file:line:column
        let at: Vec<&str> = line[place.len()..].splitn(3, ':').collect();
        assert!(
            at[0].parse::<usize>().is_ok() && at[1].parse::<usize>().is_ok(),
            "{line}"
        );
    }
    // Grouped: each file's heading once, in load order.
    let heading = |f: &str| out.find(&format!("\n{d}/{f}: ")).unwrap_or(usize::MAX);
    assert!(heading("intents.toml") < heading("facts.toml"), "{out}");
    assert!(heading("facts.toml") < heading("messages.toml"), "{out}");
    // The two facts quoting the edited sentence each report it.
    assert!(out.contains("\n5 error(s)"), "{out}");
}

#[test]
fn check_lists_the_facts_that_lost_their_evidence_when_a_sentence_is_removed() {
    let dir = edited("article.wikitext", |t| {
        t.replace(
            "Some of its graduates include [[Hugo Larochelle]] and [[Ian Goodfellow]].",
            "",
        )
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1, "{out}");
    for fact in ["alumni", "larochelle", "goodfellow"] {
        assert_eq!(
            findings(&out, &format!("fact `{fact}`: evidence not found")).len(),
            1,
            "{fact}: {out}"
        );
    }
    assert!(!out.contains("fact `faculty`"), "{out}");
    assert_eq!(
        findings(&out, "sentence removed (Notable researchers)").len(),
        1
    );
    assert!(
        out.contains("quoted by facts `alumni`, `larochelle`, `goodfellow`"),
        "{out}"
    );
    // The broken facts are reported once: their intents' examples are not run.
    assert!(!out.contains("intent `alumni`"), "{out}");
    assert!(out.contains("not run (their intent lost a fact"), "{out}");
}

#[test]
fn missing_evidence_shows_the_nearest_sentence_and_what_differs() {
    let dir = edited("facts.toml", |t| {
        t.replacen(
            "in 1993 by Yoshua Bengio\"]",
            "in 1994 by ''Yoshua Bengio''\"]",
            1,
        )
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        findings(&out, "fact `founder`: evidence not found").len(),
        1
    );
    assert!(
        out.contains("article.wikitext:6 (History): \"Mila was founded as Laboratoire"),
        "{out}"
    );
    assert!(
        out.contains("differs: \"1994\" → \"1993\"; \"''Yoshua Bengio''\" → \"Yoshua Bengio,\""),
        "{out}"
    );
    assert!(out.contains("the quote has wiki markup"), "{out}");
    assert_eq!(
        out.matches("note: evidence is matched against the article's plain text")
            .count(),
        1
    );
    // Counts that add up.
    let total = std::fs::read_to_string(dir.path().join("facts.toml"))
        .unwrap()
        .matches("[[fact]]")
        .count();
    assert!(
        out.contains(&format!(
            "{total} facts in facts.toml: {} grounded in the article, 1 not",
            total - 1
        )),
        "{out}"
    );
}

#[test]
fn an_edited_sentence_shows_old_and_new_text() {
    let dir = edited("article.wikitext", |t| {
        t.replace(
            "Some of its graduates include",
            "Among its many graduates are",
        )
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1, "the quotes are gone: {out}");
    let changed = findings(&out, "sentence changed (Notable researchers)");
    assert_eq!(changed.len(), 1, "{out}");
    assert!(changed[0].contains("article.wikitext:12: warning"), "{out}");
    assert!(
        out.contains("      was: \"Some of its graduates include Hugo Larochelle and Ian Goodfellow.\"\n      now: \"Among its many graduates are Hugo Larochelle and Ian Goodfellow.\"\n"),
        "{out}"
    );
    assert!(
        out.contains("differs: \"Some of\" → \"Among\"; added \"many\"; \"include\" → \"are\""),
        "{out}"
    );
    assert_eq!(findings(&out, "sentence added").len(), 0, "{out}");
    assert_eq!(findings(&out, "sentence removed").len(), 0, "{out}");
}

#[test]
fn a_new_url_is_one_changed_reference_with_the_facts_citing_it() {
    let dir = edited("article.wikitext", |t| {
        t.replace(
            "https://github.com/mila-iqia",
            "https://github.com/mila-iqia-new",
        )
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 0, "warnings only: {out}");
    assert_eq!(
        findings(&out, "reference [7] \"Mila Github Page\" changed").len(),
        1,
        "{out}"
    );
    assert!(
        out.contains("url: https://github.com/mila-iqia → https://github.com/mila-iqia-new"),
        "{out}"
    );
    assert!(out.contains("`myia`"), "{out}");
    for other in ["reference added", "reference removed", "renumbered"] {
        assert!(findings(&out, other).is_empty(), "{other}: {out}");
    }
}

#[test]
fn a_renumbered_reference_is_reported_once_as_renumbering() {
    let dir = edited("article.wikitext", |t| {
        t.replace(
            "and [[Doina Precup]].",
            "and [[Doina Precup]].<ref>{{Cite web|url=https://example.org/faculty|title=Faculty|website=example.org}}</ref>",
        )
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 0, "warnings only: {out}");
    assert_eq!(
        findings(
            &out,
            "reference added: [7] \"Faculty\" https://example.org/faculty"
        )
        .len(),
        1,
        "{out}"
    );
    let renumbered = findings(&out, "renumbered");
    assert_eq!(renumbered.len(), 1, "{out}");
    assert!(renumbered[0].contains("[7] → [8], [8] → [9]"), "{out}");
    // Renumbering is not a change of the references that moved.
    assert!(findings(&out, "\" changed").is_empty(), "{out}");
    assert!(
        out.contains("cited in the answers of facts `faculty`"),
        "{out}"
    );
}

#[test]
fn after_accept_check_strict_passes_without_a_rebuild() {
    let dir = edited("article.wikitext", |t| {
        t.replace(
            "access-date=2020-07-26|title=Mila Github Page",
            "access-date=2024-01-01|title=Mila Github Page",
        )
    });
    let before = std::fs::read_to_string(dir.path().join("baseline.toml")).unwrap();
    let (code, out) = check_with(dir.path(), &["--strict"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(findings(&out, "reference [7]").len(), 1, "{out}");
    assert!(
        out.contains("access-date: 2020-07-26 → 2024-01-01"),
        "{out}"
    );
    let (code, out) = check_with(dir.path(), &["--accept"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("accepted: 1 change since the baseline"),
        "{out}"
    );
    let after = std::fs::read_to_string(dir.path().join("baseline.toml")).unwrap();
    assert!(after.contains("2024-01-01") && !before.contains("2024-01-01"));
    let (code, out) = check_with(dir.path(), &["--strict"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("article: unchanged since the baseline"),
        "{out}"
    );
}

#[test]
fn accept_is_refused_while_there_are_errors() {
    let dir = edited("article.wikitext", |t| {
        t.replace("originated at Mila.", "was created at Mila.")
    });
    let before = std::fs::read(dir.path().join("baseline.toml")).unwrap();
    let (code, out) = check_with(dir.path(), &["--accept"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("not accepted"), "{out}");
    assert_eq!(
        std::fs::read(dir.path().join("baseline.toml")).unwrap(),
        before
    );
}

#[test]
fn without_a_baseline_the_knowledge_loads_and_check_warns() {
    let dir = edited("", |t| t.to_string());
    std::fs::remove_file(dir.path().join("baseline.toml")).unwrap();
    KnowledgeBase::load_dir(dir.path()).unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(findings(&out, "no baseline").len(), 1, "{out}");
    let (code, out) = check_with(dir.path(), &["--accept"]);
    assert_eq!(code, 0, "{out}");
    assert!(dir.path().join("baseline.toml").exists());
}

#[test]
fn a_failing_example_is_reported_in_words_at_its_intent() {
    let dir = edited("intents.toml", |t| {
        t.replacen(
            "examples_en = [\"Who founded Mila?\", \"Who created Mila?\"]",
            "examples_en = [\"Who founded Mila?\", \"Who created Mila?\", \"What colour is the sky?\"]",
            1,
        )
    });
    let (code, out) = check(dir.path());
    assert_eq!(code, 1, "{out}");
    let found = findings(
        &out,
        "intent `founder`: the example \"What colour is the sky?\"",
    );
    assert_eq!(found.len(), 1, "{out}");
    let intents = std::fs::read_to_string(dir.path().join("intents.toml")).unwrap();
    let line = intents
        .lines()
        .position(|l| l == "id = \"founder\"")
        .unwrap()
        + 1;
    assert!(
        found[0].contains(&format!("intents.toml:{line}:6: error")),
        "{out}"
    );
    assert!(!out.contains("Some(") && !out.contains("None"), "{out}");
}

#[test]
fn against_compares_with_another_directorys_article() {
    let old = edited("article.wikitext", |t| {
        t.replace("numerous partnerships", "many partnerships")
    });
    let (code, out) = check_with(
        Path::new(KNOWLEDGE),
        &["--against", old.path().to_str().unwrap()],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("was: \"In addition, Mila is also involved in many partnerships"),
        "{out}"
    );
    assert!(out.contains("compared with"), "{out}");
}

#[test]
fn check_passes_on_the_bundled_knowledge() {
    let (code, out) = check_with(Path::new(KNOWLEDGE), &["--strict"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" grounded in the article, 0 not"), "{out}");
    assert!(out.contains("resolve to their intent, 0 do not"), "{out}");
    assert!(
        out.contains("article: unchanged since the baseline"),
        "{out}"
    );
}

#[allow(dead_code)]
pub fn knowledge_dir() -> PathBuf {
    PathBuf::from(KNOWLEDGE)
}

#[test]
fn check_reports_an_entity_name_in_a_generic_word_list() {
    let dir = edited("lexicon.toml", |t| {
        t.replacen("filler = [", "filler = [\"mcgill\", ", 1)
    });
    let (code, out) = check_with(dir.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("\"mcgill\", a name of entity `mcgill`") && out.contains("`filler`"),
        "{out}"
    );
}
