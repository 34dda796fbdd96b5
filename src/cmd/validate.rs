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
    let sources = if paths.is_empty() {
        library::discover(&config.banks)?
    } else {
        let builtin = library::builtin().len();
        library::discover(paths)?.split_off(builtin)
    };
    let (lib, diags) = Library::load_all(&sources, None);
    let w = io("cannot write output");
    for d in &diags {
        writeln!(out, "{d}").map_err(io("cannot write output"))?;
    }
    let questions = lib.questions().count();
    let summary = format!(
        "{}, {}: {}",
        text::count(sources.len(), "bank"),
        text::count(questions, "question"),
        if diags.is_empty() { "no problems".to_owned() } else { text::count(diags.len(), "problem") }
    );
    writeln!(out, "{summary}").map_err(w)?;
    Ok(if diags.is_empty() { exit::OK } else { exit::USAGE })
}
