//! `quiz` / `quiz practice`: a session of random questions from the banks.

use std::io::{self, Write};

use crate::{
    cli::PracticeArgs,
    config::{Config, Stream},
    draw::{self, Filter},
    error::{Error, Result, io as io_err},
    exit,
    history::Log,
    library::{self, Library},
    prompt::{PlainPrompter, Prompter},
    session::{self, Header, Recorder},
    terminal::TerminalPrompter,
    text,
};

/// Runs a practice session.
pub fn run(config: &Config, args: &PracticeArgs) -> Result<u8> {
    let s = config.session(args);
    config.apply_color(s.ui);
    let sources = library::discover(&config.banks)?;
    library::check_topics(&sources, &s.topics)?;
    let only = (!s.topics.is_empty()).then_some(s.topics.as_slice());
    let lib = Library::load(&sources, only)?;
    let filter = Filter {
        topics: s.topics.clone(),
        difficulties: s.difficulties.clone(),
        levels: s.levels.clone(),
        tags: s.tags.clone(),
    };
    let (plan, matched) = draw::draw(&lib, &filter, s.count, s.seed, s.time_limit);
    if plan.is_empty() {
        return Err(Error::NoMatch(filter.describe()));
    }
    let log = s.history.as_deref().map(Log::open).transpose()?;

    let mut ui: Box<dyn Write> = match s.ui {
        Stream::Stdout => Box::new(io::stdout()),
        Stream::Stderr => Box::new(io::stderr()),
    };
    if matched < s.count {
        writeln!(ui, "Only {} match; asking all of them.", text::count(matched, "question"))
            .map_err(io_err("cannot write output"))?;
    }
    let started = config.clock.now();
    let header = Header {
        session: format!("{}-{:06x}", started.format("%Y%m%dT%H%M%SZ"), rand::random::<u32>() & 0xff_ffff),
        mode: "practice".into(),
        topics: s.topics.clone(),
        seed: s.seed,
        planned: plan.len(),
        pass_mark: s.pass,
        json: s.json,
    };
    let recorder = Recorder::new(header, log, config.clock.clone());
    session::install_interrupt_handler();
    let mut prompter: Box<dyn Prompter> = if s.interactive {
        Box::new(TerminalPrompter::default())
    } else {
        Box::new(PlainPrompter::new(io::stdin().lock(), s.echo))
    };
    let report = session::run(&plan, recorder, prompter.as_mut(), ui.as_mut(), config.clock.as_ref())?;
    ui.flush().map_err(io_err("cannot write output"))?;
    drop(ui);
    let mut out = io::stdout().lock();
    if s.json { report.write_json(&mut out) } else { report.write_text(&mut out) }
        .map_err(io_err("cannot write the report"))?;
    out.flush().map_err(io_err("cannot write the report"))?;
    Ok(if report.passed == Some(false) { exit::BELOW_PASS } else { exit::OK })
}
