//! Grading: turns a response into a score between 0 and 1, and says why.
//!
//! Choice and short answers score 0 or 1; multi answers earn (hits − wrong picks) / answers,
//! never below 0; open answers earn the weighted share of key points they cover, and cannot
//! pass without every `core` point. A point made in the bank's words (a keyword) earns its
//! whole weight; a point made in other words (see [`paraphrase`]) earns half, and counts as
//! made for the core rule. An answer counts as correct from [`CORRECT_AT`] up.
//!
//! The pieces: [`normalize`] turns text into stems and notation, [`keyword`] finds a keyword in
//! an answer (with negation), [`paraphrase`] hears a point said in other words, [`star`] hears
//! the parts of a story, `short` compares short
//! answers, [`audit`] checks a bank's grading material and runs its examples, and [`external`]
//! asks a grader command of the user's. Grading knows questions; it never parses banks.

pub mod audit;
pub mod external;
pub mod keyword;
pub mod normalize;
pub mod paraphrase;
mod short;
pub mod star;
mod synonyms;

use crate::bank::{KeyPoint, Kind, Question, Star};
use keyword::{Doc, Keyword};

/// The score from which an answer counts as correct.
pub const CORRECT_AT: f64 = 0.6;

/// The most an open answer scores while it misses a core point.
pub const CORE_CAP: f64 = 0.5;

/// The share of its weight a point earns when it is made in other words than its keywords.
pub const PARAPHRASE_CREDIT: f64 = 0.5;

/// What the user answered, in terms of the bank's own choice order.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// One choice, by bank index.
    Choice(usize),
    /// Several choices, by bank index.
    Multi(Vec<usize>),
    /// Typed text (short and open questions).
    Text(String),
}

/// How one key point fared against an answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct PointMatch {
    /// Whether the answer covers the point.
    pub hit: bool,
    /// The words of the answer that earned it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Earned in other words than the point's keywords (half credit).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub paraphrase: bool,
}

impl PointMatch {
    /// How the point was earned, for feedback: `matched: "…"`, or `in other words: "…"` for
    /// part credit; `None` when it was not.
    pub fn describe(&self) -> Option<String> {
        let quote = self.quote.as_deref().filter(|_| self.hit)?;
        Some(if self.paraphrase {
            format!("in other words: \"{quote}\" (half credit)")
        } else {
            format!("matched: \"{quote}\"")
        })
    }
}

/// Which key points an answer covers, and by which of its words.
/// `prompt` is the question's: its words never earn a point in other words.
pub fn match_points(prompt: &str, points: &[KeyPoint], text: &str) -> Vec<PointMatch> {
    let doc = Doc::new(text);
    let prepared = prepared(prompt, points);
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let keywords = &prepared.keywords[i];
            // A strict point is earned by its keywords alone, not by the story cues of its part.
            let cue = || p.star.filter(|_| !p.strict).and_then(|part| star::cue(part, &doc));
            let found = keywords.iter().find_map(|k| k.find(&doc)).or_else(cue);
            if let Some(f) = found {
                return PointMatch { hit: true, quote: Some(f.quote), paraphrase: false };
            }
            // No keyword counted, so one that occurs is rejected ("instead of a min heap"): an
            // answer that names the point only to reject it does not make it in other words.
            if p.strict || keywords.iter().any(|k| k.occurs(&doc)) {
                return PointMatch::default();
            }
            match paraphrase::find(&doc, &prepared.own_words(prompt, points)[i]) {
                Some(quote) => PointMatch { hit: true, quote: Some(quote), paraphrase: true },
                None => PointMatch::default(),
            }
        })
        .collect()
}

/// A question's grading material, compiled: each point's keywords, and its own words for
/// hearing it in other words (worked out when first needed).
struct Prepared {
    keywords: Vec<Vec<Keyword>>,
    own: std::cell::OnceCell<Vec<std::collections::HashSet<String>>>,
}

