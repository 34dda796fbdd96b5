//! `quiz stats`: the history log turned into where the user stands, as charts or JSON.

use std::{
    collections::{BTreeMap, HashMap},
    io::Write,
};

use chrono::{DateTime, Local, NaiveDate, Offset, Utc};
use colored::Colorize;

use crate::{
    bank::QType,
    chart,
    config::Config,
    error::{Error, Result, io},
    exit, history, library,
    stats::{self, Collector, Scope, Stats, TopicInfo},
    text,
};

/// Prints statistics for `topic` (all when `None`) since `since`.
pub fn run(config: &Config, topic: Option<&str>, since: Option<&str>, json: bool, out: &mut dyn Write) -> Result<u8> {
    let log_path = config.history()?;
    let now = config.clock.now();
    let sources = library::discover(&config.banks)?;
    if let Some(t) = topic {
        library::check_topics(&sources, &[t.to_owned()])?;
    }
    let scope = Scope { topic: topic.map(str::to_owned), since: since.map(|s| parse_since(s, now)).transpose()? };
    let mut collector = Collector::new(now, |t| t.with_timezone(&Local).offset().fix(), scope);
    // The banks come first: answers to questions no longer in them are left out of every figure,
    // as `review` leaves them out, so `due` here is what `review` would ask.
    let lib = library::Library::load(&sources, None)?;
    let mut logged = 0usize;
    let mut banks: BTreeMap<String, TopicInfo> = BTreeMap::new();
    let mut known: HashMap<&str, (&str, &[String], QType)> = HashMap::new();
    for q in lib.questions() {
        banks.entry(q.topic.clone()).or_default().questions += 1;
        known.insert(&q.id, (&q.topic, &q.tags, q.qtype()));
    }
    let mut not_in_banks = 0;
    let warnings = history::scan_answers(log_path, now, |a| {
        logged += 1;
        match known.get(a.question) {
            Some(&(_, _, qtype)) => collector.add_answer(a, qtype),
            None => not_in_banks += 1,
        }
    })?;
    history::warn(log_path, &warnings);
    let mut s = collector.finish(&banks, &|id| known.get(id).map(|&(topic, tags, _)| (topic, tags)));
    s.not_in_banks = not_in_banks;
    let w = || io("cannot write output");
    if json {
        super::write_json(out, &s)?;
    } else if stats::is_empty(&s) && logged > 0 {
        // There is practice, just none in the window asked for.
        let since = since.map(|s| format!(" since {s}")).unwrap_or_default();
        let topic = topic.map(|t| format!(" in {t}")).unwrap_or_default();
        writeln!(
            out,
            "No practice{topic}{since}; the log holds {} in all. Widen --since (such as --since 30d) or drop --topic.",
            text::count(logged, "answer")
        )
        .map_err(w())?;
    } else if stats::is_empty(&s) {
        writeln!(out, "No practice yet (history: {}). Start with `quiz --topic dsa`.", log_path.display())
            .map_err(w())?;
    } else {
        out.write_all(render(&s, config.columns()).as_bytes()).map_err(w())?;
        // The study plan's status, when there is one.
        if let Ok(path) = config.plan_path()
            && let Ok(Some(plan)) = crate::progress::plan::Plan::load(path)
        {
            let standing = super::plan::standing_in(config, plan, &lib)?;
            writeln!(
                out,
                "\nPlan: {} (interview {}; `quiz today` for today's work)",
                standing.line(),
                standing.plan.interview
            )
            .map_err(w())?;
        }
    }
    Ok(exit::OK)
}

/// `7d`, `12h` (a span back from now) or `2026-11-01` (local midnight).
pub(super) fn parse_since(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if let Ok(date) = s.parse::<NaiveDate>() {
        return date
            .and_hms_opt(0, 0, 0)
            .and_then(|d| d.and_local_timezone(Local).earliest())
            .map(|d| d.with_timezone(&Utc))
            .ok_or_else(|| Error::Usage(format!("--since {s}: no such local time")));
    }
    let span = humantime::parse_duration(s).map_err(|e| {
        Error::Usage(format!("--since '{s}' is neither a span like 7d nor a date like 2026-11-01 ({e})"))
    })?;
    chrono::Duration::from_std(span)
        .ok()
        .and_then(|d| now.checked_sub_signed(d))
        .ok_or_else(|| Error::Usage(format!("--since {s} reaches too far back")))
}

/// Colours a share (0–1) red below 60%, yellow below 80%, green from there, when colour is on;
/// `shown` is the text, already padded.
fn graded(share: f64, shown: String) -> String {
    if share < 0.6 {
        shown.red().to_string()
    } else if share < 0.8 {
        shown.yellow().to_string()
    } else {
        shown.green().to_string()
    }
}

/// Which columns of the topic table fit in `width` columns.
struct Layout {
    topic: usize,
    trend: bool,
    bar: bool,
}

impl Layout {
    /// Drops the readiness bar, then the trend, then shortens topic names, until the table fits.
    fn fit(longest_topic: usize, width: Option<usize>) -> Layout {
        // answered, accuracy, coverage, due and the readiness figure, with their gaps.
        const FIXED: usize = 2 + 7 + 2 + 8 + 2 + 11 + 2 + 3 + 2 + 9;
        let topic = longest_topic.max(5);
        let Some(width) = width else { return Layout { topic, trend: true, bar: true } };
        let trend = 2 + chart_width();
        let bar = 1 + BAR;
        if topic + FIXED + trend + bar <= width {
            Layout { topic, trend: true, bar: true }
        } else if topic + FIXED + trend <= width {
            Layout { topic, trend: true, bar: false }
        } else {
            Layout { topic: topic.min(width.saturating_sub(FIXED)).max(5), trend: false, bar: false }
        }
    }
}

