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
