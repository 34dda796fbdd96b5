//! The interactive mode in a real pseudo-terminal, answered key by key as a person would, at 60
//! and 100 columns. What reached the terminal is replayed through a terminal emulator (vt100),
//! so tests can read the screen as the user saw it.

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use rexpect::{process::WaitStatus, session::PtySession};

use crate::harness::{demo_bank, of_kind, read_log};

const ROWS: u16 = 60;
const WIDTHS: [u16; 2] = [60, 100];

const DOWN: &str = "\x1b[B";
const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";

/// `quiz` in a pty of `cols` columns.
struct Pty {
    p: PtySession,
    /// Everything the terminal received, one char per byte (as rexpect reads it).
    seen: String,
    cols: u16,
    rows: u16,
    /// The process id of `quiz`, for sending it signals.
    pid: u32,
}

impl Pty {
    fn spawn(home: &Path, cols: u16, env: &[(&str, &str)], args: &[&str]) -> Pty {
        Pty::spawn_sized(home, cols, ROWS, env, args)
    }

    /// `quiz` in a pty of `cols` columns and `rows` rows.
    fn spawn_sized(home: &Path, cols: u16, rows: u16, env: &[(&str, &str)], args: &[&str]) -> Pty {
        let mut cmd = Command::new("sh");
        cmd.env_clear()
            .env("HOME", home)
            .env("TERM", "xterm-256color")
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(env.iter().copied())
            .arg("-c")
            .arg(format!("echo \"pid=$$.\" && stty cols {cols} rows {rows} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_quiz"))
            .args(args);
        let mut p = rexpect::session::spawn_command(cmd, Some(15_000)).expect("spawn quiz in a pty");
        let (_, pid) = p.exp_regex(r"pid=[0-9]+\.").expect("the pid");
        let pid = pid.trim_start_matches("pid=").trim_end_matches('.').parse().unwrap();
        Pty { p, seen: String::new(), cols, rows, pid }
    }

    /// A practice session on the demo bank.
    fn demo(home: &Path, cols: u16, args: &[&str]) -> Pty {
        let bank = demo_bank();
        Pty::spawn(
            home,
            cols,
            &[],
            &[&["--bank", bank.to_str().unwrap(), "--topic", "demo", "--seed", "3"], args].concat(),
        )
    }

    /// Reads up to and including `needle`; returns what came before it. Keys for the line editor
    /// are sent only once its prompt (with the time " left") is drawn: the terminal is then in
    /// raw mode, and Ctrl-D or Ctrl-W are keys, not the terminal driver's own.
    fn expect(&mut self, needle: &str) -> String {
        let before =
            self.p.exp_string(needle).unwrap_or_else(|e| panic!("waiting for {needle:?}: {e}\n{}", self.screen()));
        self.seen.push_str(&before);
        self.seen.push_str(needle);
        before
    }

    /// Reads up to a match of `re`; returns what came before and the match.
    fn expect_regex(&mut self, re: &str) -> (String, String) {
        let (before, found) =
            self.p.exp_regex(re).unwrap_or_else(|e| panic!("waiting for /{re}/: {e}\n{}", self.screen()));
        self.seen.push_str(&before);
        self.seen.push_str(&found);
        (before, found)
    }

    /// Reads up to `words`, which may be wrapped across rows or coloured; returns what came
    /// before them.
    fn expect_words(&mut self, words: &str) -> String {
        let gap = r"(?:\s|\x1b\[[0-9;]*m)+";
        let re = words.split(' ').map(regex::escape).collect::<Vec<_>>().join(gap);
        self.expect_regex(&re).0
    }

    fn send(&mut self, keys: &str) {
        self.p.send(keys).unwrap();
        self.p.flush().unwrap();
    }

    /// Keeps reading for `ms` milliseconds.
    fn wait(&mut self, ms: u64) {
        let until = Instant::now() + Duration::from_millis(ms);
        while Instant::now() < until {
            match self.p.try_read() {
                Some(c) => self.seen.push(c),
                None => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.seen.chars().map(|c| c as u32 as u8).collect()
    }

    /// The screen as the user sees it now, one line a row.
    fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(self.rows.try_into().unwrap(), self.cols.try_into().unwrap(), 0);
        parser.process(&self.bytes());
        let rows: Vec<String> = parser.screen().rows(0, self.cols).map(|r| r.trim_end().to_owned()).collect();
        rows.join("\n").trim_end().to_owned()
    }

    /// Reads to the end and returns the exit code.
    fn finish(&mut self) -> i32 {
        let rest = self.p.exp_eof().unwrap_or_else(|e| panic!("waiting for the end: {e}\n{}", self.screen()));
        self.seen.push_str(&rest);
        match self.p.process().wait().expect("wait") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("quiz did not exit normally: {other:?}"),
        }
    }
}

