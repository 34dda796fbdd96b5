//! Where the user stands: statistics as pure functions over history records.
//!
//! [`Collector`] takes records one at a time, in log order, so a log of millions of answers is
//! streamed rather than held; [`Collector::finish`] turns the running totals into a
//! serialisable [`Stats`]. Everything time-based takes `now` and a time-zone offset, so tests fix
//! both.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::{
    bank::QType,
    history::{AnswerView, Record},
    memory::Replay,
};

/// Weeks in the accuracy trend.
pub const TREND_WEEKS: usize = 8;
/// Days in the practice calendar.
pub const CALENDAR_DAYS: usize = 30;
/// Answers per topic that count as "recent" for readiness.
pub const RECENT: usize = 50;
/// The Beta prior readiness shrinks accuracy and pace toward: as if every topic started with
/// `PRIOR_RIGHT` right and `PRIOR_WRONG` wrong answers.
pub const PRIOR_RIGHT: f64 = 1.0;
/// See [`PRIOR_RIGHT`].
pub const PRIOR_WRONG: f64 = 4.0;
/// Answers a tag needs before it can be called weak.
pub const TAG_MIN_ANSWERS: usize = 3;
/// A tag is weak below this accuracy…
pub const TAG_WEAK_BELOW: f64 = 0.6;
/// …or this far below the overall accuracy.
pub const TAG_WEAK_MARGIN: f64 = 0.15;

/// The readiness rule, as `quiz stats --help` and the README state it.
pub const READINESS_RULE: &str = "Readiness (0-100) per topic = 60 × accuracy + 25 × coverage + 15 × pace, where, \
over the topic's last 50 answers, accuracy = (right + 1) / (answers + 5) and pace = (within the limit + 1) / \
(answers + 5): a Beta(1, 4) prior, so a topic starts near 20% and earns its figures with evidence (4 right \
answers of 4 give 56%, 50 of 50 give 93%); coverage = distinct questions seen / questions in the banks. \
Answers to questions no longer in the banks are left out of every figure. A tag is weak when its accuracy \
over 3 or more answers is below 60% or 15 points below your overall accuracy.";

/// What the banks say about a topic, for coverage.
#[derive(Debug, Clone, Default)]
pub struct TopicInfo {
    /// Questions in the banks.
    pub questions: usize,
}

/// Which answers count.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Only this topic.
    pub topic: Option<String>,
    /// Only answers from this time on.
    pub since: Option<DateTime<Utc>>,
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// When the figures were computed.
    pub now: DateTime<Utc>,
    /// Totals across topics.
    pub overall: Overall,
    /// One row per topic practised.
    pub topics: Vec<TopicStats>,
    /// Tags clearly weaker than the rest (see [`READINESS_RULE`]), weakest first; empty when
    /// none is.
    pub weakest_tags: Vec<TagStats>,
    /// Answering time against the limit, per question type.
    pub by_type: Vec<TypeStats>,
    /// The questions missed most, with ids for `quiz show`.
    pub most_missed: Vec<Missed>,
    /// Answers per local day, oldest first, ending today.
    pub calendar: Vec<Day>,
    /// Answers left out because their question is no longer in the banks.
    pub not_in_banks: usize,
}

/// Totals across topics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overall {
    /// Distinct sessions with answers in scope.
    pub sessions: usize,
    /// Questions answered (skips included, as wrong).
    pub answered: usize,
    /// Share counted correct, 0 to 1.
    pub accuracy: f64,
    /// Mean score, 0 to 1.
    pub mean_score: f64,
    /// Median answer time.
    pub median_ms: u64,
    /// Share of answers over their limit.
    pub overtime_rate: f64,
    /// Consecutive local days with practice, ending today or yesterday.
    pub current_streak: usize,
    /// The longest such run.
    pub best_streak: usize,
    /// Days with practice among the last 30.
    pub days_last_30: usize,
}

