//! Step 2: from a normalised question to what the engine reasons about: corrected words, the
//! entities named (longest alias first), names the article does not cover, numbers, the
//! language, the question word, pronouns, first/second person, and whether it is a yes/no
//! question.

use crate::answer::Lang;
use crate::knowledge::{class, KnowledgeBase, Word};
use crate::nlu::{Cue, CueSet};
use rustc_hash::FxHashSet;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

/// Something named in the question: `words[start..end]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub what: Named,
    pub start: usize,
    pub end: usize,
    pub similarity: f64,
}

impl Mention {
    /// The knowledge entity it names, if it names one.
    pub fn entity(&self) -> Option<usize> {
        match self.what {
            Named::Entity(e) => Some(e),
            Named::External(_) => None,
        }
    }

    /// Whether it names a person: an entity of the article or a name it does not cover.
    pub fn is_person(&self, kb: &KnowledgeBase) -> bool {
        match &self.what {
            Named::Entity(e) => kb.is_person(*e),
            Named::External(kind) => kb.lexicon.person_kinds.contains(kind),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Named {
    /// An entity of the knowledge.
    Entity(usize),
    /// A name the article does not cover, with its kind ("Toronto": place).
    External(String),
}

/// A number in the question, and how it is compared ("more than 100").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// Where the number starts: its comparison ("more than"), if any, or the number itself.
    pub from: usize,
    pub at: usize,
    pub value: u64,
    pub cmp: Cmp,
    /// Followed by what it counts ("1000 researchers"): a quantity even in a year's range.
    pub counted: bool,
    /// The words of a comparison after it ("or more"): where they start and how many.
    pub tail: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Equal,
    More,
    Less,
    /// A decade: "the 90s", "1990s" (the value is its first year).
    Decade,
}

/// Per word, the phrases around the question proper.
struct Frames {
    /// Its first and second person are no one the question is about ("c'est-tu", "can
    /// you tell me", "for my report").
    impersonal: Vec<bool>,
    /// It asks for what follows ("can you tell me", "I need").
    request: Vec<bool>,
    /// The asker's purpose ("for my school report").
    purpose: Vec<bool>,
    /// Who says what the question claims ("my teacher said"): no word of the claim.
    hearsay: Vec<bool>,
    /// The frame of an embedded question ([`told_frame`]).
    told: Vec<bool>,
}

/// The end of the frame of an embedded question: the words up to the asker told or asked
/// something ("a patron asked me | which city …", "I'd be most grateful if you could kindly
/// inform me | of the year …", "pourriez-vous m'indiquer | …"), or up to "but" before the
/// question word ("sorry if dumb q but | who …"). The frame carries no meaning
/// when it names nothing and a question of at least two words follows it.
fn told_frame(kb: &KnowledgeBase, p: &Parsed) -> Option<usize> {
    let lex = &kb.lexicon;
    let w = &p.words;
    let pair = |i: usize| {
        let (a, b) = (&w[i], &w[i + 1]);
        (lex.telling.contains(a) && lex.asker_objects.contains(b))
            || (lex.asker_objects.contains(a) && lex.telling.contains(b))
    };
    // "Sorry if dumb q but | who …": a turn right before the question word.
    let turn = || (1..w.len()).find(|&i| lex.turns.contains(&w[i]) && p.qword == Some(i + 1));
    let end = match (0..w.len().saturating_sub(1)).find(|&i| pair(i)) {
        Some(i) => i + 2,
        None => turn()? + 1,
    };
    let asks_before = p.qword.is_some_and(|q| q < end);
    (end + 2 <= w.len() && !asks_before && (0..end).all(|i| !p.is_named(i))).then_some(end)
}

fn frames(kb: &KnowledgeBase, p: &Parsed, masked: &[&str]) -> Frames {
    let lex = &kb.lexicon;
    let n = p.words.len();
    let requests = lex.requests.coverage(masked);
    // Carries no meaning, like a request, but leaves the question a claim ("someone asked me
    // if Mila was founded in 1993").
    let mut told = vec![false; n];
    if let Some(end) = told_frame(kb, p) {
        told[..end].fill(true);
    }
    let particles = lex.question_particles.coverage(masked);
    let wants = lex.wants.coverage(masked);
    let mut purpose = vec![false; n];
    for i in 0..n {
        // At the start or the end of the question only: "the application for my visa" is
        // no purpose.
        if let Some(len) = lex.purposes.match_len_at(masked, i) {
            let end = purpose_end(p, i + len);
            // An opening that ends on a possessive ("for my") needs what it is for: "for my
            // report", not "what's the address for my bank?".
            let opening = lex.possessives.contains(&p.words[i + len - 1]);
            let said = (i + len..end).any(|j| lex.purpose_nouns.contains(&p.words[j]));
            if (i == 0 || end == n) && (!opening || said) {
                purpose[i..end].fill(true);
            }
        }
    }
    // A longer purpose ending the question on the asker's own thing: "… for the historical
    // section of my brief", "… pour l'intro de mon exposé".
    if let Some(i) = long_purpose(kb, p) {
        purpose[i..].fill(true);
    }
    // A reason given after the question ("… bc i heard about it") runs to its end. A name
    // in it is still one of the question's ("… cuz my friend said it was LeCun").
    if let Some(i) = (REASON_AFTER..n).find(|&i| lex.given_reasons.matches_at(masked, i)) {
        purpose[i..].fill(true);
    }
    // Who said what is claimed ("my teacher said …"): the words of the claim's source.
    let hearsay = lex.hearsay.coverage(masked);
    let or = |a: &[bool], b: &[bool]| a.iter().zip(b).map(|(x, y)| x | y).collect::<Vec<_>>();
    Frames {
        impersonal: or(
            &or(&or(&particles, &requests), &purpose),
            &or(&hearsay, &told),
        ),
        request: or(&requests, &wants),
        purpose,
        hearsay,
        told,
    }
}

/// Most words of a purpose that ends the question: "for" and up to this many more.
const LONG_PURPOSE: usize = 7;

/// Where a purpose ending the question starts: an opening word of `purposes` ("for") up to
/// `LONG_PURPOSE` words before a possessive and what it is for, the question's last words
/// ("for the intro of our class handout"); never in the question's first two words.
fn long_purpose(kb: &KnowledgeBase, p: &Parsed) -> Option<usize> {
    let lex = &kb.lexicon;
    let n = p.words.len();
    let last = p.words.last()?;
    if !lex.purpose_nouns.contains(last) {
        return None;
    }
    let own = (n.saturating_sub(3)..n - 1).rev().find(|&j| {
        lex.possessives.contains(&p.words[j])
            && (j + 1..n).all(|k| lex.purpose_nouns.contains(&p.words[k]))
    })?;
    (own.saturating_sub(LONG_PURPOSE).max(2)..own)
        .find(|&i| lex.purpose_starts.contains(&p.words[i]))
}

/// Fewest words of a question before the reason the asker gives for it.
const REASON_AFTER: usize = 2;

/// Most words of the asker's purpose after its opening ("for my" school report).
const PURPOSE_WORDS: usize = 3;

/// Where the asker's purpose ends: after at most `PURPOSE_WORDS` words from `from`, before a
/// name, a number, a question word, a pronoun or a verb ("for my report I need …").
fn purpose_end(p: &Parsed, from: usize) -> usize {
    let stops = class::QUESTION | class::SELF | class::VERB | class::PRONOUN;
    let n = p.words.len().min(from + PURPOSE_WORDS);
    (from..n)
        .find(|&j| p.classes[j] & stops != 0 || p.is_named(j))
        .unwrap_or(n)
}

/// Whether a number reads as a year: 1000 to 2999.
pub fn is_year(n: u64) -> bool {
    (1000..3000).contains(&n)
}

impl Number {
    /// A year or a decade, unless it counts something.
    pub fn is_year(&self) -> bool {
        is_year(self.value) && !self.counted
    }
}

/// "90s" -> 1990, "1990s" -> 1990.
pub(super) fn decade(w: &str) -> Option<u64> {
    let digits = w.strip_suffix('s')?;
    let n: u64 = digits.parse().ok()?;
    match digits.len() {
        2 if n.is_multiple_of(10) => Some(1900 + n),
        4 if n.is_multiple_of(10) => Some(n),
        _ => None,
    }
}

#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The normalised words after typo correction.
    pub words: Vec<String>,
    pub normalized: String,
    pub corrections: Vec<(String, String, f64)>,
    /// Index in `words` of each correction.
    pub corrected_at: Vec<usize>,
    pub mentions: Vec<Mention>,
    pub numbers: Vec<Number>,
    pub lang: Lang,
    /// A word of either language decided `lang` (else it is English by default).
    pub lang_shown: bool,
    /// Index in `words` of the first question word.
    pub qword: Option<usize>,
    pub pronoun: bool,
    pub person_pronoun: bool,
    /// A pronoun that is no person ("it", "ça").
    pub neuter_pronoun: bool,
    /// Words in the first or second person ("my", "you").
    pub self_words: Vec<usize>,
    pub yes_no: bool,
    /// A yes/no question by its form ("does …", "…, right?"), not only a bare claim with
    /// names ("Mila in Toronto?").
    pub yes_no_form: bool,
    /// The question ends or contains a question mark (set by the caller: punctuation is gone
    /// after normalisation).
    pub question_mark: bool,
    /// Refers to the last answer's fact ("that", "ça").
    pub fact_pronoun: bool,
    /// Asks whether something is all there is ("only", "exclusively").
    pub only: bool,
    /// Asks whether something is the main one ("mainly", "mostly").
    pub mainly: bool,
    /// A choice is offered ("… or …", not as the first word).
    pub either: bool,
    /// It asks for the references behind the answer, or the section it is in.
    pub asks_source: bool,
    pub asks_section: bool,
    /// A position in a list ("the second one": 2; 0 for "the last"), and the word saying it.
    pub ordinal: Option<usize>,
    pub ordinal_at: Option<usize>,
    /// Asks for others than the names given ("who else").
    pub others: bool,
    /// Reports what someone else said (`hearsay`).
    pub hearsay: bool,
    /// Asks for what a person said ("what did Bengio say?"): words the article does not
    /// quote.
    pub quotes: bool,
    /// Asks for more about what it names (`more_about`), with nothing left out by name.
    pub more_about: bool,
    /// Where it asks for a part of a count (`portions`: "how many of them are students?").
    pub portion: Option<usize>,
    /// Asks for another person than one it names ("who won it with Bengio?").
    pub companion: bool,
    /// Asks for the bot's opinion ("what do you think of Mila?").
    pub opinion: bool,
    /// Asks in a request frame ("can you tell me …", "give me …").
    pub request: bool,
    /// Words of the asker's purpose ("for my school report"): no intent reads them.
    pub aside: Vec<bool>,
    /// A yes/no question asking what kind of thing its subject is ("is Mila a company?").
    pub asks_kind: bool,
    /// What a kind is asked of and the position of its article ("is Mila *a* research
    /// lab?").
    pub kind_at: Option<(Named, usize)>,
    /// The word a question leaves out ("universities" in "partners besides universities"):
    /// not asked about.
    pub excluded: Option<usize>,
    /// No verb and no pronoun: an ellipsis that continues the previous question.
    pub elliptic: bool,
    /// The word, its English and French stems, and those of its synonyms, for each word,
    /// computed at first use (see [`Parsed::stems`]).
    pub(super) stems: Vec<OnceCell<Arc<[String]>>>,
    /// Distinct knowledge entities named, in order of appearance.
    pub entity_ids: Vec<usize>,
    /// Each word's lexicon classes (see [`crate::knowledge::class`]).
    pub classes: Vec<u32>,
    /// Per word: part of a name or a number (see [`Parsed::is_named`]), from `mentions` and
    /// `numbers` as parsed.
    pub(super) named: Vec<bool>,
    /// Per word: the intents' cues it starts (see [`crate::nlu::CueIndex::each_match_with`]).
    pub(super) cue_starts: Vec<Option<u32>>,
}

impl Parsed {
    /// Distinct knowledge entities named, in order of appearance.
    pub fn entities(&self) -> &[usize] {
        &self.entity_ids
    }