fn log(home: &Path) -> Vec<serde_json::Value> {
    read_log(&home.join(".local/share/quiz/history.jsonl"))
}

/// A bank of one open question with a long prompt, written under `dir`.
fn long_bank(dir: &Path) -> PathBuf {
    let path = dir.join("long.yaml");
    std::fs::write(
        &path,
        "format: 1
topic: long
title: Long prompts
questions:
  - id: long-open
    type: open
    difficulty: medium
    level: mid
    prompt: >-
      FIRSTWORD describe how you would design a rate limiter for a public API that serves
      many tenants, what you would store, where, and how you would keep it fair LASTWORD
    model_answer: A token bucket per tenant in a shared store, refilled at a fixed rate.
    key_points:
      - point: Token bucket per tenant
        keywords: [bucket]
    explanation: Buckets smooth bursts and keep tenants apart.
",
    )
    .unwrap();
    path
}

/// How often `needle` occurs on `screen`.
fn count(screen: &str, needle: &str) -> usize {
    screen.matches(needle).count()
}

#[test]
fn choice_is_picked_with_arrow_keys() {
    for cols in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let mut t = Pty::demo(home.path(), cols, &["--difficulty", "easy"]);
        t.expect("Which status code means");
        t.expect_words("Esc skips");
        t.send(DOWN);
        t.send("\r");
        t.expect("Why:");
        t.expect("--seed 3`");
        assert_eq!(t.finish(), 0);
        let records = log(home.path());
        let answer = of_kind(&records, "answer")[0];
        let response = answer["response"].as_str().unwrap();
        assert!(["404", "400", "500"].contains(&response), "{answer}");
        assert!(t.screen().contains(&format!("Your answer: b) {response}")), "{}", t.screen());
        assert_eq!(answer["correct"].as_bool(), Some(response == "404"));
        assert_eq!(of_kind(&records, "session")[0]["completed"], true);
    }
}

#[test]
fn q_does_not_skip_the_hint_lists_every_key_and_a_letter_picks() {
    for cols in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let mut t = Pty::demo(home.path(), cols, &["--difficulty", "easy"]);
        t.expect_words("Esc skips");
        t.send("q");
        t.expect("That key does nothing here");
        t.wait(200);
        let screen = t.screen();
        let hint = screen.lines().skip_while(|l| !l.contains("move")).take(3).collect::<Vec<_>>().join(" ");
        for key in ["↑↓ move", "a–c or 1–3 picks", "Enter picks the marked one", "Esc skips", "Ctrl-C ends the session"]
        {
            assert!(hint.contains(key), "{key:?} in the hint: {hint}\n{screen}");
        }
        assert!(log(home.path()).is_empty(), "q logged nothing");
        let c = screen.lines().find_map(|l| l.trim_start_matches(['❯', ' ']).strip_prefix("c) ")).unwrap().to_owned();
        t.send("c");
        t.expect("Why:");
        assert_eq!(t.finish(), 0);
        let records = log(home.path());
        let answer = of_kind(&records, "answer")[0];
        assert_eq!((answer["response"].as_str(), answer["skipped"].as_bool()), (Some(c.as_str()), Some(false)));
    }
}

#[test]
fn esc_skips_a_menu_visibly() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Pty::demo(home.path(), 100, &["--difficulty", "easy"]);
    t.expect_words("Esc skips");
    t.send("\x1b");
    t.expect("Your answer: skipped");
    t.expect("Skipped");
    assert_eq!(t.finish(), 0);
    let answer = of_kind(&log(home.path()), "answer")[0].clone();
    assert_eq!((answer["skipped"].as_bool(), answer["score"].as_f64()), (Some(true), Some(0.0)), "{answer}");
}

