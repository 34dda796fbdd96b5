//! `quiz list`: the questions, one a line, with their ids for `quiz show`.

use std::io::Write;

use crate::{
    config::Config,
    error::{Result, io},
    exit, library,
};

/// Lists questions of `topics` (all when empty).
pub fn run(config: &Config, topics: &[String], json: bool, out: &mut dyn Write) -> Result<u8> {
    let sources = library::discover(&config.banks)?;
    library::check_topics(&sources, topics)?;
    let lib = library::Library::load(&sources, (!topics.is_empty()).then_some(topics))?;
    let rows: Vec<super::Summary> = lib.questions().map(super::Summary::of).collect();
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
