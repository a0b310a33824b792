//! Builds a [`KnowledgeBase`] from the raw files: parse, resolve ids, find every fact's
//! evidence in the article and derive its citations, compile cues and patterns, index the
//! vocabulary. Every failure names file, line and column.

use super::files::{self, line_col, Sources};
use super::*;
use crate::nlu::{normalize, stem, tokens, CueIndex, Entry, Slot};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::ops::Range;

fn err(
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

fn parse<T: DeserializeOwned>(sources: &Sources, file: &str) -> Result<T, KnowledgeError> {
    toml::from_str(sources.get(file))
        .map_err(|e| err(sources, file, e.span(), e.message().trim().to_string()))
}

/// Whitespace and apostrophes made uniform, for finding quotes in sentences.
pub fn quote_key(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds the knowledge. With `lenient`, a fact whose evidence is no longer in the article is
/// left out and reported in `problems` instead of failing the load (for `check`, which lists
/// every such fact after an article update).
pub(super) fn build(
    sources: Sources,
    source: Option<PathBuf>,
    lenient: bool,
) -> Result<KnowledgeBase, KnowledgeError> {
    let article = wikitext::parse(sources.get(files::ARTICLE)).map_err(|e| KnowledgeError {
        file: files::ARTICLE.into(),
        line: e.line,
        column: 1,
        message: e.message,
    })?;
    if article.sentences.is_empty() {
        return Err(err(
            &sources,
            files::ARTICLE,
            None,
            "the article has no text".into(),
        ));
    }
    let entities = build_entities(&sources)?;
    let intents = build_intents(&sources)?;
    let mut problems = Vec::new();
    let facts = build_facts(
        &sources,
        &article,
        &entities,
        &intents,
        lenient.then_some(&mut problems),
    )?;
    let lex: files::LexiconFile = parse(&sources, files::LEXICON)?;
    let set = |v: &[String]| {
        v.iter()
            .map(|w| normalize(w))
            .filter(|w| !w.is_empty())
            .collect()
    };
    let lexicon = Lexicon {
        pronouns: set(&lex.pronouns),
        person_pronouns: set(&lex.person_pronouns),
        question_words: set(&lex.question_words),
        french: set(&lex.french),
        english: set(&lex.english),
        filler: set(&lex.filler),
        context_kinds: lex.context_kinds,
        person_kinds: lex.person_kinds,
        self_words: set(&lex.self_words),
        verbs: set(&lex.verbs),
        yes_no_starts: cues(&lex.yes_no_starts),
        yes_no_marks: cues(&lex.yes_no_marks),
        others: cues(&lex.others),
        only: set(&lex.only),
        more_than: cues(&lex.more_than),
        less_than: cues(&lex.less_than),
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
        rewrite: lex
            .rewrite
            .iter()
            .map(|(k, v)| (normalize(k), tokens(&normalize(v))))
            .collect(),
    };
    let messages: files::MessagesFile = parse(&sources, files::MESSAGES)?;
    for intent in intents.iter().filter(|i| i.smalltalk) {
        for (lang, m) in [("en", &messages.en), ("fr", &messages.fr)] {
            if !m.smalltalk.contains_key(&intent.id) {
                return Err(err(
                    &sources,
                    files::MESSAGES,
                    None,
                    format!(
                        "[{lang}.smalltalk] has no reply for the small-talk intent `{}`",
                        intent.id
                    ),
                ));
            }
        }
    }
    let vocab = build_vocab(&entities, &intents, &lexicon);
    let mut alias_index: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
    for (e, ent) in entities.iter().enumerate() {
        for (a, alias) in ent.aliases.iter().enumerate() {
            alias_index
                .entry(alias[0].clone())
                .or_default()
                .push((e, a));
        }
    }
    let mut examples = Vec::new();
    for (i, intent) in intents.iter().enumerate() {
        for (lang, list) in [
            (crate::Lang::En, &intent.examples_en),
            (crate::Lang::Fr, &intent.examples_fr),
        ] {
            for q in list {
                let words = tokens(&normalize(q));
                let named = entities
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| {
                        e.aliases
                            .iter()
                            .any(|a| words.windows(a.len()).any(|w| w == a.as_slice()))
                    })
                    .map(|(n, _)| n)
                    .collect();
                examples.push((i, lang, q.clone(), named));
            }
        }
    }
    let group_words = group_words(&intents);
    let stem_cache = vocab
        .words()
        .map(|w| (w.to_string(), stems_with_synonyms(&lexicon, w).into()))
        .collect();
    let mut external_index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, (words, _)) in lexicon.external.iter().enumerate() {
        external_index.entry(words[0].clone()).or_default().push(i);
    }
    let sentence_words: Vec<Vec<String>> = article
        .sentences
        .iter()
        .map(|s| tokens(&normalize(&s.text)))
        .collect();
    let mut sentence_stems = Vec::new();
    let mut sentence_entities = Vec::new();
    for s in &article.sentences {
        let words = tokens(&normalize(&s.text));
        let mut st = FxHashSet::default();
        for w in &words {
            st.extend(stem::stems(w));
            st.insert(w.clone());
        }
        sentence_stems.push(st);
        sentence_entities.push(
            (0..entities.len())
                .filter(|&e| {
                    entities[e]
                        .aliases
                        .iter()
                        .any(|a| words.windows(a.len()).any(|w| w == a.as_slice()))
                })
                .collect(),
        );
    }
    let mut h = Sha256::new();
    for (name, text) in &sources.files {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.update([0]);
    }
    let hash = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok(KnowledgeBase {
        article,
        entities,
        facts,
        lexicon,
        messages_en: messages.en,
        messages_fr: messages.fr,
        vocab,
        alias_index,
        cue_index: cue_index(&intents),
        intents,
        examples,
        sentence_stems,
        sentence_entities,
        group_words,
        stem_cache,
        external_index,
        sentence_words,
        source,
        loaded_at: SystemTime::now(),
        hash,
        problems,
    })
}

