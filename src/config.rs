//! Resolves the raw command line and the environment into a [`Config`], once.
//!
//! Nothing below this module reads environment variables or asks whether a stream is a
//! terminal: those facts are gathered here into [`Env`] and decided into plain fields, so tests
//! can build any situation by hand.

use std::{
    io::IsTerminal,
    path::{Path, PathBuf},
    sync::Arc,
};

use crate::{
    cli::{ColorWhen, GlobalArgs, SessionArgs},
    clock::{Clock, FixedClock, SystemClock},
    error::{Error, Result},
};

/// What the process was started with, read once.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `QUIZ_HISTORY`.
    pub quiz_history: Option<String>,
    /// `QUIZ_BANKS`, colon-separated.
    pub quiz_banks: Option<String>,
    /// `XDG_DATA_HOME`.
    pub xdg_data_home: Option<String>,
    /// `XDG_CONFIG_HOME`.
    pub xdg_config_home: Option<String>,
    /// `HOME`, also when set but empty.
    pub home: Option<String>,
    /// `NO_COLOR` set to anything non-empty.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` set to anything but `0`.
    pub clicolor_force: bool,
    /// `QUIZ_NOW`: a fixed start time (RFC 3339), for tests and demos.
    pub quiz_now: Option<String>,
    /// `QUIZ_CLOCK_STEP`: how far the fixed clock moves on each reading (default 1s).
    pub quiz_clock_step: Option<String>,
    /// `QUIZ_GRADER`: a command that grades open answers.
    pub quiz_grader: Option<String>,
    /// `QUIZ_GRADER_TIMEOUT`: how long it may take per answer.
    pub quiz_grader_timeout: Option<String>,
    /// Whether stdin is a terminal.
    pub stdin_tty: bool,
    /// Whether stdout is a terminal.
    pub stdout_tty: bool,
    /// Whether stderr is a terminal.
    pub stderr_tty: bool,
    /// `TERM`: unset or `dumb` means a terminal that cannot take escape codes.
    pub term: Option<String>,
    /// `VISUAL`, else `EDITOR`: the command that edits a long answer.
    pub editor: Option<String>,
    /// The width of stdout: `COLUMNS`, else the terminal's, else unknown.
    pub columns: Option<usize>,
}

impl Env {
    /// Reads the real process environment.
    pub fn from_process() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Env {
            quiz_history: var("QUIZ_HISTORY"),
            quiz_banks: var("QUIZ_BANKS"),
            xdg_data_home: var("XDG_DATA_HOME"),
            xdg_config_home: var("XDG_CONFIG_HOME"),
            home: std::env::var("HOME").ok(),
            no_color: var("NO_COLOR").is_some(),
            clicolor_force: var("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
            quiz_now: var("QUIZ_NOW"),
            quiz_clock_step: var("QUIZ_CLOCK_STEP"),
            quiz_grader: var("QUIZ_GRADER"),
            quiz_grader_timeout: var("QUIZ_GRADER_TIMEOUT"),
            stdin_tty: std::io::stdin().is_terminal(),
            stdout_tty: std::io::stdout().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
            term: var("TERM"),
            editor: var("VISUAL").or_else(|| var("EDITOR")),
            columns: var("COLUMNS")
                .and_then(|c| c.parse().ok())
                .or_else(|| std::io::stdout().is_terminal().then(|| console::Term::stdout().size().1.into())),
        }
    }
}

/// Settings every command shares.
#[derive(Clone)]
pub struct Config {
    /// Extra bank paths: `--bank` then `QUIZ_BANKS`.
    pub banks: Vec<PathBuf>,
    /// The `--bank` paths alone, as given, for replay commands (`QUIZ_BANKS` stays in the
    /// environment).
    pub bank_flags: Vec<PathBuf>,
    /// The history log's path, or why there is none (resolved now, reported only when used).
    history: std::result::Result<PathBuf, String>,
    /// The study plan's path, or why there is none.
    plan: std::result::Result<PathBuf, String>,
    /// The `--color` choice, applied per stream by [`Config::color_for`].
    color: ColorWhen,
    no_color: bool,
    clicolor_force: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    stdin_tty: bool,
    /// Whether the terminal takes escape codes (`TERM` is set and not `dumb`).
    smart_term: bool,
    /// The command that edits a long answer.
    editor: String,
    columns: Option<usize>,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// An external grader for open answers: `--grader`, else `QUIZ_GRADER`.
    pub grader: Option<crate::grade::external::External>,
}

