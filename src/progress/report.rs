//! The figures behind the HTML progress report, as pure functions over the log's answers.
//!
//! [`Builder`] takes answers one at a time in log order (a long log is streamed, not held) and
//! feeds a [`stats::Collector`] alongside, so readiness, answer times and the most-missed
//! questions are the same figures `quiz stats` prints. [`Builder::finish`] adds what the banks
//! and the study plan know and returns a serialisable [`Report`].

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::{
    bank::{Level, QType},
    history::AnswerView,
    library::Library,
    mock::{self, Calibration},
    progress::plan::{FINAL_DAYS, Plan},
    stats::{self, Collector, Scope, TopicInfo, TypeStats},
};

/// Weeks in the accuracy chart and the practice calendar: about six months.
pub const WEEKS: usize = 26;

/// The level whose readiness bar is drawn when there is no plan.
pub const DEFAULT_LEVEL: Level = Level::Mid;

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The local date the report was made.
    pub today: NaiveDate,
    /// Answers in the log (to questions still in the banks), skips included.
    pub answered: usize,
    /// Sessions with answers.
    pub sessions: usize,
    /// Share of answers counted correct, 0 to 1.
    pub accuracy: f64,
    /// Consecutive days with practice, ending today or yesterday.
    pub streak: usize,
    /// Days with practice in the calendar's span.
    pub days_practised: usize,
    /// The level readiness is measured against: the plan's, else mid.
    pub level: Level,
    /// Readiness from which a topic is ready at that level (the mock interview's bar), percent.
    pub ready_at: f64,
    /// Readiness from which a topic is borderline at that level, percent.
    pub borderline_at: f64,
    /// The first day of each week in the accuracy chart (Mondays), oldest first.
    pub weeks: Vec<NaiveDate>,
    /// Weekly accuracy per topic practised in those weeks.
    pub accuracy_by_topic: Vec<TopicSeries>,
    /// Answers per local day, from the Monday [`WEEKS`] weeks back to today.
    pub calendar: Vec<CalendarDay>,
    /// Readiness per topic practised, alphabetical.
    pub readiness: Vec<TopicReadiness>,
    /// Median answer time against the median limit, per question type.
    pub times: Vec<TypeStats>,
    /// Accuracy at each confidence level given in mock interviews.
    pub calibration: Vec<Calibration>,
    /// The study plan's progress, when there is a plan.
    pub plan: Option<PlanProgress>,
    /// The questions missed most, with their answers.
    pub missed: Vec<MissedQuestion>,
    /// How readiness is worked out.
    pub readiness_rule: &'static str,
}

/// One topic's weekly accuracy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicSeries {
    /// Topic slug.
    pub topic: String,
    /// Accuracy per week, 0 to 1, oldest first; null for a week without answers.
    pub weekly: Vec<Option<f64>>,
}

impl TopicSeries {
    /// Weeks with answers: the chart's points.
    pub fn points(&self) -> usize {
        self.weekly.iter().flatten().count()
    }
}

/// One day of the practice calendar.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CalendarDay {
    /// Local date.
    pub date: NaiveDate,
    /// Answers that day.
    pub answered: usize,
}

/// One topic's readiness.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicReadiness {
    /// Topic slug.
    pub topic: String,
    /// 0–100, see [`stats::READINESS_RULE`].
    pub readiness: u8,
    /// Answers to it.
    pub answered: usize,
    /// Share of its questions seen, 0 to 1.
    pub coverage: f64,
}

/// How far the study plan has come.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanProgress {
    /// Where the plan stands, in words ("on track: 12 of 40 questions seen, 30 days left").
    pub line: String,
    /// The interview date.
    pub interview: NaiveDate,
    /// The day every question should have been seen by: [`FINAL_DAYS`] before the interview.
    pub target: NaiveDate,
    /// The day the chart starts: when the plan was made.
    pub start: NaiveDate,
    /// Questions the plan covers.
    pub total: usize,
    /// Questions seen at least once by the end of each day from `start` to today (or the
    /// interview, if sooner).
    pub seen: Vec<CalendarDay>,
}