#[test]
fn multi_is_ticked_with_space_and_letters() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Pty::demo(home.path(), 100, &["--tag", "rest"]);
    t.expect("Which HTTP methods are idempotent?");
    t.expect_words("Space ticks");
    t.wait(100);
    let screen = t.screen();
    let item = |letter: &str| {
        screen.lines().find_map(|l| l.split_once(&format!("{letter}) ")).map(|(_, c)| c.trim().to_owned())).unwrap()
    };
    let (a, c) = (item("a"), item("c"));
    // Enter with nothing ticked does not skip.
    t.send("\r");
    t.expect("Tick at least one first");
    t.send(" ");
    t.send("c");
    t.send("\r");
    t.expect("Why:");
    assert_eq!(t.finish(), 0);
    let records = log(home.path());
    let answer = of_kind(&records, "answer")[0];
    let mut picks: Vec<&str> = answer["response"].as_str().unwrap().split("; ").collect();
    picks.sort();
    let mut expected = vec![a.as_str(), c.as_str()];
    expected.sort();
    assert_eq!(picks, expected, "{answer}");
}

#[test]
fn a_menu_taller_than_the_terminal_scrolls_without_duplicating_rows() {
    let home = tempfile::tempdir().unwrap();
    let bank = demo_bank();
    let args = ["--bank", bank.to_str().unwrap(), "--topic", "demo", "--tag", "rest", "--seed", "3"];
    let mut t = Pty::spawn_sized(home.path(), 80, 6, &[], &args);
    t.expect_words("Esc skips");
    let mut seen = Vec::new();
    for _ in 0..4 {
        t.send(" ");
        t.wait(150);
        let screen = t.screen();
        let items: Vec<&str> = screen.lines().filter(|l| l.contains(") ")).collect();
        assert!(screen.lines().count() <= 6, "{screen}");
        assert_eq!(items.iter().filter(|l| l.starts_with('❯')).count(), 1, "one marker:\n{screen}");
        let marked = items.iter().find(|l| l.starts_with('❯')).unwrap();
        assert!(marked.contains("[x]"), "{screen}");
        seen.push(marked.rsplit(") ").next().unwrap().trim().to_owned());
        for item in &items {
            assert_eq!(count(&screen, item.trim()), 1, "{item} once:\n{screen}");
        }
        t.send(DOWN);
    }
    t.send("\r");
    t.expect("Why:");
    assert_eq!(t.finish(), 0);
    let answer = of_kind(&log(home.path()), "answer")[0].clone();
    let mut picks: Vec<&str> = answer["response"].as_str().unwrap().split("; ").collect();
    picks.sort_unstable();
    seen.sort_unstable();
    assert_eq!(picks, seen, "every item reached and ticked");
    assert_eq!(picks, ["DELETE", "GET", "POST", "PUT"]);
}

#[test]
fn open_answer_then_key_point_checklist() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Pty::demo(home.path(), 100, &["--tag", "databases"]);
    t.expect("Why can an index speed up a query");
    t.expect_words("Enter on an empty line or Ctrl-D submits");
    t.expect(" left");
    t.send("It avoids a full table scan\r");
    t.send("\r");
    t.expect("Model answer:");
    t.expect("Which key points did your answer cover?");
    // The scan point is already ticked from the keywords; tick the second one by hand.
    t.send(DOWN);
    t.send(" ");
    t.send("\r");
    t.expect("2 of 2 covered");
    assert_eq!(t.finish(), 0);
    let records = log(home.path());
    let answer = of_kind(&records, "answer")[0];
    assert_eq!(answer["response"], "It avoids a full table scan");
    assert_eq!((answer["score"].as_f64(), answer["correct"].as_bool()), (Some(1.0), Some(true)));
}

#[test]
fn a_pasted_three_paragraph_answer_arrives_whole() {
    for cols in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let mut t = Pty::demo(home.path(), cols, &["--tag", "databases", "--json"]);
        t.expect_words("Enter on an empty line or Ctrl-D submits");
        t.expect(" left");
        let answer = "An index avoids a full table scan.\n\nBut every insert must update it too.\n\nSo reads get faster and writes slower.";
        t.send(&format!("{PASTE_START}{answer}\n{PASTE_END}"));
        t.wait(300);
        assert!(!t.seen.contains("Model answer:"), "the paste did not submit itself");
        t.send("\r");
        t.expect("Which key points did your answer cover?");
        t.send("\r");
        t.expect("\"mode\"");
        assert_eq!(t.finish(), 0);
        let records = log(home.path());
        let answers = of_kind(&records, "answer");
        assert_eq!(answers.len(), 1);
        assert_eq!(answers[0]["response"], answer, "blank lines kept");
        assert_eq!(answers[0]["score"], 1.0, "both key points matched");
    }
}

