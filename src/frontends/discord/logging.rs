//! Logging for `mila-bot discord`: text for people or JSON for machines, one line per event, to
//! stderr. Colour only when stderr is a terminal and `NO_COLOR` is unset; otherwise no escape
//! character ever reaches the log (a value holding one is escaped), so files and journald stay
//! clean.

use crate::config::LogFormat;
use std::io::{self, IsTerminal as _, Write};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber. `RUST_LOG`, when set and valid, overrides `level`.
pub fn init(format: LogFormat, level: &str) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(level))
        .unwrap_or_else(|_| EnvFilter::new(crate::config::DEFAULT_LOG_LEVEL));
    let colour = colour_wanted(io::stderr().is_terminal(), std::env::var_os("NO_COLOR"));
    let writer = OneLine { escape: !colour };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    let _ = match format {
        LogFormat::Text => builder.with_ansi(colour).try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .with_ansi(false)
            .try_init(),
    };
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to a non-empty value
/// (<https://no-color.org>).
pub fn colour_wanted(is_terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty())
}

/// Writes each formatted event to stderr as exactly one line: interior line breaks (a multi-line
/// error message) become `\n`, and with `escape` other control characters become `\u{..}`.
#[derive(Debug, Clone, Copy)]
pub struct OneLine {
    escape: bool,
}

impl<'a> MakeWriter<'a> for OneLine {
    type Writer = EventWriter;
    fn make_writer(&'a self) -> Self::Writer {
        EventWriter {
            escape: self.escape,
        }
    }
}

/// One event's writer: the fmt layer writes a whole formatted event in one call.
pub struct EventWriter {
    escape: bool,
}

impl Write for EventWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let line = one_line(&text, self.escape);
        io::stderr().lock().write_all(line.as_bytes())?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}

/// `event` as one line ending in `\n`.
pub fn one_line(event: &str, escape: bool) -> String {
    let body = event.trim_end_matches(['\n', '\r']);
    let mut out = String::with_capacity(body.len() + 1);
    for c in body.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            c if escape && c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multi_line_event_becomes_one_line() {
        let out = one_line(
            "WARN reload failed: facts.toml line 3\n  expected `=`\n",
            true,
        );
        assert_eq!(
            out,
            "WARN reload failed: facts.toml line 3\\n  expected `=`\n"
        );
        assert_eq!(out.matches('\n').count(), 1);
    }

    #[test]
    fn escape_characters_are_escaped_unless_colour_is_on() {
        let coloured = "\u{1b}[33m WARN\u{1b}[0m x\n";
        assert!(!one_line(coloured, true).contains('\u{1b}'));
        assert!(one_line(coloured, true).contains("\\u{1b}[33m"));
        assert_eq!(one_line(coloured, false), coloured);
    }

    #[test]
    fn colour_needs_a_terminal_and_no_no_color() {
        assert!(colour_wanted(true, None));
        assert!(colour_wanted(true, Some("".into())));
        assert!(!colour_wanted(true, Some("1".into())));
        assert!(!colour_wanted(false, None));
    }
}
