//! Faults on the history log and on the files quiz is given: concurrent writers, a session
//! killed mid-way, logs that are empty, read-only, on a full disk or not logs at all, exports
//! that would overwrite the log, paths that are pipes or devices, and output streams that fail.
//! Nothing already in the log may change or be lost, nothing may hang or panic.

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
    // The session ran on the real clock, so it is read back on the real clock.
    let stats = Test::new()
        .env("QUIZ_NOW", "")
        .arg("--history")
        .arg(&log)
        .arg("--bank")
        .arg(demo_bank())
        .args(["stats", "--json"])
        .expect(0);
    let s: Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(s["overall"]["answered"], 3);
    assert!(stats.stderr.is_empty(), "{stats:?}");
    let history = Test::new().env("QUIZ_NOW", "").arg("--history").arg(&log).arg("history").expect(0);
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
fn a_device_as_the_log_is_refused_before_the_first_question() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let out = Test::demo().args(["-n", "1", "--history", "/dev/full"]).stdin("\n").expect(2);
    assert!(!out.stdout.contains("[1/"), "{out:?}");
    assert!(
        out.stderr
            .contains("will not use /dev/full as the history log: it is a device (such as /dev/zero or /dev/full)"),
        "{out:?}"
    );
    for cmd in [&["stats"][..], &["history"], &["review", "-n", "1"], &["export"]] {
        let out = Test::new().args(["--history", "/dev/full"]).args(cmd).stdin("\n").expect(2);
        assert!(out.stderr.contains("not a regular file"), "{out:?}");
    }
}

/// Runs `quiz ARGS` in `dir` with files limited to `blocks` 512-byte blocks (dash's unit) and
/// SIGXFSZ ignored, so a write past the limit fails with EFBIG as on a full disk.
fn with_small_disk(dir: &Path, blocks: u32, args: &[&str], stdin: &str) -> crate::harness::Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_quiz"))
        .args(args)
        .env_clear()
        .env("HOME", dir)
        .env("QUIZ_NOW", "2026-11-01T10:00:00Z")
        .env("TZ", "UTC")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    crate::harness::Output::from(out, format!("(ulimit -f {blocks}) quiz {}", args.join(" ")))
}

#[test]
fn a_full_disk_mid_session_prints_the_partial_report_and_tears_no_line() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("h.jsonl");
    let out = with_small_disk(
        dir.path(),
        4,
        &["--topic", "dsa", "-n", "20", "--seed", "3", "--history", log.to_str().unwrap()],
        &"b\n".repeat(30),
    );
    assert_eq!(out.code, 1, "an I/O failure, not bad input\n{out:?}");
    assert!(out.stderr.contains(&format!("cannot write the history log {}: File too large", log.display())), "{out:?}");
    assert!(out.stderr.contains("the log is intact"), "{out:?}");
    // Every line in the log is whole, and the report covers what was answered before the stop.
    let records = read_log(&log);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.ends_with('\n'), "{text}");
    let answered = records.iter().filter(|r| r["kind"] == "answer").count();
    assert!((1..20).contains(&answered), "{answered} answers logged");
    assert!(out.stdout.contains("ended early"), "{out:?}");
    assert!(out.stdout.contains(&format!("[{}/20]", answered + 1)), "the failed question was asked\n{out:?}");
    // The log reads back cleanly.
    let stats = Test::new().arg("--history").arg(&log).args(["stats", "--json"]).expect(0);
    assert!(stats.stderr.is_empty(), "{stats:?}");
    let s: Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(s["overall"]["answered"], answered);
}

#[test]
fn a_failed_export_leaves_the_old_file_and_no_temporary_one() {
    let t = Test::demo().args(["-n", "4"]).stdin("a\nb\nc\nd\n");
    t.expect(0);
    let target = t.write("out.csv", "old export\n");
    let log = t.history_path();
    // 1 block is less than the export needs.
    let out = with_small_disk(
        t.dir.path(),
        1,
        &["--history", log.to_str().unwrap(), "export", "-o", target.to_str().unwrap()],
        "",
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("cannot write the export: File too large"), "{out:?}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old export\n");
    let left: Vec<_> = std::fs::read_dir(t.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|n| n.to_string_lossy().ends_with(".tmp")), "{left:?}");
}