/// Cells in the readiness bar.
const BAR: usize = 8;

fn chart_width() -> usize {
    stats::TREND_WEEKS
}

/// Shortens `s` to `n` characters, marking the cut.
fn fit(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_owned() } else { format!("{}…", s.chars().take(n - 1).collect::<String>()) }
}

/// The charts, fitted to `width` columns when it is known.
fn render(s: &Stats, width: Option<usize>) -> String {
    let o = &s.overall;
    let mut t = String::new();
    t.push_str(&format!(
        "{} {} (practice, review and mock) · {}\n",
        "Practice".bold(),
        text::count(o.sessions, "session"),
        text::count(o.answered, "answer"),
    ));
    t.push_str(&format!(
        "{} {} · mean score {} · {} overtime\n",
        "Accuracy".bold(),
        graded(o.accuracy, text::percent(o.accuracy)),
        text::percent(o.mean_score),
        text::percent(o.overtime_rate),
    ));
    t.push_str(&format!(
        "{} {} (best {}) · practised {} of the last 30\n",
        "Streak".bold(),
        text::count(o.current_streak, "day"),
        o.best_streak,
        text::count(o.days_last_30, "day")
    ));
    let counts: Vec<usize> = s.calendar.iter().map(|d| d.answered).collect();
    t.push_str(&format!(
        "{} {} {} → {}\n",
        "Last 30 days".bold(),
        chart::calendar(&counts),
        s.calendar.first().map(|d| d.date.format("%b %d").to_string()).unwrap_or_default(),
        "today"
    ));
    t.push_str(&format!("{}\n\n", "  one cell a day: · none, ░ ▒ ▓ █ fewer to more answers".dimmed()));
    let layout = Layout::fit(s.topics.iter().map(|t| t.topic.chars().count()).max().unwrap_or(5), width);
    let w = layout.topic;
    let mut header = format!("{:w$}  {:>7}  {:>8}  {:>11}  {:>3}", "topic", "answers", "accuracy", "coverage", "due");
    if layout.trend {
        header.push_str(&format!("  {:8}", "trend"));
    }
    header.push_str(&format!("  {}", "readiness"));
    t.push_str(&header);
    t.push('\n');
    for r in &s.topics {
        let mut row = format!(
            "{:w$}  {:>7}  {}  {:>11}  {:>3}",
            fit(&r.topic, w),
            r.answered,
            graded(r.accuracy, format!("{:>8}", text::percent(r.accuracy))),
            format!("{}/{} {:>4}", r.seen, r.bank_size, text::percent(r.coverage)),
            r.due,
        );
        if layout.trend {
            row.push_str(&format!("  {:8}", chart::sparkline(&r.trend)));
        }
        let share = f64::from(r.readiness) / 100.0;
        if layout.bar {
            row.push_str(&format!("  {} {}", chart::bar(share, BAR), graded(share, format!("{:>3}", r.readiness))));
        } else {
            row.push_str(&format!("  {}", graded(share, format!("{:>9}", r.readiness))));
        }
        t.push_str(&row);
        t.push('\n');
    }
    let mut legend = Vec::new();
    if layout.trend {
        legend.push("trend: weekly accuracy, 8 weeks (▁ 0% … █ 100%, · none)");
    }
    legend.push(if layout.bar {
        "readiness: bar and figure, 0–100; rule in `quiz stats --help`"
    } else {
        "readiness: 0–100; rule in `quiz stats --help`"
    });
    for l in legend {
        t.push_str(&format!("{}\n", format!("  {l}").dimmed()));
    }
    if !s.by_type.is_empty() {
        t.push_str(&format!("\n{:8}  {:>7}  {:>17}  {:>8}\n", "type", "answers", "median time/limit", "overtime"));
        for ty in &s.by_type {
            t.push_str(&format!(
                "{:8}  {:>7}  {:>17}  {:>8}\n",
                ty.qtype.name(),
                ty.answered,
                format!("{} / {}", text::millis(ty.median_ms), text::millis(ty.median_limit_ms)),
                text::percent(ty.overtime_rate)
            ));
        }
    }
    if s.weakest_tags.is_empty() {
        t.push_str(&format!(
            "\n{} none yet (weak: below 60%, or 15 points under overall, 3+ answers)\n",
            "Weakest tags".bold()
        ));
    } else {
        let tags: Vec<String> = s
            .weakest_tags
            .iter()
            .map(|g| format!("{} {} of {}", g.tag, text::percent(g.accuracy), text::count(g.answered, "answer")))
            .collect();
        t.push_str(&format!("\n{} {}\n", "Weakest tags".bold(), tags.join(" · ")));
    }
    if !s.most_missed.is_empty() {
        t.push_str(&format!("{} (see `quiz show ID`)\n", "Missed most".bold()));
        for m in &s.most_missed {
            t.push_str(&format!("  {}  missed {} of {}\n", m.id, m.missed, m.answered));
        }
    }
    if s.not_in_banks > 0 {
        t.push_str(&format!(
            "{} to questions no longer in the banks left out.\n",
            text::count(s.not_in_banks, "answer")
        ));
    }
    t
}
