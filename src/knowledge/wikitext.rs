//! Reads the article's wikitext: sections, plain-text sentences and the references attached to
//! each, numbered as Wikipedia numbers them (order of first appearance; a named ref reused keeps
//! its number). Pure functions over a string.

use std::collections::HashMap;

/// A `{{Cite ...}}` reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub n: usize,
    pub name: Option<String>,
    pub title: String,
    pub url: String,
    pub website: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub access_date: Option<String>,
}

/// One plain-text sentence of the article (or one infobox field), with its section and the
/// numbers of the references attached to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub section: String,
    pub text: String,
    pub refs: Vec<usize>,
    /// 1-based line of the article where the sentence starts.
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Article {
    pub sentences: Vec<Sentence>,
    pub references: Vec<Reference>,
}

/// A problem in the article, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleError {
    pub line: usize,
    pub message: String,
}

pub const LEAD_SECTION: &str = "Introduction";
pub const INFOBOX_SECTION: &str = "Infobox";
/// The section of the references' titles, which are sentences of the article too ("Fathers
/// of the Deep Learning revolution receive 2018 ACM A.M. Turing Award").
pub const REFERENCES_SECTION: &str = "References";
const MARK_OPEN: char = '\u{1}';
const MARK_CLOSE: char = '\u{2}';

/// Parses the whole article; the first problem fails it.
pub fn parse(src: &str) -> Result<Article, ArticleError> {
    let (article, mut errors) = parse_all(src);
    if errors.is_empty() {
        Ok(article)
    } else {
        Err(errors.swap_remove(0))
    }
}

/// Parses the whole article, going on past a line with a broken reference (its sentences are
/// kept, without references), and returns every problem with the article.
pub fn parse_all(src: &str) -> (Article, Vec<ArticleError>) {
    let mut errors = Vec::new();
    // The marker characters must not come from the article itself.
    let src = &src.replace([MARK_OPEN, MARK_CLOSE], "");
    let mut refs = RefTable::default();
    let mut sentences = Vec::new();
    let mut section = LEAD_SECTION.to_string();
    let lines: Vec<&str> = src.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line_no = i + 1;
        let raw = lines[i];
        let trimmed = raw.trim();
        i += 1;
        if let Some(h) = heading(trimmed) {
            section = h;
            continue;
        }
        if trimmed.starts_with("{{") && trimmed.to_ascii_lowercase().starts_with("{{infobox") {
            for (k, v) in template_params(trimmed.trim_start_matches("{{").trim_end_matches("}}")) {
                let v = plain(&v);
                if !k.is_empty() && !v.is_empty() && !k.contains("wikidata") && v != "ALL" {
                    sentences.push(Sentence {
                        section: INFOBOX_SECTION.into(),
                        text: format!("{k}: {v}"),
                        refs: vec![],
                        line: line_no,
                    });
                }
            }
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with("{{") || trimmed.starts_with("[[Category:") {
            continue;
        }
        // A paragraph line, with the bullet items that follow it joined on.
        let mut para = if let Some(item) = trimmed.strip_prefix('*') {
            item.trim().to_string()
        } else {
            trimmed.to_string()
        };
        let is_list_intro = trimmed.ends_with(':');
        while is_list_intro && i < lines.len() && lines[i].trim_start().starts_with('*') {
            let item = lines[i].trim_start().trim_start_matches('*').trim();
            para.push_str(if para.ends_with(':') { " " } else { "; " });
            para.push_str(item);
            i += 1;
        }
        let marked = refs.extract(&para).unwrap_or_else(|message| {
            errors.push(ArticleError {
                line: line_no,
                message,
            });
            without_ref_tags(&para)
        });
        for (text, nums) in split_sentences(&plain(&marked)) {
            sentences.push(Sentence {
                section: section.clone(),
                text,
                refs: nums,
                line: line_no,
            });
        }
    }
    let article = Article {
        sentences,
        references: refs.list,
    };
    (article, errors)
}

