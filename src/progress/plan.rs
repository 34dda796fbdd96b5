//! The study plan: an interview date, a level, topics and a daily time budget, and from them,
//! each day's work — the reviews due plus enough new questions, weighted toward the weakest
//! topics, to have seen every question at least once three days before the interview.
//!
//! The plan file is small versioned YAML under the XDG config directory. Working out a day is a
//! pure function of the plan, the questions, what the user has seen and how fast they answer, so
//! a simulated month runs in a unit test.

use std::{collections::BTreeMap, path::Path, time::Duration};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::bank::Level;

/// The plan file format this build reads and writes.
pub const VERSION: u32 = 1;

/// Days before the interview kept for review and mock interviews only.
pub const FINAL_DAYS: i64 = 3;

/// A day never plans more than this many times its budget, however far behind the user is.
pub const MAX_LOAD: f64 = 1.5;

/// What the user is preparing for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Plan file format version.
    pub version: u32,
    /// The interview date.
    pub interview: NaiveDate,
    /// The level to prepare at; all levels when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Topics to cover; all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Minutes a day the user means to practise.
    pub daily_minutes: u32,
    /// When the plan was made.
    pub created: NaiveDate,
}

impl Plan {
    /// Reads the plan at `path`; `None` when there is none.
    pub fn load(path: &Path) -> Result<Option<Plan>, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read the plan {}: {e}", path.display())),
        };
        if let Some(v) =
            text.lines().find_map(|l| l.strip_prefix("version:")).and_then(|v| v.trim().parse::<u32>().ok())
            && v > VERSION
        {
            return Err(format!(
                "the plan {} is version {v}, newer than this quiz reads; upgrade quiz",
                path.display()
            ));
        }
        serde_yaml::from_str(&text).map(Some).map_err(|e| {
            let at = e.location().map(|l| format!(":{}:{}", l.line(), l.column())).unwrap_or_default();
            format!("{}{at}: {e}; fix it or make a new plan with `quiz plan --interview DATE`", path.display())
        })
    }

    /// Whether the plan covers `q`: at or below its level, in its topics.
    pub fn covers(&self, q: &crate::bank::Question) -> bool {
        self.level.is_none_or(|l| q.level <= l) && (self.topics.is_empty() || self.topics.contains(&q.topic))
    }

    /// Writes the plan to `path` (through a temporary file, so a failed write keeps the old one).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let text = format!(
            "# quiz study plan; change it with `quiz plan --interview DATE …`, remove it with `quiz plan --clear`\n{}",
            serde_yaml::to_string(self).map_err(|e| e.to_string())?
        );
        let tmp = dir.join(format!(".plan.yaml.{}", std::process::id()));
        std::fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write {}: {e}", path.display())
        })
    }
}

/// One question the plan covers, as the planner needs it.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// The question id.
    pub id: &'a str,
    /// Its topic.
    pub topic: &'a str,
    /// Whether the user has answered it before.
    pub seen: bool,
}

/// Where the user stands, as the planner needs it.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// Ids of the questions due for review today, most overdue first.
    pub due: Vec<String>,
    /// Accuracy per topic so far (0–1), for weighting new questions toward weak topics.
    pub accuracy: BTreeMap<String, f64>,
    /// The user's median time per answer; `None` before they have answered anything.
    pub median_answer: Option<Duration>,
    /// Questions of the plan first seen today, so a day's quota holds after its session.
    pub first_seen_today: usize,
}

/// What today holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    /// Today.
    pub date: NaiveDate,
    /// Days until the interview (0 on the day).
    pub days_left: i64,
    /// Reviews to do today (ids).
    pub reviews: Vec<String>,
    /// New questions to see today (ids), weakest topics first.
    pub new: Vec<String>,
    /// New questions per topic today.
    pub new_by_topic: BTreeMap<String, usize>,
    /// Whether today is for a mock interview (the last days).
    pub mock: bool,
    /// Questions of the plan seen at least once.
    pub seen: usize,
    /// Questions in the plan.
    pub total: usize,
    /// New questions a day needed from today to see everything in time.
    pub needed_per_day: usize,
    /// How many questions fit the daily budget at the user's pace.
    pub budget_questions: usize,
    /// Estimated minutes for today's work.
    pub minutes: u32,
    /// Whether the goal is reachable within the budget.
    pub on_track: bool,
    /// Why not, and what to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

/// The time an answer takes before the user has answered anything.
const DEFAULT_ANSWER: Duration = Duration::from_secs(60);

