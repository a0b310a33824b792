//! Step 4b: alternatives. A question its whole text does not answer may still be answered in
//! parts:
//! - a choice ("is Mila in Montreal or Toronto?") is each option asked in turn: the one the
//!   article confirms is the answer;
//! - a message of several clauses ("I'm writing a post. When was Mila founded, and by
//!   whom?") is its questions asked in order, the other clauses being context. Every question
//!   must be answered, and a pronoun needs a name before it: otherwise the refusal stands.
//!
//! Two dated facts compared are in [`super::dates`].

use super::compose::remember;
use super::decide::{Decision, Refusal};
use super::parse::Parsed;
use super::pieces::{split, ALL, STRONG};
use super::readings::meaningful;
use super::{compose_understood, understand, Conversation, Understood};
use crate::answer::Answer;
use crate::knowledge::{class, KnowledgeBase};

/// Whether the decision leaves room for another reading: a refusal for want of a fit, not
/// one about another subject or the asker.
pub fn worth_trying(u: &Understood) -> bool {
    matches!(
        &u.decision,
        Decision::Refuse(
            Refusal::Unexplained(_)
                | Refusal::NotSettled(_)
                | Refusal::NoFact { .. }
                | Refusal::Ambiguous(_)
                | Refusal::OffTopic
        )
    )
}

/// A choice the whole question was answered by evidence without settling ("is Mila a company
/// or a research institute?" quotes the partnerships with companies): the option a fact
/// confirms, when one does.
pub fn settled_choice(
    kb: &KnowledgeBase,
    u: &Understood,
    conv: &Conversation,
) -> Option<Understood> {
    let unsettled = matches!(
        &u.decision,
        Decision::Fact { intent: None, reading, .. } if reading.verdict.is_none()
    );
    if unsettled {
        choice(kb, u, conv)
    } else {
        None
    }
}

/// The answer from the question's options or clauses, if they give one.
pub fn answer(
    kb: &KnowledgeBase,
    question: &str,
    u: &Understood,
    conv: &mut Conversation,
) -> Option<Answer> {
    if let Some(chosen) = choice(kb, u, conv) {
        return Some(compose_understood(kb, question, chosen, conv));
    }
    if let Some(both) = both(kb, question, u, conv) {
        return Some(both);
    }
    // Splitting at every mark finds at least the clauses that sentence ends alone find.
    let finer = split(kb, question, ALL);
    if finer.len() < 2 {
        return None;
    }
    // The same clauses asked again would fail again: `clauses` leaves `conv` as it was.
    clauses(kb, question, &finer, conv).or_else(|| {
        let coarser = split(kb, question, STRONG);
        (coarser != finer)
            .then(|| clauses(kb, question, &coarser, conv))
            .flatten()
    })
}

/// "When and by whom was Mila founded?": question words joined by a conjunction share the
/// rest of the question; each is asked with it, and every one must be answered.
pub fn coordinated(
    kb: &KnowledgeBase,
    question: &str,
    u: &Understood,
    conv: &mut Conversation,
) -> Option<Answer> {
    let words = &u.p.words;
    let asks = |w: &String| kb.lexicon.class(w) & class::QUESTION != 0;
    let and = first_conjunction(&u.p)?;
    // The first question phrase is all before the conjunction; the second ends at the first
    // question word within two words after it.
    let second_end = (and + 1..words.len().min(and + 3)).find(|&i| asks(&words[i]))?;
    let rest = &words[second_end + 1..];
    // The first phrase only asks ("when and by whom …"): one that names something is a
    // question of its own ("what is myia and what is baby-ai?").
    let names_first = u.p.mentions.iter().any(|m| m.start < and);
    if !words[..and].iter().any(asks) || rest.is_empty() || and > OPTION_WORDS || names_first {
        return None;
    }
    let phrases = [&words[..and], &words[and + 1..=second_end]];
    let variants = phrases.map(|phrase| [phrase, rest].concat().join(" "));
    each_fact(kb, question, variants, conv)
}

/// Each text asked in turn, in one conversation: every one must be answered by a fact, and
/// the answer is theirs merged. The conversation changes only when there is one.
pub(super) fn each_fact(
    kb: &KnowledgeBase,
    question: &str,
    texts: impl IntoIterator<Item = String>,
    conv: &mut Conversation,
) -> Option<Answer> {
    let mut scratch = conv.clone();
    let mut answers = Vec::new();
    for text in texts {
        let v = understand(kb, &text, &scratch);
        if !matches!(v.decision, Decision::Fact { .. }) {
            return None;
        }
        answers.push(compose_understood(kb, &text, v, &mut scratch));
    }
    let merged = merge(question, answers)?;
    *conv = scratch;
    Some(merged)
}

