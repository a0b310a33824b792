//! Step 4c: a name offered close to one of the article's ("did MILA stand for Montreal
//! Institute for Language Analysis?"). A yes/no question refused for words it does not
//! explain, where a run of its words is one of the article's names of three words or more
//! with some of them replaced, is asked again with the name as the article writes it: when
//! that question gets Yes, the name offered is not the article's, and the answer is No with
//! the fact that gives the right one.

use super::decide::{Decision, Refusal};
use super::{understand, Conversation, Understood};
use crate::knowledge::KnowledgeBase;

/// The fewest words of a name that a near one may be checked against.
const NAME_WORDS: usize = 3;

pub fn misnamed(kb: &KnowledgeBase, u: &Understood, conv: &Conversation) -> Option<Understood> {
    let unexplained = matches!(
        &u.decision,
        Decision::Refuse(Refusal::Unexplained(_) | Refusal::NotSettled(_))
    );
    if !u.p.yes_no || !unexplained {
        return None;
    }
    let words = &u.p.words;
    for entity in &kb.entities {
        for alias in entity.aliases.iter().filter(|a| a.len() >= NAME_WORDS) {
            let Some(start) = near_at(u, alias) else {
                continue;
            };
            let variant = [
                &words[..start],
                alias.as_slice(),
                &words[start + alias.len()..],
            ]
            .concat()
            .join(" ");
            let mut v = understand(kb, &variant, conv);
            if let Decision::Fact { reading, .. } = &mut v.decision {
                if reading.verdict == Some(true) {
                    reading.verdict = Some(false);
                    v.p.lang = u.p.lang;
                    return Some(v);
                }
            }
        }
    }
    None
}

/// Where the question's words are `alias` with some replaced: most of them in place (the
/// first among them), at least one other, none of them a name.
fn near_at(u: &Understood, alias: &[String]) -> Option<usize> {
    let words = &u.p.words;
    let len = alias.len();
    (0..=words.len().checked_sub(len)?).find(|&s| {
        let same = (0..len).filter(|&k| words[s + k] == alias[k]).count();
        let mut replaced = (0..len).filter(|&k| words[s + k] != alias[k]);
        words[s] == alias[0]
            && same * 2 >= len
            && same < len
            && replaced.all(|k| !u.p.is_named(s + k))
    })
}
