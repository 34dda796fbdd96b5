//! The learning loop: stats, spaced-repetition review, weak-spot drills and export, on logs
//! written by hand so every figure is known.

use serde_json::{Value, json};

use crate::harness::{Test, demo_bank, keys, of_kind, read_log};

/// One answer record.
fn answer(question: &str, at: &str, score: f64, elapsed_ms: u64, response: &str) -> Value {
    let qtype = question.trim_start_matches("demo-");
    json!({"kind": "answer", "v": 1, "session": format!("s-{}", &at[..10]), "at": at, "topic": "demo",
        "question": question, "qtype": qtype, "difficulty": "easy", "level": "junior", "response": response,
        "score": score, "correct": score >= 0.6, "skipped": false, "elapsed_ms": elapsed_ms,
        "limit_ms": 40_000, "overtime": elapsed_ms > 40_000})
}

/// A test whose log holds `records`, with the clock at `now`.
fn with_log(records: &[Value], now: &str) -> Test {
    let t = Test::new().env("QUIZ_NOW", now).arg("--bank").arg(demo_bank());
    let text: String = records.iter().map(|r| format!("{r}\n")).collect();
    t.write(".local/share/quiz/history.jsonl", text);
    t
}

fn log() -> Vec<Value> {
    vec![
        answer("demo-choice", "2026-11-18T09:00:00Z", 0.0, 10_000, "400"),
        answer("demo-choice", "2026-11-19T09:00:00Z", 0.0, 50_000, "500"),
        answer("demo-multi", "2026-11-19T09:01:00Z", 1.0, 20_000, "GET; PUT; DELETE"),
        answer("demo-short", "2026-11-20T09:00:00Z", 1.0, 30_000, "log n"),
        answer("demo-choice", "2026-11-21T09:00:00Z", 1.0, 5_000, "404"),
    ]
}

#[test]
fn stats_json_has_exact_figures() {
    let out = with_log(&log(), "2026-11-21T12:00:00Z").args(["stats", "--json"]).expect(0);
    let s: Value = serde_json::from_str(&out.stdout).unwrap();
    let o = &s["overall"];
    assert_eq!(o["sessions"], 4);
    assert_eq!(o["answered"], 5);
    assert_eq!(o["accuracy"], 0.6);
    assert_eq!(o["median_ms"], 20_000);
    assert_eq!(o["overtime_rate"], 0.2);
    assert_eq!(
        (o["current_streak"].as_u64(), o["best_streak"].as_u64(), o["days_last_30"].as_u64()),
        (Some(4), Some(4), Some(4))
    );
    let demo = &s["topics"][0];
    assert_eq!(demo["topic"], "demo");
    assert_eq!(
        (demo["seen"].as_u64(), demo["bank_size"].as_u64(), demo["coverage"].as_f64()),
        (Some(3), Some(4), Some(0.75))
    );
    assert_eq!(demo["trend"].as_array().unwrap().len(), 8);
    assert_eq!(demo["trend"][7], 0.6);
    // Shrunk by the Beta(1, 4) prior: 100 × (0.6 × 4/10 + 0.25 × 0.75 + 0.15 × 5/10) = 50.25
    assert_eq!(demo["readiness"], 50);
    // demo-multi (right on the 19th) and demo-short (right on the 20th) have waited their day.
    assert_eq!(demo["due"], 2);
    // Time against the limit per question type, not across mixed types.
    assert_eq!(
        s["by_type"],
        json!([
            {"type": "choice", "answered": 3, "median_ms": 10_000, "median_limit_ms": 40_000, "overtime_rate": 1.0 / 3.0},
            {"type": "multi", "answered": 1, "median_ms": 20_000, "median_limit_ms": 40_000, "overtime_rate": 0.0},
            {"type": "short", "answered": 1, "median_ms": 30_000, "median_limit_ms": 40_000, "overtime_rate": 0.0},
        ])
    );
    assert_eq!(s["most_missed"][0], json!({"id": "demo-choice", "topic": "demo", "missed": 2, "answered": 3}));
    // http: 2 right of 4 (50%, under 60%); rest: 1 of 1 (too few); complexity: 1 of 1.
    assert_eq!(s["weakest_tags"], json!([{"tag": "http", "answered": 4, "accuracy": 0.5}]));
    assert_eq!(s["not_in_banks"], 0);
    assert_eq!(s["calendar"].as_array().unwrap().len(), 30);
    assert_eq!(s["calendar"][29], json!({"date": "2026-11-21", "answered": 1}));
}

