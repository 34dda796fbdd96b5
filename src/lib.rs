//! `quiz`: a command-line interview-practice quizzer for backend developers.
//!
//! The binary is a thin shell around [`run`]; everything else lives here so tests can call it.
//! A run goes: [`cli::Cli`] (raw arguments) → [`config::Config`] (resolved once) → a
//! subcommand in [`cmd`], which loads banks through [`library`], draws with [`draw`], asks
//! through a [`ask::Prompter`] in [`session`], grades with [`grade`] and appends to the
//! [`history`] log.

pub mod ask;
pub mod bank;
pub mod chart;
pub mod cli;
pub mod clock;
mod cmd;
pub mod config;
pub mod draw;
pub mod error;
pub mod exit;
pub mod file;
pub mod grade;
pub mod history;
pub mod library;
pub mod memory;
pub mod mock;
pub mod progress;
pub mod report;
pub mod session;
pub mod stats;
pub mod text;

pub use error::{Error, Result};

/// Runs `quiz` with parsed arguments and the process environment; returns the exit code.
pub fn run(cli: cli::Cli, env: &config::Env) -> Result<u8> {
    cmd::execute(cli, env)
}
