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

mod bad_input {
    //! Bad input through the binary: each case gets one clear message that names the file (and
    //! line) or the option, and says what to type instead.

    use crate::harness::{Test, demo_bank};

    const DUP: &str = "format: 1
topic: dup
title: Clashes with a built-in id
questions:
  - id: apis-no-store
    type: short
    difficulty: easy
    level: junior
    prompt: Mine, not the built-in one?
    answer: mine
    explanation: Two questions may not share an id.
";

    #[test]
    fn a_personal_bank_clashing_with_a_builtin_id_is_refused_by_every_command() {
        let t = Test::new();
        let dup = t.write("dup.yaml", DUP);
        let clash = format!("{}:5:1: duplicate id 'apis-no-store' (also in questions/apis.yaml:", dup.display());
        for cmd in [
            &["--topic", "dup", "-n", "1"][..],
            &["review", "--topic", "dup"],
            &["mock", "--topic", "dup", "--minutes", "10"],
            &["list", "--topic", "dup"],
            &["stats"],
            &["show", "apis-no-store"],
            &["topics"],
        ] {
            let out = t.again().arg("--bank").arg(&dup).args(cmd).stdin("mine\n").expect(2);
            assert!(out.stderr.contains(&clash), "{out:?}");
            assert!(!out.stdout.contains("[1/"), "{out:?}");
        }
        let out = t.again().arg("validate").arg(&dup).expect(2);
        assert!(out.stdout.contains(&clash), "{out:?}");
        assert!(!t.history_path().exists());
    }

    #[test]
    fn one_broken_bank_in_quiz_banks_is_refused_by_every_command() {
        let t = Test::new();
        t.write("banks/good.yaml", DUP.replace("apis-no-store", "good-one").replace("topic: dup", "topic: good"));
        let broken = t.write("banks/broken.yaml", "format: 1\ntopic: broken\ntitle: B\nquestions:\n  - id: [\n");
        let dir = t.dir.path().join("banks");
        for cmd in [&["--topic", "dsa", "-n", "1"][..], &["stats"], &["list", "-t", "good"], &["review", "-t", "dsa"]] {
            let out = t.again().env("QUIZ_BANKS", dir.to_str().unwrap()).args(cmd).stdin("b\n").expect(2);
            assert!(out.stderr.contains(&format!("{}:5:", broken.display())), "{out:?}");
            assert!(out.stderr.contains("run `quiz validate`"), "{out:?}");
            assert!(!out.stdout.contains("[1/"), "{out:?}");
        }
    }

    #[test]
    fn validate_finds_banks_in_subdirectories_and_refuses_a_directory_without_any() {
        let t = Test::new();
        let empty = t.dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let out = t.again().arg("validate").arg(&empty).expect(2);
        assert!(
            out.stderr.contains(&format!(
                "cannot use bank path {}: no .yaml or .yml bank in it or in its subdirectories",
                empty.display()
            )),
            "{out:?}"
        );
        t.write("nested/a/one.yaml", DUP.replace("apis-no-store", "one-q").replace("topic: dup", "topic: one"));
        t.write("nested/b/c/two.yml", DUP.replace("apis-no-store", "two-q").replace("topic: dup", "topic: two"));
        t.write("nested/.git/x.yaml", "not a bank");
        t.write("nested/README.md", "not a bank");
        let out = t.again().arg("validate").arg(t.dir.path().join("nested")).expect(0);
        assert!(out.stdout.ends_with("2 banks, 2 questions, 0 examples: 2 warnings\n"), "{out:?}");
        let out = t.again().arg("--bank").arg(t.dir.path().join("nested")).args(["list", "-t", "two"]).expect(0);
        assert!(out.stdout.starts_with("two-q "), "{out:?}");
    }

