//! `ask` never panics, whatever the input.

use mila_bot::{ask, Conversation, KnowledgeBase};
use proptest::prelude::*;
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::embedded().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn ask_never_panics_on_arbitrary_strings(s in any::<String>()) {
        let mut c = Conversation::default();
        let a = ask(kb(), &s, &mut c);
        prop_assert!((0.0..=1.0).contains(&a.confidence));
        let _ = ask(kb(), "and when?", &mut c);
    }

    #[test]
    fn ask_never_panics_on_question_like_noise(
        words in prop::collection::vec(prop::sample::select(vec![
            "who", "founded", "mila", "when", "it", "he", "qu'est-ce", "orion", "ibm", "by", "whom",
            "où", "?", "l'", "année", "mlia", "bengo", "É", "🎉", "\u{0}", "  ", "-", "turing",
        ]), 0..12)
    ) {
        let q = words.join(" ");
        let a = ask(kb(), &q, &mut Conversation::default());
        prop_assert!(a.answered || !a.body.is_empty());
    }
}
