//! `quiz plan`: records a study plan toward an interview date, shows where it stands, or
//! clears it. The standing it works out is shared with `today`, `stats` and `report`.

use std::{collections::BTreeMap, io::Write, time::Duration};

use chrono::{Local, NaiveDate};
use serde::Serialize;

use crate::{
    cli::PlanArgs,
    config::Config,
    error::{Error, Result, io},
    exit, history,
    library::{self, Library},
    memory::{Memories, Replay},
    progress::plan::{self, Day, Item, Plan, Progress},
    text,
};

/// Where the plan stands today.
#[derive(Debug, Serialize)]
pub(super) struct Standing {
    /// The plan.
    pub plan: Plan,
    /// Today's work and coverage.
    pub day: Day,
    /// Consecutive days with practice, up to today (or yesterday, before today's session).
    pub streak: u32,
    /// Answers given today.
    pub answered_today: usize,
}

impl Standing {
    /// One line: whether the user is on track, how much is seen, how long is left.
    pub fn line(&self) -> String {
        let d = &self.day;
        let state = if d.on_track { "on track" } else { "behind" };
        let left = match d.days_left {
            n if n < 0 => "the interview date has passed".to_owned(),
            0 => "the interview is today".to_owned(),
            n => format!("{} left", text::count(n as usize, "day")),
        };
        format!("{state}: {} of {} questions seen, {left}", d.seen, d.total)
    }
}

/// Runs `quiz plan`.
pub fn run(config: &Config, args: &PlanArgs, out: &mut dyn Write) -> Result<u8> {
    let path = config.plan_path()?;
    let w = || io("cannot write output");
    if args.clear {
        match std::fs::remove_file(path) {
            Ok(()) => writeln!(out, "Removed the study plan ({}).", path.display()).map_err(w())?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                writeln!(out, "There is no study plan to remove.").map_err(w())?
            }
            Err(e) => return Err(Error::Usage(format!("cannot remove {}: {e}", path.display()))),
        }
        return Ok(exit::OK);
    }
    let today = config.clock.now().with_timezone(&Local).date_naive();
    if let Some(interview) = args.interview {
        if interview <= today {
            return Err(Error::Usage(format!(
                "the interview date {interview} is not after today ({today}); give a future date, like --interview {}",
                today + chrono::Days::new(30)
            )));
        }
        let topics = topics(config, &args.topic)?;
        let plan = Plan {
            version: plan::VERSION,
            interview,
            level: args.level,
            topics,
            daily_minutes: args.daily,
            created: today,
        };
        plan.save(path).map_err(Error::Usage)?;
        if !args.json {
            writeln!(out, "Saved the study plan to {}.", path.display()).map_err(w())?;
        }
    }
    let Some(plan) = Plan::load(path).map_err(Error::Usage)? else {
        writeln!(out, "{}", no_plan()).map_err(w())?;
        return Ok(exit::OK);
    };
    let standing = standing(config, plan)?;
    if args.json {
        super::write_json(out, &standing)?;
        return Ok(exit::OK);
    }
    show(&standing, out).map_err(w())?;
    Ok(exit::OK)
}

/// What to say when there is no plan.
pub(super) fn no_plan() -> &'static str {
    "No study plan yet. Make one toward your interview date, for example\n  \
     quiz plan --interview 2027-01-15 --level mid --daily 25m\nthen run `quiz today` each day."
}

/// The plan's topics, checked against the banks (case does not matter).
fn topics(config: &Config, wanted: &[String]) -> Result<Vec<String>> {
    let sources = library::discover(&config.banks)?;
    let known = library::topics(&sources);
    let mut topics = Vec::new();
    for t in wanted.iter().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()) {
        if !known.contains(&t) {
            return Err(Error::UnknownTopic { topic: t, known });
        }
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    Ok(topics)
}

