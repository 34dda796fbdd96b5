//! The rules a bank must follow, checked after parsing; every problem becomes a [`Diagnostic`]
//! with its file, line and column.

use std::{collections::HashMap, time::Duration};

use super::{
    Bank, Diagnostic, Example, Examples, FORMAT, KeyPoint, Kind, QType, Question,
    locate::Locator,
    raw::{RawAnswer, RawBank, RawQuestion, Text},
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

/// Choices are labelled a) to z), so a question has at most this many.
pub const MAX_CHOICES: usize = 26;

/// The diagnostics of one bank, collected as the rules run.
struct Checker<'a> {
    file: &'a str,
    loc: &'a Locator<'a>,
    diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(&mut self, (line, column): (usize, usize), message: String) {
        self.diags.push(Diagnostic { file: self.file.to_owned(), line, column, message });
    }
}

/// The bank's own fields, as far as they could be read.
pub(super) struct Header {
    pub(super) format: u64,
    pub(super) topic: String,
    pub(super) title: String,
}

/// Checks a parsed bank against every rule; `Err` holds every problem found.
pub(super) fn check(file: &str, stem: &str, loc: &Locator, raw: RawBank) -> Result<Bank, Vec<Diagnostic>> {
    let header = Header { format: raw.format, topic: raw.topic, title: raw.title };
    check_indexed(file, stem, loc, header, raw.questions.into_iter().enumerate().collect(), Vec::new())
}

/// Checks the questions that could be read, each with its index in the file, adding to the
/// problems already found while reading the others.
pub(super) fn check_indexed(
    file: &str,
    stem: &str,
    loc: &Locator,
    head: Header,
    raw_questions: Vec<(usize, RawQuestion)>,
    found: Vec<Diagnostic>,
) -> Result<Bank, Vec<Diagnostic>> {
    let mut c = Checker { file, loc, diags: found };
    let no_questions = raw_questions.is_empty() && c.diags.is_empty();
    header(&mut c, stem, &head, no_questions);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut questions = Vec::with_capacity(raw_questions.len());
    for (i, rq) in raw_questions {
        questions.extend(question(&mut c, stem, i, rq, &mut seen));
    }
    if c.diags.is_empty() {
        Ok(Bank { topic: head.topic, title: head.title, file: file.to_owned(), questions })
    } else {
        c.diags.sort_by_key(|d| (d.line, d.column));
        Err(c.diags)
    }
}

/// The bank's own fields: format, topic, title, and that it has questions.
fn header(c: &mut Checker, stem: &str, raw: &Header, no_questions: bool) {
    if raw.format != FORMAT {
        c.push(c.loc.top("format"), format!("unknown bank format {}; this quiz reads `format: {FORMAT}`", raw.format));
    }
    if raw.topic != stem {
        c.push(
            c.loc.top("topic"),
            format!(
                "topic '{}' does not match the file name '{stem}'; the file stem is the topic slug, so rename one of them",
                raw.topic
            ),
        );
    } else if !is_slug(&raw.topic) {
        c.push(c.loc.top("topic"), format!("topic '{}' must be lowercase kebab-case, like `system-design`", raw.topic));
    }
    if raw.title.trim().is_empty() {
        c.push(c.loc.top("title"), "title is missing or empty; give the topic a human title".into());
    }
    if no_questions {
        c.push(c.loc.top("questions"), "the bank has no questions; add at least one under `questions:`".into());
    }
}

/// Every rule for one question; the checked question when it has no problem that stops it.
fn question(
    c: &mut Checker,
    stem: &str,
    i: usize,
    rq: RawQuestion,
    seen: &mut HashMap<String, usize>,
) -> Option<Question> {
    identity(c, i, &rq, seen);
    texts(c, i, &rq);
    let time_limit = time_limit(c, i, &rq);
    if rq.follow_ups.contains(&rq.id) {
        c.push(c.loc.field(i, "follow_ups"), format!("question '{}' lists itself as a follow-up", rq.id));
    }
    misplaced(c, i, &rq);
    let examples = examples(c, i, &rq);
    let kind = match rq.qtype {
        QType::Choice | QType::Multi => choices(c, i, &rq),
        QType::Short => short(c, i, &rq),
        QType::Open => open(c, i, &rq),
    }?;
    Some(Question {
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
        line: c.loc.item(i).0,
    })
}

