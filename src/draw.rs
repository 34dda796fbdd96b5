//! Choosing questions: filtering the loaded banks, then a seeded, uniform draw without
//! repetition, and a fresh shuffle of each question's choices.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};

use crate::{
    bank::{Difficulty, Level, Question},
    library::Library,
    memory::Memory,
};

/// Which questions may be drawn.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Topic slugs; empty means all.
    pub topics: Vec<String>,
    /// Difficulties; empty means all.
    pub difficulties: Vec<Difficulty>,
    /// Levels; empty means all.
    pub levels: Vec<Level>,
    /// Tags, any of which qualifies; empty means all.
    pub tags: Vec<String>,
}

impl Filter {
    /// Whether `q` passes.
    pub fn admits(&self, q: &Question) -> bool {
        (self.topics.is_empty() || self.topics.contains(&q.topic))
            && (self.difficulties.is_empty() || self.difficulties.contains(&q.difficulty))
            && (self.levels.is_empty() || self.levels.contains(&q.level))
            && (self.tags.is_empty() || q.tags.iter().any(|t| self.tags.contains(t)))
    }

    /// The filters in words, for "no questions match …".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        let list = |v: Vec<String>| v.join(" or ");
        if !self.topics.is_empty() {
            parts.push(format!("topic {}", list(self.topics.clone())));
        }
        if !self.difficulties.is_empty() {
            parts.push(format!("difficulty {}", list(self.difficulties.iter().map(ToString::to_string).collect())));
        }
        if !self.levels.is_empty() {
            parts.push(format!("level {}", list(self.levels.iter().map(ToString::to_string).collect())));
        }
        if !self.tags.is_empty() {
            parts.push(format!("tag {}", list(self.tags.clone())));
        }
        if parts.is_empty() { "the loaded banks".into() } else { parts.join(", ") }
    }
}

/// A question as it will be asked.
#[derive(Debug, Clone)]
pub struct Planned<'a> {
    /// The question.
    pub question: &'a Question,
    /// Display order of its choices: `order[k]` is the bank index shown in position `k`.
    pub order: Vec<usize>,
    /// The time allowed.
    pub limit: Duration,
}

/// Draws up to `count` of the questions `filter` admits, uniformly and without repetition,
/// with each question's choices shuffled. The same seed and banks give the same plan, and the
/// first k questions of a seed are the same whatever `count` is: the whole pool is shuffled,
/// then cut.
pub fn draw<'a>(
    lib: &'a Library,
    filter: &Filter,
    count: usize,
    seed: u64,
    time_limit: Option<Duration>,
) -> (Vec<Planned<'a>>, usize) {
    let mut pool: Vec<&Question> = lib.questions().filter(|q| filter.admits(q)).collect();
    let matched = pool.len();
    let mut rng = StdRng::seed_from_u64(seed);
    pool.shuffle(&mut rng);
    (plan_all(pool.into_iter().take(count), seed, time_limit), matched)
}

/// Plans `questions` in order. Each question's choices are shuffled by a generator of its own
/// position, so a plan's first k questions look the same however long the plan is.
pub fn plan_all<'a>(
    questions: impl IntoIterator<Item = &'a Question>,
    seed: u64,
    time_limit: Option<Duration>,
) -> Vec<Planned<'a>> {
    questions
        .into_iter()
        .enumerate()
        .map(|(k, q)| {
            let mut rng = StdRng::seed_from_u64(seed ^ (k as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            plan_one(q, &mut rng, time_limit)
        })
        .collect()
}

/// Like [`draw`], but each question is drawn with probability proportional to `weight(q)`
/// (still without repetition, still reproducible with the seed, still a stable prefix): every
/// question gets the key `u^(1/w)` for a uniform `u`, and the largest keys win
/// (Efraimidis–Spirakis).
pub fn draw_weighted<'a>(
    lib: &'a Library,
    filter: &Filter,
    count: usize,
    seed: u64,
    time_limit: Option<Duration>,
    weight: impl Fn(&Question) -> f64,
) -> (Vec<Planned<'a>>, usize) {
    let pool: Vec<&Question> = lib.questions().filter(|q| filter.admits(q)).collect();
    let matched = pool.len();
    let mut rng = StdRng::seed_from_u64(seed);
    let mut keyed: Vec<(f64, &Question)> = pool
        .into_iter()
        .map(|q| {
            let u: f64 = rng.random_range(f64::MIN_POSITIVE..1.0);
            (u.powf(1.0 / weight(q).max(0.01)), q)
        })
        .collect();
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0));
    (plan_all(keyed.into_iter().map(|(_, q)| q).take(count), seed, time_limit), matched)
}

/// How much a question needs practice, for `--weak`: 1, plus up to 3 for low recent scores,
/// up to 2 for recent overtime, and up to 2 for time unseen (two weeks per point). A question
/// never answered weighs 2: worth meeting, but not before known weak spots.
pub fn weakness(memory: Option<&Memory>, now: DateTime<Utc>) -> f64 {
    let Some(m) = memory else { return 2.0 };
    let n = m.recent.len().max(1) as f64;
    let mean = m.recent.iter().map(|r| r.0).sum::<f64>() / n;
    let unseen_days = (now - m.last_seen).num_hours() as f64 / 24.0;
    1.0 + 3.0 * (1.0 - mean) + 2.0 * (m.recent_overtime() as f64 / n) + (unseen_days / 14.0).clamp(0.0, 2.0)
}

