//! `quiz report`: the history log, the banks and the study plan turned into one self-contained
//! HTML page (see [`crate::progress::page`]), written to a file and optionally opened.

use std::{
    collections::HashMap,
    io::Write,
    path::Path,
    process::{Command, Stdio},
};

use chrono::{Local, Offset};

use crate::{
    bank::QType,
    config::Config,
    error::{Error, Result, io},
    exit, history, library,
    progress::{
        page,
        plan::Plan,
        report::{Builder, PlanInput},
    },
};

/// Writes the report to `output`, opening it in a browser when `open` is set.
pub fn run(config: &Config, output: &Path, open: bool, out: &mut dyn Write) -> Result<u8> {
    let log_path = config.history()?;
    let sources = library::discover(&config.banks)?;
    let lib = library::Library::load(&sources, None)?;
    let known: HashMap<&str, QType> = lib.questions().map(|q| (q.id.as_str(), q.qtype())).collect();
    let mut builder = Builder::new(config.clock.now(), |t| t.with_timezone(&Local).offset().fix());
    // Answers to questions no longer in the banks are left out, as `quiz stats` leaves them out.
    let warnings = history::scan_answers(log_path, config.clock.peek(), |a| {
        if let Some(&qtype) = known.get(a.question) {
            builder.add(a, qtype);
        }
    })?;
    history::warn(log_path, &warnings);
    let plan = match config.plan_path() {
        Ok(path) => Plan::load(path).map_err(Error::Usage)?,
        Err(_) => None,
    };
    let line = match &plan {
        Some(p) => Some(super::plan::standing_in(config, p.clone(), &lib)?.line()),
        None => None,
    };
    let plan_input = plan.as_ref().zip(line).map(|(plan, line)| PlanInput { plan, line });
    let report = builder.finish(&lib, plan_input);
    let drawn = |e: String| Error::Usage(format!("cannot draw the report: {e}"));
    let charts = page::charts(&report).map_err(drawn)?;
    let html = page::render(&report, &charts).map_err(drawn)?;
    page::write(output, &html).map_err(io(format!("cannot write the report to {}", output.display())))?;
    writeln!(out, "Wrote the progress report to {}", output.display()).map_err(io("cannot write output"))?;
    if open {
        open_in_browser(output);
    }
    Ok(exit::OK)
}

/// Opens `path` with the desktop's opener; failing to is a warning, as the file is written.
fn open_in_browser(path: &Path) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let status =
        Command::new(opener).arg(path).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status();
    let why = match status {
        Ok(s) if s.success() => return,
        Ok(s) => format!("{opener} failed ({s})"),
        Err(e) => format!("cannot run {opener}: {e}"),
    };
    eprintln!("quiz: warning: could not open {}: {why}; open it in a browser yourself", path.display());
}