#[test]
fn enter_twice_and_a_pasted_newline_never_answer_the_next_question() {
    for cols in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let mut t = Pty::demo(home.path(), cols, &["--tag", "http,complexity", "-n", "3"]);
        let mut sent = Vec::new();
        for k in 1..=3 {
            let (_, header) = t.expect_regex(&format!(r"\[{k}/3\]\S* \S*demo-[a-z]+"));
            let id = header[header.find("demo-").unwrap()..].to_owned();
            match id.as_str() {
                "demo-short" => {
                    t.expect_words("Enter submits");
                    t.expect(" left");
                    // A paste ending in a newline does not submit; the Enter pressed twice
                    // submits once, and the second must not reach the next question.
                    t.send(&format!("{PASTE_START}O(log n)\n{PASTE_END}"));
                    t.send("\r\r");
                    sent.push((id, "O(log n)".to_owned()));
                }
                _ => {
                    let before = t.expect_words("Esc skips");
                    let b = before
                        .lines()
                        .find_map(|l| l.split_once("b) ").map(|(_, c)| c.trim().to_owned()))
                        .unwrap_or_else(|| panic!("choice b) in {before:?}"));
                    // The letter picks (or ticks) b; Enter submits a multi; one more Enter
                    // is pressed ahead of the next question.
                    t.send(if id == "demo-multi" { "b\r\r" } else { "b\r" });
                    sent.push((id, b));
                }
            }
        }
        t.expect("Session complete");
        assert_eq!(t.finish(), 0);
        let records = log(home.path());
        let answers = of_kind(&records, "answer");
        let got: Vec<(String, String)> = answers
            .iter()
            .map(|a| (a["question"].as_str().unwrap().to_owned(), a["response"].as_str().unwrap_or("").to_owned()))
            .collect();
        assert_eq!(got, sent, "each question answered only by the keys typed for it");
        assert!(answers.iter().all(|a| a["skipped"] == false), "{answers:?}");
    }
}

#[test]
fn emacs_keys_edit_as_in_bash() {
    for cols in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let mut t = Pty::demo(home.path(), cols, &["--tag", "complexity"]);
        t.expect_words("Enter submits");
        t.expect(" left");
        // Ctrl-W deletes a word, Ctrl-U the rest of the line.
        t.send("xx yy\x17");
        t.send("\x15");
        // Ctrl-A and Ctrl-E go to the start and the end.
        t.send("log\x01O(\x05 n");
        // Alt-B twice goes back two words (to "log"), Alt-F forward one (past it).
        t.send("\x1bb\x1bb\x1bf2");
        // Home and End.
        t.send("\x1b[H\x1b[F)");
        t.send("\r");
        t.expect("Why:");
        assert_eq!(t.finish(), 0);
        let answer = of_kind(&log(home.path()), "answer")[0].clone();
        assert_eq!(answer["response"], "O(log2 n)", "{answer}");

        // Ctrl-D submits a non-empty open answer.
        let home = tempfile::tempdir().unwrap();
        let mut t = Pty::demo(home.path(), cols, &["--tag", "databases"]);
        t.expect_words("Ctrl-D submits");
        t.expect(" left");
        t.send("\x04");
        t.wait(300);
        assert!(!t.seen.contains("Which key points"), "Ctrl-D on an empty answer submits nothing");
        t.send("first line\rsecond line\r\x1b\rthird\x04");
        t.expect("Which key points did your answer cover?");
        t.send("\r");
        assert_eq!(t.finish(), 0);
        let answer = of_kind(&log(home.path()), "answer")[0].clone();
        assert_eq!(answer["response"], "first line\nsecond line\n\nthird", "Alt-Enter adds a blank line");
    }
}

