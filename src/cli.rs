//! The command line as clap parses it: raw input, no I/O. [`crate::config`] resolves it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::bank::{Difficulty, Level, QType};

/// Drill backend interview questions: timed, graded, explained, remembered.
///
/// `quiz` alone runs a practice session (the same as `quiz practice`).
#[derive(Debug, Parser)]
#[command(name = "quiz", version, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 ok, 1 failure, 2 usage or bad input, 3 below --pass, 129 hung up, 130 interrupted, 143 terminated."
)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// Options of the default practice session.
    #[command(flatten)]
    pub practice: PracticeArgs,
    /// The command to run; none means `practice`.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Extra question bank: a YAML file or a directory of them (repeatable; also QUIZ_BANKS=a:b)
    #[arg(long = "bank", value_name = "PATH", global = true)]
    pub banks: Vec<PathBuf>,
    /// History log to append to and read [default: $QUIZ_HISTORY, else $XDG_DATA_HOME/quiz/history.jsonl]
    #[arg(long, value_name = "FILE", global = true)]
    pub history: Option<PathBuf>,
    /// When to colour output (NO_COLOR and CLICOLOR_FORCE are honoured with auto)
    #[arg(long, value_name = "WHEN", default_value = "auto", global = true)]
    pub color: ColorWhen,
    /// Grade open answers with this command (JSON in, JSON out; see the README) [env: QUIZ_GRADER]
    #[arg(long, value_name = "CMD", global = true)]
    pub grader: Option<String>,
    /// How long the --grader command may take per answer, e.g. 20s [env: QUIZ_GRADER_TIMEOUT]
    #[arg(long, value_name = "DURATION", global = true, value_parser = parse_grader_timeout)]
    pub grader_timeout: Option<std::time::Duration>,
}