/// Time against the limit for one question type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeStats {
    /// The question type.
    #[serde(rename = "type")]
    pub qtype: QType,
    /// Answers of this type.
    pub answered: usize,
    /// Median answering time.
    pub median_ms: u64,
    /// Median time limit.
    pub median_limit_ms: u64,
    /// Share over their limit.
    pub overtime_rate: f64,
}

/// One topic's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicStats {
    /// Topic slug.
    pub topic: String,
    /// Questions answered.
    pub answered: usize,
    /// Share correct.
    pub accuracy: f64,
    /// Distinct questions seen.
    pub seen: usize,
    /// Questions in the banks.
    pub bank_size: usize,
    /// seen / bank_size, at most 1.
    pub coverage: f64,
    /// Questions due for review now.
    pub due: usize,
    /// Weekly accuracy, oldest first; null for weeks without practice.
    pub trend: Vec<Option<f64>>,
    /// 0–100, see [`READINESS_RULE`].
    pub readiness: u8,
}

/// A tag's accuracy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagStats {
    /// The tag.
    pub tag: String,
    /// Answers to questions with this tag.
    pub answered: usize,
    /// Share correct.
    pub accuracy: f64,
}

/// A question often missed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missed {
    /// Question id.
    pub id: String,
    /// Topic slug.
    pub topic: String,
    /// Times not correct.
    pub missed: usize,
    /// Times answered.
    pub answered: usize,
}

/// One calendar day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    /// Local date.
    pub date: NaiveDate,
    /// Answers that day.
    pub answered: usize,
}

#[derive(Default)]
struct Totals {
    answered: usize,
    correct: usize,
    score: f64,
    overtime: usize,
    elapsed: Vec<u32>,
    limits: Vec<u32>,
}

impl Totals {
    fn add(&mut self, a: &AnswerView) {
        self.answered += 1;
        self.correct += usize::from(a.correct);
        self.score += a.score;
        self.overtime += usize::from(a.overtime);
        self.elapsed.push(u32::try_from(a.elapsed_ms).unwrap_or(u32::MAX));
        self.limits.push(u32::try_from(a.limit_ms).unwrap_or(u32::MAX));
    }

    fn accuracy(&self) -> f64 {
        ratio(self.correct, self.answered)
    }
}

#[derive(Default)]
struct TopicTotals {
    topic: String,
    totals: Totals,
    weeks: [(usize, usize); TREND_WEEKS],
    /// The last [`RECENT`] answers as (correct, within limit).
    recent: std::collections::VecDeque<(bool, bool)>,
}

/// One question's answers in scope.
#[derive(Clone, Copy, Default)]
struct QuestionTotals {
    topic: usize,
    correct: usize,
    answered: usize,
}

/// What the banks say about an answered question: its topic and its tags.
pub type Known<'t> = (&'t str, &'t [String]);

/// Running totals over a stream of answers.
///
/// Per answer it does two hash look-ups (the question's number and its topic) and allocates only
/// for a question, topic, session or day it has not met before, so millions of answers stream
/// through quickly.
pub struct Collector {
    now: DateTime<Utc>,
    offset_at: Box<dyn Fn(DateTime<Utc>) -> FixedOffset>,
    /// The offset of the UTC hour last asked about: offsets change on the hour, if at all.
    offset_cache: Option<(i64, FixedOffset)>,
    scope: Scope,
    overall: Totals,
    sessions: FxHashSet<String>,
    last_session: String,
    topic_index: FxHashMap<String, usize>,
    topics: Vec<TopicTotals>,
    types: BTreeMap<QType, Totals>,
    /// By the replay's question number.
    questions: Vec<QuestionTotals>,
    per_day: FxHashMap<NaiveDate, usize>,
    last_day: Option<(NaiveDate, usize)>,
    replay: Replay,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn median(v: &mut [u32]) -> u64 {
    if v.is_empty() {
        return 0;
    }
    let mid = v.len() / 2;
    let (_, m, _) = v.select_nth_unstable(mid);
    u64::from(*m)
}

impl Collector {
    /// Starts collecting. `offset_at` gives the local time zone's offset at an instant, so days
    /// are counted in local time on both sides of a daylight-saving change.
    pub fn new(now: DateTime<Utc>, offset_at: impl Fn(DateTime<Utc>) -> FixedOffset + 'static, scope: Scope) -> Self {
        Collector {
            now,
            offset_at: Box::new(offset_at),
            offset_cache: None,
            scope,
            overall: Totals::default(),
            sessions: FxHashSet::default(),
            last_session: String::new(),
            topic_index: FxHashMap::default(),
            topics: Vec::new(),
            types: BTreeMap::new(),
            questions: Vec::new(),
            per_day: FxHashMap::default(),
            last_day: None,
            replay: Replay::new(),
        }
    }

