//! Practice sessions in plain mode: grading of every type, skips, early end, seeds, JSON,
//! the pass mark, and timing.

use serde_json::Value;

use crate::harness::{Test, of_kind};

/// Runs one demo question chosen by filter with `answer` and returns its answer record.
fn answer_one(filter: &[&str], answer: &str) -> Value {
    let t = Test::demo().args(filter).args(["-n", "1"]).stdin(&format!("{answer}\n"));
    t.expect(0);
    let log = t.history();
    let answers = of_kind(&log, "answer");
    assert_eq!(answers.len(), 1, "{log:?}");
    answers[0].clone()
}

const CHOICE: &[&str] = &["--difficulty", "easy"];
const MULTI: &[&str] = &["--tag", "rest"];
const SHORT: &[&str] = &["--tag", "complexity"];
const OPEN: &[&str] = &["--tag", "databases"];

#[test]
fn choice_by_text_right_and_wrong() {
    let right = answer_one(CHOICE, "404");
    assert_eq!(
        (right["question"].as_str(), right["score"].as_f64(), right["correct"].as_bool()),
        (Some("demo-choice"), Some(1.0), Some(true))
    );
    let wrong = answer_one(CHOICE, "400");
    assert_eq!(
        (wrong["score"].as_f64(), wrong["correct"].as_bool(), wrong["response"].as_str()),
        (Some(0.0), Some(false), Some("400"))
    );
}

/// The choices as displayed, in order: the `  x) TEXT` lines of a plain session.
fn displayed(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  ").and_then(|l| l.get(3..).filter(|_| l.as_bytes().get(1) == Some(&b')'))))
        .map(str::to_owned)
        .collect()
}

#[test]
fn choice_by_letter_and_number_follows_the_shuffled_order() {
    for (answer, position) in [("a", 0), ("B", 1), ("3", 2)] {
        let t = Test::demo().args(CHOICE).args(["-n", "1"]).stdin(&format!("{answer}\n"));
        let out = t.expect(0);
        let shown = displayed(&out.stdout);
        assert_eq!(shown.len(), 3, "{out:?}");
        let rec = of_kind(&t.history(), "answer")[0].clone();
        assert_eq!(
            rec["response"].as_str(),
            Some(shown[position].as_str()),
            "{answer} picks position {position}\n{out:?}"
        );
        assert_eq!(rec["correct"].as_bool(), Some(shown[position] == "404"));
    }
}

#[test]
fn a_letter_is_a_position_even_when_a_choice_reads_like_it() {
    let t = Test::new();
    let bank = t.write(
        "dns.yaml",
        "format: 1\ntopic: dns\ntitle: DNS\nquestions:\n  - id: dns-mail\n    type: choice\n    difficulty: easy\n    level: junior\n    prompt: Which record routes mail?\n    choices: [CNAME, MX, A]\n    answer: MX\n    explanation: MX records name the mail exchangers for a domain.\n",
    );
    let t = t.arg("--bank").arg(&bank).args(["-t", "dns", "--seed", "4"]).stdin("a\n");
    let out = t.expect(0);
    let shown = displayed(&out.stdout);
    let rec = of_kind(&t.history(), "answer")[0].clone();
    assert_eq!(rec["response"].as_str(), Some(shown[0].as_str()), "{out:?}");
}

#[test]
fn invalid_choice_is_asked_again() {
    let t = Test::demo().args(CHOICE).args(["-n", "1"]).stdin("z\n404\n");
    let out = t.expect(0);
    assert!(out.stdout.contains("'z' is not one of the choices; answer with a letter a–c or a number 1–3"), "{out:?}");
    assert_eq!(of_kind(&t.history(), "answer")[0]["correct"], true);
}

