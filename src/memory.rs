//! What the user remembers: each question's FSRS memory state, derived by replaying its
//! answers from the log in order. There is no second state file to drift out of sync.
//!
//! The rating of an answer counts its time, which flashcard schedulers ignore: a score below
//! 0.6 is Again, a correct answer over its limit Hard, a correct one inside it Good, and a
//! correct one in under a quarter of its limit Easy. A correct answer is never due again
//! within a day.
//!
//! Scheduling is the costly part of reading a long log, so [`Replay`] runs it on a second
//! thread while the first goes on parsing: answers are reduced to small [`Step`]s and sent
//! over in batches.

use std::{
    sync::mpsc::{SyncSender, sync_channel},
    thread::JoinHandle,
};

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Rating};
use rustc_hash::FxHashMap;

use crate::{grade, history::AnswerView};

/// How many recent answers a question keeps for weighting weak spots.
pub const RECENT: usize = 5;

/// The FSRS rating an answer earns.
pub fn rating(a: &AnswerView) -> Rating {
    if a.skipped || !grade::is_correct(a.score) {
        Rating::Again
    } else if a.overtime {
        Rating::Hard
    } else if a.elapsed_ms.saturating_mul(4) < a.limit_ms {
        Rating::Easy
    } else {
        Rating::Good
    }
}

/// One answer, reduced to what scheduling needs.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// Index of the question in the replay.
    pub question: u32,
    /// When it was answered.
    pub at: DateTime<Utc>,
    /// Its rating.
    pub rating: Rating,
    /// Its score.
    pub score: f64,
    /// Whether it was over its limit.
    pub overtime: bool,
}

/// One question's memory and recent record.
#[derive(Debug, Clone)]
pub struct Memory {
    /// The FSRS card after every answer so far.
    pub card: Card,
    /// When it was last answered.
    pub last_seen: DateTime<Utc>,
    /// Recent (score, overtime) pairs, newest last, at most [`RECENT`].
    pub recent: Vec<(f64, bool)>,
}

impl Memory {
    fn new(at: DateTime<Utc>) -> Self {
        Memory { card: Card { due: at, last_review: at, ..Card::default() }, last_seen: at, recent: Vec::new() }
    }

    /// Applies one answer.
    fn step(&mut self, fsrs: &FSRS, s: &Step) {
        // Answers out of order (clock changes, merged logs) are scheduled from the latest review.
        let at = s.at.max(self.card.last_review);
        self.card = fsrs.next(self.card.clone(), at, s.rating).card;
        // FSRS's short-term steps would bring a right answer back within minutes; a question
        // answered right waits at least a day, so review right after practice asks only misses.
        if s.rating != Rating::Again {
            self.card.due = self.card.due.max(at + chrono::Duration::days(1));
        }
        self.last_seen = at;
        if self.recent.len() == RECENT {
            self.recent.remove(0);
        }
        self.recent.push((s.score, s.overtime));
    }

    /// How many recent answers were over their limit.
    pub fn recent_overtime(&self) -> usize {
        self.recent.iter().filter(|r| r.1).count()
    }
}

/// Every answered question's memory, keyed by question id.
#[derive(Debug, Default)]
pub struct Memories {
    /// The memories.
    pub by_id: FxHashMap<String, Memory>,
}

impl Memories {
    /// Replays `answers` (in log order) on this thread: for small inputs and tests.
    pub fn from_answers<'a>(answers: impl IntoIterator<Item = AnswerView<'a>>) -> Self {
        let mut replay = Replay::new();
        for a in answers {
            replay.add(&a);
        }
        replay.finish().into()
    }

    /// Questions due at `now`, most overdue first, as `(id, due)`.
    pub fn due(&self, now: DateTime<Utc>) -> Vec<(&str, DateTime<Utc>)> {
        let mut due: Vec<(&str, DateTime<Utc>)> =
            self.by_id.iter().filter(|(_, m)| m.card.due <= now).map(|(id, m)| (id.as_str(), m.card.due)).collect();
        due.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
        due
    }
}

impl From<Vec<(String, Memory)>> for Memories {
    fn from(all: Vec<(String, Memory)>) -> Self {
        Memories { by_id: all.into_iter().collect() }
    }
}

const BATCH: usize = 4096;

/// Replays answers on a worker thread, in log order, and numbers the questions as it meets
/// them so callers can keep their own per-question figures in a plain vector.
pub struct Replay {
    index: FxHashMap<String, u32>,
    ids: Vec<String>,
    batch: Vec<Step>,
    tx: Option<SyncSender<Vec<Step>>>,
    worker: Option<JoinHandle<Vec<Option<Memory>>>>,
}

impl Default for Replay {
    fn default() -> Self {
        Self::new()
    }
}

