//! Bank validation: every rule reports file:line:column and what to fix, with exit 2; the
//! built-in banks are valid and embedded.

use crate::harness::Test;

const HEAD: &str = "format: 1\ntopic: bad\ntitle: Bad bank\nquestions:\n";

const CHOICE: &str = "  - id: bad-choice
    type: choice
    difficulty: easy
    level: junior
    prompt: Pick b
    choices: [a, b]
    answer: b
    explanation: Because.
";

/// Validates a bank named `bad.yaml` with `text` and returns the first line of stdout.
fn problems(text: &str) -> Vec<String> {
    let t = Test::new();
    let path = t.write("bad.yaml", text);
    let out = t.arg("validate").arg(&path).expect(2);
    let prefix = format!("{}:", path.display());
    let lines: Vec<String> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .map(|l| format!("bad.yaml:{}", &l[prefix.len()..]))
        .collect();
    assert!(!lines.is_empty(), "{out:?}");
    lines
}

fn bank(questions: &str) -> String {
    format!("{HEAD}{questions}")
}

#[test]
fn yaml_syntax_error() {
    let p = problems(&bank(&CHOICE.replace("choices: [a, b]", "choices: [a, b")));
    assert_eq!(
        p,
        ["bad.yaml:11:11: did not find expected ',' or ']', while parsing a flow sequence at line 10 column 14"]
    );
}

#[test]
fn tab_indentation() {
    let p = problems(&bank(&CHOICE.replace("    level: junior", "\tlevel: junior")));
    assert!(p[0].starts_with("bad.yaml:8:1: "), "{p:?}");
    assert!(p[0].contains("tab"), "{p:?}");
}

#[test]
fn unknown_field() {
    let p = problems(&bank(&CHOICE.replace("prompt:", "promt:")));
    assert!(p[0].starts_with("bad.yaml:9:5: unknown field `promt`; a question's fields are"), "{p:?}");
}

#[test]
fn unknown_type_value() {
    let p = problems(&bank(&CHOICE.replace("type: choice", "type: pick")));
    assert_eq!(p, ["bad.yaml:6:5: type: unknown variant `pick`, expected one of `choice`, `multi`, `short`, `open`"]);
}

#[test]
fn duplicate_ids() {
    let p = problems(&bank(&format!("{CHOICE}{CHOICE}")));
    assert_eq!(p, ["bad.yaml:13:5: duplicate id 'bad-choice' (first used on line 5); ids must be unique"]);
}

#[test]
fn answer_not_among_choices() {
    let p = problems(&bank(&CHOICE.replace("answer: b", "answer: c")));
    assert_eq!(p, ["bad.yaml:11:5: answer 'c' is not among the choices; copy the choice text exactly"]);
}

#[test]
fn fewer_than_two_choices() {
    let p = problems(&bank(&CHOICE.replace("[a, b]", "[b]")));
    assert_eq!(p, ["bad.yaml:10:5: a choice question needs at least 2 choices, found 1"]);
}

#[test]
fn empty_prompt_and_missing_explanation() {
    let p =
        problems(&bank(&CHOICE.replace("prompt: Pick b", "prompt: \"  \"").replace("    explanation: Because.\n", "")));
    assert_eq!(
        p,
        [
            "bad.yaml:5:5: explanation is missing or empty; explain why the answer is right",
            "bad.yaml:9:5: prompt is missing or empty; write the question",
        ]
    );
}

#[test]
fn open_without_key_points_or_keywords() {
    let open = "  - id: bad-open
    type: open
    difficulty: hard
    level: senior
    prompt: Explain
    model_answer: Like this.
    explanation: Why.
";
    let p = problems(&bank(open));
    assert_eq!(p, ["bad.yaml:5:5: an open question needs `key_points`: a list of {point, keywords}"]);
    let with_points = format!("{open}    key_points:\n      - point: One\n        keywords: []\n");
    let p = problems(&bank(&with_points));
    assert_eq!(p, ["bad.yaml:13:7: key point 1 needs `keywords`: words or phrases a good answer uses"]);
}

#[test]
fn bad_time_limit() {
    let p = problems(&bank(&format!("{CHOICE}    time_limit: soon\n")));
    assert!(p[0].starts_with("bad.yaml:13:5: bad time_limit 'soon': "), "{p:?}");
    let p = problems(&bank(&format!("{CHOICE}    time_limit: 0s\n")));
    assert_eq!(p, ["bad.yaml:13:5: bad time_limit '0s': it must be longer than zero"]);
}

#[test]
fn unknown_format_version() {
    let p = problems(&bank(CHOICE).replace("format: 1", "format: 3"));
    assert_eq!(p, ["bad.yaml:1:1: bank format 3 is newer than this quiz reads (format 1); upgrade quiz"]);
}

#[test]
fn topic_must_match_file_name() {
    let p = problems(&bank(CHOICE).replace("topic: bad", "topic: other"));
    assert_eq!(
        p,
        [
            "bad.yaml:2:1: topic 'other' does not match the file name 'bad'; the file stem is the topic slug, so rename one of them"
        ]
    );
}

#[test]
fn misplaced_fields_and_multi_answers() {
    let p = problems(&bank(&CHOICE.replace("answer: b", "answer: [a, b]")));
    assert_eq!(p, ["bad.yaml:11:5: a choice question has exactly one answer; use type `multi` for several"]);
    let short = "  - id: bad-short
    type: short
    difficulty: easy
    level: junior
    prompt: Say it
    choices: [x, y]
    answer: it
    explanation: Because.
";
    let p = problems(&bank(short));
    assert_eq!(p, ["bad.yaml:10:5: `choices` is not used by short questions; remove it"]);
}