    /// Takes the next record of the log.
    pub fn add(&mut self, record: &Record) {
        if let Record::Answer(a) = record {
            self.add_answer(&a.view(), a.qtype);
        }
    }

    /// Takes the next answer of the log, to a question of type `qtype`.
    pub fn add_answer(&mut self, a: &AnswerView, qtype: QType) {
        if self.scope.topic.as_ref().is_some_and(|t| t != a.topic) {
            return;
        }
        // Memory and practice days look at all time; the figures below respect --since.
        let number = self.replay.add(a) as usize;
        let day = self.local_date(a.at);
        match &mut self.last_day {
            Some((d, n)) if *d == day => *n += 1,
            last => {
                if let Some((d, n)) = last.take() {
                    *self.per_day.entry(d).or_default() += n;
                }
                *last = Some((day, 1));
            }
        }
        if self.scope.since.is_some_and(|s| a.at < s) {
            return;
        }
        self.overall.add(a);
        self.types.entry(qtype).or_default().add(a);
        if self.last_session != a.session {
            a.session.clone_into(&mut self.last_session);
            if !self.sessions.contains(a.session) {
                self.sessions.insert(a.session.to_owned());
            }
        }
        let topic = match self.topic_index.get(a.topic) {
            Some(&i) => i,
            None => {
                self.topics.push(TopicTotals { topic: a.topic.to_owned(), ..TopicTotals::default() });
                self.topic_index.insert(a.topic.to_owned(), self.topics.len() - 1);
                self.topics.len() - 1
            }
        };
        let t = &mut self.topics[topic];
        t.totals.add(a);
        let age = (self.now - a.at).num_days();
        if (0..(TREND_WEEKS as i64 * 7)).contains(&age) {
            let w = TREND_WEEKS - 1 - (age / 7) as usize;
            t.weeks[w].0 += usize::from(a.correct);
            t.weeks[w].1 += 1;
        }
        if t.recent.len() == RECENT {
            t.recent.pop_front();
        }
        t.recent.push_back((a.correct, !a.overtime));
        if number >= self.questions.len() {
            self.questions.resize(number + 1, QuestionTotals::default());
        }
        let q = &mut self.questions[number];
        q.topic = topic;
        q.correct += usize::from(a.correct);
        q.answered += 1;
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

    /// The figures. `banks` gives each topic's size for coverage, `lookup` a question's topic
    /// and tags in the banks.
    pub fn finish<'t>(
        mut self,
        banks: &BTreeMap<String, TopicInfo>,
        lookup: &dyn Fn(&str) -> Option<Known<'t>>,
    ) -> Stats {
        if let Some((d, n)) = self.last_day.take() {
            *self.per_day.entry(d).or_default() += n;
        }
        let today = self.local_date(self.now);
        let memories = std::mem::take(&mut self.replay).finish();
        let questions = &self.questions;
        let answered = |n: usize| questions.get(n).filter(|q| q.answered > 0);
        let mut due_by_topic: HashMap<String, usize> = HashMap::new();
        for (n, (id, m)) in memories.iter().enumerate() {
            if m.card.due > self.now {
                continue;
            }
            let topic = match answered(n) {
                Some(q) => Some(self.topics[q.topic].topic.as_str()),
                None => lookup(id).map(|(topic, _)| topic),
            };
            if let Some(topic) = topic {
                *due_by_topic.entry(topic.to_owned()).or_default() += 1;
            }
        }
        let mut seen = vec![0usize; self.topics.len()];
        let mut tag_totals: HashMap<&str, (usize, usize)> = HashMap::new();
        for (n, (id, _)) in memories.iter().enumerate() {
            let Some(q) = answered(n) else { continue };
            seen[q.topic] += 1;
            for tag in lookup(id).map_or(&[][..], |(_, tags)| tags) {
                let e = tag_totals.entry(tag.as_str()).or_default();
                e.0 += q.correct;
                e.1 += q.answered;
            }
        }
        let days: HashSet<NaiveDate> = self.per_day.keys().copied().collect();
        let (current_streak, best_streak) = streaks(&days, today);
        let calendar: Vec<Day> = (0..CALENDAR_DAYS)
            .rev()
            .map(|back| {
                let date = today - Duration::days(back as i64);
                Day { date, answered: self.per_day.get(&date).copied().unwrap_or(0) }
            })
            .collect();
        let mut topics: Vec<TopicStats> = self
            .topics
            .iter_mut()
            .zip(&seen)
            .map(|(t, &seen)| {
                let bank_size = banks.get(&t.topic).map_or(0, |b| b.questions);
                let coverage = if bank_size == 0 { 0.0 } else { (seen as f64 / bank_size as f64).min(1.0) };
                let recent_correct = t.recent.iter().filter(|r| r.0).count();
                let recent_in_time = t.recent.iter().filter(|r| r.1).count();
                let readiness = readiness(recent_correct, recent_in_time, t.recent.len(), coverage);
                TopicStats {
                    topic: t.topic.clone(),
                    answered: t.totals.answered,
                    accuracy: t.totals.accuracy(),
                    seen,
                    bank_size,
                    coverage,
                    due: due_by_topic.get(&t.topic).copied().unwrap_or(0),
                    trend: t.weeks.iter().map(|&(c, n)| (n > 0).then(|| ratio(c, n))).collect(),
                    readiness,
                }
            })
            .collect();
        topics.sort_by(|a, b| a.topic.cmp(&b.topic));
        let overall_accuracy = self.overall.accuracy();
        let mut weakest_tags: Vec<TagStats> = tag_totals
            .into_iter()
            .filter(|(_, (_, n))| *n >= TAG_MIN_ANSWERS)
            .map(|(tag, (c, n))| TagStats { tag: tag.to_owned(), answered: n, accuracy: ratio(c, n) })
            .filter(|t| t.accuracy < TAG_WEAK_BELOW || t.accuracy <= overall_accuracy - TAG_WEAK_MARGIN + 1e-9)
            .collect();
        weakest_tags.sort_by(|a, b| a.accuracy.total_cmp(&b.accuracy).then_with(|| a.tag.cmp(&b.tag)));
        weakest_tags.truncate(5);
        let mut most_missed: Vec<Missed> = memories
            .iter()
            .zip(&self.questions)
            .filter(|(_, q)| q.correct < q.answered)
            .map(|((id, _), q)| Missed {
                id: id.clone(),
                topic: self.topics[q.topic].topic.clone(),
                missed: q.answered - q.correct,
                answered: q.answered,
            })
            .collect();
        most_missed.sort_by(|a, b| b.missed.cmp(&a.missed).then_with(|| a.id.cmp(&b.id)));
        most_missed.truncate(5);
        let by_type = self
            .types
            .iter_mut()
            .map(|(&qtype, t)| TypeStats {
                qtype,
                answered: t.answered,
                median_ms: median(&mut t.elapsed),
                median_limit_ms: median(&mut t.limits),
                overtime_rate: ratio(t.overtime, t.answered),
            })
            .collect();
        let o = &mut self.overall;
        Stats {
            now: self.now,
            overall: Overall {
                sessions: self.sessions.len(),
                answered: o.answered,
                accuracy: o.accuracy(),
                mean_score: if o.answered == 0 { 0.0 } else { o.score / o.answered as f64 },
                median_ms: median(&mut o.elapsed),
                overtime_rate: ratio(o.overtime, o.answered),
                current_streak,
                best_streak,
                days_last_30: calendar.iter().filter(|d| d.answered > 0).count(),
            },
            topics,
            weakest_tags,
            by_type,
            most_missed,
            calendar,
            not_in_banks: 0,
        }
    }
}

/// Readiness, 0–100, from the recent answers' right and in-time counts and the coverage (see
/// [`READINESS_RULE`]).
pub fn readiness(right: usize, in_time: usize, answers: usize, coverage: f64) -> u8 {
    let shrunk = |k: usize| (k as f64 + PRIOR_RIGHT) / (answers as f64 + PRIOR_RIGHT + PRIOR_WRONG);
    let r = 100.0 * (0.6 * shrunk(right) + 0.25 * coverage + 0.15 * shrunk(in_time));
    r.round().clamp(0.0, 100.0) as u8
}

/// Which answers `--missed` looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Window {
    /// The last session with answers.
    LastSession,
    /// Answers from this time on; a question counts by its latest answer among them.
    Since(DateTime<Utc>),
}