#[test]
fn a_long_prompt_and_answer_appear_once_on_screen() {
    for cols in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let bank = long_bank(home.path());
        let mut t = Pty::spawn(home.path(), cols, &[], &["--bank", bank.to_str().unwrap(), "--topic", "long"]);
        t.expect_words("Enter adds a line");
        t.expect(" left");
        let answer = "STARTANSWER I would keep a token bucket for every tenant in a shared store such as \
                      Redis, refill it at a steady rate and refuse when it is empty ENDANSWER";
        t.send(answer);
        // Two ticks of the clock redraw the prompt under a three-row answer, in place.
        t.wait(2200);
        let typing = t.screen();
        for token in ["FIRSTWORD", "STARTANSWER", "ENDANSWER", " left"] {
            assert_eq!(count(&typing, token), 1, "{token} once while typing at {cols} columns:\n{typing}");
        }
        t.send("\r\r");
        t.expect("Which key points did your answer cover?");
        t.wait(300);
        let screen = t.screen();
        let rows_of = |first: &str, last: &str| {
            let lines: Vec<&str> = screen.lines().collect();
            let a = lines.iter().position(|l| l.contains(first)).unwrap();
            let b = lines.iter().position(|l| l.contains(last)).unwrap();
            b - a + 1
        };
        if cols == 60 {
            assert_eq!(rows_of("FIRSTWORD", "LASTWORD"), 3, "{screen}");
            assert_eq!(rows_of("STARTANSWER", "ENDANSWER"), 3, "{screen}");
        }
        for token in ["FIRSTWORD", "LASTWORD", "STARTANSWER", "ENDANSWER"] {
            assert_eq!(count(&screen, token), 1, "{token} once at {cols} columns:\n{screen}");
        }
        assert!(screen.lines().all(|l| l.chars().count() <= usize::from(cols)));
        t.send("\r");
        assert_eq!(t.finish(), 0);
        let response = of_kind(&log(home.path()), "answer")[0]["response"].clone();
        assert_eq!(response, answer);
    }
    // However wide the terminal, prose stops at 100 columns.
    let home = tempfile::tempdir().unwrap();
    let bank = long_bank(home.path());
    let mut t = Pty::spawn(home.path(), 250, &[], &["--bank", bank.to_str().unwrap(), "--topic", "long"]);
    t.expect(" left");
    let screen = t.screen();
    let prompt = screen.lines().find(|l| l.contains("FIRSTWORD")).unwrap();
    assert!(prompt.chars().count() <= 100 && !prompt.contains("LASTWORD"), "{screen}");
    t.send("\x03");
    assert_eq!(t.finish(), 130);
}

#[test]
fn text_printed_after_a_resize_fits_the_new_width() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Pty::demo(home.path(), 100, &["--tag", "databases"]);
    t.expect_words("Enter adds a line");
    t.expect(" left");
    // Narrow the terminal as a person would drag its window.
    let tty = std::fs::read_link(format!("/proc/{}/fd/0", t.pid)).unwrap();
    assert!(Command::new("stty").arg("-F").arg(&tty).args(["cols", "60"]).status().unwrap().success());
    t.wait(300);
    let resized_at = t.bytes().len();
    t.send("It avoids a full table scan\r\r");
    t.expect_words("Ctrl-C ends the session");
    t.send("\r");
    t.expect("Why:");
    assert_eq!(t.finish(), 0);
    let bytes = t.bytes();
    let mut parser = vt100::Parser::new(ROWS.try_into().unwrap(), 100.try_into().unwrap(), 0);
    parser.process(&bytes[..resized_at]);
    parser.screen_mut().set_size(ROWS.try_into().unwrap(), 60.try_into().unwrap());
    parser.process(&bytes[resized_at..]);
    let rows: Vec<String> = parser.screen().rows(0, 60).map(|r| r.trim_end().to_owned()).collect();
    // The question's own text after the answer: the model answer, the checklist and the feedback.
    let after: Vec<&String> =
        rows.iter().skip_while(|r| !r.starts_with("Model answer:")).take_while(|r| !r.starts_with("──")).collect();
    assert!(after.len() > 3, "{rows:#?}");
    // Wrapped by quiz at 59 columns, never cut by the terminal at 60.
    assert!(after.iter().all(|r| r.chars().count() <= 59), "{after:#?}");
    assert!(after.iter().any(|r| r.starts_with("Why: ")), "{after:#?}");
}

