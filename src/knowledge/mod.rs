//! The fact base: the article (the single source), its references, and the entities, intents
//! and facts written in `knowledge/`. Loaded and validated once into an immutable
//! [`KnowledgeBase`]; any problem is a [`KnowledgeError`] naming file, line and column.

pub mod baseline;
pub mod build;
pub mod diagnose;
pub mod files;
pub mod wikitext;

use crate::answer::{Citation, Labels};
use crate::nlu::{memo::Memo, Cue, CueSet, Pattern, Vocab};
use files::Messages;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

pub use build::MAX_GROUPS;
pub use wikitext::{Reference, Sentence};

/// A problem in a knowledge file. Shown as `file:line:column: message`; line 0 (a problem with
/// the whole file or directory) is shown as `file: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct KnowledgeError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for KnowledgeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.file, self.message),
            (l, 0) => write!(f, "{}:{l}: {}", self.file, self.message),
            (l, c) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
        }
    }
}

impl Reference {
    pub fn citation(&self) -> Citation {
        Citation {
            n: self.n,
            title: self.title.clone(),
            url: self.url.clone(),
            website: self.website.clone(),
            date: self.date.clone(),
            access_date: self.access_date.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    pub kind: String,
    pub name: String,
    /// Normalised aliases, as words.
    pub aliases: Vec<Vec<String>>,
    /// Words that describe it when it is named ("AI" in "this AI lab called Mila").
    pub descriptors: FxHashSet<String>,
    /// What it became (LISA became Mila): what it is now ("where is LISA now?").
    pub became: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Intent {
    pub id: String,
    pub weight: f64,
    pub strict: bool,
    pub implicit_subject: bool,
    /// Its question words (`wh`) ask for its slot alone: when the question asks one of them
    /// and this intent finds no fact to read, a weaker intent that does not own the question
    /// word does not answer ("when did Mila rename itself to …?" is not answered with the
    /// names, which say no date of renaming).
    pub wh_exclusive: bool,
    /// The article answers none of its questions ("which companies are Mila's industrial
    /// partners?": it names none): no fact has it, and its examples must be refused by it.
    pub unanswered: bool,
    /// Its facts describe an entity: used when a question only names one ("McGill?").
    pub describes: bool,
    /// Answered from `messages.toml`, never from a fact.
    pub smalltalk: bool,
    pub groups: Vec<Vec<Cue>>,
    /// Words this intent explains without identifying it.
    pub fits: Vec<Cue>,
    /// Entity kinds whose mention satisfies the first group.
    pub value_kinds: Vec<String>,
    pub boost: Vec<Cue>,
    pub wh: Vec<Cue>,
    pub patterns: Vec<Pattern>,
    pub not: Vec<Cue>,
    /// Intents whose fact about a person answers "No" to this one ("is a graduate on the
    /// faculty?").
    pub excludes: Vec<usize>,
    /// Intents whose fact about a person is what the article says instead, without a
    /// verdict ("is a faculty member a graduate?").
    pub contrasts: Vec<usize>,
    pub examples_en: Vec<String>,
    pub examples_fr: Vec<String>,
}

/// A quote from the article and the sentence it was found in.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub quote: String,
    /// The quote, normalised into words.
    pub words: Vec<String>,
    pub sentence: usize,
    /// The entities the quote names (by one of their aliases).
    pub named: Vec<usize>,
    /// Every fact value the quote contains, as (fact, index in its `value_words`): whether it
    /// gives away an answer is then a lookup (see [`crate::engine::passage::closest`]).
    pub values: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub id: String,
    pub subjects: Vec<usize>,
    pub mentions: Vec<usize>,
    pub relation: String,
    pub value: String,
    /// The value's parts (split at `,` and `;`), normalised into words.
    pub value_words: Vec<Vec<String>>,
    pub intents: Vec<usize>,
    pub topic: String,
    pub evidence: Vec<Evidence>,
    pub en: String,
    pub fr: String,
    /// Reference numbers derived from the evidence sentences, ascending.
    pub refs: Vec<usize>,
    /// The section of the first evidence sentence.
    pub section: String,
    /// Which values it lists all of: a yes/no question about another value of such a kind
    /// gets "No".
    pub closed: Closed,
    /// It holds at a date ("about 500 researchers in 2020"): "now" or "today" is not settled
    /// by it.
    pub dated: bool,
    /// Its values are not all there is: "only …?" gets "No".
    pub partial: bool,
    /// It says what kind of thing its subject is: "is Mila a …?" may be answered from it.
    pub states_kind: bool,
    /// The values it gives as the main ones: "mainly X?" checks X against these.
    pub main: Vec<usize>,
    /// The entity the answer gives as its value (what "that" refers to next).
    pub value_entity: Option<usize>,
    /// Stems of the words of its evidence sentences and of its answers: the words this fact
    /// can explain in a question.
    pub stems: FxHashSet<String>,
    /// Stems of the words of its evidence quotes (a subset of `stems`): what it says most
    /// directly.
    pub quote_stems: FxHashSet<String>,
    /// Stems of what it asserts, beside its names: the words of its quotes and answers outside
    /// any entity's name. "Is Mila a university?" is not asserted by a quote naming "McGill
    /// University".
    pub claim_stems: FxHashSet<String>,
    /// The entities it lists, in the article's order.
    pub items: Vec<usize>,
    /// The mentions facts.toml declares (the others are found in its evidence): what a
    /// yes/no question may take the fact to assert about them.
    pub declared: Vec<usize>,
    /// The numbers its evidence sentences state.
    pub numbers: Vec<u64>,
    /// The numbers of its value ("about 500"): what "more than 100?" is compared with.
    pub value_numbers: Vec<u64>,
    /// Entities named in its evidence sentences but not among its subjects or mentions:
    /// context a question may name, never a value a yes/no question can verify.
    pub context: Vec<usize>,
}

/// The kinds of values a fact lists all of. Numbers have two kinds of their own, `year` and
/// `number` (a count or an amount).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Closed {
    /// The article gives examples (faculty members, partners): nothing is refuted.
    #[default]
    Open,
    /// One founder, one year, one place: every other value is refuted.
    Every,
    /// Only these kinds: the Turing Award's year is settled, its other winners are not.
    Kinds(Vec<String>),
}

impl Closed {
    /// The kinds of numbers, beside the entity kinds `closed` may name.
    pub const NUMBER_KINDS: [&'static str; 2] = ["year", "number"];

    pub fn closes(&self, kind: &str) -> bool {
        match self {
            Closed::Open => false,
            Closed::Every => true,
            Closed::Kinds(kinds) => kinds.iter().any(|k| k == kind),
        }
    }

    pub fn closes_number(&self, year: bool) -> bool {
        self.closes(Self::NUMBER_KINDS[usize::from(!year)])
    }

    /// Every value of every kind is listed: "only X?" is no question of exclusivity.
    pub fn is_every(&self) -> bool {
        *self == Closed::Every
    }
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub pronouns: FxHashSet<String>,
    pub person_pronouns: FxHashSet<String>,
    pub question_words: FxHashSet<String>,
    pub french: FxHashSet<String>,
    pub english: FxHashSet<String>,
    pub filler: FxHashSet<String>,
    /// The filler of several words ("in a nutshell", "en deux mots"): every word they cover
    /// is filler there, and only there.
    pub filler_phrases: CueSet,
    /// Entity kinds that give context ("in Montreal") but never restrict which fact applies.
    pub context_kinds: Vec<String>,
    /// Entity kinds that "he"/"she" refer to.
    pub person_kinds: Vec<String>,
    /// Entity kinds that "what is X?" describes by the narrowest fact naming X.
    pub described_by_mention: Vec<String>,
    pub self_words: FxHashSet<String>,
    pub present: FxHashSet<String>,
    pub verbs: FxHashSet<String>,
    pub yes_no_starts: CueSet,
    pub yes_no_marks: CueSet,
    /// Question words that ask only at the start ("que"); later they join clauses.
    pub opening_question_words: FxHashSet<String>,
    /// Phrases ending in a question particle, not a person ("c est tu").
    pub question_particles: CueSet,
    /// Request frames ("can you tell me"): they ask for what follows.
    pub requests: CueSet,
    /// The asker's purpose ("for my", "pour mon"): it and the next words (see
    /// `PURPOSE_WORDS`) are no part of the question ("for my school report").
    pub purposes: CueSet,
    /// The first words of `purposes` ("for", "pour"): they open a longer purpose that ends the
    /// question on the asker's own thing ("for the historical part of my brief").
    pub purpose_starts: FxHashSet<String>,
    /// A reason given after the question ("bc i heard"): it and the rest of the question are
    /// the asker's.
    pub given_reasons: CueSet,
    /// "C'est" before a question word: no pronoun when the question names something.
    pub presentatives: CueSet,
    /// The asker saying what they want ("I need …"): a request, not a claim.
    pub wants: CueSet,
    /// Telling or asking the asker ("kindly inform me", "a patron asked me"): the frame of
    /// an embedded question ends there.
    pub telling: FxHashSet<String>,
    pub asker_objects: FxHashSet<String>,
    /// Words before a place that ask within it: a question naming only such places asks
    /// about the default subject ("c'est où à Montréal ?").
    pub within: FxHashSet<String>,
    /// The question words asking where.
    pub where_words: FxHashSet<String>,
    /// "But" right before the question word ends the asker's preamble ("sorry if dumb q but
    /// who …").
    pub turns: FxHashSet<String>,
    /// Pronouns that never refer to a person ("it", "ça").
    pub neuter_pronouns: FxHashSet<String>,
    /// French elided "t'" stands for this word, except before `euphonic_subjects` ("a-t-il")
    /// and after `contractions` ("didn't"); a one-letter texting form after `name_after` is a
    /// name ("for R").
    pub elided_te: String,
    pub euphonic_subjects: FxHashSet<String>,
    pub contractions: FxHashSet<String>,
    pub name_after: FxHashSet<String>,
    /// Words a statement cannot end on: "Mila was founded in?" asks what comes next.
    pub unfinished: FxHashSet<String>,
    /// The question word an unfinished statement leaves out after its last word ("founded
    /// by?": "whom").
    pub blanks: FxHashMap<String, String>,
    /// A time span asked between two dated facts ("how many years", "how long").
    pub spans: CueSet,
    /// The word before the two facts of a span ("between A and B").
    pub between: FxHashSet<String>,
    /// Self words that say something is the asker's or the bot's ("my", "mon").
    pub possessives: FxHashSet<String>,
    /// Words that open an ellipsis naming something ("what about HEC?").
    pub ellipsis_openers: CueSet,
    /// Words making the adjective after them a superlative ("le plus gros").
    pub superlatives: CueSet,
    /// Greetings that may open a message before its question, normalised.
    pub greetings: FxHashSet<String>,
    /// Adjectives of renown, filler even in a superlative.
    pub renown: FxHashSet<String>,
    /// The bot addressed before a question ("hey bot, …"), normalised.
    pub vocatives: Vec<String>,
    /// Words comparing two things, each then described ("the difference between A and B").
    pub contrasts: CueSet,
    /// The question that asks for a description: English, French.
    pub describe_question: [String; 2],
    /// Language names and the reply language they ask for ("and in French?").
    pub reply_in: FxHashMap<String, crate::answer::Lang>,
    /// Words a request to say the last answer again may add ("say that in English").
    pub restate: FxHashSet<String>,
    /// Pronouns that refer to the last answer's fact rather than its subject ("that").
    pub fact_pronouns: FxHashSet<String>,
    /// Words asking whether something is all there is ("only").
    pub only: FxHashSet<String>,
    /// The entries of `only` of several words ("all there is"): "only" where their words
    /// are together.
    pub only_phrases: CueSet,
    /// Words asking whether something is the main one ("mainly").
    pub mainly: FxHashSet<String>,
    /// Words offering a choice ("Montreal or Toronto?"): a yes/no question with one asks which.
    pub alternatives: FxHashSet<String>,
    /// Words asking which of two came first ("which came first, X or Y?").
    pub earlier: FxHashSet<String>,
    /// Words written with a period that ends no sentence ("incl.").
    pub abbreviations: FxHashSet<String>,
    /// The words that ask for a date, in English and in French.
    pub date_question: [String; 2],
    /// The word asking when something began, in English and in French ("founded").
    pub began: [String; 2],
    /// Question words asking for a reason: answered only by an intent that explains them.
    pub reasons: FxHashSet<String>,
    /// Question words asking for a manner or an amount ("how do I get in?", "combien ?"):
    /// answered only by an intent that matched, never by a fact whose evidence shares the
    /// other words.
    pub needs_intent: FxHashSet<String>,
    /// Words before a number that make it a decade ("les années 90").
    pub decades: FxHashSet<String>,
    /// Indefinite articles: after the subject of a yes/no question, it asks the subject's
    /// kind ("is Mila a company?"), which only a fact describing it settles.
    pub kind_articles: [FxHashSet<String>; 2],
    /// French "à Québec" is the city, "au Québec" the province: in a French question, an
    /// entity of `city_entities` (ids) named right after one of `city_prepositions` is the
    /// city of that name, a place the article does not cover.
    pub city_prepositions: FxHashSet<String>,
    pub city_entities: FxHashSet<String>,
    /// "They", "ils": right after a list of people, the people listed, not what the list was
    /// of ("who are Mila's graduates?", then "where do they work now?").
    pub plural_pronouns: FxHashSet<String>,
    /// What someone else said ("my friend says", "on m'a dit"): a clause of it before a
    /// question is a claim the answer settles, not a restriction of the question.
    pub hearsay: CueSet,
    /// Asks for more about what it names, not for other names ("what else is Bengio known
    /// for?"): the description of the one thing named answers it.
    pub more_about: CueSet,
    /// Asking whether something happened ("did she study at Mila?"), not what someone is
    /// ("is she a graduate?"): no role of the person's answers it instead.
    pub event_questions: CueSet,
    /// Nouns asking for people ("which *people* wrote it?", "les *noms* des *devs*"): after a
    /// question of `who_words` answered with no person ("who created Theano?": Mila), a
    /// clause asking them asks the same question of people.
    pub people_words: FxHashSet<String>,
    /// Question words asking for a person or a body ("who", "qui").
    pub who_words: FxHashSet<String>,
    /// Verbs of speech ("say", "dit"): "what did Bengio say?" asks for words the article
    /// does not quote, whatever else it names.
    pub speech: FxHashSet<String>,
    /// A part of what is counted ("how many *of them* are students?"): the article gives
    /// counts whole, never a part of one.
    pub portions: CueSet,
    /// The asker's people after a possessive ("my *grandson*", "mon *petit fils*"): like
    /// "my", they belong to the asker, and "he"/"she" after them refers to them.
    pub kin: CueSet,
    /// Words that only address a person named right beside them ("*Mr* Bengio", "that
    /// Bengio *fellow*").
    pub titles: FxHashSet<String>,
    /// "The", "le": in a yes/no question, a question word after one and its noun is a
    /// relative ("is 1993 *the year when* Mila was founded?").
    pub determiners: FxHashSet<String>,
    /// Words before a place that ask for nearness ("near downtown?", "proche du centre-ville ?"):
    /// where the subject is does not settle what it is near.
    pub proximity: FxHashSet<String>,
    /// Words said only of people ("born", "né"): French "il"/"elle" with one of them is the
    /// person the conversation is about, not the thing ("qui a fondé Mila ?", then "il est né
    /// quand ?").
    pub person_predicates: FxHashSet<String>,
    /// Phrases asking for the bot's opinion ("what do you think of …"): the article has none.
    pub opinions: CueSet,
    /// Words that judge ("good", "bad", "génial"): a yes/no question giving one as what a
    /// thing is ("is Bengio a good person?", "is Mila good?") asks for an opinion.
    pub evaluatives: FxHashSet<String>,
    /// Words joining two questions in one message ("when was it founded, and by whom?").
    pub conjunctions: FxHashSet<String>,
    /// Words asking for the references behind a fact ("which source supports …?").
    pub sources: FxHashSet<String>,
    /// Words asking where in the article a fact is ("which section mentions …?").
    pub sections: FxHashSet<String>,
    /// Words after which a source word means something else ("open source").
    pub sources_not_after: FxHashSet<String>,
    /// Positions in a list ("second" -> 2; 0 for "last").
    pub ordinals: FxHashMap<String, usize>,
    /// Words naming a list or its items ("list", "item", "one").
    pub list_words: FxHashSet<String>,
    /// Words asking for others than the names given ("who else").
    pub others: CueSet,
    /// Words before a person's name that ask for others than that person, in a question
    /// ("who won it with Bengio?").
    pub companions: FxHashSet<String>,
    /// Nouns that name nothing in particular ("IBM's *stuff*"): a name's thing of no meaning.
    pub vague_nouns: FxHashSet<String>,
    /// Words opening a relative clause after a name ("the lab *where* she works").
    pub relatives: FxHashSet<String>,
    /// Third-person subjects of a relative clause ("the lab *they* belong to"): with them the
    /// clause only describes the name, as context.
    pub clause_subjects: FxHashSet<String>,
    /// Words of a change between two names of one thing ("LISA *became* Mila"): only a fact of
    /// `renaming_relations` answers a question with one.
    pub renamings: FxHashSet<String>,
    pub renaming_relations: Vec<String>,
    /// "Always" in a yes/no question, and the evidence words that say a fact changed: only
    /// such a fact settles it, with No.
    pub always: FxHashSet<String>,
    pub changed: FxHashSet<String>,
    /// What an asker's purpose opening ("for my") is for: "report", "class", "devoir".
    pub purpose_nouns: FxHashSet<String>,
    /// Intents whose facts give what a thing belongs to: "IBM's tool" is the one tool an
    /// `origin` fact gives as IBM's.
    pub owned_by: Vec<String>,
    /// Words of belonging after a kind word ("the tool of IBM", "l'outil d'IBM").
    pub of_words: FxHashSet<String>,
    /// Words leaving out what follows ("what partners besides universities?").
    pub excluding: CueSet,
    pub more_than: Vec<Cue>,
    pub less_than: Vec<Cue>,
    /// Comparisons after a number, or a word after it ("50 people or more").
    pub or_more: Vec<Cue>,
    pub or_less: Vec<Cue>,
    /// Names the article does not cover: (normalised words, kind).
    pub external: Vec<(Vec<String>, String)>,
    /// Word -> its classes (see [`class`]), built by [`Lexicon::index_classes`].
    pub classes: FxHashMap<String, u32>,
    /// Question word -> the article's words for the same thing.
    pub synonyms: FxHashMap<String, Vec<String>>,
    /// A noun that asks for an entity of a kind ("language") -> the kind.
    pub kind_words: FxHashMap<String, String>,
    /// Entity kinds that name a reference by its publisher ("the AI Trends interview").
    pub reference_kinds: Vec<String>,
    /// A word asking for a detail of a reference ("wrote") -> the detail ("author").
    pub reference_details: FxHashMap<String, String>,
    /// Texting forms -> their words.
    pub rewrite: FxHashMap<String, Vec<String>>,
}

/// What a word is to the lexicon, as bit flags: one lookup answers every list.
pub mod class {
    pub const FILLER: u32 = 1;
    pub const QUESTION: u32 = 1 << 1;
    pub const PRONOUN: u32 = 1 << 2;
    pub const PERSON_PRONOUN: u32 = 1 << 3;
    pub const SELF: u32 = 1 << 4;
    pub const VERB: u32 = 1 << 5;
    pub const FRENCH: u32 = 1 << 6;
    pub const ENGLISH: u32 = 1 << 7;
    pub const ONLY: u32 = 1 << 8;
    pub const OTHERS: u32 = 1 << 9;
    pub const FACT_PRONOUN: u32 = 1 << 10;
    /// The first word of a cue of `others`, `yes_no_starts` or `yes_no_marks`: those cue sets
    /// are looked up only at such words.
    pub const STARTS_CUE: u32 = 1 << 11;
    pub const SOURCE: u32 = 1 << 12;
    pub const SECTION: u32 = 1 << 13;
    pub const LIST: u32 = 1 << 14;
    /// "Today", "now": of a subject the question names, what is so now; of nothing named, the
    /// date ("and today's date?").
    pub const PRESENT: u32 = 1 << 15;
    /// The lists looked up at every word of a question, so that each costs a bit test.
    pub const NEUTER_PRONOUN: u32 = 1 << 16;
    pub const ALTERNATIVE: u32 = 1 << 17;
    pub const MAINLY: u32 = 1 << 18;
    pub const CONJUNCTION: u32 = 1 << 19;
    pub const EARLIER: u32 = 1 << 20;
    /// "Always": filler to every intent, settled by the fact (see `Lexicon::always`).
    pub const ALWAYS: u32 = 1 << 21;
    /// A change between two names ("became"; see `Lexicon::renamings`).
    pub const RENAMING: u32 = 1 << 22;
    /// Words without meaning of their own: filler, question words, pronouns.
    pub const FUNCTION: u32 =
        FILLER | QUESTION | PRONOUN | PERSON_PRONOUN | ONLY | OTHERS | SOURCE | SECTION | LIST;
}

impl Lexicon {
    /// The classes of a word (see [`class`]); 0 for a word in no list.
    pub fn class(&self, w: &str) -> u32 {
        self.classes.get(w).copied().unwrap_or(0)
    }

