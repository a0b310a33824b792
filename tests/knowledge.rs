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
        let text = if name == file { edit(&text) } else { text };
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn load_err(dir: &Path) -> mila_bot::knowledge::KnowledgeError {
    KnowledgeBase::load_dir(dir).expect_err("must not load")
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
    let line = std::fs::read_to_string(dir.path().join("facts.toml"))
        .unwrap()
        .lines()
        .nth(e.line - 1)
        .unwrap()
        .to_string();
    assert!(line.contains("mlia"), "line {} is {line:?}", e.line);
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

fn check(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mila-bot"))
        .arg("--knowledge")
        .arg(dir)
        .arg("check")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
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
        assert!(
            out.contains(&format!("fact `{fact}`: evidence not found")),
            "{fact}: {out}"
        );
    }
    assert!(!out.contains("fact `faculty`"), "{out}");
}

#[test]
fn check_reports_a_changed_reference_url_and_the_facts_citing_it() {
    let dir = edited("article.wikitext", |t| {
        t.replace(
            "https://github.com/mila-iqia",
            "https://github.com/mila-iqia-new",
        )
    });
    let (_, out) = check(dir.path());
    assert!(
        out.contains("reference added: [7] https://github.com/mila-iqia-new"),
        "{out}"
    );
    assert!(
        out.contains("reference removed: [7] https://github.com/mila-iqia"),
        "{out}"
    );
    assert!(out.contains("fact `myia`: citations changed"), "{out}");
}

#[test]
fn check_reports_a_new_reference() {
    let dir = edited("article.wikitext", |t| {
        t.replace(
            "and [[Doina Precup]].",
            "and [[Doina Precup]].<ref>{{Cite web|url=https://example.org/faculty|title=Faculty|website=example.org}}</ref>",
        )
    });
    let (code, out) = check(dir.path());
    assert!(
        out.contains("reference added: [7] https://example.org/faculty"),
        "{out}"
    );
    assert!(out.contains("fact `faculty`: citations changed"), "{out}");
    assert!(
        out.contains("reference changed: [7] https://github.com/mila-iqia (now [8])"),
        "{out}"
    );
    assert_eq!(code, 0, "warnings only: {out}");
}

#[test]
fn check_passes_on_the_bundled_knowledge() {
    let (code, out) = check(Path::new(KNOWLEDGE));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("facts grounded in the article"), "{out}");
    assert!(
        out.contains("example questions resolve to their intent"),
        "{out}"
    );
}

#[allow(dead_code)]
pub fn knowledge_dir() -> PathBuf {
    PathBuf::from(KNOWLEDGE)
}
