//! Builds a [`KnowledgeBase`] from the raw files: parse, resolve ids, find every fact's
//! evidence in the article and derive its citations, compile cues and patterns, index the
//! vocabulary. Every failure names file, line and column.

use super::files::{self, line_col, Sources};
use super::*;
use crate::nlu::pattern::{compile_all, CompiledPatterns};
use crate::nlu::{normalize, stem, tokens, CueIndex, Entry, Slot};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::ops::Range;

pub(super) fn err(
    sources: &Sources,
    file: &str,
    span: Option<Range<usize>>,
    message: String,
) -> KnowledgeError {
    let (line, column) = span.map_or((0, 0), |s| line_col(sources.get(file), s.start));
    KnowledgeError {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

/// Parses a TOML file; a file that cannot be read or parsed is a problem, and `None`.
pub(super) fn parse<T: DeserializeOwned>(
    sources: &Sources,
    file: &str,
    problems: &mut Vec<KnowledgeError>,
) -> Option<T> {
    let parsed = sources.text(file).and_then(|text| {
        toml::from_str(text)
            .map_err(|e| err(sources, file, e.span(), e.message().trim().to_string()))
    });
    parsed.map_err(|e| problems.push(e)).ok()
}

/// Whitespace and apostrophes made uniform, for finding quotes in sentences.
pub fn quote_key(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds the knowledge; the first problem fails it.
pub(super) fn build(
    sources: Sources,
    source: Option<PathBuf>,
) -> Result<KnowledgeBase, KnowledgeError> {
    let d = super::diagnose::diagnose(&sources, source);
    match (d.kb, d.problems.into_iter().next()) {
        (Some(kb), None) => Ok(kb),
        (_, Some(first)) => Err(first),
        (None, None) => Err(err(
            &sources,
            "",
            None,
            "the knowledge could not be built".into(),
        )),
    }
}

/// Hex SHA-256 of the knowledge files but the baseline.
pub(super) fn sources_hash(sources: &Sources) -> String {
    let mut h = Sha256::new();
    // The baseline only serves `check`: recording one does not change what the bot knows.
    for (name, text) in sources.files.iter().filter(|(n, _)| n != files::BASELINE) {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Indexes the parts into the knowledge.
#[allow(clippy::too_many_arguments)]
pub(super) fn assemble(
    sources: &Sources,
    source: Option<PathBuf>,
    article: wikitext::Article,
    sentence_words: Vec<Vec<String>>,
    entities: Vec<Entity>,
    (intents, patterns): (Vec<Intent>, CompiledPatterns),
    mut facts: Vec<Fact>,
    lex: files::LexiconFile,
    messages: files::MessagesFile,
) -> KnowledgeBase {
    mark_values(&mut facts);
    let set = |v: &[String]| {
        v.iter()
            .map(|w| normalize(w))
            .filter(|w| !w.is_empty())
            .collect()
    };
    let mut lexicon = Lexicon {
        pronouns: set(&lex.pronouns),
        person_pronouns: set(&lex.person_pronouns),
        question_words: set(&lex.question_words),
        french: set(&lex.french),
        english: set(&lex.english),
        filler: set(&lex.filler),
        filler_phrases: CueSet::new(cues(
            &(lex.filler.iter())
                .filter(|w| normalize(w).contains(' '))
                .cloned()
                .collect::<Vec<_>>(),
        )),
        context_kinds: lex.context_kinds,
        person_kinds: lex.person_kinds,
        described_by_mention: lex.described_by_mention,
        self_words: set(&lex.self_words),
        present: set(&lex.present),
        verbs: set(&lex.verbs),
        yes_no_starts: CueSet::new(cues(&lex.yes_no_starts)),
        yes_no_marks: CueSet::new(cues(&lex.yes_no_marks)),
        others: CueSet::new(cues(&lex.others)),
        companions: set(&lex.companions),
        relatives: set(&lex.relatives),
        renamings: set(&lex.renamings.words),
        renaming_relations: lex.renamings.relations.clone(),
        always: set(&lex.always.words),
        changed: set(&lex.always.changed),
        vague_nouns: set(&lex.vague_nouns),
        clause_subjects: set(&lex.clause_subjects),
        owned_by: lex.owned_by.clone(),
        purpose_nouns: set(&lex.purpose_nouns),
        of_words: set(&lex.of_words),
        excluding: CueSet::new(cues(&lex.excluding)),
        only: set(&lex.only),
        only_phrases: CueSet::new(cues(
            &(lex.only.iter())
                .filter(|w| normalize(w).contains(' '))
                .cloned()
                .collect::<Vec<_>>(),
        )),
        mainly: set(&lex.mainly),
        alternatives: set(&lex.alternatives),
        earlier: set(&lex.earlier),
        abbreviations: set(&lex.abbreviations),
        date_question: ["en", "fr"].map(|l| lex.date_question.get(l).cloned().unwrap_or_default()),
        began: ["en", "fr"].map(|l| lex.began.get(l).cloned().unwrap_or_default()),
        reasons: set(&lex.reasons),
        needs_intent: set(&lex.needs_intent),
        decades: set(&lex.decades),
        kind_articles: ["en", "fr"]
            .map(|l| set(lex.kind_articles.get(l).map_or(&[][..], Vec::as_slice))),
        city_prepositions: set(&lex.city_prepositions),
        city_entities: lex.city_entities.iter().cloned().collect(),
        plural_pronouns: set(&lex.plural_pronouns),
        hearsay: CueSet::new(cues(&lex.hearsay)),
        more_about: CueSet::new(cues(&lex.more_about)),
        event_questions: CueSet::new(cues(&lex.event_questions)),
        people_words: set(&lex.people_words),
        who_words: set(&lex.who_words),
        proximity: set(&lex.proximity),
        speech: set(&lex.speech),
        portions: CueSet::new(cues(&lex.portions)),
        kin: CueSet::new(cues(&lex.kin)),
        titles: set(&lex.titles),
        determiners: set(&lex.determiners),
        person_predicates: set(&lex.person_predicates),
        opinions: CueSet::new(cues(&lex.opinions)),
        evaluatives: set(&lex.evaluatives),
        conjunctions: set(&lex.conjunctions),
        sources: set(&lex.sources),
        sections: set(&lex.sections),
        sources_not_after: set(&lex.sources_not_after),
        ordinals: lex.ordinals.iter().map(|(w, &n)| (w.clone(), n)).collect(),
        list_words: set(&lex.list_words),
        fact_pronouns: set(&lex.fact_pronouns),
        opening_question_words: set(&lex.opening_question_words),
        question_particles: CueSet::new(cues(&lex.question_particles)),
        requests: CueSet::new(cues(&lex.requests)),
        purposes: CueSet::new(cues(&lex.purposes)),
        purpose_starts: (lex.purposes.iter())
            .filter_map(|c| normalize(c).split(' ').next().map(str::to_string))
            .filter(|w| !w.is_empty())
            .collect(),
        given_reasons: CueSet::new(cues(&lex.given_reasons)),
        presentatives: CueSet::new(cues(&lex.presentatives)),
        wants: CueSet::new(cues(&lex.wants)),
        telling: set(&lex.telling),
        asker_objects: set(&lex.asker_objects),
        turns: set(&lex.turns),
        within: set(&lex.within),
        where_words: set(&lex.where_words),
        neuter_pronouns: set(&lex.neuter_pronouns),
        elided_te: normalize(&lex.elided_te),
        euphonic_subjects: set(&lex.euphonic_subjects),
        contractions: set(&lex.contractions),
        name_after: set(&lex.name_after),
        unfinished: set(&lex.unfinished),
        reply_in: lex
            .reply_in
            .iter()
            .map(|(w, &l)| (normalize(w), l))
            .collect(),
        restate: set(&lex.restate),
        spans: CueSet::new(cues(&lex.spans)),
        between: set(&lex.between),
        contrasts: CueSet::new(cues(&lex.contrasts)),
        possessives: set(&lex.possessives),
        ellipsis_openers: CueSet::new(cues(&lex.ellipsis_openers)),
        superlatives: CueSet::new(cues(&lex.superlatives)),
        greetings: lex
            .greetings
            .iter()
            .map(|g| crate::nlu::normalize(g))
            .collect(),
        renown: set(&lex.renown),
        vocatives: lex
            .vocatives
            .iter()
            .map(|v| normalize(v))
            .filter(|v| !v.is_empty())
            .collect(),
        describe_question: ["en", "fr"].map(|l| {
            lex.describe_question
                .get(l)
                .map(|q| normalize(q))
                .unwrap_or_default()
        }),
        blanks: lex
            .blanks
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        more_than: cues(&lex.more_than),
        less_than: cues(&lex.less_than),
        or_more: cues(&lex.or_more),
        or_less: cues(&lex.or_less),
        external: lex
            .external
            .iter()
            .flat_map(|(kind, names)| {
                names
                    .iter()
                    .map(move |n| (tokens(&normalize(n)), kind.clone()))
            })
            .filter(|(w, _)| !w.is_empty())
            .collect(),
        synonyms: lex
            .synonyms
            .iter()
            .map(|(k, v)| (normalize(k), v.iter().map(|w| normalize(w)).collect()))
            .collect(),
        kind_words: lex
            .kind_words
            .iter()
            .flat_map(|(kind, words)| words.iter().map(move |w| (normalize(w), kind.clone())))
            .collect(),
        reference_kinds: lex.reference_kinds.clone(),
        reference_details: lex
            .reference_details
            .iter()
            .flat_map(|(detail, words)| words.iter().map(move |w| (normalize(w), detail.clone())))
            .collect(),
        rewrite: lex
            .rewrite
            .iter()
            .map(|(k, v)| (normalize(k), tokens(&normalize(v))))
            .collect(),
        ..Lexicon::default()
    };
    lexicon.index_classes();
    let reference_words = reference_words(&article, &lexicon, &sentence_words);
    let reference_text = article
        .references
        .iter()
        .map(|r| {
            let text = format!("{} {}", r.title, r.website.as_deref().unwrap_or_default());
            tokens(&normalize(&text))
        })
        .collect();
    let vocab = build_vocab(&entities, &intents, &lexicon, &sentence_words);
    let cue_index = cue_index(&intents, patterns);
    let words = word_table(&entities, &lexicon, &vocab, &cue_index);
    let names = Aliases::new(&entities);
    let mut examples = Vec::new();
    // An intent the article answers none of is never suggested.
    for (i, intent) in intents.iter().enumerate().filter(|(_, i)| !i.unanswered) {
        for (lang, list) in [
            (crate::Lang::En, &intent.examples_en),
            (crate::Lang::Fr, &intent.examples_fr),
        ] {
            for q in list {
                let normalized = normalize(q);
                let words = tokens(&normalized);
                let named = names.named(&words);
                examples.push(Example {
                    intent: i,
                    lang,
                    question: q.clone(),
                    normalized,
                    named,
                });
            }
        }
    }
    // Suggestions find an intent's examples by its number.
    debug_assert!(examples.windows(2).all(|w| w[0].intent <= w[1].intent));
    let group_words = group_words(&intents);
    let name_words = (entities.iter())
        .flat_map(|e| crate::nlu::tokens(&crate::nlu::normalize(&e.name)))
        .collect();
    let mut subject_facts = vec![Vec::new(); entities.len()];
    let mut intent_facts = vec![Vec::new(); intents.len()];
    let mut topic_facts: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, f) in facts.iter().enumerate() {
        index_fact(&mut subject_facts, &f.subjects, i);
        index_fact(&mut intent_facts, &f.intents, i);
        topic_facts.entry(f.topic.clone()).or_default().push(i);
    }
    let quote_stems = facts
        .iter()
        .flat_map(|f| f.quote_stems.iter().cloned())
        .collect();
    let mut sentence_stems = Vec::new();
    let mut sentence_entities = Vec::new();
    let mut memo = StemMemo::default();
    for words in &sentence_words {
        let mut st = FxHashSet::default();
        for w in words {
            st.insert(memo.english(w));
            st.insert(w.clone());
        }
        sentence_stems.push(st);
        sentence_entities.push(names.named(words));
    }
    // The embedded files are hashed only when the hash is first asked for (see
    // `KnowledgeBase::content_hash`): `ask` and `chat` never show it.
    let hash = if sources.embedded {
        OnceLock::new()
    } else {
        OnceLock::from(sources_hash(sources))
    };
    KnowledgeBase {
        article,
        entities,
        facts,
        lexicon,
        labels: [labels(&messages.en).into(), labels(&messages.fr).into()],
        messages_en: messages.en,
        messages_fr: messages.fr,
        vocab,
        common_words: Default::default(),
        words,
        cue_index,
        intents,
        examples,
        sentence_stems,
        sentence_entities,
        group_words,
        name_words,
        subject_facts,
        intent_facts,
        topic_facts,
        quote_stems,
        sentence_words,
        reference_words,
        reference_text,
        source,
        loaded_at: SystemTime::now(),
        hash,
        unknown_stems: Memo::new(super::UNKNOWN_WORDS_KEPT),
        unknown_fixes: Memo::new(super::UNKNOWN_WORDS_KEPT),
    }
}

/// The words of each sentence of the article, normalised once: the facts' evidence and the
/// knowledge's indexes all read them.
pub(super) fn sentence_words(article: &wikitext::Article) -> Vec<Vec<String>> {
    article
        .sentences
        .iter()
        .map(|s| tokens(&normalize(&s.text)))
        .collect()
}

/// Records in each quote the fact values it contains (see [`Evidence::values`]).
fn mark_values(facts: &mut [Fact]) {
    let mut by_first: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
    for (f, fact) in facts.iter().enumerate() {
        for (k, v) in fact.value_words.iter().enumerate() {
            if let Some(first) = v.first() {
                by_first.entry(first).or_default().push((f, k));
            }
        }
    }
    let found: Vec<Vec<Vec<(usize, usize)>>> = facts
        .iter()
        .map(|fact| {
            let quote = |words: &[String]| {
                let mut values = Vec::new();
                for i in 0..words.len() {
                    let starting = by_first.get(words[i].as_str()).into_iter().flatten();
                    values.extend(
                        starting
                            .filter(|&&(f, k)| words[i..].starts_with(&facts[f].value_words[k])),
                    );
                }
                values
            };
            fact.evidence.iter().map(|e| quote(&e.words)).collect()
        })
        .collect();
    for (fact, values) in facts.iter_mut().zip(found) {
        for (e, v) in fact.evidence.iter_mut().zip(values) {
            e.values = v;
        }
    }
}

/// Per reference, the words of its title and website that no article sentence uses, minus
/// words without meaning.
fn reference_words(
    article: &wikitext::Article,
    lex: &Lexicon,
    sentence_words: &[Vec<String>],
) -> Vec<FxHashSet<String>> {
    let text = article.sentences.iter().zip(sentence_words);
    let used: FxHashSet<&str> = text
        .filter(|(s, _)| s.section != wikitext::REFERENCES_SECTION)
        .flat_map(|(_, words)| words.iter().map(String::as_str))
        .collect();
    article
        .references
        .iter()
        .map(|r| {
            let text = format!("{} {}", r.title, r.website.as_deref().unwrap_or_default());
            tokens(&normalize(&text))
                .into_iter()
                .filter(|w| w.len() > 2 && !used.contains(w.as_str()))
                .filter(|w| lex.class(w) & super::class::FUNCTION == 0)
                .collect()
        })
        .collect()
}

/// The words that frame an answer, in one language.
fn labels(m: &files::Messages) -> crate::answer::Labels {
    crate::answer::Labels {
        closest: m.closest.clone(),
        you_could_ask: m.you_could_ask.clone(),
        accessed: m.accessed.clone(),
        sources: m.sources.clone(),
        why: m.why.clone(),
        section: m.section.clone(),
    }
}

/// Adds fact `i` to the list of each of `keys` (its subjects, its intents), once.
fn index_fact(index: &mut [Vec<usize>], keys: &[usize], i: usize) {
    for &k in keys {
        if !index[k].contains(&i) {
            index[k].push(i);
        }
    }
}

/// Every word the knowledge knows, with what it is to each list (see [`Word`]).
fn word_table(
    entities: &[Entity],
    lex: &Lexicon,
    vocab: &Vocab,
    cues: &CueIndex,
) -> FxHashMap<String, Word> {
    let mut words: FxHashMap<String, Word> = FxHashMap::default();
    for w in vocab.words() {
        let word = words.entry(w.to_string()).or_default();
        word.known = true;
        word.cues = cues.first_word_id(w);
    }
    for (w, &c) in &lex.classes {
        words.entry(w.clone()).or_default().class = c;
    }
    for (w, to) in &lex.rewrite {
        words.entry(w.clone()).or_default().links_mut().rewrite = Some(to.clone());
    }
    for (e, ent) in entities.iter().enumerate() {
        for (a, alias) in ent.aliases.iter().enumerate() {
            let first = words.entry(alias[0].clone()).or_default();
            first.links_mut().aliases.push((e, a));
        }
    }
    for (i, (name, _)) in lex.external.iter().enumerate() {
        let first = words.entry(name[0].clone()).or_default();
        first.links_mut().externals.push(i);
    }
    words
}

/// The entities; a duplicate id is a problem, and only the first is kept.
pub(super) fn build_entities(
    sources: &Sources,
    problems: &mut Vec<KnowledgeError>,
) -> Option<Vec<Entity>> {
    let file: files::EntitiesFile = parse(sources, files::ENTITIES, problems)?;
    let mut out: Vec<Entity> = Vec::new();
    // What each kept entity became, resolved once all are known.
    let mut became = Vec::new();
    for e in file.entity {
        if out.iter().any(|o| o.id == *e.id.get_ref()) {
            problems.push(err(
                sources,
                files::ENTITIES,
                Some(e.id.span()),
                format!("duplicate entity id `{}`", e.id.get_ref()),
            ));
            continue;
        }
        let aliases: Vec<Vec<String>> = e
            .aliases
            .iter()
            .chain(std::iter::once(&e.name))
            .map(|a| tokens(&normalize(a)))
            .filter(|a| !a.is_empty())
            .collect();
        out.push(Entity {
            id: e.id.into_inner(),
            kind: e.kind,
            name: e.name,
            aliases,
            descriptors: e.descriptors.iter().map(|d| normalize(d)).collect(),
            became: None,
        });
        became.extend(e.became.map(|b| (out.len() - 1, b)));
    }
    for (at, b) in became {
        out[at].became = out.iter().position(|o| o.id == *b.get_ref());
        if out[at].became.is_none() {
            problems.push(err(
                sources,
                files::ENTITIES,
                Some(b.span()),
                format!("`became`: unknown entity `{}`", b.get_ref()),
            ));
        }
    }
    Some(out)
}

/// The cues of `list`, in a vector of the right size (collecting from a filter grows it by
/// doubling, and thousands of cues stay loaded).
fn cues(list: &[String]) -> Vec<Cue> {
    let mut cues = Vec::with_capacity(list.len());
    cues.extend(list.iter().filter_map(|c| Cue::new(c)));
    cues
}

/// The intents. A duplicate id is a problem and only the first is kept; any other problem
/// keeps the intent (without what is wrong), so that the facts naming it are still checked.
/// The intents' patterns, to check and compile ([`compile_all`]): each with its owner
/// (intent, pattern number) and its place in intents.toml.
#[derive(Debug, Default)]
pub(super) struct PatternSources {
    pub sources: Vec<((usize, usize), String)>,
    pub spans: Vec<Range<usize>>,
}

impl PatternSources {
    /// Compiles the patterns; one that does not parse is a problem.
    pub fn compile(
        &self,
        sources: &Sources,
    ) -> (crate::nlu::pattern::CompiledPatterns, Vec<KnowledgeError>) {
        let (compiled, errors) = compile_all(&self.sources);
        let problems = errors
            .into_iter()
            .map(|(k, e)| {
                let span = Some(self.spans[k].clone());
                err(
                    sources,
                    files::INTENTS,
                    span,
                    format!("invalid pattern: {e}"),
                )
            })
            .collect();
        (compiled, problems)
    }
}

/// The intents, and their patterns, which are not parsed yet.
pub(super) fn build_intents(
    sources: &Sources,
    problems: &mut Vec<KnowledgeError>,
) -> Option<(Vec<Intent>, PatternSources)> {
    let file: files::IntentsFile = parse(sources, files::INTENTS, problems)?;
    let mut out: Vec<Intent> = Vec::new();
    let mut to_compile = PatternSources::default();
    // Per intent, its `excludes` and `contrasts`, resolved once every intent is known.
    let mut links = Vec::new();
    for mut i in file.intent {
        let id_span = i.id.span();
        let mut bad = |message: String| {
            problems.push(err(sources, files::INTENTS, Some(id_span.clone()), message));
        };
        let id = i.id.get_ref().clone();
        if out.iter().any(|o| o.id == id) {
            bad(format!("duplicate intent id `{id}`"));
            continue;
        }
        if i.all.is_empty() && i.patterns.is_empty() {
            bad(format!(
                "intent `{id}` has neither `all` cues nor `patterns`"
            ));
        }
        if i.all.len() > MAX_GROUPS {
            bad(format!(
                "intent `{id}` has more than {MAX_GROUPS} groups in `all`"
            ));
            i.all.truncate(MAX_GROUPS);
        }
        if i.examples_en.is_empty() {
            bad(format!(
                "intent `{id}` needs at least one example in `examples_en`"
            ));
        }
        let mut patterns = Vec::new();
        for (k, p) in i.patterns.iter().enumerate() {
            patterns.push(Pattern::new(p.get_ref()));
            (to_compile.sources).push(((out.len(), k), p.get_ref().clone()));
            to_compile.spans.push(p.span());
        }
        links.push((
            std::mem::take(&mut i.excludes),
            std::mem::take(&mut i.contrasts),
        ));
        out.push(Intent {
            id: i.id.into_inner(),
            weight: i.weight,
            strict: i.strict,
            implicit_subject: i.implicit_subject,
            wh_exclusive: i.wh_exclusive,
            unanswered: i.unanswered,
            describes: i.describes,
            smalltalk: i.smalltalk,
            groups: i.all.iter().map(|g| cues(g)).collect(),
            fits: cues(&i.fits),
            value_kinds: i.value_kinds,
            boost: cues(&i.boost),
            wh: cues(&i.wh),
            patterns,
            not: cues(&i.not),
            excludes: Vec::new(),
            contrasts: Vec::new(),
            examples_en: i.examples_en,
            examples_fr: i.examples_fr,
        });
    }
    for (n, (excluded, contrasted)) in links.into_iter().enumerate() {
        let excludes = other_intents(&out, n, &excluded, "excludes", sources, problems);
        let contrasts = other_intents(&out, n, &contrasted, "contrasts", sources, problems);
        out[n].excludes = excludes;
        out[n].contrasts = contrasts;
    }
    Some((out, to_compile))
}

/// The intents other than intent `n` that `list` names in its `field`; an id that names no
/// other intent is a problem.
fn other_intents(
    intents: &[Intent],
    n: usize,
    list: &[toml::Spanned<String>],
    field: &str,
    sources: &Sources,
    problems: &mut Vec<KnowledgeError>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for id in list {
        match intents.iter().position(|o| o.id == *id.get_ref()) {
            Some(e) if e != n => out.push(e),
            _ => problems.push(err(
                sources,
                files::INTENTS,
                Some(id.span()),
                format!(
                    "intent `{}` {field} `{}`, which is not another intent",
                    intents[n].id,
                    id.get_ref()
                ),
            )),
        }
    }
    out
}

/// Finds the ids of `list` in `known` (`None`: `known` did not load); an unknown id is a
/// problem, and `None`.
fn resolve(
    sources: &Sources,
    fact: &str,
    list: &[toml::Spanned<String>],
    known: Option<&[&str]>,
    file_of_ids: &str,
    problems: &mut Vec<KnowledgeError>,
) -> Option<Vec<usize>> {
    let known = known?;
    let mut out = Some(Vec::new());
    let what = if file_of_ids == files::ENTITIES {
        "entity"
    } else {
        "intent"
    };
    for s in list {
        match known.iter().position(|k| k == s.get_ref()) {
            Some(n) => out.iter_mut().for_each(|o| o.push(n)),
            None => {
                problems.push(err(
                    sources,
                    files::FACTS,
                    Some(s.span()),
                    format!(
                        "fact `{fact}`: unknown {what} `{}` (not in {file_of_ids})",
                        s.get_ref()
                    ),
                ));
                out = None;
            }
        }
    }
    out
}

/// The facts. Every problem of every fact is listed, and a fact with a problem is left out
/// (as is every fact when the article, the entities or the intents did not load).
/// `sentence_words`: the article's, by [`sentence_words`].
pub(super) fn build_facts(
    sources: &Sources,
    article: Option<&wikitext::Article>,
    sentence_words: &[Vec<String>],
    entities: Option<&[Entity]>,
    intents: Option<&[Intent]>,
    problems: &mut Vec<KnowledgeError>,
    found: &mut super::diagnose::FactsFound,
) -> Option<Vec<Fact>> {
    let file: files::FactsFile = parse(sources, files::FACTS, problems)?;
    found.total = Some(file.fact.len());
    let keys: Vec<String> = article.map_or_else(Vec::new, |a| {
        a.sentences.iter().map(|s| quote_key(&s.text)).collect()
    });
    let f = files::FACTS;
    let mut memo = StemMemo::default();
    let entity_ids: Option<Vec<&str>> = entities.map(|e| e.iter().map(|x| x.id.as_str()).collect());
    let intent_ids: Option<Vec<&str>> = intents.map(|i| i.iter().map(|x| x.id.as_str()).collect());
    let mut ids: Vec<String> = Vec::new();
    let mut out: Vec<Fact> = Vec::new();
    let names = entities.map(Aliases::new);
    for d in file.fact {
        let before = problems.len();
        let id = d.id.get_ref().clone();
        let bad = |problems: &mut Vec<KnowledgeError>, message: String| {
            problems.push(err(sources, f, Some(d.id.span()), message));
        };
        if ids.contains(&id) {
            bad(problems, format!("duplicate fact id `{id}`"));
        }
        ids.push(id.clone());
        if d.subjects.is_empty() || d.evidence.is_empty() || d.intents.is_empty() {
            bad(
                problems,
                format!("fact `{id}` needs subjects, intents and evidence"),
            );
        }
        let known = entity_ids.as_deref();
        let subjects = resolve(sources, &id, &d.subjects, known, files::ENTITIES, problems);
        let mentions = resolve(sources, &id, &d.mentions, known, files::ENTITIES, problems);
        let items = resolve(sources, &id, &d.items, known, files::ENTITIES, problems);
        let main = resolve(sources, &id, &d.main, known, files::ENTITIES, problems);
        let value_entity = match &d.value_entity {
            None => Some(None),
            Some(v) => resolve(
                sources,
                &id,
                std::slice::from_ref(v),
                known,
                files::ENTITIES,
                problems,
            )
            .map(|n| n.first().copied()),
        };
        let fact_intents = resolve(
            sources,
            &id,
            &d.intents,
            intent_ids.as_deref(),
            files::INTENTS,
            problems,
        );
        let mut evidence = Vec::new();
        let mut refs: Vec<usize> = Vec::new();
        for q in &d.evidence {
            let Some(article) = article else { break };
            let key = quote_key(q.get_ref());
            let at = keys
                .iter()
                .position(|s| !key.is_empty() && s.contains(&key));
            let Some(sentence) = at else {
                found.missing.push(super::diagnose::MissingQuote {
                    fact: id.clone(),
                    quote: q.get_ref().clone(),
                    problem: problems.len(),
                });
                problems.push(err(
                    sources,
                    f,
                    Some(q.span()),
                    format!(
                        "fact `{id}`: evidence not found in the article: \"{}\"",
                        q.get_ref()
                    ),
                ));
                continue;
            };
            refs.extend(&article.sentences[sentence].refs);
            evidence.push(Evidence {
                words: tokens(&normalize(q.get_ref())),
                quote: q.get_ref().clone(),
                sentence,
                named: Vec::new(),
                values: Vec::new(),
            });
        }
        refs.sort_unstable();
        refs.dedup();
        for (text, lang) in [(&d.en, "en"), (&d.fr, "fr")] {
            if text.trim().is_empty() {
                bad(
                    problems,
                    format!("fact `{id}` has an empty `{lang}` answer"),
                );
            }
        }
        let parts = (
            article,
            names.as_ref(),
            subjects,
            mentions,
            fact_intents,
            value_entity,
            items,
            main,
        );
        if problems.len() > before {
            found
                .left_out
                .push((id, d.intents.iter().map(|i| i.get_ref().clone()).collect()));
            continue;
        }
        // Without the article, the entities or the intents, a fact cannot be built (and the
        // file that did not load is the problem).
        let (
            Some(article),
            Some(names),
            Some(subjects),
            Some(mentions),
            Some(fact_intents),
            Some(value_entity),
            Some(items),
            Some(main),
        ) = parts
        else {
            continue;
        };
        let Some(closed) = closed_kinds(d.closed, entities, |m| {
            bad(problems, format!("fact `{id}`: {m}"))
        }) else {
            continue;
        };
        let section = article.sentences[evidence[0].sentence].section.clone();
        let named_in = |words: &[String]| names.named(words);
        let declared = mentions.clone();
        let mut mentions = mentions;
        for ev in &mut evidence {
            ev.named = named_in(&ev.words);
            for &e in &ev.named {
                if !subjects.contains(&e) && !mentions.contains(&e) {
                    mentions.push(e);
                }
            }
        }
        let mut context = Vec::new();
        for ev in &evidence {
            for e in named_in(&sentence_words[ev.sentence]) {
                if !subjects.contains(&e) && !mentions.contains(&e) && !context.contains(&e) {
                    context.push(e);
                }
            }
        }
        let mut stems = FxHashSet::default();
        let mut numbers = Vec::new();
        let mut quote_stems = FxHashSet::default();
        // The article and the English answer are English; the French answer is French.
        for w in evidence.iter().flat_map(|e| &e.words) {
            quote_stems.insert(memo.english(w));
            quote_stems.insert(w.clone());
        }
        let mut claim_stems = FxHashSet::default();
        // The answers' words serve twice: for the claims, then for the stems.
        let answers = [
            (tokens(&normalize(&d.en)), false),
            (tokens(&normalize(&d.fr)), true),
        ];
        let answers = answers
            .iter()
            .map(|(words, french)| (words.as_slice(), *french));
        let quotes = evidence.iter().map(|e| (e.words.as_slice(), false));
        for (words, french) in quotes.chain(answers.clone()) {
            let named = names.spans(words);
            for (w, _) in words.iter().zip(&named).filter(|(_, &n)| !n) {
                claim_stems.insert(if french {
                    memo.french(w)
                } else {
                    memo.english(w)
                });
                claim_stems.insert(w.clone());
            }
        }
        let sentences = evidence
            .iter()
            .map(|e| (sentence_words[e.sentence].as_slice(), false));
        for (words, french) in sentences.chain(answers) {
            for w in words {
                if let Ok(n) = w.parse::<u64>() {
                    numbers.push(n);
                }
                stems.insert(if french {
                    memo.french(w)
                } else {
                    memo.english(w)
                });
                stems.insert(w.clone());
            }
        }
        out.push(Fact {
            id: d.id.into_inner(),
            subjects,
            mentions,
            relation: d.relation,
            value_words: d
                .value
                .split([';', ','])
                .map(|v| tokens(&normalize(v)))
                .filter(|v| !v.is_empty())
                .collect(),
            value_numbers: tokens(&normalize(&d.value))
                .iter()
                .filter_map(|w| w.parse().ok())
                .collect(),
            value: d.value,
            intents: fact_intents,
            topic: d.topic,
            evidence,
            en: d.en,
            fr: d.fr,
            refs,
            section,
            closed,
            dated: d.dated,
            partial: d.partial,
            states_kind: d.states_kind,
            main,
            value_entity,
            stems,
            quote_stems,
            claim_stems,
            items,
            declared,
            numbers,
            context,
        });
    }
    Some(out)
}

/// Checks that the kinds `closed` names are kinds of values there are.
fn closed_kinds(
    def: files::ClosedDef,
    entities: Option<&[Entity]>,
    mut bad: impl FnMut(String),
) -> Option<Closed> {
    let kinds = match def {
        files::ClosedDef::Every(false) => return Some(Closed::Open),
        files::ClosedDef::Every(true) => return Some(Closed::Every),
        files::ClosedDef::Kinds(kinds) => kinds,
    };
    let known = |k: &str| {
        Closed::NUMBER_KINDS.contains(&k) || entities.is_some_and(|e| e.iter().any(|x| x.kind == k))
    };
    match kinds.iter().find(|k| !known(k)) {
        Some(k) => {
            bad(format!("`closed` names an unknown kind of value `{k}`"));
            None
        }
        None => Some(Closed::Kinds(kinds)),
    }
}

fn build_vocab(
    entities: &[Entity],
    intents: &[Intent],
    lex: &Lexicon,
    sentence_words: &[Vec<String>],
) -> Vocab {
    let mut v = Vocab::default();
    // The article's words are words: never corrected into another ("accelerate" is not
    // "accelerator").
    for w in sentence_words.iter().flatten() {
        v.insert(w, false);
    }
    for e in entities {
        for w in e.aliases.iter().flatten() {
            v.insert(w, true);
        }
    }
    for i in intents {
        let all = i
            .groups
            .iter()
            .flatten()
            .chain(&i.boost)
            .chain(&i.wh)
            .chain(&i.fits)
            .chain(&i.not);
        for c in all {
            for w in c.words() {
                v.insert(w, true);
            }
        }
    }
    let lists = [
        &lex.pronouns,
        &lex.person_pronouns,
        &lex.question_words,
        &lex.filler,
        &lex.self_words,
        &lex.present,
        &lex.verbs,
        &lex.only,
        &lex.alternatives,
        &lex.conjunctions,
        &lex.sources,
        &lex.sections,
        &lex.list_words,
        &lex.companions,
        &lex.relatives,
        &lex.renamings,
        &lex.always,
        &lex.vague_nouns,
        &lex.clause_subjects,
        &lex.purpose_nouns,
        &lex.between,
        &lex.restate,
        &lex.titles,
    ];
    for w in lists.into_iter().flatten() {
        for t in w.split(' ') {
            v.insert(t, false);
        }
    }
    for w in lex
        .others
        .cues()
        .iter()
        .chain(lex.excluding.cues())
        .chain(lex.spans.cues())
        .chain(lex.contrasts.cues())
        .chain(lex.kin.cues())
        .chain(lex.requests.cues())
        .chain(lex.portions.cues())
        .flat_map(|c| c.words())
    {
        v.insert(w, false);
    }
    for w in lex.ordinals.keys() {
        v.insert(w, false);
    }
    // A word with synonyms is known: never "corrected" into another ("product" is not
    // "produce").
    for w in lex
        .synonyms
        .keys()
        .chain(lex.kind_words.keys())
        .chain(lex.reference_details.keys())
        .chain(lex.reply_in.keys())
    {
        v.insert(w, false);
    }
    for (words, _) in &lex.external {
        for w in words {
            v.insert(w, false);
        }
    }
    v
}

/// The stems of the words met while building, each computed once: the facts' evidence
/// sentences overlap, and stemming them was the most of a start's time.
#[derive(Default)]
struct StemMemo {
    english: FxHashMap<String, String>,
    french: FxHashMap<String, String>,
}

impl StemMemo {
    fn english(&mut self, w: &str) -> String {
        Self::memo(&mut self.english, w, stem::english)
    }

    fn french(&mut self, w: &str) -> String {
        Self::memo(&mut self.french, w, stem::french)
    }

    fn memo(seen: &mut FxHashMap<String, String>, w: &str, stem: fn(&str) -> String) -> String {
        if let Some(s) = seen.get(w) {
            return s.clone();
        }
        let s = stem(w);
        seen.insert(w.to_string(), s.clone());
        s
    }
}

/// Groups an intent may have (`all` in intents.toml).
pub const MAX_GROUPS: usize = 4;

/// Every intent's cues and its compiled `patterns`, in one index.
fn cue_index(intents: &[Intent], patterns: CompiledPatterns) -> CueIndex {
    let cues = |i: &Intent| {
        let lists = [&i.boost, &i.not, &i.wh, &i.fits];
        i.groups.iter().chain(lists).map(Vec::len).sum::<usize>()
    };
    let mut entries = Vec::with_capacity(intents.iter().map(cues).sum());
    for (owner, intent) in intents.iter().enumerate() {
        let groups = intent
            .groups
            .iter()
            .enumerate()
            .flat_map(|(g, cs)| cs.iter().map(move |c| (Slot::Group(g), c)));
        let rest = [
            (Slot::Boost, &intent.boost),
            (Slot::Not, &intent.not),
            (Slot::Wh, &intent.wh),
            (Slot::Fits, &intent.fits),
        ]
        .into_iter()
        .flat_map(|(slot, cs)| cs.iter().map(move |c| (slot, c)));
        for (slot, cue) in groups.chain(rest) {
            entries.push(Entry {
                owner,
                slot,
                cue: cue.clone(),
            });
        }
    }
    CueIndex::new(entries, patterns)
}

fn group_words(intents: &[Intent]) -> FxHashMap<String, Vec<usize>> {
    let mut out: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, intent) in intents.iter().enumerate().filter(|(_, x)| !x.smalltalk) {
        for w in intent
            .groups
            .iter()
            .flatten()
            .filter(|c| c.len() == 1)
            .flat_map(|c| c.words())
        {
            let owners = out.entry(w.to_string()).or_default();
            if !owners.contains(&i) {
                owners.push(i);
            }
        }
    }
    out
}

/// The entities' aliases by first word, to find the names in a text in one pass over its words.
struct Aliases<'a> {
    by_first: FxHashMap<&'a str, Vec<(usize, &'a [String])>>,
}

impl<'a> Aliases<'a> {
    fn new(entities: &'a [Entity]) -> Aliases<'a> {
        let mut by_first: FxHashMap<&str, Vec<(usize, &[String])>> = FxHashMap::default();
        for (e, entity) in entities.iter().enumerate() {
            for alias in entity.aliases.iter().filter(|a| !a.is_empty()) {
                by_first.entry(&alias[0]).or_default().push((e, alias));
            }
        }
        Aliases { by_first }
    }

    /// Every (entity, start, length) of a name in `words`.
    fn find<'w>(&'w self, words: &'w [String]) -> impl Iterator<Item = (usize, usize, usize)> + 'w {
        words.iter().enumerate().flat_map(move |(i, w)| {
            let rest = &words[i..];
            self.by_first
                .get(w.as_str())
                .into_iter()
                .flatten()
                .filter(move |(_, alias)| rest.starts_with(alias))
                .map(move |&(e, alias)| (e, i, alias.len()))
        })
    }

    /// The entities `words` name, in entity order.
    fn named(&self, words: &[String]) -> Vec<usize> {
        let mut named: Vec<usize> = self.find(words).map(|(e, _, _)| e).collect();
        named.sort_unstable();
        named.dedup();
        named
    }

    /// Per word: is it part of a name?
    fn spans(&self, words: &[String]) -> Vec<bool> {
        let mut named = vec![false; words.len()];
        for (_, start, n) in self.find(words) {
            named[start..start + n].iter_mut().for_each(|b| *b = true);
        }
        named
    }
}