#[test]
fn stats_text_has_charts_and_since_narrows() {
    let out = with_log(&log(), "2026-11-21T12:00:00Z").arg("stats").expect(0);
    assert!(out.stdout.contains("Practice 4 sessions (practice, review and mock) · 5 answers\n"), "{out:?}");
    assert!(out.stdout.contains("Accuracy 60% · mean score 60% · 20% overtime"), "{out:?}");
    assert!(out.stdout.contains("Streak 4 days (best 4)"), "{out:?}");
    assert!(out.stdout.contains("Last 30 days ··························▒█▒▒ Oct 23 → today"), "{out:?}");
    assert!(out.stdout.contains("  one cell a day: · none, ░ ▒ ▓ █ fewer to more answers\n"), "{out:?}");
    assert!(
        out.stdout.contains("demo         5       60%     3/4  75%    2  ·······▅  ████····  50\n"),
        "topic row with trend and readiness bar\n{out:?}"
    );
    assert!(out.stdout.contains("  trend: weekly accuracy, 8 weeks (▁ 0% … █ 100%, · none)\n"), "{out:?}");
    assert!(out.stdout.contains("  readiness: bar and figure, 0–100; rule in `quiz stats --help`\n"), "{out:?}");
    assert!(out.stdout.contains("choice          3          10s / 40s       33%"), "{out:?}");
    assert!(out.stdout.contains("Weakest tags http 50% of 4 answers"), "{out:?}");
    assert!(out.stdout.contains("demo-choice  missed 2 of 3"), "{out:?}");
    assert!(!out.stdout.contains('\u{1b}'));
    let since = with_log(&log(), "2026-11-21T12:00:00Z").args(["stats", "--json", "--since", "2026-11-20"]).expect(0);
    let s: Value = serde_json::from_str(&since.stdout).unwrap();
    assert_eq!(s["overall"]["answered"], 2);
    let bad = with_log(&log(), "2026-11-21T12:00:00Z").args(["stats", "--since", "lately"]).expect(2);
    assert!(bad.stderr.contains("--since 'lately' is neither a span like 7d nor a date like 2026-11-01"), "{bad:?}");
}

#[test]
fn stats_without_history_is_friendly() {
    let out = Test::new().arg("stats").expect(0);
    assert!(out.stdout.starts_with("No practice yet"), "{out:?}");
}

