//! The study plan through the binary: `quiz plan`, `quiz today` day after day with a scripted
//! clock across a simulated month, and the plan's line in `quiz stats`.

use serde_json::Value;

use crate::harness::Test;

/// A bank of `n` choice questions in topic `plan`.
fn bank(n: usize) -> String {
    let mut s = String::from("format: 1\ntopic: plan\ntitle: Plan fixture\nquestions:\n");
    for i in 0..n {
        s.push_str(&format!(
            "  - id: plan-q{i}\n    type: choice\n    difficulty: easy\n    level: junior\n    prompt: Question {i}?\n    \
             choices: [yes, no]\n    answer: yes\n    explanation: Because.\n"
        ));
    }
    s
}

/// A test whose clock reads 09:00 UTC on `day` (YYYY-MM-DD), one answer taking `step`.
fn on(t: &Test, day: &str, step: &str) -> Test {
    t.again().env("QUIZ_NOW", &format!("{day}T09:00:00Z")).env("QUIZ_CLOCK_STEP", step)
}

fn days(from: &str, to: &str) -> Vec<String> {
    let (mut d, end) = (from.parse::<chrono::NaiveDate>().unwrap(), to.parse::<chrono::NaiveDate>().unwrap());
    let mut out = Vec::new();
    while d <= end {
        out.push(d.to_string());
        d = d.succ_opt().unwrap();
    }
    out
}

fn standing(t: &Test, day: &str, step: &str, bank: &std::path::Path) -> Value {
    let out = on(t, day, step).arg("--bank").arg(bank).args(["plan", "--json"]).expect(0);
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn plan_is_recorded_shown_and_cleared() {
    let t = Test::new();
    let out = t.again().arg("today").expect(0);
    assert!(out.stdout.starts_with("No study plan yet. Make one toward your interview date"), "{out:?}");
    let out = t.again().args(["plan", "--interview", "2026-10-01"]).expect(2);
    assert!(out.stderr.contains("the interview date 2026-10-01 is not after today (2026-11-01)"), "{out:?}");
    let out = t.again().args(["plan", "--interview", "2026-12-01", "--topic", "nope"]).expect(2);
    assert!(out.stderr.contains("nope"), "{out:?}");
    let out = t
        .again()
        .args(["plan", "--interview", "2026-12-15", "--level", "mid", "--topic", "DSA", "--daily", "30m"])
        .expect(0);
    assert!(out.stdout.contains("Interview on 2026-12-15 · mid level · dsa · 30 minutes a day\n"), "{out:?}");
    assert!(out.stdout.contains("on track: 0 of "), "{out:?}");
    assert!(out.stdout.contains(" seen, 44 days left\n"), "{out:?}");
    let saved = std::fs::read_to_string(t.dir.path().join(".config/quiz/plan.yaml")).unwrap();
    assert!(
        saved.contains("version: 1\ninterview: 2026-12-15\nlevel: mid\ntopics:\n- dsa\ndaily_minutes: 30\n"),
        "{saved}"
    );
    let out = t.again().arg("plan").expect(0);
    assert!(out.stdout.starts_with("Interview on 2026-12-15"), "{out:?}");
    let out = t.again().args(["plan", "--daily", "1m"]).expect(2);
    assert!(out.stderr.contains("the daily budget must be between 5m and 8h"), "{out:?}");
    let out = t.again().args(["plan", "--clear"]).expect(0);
    assert!(out.stdout.starts_with("Removed the study plan"), "{out:?}");
    assert!(!t.dir.path().join(".config/quiz/plan.yaml").exists());
    let out = t.again().args(["plan", "--clear"]).expect(0);
    assert_eq!(out.stdout, "There is no study plan to remove.\n");
}

#[test]
fn doing_each_day_covers_the_bank_three_days_before_the_interview() {
    let t = Test::new();
    let bank = t.write("plan.yaml", bank(60));
    on(&t, "2026-12-03", "10s")
        .arg("--bank")
        .arg(&bank)
        .args(["plan", "--interview", "2027-01-03", "--topic", "plan", "--daily", "10m"])
        .expect(0);
    let mut covered = None;
    for day in days("2026-12-03", "2026-12-31") {
        let out = on(&t, &day, "10s").arg("--bank").arg(&bank).arg("today").stdin(&"yes\n".repeat(80)).expect(0);
        assert!(
            out.stdout.contains("Done for today.") || out.stdout.contains("Nothing left for today"),
            "{day}: {out:?}"
        );
        assert!(out.stdout.contains("on track: "), "{day}: {out:?}");
        let s = standing(&t, &day, "10s", &bank);
        if covered.is_none() && s["day"]["seen"] == 60 {
            covered = Some(day.clone());
        }
    }
    assert_eq!(covered.as_deref(), Some("2026-12-31"), "spread evenly up to interview − 3");
    let s = standing(&t, "2027-01-01", "10s", &bank);
    assert_eq!((s["day"]["mock"].as_bool(), s["day"]["new"].as_array().map(Vec::len)), (Some(true), Some(0)));
    assert_eq!(s["streak"], 29, "a streak runs up to yesterday until today's session: {s}");
    let out = on(&t, "2026-12-31", "10s").arg("--bank").arg(&bank).arg("stats").expect(0);
    assert!(out.stdout.contains("Plan: on track: 60 of 60 questions seen, 3 days left"), "{out:?}");
}

#[test]
fn skipping_a_week_grows_the_daily_load_and_warns_when_out_of_reach() {
    let t = Test::new();
    let bank = t.write("plan.yaml", bank(150));
    // One answer takes a minute, so 5 minutes a day fit 5 questions.
    on(&t, "2026-12-03", "60s")
        .arg("--bank")
        .arg(&bank)
        .args(["plan", "--interview", "2027-01-03", "--topic", "plan", "--daily", "10m"])
        .expect(0);
    let first = standing(&t, "2026-12-03", "60s", &bank);
    let before = first["day"]["new"].as_array().unwrap().len();
    assert_eq!(before, 6, "150 questions over 29 days: {first}");
    for day in ["2026-12-03", "2026-12-04"] {
        on(&t, day, "60s").arg("--bank").arg(&bank).arg("today").stdin(&"yes\n".repeat(40)).expect(0);
    }
    // A week off, then back: a larger day, still bounded.
    let back = standing(&t, "2026-12-12", "60s", &bank);
    let after = back["day"]["new"].as_array().unwrap().len();
    assert!(after > before, "{before} then {after}: {back}");
    let load = after + back["day"]["reviews"].as_array().unwrap().len();
    assert!(load > before && load <= 15, "bounded by 1.5 × the 10 questions that fit: {back}");
    assert_eq!(back["day"]["on_track"], true, "{back}");
    // Three weeks off: out of reach within the budget, and the day stays bounded.
    let late = standing(&t, "2026-12-26", "60s", &bank);
    assert_eq!(late["day"]["on_track"], false, "{late}");
    assert!(late["day"]["new"].as_array().unwrap().len() + late["day"]["reviews"].as_array().unwrap().len() <= 15);
    let out = on(&t, "2026-12-26", "60s").arg("--bank").arg(&bank).arg("plan").expect(0);
    assert!(
        out.stdout.contains("Warning: not reachable within 10 minutes a day: 23 new questions a day are needed"),
        "{out:?}"
    );
    assert!(out.stdout.contains("behind: 12 of 150 questions seen, 8 days left"), "{out:?}");
}
