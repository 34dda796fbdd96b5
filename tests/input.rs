//! Plain-mode input and the ways a session ends besides finishing: signals (SIGINT, SIGTERM,
//! SIGHUP) with stdin still open, a byte-order mark on stdin, and a stderr that cannot be
//! written.

use std::{
    io::{Read, Write},
    process::{Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use crate::harness::{Test, demo_bank, of_kind, read_log};

/// Starts a three-question plain session whose stdin stays open, answers the first question,
/// waits for the second, sends `signal` and returns the exit code, stdout, stderr and log.
fn signalled(signal: &str) -> (i32, String, String, Vec<serde_json::Value>) {
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_quiz"))
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .args(["--bank", demo_bank().to_str().unwrap(), "--topic", "demo", "-n", "3", "--seed", "3"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let (stdout, mut pipe) = (Arc::clone(&stdout), child.stdout.take().unwrap());
        std::thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                stdout.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"a\n").unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    while !String::from_utf8_lossy(&stdout.lock().unwrap()).contains("[2/3]") {
        assert!(
            Instant::now() < deadline,
            "no second question: {:?}",
            String::from_utf8_lossy(&stdout.lock().unwrap())
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The session now waits on stdin, which stays open.
    std::thread::sleep(Duration::from_millis(100));
    // The shell's own kill, so no procps is needed.
    let sent = Command::new("sh").arg("-c").arg(format!("kill -{signal} {}", child.id())).status().unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    drop(stdin);
    reader.join().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let stdout = String::from_utf8(stdout.lock().unwrap().clone()).unwrap();
    let log = read_log(&home.path().join(".local/share/quiz/history.jsonl"));
    (status.code().unwrap_or(-1), stdout, stderr, log)
}

#[test]
fn signals_end_a_plain_session_with_its_record_and_report() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let (exit, stdout, stderr, log) = signalled(signal);
        assert_eq!(exit, code, "SIG{signal}\n{stdout}\n{stderr}");
        assert!(stdout.contains("Session interrupted"), "partial report after SIG{signal}: {stdout}");
        assert!(stdout.contains("0 of 1 question correct") || stdout.contains("1 of 1 question correct"), "{stdout}");
        assert!(
            !stdout.contains('\x1b') && !stderr.contains('\x1b'),
            "no escape codes off a terminal: {stdout:?} {stderr:?}"
        );
        assert_eq!(of_kind(&log, "answer").len(), 1);
        let session = of_kind(&log, "session")[0];
        assert_eq!((session["asked"].as_u64(), session["completed"].as_bool()), (Some(1), Some(false)), "{session}");
    }
}

#[test]
fn a_byte_order_mark_on_stdin_is_not_part_of_the_first_answer() {
    let t = Test::demo().args(["--difficulty", "easy"]).stdin("\u{feff}a\n");
    let out = t.expect(0);
    assert!(!out.stdout.contains("not one of the choices"), "{out:?}");
    let answers = t.history();
    let answers = of_kind(&answers, "answer");
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0]["skipped"], false);
    // Seed 1 shows the choices in this order; a) is the first.
    let first = out.stdout.lines().find_map(|l| l.trim().strip_prefix("a) ")).unwrap();
    assert_eq!(answers[0]["response"], first, "{out:?}");
}

#[test]
fn a_stderr_that_cannot_be_written_does_not_panic() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quiz"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .args(["--topic", "dsa", "-n", "1", "--json", "--no-history"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(full)
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(b"b\n")?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{:?}", String::from_utf8_lossy(&out.stdout));
}
