//! `quiz topics`: each topic with its title and question counts by type, difficulty and level.

use std::{collections::BTreeMap, io::Write};

use serde::Serialize;

use crate::{
    bank::{Difficulty, Level, QType},
    config::Config,
    error::{Result, io},
    exit,
};

/// A topic's counts.
#[derive(Debug, Serialize)]
struct TopicCounts {
    topic: String,
    title: String,
    questions: usize,
    types: BTreeMap<&'static str, usize>,
    difficulty: BTreeMap<&'static str, usize>,
    levels: BTreeMap<&'static str, usize>,
}

/// Prints the topics.
pub fn run(config: &Config, json: bool, out: &mut dyn Write) -> Result<u8> {
    let lib = super::load_all(config)?;
    let mut topics: BTreeMap<&str, TopicCounts> = BTreeMap::new();
    let titles = lib.titles();
    for q in lib.questions() {
        let t = topics.entry(&q.topic).or_insert_with(|| TopicCounts {
            topic: q.topic.clone(),
            title: titles.get(q.topic.as_str()).copied().unwrap_or_default().to_owned(),
            questions: 0,
            types: QType::ALL.iter().map(|t| (t.name(), 0)).collect(),
            difficulty: Difficulty::ALL.iter().map(|d| (d.name(), 0)).collect(),
            levels: Level::ALL.iter().map(|l| (l.name(), 0)).collect(),
        });
        t.questions += 1;
        *t.types.entry(q.qtype().name()).or_default() += 1;
        *t.difficulty.entry(q.difficulty.name()).or_default() += 1;
        *t.levels.entry(q.level.name()).or_default() += 1;
    }
    let w = || io("cannot write output");
    if json {
        let all: Vec<&TopicCounts> = topics.values().collect();
        super::write_json(out, &all)?;
        return Ok(exit::OK);
    }
    let width = topics.keys().map(|t| t.len()).max().unwrap_or(5).max(5);
    writeln!(
        out,
        "{:width$}  {:>5}  {:>6} {:>5} {:>5} {:>4}  {:>4} {:>6} {:>4}  {:>6} {:>4} {:>6}  title",
        "topic", "total", "choice", "multi", "short", "open", "easy", "medium", "hard", "junior", "mid", "senior"
    )
    .map_err(w())?;
    let mut total = 0;
    for t in topics.values() {
        total += t.questions;
        writeln!(
            out,
            "{:width$}  {:>5}  {:>6} {:>5} {:>5} {:>4}  {:>4} {:>6} {:>4}  {:>6} {:>4} {:>6}  {}",
            t.topic,
            t.questions,
            t.types["choice"],
            t.types["multi"],
            t.types["short"],
            t.types["open"],
            t.difficulty["easy"],
            t.difficulty["medium"],
            t.difficulty["hard"],
            t.levels["junior"],
            t.levels["mid"],
            t.levels["senior"],
            t.title
        )
        .map_err(w())?;
    }
    writeln!(out, "{:width$}  {total:>5}", "all").map_err(w())?;
    Ok(exit::OK)
}