/// Which stream a command mainly writes to, for the colour decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

impl Config {
    /// Resolves the shared options.
    pub fn from_cli(global: &GlobalArgs, env: &Env) -> Result<Config> {
        let mut banks = global.banks.clone();
        if let Some(list) = &env.quiz_banks {
            banks.extend(list.split(':').filter(|p| !p.is_empty()).map(PathBuf::from));
        }
        let history = match (&global.history, &env.quiz_history) {
            (Some(p), _) => Ok(p.clone()),
            (None, Some(p)) => Ok(PathBuf::from(p)),
            (None, None) => default_history(env),
        };
        let clock: Arc<dyn Clock> = match &env.quiz_now {
            None => Arc::new(SystemClock),
            Some(now) => {
                let start = chrono::DateTime::parse_from_rfc3339(now)
                    .map_err(|e| Error::Usage(format!("QUIZ_NOW='{now}' is not an RFC 3339 time: {e}")))?
                    .with_timezone(&chrono::Utc);
                let step = match &env.quiz_clock_step {
                    None => std::time::Duration::from_secs(1),
                    Some(s) => humantime::parse_duration(s)
                        .map_err(|e| Error::Usage(format!("QUIZ_CLOCK_STEP='{s}' is not a duration: {e}")))?,
                };
                let step = chrono::Duration::from_std(step)
                    .map_err(|_| Error::Usage(format!("QUIZ_CLOCK_STEP is too large: {step:?}")))?;
                let clock = FixedClock::new(start, step);
                if let Some(why) = clock.out_of_range() {
                    return Err(Error::Usage(format!(
                        "QUIZ_NOW='{now}' with QUIZ_CLOCK_STEP={} {why}; the log keeps four-digit years, so \
                         choose a time and step that stay before year 10000",
                        env.quiz_clock_step.as_deref().unwrap_or("1s")
                    )));
                }
                Arc::new(clock)
            }
        };
        let grader = match global.grader.clone().or_else(|| env.quiz_grader.clone()) {
            Some(command) if !command.trim().is_empty() => {
                let timeout = match (global.grader_timeout, &env.quiz_grader_timeout) {
                    (Some(t), _) => t,
                    (None, Some(t)) => crate::cli::parse_grader_timeout(t)
                        .map_err(|why| Error::Usage(format!("QUIZ_GRADER_TIMEOUT={t}: {why}")))?,
                    (None, None) => std::time::Duration::from_secs(30),
                };
                Some(crate::grade::external::External { command, timeout })
            }
            _ => None,
        };
        let plan = match (&env.xdg_config_home, &env.home) {
            (Some(x), _) if Path::new(x).is_absolute() => Ok(PathBuf::from(x).join("quiz/plan.yaml")),
            (_, Some(home)) if !home.is_empty() => Ok(Path::new(home).join(".config/quiz/plan.yaml")),
            _ => Err("cannot find a place for the study plan: HOME is not set or empty; set XDG_CONFIG_HOME".into()),
        };
        Ok(Config {
            plan,
            grader,
            bank_flags: global.banks.clone(),
            banks,
            history,
            color: global.color,
            no_color: env.no_color,
            clicolor_force: env.clicolor_force,
            stdout_tty: env.stdout_tty,
            stderr_tty: env.stderr_tty,
            stdin_tty: env.stdin_tty,
            smart_term: env.term.as_deref().is_some_and(|t| t != "dumb"),
            editor: env.editor.clone().unwrap_or_else(|| "vi".into()),
            columns: env.columns,
            clock,
        })
    }

    /// The study plan's path; an error when none can be found (no HOME and no XDG_CONFIG_HOME).
    pub fn plan_path(&self) -> Result<&Path> {
        self.plan.as_deref().map_err(|why| Error::Usage(why.clone()))
    }

    /// The history log's path; an error when none can be found (no HOME and no --history).
    pub fn history(&self) -> Result<&Path> {
        self.history.as_deref().map_err(|why| Error::Usage(why.clone()))
    }

    /// The width tables on stdout should fit, when known.
    pub fn columns(&self) -> Option<usize> {
        self.columns
    }

    /// Whether stdout is a terminal (so long lines may be shortened to fit it).
    pub fn stdout_tty(&self) -> bool {
        self.stdout_tty
    }

