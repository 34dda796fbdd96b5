//! The `quiz` binary: parse, run, turn the outcome into an exit code.

use std::{io::Write, process::ExitCode};

use clap::Parser;

fn main() -> ExitCode {
    let cli = quiz::cli::Cli::parse();
    match quiz::run(cli, &quiz::config::Env::from_process()) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::from(quiz::exit::OK),
        Err(e) => {
            // Quietly when stderr itself is gone (`2>/dev/full`): there is nowhere left to say it.
            let _ = writeln!(std::io::stderr(), "quiz: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