    /// Builds the word -> classes index; call once the lists are filled.
    pub fn index_classes(&mut self) {
        let mut m: FxHashMap<String, u32> = FxHashMap::default();
        let lists: [(&FxHashSet<String>, u32); 21] = [
            (&self.present, class::PRESENT),
            (&self.filler, class::FILLER),
            (&self.question_words, class::QUESTION),
            (&self.pronouns, class::PRONOUN),
            (&self.person_pronouns, class::PERSON_PRONOUN),
            (&self.self_words, class::SELF),
            (&self.verbs, class::VERB),
            (&self.french, class::FRENCH),
            (&self.english, class::ENGLISH),
            (&self.only, class::ONLY),
            (&self.sources, class::SOURCE),
            (&self.sections, class::SECTION),
            (&self.list_words, class::LIST),
            (&self.fact_pronouns, class::FACT_PRONOUN),
            (&self.neuter_pronouns, class::NEUTER_PRONOUN),
            (&self.alternatives, class::ALTERNATIVE),
            (&self.mainly, class::MAINLY),
            (&self.conjunctions, class::CONJUNCTION),
            (&self.earlier, class::EARLIER),
            // No intent explains "always": the fact settles it.
            (&self.always, class::ALWAYS | class::FILLER),
            (&self.renamings, class::RENAMING),
        ];
        for (words, c) in lists {
            for w in words {
                *m.entry(w.clone()).or_default() |= c;
            }
        }
        for w in self.others.cues().iter().flat_map(|c| c.words()) {
            *m.entry(w.to_string()).or_default() |= class::OTHERS;
        }
        // "Besides" explains itself; what it leaves out is `Parsed::excluded`.
        for w in self.excluding.cues().iter().flat_map(|c| c.words()) {
            *m.entry(w.to_string()).or_default() |= class::FILLER;
        }
        for w in self.ordinals.keys() {
            *m.entry(w.clone()).or_default() |= class::LIST;
        }
        let sets = [
            &self.filler_phrases,
            &self.only_phrases,
            &self.others,
            &self.yes_no_starts,
            &self.yes_no_marks,
            &self.opinions,
            &self.presentatives,
            &self.hearsay,
            &self.more_about,
        ];
        for w in sets
            .iter()
            .flat_map(|s| s.cues())
            .filter_map(Cue::first_word)
        {
            *m.entry(w.to_string()).or_default() |= class::STARTS_CUE;
        }
        self.classes = m;
    }
}

/// What the knowledge says of one word: every list a question's word is checked against,
/// gathered so that each word costs one lookup, not one per list.
#[derive(Debug, Default)]
pub struct Word {
    /// Its lexicon classes (see [`class`]).
    pub class: u32,
    /// In the vocabulary (see [`Vocab::contains`]): never corrected as a typo.
    pub known: bool,
    /// The intents' cues it starts (see [`crate::nlu::CueIndex::first_word_id`]).
    pub cues: Option<u32>,
    /// What only a few words have, apart: the table of all words stays half as large.
    links: Option<Box<Links>>,
    /// The word, its stems and its synonyms' stems, computed at first use (see
    /// [`KnowledgeBase::stems`]).
    stems: OnceLock<Arc<[String]>>,
}

/// The names and forms a word starts or stands for (see [`Word`]).
#[derive(Debug, Default)]
struct Links {
    /// The words a texting form stands for (`lexicon.rewrite`).
    rewrite: Option<Vec<String>>,
    /// The entity aliases it starts: (entity, alias).
    aliases: Vec<(usize, usize)>,
    /// The external names it starts: indices into `lexicon.external`.
    externals: Vec<usize>,
}

impl Word {
    /// The words a texting form stands for (`lexicon.rewrite`).
    pub fn rewrite(&self) -> Option<&[String]> {
        self.links.as_ref()?.rewrite.as_deref()
    }