/// Most words an option before "or" may have ("a faculty member or a graduate").
const OPTION_WORDS: usize = 3;

/// "A or B": the question with only A, then with only B (B runs to the end; A is one to
/// three words before "or"). The option the fact confirms is answered, without Yes or No;
/// none, or two different facts, and there is no answer.
fn choice(kb: &KnowledgeBase, u: &Understood, conv: &Conversation) -> Option<Understood> {
    // "Oui ou non ?" offers no choice.
    if !u.p.either {
        return None;
    }
    let words = &u.p.words;
    let or = (1..words.len()).find(|&i| kb.lexicon.alternatives.contains(&words[i]))?;
    let after = &words[or + 1..];
    if after.is_empty() {
        return None;
    }
    let first = words[..or].join(" ");
    // The first option with what follows the second, when both are one word of one kind
    // ("founded before or after 2000": "founded before 2000"), then the second option in
    // place of one to three words before "or".
    let lex = &kb.lexicon;
    let comparison = |w: &String| {
        super::dates::one_word(&lex.more_than, w) || super::dates::one_word(&lex.less_than, w)
    };
    let alike = comparison(&words[or - 1]) && comparison(&after[0]);
    let shared = (alike && after.len() > 1).then(|| [&words[..or], &after[1..]].concat().join(" "));
    // The option replaced never takes the first name with it ("is Mila a company or a
    // research institute?" does not ask "is a research institute?").
    let first_name = u.p.mentions.first().map_or(0, |m| m.end);
    let longest = or
        .min(OPTION_WORDS)
        .min(or.saturating_sub(first_name).max(1));
    let second = (1..=longest).map(|n| [&words[..or - n], after].concat().join(" "));
    confirmed_one(kb, std::iter::once(first).chain(shared).chain(second), conv)
}

/// The first of the variants of a question that a fact confirms, without its Yes (the option
/// chosen is the answer); none, or two confirmed by different facts, and there is none.
pub(super) fn confirmed_one(
    kb: &KnowledgeBase,
    variants: impl Iterator<Item = String>,
    conv: &Conversation,
) -> Option<Understood> {
    let mut found: Option<Understood> = None;
    for variant in variants {
        let mut v = understand(kb, &variant, conv);
        let Decision::Fact { reading, .. } = &mut v.decision else {
            continue;
        };
        if reading.verdict != Some(true) {
            continue;
        }
        reading.verdict = None;
        let fact = reading.fact;
        match &found {
            Some(f) if fact_of(f) != Some(fact) => return None,
            Some(_) => {}
            None => found = Some(v),
        }
    }
    found
}

/// "Name Mila's faculty and its graduates": two things asked with one frame are the
/// question with each, the second dropped (all after "and"), then the first (one to three
/// words before "and"). Both must be answered, by different facts.
fn both(
    kb: &KnowledgeBase,
    question: &str,
    u: &Understood,
    conv: &mut Conversation,
) -> Option<Answer> {
    let words = &u.p.words;
    if u.p.yes_no {
        return None;
    }
    let and = first_conjunction(&u.p)?;
    let after = &words[and + 1..];
    if after.is_empty() {
        return None;
    }
    let first = words[..and].join(" ");
    let mut scratch = conv.clone();
    let a = understand(kb, &first, &scratch);
    let fact_a = fact_of(&a)?;
    // Each answer's intent reads a word of its own part: "who founded Mila and IBM?" is not
    // "IBM?".
    let b = (1..=and.min(OPTION_WORDS)).find_map(|n| {
        let variant = [&words[..and - n], after].concat().join(" ");
        let v = understand(kb, &variant, &scratch);
        let own = read_in(&a, and - n..and) && read_in(&v, and - n..v.p.words.len());
        fact_of(&v)
            .filter(|&f| f != fact_a && own)
            .map(|_| (variant, v))
    })?;
    let answers = vec![
        compose_understood(kb, &first, a, &mut scratch),
        compose_understood(kb, &b.0, b.1, &mut scratch),
    ];
    let merged = merge(question, answers)?;
    *conv = scratch;
    Some(merged)
}