    /// Whether an entity the question names is of one of `kinds`.
    pub fn names_any(&self, kb: &KnowledgeBase, kinds: &[String]) -> bool {
        self.entity_ids
            .iter()
            .any(|&e| kinds.contains(&kb.entities[e].kind))
    }

    /// Whether the question names entities, all of them of one of `kinds`.
    pub fn names_only(&self, kb: &KnowledgeBase, kinds: &[String]) -> bool {
        !self.entity_ids.is_empty()
            && self
                .entity_ids
                .iter()
                .all(|&e| kinds.contains(&kb.entities[e].kind))
    }

    pub fn externals(&self) -> impl Iterator<Item = &str> {
        self.mentions.iter().filter_map(|m| match &m.what {
            Named::External(kind) => Some(kind.as_str()),
            Named::Entity(_) => None,
        })
    }

    /// Whether a word picks from a list ("which one", "the second").
    pub fn picks(&self) -> bool {
        self.classes.iter().any(|c| c & class::LIST != 0)
    }

    /// Whether word `i` is part of a name or a number.
    pub fn is_named(&self, i: usize) -> bool {
        self.named[i]
    }

    /// The words with names and numbers blanked, for cue matching.
    pub fn masked(&self) -> Vec<&str> {
        (0..self.words.len())
            .map(|i| {
                if self.is_named(i) || self.aside.get(i) == Some(&true) {
                    ""
                } else {
                    self.words[i].as_str()
                }
            })
            .collect()
    }

