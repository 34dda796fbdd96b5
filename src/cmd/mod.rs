//! One module per subcommand; [`execute`] dispatches to them.

mod export;
mod grade;
mod history;
mod list;
mod man;
mod mock;
mod plan;
mod practice;
mod report;
mod review;
mod show;
mod stats;
mod today;
mod topics;
mod validate;

use std::io::Write;

use clap::{CommandFactory, Parser};

use crate::{
    cli::{Cli, Command},
    config::{Config, Env, Stream},
    error::{Result, io},
    exit,
};

/// Runs the command the command line names and returns the exit code.
pub fn execute(cli: Cli, env: &Env) -> Result<u8> {
    let config = Config::from_cli(&cli.global, env)?;
    if cli.command.is_some() && cli.practice != Cli::parse_from(["quiz"]).practice {
        return Err(crate::Error::Usage(
            "session options such as --topic go after `quiz` or `quiz practice`, not before another command".into(),
        ));
    }
    match cli.command {
        None => practice::run(&config, &cli.practice),
        Some(Command::Practice(args)) => practice::run(&config, &args),
        Some(Command::Review(args)) => review::run(&config, &args),
        Some(Command::Mock(args)) => mock::run(&config, &args),
        Some(Command::Today(args)) => today::run(&config, &args),
        Some(command) => {
            config.apply_color(Stream::Stdout);
            let mut out = std::io::stdout().lock();
            let code = match command {
                Command::Practice(_) | Command::Review(_) | Command::Mock(_) | Command::Today(_) => {
                    unreachable!("handled above")
                }
                Command::Plan(args) => plan::run(&config, &args, &mut out)?,
                Command::Report { output, open } => report::run(&config, &output, open, &mut out)?,
                Command::Validate { paths, deny_warnings } => validate::run(&config, &paths, deny_warnings, &mut out)?,
                Command::Grade { id, answer, json } => grade::run(&config, &id, answer, json, &mut out)?,
                Command::Topics { json } => topics::run(&config, json, &mut out)?,
                Command::List(args) => list::run(&config, &args, &mut out)?,
                Command::Show { id, json } => show::run(&config, &id, json, &mut out)?,
                Command::History { session, last, all, json } => {
                    history::run(&config, session.as_deref(), if all { 0 } else { last }, json, &mut out)?
                }
                Command::Stats { topic, since, json } => {
                    stats::run(&config, topic.as_deref(), since.as_deref(), json, &mut out)?
                }
                Command::Export { format, output } => export::run(&config, format, output.as_deref(), &mut out)?,
                Command::Completions { shell } => {
                    // Generated into memory: clap_complete panics when its writer fails.
                    let mut script = Vec::new();
                    clap_complete::generate(shell, &mut Cli::command(), "quiz", &mut script);
                    out.write_all(&script).map_err(io("cannot write the completion script"))?;
                    exit::OK
                }
                Command::Man => man::run(&mut out)?,
            };
            out.flush().map_err(io("cannot write output"))?;
            Ok(code)
        }
    }
}

/// Loads every bank (built-in and extra), for the commands that look across all of them.
fn load_all(config: &Config) -> Result<crate::library::Library> {
    let sources = crate::library::discover(&config.banks)?;
    crate::library::Library::load(&sources, None)
}

/// The fields that identify and describe a question, shared by `list` and `show`.
#[derive(serde::Serialize)]
struct Summary<'a> {
    id: &'a str,
    topic: &'a str,
    #[serde(rename = "type")]
    qtype: &'a str,
    difficulty: &'a str,
    level: &'a str,
    tags: &'a [String],
    prompt: &'a str,
}

impl<'a> Summary<'a> {
    fn of(q: &'a crate::bank::Question) -> Self {
        Summary {
            id: &q.id,
            topic: &q.topic,
            qtype: q.qtype().name(),
            difficulty: q.difficulty.name(),
            level: q.level.name(),
            tags: &q.tags,
            prompt: &q.prompt,
        }
    }
}

/// Writes `value` as pretty JSON and a newline.
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from).map_err(io("cannot write output"))?;
    writeln!(out).map_err(io("cannot write output"))
}

/// Shortens `s` to one line of at most `max` characters.
fn one_line(s: &str, max: usize) -> String {
    let first = s.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let more = s.trim().lines().count() > 1;
    if first.chars().count() > max {
        format!("{}…", first.chars().take(max - 1).collect::<String>())
    } else if more {
        format!("{first} …")
    } else {
        first.to_owned()
    }
}