/// Whether the decided intent reads one of the words in `range`.
fn read_in(u: &Understood, range: std::ops::Range<usize>) -> bool {
    let Decision::Fact {
        intent: Some(i), ..
    } = &u.decision
    else {
        return false;
    };
    let explains = u.cands.iter().find(|c| c.intent == *i).map(|c| &c.explains);
    explains.is_some_and(|e| e.get(range).is_some_and(|r| r.contains(&true)))
}

/// The first conjunction after the first word ("… faculty *and* graduates").
fn first_conjunction(p: &Parsed) -> Option<usize> {
    (1..p.words.len()).find(|&i| p.classes[i] & class::CONJUNCTION != 0)
}

fn fact_of(u: &Understood) -> Option<usize> {
    match &u.decision {
        Decision::Fact { reading, .. } => Some(reading.fact),
        _ => None,
    }
}

/// Each of the clauses asked, as in [`answer`]: `None` unless every question is answered.
pub fn each_clause(
    kb: &KnowledgeBase,
    question: &str,
    pieces: &[String],
    conv: &mut Conversation,
) -> Option<Answer> {
    clauses(kb, question, pieces, conv)
}

/// The message's questions, asked in order; the other clauses are context whose names a
/// pronoun may refer to. `None` when a question is refused, a clause names something the
/// article does not cover, or there are not two clauses.
fn clauses(
    kb: &KnowledgeBase,
    question: &str,
    pieces: &[String],
    conv: &mut Conversation,
) -> Option<Answer> {
    if pieces.len() < 2 {
        return None;
    }
    let mut scratch = conv.clone();
    let mut answers: Vec<Answer> = Vec::new();
    let mut unanswered: Vec<String> = Vec::new();
    // A name the article does not cover in the context: a pronoun may refer to it.
    let mut other_named = false;
    // The article's entities the context names.
    let mut context_named: Vec<usize> = Vec::new();
    let marked = |piece: &String| piece.trim_end().ends_with(['?', '？']);
    // "Who made Theano, which people exactly?": a "who" question answered with no person,
    // and a clause naming nothing that asks for people, are one question of people, which
    // the answer does not give.
    let mut people_asked = false;
    let mut who_without_person = false;
    let lex = &kb.lexicon;
    for (k, piece) in pieces.iter().enumerate() {
        // A yes/no question asks without its question mark ("…, does Mila offer a summer school"),
        // and so does a request a fact answers ("…, tell me about Mila"); one that is not
        // answered is context ("I want a supervisor, which faculty …").
        let asked = |p: &Parsed| p.qword.is_some() || p.yes_no_form || marked(piece);
        let (asks, u) = super::clause(kb, piece, |p| asked(p) || p.request, &scratch);
        let answered = matches!(
            u.decision,
            Decision::Fact { .. } | Decision::Sentence { .. }
        );
        let asks = asks && (answered || asked(&u.p));
        // Asked, told or answered: "quelles personnes ?" answered with Mila's founder is no
        // answer about Oríon's.
        let asks_people =
            u.p.entities().is_empty() && u.p.words.iter().any(|w| lex.people_words.contains(w));
        people_asked |= asks_people;
        // Numbers alone after an answered question are the asker's guesses ("how many
        // researchers, 100? 1000?"): the answer settles them.
        if !answers.is_empty() && guesses(&u.p) {
            continue;
        }
        // A sentence stated before a question ("I'm a recruiter looking at where good people
        // come from. Which alumni …?") is context even with a question word in it, when it
        // answers nothing itself.
        let told = !answered
            && piece.trim_end().ends_with(['.', '!'])
            && pieces[k + 1..].iter().any(marked);
        // The asker's own sentence after a question ("Was it founded in 2017? That's what my
        // friend told me."), with no question mark, answering nothing, is context too; when
        // it asks for something ("I'd like to know its budget"), the answer says that the
        // article does not say.
        // So is a statement of what the question is for ("C'est pour une affiche en
        // classe."): French "c'est" opens a question only with its question mark.
        let words = u.p.masked();
        let presented = lex.presentatives.match_len_at(&words, 0).is_some()
            && !lex.question_particles.occurs_in(&words);
        let statement = u.p.qword.is_none() && (!u.p.yes_no_form || presented);
        let after = !answered
            && !marked(piece)
            && pieces[..k].iter().any(marked)
            && (!u.p.self_words.is_empty() || statement);
        if after && u.p.request && !presented {
            unanswered.push(piece.trim().to_string());
            continue;
        }
        // A yes/no form after an answered question, with no question mark and nothing it
        // is about, is the asker's story ("…? doing a podcast and want to get the story
        // right", "…? I read different dates, some say 2017").
        let names_nothing = u.p.entities().is_empty() && !u.p.pronoun && !u.p.person_pronoun;
        let story =
            !answered && !answers.is_empty() && u.p.yes_no_form && !marked(piece) && names_nothing;
        let told = told || after || story;
        if !asks || told || matches!(u.decision, Decision::SmallTalk { .. }) {
            // A number in the context restricts the question ("in 2019, what did Mila do
            // with IBM?"): answering without it would answer another question. Not in what
            // someone else said ("someone said 2017, when was it really founded?"), nor in
            // the asker's own story ("je prépare un exposé pour ma classe de secondaire 5")
            // or purpose ("pour un travail d'équipe en secondaire 4, …").
            let own = !u.p.self_words.is_empty() || u.p.aside.first() == Some(&true);
            if !u.p.numbers.is_empty() && !u.p.hearsay && !own {
                return None;
            }
            // Context: its last name is what a pronoun in a later question refers to, its
            // last thing what "it" does ("the lab Bengio runs — where is it?").
            // A name of the asker's ("I'm from Europe") is no antecedent.
            other_named |= u.p.externals().next().is_some() && u.p.self_words.is_empty();
            let named = u.p.entities();
            // A place is where the thing is, not the thing ("a lab called Mila in
            // Montreal — who started it?").
            let context_kind = |e: usize| (kb.lexicon.context_kinds).contains(&kb.entities[e].kind);
            let things = || named.iter().rev().filter(|&&e| !kb.is_person(e));
            let thing = things()
                .find(|&&e| !context_kind(e))
                .or_else(|| things().next());
            let antecedent = thing.or(named.last());
            // The asker speaking of themselves ("I just started a master's and keep hearing
            // about Mila") gives the question its antecedent only: the rest is theirs.
            if u.p.self_words.is_empty() {
                context_named.extend(named);
            } else {
                context_named.extend(antecedent);
            }
            if let Some(&e) = antecedent {
                remember(kb, &mut scratch, e, None, &u.p);
                scratch.words.clear();
            }
            continue;
        }
        let leans_on_context = u.p.entities().is_empty();
        // "Which companies are its partners? Names please": a request naming nothing and
        // asking nothing of its own after a question the article does not answer asks for
        // that answer ("…? Also, who founded it?" asks a question of its own).
        if names_nothing && u.p.qword.is_none() && !unanswered.is_empty() {
            return None;
        }
        if leans_on_context && (scratch.subject.is_none() || other_named) {
            return None;
        }
        // A question with no word of its own after the context ("…, which ones?", "can you
        // give it to me?") asks what the context says, which no fact's evidence answers by
        // itself: the description of what the context names is no answer.
        let by_evidence = matches!(u.decision, Decision::Fact { intent: None, .. });
        if leans_on_context && by_evidence && meaningful(kb, &u.p, true).is_empty() {
            return None;
        }
        // Names in the context ("Mila and IBM work together, what's the story?"): a fact
        // answering the question leaning on it must be about all of them, not the last one,
        // unless it picks one of them ("between Pineau and Goodfellow, who teaches?").
        if let Decision::Fact { reading, .. } = &u.decision {
            let f = &kb.facts[reading.fact];
            let involved = |e: &usize| {
                kb.lexicon.context_kinds.contains(&kb.entities[*e].kind)
                    || f.subjects.contains(e)
                    || f.mentions.contains(e)
            };
            let picks = |e: &usize| f.items.contains(e) || f.value_entity == Some(*e);
            // "It" refers to a thing: the people beside it in the context are no part of the
            // question ("the lab Bengio runs — where is it?").
            let thing_pronoun = u.p.pronoun && !u.p.person_pronoun;
            let apart = !(context_named.iter())
                .filter(|&&e| !(thing_pronoun && kb.is_person(e)))
                .all(involved)
                && !context_named.iter().any(picks);
            if leans_on_context && apart {
                return None;
            }
        }
        if let Some(both) = coordinated(kb, piece, &u, &mut scratch) {
            answers.push(both);
            continue;
        }
        // A question of its own ("…, and what's its yearly budget?"), not a fragment.
        let own_question = u.p.qword.is_some() && !meaningful(kb, &u.p, true).is_empty();
        let asks_who =
            u.p.qword
                .is_some_and(|i| lex.who_words.contains(&u.p.words[i]));
        let no_person = match &u.decision {
            Decision::Fact { reading, .. } => !names_a_person(kb, reading.fact),
            _ => false,
        };
        // A confirmation of what an answer before already says adds nothing to it ("how
        // many researchers, faculty and students combined, were part of Mila in 2020?": the
        // figure's answer gives the year that "were part of Mila in 2020" confirms).
        let said = |value: &str| answers.iter().any(|a| a.body.contains(value));
        let confirms_said = match &u.decision {
            Decision::Fact { reading, .. } => {
                reading.verdict == Some(true) && said(&kb.facts[reading.fact].value)
            }
            _ => false,
        };
        if confirms_said {
            continue;
        }
        // "Who are the people behind it?" answered with no person is not answered.
        let answer = match u.decision {
            _ if asks_who && no_person && asks_people => None,
            Decision::Fact { .. } | Decision::Sentence { .. } => {
                Some(compose_understood(kb, piece, u, &mut scratch))
            }
            _ if worth_trying(&u) => match choice(kb, &u, &scratch) {
                Some(chosen) => Some(compose_understood(kb, piece, chosen, &mut scratch)),
                None => coordinated(kb, piece, &u, &mut scratch),
            },
            _ => return None,
        };
        match answer {
            Some(a) => {
                who_without_person |= asks_who && no_person;
                answers.push(a);
            }
            // A question of its own the article does not answer ("who founded Mila and
            // what's its budget this year?"): the others are answered, and it is said not to be.
            None if own_question => {
                unanswered.push(piece.trim().trim_start_matches(',').trim().to_string());
            }
            None => return None,
        }
    }
    if people_asked && who_without_person {
        return Some(refused_whole(kb, question, conv));
    }
    let lang = answers.first()?.lang;
    let mut merged = merge(question, answers)?;
    for piece in unanswered {
        let note = kb
            .messages(lang)
            .part_not_in_article
            .replace("{question}", &piece);
        merged.body.push('\n');
        merged.body.push_str(&note);
    }
    *conv = scratch;
    Some(merged)
}