impl Replay {
    /// Starts the worker.
    pub fn new() -> Self {
        let (tx, rx) = sync_channel::<Vec<Step>>(4);
        let worker = std::thread::spawn(move || {
            let fsrs = FSRS::default();
            let mut memories: Vec<Option<Memory>> = Vec::new();
            for batch in rx {
                for s in &batch {
                    let i = s.question as usize;
                    if i >= memories.len() {
                        memories.resize(i + 1, None);
                    }
                    memories[i].get_or_insert_with(|| Memory::new(s.at)).step(&fsrs, s);
                }
            }
            memories
        });
        Replay {
            index: FxHashMap::default(),
            ids: Vec::new(),
            batch: Vec::with_capacity(BATCH),
            tx: Some(tx),
            worker: Some(worker),
        }
    }

    /// Queues one answer and returns its question's number.
    pub fn add(&mut self, a: &AnswerView) -> u32 {
        let question = match self.index.get(a.question) {
            Some(&i) => i,
            None => {
                let i = u32::try_from(self.ids.len()).expect("fewer than 4 billion questions");
                self.index.insert(a.question.to_owned(), i);
                self.ids.push(a.question.to_owned());
                i
            }
        };
        self.batch.push(Step { question, at: a.at, rating: rating(a), score: a.score, overtime: a.overtime });
        if self.batch.len() == BATCH {
            self.flush();
        }
        question
    }

    fn flush(&mut self) {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        if let Some(tx) = &self.tx {
            // The worker only stops when the sender is dropped, so this cannot fail.
            let _ = tx.send(batch);
        }
    }

    /// Waits for the worker and returns every question's id and memory, by number.
    pub fn finish(mut self) -> Vec<(String, Memory)> {
        self.flush();
        self.tx.take();
        let memories = self.worker.take().map(|w| w.join().expect("replay worker")).unwrap_or_default();
        std::mem::take(&mut self.ids).into_iter().zip(memories).filter_map(|(id, m)| Some((id, m?))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        bank::{Difficulty, Level, QType},
        history::AnswerRecord,
    };

    fn answer(id: &str, at: &str, score: f64, elapsed_ms: u64, overtime: bool) -> AnswerRecord {
        AnswerRecord {
            v: 1,
            session: "s".into(),
            at: at.parse().unwrap(),
            topic: "dsa".into(),
            question: id.into(),
            qtype: QType::Choice,
            difficulty: Difficulty::Easy,
            level: Level::Junior,
            response: Some("x".into()),
            score,
            correct: score >= 0.6,
            skipped: false,
            elapsed_ms,
            limit_ms: 40_000,
            overtime,
            confidence: None,
        }
    }

    #[test]
    fn ratings_count_time() {
        let rate =
            |score, elapsed, overtime| rating(&answer("q", "2026-11-01T10:00:00Z", score, elapsed, overtime).view());
        assert_eq!(rate(0.5, 1000, false), Rating::Again);
        assert_eq!(rate(1.0, 50_000, true), Rating::Hard);
        assert_eq!(rate(1.0, 20_000, false), Rating::Good);
        assert_eq!(rate(1.0, 9_000, false), Rating::Easy);
    }

    #[test]
    fn replay_schedules_exactly() {
        let log = [
            answer("a", "2026-11-01T10:00:00Z", 1.0, 20_000, false),
            answer("b", "2026-11-01T10:01:00Z", 0.0, 20_000, false),
        ];
        let m = Memories::from_answers(log.iter().map(AnswerRecord::view));
        let a = &m.by_id["a"].card;
        let b = &m.by_id["b"].card;
        // FSRS default weights: a first Again is due again in 1 minute; a first Good would be
        // due in 10 minutes (learning step), but a right answer waits a day.
        assert_eq!(a.due, "2026-11-02T10:00:00Z".parse::<DateTime<Utc>>().unwrap());
        assert_eq!(b.due, "2026-11-01T10:02:00Z".parse::<DateTime<Utc>>().unwrap());
        assert_eq!(m.due("2026-11-01T10:05:00Z".parse().unwrap()), vec![("b", b.due)]);
        let more = [log[0].clone(), log[1].clone(), answer("a", "2026-11-02T10:00:00Z", 1.0, 20_000, false)];
        let m = Memories::from_answers(more.iter().map(AnswerRecord::view));
        assert!(m.by_id["a"].card.due > "2026-11-04T00:00:00Z".parse::<DateTime<Utc>>().unwrap());
    }

    #[test]
    fn replay_over_many_batches_numbers_questions_in_order() {
        let log: Vec<AnswerRecord> = (0..10_000)
            .map(|i| answer(&format!("q{}", i % 7), "2026-11-01T10:00:00Z", 1.0, 20_000, i % 3 == 0))
            .collect();
        let mut replay = Replay::new();
        let numbers: Vec<u32> = log.iter().take(8).map(|a| replay.add(&a.view())).collect();
        assert_eq!(numbers, [0, 1, 2, 3, 4, 5, 6, 0]);
        for a in &log[8..] {
            replay.add(&a.view());
        }
        let all = replay.finish();
        assert_eq!(all.len(), 7);
        assert_eq!(all[0].0, "q0");
        assert_eq!(all[0].1.card.reps, 1429);
        assert_eq!(all[0].1.recent.len(), RECENT);
    }
}
