//! Choosing questions: filtering the loaded banks, then a seeded, uniform draw without
//! repetition, and a fresh shuffle of each question's choices.

use std::time::Duration;

use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};

use crate::{
    bank::{Difficulty, Level, Question},
    library::Library,
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
/// with each question's choices shuffled. The same seed and banks give the same plan.
pub fn draw<'a>(
    lib: &'a Library,
    filter: &Filter,
    count: usize,
    seed: u64,
    time_limit: Option<Duration>,
) -> (Vec<Planned<'a>>, usize) {
    let pool: Vec<&Question> = lib.questions().filter(|q| filter.admits(q)).collect();
    let matched = pool.len();
    let mut rng = StdRng::seed_from_u64(seed);
    let picks = rand::seq::index::sample(&mut rng, pool.len(), count.min(pool.len()));
    let plan = picks.into_iter().map(|i| plan_one(pool[i], &mut rng, time_limit)).collect();
    (plan, matched)
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
    fn asking_for_more_than_match_gives_all() {
        let lib = lib();
        let f = Filter { topics: vec!["apis".into()], ..Filter::default() };
        let (plan, matched) = draw(&lib, &f, 100_000, 1, Some(Duration::from_secs(5)));
        assert_eq!(plan.len(), matched);
        assert!(plan.iter().all(|p| p.limit == Duration::from_secs(5)));
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
