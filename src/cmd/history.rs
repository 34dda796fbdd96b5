//! `quiz history`: past sessions, newest first; `quiz history SESSION`: each question of one.
//!
//! A session killed before it could write its summary still has its answers in the log; such
//! sessions are rebuilt from those answers and shown as "no summary". A session with no answers
//! (input ended or Ctrl-C at the first question) is not a session anyone practised in, and is
//! not listed.

use std::{collections::HashMap, io::Write};

use chrono::{DateTime, Local, Utc};
use serde::Serialize;

use crate::{
    config::Config,
    error::{Error, Result, io},
    exit,
    history::{self, AnswerRecord, Record},
    text,
};

/// A past session as listed.
#[derive(Debug, Clone, Serialize)]
struct Past {
    session: String,
    mode: String,
    started: DateTime<Utc>,
    topics: Vec<String>,
    asked: usize,
    correct: usize,
    score: f64,
    /// Answering time: each question's time to its answer, summed.
    answering_ms: u64,
    /// Session time, from the first question to the end; null without a summary.
    session_ms: Option<u64>,
    completed: bool,
    /// `complete`, `ended_early`, `timed_out` or `no_summary`, as the session report names them.
    status: &'static str,
    /// False when rebuilt from answers because the session record is missing.
    summarised: bool,
}

/// One question of a session, as `quiz history SESSION` shows it.
#[derive(Debug, Clone, Serialize)]
struct Item {
    id: String,
    topic: String,
    /// The prompt's first line; null when the question is no longer in the banks.
    prompt: Option<String>,
    /// The answer given; null when skipped.
    response: Option<String>,
    /// The right answer; null when the question is no longer in the banks.
    answer: Option<String>,
    score: f64,
    correct: bool,
    skipped: bool,
    elapsed_ms: u64,
    limit_ms: u64,
    overtime: bool,
}

/// One session opened up.
#[derive(Debug, Clone, Serialize)]
struct Opened {
    #[serde(flatten)]
    summary: Past,
    questions: Vec<Item>,
}

/// Lists the last `last` sessions (all when 0), or opens `session` (an id or an index, 1 the
/// latest).
pub fn run(config: &Config, session: Option<&str>, last: usize, json: bool, out: &mut dyn Write) -> Result<u8> {
    let log_path = config.history()?;
    let mut sessions = sessions(log_path, config.clock.peek())?;
    let w = || io("cannot write output");
    if let Some(wanted) = session {
        let past = resolve(&sessions, wanted)?.clone();
        return open(config, past, json, out);
    }
    if last > 0 {
        sessions.truncate(last);
    }
    if json {
        super::write_json(out, &sessions)?;
        return Ok(exit::OK);
    }
    if sessions.is_empty() {
        writeln!(out, "No practice yet (history: {}). Start with `quiz --topic dsa`.", log_path.display())
            .map_err(w())?;
        return Ok(exit::OK);
    }
    // Rows are numbered implicitly: `quiz history 1` opens the first, the latest.
    writeln!(
        out,
        "{:16}  {:8}  {:18}  {:>10}  {:>9}  {:>7}  status",
        "date", "mode", "topics", "score", "answering", "session"
    )
    .map_err(w())?;
    for s in &sessions {
        let topics = if s.topics.is_empty() { "all".to_owned() } else { s.topics.join(",") };
        writeln!(
            out,
            "{:16}  {:8}  {:18}  {:>10}  {:>9}  {:>7}  {}",
            s.started.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
            s.mode,
            super::one_line(&topics, 18),
            format!("{}/{} {:>4}", s.correct, s.asked, text::percent(s.score)),
            text::millis(s.answering_ms),
            s.session_ms.map_or("–".to_owned(), text::millis),
            s.status.replace('_', " "),
        )
        .map_err(w())?;
    }
    Ok(exit::OK)
}