impl Article {
    /// The references' titles as sentences of their own, in the section
    /// [`REFERENCES_SECTION`], each citing its reference: what the bot may quote and facts may
    /// rest on ("receive 2018 ACM A.M. Turing Award"). Their line is that of the first
    /// sentence citing them.
    pub fn with_reference_titles(mut self) -> Article {
        for r in &self.references {
            let line = self
                .sentences
                .iter()
                .find(|s| s.refs.contains(&r.n))
                .map_or(0, |s| s.line);
            self.sentences.push(Sentence {
                section: REFERENCES_SECTION.into(),
                text: r.title.clone(),
                refs: vec![r.n],
                line,
            });
        }
        self
    }
}

/// A line whose references do not parse, with its `<ref>` tags removed (their `{{Cite}}`
/// bodies go with the templates), so that its sentences can still be read.
fn without_ref_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let open = find_ref_tag(rest);
        let close = rest.find("</ref");
        let at = match (open, close) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        out.push_str(&rest[..at]);
        match rest[at..].find('>') {
            Some(end) => rest = &rest[at + end + 1..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn heading(line: &str) -> Option<String> {
    let inner = line.strip_prefix("==")?.strip_suffix("==")?;
    Some(inner.trim_matches('=').trim().to_string())
}

#[derive(Default)]
struct RefTable {
    list: Vec<Reference>,
    by_name: HashMap<String, usize>,
}

impl RefTable {
    /// Replaces every `<ref>` in `text` with a marker carrying its number.
    fn extract(&mut self, text: &str) -> Result<String, String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = find_ref_tag(rest) {
            out.push_str(&rest[..start]);
            let after = &rest[start..];
            let tag_end = after
                .find('>')
                .ok_or_else(|| "unclosed <ref tag".to_string())?;
            let tag = &after[..=tag_end];
            let name = attr(tag, "name");
            let n = if tag.ends_with("/>") {
                rest = &after[tag_end + 1..];
                let name = name.ok_or("a <ref /> without a name")?;
                *self
                    .by_name
                    .get(&name)
                    .ok_or_else(|| format!("<ref name=\"{name}\" /> used before it is defined"))?
            } else {
                let body_end = after
                    .find("</ref>")
                    .ok_or_else(|| "a <ref> without </ref>".to_string())?;
                let body = &after[tag_end + 1..body_end];
                // The `</ref>` found closes a later `<ref>`: this one was never closed.
                if find_ref_tag(body).is_some() {
                    return Err("a <ref> without </ref>".into());
                }
                rest = &after[body_end + "</ref>".len()..];
                self.add(name, body)?
            };
            out.push(MARK_OPEN);
            out.push_str(&n.to_string());
            out.push(MARK_CLOSE);
        }
        out.push_str(rest);
        Ok(out)
    }

    fn add(&mut self, name: Option<String>, body: &str) -> Result<usize, String> {
        if let Some(n) = name.as_ref().and_then(|nm| self.by_name.get(nm)) {
            return Ok(*n);
        }
        let inner = body.trim();
        let inner = inner
            .strip_prefix("{{")
            .and_then(|s| s.strip_suffix("}}"))
            .ok_or_else(|| format!("reference is not a {{{{Cite ...}}}} template: {inner}"))?;
        let params: HashMap<String, String> = template_params(inner).into_iter().collect();
        let get = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| params.get(*k).filter(|v| !v.is_empty()).cloned())
        };
        let n = self.list.len() + 1;
        let title = get(&["title"]).ok_or_else(|| format!("reference {n} has no title"))?;
        let url = get(&["url"]).ok_or_else(|| format!("reference {n} has no url"))?;
        let author = match (get(&["last", "last1"]), get(&["first", "first1"])) {
            (Some(l), Some(f)) => Some(format!("{f} {l}")),
            (Some(l), None) => Some(l),
            _ => get(&["author", "author1"]),
        };
        self.list.push(Reference {
            n,
            name: name.clone(),
            title: plain(&title),
            url,
            website: get(&["website", "work", "publisher", "newspaper"]).map(|w| plain(&w)),
            author,
            date: get(&["date"]),
            access_date: get(&["access-date", "accessdate"]),
        });
        if let Some(nm) = name {
            self.by_name.insert(nm, n);
        }
        Ok(n)
    }
}

