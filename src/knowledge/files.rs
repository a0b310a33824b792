//! The knowledge files as written on disk (serde models, unknown keys rejected), and the
//! mapping from a TOML error to file, line and column.

use super::KnowledgeError;
use serde::Deserialize;
use std::borrow::Cow;
use toml::Spanned;

pub const ARTICLE: &str = "article.wikitext";
pub const ENTITIES: &str = "entities.toml";
pub const INTENTS: &str = "intents.toml";
pub const FACTS: &str = "facts.toml";
pub const LEXICON: &str = "lexicon.toml";
pub const MESSAGES: &str = "messages.toml";
/// The command-line chat's own wording (read by `frontends::chat::text`, not by the build).
/// The article as its facts were last checked against it (written by `check --accept`, read
/// by `check`; not by the build). Optional: a directory without one loads.
pub const BASELINE: &str = "baseline.toml";
/// Common English and French words, which a typo correction never replaces (see
/// [`crate::nlu::CommonWords`]). Optional: without it every unknown word may be corrected.
pub const WORDS: &str = "words.txt";
/// Every knowledge file, in load order.
pub const ALL: [&str; 8] = [
    ARTICLE, ENTITIES, INTENTS, FACTS, LEXICON, MESSAGES, BASELINE, WORDS,
];
/// Knowledge files a directory may leave out.
pub const OPTIONAL: [&str; 2] = [BASELINE, WORDS];

/// The raw text of every knowledge file, keyed by file name, and why any file could not be
/// read.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Borrowed when embedded in the binary: those are never copied.
    pub files: Vec<(String, Cow<'static, str>)>,
    /// Files that could not be read (missing, unreadable, not UTF-8), each with its problem.
    pub unreadable: Vec<(String, KnowledgeError)>,
    /// The files embedded in the binary (see `embedded_sources`).
    pub embedded: bool,
}

impl Sources {
    /// The text of `name`, or `""` when it could not be read.
    pub fn get(&self, name: &str) -> &str {
        self.text(name).unwrap_or("")
    }

    /// The text of `name`, or why it is not there.
    pub fn text(&self, name: &str) -> Result<&str, KnowledgeError> {
        if let Some((_, t)) = self.files.iter().find(|(n, _)| n == name) {
            return Ok(t);
        }
        Err(match self.unreadable.iter().find(|(n, _)| n == name) {
            Some((_, e)) => e.clone(),
            None => KnowledgeError {
                file: name.to_string(),
                line: 0,
                column: 0,
                message: "missing".into(),
            },
        })
    }