    /// The entity aliases it starts: (entity, alias).
    pub fn aliases(&self) -> &[(usize, usize)] {
        self.links.as_ref().map_or(&[], |l| &l.aliases)
    }

    /// The external names it starts: indices into `lexicon.external`.
    pub fn externals(&self) -> &[usize] {
        self.links.as_ref().map_or(&[], |l| &l.externals)
    }

    fn links_mut(&mut self) -> &mut Links {
        self.links.get_or_insert_with(Box::default)
    }
}

/// An intent's example question, as suggested to users.
#[derive(Debug, Clone)]
pub struct Example {
    pub intent: usize,
    pub lang: crate::Lang,
    pub question: String,
    /// The question normalised (see [`crate::nlu::normalize`]), computed once.
    pub normalized: String,
    /// The entities it names.
    pub named: Vec<usize>,
}

/// Everything the engine needs, validated and indexed; immutable once built.
#[derive(Debug)]
pub struct KnowledgeBase {
    pub article: wikitext::Article,
    pub entities: Vec<Entity>,
    pub intents: Vec<Intent>,
    pub facts: Vec<Fact>,
    pub lexicon: Lexicon,
    pub messages_en: Messages,
    pub messages_fr: Messages,
    /// The words that frame an answer, from the messages: English, French.
    pub labels: [Arc<Labels>; 2],
    pub vocab: Vocab,
    /// Words a typo correction never replaces (`words.txt`).
    pub common_words: crate::nlu::CommonWords,
    /// What a question's word is to the knowledge, in one lookup (see [`KnowledgeBase::word`]).
    pub words: FxHashMap<String, Word>,
    pub cue_index: crate::nlu::CueIndex,
    /// Each intent's example questions.
    pub examples: Vec<Example>,
    /// Words of the required cue groups, and the intents they belong to: a word that asks for
    /// another relation is never explained by a fact's evidence alone.
    pub group_words: FxHashMap<String, Vec<usize>>,
    /// The words of the entities' names ("yoshua", "bengio", "mila"): a name made of none of
    /// them is a role ("the founder").
    pub name_words: FxHashSet<String>,
    /// Per entity: the facts it is a subject of, in order (see [`KnowledgeBase::facts_about`]).
    pub subject_facts: Vec<Vec<usize>>,
    /// Per intent: the facts that answer it, in order (see [`KnowledgeBase::facts_with`]).
    pub intent_facts: Vec<Vec<usize>>,
    /// Per topic: its facts, in order (see [`KnowledgeBase::facts_on`]).
    pub topic_facts: FxHashMap<String, Vec<usize>>,
    /// The stems of every fact's quotes (the union of their `quote_stems`).
    pub quote_stems: FxHashSet<String>,
    /// Per article sentence: its normalised words.
    pub sentence_words: Vec<Vec<String>>,
    /// Per reference: the words of its title and website that the article's text does not
    /// use ("massive", "centre"): what names it in a question.
    pub reference_words: Vec<FxHashSet<String>>,
    /// Per reference: the normalised words of its title and website, where a publisher's name
    /// is looked for.
    pub reference_text: Vec<Vec<String>>,
    /// Per article sentence: the stems of its words, and the entities it names.
    pub sentence_stems: Vec<FxHashSet<String>>,
    pub sentence_entities: Vec<Vec<usize>>,
    /// Where it was loaded from (`None`: embedded in the binary).
    pub source: Option<PathBuf>,
    pub loaded_at: SystemTime,
    /// Set when built, but for the embedded knowledge (computed when first asked for).
    hash: OnceLock<String>,
    /// The stems of words the knowledge does not know (see [`KnowledgeBase::stems`]).
    unknown_stems: Memo<Arc<[String]>>,
    /// The spelling corrections of words the vocabulary does not know (see
    /// `engine::spelling`), as (known word, similarity).
    pub unknown_fixes: Memo<Option<(String, f64)>>,
}

/// How many unknown words' stems, and spelling corrections, a knowledge base remembers:
/// stemming and correcting are most of the cost of a question full of words the knowledge does
/// not use, and a few kilobytes cover a chat's vocabulary.
pub const UNKNOWN_WORDS_KEPT: usize = 1024;

macro_rules! embedded {
    ($($name:literal),*) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge/", $name)))),*]
    };
}

/// The knowledge bundled into the binary at build time.
pub const EMBEDDED: &[(&str, &str)] = embedded!(
    "article.wikitext",
    "entities.toml",
    "intents.toml",
    "facts.toml",
    "lexicon.toml",
    "messages.toml",
    "baseline.toml",
    "words.txt"
);

impl KnowledgeBase {
    /// The knowledge embedded in the binary.
    pub fn embedded() -> Result<Self, KnowledgeError> {
        build::build(embedded_sources(), None)
    }

