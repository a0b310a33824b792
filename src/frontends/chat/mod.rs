//! The stdin chat mode: one question per line until EOF or `/quit`, one conversation, and the
//! chat's commands (see [`commands`]). On a terminal it shows a banner and a prompt; piped, it
//! prints nothing but one reply per line, so the JSON contract is unchanged. Output is flushed
//! only when no further complete line is already buffered: each answer still shows at once
//! when typed, while piped input is answered at full speed. Lines that are not valid UTF-8
//! are reported and skipped; over-long lines are cut at [`MAX_LINE_BYTES`] and refused by the
//! engine.

pub mod commands;
pub mod text;

use crate::answer::{Answer, JsonAnswer, JsonWriter};
use crate::engine::{ask, Conversation};
use crate::knowledge::KnowledgeBase;
use crate::Lang;
use commands::{ChatCommand, Context, Parsed};
use std::io::{BufRead, BufReader, Read, Write};
use text::ChatText;

/// Bytes of one line kept in memory; the rest of a longer line is skipped.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub json: bool,
    pub explain: bool,
    /// Show the banner and a prompt (stdin and stdout are a terminal).
    pub interactive: bool,
}

/// Renders one answer for the terminal or as one JSON line (without the final newline).
pub fn render(a: &Answer, opts: Options) -> String {
    if opts.json {
        let mut out = Vec::new();
        a.write_json(&mut out, opts.explain);
        String::from_utf8_lossy(&out).into_owned()
    } else {
        let mut s = a.text();
        if a.answered || a.closest.is_some() {
            s.push_str(&format!(
                "\n(Wikipedia, \"{}\", {})",
                crate::commands::ARTICLE_TITLE,
                crate::commands::LICENSE
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

/// One line read: the text the engine sees, or why it could not be read.
enum Line {
    Text(String),
    InvalidUtf8(String),
}

fn decode(buf: &mut Vec<u8>, truncated: bool) -> Line {
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    let line = match std::str::from_utf8(buf) {
        Ok(s) => s.to_string(),
        // Cut inside a character: keep the valid part.
        Err(e) if truncated && e.error_len().is_none() => {
            String::from_utf8_lossy(&buf[..e.valid_up_to()]).into_owned()
        }
        Err(_) => return Line::InvalidUtf8(String::from_utf8_lossy(buf).into_owned()),
    };
    // Make sure the engine sees a cut line as too long, whatever the cut.
    Line::Text(if truncated {
        format!("{line} …")
    } else {
        line
    })
}

/// Runs the chat loop until EOF or `/quit`. Returns the number of questions answered
/// (`answered: true`).
pub fn run<R: Read>(
    kb: &KnowledgeBase,
    text: &ChatText,
    input: &mut BufReader<R>,
    out: &mut impl Write,
    opts: Options,
) -> std::io::Result<usize> {
    let mut chat = Session {
        kb,
        text,
        out,
        opts,
        conv: Conversation::default(),
        last: None,
        answered: 0,
        line: Vec::new(),
        json: JsonWriter::default(),
    };
    if opts.interactive {
        let banner = &text.get(Lang::En).banner;
        let banner = banner.replace("{version}", env!("CARGO_PKG_VERSION"));
        writeln!(chat.out, "{banner}")?;
    }
    let (mut buf, mut line_no) = (Vec::new(), 0);
    loop {
        if opts.interactive {
            write!(chat.out, "{}", text.get(chat.lang()).prompt)?;
            chat.out.flush()?;
        }
        let Some(truncated) = read_line(input, &mut buf)? else {
            if opts.interactive {
                writeln!(chat.out)?; // Ctrl-D: leave the shell's prompt on a line of its own
            }
            break;
        };
        line_no += 1;
        let go_on = chat.reply(decode(&mut buf, truncated), line_no)?;
        flush_unless_more(input, chat.out)?;
        if !go_on {
            break;
        }
    }
    chat.out.flush()?;
    Ok(chat.answered)
}

/// One chat: its conversation, the last answer (for `/why`) and where replies go.
struct Session<'a, W: Write> {
    kb: &'a KnowledgeBase,
    text: &'a ChatText,
    out: &'a mut W,
    opts: Options,
    conv: Conversation,
    last: Option<Answer>,
    answered: usize,
    /// The JSON line being written, kept between answers for its capacity.
    line: Vec<u8>,
    json: JsonWriter,
}

impl<W: Write> Session<'_, W> {
    /// The language of the last question (English before any).
    fn lang(&self) -> Lang {
        self.last.as_ref().map_or(Lang::En, |a| a.lang)
    }

    /// Replies to one line of input. False when the chat ends (`/quit`).
    fn reply(&mut self, line: Line, line_no: usize) -> std::io::Result<bool> {
        let line = match line {
            Line::Text(line) => line,
            Line::InvalidUtf8(lossy) => {
                let msg = format!("line {line_no} is not valid UTF-8; skipped");
                let mut json = JsonAnswer::reply(&lossy, Lang::En, &msg, 0.0);
                json.error = Some("invalid_utf8");
                self.write_reply(&json)?;
                return Ok(true);
            }
        };
        let Some(parsed) = commands::parse(&line) else {
            let a = ask(self.kb, &line, &mut self.conv);
            self.answered += usize::from(a.answered);
            if self.opts.json {
                self.line.clear();
                self.json.write(&a, &mut self.line, self.opts.explain);
                self.line.push(b'\n');
                self.out.write_all(&self.line)?;
            } else {
                writeln!(self.out, "{}", render(&a, self.opts))?;
            }
            self.last = Some(a);
            return Ok(true);
        };
        let cx = Context {
            kb: self.kb,
            text: self.text,
            lang: self.lang(),
            last: self.last.as_ref(),
        };
        let text = commands::reply(parsed, &cx);
        self.write_reply(&JsonAnswer::reply(line.trim(), cx.lang, &text, 1.0))?;
        Ok(parsed != Parsed::Command(ChatCommand::Quit))
    }

    /// A reply that is not an answer: the JSON contract with `--json`, else its text.
    fn write_reply(&mut self, json: &JsonAnswer<'_>) -> std::io::Result<()> {
        if self.opts.json {
            serde_json::to_writer(&mut *self.out, json).map_err(std::io::Error::from)?;
            writeln!(self.out)
        } else {
            writeln!(self.out, "{}\n", json.text)
        }
    }
}

/// Flushes unless a further complete line is already buffered (it is answered first).
fn flush_unless_more<R: Read>(input: &BufReader<R>, out: &mut impl Write) -> std::io::Result<()> {
    if input.buffer().contains(&b'\n') {
        Ok(())
    } else {
        out.flush()
    }
}

#[cfg(test)]
mod tests;