/// A question often missed, with what a person needs to learn it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissedQuestion {
    /// Question id, for `quiz show` and `quiz practice --id`.
    pub id: String,
    /// Topic slug.
    pub topic: String,
    /// Times not counted correct.
    pub missed: usize,
    /// Times answered.
    pub answered: usize,
    /// The question text.
    pub prompt: String,
    /// The right answer in words.
    pub answer: String,
    /// Why.
    pub explanation: String,
}

/// What the report needs to know about the study plan.
pub struct PlanInput<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Its standing in words.
    pub line: String,
}

/// Running totals over a stream of answers.
pub struct Builder {
    today: NaiveDate,
    start: NaiveDate,
    offset_at: Box<dyn Fn(DateTime<Utc>) -> FixedOffset>,
    offset_cache: Option<(i64, FixedOffset)>,
    per_day: Vec<usize>,
    topic_index: FxHashMap<String, usize>,
    /// Per topic: its slug and (correct, answered) per week.
    weekly: Vec<(String, [(usize, usize); WEEKS])>,
    /// (correct, answered) at confidence 1, 2 and 3.
    confidence: [(usize, usize); 3],
    /// The local day each question was first answered.
    first_seen: FxHashMap<String, NaiveDate>,
    stats: Collector,
}

impl Builder {
    /// Starts collecting for a report made at `now`; `offset_at` gives the local time zone's
    /// offset at an instant, so days are local days.
    pub fn new(now: DateTime<Utc>, offset_at: impl Fn(DateTime<Utc>) -> FixedOffset + Clone + 'static) -> Self {
        let today = now.with_timezone(&offset_at(now)).date_naive();
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let start = monday - Duration::weeks(WEEKS as i64 - 1);
        Builder {
            today,
            start,
            offset_at: Box::new(offset_at.clone()),
            offset_cache: None,
            per_day: vec![0; (today - start).num_days() as usize + 1],
            topic_index: FxHashMap::default(),
            weekly: Vec::new(),
            confidence: [(0, 0); 3],
            first_seen: FxHashMap::default(),
            stats: Collector::new(now, offset_at, Scope::default()),
        }
    }

    /// Takes the next answer of the log, to a question of type `qtype`.
    pub fn add(&mut self, a: &AnswerView, qtype: QType) {
        self.stats.add_answer(a, qtype);
        let day = self.local_date(a.at);
        if !self.first_seen.contains_key(a.question) {
            self.first_seen.insert(a.question.to_owned(), day);
        }
        if let Some(c) = a.confidence.filter(|c| (1..=3).contains(c)) {
            let e = &mut self.confidence[usize::from(c) - 1];
            e.0 += usize::from(a.correct);
            e.1 += 1;
        }
        if day < self.start || day > self.today {
            return;
        }
        let offset = (day - self.start).num_days() as usize;
        self.per_day[offset] += 1;
        let topic = match self.topic_index.get(a.topic) {
            Some(&i) => i,
            None => {
                self.weekly.push((a.topic.to_owned(), [(0, 0); WEEKS]));
                self.topic_index.insert(a.topic.to_owned(), self.weekly.len() - 1);
                self.weekly.len() - 1
            }
        };
        let week = &mut self.weekly[topic].1[offset / 7];
        week.0 += usize::from(a.correct);
        week.1 += 1;
    }

    fn local_date(&mut self, at: DateTime<Utc>) -> NaiveDate {
        let hour = at.timestamp().div_euclid(3600);
        let offset = match self.offset_cache {
            Some((h, o)) if h == hour => o,
            _ => {
                let o = (self.offset_at)(at);
                self.offset_cache = Some((hour, o));
                o
            }
        };
        at.with_timezone(&offset).date_naive()
    }

