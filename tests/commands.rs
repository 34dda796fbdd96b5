//! The browsing subcommands: topics, list, show, completions, man; and a closed pipe.

use std::io::Read;

use serde_json::Value;

use crate::harness::{Test, demo_bank};

fn demo(args: &[&str]) -> Test {
    Test::new().arg("--bank").arg(demo_bank()).args(args)
}

#[test]
fn topics_counts_by_type_difficulty_and_level() {
    let out = demo(&["topics", "--json"]).expect(0);
    let all: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let d = all.iter().find(|t| t["topic"] == "demo").expect("demo topic");
    assert_eq!(d["title"], "Demo bank for the test suite");
    assert_eq!(d["questions"], 4);
    assert_eq!(d["types"], serde_json::json!({"choice": 1, "multi": 1, "short": 1, "open": 1}));
    assert_eq!(d["difficulty"], serde_json::json!({"easy": 1, "medium": 2, "hard": 1}));
    assert_eq!(d["levels"], serde_json::json!({"junior": 1, "mid": 2, "senior": 1}));
    for core in ["dsa", "databases", "apis", "servers", "communication"] {
        let t = all.iter().find(|t| t["topic"] == core).unwrap_or_else(|| panic!("no {core}"));
        assert!(t["questions"].as_u64().unwrap() >= 12, "{core}: {t}");
        for ty in ["choice", "multi", "short", "open"] {
            assert!(t["types"][ty].as_u64().unwrap() >= 1, "{core} lacks {ty}");
        }
    }
    let text = demo(&["topics"]).expect(0);
    let line = text.stdout.lines().find(|l| l.starts_with("demo ")).expect("demo row");
    assert!(line.contains("Demo bank for the test suite"), "{text:?}");
}

#[test]
fn list_and_show() {
    let out = demo(&["list", "--topic", "demo"]).expect(0);
    let ids: Vec<&str> = out.stdout.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(ids, ["demo-choice", "demo-multi", "demo-short", "demo-open"]);
    let json: Vec<Value> = serde_json::from_str(&demo(&["list", "-t", "demo", "--json"]).expect(0).stdout).unwrap();
    assert_eq!(json[1]["type"], "multi");

    let shown = demo(&["show", "demo-multi"]).expect(0);
    assert!(shown.stdout.contains("Which HTTP methods are idempotent?"), "{shown:?}");
    assert!(shown.stdout.contains("✓ a) GET"), "{shown:?}");
    assert!(shown.stdout.contains("  b) POST"), "{shown:?}");
    assert!(shown.stdout.contains("Why: Repeating GET"), "{shown:?}");
    let short: Value = serde_json::from_str(&demo(&["show", "demo-short", "--json"]).expect(0).stdout).unwrap();
    assert_eq!(short["answer"], "O(log n)");
    assert_eq!(short["accept"], serde_json::json!(["log n", "logarithmic"]));
    assert_eq!(short["time_limit_ms"], 30_000);

    let missing = demo(&["show", "nope"]).expect(2);
    assert!(missing.stderr.contains("no question has the id 'nope'"), "{missing:?}");
    let unknown = demo(&["list", "-t", "nope"]).expect(2);
    assert!(unknown.stderr.contains("unknown topic 'nope'"), "{unknown:?}");
}

#[test]
fn completions_and_man() {
    let bash = Test::new().args(["completions", "bash"]).expect(0);
    assert!(bash.stdout.contains("_quiz()"), "{bash:?}");
    assert!(bash.stdout.contains("--topic"), "{bash:?}");
    let man = Test::new().arg("man").expect(0);
    assert!(man.stdout.starts_with(".ie"), "{man:?}");
    assert!(man.stdout.contains("quiz"), "{man:?}");
    let sections: Vec<&str> = man.stdout.lines().filter(|l| l.starts_with(".SH")).collect();
    let at = |name: &str| sections.iter().position(|s| *s == name).unwrap_or_else(|| panic!("no {name}: {sections:?}"));
    assert!(at(".SH OPTIONS") < at(".SH \"EXIT STATUS\""));
    assert!(at(".SH \"EXIT STATUS\"") < at(".SH ENVIRONMENT") && at(".SH ENVIRONMENT") < at(".SH FILES"));
    for needle in [
        "\\fB130\\fR",
        "\\fBQUIZ_BANKS\\fR",
        "\\fBQUIZ_HISTORY\\fR",
        "\\fBNO_COLOR\\fR",
        "~/.local/share/quiz/history.jsonl",
    ] {
        assert!(man.stdout.contains(needle), "{needle}\n{man:?}");
    }
}

#[test]
fn closed_pipe_is_quiet() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
        .args(["list", "--json"])
        .env("HOME", std::env::temp_dir())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn an_empty_home_is_reported_as_empty() {
    let out = Test::demo().env("HOME", "").args(["-n", "1"]).stdin("\n").expect(2);
    assert!(out.stderr.contains("HOME is empty; pass --history FILE or set QUIZ_HISTORY"), "{out:?}");
    let unset = Test::demo().without_home().args(["-n", "1"]).stdin("\n").expect(2);
    assert!(unset.stderr.contains("HOME is not set"), "{unset:?}");
}

/// The ids `quiz list ARGS…` prints, one a line.
fn listed(t: Test) -> Vec<String> {
    let out = t.expect(0);
    out.stdout.lines().map(|l| l.split_whitespace().next().unwrap().to_owned()).collect()
}

