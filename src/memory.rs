//! What the user remembers: each question's FSRS memory state, derived by replaying its
//! answers from the log in order. There is no second state file to drift out of sync.
//!
//! The rating of an answer counts its time, which flashcard schedulers ignore: a score below
//! 0.6 is Again, a correct answer over its limit Hard, a correct one inside it Good, and a
//! correct one in under a quarter of its limit Easy.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Rating};

use crate::{grade, history::AnswerRecord};

/// The FSRS rating an answer earns.
pub fn rating(a: &AnswerRecord) -> Rating {
    if !grade::is_correct(a.score) || a.skipped {
        Rating::Again
    } else if a.overtime {
        Rating::Hard
    } else if a.elapsed_ms.saturating_mul(4) < a.limit_ms {
        Rating::Easy
    } else {
        Rating::Good
    }
}

/// One question's memory and recent record.
#[derive(Debug, Clone)]
pub struct Memory {
    /// The FSRS card after every answer so far.
    pub card: Card,
    /// When it was last answered.
    pub last_seen: DateTime<Utc>,
    /// Recent scores, newest last (at most [`RECENT`]).
    pub recent: Vec<f64>,
    /// How many of the recent answers were over their limit.
    pub recent_overtime: usize,
}

/// How many recent answers a question keeps for weighting weak spots.
pub const RECENT: usize = 5;

/// Every answered question's memory, keyed by question id.
#[derive(Default)]
pub struct Memories {
    fsrs: FSRS,
    /// The memories.
    pub by_id: HashMap<String, Memory>,
}

impl Memories {
    /// Replays one answer; answers must come in log order.
    pub fn add(&mut self, a: &AnswerRecord) {
        let rating = rating(a);
        let fsrs = &self.fsrs;
        let m = self.by_id.entry(a.question.clone()).or_insert_with(|| Memory {
            card: Card { due: a.at, last_review: a.at, ..Card::default() },
            last_seen: a.at,
            recent: Vec::with_capacity(RECENT),
            recent_overtime: 0,
        });
        // Answers out of order (clock changes, merged logs) are scheduled from the latest review.
        let at = a.at.max(m.card.last_review);
        m.card = fsrs.next(m.card.clone(), at, rating).card;
        m.last_seen = at;
        if m.recent.len() == RECENT {
            m.recent.remove(0);
        }
        m.recent.push(a.score);
        m.recent_overtime = usize::from(a.overtime) + m.recent_overtime.min(RECENT - 1);
    }

    /// Questions due at `now`, most overdue first, as `(id, due)`.
    pub fn due(&self, now: DateTime<Utc>) -> Vec<(&str, DateTime<Utc>)> {
        let mut due: Vec<(&str, DateTime<Utc>)> =
            self.by_id.iter().filter(|(_, m)| m.card.due <= now).map(|(id, m)| (id.as_str(), m.card.due)).collect();
        due.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
        due
    }

    /// When the next question falls due after `now`, if any.
    pub fn next_due(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.by_id.values().map(|m| m.card.due).filter(|d| *d > now).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Difficulty, Level, QType};

    pub fn answer(id: &str, at: &str, score: f64, elapsed_ms: u64, overtime: bool) -> AnswerRecord {
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
        }
    }

    #[test]
    fn ratings_count_time() {
        assert_eq!(rating(&answer("q", "2026-11-01T10:00:00Z", 0.5, 1000, false)), Rating::Again);
        assert_eq!(rating(&answer("q", "2026-11-01T10:00:00Z", 1.0, 50_000, true)), Rating::Hard);
        assert_eq!(rating(&answer("q", "2026-11-01T10:00:00Z", 1.0, 20_000, false)), Rating::Good);
        assert_eq!(rating(&answer("q", "2026-11-01T10:00:00Z", 1.0, 9_000, false)), Rating::Easy);
    }

    #[test]
    fn replay_schedules_exactly() {
        let mut m = Memories::default();
        m.add(&answer("a", "2026-11-01T10:00:00Z", 1.0, 20_000, false));
        m.add(&answer("b", "2026-11-01T10:01:00Z", 0.0, 20_000, false));
        let a = &m.by_id["a"].card;
        let b = &m.by_id["b"].card;
        // FSRS-5 default weights: a first Good is due again in 10 minutes (learning step),
        // a first Again in 1 minute.
        assert_eq!(a.due, "2026-11-01T10:10:00Z".parse::<DateTime<Utc>>().unwrap());
        assert_eq!(b.due, "2026-11-01T10:02:00Z".parse::<DateTime<Utc>>().unwrap());
        let now = "2026-11-01T10:05:00Z".parse().unwrap();
        assert_eq!(m.due(now), vec![("b", b.due)]);
        assert_eq!(m.next_due(now), Some(a.due));
        m.add(&answer("a", "2026-11-01T10:10:00Z", 1.0, 20_000, false));
        assert!(m.by_id["a"].card.due > "2026-11-02T00:00:00Z".parse::<DateTime<Utc>>().unwrap());
    }
}
