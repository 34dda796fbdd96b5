//! The learning loop: stats, spaced-repetition review, weak-spot drills and export, on logs
//! written by hand so every figure is known.

use serde_json::{Value, json};

use crate::harness::{Test, demo_bank, of_kind, read_log};

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
    assert_eq!(demo["median_limit_ms"], 40_000);
    assert_eq!(demo["trend"].as_array().unwrap().len(), 8);
    assert_eq!(demo["trend"][7], 0.6);
    // 100 × (0.6 × 3/5 + 0.25 × 0.75 + 0.15 × 4/5) = 66.75
    assert_eq!(demo["readiness"], 67);
    assert_eq!(s["most_missed"][0], json!({"id": "demo-choice", "topic": "demo", "missed": 2, "answered": 3}));
    assert_eq!(s["weakest_tags"][0]["tag"], "http");
    assert_eq!(s["calendar"].as_array().unwrap().len(), 30);
    assert_eq!(s["calendar"][29], json!({"date": "2026-11-21", "answered": 1}));
}

#[test]
fn stats_text_has_charts_and_since_narrows() {
    let out = with_log(&log(), "2026-11-21T12:00:00Z").arg("stats").expect(0);
    assert!(out.stdout.contains("Practice 4 sessions · 5 answers · accuracy 60%"), "{out:?}");
    assert!(out.stdout.contains("Streak 4 days (best 4)"), "{out:?}");
    assert!(out.stdout.contains("Last 30 days ··························▒█▒▒ Oct 23 → today"), "{out:?}");
    assert!(out.stdout.contains("·······▅"), "trend sparkline\n{out:?}");
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
    assert_eq!(out.stdout, "Nothing is due for review. The next question is due 2026-11-21 09:10 (in 9 minutes).\n");
    let json = with_log(&records, "2026-11-21T09:01:00Z").args(["review", "--new", "0", "--json"]).expect(0);
    assert_eq!(json.stdout, "{\"due\":0,\"new\":0,\"next_due\":\"2026-11-21T09:10:00Z\"}\n");
    let empty = Test::new().args(["review", "--new", "0"]).expect(0);
    assert!(empty.stdout.starts_with("Nothing is due for review yet"), "{empty:?}");
}

#[test]
fn review_for_a_new_user_asks_new_questions() {
    let t = Test::new().args(["review", "-t", "dsa", "--new", "2", "--seed", "4"]).stdin("\n\n");
    let out = t.expect(0);
    assert!(out.stdout.starts_with("Nothing is due; 2 new questions to learn."), "{out:?}");
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
        "session,at,topic,question,qtype,difficulty,level,response,score,correct,skipped,elapsed_ms,limit_ms,overtime"
    );
    assert_eq!(
        lines[1],
        "s-2026-11-18,2026-11-18T09:00:00Z,demo,demo-choice,choice,easy,junior,\"a, \"\"quoted\"\" answer\",0,false,false,10000,40000,false"
    );
    let t = with_log(&records, "2026-11-21T12:00:00Z");
    let file = t.dir.path().join("out.json");
    t.again().args(["export", "--format", "json", "--output"]).arg(&file).expect(0);
    let all: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all[4]["question"], "demo-choice");
    assert_eq!(all[0]["response"], "a, \"quoted\" answer");
}