    /// The text of `name` as kept: borrowed from the binary when embedded, copied otherwise.
    pub fn shared(&self, name: &str) -> Option<Cow<'static, str>> {
        let (_, t) = self.files.iter().find(|(n, _)| n == name)?;
        Some(t.clone())
    }

    /// Whether `name` was read.
    pub fn has(&self, name: &str) -> bool {
        self.files.iter().any(|(n, _)| n == name)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitiesFile {
    pub entity: Vec<EntityDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    pub id: Spanned<String>,
    pub kind: String,
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(default)]
    pub descriptors: Vec<String>,
    /// The entity it became (LISA became Mila), by id.
    #[serde(default)]
    pub became: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntentsFile {
    pub intent: Vec<IntentDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntentDef {
    pub id: Spanned<String>,
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default)]
    pub strict: bool,
    #[serde(default)]
    pub implicit_subject: bool,
    /// Its question words ask for its slot alone (see `Intent::wh_exclusive`).
    #[serde(default)]
    pub wh_exclusive: bool,
    /// The article answers none of its questions (see `Intent::unanswered`).
    #[serde(default)]
    pub unanswered: bool,
    #[serde(default)]
    pub describes: bool,
    /// Small talk: answered from `messages.toml` (`smalltalk.<id>`), never from a fact.
    #[serde(default)]
    pub smalltalk: bool,
    /// Words this intent explains without identifying it.
    #[serde(default)]
    pub fits: Vec<String>,
    /// Entity kinds whose mention counts as a cue of the first group ("is Mila in Calgary?").
    #[serde(default)]
    pub value_kinds: Vec<String>,
    #[serde(default)]
    pub all: Vec<Vec<String>>,
    #[serde(default)]
    pub boost: Vec<String>,
    #[serde(default)]
    pub wh: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub not: Vec<String>,
    /// Intents that rule this one out for a person: someone the article lists among the
    /// graduates is, as far as it says, not on the faculty.
    #[serde(default)]
    pub excludes: Vec<Spanned<String>>,
    /// Intents whose fact about a person is what the article says instead, without ruling
    /// this one out: "is Doina Precup a graduate?" gets her place on the faculty.
    #[serde(default)]
    pub contrasts: Vec<Spanned<String>>,
    pub examples_en: Vec<String>,
    #[serde(default)]
    pub examples_fr: Vec<String>,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    pub fact: Vec<FactDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactDef {
    pub id: Spanned<String>,
    pub subjects: Vec<Spanned<String>>,
    #[serde(default)]
    pub mentions: Vec<Spanned<String>>,
    pub relation: String,
    pub value: String,
    pub intents: Vec<Spanned<String>>,
    pub topic: String,
    pub evidence: Vec<Spanned<String>>,
    /// The fact lists every value there is (a founder, a year): a yes/no question naming
    /// another value of the same kind is answered "No".
    #[serde(default)]
    pub closed: ClosedDef,
    /// The fact holds at a date ("in 2020"): a question about now is not settled by it.
    #[serde(default)]
    pub dated: bool,
    /// Its values are not all there is ("largely, but not exclusively"): a yes/no question
    /// asking whether they are ("only deep learning?") is answered "No".
    #[serde(default)]
    pub partial: bool,
    /// It says what kind of thing its subject is ("both a research and an educational
    /// institution"), like a description: "is Mila a …?" may be answered "Yes" from it.
    #[serde(default)]
    pub states_kind: bool,
    /// The values it gives as the main ones ("mainly machine learning"): "mainly X?" is "Yes"
    /// for one of these and "No" for another value of the same kind.
    #[serde(default)]
    pub main: Vec<Spanned<String>>,
    /// The entity the answer gives as its value ("LISA" for the original name): what "that"
    /// refers to in a follow-up.
    #[serde(default)]
    pub value_entity: Option<Spanned<String>>,
    /// The entities it lists, in the article's order: what "the second one" picks.
    #[serde(default)]
    pub items: Vec<Spanned<String>>,
    pub en: String,
    pub fr: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    pub pronouns: Vec<String>,
    pub person_pronouns: Vec<String>,
    pub question_words: Vec<String>,
    pub french: Vec<String>,
    pub english: Vec<String>,
    pub filler: Vec<String>,
    /// First and second person: they claim the subject ("what's my address?").
    pub self_words: Vec<String>,
    #[serde(default)]
    pub present: Vec<String>,
    /// Verbs that make a question a full sentence rather than an ellipsis ("which year?").
    pub verbs: Vec<String>,
    /// First words of a yes/no question, and words that mark one anywhere ("right?", "-tu").
    pub yes_no_starts: Vec<String>,
    pub yes_no_marks: Vec<String>,
    #[serde(default)]
    pub others: Vec<String>,
    /// Words before a person's name that make the person a companion ("who won it with
    /// Bengio?"): the question asks for others.
    #[serde(default)]
    pub companions: Vec<String>,
    /// Nouns that name nothing in particular ("IBM's *stuff*").
    #[serde(default)]
    pub vague_nouns: Vec<String>,
    /// Words opening a relative clause after a name ("the lab *where* she works").
    #[serde(default)]
    pub relatives: Vec<String>,
    /// Third-person subjects of a relative clause ("the lab *they* belong to").
    #[serde(default)]
    pub clause_subjects: Vec<String>,
    /// "A *became* B" of two names of one thing, and the relations of the facts that answer it.
    #[serde(default)]
    pub renamings: Renamings,
    /// "Was Mila *always* …?", and the words of a fact's evidence that say it changed.
    #[serde(default)]
    pub always: Always,
    /// What an asker's purpose opening ("for my") is for: "report", "class", "devoir".
    #[serde(default)]
    pub purpose_nouns: Vec<String>,
    /// Intents whose facts give what a thing belongs to ("IBM's tool").
    #[serde(default)]
    pub owned_by: Vec<String>,
    /// Words of belonging after a kind word ("the tool of IBM", "l'outil d'IBM").
    #[serde(default)]
    pub of_words: Vec<String>,
    /// Words leaving out what follows ("besides universities").
    #[serde(default)]
    pub excluding: Vec<String>,
    #[serde(default)]
    pub only: Vec<String>,
    /// Words asking whether something is the main one ("mainly", "mostly").
    #[serde(default)]
    pub mainly: Vec<String>,
    #[serde(default)]
    pub alternatives: Vec<String>,
    /// Words asking which of two came first ("which came first, X or Y?").
    #[serde(default)]
    pub earlier: Vec<String>,
    /// Words written with a period that ends no sentence ("incl.", "approx.").
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Per language ("en", "fr"), the words that ask for a date ("when"): each option of
    /// "which came first?" is asked with them.
    #[serde(default)]
    pub date_question: std::collections::BTreeMap<String, String>,
    /// Per language, the word that asks when something began, after an option that is only a
    /// name ("which is older, Mila or …?").
    #[serde(default)]
    pub began: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub reasons: Vec<String>,
    #[serde(default)]
    pub needs_intent: Vec<String>,
    #[serde(default)]
    pub decades: Vec<String>,
    #[serde(default)]
    pub kind_articles: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub city_prepositions: Vec<String>,
    #[serde(default)]
    pub plural_pronouns: Vec<String>,
    #[serde(default)]
    pub hearsay: Vec<String>,
    #[serde(default)]
    pub more_about: Vec<String>,
    /// Asking whether something happened ("did …", "a-t-elle …"), not what someone is.
    #[serde(default)]
    pub event_questions: Vec<String>,
    #[serde(default)]
    pub people_words: Vec<String>,
    #[serde(default)]
    pub who_words: Vec<String>,
    #[serde(default)]
    pub speech: Vec<String>,
    #[serde(default)]
    pub portions: Vec<String>,
    #[serde(default)]
    pub kin: Vec<String>,
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default)]
    pub determiners: Vec<String>,
    #[serde(default)]
    pub proximity: Vec<String>,
    #[serde(default)]
    pub person_predicates: Vec<String>,
    #[serde(default)]
    pub city_entities: Vec<String>,
    #[serde(default)]
    pub opinions: Vec<String>,
    #[serde(default)]
    pub evaluatives: Vec<String>,
    #[serde(default)]
    pub conjunctions: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub sections: Vec<String>,
    #[serde(default)]
    pub sources_not_after: Vec<String>,
    #[serde(default)]
    pub ordinals: std::collections::BTreeMap<String, usize>,
    #[serde(default)]
    pub list_words: Vec<String>,
    #[serde(default)]
    pub fact_pronouns: Vec<String>,
    #[serde(default)]
    pub opening_question_words: Vec<String>,
    /// Phrases ending in a question particle that is no first or second person ("c'est-tu").
    #[serde(default)]
    pub question_particles: Vec<String>,
    /// Request frames whose first and second person ask, not claim the subject ("can you
    /// tell me", "dis-moi").
    #[serde(default)]
    pub requests: Vec<String>,
    /// The asker's purpose ("for my report"): with the words after it, no part of the question.
    #[serde(default)]
    pub purposes: Vec<String>,
    /// A reason the asker gives after the question ("bc i heard", "parce que mon prof"): it
    /// and all after it are no part of the question.
    #[serde(default)]
    pub given_reasons: Vec<String>,
    /// "C'est" before a question word presents the question ("c'est qui le fondateur de
    /// l'UdeM ?"): its "c" refers to nothing when the question names what it is about.
    #[serde(default)]
    pub presentatives: Vec<String>,
    /// The asker saying what they want ("I need"): a request, whose "I" still claims the
    /// subject when nothing else does.
    #[serde(default)]
    pub wants: Vec<String>,
    /// Verbs of telling or asking the asker ("inform", "asked") and the words for the asker
    /// as their object ("me"): together they end the frame of an embedded question.
    #[serde(default)]
    pub telling: Vec<String>,
    #[serde(default)]
    pub asker_objects: Vec<String>,
    /// Words before a place that ask within it ("where in Montreal", "à Montréal").
    #[serde(default)]
    pub within: Vec<String>,
    #[serde(default)]
    pub where_words: Vec<String>,
    /// "…, but" before the question word: what comes before is the asker's preamble.
    #[serde(default)]
    pub turns: Vec<String>,
    /// Pronouns that never refer to a person ("it").
    #[serde(default)]
    pub neuter_pronouns: Vec<String>,
    #[serde(default)]
    pub elided_te: String,
    #[serde(default)]
    pub euphonic_subjects: Vec<String>,
    #[serde(default)]
    pub contractions: Vec<String>,
    #[serde(default)]
    pub name_after: Vec<String>,
    #[serde(default)]
    pub unfinished: Vec<String>,
    #[serde(default)]
    pub blanks: std::collections::BTreeMap<String, String>,
    /// A time span asked between two dated facts ("how many years", "how long").
    #[serde(default)]
    pub spans: Vec<String>,
    /// The word before the two facts of a span ("between A and B").
    #[serde(default)]
    pub between: Vec<String>,
    /// Self words that say something is the asker's or the bot's ("my", "mon"): such a thing
    /// is no antecedent's ("c'est quoi mon nom ?" after a question about Mila).
    #[serde(default)]
    pub possessives: Vec<String>,
    /// Words that open an ellipsis naming something ("what about HEC?"), question words
    /// included.
    #[serde(default)]
    pub ellipsis_openers: Vec<String>,
    /// Words making the adjective after them a superlative ("the most important", "le plus
    /// gros"): what it asks is meaningful even when the adjective alone is filler.
    #[serde(default)]
    pub superlatives: Vec<String>,
    /// Greetings that may open a message before its question ("Bonjour, …").
    #[serde(default)]
    pub greetings: Vec<String>,
    /// Adjectives of renown, filler even in a superlative ("the most famous researcher").
    #[serde(default)]
    pub renown: Vec<String>,
    /// The bot addressed before a question ("hey bot, …"), left out of it.
    #[serde(default)]
    pub vocatives: Vec<String>,
    /// Words comparing two things, each then described ("the difference between A and B").
    #[serde(default)]
    pub contrasts: Vec<String>,
    /// The question that asks for a description, by language (`en`, `fr`).
    #[serde(default)]
    pub describe_question: std::collections::BTreeMap<String, String>,
    /// Language names and the reply language they ask for ("and in French?": `fr`).
    #[serde(default)]
    pub reply_in: std::collections::BTreeMap<String, crate::answer::Lang>,
    /// Words a request to say the last answer again may add ("say that in English").
    #[serde(default)]
    pub restate: Vec<String>,
    pub more_than: Vec<String>,
    pub less_than: Vec<String>,
    #[serde(default)]
    pub or_more: Vec<String>,
    #[serde(default)]
    pub or_less: Vec<String>,
    /// Names the article does not cover, by kind: they are values to compare or subjects
    /// to refuse, never unknown filler.
    #[serde(default)]
    pub external: std::collections::BTreeMap<String, Vec<String>>,
    /// Question words and the article's words for the same thing.
    #[serde(default)]
    pub synonyms: std::collections::BTreeMap<String, Vec<String>>,
    /// Texting forms and their words ("wat" = "what").
    #[serde(default)]
    pub rewrite: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub context_kinds: Vec<String>,
    #[serde(default)]
    pub person_kinds: Vec<String>,
    #[serde(default)]
    pub described_by_mention: Vec<String>,
    /// Per entity kind, the nouns that ask for one ("which language", "what company").
    #[serde(default)]
    pub kind_words: std::collections::BTreeMap<String, Vec<String>>,
    /// Entity kinds that name a reference by its publisher ("the AI Trends interview").
    #[serde(default)]
    pub reference_kinds: Vec<String>,
    /// Per detail of a reference (author, published, ...), the words that ask for it.
    #[serde(default)]
    pub reference_details: std::collections::BTreeMap<String, Vec<String>>,
}

