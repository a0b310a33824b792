//! The chat loop on in-memory input: commands, `/why`, `/quit`, the banner and prompt, and
//! when output is flushed.

use super::*;
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::embedded().unwrap())
}

fn chat_text() -> ChatText {
    ChatText::embedded().unwrap()
}

/// Runs the chat on `input` and returns what it printed.
fn chat(input: &str, opts: Options) -> String {
    let mut out = Vec::new();
    let mut reader = BufReader::new(input.as_bytes());
    run(kb(), &chat_text(), &mut reader, &mut out, opts).unwrap();
    String::from_utf8(out).unwrap()
}

/// Hands out its input one line per `read`, as a terminal does.
struct LineByLine<'a>(std::str::Lines<'a>);

impl Read for LineByLine<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some(line) = self.0.next() else {
            return Ok(0);
        };
        let bytes = format!("{line}\n").into_bytes();
        buf[..bytes.len()].copy_from_slice(&bytes);
        Ok(bytes.len())
    }
}

/// Counts flushes, and how many bytes were written before each one.
#[derive(Default)]
struct Recorder {
    data: Vec<u8>,
    flushed_at: Vec<usize>,
}

impl Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.data.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.flushed_at.push(self.data.len());
        Ok(())
    }
}

const THREE: &str = "who started mila?\nwhen was it founded?\nwhat is orion?\n";

fn json_opts() -> Options {
    Options {
        json: true,
        ..Options::default()
    }
}

#[test]
fn buffered_input_is_answered_before_a_single_flush() {
    let mut out = Recorder::default();
    let mut reader = BufReader::new(THREE.as_bytes());
    run(kb(), &chat_text(), &mut reader, &mut out, json_opts()).unwrap();
    assert_eq!(out.data.iter().filter(|&&b| b == b'\n').count(), 3);
    // Once when the last line is answered (nothing more buffered), once at EOF.
    assert_eq!(out.flushed_at, vec![out.data.len(); 2]);
}

#[test]
fn each_answer_is_flushed_when_lines_arrive_one_at_a_time() {
    let mut out = Recorder::default();
    let mut reader = BufReader::new(LineByLine(THREE.lines()));
    run(kb(), &chat_text(), &mut reader, &mut out, json_opts()).unwrap();
    let ends: Vec<usize> = out
        .data
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(
        &out.flushed_at[..3],
        &ends[..],
        "a flush after every answer"
    );
}

#[test]
fn the_json_contract_keeps_its_field_order() {
    let out = chat("who started mila?\n", json_opts());
    let keys = [
        "question",
        "answered",
        "intent",
        "confidence",
        "lang",
        "text",
        "section",
        "citations",
        "suggestions",
    ];
    let at: Vec<usize> = keys
        .iter()
        .map(|k| {
            out.find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("{k}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert!(!out.contains("\"explain\""), "{out}");
}

#[test]
fn why_explains_the_last_answer_and_quit_ends_the_chat() {
    let out = chat(
        "/why\nwho fonded mila?\n/why\n/quit\nwhat is orion?\n",
        Options::default(),
    );
    assert!(out.contains("nothing to explain yet"), "{out}");
    assert!(
        out.contains("How I understood \"who fonded mila?\""),
        "{out}"
    );
    assert!(out.contains("intent: founder"), "{out}");
    assert!(out.contains("Goodbye."), "{out}");
    assert!(
        !out.contains("Oríon"),
        "nothing is answered after /quit: {out}"
    );
}

#[test]
fn an_unknown_command_is_not_taken_for_a_question() {
    let out = chat("/who founded mila\n", json_opts());
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["answered"], false);
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("no command /who"), "{text}");
    assert!(
        text.contains("/help, /sources, /about, /why, /quit"),
        "{text}"
    );
}

#[test]
fn commands_reply_in_the_language_of_the_last_question() {
    let out = chat("qui a fondé Mila ?\n/quit\n", Options::default());
    assert!(out.trim_end().ends_with("Au revoir."), "{out}");
}

#[test]
fn a_terminal_gets_a_banner_and_a_prompt_and_a_pipe_does_not() {
    let tty = Options {
        interactive: true,
        ..Options::default()
    };
    let out = chat("who started mila?\n", tty);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("mila-bot ") && first.contains("/help"),
        "{out}"
    );
    assert_eq!(
        out.matches("> ").count(),
        2,
        "before each line and at EOF: {out}"
    );
    let piped = chat("who started mila?\n", Options::default());
    assert!(!piped.contains("> ") && !piped.contains("/help"), "{piped}");
}
