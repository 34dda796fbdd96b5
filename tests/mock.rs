//! Mock interviews in plain mode: the plan, the clock, follow-ups, STAR, calibration, the JSON
//! scorecard and the log.

use serde_json::Value;

use crate::harness::{Test, of_kind};

fn relay_bank() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/relay.yaml")
}

/// `quiz --bank relay.yaml mock -t relay --plain ARGS…`, not yet run.
fn relay_mock(args: &[&str]) -> Test {
    Test::new().arg("--bank").arg(relay_bank()).args(["mock", "-t", "relay", "--plain"]).args(args)
}

/// A mock on the relay fixture (choice questions answered `right` or `wrong`), opening and
/// closing with built-in communication questions, and its JSON scorecard.
fn relay(minutes: &str, seed: &str, stdin: &str) -> (Test, Value) {
    let t = relay_mock(&["--json", "--minutes", minutes, "--seed", seed]).stdin(stdin);
    let out = t.expect(0);
    let card: Value = serde_json::from_str(out.stdout.trim()).unwrap_or_else(|e| panic!("{e}\n{out:?}"));
    (t, card)
}

fn asked_ids(t: &Test) -> Vec<String> {
    of_kind(&t.history(), "answer").iter().map(|a| a["question"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn plan_opens_behavioural_closes_with_communication_and_skips_follow_up_targets() {
    let (_, card) = relay("12", "5", "");
    let plan: Vec<&str> = card["plan"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(plan[0].starts_with("communication-"), "{plan:?}");
    assert!(plan[plan.len() - 1].starts_with("communication-"), "{plan:?}");
    let middle = &plan[1..plan.len() - 1];
    let mut sorted = middle.to_vec();
    sorted.sort();
    assert_eq!(sorted, ["relay-a", "relay-b", "relay-parent"], "relay-child is only a follow-up");
    assert_eq!(middle[middle.len() - 1], "relay-b", "the hard question comes last");
    assert_eq!(card["asked"], 0);
    assert_eq!(card["not_reached"].as_array().unwrap().len(), plan.len());
}

#[test]
fn a_correct_parent_leads_to_its_follow_up_and_a_wrong_one_does_not() {
    let lines = "\n".to_owned() + &"right\n".repeat(7);
    let (t, card) = relay("12", "5", &lines);
    let ids = asked_ids(&t);
    let parent = ids.iter().position(|id| id == "relay-parent").expect("parent asked");
    assert_eq!(ids[parent + 1], "relay-child", "{ids:?}");
    let a = ids.iter().position(|id| id == "relay-a").expect("relay-a asked");
    assert_eq!(ids[a + 1], "relay-deep", "{ids:?}");
    let mut follow_ups: Vec<&str> =
        card["follow_ups"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    follow_ups.sort();
    assert_eq!(follow_ups, ["relay-child", "relay-deep"]);
    let session = of_kind(&t.history(), "session")[0].clone();
    assert_eq!(session["completed"], true, "follow-ups do not make a finished interview look unfinished");

    let lines = "\n".to_owned() + &"wrong\n".repeat(6);
    let (t, card) = relay("12", "5", &lines);
    assert!(!asked_ids(&t).contains(&"relay-child".to_owned()));
    assert_eq!(card["follow_ups"], serde_json::json!([]));
}

#[test]
fn follow_ups_respect_the_interview_level() {
    let t = relay_mock(&["--json", "--minutes", "12", "--seed", "5", "--level", "junior"])
        .stdin(&("\n".to_owned() + &"right\n".repeat(7)));
    let out = t.expect(0);
    let card: Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert!(asked_ids(&t).contains(&"relay-a".to_owned()), "{card}");
    assert!(!asked_ids(&t).contains(&"relay-deep".to_owned()), "no senior follow-up in a junior interview");
    assert_eq!(card["follow_ups"], serde_json::json!(["relay-child"]));
}

#[test]
fn the_clock_ends_the_interview_and_reports_what_was_not_reached() {
    // Every reading of the clock moves it 2 minutes; a 10-minute interview runs out mid-plan.
    let t = relay_mock(&["--json", "--minutes", "10", "--seed", "5"])
        .env("QUIZ_CLOCK_STEP", "2m")
        .stdin(&("\n".to_owned() + &"wrong\n".repeat(6)));
    let out = t.expect(0);
    let card: Value = serde_json::from_str(out.stdout.trim()).unwrap();
    let asked = card["asked"].as_u64().unwrap() as usize;
    let plan = card["plan"].as_array().unwrap().len();
    assert!(asked >= 1 && asked < plan, "{card}");
    assert_eq!(card["not_reached"].as_array().unwrap().len(), plan - asked);
    assert!(card["pace"]["used_ms"].as_u64().unwrap() >= 600_000, "{card}");
    assert!(out.stderr.contains("10m00s left in the interview"), "{out:?}");
    assert_eq!(asked_ids(&t).len(), asked, "the last question in progress is recorded");
    let session = of_kind(&t.history(), "session")[0].clone();
    assert_eq!(session["mode"], "mock");
    assert_eq!(session["plan"].as_array().unwrap().len(), plan);
    assert_eq!(session["verdict"], card["verdict"]["verdict"]);
    // Out of time is its own status, not "ended early".
    assert_eq!((card["status"].as_str(), session["timed_out"].as_bool()), (Some("timed_out"), Some(true)));
    let history = t.again().arg("--bank").arg(relay_bank()).arg("history").expect(0);
    assert!(history.stdout.lines().nth(1).unwrap().ends_with("timed out"), "{history:?}");
    let listed = t.again().args(["history", "--json"]).expect(0);
    assert_eq!(serde_json::from_str::<Value>(&listed.stdout).unwrap()[0]["status"], "timed_out");
    assert_eq!(card["pace"]["clock"], "wall");
}

#[test]
fn every_short_budget_plans_technical_questions() {
    for minutes in 5..=8 {
        let out = Test::new()
            .args(["mock", "--plain", "--json", "--no-history", "--seed", "1", "--minutes"])
            .arg(minutes.to_string())
            .expect(0);
        let card: Value = serde_json::from_str(out.stdout.trim()).unwrap();
        let plan: Vec<&str> = card["plan"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let technical = plan.iter().filter(|id| !id.starts_with("communication-")).count();
        assert!(technical >= 2, "{minutes} minutes: {plan:?}");
        assert_eq!(plan.len() - technical, usize::from(minutes >= 6), "{minutes} minutes: opening from 6: {plan:?}");
    }
}

#[test]
fn the_plan_is_shown_on_stderr_and_plain_mode_starts_at_once() {
    let t = relay_mock(&["--minutes", "12", "--seed", "5"]).stdin("\nright\n");
    let out = t.expect(0);
    assert!(
        out.stderr.starts_with(
            "Mock interview · mid level · 12m00s (wall clock) · 5 planned questions\n  opening: a behavioural question (3m00s)\n  technical: 3 (relay 3), easier first\n  close: a behavioural question (3m00s)\n"
        ),
        "{out:?}"
    );
    assert!(!out.stdout.contains("Mock interview ·"), "the plan stays off stdout: {out:?}");
    assert_eq!(asked_ids(&t).len(), 2, "no key was waited for before the first question");
    let replay = format!(
        "Replay with `quiz mock --bank {} --minutes 12 --level mid --topic relay --seed 5`",
        relay_bank().display()
    );
    assert!(out.stdout.contains(&replay), "{out:?}");
}

#[test]
fn pace_enters_the_verdict() {
    // Right answers, but each clock reading moves 3 minutes: the 10-minute budget runs out
    // after two questions of four, and the verdict drops from ready.
    let t = relay_mock(&["--json", "--minutes", "10", "--seed", "5", "--level", "junior"])
        .env("QUIZ_CLOCK_STEP", "3m")
        .stdin("I led the team, my task was the fix, I acted and the result improved\nright\nright\nright\n");
    let card: Value = serde_json::from_str(t.expect(0).stdout.trim()).unwrap();
    assert_eq!(card["status"], "timed_out", "{card}");
    assert_eq!(card["verdict"]["pace_drops"].as_array().unwrap().len(), 2, "{card}");
    assert_ne!(card["verdict"]["verdict"], "ready", "{card}");
    // Counting answering time only, the same interview keeps more of its budget.
    let answers = relay_mock(&["--json", "--minutes", "10", "--seed", "5", "--answer-time"])
        .env("QUIZ_CLOCK_STEP", "1m")
        .stdin("\nright\nright\nright\nright\n");
    let card: Value = serde_json::from_str(answers.expect(0).stdout.trim()).unwrap();
    assert_eq!(card["pace"]["clock"], "answers");
    assert_eq!(card["pace"]["used_ms"], card["elapsed_ms"], "{card}");
}

#[test]
fn calibration_and_confident_but_wrong_from_suffixes() {
    let lines = "\nright ?3\nwrong ?3\nright ?1\nwrong ?2\n\n\n";
    let (t, card) = relay("12", "5", lines);
    let cal = card["calibration"].as_array().unwrap();
    let at = |c: u64| cal.iter().find(|x| x["confidence"] == c).cloned().unwrap_or(Value::Null);
    assert_eq!((at(3)["answered"].as_u64(), at(3)["correct"].as_u64()), (Some(2), Some(1)), "{card}");
    assert_eq!((at(1)["answered"].as_u64(), at(1)["correct"].as_u64()), (Some(1), Some(1)), "{card}");
    assert_eq!(card["confident_but_wrong"].as_array().unwrap().len(), 1);
    let log = t.history();
    let confidences: Vec<Value> = of_kind(&log, "answer").iter().map(|a| a["confidence"].clone()).collect();
    assert_eq!(confidences[1], 3);
    assert_eq!(confidences[0], Value::Null, "a skipped opening has no confidence");
}

#[test]
fn star_coverage_of_the_opening_answer() {
    let (_, plan_card) = relay("12", "5", "");
    let opening = plan_card["plan"][0].as_str().unwrap().to_owned();
    // Answer the opening with its own model answer: every STAR part is covered.
    let shown = Test::new().args(["show", &opening, "--json"]).expect(0);
    let q: Value = serde_json::from_str(&shown.stdout).unwrap();
    let model = q["answer"].as_str().unwrap().replace('\n', " ");
    let (_, card) = relay("12", "5", &format!("{model}\n"));
    assert_eq!(card["star"][0]["id"], opening.as_str());
    assert_eq!(card["star"][0]["covered"], serde_json::json!(["situation", "task", "action", "result"]));
    assert_eq!(card["star"][0]["missing"], serde_json::json!([]));
    let feedback = relay_mock(&["--json", "--minutes", "12", "--seed", "5"]).stdin(&format!("{model}\n")).expect(0);
    assert!(feedback.stderr.contains("STAR: situation ✓ · task ✓ · action ✓ · result ✓"), "{feedback:?}");
    let (_, card) = relay("12", "5", "I am not sure\n");
    assert_eq!(card["star"][0]["missing"].as_array().unwrap().len(), 4, "{card}");
}

#[test]
fn json_scorecard_shape_and_pass_gate() {
    let t = relay_mock(&["--json", "--minutes", "12", "--seed", "5", "--pass", "70"])
        .stdin(&("\n".to_owned() + &"wrong\n".repeat(6)));
    let out = t.expect(3);
    let card: Value = serde_json::from_str(out.stdout.trim()).unwrap();
    for key in [
        "session",
        "seed",
        "plan",
        "asked",
        "correct",
        "score",
        "percent",
        "follow_ups",
        "not_reached",
        "topics",
        "pace",
        "star",
        "calibration",
        "confident_but_wrong",
        "verdict",
        "study_next",
        "pass_mark",
        "passed",
    ] {
        assert!(card.get(key).is_some(), "missing {key}: {card}");
    }
    assert_eq!(card["verdict"]["verdict"], "not yet");
    assert_eq!(card["verdict"]["ready_at"], 75.0);
    assert_eq!(card["study_next"].as_array().unwrap().len(), 3);
    assert_eq!(card["passed"], false);
}

#[test]
fn text_scorecard_names_verdict_thresholds_and_study_list() {
    let t = relay_mock(&["--minutes", "12", "--seed", "5", "--level", "junior"])
        .stdin(&("\n".to_owned() + &"right ?3\n".repeat(6)));
    let out = t.expect(0);
    assert!(out.stdout.contains("── Mock interview scorecard (junior) ──"), "{out:?}");
    assert!(out.stdout.contains("(ready from 70%, borderline from 50%)"), "{out:?}");
    assert!(out.stdout.contains("Calibration sure (3):"), "{out:?}");
    assert!(out.stdout.contains("Study next "), "{out:?}");
}

#[test]
fn a_budget_below_the_minimum_is_refused_by_the_parser() {
    let out = Test::new().args(["mock", "--minutes", "4", "--plain"]).expect(2);
    assert!(out.stderr.contains("invalid value '4' for '--minutes <N>': 4 is not in 5..=600"), "{out:?}");
    assert!(out.stdout.is_empty() && !out.stderr.contains("Mock interview"), "refused before planning: {out:?}");
    // With --time-limit too long for five minutes, nothing fits: a usage error, not a session.
    let out = Test::new().args(["mock", "--minutes", "5", "--plain", "--time-limit", "6m"]).expect(2);
    assert!(out.stderr.contains("no questions match a 5-minute mid interview"), "{out:?}");
}

#[test]
fn at_a_terminal_the_plan_waits_for_start_or_quit() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"));
    cmd.env_clear()
        .env("HOME", home.path())
        .env("TERM", "xterm-256color")
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .arg("--bank")
        .arg(relay_bank())
        .args(["mock", "-t", "relay", "--minutes", "12", "--seed", "5"]);
    let mut p = rexpect::session::spawn_command(cmd, Some(15_000)).unwrap();
    // rexpect reads bytes one a char, so only ASCII stretches are matched.
    p.exp_string("mid level").unwrap();
    p.exp_string("12m00s (wall clock)").unwrap();
    p.exp_string("5 planned questions").unwrap();
    p.exp_string("technical: 3 (relay 3), easier first").unwrap();
    p.exp_string("Start the interview?").unwrap();
    p.exp_string("yes").unwrap();
    p.send("n").unwrap();
    p.flush().unwrap();
    p.exp_string("No interview this time; nothing was logged.").unwrap();
    p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("{other:?}"),
    }
    assert!(!home.path().join(".local/share/quiz/history.jsonl").exists(), "quitting logs nothing");
}