impl Prepared {
    fn own_words(&self, prompt: &str, points: &[KeyPoint]) -> &[std::collections::HashSet<String>] {
        self.own.get_or_init(|| paraphrase::own_words(prompt, points, &self.keywords))
    }
}

/// A question's [`Prepared`] material, kept per thread: a bank's keyword lists are long, and a
/// session grades the same questions again.
fn prepared(prompt: &str, points: &[KeyPoint]) -> std::rc::Rc<Prepared> {
    use std::{
        cell::RefCell,
        collections::HashMap,
        hash::{Hash, Hasher},
        rc::Rc,
    };
    thread_local! {
        static KNOWN: RefCell<HashMap<u64, Rc<Prepared>>> = RefCell::new(HashMap::new());
    }
    let mut h = std::hash::DefaultHasher::new();
    prompt.hash(&mut h);
    for p in points {
        p.point.hash(&mut h);
        p.keywords.hash(&mut h);
    }
    let key = h.finish();
    KNOWN.with(|known| {
        if let Some(p) = known.borrow().get(&key) {
            return Rc::clone(p);
        }
        let keywords = points.iter().map(|p| p.keywords.iter().map(|k| Keyword::new(k)).collect()).collect();
        let p = Rc::new(Prepared { keywords, own: std::cell::OnceCell::new() });
        known.borrow_mut().insert(key, Rc::clone(&p));
        p
    })
}

/// Gets grading ready for `q` while the user reads it: compiles its keywords and works out its
/// points' own words on this thread, so grading the answer costs only the matching.
pub fn prepare(q: &Question) {
    if let Kind::Open { key_points, .. } = &q.kind {
        prepared(&q.prompt, key_points).own_words(&q.prompt, key_points);
    }
}

/// Sets up what every question's grading shares — the stemmer, the synonym table, the stop list
/// and the story cues — once per process. A session calls it on a helper thread at start, so
/// the first answer is graded as fast as any other.
pub fn warm_up() {
    normalize::warm_up();
    paraphrase::stop();
    star::warm_up();
}

/// For a behavioural question, each STAR part its key points mark, in STAR order, with whether
/// any of that part's points is ticked. Empty for questions without STAR markers.
pub fn star_parts(points: &[KeyPoint], ticks: &[bool]) -> Vec<(Star, bool)> {
    Star::ALL
        .iter()
        .filter_map(|part| {
            let mut marked =
                points.iter().zip(ticks.iter().chain(std::iter::repeat(&false))).filter(|(p, _)| p.star == Some(*part));
            let first = marked.next()?;
            Some((*part, first.1 | marked.any(|(_, &t)| t)))
        })
        .collect()
}

/// The score of an answer's matched key points: a point in the bank's words earns its weight,
/// one in other words [`PARAPHRASE_CREDIT`] of it; capped at [`CORE_CAP`] while a core point is
/// not made in either.
pub fn matched_score(points: &[KeyPoint], matches: &[PointMatch]) -> f64 {
    let total: u32 = points.iter().map(|p| u32::from(p.weight)).sum();
    if total == 0 {
        return 0.0;
    }
    let at = |i: usize| matches.get(i).cloned().unwrap_or_default();
    let earned: f64 = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let m = at(i);
            let share = if !m.hit {
                0.0
            } else if m.paraphrase {
                PARAPHRASE_CREDIT
            } else {
                1.0
            };
            share * f64::from(p.weight)
        })
        .sum();
    let share = earned / f64::from(total);
    let core_missed = points.iter().enumerate().any(|(i, p)| p.core && !at(i).hit);
    if core_missed { share.min(CORE_CAP) } else { share }
}

/// Whether a short answer is accepted for a short question's kind; `prompt` is the question's.
pub fn short_accepts(kind: &Kind, prompt: &str, given: &str) -> bool {
    match kind {
        Kind::Short { answer, accept, exact, match_case } => {
            let forms: Vec<&str> = std::iter::once(answer.as_str()).chain(accept.iter().map(String::as_str)).collect();
            short::accepts(&forms, given, short::Rules { exact: *exact, match_case: *match_case, prompt })
        }
        _ => false,
    }
}