#[test]
fn the_clock_on_the_prompt_runs_and_cues_the_limit_once() {
    for cols in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let bank = demo_bank();
        // The scripted clock moves 10 s each time it is read; the prompt reads it once a second.
        let env = [("QUIZ_NOW", "2026-11-01T10:00:00Z"), ("QUIZ_CLOCK_STEP", "10s")];
        let args = ["--bank", bank.to_str().unwrap(), "--topic", "demo", "--tag", "complexity"];
        let mut t = Pty::spawn(home.path(), cols, &env, &args);
        t.expect_words("Enter submits");
        t.expect(" left");
        t.wait(300);
        let label = |screen: &str| screen.lines().find(|l| l.contains(" ›")).map(|l| l.trim().to_owned());
        let first = label(&t.screen()).unwrap();
        t.wait(1500);
        let later = label(&t.screen()).unwrap();
        assert_ne!(first, later, "the clock moved while the user waited");
        t.expect("Time is up");
        t.wait(2500);
        let screen = t.screen();
        assert_eq!(count(&screen, "Time is up"), 1, "{screen}");
        assert!(label(&screen).unwrap().contains("over"), "{screen}");
        t.send("log n\r");
        t.expect("Why:");
        assert_eq!(t.finish(), 0);
        let answer = of_kind(&log(home.path()), "answer")[0].clone();
        assert_eq!((answer["overtime"].as_bool(), answer["correct"].as_bool()), (Some(true), Some(true)), "{answer}");
    }
}

#[test]
fn the_clock_runs_on_a_menu_too() {
    for cols in WIDTHS {
        let home = tempfile::tempdir().unwrap();
        let bank = demo_bank();
        let env = [("QUIZ_NOW", "2026-11-01T10:00:00Z"), ("QUIZ_CLOCK_STEP", "10s")];
        let args = ["--bank", bank.to_str().unwrap(), "--topic", "demo", "--difficulty", "easy"];
        let mut t = Pty::spawn(home.path(), cols, &env, &args);
        t.expect_words("Esc skips");
        let label =
            |screen: &str| screen.lines().find(|l| l.contains(" left") || l.contains(" over")).map(str::to_owned);
        let first = label(&t.screen()).unwrap();
        t.wait(1500);
        let later = label(&t.screen()).unwrap();
        assert_ne!(first, later, "the clock moved while the user waited");
        t.expect("time is up");
        t.wait(1200);
        let screen = t.screen();
        assert_eq!(count(&screen, "time is up"), 1, "{screen}");
        assert!(screen.lines().all(|l| l.chars().count() < usize::from(cols)), "{screen}");
        t.send("a");
        t.expect("Why:");
        assert_eq!(t.finish(), 0);
        let answer = of_kind(&log(home.path()), "answer")[0].clone();
        assert_eq!((answer["overtime"].as_bool(), answer["skipped"].as_bool()), (Some(true), Some(false)), "{answer}");
    }
}

#[test]
fn long_answers_in_the_users_editor() {
    let home = tempfile::tempdir().unwrap();
    let script = home.path().join("editor.sh");
    std::fs::write(&script, "#!/bin/sh\nprintf 'from the editor\\n\\nsecond paragraph\\n' >> \"$1\"\n").unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let bank = demo_bank();
    let args = ["--bank", bank.to_str().unwrap(), "--topic", "demo", "--tag", "databases"];
    let env = [("EDITOR", script.to_str().unwrap())];

    // Ctrl-X Ctrl-E takes the draft to the editor.
    let mut t = Pty::spawn(home.path(), 100, &env, &args);
    t.expect_words("Ctrl-X Ctrl-E opens your editor");
    t.expect(" left");
    t.send("draft \x18\x05");
    t.expect("Your answer, from the editor:");
    t.expect("Which key points");
    t.send("\r");
    assert_eq!(t.finish(), 0);
    let answer = of_kind(&log(home.path()), "answer")[0].clone();
    assert_eq!(answer["response"], "draft from the editor\n\nsecond paragraph");

    // --editor opens it at once.
    let home = tempfile::tempdir().unwrap();
    let mut t = Pty::spawn(home.path(), 100, &env, &[&args[..], &["--editor"]].concat());
    t.expect("Your answer, from the editor:");
    t.expect("Which key points");
    t.send("\r");
    assert_eq!(t.finish(), 0);
    let answer = of_kind(&log(home.path()), "answer")[0].clone();
    assert_eq!(answer["response"], "from the editor\n\nsecond paragraph");

    // An editor that fails gives the draft back to the line editor.
    let home = tempfile::tempdir().unwrap();
    let short = ["--bank", bank.to_str().unwrap(), "--topic", "demo", "--tag", "complexity"];
    let mut t = Pty::spawn(home.path(), 100, &[("EDITOR", "false")], &short);
    t.expect(" left");
    t.send("O(log n)\x18\x05");
    t.expect("Cannot open your editor");
    t.expect(" left");
    t.send("\r");
    t.expect("Why:");
    assert_eq!(t.finish(), 0);
    let answer = of_kind(&log(home.path()), "answer")[0].clone();
    assert_eq!((answer["response"].as_str(), answer["correct"].as_bool()), (Some("O(log n)"), Some(true)));
}

