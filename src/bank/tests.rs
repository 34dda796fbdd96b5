//! Bank parsing and checking, end to end on small texts.

use super::{
    locate::Locator,
    parse::{SPLIT_AT, parse_in_halves},
    *,
};

const GOOD: &str = "format: 1
topic: demo
title: Demo
questions:
  - id: demo-one
    type: choice
    difficulty: easy
    level: junior
    prompt: Pick b
    choices: [a, b]
    answer: b
    explanation: Because.
";

fn errors(text: &str) -> Vec<String> {
    parse("demo.yaml", "demo", text).unwrap_err().into_iter().map(|d| d.to_string()).collect()
}

#[test]
fn good_bank_parses() {
    let bank = parse("demo.yaml", "demo", GOOD).unwrap();
    assert_eq!(bank.questions.len(), 1);
    let q = &bank.questions[0];
    assert_eq!(q.line, 5);
    assert_eq!(q.answer_text(), "b");
    assert_eq!(q.default_limit(), Duration::from_secs(45));
}

#[test]
fn answer_not_among_choices_points_at_the_answer_line() {
    let text = GOOD.replace("answer: b", "answer: c");
    assert_eq!(errors(&text), ["demo.yaml:11:5: answer 'c' is not among the choices; copy the choice text exactly"]);
}

#[test]
fn newer_format_asks_for_an_upgrade() {
    let text = GOOD.replace("format: 1", "format: 2");
    assert_eq!(errors(&text), ["demo.yaml:1:1: bank format 2 is newer than this quiz reads (format 1); upgrade quiz"]);
}

#[test]
fn unknown_field_is_located() {
    let text = GOOD.replace("prompt: Pick b", "promt: Pick b");
    let errs = errors(&text);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with("demo.yaml:9:5: unknown field `promt`; a question's fields are id, type"), "{errs:?}");
}

#[test]
fn prebuilt_json_gives_the_same_bank_and_falls_back_to_yaml() {
    let json = r#"{"format":1,"topic":"demo","title":"Demo","questions":[{"id":"demo-one","type":"choice","difficulty":"easy","level":"junior","prompt":"Pick b","choices":["a","b"],"answer":"b","explanation":"Because."}]}"#;
    let bank = parse_prebuilt("demo.yaml", "demo", GOOD, json).unwrap();
    assert_eq!((bank.questions[0].line, bank.questions[0].answer_text()), (5, "b".to_owned()));
    let errs = parse_prebuilt("demo.yaml", "demo", &GOOD.replace("answer: b", "answer: c"), "not json").unwrap_err();
    assert_eq!(
        errs[0].to_string(),
        "demo.yaml:11:5: answer 'c' is not among the choices; copy the choice text exactly"
    );
}

#[test]
fn a_large_bank_parses_in_halves_to_the_same_questions() {
    let mut text = String::from("format: 1\ntopic: demo\ntitle: Demo\nquestions:\n");
    let mut n = 0;
    while text.len() < SPLIT_AT + 4096 {
        text.push_str(
            &GOOD["format: 1\ntopic: demo\ntitle: Demo\nquestions:\n".len()..]
                .replace("demo-one", &format!("demo-q{n}")),
        );
        n += 1;
    }
    let halves = parse_in_halves(&text, &Locator::new(&text)).map(|raw| raw.questions.len());
    assert_eq!(halves, Some(n), "the halves path is taken");
    let bank = parse("demo.yaml", "demo", &text).unwrap();
    assert_eq!(bank.questions.len(), n);
    assert_eq!(bank.questions[n - 1].id, format!("demo-q{}", n - 1));
    let last = text.lines().position(|l| l == format!("  - id: demo-q{}", n - 1)).unwrap() + 1;
    assert_eq!(bank.questions[n - 1].line, last);
    // A mistake in the second half is still reported at its own line.
    let broken = text.replacen(
        &format!("answer: b\n    explanation: Because.\n  - id: demo-q{}", n - 2),
        &format!("answer: c\n    explanation: Because.\n  - id: demo-q{}", n - 2),
        1,
    );
    let errs = parse("demo.yaml", "demo", &broken).unwrap_err();
    let expected = broken.lines().position(|l| l == "    answer: c").unwrap() + 1;
    assert_eq!((errs.len(), errs[0].line, errs[0].column), (1, expected, 5), "{errs:?}");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{GOOD}");
    assert_eq!(parse("demo.yaml", "demo", &text).unwrap().questions.len(), 1);
}

