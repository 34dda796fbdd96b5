//! `quiz validate`: checks banks and reports every problem as `file:line:column: message`.

use std::{io::Write, path::PathBuf};

use crate::{
    config::Config,
    error::{Result, io},
    exit,
    library::{self, Library},
    text,
};

/// Validates `paths`, or the built-in banks and any `--bank` when none are given.
pub fn run(config: &Config, paths: &[PathBuf], out: &mut dyn Write) -> Result<u8> {
    // Given paths are checked together with the built-in banks, so ids and follow-ups across
    // them are checked too; only the given files' problems are reported.
    let sources = library::discover(if paths.is_empty() { &config.banks } else { paths })?;
    let given: Vec<&str> =
        sources.iter().filter(|s| paths.is_empty() || !s.is_builtin()).map(|s| s.label.as_str()).collect();
    let (lib, diags) = Library::load_all(&sources, None);
    let diags: Vec<_> = diags.into_iter().filter(|d| given.contains(&d.file.as_str())).collect();
    let w = io("cannot write output");
    for d in &diags {
        writeln!(out, "{d}").map_err(io("cannot write output"))?;
    }
    let questions: usize =
        lib.banks.iter().filter(|b| given.contains(&b.file.as_str())).map(|b| b.questions.len()).sum();
    let summary = format!(
        "{}, {}: {}",
        text::count(given.len(), "bank"),
        text::count(questions, "question"),
        if diags.is_empty() { "no problems".to_owned() } else { text::count(diags.len(), "problem") }
    );
    writeln!(out, "{summary}").map_err(w)?;
    Ok(if diags.is_empty() { exit::OK } else { exit::USAGE })
}
