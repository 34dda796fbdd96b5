//! The `quiz` binary: parse, run, turn the outcome into an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = quiz::cli::Cli::parse();
    match quiz::run(cli, &quiz::config::Env::from_process()) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::from(quiz::exit::OK),
        Err(e) => {
            eprintln!("quiz: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
