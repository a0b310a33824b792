//! Questions about the article's references themselves: who wrote the AI Trends interview,
//! when the BetaKit article was published, the Global News headline, which sources the
//! article cites. A reference is named by its publisher (an entity of a `reference_kinds`
//! kind) or by words of its title that the article's text does not use; what is asked of it
//! are the lexicon's `reference_details`.

use super::compose::{plain, Context};
use super::decide::Decision;
use super::parse::{Cmp, Number, Parsed};
use crate::knowledge::{class, KnowledgeBase};

/// The details an answer can give, in the order it gives them.
const DETAILS: [&str; 6] = ["title", "website", "author", "published", "accessed", "url"];

/// Title words a question must share with a reference to name it without its publisher.
const TITLE_WORDS: usize = 2;

/// A question about one or more references, or the list of all of them.
pub fn decide(kb: &KnowledgeBase, p: &Parsed) -> Option<Decision> {
    // "What did he say in the interview?" asks for its words, not about the reference.
    if p.quotes {
        return None;
    }
    let details = details(kb, p);
    let numbered = numbered(kb, p);
    if !numbered.is_empty() {
        return Some(Decision::Reference {
            refs: numbered,
            details,
        });
    }
    // By its title, a reference is named only where something about it is asked ("when did
    // the massive new centre open?", not "what is Mila's GitHub page?").
    let by_title = !details.is_empty() || p.asks_source;
    let publishers: Vec<usize> = p
        .entities()
        .iter()
        .copied()
        .filter(|&e| kb.lexicon.reference_kinds.contains(&kb.entities[e].kind))
        .collect();
    if publishers.is_empty() && !by_title {
        return None;
    }
    let refs = named(kb, p, &publishers, by_title);
    if !refs.is_empty() {
        return Some(Decision::Reference { refs, details });
    }
    // "Which sources does the article cite?": nothing named, nothing else asked.
    let only_sources = (0..p.words.len()).all(|i| {
        let c = kb.lexicon.class(&p.words[i]);
        c & class::FUNCTION != 0 || kb.lexicon.reference_details.contains_key(&p.words[i])
    });
    if p.asks_source && p.mentions.is_empty() && p.numbers.is_empty() && only_sources {
        let all = kb.references().iter().map(|r| r.n).collect();
        return Some(Decision::Reference {
            refs: all,
            details: Vec::new(),
        });
    }
    None
}

/// The references named by their number ("reference 3", "ref [6]", "source 4"), as the
/// article numbers them.
fn numbered(kb: &KnowledgeBase, p: &Parsed) -> Vec<usize> {
    let source_before = |n: &Number| {
        (n.from.checked_sub(1)).is_some_and(|i| kb.lexicon.sources.contains(&p.words[i]))
    };
    let exists = |v: u64| kb.references().iter().any(|r| r.n as u64 == v);
    p.numbers
        .iter()
        .filter(|n| n.cmp == Cmp::Equal && source_before(n) && exists(n.value))
        .map(|n| n.value as usize)
        .collect()
}

/// The details asked, in [`DETAILS`] order.
fn details(kb: &KnowledgeBase, p: &Parsed) -> Vec<&'static str> {
    let asked: Vec<&String> = (0..p.words.len())
        .filter(|&i| !p.is_named(i))
        .filter_map(|i| kb.lexicon.reference_details.get(&p.words[i]))
        .collect();
    DETAILS
        .into_iter()
        .filter(|d| asked.iter().any(|a| a == d))
        .collect()
}

/// The references the question names: by a publisher's name in their title or website, or
/// by words of their title the article does not use.
fn named(kb: &KnowledgeBase, p: &Parsed, publishers: &[usize], by_title: bool) -> Vec<usize> {
    let mut out = Vec::new();
    let refs = kb.references().iter().zip(&kb.reference_words);
    for ((r, words), text) in refs.zip(&kb.reference_text) {
        let by_publisher = publishers.iter().any(|&e| {
            kb.entities[e]
                .aliases
                .iter()
                .any(|a| !a.is_empty() && text.windows(a.len()).any(|w| w == a.as_slice()))
        });
        let shared = p.words.iter().filter(|w| words.contains(*w)).count();
        if by_publisher || (by_title && shared >= TITLE_WORDS) {
            out.push(r.n);
        }
    }
    out
}

/// The answer: the reference and each detail asked (its date and author when none is), or
/// the list of references.
pub(super) fn compose(cx: Context, refs: Vec<usize>, details: Vec<&'static str>) -> super::Answer {
    let (kb, p) = (cx.kb, cx.p);
    let m = &kb.messages(p.lang).reference;
    let body = match refs.as_slice() {
        [n] => one(kb, m, *n, &details),
        _ => m.list.replace("{count}", &refs.len().to_string()),
    };
    let mut ex = cx.ex;
    ex.intent = Some("reference".into());
    super::Answer {
        answered: true,
        intent: Some("reference".into()),
        confidence: cx.confidence,
        citations: kb.citations(&refs),
        explanation: ex,
        ..plain(kb, cx.question, p.lang, body)
    }
}

fn one(
    kb: &KnowledgeBase,
    m: &crate::knowledge::files::ReferenceMessages,
    n: usize,
    details: &[&str],
) -> String {
    let Some(r) = kb.references().get(n.wrapping_sub(1)) else {
        return String::new();
    };
    let website = r.website.clone().unwrap_or_else(|| host(&r.url));
    let fill = |t: &str| {
        t.replace("{n}", &n.to_string())
            .replace("{title}", &r.title)
            .replace("{website}", &website)
            .replace("{author}", r.author.as_deref().unwrap_or_default())
            .replace("{date}", r.date.as_deref().unwrap_or_default())
            .replace(
                "{access_date}",
                r.access_date.as_deref().unwrap_or_default(),
            )
            .replace("{url}", &r.url)
    };
    let default = ["published", "author"];
    let details = if details.is_empty() {
        &default[..]
    } else {
        details
    };
    let mut out = fill(&m.intro);
    for d in details {
        let t = match *d {
            "author" if r.author.is_some() => &m.author,
            "author" => &m.no_author,
            "published" if r.date.is_some() => &m.published,
            "published" => &m.no_date,
            "accessed" if r.access_date.is_some() => &m.accessed,
            "title" => continue,
            "website" => &m.website,
            "url" => &m.url,
            _ => continue,
        };
        out.push(' ');
        out.push_str(&fill(t));
    }
    out
}

/// The host of a URL, without "www.".
fn host(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host = rest.split('/').next().unwrap_or(rest);
    host.trim_start_matches("www.").to_string()
}