/// Finds the questions to retry, streaming the log's answers: those answered wrong (or
/// skipped) in the last session, or wrong at their latest answer within a window.
pub struct Misses {
    window: Window,
    session: String,
    /// (question, right) in the current session, in the order asked.
    in_session: Vec<(String, bool)>,
    /// question → (order of its latest answer, right).
    latest: FxHashMap<String, (usize, bool)>,
    n: usize,
}

impl Misses {
    /// Starts looking over `window`.
    pub fn new(window: Window) -> Self {
        Misses { window, session: String::new(), in_session: Vec::new(), latest: FxHashMap::default(), n: 0 }
    }

    /// Takes the next answer of the log.
    pub fn add(&mut self, a: &AnswerView) {
        match self.window {
            Window::LastSession => {
                if self.session != a.session {
                    a.session.clone_into(&mut self.session);
                    self.in_session.clear();
                }
                match self.in_session.iter_mut().find(|(q, _)| q == a.question) {
                    Some(e) => e.1 = a.correct,
                    None => self.in_session.push((a.question.to_owned(), a.correct)),
                }
            }
            Window::Since(since) => {
                if a.at >= since {
                    self.n += 1;
                    self.latest.insert(a.question.to_owned(), (self.n, a.correct));
                }
            }
        }
    }

