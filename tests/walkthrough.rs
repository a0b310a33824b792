//! The worked example of docs/knowledge.md, step by step with the built binary: export, the
//! article edits and the fixes the guide shows (read from the guide itself), the report it
//! shows, `check --accept`, then `check --strict` clean.

use std::path::Path;
use std::process::{Command, Output};

const GUIDE: &str = include_str!("../docs/knowledge.md");
const MARK: &str = "<!-- walkthrough: ";

/// One marked block of the guide: the file it edits (or `report`) and its text.
fn blocks() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = GUIDE;
    while let Some(at) = rest.find(MARK) {
        rest = &rest[at + MARK.len()..];
        let name = rest[..rest.find(" -->").unwrap()].to_string();
        let open = rest.find("```").unwrap();
        let body = &rest[open..];
        let body = &body[body.find('\n').unwrap() + 1..];
        let close = body.find("\n```").unwrap();
        out.push((name, body[..close].to_string()));
        rest = &body[close..];
    }
    out
}

/// Applies a hunk: the context and `-` lines become the context and `+` lines, everywhere
/// they occur (at least once); a hunk of `+` lines only is added at the end.
fn apply(text: &str, hunk: &str) -> String {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for line in hunk.lines() {
        let (mark, rest) = line.split_at(1);
        match mark {
            " " => {
                old.push(rest);
                new.push(rest);
            }
            "-" => old.push(rest),
            "+" => new.push(rest),
            _ => panic!("not a diff line: {line:?}"),
        }
    }
    let (old, new) = (old.join("\n"), new.join("\n"));
    if old.is_empty() {
        return format!("{}\n\n{new}\n", text.trim_end());
    }
    assert!(
        text.contains(&old),
        "the guide's hunk is not in the file: {old}"
    );
    text.replace(&old, &new)
}

fn edit(dir: &Path, file: &str, hunk: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, apply(&text, hunk)).unwrap();
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_mila-bot"))
        .arg("--knowledge")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    // Shown as the guide shows it, with the directory named `kb`.
    let text = text.replace(&dir.display().to_string(), "kb");
    (out.status.code(), text)
}

#[test]
fn the_guides_worked_example_runs_from_export_to_accept() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    let out = Command::new(env!("CARGO_BIN_EXE_mila-bot"))
        .arg("export")
        .arg(&kb)
        .output()
        .unwrap();
    assert!(out.status.success());
    let blocks = blocks();
    let (report, rest): (Vec<&(String, String)>, Vec<_>) =
        blocks.iter().partition(|(n, _)| n == "report");
    let (article, fixes): (Vec<&(String, String)>, Vec<_>) =
        rest.into_iter().partition(|(n, _)| n == "article.wikitext");
    assert_eq!((article.len(), report.len()), (3, 1), "{blocks:?}");

    for (file, hunk) in article.iter().copied() {
        edit(&kb, file, hunk);
    }
    let (code, text) = run(&kb, &["check"]);
    assert_eq!(code, Some(1), "{text}");
    // Lines of facts.toml move as facts are added: their numbers are not compared.
    let place = regex::Regex::new(r"facts\.toml:\d+:\d+").unwrap();
    let unplaced = |l: &str| place.replace_all(l, "facts.toml:L:C").into_owned();
    let printed: Vec<String> = text.lines().map(unplaced).collect();
    for line in report[0].1.lines() {
        assert!(
            printed.contains(&unplaced(line)),
            "the guide shows {line:?}; check printed:\n{text}"
        );
    }
    // One changed reference for the new URL, one added, renumbering once.
    let warnings = |what: &str| {
        (text.lines())
            .filter(|l| l.contains(": warning: ") && l.contains(what))
            .count()
    };
    assert_eq!(warnings("references renumbered"), 1, "{text}");
    assert_eq!(warnings("\" changed"), 1, "{text}");
    assert_eq!(warnings("reference added"), 1, "{text}");
    assert_eq!(warnings("reference removed"), 0, "{text}");

    for (file, hunk) in fixes.iter().copied() {
        edit(&kb, file, hunk);
    }
    let (code, text) = run(&kb, &["check"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("\n0 error(s)"), "{text}");
    let (code, text) = run(&kb, &["check", "--strict"]);
    assert_eq!(code, Some(1), "the changes are not accepted yet: {text}");

    let (code, text) = run(&kb, &["check", "--accept"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("recorded the article"), "{text}");
    let (code, text) = run(&kb, &["check", "--strict"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("0 error(s), 0 warning(s)"), "{text}");

    let (_, text) = run(&kb, &["ask", "Who is the CEO of Mila?"]);
    assert!(
        text.contains("Valérie Pisano") && text.contains("[6] Mila leadership"),
        "{text}"
    );
}
