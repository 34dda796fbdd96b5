//! `quiz` / `quiz practice`: a session of random questions from the banks, and the session
//! runner that `quiz review` shares.

use std::io::{self, Write};

use crate::{
    cli::PracticeArgs,
    config::{Config, SessionConfig, Stream},
    draw::{self, Filter, Planned},
    error::{Error, Result, io as io_err},
    exit, history,
    history::Log,
    interrupt,
    library::{self, Library},
    memory::{Memories, Replay},
    prompt::{PlainPrompter, Prompter},
    session::{self, Header, Recorder},
    terminal::TerminalPrompter,
    text,
};

/// Runs a practice session.
pub fn run(config: &Config, args: &PracticeArgs) -> Result<u8> {
    let s = config.session(&args.session)?;
    let lib = load(config, &s)?;
    let filter = filter(&s);
    let (plan, matched) = if args.weak {
        let memories = memories(config)?;
        let now = config.clock.now();
        draw::draw_weighted(&lib, &filter, s.count, s.seed, s.time_limit, |q| {
            draw::weakness(memories.by_id.get(&q.id), now)
        })
    } else {
        draw::draw(&lib, &filter, s.count, s.seed, s.time_limit)
    };
    if plan.is_empty() {
        return Err(Error::NoMatch(filter.describe()));
    }
    let note =
        (matched < s.count).then(|| format!("Only {} match; asking all of them.", text::count(matched, "question")));
    run_session(config, &s, "practice", &plan, note)
}

/// Loads the banks a session needs: only the topics asked for, or all.
pub(super) fn load(config: &Config, s: &SessionConfig) -> Result<Library> {
    config.apply_color(s.ui);
    let sources = library::discover(&config.banks)?;
    library::check_topics(&sources, &s.topics)?;
    let only = (!s.topics.is_empty()).then_some(s.topics.as_slice());
    Library::load(&sources, only)
}

/// The session's filters.
pub(super) fn filter(s: &SessionConfig) -> Filter {
    Filter {
        topics: s.topics.clone(),
        difficulties: s.difficulties.clone(),
        levels: s.levels.clone(),
        tags: s.tags.clone(),
    }
}

/// Every answered question's memory, replayed from the log.
pub(super) fn memories(config: &Config) -> Result<Memories> {
    let log_path = config.history()?;
    let mut replay = Replay::new();
    let warnings = history::scan_answers(log_path, config.clock.peek(), |a| {
        replay.add(a);
    })?;
    history::warn(log_path, &warnings);
    Ok(replay.finish().into())
}

/// What a session needs to run: its recorder, where it writes, and how it asks.
pub(super) struct Setup {
    pub recorder: Recorder,
    pub ui: Box<dyn Write>,
    pub prompter: Box<dyn Prompter>,
}

/// Opens the log (failing now if it cannot be written), names the session and picks the
/// prompter. `confidence` lets plain answer lines end in a `?1`–`?3` suffix.
pub(super) fn prepare(
    config: &Config,
    s: &SessionConfig,
    mode: &str,
    planned: usize,
    confidence: bool,
) -> Result<Setup> {
    let log = s.history.as_deref().map(Log::open).transpose()?;
    let ui: Box<dyn Write> = match s.ui {
        Stream::Stdout => Box::new(io::stdout()),
        Stream::Stderr => Box::new(io::stderr()),
    };
    let started = config.clock.now();
    let header = Header {
        session: format!("{}-{:06x}", started.format("%Y%m%dT%H%M%SZ"), rand::random::<u32>() & 0xff_ffff),
        mode: mode.into(),
        topics: s.topics.clone(),
        seed: s.seed,
        planned,
        pass_mark: s.pass,
        json: s.json,
    };
    let recorder = Recorder::new(header, log, config.clock.clone());
    interrupt::install();
    let prompter: Box<dyn Prompter> = if s.interactive {
        Box::new(TerminalPrompter::default())
    } else {
        let plain = PlainPrompter::new(io::stdin().lock(), s.echo);
        Box::new(if confidence { plain.with_confidence() } else { plain })
    };
    Ok(Setup { recorder, ui, prompter })
}

/// Writes the end report to stdout, coloured for stdout, as JSON or text.
pub(super) fn print(
    config: &Config,
    json: bool,
    write: impl FnOnce(&mut dyn Write, bool) -> io::Result<()>,
) -> Result<()> {
    config.apply_color(Stream::Stdout);
    let mut out = io::stdout().lock();
    write(&mut out, json).map_err(io_err("cannot write the report"))?;
    out.flush().map_err(io_err("cannot write the report"))
}

/// Asks `plan` as a session of `mode`, prints the report and returns the exit code.
pub(super) fn run_session(
    config: &Config,
    s: &SessionConfig,
    mode: &str,
    plan: &[Planned],
    note: Option<String>,
) -> Result<u8> {
    let Setup { recorder, mut ui, mut prompter } = prepare(config, s, mode, plan.len(), false)?;
    if let Some(note) = note {
        writeln!(ui, "{note}").map_err(io_err("cannot write output"))?;
    }
    let report = session::run(plan, recorder, prompter.as_mut(), ui.as_mut(), config.clock.as_ref())?;
    ui.flush().map_err(io_err("cannot write output"))?;
    drop(ui);
    print(config, s.json, |out, json| if json { report.write_json(out) } else { report.write_text(out) })?;
    Ok(if report.passed == Some(false) { exit::BELOW_PASS } else { exit::OK })
}