/// User-facing wording that is not an answer: refusals, hints, limits. `{n}`/`{max}` are
/// substituted.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct MessagesFile {
    pub en: Messages,
    pub fr: Messages,
    /// The chat's and the Discord front end's own wording, checked by their loaders
    /// (`frontends::chat::text`, `frontends::discord::texts`).
    #[serde(default)]
    pub chat: Option<toml::Table>,
    #[serde(default)]
    pub discord: Option<toml::Table>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    pub not_in_article: String,
    pub not_in_article_about: String,
    pub off_topic: String,
    pub ambiguous: String,
    pub empty: String,
    pub too_long: String,
    pub no_reference: String,
    /// Introduces an answer to "which section …?".
    pub in_section: String,
    /// Introduces an answer to "which source …?".
    pub cited_for: String,
    /// An item of a list picked by its position ("the third topic").
    pub list_item: String,
    pub yes: String,
    pub no: String,
    pub closest: String,
    pub you_could_ask: String,
    pub accessed: String,
    pub article_says: String,
    pub not_about_you: String,
    pub opinion: String,
    pub sources: String,
    pub why: String,
    pub section: String,
    pub help_title: String,
    pub help_intro: String,
    pub for_example: String,
    pub commands_line: String,
    pub sources_title: String,
    /// Introduces the earlier of two dated facts: `{year}`.
    #[serde(default)]
    pub earlier: String,
    /// Introduces two dated facts asked how far apart they are: `{years}`.
    #[serde(default)]
    pub years_apart: String,
    /// After the answers to a message's other questions, one the article does not answer:
    /// `{question}`.
    #[serde(default)]
    pub part_not_in_article: String,
    /// Answers about the article's references themselves.
    #[serde(default)]
    pub reference: ReferenceMessages,
    pub about_title: String,
    pub about: String,
    pub knowledge_label: String,
    pub hash_label: String,
    pub loaded_label: String,
    pub knowledge_embedded: String,
    pub knowledge_directory: String,
    /// Small-talk replies, by intent id.
    pub smalltalk: std::collections::BTreeMap<String, String>,
    /// Article section names as shown in this language.
    #[serde(default)]
    pub sections: std::collections::BTreeMap<String, String>,
}

