//! Unit tests of the pure rendering functions (limits, links, ephemerality).

use super::*;
use crate::answer::{Explanation, Labels, Lang, Passage};
use proptest::prelude::*;

fn citation(n: usize, title: &str) -> Citation {
    Citation {
        n,
        title: title.into(),
        url: format!("https://example.org/{n}"),
        website: Some("Example News".into()),
        date: Some("2017-01-01".into()),
        access_date: None,
    }
}

fn answer(answered: bool) -> Answer {
    Answer {
        question: "who started Mila?".into(),
        answered,
        intent: Some("founders".into()),
        confidence: 0.9,
        lang: Lang::En,
        body: "Mila was founded by Yoshua Bengio.[1]".into(),
        section: Some("History".into()),
        citations: vec![citation(1, "Mila story")],
        suggestions: vec![
            "When did Mila get its start?".into(),
            "Where is Mila based?".into(),
        ],
        closest: None,
        explanation: Explanation::default(),
        labels: Labels {
            closest: "Closest passage".into(),
            you_could_ask: "You could ask:".into(),
            accessed: "Accessed".into(),
            sources: "Sources".into(),
            why: "Why?".into(),
            section: "section".into(),
        }
        .into(),
    }
}

fn assert_within_limits(r: &Reply) {
    if let Some(c) = &r.content {
        assert!(c.chars().count() <= CONTENT_MAX);
    }
    if let Some(e) = &r.embed {
        assert!(e.title.chars().count() <= TITLE_MAX);
        assert!(e.description.chars().count() <= DESCRIPTION_MAX);
        assert!(e.footer.chars().count() <= FOOTER_MAX);
        assert!(e.fields.len() <= FIELDS_MAX);
        for (n, v) in &e.fields {
            assert!(n.chars().count() <= FIELD_NAME_MAX);
            assert!(v.chars().count() <= FIELD_VALUE_MAX);
        }
        assert!(embed_chars(e) <= EMBED_TOTAL_MAX, "{}", embed_chars(e));
    }
    assert!(r.buttons.len() <= BUTTONS_MAX);
    for b in &r.buttons {
        assert!(b.label.chars().count() <= BUTTON_LABEL_MAX);
        assert!(b.custom_id.chars().count() <= CUSTOM_ID_MAX);
    }
}

#[test]
fn truncate_cuts_on_char_boundaries_and_marks_the_cut() {
    let s = "é".repeat(3000);
    let t = truncate(&s, CONTENT_MAX);
    assert_eq!(t.chars().count(), CONTENT_MAX);
    assert!(t.ends_with('…'));
    assert_eq!(truncate("short", 10), "short");
}

#[test]
fn fit_lines_keeps_whole_lines() {
    let text = (0..100)
        .map(|i| format!("line {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let t = fit_lines(&text, 50);
    assert!(t.chars().count() <= 50);
    assert!(t.ends_with("\n…"));
    assert!(t.lines().all(|l| l == "…" || l.starts_with("line ")));
}

#[test]
fn a_source_is_a_numbered_markdown_link_with_website_and_date() {
    let line = source_link(&citation(3, "A [big] story."));
    assert_eq!(
        line,
        "[3] [A \\[big\\] story](https://example.org/3) — Example News, 2017-01-01"
    );
    let mut c = citation(4, "Wiki");
    c.url = "https://en.wikipedia.org/wiki/Mila_(research_institute)".into();
    assert!(source_link(&c).contains("Mila_%28research_institute%29)"));
}

#[test]
fn an_answer_renders_body_sources_and_footer() {
    let r = answer_reply(&answer(true), 42);
    let e = r.embed.as_ref().unwrap();
    assert!(!r.ephemeral);
    assert_eq!(e.description, "Mila was founded by Yoshua Bengio.[1]");
    assert!(e.fields[0].1.contains("https://example.org/1"));
    assert!(e.footer.contains("History") && e.footer.contains("CC BY-SA 4.0"));
    assert_eq!(
        r.buttons.last().unwrap().custom_id,
        format!("{WHY_PREFIX}42")
    );
    assert_within_limits(&r);
}

#[test]
fn an_unanswered_question_is_ephemeral_with_suggestion_buttons() {
    let mut a = answer(false);
    a.closest = Some(Passage {
        sentence: "Mila is in Montreal.".into(),
        section: "Location".into(),
        citations: vec![citation(2, "Montreal")],
        score: 0.3,
    });
    let r = answer_reply(&a, 42);
    assert!(r.ephemeral);
    let e = r.embed.as_ref().unwrap();
    assert!(e.description.contains("Mila is in Montreal."));
    assert!(e
        .fields
        .iter()
        .any(|(_, v)| v.contains("https://example.org/2")));
    assert!(e
        .fields
        .iter()
        .any(|(_, v)| v.contains("Where is Mila based?")));
    assert_eq!(r.buttons[0].custom_id, "ask:When did Mila get its start?");
    assert_within_limits(&r);
}

#[test]
fn a_huge_answer_respects_every_discord_limit() {
    let mut a = answer(false);
    a.question = "q".repeat(1000);
    a.body = "ü".repeat(10_000);
    a.citations = (1..200).map(|n| citation(n, &"t".repeat(300))).collect();
    a.suggestions = (0..50)
        .map(|i| format!("{i} {}", "s".repeat(200)))
        .collect();
    a.section = Some("x".repeat(5000));
    assert_within_limits(&answer_reply(&a, 42));
}

#[test]
fn text_and_why_replies_respect_limits() {
    let long = (0..2000)
        .map(|i| format!("[{i}] reference"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_within_limits(&text_reply("Sources", &long, vec![]));
    let r = why_reply(Some(&answer(true)), "none");
    assert!(r.ephemeral);
    assert_within_limits(&r);
    assert!(why_reply(None, "none").ephemeral);
    assert_eq!(why_reply(None, "none").content.as_deref(), Some("none"));
    assert_within_limits(&notice(&"n".repeat(5000)));
}

proptest! {
    #[test]
    fn truncate_is_a_bounded_prefix(s in "\\PC{0,300}", max in 1usize..200) {
        let t = truncate(&s, max);
        prop_assert!(t.chars().count() <= max);
        let kept = t.strip_suffix('…').unwrap_or(&t);
        prop_assert!(s.starts_with(kept));
    }

    #[test]
    fn any_answer_fits(body in "\\PC{0,6000}", q in "\\PC{0,400}", n in 0usize..60) {
        let mut a = answer(n % 2 == 0);
        a.body = body;
        a.question = q;
        a.citations = (1..=n).map(|i| citation(i, &"é".repeat(i * 7))).collect();
        assert_within_limits(&answer_reply(&a, 42));
    }
}
