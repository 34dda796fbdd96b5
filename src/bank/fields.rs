//! Reading a bank field by field, so that one run reports every problem of every question.
//!
//! serde stops at the first error in a document. When the whole bank does not read, it is read
//! again as plain YAML values and each field of each question is read on its own: an unknown
//! field, a bad value or a missing field becomes a diagnostic at that field's line, and the
//! questions that do read go on to the rule checks.

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::{
    Diagnostic,
    check::Header,
    locate::Locator,
    raw::{RawAnswer, RawExamples, RawKeyPoint, RawQuestion, Text},
};
use crate::bank::{Difficulty, Level, QType};

/// The fields a question may have.
const QUESTION_FIELDS: &[&str] = &[
    "id",
    "type",
    "difficulty",
    "level",
    "tags",
    "prompt",
    "choices",
    "answer",
    "accept",
    "explanation",
    "model_answer",
    "key_points",
    "time_limit",
    "follow_ups",
    "exact",
    "match_case",
    "examples",
];

/// The longest piece of the author's text quoted in a message.
pub const QUOTE: usize = 60;

/// `s` cut to [`QUOTE`] characters on one line.
pub fn clip(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= QUOTE { flat } else { format!("{}…", flat.chars().take(QUOTE).collect::<String>()) }
}

/// Every quoted string in a serde message cut to [`QUOTE`] characters.
pub fn clip_quotes(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len().min(400));
    let mut rest = msg;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let close = rest.find('"').unwrap_or(rest.len());
        out.push_str(&clip(&rest[..close]));
        rest = &rest[close..];
        if let Some(r) = rest.strip_prefix('"') {
            out.push('"');
            rest = r;
        }
    }
    out.push_str(rest);
    out
}

/// Diagnostics of one file.
struct Sink<'a> {
    file: &'a str,
    diags: Vec<Diagnostic>,
}

impl Sink<'_> {
    fn push(&mut self, (line, column): (usize, usize), message: String) {
        self.diags.push(Diagnostic { file: self.file.to_owned(), line, column, message: clip_quotes(&message) });
    }
}

/// Reads `text` field by field: the header, the questions that read, and every problem.
pub(super) fn read(
    file: &str,
    stem: &str,
    text: &str,
    loc: &Locator,
) -> (Header, Vec<(usize, RawQuestion)>, Vec<Diagnostic>) {
    let mut sink = Sink { file, diags: Vec::new() };
    let mut header = Header { format: super::FORMAT, topic: stem.to_owned(), title: "?".into() };
    let mut questions = Vec::new();
    let top = match serde_yaml::from_str::<Value>(text) {
        Ok(Value::Mapping(m)) => m,
        Ok(other) => {
            sink.push(
                (1, 1),
                format!(
                    "the top level of a bank must be a mapping with `format`, `topic`, `title` and `questions`, not {}",
                    describe(&other)
                ),
            );
            return (header, questions, sink.diags);
        }
        // Syntax errors are reported by the caller, with serde's own position.
        Err(_) => return (header, questions, sink.diags),
    };
    for (key, value) in &top {
        let Some(key) = key.as_str() else {
            sink.push((1, 1), format!("a top-level key must be a name, not {}", describe(key)));
            continue;
        };
        let at = loc.top(key);
        match key {
            "format" => match serde_yaml::from_value::<u64>(value.clone()) {
                Ok(v) => header.format = v,
                Err(e) => sink.push(at, format!("format: {e}; write `format: 1`")),
            },
            "topic" => match value.as_str() {
                Some(t) => header.topic = t.to_owned(),
                None => sink.push(at, format!("topic must be text, not {}", describe(value))),
            },
            "title" => match value.as_str() {
                Some(t) => header.title = t.to_owned(),
                None => sink.push(at, format!("title must be text, not {}", describe(value))),
            },
            "questions" => {}
            other => sink
                .push(at, format!("unknown field `{other}`, expected one of `format`, `topic`, `title`, `questions`")),
        }
    }
    match top.get("questions") {
        None => sink.push((1, 1), "the bank has no `questions:` list; add one".into()),
        Some(Value::Sequence(items)) => {
            for (i, item) in items.iter().enumerate() {
                if let Some(q) = read_question(i, item, loc, text, &mut sink) {
                    questions.push((i, q));
                }
            }
        }
        Some(other) => {
            sink.push(loc.top("questions"), format!("`questions` must be a list of questions, not {}", describe(other)))
        }
    }
    (header, questions, sink.diags)
}

/// One field read on its own; a failure is kept with the field's name.
fn get<T: DeserializeOwned>(map: &Mapping, name: &str, errors: &mut Vec<(String, String)>) -> Option<T> {
    let v = map.get(name)?;
    serde_yaml::from_value::<T>(v.clone()).map_err(|e| errors.push((name.to_owned(), e.to_string()))).ok()
}