/// Prints the plan and today's work.
fn show(s: &Standing, out: &mut dyn Write) -> std::io::Result<()> {
    let p = &s.plan;
    let level = p.level.map_or("any level".to_owned(), |l| format!("{l} level"));
    let topics = if p.topics.is_empty() { "all topics".to_owned() } else { p.topics.join(", ") };
    writeln!(out, "Interview on {} · {level} · {topics} · {} minutes a day", p.interview, p.daily_minutes)?;
    writeln!(out, "{}", s.line())?;
    let d = &s.day;
    if d.mock {
        writeln!(out, "Today: review what is due and take a mock interview (`quiz mock`).")?;
    }
    let by_topic: Vec<String> = d.new_by_topic.iter().map(|(t, n)| format!("{t} {n}")).collect();
    writeln!(
        out,
        "Today: {} due, {}{} (about {} minutes). Run `quiz today`.",
        text::count(d.reviews.len(), "review"),
        text::count(d.new.len(), "new question"),
        if by_topic.is_empty() { String::new() } else { format!(" ({})", by_topic.join(", ")) },
        d.minutes
    )?;
    if s.streak > 0 {
        writeln!(out, "Streak: {}.", text::count(s.streak as usize, "day"))?;
    }
    if let Some(w) = &d.warning {
        writeln!(out, "Warning: {w}.")?;
    }
    Ok(())
}

/// Works out where `plan` stands from the banks and the log.
pub(super) fn standing(config: &Config, plan: Plan) -> Result<Standing> {
    let sources = library::discover(&config.banks)?;
    let only = (!plan.topics.is_empty()).then_some(plan.topics.as_slice());
    if let Some(t) = only {
        library::check_topics(&sources, t)?;
    }
    let lib = Library::load(&sources, only)?;
    standing_in(config, plan, &lib)
}

/// [`standing`] with the banks already loaded.
pub(super) fn standing_in(config: &Config, plan: Plan, lib: &Library) -> Result<Standing> {
    let now = config.clock.now();
    let local_day = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&Local).date_naive();
    let today = local_day(now);
    let mut replay = Replay::new();
    let mut per_topic: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut elapsed = Vec::new();
    let mut days = std::collections::BTreeSet::new();
    let mut first_seen: BTreeMap<String, NaiveDate> = BTreeMap::new();
    let mut answered_today = 0;
    if let Ok(path) = config.history()
        && path.exists()
    {
        let warnings = history::scan_answers(path, config.clock.peek(), |a| {
            replay.add(a);
            if a.skipped {
                return;
            }
            let e = per_topic.entry(a.topic.to_owned()).or_default();
            e.0 += usize::from(a.correct);
            e.1 += 1;
            elapsed.push(a.elapsed_ms);
            let day = local_day(a.at);
            days.insert(day);
            answered_today += usize::from(day == today);
            first_seen.entry(a.question.to_owned()).or_insert(day);
        })?;
        history::warn(path, &warnings);
    }
    let memories: Memories = replay.finish().into();
    let in_plan = |q: &&crate::bank::Question| plan.covers(q);
    let items: Vec<Item> = lib
        .questions()
        .filter(in_plan)
        .map(|q| Item { id: &q.id, topic: &q.topic, seen: memories.by_id.contains_key(&q.id) })
        .collect();
    let ids: std::collections::HashSet<&str> = items.iter().map(|i| i.id).collect();
    // Today's reviews are those due by the end of the day, not only those due this minute.
    let end_of_day = (today + chrono::Days::new(1))
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(Local).earliest())
        .map_or(now, |t| t.with_timezone(&chrono::Utc));
    let due = memories
        .due(end_of_day.max(now))
        .into_iter()
        .filter(|(id, _)| ids.contains(id))
        .map(|(id, _)| id.to_owned())
        .collect();
    elapsed.sort_unstable();
    let progress = Progress {
        due,
        accuracy: per_topic.into_iter().map(|(t, (right, all))| (t, right as f64 / all.max(1) as f64)).collect(),
        median_answer: elapsed.get(elapsed.len() / 2).map(|&ms| Duration::from_millis(ms)),
        first_seen_today: first_seen.iter().filter(|(id, d)| **d == today && ids.contains(id.as_str())).count(),
    };
    let day = plan::day(&plan, today, &items, &progress);
    let mut streak = 0;
    let mut at = if days.contains(&today) { today } else { today.pred_opt().unwrap_or(today) };
    while days.contains(&at) {
        streak += 1;
        at = at.pred_opt().unwrap_or(at);
    }
    Ok(Standing { plan, day, streak, answered_today })
}