    #[test]
    fn huge_counts_are_bounded_at_the_parser_and_clamped_to_what_exists() {
        let out = Test::new().args(["review", "--new", "4294967295"]).expect(2);
        assert!(
            out.stderr.contains("4294967295 is out of range; give a whole number from 0 to 1000, such as `--new 5`"),
            "{out:?}"
        );
        let out = Test::new().args(["-n", "-1"]).expect(2);
        assert!(
            out.stderr.contains("-1 is out of range; give a whole number from 1 to 1000, such as `-n 10`"),
            "{out:?}"
        );
        let out = Test::new().args(["-n", "ten"]).expect(2);
        assert!(out.stderr.contains("'ten' is not a whole number; give a whole number from 1 to 1000"), "{out:?}");
        let out = Test::new().args(["--seed", "-3"]).expect(2);
        assert!(out.stderr.contains("give a whole number from 0 to 18446744073709551615"), "{out:?}");
        let out = Test::new()
            .arg("--bank")
            .arg(demo_bank())
            .args(["review", "-t", "demo", "--new", "1000", "--seed", "1", "--no-history"])
            .stdin("")
            .expect(0);
        assert!(out.stdout.contains("Review: 0 due (0 overdue by more than a day), 4 new."), "{out:?}");
    }

    #[test]
    fn clock_settings_past_year_9999_are_refused() {
        let out = Test::demo()
            .env("QUIZ_NOW", "9999-12-31T23:59:59Z")
            .env("QUIZ_CLOCK_STEP", "1h")
            .args(["-n", "1"])
            .stdin("404\n")
            .expect(2);
        assert!(
            out.stderr
                .contains("QUIZ_NOW='9999-12-31T23:59:59Z' with QUIZ_CLOCK_STEP=1h would pass the end of year 9999"),
            "{out:?}"
        );
        assert!(!out.stdout.contains("[1/"), "{out:?}");
        let out = Test::demo().env("QUIZ_NOW", "0000-01-01T00:00:00+01:00").args(["-n", "1"]).stdin("404\n").expect(2);
        assert!(out.stderr.contains("outside the years 0000 to 9999"), "{out:?}");
        Test::demo().env("QUIZ_NOW", "9999-12-01T00:00:00Z").args(["-n", "1"]).stdin("404\n").expect(0);
    }

    #[test]
    fn argument_edge_cases_say_what_to_type() {
        let out = Test::new().args(["history", "--last", "0"]).expect(2);
        assert!(
            out.stderr.contains("--last 0 would show nothing; give 1 or more, such as `--last 20`, or use --all"),
            "{out:?}"
        );
        let out = Test::demo().args(["--history", "x.jsonl", "--no-history"]).expect(2);
        assert!(out.stderr.contains("the argument '--history <FILE>' cannot be used with '--no-history'"), "{out:?}");
        let out = Test::demo().args(["--tag", ""]).expect(2);
        assert!(out.stderr.contains("an empty tag matches nothing; give a tag such as `--tag caching`"), "{out:?}");
        let out = Test::new().args(["--topic", "DSA", "-n", "1", "--seed", "1", "--no-history"]).stdin("\n").expect(0);
        assert!(out.stdout.contains("[1/1] dsa"), "{out:?}");
        let out = Test::new().args(["list", "--topic", "Caching"]).expect(0);
        assert!(out.stdout.starts_with("caching-"), "{out:?}");
    }

    #[test]
    fn history_all_and_last_count_rows() {
        let t = Test::demo().args(["-n", "1"]).stdin("404\n");
        t.expect(0);
        // The choice question, whose answer is 404 (a random draw could pick one "404" does not answer).
        t.again().arg("--bank").arg(demo_bank()).args(["-t", "demo", "-n", "1", "-d", "easy"]).stdin("404\n").expect(0);
        let rows = |args: &[&str]| t.again().arg("history").args(args).expect(0).stdout.lines().count() - 1;
        assert_eq!(rows(&["--last", "1"]), 1);
        assert_eq!(rows(&["--all"]), 2);
        assert_eq!(rows(&[]), 2);
    }

    #[test]
    fn stats_since_a_window_without_practice_says_so() {
        let t = Test::demo().args(["-n", "2"]).stdin("404\n\n");
        t.expect(0);
        let later = t.again().env("QUIZ_NOW", "2026-11-05T10:00:00Z");
        let out = later.arg("stats").args(["--since", "0d"]).expect(0);
        assert_eq!(
            out.stdout,
            "No practice since 0d; the log holds 2 answers in all. Widen --since (such as --since 30d) or drop --topic.\n"
        );
    }
}