    /// The ids to retry, in the order they were last answered.
    pub fn finish(self) -> Vec<String> {
        match self.window {
            Window::LastSession => self.in_session.into_iter().filter(|e| !e.1).map(|e| e.0).collect(),
            Window::Since(_) => {
                let mut wrong: Vec<(usize, String)> =
                    self.latest.into_iter().filter(|e| !e.1.1).map(|(q, (n, _))| (n, q)).collect();
                wrong.sort_unstable();
                wrong.into_iter().map(|e| e.1).collect()
            }
        }
    }
}

/// The current streak (ending today, or yesterday when today has no practice yet) and the best.
fn streaks(days: &HashSet<NaiveDate>, today: NaiveDate) -> (usize, usize) {
    let mut sorted: Vec<NaiveDate> = days.iter().copied().collect();
    sorted.sort_unstable();
    let mut best = 0;
    let mut run = 0;
    let mut prev: Option<NaiveDate> = None;
    for d in &sorted {
        run = if prev.is_some_and(|p| *d - p == Duration::days(1)) { run + 1 } else { 1 };
        best = best.max(run);
        prev = Some(*d);
    }
    let mut current = 0;
    let mut day = if days.contains(&today) { today } else { today - Duration::days(1) };
    while days.contains(&day) {
        current += 1;
        day -= Duration::days(1);
    }
    (current, best)
}

