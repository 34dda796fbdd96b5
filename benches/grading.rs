//! How long grading one typed answer takes: every short and open question of the built-in banks,
//! graded with its examples, model answer and prompt as answers, many rounds. Prints the median,
//! the 99th percentile and the slowest time per answer, and the set-up a session does before
//! the first answer: the shared set-up (on a helper thread at session start) and each
//! question's preparation (while the user reads it). Run with `cargo bench --bench grading`.

use std::time::{Duration, Instant};

use quiz::{
    bank::Kind,
    grade::{self, Response},
    library::{self, Library},
};

fn main() {
    let sources = library::discover(&[]).expect("built-in banks");
    let lib = Library::load(&sources, None).expect("built-in banks load");
    let mut cases = Vec::new();
    for q in lib.questions() {
        let mut answers: Vec<String> = q.examples.pass.iter().chain(&q.examples.fail).map(|e| e.text.clone()).collect();
        answers.push(q.prompt.clone());
        match &q.kind {
            Kind::Open { model_answer, .. } => answers.push(model_answer.clone()),
            Kind::Short { .. } => {}
            Kind::Choice { .. } | Kind::Multi { .. } => continue,
        }
        cases.extend(answers.into_iter().map(|a| (q, Response::Text(a))));
    }
    let rounds = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(20);
    // As a session does: the shared set-up once, then each question's material before its answer.
    let start = Instant::now();
    grade::warm_up();
    let shared = start.elapsed();
    let mut prepared = std::collections::HashSet::new();
    let mut preparing: Vec<Duration> = Vec::new();
    let mut times: Vec<Duration> = Vec::with_capacity(cases.len() * rounds);
    let mut correct = 0usize;
    for _ in 0..rounds {
        for (q, r) in &cases {
            if prepared.insert(q.id.as_str()) {
                let start = Instant::now();
                grade::prepare(q);
                preparing.push(start.elapsed());
            }
            let start = Instant::now();
            let s = grade::score(q, r);
            times.push(start.elapsed());
            correct += usize::from(grade::is_correct(std::hint::black_box(s)));
        }
    }
    let first = times.first().copied().unwrap_or_default();
    times.sort_unstable();
    preparing.sort_unstable();
    let at =
        |v: &[Duration], p: f64| v.get((v.len().saturating_sub(1) as f64 * p) as usize).copied().unwrap_or_default();
    println!(
        "{} answers x {rounds} rounds ({} graded correct): median {:?}, p99 {:?}, max {:?} per answer; first answer {:?}",
        cases.len(),
        correct / rounds.max(1),
        at(&times, 0.5),
        at(&times, 0.99),
        times.last().copied().unwrap_or_default(),
        first
    );
    println!(
        "set-up: shared {shared:?} once per process; {} questions prepared, median {:?}, max {:?} each",
        preparing.len(),
        at(&preparing, 0.5),
        preparing.last().copied().unwrap_or_default()
    );
}
