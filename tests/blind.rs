//! Grading measured the honest way: answers written blind, from each question's prompt alone,
//! by a strong candidate (two good answers) and a weak one (one wrong answer), then graded
//! against the built-in banks. Set A guided the grader's development; sets B and C were written
//! later, by writers who saw only prompts, and were not used to tune the banks' keywords; sets D
//! and E were written after the last grading change that B and C saw, and were first graded
//! by the paraphrase matcher and the reduced core marks without being used to shape them; set F
//! was written after that. Sets G, H and I were written (G and H on questions no earlier set
//! asked) and first graded before the banks' grading material was revised against a separate
//! set of blind training answers, which the banks now carry as examples; set J, fresh answers to
//! questions of G, H and I that the revision did not touch, was first graded after it. The floors are the
//! rates measured when they were recorded, so a change that grades good answers worse, or
//! lets a wrong one through, fails here.

use std::collections::BTreeMap;

use quiz::{
    grade::{self, Response},
    library::{self, Library},
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Answers {
    good: Vec<String>,
    wrong: Vec<String>,
}

/// Grades one set: (good answers passed, good answers, wrong answers failed, wrong answers, misses).
fn grade_set(file: &str) -> (usize, usize, usize, usize, Vec<String>) {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let set: BTreeMap<String, Answers> = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let lib = Library::load(&library::discover(&[]).unwrap(), None).unwrap();
    let (mut gp, mut gt, mut wf, mut wt, mut misses) = (0, 0, 0, 0, Vec::new());
    for (id, a) in &set {
        let q = lib.find(id).unwrap_or_else(|| panic!("{file}: {id} is not a built-in question"));
        for text in &a.good {
            gt += 1;
            let s = grade::score(q, &Response::Text(text.clone()));
            if grade::is_correct(s) {
                gp += 1;
            } else {
                misses.push(format!("{id}: good answer scored {s:.2}: {text}"));
            }
        }
        for text in &a.wrong {
            wt += 1;
            let s = grade::score(q, &Response::Text(text.clone()));
            if grade::is_correct(s) {
                misses.push(format!("{id}: wrong answer scored {s:.2}: {text}"));
            } else {
                wf += 1;
            }
        }
    }
    (gp, gt, wf, wt, misses)
}

/// Each set with its floors: good answers that must pass, wrong answers that must fail.
/// Measured on 2026-12-03 with `cargo test --test main blind -- --nocapture` (sets A–G and I: 80
/// good and 40 wrong answers each; H: 60 and 30; J: 78 and 39); a broken floor lists the misses.
const SETS: &[(&str, usize, usize)] = &[
    ("blind-a.yaml", 78, 40),
    ("blind-b.yaml", 78, 40),
    ("blind-c.yaml", 79, 40),
    ("blind-d.yaml", 78, 39),
    ("blind-e.yaml", 78, 40),
    ("blind-f.yaml", 73, 40),
    ("blind-g.yaml", 76, 38),
    ("blind-h.yaml", 59, 30),
    ("blind-i.yaml", 77, 40),
    ("blind-j.yaml", 76, 39),
];

#[test]
fn blind_sets_grade_as_measured() {
    let mut broken = Vec::new();
    for &(file, good_floor, wrong_floor) in SETS {
        let (gp, gt, wf, wt, misses) = grade_set(file);
        eprintln!("{file}: good pass {gp}/{gt}, wrong fail {wf}/{wt}");
        if gp < good_floor || wf < wrong_floor {
            broken.push(format!(
                "{file}: good {gp}/{gt} (floor {good_floor}), wrong failed {wf}/{wt} (floor {wrong_floor})\n{}",
                misses.join("\n")
            ));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n\n"));
}
