//! `mila-bot eval` and `mila-bot bench`: run a question file in-process, grade it the way
//! `shared/eval/grade.py` does, and measure `ask`'s latency.

use crate::answer::Answer;
use crate::engine::{ask, Conversation};
use crate::knowledge::KnowledgeBase;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One case of a question file (`dev.jsonl` format; `intent` is optional and ours).
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub q: String,
    pub answered: bool,
    #[serde(default)]
    pub all: Vec<String>,
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub not: Vec<String>,
    #[serde(default)]
    pub cite: Vec<String>,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(default)]
    pub tag: String,
    #[serde(default)]
    pub intent: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CaseError {
    pub line: usize,
    pub message: String,
}

pub fn parse_cases(text: &str) -> Result<Vec<Case>, CaseError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| CaseError {
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

/// The questions of a file (only the `q` field is needed).
pub fn questions(text: &str) -> anyhow::Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Q {
        q: String,
    }
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Ok(serde_json::from_str::<Q>(l)?.q))
        .collect()
}

/// The grader's matching: no case, accents or punctuation.
pub fn norm(s: &str) -> String {
    let s: String = s
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'");
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || "'./".contains(c) {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

fn norm_url(u: &str) -> String {
    let u = u.trim().to_lowercase();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(&u);
    u.trim_end_matches('/').to_string()
}

/// Why an answer fails its case (empty: it passes).
pub fn judge(case: &Case, a: &Answer) -> Vec<String> {
    let mut why = Vec::new();
    let text = norm(&a.text());
    if a.answered != case.answered {
        why.push(format!("answered={}", a.answered));
    }
    if case.answered {
        for s in &case.all {
            if !text.contains(&norm(s)) {
                why.push(format!("missing {s:?}"));
            }
        }
        if !case.any.is_empty() && !case.any.iter().any(|s| text.contains(&norm(s))) {
            why.push(format!("none of {:?}", case.any));
        }
        if !case.cite.is_empty() {
            let got: Vec<String> = a.citations.iter().map(|c| norm_url(&c.url)).collect();
            if !case.cite.iter().any(|u| got.contains(&norm_url(u))) {
                why.push("wrong/missing citation".into());
            }
        }
    }
    for s in &case.not {
        if text.contains(&norm(s)) {
            why.push(format!("says {s:?}"));
        }
    }
    if let (Some(want), true) = (&case.intent, case.answered) {
        if a.intent.as_deref() != Some(want.as_str()) {
            why.push(format!("intent {:?}, expected {want:?}", a.intent));
        }
    }
    why
}

#[derive(Debug, Default)]
pub struct Report {
    pub total: usize,
    pub passed: usize,
    pub unknown_answered: usize,
    pub by_tag: BTreeMap<String, (usize, usize)>,
    pub by_intent: BTreeMap<String, (usize, usize)>,
    /// (expected intent, matched intent) -> count, for cases that name an intent.
    pub confusion: BTreeMap<(String, String), usize>,
    pub failures: Vec<(String, String, Vec<String>, String)>,
    pub latencies_ns: Vec<u128>,
}

impl Report {
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        100.0 * self.passed as f64 / self.total as f64
    }

    fn percentile(&self, p: f64) -> f64 {
        percentile(&self.latencies_ns, p)
    }

    pub fn render(&self) -> String {
        let mut s = String::new();
        for (f_tag, q, why, text) in &self.failures {
            let _ = writeln!(
                s,
                "FAIL [{f_tag}] {q:?}: {} :: {:?}",
                why.join("; "),
                text.chars().take(160).collect::<String>()
            );
        }
        let _ = writeln!(s, "by tag:");
        for (t, (ok, n)) in &self.by_tag {
            let _ = writeln!(s, "  {t:20} {ok}/{n}");
        }
        let _ = writeln!(
            s,
            "by intent (matched, or expected where the case names one):"
        );
        for (t, (ok, n)) in &self.by_intent {
            let _ = writeln!(s, "  {t:20} {ok}/{n}");
        }
        let confused: Vec<_> = self.confusion.iter().filter(|((a, b), _)| a != b).collect();
        if !confused.is_empty() {
            let _ = writeln!(s, "confusion (expected -> matched):");
            for ((a, b), n) in confused {
                let _ = writeln!(s, "  {a} -> {b}: {n}");
            }
        }
        let _ = writeln!(
            s,
            "latency p50 {:.1} µs, p99 {:.1} µs",
            self.percentile(0.5) / 1000.0,
            self.percentile(0.99) / 1000.0
        );
        let _ = writeln!(
            s,
            "score {}/{} ({:.1}%) unknown-false-answers {}",
            self.passed,
            self.total,
            self.percent(),
            self.unknown_answered
        );
        s
    }

    pub fn to_json(&self) -> serde_json::Value {
        let pairs = |m: &BTreeMap<String, (usize, usize)>| {
            m.iter()
                .map(|(k, (ok, n))| (k.clone(), serde_json::json!({"passed": ok, "total": n})))
                .collect::<serde_json::Map<_, _>>()
        };
        serde_json::json!({
            "total": self.total,
            "passed": self.passed,
            "percent": self.percent(),
            "unknown_false_answers": self.unknown_answered,
            "by_tag": pairs(&self.by_tag),
            "by_intent": pairs(&self.by_intent),
            "confusion": self.confusion.iter().map(|((a, b), n)| serde_json::json!({"expected": a, "matched": b, "count": n})).collect::<Vec<_>>(),
            "failures": self.failures.iter().map(|(t, q, why, text)| serde_json::json!({"tag": t, "q": q, "why": why, "text": text})).collect::<Vec<_>>(),
            "latency_us": {"p50": self.percentile(0.5) / 1000.0, "p99": self.percentile(0.99) / 1000.0},
        })
    }
}

fn percentile(v: &[u128], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    let mut s = v.to_vec();
    s.sort_unstable();
    let i = ((s.len() as f64 - 1.0) * p).round() as usize;
    s[i.min(s.len() - 1)] as f64
}

/// Runs every case: standalone cases each in a fresh conversation, sessions in order.
pub fn run(kb: &KnowledgeBase, text: &str) -> Result<Report, CaseError> {
    let cases = parse_cases(text)?;
    let mut report = Report::default();
    let mut sessions: BTreeMap<String, Conversation> = BTreeMap::new();
    for case in &cases {
        let mut fresh = Conversation::default();
        let conv = match &case.session {
            Some(s) => sessions.entry(s.clone()).or_default(),
            None => &mut fresh,
        };
        let t = Instant::now();
        let a = ask(kb, &case.q, conv);
        report.latencies_ns.push(t.elapsed().as_nanos());
        let why = judge(case, &a);
        let ok = why.is_empty();
        report.total += 1;
        report.passed += usize::from(ok);
        report.unknown_answered += usize::from(!case.answered && a.answered);
        let tag = report.by_tag.entry(case.tag.clone()).or_default();
        tag.0 += usize::from(ok);
        tag.1 += 1;
        let matched = a
            .intent
            .clone()
            .filter(|_| a.answered)
            .unwrap_or_else(|| "(none)".into());
        let key = case.intent.clone().unwrap_or_else(|| matched.clone());
        let i = report.by_intent.entry(key.clone()).or_default();
        i.0 += usize::from(ok);
        i.1 += 1;
        if case.intent.is_some() {
            *report.confusion.entry((key, matched)).or_default() += 1;
        }
        if !ok {
            report
                .failures
                .push((case.tag.clone(), case.q.clone(), why, a.text()));
        }
    }
    Ok(report)
}

/// How many of the slowest questions `bench` names.
const SLOWEST: usize = 5;

/// Times `ask` over `questions`, `rounds` times each (fresh conversation per question), and
/// names the slowest questions by median.
pub fn bench(kb: &KnowledgeBase, questions: &[String], rounds: usize) -> String {
    let rounds = rounds.max(1);
    let mut per_q: Vec<Vec<u128>> = vec![Vec::with_capacity(rounds); questions.len()];
    let start = Instant::now();
    for _ in 0..rounds {
        for (q, lat) in questions.iter().zip(per_q.iter_mut()) {
            let t = Instant::now();
            let a = ask(kb, q, &mut Conversation::default());
            lat.push(t.elapsed().as_nanos());
            std::hint::black_box(a);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let all: Vec<u128> = per_q.iter().flatten().copied().collect();
    let mut medians: Vec<(f64, &String)> = per_q
        .iter()
        .zip(questions)
        .map(|(lat, q)| (percentile(lat, 0.5), q))
        .collect();
    medians.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slowest: Vec<String> = medians
        .iter()
        .take(SLOWEST)
        .map(|(m, q)| format!("{:.1} µs {q:?}", m / 1000.0))
        .collect();
    format!(
        "{} questions x {} rounds: {:.0} questions/s, p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs; slowest medians: {}",
        questions.len(),
        rounds,
        all.len() as f64 / secs.max(1e-9),
        percentile(&all, 0.5) / 1000.0,
        percentile(&all, 0.99) / 1000.0,
        all.iter().max().copied().unwrap_or(0) as f64 / 1000.0,
        slowest.join(", "),
    )
}