    /// Whether output to `stream` is coloured.
    pub fn color_for(&self, stream: Stream) -> bool {
        match self.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                let tty = match stream {
                    Stream::Stdout => self.stdout_tty,
                    Stream::Stderr => self.stderr_tty,
                };
                !self.no_color && (self.clicolor_force || (tty && self.smart_term))
            }
        }
    }

    /// Applies the colour decision for `stream` to everything printed from here on.
    pub fn apply_color(&self, stream: Stream) {
        colored::control::set_override(self.color_for(stream));
    }

    /// Applies the colour decision for a session's `stream`: plain mode writes plain text, even
    /// at a terminal, unless `--color always` or `CLICOLOR_FORCE` ask for colour.
    pub fn apply_session_color(&self, s: &SessionConfig, stream: Stream) {
        colored::control::set_override(self.session_color(s, stream));
    }

    fn session_color(&self, s: &SessionConfig, stream: Stream) -> bool {
        let plain = s.plain_text && self.color == ColorWhen::Auto && !self.clicolor_force;
        self.color_for(stream) && !plain
    }

    /// Interactive prompts need a terminal on both stdin and stderr that takes escape codes:
    /// they read the terminal directly and would hang on piped stdin. A dumb terminal gets the
    /// plain line prompts.
    pub fn interactive(&self, plain: bool) -> bool {
        !plain && self.stdin_tty && self.stderr_tty && self.smart_term
    }

    /// Resolves a practice session's options.
    pub fn session(&self, args: &SessionArgs) -> Result<SessionConfig> {
        let interactive = self.interactive(args.run.plain);
        Ok(SessionConfig {
            topics: args.topic.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect(),
            count: args.count as usize,
            difficulties: args.difficulty.clone(),
            levels: args.level.clone(),
            tags: args.tag.clone(),
            seed: args.run.seed.unwrap_or_else(|| u64::from(rand::random::<u32>())),
            time_limit: args.run.time_limit,
            history: if args.run.no_history { None } else { Some(self.history()?.to_owned()) },
            interactive,
            echo: !self.stdin_tty,
            plain_text: !interactive,
            typeahead: self.stdin_tty,
            editor: self.editor.clone(),
            open_in_editor: args.run.editor,
            json: args.run.json,
            pass: args.run.pass,
            ui: if interactive || args.run.json { Stream::Stderr } else { Stream::Stdout },
        })
    }
}

/// A practice session's resolved options.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// Topics to draw from; empty means all.
    pub topics: Vec<String>,
    /// How many questions to ask.
    pub count: usize,
    /// Allowed difficulties; empty means all.
    pub difficulties: Vec<crate::bank::Difficulty>,
    /// Allowed levels; empty means all.
    pub levels: Vec<crate::bank::Level>,
    /// Required tags (any of); empty means all.
    pub tags: Vec<String>,
    /// The draw's seed.
    pub seed: u64,
    /// A time limit overriding the banks'.
    pub time_limit: Option<std::time::Duration>,
    /// The log to append to, unless `--no-history`.
    pub history: Option<PathBuf>,
    /// Whether to use the terminal prompts.
    pub interactive: bool,
    /// Whether plain mode writes back the answers it reads (stdin is not a terminal).
    pub echo: bool,
    /// Whether questions are asked as plain text lines (no terminal prompts), and so not coloured.
    pub plain_text: bool,
    /// Whether stdin is a terminal whose keys typed ahead are dropped before each prompt.
    pub typeahead: bool,
    /// The command that edits a long answer (`$VISUAL`, `$EDITOR`, else `vi`).
    pub editor: String,
    /// Whether open answers are written in that editor from the start (`--editor`).
    pub open_in_editor: bool,
    /// Whether the report is JSON on stdout.
    pub json: bool,
    /// The pass mark in percent.
    pub pass: Option<f64>,
    /// Where questions and feedback go.
    pub ui: Stream,
}

