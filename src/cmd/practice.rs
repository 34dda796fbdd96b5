//! `quiz` / `quiz practice`: a session of random questions from the banks, and the session
//! runner that `quiz review` shares.

use std::io::{self, Write};

use crate::{
    ask::interrupt,
    ask::prompt::{PlainPrompter, Prompter},
    ask::terminal::TerminalPrompter,
    bank::Question,
    cli::PracticeArgs,
    config::{Config, SessionConfig, Stream},
    draw::{self, Filter, Planned},
    error::{Error, Result, io as io_err},
    exit, history,
    history::Log,
    library::{self, Library},
    memory::{Memories, Replay},
    session::{self, Header, Recorder},
    stats::{Misses, Window},
    text,
};

/// Runs a practice session: a random draw, a `--weak` drill, `--missed` or `--id`.
pub fn run(config: &Config, args: &PracticeArgs) -> Result<u8> {
    let s = config.session(&args.session)?;
    if !args.id.is_empty() {
        // Exactly the questions named, wherever they live.
        let lib = load(config, &SessionConfig { topics: Vec::new(), ..s.clone() })?;
        let questions = args
            .id
            .iter()
            .map(|id| lib.find(id.trim()).ok_or_else(|| Error::UnknownQuestion(id.trim().to_owned())))
            .collect::<Result<Vec<_>>>()?;
        let plan = draw::plan_all(questions, s.seed, s.time_limit);
        return run_session(config, &s, "practice", &plan, None, Some(replay_ids(config, &s, &plan)));
    }
    let lib = load(config, &s)?;
    let filter = filter(&s);
    if let Some(window) = &args.missed {
        let (ids, within) = missed(config, window)?;
        let pool: Vec<&Question> = ids.iter().filter_map(|id| lib.find(id)).filter(|q| filter.admits(q)).collect();
        if pool.is_empty() {
            let mut out = io::stdout().lock();
            let text = if s.json {
                "{\"missed\":[]}".to_owned()
            } else {
                format!("Nothing to retry: no wrong answers {within}.")
            };
            writeln!(out, "{text}").map_err(io_err("cannot write output"))?;
            return Ok(exit::OK);
        }
        let note = format!("Retrying {} missed {within}.", text::count(pool.len().min(s.count), "question"));
        let plan = draw::plan_all(pool.into_iter().take(s.count), s.seed, s.time_limit);
        return run_session(config, &s, "practice", &plan, Some(note), Some(replay_ids(config, &s, &plan)));
    }
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
    // A weak drill's weights come from the log, which the drill itself changes: replay its ids.
    let replay = if args.weak { replay_ids(config, &s, &plan) } else { replay_draw(config, &s) };
    run_session(config, &s, "practice", &plan, note, Some(replay))
}

/// The questions to retry for `--missed WINDOW` (`last` for the last session), in the order
/// they were missed, and the window in words.
fn missed(config: &Config, window: &str) -> Result<(Vec<String>, String)> {
    let now = config.clock.now();
    let (window, within) = if window == "last" {
        (Window::LastSession, "in the last session".to_owned())
    } else {
        (Window::Since(super::stats::parse_since(window, now)?), format!("within {window}"))
    };
    let log_path = config.history()?;
    let mut misses = Misses::new(window);
    let warnings = history::scan_answers(log_path, config.clock.peek(), |a| misses.add(a))?;
    history::warn(log_path, &warnings);
    Ok((misses.finish(), within))
}

/// `quiz practice` with the filters, count and seed that draw the same questions again.
fn replay_draw(config: &Config, s: &SessionConfig) -> String {
    let mut cmd = vec![command(config, "practice")];
    let list =
        |flag: &str, values: Vec<String>| (!values.is_empty()).then(|| format!("{flag} {}", quote(&values.join(","))));
    cmd.extend(list("--topic", s.topics.clone()));
    cmd.push(format!("-n {}", s.count));
    cmd.extend(list("--difficulty", s.difficulties.iter().map(ToString::to_string).collect()));
    cmd.extend(list("--level", s.levels.iter().map(ToString::to_string).collect()));
    cmd.extend(list("--tag", s.tags.clone()));
    finish_replay(cmd, s)
}

/// `quiz practice --id …` naming the planned questions, for sessions a draw cannot repeat.
fn replay_ids(config: &Config, s: &SessionConfig, plan: &[Planned]) -> String {
    let ids: Vec<&str> = plan.iter().map(|p| p.question.id.as_str()).collect();
    finish_replay(vec![command(config, "practice"), format!("--id {}", quote(&ids.join(",")))], s)
}

/// `quiz SUBCOMMAND`, with the `--bank` options the run was given.
pub(super) fn command(config: &Config, subcommand: &str) -> String {
    let mut cmd = format!("quiz {subcommand}");
    for bank in &config.bank_flags {
        cmd.push_str(&format!(" --bank {}", quote(&bank.to_string_lossy())));
    }
    cmd
}

fn finish_replay(mut cmd: Vec<String>, s: &SessionConfig) -> String {
    if let Some(limit) = s.time_limit {
        cmd.push(format!("--time-limit {}", humantime::format_duration(limit)));
    }
    cmd.push(format!("--seed {}", s.seed));
    cmd.join(" ")
}

/// Quotes a shell word unless it is plainly safe.
pub(super) fn quote(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_.,/:+".contains(c)) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Loads the banks a session needs: only the topics asked for, or all.
pub(super) fn load(config: &Config, s: &SessionConfig) -> Result<Library> {
    config.apply_session_color(s, s.ui);
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
    replay: Option<String>,
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
        replay,
        json: s.json,
    };
    let mut recorder = Recorder::new(header, log, config.clock.clone());
    recorder.set_grader(config.grader.clone());
    interrupt::install(s.interactive);
    let prompter: Box<dyn Prompter> = if s.interactive {
        Box::new(TerminalPrompter::new(config.clock.clone(), s.editor.clone(), s.open_in_editor))
    } else {
        let plain = PlainPrompter::new(io::stdin().lock(), s.echo);
        let plain = if s.typeahead { plain.dropping_typeahead() } else { plain };
        Box::new(if confidence { plain.with_confidence() } else { plain })
    };
    Ok(Setup { recorder, ui, prompter })
}

/// Writes the end report to stdout, coloured for stdout, as JSON or text.
pub(super) fn print(
    config: &Config,
    s: &SessionConfig,
    write: impl FnOnce(&mut dyn Write, bool) -> io::Result<()>,
) -> Result<()> {
    config.apply_session_color(s, Stream::Stdout);
    let mut out = io::stdout().lock();
    write(&mut out, s.json).map_err(io_err("cannot write the report"))?;
    out.flush().map_err(io_err("cannot write the report"))
}

/// Asks `plan` as a session of `mode`, prints the report and returns the exit code.
pub(super) fn run_session(
    config: &Config,
    s: &SessionConfig,
    mode: &str,
    plan: &[Planned],
    note: Option<String>,
    replay: Option<String>,
) -> Result<u8> {
    let Setup { recorder, mut ui, mut prompter } = prepare(config, s, mode, plan.len(), false, replay)?;
    if let Some(note) = note {
        writeln!(ui, "{note}").map_err(io_err("cannot write output"))?;
    }
    let report = session::run(plan, recorder, prompter.as_mut(), ui.as_mut(), config.clock.as_ref())?;
    ui.flush().map_err(io_err("cannot write output"))?;
    drop(ui);
    print(config, s, |out, json| if json { report.write_json(out) } else { report.write_text(out) })?;
    Ok(if report.passed == Some(false) { exit::BELOW_PASS } else { exit::OK })
}