#[test]
fn multi_scores_hits_minus_wrong_picks() {
    let full = answer_one(MULTI, "GET PUT DELETE");
    assert_eq!((full["score"].as_f64(), full["correct"].as_bool()), (Some(1.0), Some(true)));
    let partial = answer_one(MULTI, "get,put");
    assert!((partial["score"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(partial["correct"], true);
    let cancelled = answer_one(MULTI, "GET, POST");
    assert_eq!((cancelled["score"].as_f64(), cancelled["correct"].as_bool()), (Some(0.0), Some(false)));
}

#[test]
fn multi_feedback_marks_picks_misses_and_wrong_picks() {
    let out = Test::demo().args(MULTI).args(["-n", "1", "--no-history"]).stdin("GET POST\n").expect(0);
    let feedback = &out.stdout[out.stdout.find("Answer:").expect("feedback")..];
    let line = |choice: &str| feedback.lines().find(|l| l.contains(&format!(") {choice} ")));
    assert!(line("GET").is_some_and(|l| l.starts_with("  ✓ ") && l.ends_with("GET (picked)")), "{out:?}");
    assert!(line("PUT").is_some_and(|l| l.starts_with("  ✓ ") && l.ends_with("PUT (missed)")), "{out:?}");
    assert!(line("DELETE").is_some_and(|l| l.ends_with("DELETE (missed)")), "{out:?}");
    assert!(line("POST").is_some_and(|l| l.starts_with("    ") && l.ends_with("POST (wrong pick)")), "{out:?}");
}

#[test]
fn short_normalises_and_accepts_listed_spellings() {
    assert_eq!(answer_one(SHORT, "o(LOG N)")["correct"], true);
    assert_eq!(answer_one(SHORT, "log n")["correct"], true);
    let wrong = answer_one(SHORT, "O(n)");
    assert_eq!((wrong["correct"].as_bool(), wrong["score"].as_f64()), (Some(false), Some(0.0)));
}

#[test]
fn open_scores_keyword_coverage() {
    let full = answer_one(OPEN, "It avoids a full table scan, but every insert has to update the index too");
    assert_eq!((full["score"].as_f64(), full["correct"].as_bool()), (Some(1.0), Some(true)));
    let half = answer_one(OPEN, "the lookup is faster");
    assert_eq!((half["score"].as_f64(), half["correct"].as_bool()), (Some(0.5), Some(false)));
    let t = Test::demo().args(OPEN).args(["-n", "1"]).stdin("the lookup is faster\n");
    let out = t.expect(0);
    assert!(out.stdout.contains("Key points (1 of 2 covered)"), "{out:?}");
    assert!(out.stdout.contains("[x] Avoids a full table scan"), "{out:?}");
    assert!(out.stdout.contains("[ ] Writes must maintain the index"), "{out:?}");
    assert!(out.stdout.contains("Model answer: An index lets the database"), "{out:?}");
}

#[test]
fn empty_line_skips() {
    let rec = answer_one(CHOICE, "");
    assert_eq!(rec["skipped"], true);
    assert_eq!(rec["response"], Value::Null);
    assert_eq!((rec["score"].as_f64(), rec["correct"].as_bool()), (Some(0.0), Some(false)));
}

#[test]
fn feedback_shows_verdict_answer_explanation_and_time() {
    let out = Test::demo().args(CHOICE).args(["-n", "1"]).stdin("400\n").expect(0);
    assert!(out.stdout.contains("[1/1] demo-choice · choice · easy · junior · 45s"), "{out:?}");
    assert!(out.stdout.contains("✗ Wrong · 10s of 45s"), "{out:?}");
    assert!(out.stdout.contains(") 404"), "{out:?}");
    assert!(out.stdout.contains("Why: 404 says the server has no resource at that URL."), "{out:?}");
    assert!(!out.stdout.contains('\u{1b}'), "plain mode prints no escape codes\n{out:?}");
}

#[test]
fn colour_always_prints_escape_codes() {
    let out = Test::demo().args(CHOICE).args(["-n", "1", "--color", "always"]).stdin("404\n").expect(0);
    assert!(out.stdout.contains('\u{1b}'), "{out:?}");
}

#[test]
fn end_of_input_ends_early_and_keeps_answers() {
    let t = Test::demo().stdin("\n\n");
    let out = t.expect(0);
    assert!(out.stdout.contains("Only 4 questions match; asking all of them."), "{out:?}");
    assert!(out.stdout.contains("Session ended early"), "{out:?}");
    assert!(out.stdout.contains("Asked 2 of 4 planned."), "{out:?}");
    let log = t.history();
    assert_eq!(of_kind(&log, "answer").len(), 2);
    let session = of_kind(&log, "session")[0];
    assert_eq!((session["asked"].as_u64(), session["completed"].as_bool()), (Some(2), Some(false)));
}

#[test]
fn same_seed_same_session_other_seed_other_order() {
    let run = |seed: &str| {
        Test::new()
            .arg("--bank")
            .arg(crate::harness::demo_bank())
            .args(["-t", "demo", "--no-history", "--seed", seed])
            .stdin("\n\n\n\n")
            .expect(0)
            .stdout
    };
    let a = run("7");
    assert_eq!(a, run("7"));
    assert_ne!(a, run("8"));
    let replay = format!(
        "Replay with `quiz practice --bank {} --topic demo -n 10 --seed 7`",
        crate::harness::demo_bank().display()
    );
    assert!(a.contains(&replay), "{a}");
}

#[test]
fn json_report_on_stdout_questions_on_stderr() {
    let t = Test::demo().args(CHOICE).args(["-n", "1", "--json"]).stdin("404\n");
    let out = t.expect(0);
    assert!(out.stderr.contains("Which status code means"), "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{out:?}");
    let report: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(report["seed"], 1);
    assert_eq!(report["asked"], 1);
    assert_eq!(report["correct"], 1);
    assert_eq!(report["percent"], 100.0);
    assert_eq!(report["elapsed_ms"], 10_000);
    assert_eq!(report["completed"], true);
    assert_eq!(report["topics"][0]["topic"], "demo");
    assert_eq!(report["questions"][0]["id"], "demo-choice");
    assert_eq!(report["mode"], "practice");
}

#[test]
fn pass_mark_sets_exit_code() {
    let below = Test::demo().args(CHOICE).args(["-n", "1", "--pass", "70"]).stdin("400\n");
    let out = below.expect(3);
    assert!(out.stdout.contains("Pass mark 70%: below the pass mark"), "{out:?}");
    Test::demo().args(CHOICE).args(["-n", "1", "--pass", "70"]).stdin("404\n").expect(0);
}

#[test]
fn overtime_is_marked_but_scored() {
    let t = Test::demo().args(CHOICE).args(["-n", "1", "--time-limit", "5s"]).stdin("404\n");
    let out = t.expect(0);
    assert!(out.stdout.contains("10s of 5s, overtime"), "{out:?}");
    let log = t.history();
    let rec = of_kind(&log, "answer")[0];
    assert_eq!(
        (rec["overtime"].as_bool(), rec["correct"].as_bool(), rec["limit_ms"].as_u64()),
        (Some(true), Some(true), Some(5000))
    );
    assert_eq!(rec["elapsed_ms"], 10_000);
}

#[test]
fn unknown_topic_lists_known_ones() {
    let out = Test::new().args(["--topic", "nope"]).expect(2);
    assert!(out.stderr.contains("unknown topic 'nope'; known topics: "), "{out:?}");
    assert!(out.stderr.contains("dsa"), "{out:?}");
}

#[test]
fn filters_that_match_nothing_are_an_error() {
    let out = Test::demo().args(["--tag", "nothing"]).expect(2);
    assert!(out.stderr.contains("no questions match topic demo, tag nothing"), "{out:?}");
}

#[test]
fn bad_arguments_exit_2() {
    for args in [&["-n", "0"][..], &["--time-limit", "soon"], &["--pass", "150"], &["-d", "impossible"]] {
        let out = Test::new().args(args).expect(2);
        assert!(out.stderr.contains("error: invalid value"), "{out:?}");
    }
    let out = Test::new().args(["--bank", "missing-dir"]).expect(2);
    assert!(out.stderr.contains("cannot use bank path missing-dir"), "{out:?}");
}

#[test]
fn a_thousand_questions_asks_all_that_match() {
    let out = Test::demo().args(["-n", "1000", "--no-history"]).stdin("").expect(0);
    assert!(out.stdout.contains("Only 4 questions match; asking all of them."), "{out:?}");
}

#[test]
fn unwritable_history_fails_before_the_first_question() {
    let t = Test::demo();
    let dir = t.dir.path().join("adir");
    std::fs::create_dir(&dir).unwrap();
    let out = t.arg("--history").arg(&dir).stdin("404\n").expect(2);
    assert!(!out.stdout.contains("[1/"), "{out:?}");
    assert!(out.stderr.contains("cannot write the history log"), "{out:?}");
    assert!(out.stderr.contains("it is a directory"), "{out:?}");
}

#[test]
fn no_history_writes_nothing() {
    let t = Test::demo().args(["-n", "1", "--no-history"]).stdin("a\n");
    t.expect(0);
    assert!(!t.history_path().exists());
}

#[test]
fn builtin_session_runs_from_any_directory() {
    let t = Test::new().args(["--topic", "dsa", "-n", "3", "--seed", "5"]).stdin("\n\n\n");
    let out = t.expect(0);
    assert!(out.stdout.contains("[3/3] dsa"), "{out:?}");
    assert_eq!(of_kind(&t.history(), "answer").len(), 3);
}
