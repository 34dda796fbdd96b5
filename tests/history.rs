//! The history log: exact record fields, where it lives, and `quiz history` reading it back.

use crate::harness::{Test, keys, of_kind, read_log};

#[test]
fn records_have_exactly_the_v1_fields() {
    let t = Test::demo().args(["-n", "2"]).stdin("a\n\n");
    t.expect(0);
    let log = t.history();
    assert_eq!(log.len(), 3);
    let answer_fields = [
        "at",
        "correct",
        "difficulty",
        "elapsed_ms",
        "kind",
        "level",
        "limit_ms",
        "overtime",
        "qtype",
        "question",
        "response",
        "score",
        "session",
        "skipped",
        "topic",
        "v",
    ];
    for a in of_kind(&log, "answer") {
        assert_eq!(keys(a), answer_fields);
        assert_eq!(a["v"], 1);
        assert_eq!(a["topic"], "demo");
    }
    let session = of_kind(&log, "session")[0];
    assert_eq!(
        keys(session),
        [
            "answered",
            "asked",
            "completed",
            "correct",
            "elapsed_ms",
            "ended",
            "kind",
            "mode",
            "score",
            "seed",
            "session",
            "started",
            "topics",
            "v"
        ]
    );
    assert_eq!(session["mode"], "practice");
    assert_eq!(session["topics"], serde_json::json!(["demo"]));
    assert_eq!(session["seed"], 1);
    assert_eq!(session["asked"], 2);
    assert_eq!(session["answered"], 1);
    assert_eq!(session["completed"], true);
    assert_eq!(session["started"], "2026-11-01T10:00:10Z");
    assert_eq!(session["session"], log[0]["session"]);
    assert_eq!(log[0]["at"], "2026-11-01T10:00:20Z");
}

