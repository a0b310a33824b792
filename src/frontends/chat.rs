//! The stdin chat mode: one question per line until EOF, one conversation. Also accepts the
//! bot's commands (`/help`, `/sources`, `/about`). Lines that are not valid UTF-8 are reported
//! and skipped; over-long lines are cut at [`MAX_LINE_BYTES`] and refused by the engine.

use crate::answer::Answer;
use crate::commands;
use crate::engine::{ask, Conversation};
use crate::knowledge::KnowledgeBase;
use std::io::{BufRead, Write};

/// Bytes of one line kept in memory; the rest of a longer line is skipped.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub json: bool,
    pub explain: bool,
}

/// Renders one answer for the terminal or as one JSON line.
pub fn render(a: &Answer, opts: Options) -> String {
    if opts.json {
        let mut v = a.to_json();
        if opts.explain {
            v["explain"] = serde_json::to_value(&a.explanation).unwrap_or_default();
        }
        v.to_string()
    } else {
        let mut s = a.text();
        if a.answered || a.closest.is_some() {
            s.push_str(&format!(
                "\n(Wikipedia, \"{}\", {})",
                commands::ARTICLE_TITLE,
                commands::LICENSE
            ));
        }
        if opts.explain {
            s.push_str("\n--- why ---\n");
            s.push_str(&a.explain());
        }
        s.push('\n');
        s
    }
}

/// A command's reply, in the same shape as an answer.
fn command_reply(kb: &KnowledgeBase, line: &str, opts: Options) -> Option<String> {
    let text = match line.trim().to_ascii_lowercase().as_str() {
        "/help" => commands::help_text(kb),
        "/sources" => commands::sources_text(kb),
        "/about" => commands::about_text(kb),
        _ => return None,
    };
    Some(if opts.json {
        serde_json::json!({
            "question": line.trim(), "answered": false, "intent": null, "confidence": 1.0,
            "lang": "en", "text": text, "section": null, "citations": [], "suggestions": [],
        })
        .to_string()
    } else {
        format!("{text}\n")
    })
}

/// Reads one line of at most `MAX_LINE_BYTES` (the rest is discarded). `None` at EOF.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    buf.clear();
    let mut truncated = false;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok((!buf.is_empty() || truncated).then_some(truncated));
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = MAX_LINE_BYTES.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        truncated |= take > room;
        input.consume(take);
        if done {
            return Ok(Some(truncated));
        }
    }
}

/// Runs the chat loop. Returns the number of questions answered (`answered: true`).
pub fn run(
    kb: &KnowledgeBase,
    input: &mut impl BufRead,
    out: &mut impl Write,
    opts: Options,
) -> std::io::Result<usize> {
    let mut conv = Conversation::default();
    let mut buf = Vec::new();
    let (mut line_no, mut answered) = (0, 0);
    while let Some(truncated) = read_line(input, &mut buf)? {
        line_no += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(s) => s.to_string(),
            Err(e) if truncated && e.error_len().is_none() => {
                // Cut inside a character: keep the valid part.
                String::from_utf8_lossy(&buf[..e.valid_up_to()]).into_owned()
            }
            Err(_) => {
                let msg = format!("line {line_no} is not valid UTF-8; skipped");
                if opts.json {
                    let lossy = String::from_utf8_lossy(&buf).into_owned();
                    let v = serde_json::json!({
                        "question": lossy, "answered": false, "intent": null, "confidence": 0.0,
                        "lang": "en", "text": msg, "section": null, "citations": [],
                        "suggestions": [], "error": "invalid_utf8",
                    });
                    writeln!(out, "{v}")?;
                } else {
                    writeln!(out, "{msg}\n")?;
                }
                out.flush()?;
                continue;
            }
        };
        let line = if truncated {
            // Make sure the engine sees the line as too long, whatever the cut.
            format!("{line} …")
        } else {
            line
        };
        if let Some(reply) = command_reply(kb, &line, opts) {
            writeln!(out, "{reply}")?;
        } else {
            let a = ask(kb, &line, &mut conv);
            answered += usize::from(a.answered);
            writeln!(out, "{}", render(&a, opts))?;
        }
        out.flush()?;
    }
    Ok(answered)
}