fn build_entities(sources: &Sources) -> Result<Vec<Entity>, KnowledgeError> {
    let file: files::EntitiesFile = parse(sources, files::ENTITIES)?;
    let mut out: Vec<Entity> = Vec::new();
    for e in file.entity {
        if out.iter().any(|o| o.id == *e.id.get_ref()) {
            return Err(err(
                sources,
                files::ENTITIES,
                Some(e.id.span()),
                format!("duplicate entity id `{}`", e.id.get_ref()),
            ));
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
        });
    }
    Ok(out)
}

fn cues(list: &[String]) -> Vec<Cue> {
    list.iter().filter_map(|c| Cue::new(c)).collect()
}

fn build_intents(sources: &Sources) -> Result<Vec<Intent>, KnowledgeError> {
    let file: files::IntentsFile = parse(sources, files::INTENTS)?;
    let mut out: Vec<Intent> = Vec::new();
    for i in file.intent {
        let id_span = i.id.span();
        if out.iter().any(|o| o.id == *i.id.get_ref()) {
            return Err(err(
                sources,
                files::INTENTS,
                Some(id_span),
                format!("duplicate intent id `{}`", i.id.get_ref()),
            ));
        }
        if i.all.is_empty() && i.patterns.is_empty() {
            return Err(err(
                sources,
                files::INTENTS,
                Some(id_span),
                format!(
                    "intent `{}` has neither `all` cues nor `patterns`",
                    i.id.get_ref()
                ),
            ));
        }
        if i.all.len() > MAX_GROUPS {
            return Err(err(
                sources,
                files::INTENTS,
                Some(id_span),
                format!(
                    "intent `{}` has more than {} groups in `all`",
                    i.id.get_ref(),
                    MAX_GROUPS
                ),
            ));
        }
        if i.examples_en.is_empty() {
            return Err(err(
                sources,
                files::INTENTS,
                Some(id_span),
                format!(
                    "intent `{}` needs at least one example in `examples_en`",
                    i.id.get_ref()
                ),
            ));
        }
        let mut patterns = Vec::new();
        for p in &i.patterns {
            let re = Regex::new(p.get_ref()).map_err(|e| {
                err(
                    sources,
                    files::INTENTS,
                    Some(p.span()),
                    format!("invalid pattern: {e}"),
                )
            })?;
            patterns.push(re);
        }
        out.push(Intent {
            id: i.id.into_inner(),
            weight: i.weight,
            strict: i.strict,
            implicit_subject: i.implicit_subject,
            describes: i.describes,
            smalltalk: i.smalltalk,
            groups: i.all.iter().map(|g| cues(g)).collect(),
            fits: cues(&i.fits),
            value_kinds: i.value_kinds,
            boost: cues(&i.boost),
            wh: cues(&i.wh),
            patterns,
            not: cues(&i.not),
            examples_en: i.examples_en,
            examples_fr: i.examples_fr,
        });
    }
    Ok(out)
}