#[test]
fn ctrl_g_skips_and_ctrl_c_keeps_answers_restores_cursor_and_exits_130() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Pty::demo(home.path(), 100, &["-n", "4"]);
    t.expect("[1/4]");
    let (_, hint) = t.expect_regex(r"Esc(?:\s|\x1b\[[0-9;]*m)+skips|Ctrl-G(?:\s|\x1b\[[0-9;]*m)+skips");
    if hint.starts_with("Esc") {
        t.send("\x1b");
    } else {
        t.expect(" left");
        t.send("\x07");
    }
    t.expect("Skipped");
    t.expect("[2/4]");
    t.expect_regex(r"Esc(?:\s|\x1b\[[0-9;]*m)+skips|Ctrl-G(?:\s|\x1b\[[0-9;]*m)+skips");
    t.send("\x03");
    assert_eq!(t.finish(), 130);
    assert!(t.seen.contains("Session interrupted"), "{}", t.screen());
    assert!(t.seen.rsplit("Session interrupted").nth(1).unwrap().contains("\x1b[?25h"), "cursor shown again");
    let records = log(home.path());
    let answers = of_kind(&records, "answer");
    assert_eq!((answers.len(), answers[0]["skipped"].as_bool()), (1, Some(true)));
    let session = of_kind(&records, "session")[0];
    assert_eq!((session["completed"].as_bool(), session["asked"].as_u64()), (Some(false), Some(1)));
}

#[test]
fn sigterm_at_a_prompt_restores_the_terminal_and_exits_143() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Pty::demo(home.path(), 100, &["--tag", "complexity"]);
    t.expect_words("Enter submits");
    t.expect(" left");
    t.send("half an ans");
    t.wait(200);
    assert!(Command::new("sh").arg("-c").arg(format!("kill -TERM {}", t.pid)).status().unwrap().success());
    assert_eq!(t.finish(), 143);
    assert!(t.seen.contains("Session interrupted"), "{}", t.screen());
    assert!(t.seen.rsplit("Session interrupted").nth(1).unwrap().contains("\x1b[?25h"), "cursor shown again");
    let records = log(home.path());
    assert_eq!(of_kind(&records, "session")[0]["completed"], false);
}

#[test]
fn ctrl_c_at_the_checklist_keeps_the_open_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Pty::demo(home.path(), 100, &["--tag", "databases"]);
    t.expect_words("Enter adds a line");
    t.expect(" left");
    t.send("It avoids a full table scan\r\r");
    t.expect("Which key points did your answer cover?");
    t.send("\x03");
    assert_eq!(t.finish(), 130);
    assert!(t.seen.contains("Session interrupted"));
    let records = log(home.path());
    let answer = of_kind(&records, "answer")[0];
    assert_eq!(answer["response"], "It avoids a full table scan");
    assert_eq!(answer["score"], 0.5, "keyword ticks kept: {answer}");
    assert_eq!(of_kind(&records, "session")[0]["completed"], false);
}

#[test]
fn a_dumb_terminal_and_plain_mode_get_plain_prompts_and_no_escape_codes() {
    let cases = [("dumb", false), ("", false), ("xterm-256color", true)];
    for ((term, plain), cols) in cases.into_iter().flat_map(|c| WIDTHS.map(|w| (c, w))) {
        let home = tempfile::tempdir().unwrap();
        let bank = demo_bank();
        let args = ["--bank", bank.to_str().unwrap(), "--topic", "demo", "--difficulty", "easy", "--seed", "3"];
        let args = [&args[..], if plain { &["--plain"][..] } else { &[] }].concat();
        let mut t = Pty::spawn(home.path(), cols, &[("TERM", term)], &args);
        t.expect("answer (one letter; empty line skips)> ");
        t.send("a\n");
        t.expect("--seed 3`");
        assert_eq!(t.finish(), 0);
        assert!(!t.bytes().contains(&0x1b), "no escape codes with TERM={term:?}, plain {plain}: {:?}", t.seen);
        assert_eq!(of_kind(&log(home.path()), "answer").len(), 1);
    }
}