/// Every session with answers, newest first.
fn sessions(log_path: &std::path::Path, now: chrono::DateTime<chrono::Utc>) -> Result<Vec<Past>> {
    let mut summaries: Vec<Past> = Vec::new();
    let mut from_answers: HashMap<String, Past> = HashMap::new();
    let warnings = history::scan(log_path, now, |r| match r {
        Record::Session(s) => summaries.push(Past {
            status: if s.timed_out {
                "timed_out"
            } else if s.completed {
                "complete"
            } else {
                "ended_early"
            },
            session: s.session,
            mode: s.mode,
            started: s.started,
            topics: s.topics,
            asked: s.asked,
            correct: s.correct,
            score: s.score,
            answering_ms: 0,
            session_ms: Some(s.elapsed_ms),
            completed: s.completed,
            summarised: true,
        }),
        Record::Answer(a) => {
            let p = from_answers.entry(a.session).or_insert_with_key(|session| Past {
                session: session.clone(),
                mode: "practice".into(),
                started: a.at,
                topics: Vec::new(),
                asked: 0,
                correct: 0,
                score: 0.0,
                answering_ms: 0,
                session_ms: None,
                completed: false,
                status: "no_summary",
                summarised: false,
            });
            if !p.topics.contains(&a.topic) {
                p.topics.push(a.topic);
            }
            p.score = (p.score * p.asked as f64 + a.score) / (p.asked + 1) as f64;
            p.asked += 1;
            p.correct += usize::from(a.correct);
            p.answering_ms += a.elapsed_ms;
        }
    })?;
    history::warn(log_path, &warnings);
    // A summary takes its answering time from its answers; answers without a summary make a
    // session of their own.
    for s in &mut summaries {
        if let Some(answers) = from_answers.remove(&s.session) {
            s.answering_ms = answers.answering_ms;
        }
    }
    let mut sessions: Vec<Past> =
        summaries.into_iter().chain(from_answers.into_values()).filter(|s| s.asked > 0).collect();
    sessions.sort_by(|a, b| b.started.cmp(&a.started).then_with(|| b.session.cmp(&a.session)));
    Ok(sessions)
}

/// The session `wanted` names: a 1-based index into the list, newest first, or an id.
fn resolve<'a>(sessions: &'a [Past], wanted: &str) -> Result<&'a Past> {
    let found = match wanted.parse::<usize>() {
        Ok(k) if k >= 1 => sessions.get(k - 1),
        _ => sessions.iter().find(|s| s.session == wanted),
    };
    found.ok_or_else(|| {
        Error::Usage(format!(
            "no session '{wanted}' in the history ({}); `quiz history` lists them, 1 is the latest",
            text::count(sessions.len(), "session")
        ))
    })
}

/// Shows each question of `past`.
fn open(config: &Config, past: Past, json: bool, out: &mut dyn Write) -> Result<u8> {
    let log_path = config.history()?;
    let mut answers: Vec<AnswerRecord> = Vec::new();
    history::scan(log_path, config.clock.peek(), |r| {
        if let Record::Answer(a) = r
            && a.session == past.session
        {
            answers.push(a);
        }
    })?;
    let lib = super::load_all(config)?;
    let questions: Vec<Item> = answers
        .into_iter()
        .map(|a| {
            let q = lib.find(&a.question);
            Item {
                prompt: q.map(|q| q.prompt.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_owned()),
                answer: q.map(crate::bank::Question::answer_text),
                id: a.question,
                topic: a.topic,
                response: a.response,
                score: a.score,
                correct: a.correct,
                skipped: a.skipped,
                elapsed_ms: a.elapsed_ms,
                limit_ms: a.limit_ms,
                overtime: a.overtime,
            }
        })
        .collect();
    let opened = Opened { summary: past, questions };
    if json {
        super::write_json(out, &opened)?;
        return Ok(exit::OK);
    }
    let s = &opened.summary;
    let mut t = format!(
        "Session {} · {} · {} · {}\n",
        s.session,
        s.mode,
        s.started.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
        s.status.replace('_', " ")
    );
    t.push_str(&format!(
        "Score {} · {} of {} correct · answering time {} · session time {}\n",
        text::percent(s.score),
        s.correct,
        text::count(s.asked, "question"),
        text::millis(s.answering_ms),
        s.session_ms.map_or("unknown (no summary)".to_owned(), text::millis),
    ));
    for (k, q) in opened.questions.iter().enumerate() {
        let verdict = if q.skipped {
            "– skipped"
        } else if q.correct {
            "✓ right"
        } else {
            "✗ wrong"
        };
        let overtime = if q.overtime { ", overtime" } else { "" };
        t.push_str(&format!(
            "\n{}. {} · {verdict} · score {} · {} of {}{overtime}\n",
            k + 1,
            q.id,
            text::percent(q.score),
            text::millis(q.elapsed_ms),
            text::millis(q.limit_ms)
        ));
        t.push_str(&format!("   {}\n", q.prompt.as_deref().unwrap_or("(not in the banks any more)")));
        t.push_str(&format!("   given: {}\n", q.response.as_deref().unwrap_or("(skipped)")));
        if let Some(answer) = &q.answer {
            t.push_str(&format!("   right: {}\n", super::one_line(answer, 200)));
        }
    }
    out.write_all(t.as_bytes()).map_err(io("cannot write output"))?;
    Ok(exit::OK)
}
