//! The built-in banks' content floors and quality rules, so the banks cannot silently shrink.

use std::collections::HashMap;

use quiz::{
    bank::{Difficulty, Kind, Level, QType},
    library::{self, Library},
};

/// Minimum questions per topic: 70 each, more where interviews go most.
const FLOORS: &[(&str, usize)] = &[
    ("dsa", 120),
    ("databases", 100),
    ("apis", 100),
    ("servers", 100),
    ("communication", 100),
    ("security", 70),
    ("caching", 70),
    ("system-design", 100),
    ("version-control", 70),
    ("testing-debugging", 70),
    ("languages-frameworks", 110),
    ("cloud-serverless", 70),
];

fn builtin() -> Library {
    Library::load(&library::discover(&[]).unwrap(), None).unwrap()
}

#[test]
fn every_topic_meets_its_floor_and_the_total_is_1150() {
    let lib = builtin();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for q in lib.questions() {
        *counts.entry(q.topic.as_str()).or_default() += 1;
    }
    for (topic, floor) in FLOORS {
        let n = counts.get(topic).copied().unwrap_or(0);
        assert!(n >= *floor, "{topic} has {n} questions, floor {floor}");
    }
    let total: usize = counts.values().sum();
    assert!(total >= 1150, "{total} questions in all, floor 1150");
    let chains = lib.questions().filter(|q| !q.follow_ups.is_empty()).count();
    assert!(chains >= 60, "{chains} questions lead to follow-ups, floor 60");
}

#[test]
fn levels_difficulties_and_types_are_mixed() {
    let lib = builtin();
    for bank in &lib.banks {
        let n = bank.questions.len() as f64;
        let share =
            |f: &dyn Fn(&quiz::bank::Question) -> bool| bank.questions.iter().filter(|q| f(q)).count() as f64 / n;
        for level in Level::ALL {
            let s = share(&|q| q.level == *level);
            assert!(s >= 0.2, "{}: {level} is {:.0}%, under 20%", bank.topic, s * 100.0);
        }
        for d in Difficulty::ALL {
            let s = share(&|q| q.difficulty == *d);
            assert!(s >= 0.15, "{}: {d} is {:.0}%, under 15%", bank.topic, s * 100.0);
        }
        if bank.topic == "communication" {
            let open = share(&|q| q.qtype() == QType::Open);
            assert!(open >= 0.5, "communication is mostly open questions, {:.0}% are", open * 100.0);
        } else {
            for t in QType::ALL {
                let s = share(&|q| q.qtype() == *t);
                assert!(s >= 0.1, "{}: {t} is {:.0}%, under 10%", bank.topic, s * 100.0);
            }
        }
    }
}

#[test]
fn questions_explain_and_open_ones_have_three_to_six_key_points() {
    let lib = builtin();
    for q in lib.questions() {
        assert!(q.explanation.split_whitespace().count() >= 8, "{}: explanation too thin", q.id);
        assert!(q.id.starts_with(&format!("{}-", q.topic)), "{}: id must start with its topic", q.id);
        match &q.kind {
            Kind::Open { key_points, model_answer } => {
                assert!((3..=6).contains(&key_points.len()), "{}: {} key points", q.id, key_points.len());
                assert!(model_answer.split_whitespace().count() >= 20, "{}: model answer too thin", q.id);
                for p in key_points {
                    assert!(!p.keywords.is_empty(), "{}: key point without keywords", q.id);
                }
            }
            Kind::Choice { choices, .. } | Kind::Multi { choices, .. } => {
                for c in choices {
                    let lower = c.to_lowercase();
                    assert!(
                        !lower.contains("all of the above") && !lower.contains("none of the above"),
                        "{}: choices are shuffled, so no 'all/none of the above'",
                        q.id
                    );
                }
            }
            Kind::Short { .. } => {}
        }
    }
}

#[test]
fn behavioural_questions_tell_a_story_and_grade_its_substance() {
    let lib = builtin();
    let mut starred = 0;
    for q in lib.questions() {
        if let Kind::Open { key_points, .. } = &q.kind {
            let stars: Vec<_> = key_points.iter().filter_map(|p| p.star).collect();
            if !stars.is_empty() {
                starred += 1;
                // What the candidate did is often the question's core substance point itself.
                for part in [quiz::bank::Star::Situation, quiz::bank::Star::Result] {
                    assert!(stars.contains(&part), "{}: STAR question lacks {part}", q.id);
                }
                assert!(
                    key_points.iter().any(|p| p.core && p.star.is_none()),
                    "{}: a behavioural question needs a core point about its substance",
                    q.id
                );
            }
        }
    }
    assert!(starred >= 15, "only {starred} STAR-marked behavioural questions");
}

#[test]
fn short_and_open_questions_carry_grading_examples() {
    let lib = builtin();
    for q in lib.questions() {
        match &q.kind {
            Kind::Open { .. } => {
                assert!(q.examples.pass.len() >= 2 && !q.examples.fail.is_empty(), "{}: examples missing", q.id)
            }
            Kind::Short { .. } => {
                assert!(!q.examples.pass.is_empty() && !q.examples.fail.is_empty(), "{}: examples missing", q.id)
            }
            _ => {}
        }
    }
}
