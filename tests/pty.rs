//! The interactive mode in a real pseudo-terminal, answered key by key as a person would.

use std::{path::Path, process::Command};

use rexpect::{process::WaitStatus, session::PtySession};

use crate::harness::{demo_bank, of_kind, read_log};

/// `quiz --bank BANK ARGS…` in a pty, with a clean environment and HOME at `home`.
fn spawn_with(home: &Path, bank: &Path, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quiz"));
    cmd.env_clear()
        .env("HOME", home)
        .env("TERM", "xterm-256color")
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .arg("--bank")
        .arg(bank)
        .args(args);
    rexpect::session::spawn_command(cmd, Some(15_000)).expect("spawn quiz in a pty")
}

/// A practice session on the demo bank.
fn spawn(home: &Path, args: &[&str]) -> PtySession {
    spawn_with(home, &demo_bank(), &[&["--topic", "demo", "--seed", "3"], args].concat())
}

/// A mock interview on the relay fixture.
fn spawn_mock(home: &Path, minutes: &str) -> PtySession {
    let relay = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/relay.yaml");
    spawn_with(home, &relay, &["mock", "-t", "relay", "--minutes", minutes, "--seed", "5"])
}

fn log(home: &Path) -> Vec<serde_json::Value> {
    read_log(&home.join(".local/share/quiz/history.jsonl"))
}

fn exit_code(p: &PtySession) -> i32 {
    match p.process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("quiz did not exit normally: {other:?}"),
    }
}

const DOWN: &str = "\x1b[B";

#[test]
fn choice_is_picked_with_arrow_keys() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), &["--difficulty", "easy"]);
    p.exp_string("Which status code means").unwrap();
    p.exp_string("Your answer").unwrap();
    p.send(DOWN).unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Why:").unwrap();
    p.exp_string("--seed 3`").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let records = log(home.path());
    let answer = of_kind(&records, "answer")[0];
    let response = answer["response"].as_str().unwrap();
    assert!(["404", "400", "500"].contains(&response), "{answer}");
    assert_eq!(answer["correct"].as_bool(), Some(response == "404"));
    assert_eq!(of_kind(&records, "session")[0]["completed"], true);
}

#[test]
fn multi_is_toggled_with_space() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), &["--tag", "rest"]);
    p.exp_string("Which HTTP methods are idempotent?").unwrap();
    p.exp_string("Space toggles").unwrap();
    // Read the menu until all four choices are on screen, in their shuffled order.
    let mut shown = String::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !["GET", "POST", "PUT", "DELETE"].iter().all(|c| shown.contains(c)) && std::time::Instant::now() < deadline {
        match p.try_read() {
            Some(c) => shown.push(c),
            None => std::thread::sleep(std::time::Duration::from_millis(5)),
        }
    }
    // The first two get toggled.
    let mut order: Vec<(usize, &str)> =
        ["GET", "POST", "PUT", "DELETE"].iter().filter_map(|c| shown.find(c).map(|i| (i, *c))).collect();
    order.sort();
    p.send(" ").unwrap();
    p.send(DOWN).unwrap();
    p.send(" ").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Why:").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let records = log(home.path());
    let answer = of_kind(&records, "answer")[0];
    let mut picks: Vec<&str> = answer["response"].as_str().unwrap().split("; ").collect();
    picks.sort();
    let mut expected: Vec<&str> = order.iter().take(2).map(|(_, c)| *c).collect();
    expected.sort();
    assert_eq!(picks, expected, "the first two displayed choices, {order:?}");
    let right = picks.iter().filter(|p| ["GET", "PUT", "DELETE"].contains(p)).count() as f64;
    let score = ((right - (2.0 - right)) / 3.0).max(0.0);
    assert!((answer["score"].as_f64().unwrap() - score).abs() < 1e-9, "{answer}");
}

#[test]
fn open_answer_then_key_point_checklist() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), &["--tag", "databases"]);
    p.exp_string("Why can an index speed up a query").unwrap();
    p.exp_string("Your answer").unwrap();
    p.send_line("It avoids a full table scan").unwrap();
    p.exp_string("Model answer:").unwrap();
    p.exp_string("Which key points did your answer cover?").unwrap();
    // The scan point is already ticked from the keywords; tick the second one by hand.
    p.send(DOWN).unwrap();
    p.send(" ").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("2 of 2 covered").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let records = log(home.path());
    let answer = of_kind(&records, "answer")[0];
    assert_eq!(answer["response"], "It avoids a full table scan");
    assert_eq!((answer["score"].as_f64(), answer["correct"].as_bool()), (Some(1.0), Some(true)));
}