#[test]
fn review_asks_due_questions_first_then_new_ones() {
    // A wrong answer at 09:00 is due again at 09:01 (FSRS learning step); a right one at 09:00
    // is due at 09:10.
    let records = [
        answer("demo-choice", "2026-11-21T09:00:00Z", 0.0, 10_000, "400"),
        answer("demo-multi", "2026-11-21T09:00:30Z", 1.0, 20_000, "GET; PUT; DELETE"),
    ];
    let t = with_log(&records, "2026-11-21T09:05:00Z").args(["review", "-t", "demo", "--seed", "2"]).stdin("404\n\n\n");
    let out = t.expect(0);
    assert!(out.stdout.contains("[1/3] demo-choice · choice"), "due question first\n{out:?}");
    let answers: Vec<String> = of_kind(&read_log(&t.history_path()), "answer")
        .iter()
        .skip(2)
        .map(|a| a["question"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(answers[0], "demo-choice");
    let mut fresh = answers[1..].to_vec();
    fresh.sort();
    assert_eq!(fresh, ["demo-open", "demo-short"], "then the never-seen ones");
    let session = of_kind(&read_log(&t.history_path()), "session")[0].clone();
    assert_eq!(session["mode"], "review");

    let none_new =
        with_log(&records, "2026-11-21T09:05:00Z").args(["review", "-t", "demo", "--new", "0"]).stdin("404\n");
    assert!(none_new.expect(0).stdout.contains("[1/1] demo-choice · choice"));
}

#[test]
fn review_with_nothing_due_says_when() {
    let records = [answer("demo-multi", "2026-11-21T09:00:00Z", 1.0, 20_000, "GET; PUT; DELETE")];
    let out = with_log(&records, "2026-11-21T09:01:00Z").args(["review", "--new", "0"]).expect(0);
    // A right answer waits a day, not FSRS's ten-minute learning step.
    assert_eq!(out.stdout, "Nothing is due for review. The next question is due 2026-11-22 09:00 (in 23 hours).\n");
    let json = with_log(&records, "2026-11-21T09:01:00Z").args(["review", "--new", "0", "--json"]).expect(0);
    assert_eq!(json.stdout, "{\"due\":0,\"new\":0,\"next_due\":\"2026-11-22T09:00:00Z\"}\n");
    let empty = Test::new().args(["review", "--new", "0"]).expect(0);
    assert!(empty.stdout.starts_with("Nothing is due for review yet"), "{empty:?}");
}

#[test]
fn review_for_a_new_user_asks_new_questions() {
    let t = Test::new().args(["review", "-t", "dsa", "--new", "2", "--seed", "4"]).stdin("\n\n");
    let out = t.expect(0);
    assert!(out.stdout.starts_with("Review: 0 due (0 overdue by more than a day), 2 new.\n"), "{out:?}");
    assert!(out.stdout.contains("[2/2] dsa"), "{out:?}");
    let log = t.history();
    assert_eq!(of_kind(&log, "answer").len(), 2);
    assert_eq!(of_kind(&log, "session")[0]["mode"], "review");
}

#[test]
fn weak_drills_favour_missed_slow_questions() {
    let mut records = Vec::new();
    for day in 10..15 {
        records.push(answer("demo-choice", &format!("2026-11-{day}T09:00:00Z"), 0.0, 60_000, "400"));
        for q in ["demo-multi", "demo-short", "demo-open"] {
            records.push(answer(q, &format!("2026-11-{day}T09:01:00Z"), 1.0, 5_000, "x"));
        }
    }
    let mut hits = 0;
    for seed in 1..=20 {
        let t = with_log(&records, "2026-11-15T12:00:00Z")
            .args(["-t", "demo", "--weak", "-n", "1", "--no-history", "--seed"])
            .arg(seed.to_string())
            .stdin("\n");
        if t.expect(0).stdout.contains("Which status code means") {
            hits += 1;
        }
    }
    // Weights 1 + 3 + 2 = 6 against 1 for each of the three mastered questions.
    assert!(hits >= 10, "the weak question came up in {hits} of 20 drills");
}

#[test]
fn export_csv_and_json() {
    let mut records = log();
    records[0]["response"] = json!("a, \"quoted\" answer");
    let out = with_log(&records, "2026-11-21T12:00:00Z").args(["export", "--format", "csv"]).expect(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(
        lines[0],
        "session,at,topic,question,qtype,difficulty,level,response,score,correct,skipped,elapsed_ms,limit_ms,overtime,mode,confidence"
    );
    assert_eq!(
        lines[1],
        "s-2026-11-18,2026-11-18T09:00:00Z,demo,demo-choice,choice,easy,junior,\"a, \"\"quoted\"\" answer\",0,false,false,10000,40000,false,,"
    );
    let t = with_log(&records, "2026-11-21T12:00:00Z");
    let file = t.dir.path().join("out.json");
    t.again().args(["export", "--format", "json", "--output"]).arg(&file).expect(0);
    let all: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all[4]["question"], "demo-choice");
    assert_eq!(all[0]["response"], "a, \"quoted\" answer");
}

/// An answer record in session `session`.
fn in_session(session: &str, question: &str, at: &str, right: bool) -> Value {
    let mut a = answer(question, at, if right { 1.0 } else { 0.0 }, 10_000, "x");
    a["session"] = json!(session);
    a
}

/// The questions a run asked, from its log, after the first `skip` answers.
fn asked_after(t: &Test, skip: usize) -> Vec<String> {
    of_kind(&t.history(), "answer").iter().skip(skip).map(|a| a["question"].as_str().unwrap().to_owned()).collect()
}

fn missed_log() -> Vec<Value> {
    vec![
        in_session("s1", "demo-multi", "2026-11-20T09:00:00Z", false),
        in_session("s1", "demo-open", "2026-11-20T09:01:00Z", false),
        in_session("s2", "demo-short", "2026-11-21T09:00:00Z", false),
        in_session("s2", "demo-multi", "2026-11-21T09:01:00Z", true),
        in_session("s2", "demo-choice", "2026-11-21T09:02:00Z", false),
    ]
}

#[test]
fn practice_missed_retries_the_last_sessions_misses_in_order() {
    let t = with_log(&missed_log(), "2026-11-21T12:00:00Z").args(["--missed", "--seed", "3"]).stdin("O(log n)\n404\n");
    let out = t.expect(0);
    assert!(out.stdout.starts_with("Retrying 2 questions missed in the last session.\n"), "{out:?}");
    assert_eq!(asked_after(&t, 5), ["demo-short", "demo-choice"]);
    let replay =
        format!("Replay with `quiz practice --bank {} --id demo-short,demo-choice --seed 3`", demo_bank().display());
    assert!(out.stdout.contains(&replay), "{out:?}");
    // Run as written, the replay asks the same questions with the same choices.
    let words: Vec<&str> = replay.trim_start_matches("Replay with `quiz ").trim_end_matches('`').split(' ').collect();
    let again = Test::new().args(&words).args(["--no-history"]).stdin("O(log n)\n404\n").expect(0);
    let shown = |s: &str| s[s.find("[1/2]").unwrap()..s.find("── Session").unwrap()].to_owned();
    assert_eq!(shown(&again.stdout), shown(&out.stdout));
    // Both right now: nothing left to retry from that session.
    let again = t.again().arg("--bank").arg(demo_bank()).arg("--missed").expect(0);
    assert_eq!(again.stdout, "Nothing to retry: no wrong answers in the last session.\n");
}

#[test]
fn practice_missed_within_a_window_counts_each_questions_latest_answer() {
    let t = with_log(&missed_log(), "2026-11-21T12:00:00Z").args(["--missed", "7d", "-n", "5"]).stdin("\n\n\n\n");
    let out = t.expect(0);
    assert!(out.stdout.starts_with("Retrying 3 questions missed within 7d.\n"), "{out:?}");
    // demo-multi was wrong in s1 but right at its latest answer; the rest by when last missed.
    assert_eq!(asked_after(&t, 5), ["demo-open", "demo-short", "demo-choice"]);
    let since = with_log(&missed_log(), "2026-11-21T12:00:00Z").args(["--missed", "2026-11-21", "--no-history"]);
    assert!(since.stdin("\n\n").expect(0).stdout.starts_with("Retrying 2 questions missed within 2026-11-21.\n"));
    let bad = with_log(&missed_log(), "2026-11-21T12:00:00Z").args(["--missed", "lately"]).expect(2);
    assert!(bad.stderr.contains("--since 'lately' is neither a span"), "{bad:?}");
}

#[test]
fn practice_id_asks_exactly_those_questions_in_order() {
    let t =
        Test::new().arg("--bank").arg(demo_bank()).args(["practice", "--id", "demo-short,demo-choice", "--seed", "9"]);
    let t = t.stdin("O(log n)\n500\n");
    let out = t.expect(0);
    assert_eq!(asked_after(&t, 0), ["demo-short", "demo-choice"]);
    // The id is in the feedback and the missed ids in the report, with the command to retry.
    assert!(out.stdout.contains("✓ Correct · 10s of 30s · demo-short\n"), "{out:?}");
    assert!(out.stdout.contains("✗ Wrong · 10s of 45s · demo-choice\n"), "{out:?}");
    assert!(out.stdout.contains("Missed: demo-choice\nRetry them with `quiz practice --missed`"), "{out:?}");
    let missing = Test::new().args(["practice", "--id", "dsa-nope"]).expect(2);
    assert!(missing.stderr.contains("no question has the id 'dsa-nope'"), "{missing:?}");
    let both = Test::new().args(["practice", "--id", "a", "--missed"]).expect(2);
    assert!(both.stderr.contains("cannot be used with"), "{both:?}");
}

/// The question ids of a practice run's JSON report.
fn drawn(args: &[&str]) -> Vec<String> {
    let out = Test::new().args(args).args(["--no-history", "--json"]).stdin(&"\n".repeat(12)).expect(0);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    report["questions"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_seed_draws_the_same_first_questions_whatever_n_and_prints_a_replay_that_works() {
    let ten = drawn(&["-t", "dsa", "--seed", "42", "-n", "10"]);
    assert_eq!(ten.len(), 10);
    for n in [1, 2, 3] {
        assert_eq!(drawn(&["-t", "dsa", "--seed", "42", "-n", &n.to_string()]), ten[..n], "-n {n}");
    }
    let weak = drawn(&["-t", "dsa", "--seed", "42", "-n", "3", "--weak"]);
    assert_eq!(drawn(&["-t", "dsa", "--seed", "42", "-n", "1", "--weak"]), weak[..1]);
    // The replay line is a whole command: run as written, it asks the same questions.
    let out =
        Test::new().args(["--no-history", "-t", "dsa,apis", "-d", "easy", "-n", "4", "--seed", "5"]).stdin("\n\n\n\n");
    let out = out.expect(0);
    let line = out.stdout.lines().find(|l| l.starts_with("Replay with `")).expect("replay line");
    let command = line.trim_start_matches("Replay with `").trim_end_matches('`');
    assert_eq!(command, "quiz practice --topic dsa,apis -n 4 --difficulty easy --seed 5");
    let words: Vec<&str> = command.split(' ').skip(1).collect();
    assert_eq!(drawn(&words), drawn(&["-t", "dsa,apis", "-d", "easy", "-n", "4", "--seed", "5"]));
}

#[test]
fn review_opens_with_due_overdue_and_new_and_prints_no_seed() {
    let records = [
        answer("demo-choice", "2026-11-19T09:00:00Z", 0.0, 10_000, "400"),
        answer("demo-multi", "2026-11-21T09:00:00Z", 0.0, 10_000, "GET"),
        answer("demo-short", "2026-11-21T09:01:00Z", 1.0, 10_000, "O(log n)"),
    ];
    let t = with_log(&records, "2026-11-21T09:05:00Z").args(["review", "-t", "demo", "--seed", "2"]).stdin("\n\n\n");
    let out = t.expect(0);
    assert!(out.stdout.starts_with("Review: 2 due (1 overdue by more than a day), 1 new.\n"), "{out:?}");
    assert!(!out.stdout.contains("Replay") && !out.stdout.contains("--seed"), "{out:?}");
    assert_eq!(asked_after(&t, 3), ["demo-choice", "demo-multi", "demo-open"]);
    // `due` in stats is what review asks.
    let stats = with_log(&records, "2026-11-21T09:05:00Z").args(["stats", "--json"]).expect(0);
    let s: Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(s["topics"][0]["due"], 2);
    let json =
        with_log(&records, "2026-11-21T09:05:00Z").args(["review", "-t", "demo", "--json"]).stdin("\n\n\n").expect(0);
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["replay"], Value::Null);
}

#[test]
fn a_right_answer_is_not_due_again_the_same_day() {
    let t = Test::demo().args(["-d", "easy"]).stdin("404\n");
    t.expect(0);
    let review =
        t.again().arg("--bank").arg(demo_bank()).args(["review", "--new", "0"]).env("QUIZ_NOW", "2026-11-01T18:00:00Z");
    let out = review.expect(0);
    // Answered right in a quarter of its limit (Easy): not due the same day, nor for two weeks.
    assert_eq!(out.stdout, "Nothing is due for review. The next question is due 2026-11-16 10:00 (in 14 days).\n");
}

#[test]
fn questions_no_longer_in_the_banks_are_left_out_everywhere() {
    let mut gone = answer("demo-gone", "2026-11-20T09:00:00Z", 0.0, 10_000, "x");
    let mut old = answer("old-topic-q", "2026-11-20T09:01:00Z", 0.0, 10_000, "x");
    old["topic"] = json!("old");
    gone["qtype"] = json!("choice");
    old["qtype"] = json!("choice");
    let records = [gone, old, answer("demo-choice", "2026-11-20T09:02:00Z", 0.0, 10_000, "400")];
    let stats = with_log(&records, "2026-11-21T12:00:00Z").args(["stats", "--json"]).expect(0);
    let s: Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(s["overall"]["answered"], 1);
    assert_eq!(s["not_in_banks"], 2);
    assert_eq!(s["topics"].as_array().unwrap().len(), 1, "no 'old' topic with coverage 1/0: {s}");
    assert_eq!(s["topics"][0]["due"], 1);
    assert_eq!(s["most_missed"], json!([{"id": "demo-choice", "topic": "demo", "missed": 1, "answered": 1}]));
    let text = with_log(&records, "2026-11-21T12:00:00Z").arg("stats").expect(0);
    assert!(text.stdout.contains("2 answers to questions no longer in the banks left out.\n"), "{text:?}");
    let review = with_log(&records, "2026-11-21T12:00:00Z").args(["review", "--new", "0"]).stdin("\n");
    assert!(review.expect(0).stdout.starts_with("Review: 1 due (1 overdue by more than a day), 0 new.\n"));
    let history = with_log(&records, "2026-11-21T12:00:00Z").args(["history", "1"]).expect(0);
    assert!(history.stdout.contains("(not in the banks any more)"), "{history:?}");
}

#[test]
fn weak_tags_only_when_clearly_weak() {
    let strong = [
        answer("demo-choice", "2026-11-20T09:00:00Z", 1.0, 10_000, "404"),
        answer("demo-choice", "2026-11-20T09:01:00Z", 1.0, 10_000, "404"),
        answer("demo-multi", "2026-11-20T09:02:00Z", 1.0, 10_000, "GET"),
    ];
    let out = with_log(&strong, "2026-11-21T12:00:00Z").arg("stats").expect(0);
    assert!(
        out.stdout.contains("Weakest tags none yet (weak: below 60%, or 15 points under overall, 3+ answers)\n"),
        "{out:?}"
    );
    let json = with_log(&strong, "2026-11-21T12:00:00Z").args(["stats", "--json"]).expect(0);
    assert_eq!(serde_json::from_str::<Value>(&json.stdout).unwrap()["weakest_tags"], json!([]));
}

#[test]
fn readiness_rule_is_stated_and_small_samples_stay_low() {
    let help = Test::new().args(["stats", "--help"]).expect(0);
    assert!(help.stdout.contains("accuracy = (right + 1) / (answers + 5)"), "{help:?}");
    assert!(help.stdout.contains("Beta(1, 4) prior"), "{help:?}");
    let four: Vec<Value> =
        (0..4).map(|k| answer("demo-choice", &format!("2026-11-1{k}T09:00:00Z"), 1.0, 5_000, "404")).collect();
    let s: Value =
        serde_json::from_str(&with_log(&four, "2026-11-21T12:00:00Z").args(["stats", "--json"]).expect(0).stdout)
            .unwrap();
    // 4 right of 4, 1 of 4 questions seen: 100 × (0.75 × 5/9 + 0.25 × 0.25) = 47.9
    assert_eq!(s["topics"][0]["readiness"], 48);
}

#[test]
fn stats_colour_and_width() {
    let coloured = with_log(&log(), "2026-11-21T12:00:00Z").args(["--color", "always", "stats"]).expect(0);
    assert!(coloured.stdout.contains("\u{1b}[33m60%\u{1b}[0m"), "accuracy 60% in yellow\n{coloured:?}");
    assert!(coloured.stdout.contains("\u{1b}[31m 50\u{1b}[0m"), "readiness 50 in red\n{coloured:?}");
    let plain = with_log(&log(), "2026-11-21T12:00:00Z").env("NO_COLOR", "1").arg("stats").expect(0);
    assert!(!plain.stdout.contains('\u{1b}'));
    for (columns, trend, bar) in [("80", true, true), ("64", true, false), ("60", false, false)] {
        let out = with_log(&log(), "2026-11-21T12:00:00Z").env("COLUMNS", columns).arg("stats").expect(0);
        let table: Vec<&str> =
            out.stdout.lines().skip_while(|l| !l.starts_with("topic")).take_while(|l| !l.is_empty()).collect();
        let width: usize = columns.parse().unwrap();
        assert!(table.iter().all(|l| l.chars().count() <= width), "{columns} columns\n{out:?}");
        assert_eq!(table[0].contains("trend"), trend, "{out:?}");
        assert_eq!(table[1].contains("████····"), bar, "{out:?}");
    }
}

#[test]
fn history_opens_a_session_by_index_or_id() {
    let t = Test::demo().args(["-n", "2", "-d", "easy,medium", "--tag", "http"]).stdin("400\nGET PUT DELETE\n");
    let first = t.expect(0);
    t.again()
        .arg("--bank")
        .arg(demo_bank())
        .args(["-t", "demo", "-n", "1", "--tag", "complexity"])
        .env("QUIZ_NOW", "2026-11-02T09:00:00Z")
        .stdin("O(log n)\n")
        .expect(0);
    let open = |args: &[&str]| t.again().arg("--bank").arg(demo_bank()).arg("history").args(args).expect(0);
    let older = open(&["2"]);
    assert!(
        older.stdout.contains("Score 50% · 1 of 2 questions correct · answering time 20s · session time 40s\n"),
        "{older:?}"
    );
    assert!(
        first.stdout.contains("Answering time 20s (10s per question) · session time 40s"),
        "the report agrees\n{first:?}"
    );
    assert!(older.stdout.contains("1. demo-choice · ✗ wrong · score 0% · 10s of 45s\n   Which status code means \"Not Found\"?\n   given: 400\n   right: 404\n"), "{older:?}");
    assert!(older.stdout.contains("2. demo-multi · ✓ right · score 100%"), "{older:?}");
    let id = of_kind(&t.history(), "session")[0]["session"].as_str().unwrap().to_owned();
    let json: Value = serde_json::from_str(&open(&[&id, "--json"]).stdout).unwrap();
    assert_eq!((json["session"].as_str(), json["status"].as_str()), (Some(id.as_str()), Some("complete")));
    assert_eq!((json["answering_ms"].as_u64(), json["session_ms"].as_u64()), (Some(20_000), Some(40_000)));
    let q = &json["questions"][0];
    assert_eq!(
        keys(q),
        [
            "answer",
            "correct",
            "elapsed_ms",
            "id",
            "limit_ms",
            "overtime",
            "prompt",
            "response",
            "score",
            "skipped",
            "topic"
        ]
    );
    assert_eq!(
        (q["response"].as_str(), q["answer"].as_str(), q["score"].as_f64()),
        (Some("400"), Some("404"), Some(0.0))
    );
    let latest = open(&["1"]);
    assert!(latest.stdout.contains("demo-short · ✓ right"), "{latest:?}");
    let none = t.again().args(["history", "3"]).expect(2);
    assert!(none.stderr.contains("no session '3' in the history (2 sessions)"), "{none:?}");
    let list = t.again().arg("history").expect(0);
    assert!(list.stdout.lines().next().unwrap().contains("answering  session  status"), "{list:?}");
}

#[test]
fn sessions_without_answers_are_not_sessions() {
    let t = Test::demo().args(["-n", "2"]).stdin("");
    t.expect(0);
    assert_eq!(of_kind(&t.history(), "session")[0]["asked"], 0);
    let out = t.again().arg("history").expect(0);
    assert!(out.stdout.starts_with("No practice yet"), "{out:?}");
    t.again().arg("--bank").arg(demo_bank()).args(["-t", "demo", "-n", "1"]).stdin("\n").expect(0);
    let out = t.again().arg("history").expect(0);
    assert_eq!(out.stdout.lines().count(), 2, "{out:?}");
    let s: Value =
        serde_json::from_str(&t.again().arg("--bank").arg(demo_bank()).args(["stats", "--json"]).expect(0).stdout)
            .unwrap();
    assert_eq!(s["overall"]["sessions"], 1);
}

/// The report keys practice, review and mock share.
const REPORT_KEYS: [&str; 25] = [
    "answered",
    "completed",
    "correct",
    "elapsed_ms",
    "ended",
    "interrupted",
    "mean_ms",
    "missed",
    "mode",
    "overtime",
    "pass_mark",
    "passed",
    "percent",
    "planned",
    "questions",
    "replay",
    "score",
    "seed",
    "session",
    "session_ms",
    "skipped",
    "started",
    "status",
    "topics",
    "asked",
];

#[test]
fn practice_review_and_mock_share_one_json_schema() {
    let mut shared: Vec<String> = REPORT_KEYS.iter().map(|k| k.to_string()).collect();
    shared.sort();
    let question_keys = [
        "confidence",
        "correct",
        "elapsed_ms",
        "id",
        "limit_ms",
        "overtime",
        "response",
        "score",
        "skipped",
        "topic",
        "type",
    ];
    let run = |t: Test| -> Value { serde_json::from_str(&t.expect(0).stdout).unwrap() };
    let practice = run(Test::demo().args(["-n", "2", "--json"]).stdin("\n404\n"));
    let review = run(Test::new()
        .arg("--bank")
        .arg(demo_bank())
        .args(["review", "-t", "demo", "--new", "2", "--json"])
        .stdin("\n\n"));
    let relay = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/relay.yaml");
    let mock = run(Test::new()
        .arg("--bank")
        .arg(relay)
        .args(["mock", "-t", "relay", "--minutes", "12", "--seed", "5", "--json"])
        .stdin("\nright ?3\n"));
    for (mode, report) in [("practice", &practice), ("review", &review), ("mock", &mock)] {
        assert_eq!(report["mode"], mode);
        let mut k = keys(report);
        if mode == "mock" {
            k.retain(|k| shared.contains(k));
        }
        assert_eq!(k, shared, "{mode}: {report}");
        assert_eq!(keys(&report["questions"][0]), question_keys, "{mode}");
    }
    assert_eq!(practice["status"], "complete");
    assert_eq!(mock["status"], "ended_early");
    assert_eq!(mock["questions"][1]["confidence"], 3);
    assert_eq!(practice["session_ms"], 40_000);
    assert_eq!(practice["elapsed_ms"], 20_000);
}

#[test]
fn csv_export_names_each_answers_mode_and_confidence() {
    let relay = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/relay.yaml");
    let t = Test::new()
        .arg("--bank")
        .arg(&relay)
        .args(["mock", "-t", "relay", "--minutes", "12", "--seed", "5"])
        .stdin("\nright ?3\n");
    t.expect(0);
    let out = t.again().args(["export"]).expect(0);
    let rows: Vec<&str> = out.stdout.lines().collect();
    assert!(rows[0].ends_with(",overtime,mode,confidence"), "{out:?}");
    assert!(rows[1].ends_with(",mock,"), "a skipped opening has no confidence: {out:?}");
    assert!(rows[2].ends_with(",mock,3"), "{out:?}");
}