/// Reads one question field by field; `None` when any field is bad (each reported).
fn read_question(i: usize, item: &Value, loc: &Locator, text: &str, sink: &mut Sink) -> Option<RawQuestion> {
    let Value::Mapping(map) = item else {
        sink.push(
            loc.item(i),
            format!("a question must be a mapping of fields (id, type, prompt…), not {}", describe(item)),
        );
        return None;
    };
    let before = sink.diags.len();
    for key in map.keys() {
        match key.as_str() {
            Some(k) if QUESTION_FIELDS.contains(&k) => {}
            Some(k) => sink.push(
                loc.field(i, k),
                format!("unknown field `{k}`; a question's fields are {}", QUESTION_FIELDS.join(", ")),
            ),
            None => sink.push(loc.item(i), format!("a field name must be text, not {}", describe(key))),
        }
    }
    let mut errors = Vec::new();
    let e = &mut errors;
    let qtype: Option<QType> = get(map, "type", e);
    let difficulty: Option<Difficulty> = get(map, "difficulty", e);
    let level: Option<Level> = get(map, "level", e);
    let q = RawQuestion {
        id: get(map, "id", e).unwrap_or_default(),
        qtype: qtype.unwrap_or(QType::Choice),
        difficulty: difficulty.unwrap_or(Difficulty::Easy),
        level: level.unwrap_or(Level::Junior),
        tags: get::<Vec<Text>>(map, "tags", e).unwrap_or_default(),
        prompt: get(map, "prompt", e).unwrap_or_default(),
        choices: get(map, "choices", e),
        answer: get::<RawAnswer>(map, "answer", e),
        accept: get(map, "accept", e),
        explanation: get(map, "explanation", e).unwrap_or_default(),
        model_answer: get(map, "model_answer", e),
        key_points: key_points(i, map, loc, text, sink),
        time_limit: get(map, "time_limit", e),
        follow_ups: get(map, "follow_ups", e).unwrap_or_default(),
        exact: get(map, "exact", e),
        match_case: get(map, "match_case", e),
        examples: get::<RawExamples>(map, "examples", e),
    };
    for (name, message) in errors {
        let at = loc.field(i, &name);
        let message = author_spelling(&message, text, at.0);
        sink.push(at, format!("{name}: {message}"));
    }
    for (name, present) in [("type", qtype.is_some()), ("difficulty", difficulty.is_some()), ("level", level.is_some())]
    {
        if !present && !map.contains_key(name) {
            sink.push(loc.item(i), format!("missing field `{name}`"));
        }
    }
    (sink.diags.len() == before).then_some(q)
}

/// Reads each key point on its own, so each bad one is reported at its own line.
fn key_points(i: usize, map: &Mapping, loc: &Locator, text: &str, sink: &mut Sink) -> Option<Vec<RawKeyPoint>> {
    let value = map.get("key_points")?;
    let Value::Sequence(items) = value else {
        sink.push(
            loc.field(i, "key_points"),
            format!("key_points must be a list of {{point, keywords}}, not {}", describe(value)),
        );
        return None;
    };
    let mut points = Vec::with_capacity(items.len());
    for (k, item) in items.iter().enumerate() {
        match serde_yaml::from_value::<RawKeyPoint>(item.clone()) {
            Ok(p) => points.push(p),
            Err(e) => {
                let at = loc.nth_entry(i, "key_points", k);
                let message = author_spelling(&e.to_string(), text, at.0);
                sink.push(at, format!("key point {}: {message}", k + 1));
            }
        }
    }
    Some(points)
}

/// YAML reads `1e3` as the number 1000; a message about an unquoted decimal quotes the author's
/// own spelling from the line instead of the number YAML made of it.
fn author_spelling(message: &str, text: &str, line: usize) -> String {
    let Some(value) =
        message.strip_prefix("the decimal ").and_then(|m| m.split(' ').next()).and_then(|v| v.parse::<f64>().ok())
    else {
        return message
            .replace("struct RawExamples", "a mapping {pass: [...], fail: [...]}")
            .replace("struct RawKeyPoint", "a key point mapping {point, keywords}");
    };
    let lines: Vec<&str> = text.lines().skip(line.saturating_sub(1)).take(20).collect();
    let spelled = lines
        .iter()
        .flat_map(|l| l.split(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | ':')))
        .map(|t| t.trim_matches(|c: char| matches!(c, ',' | '[' | ']')))
        .find(|t| t.parse::<f64>().is_ok_and(|v| v == value) && t.contains(['.', 'e', 'E']));
    match spelled {
        Some(s) => format!("the number {s} must be quoted (\"{s}\") so its exact spelling is kept"),
        None => message.to_owned(),
    }
}

/// A YAML value's kind, with a short quote of it.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "empty".into(),
        Value::Bool(b) => format!("a boolean ({b})"),
        Value::Number(n) => format!("a number ({n})"),
        Value::String(s) => format!("a string (\"{}\")", clip(s)),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        Value::Tagged(_) => "a tagged value".into(),
    }
}