/// Shuffles a question's choices and settles its limit.
pub fn plan_one<'a>(question: &'a Question, rng: &mut impl Rng, time_limit: Option<Duration>) -> Planned<'a> {
    let mut order: Vec<usize> = (0..question.choices().len()).collect();
    order.shuffle(rng);
    Planned { question, order, limit: time_limit.unwrap_or_else(|| question.default_limit()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library;

    fn lib() -> Library {
        Library::load(&library::discover(&[]).unwrap(), None).unwrap()
    }

    #[test]
    fn same_seed_same_plan_without_repeats() {
        let lib = lib();
        let f = Filter { topics: vec!["dsa".into()], ..Filter::default() };
        let (a, matched) = draw(&lib, &f, 10, 42, None);
        let (b, _) = draw(&lib, &f, 10, 42, None);
        let ids = |p: &[Planned]| p.iter().map(|x| (x.question.id.clone(), x.order.clone())).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(a.len(), 10.min(matched));
        let mut unique: Vec<_> = a.iter().map(|p| &p.question.id).collect();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), a.len());
        assert!(a.iter().all(|p| p.question.topic == "dsa"));
        let (c, _) = draw(&lib, &f, 10, 43, None);
        assert_ne!(ids(&a), ids(&c));
    }

    #[test]
    fn a_seed_gives_the_same_first_questions_whatever_the_count() {
        let lib = lib();
        let f = Filter { topics: vec!["dsa".into()], ..Filter::default() };
        let plan = |n: usize| {
            draw(&lib, &f, n, 42, None).0.iter().map(|p| (p.question.id.clone(), p.order.clone())).collect::<Vec<_>>()
        };
        let ten = plan(10);
        for n in [1, 2, 3, 7] {
            assert_eq!(plan(n), ten[..n], "-n {n}");
        }
        let weak = |n: usize| {
            let w = |q: &Question| if q.difficulty == Difficulty::Hard { 5.0 } else { 1.0 };
            draw_weighted(&lib, &f, n, 42, None, w).0.iter().map(|p| p.question.id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(weak(2), weak(6)[..2]);
    }

    #[test]
    fn asking_for_more_than_match_gives_all() {
        let lib = lib();
        let f = Filter { topics: vec!["apis".into()], ..Filter::default() };
        let (plan, matched) = draw(&lib, &f, 100_000, 1, Some(Duration::from_secs(5)));
        assert_eq!(plan.len(), matched);
        assert!(plan.iter().all(|p| p.limit == Duration::from_secs(5)));
    }

    #[test]
    fn weakness_weights_misses_overtime_and_absence() {
        let now: DateTime<Utc> = "2026-11-21T12:00:00Z".parse().unwrap();
        let memory = |scores: &[f64], overtime: usize, days: i64| Memory {
            card: rs_fsrs::Card::default(),
            last_seen: now - chrono::Duration::days(days),
            recent: scores.iter().enumerate().map(|(i, &s)| (s, i < overtime)).collect(),
        };
        assert_eq!(weakness(None, now), 2.0);
        assert_eq!(weakness(Some(&memory(&[1.0, 1.0], 0, 0)), now), 1.0);
        assert_eq!(weakness(Some(&memory(&[0.0, 0.0], 2, 0)), now), 6.0);
        assert_eq!(weakness(Some(&memory(&[1.0], 0, 14)), now), 2.0);
        assert_eq!(weakness(Some(&memory(&[1.0], 0, 100)), now), 3.0);
    }

    #[test]
    fn weighted_draw_favours_heavy_questions_and_is_seeded() {
        let lib = lib();
        let f = Filter { topics: vec!["apis".into()], ..Filter::default() };
        let heavy = lib.questions().find(|q| q.topic == "apis").unwrap().id.clone();
        let weight = |q: &Question| if q.id == heavy { 500.0 } else { 1.0 };
        let ids = |seed| {
            draw_weighted(&lib, &f, 3, seed, None, weight).0.iter().map(|p| p.question.id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(ids(9), ids(9));
        let hits = (0..200).filter(|&s| ids(s).contains(&heavy)).count();
        assert!(hits > 180, "heavy question drawn in {hits} of 200 sessions");
    }

    #[test]
    fn draw_is_roughly_uniform() {
        let lib = lib();
        let f = Filter { topics: vec!["apis".into()], ..Filter::default() };
        let n = lib.questions().filter(|q| f.admits(q)).count();
        let mut hits = std::collections::HashMap::new();
        let rounds = 4000;
        for seed in 0..rounds {
            for p in draw(&lib, &f, 1, seed, None).0 {
                *hits.entry(p.question.id.clone()).or_insert(0usize) += 1;
            }
        }
        assert_eq!(hits.len(), n, "every question can be drawn");
        let expected = rounds as f64 / n as f64;
        assert!(hits.values().all(|&h| (h as f64) > expected * 0.4 && (h as f64) < expected * 1.8), "{hits:?}");
    }
}