    /// Reads every knowledge file from `dir`.
    pub fn load_dir(dir: &Path) -> Result<Self, KnowledgeError> {
        build::build(read_dir(dir)?, Some(dir.to_path_buf()))
    }

    /// Builds from in-memory file texts (tests, fixtures).
    pub fn from_sources(files: Vec<(String, String)>) -> Result<Self, KnowledgeError> {
        let sources = files::Sources {
            files: files.into_iter().map(|(n, t)| (n, t.into())).collect(),
            ..Default::default()
        };
        build::build(sources, None)
    }

    pub fn references(&self) -> &[Reference] {
        &self.article.references
    }

    /// Hex SHA-256 of the knowledge files.
    pub fn content_hash(&self) -> &str {
        self.hash
            .get_or_init(|| build::sources_hash(&embedded_sources()))
    }

    pub fn summary(&self) -> String {
        format!(
            "{} facts, {} entities, {} intents, {} references, {} article sentences ({})",
            self.facts.len(),
            self.entities.len(),
            self.intents.len(),
            self.references().len(),
            self.article.sentences.len(),
            match &self.source {
                Some(p) => p.display().to_string(),
                None => "embedded".into(),
            }
        )
    }

    /// Example questions the bot can answer, English first, without repeats.
    pub fn example_questions(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        let asked = || {
            self.intents
                .iter()
                .filter(|i| !i.smalltalk && !i.unanswered)
        };
        let en = asked().flat_map(|i| i.examples_en.iter());
        let fr = asked().flat_map(|i| i.examples_fr.iter());
        en.chain(fr)
            .filter(|q| seen.insert(q.as_str()))
            .cloned()
            .collect()
    }

