//! `quiz list`: the questions, one a line, with their ids for `quiz show`.

use std::io::Write;

use serde::Serialize;

use crate::{
    config::Config,
    error::{Error, Result, io},
    exit, library,
};

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    topic: &'a str,
    #[serde(rename = "type")]
    qtype: &'a str,
    difficulty: &'a str,
    level: &'a str,
    tags: &'a [String],
    prompt: &'a str,
}

/// Lists questions of `topics` (all when empty).
pub fn run(config: &Config, topics: &[String], json: bool, out: &mut dyn Write) -> Result<u8> {
    let sources = library::discover(&config.banks)?;
    let known = library::topics(&sources);
    if let Some(t) = topics.iter().find(|t| !known.contains(t)) {
        return Err(Error::UnknownTopic { topic: t.clone(), known });
    }
    let lib = library::Library::load(&sources, (!topics.is_empty()).then_some(topics))?;
    let rows: Vec<Row> = lib
        .questions()
        .map(|q| Row {
            id: &q.id,
            topic: &q.topic,
            qtype: q.qtype().name(),
            difficulty: q.difficulty.name(),
            level: q.level.name(),
            tags: &q.tags,
            prompt: &q.prompt,
        })
        .collect();
    let w = || io("cannot write output");
    if json {
        super::write_json(out, &rows)?;
        return Ok(exit::OK);
    }
    let width = rows.iter().map(|r| r.id.len()).max().unwrap_or(2);
    for r in &rows {
        writeln!(
            out,
            "{:width$}  {:6} {:6} {:6}  {}",
            r.id,
            r.qtype,
            r.difficulty,
            r.level,
            super::one_line(r.prompt, 70)
        )
        .map_err(w())?;
    }
    Ok(exit::OK)
}