fn default_history(env: &Env) -> std::result::Result<PathBuf, String> {
    let data = match (&env.xdg_data_home, &env.home) {
        (Some(x), _) if Path::new(x).is_absolute() => PathBuf::from(x),
        (_, Some(home)) if !home.is_empty() => Path::new(home).join(".local/share"),
        (_, Some(_)) => {
            return Err(
                "cannot find a place for the history log: HOME is empty; pass --history FILE or set QUIZ_HISTORY"
                    .into(),
            );
        }
        _ => {
            return Err(
                "cannot find a place for the history log: HOME is not set; pass --history FILE or set QUIZ_HISTORY"
                    .into(),
            );
        }
    };
    Ok(data.join("quiz").join("history.jsonl"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::RunArgs;

    fn env() -> Env {
        Env { home: Some("/home/u".into()), ..Env::default() }
    }

    #[test]
    fn history_path_precedence() {
        let g = GlobalArgs::default();
        assert_eq!(
            Config::from_cli(&g, &env()).unwrap().history().unwrap(),
            PathBuf::from("/home/u/.local/share/quiz/history.jsonl")
        );
        let e = Env { xdg_data_home: Some("/data".into()), ..env() };
        assert_eq!(Config::from_cli(&g, &e).unwrap().history().unwrap(), PathBuf::from("/data/quiz/history.jsonl"));
        let e = Env { quiz_history: Some("/q.jsonl".into()), ..e };
        assert_eq!(Config::from_cli(&g, &e).unwrap().history().unwrap(), PathBuf::from("/q.jsonl"));
        let g = GlobalArgs { history: Some("/flag.jsonl".into()), ..g };
        assert_eq!(Config::from_cli(&g, &e).unwrap().history().unwrap(), PathBuf::from("/flag.jsonl"));
    }

    #[test]
    fn no_home_is_an_error_only_when_the_log_is_needed() {
        let c = Config::from_cli(&GlobalArgs::default(), &Env::default()).unwrap();
        assert!(c.history().unwrap_err().to_string().contains("HOME is not set"));
        let empty = Config::from_cli(&GlobalArgs::default(), &Env { home: Some(String::new()), ..Env::default() });
        assert!(empty.unwrap().history().unwrap_err().to_string().contains("HOME is empty"));
        let args = SessionArgs { run: RunArgs { no_history: true, ..RunArgs::default() }, ..SessionArgs::default() };
        assert_eq!(c.session(&args).unwrap().history, None);
    }

    #[test]
    fn banks_from_flag_then_env() {
        let g = GlobalArgs { banks: vec!["a.yaml".into()], ..GlobalArgs::default() };
        let e = Env { quiz_banks: Some("b:c/".into()), ..env() };
        let c = Config::from_cli(&g, &e).unwrap();
        assert_eq!(c.banks, [PathBuf::from("a.yaml"), "b".into(), "c/".into()]);
    }

    #[test]
    fn colour_and_interactivity() {
        let g = GlobalArgs::default();
        let tty = Env { stdin_tty: true, stdout_tty: true, stderr_tty: true, term: Some("xterm".into()), ..env() };
        let c = Config::from_cli(&g, &tty).unwrap();
        assert!(c.color_for(Stream::Stdout));
        assert!(c.interactive(false));
        assert!(!c.interactive(true));
        let no = Env { no_color: true, ..tty.clone() };
        assert!(!Config::from_cli(&g, &no).unwrap().color_for(Stream::Stdout));
        let piped = Env { stdin_tty: false, ..tty.clone() };
        assert!(!Config::from_cli(&g, &piped).unwrap().interactive(false));
        let forced = Env { clicolor_force: true, ..env() };
        assert!(Config::from_cli(&g, &forced).unwrap().color_for(Stream::Stderr));
        let dumb = Env { term: Some("dumb".into()), ..tty.clone() };
        let c = Config::from_cli(&g, &dumb).unwrap();
        assert!(!c.interactive(false), "a dumb terminal gets plain prompts");
        assert!(!c.color_for(Stream::Stderr), "and no colour");
        let unset = Env { term: None, ..tty.clone() };
        assert!(!Config::from_cli(&g, &unset).unwrap().interactive(false));
        let args = SessionArgs { run: RunArgs { plain: true, ..RunArgs::default() }, ..SessionArgs::default() };
        let c = Config::from_cli(&g, &tty).unwrap();
        assert!(!c.session_color(&c.session(&args).unwrap(), Stream::Stdout), "plain mode is plain text");
        assert!(c.session_color(&c.session(&SessionArgs::default()).unwrap(), Stream::Stdout));
        let always = GlobalArgs { color: ColorWhen::Always, ..GlobalArgs::default() };
        let c = Config::from_cli(&always, &tty).unwrap();
        assert!(c.session_color(&c.session(&args).unwrap(), Stream::Stdout));
        let never = GlobalArgs { color: ColorWhen::Never, ..GlobalArgs::default() };
        assert!(!Config::from_cli(&never, &forced).unwrap().color_for(Stream::Stdout));
    }
}
