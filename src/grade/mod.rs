//! Grading: turns a response into a score between 0 and 1.
//!
//! Choice and short answers score 0 or 1; multi answers earn (hits − wrong picks) / answers,
//! never below 0; open answers earn the share of key points they cover. An answer counts as
//! correct from [`CORRECT_AT`] up.

use crate::bank::{KeyPoint, Kind, Question};

/// The score from which an answer counts as correct.
pub const CORRECT_AT: f64 = 0.6;

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

/// Reduces a short answer to what matters for comparison: lowercase letters and digits, `+` and
/// `#` (C++, C#), and a `.` between digits (4.5). Whitespace and other punctuation vanish, so
/// `O(n log n)` and `o(nlogn)` compare equal.
///
/// ```
/// use quiz::grade::normalize_short;
/// assert_eq!(normalize_short("O(n log n)"), normalize_short("o(NLOGN)"));
/// assert_eq!(normalize_short("C++ 4.5"), "c++4.5");
/// ```
pub fn normalize_short(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() || c == '+' || c == '#' {
            out.extend(c.to_lowercase());
        } else if c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            out.push('.');
        }
    }
    out
}

/// Splits text into lowercase words; `+` and `#` belong to words (c++, c#).
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Text prepared once for matching many keywords against it.
pub struct Haystack {
    lower: String,
    joined: String,
}

impl Haystack {
    /// Prepares `text`.
    pub fn new(text: &str) -> Self {
        Haystack { lower: text.to_lowercase(), joined: format!(" {} ", words(text).join(" ")) }
    }

    /// Whether `keyword` occurs at a word start: `index` matches "indexes", `cache aside`
    /// matches "Cache-aside". A keyword of symbols only (`%`) matches anywhere.
    pub fn contains(&self, keyword: &str) -> bool {
        let kw = words(keyword);
        if kw.is_empty() {
            let k = keyword.trim();
            return !k.is_empty() && self.lower.contains(k);
        }
        self.joined.contains(&format!(" {}", kw.join(" ")))
    }
}

/// Which key points an answer covers: any of a point's keywords earns it.
pub fn key_point_hits(points: &[KeyPoint], text: &str) -> Vec<bool> {
    let hay = Haystack::new(text);
    points.iter().map(|p| p.keywords.iter().any(|k| hay.contains(k))).collect()
}

/// For a behavioural question, each STAR part its key points mark, in STAR order, with whether
/// any of that part's points is ticked. Empty for questions without STAR markers.
pub fn star_parts(points: &[KeyPoint], ticks: &[bool]) -> Vec<(crate::bank::Star, bool)> {
    crate::bank::Star::ALL
        .iter()
        .filter_map(|part| {
            let mut marked =
                points.iter().zip(ticks.iter().chain(std::iter::repeat(&false))).filter(|(p, _)| p.star == Some(*part));
            let first = marked.next()?;
            Some((*part, first.1 | marked.any(|(_, &t)| t)))
        })
        .collect()
}

/// The share of ticked key points.
pub fn coverage(ticks: &[bool]) -> f64 {
    if ticks.is_empty() {
        return 0.0;
    }
    ticks.iter().filter(|&&t| t).count() as f64 / ticks.len() as f64
}

/// Scores a response to a choice, multi or short question, and an open one by keyword coverage.
pub fn score(q: &Question, r: &Response) -> f64 {
    match (&q.kind, r) {
        (Kind::Choice { answer, .. }, Response::Choice(i)) => f64::from(u8::from(i == answer)),
        (Kind::Multi { answers, .. }, Response::Multi(picked)) => {
            let hits = picked.iter().filter(|p| answers.contains(p)).count() as f64;
            let wrong = picked.len() as f64 - hits;
            ((hits - wrong) / answers.len() as f64).max(0.0)
        }
        (Kind::Short { answer, accept }, Response::Text(t)) => {
            let given = normalize_short(t);
            let ok = !given.is_empty() && std::iter::once(answer).chain(accept).any(|a| normalize_short(a) == given);
            f64::from(u8::from(ok))
        }
        (Kind::Open { key_points, .. }, Response::Text(t)) => coverage(&key_point_hits(key_points, t)),
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
    use crate::bank::{Difficulty, Level};

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
            line: 1,
        }
    }

    fn point(keywords: &[&str]) -> KeyPoint {
        KeyPoint { point: "p".into(), keywords: keywords.iter().map(|s| s.to_string()).collect(), star: None }
    }

    #[test]
    fn normalising_short_answers() {
        assert_eq!(normalize_short("O(n log n)"), "onlogn");
        assert_eq!(normalize_short(" o(NLOGN) "), "onlogn");
        assert_eq!(normalize_short("C++"), "c++");
        assert_eq!(normalize_short("C#"), "c#");
        assert_eq!(normalize_short("4.5"), "4.5");
        assert_eq!(normalize_short("end."), "end");
        assert_eq!(normalize_short("?!"), "");
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
    fn short_accepts_listed_spellings_only() {
        let q = question(Kind::Short { answer: "O(log n)".into(), accept: vec!["log n".into()] });
        assert_eq!(score(&q, &Response::Text("o(logn)".into())), 1.0);
        assert_eq!(score(&q, &Response::Text("Log N".into())), 1.0);
        assert_eq!(score(&q, &Response::Text("O(n)".into())), 0.0);
        assert_eq!(score(&q, &Response::Text("".into())), 0.0);
    }

    #[test]
    fn open_scores_keyword_coverage_at_word_starts() {
        let q = question(Kind::Open {
            model_answer: "m".into(),
            key_points: vec![point(&["index"]), point(&["cache aside", "lazy load"]), point(&["%"])],
        });
        let hits = key_point_hits(
            match &q.kind {
                Kind::Open { key_points, .. } => key_points,
                _ => unreachable!(),
            },
            "Add indexes; use Cache-Aside.",
        );
        assert_eq!(hits, [true, true, false]);
        assert!((score(&q, &Response::Text("reindex".into())) - 0.0).abs() < 1e-9);
        assert!((score(&q, &Response::Text("indexing cut latency 40%".into())) - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn star_parts_follow_ticks() {
        use crate::bank::Star;
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
}
