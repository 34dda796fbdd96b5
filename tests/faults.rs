//! Faults on the history log: concurrent writers, a session killed mid-way, and logs that are
//! empty, read-only or on a full disk. Nothing already in the log may change or be lost.

use std::{
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use serde_json::Value;

use crate::harness::{Test, demo_bank, read_log};

fn quiz(home: &Path, log: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quiz"));
    cmd.env_clear().env("HOME", home).arg("--history").arg(log).arg("--bank").arg(demo_bank());
    cmd
}

#[test]
fn concurrent_sessions_never_lose_or_tear_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let log: PathBuf = dir.path().join("history.jsonl");
    let (writers, sessions) = (8, 200);
    std::thread::scope(|s| {
        for w in 0..writers {
            let (dir, log) = (dir.path(), &log);
            s.spawn(move || {
                for i in 0..sessions {
                    let mut child = quiz(dir, log)
                        .args(["-t", "demo", "-n", "1", "--seed"])
                        .arg((w * sessions + i).to_string())
                        .stdin(Stdio::piped())
                        .stdout(Stdio::null())
                        .stderr(Stdio::piped())
                        .spawn()
                        .unwrap();
                    child.stdin.take().unwrap().write_all(b"\n").unwrap();
                    let out = child.wait_with_output().unwrap();
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                }
            });
        }
    });
    let records = read_log(&log);
    assert_eq!(records.len(), writers * sessions * 2, "one answer and one session record each");
    let mut per_session = std::collections::HashMap::<String, (usize, usize)>::new();
    for r in &records {
        let e = per_session.entry(r["session"].as_str().unwrap().to_owned()).or_default();
        match r["kind"].as_str() {
            Some("answer") => e.0 += 1,
            Some("session") => e.1 += 1,
            other => panic!("unexpected record kind {other:?}"),
        }
    }
    assert_eq!(per_session.len(), writers * sessions);
    assert!(per_session.values().all(|&c| c == (1, 1)));
}

#[test]
fn a_killed_session_keeps_its_answers_and_the_log_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("history.jsonl");
    let mut child = quiz(dir.path(), &log)
        .args(["-t", "demo", "-n", "4", "--seed", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let answers = |log: &Path| read_log(log).iter().filter(|r| r["kind"] == "answer").count();
    for n in 1..=3 {
        stdin.write_all(b"\n").unwrap();
        stdin.flush().unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while answers(&log) < n {
            assert!(Instant::now() < deadline, "answer {n} never reached the log");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(answers(&log), 3);
    let stats =
        Test::new().arg("--history").arg(&log).arg("--bank").arg(demo_bank()).args(["stats", "--json"]).expect(0);
    let s: Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(s["overall"]["answered"], 3);
    assert!(stats.stderr.is_empty(), "{stats:?}");
    let history = Test::new().arg("--history").arg(&log).arg("history").expect(0);
    assert!(history.stdout.contains("0/3") && history.stdout.contains("no summary"), "{history:?}");
}

#[test]
fn an_empty_log_reads_as_no_practice() {
    let t = Test::new();
    let log = t.write("empty.jsonl", "");
    let out = t.again().arg("--history").arg(&log).arg("stats").expect(0);
    assert!(out.stdout.starts_with("No practice yet"), "{out:?}");
    let out = t.again().arg("--history").arg(&log).arg("history").expect(0);
    assert!(out.stdout.starts_with("No practice yet"), "{out:?}");
}

#[test]
fn a_read_only_log_fails_before_the_first_question_and_is_not_touched() {
    let t = Test::demo().args(["-n", "1"]).stdin("\n");
    t.expect(0);
    let log = t.history_path();
    let before = std::fs::read(&log).unwrap();
    let mut perms = std::fs::metadata(&log).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&log, perms).unwrap();
    let out = t.again().arg("--bank").arg(demo_bank()).args(["-t", "demo", "-n", "1"]).stdin("\n").expect(2);
    assert!(!out.stdout.contains("[1/"), "{out:?}");
    assert!(out.stderr.contains("cannot write the history log") && out.stderr.contains("read-only"), "{out:?}");
    assert_eq!(std::fs::read(&log).unwrap(), before);
}

#[test]
fn a_full_disk_fails_loudly() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let out = Test::demo().args(["-n", "1", "--history", "/dev/full"]).stdin("\n").expect(2);
    assert!(out.stderr.contains("cannot write the history log /dev/full: No space left on device"), "{out:?}");
}