    pub fn fact_index(&self, id: &str) -> Option<usize> {
        self.facts.iter().position(|f| f.id == id)
    }

    /// The word, its stems and its synonyms' stems (see [`stems_with_synonyms`]). Those of a
    /// known word are computed once, when first asked for: stemming the whole vocabulary at
    /// load would cost every start a few milliseconds. Those of the first
    /// [`UNKNOWN_WORDS_KEPT`] unknown words are remembered too.
    pub fn stems(&self, w: &str) -> Arc<[String]> {
        let compute = |w: &str| stems_with_synonyms(&self.lexicon, w).into();
        match self.word(w) {
            Some(known) => known.stems.get_or_init(|| compute(w)).clone(),
            None => self.unknown_stems.get(w, compute),
        }
    }

    /// What the knowledge says of a word; `None` for a word it does not know at all.
    pub fn word(&self, w: &str) -> Option<&Word> {
        self.words.get(w)
    }

    /// The aliases written exactly at `words[i]`, as (entity, length in words), found through
    /// the index of the words aliases start with.
    pub fn aliases_at<'a>(
        &'a self,
        words: &'a [String],
        i: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let starting = words.get(i).and_then(|w| self.word(w));
        starting
            .into_iter()
            .flat_map(|w| w.aliases())
            .filter_map(move |&(e, a)| {
                let alias = &self.entities[e].aliases[a];
                words[i..].starts_with(alias).then_some((e, alias.len()))
            })
    }