fn build_facts(
    sources: &Sources,
    article: &wikitext::Article,
    entities: &[Entity],
    intents: &[Intent],
    mut problems: Option<&mut Vec<KnowledgeError>>,
) -> Result<Vec<Fact>, KnowledgeError> {
    let file: files::FactsFile = parse(sources, files::FACTS)?;
    let keys: Vec<String> = article
        .sentences
        .iter()
        .map(|s| quote_key(&s.text))
        .collect();
    let f = files::FACTS;
    let entity = |s: &toml::Spanned<String>| {
        entities
            .iter()
            .position(|e| e.id == *s.get_ref())
            .ok_or_else(|| {
                err(
                    sources,
                    f,
                    Some(s.span()),
                    format!("unknown entity `{}` (not in entities.toml)", s.get_ref()),
                )
            })
    };
    let mut out: Vec<Fact> = Vec::new();
    'facts: for d in file.fact {
        if out.iter().any(|o| o.id == *d.id.get_ref()) {
            return Err(err(
                sources,
                f,
                Some(d.id.span()),
                format!("duplicate fact id `{}`", d.id.get_ref()),
            ));
        }
        if d.subjects.is_empty() || d.evidence.is_empty() || d.intents.is_empty() {
            return Err(err(
                sources,
                f,
                Some(d.id.span()),
                format!(
                    "fact `{}` needs subjects, intents and evidence",
                    d.id.get_ref()
                ),
            ));
        }
        let subjects = d
            .subjects
            .iter()
            .map(entity)
            .collect::<Result<Vec<_>, _>>()?;
        let mentions = d
            .mentions
            .iter()
            .map(entity)
            .collect::<Result<Vec<_>, _>>()?;
        let mut fact_intents = Vec::new();
        for i in &d.intents {
            let n = intents
                .iter()
                .position(|x| x.id == *i.get_ref())
                .ok_or_else(|| {
                    err(
                        sources,
                        f,
                        Some(i.span()),
                        format!("unknown intent `{}` (not in intents.toml)", i.get_ref()),
                    )
                })?;
            fact_intents.push(n);
        }
        let mut evidence = Vec::new();
        let mut refs: Vec<usize> = Vec::new();
        for q in &d.evidence {
            let key = quote_key(q.get_ref());
            let found = keys
                .iter()
                .position(|s| !key.is_empty() && s.contains(&key));
            let Some(sentence) = found else {
                let e = err(
                    sources,
                    f,
                    Some(q.span()),
                    format!(
                        "fact `{}`: evidence not found in the article: \"{}\"",
                        d.id.get_ref(),
                        q.get_ref()
                    ),
                );
                match problems.as_deref_mut() {
                    Some(p) => {
                        p.push(e);
                        continue 'facts;
                    }
                    None => return Err(e),
                }
            };
            refs.extend(&article.sentences[sentence].refs);
            evidence.push(Evidence {
                words: tokens(&normalize(q.get_ref())),
                quote: q.get_ref().clone(),
                sentence,
            });
        }
        refs.sort_unstable();
        refs.dedup();
        for (text, lang) in [(&d.en, "en"), (&d.fr, "fr")] {
            if text.trim().is_empty() {
                return Err(err(
                    sources,
                    f,
                    Some(d.id.span()),
                    format!("fact `{}` has an empty `{lang}` answer", d.id.get_ref()),
                ));
            }
        }
        let section = article.sentences[evidence[0].sentence].section.clone();
        let value_entity = d.value_entity.as_ref().map(entity).transpose()?;
        let named_in = |words: &[String]| -> Vec<usize> {
            (0..entities.len())
                .filter(|&e| {
                    entities[e]
                        .aliases
                        .iter()
                        .any(|a| words.windows(a.len()).any(|w| w == a.as_slice()))
                })
                .collect()
        };
        let mut mentions = mentions;
        for ev in &evidence {
            for e in named_in(&ev.words) {
                if !subjects.contains(&e) && !mentions.contains(&e) {
                    mentions.push(e);
                }
            }
        }
        let mut context = Vec::new();
        for ev in &evidence {
            let words = tokens(&normalize(&article.sentences[ev.sentence].text));
            for e in named_in(&words) {
                if !subjects.contains(&e) && !mentions.contains(&e) && !context.contains(&e) {
                    context.push(e);
                }
            }
        }
        let mut stems = FxHashSet::default();
        let mut numbers = Vec::new();
        let mut quote_stems = FxHashSet::default();
        for w in evidence.iter().flat_map(|e| &e.words) {
            quote_stems.extend(stem::stems(w));
            quote_stems.insert(w.clone());
        }
        let sentences = evidence
            .iter()
            .map(|e| article.sentences[e.sentence].text.as_str());
        for text in sentences.chain([d.en.as_str(), d.fr.as_str()]) {
            for w in tokens(&normalize(text)) {
                if let Ok(n) = w.parse::<u64>() {
                    numbers.push(n);
                }
                stems.extend(stem::stems(&w));
                stems.insert(w);
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
            closed: d.closed,
            value_entity,
            stems,
            quote_stems,
            numbers,
            context,
        });
    }
    Ok(out)
}

fn build_vocab(entities: &[Entity], intents: &[Intent], lex: &Lexicon) -> Vocab {
    let mut v = Vocab::default();
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
        &lex.verbs,
    ];
    for w in lists.into_iter().flatten() {
        for t in w.split(' ') {
            v.insert(t, false);
        }
    }
    for w in lex.others.iter().flat_map(|c| c.words()) {
        v.insert(w, false);
    }
    for (words, _) in &lex.external {
        for w in words {
            v.insert(w, false);
        }
    }
    v.index();
    v
}

/// Groups an intent may have (`all` in intents.toml).
pub const MAX_GROUPS: usize = 4;

/// Every intent's cues and patterns, compiled into one index.
fn cue_index(intents: &[Intent]) -> CueIndex {
    let mut entries = Vec::new();
    let mut patterns = Vec::new();
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
        patterns.extend(
            intent
                .patterns
                .iter()
                .map(|re| (owner, re.as_str().to_string())),
        );
    }
    CueIndex::new(entries, &patterns)
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
