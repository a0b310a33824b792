//! An intent's regular expression over the normalised question. Normalised text is ASCII
//! words joined by single spaces, so patterns are compiled without Unicode classes: compiling
//! `\b` or `\S` for all of Unicode cost more than the rest of start-up. Every pattern is
//! parsed once, when the knowledge loads (which checks it), and the [`PatternSet`] of all of
//! them is compiled from those syntax trees and matches them in one pass ([`compile_all`],
//! half of start-up, runs beside the rest of the build). A pattern is compiled alone only when
//! a question first needs its span.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::{self, pikevm::PikeVM, WhichCaptures, NFA};
use regex_automata::util::{pool::Pool, syntax};
use regex_automata::{Input, MatchKind, PatternSet as Found};
use regex_syntax::hir::Hir;
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::OnceLock;

/// Largest automaton the patterns may compile to, as `regex` allows by default.
const NFA_SIZE_LIMIT: usize = 10 << 20;

/// Most memory the lazy DFA of all patterns keeps (regex's default is 2 MiB). Its states are
/// sets of states of every pattern at once, so they grow with the patterns: when they outgrow
/// the cache it is cleared over and over, and a question costs ten times as much.
const DFA_CACHE_BYTES: usize = 8 << 20;

#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// A pattern checked by [`compile_all`].
    pub fn new(source: &str) -> Pattern {
        Pattern {
            source: source.to_string(),
            compiled: OnceLock::new(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The first match in `text`, as a byte range.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        let re = self.compiled.get_or_init(|| alone(&self.source));
        re.as_ref()?.find(text.as_bytes()).map(|m| m.range())
    }
}

/// `source` compiled alone, to find its first match as `regex::bytes::Regex` would, but
/// without a lazy DFA: a question is a few dozen bytes, and the DFA's caches were most of the
/// memory each pattern took. Nor with a literal prefilter: extracting the literals of a
/// pattern's alternations and building their searchers (and a reverse automaton for them)
/// was half the cost of compiling it, to skip ahead in a text of a few dozen bytes.
fn alone(source: &str) -> Option<Regex> {
    let config = meta::Config::new()
        .utf8_empty(false)
        .nfa_size_limit(Some(NFA_SIZE_LIMIT))
        .hybrid(false)
        .auto_prefilter(false);
    meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .build(source)
        .ok()
}

/// Parses `source`, which checks it (the error is regex's own message).
fn parse(source: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(source)
        .map_err(|e| e.to_string())
}

/// Every pattern of the knowledge, compiled into one set, with the owner of each.
#[derive(Debug, Default)]
pub struct CompiledPatterns {
    /// `None` if the patterns compile to an automaton too large.
    pub set: Option<PatternSet>,
    /// The owner of the set's `k`-th pattern.
    pub owners: Vec<(usize, usize)>,
}

/// Parses every pattern of `sources` (each given with its owner) and compiles those that parse
/// into one [`PatternSet`]. Those that do not are returned as (position in `sources`, regex's
/// message).
pub fn compile_all(
    sources: &[((usize, usize), String)],
) -> (CompiledPatterns, Vec<(usize, String)>) {
    let mut owners = Vec::with_capacity(sources.len());
    let mut syntax = Vec::with_capacity(sources.len());
    let mut errors = Vec::new();
    for (k, (owner, source)) in sources.iter().enumerate() {
        match parse(source) {
            Ok(hir) => {
                owners.push(*owner);
                syntax.push(hir);
            }
            Err(e) => errors.push((k, e)),
        }
    }
    let set = PatternSet::new(&syntax);
    (CompiledPatterns { set, owners }, errors)
}

type NewCache = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// Many patterns, compiled together to tell which of them match a text, in one pass of a
/// lazy DFA. A `regex::bytes::RegexSet` would parse the patterns again and also build a
/// reverse automaton, literal prefilters and engines that only find match positions, none of
/// which telling *which* patterns match uses: that was a third of start-up.
#[derive(Debug)]
pub struct PatternSet {
    dfa: DFA,
    /// The lazy DFA's caches, one per thread using the set at a time.
    caches: Pool<Cache, NewCache>,
    /// Answers if the lazy DFA gives up (as configured, it never does: no byte makes it quit
    /// and it never stops for clearing its cache too often).
    pikevm: PikeVM,
}

impl PatternSet {
    /// The set of `patterns` (pattern `k` is the `k`-th); `None` if they compile to an
    /// automaton too large.
    pub fn new(patterns: &[Hir]) -> Option<PatternSet> {
        let nfa = thompson::Compiler::new()
            .configure(
                NFA::config()
                    .utf8(false)
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(NFA_SIZE_LIMIT)),
            )
            .build_many_from_hir(patterns)
            .ok()?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(DFA_CACHE_BYTES),
            )
            .build_from_nfa(nfa.clone())
            .ok()?;
        let pikevm = PikeVM::new_from_nfa(nfa).ok()?;
        let for_pool = dfa.clone();
        let caches = Pool::new(Box::new(move || for_pool.create_cache()) as NewCache);
        Some(PatternSet {
            dfa,
            caches,
            pikevm,
        })
    }

    /// The patterns matching somewhere in `text`, in ascending order.
    pub fn matches(&self, text: &str) -> Vec<usize> {
        let input = Input::new(text.as_bytes());
        let mut found = Found::new(self.dfa.pattern_len());
        let searched = {
            let mut cache = self.caches.get();
            // Most questions match no pattern. A search that stops at the first match tells
            // so in the DFA's fast loop; telling which patterns match steps through every
            // state of the text and costs twice as much. Both walk the same states.
            let earliest = input.clone().earliest(true);
            if let Ok(None) = self.dfa.try_search_fwd(&mut cache, &earliest) {
                return Vec::new();
            }
            self.dfa
                .try_which_overlapping_matches(&mut cache, &input, &mut found)
        };
        if searched.is_err() {
            let mut cache = self.pikevm.create_cache();
            self.pikevm
                .which_overlapping_matches(&mut cache, &input, &mut found);
        }
        found.iter().map(|id| id.as_usize()).collect()
    }
}