#[test]
fn export_over_a_hard_link_or_symlink_to_the_log_is_refused() {
    let t = Test::demo().args(["-n", "2"]).stdin("a\nb\n");
    t.expect(0);
    let log = t.history_path();
    let before = std::fs::read(&log).unwrap();
    let hard = t.dir.path().join("hard");
    std::fs::hard_link(&log, &hard).unwrap();
    let soft = t.dir.path().join("soft");
    std::os::unix::fs::symlink(&log, &soft).unwrap();
    for target in [&hard, &soft] {
        let out = t.again().arg("export").arg("-o").arg(target).expect(2);
        assert!(out.stderr.contains("is the history log itself; export to another file"), "{out:?}");
    }
    assert_eq!(std::fs::read(&log).unwrap(), before);
    // An export to a new file is whole and private until renamed into place.
    let csv = t.dir.path().join("answers.csv");
    t.again().arg("export").arg("-o").arg(&csv).expect(0);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.starts_with("session,at,topic,question,"), "{text}");
}

#[test]
fn a_bank_given_as_the_history_log_is_not_appended_to() {
    let t = Test::new();
    let bank = t.write("my-bank.yaml", "format: 1\ntopic: my-bank\ntitle: Mine\nquestions: []\n");
    let out = t.again().args(["--topic", "dsa", "-n", "1", "--history"]).arg(&bank).stdin("b\n").expect(2);
    assert!(!out.stdout.contains("[1/"), "refused before the first question\n{out:?}");
    assert!(
        out.stderr.contains(&format!(
            "will not use {} as the history log: its first line is not a quiz history record",
            bank.display()
        )),
        "{out:?}"
    );
    assert_eq!(std::fs::read_to_string(&bank).unwrap(), "format: 1\ntopic: my-bank\ntitle: Mine\nquestions: []\n");
}

fn mkfifo(t: &Test, name: &str) -> PathBuf {
    let path = t.dir.path().join(name);
    let status = Command::new("mkfifo").arg(&path).status().expect("mkfifo");
    assert!(status.success());
    path
}

#[test]
fn pipes_and_devices_are_refused_not_read() {
    let t = Test::new();
    let fifo = mkfifo(&t, "f");
    for cmd in [&["stats"][..], &["history"], &["review", "-n", "1"], &["export"], &["-t", "dsa", "-n", "1"]] {
        let out = t.again().arg("--history").arg(&fifo).args(cmd).stdin("b\n").expect(2);
        assert!(out.stderr.contains("it is a named pipe, not a regular file"), "{out:?}");
        assert!(!out.stdout.contains("[1/"), "{out:?}");
    }
    let bank_fifo = mkfifo(&t, "bank.yaml");
    let out = t.again().arg("validate").arg(&bank_fifo).expect(2);
    assert!(
        out.stdout.contains("bank.yaml:1:1: cannot read the bank: it is a named pipe, not a regular file"),
        "{out:?}"
    );
    for dev in ["/dev/zero", "/dev/urandom"] {
        let started = Instant::now();
        let out = t.again().args(["validate", dev]).expect(2);
        assert!(out.stdout.contains(&format!("{dev}:1:1: cannot read the bank: it is a device")), "{out:?}");
        let out = t.again().args(["--bank", dev, "list"]).expect(2);
        assert!(out.stderr.contains("it is a device"), "{out:?}");
        assert!(started.elapsed() < Duration::from_secs(10), "read {dev} for {:?}", started.elapsed());
    }
}

/// Runs `quiz ARGS` with stdout going to /dev/full.
fn to_full_disk(args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quiz"))
        .args(args)
        .env_clear()
        .env("HOME", dir.path())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn output_to_a_full_disk_is_a_message_not_a_panic() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for args in [
        &["completions", "bash"][..],
        &["man"],
        &["list"],
        &["topics"],
        &["show", "apis-no-store"],
        &["stats"],
        &["history"],
        &["export"],
        &["validate"],
    ] {
        let (code, stderr) = to_full_disk(args);
        assert_eq!(code, 1, "quiz {args:?}: {stderr}");
        assert!(
            stderr.starts_with("quiz: cannot write") && stderr.contains("No space left on device"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