/// An id: present, a slug, and not used before in the bank.
fn identity(c: &mut Checker, i: usize, rq: &RawQuestion, seen: &mut HashMap<String, usize>) {
    let start = c.loc.item(i);
    if rq.id.trim().is_empty() {
        c.push(start, "question has no id; add `id: <topic>-<slug>`".into());
    } else if !is_slug(&rq.id) {
        c.push(c.loc.field(i, "id"), format!("id '{}' must be lowercase kebab-case, like `dsa-binary-search`", rq.id));
    } else if let Some(first) = seen.get(&rq.id) {
        c.push(
            c.loc.field(i, "id"),
            format!("duplicate id '{}' (first used on line {first}); ids must be unique", rq.id),
        );
    } else {
        seen.insert(rq.id.clone(), start.0);
    }
}

/// A prompt and an explanation with text in them.
fn texts(c: &mut Checker, i: usize, rq: &RawQuestion) {
    if rq.prompt.trim().is_empty() {
        c.push(field_or(c.loc, i, "prompt"), "prompt is missing or empty; write the question".into());
    }
    if rq.explanation.trim().is_empty() {
        c.push(
            field_or(c.loc, i, "explanation"),
            "explanation is missing or empty; explain why the answer is right".into(),
        );
    }
}

/// A time limit that reads as a duration within the allowed range.
fn time_limit(c: &mut Checker, i: usize, rq: &RawQuestion) -> Option<Duration> {
    let Text(t) = rq.time_limit.as_ref()?;
    parse_limit(t).map_err(|why| c.push(c.loc.field(i, "time_limit"), format!("bad time_limit '{t}': {why}"))).ok()
}

/// Fields that belong to another type of question.
fn misplaced(c: &mut Checker, i: usize, rq: &RawQuestion) {
    let present = [
        ("choices", rq.choices.is_some()),
        ("answer", rq.answer.is_some()),
        ("accept", rq.accept.is_some()),
        ("model_answer", rq.model_answer.is_some()),
        ("key_points", rq.key_points.is_some()),
        ("examples", rq.examples.is_some()),
        ("exact", rq.exact.is_some()),
        ("match_case", rq.match_case.is_some()),
    ];
    let allowed: &[&str] = match rq.qtype {
        QType::Choice | QType::Multi => &["choices", "answer"],
        QType::Short => &["answer", "accept", "examples", "exact", "match_case"],
        QType::Open => &["model_answer", "key_points", "examples"],
    };
    for (name, _) in present.iter().filter(|(name, here)| *here && !allowed.contains(name)) {
        c.push(c.loc.field(i, name), format!("`{name}` is not used by {} questions; remove it", rq.qtype.name()));
    }
}

/// The choices of a choice or multi question, and its answer among them.
fn choices(c: &mut Checker, i: usize, rq: &RawQuestion) -> Option<Kind> {
    let what = rq.qtype.name();
    let field = |name: &str| c.loc.field(i, name);
    let choices: Vec<String> = rq.choices.iter().flatten().map(|t| t.0.clone()).collect();
    let mut ok = true;
    if choices.len() < 2 {
        c.push(
            field_or(c.loc, i, "choices"),
            format!("a {what} question needs at least 2 choices, found {}", choices.len()),
        );
        ok = false;
    }
    if choices.len() > MAX_CHOICES {
        c.push(
            field("choices"),
            format!(
                "a {what} question has {} choices; choices are labelled a) to z), so use at most {MAX_CHOICES}",
                choices.len()
            ),
        );
        ok = false;
    }
    if choices.iter().any(|ch| ch.trim().is_empty()) {
        c.push(field("choices"), "a choice is empty; every choice needs text".into());
        ok = false;
    }
    for (j, ch) in choices.iter().enumerate() {
        if choices[..j].contains(ch) {
            c.push(field("choices"), format!("choice '{ch}' is listed twice"));
            ok = false;
        }
    }
    let index = |a: &str| choices.iter().position(|ch| ch == a);
    let not_among = |a: &str| format!("answer '{a}' is not among the choices; copy the choice text exactly");
    match (rq.qtype, &rq.answer) {
        (_, None) => {
            c.push(c.loc.item(i), "answer is missing; give the correct choice text".into());
            None
        }
        (QType::Choice, Some(RawAnswer::Many(_))) => {
            c.push(field("answer"), "a choice question has exactly one answer; use type `multi` for several".into());
            None
        }
        (QType::Choice, Some(RawAnswer::One(a))) => match index(a) {
            Some(answer) => ok.then_some(Kind::Choice { choices, answer }),
            None => {
                c.push(field("answer"), not_among(a));
                None
            }
        },
        (_, Some(answer)) => {
            let given = match answer {
                RawAnswer::One(a) => std::slice::from_ref(a),
                RawAnswer::Many(all) => all.as_slice(),
            };
            let mut answers = Vec::new();
            for a in given {
                match index(a) {
                    Some(j) if answers.contains(&j) => {
                        c.push(field("answer"), format!("answer '{a}' is listed twice"));
                        ok = false;
                    }
                    Some(j) => answers.push(j),
                    None => {
                        c.push(field("answer"), not_among(a));
                        ok = false;
                    }
                }
            }
            if given.is_empty() {
                c.push(field("answer"), "a multi question needs at least one answer".into());
                ok = false;
            }
            answers.sort_unstable();
            ok.then_some(Kind::Multi { choices, answers })
        }
    }
}