/// A grader timeout between 1 second and 10 minutes.
pub fn parse_grader_timeout(s: &str) -> Result<std::time::Duration, String> {
    let d = humantime::parse_duration(s.trim()).map_err(|e| format!("{e}; write it like 20s or 1m"))?;
    if d < std::time::Duration::from_secs(1) || d > std::time::Duration::from_secs(600) {
        return Err("the grader timeout must be between 1s and 10m".into());
    }
    Ok(d)
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorWhen {
    /// Colour when writing to a terminal.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a practice session (the default command)
    Practice(PracticeArgs),
    /// Check question banks and report every problem as file:line:column
    Validate {
        /// Bank files or directories [default: the built-in banks and any --bank]
        paths: Vec<PathBuf>,
        /// Fail (exit 2) on grading warnings too, not only on errors and failing examples
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Grade one answer to a question and show which key points it earned and by which words
    #[command(after_help = "Example: quiz grade dsa-top-k-stream \"keep a min-heap of size k\"")]
    Grade {
        /// The question id, as `quiz list` shows it
        id: String,
        /// The answer to grade; read from stdin when absent (an answer may start with `-`, like `-S`)
        #[arg(allow_hyphen_values = true)]
        answer: Option<String>,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// List topics with their question counts
    Topics {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// List questions, optionally filtered: by topic, level, difficulty, type, tag, text or your history
    List(ListArgs),
    /// Show one question with its answer and explanation
    Show {
        /// The question id, as `quiz list` shows it
        id: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Spaced-repetition review: the questions due, most overdue first, then a few new ones
    Review(ReviewArgs),
    /// A timed mock interview: behavioural opening, technical questions with follow-ups, a scorecard
    Mock(MockArgs),
    /// Where you stand: accuracy, pace, coverage, streaks and readiness per topic
    #[command(after_help = crate::stats::READINESS_RULE)]
    Stats {
        /// Only this topic
        #[arg(short, long, value_parser = parse_topic)]
        topic: Option<String>,
        /// Only answers since a time ago (7d, 12h) or a date (2026-11-01)
        #[arg(long, value_name = "WHEN")]
        since: Option<String>,
        /// Print JSON instead of charts
        #[arg(long)]
        json: bool,
    },
    /// Export every answer in the log as CSV or JSON
    Export {
        /// csv (one row an answer, with a header) or json (an array)
        #[arg(long, value_name = "FORMAT", default_value = "csv")]
        format: ExportFormat,
        /// Write to this file instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Past sessions, newest first; with SESSION, each question of that session
    History {
        /// A session id, or an index: 1 is the latest session, 2 the one before
        session: Option<String>,
        /// How many sessions to show, newest first (1 to 1000000)
        #[arg(long, value_name = "N", default_value_t = 20, allow_negative_numbers = true, value_parser = parse_last)]
        last: usize,
        /// Show every session
        #[arg(long, conflicts_with = "last")]
        all: bool,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
    /// Record a study plan toward an interview date; alone, show where the plan stands
    Plan(PlanArgs),
    /// Today's session from the study plan: the reviews due, then new questions
    Today(TodayArgs),
    /// Write a self-contained HTML progress report
    Report {
        /// The file to write
        #[arg(short, long, value_name = "FILE", default_value = "progress.html")]
        output: PathBuf,
        /// Open the report in the default browser afterwards
        #[arg(long)]
        open: bool,
    },
}

/// Options of `quiz plan`.
#[derive(Debug, Args, Clone, PartialEq)]
pub struct PlanArgs {
    /// The interview date (YYYY-MM-DD); records or replaces the plan
    #[arg(long, value_name = "DATE", conflicts_with = "clear")]
    pub interview: Option<chrono::NaiveDate>,
    /// The level to prepare at (questions at or below it)
    #[arg(short, long, value_name = "LEVEL", requires = "interview")]
    pub level: Option<Level>,
    /// Topics to cover (repeatable or comma-separated) [default: all]
    #[arg(short, long, value_delimiter = ',', value_name = "TOPIC", requires = "interview")]
    pub topic: Vec<String>,
    /// Time a day for practice, like 25m or 1h (5m to 8h)
    #[arg(long, value_name = "DURATION", default_value = "25m", value_parser = crate::progress::plan::parse_daily)]
    pub daily: u32,
    /// Remove the plan
    #[arg(long)]
    pub clear: bool,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// Options of `quiz today`.
#[derive(Debug, Args, Clone, PartialEq)]
pub struct TodayArgs {
    /// Options shared by every session.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values, RFC 4180 quoting.
    Csv,
    /// A JSON array of answer records.
    Json,
}

/// Options of `quiz practice`.
#[derive(Debug, Args, Clone, Default, PartialEq)]
pub struct PracticeArgs {
    /// Options every session takes.
    #[command(flatten)]
    pub session: SessionArgs,
    /// Draw more often the questions you miss, answer slowly, or have not seen for long
    #[arg(long, conflicts_with_all = ["missed", "id"])]
    pub weak: bool,
    /// Retry what you missed: in the last session, or within WINDOW (7d, 12h, 2026-11-01) the
    /// questions whose latest answer was wrong
    #[arg(long, value_name = "WINDOW", num_args = 0..=1, default_missing_value = "last", conflicts_with = "id")]
    pub missed: Option<String>,
    /// Ask exactly these questions, in this order (repeatable or comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub id: Vec<String>,
}

/// Options of `quiz list`.
#[derive(Debug, Args, Clone, Default, PartialEq)]
pub struct ListArgs {
    /// Only these topics (repeatable or comma-separated)
    #[arg(short, long, value_delimiter = ',', value_parser = parse_topic)]
    pub topic: Vec<String>,
    /// Only these levels: junior, mid, senior (repeatable or comma-separated)
    #[arg(short, long, value_delimiter = ',', value_name = "LEVEL")]
    pub level: Vec<Level>,
    /// Only these difficulties: easy, medium, hard (repeatable or comma-separated)
    #[arg(short, long, value_delimiter = ',', value_name = "LEVEL")]
    pub difficulty: Vec<Difficulty>,
    /// Only these types: choice, multi, short, open (repeatable or comma-separated)
    #[arg(long = "type", value_delimiter = ',', value_name = "TYPE")]
    pub qtype: Vec<QType>,
    /// Only questions with one of these tags (repeatable or comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only questions never answered (reads the history log)
    #[arg(long, conflicts_with = "missed")]
    pub unseen: bool,
    /// Only questions whose latest answer was wrong (reads the history log)
    #[arg(long)]
    pub missed: bool,
    /// Only questions whose prompt, choices or tags contain TEXT (any case)
    #[arg(short, long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Print JSON (every field of each question) instead of a table
    #[arg(long)]
    pub json: bool,
}

/// Options of `quiz review`.
#[derive(Debug, Args, Clone, Default, PartialEq)]
pub struct ReviewArgs {
    /// Options every session takes; --count caps the questions due.
    #[command(flatten)]
    pub session: SessionArgs,
    /// Never-seen questions to add after the due ones (0 to 1000)
    #[arg(long, value_name = "N", default_value_t = 5, allow_negative_numbers = true, value_parser = parse_new)]
    pub new: usize,
}

/// Options of `quiz mock`.
#[derive(Debug, Args, Clone, PartialEq)]
pub struct MockArgs {
    /// The interview's length in minutes (at least 5: room for a few technical questions)
    #[arg(long, value_name = "N", default_value_t = 45, value_parser = clap::value_parser!(u32).range(5..=600))]
    pub minutes: u32,
    /// Count only answering time against the budget, not the wall clock
    #[arg(long)]
    pub answer_time: bool,
    /// The level interviewed for: junior, mid or senior
    #[arg(short, long, value_name = "LEVEL", default_value = "mid")]
    pub level: Level,
    /// Technical topics to draw from (repeatable or comma-separated) [default: all]
    #[arg(short, long, value_delimiter = ',', value_name = "TOPIC", value_parser = parse_topic)]
    pub topic: Vec<String>,
    /// Do not ask how sure you are before each answer is revealed
    #[arg(long)]
    pub no_confidence: bool,
    /// Options every run takes.
    #[command(flatten)]
    pub run: RunArgs,
}

impl MockArgs {
    /// The options a mock shares with every session.
    pub fn session(&self) -> SessionArgs {
        SessionArgs { topic: self.topic.clone(), count: 1, run: self.run.clone(), ..SessionArgs::default() }
    }
}

/// Options every session takes.
#[derive(Debug, Args, Clone, Default, PartialEq)]
pub struct SessionArgs {
    /// Topics to draw from (repeatable or comma-separated) [default: all]
    #[arg(short, long, value_delimiter = ',', value_name = "TOPIC", value_parser = parse_topic)]
    pub topic: Vec<String>,
    /// How many questions to ask (1 to 1000)
    #[arg(short = 'n', long, value_name = "N", default_value_t = 10, allow_negative_numbers = true, value_parser = parse_count)]
    pub count: u32,
    /// Only these difficulties: easy, medium, hard (repeatable or comma-separated)
    #[arg(short, long, value_delimiter = ',', value_name = "LEVEL")]
    pub difficulty: Vec<Difficulty>,
    /// Only these levels: junior, mid, senior (repeatable or comma-separated)
    #[arg(short, long, value_delimiter = ',', value_name = "LEVEL")]
    pub level: Vec<Level>,
    /// Only questions with one of these tags (repeatable or comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "TAG", value_parser = parse_tag)]
    pub tag: Vec<String>,
    /// Options every run takes.
    #[command(flatten)]
    pub run: RunArgs,
}

/// How a session or interview runs, whatever it asks.
#[derive(Debug, Args, Clone, Default, PartialEq)]
pub struct RunArgs {
    /// Seed for the draw: the same seed and banks give the same questions and choice order
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parse_seed)]
    pub seed: Option<u64>,
    /// Time limit for every question, overriding the banks' (e.g. 30s, 2m)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub time_limit: Option<std::time::Duration>,
    /// Do not write this session to the history log
    #[arg(long, conflicts_with = "history")]
    pub no_history: bool,
    /// Plain line mode: one answer per line on stdin (automatic when stdin is not a terminal)
    #[arg(long)]
    pub plain: bool,
    /// At a terminal, write open answers in $VISUAL or $EDITOR (Ctrl-X Ctrl-E at an answer prompt does too)
    #[arg(long)]
    pub editor: bool,
    /// Print the end report as one JSON object on stdout (questions go to stderr)
    #[arg(long)]
    pub json: bool,
    /// Exit with code 3 when the score is below this percentage
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    pub pass: Option<f64>,
}

/// The most questions one session asks.
pub const MAX_COUNT: u32 = 1000;

/// A whole number from `min` to `max` for `option`, with a message that says what to type.
fn bounded(s: &str, min: u64, max: u64, option: &str, example: &str) -> Result<u64, String> {
    let range = format!("give a whole number from {min} to {max}, such as `{option} {example}`");
    match s.trim().parse::<i128>() {
        Ok(n) if (i128::from(min)..=i128::from(max)).contains(&n) => Ok(n as u64),
        Ok(n) => Err(format!("{n} is out of range; {range}")),
        Err(_) => Err(format!("'{s}' is not a whole number; {range}")),
    }
}

fn parse_count(s: &str) -> Result<u32, String> {
    bounded(s, 1, u64::from(MAX_COUNT), "-n", "10").map(|n| n as u32)
}

fn parse_new(s: &str) -> Result<usize, String> {
    bounded(s, 0, u64::from(MAX_COUNT), "--new", "5").map(|n| n as usize)
}

fn parse_last(s: &str) -> Result<usize, String> {
    if s.trim() == "0" {
        return Err("--last 0 would show nothing; give 1 or more, such as `--last 20`, or use --all".into());
    }
    bounded(s, 1, 1_000_000, "--last", "20").map(|n| n as usize)
}

fn parse_seed(s: &str) -> Result<u64, String> {
    bounded(s, 0, u64::MAX, "--seed", "7")
}

/// Topics are lower-case slugs; `DSA` means `dsa`.
fn parse_topic(s: &str) -> Result<String, String> {
    Ok(s.trim().to_lowercase())
}

fn parse_tag(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("an empty tag matches nothing; give a tag such as `--tag caching`, or leave --tag out".into());
    }
    Ok(t.to_owned())
}

fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    crate::bank::parse_limit(s)
}

fn parse_percent(s: &str) -> Result<f64, String> {
    let p: f64 =
        s.trim_end_matches('%').parse().map_err(|_| format!("'{s}' is not a number; give a percentage such as 70"))?;
    if (0.0..=100.0).contains(&p) { Ok(p) } else { Err(format!("{p} is not between 0 and 100")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn bare_options_mean_practice() {
        let cli = Cli::try_parse_from(["quiz", "-t", "dsa,apis", "-n", "3", "--seed", "7"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.practice.session.topic, ["dsa", "apis"]);
        assert_eq!(cli.practice.session.count, 3);
        assert_eq!(cli.practice.session.run.seed, Some(7));
    }

    #[test]
    fn rejects_zero_count_and_bad_percent() {
        assert!(Cli::try_parse_from(["quiz", "-n", "0"]).is_err());
        assert!(Cli::try_parse_from(["quiz", "--pass", "120"]).is_err());
        assert!(Cli::try_parse_from(["quiz", "--time-limit", "soon"]).is_err());
        assert_eq!(Cli::try_parse_from(["quiz", "--pass", "70%"]).unwrap().practice.session.run.pass, Some(70.0));
        let review = Cli::try_parse_from(["quiz", "review", "-n", "4", "--new", "0"]).unwrap();
        assert!(matches!(review.command, Some(Command::Review(ReviewArgs { new: 0, .. }))));
    }
}
