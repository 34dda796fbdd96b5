//! `quiz history`: past sessions, newest first.
//!
//! A session killed before it could write its summary still has its answers in the log; such
//! sessions are rebuilt from those answers and shown as "no summary".

use std::{collections::HashMap, io::Write};

use chrono::{DateTime, Local, Utc};
use serde::Serialize;

use crate::{
    config::Config,
    error::{Result, io},
    exit,
    history::{self, Record},
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
    elapsed_ms: u64,
    completed: bool,
    /// False when rebuilt from answers because the session record is missing.
    summarised: bool,
}

/// Lists the last `last` sessions (all when 0).
pub fn run(config: &Config, last: usize, json: bool, out: &mut dyn Write) -> Result<u8> {
    let log_path = config.history()?;
    let mut sessions: Vec<Past> = Vec::new();
    let mut loose: HashMap<String, Past> = HashMap::new();
    let warnings = history::scan(log_path, config.clock.peek(), |r| match r {
        Record::Session(s) => {
            loose.remove(&s.session);
            sessions.push(Past {
                session: s.session,
                mode: s.mode,
                started: s.started,
                topics: s.topics,
                asked: s.asked,
                correct: s.correct,
                score: s.score,
                elapsed_ms: s.elapsed_ms,
                completed: s.completed,
                summarised: true,
            });
        }
        Record::Answer(a) => {
            let p = loose.entry(a.session).or_insert_with_key(|session| Past {
                session: session.clone(),
                mode: "practice".into(),
                started: a.at,
                topics: Vec::new(),
                asked: 0,
                correct: 0,
                score: 0.0,
                elapsed_ms: 0,
                completed: false,
                summarised: false,
            });
            if !p.topics.contains(&a.topic) {
                p.topics.push(a.topic);
            }
            p.score = (p.score * p.asked as f64 + a.score) / (p.asked + 1) as f64;
            p.asked += 1;
            p.correct += usize::from(a.correct);
            p.elapsed_ms += a.elapsed_ms;
        }
    })?;
    history::warn(log_path, &warnings);
    // An answer logged after its session's summary (clock or merge oddities) adds no session.
    let summarised: std::collections::HashSet<&str> = sessions.iter().map(|s| s.session.as_str()).collect();
    let loose: Vec<Past> = loose.into_values().filter(|p| !summarised.contains(p.session.as_str())).collect();
    sessions.extend(loose);
    sessions.sort_by(|a, b| b.started.cmp(&a.started).then_with(|| b.session.cmp(&a.session)));
    if last > 0 {
        sessions.truncate(last);
    }
    let w = || io("cannot write output");
    if json {
        super::write_json(out, &sessions)?;
        return Ok(exit::OK);
    }
    if sessions.is_empty() {
        writeln!(out, "No practice yet (history: {}). Start with `quiz --topic dsa`.", log_path.display())
            .map_err(w())?;
        return Ok(exit::OK);
    }
    writeln!(out, "{:16}  {:8}  {:24}  {:>12}  {:>7}  status", "date", "mode", "topics", "score", "time")
        .map_err(w())?;
    for s in &sessions {
        let topics = if s.topics.is_empty() { "all".to_owned() } else { s.topics.join(",") };
        let status = match (s.summarised, s.completed) {
            (false, _) => "no summary",
            (true, true) => "complete",
            (true, false) => "ended early",
        };
        writeln!(
            out,
            "{:16}  {:8}  {:24}  {:>12}  {:>7}  {status}",
            s.started.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
            s.mode,
            super::one_line(&topics, 24),
            format!("{}/{} {:>4}", s.correct, s.asked, text::percent(s.score)),
            text::millis(s.elapsed_ms),
        )
        .map_err(w())?;
    }
    Ok(exit::OK)
}