#[test]
fn numeric_choices_are_text() {
    let text = GOOD.replace("[a, b]", "[200, 204]").replace("answer: b", "answer: 204");
    assert_eq!(parse("demo.yaml", "demo", &text).unwrap().questions[0].answer_text(), "204");
}

#[test]
fn unquoted_decimals_are_refused() {
    let text = GOOD.replace("[a, b]", "[3.9, 3.10]").replace("answer: b", "answer: \"3.10\"");
    let errs = errors(&text);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with("demo.yaml:10:"), "{errs:?}");
    assert!(errs[0].contains("choices: the number 3.9 must be quoted (\"3.9\")"), "{errs:?}");
}

#[test]
fn limits_parse_and_reject_nonsense() {
    assert_eq!(parse_limit("1m30s"), Ok(Duration::from_secs(90)));
    assert!(parse_limit("0s").is_err());
    assert!(parse_limit("soon").is_err());
    assert!(parse_limit("2h").is_err());
}

#[test]
fn slugs() {
    assert!(is_slug("system-design"));
    assert!(!is_slug("System"));
    assert!(!is_slug("a--b"));
    assert!(!is_slug(""));
}

#[test]
fn every_problem_of_every_question_in_one_run() {
    let second = GOOD.split("questions:\n").nth(1).unwrap().replace("demo-one", "demo-two");
    let text = GOOD
        .replace("    type: choice\n", "    type: choise\n")
        .replace("    level: junior\n", "    level: junior\n    colour: red\n")
        .replace("[a, b]", "[1e3, 2]")
        .replace("explanation: Because.", "explanation: Because.\n    time_limit: soon")
        + &second.replace("difficulty: easy", "difficulty: trivial").replace("answer: b", "answer: c");
    assert_eq!(
        errors(&text),
        [
            "demo.yaml:6:5: type: unknown variant `choise`, expected one of `choice`, `multi`, `short`, `open`",
            "demo.yaml:9:5: unknown field `colour`; a question's fields are id, type, difficulty, level, tags, prompt, \
             choices, answer, accept, explanation, model_answer, key_points, time_limit, follow_ups, exact, match_case, \
             examples",
            "demo.yaml:11:5: choices: the number 1e3 must be quoted (\"1e3\") so its exact spelling is kept",
            "demo.yaml:17:5: difficulty: unknown variant `trivial`, expected one of `easy`, `medium`, `hard`",
        ]
    );
}

#[test]
fn rule_problems_of_readable_questions_come_with_read_problems() {
    let second =
        GOOD.split("questions:\n").nth(1).unwrap().replace("demo-one", "demo-two").replace("answer: b", "answer: c");
    let text = GOOD.replace("    type: choice\n", "    type: choise\n") + &second;
    let errs = errors(&text);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(errs[0].starts_with("demo.yaml:6:5: type: unknown variant `choise`"), "{errs:#?}");
    assert_eq!(errs[1], "demo.yaml:19:5: answer 'c' is not among the choices; copy the choice text exactly");
}

#[test]
fn long_text_in_a_message_is_clipped() {
    let passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n";
    let errs = errors(passwd);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].len() < 200, "{errs:?}");
    assert!(errs[0].starts_with("demo.yaml:1:1: the top level of a bank must be a mapping"), "{errs:?}");
}

#[test]
fn at_most_26_choices() {
    let many: Vec<String> = (1..=27).map(|n| format!("c{n}")).collect();
    let text = GOOD.replace("[a, b]", &format!("[{}]", many.join(", "))).replace("answer: b", "answer: c1");
    assert_eq!(
        errors(&text),
        ["demo.yaml:10:5: a choice question has 27 choices; choices are labelled a) to z), so use at most 26"]
    );
    let ok: Vec<String> = (1..=26).map(|n| format!("c{n}")).collect();
    assert!(
        parse(
            "demo.yaml",
            "demo",
            &GOOD.replace("[a, b]", &format!("[{}]", ok.join(", "))).replace("answer: b", "answer: c1")
        )
        .is_ok()
    );
}
