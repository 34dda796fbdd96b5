//! How long grading one typed answer takes: every short and open question of the built-in banks,
//! graded with its examples, model answer and prompt as answers, many rounds. Prints the median,
//! the 99th percentile and the slowest time per answer. Run with `cargo bench --bench grading`.

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
    let mut times: Vec<Duration> = Vec::with_capacity(cases.len() * rounds);
    let mut correct = 0usize;
    for _ in 0..rounds {
        for (q, r) in &cases {
            let start = Instant::now();
            let s = grade::score(q, r);
            times.push(start.elapsed());
            correct += usize::from(grade::is_correct(std::hint::black_box(s)));
        }
    }
    // The first answer of a run also sets up the stemmer and the stop list.
    let first = times.first().copied().unwrap_or_default();
    times.sort_unstable();
    let at = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "{} answers x {rounds} rounds ({} graded correct): median {:?}, p99 {:?}, max {:?} per answer; first answer {:?}",
        cases.len(),
        correct / rounds.max(1),
        at(0.5),
        at(0.99),
        times.last().copied().unwrap_or_default(),
        first
    );
}