/// Whether the clause is numbers only, with filler or "or" between them ("80s or 90s?").
fn guesses(p: &Parsed) -> bool {
    let number_at = |i: usize| p.numbers.iter().any(|n| (n.from..=n.at).contains(&i));
    let spare = class::FILLER | class::ALTERNATIVE;
    !p.numbers.is_empty() && (0..p.words.len()).all(|i| number_at(i) || p.classes[i] & spare != 0)
}

/// One answer from several: their texts in order (each once), their citations together.
pub(super) fn merge(question: &str, answers: Vec<Answer>) -> Option<Answer> {
    let mut answers = answers.into_iter();
    let mut out = answers.next()?;
    if !out.answered {
        return None;
    }
    for a in answers {
        if !a.answered {
            return None;
        }
        if !out.body.contains(&a.body) {
            out.body.push('\n');
            out.body.push_str(&a.body);
        }
        for c in a.citations {
            if !out.citations.contains(&c) {
                out.citations.push(c);
            }
        }
        out.confidence = out.confidence.min(a.confidence);
    }
    out.citations.sort_by_key(|c| c.n);
    out.question = question.to_string();
    Some(out)
}

/// Whether the fact gives a person: as its value, its items or its subject.
fn names_a_person(kb: &KnowledgeBase, fact: usize) -> bool {
    let f = &kb.facts[fact];
    let person = |e: &usize| kb.is_person(*e);
    f.value_entity.as_ref().is_some_and(person)
        || f.items.iter().any(person)
        || f.subjects.iter().any(person)
}

/// The message refused as a whole: the article does not say what it asks (the word asking
/// for people is the one left unexplained).
fn refused_whole(kb: &KnowledgeBase, question: &str, conv: &mut Conversation) -> Answer {
    let mut u = understand(kb, question, conv);
    let asked = (u.p.words.iter())
        .find(|w| kb.lexicon.people_words.contains(*w))
        .cloned();
    u.decision = Decision::Refuse(Refusal::Unexplained(asked.into_iter().collect()));
    compose_understood(kb, question, u, conv)
}
