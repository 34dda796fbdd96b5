//! Grading as a user and a bank author meet it: `examples` run by `quiz validate`, the grading
//! lints, `quiz grade`, feedback that quotes the words that earned each point, and an external
//! grader command with its fallbacks.

use crate::harness::{Test, of_kind};

/// A bank with one open and one short question, graded to this round's standard.
const BANK: &str = r#"format: 1
topic: grading
title: Grading fixture
questions:
  - id: grading-top-k
    type: open
    difficulty: medium
    level: mid
    tags: [heaps]
    prompt: How do you keep the k largest values of an endless stream?
    model_answer: >-
      Keep a min-heap holding k items. For each new value, if it beats the root, pop the root and push the
      value, which costs log k per item and O(k) memory.
    key_points:
      - point: A min-heap of size k whose root is the smallest kept value
        core: true
        weight: 2
        keywords: [min-heap, min heap, smallest at the root]
      - point: Replace the root when a new value beats it
        keywords: [pop the root, replace the root, beats the root, bigger than the root, swap it out, larger value]
      - point: log k per item and O(k) memory
        keywords: [log k, o(k)]
    examples:
      pass:
        - "A min heap of k elements; when something bigger than the root arrives, replace the root. log k each."
        - "I'd hold k values in a min-heap so the smallest sits on top, and swap it out whenever a larger value shows up."
      fail:
        - "Put everything in a max heap and pop k times."
    explanation: The root of a min-heap is the weakest of the current top k, so it is the one to evict.
  - id: grading-mod
    type: short
    difficulty: easy
    level: junior
    tags: [arrays]
    prompt: In a circular buffer of size k, which expression gives the slot after index i?
    answer: (i + 1) % k
    examples:
      pass: ["(i+1) % k", "(i + 1) mod k"]
      fail: ["(i + 1) / k"]
    explanation: The remainder wraps the index back to 0 after the last slot.
"#;

/// A run of `quiz` with the fixture bank, colour off.
fn with_bank() -> (Test, std::path::PathBuf) {
    let t = Test::new();
    let path = t.write("grading.yaml", BANK);
    (t, path)
}

fn quiz(t: &Test, bank: &std::path::Path) -> Test {
    t.again().args(["--color", "never", "--bank"]).arg(bank)
}

#[test]
fn validate_runs_examples_and_reports_failures_with_their_line() {
    let t = Test::new();
    let path = t.write("grading.yaml", BANK);
    let out = t.again().arg("validate").arg(&path).expect(2);
    // "(i + 1) mod k" is not accepted: the bank lists no `mod` spelling.
    assert!(
        out.stdout.contains("grading.yaml:38: grading-mod: example \"(i + 1) mod k\" scored 0.00, expected pass"),
        "{out:?}"
    );
    assert!(out.stdout.ends_with("1 bank, 2 questions, 6 examples: 1 example failing\n"), "{out:?}");

    let fixed = BANK.replace("    answer: (i + 1) % k\n", "    answer: (i + 1) % k\n    accept: [(i + 1) mod k]\n");
    let path = t.write("grading.yaml", fixed);
    let out = t.again().arg("validate").arg(&path).expect(0);
    assert_eq!(out.stdout, "1 bank, 2 questions, 6 examples: no problems\n", "{out:?}");
}

#[test]
fn an_example_that_passes_by_mistake_is_an_error() {
    let t = Test::new();
    let wrong =
        BANK.replace("Put everything in a max heap and pop k times.", "Use a min heap of size k, log k per item.");
    let path = t.write(
        "grading.yaml",
        wrong.replace("    answer: (i + 1) % k\n", "    answer: (i + 1) % k\n    accept: [(i + 1) mod k]\n"),
    );
    let out = t.again().arg("validate").arg(&path).expect(2);
    assert!(
        out.stdout.contains("grading.yaml:28: grading-top-k: example \"Use a min heap of size k, log k per item.\" scored 0.75, expected fail"),
        "{out:?}"
    );
}