/// Start of the next `<ref>` / `<ref name=...>` tag (not `<references />`).
fn find_ref_tag(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("<ref") {
        let at = from + i;
        match s[at + 4..].chars().next() {
            Some('>' | ' ' | '/' | '\t') => return Some(at),
            _ => from = at + 4,
        }
    }
    None
}

fn attr(tag: &str, key: &str) -> Option<String> {
    let at = tag.find(&format!("{key}="))? + key.len() + 1;
    let v = &tag[at..];
    let v = v.trim_start_matches(['"', '\'']);
    let end = v.find(['"', '\'', ' ', '/', '>']).unwrap_or(v.len());
    Some(v[..end].to_string()).filter(|s| !s.is_empty())
}

/// Splits a template's inside (`Cite web|url=...|title=...`) into `(key, value)` pairs at
/// top-level pipes; `{{!}}` in a value becomes `|`. The template name is skipped.
pub fn template_params(inner: &str) -> Vec<(String, String)> {
    let mut parts = Vec::new();
    let (mut depth, mut cur) = (0i32, String::new());
    let chars: Vec<char> = inner.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if (c == '{' || c == '[') && next == Some(c) {
            depth += 1;
            cur.push(c);
            cur.push(c);
            i += 2;
            continue;
        }
        if (c == '}' || c == ']') && next == Some(c) {
            depth -= 1;
            cur.push(c);
            cur.push(c);
            i += 2;
            continue;
        }
        if c == '|' && depth == 0 {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
        i += 1;
    }
    parts.push(cur);
    parts
        .into_iter()
        .skip(1)
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_ascii_lowercase(),
                v.trim().replace("{{!}}", "|"),
            ))
        })
        .collect()
}