impl Messages {
    /// A section name in this language.
    pub fn section_name<'a>(&'a self, name: &'a str) -> &'a str {
        self.sections.get(name).map_or(name, String::as_str)
    }
}

/// 1-based (line, column) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |p| before.len() - p - 1)
        + 1;
    (line, col)
}

/// Wording of answers about a reference: `{n}`, `{title}`, `{website}`, `{author}`, `{date}`,
/// `{access_date}`, `{url}`, `{count}` are substituted.
#[derive(Debug, Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct ReferenceMessages {
    pub intro: String,
    pub list: String,
    pub website: String,
    pub author: String,
    pub no_author: String,
    pub published: String,
    pub no_date: String,
    pub accessed: String,
    pub url: String,
}

/// `closed = true`: the fact lists every value of every kind. `closed = ["year"]`: every value
/// of these kinds only (an award's year, but not all its winners).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ClosedDef {
    Every(bool),
    Kinds(Vec<String>),
}

impl Default for ClosedDef {
    fn default() -> Self {
        ClosedDef::Every(false)
    }
}

/// "When did LISA become Mila?": words of a change between two names of one thing, and the
/// relations of the facts that say something of that change.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renamings {
    pub words: Vec<String>,
    pub relations: Vec<String>,
}

/// "Has it always had that name?": words asking whether something was always so, and the
/// words of a fact's evidence that say it changed ("originally", "since").
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Always {
    pub words: Vec<String>,
    pub changed: Vec<String>,
}
