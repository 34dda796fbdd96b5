//! Property tests standing in for a fuzzer (cargo fuzz needs a nightly toolchain): bank parsing
//! and validation, and history lines, fed mutated and random input, never panic and every
//! problem keeps a position. CI runs the default number of cases; set PROPTEST_CASES for a long
//! run (see the README).

use proptest::prelude::*;
use quiz::{bank, history};

const DEMO: &str = include_str!("fixtures/demo.yaml");
const RELAY: &str = include_str!("fixtures/relay.yaml");

/// Characters that matter to YAML, and some that do not.
fn yaml_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            ':', '-', ' ', '\n', '\t', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '?', ',',
            '\\', '\u{feff}', 'é', '\u{0}'
        ]),
        prop::char::range('a', 'z'),
        prop::char::range('0', '9'),
    ]
}

/// A bank text with one mutation: a span replaced, removed, repeated, or the text cut short.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    let len = base.len();
    (0..len, 0..64usize, prop::collection::vec(yaml_char(), 0..24), 0..4u8).prop_map(move |(at, span, insert, how)| {
        let floor = |i: usize| (0..=i.min(base.len())).rev().find(|&j| base.is_char_boundary(j)).unwrap_or(0);
        let (a, b) = (floor(at), floor(at + span));
        let insert: String = insert.into_iter().collect();
        match how {
            0 => format!("{}{insert}{}", &base[..a], &base[b..]),
            1 => format!("{}{}", &base[..a], &base[b..]),
            2 => format!("{}{}{}", &base[..b], &base[a..b], &base[b..]),
            _ => base[..a].to_owned(),
        }
    })
}

fn check_bank(text: &str) {
    match bank::parse("fuzz.yaml", "demo", text) {
        Ok(b) => assert!(b.questions.iter().all(|q| q.line >= 1)),
        Err(diags) => {
            assert!(!diags.is_empty());
            for d in diags {
                assert!(d.line >= 1 && d.column >= 1, "{d}");
                assert!(!d.message.is_empty());
            }
        }
    }
}

const ANSWER: &str = r#"{"kind":"answer","v":1,"session":"s-1","at":"2026-11-01T10:00:00.250Z","topic":"dsa","question":"dsa-x","qtype":"choice","difficulty":"easy","level":"junior","response":"a \"quoted\" reply","score":1.0,"correct":true,"skipped":false,"elapsed_ms":1000,"limit_ms":45000,"overtime":false}"#;

fn check_line(text: &str) {
    let now = "2026-11-02T10:00:00Z".parse().unwrap();
    let full = history::parse_record(text, now);
    let mut seen = None;
    let fast = history::parse_answer(text, now, &mut |a| seen = Some(a.question.to_owned()));
    // The two readers agree on which answers are valid.
    if let Ok(Some(history::Record::Answer(a))) = &full {
        assert!(fast.is_ok(), "fast reader rejected a valid answer: {text}");
        assert_eq!(seen.as_deref(), Some(a.question.as_str()));
        // Written and read back, a record is stable (times are kept to the millisecond).
        let written = serde_json::to_string(&history::Record::Answer(a.clone())).unwrap();
        let reread = history::parse_record(&written, now).unwrap().expect("a record");
        assert_eq!(serde_json::to_string(&reread).unwrap(), written);
    }
}

proptest! {
    #[test]
    fn mutated_banks_never_panic(text in prop_oneof![mutated(DEMO), mutated(RELAY)]) {
        check_bank(&text);
    }

    #[test]
    fn random_banks_never_panic(chars in prop::collection::vec(yaml_char(), 0..400)) {
        check_bank(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn mutated_history_lines_never_panic(text in mutated(ANSWER)) {
        check_line(&text);
    }

    #[test]
    fn random_history_lines_never_panic(text in "\\PC{0,200}") {
        check_line(&text);
    }
}