#[test]
fn lints_catch_free_ticks_thin_points_and_missing_examples() {
    let weak = r#"format: 1
topic: weak
title: Weak grading
questions:
  - id: weak-cache
    type: open
    difficulty: easy
    level: junior
    prompt: Why put a cache in front of a database?
    model_answer: It serves repeated reads from memory, so the database does less work and latency falls.
    key_points:
      - point: Repeated reads come from memory
        keywords: [cache]
      - point: Less load on the database
        keywords: [process, offload]
      - point: Lower latency
        keywords: [latency, faster, "lo* & respons*", "falls|<= 5"]
    explanation: A cache answers hot reads without touching the database.
  - id: weak-short
    type: short
    difficulty: easy
    level: junior
    prompt: What does TTL stand for?
    answer: time to live
    explanation: How long an entry may be served.
"#;
    let t = Test::new();
    let path = t.write("weak.yaml", weak);
    let out = t.again().arg("validate").arg(&path).expect(0);
    let warnings: Vec<&str> = out.stdout.lines().filter(|l| l.contains(": warning: ")).collect();
    for expected in [
        "weak.yaml:5: warning: weak-cache: key point 1 has 1 keyword; give several ways people say it",
        "weak.yaml:5: warning: weak-cache: keyword 'cache' occurs in the prompt, so repeating the question earns it",
        "weak.yaml:5: warning: weak-cache: keyword 'process' is a common word that any answer may contain",
        "weak.yaml:5: warning: weak-cache: keyword 'lo*' is a prefix of 2 characters; use 4 or more, or whole words",
        "weak.yaml:5: warning: weak-cache: keyword 'falls|<= 5' mixes words and notation around '|', so its bars are read as notation, not \"or\"; give each alternative as its own keyword",
        "weak.yaml:5: warning: weak-cache: the model answer does not earn its own key point 1 (Repeated reads come from memory)",
        "weak.yaml:5: warning: weak-cache: the model answer does not earn its own key point 2 (Less load on the database)",
        "weak.yaml:5: warning: weak-cache: an open question needs `examples` with at least 2 `pass` and 1 `fail` answers (has 0 and 0)",
        "weak.yaml:19: warning: weak-short: a short question needs `examples` with at least 1 `pass` and 1 `fail` answer (has 0 and 0)",
    ] {
        assert!(warnings.iter().any(|w| w.contains(expected)), "missing {expected:?} in\n{}", out.stdout);
    }
    assert!(out.stdout.ends_with("1 bank, 2 questions, 0 examples: 9 warnings\n"), "{out:?}");
    t.again().arg("validate").arg("--deny-warnings").arg(&path).expect(2);
}

#[test]
fn the_prompt_given_back_does_not_pass() {
    let echo = r#"format: 1
topic: echo
title: Echo
questions:
  - id: echo-q
    type: open
    difficulty: easy
    level: junior
    prompt: Explain leader election and log replication in Raft.
    model_answer: A leader is elected by majority vote and replicates its log.
    key_points:
      - point: Leader election
        keywords: [leader election, elected]
      - point: Log replication
        keywords: [log replication, replicates]
    explanation: Raft.
"#;
    let t = Test::new();
    let path = t.write("echo.yaml", echo);
    let out = t.again().arg("validate").arg(&path).expect(0);
    assert!(
        out.stdout.contains(
            "echo.yaml:5: warning: echo-q: the prompt, given back as the answer, passes; its keywords echo the question"
        ),
        "{out:?}"
    );
}

#[test]
fn a_short_answer_that_only_restates_the_prompt_is_not_accepted() {
    let bank = r#"format: 1
topic: echo
title: Echo
questions:
  - id: echo-status
    type: short
    difficulty: easy
    level: junior
    prompt: A POST request has just created a new resource. How long before the 2nd retry, and which status code?
    answer: "201"
    accept: [created]
    explanation: 201 Created.
"#;
    let t = Test::new();
    let path = t.write("echo.yaml", bank);
    let correct = |answer: &str| {
        let out = t.again().arg("--bank").arg(&path).args(["grade", "--json", "echo-status", answer]).expect(0);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        v["correct"].as_bool().unwrap()
    };
    assert!(!correct("A POST request has just created a new resource"), "the prompt given back");
    assert!(correct("created"));
    assert!(correct("201 for the new resource"), "the answer with the prompt's words around it");
    assert!(correct("201 before the 2nd retry"), "an ordinal the prompt names restates it");
    assert!(!correct("201 before the 3rd retry"), "one it does not name is another claim");
}

#[test]
fn quiz_grade_shows_the_words_that_earned_each_point() {
    let (t, path) = with_bank();
    let out = quiz(&t, &path)
        .args(["grade", "grading-top-k", "Keep a min heap of k items and replace the root when a bigger value comes."])
        .expect(0);
    assert_eq!(
        out.stdout,
        "grading-top-k: correct (score 0.75)\n  ✔ A min-heap of size k whose root is the smallest kept value [core] — matched: \"min heap\"\n  \
         ✔ Replace the root when a new value beats it — matched: \"replace the root\"\n  ✘ log k per item and O(k) memory\n"
    );
    let out = t
        .again()
        .arg("--bank")
        .arg(&path)
        .args(["grade", "--json", "grading-top-k", "Use a max heap of size k instead of a min heap"])
        .expect(0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["correct"], false);
    assert_eq!(v["points"][0]["hit"], false, "a min heap named after 'instead of' does not count: {v}");
    let out = t.again().arg("--bank").arg(&path).args(["grade", "grading-mod"]).stdin("(i+1)%k\n").expect(0);
    assert!(out.stdout.starts_with("grading-mod: correct (score 1.00)"), "{out:?}");
}

