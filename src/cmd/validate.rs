//! `quiz validate`: checks banks and reports every problem as `file:line:column: message`, then
//! audits their grading material and runs their `examples` (warnings as `file:line: warning:`).

use std::{io::Write, path::PathBuf};

use crate::{
    config::Config,
    error::{Result, io},
    exit,
    grade::audit::{self, Severity},
    library::{self, Library},
    text,
};

/// Validates `paths`, or the built-in banks and any `--bank` when none are given.
pub fn run(config: &Config, paths: &[PathBuf], deny_warnings: bool, out: &mut dyn Write) -> Result<u8> {
    // Given paths are checked together with the built-in banks, so ids and follow-ups across
    // them are checked too; only the given files' problems are reported.
    let mut sources = library::discover(if paths.is_empty() { &config.banks } else { paths })?;
    // A given file named after a built-in topic is checked as the new version of that bank (an
    // author editing `questions/` in a checkout), so it replaces the built-in one here.
    if !paths.is_empty() {
        let given_topics: Vec<String> = sources.iter().filter(|s| !s.is_builtin()).map(|s| s.topic.clone()).collect();
        sources.retain(|s| !s.is_builtin() || !given_topics.contains(&s.topic));
    }
    let given: Vec<&str> =
        sources.iter().filter(|s| paths.is_empty() || !s.is_builtin()).map(|s| s.label.as_str()).collect();
    let (lib, diags) = Library::load_all(&sources, None);
    let diags: Vec<_> = diags.into_iter().filter(|d| given.contains(&d.file.as_str())).collect();
    let w = || io("cannot write output");
    for d in &diags {
        writeln!(out, "{d}").map_err(w())?;
    }
    let banks: Vec<_> = lib.banks.iter().filter(|b| given.contains(&b.file.as_str())).collect();
    let report = audit::audit(&banks);
    for f in &report.findings {
        writeln!(out, "{f}").map_err(w())?;
    }
    let failing = report.findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = report.findings.len() - failing;
    let questions: usize = banks.iter().map(|b| b.questions.len()).sum();
    let mut problems = Vec::new();
    if !diags.is_empty() {
        problems.push(text::count(diags.len(), "problem"));
    }
    if failing > 0 {
        problems.push(format!("{} failing", text::count(failing, "example")));
    }
    if warnings > 0 {
        problems.push(text::count(warnings, "warning"));
    }
    writeln!(
        out,
        "{}, {}, {}: {}",
        text::count(given.len(), "bank"),
        text::count(questions, "question"),
        text::count(report.examples, "example"),
        if problems.is_empty() { "no problems".to_owned() } else { problems.join(", ") }
    )
    .map_err(w())?;
    let failed = !diags.is_empty() || failing > 0 || (deny_warnings && warnings > 0);
    Ok(if failed { exit::USAGE } else { exit::OK })
}
