//! `quiz show ID`: one question with its answer and explanation, for studying a miss.

use std::io::Write;

use colored::Colorize;
use serde::Serialize;

use crate::{
    ask::prompt::letter,
    bank::{KeyPoint, Kind, Question},
    config::Config,
    error::{Error, Result, io},
    exit, text,
};

/// Every field of a question, as `show --json` and `list --json` print it.
#[derive(Serialize)]
pub(super) struct Shown<'a> {
    #[serde(flatten)]
    summary: super::Summary<'a>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    choices: &'a [String],
    answer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    accept: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_points: Option<&'a [KeyPoint]>,
    explanation: &'a str,
    time_limit_ms: u128,
    follow_ups: &'a [String],
    source: String,
}

/// Shows the question `id`.
pub fn run(config: &Config, id: &str, json: bool, out: &mut dyn Write) -> Result<u8> {
    let lib = super::load_all(config)?;
    let q = lib.find(id).ok_or_else(|| Error::UnknownQuestion(id.to_owned()))?;
    let file = lib.banks.iter().find(|b| b.questions.iter().any(|x| x.id == q.id)).map_or("", |b| b.file.as_str());
    let w = || io("cannot write output");
    if json {
        super::write_json(out, &shown(q, file))?;
        return Ok(exit::OK);
    }
    let mut s = String::new();
    s.push_str(&format!(
        "{} · {} · {} · {} · {} · {}\n",
        q.id.bold(),
        q.topic.cyan(),
        q.qtype(),
        q.difficulty,
        q.level,
        text::duration(q.default_limit())
    ));
    if !q.tags.is_empty() {
        s.push_str(&format!("tags: {}\n", q.tags.join(", ")));
    }
    s.push_str(&format!("\n{}\n", q.prompt));
    match &q.kind {
        Kind::Choice { choices, answer } => {
            for (k, c) in choices.iter().enumerate() {
                let mark = if k == *answer { "✓".green() } else { " ".normal() };
                s.push_str(&format!("  {mark} {}) {c}\n", letter(k)));
            }
        }
        Kind::Multi { choices, answers } => {
            for (k, c) in choices.iter().enumerate() {
                let mark = if answers.contains(&k) { "✓".green() } else { " ".normal() };
                s.push_str(&format!("  {mark} {}) {c}\n", letter(k)));
            }
        }
        Kind::Short { answer, accept, .. } => {
            s.push_str(&format!("\n{} {answer}\n", "Answer:".bold()));
            if !accept.is_empty() {
                s.push_str(&format!("Also accepted: {}\n", accept.join(", ")));
            }
        }
        Kind::Open { model_answer, key_points } => {
            s.push_str(&format!("\n{} {model_answer}\n", "Model answer:".bold()));
            s.push_str(&format!("{}\n", "Key points:".bold()));
            for p in key_points {
                let star = p.star.map(|st| format!(" [{st}]")).unwrap_or_default();
                s.push_str(&format!("  - {}{star} (keywords: {})\n", p.point, p.keywords.join(", ")));
            }
        }
    }
    s.push_str(&format!("\n{} {}\n", "Why:".bold(), q.explanation));
    if !q.follow_ups.is_empty() {
        s.push_str(&format!("Follow-ups: {}\n", q.follow_ups.join(", ")));
    }
    s.push_str(&format!("Source: {file}:{}\n", q.line));
    out.write_all(s.as_bytes()).map_err(w())?;
    Ok(exit::OK)
}

/// Every field of `q`, which comes from `file`.
pub(super) fn shown<'a>(q: &'a Question, file: &str) -> Shown<'a> {
    Shown {
        summary: super::Summary::of(q),
        choices: q.choices(),
        answer: q.answer_text(),
        accept: match &q.kind {
            Kind::Short { accept, .. } => Some(accept),
            _ => None,
        },
        key_points: match &q.kind {
            Kind::Open { key_points, .. } => Some(key_points),
            _ => None,
        },
        explanation: &q.explanation,
        time_limit_ms: q.default_limit().as_millis(),
        follow_ups: &q.follow_ups,
        source: format!("{file}:{}", q.line),
    }
}
