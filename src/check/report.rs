//! What `check` found, and how it is shown: every finding once, grouped by file and in line
//! order, each as `path:line:column: severity: message` with indented details; then notes,
//! the summary counts and the totals.

use crate::knowledge::KnowledgeError;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem or change, at a place in a knowledge file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// The file's name in the knowledge directory (`facts.toml`).
    pub file: String,
    /// 1-based; 0 when it is about the whole file.
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// Indented lines under it: the nearest sentence, old and new text, what it affects.
    pub details: Vec<String>,
}

impl Finding {
    pub fn new(severity: Severity, file: &str, line: usize, message: String) -> Self {
        Finding {
            severity,
            file: file.to_string(),
            line,
            column: 0,
            message,
            details: Vec::new(),
        }
    }

    pub fn warning(file: &str, line: usize, message: String) -> Self {
        Self::new(Severity::Warning, file, line, message)
    }

    pub fn error(file: &str, line: usize, message: String) -> Self {
        Self::new(Severity::Error, file, line, message)
    }

    /// A knowledge problem is an error, filed under the name of its file.
    pub fn from_problem(e: &KnowledgeError) -> Self {
        let name = Path::new(&e.file)
            .file_name()
            .map_or(e.file.clone(), |n| n.to_string_lossy().into_owned());
        Finding {
            severity: Severity::Error,
            file: name,
            line: e.line,
            column: e.column,
            // A TOML error's second line ("expected `.`") belongs to the first.
            message: (e.message.lines())
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(": "),
            details: Vec::new(),
        }
    }

    pub fn with(mut self, detail: String) -> Self {
        self.details.push(detail);
        self
    }
}

#[derive(Debug, Default)]
pub struct Report {
    /// The knowledge directory (`None`: the knowledge embedded in the binary).
    pub dir: Option<PathBuf>,
    pub findings: Vec<Finding>,
    /// Explanations shown once after the findings.
    pub notes: Vec<String>,
    /// Counts: what was checked and how much of it passed.
    pub summary: Vec<String>,
    /// How the article changed ("3 changes since the baseline (baseline.toml): ..."), when it
    /// did.
    pub article: Option<String>,
}

impl Report {
    pub fn push(&mut self, f: Finding) {
        if !self.findings.contains(&f) {
            self.findings.push(f);
        }
    }

    pub fn note(&mut self, note: &str) {
        if !self.notes.iter().any(|n| n == note) {
            self.notes.push(note.to_string());
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn failed(&self, strict: bool) -> bool {
        self.errors() > 0 || (strict && self.warnings() > 0)
    }

    /// Where a file of the knowledge is, as the user named the directory.
    pub fn path(&self, file: &str) -> String {
        match &self.dir {
            Some(d) => d.join(file).display().to_string(),
            None => file.to_string(),
        }
    }

    pub fn render(&self) -> String {
        let mut s = String::new();
        let mut files: Vec<&str> = Vec::new();
        for f in &self.findings {
            if !files.contains(&f.file.as_str()) {
                files.push(&f.file);
            }
        }
        files.sort_by_key(|f| file_order(f));
        for file in files {
            let mut in_file: Vec<&Finding> =
                self.findings.iter().filter(|f| f.file == file).collect();
            in_file.sort_by_key(|f| (f.line, f.column));
            let count = |sev| in_file.iter().filter(|f| f.severity == sev).count();
            let _ = writeln!(
                s,
                "{}: {}",
                self.path(file),
                counts(count(Severity::Error), count(Severity::Warning))
            );
            for f in in_file {
                let place = match (f.line, f.column) {
                    (0, _) => self.path(&f.file),
                    (l, 0) => format!("{}:{l}", self.path(&f.file)),
                    (l, c) => format!("{}:{l}:{c}", self.path(&f.file)),
                };
                let sev = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let _ = writeln!(s, "  {place}: {sev}: {}", f.message);
                for d in &f.details {
                    let _ = writeln!(s, "      {d}");
                }
            }
            s.push('\n');
        }
        for n in &self.notes {
            let _ = writeln!(s, "note: {n}\n");
        }
        for l in &self.summary {
            let _ = writeln!(s, "{l}");
        }
        let _ = writeln!(
            s,
            "{} error(s), {} warning(s)",
            self.errors(),
            self.warnings()
        );
        s
    }
}

/// Files in the order the knowledge loads them; others after.
fn file_order(file: &str) -> usize {
    crate::knowledge::files::ALL
        .iter()
        .position(|f| *f == file)
        .unwrap_or(usize::MAX)
}

fn counts(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_are_grouped_by_file_in_line_order_and_shown_once() {
        let mut r = Report {
            dir: Some(PathBuf::from("kb")),
            ..Default::default()
        };
        r.push(Finding::error("facts.toml", 9, "b".into()));
        r.push(Finding::warning("article.wikitext", 3, "c".into()).with("old → new".into()));
        r.push(Finding::error("facts.toml", 2, "a".into()));
        r.push(Finding::error("facts.toml", 2, "a".into()));
        let text = r.render();
        let article = text.find("kb/article.wikitext: 1 warning").unwrap();
        let facts = text.find("kb/facts.toml: 2 errors").unwrap();
        assert!(article < facts, "{text}");
        let a = text.find("kb/facts.toml:2: error: a").unwrap();
        let b = text.find("kb/facts.toml:9: error: b").unwrap();
        assert!(a < b && text.matches("error: a").count() == 1, "{text}");
        assert!(text.contains("\n      old → new\n"), "{text}");
        assert!(text.ends_with("2 error(s), 1 warning(s)\n"), "{text}");
        assert!(r.failed(false) && r.failed(true));
    }
}