/// The canonical answer and accepted spellings of a short question.
fn short(c: &mut Checker, i: usize, rq: &RawQuestion) -> Option<Kind> {
    let accept: Vec<String> = rq.accept.iter().flatten().map(|t| t.0.clone()).collect();
    if accept.iter().any(|a| !has_content(a)) {
        c.push(c.loc.field(i, "accept"), "an accepted spelling is empty or only punctuation; remove it".into());
    }
    let (exact, match_case) = (rq.exact.unwrap_or(false), rq.match_case.unwrap_or(false));
    match &rq.answer {
        Some(RawAnswer::One(answer)) if has_content(answer) => {
            Some(Kind::Short { answer: answer.clone(), accept, exact, match_case })
        }
        Some(RawAnswer::One(_)) => {
            c.push(c.loc.field(i, "answer"), "answer is empty or only punctuation; give the canonical answer".into());
            None
        }
        Some(RawAnswer::Many(_)) => {
            c.push(
                c.loc.field(i, "answer"),
                "a short question has one canonical answer; list other spellings in `accept`".into(),
            );
            None
        }
        None => {
            c.push(c.loc.item(i), "answer is missing; give the canonical short answer".into());
            None
        }
    }
}

/// The model answer and key points of an open question.
fn open(c: &mut Checker, i: usize, rq: &RawQuestion) -> Option<Kind> {
    let model_answer = rq.model_answer.clone().unwrap_or_default();
    let mut ok = true;
    if model_answer.trim().is_empty() {
        c.push(field_or(c.loc, i, "model_answer"), "an open question needs a `model_answer`".into());
        ok = false;
    }
    let raw_points = rq.key_points.as_deref().unwrap_or_default();
    if raw_points.is_empty() {
        c.push(
            field_or(c.loc, i, "key_points"),
            "an open question needs `key_points`: a list of {point, keywords}".into(),
        );
        ok = false;
    }
    let mut key_points = Vec::with_capacity(raw_points.len());
    for (k, kp) in raw_points.iter().enumerate() {
        let here = c.loc.nth_entry(i, "key_points", k);
        if kp.point.trim().is_empty() {
            c.push(here, format!("key point {} has no `point` text", k + 1));
            ok = false;
        }
        let keywords: Vec<String> = kp.keywords.iter().map(|t| t.0.trim().to_lowercase()).collect();
        if keywords.is_empty() || keywords.iter().any(|k| k.is_empty()) {
            c.push(here, format!("key point {} needs `keywords`: words or phrases a good answer uses", k + 1));
            ok = false;
        }
        let weight = match kp.weight {
            None => 1,
            Some(w @ 1..=5) => w as u8,
            Some(w) => {
                c.push(here, format!("key point {} has weight {w}; use a whole number from 1 to 5", k + 1));
                ok = false;
                1
            }
        };
        key_points.push(KeyPoint {
            point: kp.point.clone(),
            keywords,
            star: kp.star,
            core: kp.core,
            strict: kp.strict,
            weight,
        });
    }
    ok.then_some(Kind::Open { model_answer, key_points })
}

/// The grading tests, each with the line it is written on.
fn examples(c: &mut Checker, i: usize, rq: &RawQuestion) -> Examples {
    let Some(raw) = &rq.examples else { return Examples::default() };
    let locate = |t: &Text| Example { line: c.loc.find_text(i, "examples", &t.0).0, text: t.0.clone() };
    let examples =
        Examples { pass: raw.pass.iter().map(locate).collect(), fail: raw.fail.iter().map(locate).collect() };
    if examples.pass.iter().chain(&examples.fail).any(|e| e.text.trim().is_empty()) {
        c.push(c.loc.field(i, "examples"), "an example answer is empty; write the answer to test".into());
    }
    examples
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