/// Scores a response to a choice, multi or short question, and an open one by its key points.
pub fn score(q: &Question, r: &Response) -> f64 {
    match (&q.kind, r) {
        (Kind::Choice { answer, .. }, Response::Choice(i)) => f64::from(u8::from(i == answer)),
        (Kind::Multi { answers, .. }, Response::Multi(picked)) => {
            let hits = picked.iter().filter(|p| answers.contains(p)).count() as f64;
            let wrong = picked.len() as f64 - hits;
            ((hits - wrong) / answers.len() as f64).max(0.0)
        }
        (kind @ Kind::Short { .. }, Response::Text(t)) => f64::from(u8::from(short_accepts(kind, &q.prompt, t))),
        (Kind::Open { key_points, .. }, Response::Text(t)) => {
            matched_score(key_points, &match_points(&q.prompt, key_points, t))
        }
        _ => 0.0,
    }
}

/// Whether a score counts as correct.
pub fn is_correct(score: f64) -> bool {
    score >= CORRECT_AT - 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Difficulty, Examples, Level};

    fn question(kind: Kind) -> Question {
        Question {
            id: "t-q".into(),
            topic: "t".into(),
            difficulty: Difficulty::Easy,
            level: Level::Junior,
            tags: vec![],
            prompt: "p".into(),
            explanation: "e".into(),
            kind,
            time_limit: None,
            follow_ups: vec![],
            examples: Examples::default(),
            line: 1,
        }
    }

    fn point(keywords: &[&str]) -> KeyPoint {
        KeyPoint {
            point: "p".into(),
            keywords: keywords.iter().map(|s| s.to_string()).collect(),
            star: None,
            core: false,
            strict: false,
            weight: 1,
        }
    }

    fn open(key_points: Vec<KeyPoint>) -> Question {
        question(Kind::Open { model_answer: "m".into(), key_points })
    }

    fn text(s: &str) -> Response {
        Response::Text(s.into())
    }

    #[test]
    fn multi_scores_hits_minus_wrong_picks() {
        let q = question(Kind::Multi {
            choices: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            answers: vec![0, 1, 2],
        });
        assert_eq!(score(&q, &Response::Multi(vec![0, 1, 2])), 1.0);
        assert!((score(&q, &Response::Multi(vec![0, 1])) - 2.0 / 3.0).abs() < 1e-9);
        assert!((score(&q, &Response::Multi(vec![0, 1, 3])) - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(score(&q, &Response::Multi(vec![3])), 0.0);
    }

    #[test]
    fn short_answers_keep_their_operators() {
        let q = question(Kind::Short { answer: "(i + 1) % k".into(), accept: vec![], exact: false, match_case: false });
        for wrong in ["(i + 1) / k", "(i+1)*k", "i+1-k", "", "   "] {
            assert_eq!(score(&q, &text(wrong)), 0.0, "{wrong}");
        }
        assert_eq!(score(&q, &text("(i+1) % k")), 1.0);
        let q = question(Kind::Short { answer: "O(n^2)".into(), accept: vec![], exact: false, match_case: false });
        assert_eq!(score(&q, &text("O(n*2)")), 0.0);
        assert_eq!(score(&q, &text("O(n²) time")), 1.0);
        let q = question(Kind::Short { answer: "-1".into(), accept: vec![], exact: false, match_case: false });
        assert_eq!(score(&q, &text("1")), 0.0);
        assert_eq!(score(&q, &text("-1")), 1.0);
        let q = question(Kind::Short { answer: "8 Gbps".into(), accept: vec![], exact: false, match_case: true });
        assert_eq!(score(&q, &text("8 GBps")), 0.0);
        assert_eq!(score(&q, &text("8 Gbps")), 1.0);
    }

    #[test]
    fn open_scores_weighted_points_and_core_points_gate_passing() {
        let mut points = vec![point(&["min heap", "min-heap"]), point(&["size k"]), point(&["log k"])];
        let q = open(points.clone());
        assert!((score(&q, &text("a max-heap of size k, O(n log k)")) - 2.0 / 3.0).abs() < 1e-9);
        points[0].core = true;
        points[0].weight = 2;
        let q = open(points);
        assert_eq!(score(&q, &text("a max-heap of size k, O(n log k)")), CORE_CAP);
        assert!(!is_correct(score(&q, &text("a max-heap of size k, O(n log k)"))));
        assert_eq!(score(&q, &text("a min heap of size k, log k per item")), 1.0);
        assert!((score(&q, &text("keep a min-heap")) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn feedback_quotes_the_words_that_earned_a_point() {
        let points = [point(&["delete key"]), point(&["ttl"])];
        let m = match_points("", &points, "After commit we Delete the Key, and rely on time-to-live as a backstop");
        assert_eq!(m[0].quote.as_deref(), Some("Delete the Key"));
        assert_eq!(m[1].quote.as_deref(), Some("time-to-live"));
        let m = match_points("", &points, "we never delete the key");
        assert!(!m[0].hit);
    }

    #[test]
    fn story_points_hear_ordinary_words() {
        let mut points: Vec<KeyPoint> = [Star::Situation, Star::Task, Star::Action, Star::Result]
            .into_iter()
            .map(|s| KeyPoint { star: Some(s), ..point(&["zzzz", "yyyy"]) })
            .collect();
        points.push(KeyPoint { core: true, ..point(&["warned early", "told my lead"]) });
        let q = open(points);
        let story = "At my last job I had two weeks to build CSV export. Halfway I saw it would slip, so I told \
                     my lead that day and proposed streaming it. We shipped a week late and it handled 3 million rows.";
        assert_eq!(score(&q, &text(story)), 1.0);
        let blame = "At my last job I had two weeks to build CSV export. The other team was slow so we shipped late.";
        assert!(!is_correct(score(&q, &text(blame))));
    }

    #[test]
    fn star_parts_follow_ticks() {
        let mut points: Vec<KeyPoint> = [Star::Situation, Star::Task, Star::Action, Star::Result]
            .into_iter()
            .map(|s| KeyPoint { star: Some(s), ..point(&["x"]) })
            .collect();
        points.push(point(&["y"]));
        assert_eq!(
            star_parts(&points, &[true, false, true, false, true]),
            [(Star::Situation, true), (Star::Task, false), (Star::Action, true), (Star::Result, false)]
        );
        assert!(star_parts(&[point(&["x"])], &[true]).is_empty());
    }

    #[test]
    fn correctness_threshold() {
        assert!(is_correct(0.6));
        assert!(is_correct(2.0 * 0.3));
        assert!(!is_correct(0.59));
    }

    #[test]
    fn a_prepared_question_grades_as_an_unprepared_one() {
        let mut split = point(&["split point"]);
        split.point = "The first node where they fall on different sides is the answer".into();
        let points = vec![point(&["both smaller"]), split];
        let prompt = "How do you find the lowest common ancestor of two keys in a binary search tree?";
        let answer = "If both are smaller go left. Stop at the node where they go to different sides.";
        // Each thread has its own prepared material: one grades cold, one after `prepare`.
        let cold = std::thread::spawn({
            let points = points.clone();
            move || match_points(prompt, &points, answer)
        })
        .join()
        .unwrap();
        warm_up();
        let mut q = open(points.clone());
        q.prompt = prompt.into();
        prepare(&q);
        assert_eq!(match_points(prompt, &points, answer), cold);
        assert!(cold[0].hit && !cold[0].paraphrase);
        assert!(cold[1].hit && cold[1].paraphrase, "the second point is heard in other words: {cold:?}");
    }
}