    /// The report, with the banks in `lib` (for coverage and the missed questions' answers) and
    /// the study plan, if there is one.
    pub fn finish(self, lib: &Library, plan: Option<PlanInput>) -> Report {
        let mut banks: BTreeMap<String, TopicInfo> = BTreeMap::new();
        let mut known: FxHashMap<&str, &crate::bank::Question> = FxHashMap::default();
        for q in lib.questions() {
            banks.entry(q.topic.clone()).or_default().questions += 1;
            known.insert(&q.id, q);
        }
        let s = self.stats.finish(&banks, &|id| known.get(id).map(|q| (q.topic.as_str(), q.tags.as_slice())));
        let level = plan.as_ref().and_then(|p| p.plan.level).unwrap_or(DEFAULT_LEVEL);
        let (ready_at, borderline_at) = mock::thresholds(level);
        let mut accuracy_by_topic: Vec<TopicSeries> = self
            .weekly
            .iter()
            .map(|(topic, weeks)| TopicSeries {
                topic: topic.clone(),
                weekly: weeks.iter().map(|&(c, n)| (n > 0).then(|| c as f64 / n as f64)).collect(),
            })
            .collect();
        accuracy_by_topic.sort_by(|a, b| a.topic.cmp(&b.topic));
        let calendar: Vec<CalendarDay> = self
            .per_day
            .iter()
            .enumerate()
            .map(|(i, &answered)| CalendarDay { date: self.start + Duration::days(i as i64), answered })
            .collect();
        let calibration = (1..=3u8)
            .zip(self.confidence)
            .filter(|(_, (_, n))| *n > 0)
            .map(|(confidence, (correct, answered))| Calibration {
                confidence,
                answered,
                correct,
                accuracy: correct as f64 / answered as f64,
            })
            .collect();
        let missed = s
            .most_missed
            .iter()
            .filter_map(|m| {
                let q = known.get(m.id.as_str())?;
                Some(MissedQuestion {
                    id: m.id.clone(),
                    topic: m.topic.clone(),
                    missed: m.missed,
                    answered: m.answered,
                    prompt: q.prompt.clone(),
                    answer: q.answer_text(),
                    explanation: q.explanation.clone(),
                })
            })
            .collect();
        let plan = plan.map(|p| plan_progress(p, lib, &self.first_seen, self.today));
        Report {
            today: self.today,
            answered: s.overall.answered,
            sessions: s.overall.sessions,
            accuracy: s.overall.accuracy,
            streak: s.overall.current_streak,
            days_practised: calendar.iter().filter(|d| d.answered > 0).count(),
            level,
            ready_at,
            borderline_at,
            weeks: (0..WEEKS).map(|w| self.start + Duration::weeks(w as i64)).collect(),
            accuracy_by_topic,
            calendar,
            readiness: s
                .topics
                .iter()
                .map(|t| TopicReadiness {
                    topic: t.topic.clone(),
                    readiness: t.readiness,
                    answered: t.answered,
                    coverage: t.coverage,
                })
                .collect(),
            times: s.by_type,
            calibration,
            plan,
            missed,
            readiness_rule: stats::READINESS_RULE,
        }
    }
}

/// The plan's questions seen by the end of each day since it was made.
fn plan_progress(
    input: PlanInput,
    lib: &Library,
    first_seen: &FxHashMap<String, NaiveDate>,
    today: NaiveDate,
) -> PlanProgress {
    let plan = input.plan;
    let ids: FxHashSet<&str> = lib.questions().filter(|q| plan.covers(q)).map(|q| q.id.as_str()).collect();
    let start = plan.created.min(today);
    let end = today.min(plan.interview).max(start);
    let days = (end - start).num_days() as usize + 1;
    // New questions per day; everything seen before the plan counts on its first day.
    let mut new = vec![0usize; days];
    for (id, day) in first_seen {
        if ids.contains(id.as_str()) && *day <= end {
            new[((*day - start).num_days().max(0)) as usize] += 1;
        }
    }
    let mut seen = Vec::with_capacity(days);
    let mut total = 0;
    for (i, n) in new.into_iter().enumerate() {
        total += n;
        seen.push(CalendarDay { date: start + Duration::days(i as i64), answered: total });
    }
    PlanProgress {
        line: input.line,
        interview: plan.interview,
        target: plan.interview - Duration::days(FINAL_DAYS),
        start,
        total: ids.len(),
        seen,
    }
}