    /// The stems of word `i` (see [`KnowledgeBase::stems`]). Computed when first asked for:
    /// most words are explained by a name or a cue and never need them.
    pub fn stems(&self, kb: &KnowledgeBase, i: usize) -> &[String] {
        self.stems[i].get_or_init(|| kb.stems(&self.words[i]))
    }

    /// The lowest similarity among the corrections and entity matches (1.0 when exact).
    pub fn similarity(&self) -> f64 {
        self.corrections
            .iter()
            .map(|c| c.2)
            .chain(self.mentions.iter().map(|m| m.similarity))
            .fold(1.0, f64::min)
    }
}

/// `french_marked`: the words the asker wrote with a French diacritic (`normalize::french_marked`).
pub fn parse(kb: &KnowledgeBase, normalized: &str, french_marked: &[String]) -> Parsed {
    let super::spelling::Corrected {
        words,
        known,
        sims,
        corrections,
        corrected_at,
    } = super::spelling::correct(kb, normalized);
    let mut mentions = find_names(kb, &words, &known, &sims);
    // Unless the default subject is also named ("a lab called Mila").
    let default = Named::Entity(super::decide::DEFAULT_SUBJECT);
    if mentions
        .iter()
        .all(|m| m.what != default || any_such(kb, &words, m))
    {
        mentions.retain(|m| !any_such(kb, &words, m));
    }
    // A number inside a name is part of it ("COVID-19").
    let mut numbers = find_numbers(kb, &words);
    numbers.retain(|n| !mentions.iter().any(|m| (m.start..m.end).contains(&n.at)));
    // "in 2020 Mila had…": a name after a number is not what it counts.
    for n in &mut numbers {
        n.counted &= !mentions.iter().any(|m| m.start == n.at + 1);
    }
    let mut p = Parsed {
        normalized: words.join(" "),
        words,
        corrections,
        corrected_at,
        mentions,
        numbers,
        classes: known.iter().map(|k| k.map_or(0, |w| w.class)).collect(),
        cue_starts: known.iter().map(|k| k.and_then(|w| w.cues)).collect(),
        ..Parsed::default()
    };
    p.named = (0..p.words.len())
        .map(|i| {
            p.mentions.iter().any(|m| (m.start..m.end).contains(&i))
                || p.numbers.iter().any(|n| {
                    (n.from..=n.at).contains(&i)
                        || n.tail.is_some_and(|(s, len)| (s..s + len).contains(&i))
                })
        })
        .collect();
    classify(kb, &mut p, french_marked);
    cities(kb, &mut p);
    p.stems = vec![OnceCell::new(); p.words.len()];
    for m in &p.mentions {
        if let Named::Entity(e) = m.what {
            if !p.entity_ids.contains(&e) {
                p.entity_ids.push(e);
            }
        }
    }
    p
}

/// "Mila est-tu à Québec ?": in French, a place named right after "à" that is also a city
/// (`city_prepositions`, `city_entities`) is the city, a place the article does not cover,
/// not the province of the same name.
fn cities(kb: &KnowledgeBase, p: &mut Parsed) {
    let lex = &kb.lexicon;
    if p.lang != Lang::Fr {
        return;
    }
    for m in &mut p.mentions {
        let Named::Entity(e) = m.what else {
            continue;
        };
        let after = m.start > 0 && lex.city_prepositions.contains(&p.words[m.start - 1]);
        if after && lex.city_entities.contains(&kb.entities[e].id) {
            m.what = Named::External(kb.entities[e].kind.clone());
        }
    }
}

/// A one-word name that is also a word describing its entity, right after "which" or "what"
/// ("which *institute* developed Oríon?"): it may be the kind of thing asked for rather than
/// the entity.
fn asked_kind(kb: &KnowledgeBase, words: &[String], m: &Mention) -> bool {
    let Named::Entity(e) = m.what else {
        return false;
    };
    let asks = |w: &String| kb.lexicon.class(w) & class::QUESTION != 0;
    m.end == m.start + 1
        && m.start > 0
        && asks(&words[m.start - 1])
        && kb.entities[e].descriptors.contains(&words[m.start])
}

impl Parsed {
    /// The parse with a name that may be the kind asked for read as a word of no meaning
    /// ("which lab made Oríon?" as "which developed Oríon?"), if there is one.
    pub fn kind_asked_unnamed(&self, kb: &KnowledgeBase) -> Option<Parsed> {
        let at = self
            .mentions
            .iter()
            .position(|m| asked_kind(kb, &self.words, m))?;
        let mut p = self.clone();
        let m = p.mentions.remove(at);
        p.named[m.start] = false;
        p.classes[m.start] |= class::FILLER;
        p.entity_ids
            .retain(|&e| p.mentions.iter().any(|m| m.what == Named::Entity(e)));
        Some(p)
    }
}

/// Greedy longest-name matching, left to right: knowledge entities, then external names.
fn find_names(
    kb: &KnowledgeBase,
    words: &[String],
    known: &[Option<&Word>],
    sims: &[f64],
) -> Vec<Mention> {
    let matches = |alias: &[String], i: usize| {
        i + alias.len() <= words.len() && alias.iter().zip(&words[i..]).all(|(a, w)| a == w)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut best: Option<(Named, usize)> = None;
        let (aliases, externals) =
            known[i].map_or((&[][..], &[][..]), |w| (w.aliases(), w.externals()));
        for &(e, a) in aliases {
            let alias = &kb.entities[e].aliases[a];
            if matches(alias, i) && best.as_ref().is_none_or(|(_, n)| alias.len() > *n) {
                best = Some((Named::Entity(e), alias.len()));
            }
        }
        for &x in externals {
            let (alias, kind) = &kb.lexicon.external[x];
            if matches(alias, i) && best.as_ref().is_none_or(|(_, n)| alias.len() > *n) {
                best = Some((Named::External(kind.clone()), alias.len()));
            }
        }
        // A name ending on another's first words takes them in ("the founder of Mila
        // Quebec": "Mila Quebec" is one name, so "Quebec" names nothing else).
        let best = best.map(|(what, n)| (what, longer_tail(kb, words, known, i, n)));
        // A role as a name ("the founder") names no one when "of" says whose it is ("the
        // founder of IBM").
        let best = best.filter(|(what, n)| !role_of_another(kb, words, what, i, *n));
        match best {
            Some((what, n)) => {
                let similarity = sims[i..i + n].iter().copied().fold(1.0, f64::min);
                out.push(Mention {
                    what,
                    start: i,
                    end: i + n,
                    similarity,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether the name at `i..i + n` is a role in common words only ("the founder", no word of
/// meaning of any entity's name in it) followed by "of" or "de": someone else's role.
fn role_of_another(kb: &KnowledgeBase, words: &[String], what: &Named, i: usize, n: usize) -> bool {
    let followed = words
        .get(i + n)
        .is_some_and(|w| kb.lexicon.of_words.contains(w));
    followed && matches!(what, Named::Entity(_)) && is_role(kb, &words[i..i + n])
}

/// Whether the words of a name are a role in common words ("the founder"): no word of
/// meaning of any entity's name is among them.
pub fn is_role(kb: &KnowledgeBase, words: &[String]) -> bool {
    (words.iter()).all(|w| kb.lexicon.class(w) & class::FUNCTION != 0 || !kb.name_words.contains(w))
}

/// Where a name at `i..i + n` ends when its last words are themselves a name that a longer
/// name of the same entity continues past it: `i + n` words otherwise.
fn longer_tail(
    kb: &KnowledgeBase,
    words: &[String],
    known: &[Option<&Word>],
    i: usize,
    n: usize,
) -> usize {
    let end = i + n;
    let aliases = |e: usize| kb.entities[e].aliases.iter().map(Vec::as_slice);
    let mut longest = n;
    for j in i + 1..end {
        for &(e, a) in known[j].map_or(&[][..], |w| w.aliases()) {
            let k = j + kb.entities[e].aliases[a].len();
            let longer = k > i + longest && words.get(j..k) == Some(&kb.entities[e].aliases[a][..]);
            if longer && aliases(e).any(|alias| alias == &words[j..end]) {
                longest = k - i;
            }
        }
    }
    longest
}

/// Words before a name that make it any thing of its kind: the default subject's generic name
/// (a common word, or one of its `descriptors`) after an indefinite article ("is there *a
/// lab* in Toronto?", "an AI lab") is not the default subject, which "the lab" is, unless the
/// question also names it.
fn any_such(kb: &KnowledgeBase, words: &[String], m: &Mention) -> bool {
    let subject = super::decide::DEFAULT_SUBJECT;
    let w = &words[m.start];
    let generic = m.what == Named::Entity(subject)
        && m.end == m.start + 1
        && (kb.common_words.contains(w) || kb.entities[subject].descriptors.contains(w));
    let article = |w: &String| kb.lexicon.kind_articles.iter().any(|a| a.contains(w));
    generic
        && words[m.start.saturating_sub(3)..m.start]
            .iter()
            .any(article)
}

fn find_numbers(kb: &KnowledgeBase, words: &[String]) -> Vec<Number> {
    // A number or a decade starts with a digit (or a sign, which `parse` accepts).
    let digit = |w: &String| w.starts_with(|c: char| c.is_ascii_digit() || c == '+');
    if !words.iter().any(digit) {
        return Vec::new();
    }
    let strs: Vec<&str> = words.iter().map(String::as_str).collect();
    // The length of the comparison just before `at`, if there is one.
    let before = |cues: &[Cue], at: usize| {
        cues.iter()
            .find(|c| at >= c.len() && c.matches_at(&strs, at - c.len()))
            .map(Cue::len)
    };
    // A comparison right after it or after the word it counts ("50 people or more").
    let after = |cues: &[Cue], at: usize| {
        (at + 1..=at + 2).find_map(|s| {
            let c = cues
                .iter()
                .find(|c| s < strs.len() && c.matches_at(&strs, s))?;
            Some((s, c.len()))
        })
    };
    words
        .iter()
        .enumerate()
        .filter_map(|(at, w)| {
            // "the 90's" ("90 s"), "les années 90".
            let spelled = || {
                let after_s = words.get(at + 1).is_some_and(|n| n == "s");
                let after_word = at > 0 && kb.lexicon.decades.contains(&words[at - 1]);
                (after_s || after_word)
                    .then(|| decade(&format!("{w}s")))
                    .flatten()
            };
            if let Some(value) = decade(w).or_else(spelled) {
                let cmp = Cmp::Decade;
                return Some(Number {
                    from: at,
                    at,
                    value,
                    cmp,
                    counted: false,
                    tail: None,
                });
            }
            let value = w.parse::<u64>().ok()?;
            let (mut cmp, len) = match (
                before(&kb.lexicon.more_than, at),
                before(&kb.lexicon.less_than, at),
            ) {
                (Some(n), _) => (Cmp::More, n),
                (None, Some(n)) => (Cmp::Less, n),
                (None, None) => (Cmp::Equal, 0),
            };
            let mut tail = None;
            if cmp == Cmp::Equal {
                if let Some(t) = after(&kb.lexicon.or_more, at) {
                    (cmp, tail) = (Cmp::More, Some(t));
                } else if let Some(t) = after(&kb.lexicon.or_less, at) {
                    (cmp, tail) = (Cmp::Less, Some(t));
                }
            }
            // A word of no closed class right after it is what it counts: "1000 researchers",
            // not "1993 by Bengio", "2020 right?" or "2003 I think".
            let counted = words.get(at + 1).is_some_and(|next| {
                kb.lexicon.class(next) & (class::FUNCTION | class::VERB | class::SELF) == 0
                    && next.parse::<u64>().is_err()
            });
            Some(Number {
                from: at - len,
                at,
                value,
                cmp,
                counted,
                tail,
            })
        })
        .collect()
}

/// Most words of a relative clause that describes a name ("where she works").
const CLAUSE_WORDS: usize = 6;

/// Most words of a claim that is no more than a relation and a value ("founded 2000?").
const TERSE_CLAIM_WORDS: usize = 3;

/// A relative clause right after a knowledge name, with a third-person subject ("the lab
/// *she teaches at*", "l'institut *où il enseigne*"): it describes the name and asks
/// nothing. Its span runs from the opener (or the subject) to the next name or the end.
fn relative_clause(kb: &KnowledgeBase, p: &Parsed) -> Option<Range<usize>> {
    let lex = &kb.lexicon;
    let n = p.words.len();
    let word_in =
        |set: &FxHashSet<String>, i: usize| p.words.get(i).is_some_and(|w| set.contains(w));
    p.mentions
        .iter()
        .filter(|m| m.start > 0 && matches!(m.what, Named::Entity(_)) && !m.is_person(kb))
        .find_map(|m| {
            let subject = m.end + usize::from(word_in(&lex.relatives, m.end));
            if !word_in(&lex.clause_subjects, subject) {
                return None;
            }
            let end = (subject + 1..n).find(|&j| p.is_named(j)).unwrap_or(n);
            (end > subject + 1 && end - m.end <= CLAUSE_WORDS).then_some(m.end..end)
        })
}

/// Language, question word, pronouns, first/second person, yes/no, ellipsis.
fn classify(kb: &KnowledgeBase, p: &mut Parsed, french_marked: &[String]) {
    let lex = &kb.lexicon;
    presented(kb, p);
    inverted(kb, p);
    asker_people(kb, p);
    titles(kb, p);
    who_it(kb, p);
    let (mut fr, mut en) = (0, 0);
    let mut verb = false;
    let clause = relative_clause(kb, p).unwrap_or_default();
    for (i, &c) in p.classes.iter().enumerate() {
        if p.is_named(i) {
            continue;
        }
        // "étudié" and "à" are French even where "etudie" and "a" could be either.
        fr += usize::from(c & class::FRENCH != 0 || french_marked.contains(&p.words[i]));
        en += usize::from(c & class::ENGLISH != 0);
        if clause.contains(&i) {
            continue;
        }
        // French "que" asks only at the start ("que veut dire…"); later it joins clauses
        // ("c'est vrai que…").
        let conjunction = || i > 0 && lex.opening_question_words.contains(&p.words[i]);
        // "Ou" before "un"/"une" offers a choice ("une compagnie ou un institut ?"); "où"
        // written with its accent still asks where.
        let or_before_article = || {
            i > 0
                && c & class::ALTERNATIVE != 0
                && !french_marked.contains(&p.words[i])
                && (p.words.get(i + 1))
                    .is_some_and(|w| lex.kind_articles.iter().any(|a| a.contains(w)))
        };
        if p.qword.is_none() && c & class::QUESTION != 0 && !conjunction() && !or_before_article() {
            p.qword = Some(i);
        }
        p.pronoun |= c & class::PRONOUN != 0;
        p.person_pronoun |= c & class::PERSON_PRONOUN != 0;
        p.neuter_pronoun |= c & class::NEUTER_PRONOUN != 0;
        // "à" is no "a" (has): a word written with its accent is not the verb it would be
        // without ("à quelle université ?" continues the last question).
        verb |= c & class::VERB != 0 && !french_marked.contains(&p.words[i]);
        if c & class::SELF != 0 {
            p.self_words.push(i);
        }
    }
    p.lang = if fr > en { Lang::Fr } else { Lang::En };
    p.lang_shown = fr + en > 0;
    let masked = p.masked();
    // The lexicon's cue sets, looked up only where a word starts one of their cues.
    let found_at = |set: &CueSet, i: usize| {
        (p.classes[i] & class::STARTS_CUE != 0 || set.has_prefixed()) && set.matches_at(&masked, i)
    };
    let n = p.words.len();
    // Quebec French "c'est-tu …?" and "can you tell me …" ask: their "tu", "you" and "me"
    // are no one the question is about.
    let frames = frames(kb, p, &masked);
    let others = (0..n).any(|i| found_at(&lex.others, i));
    let hearsay = (0..n).any(|i| found_at(&lex.hearsay, i));
    let portion = (0..n).find(|&i| lex.portions.matches_at(&masked, i));
    let more_about = (0..n).any(|i| found_at(&lex.more_about, i))
        && !(0..n).any(|i| lex.excluding.matches_at(&masked, i));
    // "En deux mots" is filler where its words are together, not "mots" alone; so is "all
    // there is", which also says "only".
    let mut phrase_filler = vec![false; n];
    let mut phrase_only = vec![false; n];
    for i in 0..n {
        for (set, found) in [
            (&lex.filler_phrases, &mut phrase_filler),
            (&lex.only_phrases, &mut phrase_only),
        ] {
            let starts = p.classes[i] & class::STARTS_CUE != 0 || set.has_prefixed();
            if let Some(len) = starts.then(|| set.match_len_at(&masked, i)).flatten() {
                found[i..i + len].fill(true);
            }
        }
    }
    let companion = companion(kb, p);
    let opinion = (0..n).any(|i| found_at(&lex.opinions, i));
    let in_mark = lex.yes_no_marks.coverage(&masked);
    // "Or" offers a choice, unless it is inside a yes/no mark ("yes or no?", "oui ou non ?").
    // "Où" written with its accent is "where", never "or".
    let either = (1..n).any(|i| {
        p.classes[i] & class::ALTERNATIVE != 0
            && !in_mark[i]
            && !p.is_named(i)
            && !french_marked.contains(&p.words[i])
    });
    // "Can you tell me …" asks for what follows, not whether the bot can.
    let starts = n > 0 && found_at(&lex.yes_no_starts, 0) && !frames.request[0];
    // A mark's word inside a request is the request's ("*tu* peux me donner …").
    let marked = (0..n).any(|i| in_mark[i] && !frames.request[i]);
    // "Oui ou non" asks nothing with its "ou": a question word inside a yes/no mark is none.
    let mut qword = p.qword;
    if let Some(q) = p.qword.filter(|&q| in_mark[q]) {
        qword = (q + 1..n).find(|&i| {
            p.classes[i] & class::QUESTION != 0
                && !in_mark[i]
                && !lex.opening_question_words.contains(&p.words[i])
        });
    }
    // The first word with a meaning of its own after "besides", "apart from", … (none when
    // that is a name: "besides Bengio, who teaches there?").
    let excluded = (0..n)
        .find(|&i| lex.excluding.matches_at(&masked, i))
        .and_then(|at| {
            (at + 1..n.min(at + 5)).find(|&j| {
                p.is_named(j)
                    || (p.classes[j] & class::FUNCTION == 0
                        && !lex
                            .excluding
                            .cues()
                            .iter()
                            .any(|c| c.words().any(|w| w == p.words[j])))
            })
        })
        .filter(|&j| !p.is_named(j));
    // "Is it Bengio who founded Mila?", "c'est-tu Bengio qui l'a parti, Mila ?": in a yes/no
    // question, a question word right after a name is a relative pronoun.
    // With a mark, the name must follow it right away ("c'est-tu Hinton qui …").
    let marked_name =
        |q: usize| (p.mentions.iter()).any(|m| m.end == q && m.start > 0 && in_mark[m.start - 1]);
    // So is one after a determiner and its noun ("is Little Italy the neighbourhood where
    // Mila is?").
    let after_noun = |q: usize| q >= 2 && lex.determiners.contains(&p.words[q - 2]);
    let relative = |q: usize| {
        q > 0 && ((p.is_named(q - 1) && (starts || marked_name(q))) || (starts && after_noun(q)))
    };
    if qword.is_some_and(relative) {
        qword = None;
    }
    // "What did Bengio say?", "qu'est-ce qu'il a dit ?": a verb of speech after a question
    // word and a person asks for their words, which the article does not quote. The verb then
    // has a meaning no intent explains ("what does the article say?" names no person).
    // The question word may open a later clause ("il a donné une entrevue, qu'est-ce qu'il
    // a dit ?").
    let person = |j: usize| {
        p.classes[j] & class::PERSON_PRONOUN != 0
            || (p.mentions.iter()).any(|m| m.start == j && m.is_person(kb))
    };
    let (mut asked, mut speaker) = (false, false);
    let quoted = (0..n).find(|&i| {
        if speaker && lex.speech.contains(&p.words[i]) {
            return true;
        }
        speaker |= asked && person(i);
        asked |= p.classes[i] & class::QUESTION != 0;
        false
    });
    // Without a verb or mark of a yes/no question, a claim starts with what it is about
    // ("Mila in Toronto?", "the lab in Paris?", "Pineau on the faculty?"), names two things ("founded in 1993
    // by Bengio?") or is a few words around one value ("founded 2000?", "in Little Italy?"),
    // unless they continue the last question ("and in 2020?"); a name asked about is not a
    // claim ("spell out LISA", "Bengio's award?").
    let possessive = |m: &Mention| p.words.get(m.end).is_some_and(|w| w == "s");
    // "Le Mila offre-t-il des stages ?": a determiner may come before it.
    let opens = |m: &Mention| (0..m.start).all(|j| lex.determiners.contains(&p.words[j]));
    let claim = p
        .mentions
        .first()
        .is_some_and(|m| opens(m) && !possessive(m))
        || p.mentions.len() + usize::from(!p.numbers.is_empty()) >= 2
        || (n <= TERSE_CLAIM_WORDS
            && !(p.mentions.is_empty() && p.numbers.is_empty())
            && p.classes
                .first()
                .is_some_and(|c| c & class::CONJUNCTION == 0));
    // "I need the year Bengio founded Mila" asks for the year; "Mila was founded in?" asks
    // what comes next (but "is that something Mila works on?" ends its clause).
    let unfinished = !p.pronoun && p.words.last().is_some_and(|w| lex.unfinished.contains(w));
    let claim = claim && !frames.request.contains(&true) && !unfinished;
    // "Le plus gros institut", "the most important partner": a size or rank asked in a
    // superlative means something, though the adjective alone is filler; renown does not
    // ("the most famous researcher" asks who is known).
    let superlative: Vec<usize> = (0..n)
        .filter_map(|i| Some(i + lex.superlatives.match_len_at(&masked, i)?))
        .filter(|&j| p.words.get(j).is_some_and(|w| !lex.renown.contains(w)))
        .collect();
    drop(masked);
    if let Some(i) = quoted {
        p.classes[i] &= !class::FILLER;
    }
    for i in superlative {
        p.classes[i] &= !class::FILLER;
    }
    p.quotes = quoted.is_some();
    p.qword = qword;
    p.yes_no = p.qword.is_none() && (starts || marked || claim);
    p.yes_no_form = p.qword.is_none() && (starts || marked);
    // A request frame carries no meaning of its own, nor does the asker's purpose.
    p.self_words.retain(|&i| !frames.impersonal[i]);
    p.request = frames.request.contains(&true);
    let plain = (frames.request.iter())
        .zip(&frames.purpose)
        .zip(&frames.hearsay)
        .zip(&in_mark)
        .zip(&frames.told)
        .map(|((((r, p), h), m), t)| r | p | h | m | t);
    let plain = plain.zip(&phrase_filler).map(|(x, f)| x | f);
    for (c, _) in p.classes.iter_mut().zip(&phrase_only).filter(|(_, x)| **x) {
        *c |= class::ONLY;
    }
    let plain = plain.zip(&phrase_only).map(|(x, o)| x | o);
    for (c, _) in p.classes.iter_mut().zip(plain).filter(|(_, x)| *x) {
        *c |= class::FILLER;
    }
    if frames.purpose.contains(&true) {
        p.aside = frames.purpose;
    }
    // A relative clause describing a name is read like the asker's purpose: by no intent.
    if !clause.is_empty() {
        p.aside.resize(n, false);
        p.aside[clause.clone()].fill(true);
        for c in &mut p.classes[clause] {
            *c |= class::FILLER;
        }
    }
    p.others = others;
    p.hearsay = hearsay;
    p.more_about = more_about;
    p.portion = portion;
    p.companion = companion;
    p.opinion = opinion;
    p.excluded = excluded;
    p.only = p.classes.iter().any(|c| c & class::ONLY != 0);
    p.mainly = p.classes.iter().any(|c| c & class::MAINLY != 0);
    p.either = either;
    // The subject, at most three verbs ("c'est"), fillers ("like") or particles ("c'est-tu
    // une compagnie ?"), then "a"/"une" and a noun that is no relation ("a partner of Mila"
    // is not a kind).
    let articles = &lex.kind_articles[p.lang as usize];
    let relation = |j: usize| p.words.get(j).is_some_and(|w| lex.name_after.contains(w));
    // A question particle's "tu" is no one the question is about, nor a word of it.
    let particle = |j: usize| p.classes[j] & class::SELF != 0 && !p.self_words.contains(&j);
    let before_kind = |j: usize| {
        let w = &p.words[j];
        lex.verbs.contains(w) || w == "c" || p.classes[j] & class::FILLER != 0 || particle(j)
    };
    p.kind_at = p
        .mentions
        .iter()
        .find_map(|m| {
            (m.end..n.min(m.end + 4))
                .find(|&j| articles.contains(&p.words[j]) || !before_kind(j))
                .filter(|&j| articles.contains(&p.words[j]) && !relation(j + 2))
                .map(|j| (m.what.clone(), j))
        })
        .filter(|_| p.yes_no);
    p.asks_kind = p.kind_at.is_some();
    // A judgement as the kind asked ("is Bengio a good person?"), or alone right after the
    // name ("is Mila good?"), asks for an opinion.
    let judged = |i: usize| p.words.get(i).is_some_and(|w| lex.evaluatives.contains(w));
    let after_name = p.mentions.iter().any(|m| m.end + 1 == n && judged(m.end));
    p.opinion |=
        p.yes_no && (p.kind_at.as_ref().is_some_and(|(_, at)| judged(at + 1)) || after_name);
    // "Open source" is software, not a reference.
    p.asks_source = (0..p.words.len()).any(|i| {
        p.classes[i] & class::SOURCE != 0
            && p.aside.get(i) != Some(&true)
            && (i == 0 || !lex.sources_not_after.contains(&p.words[i - 1]))
    });
    // "Which site reported on it?": asking for a source, the words for a reference's
    // details ask for that detail of it.
    if p.asks_source {
        for i in 0..n {
            if !p.is_named(i) && lex.reference_details.contains_key(&p.words[i]) {
                p.classes[i] |= class::SOURCE;
            }
        }
    }
    p.asks_section = p.classes.iter().any(|c| c & class::SECTION != 0);
    // Not one inside a phrase of no meaning ("why … in the first place?").
    p.ordinal_at = (0..n)
        .find(|&i| lex.ordinals.contains_key(&p.words[i]) && p.classes[i] & class::FILLER == 0);
    p.ordinal = p.ordinal_at.map(|i| lex.ordinals[&p.words[i]]);
    p.fact_pronoun = p.classes.iter().any(|c| c & class::FACT_PRONOUN != 0);
    // The asker or the bot named ("t'as quel âge ?", "et toi ?") is no ellipsis of the last
    // question about the article.
    p.elliptic =
        !verb && !p.pronoun && !p.person_pronoun && p.words.len() <= 6 && p.self_words.is_empty();
}

/// The classes of a word that refers to something said before.
const REFERS: u32 = class::PRONOUN | class::PERSON_PRONOUN | class::NEUTER_PRONOUN;

/// French inversion: "l'UdeM a-t-elle été fondée quand ?", "Bengio a-t-il reçu un prix ?".
/// The subject pronoun after the verb (and its euphonic "t") repeats the name right before
/// the verb: it refers to nothing else, and is no word of the question.
fn inverted(kb: &KnowledgeBase, p: &mut Parsed) {
    let lex = &kb.lexicon;
    for i in 1..p.words.len() {
        if !lex.euphonic_subjects.contains(&p.words[i]) {
            continue;
        }
        let verb = if p.words[i - 1] == "t" {
            i.checked_sub(2)
        } else {
            Some(i - 1)
        };
        let repeats = verb.is_some_and(|v| {
            p.classes[v] & class::VERB != 0 && p.mentions.iter().any(|m| m.end == v)
        });
        if repeats {
            p.classes[i] = (p.classes[i] & !REFERS) | class::FILLER;
        }
    }
}

/// "Some famous researcher created it. Who was it?": "it" after "who" and a verb alone is
/// the person asked about, like "he" or "she".
fn who_it(kb: &KnowledgeBase, p: &mut Parsed) {
    let lex = &kb.lexicon;
    let n = p.words.len();
    let shape = (2..=4).contains(&n)
        && lex.who_words.contains(&p.words[0])
        && lex.neuter_pronouns.contains(&p.words[n - 1])
        && p.words[1..n - 1].iter().all(|w| lex.verbs.contains(w));
    if shape {
        let it = class::NEUTER_PRONOUN | class::PRONOUN;
        p.classes[n - 1] = (p.classes[n - 1] & !it) | class::PERSON_PRONOUN;
    }
}

/// "My grandson is starting a PhD at Mila, could he get a master's there?": the people a
/// possessive gives the asker (`kin`) are the asker's, like "my"; so is a person
/// pronoun after them with no person named in between.
fn asker_people(kb: &KnowledgeBase, p: &mut Parsed) {
    let lex = &kb.lexicon;
    let n = p.words.len();
    let mut theirs = vec![false; n];
    let masked = p.masked();
    let mut i = 0;
    while i + 1 < n {
        // "my grandson's friend": the friend is the asker's too.
        let owner =
            lex.possessives.contains(&p.words[i]) || (i > 0 && theirs[i - 1] && p.words[i] == "s");
        // "My mentor said …": one word no cue knows, between a possessive and what they
        // said, is someone of the asker's too.
        let speaker = || {
            let (w, next) = (&p.words[i + 1], p.words.get(i + 2));
            let unknown = !p.is_named(i + 1) && !kb.vocab.is_meaningful(w);
            (unknown && next.is_some_and(|v| lex.speech.contains(v))).then_some(1)
        };
        match owner
            .then(|| lex.kin.match_len_at(&masked, i + 1).or_else(speaker))
            .flatten()
        {
            Some(len) => {
                theirs[i + 1..i + 1 + len].fill(true);
                i += 1 + len;
            }
            None => i += 1,
        }
    }
    drop(masked);
    let Some(first) = theirs.iter().position(|&t| t) else {
        return;
    };
    let person_at = |j: usize| p.mentions.iter().any(|m| m.start == j && m.is_person(kb));
    let mut refers_to_them = true;
    for (j, t) in theirs.iter_mut().enumerate().skip(first) {
        if *t {
            refers_to_them = true;
        } else if person_at(j) {
            refers_to_them = false;
        } else if refers_to_them && p.classes[j] & class::PERSON_PRONOUN != 0 {
            *t = true;
        }
    }
    for (c, _) in p.classes.iter_mut().zip(theirs).filter(|(_, t)| *t) {
        *c = (*c & !REFERS) | class::SELF;
    }
}

/// "Mr Bengio", "that Bengio fellow", "ce monsieur Bengio": a title right beside a person's
/// name only addresses them.
fn titles(kb: &KnowledgeBase, p: &mut Parsed) {
    let titles = &kb.lexicon.titles;
    if titles.is_empty() {
        return;
    }
    let spans: Vec<(usize, usize)> = (p.mentions.iter())
        .filter(|m| m.is_person(kb))
        .map(|m| (m.start, m.end))
        .collect();
    for (start, end) in spans {
        let beside = [start.checked_sub(1), Some(end)];
        for j in beside.into_iter().flatten().filter(|&j| j < p.words.len()) {
            if !p.is_named(j) && titles.contains(&p.words[j]) {
                p.classes[j] |= class::FILLER;
            }
        }
    }
}

/// A question naming a person after a companion word ("who won the Turing Award with
/// Bengio?", "qui a fondé Mila avec Bengio ?"), or ending with one ("who did Bengio found
/// Mila with?"), asks for someone else.
fn companion(kb: &KnowledgeBase, p: &Parsed) -> bool {
    let companion_at = |i: usize| kb.lexicon.companions.contains(&p.words[i]);
    let ends_with_one = p.words.len() > 1 && companion_at(p.words.len() - 1);
    p.qword.is_some()
        && p.mentions.iter().any(|m| {
            m.is_person(kb) && (ends_with_one || (m.start > 0 && companion_at(m.start - 1)))
        })
}

/// "C'est qui le fondateur de l'UdeM ?": "c'est" right before a question word presents the
/// question, and when the question names something its "c" refers to nothing (the founder
/// asked is the UdeM's, not the last subject's).
fn presented(kb: &KnowledgeBase, p: &mut Parsed) {
    let lex = &kb.lexicon;
    if p.mentions.is_empty() || lex.presentatives.cues().is_empty() {
        return;
    }
    let masked = p.masked();
    // Only where a word starts a cue ("c" of "c'est"), as for the lexicon's other cue sets.
    let starts =
        |i: &usize| p.classes[*i] & class::STARTS_CUE != 0 || lex.presentatives.has_prefixed();
    let spans: Vec<(usize, usize)> = (0..p.words.len())
        .filter(starts)
        .filter_map(|i| Some((i, lex.presentatives.match_len_at(&masked, i)?)))
        .filter(|&(i, len)| {
            (masked.get(i + len)).is_some_and(|w| lex.class(w) & class::QUESTION != 0)
        })
        .collect();
    drop(masked);
    let refers = class::PRONOUN | class::FACT_PRONOUN | class::NEUTER_PRONOUN;
    for (i, len) in spans {
        for c in &mut p.classes[i..i + len] {
            *c &= !refers;
        }
    }
}