#[test]
fn log_location_follows_flag_then_env_then_xdg() {
    let t = Test::demo().args(["-n", "1"]).stdin("a\n").env("XDG_DATA_HOME", "/nonexistent-xdg");
    let xdg = t.dir.path().join("xdg");
    let t = t.env("XDG_DATA_HOME", xdg.to_str().unwrap());
    t.expect(0);
    assert_eq!(read_log(&xdg.join("quiz/history.jsonl")).len(), 2);

    let env_log = t.dir.path().join("env.jsonl");
    let t = t.env("QUIZ_HISTORY", env_log.to_str().unwrap());
    t.expect(0);
    assert_eq!(read_log(&env_log).len(), 2);

    let flag_log = t.dir.path().join("nested/dir/flag.jsonl");
    let t = t.arg("--history").arg(&flag_log);
    t.expect(0);
    assert_eq!(read_log(&flag_log).len(), 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&flag_log).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn appends_and_never_rewrites() {
    let t = Test::demo().args(["-n", "1"]).stdin("a\n");
    t.expect(0);
    let before = std::fs::read(t.history_path()).unwrap();
    t.expect(0);
    let after = std::fs::read(t.history_path()).unwrap();
    assert!(after.starts_with(&before));
    assert_eq!(read_log(&t.history_path()).len(), 4);
}

#[test]
fn history_lists_sessions_newest_first() {
    let t = Test::demo().args(["-n", "2", "--tag", "http"]).stdin("404\nGET PUT DELETE\n");
    t.expect(0);
    t.again()
        .arg("--bank")
        .arg(crate::harness::demo_bank())
        .args(["-n", "1", "-t", "demo"])
        .env("QUIZ_NOW", "2026-11-02T09:30:00Z")
        .stdin("\n")
        .expect(0);
    let out = t.again().arg("history").expect(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{out:?}");
    assert!(lines[0].starts_with("date"), "{out:?}");
    assert!(lines[1].starts_with("2026-11-02 09:30"), "{out:?}");
    assert!(lines[1].contains("0/1"), "{out:?}");
    assert!(lines[2].starts_with("2026-11-01 10:00"), "{out:?}");
    assert!(
        lines[2].contains("practice")
            && lines[2].contains("demo")
            && lines[2].contains("2/2")
            && lines[2].contains("100%"),
        "{out:?}"
    );
    assert!(lines[2].ends_with("complete"), "{out:?}");

    let json = t.again().args(["history", "--json", "--last", "1"]).expect(0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["asked"], 1);
}

#[test]
fn history_without_practice_is_friendly() {
    let out = Test::new().arg("history").expect(0);
    assert!(out.stdout.starts_with("No practice yet"), "{out:?}");
}

#[test]
fn history_skips_bad_lines_with_warnings_and_keeps_sessions_without_summary() {
    let t = Test::demo().args(["-n", "1"]).stdin("404\n");
    t.expect(0);
    let log = t.history_path();
    let mut bytes = std::fs::read(&log).unwrap();
    let first_answer =
        String::from_utf8(bytes.clone()).unwrap().lines().next().unwrap().replace("20261101", "20991231");
    bytes.extend(b"garbage line\n\xff\xfe\n");
    bytes.extend(first_answer.as_bytes());
    bytes.extend(b"\n{\"v\":1,\"kind\":\"ans");
    std::fs::write(&log, &bytes).unwrap();
    let out = t.again().arg("history").expect(0);
    assert!(out.stderr.contains("history.jsonl:3: skipped a line: not valid JSON"), "{out:?}");
    assert!(out.stderr.contains("history.jsonl:4: skipped a line"), "{out:?}");
    assert!(out.stderr.contains("history.jsonl:6: skipped a line: torn last line"), "{out:?}");
    assert!(out.stdout.contains("no summary"), "{out:?}");
    assert_eq!(std::fs::read(&log).unwrap(), bytes, "reading never changes the log");

    // The next session starts on a fresh line after the torn one.
    t.again()
        .arg("--bank")
        .arg(crate::harness::demo_bank())
        .args(["-t", "demo", "-n", "1", "-d", "easy"])
        .stdin("404\n")
        .expect(0);
    let text = std::fs::read(&log).unwrap();
    assert!(text.starts_with(&bytes));
    let tail = String::from_utf8_lossy(&text[bytes.len()..]).into_owned();
    assert!(tail.starts_with("\n{"), "{tail}");
    assert_eq!(tail.lines().filter(|l| !l.is_empty()).count(), 2, "{tail}");
}

#[test]
fn without_home_only_commands_that_need_the_log_fail() {
    Test::new().without_home().arg("validate").expect(0);
    Test::demo().without_home().args(["-n", "1", "--no-history"]).stdin("\n").expect(0);
    let out = Test::demo().without_home().args(["-n", "1"]).stdin("\n").expect(2);
    assert!(out.stderr.contains("HOME is not set; pass --history FILE or set QUIZ_HISTORY"), "{out:?}");
    assert!(!out.stdout.contains("[1/"), "{out:?}");
}

#[test]
fn export_refuses_to_overwrite_the_log() {
    let t = Test::demo().args(["-n", "1"]).stdin("\n");
    t.expect(0);
    let before = std::fs::read(t.history_path()).unwrap();
    let out = t.again().args(["export", "--output"]).arg(t.history_path()).expect(2);
    assert!(out.stderr.contains("is the history log itself; export to another file"), "{out:?}");
    assert_eq!(std::fs::read(t.history_path()).unwrap(), before);
}

#[test]
fn a_log_of_junk_costs_a_few_warnings_and_one_summary() {
    let t = Test::demo().args(["-n", "1"]).stdin("404\n");
    t.expect(0);
    let log = t.history_path();
    let good = std::fs::read_to_string(&log).unwrap();
    std::fs::write(&log, format!("{}{good}", "junk\n".repeat(20_000))).unwrap();
    for cmd in ["history", "stats"] {
        let out = t.again().arg(cmd).expect(0);
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 6, "{out:?}");
        assert!(
            lines[0].ends_with("history.jsonl:1: skipped a line: not valid JSON: expected value at line 1 column 1"),
            "{out:?}"
        );
        assert!(lines[4].contains("history.jsonl:5: skipped a line"), "{out:?}");
        assert!(
            lines[5].ends_with(
                "history.jsonl: skipped 20000 unreadable lines, first at line 1 (the first 5 are shown above)"
            ),
            "{out:?}"
        );
    }
}

#[test]
fn values_out_of_range_or_from_a_newer_quiz_are_skipped_and_named() {
    let t = Test::demo().args(["-n", "1", "-d", "easy"]).stdin("404\n");
    t.expect(0);
    let log = t.history_path();
    let text = std::fs::read_to_string(&log).unwrap();
    let answer = text.lines().next().unwrap();
    let edit = |from: &str, to: &str| {
        assert!(answer.contains(from), "{answer}");
        answer.replace(from, to)
    };
    let bad = [
        edit("\"score\":1.0", "\"score\":7.5"),
        edit("\"at\":\"2026-11-01", "\"at\":\"2099-11-01"),
        edit("\"qtype\":\"choice\"", "\"qtype\":\"essay\""),
    ];
    std::fs::write(&log, format!("{text}{}\n", bad.join("\n"))).unwrap();
    let out = t.again().arg("--bank").arg(crate::harness::demo_bank()).args(["stats", "--json"]).expect(0);
    assert!(out.stderr.contains(":3: skipped a line: out of range: `score` is 7.5, not between 0 and 1"), "{out:?}");
    assert!(out.stderr.contains(":4: skipped a line: out of range: `at` is 2099-11-01T"), "{out:?}");
    assert!(
        out.stderr.contains(
            ":5: skipped a line: `qtype` \"essay\" is unknown to this quiz: written by a newer quiz? upgrade quiz"
        ),
        "{out:?}"
    );
    let s: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(s["overall"]["answered"], 1);
    assert_eq!(s["overall"]["mean_score"], 1.0);
    let out = t.again().arg("history").expect(0);
    assert_eq!(out.stdout.lines().count(), 2, "no 2099 row\n{out:?}");
    assert!(out.stdout.contains("2026-11-01"), "{out:?}");
}