impl Report {
    /// Whether there is nothing to show yet.
    pub fn is_empty(&self) -> bool {
        self.answered == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank;

    const BANK: &str = "format: 1\ntopic: t\ntitle: T\nquestions:\n\
  - {id: t-a, type: short, difficulty: easy, level: junior, prompt: A?, answer: a, explanation: Because a.}\n\
  - {id: t-b, type: short, difficulty: easy, level: senior, prompt: B?, answer: b, explanation: Because b.}\n";

    fn lib() -> Library {
        let bank = bank::parse("t.yaml", "t", BANK).expect("bank parses");
        Library { banks: vec![bank] }
    }

    fn view<'a>(question: &'a str, at: &str, correct: bool, confidence: Option<u8>) -> AnswerView<'a> {
        AnswerView {
            session: "s",
            at: at.parse().unwrap(),
            topic: "t",
            question,
            score: if correct { 1.0 } else { 0.0 },
            correct,
            skipped: false,
            elapsed_ms: 10_000,
            limit_ms: 60_000,
            overtime: false,
            confidence,
        }
    }

    fn utc(_: DateTime<Utc>) -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    #[test]
    fn weeks_calendar_calibration_and_plan_line() {
        // Thursday 2026-11-05; the span starts on the Monday 25 weeks before that week's Monday.
        let now: DateTime<Utc> = "2026-11-05T12:00:00Z".parse().unwrap();
        let mut b = Builder::new(now, utc);
        b.add(&view("t-a", "2026-01-01T10:00:00Z", false, None), QType::Short);
        b.add(&view("t-a", "2026-11-02T10:00:00Z", true, Some(3)), QType::Short);
        b.add(&view("t-b", "2026-11-02T11:00:00Z", false, Some(3)), QType::Short);
        b.add(&view("t-b", "2026-11-05T09:00:00Z", true, Some(1)), QType::Short);
        let plan = Plan {
            version: 1,
            interview: "2026-11-20".parse().unwrap(),
            level: Some(Level::Junior),
            topics: vec![],
            daily_minutes: 30,
            created: "2026-11-01".parse().unwrap(),
        };
        let r = b.finish(&lib(), Some(PlanInput { plan: &plan, line: "on track".into() }));
        assert_eq!(r.calendar.first().unwrap().date, "2026-05-11".parse::<NaiveDate>().unwrap());
        assert_eq!(r.calendar.len(), 7 * 25 + 4);
        assert_eq!(r.calendar.iter().map(|d| d.answered).sum::<usize>(), 3, "the January answer is outside");
        assert_eq!(r.days_practised, 2);
        assert_eq!(r.accuracy_by_topic.len(), 1);
        let weekly = &r.accuracy_by_topic[0].weekly;
        assert_eq!(weekly.len(), WEEKS);
        assert_eq!(weekly[WEEKS - 1], Some(2.0 / 3.0));
        assert_eq!(r.accuracy_by_topic[0].points(), 1);
        let cal: Vec<(u8, usize, usize)> =
            r.calibration.iter().map(|c| (c.confidence, c.correct, c.answered)).collect();
        assert_eq!(cal, [(1, 1, 1), (3, 1, 2)]);
        assert_eq!((r.level, r.ready_at), (Level::Junior, 70.0));
        let plan = r.plan.unwrap();
        // Junior level: only t-a is in the plan; it was first seen in January, so it counts from day one.
        assert_eq!(plan.total, 1);
        assert_eq!(plan.target, "2026-11-17".parse::<NaiveDate>().unwrap());
        assert_eq!(plan.seen.iter().map(|d| d.answered).collect::<Vec<_>>(), [1, 1, 1, 1, 1]);
        assert_eq!(r.missed.iter().map(|m| (m.id.as_str(), m.missed)).collect::<Vec<_>>(), [("t-a", 1), ("t-b", 1)]);
        assert_eq!(r.missed[1].answer, "b");
        assert_eq!(r.answered, 4);
    }

    #[test]
    fn empty_log_is_empty_and_the_bar_is_mid() {
        let now: DateTime<Utc> = "2026-11-05T12:00:00Z".parse().unwrap();
        let r = Builder::new(now, utc).finish(&lib(), None);
        assert!(r.is_empty());
        assert_eq!((r.level, r.ready_at, r.borderline_at), (Level::Mid, 75.0, 55.0));
        assert!(r.accuracy_by_topic.is_empty() && r.readiness.is_empty() && r.calibration.is_empty());
        assert_eq!(r.days_practised, 0);
        assert!(r.plan.is_none());
    }
}