#[test]
fn a_short_interactive_mock_interview() {
    let home = tempfile::tempdir().unwrap();
    let relay = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/relay.yaml");
    let mut t = Pty::spawn(
        home.path(),
        100,
        &[],
        &["--bank", relay.to_str().unwrap(), "mock", "-t", "relay", "--minutes", "9", "--seed", "5"],
    );
    t.expect("Start the interview?");
    t.expect_words("Ctrl-C quits");
    t.send("\r");
    let mut sure = 0;
    loop {
        let (_, found) = t.expect_regex(
            r"Enter adds a line|\[2mEnter submits|Esc(?:\s|\x1b\[[0-9;]*m)+skips|How sure are you|Which key points|Mock interview scorecard",
        );
        match found.as_str() {
            "Enter adds a line" => {
                t.expect(" left");
                t.send("I led the fix and we measured the result\r\r");
            }
            // The short-answer hint starts its row; the checklist's has "Enter submits" inside.
            "[2mEnter submits" => {
                t.expect(" left");
                t.send("an answer\r");
            }
            "How sure are you" => {
                sure += 1;
                t.expect_words("Esc means not saying");
                // Nothing is marked: Enter alone rates nothing, a digit does.
                t.send("\r");
                t.expect("Nothing is marked yet");
                t.send("3");
            }
            "Mock interview scorecard" => break,
            _ => t.send("\r"),
        }
    }
    t.expect("Verdict");
    assert_eq!(t.finish(), 0);
    let records = log(home.path());
    let answers = of_kind(&records, "answer");
    assert!(answers.len() >= 4, "{records:?}");
    assert_eq!(sure, answers.len(), "asked how sure after every answer");
    assert!(answers.iter().all(|a| a["confidence"] == 3), "the key pressed, not a default: {answers:?}");
    assert_eq!(of_kind(&records, "session")[0]["mode"], "mock");
}

#[test]
fn ctrl_c_at_the_confidence_prompt_keeps_the_answer() {
    interrupted_at_the_confidence_prompt(|t| t.send("\x03"));
}

/// Between two keys the terminal is not in raw mode, so Ctrl-C there arrives as SIGINT, not as
/// a key: the answer just given must be logged all the same.
#[test]
fn sigint_at_the_confidence_prompt_keeps_the_answer() {
    interrupted_at_the_confidence_prompt(|t| {
        let sent = Command::new("sh").arg("-c").arg(format!("kill -INT {}", t.pid)).status().unwrap();
        assert!(sent.success());
    });
}

fn interrupted_at_the_confidence_prompt(interrupt: impl FnOnce(&mut Pty)) {
    let home = tempfile::tempdir().unwrap();
    let relay = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/relay.yaml");
    let mut t = Pty::spawn(
        home.path(),
        100,
        &[],
        &["--bank", relay.to_str().unwrap(), "mock", "-t", "relay", "--minutes", "12", "--seed", "5"],
    );
    t.expect("Start the interview?");
    t.expect_words("Ctrl-C quits");
    t.send("y");
    t.expect_words("Enter adds a line");
    t.expect(" left");
    t.send("When I joined, my task was the fix; I did it and the result was good\r\r");
    t.expect("How sure are you?");
    interrupt(&mut t);
    assert_eq!(t.finish(), 130);
    let records = log(home.path());
    let answer = of_kind(&records, "answer")[0];
    assert!(answer["response"].as_str().unwrap().starts_with("When I joined"), "{answer}");
    assert!(answer.get("confidence").is_none(), "{answer}");
    let session = of_kind(&records, "session")[0];
    assert_eq!((session["mode"].as_str(), session["completed"].as_bool()), (Some("mock"), Some(false)));
    assert!(session["verdict"].is_string(), "an interrupted mock still logs a verdict: {session}");
}
