//! The rules a bank must follow, checked after parsing; every problem becomes a [`Diagnostic`]
//! with its file, line and column.

use std::{collections::HashMap, time::Duration};

use super::{
    Bank, Diagnostic, Example, Examples, FORMAT, KeyPoint, Kind, QType, Question,
    locate::Locator,
    raw::{RawAnswer, RawBank, Text},
};

/// Whether `s` holds a letter, a digit or an operator, not only spaces and punctuation.
fn has_content(s: &str) -> bool {
    s.chars().any(|c| c.is_alphanumeric() || "+#%^*/<>=!~-".contains(c))
}

/// Whether `s` is a lowercase kebab-case slug such as `system-design`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

pub(super) fn check(file: &str, stem: &str, loc: &Locator, raw: RawBank) -> Result<Bank, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut push = |(line, column): (usize, usize), message: String| {
        diags.push(Diagnostic { file: file.to_owned(), line, column, message })
    };
    if raw.format != FORMAT {
        push(loc.top("format"), format!("unknown bank format {}; this quiz reads `format: {FORMAT}`", raw.format));
    }
    if raw.topic != stem {
        push(
            loc.top("topic"),
            format!(
                "topic '{}' does not match the file name '{stem}'; the file stem is the topic slug, so rename one of them",
                raw.topic
            ),
        );
    } else if !is_slug(&raw.topic) {
        push(loc.top("topic"), format!("topic '{}' must be lowercase kebab-case, like `system-design`", raw.topic));
    }
    if raw.title.trim().is_empty() {
        push(loc.top("title"), "title is missing or empty; give the topic a human title".into());
    }
    if raw.questions.is_empty() {
        push(loc.top("questions"), "the bank has no questions; add at least one under `questions:`".into());
    }

    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut questions = Vec::with_capacity(raw.questions.len());
    for (i, rq) in raw.questions.into_iter().enumerate() {
        let field = |name: &str| loc.field(i, name);
        let start = loc.item(i);
        if rq.id.trim().is_empty() {
            push(start, "question has no id; add `id: <topic>-<slug>`".into());
        } else if !is_slug(&rq.id) {
            push(field("id"), format!("id '{}' must be lowercase kebab-case, like `dsa-binary-search`", rq.id));
        } else if let Some(first) = seen.get(&rq.id) {
            push(field("id"), format!("duplicate id '{}' (first used on line {first}); ids must be unique", rq.id));
        } else {
            seen.insert(rq.id.clone(), start.0);
        }
        if rq.prompt.trim().is_empty() {
            push(field_or(loc, i, "prompt"), "prompt is missing or empty; write the question".into());
        }
        if rq.explanation.trim().is_empty() {
            push(
                field_or(loc, i, "explanation"),
                "explanation is missing or empty; explain why the answer is right".into(),
            );
        }
        let time_limit = match &rq.time_limit {
            None => None,
            Some(Text(t)) => match parse_limit(t) {
                Ok(d) => Some(d),
                Err(why) => {
                    push(field("time_limit"), format!("bad time_limit '{t}': {why}"));
                    None
                }
            },
        };
        for id in &rq.follow_ups {
            if id == &rq.id {
                push(field("follow_ups"), format!("question '{id}' lists itself as a follow-up"));
            }
        }
        let not_for = |name: &str, present: bool, what: &str| -> Option<((usize, usize), String)> {
            present.then(|| (field(name), format!("`{name}` is not used by {what} questions; remove it")))
        };
        let qtype = rq.qtype;
        let what = match qtype {
            QType::Choice => "choice",
            QType::Multi => "multi",
            QType::Short => "short",
            QType::Open => "open",
        };
        let mut misplaced = Vec::new();
        let kind = match qtype {
            QType::Choice | QType::Multi => {
                misplaced.extend(not_for("accept", rq.accept.is_some(), what));
                misplaced.extend(not_for("model_answer", rq.model_answer.is_some(), what));
                misplaced.extend(not_for("key_points", rq.key_points.is_some(), what));
                misplaced.extend(not_for("examples", rq.examples.is_some(), what));
                misplaced.extend(not_for("exact", rq.exact.is_some(), what));
                misplaced.extend(not_for("match_case", rq.match_case.is_some(), what));
                let choices: Vec<String> = rq.choices.unwrap_or_default().into_iter().map(|t| t.0).collect();
                let mut ok = true;
                if choices.len() < 2 {
                    push(
                        field_or(loc, i, "choices"),
                        format!("a {what} question needs at least 2 choices, found {}", choices.len()),
                    );
                    ok = false;
                }
                if choices.iter().any(|c| c.trim().is_empty()) {
                    push(field("choices"), "a choice is empty; every choice needs text".into());
                    ok = false;
                }
                for (j, c) in choices.iter().enumerate() {
                    if choices[..j].contains(c) {
                        push(field("choices"), format!("choice '{c}' is listed twice"));
                        ok = false;
                    }
                }
                let index = |a: &str| choices.iter().position(|c| c == a);
                match (qtype, rq.answer) {
                    (_, None) => {
                        push(start, "answer is missing; give the correct choice text".into());
                        None
                    }
                    (QType::Choice, Some(RawAnswer::Many(_))) => {
                        push(
                            field("answer"),
                            "a choice question has exactly one answer; use type `multi` for several".into(),
                        );
                        None
                    }
                    (QType::Choice, Some(RawAnswer::One(a))) => match index(&a) {
                        Some(answer) if ok => Some(Kind::Choice { choices, answer }),
                        Some(_) => None,
                        None => {
                            push(
                                field("answer"),
                                format!("answer '{a}' is not among the choices; copy the choice text exactly"),
                            );
                            None
                        }
                    },
                    (_, Some(answer)) => {
                        let given = match answer {
                            RawAnswer::One(a) => vec![a],
                            RawAnswer::Many(all) => all,
                        };
                        let mut answers = Vec::new();
                        for a in &given {
                            match index(a) {
                                Some(j) if answers.contains(&j) => {
                                    push(field("answer"), format!("answer '{a}' is listed twice"));
                                    ok = false;
                                }
                                Some(j) => answers.push(j),
                                None => {
                                    push(
                                        field("answer"),
                                        format!("answer '{a}' is not among the choices; copy the choice text exactly"),
                                    );
                                    ok = false;
                                }
                            }
                        }
                        if given.is_empty() {
                            push(field("answer"), "a multi question needs at least one answer".into());
                            ok = false;
                        }
                        answers.sort_unstable();
                        ok.then_some(Kind::Multi { choices, answers })
                    }
                }
            }
            QType::Short => {
                misplaced.extend(not_for("choices", rq.choices.is_some(), what));
                misplaced.extend(not_for("model_answer", rq.model_answer.is_some(), what));
                misplaced.extend(not_for("key_points", rq.key_points.is_some(), what));
                let accept: Vec<String> = rq.accept.unwrap_or_default().into_iter().map(|t| t.0).collect();
                if accept.iter().any(|a| !has_content(a)) {
                    push(field("accept"), "an accepted spelling is empty or only punctuation; remove it".into());
                }
                let (exact, match_case) = (rq.exact.unwrap_or(false), rq.match_case.unwrap_or(false));
                match rq.answer {
                    Some(RawAnswer::One(answer)) if has_content(&answer) => {
                        Some(Kind::Short { answer, accept, exact, match_case })
                    }
                    Some(RawAnswer::One(_)) => {
                        push(field("answer"), "answer is empty or only punctuation; give the canonical answer".into());
                        None
                    }
                    Some(RawAnswer::Many(_)) => {
                        push(
                            field("answer"),
                            "a short question has one canonical answer; list other spellings in `accept`".into(),
                        );
                        None
                    }
                    None => {
                        push(start, "answer is missing; give the canonical short answer".into());
                        None
                    }
                }
            }
            QType::Open => {
                misplaced.extend(not_for("choices", rq.choices.is_some(), what));
                misplaced.extend(not_for("answer", rq.answer.is_some(), what));
                misplaced.extend(not_for("accept", rq.accept.is_some(), what));
                misplaced.extend(not_for("exact", rq.exact.is_some(), what));
                misplaced.extend(not_for("match_case", rq.match_case.is_some(), what));
                let model_answer = rq.model_answer.unwrap_or_default();
                let mut ok = true;
                if model_answer.trim().is_empty() {
                    push(field_or(loc, i, "model_answer"), "an open question needs a `model_answer`".into());
                    ok = false;
                }
                let raw_points = rq.key_points.unwrap_or_default();
                if raw_points.is_empty() {
                    push(
                        field_or(loc, i, "key_points"),
                        "an open question needs `key_points`: a list of {point, keywords}".into(),
                    );
                    ok = false;
                }
                let mut key_points = Vec::with_capacity(raw_points.len());
                for (k, kp) in raw_points.into_iter().enumerate() {
                    let here = loc.nth_entry(i, "key_points", k);
                    if kp.point.trim().is_empty() {
                        push(here, format!("key point {} has no `point` text", k + 1));
                        ok = false;
                    }
                    let keywords: Vec<String> = kp.keywords.into_iter().map(|t| t.0.trim().to_lowercase()).collect();
                    if keywords.is_empty() || keywords.iter().any(|k| k.is_empty()) {
                        push(
                            here,
                            format!("key point {} needs `keywords`: words or phrases a good answer uses", k + 1),
                        );
                        ok = false;
                    }
                    let weight = match kp.weight {
                        None => 1,
                        Some(w @ 1..=5) => w as u8,
                        Some(w) => {
                            push(here, format!("key point {} has weight {w}; use a whole number from 1 to 5", k + 1));
                            ok = false;
                            1
                        }
                    };
                    key_points.push(KeyPoint { point: kp.point, keywords, star: kp.star, core: kp.core, weight });
                }
                ok.then_some(Kind::Open { model_answer, key_points })
            }
        };
        for (at, message) in misplaced {
            push(at, message);
        }
        let examples = match rq.examples {
            None => Examples::default(),
            Some(raw) => {
                let locate = |t: &Text| Example { line: loc.find_text(i, "examples", &t.0).0, text: t.0.clone() };
                let examples = Examples {
                    pass: raw.pass.iter().map(locate).collect(),
                    fail: raw.fail.iter().map(locate).collect(),
                };
                if examples.pass.iter().chain(&examples.fail).any(|e| e.text.trim().is_empty()) {
                    push(field("examples"), "an example answer is empty; write the answer to test".into());
                }
                examples
            }
        };
        if let Some(kind) = kind {
            questions.push(Question {
                id: rq.id,
                topic: stem.to_owned(),
                difficulty: rq.difficulty,
                level: rq.level,
                tags: rq.tags.into_iter().map(|t| t.0).collect(),
                prompt: rq.prompt.trim_end().to_owned(),
                explanation: rq.explanation.trim_end().to_owned(),
                kind,
                time_limit,
                follow_ups: rq.follow_ups,
                examples,
                line: start.0,
            });
        }
    }
    if diags.is_empty() {
        Ok(Bank { topic: raw.topic, title: raw.title, file: file.to_owned(), questions })
    } else {
        Err(diags)
    }
}

/// The field's position if it is written, else the question's start.
fn field_or(loc: &Locator, i: usize, name: &str) -> (usize, usize) {
    loc.find_field(i, name).unwrap_or_else(|| loc.item(i))
}

/// Parses a time limit such as `45s`, `2m` or `1m30s`: positive and at most an hour.
pub fn parse_limit(s: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(s.trim()).map_err(|e| format!("{e}; write it like `45s`, `2m` or `1m30s`"))?;
    if d.is_zero() {
        return Err("it must be longer than zero".into());
    }
    if d > Duration::from_secs(3600) {
        return Err("it must be at most 1h".into());
    }
    Ok(d)
}