#[test]
fn ctrl_c_keeps_answers_restores_cursor_and_exits_130() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), &["-n", "4"]);
    p.exp_string("[1/4]").unwrap();
    p.exp_string("Your answer").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    // A text question needs some input first; Enter on an empty line skips it.
    p.exp_string("[2/4]").unwrap();
    p.exp_string("Your answer").unwrap();
    p.send_control('c').unwrap();
    let rest = p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130);
    assert!(rest.contains("Session interrupted"), "{rest}");
    assert!(rest.contains("\x1b[?25h"), "cursor shown again: {rest:?}");
    let records = log(home.path());
    assert_eq!(of_kind(&records, "answer").len(), 1);
    let session = of_kind(&records, "session")[0];
    assert_eq!((session["completed"].as_bool(), session["asked"].as_u64()), (Some(false), Some(1)));
}

#[test]
fn ctrl_c_at_the_checklist_keeps_the_open_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), &["--tag", "databases"]);
    p.exp_string("Your answer").unwrap();
    p.send_line("It avoids a full table scan").unwrap();
    p.exp_string("Which key points did your answer cover?").unwrap();
    p.send_control('c').unwrap();
    let rest = p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130, "{rest}");
    assert!(rest.contains("Session interrupted"), "{rest}");
    let records = log(home.path());
    let answer = of_kind(&records, "answer")[0];
    assert_eq!(answer["response"], "It avoids a full table scan");
    assert_eq!(answer["score"], 0.5, "keyword ticks kept: {answer}");
    assert_eq!(of_kind(&records, "session")[0]["completed"], false);
}

#[test]
fn a_short_interactive_mock_interview() {
    use rexpect::ReadUntil;
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn_mock(home.path(), "9");
    // A prompt waiting for keys starts with a `?` mark (a finished one with `✔`); colour codes
    // may sit between the mark and the text.
    let active = |text: &str| {
        let escaped = text.replace('(', "\\(").replace(')', "\\)").replace('?', "\\?");
        ReadUntil::Regex(
            regex::Regex::new(&format!("\\?(?:\\x1b\\[[0-9;]*m)*\\s(?:\\x1b\\[[0-9;]*m)*{escaped}")).unwrap(),
        )
    };
    let prompts = || {
        vec![
            active("Your answer (empty skips)"),
            active("Your answer (Esc skips)"),
            ReadUntil::String("How sure are you?".into()),
            active("Start the interview?"),
            active("Which key points did your answer cover?"),
            ReadUntil::String("Mock interview scorecard".into()),
        ]
    };
    let mut sure = 0;
    loop {
        let (_, found) = p.exp_any(prompts()).unwrap();
        if found.contains("Your answer (empty skips)") {
            p.send_line("I led the fix and we measured the result").unwrap();
        } else if found.contains("How sure are you?") {
            sure += 1;
            // Enter alone rates nothing: there is no preselected level.
            p.send("\r").unwrap();
            p.send("3").unwrap();
        } else if found.contains("Mock interview scorecard") {
            break;
        } else {
            p.send("\r").unwrap();
        }
        p.flush().unwrap();
    }
    p.exp_string("Verdict").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let records = log(home.path());
    let answers = of_kind(&records, "answer");
    assert!(answers.len() >= 4, "{records:?}");
    assert_eq!(sure, answers.len(), "asked how sure after every answer");
    assert!(answers.iter().all(|a| a["confidence"] == 3), "the key pressed, not a default: {answers:?}");
    assert_eq!(of_kind(&records, "session")[0]["mode"], "mock");
}

#[test]
fn ctrl_c_at_the_confidence_prompt_keeps_the_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn_mock(home.path(), "12");
    p.exp_string("Start the interview?").unwrap();
    p.exp_string("yes").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Your answer").unwrap();
    p.send_line("When I joined, my task was the fix; I did it and the result was good").unwrap();
    p.exp_string("How sure are you?").unwrap();
    p.send_control('c').unwrap();
    let rest = p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130, "{rest}");
    let records = log(home.path());
    let answer = of_kind(&records, "answer")[0];
    assert!(answer["response"].as_str().unwrap().starts_with("When I joined"), "{answer}");
    assert!(answer.get("confidence").is_none(), "{answer}");
    let session = of_kind(&records, "session")[0];
    assert_eq!((session["mode"].as_str(), session["completed"].as_bool()), (Some("mock"), Some(false)));
    assert!(session["verdict"].is_string(), "an interrupted mock still logs a verdict: {session}");
}
