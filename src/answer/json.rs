//! The JSON contract written straight from an [`Answer`]: byte for byte what `serde_json`
//! writes for its [`JsonAnswer`](super::JsonAnswer), but with strings scanned eight bytes at a
//! time, and each citation escaped once: piped `chat --json` writes one object per question,
//! and the same few references come back answer after answer. `serde_json`'s escaping, byte
//! by byte through the writer, was about a tenth of the chat's time. The tests hold the two to
//! the same bytes.

use super::{Answer, Citation, Piece};

impl Answer {
    /// Appends the answer as one JSON object, without a newline; `explain` adds the
    /// explanation (`--explain`). A [`JsonWriter`] kept between answers is faster.
    pub fn write_json(&self, out: &mut Vec<u8>, explain: bool) {
        JsonWriter::default().write(self, out, explain);
    }
}

/// Writes answers as JSON objects, remembering the JSON of the citations it has written.
#[derive(Debug, Default)]
pub struct JsonWriter {
    cited: Vec<Cited>,
}

/// Citations remembered at most: the article's references, in two languages, fit.
const MAX_CITED: usize = 256;

/// A citation as written, with the label its source line was written with.
#[derive(Debug)]
struct Cited {
    citation: Citation,
    accessed: String,
    /// Its object in `citations`.
    object: Vec<u8>,
    /// Its source line, escaped, as it appears within `text`.
    source_line: Vec<u8>,
}

impl JsonWriter {
    /// Appends the answer as one JSON object, without a newline; `explain` adds the
    /// explanation (`--explain`).
    pub fn write(&mut self, a: &Answer, out: &mut Vec<u8>, explain: bool) {
        let accessed = a.labels.accessed.as_str();
        out.extend_from_slice(b"{\"question\":");
        string(out, &a.question);
        out.extend_from_slice(b",\"answered\":");
        out.extend_from_slice(if a.answered { b"true" } else { b"false" });
        out.extend_from_slice(b",\"intent\":");
        optional(out, a.intent.as_deref());
        out.extend_from_slice(b",\"confidence\":");
        serde(out, &a.rounded_confidence());
        out.extend_from_slice(b",\"lang\":");
        string(out, a.lang.code());
        out.extend_from_slice(b",\"text\":\"");
        a.text_pieces(|piece| match piece {
            Piece::Text(s) => escaped(out, s),
            Piece::Source(c) => self.with_cited(c, accessed, |x| out.extend(&x.source_line)),
        });
        out.extend_from_slice(b"\",\"section\":");
        optional(out, a.section.as_deref());
        out.extend_from_slice(b",\"citations\":[");
        for (i, c) in a.citations.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            self.with_cited(c, accessed, |x| out.extend(&x.object));
        }
        out.extend_from_slice(b"],\"suggestions\":[");
        for (i, s) in a.suggestions.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            string(out, s);
        }
        out.push(b']');
        if explain {
            out.extend_from_slice(b",\"explain\":");
            serde(out, &a.explanation);
        }
        out.push(b'}');
    }

    /// Calls `f` with the citation as written: remembered, or written now (and remembered
    /// while there is room).
    fn with_cited(&mut self, c: &Citation, accessed: &str, f: impl FnOnce(&Cited)) {
        let same = |x: &&Cited| x.citation == *c && x.accessed == accessed;
        if let Some(x) = self.cited.iter().find(same) {
            return f(x);
        }
        let mut line = String::new();
        c.write_source_line(&mut line, accessed);
        let mut source_line = Vec::with_capacity(line.len());
        escaped(&mut source_line, &line);
        let mut object = Vec::new();
        citation(&mut object, c);
        let x = Cited {
            citation: c.clone(),
            accessed: accessed.to_string(),
            object,
            source_line,
        };
        f(&x);
        if self.cited.len() < MAX_CITED {
            self.cited.push(x);
        }
    }
}

/// One citation object, its fields in the order of [`Citation`].
fn citation(out: &mut Vec<u8>, c: &Citation) {
    out.extend_from_slice(b"{\"n\":");
    out.extend_from_slice(itoa::Buffer::new().format(c.n).as_bytes());
    out.extend_from_slice(b",\"title\":");
    string(out, &c.title);
    out.extend_from_slice(b",\"url\":");
    string(out, &c.url);
    out.extend_from_slice(b",\"website\":");
    optional(out, c.website.as_deref());
    out.extend_from_slice(b",\"date\":");
    optional(out, c.date.as_deref());
    out.extend_from_slice(b",\"access_date\":");
    optional(out, c.access_date.as_deref());
    out.push(b'}');
}

