//! `quiz grade ID ANSWER`: grades one answer the way a session would and shows why, so a user
//! can check the grader and a bank author can try an example before writing it down.

use std::io::{Read, Write};

use colored::Colorize;
use serde::Serialize;

use crate::{
    bank::Kind,
    config::Config,
    error::{Error, Result, io},
    exit,
    grade::{self, PointMatch, Response},
};

#[derive(Serialize)]
struct Graded<'a> {
    id: &'a str,
    answer: &'a str,
    score: f64,
    correct: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    points: Vec<PointOut<'a>>,
}

#[derive(Serialize)]
struct PointOut<'a> {
    point: &'a str,
    core: bool,
    weight: u8,
    #[serde(flatten)]
    matched: PointMatch,
}

/// Grades `answer` (or stdin) for question `id`.
pub fn run(config: &Config, id: &str, answer: Option<String>, json: bool, out: &mut dyn Write) -> Result<u8> {
    // A bank file named after a built-in topic (an author's edited copy) replaces the built-in
    // one, as in `quiz validate`, so the answer is graded against what is being written.
    let mut sources = crate::library::discover(&config.banks)?;
    let edited: Vec<String> = sources.iter().filter(|s| !s.is_builtin()).map(|s| s.topic.clone()).collect();
    sources.retain(|s| !s.is_builtin() || !edited.contains(&s.topic));
    let lib = crate::library::Library::load(&sources, None)?;
    let q = lib.find(id).ok_or_else(|| Error::UnknownQuestion(id.to_owned()))?;
    let answer = match answer {
        Some(a) => a,
        None => {
            let mut s = String::new();
            std::io::stdin().take(1 << 20).read_to_string(&mut s).map_err(io("cannot read the answer from stdin"))?;
            s
        }
    };
    if matches!(q.kind, Kind::Choice { .. } | Kind::Multi { .. }) {
        return Err(Error::Usage(format!(
            "{id} is a {} question; `quiz grade` grades typed answers (short and open questions)",
            q.qtype()
        )));
    }
    let score = grade::score(q, &Response::Text(answer.clone()));
    let points: Vec<PointOut> = match &q.kind {
        Kind::Open { key_points, .. } => key_points
            .iter()
            .zip(grade::match_points(&q.prompt, key_points, &answer))
            .map(|(p, matched)| PointOut { point: &p.point, core: p.core, weight: p.weight, matched })
            .collect(),
        _ => Vec::new(),
    };
    let graded = Graded { id: &q.id, answer: &answer, score, correct: grade::is_correct(score), points };
    let w = || io("cannot write output");
    if json {
        super::write_json(out, &graded)?;
        return Ok(exit::OK);
    }
    let verdict = if graded.correct { "correct".green().bold() } else { "not correct".red().bold() };
    writeln!(out, "{}: {verdict} (score {:.2})", q.id, score).map_err(w())?;
    for p in &graded.points {
        let mark = if p.matched.hit { "✔".green() } else { "✘".red() };
        let core = if p.core { " [core]" } else { "" };
        let why = p.matched.describe().map(|d| format!(" — {d}")).unwrap_or_default();
        writeln!(out, "  {mark} {}{core}{why}", p.point).map_err(w())?;
    }
    if let Kind::Short { answer: canonical, .. } = &q.kind {
        writeln!(out, "  expected: {canonical}").map_err(w())?;
    }
    Ok(exit::OK)
}
