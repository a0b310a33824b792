//! Runs of the built binary: `ask`, `chat`, `check`, `eval`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mila-bot"))
}

fn chat(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .arg("chat")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn ask_answers_with_references_and_attribution() {
    let out = bin()
        .args(["ask", "who", "founded", "Mila?"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Yoshua Bengio"), "{text}");
    assert!(
        text.contains("[3] Fathers of the Deep Learning revolution"),
        "{text}"
    );
    assert!(text.contains("CC BY-SA 4.0"), "{text}");
}

#[test]
fn ask_json_follows_the_contract_and_explain_shows_why() {
    let out = bin()
        .args(["ask", "--json", "--explain", "what is orion?"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["answered"], true);
    assert_eq!(v["intent"], "description");
    assert_eq!(v["lang"], "en");
    assert_eq!(v["citations"][0]["n"], 6);
    assert!(v["explain"]["evidence"].as_str().unwrap().contains("Oríon"));
    let out = bin()
        .args(["ask", "--explain", "who fonded mila"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("intent: founder"), "{text}");
    assert!(text.contains("fonded→"), "{text}");
    assert!(text.contains("evidence:"), "{text}");
}

#[test]
fn chat_keeps_one_conversation_and_one_json_line_per_question() {
    let out = chat(
        &["--json"],
        "When was Mila founded?\nby whom?\nwho founded IBM?\n".as_bytes(),
    );
    assert!(out.status.success());
    let v = json_lines(&out);
    assert_eq!(v.len(), 3);
    assert!(v[0]["text"].as_str().unwrap().contains("1993"));
    assert!(v[1]["text"].as_str().unwrap().contains("Bengio"));
    assert_eq!(v[2]["answered"], false);
    assert!(!v[2]["suggestions"].as_array().unwrap().is_empty());
}

#[test]
fn chat_survives_bad_input_and_loses_nothing() {
    let mut input = Vec::new();
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"who \xff\xfe founded mila?\n");
    input.extend_from_slice("x".repeat(200_000).as_bytes());
    input.extend_from_slice(b"\n\x00\x01\x1b[31m\n");
    input.extend_from_slice("🎉 \u{202e} مرحبا\n".as_bytes());
    input.extend_from_slice(b"who founded mila?"); // no final newline
    let out = chat(&["--json"], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_lines(&out);
    assert_eq!(v.len(), 6, "one object per line");
    assert!(v[0]["text"].as_str().unwrap().contains("Ask me"));
    assert!(v[1]["text"].as_str().unwrap().contains("not valid UTF-8"));
    assert!(v[2]["text"].as_str().unwrap().contains("too long"));
    assert_eq!(v[3]["answered"], false);
    assert_eq!(v[4]["answered"], false);
    assert_eq!(v[5]["answered"], true);
}

#[test]
fn chat_accepts_the_bot_commands() {
    let out = chat(&[], b"/sources\n/about\n/help\n");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[8] Mila industrial partner list"), "{text}");
    assert!(text.contains("CC BY-SA 4.0"), "{text}");
    assert!(text.contains("/ask"), "{text}");
}

#[test]
fn check_validates_the_bundled_knowledge() {
    let out = bin().args(["check", "--strict"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("0 error(s), 0 warning(s)"), "{text}");
}

#[test]
fn malformed_knowledge_exits_2_with_file_line_and_column() {
    let dir = super::knowledge::edited("intents.toml", |t| {
        t.replacen("[[intent]]", "[[intent]\n", 1)
    });
    for cmd in [
        &["ask", "who founded mila"][..],
        &["chat"][..],
        &["check"][..],
    ] {
        let out = bin()
            .arg("--knowledge")
            .arg(dir.path())
            .args(cmd)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("intents.toml:"), "{err}");
    }
}

#[test]
fn eval_scores_the_project_question_table() {
    let cases = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/questions.jsonl");
    let out = bin()
        .args(["eval", "--json", "--min-score", "95", cases])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(out.status.success(), "{v:#}");
    assert_eq!(v["unknown_false_answers"], 0);
    assert!(v["by_intent"]["founder"]["total"].as_u64().unwrap() > 0);
    assert!(v["latency_us"]["p99"].as_f64().unwrap() > 0.0);
}