/// Works out `today`'s work under `plan`.
pub fn day(plan: &Plan, today: NaiveDate, items: &[Item], progress: &Progress) -> Day {
    let total = items.len();
    let seen = items.iter().filter(|i| i.seen).count();
    let unseen = total - seen;
    let days_left = (plan.interview - today).num_days();
    let per_answer = progress.median_answer.unwrap_or(DEFAULT_ANSWER).max(Duration::from_secs(5));
    let budget_questions = ((u64::from(plan.daily_minutes) * 60) / per_answer.as_secs().max(1)).max(1) as usize;
    let cap = ((budget_questions as f64) * MAX_LOAD).floor() as usize;
    let coverage_days = days_left - FINAL_DAYS + 1;
    let final_days = coverage_days <= 0;
    // The quota is worked out from the start of the day, so it does not grow again once today's
    // new questions have been seen.
    let unseen_at_start = unseen + progress.first_seen_today;
    let needed_per_day =
        if final_days || unseen_at_start == 0 { 0 } else { unseen_at_start.div_ceil(coverage_days as usize) };
    let still_needed = needed_per_day.saturating_sub(progress.first_seen_today);
    // Today's share of new questions comes first, up to the budget, so reviews cannot push the
    // plan behind; reviews fill the rest of the day, which is bounded at `MAX_LOAD` × the budget.
    let wanted = if final_days { 0 } else { still_needed.min(budget_questions) };
    let reviews: Vec<String> = progress.due.iter().take(cap - wanted).cloned().collect();
    let new = pick_new(items, &progress.accuracy, wanted);
    let mut new_by_topic = BTreeMap::new();
    for id in &new {
        if let Some(item) = items.iter().find(|i| i.id == id) {
            *new_by_topic.entry(item.topic.to_owned()).or_insert(0) += 1;
        }
    }
    let on_track = final_days && unseen == 0 || needed_per_day <= budget_questions;
    let warning = if days_left < 0 {
        Some("the interview date has passed; make a new plan with `quiz plan --interview DATE`".to_owned())
    } else if final_days && unseen > 0 {
        Some(format!(
            "{unseen} questions were never seen and the last {FINAL_DAYS} days are for review and mock interviews; \
             narrow --topic next time or start earlier"
        ))
    } else if !on_track {
        Some(format!(
            "not reachable within {} minutes a day: {needed_per_day} new questions a day are needed and about \
             {budget_questions} fit; raise --daily or narrow --topic",
            plan.daily_minutes
        ))
    } else {
        None
    };
    let minutes = ((reviews.len() + new.len()) as u64 * per_answer.as_secs()).div_ceil(60) as u32;
    Day {
        date: today,
        days_left,
        reviews,
        new,
        new_by_topic,
        mock: final_days && days_left >= 0,
        seen,
        total,
        needed_per_day,
        budget_questions,
        minutes,
        on_track,
        warning,
    }
}

/// `n` unseen questions, shared among topics by how many each has left, weighted toward the
/// topics with the lowest accuracy (unknown accuracy counts as 0.5).
fn pick_new(items: &[Item], accuracy: &BTreeMap<String, f64>, n: usize) -> Vec<String> {
    let mut left: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for item in items.iter().filter(|i| !i.seen) {
        left.entry(item.topic).or_default().push(item.id);
    }
    let weight = |topic: &str, remaining: usize| {
        let acc = accuracy.get(topic).copied().unwrap_or(0.5).clamp(0.0, 1.0);
        remaining as f64 * (1.5 - acc)
    };
    let mut taken: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        // The topic furthest behind its weighted share takes the next question.
        let next = left
            .iter()
            .filter(|(t, ids)| taken.get(*t).copied().unwrap_or(0) < ids.len())
            .map(|(t, ids)| {
                let done = taken.get(t).copied().unwrap_or(0);
                (*t, weight(t, ids.len() - done) / (done as f64 + 1.0))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)));
        let Some((topic, _)) = next else { break };
        let k = taken.entry(topic).or_insert(0);
        out.push(left[topic][*k].to_owned());
        *k += 1;
    }
    out
}