#[test]
fn list_filters_by_what_questions_are() {
    let list = |args: &[&str]| listed(demo(&["list", "-t", "demo"]).args(args));
    assert_eq!(list(&["--type", "multi,short"]), ["demo-multi", "demo-short"]);
    assert_eq!(list(&["--level", "senior"]), ["demo-open"]);
    assert_eq!(list(&["--difficulty", "medium"]), ["demo-multi", "demo-short"]);
    assert_eq!(list(&["--tag", "rest"]), ["demo-multi"]);
    // --search looks in prompts, choices and tags, in any case.
    assert_eq!(list(&["--search", "NOT FOUND"]), ["demo-choice"]);
    assert_eq!(list(&["--search", "delete"]), ["demo-multi"]);
    assert_eq!(list(&["--search", "Complex"]), ["demo-short"]);
    assert_eq!(list(&["--search", "http", "--type", "choice"]), ["demo-choice"]);
    assert!(list(&["--search", "kubernetes"]).is_empty());
    let bad = demo(&["list", "--type", "essay"]).expect(2);
    assert!(bad.stderr.contains("unknown value 'essay'; expected one of: choice, multi, short, open"), "{bad:?}");
}

#[test]
fn list_filters_by_history() {
    let t = Test::demo().args(["-n", "2", "--tag", "http"]).stdin("400\nGET PUT DELETE\n");
    t.expect(0);
    let list = |args: &[&str]| listed(t.again().arg("--bank").arg(demo_bank()).args(["list", "-t", "demo"]).args(args));
    assert_eq!(list(&["--unseen"]), ["demo-short", "demo-open"]);
    assert_eq!(list(&["--missed"]), ["demo-choice"]);
    t.again().arg("--bank").arg(demo_bank()).args(["--id", "demo-choice"]).stdin("404\n").expect(0);
    assert!(list(&["--missed"]).is_empty(), "right at its latest answer");
}

#[test]
fn list_never_cuts_a_prompt_when_piped_and_json_has_every_field() {
    let t = Test::new();
    let long = "Which of these statements about a very long prompt that goes on and on well past seventy characters, and then some more words, is true?";
    let bank = t.write(
        "long.yaml",
        format!("format: 1\ntopic: long\ntitle: Long\nquestions:\n  - id: long-one\n    type: choice\n    difficulty: easy\n    level: junior\n    prompt: {long}\n    choices: [yes, no]\n    answer: yes\n    explanation: Because.\n"),
    );
    let out = t.arg("--bank").arg(&bank).args(["list", "-t", "long"]).expect(0);
    assert_eq!(out.stdout, format!("long-one  choice easy   junior  {long}\n"));
    let json: Vec<Value> =
        serde_json::from_str(&demo(&["list", "-t", "demo", "--type", "short", "--json"]).expect(0).stdout).unwrap();
    assert_eq!(json.len(), 1);
    let short = &json[0];
    assert_eq!((short["id"].as_str(), short["answer"].as_str()), (Some("demo-short"), Some("O(log n)")));
    assert_eq!(short["accept"], serde_json::json!(["log n", "logarithmic"]));
    assert_eq!(short["explanation"], "Each step halves the remaining range.");
    assert_eq!(short["time_limit_ms"], 30_000);
}

/// The README's examples: every `sh` block marked `<!-- runnable -->`, and the example column
/// of the commands table.
fn readme_examples() -> Vec<String> {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut examples = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "<!-- runnable -->" {
            assert_eq!(lines.next().map(str::trim), Some("```sh"), "a runnable mark stands right above a sh block");
            examples.extend(lines.by_ref().take_while(|l| l.trim() != "```").map(|l| l.trim().to_owned()));
        } else if line.starts_with("| `quiz") {
            let example = line.trim_end_matches('|').rsplit('|').next().unwrap().trim();
            if example.starts_with("`quiz ") {
                examples.push(example.trim_matches('`').to_owned());
            }
        }
    }
    examples
}

#[test]
fn the_readme_examples_work_as_written() {
    let examples = readme_examples();
    assert!(examples.len() >= 20, "{examples:?}");
    assert!(examples.iter().any(|e| e.contains("--json --pass 70")), "the scripted drill is tested");
    // A history to work on: one session, one question missed.
    let t = Test::new().args(["--id", "dsa-deque-operations,dsa-array-index-access"]).stdin("A binary heap\nO(1)\n");
    t.expect(0);
    t.write("my-banks/demo.yaml", std::fs::read(demo_bank()).unwrap());
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_quiz")).parent().unwrap().to_owned();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    for example in &examples {
        let out = std::process::Command::new("sh")
            .args(["-c", example])
            .env_clear()
            .env("PATH", &path)
            .env("HOME", t.dir.path())
            .env("QUIZ_NOW", "2026-11-01T10:00:00Z")
            .env("QUIZ_CLOCK_STEP", "10s")
            .env("TZ", "UTC")
            .current_dir(t.dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{example}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
        assert!(!stderr.contains("quiz: "), "{example}\n{stderr}");
        if example.contains("--json --pass 70") {
            let report: Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!((report["correct"].as_u64(), report["passed"].as_bool()), (Some(3), Some(true)), "{report}");
        }
    }
    // The drill and the day of study wrote sessions; the day's retry found what was missed.
    let sessions = crate::harness::of_kind(&t.history(), "session").len();
    assert!(sessions >= 5, "{sessions} sessions");
    // The pass-mark gate exits 3 below the mark, as the README says.
    t.write("answers.txt", "");
    let gate = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
        .args(["mock", "--plain", "--json", "--pass", "70"])
        .env("HOME", t.dir.path())
        .current_dir(t.dir.path())
        .stdin(std::fs::File::open(t.dir.path().join("answers.txt")).unwrap())
        .output()
        .unwrap();
    assert_eq!(gate.status.code(), Some(3));
}
