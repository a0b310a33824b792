//! An intent's regular expression over the normalised question. Normalised text is ASCII
//! words joined by single spaces, so patterns are compiled without Unicode classes: compiling
//! `\b` or `\S` for all of Unicode cost more than the rest of start-up. A pattern is checked
//! when the knowledge loads and compiled alone only when a question first needs its span; the
//! [`CueIndex`](super::CueIndex) matches all of them in one pass.

use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// Checks the syntax (the error is regex's own message); compiling waits for first use.
    pub fn new(source: &str) -> Result<Pattern, String> {
        regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(source)
            .map_err(|e| e.to_string())?;
        Ok(Pattern {
            source: source.to_string(),
            compiled: OnceLock::new(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The first match in `text`, as a byte range.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        let re = self
            .compiled
            .get_or_init(|| RegexBuilder::new(&self.source).unicode(false).build().ok());
        re.as_ref()?.find(text.as_bytes()).map(|m| m.range())
    }
}

/// All of `patterns` in one set, compiled like [`Pattern`]; `None` if one does not compile.
pub fn set<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Option<RegexSet> {
    RegexSetBuilder::new(patterns).unicode(false).build().ok()
}