    /// The facts `entity` is a subject of, in order.
    pub fn facts_about(&self, entity: usize) -> &[usize] {
        self.subject_facts.get(entity).map_or(&[], Vec::as_slice)
    }

    /// The facts that answer `intent`, in order.
    pub fn facts_with(&self, intent: usize) -> &[usize] {
        self.intent_facts.get(intent).map_or(&[], Vec::as_slice)
    }

    /// The facts on `topic`, in order.
    pub fn facts_on(&self, topic: &str) -> &[usize] {
        self.topic_facts.get(topic).map_or(&[], Vec::as_slice)
    }

    pub fn entity_index(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }

    /// Whether the entity is a person (of one of the lexicon's `person_kinds`).
    pub fn is_person(&self, e: usize) -> bool {
        self.lexicon.person_kinds.contains(&self.entities[e].kind)
    }

    /// The words that frame an answer in `lang`, shared by all its answers.
    pub fn labels(&self, lang: crate::Lang) -> Arc<Labels> {
        match lang {
            crate::Lang::En => self.labels[0].clone(),
            crate::Lang::Fr => self.labels[1].clone(),
        }
    }

    pub fn messages(&self, lang: crate::Lang) -> &Messages {
        match lang {
            crate::Lang::En => &self.messages_en,
            crate::Lang::Fr => &self.messages_fr,
        }
    }