/// Whether there is nothing to show.
pub fn is_empty(s: &Stats) -> bool {
    s.overall.answered == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        bank::{Difficulty, Level, QType},
        history::AnswerRecord,
    };

    fn answer(q: &str, topic: &str, at: &str, correct: bool, elapsed_ms: u64) -> Record {
        Record::Answer(AnswerRecord {
            v: 1,
            session: format!("s-{}", &at[..10]),
            at: at.parse().unwrap(),
            topic: topic.into(),
            question: q.into(),
            qtype: QType::Choice,
            difficulty: Difficulty::Easy,
            level: Level::Junior,
            response: Some("x".into()),
            score: if correct { 1.0 } else { 0.0 },
            correct,
            skipped: false,
            elapsed_ms,
            limit_ms: 40_000,
            overtime: elapsed_ms > 40_000,
            confidence: None,
        })
    }

    fn collect(records: &[Record], scope: Scope) -> Stats {
        let tags: HashMap<String, Vec<String>> = [
            ("dsa-a", vec!["graphs".to_owned()]),
            ("dsa-b", vec!["graphs".to_owned()]),
            ("apis-c", vec!["http".to_owned()]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let lookup = |id: &str| tags.get_key_value(id).map(|(k, v)| (&k[..k.find('-').unwrap()], v.as_slice()));
        let now = "2026-11-21T12:00:00Z".parse().unwrap();
        let mut c = Collector::new(now, |_| FixedOffset::east_opt(0).unwrap(), scope);
        for r in records {
            c.add(r);
        }
        let banks = [("dsa".to_owned(), TopicInfo { questions: 4 }), ("apis".to_owned(), TopicInfo { questions: 10 })]
            .into_iter()
            .collect();
        c.finish(&banks, &lookup)
    }

    fn sample() -> Vec<Record> {
        vec![
            answer("dsa-a", "dsa", "2026-11-18T09:00:00Z", false, 10_000),
            answer("dsa-a", "dsa", "2026-11-19T09:00:00Z", false, 50_000),
            answer("dsa-b", "dsa", "2026-11-19T09:01:00Z", true, 20_000),
            answer("apis-c", "apis", "2026-11-20T09:00:00Z", true, 30_000),
            answer("dsa-a", "dsa", "2026-11-21T09:00:00Z", true, 5_000),
            answer("dsa-b", "dsa", "2026-10-01T09:00:00Z", true, 5_000),
        ]
    }

    #[test]
    fn overall_figures() {
        let s = collect(&sample(), Scope::default());
        let o = &s.overall;
        assert_eq!((o.sessions, o.answered), (5, 6));
        assert!((o.accuracy - 4.0 / 6.0).abs() < 1e-9);
        assert_eq!(o.median_ms, 20_000);
        assert!((o.overtime_rate - 1.0 / 6.0).abs() < 1e-9);
        assert_eq!((o.current_streak, o.best_streak, o.days_last_30), (4, 4, 4));
        assert_eq!(s.calendar.len(), 30);
        assert_eq!(s.calendar[29], Day { date: "2026-11-21".parse().unwrap(), answered: 1 });
        assert_eq!(s.calendar[27].answered, 2);
    }

    #[test]
    fn topic_rows_trend_and_readiness() {
        let s = collect(&sample(), Scope::default());
        let dsa = s.topics.iter().find(|t| t.topic == "dsa").unwrap();
        assert_eq!((dsa.answered, dsa.seen, dsa.bank_size), (5, 2, 4));
        assert_eq!(dsa.coverage, 0.5);
        // This week (days 0-6 back): 4 answers, 2 correct; week 7 back: the October answer.
        assert_eq!(dsa.trend[7], Some(0.5));
        assert_eq!(dsa.trend[0], Some(1.0));
        assert_eq!(dsa.trend.iter().flatten().count(), 2);
        // Recent: 3 of 5 correct, 4 of 5 in time, shrunk by the Beta(1, 4) prior:
        // 100 × (0.6 × 4/10 + 0.25 × 0.5 + 0.15 × 5/10) = 44.
        assert_eq!(dsa.readiness, 44);
        assert_eq!(s.by_type.len(), 1);
        assert_eq!((s.by_type[0].qtype, s.by_type[0].median_limit_ms), (QType::Choice, 40_000));
    }

    #[test]
    fn tags_missed_and_scope() {
        let s = collect(&sample(), Scope::default());
        // graphs: 60% over 5 answers, overall 67%: neither below 60% nor 15 points under.
        assert_eq!(s.weakest_tags, []);
        let mut worse = sample();
        worse.push(answer("dsa-b", "dsa", "2026-11-21T10:00:00Z", false, 5_000));
        let s = collect(&worse, Scope::default());
        assert_eq!(s.weakest_tags, [TagStats { tag: "graphs".into(), answered: 6, accuracy: 0.5 }]);
        assert_eq!(s.most_missed[0], Missed { id: "dsa-a".into(), topic: "dsa".into(), missed: 2, answered: 3 });
        let since = collect(
            &sample(),
            Scope { topic: Some("dsa".into()), since: Some("2026-11-19T00:00:00Z".parse().unwrap()) },
        );
        assert_eq!(since.overall.answered, 3);
        assert_eq!(since.topics.len(), 1);
        assert_eq!(since.overall.best_streak, 2, "streaks look at all time within the topic");
    }

    #[test]
    fn days_follow_the_offset_in_force_at_each_answer() {
        // UTC+2 before 2026-10-25T01:00Z, UTC+1 after, like a European daylight-saving end.
        let switch: DateTime<Utc> = "2026-10-25T01:00:00Z".parse().unwrap();
        let zone = move |t: DateTime<Utc>| FixedOffset::east_opt(if t < switch { 7200 } else { 3600 }).unwrap();
        let now = "2026-10-26T12:00:00Z".parse().unwrap();
        let mut c = Collector::new(now, zone, Scope::default());
        for at in ["2026-10-24T22:30:00Z", "2026-10-25T23:30:00Z"] {
            c.add(&answer("dsa-a", "dsa", at, true, 1000));
        }
        let s = c.finish(&BTreeMap::new(), &|_| None);
        let days: Vec<String> = s.calendar.iter().filter(|d| d.answered > 0).map(|d| d.date.to_string()).collect();
        // 22:30Z is 00:30 on the 25th at UTC+2; 23:30Z is 00:30 on the 26th at UTC+1.
        assert_eq!(days, ["2026-10-25", "2026-10-26"]);
    }

    #[test]
    fn readiness_rises_with_evidence() {
        // 100 × (0.6 × 1/5 + 0.15 × 1/5)
        assert_eq!(readiness(0, 0, 0, 0.0), 15);
        // 4 right of 4 in time, 4% coverage: 100 × (0.75 × 5/9 + 0.25 × 0.04) = 42.7, not 72.
        assert_eq!(readiness(4, 4, 4, 0.04), 43);
        // 100 × (0.75 × 51/55 + 0.25) = 94.5
        assert_eq!(readiness(50, 50, 50, 1.0), 95);
        assert!(readiness(10, 10, 10, 0.1) > readiness(4, 4, 4, 0.1));
    }

    #[test]
    fn misses_in_the_last_session_and_within_a_window() {
        let records = sample();
        let views = || records.iter().map(|r| if let Record::Answer(a) = r { a.view() } else { unreachable!() });
        let mut last = Misses::new(Window::LastSession);
        views().for_each(|a| last.add(&a));
        assert_eq!(last.finish(), Vec::<String>::new(), "the last session (October) was right");
        let mut week = Misses::new(Window::Since("2026-11-19T00:00:00Z".parse().unwrap()));
        views().for_each(|a| week.add(&a));
        assert_eq!(week.finish(), Vec::<String>::new(), "dsa-a was right at its latest answer");
        let mut early = Misses::new(Window::Since("2026-11-18T00:00:00Z".parse().unwrap()));
        views().take(2).for_each(|a| early.add(&a));
        assert_eq!(early.finish(), ["dsa-a"]);
    }

    #[test]
    fn streak_ends_yesterday_when_today_is_empty() {
        let days: HashSet<NaiveDate> =
            ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-10"].iter().map(|d| d.parse().unwrap()).collect();
        assert_eq!(streaks(&days, "2026-11-21".parse().unwrap()), (3, 3));
        assert_eq!(streaks(&days, "2026-11-22".parse().unwrap()), (0, 3));
    }
}