/// A value `serde_json` writes (numbers, the explanation), so that they read the same.
fn serde(out: &mut Vec<u8>, value: &impl serde::Serialize) {
    // Writing to a Vec cannot fail, and these values have no map with non-string keys.
    let _ = serde_json::to_writer(out, value);
}

fn optional(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escaped(out, s);
    out.push(b'"');
}

/// Appends the inside of a JSON string, escaped as `serde_json` escapes it: `"`, `\` and the
/// control characters, the common ones by letter (`\n`) and the others as `\u00XX`.
fn escaped(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(i) = next_to_escape(bytes, start) {
        out.extend_from_slice(&bytes[start..i]);
        match bytes[i] {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]);
            }
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Nonzero when one of the eight bytes is `"`, `\` or a control character (exact as a yes or
/// no, not as to which byte): each test is "has a zero byte" on the bytes shifted or flipped.
fn special(eight: &[u8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut word = [0u8; 8];
    word.copy_from_slice(eight);
    let x = u64::from_le_bytes(word);
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x;
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    (below(x, 0x20) | below(quote, 1) | below(backslash, 1)) & HIGH
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The position of the first byte from `from` on that needs escaping. Sixteen bytes at a time
/// (as two `u64`) while none of them does; bytes of multi-byte characters never do.
fn next_to_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 16) {
        let (a, b) = chunk.split_at(8);
        if special(a) | special(b) != 0 {
            break;
        }
        i += 16;
    }
    bytes[i..]
        .iter()
        .position(|&b| needs_escape(b))
        .map(|k| i + k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::{Explanation, Labels, Lang, Passage};

    fn serde_escaped(s: &str) -> Vec<u8> {
        serde_json::to_vec(s).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        let cases = [
            "",
            "plain",
            "a \"quoted\" back\\slash",
            "line\nbreaks\r\n\tand \u{8}\u{c}\u{1f}\u{0}",
            "Université de Montréal — Oríon 🎉 \u{2028} \u{7f}",
            "exactly8",
            "sixteen bytes!!\n",
            "\"\"\"\"\"\"\"\"\"\"",
            &every_ascii,
        ];
        for s in cases {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(out, serde_escaped(s), "{s:?}");
        }
    }

    #[test]
    fn an_answer_is_written_as_serde_json_writes_its_contract() {
        let cite = Citation {
            n: 12,
            title: "A \"title\".".into(),
            url: "https://example.org/a\\b".into(),
            website: Some("example.org".into()),
            date: None,
            access_date: Some("2020-01-01".into()),
        };
        let a = Answer {
            question: "who \"founded\"\tit?".into(),
            answered: true,
            intent: Some("founder".into()),
            confidence: 0.876_54,
            lang: Lang::Fr,
            body: "Body.[12]".into(),
            section: Some("History".into()),
            citations: vec![cite.clone()],
            suggestions: vec!["One?".into(), "Two\n?".into()],
            closest: Some(Passage {
                sentence: "Closest.".into(),
                section: "Intro".into(),
                citations: vec![Citation { n: 3, ..cite }],
                score: 1.0,
            }),
            explanation: Explanation {
                normalized: "who founded it".into(),
                corrections: vec![("fonded".into(), "founded".into(), 0.9)],
                ..Explanation::default()
            },
            labels: Labels {
                closest: "Closest:".into(),
                you_could_ask: "Ask:".into(),
                accessed: "Accessed".into(),
                ..Labels::default()
            }
            .into(),
        };
        for explain in [false, true] {
            let mut json = a.json();
            json.explain = explain.then_some(&a.explanation);
            let mut out = Vec::new();
            a.write_json(&mut out, explain);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&json).unwrap()
            );
        }
        let none = Answer {
            intent: None,
            section: None,
            citations: vec![],
            suggestions: vec![],
            closest: None,
            confidence: 0.0,
            ..a
        };
        let mut out = Vec::new();
        none.write_json(&mut out, false);
        assert_eq!(out, serde_json::to_vec(&none.json()).unwrap());
    }
}