    pub fn citations(&self, refs: &[usize]) -> Vec<Citation> {
        refs.iter()
            .filter_map(|n| self.references().get(n.wrapping_sub(1)))
            .map(Reference::citation)
            .collect()
    }
}

/// The knowledge files embedded in the binary.
pub fn embedded_sources() -> files::Sources {
    let files = EMBEDDED
        .iter()
        .filter(|(n, _)| files::ALL.contains(n))
        .map(|(n, t)| (n.to_string(), std::borrow::Cow::Borrowed(*t)))
        .collect();
    files::Sources {
        files,
        embedded: true,
        ..Default::default()
    }
}

/// Every problem of the knowledge in `dir` (or the embedded one), and the knowledge itself
/// when its files parse: what `check` reports on. Fails only when `dir` cannot be opened.
pub fn diagnose(
    dir: Option<&Path>,
) -> Result<(files::Sources, diagnose::Diagnosis), KnowledgeError> {
    let sources = match dir {
        Some(d) => read_dir(d)?,
        None => embedded_sources(),
    };
    let diagnosis = diagnose::diagnose(&sources, dir.map(Path::to_path_buf));
    Ok((sources, diagnosis))
}

/// Reads every knowledge file of `dir` as UTF-8 text; a file that cannot be read is listed in
/// `unreadable` (an optional file that is missing is not). Fails only when `dir` cannot be
/// opened.
pub fn read_dir(dir: &Path) -> Result<files::Sources, KnowledgeError> {
    // A missing directory is named as such, not as its first missing file.
    std::fs::read_dir(dir).map_err(|e| KnowledgeError {
        file: dir.display().to_string(),
        line: 0,
        column: 0,
        message: format!("cannot open the knowledge directory: {e}"),
    })?;
    let mut sources = files::Sources::default();
    for name in files::ALL {
        let path = dir.join(name);
        match read_text(&path) {
            Ok(text) => sources.files.push((name.to_string(), text.into())),
            Err(None) => {}
            Err(Some(e)) => sources.unreadable.push((name.to_string(), e)),
        }
    }
    Ok(sources)
}

/// A knowledge file's text; `Err(None)`: an optional file that is not there.
fn read_text(path: &Path) -> Result<String, Option<KnowledgeError>> {
    let optional = path
        .file_name()
        .is_some_and(|n| files::OPTIONAL.iter().any(|o| n == *o));
    let bytes = std::fs::read(path).map_err(|e| {
        if optional && e.kind() == std::io::ErrorKind::NotFound {
            return None;
        }
        Some(KnowledgeError {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        })
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = files::line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        Some(KnowledgeError {
            file: path.display().to_string(),
            line,
            column,
            message: "not valid UTF-8".into(),
        })
    })
}

/// A word, its English and French stems, and the same for each of its synonyms.
pub fn stems_with_synonyms(lex: &Lexicon, w: &str) -> Vec<String> {
    let syn = lex.synonyms.get(w).into_iter().flatten();
    let mut out: Vec<String> = Vec::new();
    for x in std::iter::once(&w.to_string()).chain(syn) {
        let [a, b] = crate::nlu::stem::stems(x);
        for s in [x.clone(), a, b] {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}