/// Runs the open question of the fixture in a plain session with `grader` and `answer`.
fn graded_by(grader: &str, answer: &str) -> (crate::harness::Output, serde_json::Value) {
    let t = Test::new();
    let path = t.write("grading.yaml", BANK);
    let script = t.write("grader.sh", grader);
    let out = t
        .again()
        .arg("--bank")
        .arg(&path)
        .args(["--topic", "grading", "--tag", "heaps", "-n", "1", "--grader-timeout", "2s", "--grader"])
        .arg(format!("sh {}", script.display()))
        .stdin(&format!("{answer}\n"))
        .run();
    let log = t.history();
    let answer = of_kind(&log, "answer").first().map(|v| (*v).clone()).unwrap_or_default();
    (out, answer)
}

#[test]
fn an_external_grader_decides_which_points_are_covered() {
    // The grader checks it was sent the answer and the key points, then covers all three.
    let grader = r#"input=$(cat)
case "$input" in
  *'"answer":"a heap, as I said"'*'"index":2'*) ;;
  *'"index":2'*'"answer":"a heap, as I said"'*) ;;
  *) echo '{"covered":[]}'; exit 0 ;;
esac
echo '{"covered":[0,1,2]}'
"#;
    let (out, answer) = graded_by(grader, "a heap, as I said");
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(answer["score"], 1.0, "{out:?}");
    assert!(!out.stdout.contains("failed"), "{out:?}");
}

#[test]
fn ctrl_c_while_the_external_grader_runs_keeps_the_answer() {
    // The grader finds `quiz` among its ancestors and sends it SIGINT, as Ctrl-C would.
    let grader = r#"p=$PPID
while [ "$p" -gt 1 ] && [ "$(cat /proc/$p/comm)" != quiz ]; do p=$(awk '/^PPid/ {print $2}' /proc/$p/status); done
kill -INT "$p"
sleep 5 </dev/null >/dev/null 2>&1
"#;
    let (out, answer) = graded_by(grader, "a min heap of size k, replace the root when bigger; log k");
    assert_eq!(out.code, 130, "{out:?}");
    assert!(out.stdout.contains("Session interrupted"), "{out:?}");
    assert_eq!(answer["response"], "a min heap of size k, replace the root when bigger; log k", "{out:?}");
    assert_eq!(answer["score"], 1.0, "graded by the built-in grader: {answer}");
}

#[test]
fn a_hanging_or_garbled_grader_falls_back_to_the_built_in_one() {
    let (out, answer) = graded_by("sleep 30\n", "a min heap of size k, replace the root when bigger; log k");
    assert!(out.stdout.contains("failed (no answer within 2s); graded by the built-in grader"), "{out:?}");
    assert_eq!(answer["score"], 1.0, "{out:?}");

    let (out, answer) = graded_by("echo 'I think it is fine'\n", "a max heap");
    assert!(out.stdout.contains("failed (it printed no {\"covered\": [...]} object: I think it is fine)"), "{out:?}");
    assert_eq!(answer["score"], 0.0, "{out:?}");

    let (out, _) = graded_by("echo '{\"covered\":[7]}'\n", "a min heap");
    assert!(out.stdout.contains("failed (it named key point 7, but there are 3)"), "{out:?}");

    let (out, _) = graded_by("exit 3\n", "a min heap");
    assert!(out.stdout.contains("failed (it exited with exit status: 3)"), "{out:?}");
}

#[test]
fn feedback_quotes_the_answer_for_each_point() {
    let (t, path) = with_bank();
    let out = quiz(&t, &path)
        .args(["--topic", "grading", "--tag", "heaps", "-n", "1"])
        .stdin("I would never use a min heap; a max heap and pop the root when bigger\n")
        .expect(0);
    assert!(out.stdout.contains("[ ] A min-heap of size k whose root is the smallest kept value (core)\n"), "{out:?}");
    assert!(
        out.stdout.contains("[x] Replace the root when a new value beats it — matched: \"pop the root\""),
        "{out:?}"
    );
    assert!(out.stdout.contains("✗ Wrong (score 25%)"), "{out:?}");
}

#[test]
fn an_edited_builtin_bank_is_validated_as_its_new_version() {
    let t = Test::new();
    let original = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/questions/caching.yaml")).unwrap();
    let edited = original.replacen("prompt:", "prompt: (edited)", 1);
    let path = t.write("caching.yaml", edited);
    let out = t.again().arg("validate").arg(&path).run();
    assert!(!out.stdout.contains("duplicate id"), "{out:?}");
    let count = original.matches("\n  - id: ").count();
    assert!(out.stdout.contains(&format!("1 bank, {count} questions")), "{out:?}");
}

#[test]
fn grading_against_an_edited_copy_of_a_builtin_bank() {
    let t = Test::new();
    let original = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/questions/caching.yaml")).unwrap();
    let id = original.split("  - id: ").nth(1).unwrap().lines().next().unwrap().trim().to_owned();
    let path = t.write("caching.yaml", &original);
    let out = t.again().arg("--bank").arg(&path).args(["grade", "--json", &id, "something"]).run();
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!out.stderr.contains("duplicate id"), "{out:?}");
}
