//! Runs of the built binary: `ask`, `chat` (piped and on a terminal), `check`, `eval`,
//! `export`, `completions`, and the exit codes.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

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
fn chat_accepts_its_commands_and_help_lists_exactly_those() {
    let out = chat(&[], b"/sources\n/about\n/help\n");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[8] Mila industrial partner list"), "{text}");
    assert!(text.contains("CC BY-SA 4.0"), "{text}");
    let help = &text[text.find("Commands:").expect("a command list")..];
    let listed: Vec<&str> = help
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.starts_with('/'))
        .collect();
    assert_eq!(
        listed,
        ["/help", "/sources", "/about", "/why", "/quit"],
        "{help}"
    );
}

#[test]
fn piped_chat_answers_why_and_unknown_commands_in_the_json_contract_and_stops_at_quit() {
    let input = "who founded mila?\n/why\n/whoami\n/quit\nwhat is orion?\n";
    let out = chat(&["--json"], input.as_bytes());
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"{"), "no banner when piped");
    let v = json_lines(&out);
    assert_eq!(v.len(), 4, "nothing after /quit: {v:?}");
    assert_eq!(v[0]["answered"], true);
    let why = v[1]["text"].as_str().unwrap();
    assert!(
        why.contains("who founded mila?") && why.contains("intent: founder"),
        "{why}"
    );
    let unknown = v[2]["text"].as_str().unwrap();
    assert!(unknown.contains("no command /whoami"), "{unknown}");
    assert_eq!(v[3]["question"], "/quit");
    for reply in &v[1..] {
        assert_eq!(reply["answered"], false);
        assert_eq!(reply["citations"], serde_json::json!([]));
    }
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
    for cmd in [&["ask", "who founded mila"][..], &["chat"][..]] {
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
    // `check` runs on broken knowledge: the broken file is one of its findings (exit 1).
    let out = bin()
        .arg("--knowledge")
        .arg(dir.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let edited = std::fs::read_to_string(dir.path().join("intents.toml")).unwrap();
    let line = edited.lines().position(|l| l == "[[intent]").unwrap() + 1;
    let at = format!("{}/intents.toml:{line}:", dir.path().display());
    assert!(text.contains(&at), "{text}");
}

#[test]
fn check_accept_needs_a_knowledge_directory() {
    let out = run(&["check", "--accept"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--knowledge DIR"), "{}", stderr(&out));
    let out = run(&["check", "--accept", "--against", "/tmp"]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
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

fn run(args: &[&str]) -> Output {
    bin().args(args).stdin(Stdio::null()).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn ask_takes_its_options_before_or_after_the_question() {
    let before = run(&["ask", "--json", "who founded mila"]);
    let v: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
    assert_eq!(v["intent"], "founder");
    for args in [
        &["ask", "who founded mila", "--json"][..],
        &["ask", "who", "founded", "mila", "--json"][..],
        &["ask", "who", "--json", "founded", "mila"][..],
    ] {
        let after = run(args);
        assert!(after.status.success(), "{args:?}: {}", stderr(&after));
        assert_eq!(after.stdout, before.stdout, "{args:?}");
    }
    let out = run(&["ask", "who founded mila", "--json", "--explain"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["explain"]["evidence"].is_string(), "{v}");
    // A global option after the question is an option too.
    let out = run(&[
        "ask",
        "who founded mila",
        "--knowledge",
        "/nonexistent-knowledge",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn export_writes_knowledge_that_loads_and_passes_check_strict() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kb");
    let dir_s = dir.to_str().unwrap();
    let out = run(&["export", dir_s]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bundled = concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge");
    for entry in std::fs::read_dir(bundled).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap();
        assert_eq!(
            std::fs::read(dir.join(name)).unwrap(),
            std::fs::read(&p).unwrap(),
            "{name:?}"
        );
    }
    let out = run(&["--knowledge", dir_s, "check", "--strict"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(text.contains("0 error(s), 0 warning(s)"), "{text}");
    let out = run(&["--knowledge", dir_s, "ask", "who founded mila"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Yoshua Bengio"));
    let mut input = "/help\n".as_bytes();
    let out = bin()
        .args(["--knowledge", dir_s, "chat"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            std::io::copy(&mut input, &mut c.stdin.take().unwrap())?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("/quit"));
}

#[test]
fn export_refuses_to_overwrite_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let facts = dir.join("facts.toml");
    std::fs::write(&facts, "# mine\n").unwrap();
    let out = run(&["export", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("facts.toml") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&facts).unwrap(), "# mine\n");
    assert!(!dir.join("article.wikitext").exists(), "nothing written");
    let out = run(&["export", "--force", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&facts)
        .unwrap()
        .contains("[[fact]]"));
    // Only the embedded knowledge is exported: a --knowledge directory is a usage error.
    let other = dir.join("other");
    let out = run(&[
        "--knowledge",
        dir.to_str().unwrap(),
        "export",
        other.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--knowledge does not apply") && !other.exists());
}

/// `text` names `what` exactly once.
fn once(text: &str, what: &str) -> bool {
    text.matches(what).count() == 1
}

#[test]
fn a_missing_knowledge_directory_is_named_once_with_the_os_reason_and_exits_2() {
    let missing = "/nonexistent-knowledge";
    for cmd in [&["ask", "who"][..], &["chat"][..], &["check"][..]] {
        let out = bin()
            .args(["--knowledge", missing])
            .args(cmd)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd:?}");
        let err = stderr(&out);
        assert!(
            once(&err, missing) && once(&err, "No such file or directory"),
            "{err}"
        );
        assert!(
            !err.contains("article.wikitext") && !err.contains(":0"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn a_missing_config_file_is_named_once_with_the_os_reason_and_exits_2() {
    let out = bin()
        .args(["discord", "--config", "/nonexistent/missing.toml"])
        .env_remove("DISCORD_TOKEN")
        .env_remove("MILA_BOT_DISCORD_API")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        once(&err, "missing.toml") && once(&err, "No such file or directory"),
        "{err}"
    );
}

#[test]
fn other_failures_exit_1_naming_the_file_once() {
    let out = run(&["eval", "/nonexistent/cases.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        once(&err, "cases.jsonl") && once(&err, "No such file or directory"),
        "{err}"
    );
    let out = run(&["bench", "/nonexistent/cases.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(once(&stderr(&out), "cases.jsonl"), "{}", stderr(&out));
}

#[test]
fn check_exits_1_on_warnings_only_with_strict_and_2_when_it_cannot_run() {
    let dir = super::knowledge::edited("article.wikitext", |t| {
        t.replace(
            "and [[Doina Precup]].",
            "and [[Doina Precup]].<ref>{{Cite web|url=https://example.org/f|title=F|website=example.org}}</ref>",
        )
    });
    let check = |extra: &[&str]| {
        bin()
            .arg("--knowledge")
            .arg(dir.path())
            .arg("check")
            .args(extra)
            .output()
            .unwrap()
    };
    let out = check(&[]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.contains("\n0 error(s)") && !text.contains(", 0 warning(s)"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(check(&["--strict"]).status.code(), Some(1));
    let out = check(&["--against", "/nonexistent-old"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(once(&stderr(&out), "/nonexistent-old"), "{}", stderr(&out));
}

#[test]
fn completions_are_generated_for_bash_zsh_and_fish() {
    let bash = run(&["completions", "bash"]);
    assert!(bash.status.success());
    let script = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mila-bot.bash");
    std::fs::write(&script, &bash.stdout).unwrap();
    // Sourced by bash, the script registers a completion for mila-bot.
    let sourced = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {} && complete -p mila-bot",
            script.display()
        ))
        .output()
        .unwrap();
    let registered = String::from_utf8_lossy(&sourced.stdout);
    assert!(
        registered.contains("mila-bot"),
        "{registered}{}",
        stderr(&sourced)
    );
    let text = String::from_utf8_lossy(&bash.stdout);
    assert!(
        text.contains("export") && text.contains("--knowledge"),
        "{text}"
    );
    let zsh = run(&["completions", "zsh"]);
    assert!(zsh.stdout.starts_with(b"#compdef mila-bot"));
    let fish = run(&["completions", "fish"]);
    assert!(String::from_utf8_lossy(&fish.stdout).contains("complete -c mila-bot"));
    assert_eq!(
        run(&["completions", "tcsh"]).status.code(),
        Some(2),
        "usage error"
    );
}

#[test]
fn chat_on_a_terminal_shows_a_banner_and_a_prompt() {
    use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let open_tty = || {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().unwrap())
            .unwrap()
    };
    let mut child = bin()
        .arg("chat")
        .stdin(open_tty())
        .stdout(open_tty())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut master = std::fs::File::from(master);
    master.write_all(b"who founded mila?\n/quit\n").unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0; 4096];
        // Linux reports EIO once the last terminal end held by the child is closed.
        while let Ok(n @ 1..) = master.read(&mut buf) {
            seen.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(seen);
    });
    let seen = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("chat ended");
    assert!(child.wait().unwrap().success());
    let seen = String::from_utf8_lossy(&seen);
    assert!(
        seen.contains("ask me about Mila") && seen.contains("/quit or Ctrl-D ends"),
        "{seen}"
    );
    assert!(seen.contains("> "), "a prompt: {seen}");
    assert!(
        seen.contains("Yoshua Bengio") && seen.contains("Goodbye."),
        "{seen}"
    );
}