#[test]
fn follow_ups_must_exist_and_not_cycle() {
    let a = CHOICE
        .replace("id: bad-choice", "id: bad-a")
        .replace("    explanation: Because.\n", "    explanation: Because.\n    follow_ups: [bad-b]\n");
    let b = CHOICE
        .replace("id: bad-choice", "id: bad-b")
        .replace("    explanation: Because.\n", "    explanation: Because.\n    follow_ups: [bad-a]\n");
    let p = problems(&bank(&format!("{a}{b}")));
    assert_eq!(p, ["bad.yaml:5:1: follow-ups form a cycle: bad-a -> bad-b -> bad-a; break it"]);
    let p = problems(&bank(&a));
    assert_eq!(p, ["bad.yaml:5:1: follow-up 'bad-b' of 'bad-a' is not a known question id"]);
}

#[test]
fn validating_a_path_checks_it_against_the_builtin_banks() {
    let follow = CHOICE.replace(
        "    explanation: Because.\n",
        "    explanation: Because.\n    follow_ups: [apis-idempotent-methods]\n",
    );
    let t = Test::new();
    let path = t.write("bad.yaml", bank(&follow));
    let out = t.arg("validate").arg(&path).expect(0);
    assert!(out.stdout.ends_with("1 bank, 1 question, 0 examples: no problems\n"), "{out:?}");
    let dup = CHOICE.replace("id: bad-choice", "id: apis-idempotent-methods");
    let p = problems(&bank(&dup));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("bad.yaml:5:1: duplicate id 'apis-idempotent-methods' (also in questions/apis.yaml:"),
        "{p:?}"
    );
}

#[test]
fn empty_file_non_mapping_and_invalid_utf8() {
    assert_eq!(
        problems(""),
        ["bad.yaml:1:1: the file is empty; a bank starts with `format: 1`, `topic:`, `title:` and `questions:`"]
    );
    let p = problems("- just\n- a list\n");
    assert_eq!(
        p,
        [
            "bad.yaml:1:1: the top level of a bank must be a mapping with `format`, `topic`, `title` and `questions`, not a list"
        ]
    );
    let t = Test::new();
    let path = t.write("bad.yaml", b"format: 1\ntopic: b\xffad\n");
    let out = t.arg("validate").arg(&path).expect(2);
    assert!(out.stdout.contains("bad.yaml:2:9: the file is not valid UTF-8; save it as UTF-8"), "{out:?}");
}

#[test]
fn alias_bombs_and_deep_nesting_are_bounded() {
    // Nine levels of nine-fold aliases would expand to 387 million strings.
    let mut bomb = String::from("    tags: [&a0 [x, x, x, x, x, x, x, x, x]");
    for i in 1..9 {
        let p = format!("*a{}", i - 1);
        bomb.push_str(&format!(", &a{i} [{}]", vec![p; 9].join(", ")));
    }
    bomb.push_str("]\n");
    let p = problems(&bank(&CHOICE.replace("    prompt:", &format!("{bomb}    prompt:"))));
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("bad.yaml:9:"), "{p:?}");
    let deep =
        format!("format: 1\ntopic: bad\ntitle: Deep\nquestions: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let p = problems(&deep);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p, ["bad.yaml:4:140: nesting is deeper than 128 levels; banks need only a few"]);
}

#[test]
fn bad_bank_stops_a_session_with_its_location() {
    let t = Test::new();
    let path = t.write("bad.yaml", bank(&CHOICE.replace("answer: b", "answer: c")));
    let out = t.arg("--bank").arg(&path).args(["-t", "bad"]).expect(2);
    assert!(out.stderr.contains("bad.yaml:11:5: answer 'c' is not among the choices"), "{out:?}");
    assert!(out.stderr.contains("1 problem in the question banks; fix it and run `quiz validate`"), "{out:?}");
}

#[test]
fn extra_bank_directories_and_env() {
    let t = Test::new();
    t.write("banks/bad.yaml", bank(&CHOICE.replace("[a, b]", "[yes, no]").replace("answer: b", "answer: yes")));
    let dir = t.dir.path().join("banks");
    let out =
        t.again().env("QUIZ_BANKS", dir.to_str().unwrap()).args(["-t", "bad", "--no-history"]).stdin("yes\n").expect(0);
    assert!(out.stdout.contains("✓ Correct"), "{out:?}");
    let out = t.again().arg("--bank").arg(&dir).args(["validate"]).expect(0);
    assert!(out.stdout.ends_with(": no problems\n"), "{out:?}");
}

#[test]
fn builtin_banks_validate_clean_by_default_and_as_a_directory() {
    let out = Test::new().arg("validate").expect(0);
    assert!(out.stdout.starts_with("12 banks, ") && out.stdout.ends_with("no problems\n"), "{out:?}");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    let again = Test::new().arg("validate").arg(dir).expect(0);
    assert_eq!(again.stdout, out.stdout, "the checkout's own banks are not counted twice");
}

#[test]
fn bad_indentation_and_duplicate_keys_are_located() {
    let p = problems(&bank(&CHOICE.replace("    type: choice", "   type: choice")));
    assert!(p[0].starts_with("bad.yaml:"), "{p:?}");
    let p = problems(&bank(&CHOICE.replace("    level: junior\n", "    level: junior\n    level: mid\n")));
    assert_eq!(p, ["bad.yaml:5:5: questions[0]: duplicate field `level`"]);
}

#[test]
fn a_huge_bank_is_refused_before_parsing() {
    let t = Test::new();
    let path = t.dir.path().join("bad.yaml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let out = t.arg("validate").arg(&path).expect(2);
    assert!(
        out.stdout.contains("bad.yaml:1:1: bank is 68157440 bytes, over the 64 MiB limit; split it into several files"),
        "{out:?}"
    );
}