/// Wikitext to plain text: links render as their labels, bold/italic quotes and templates go.
pub fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[[") {
            if let Some(end) = r.find("]]") {
                let inner = &r[..end];
                out.push_str(inner.rsplit('|').next().unwrap_or(inner));
                rest = &r[end + 2..];
                continue;
            }
        }
        if let Some(r) = rest.strip_prefix("{{") {
            if let Some(end) = r.find("}}") {
                if &r[..end] == "!" {
                    out.push('|');
                }
                rest = &r[end + 2..];
                continue;
            }
        }
        if let Some(r) = rest.strip_prefix("[http") {
            if let Some(end) = r.find(']') {
                let inner = &r[..end];
                match inner.split_once(' ') {
                    Some((url, label)) => out.push_str(&format!("{label} (http{url})")),
                    None => out.push_str(&format!("http{inner}")),
                }
                rest = &r[end + 1..];
                continue;
            }
        }
        if let Some(r) = rest.strip_prefix("''") {
            rest = r.trim_start_matches('\'');
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads the reference marker starting at `chars[at]` into `nums`; returns the index after it.
fn read_marker(chars: &[char], at: usize, nums: &mut Vec<usize>) -> usize {
    let end = chars[at..]
        .iter()
        .position(|&c| c == MARK_CLOSE)
        .map_or(chars.len(), |p| at + p);
    let n: String = chars[at + 1..end].iter().collect();
    if let Ok(n) = n.parse::<usize>() {
        if !nums.contains(&n) {
            nums.push(n);
        }
    }
    end + 1
}

/// Splits marked plain text into sentences, each with the reference numbers inside it or right
/// after its final punctuation.
fn split_sentences(text: &str) -> Vec<(String, Vec<usize>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut cur, mut nums, mut i) = (String::new(), Vec::new(), 0);
    while i < chars.len() {
        let c = chars[i];
        if c == MARK_OPEN {
            i = read_marker(&chars, i, &mut nums);
            continue;
        }
        cur.push(c);
        i += 1;
        if matches!(c, '.' | '!' | '?') {
            // Swallow the markers that follow the punctuation.
            let mut j = i;
            while j < chars.len() && chars[j] == MARK_OPEN {
                j = read_marker(&chars, j, &mut nums);
            }
            let next_visible = chars[j..].iter().find(|c| !c.is_whitespace());
            let boundary = j == chars.len()
                || (chars[j].is_whitespace() && next_visible.is_none_or(|c| c.is_uppercase()));
            i = j;
            if boundary {
                out.push((cur.trim().to_string(), std::mem::take(&mut nums)));
                cur.clear();
            }
        }
    }
    if !cur.trim().is_empty() {
        out.push((cur.trim().to_string(), nums));
    }
    out.retain(|(s, _)| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ART: &str = "{{infobox x | fetchwikidata=ALL|location=[[Little Italy, Montreal|Little Italy]], [[Montreal]]}}\n\
'''Mila''' is in [[Montreal]]. It had 500 people.<ref>{{Cite web|url=https://a.example/|title=A {{!}} B|website=a.example|access-date=2020-07-26}}</ref>\n\
== History ==\n\
Founded as X<ref name=\"x\">{{Cite web|title=X|url=https://x.example}}</ref> in 1993.<ref name=\"x\" />\n\
Topics include:\n* [[deep learning]]\n* vision\n";

    #[test]
    fn references_are_numbered_in_order_and_decoded() {
        let a = parse(ART).unwrap();
        assert_eq!(a.references.len(), 2);
        assert_eq!(a.references[0].title, "A | B");
        assert_eq!(a.references[0].access_date.as_deref(), Some("2020-07-26"));
        assert_eq!(a.references[1].n, 2);
    }

    #[test]
    fn sentences_carry_their_refs_and_sections() {
        let a = parse(ART).unwrap();
        let find = |t: &str| a.sentences.iter().find(|s| s.text.contains(t)).unwrap();
        assert_eq!(find("Mila is in Montreal").refs, Vec::<usize>::new());
        assert_eq!(find("500 people").refs, vec![1]);
        assert_eq!(find("Founded as X in 1993.").refs, vec![2]);
        assert_eq!(find("Founded as X").section, "History");
        assert_eq!(find("Little Italy").section, INFOBOX_SECTION);
        assert_eq!(find("Topics").text, "Topics include: deep learning; vision");
    }

    #[test]
    fn broken_refs_are_reported_with_a_line() {
        let e = parse("a\nb <ref>{{Cite web|url=u}}</ref>\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("no title"), "{}", e.message);
        assert!(parse("x <ref>unclosed\n").is_err());
        let e = parse("x<ref>{{Cite web|url=u|title=t}} y.<ref>{{Cite web|url=v|title=w}}</ref>\n")
            .unwrap_err();
        assert!(e.message.contains("without </ref>"), "{}", e.message);
        assert!(parse("x <ref name=\"q\" />\n").is_err());
    }

    #[test]
    fn a_broken_line_keeps_its_sentences_and_every_problem_is_returned() {
        let src = "A is one.<ref>{{Cite web|url=u|title=T}}\nB is two.<ref>{{Cite web|url=v}}</ref>\nC is three.<ref>{{Cite web|url=w|title=W}}</ref>\n";
        let (a, errors) = parse_all(src);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2]);
        let texts: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["A is one.", "B is two.", "C is three."]);
        assert_eq!(a.sentences[2].refs, [1]);
    }

    #[test]
    fn plain_renders_links_as_labels() {
        assert_eq!(
            plain("[[Little Italy, Montreal|Little Italy]]"),
            "Little Italy"
        );
        assert_eq!(plain("''Montreal Institute''"), "Montreal Institute");
        assert_eq!(
            plain("* [https://mila.quebec/en/ Mila]"),
            "* Mila (https://mila.quebec/en/)"
        );
    }
}