/// Parses a daily budget such as `25m`, `1h` or `90m`: between 5 minutes and 8 hours.
pub fn parse_daily(s: &str) -> Result<u32, String> {
    let d = humantime::parse_duration(s.trim()).map_err(|e| format!("{e}; write it like 25m or 1h"))?;
    let minutes = d.as_secs() / 60;
    if !(5..=480).contains(&minutes) {
        return Err("the daily budget must be between 5m and 8h".into());
    }
    Ok(minutes as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn plan(interview: &str, daily: u32) -> Plan {
        Plan {
            version: VERSION,
            interview: date(interview),
            level: Some(Level::Mid),
            topics: vec![],
            daily_minutes: daily,
            created: date("2026-12-01"),
        }
    }

    /// A bank of `n` questions per topic.
    fn ids(topics: &[&str], n: usize) -> Vec<(String, String)> {
        topics.iter().flat_map(|t| (0..n).map(move |i| (format!("{t}-{i}"), t.to_string()))).collect()
    }

    /// Runs the plan day by day from `start`, doing each day's work except on `skipped` days;
    /// returns the days and the date every question had been seen by.
    fn simulate(
        p: &Plan,
        start: &str,
        questions: &[(String, String)],
        skipped: &[NaiveDate],
    ) -> (Vec<Day>, Option<NaiveDate>) {
        let mut seen = std::collections::BTreeSet::new();
        let mut days = Vec::new();
        let mut covered = None;
        let mut today = date(start);
        while today <= p.interview {
            let items: Vec<Item> =
                questions.iter().map(|(id, t)| Item { id, topic: t, seen: seen.contains(id) }).collect();
            let progress = Progress {
                due: seen.iter().take(3).cloned().collect(),
                accuracy: [("dsa".to_string(), 0.4), ("apis".to_string(), 0.9)].into(),
                median_answer: Some(Duration::from_secs(60)),
                first_seen_today: 0,
            };
            let d = day(p, today, &items, &progress);
            if !skipped.contains(&today) {
                seen.extend(d.new.iter().cloned());
            }
            if covered.is_none() && seen.len() == questions.len() {
                covered = Some(today);
            }
            days.push(d);
            today = today.succ_opt().unwrap();
        }
        (days, covered)
    }

    #[test]
    fn doing_each_day_covers_everything_three_days_early() {
        let p = plan("2027-01-03", 25);
        let questions = ids(&["dsa", "apis", "databases"], 100);
        let (days, covered) = simulate(&p, "2026-12-03", &questions, &[]);
        assert_eq!(covered, Some(date("2026-12-31")), "the last coverage day is interview − 3");
        assert!(days.iter().all(|d| d.on_track && d.warning.is_none()), "{:?}", days.iter().find(|d| !d.on_track));
        // 300 questions over 29 days: 11 a day, within 25 one-minute answers.
        assert_eq!(days[0].needed_per_day, 11);
        assert_eq!(days[0].new.len(), 11);
        assert_eq!(days[0].budget_questions, 25);
        let last = &days[days.len() - 1];
        assert!(last.mock && last.new.is_empty() && last.days_left == 0);
        assert_eq!(days.iter().filter(|d| d.mock).count(), 3, "the two days before the interview and the day itself");
    }

    #[test]
    fn weak_topics_get_more_new_questions() {
        let p = plan("2027-01-03", 25);
        let questions = ids(&["dsa", "apis", "databases"], 100);
        let (days, _) = simulate(&p, "2026-12-03", &questions, &[]);
        let first = &days[0].new_by_topic;
        assert!(first["dsa"] > first["databases"] && first["databases"] > first["apis"], "{first:?}");
    }

    #[test]
    fn skipping_a_week_grows_the_load_within_bounds_then_warns() {
        let p = plan("2027-01-03", 25);
        let questions = ids(&["dsa", "apis", "databases"], 100);
        let week: Vec<NaiveDate> = (0..7).map(|k| date("2026-12-05") + chrono::Days::new(k)).collect();
        let (days, covered) = simulate(&p, "2026-12-03", &questions, &week);
        let before = days[0].new.len();
        let after = days[9].new.len();
        assert!(after > before, "{before} then {after}");
        assert!(days.iter().all(|d| d.reviews.len() + d.new.len() <= 37), "never above 1.5 × the budget");
        assert_eq!(covered, Some(date("2026-12-31")), "still reachable: 25 a day fit");
        // With a 10-minute budget the same skip cannot be made up.
        let tight = plan("2027-01-03", 10);
        let (days, covered) = simulate(&tight, "2026-12-03", &questions, &week);
        assert!(covered.is_none() || covered > Some(date("2026-12-31")));
        let warned = days.iter().find(|d| d.warning.is_some()).expect("a warning");
        assert!(!warned.on_track);
        assert!(warned.warning.as_deref().unwrap().starts_with("not reachable within 10 minutes a day"), "{warned:?}");
        assert!(days.iter().all(|d| d.reviews.len() + d.new.len() <= 15));
    }

    #[test]
    fn a_day_quota_holds_after_its_session() {
        let p = plan("2027-01-03", 25);
        let questions = ids(&["dsa"], 290);
        let mut items: Vec<Item> = questions.iter().map(|(id, t)| Item { id, topic: t, seen: false }).collect();
        let before = day(&p, date("2026-12-03"), &items, &Progress::default());
        assert_eq!(before.new.len(), 10);
        for item in items.iter_mut().take(10) {
            item.seen = true;
        }
        let after = day(&p, date("2026-12-03"), &items, &Progress { first_seen_today: 10, ..Progress::default() });
        assert!(after.new.is_empty(), "{after:?}");
        assert_eq!(after.needed_per_day, 10);
    }

    #[test]
    fn daily_budgets_parse_and_are_bounded() {
        assert_eq!(parse_daily("25m"), Ok(25));
        assert_eq!(parse_daily("1h"), Ok(60));
        assert!(parse_daily("2m").is_err());
        assert!(parse_daily("9h").is_err());
        assert!(parse_daily("soon").is_err());
    }

    #[test]
    fn the_plan_file_round_trips_and_refuses_newer_versions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("quiz/plan.yaml");
        assert_eq!(Plan::load(&path), Ok(None));
        let p = plan("2027-01-15", 25);
        p.save(&path).unwrap();
        assert_eq!(Plan::load(&path), Ok(Some(p)));
        std::fs::write(&path, "version: 2\ninterview: 2027-01-15\n").unwrap();
        assert!(Plan::load(&path).unwrap_err().contains("newer than this quiz reads; upgrade quiz"));
        std::fs::write(&path, "version: 1\ninterview: soon\n").unwrap();
        let err = Plan::load(&path).unwrap_err();
        assert!(err.contains("plan.yaml:2:"), "{err}");
    }
}
