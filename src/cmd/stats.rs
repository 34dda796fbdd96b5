//! `quiz stats`: the history log turned into where the user stands, as charts or JSON.

use std::{
    collections::{BTreeMap, HashMap},
    io::Write,
};

use chrono::{DateTime, Local, NaiveDate, Offset, Utc};
use colored::Colorize;

use crate::{
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
    let mut logged = 0usize;
    // The banks (for coverage and tags) load on another thread while the log streams.
    let (lib, warnings) = std::thread::scope(|s| {
        let banks = s.spawn(|| library::Library::load(&sources, None));
        let warnings = history::scan_answers(log_path, now, |a| {
            logged += 1;
            collector.add_answer(a);
        });
        (banks.join().expect("bank loader"), warnings)
    });
    let lib = lib?;
    history::warn(log_path, &warnings?);
    let mut banks: BTreeMap<String, TopicInfo> = BTreeMap::new();
    let mut tags: HashMap<&str, &[String]> = HashMap::new();
    for q in lib.questions() {
        banks.entry(q.topic.clone()).or_default().questions += 1;
        tags.insert(&q.id, &q.tags);
    }
    let s = collector.finish(&banks, &|id| tags.get(id).copied());
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
        out.write_all(render(&s).as_bytes()).map_err(w())?;
    }
    Ok(exit::OK)
}

/// `7d`, `12h` (a span back from now) or `2026-11-01` (local midnight).
fn parse_since(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
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

/// The charts.
fn render(s: &Stats) -> String {
    let o = &s.overall;
    let mut t = String::new();
    t.push_str(&format!(
        "{} {} · {} · accuracy {} · mean score {} · median {} · {} overtime\n",
        "Practice".bold(),
        text::count(o.sessions, "session"),
        text::count(o.answered, "answer"),
        text::percent(o.accuracy),
        text::percent(o.mean_score),
        text::millis(o.median_ms),
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
        "{} {} {} → {}\n\n",
        "Last 30 days".bold(),
        chart::calendar(&counts),
        s.calendar.first().map(|d| d.date.format("%b %d").to_string()).unwrap_or_default(),
        "today"
    ));
    let width = s.topics.iter().map(|t| t.topic.len()).max().unwrap_or(5).max(5);
    t.push_str(&format!(
        "{:width$}  {:>8}  {:>8}  {:>13}  {:>13}  {:>3}  {:8}  readiness\n",
        "topic", "answered", "accuracy", "time / limit", "coverage", "due", "trend"
    ));
    for r in &s.topics {
        t.push_str(&format!(
            "{:width$}  {:>8}  {:>8}  {:>13}  {:>13}  {:>3}  {:8}  {} {:>3}\n",
            r.topic,
            r.answered,
            text::percent(r.accuracy),
            format!("{} / {}", text::millis(r.median_ms), text::millis(r.median_limit_ms)),
            format!("{}/{} {:>4}", r.seen, r.bank_size, text::percent(r.coverage)),
            r.due,
            chart::sparkline(&r.trend),
            chart::bar(f64::from(r.readiness) / 100.0, 10),
            r.readiness
        ));
    }
    if !s.weakest_tags.is_empty() {
        let tags: Vec<String> = s
            .weakest_tags
            .iter()
            .map(|g| format!("{} {} ({})", g.tag, text::percent(g.accuracy), g.answered))
            .collect();
        t.push_str(&format!("\n{} {}\n", "Weakest tags".bold(), tags.join(" · ")));
    }
    if !s.most_missed.is_empty() {
        t.push_str(&format!("{} (see `quiz show ID`)\n", "Missed most".bold()));
        for m in &s.most_missed {
            t.push_str(&format!("  {}  missed {} of {}\n", m.id, m.missed, m.answered));
        }
    }
    t
}
