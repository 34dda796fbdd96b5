//! Mock interviews: a plan that fits a time budget, and the scorecard at the end.
//!
//! A plan opens with a behavioural question, spends the technical time on topics in
//! proportion (by default dsa 30%, databases 20%, apis 15%, servers 15%, the other technical
//! topics 20% between them), and closes with a communication question. A mock always has
//! technical questions: the opening and the close each take at most a quarter of the budget,
//! shrinking their time to fit, and are dropped from short budgets (the opening below 6
//! minutes, the close below 12). Difficulty follows the level, with harder questions later. Follow-up questions are not planned: they come only
//! after a correct answer to their parent, as an interviewer drills down. Both halves are pure
//! functions, so tests can check a plan and a scorecard exactly.

use std::time::Duration;

use rand::{
    Rng,
    seq::{IndexedRandom, SliceRandom},
};
use serde::Serialize;

use crate::{
    bank::{Difficulty, Kind, Level, QType, Question, Star},
    grade,
    library::Library,
    report::Report,
    session::Asked,
};

/// The topic behavioural and closing questions come from.
pub const BEHAVIOURAL: &str = "communication";

/// Default shares of the technical time; other technical topics split [`REST_SHARE`].
pub const SHARES: &[(&str, f64)] = &[("dsa", 0.30), ("databases", 0.20), ("apis", 0.15), ("servers", 0.15)];
/// The share of the technical time left to the other technical topics.
pub const REST_SHARE: f64 = 0.20;

/// How likely each difficulty is at an interview level.
pub fn difficulty_weights(level: Level) -> [(Difficulty, f64); 3] {
    match level {
        Level::Junior => [(Difficulty::Easy, 0.5), (Difficulty::Medium, 0.4), (Difficulty::Hard, 0.1)],
        Level::Mid => [(Difficulty::Easy, 0.25), (Difficulty::Medium, 0.5), (Difficulty::Hard, 0.25)],
        Level::Senior => [(Difficulty::Easy, 0.1), (Difficulty::Medium, 0.45), (Difficulty::Hard, 0.45)],
    }
}

/// Whether a question of level `q` belongs in an interview at `level`: juniors are not asked
/// senior questions, seniors not junior ones.
pub fn level_fits(level: Level, q: Level) -> bool {
    !matches!((level, q), (Level::Junior, Level::Senior) | (Level::Senior, Level::Junior))
}

/// The readiness thresholds for a level, in percent: (ready, borderline).
pub fn thresholds(level: Level) -> (f64, f64) {
    match level {
        Level::Junior => (70.0, 50.0),
        Level::Mid => (75.0, 55.0),
        Level::Senior => (80.0, 60.0),
    }
}

/// `ready`, `borderline` or `not yet` for a score in percent at a level.
pub fn verdict(level: Level, percent: f64) -> &'static str {
    let (ready_at, borderline_at) = thresholds(level);
    if percent >= ready_at {
        "ready"
    } else if percent >= borderline_at {
        "borderline"
    } else {
        "not yet"
    }
}

/// The share of the planned questions an interview must reach to keep its verdict.
pub const REACH: f64 = 0.8;
/// How far over the budget an interview may run and keep its verdict.
pub const OVERRUN: f64 = 1.1;

/// The verdict with pace counted: the score's verdict drops a step when fewer than 80% of the
/// planned questions were reached, and another when the time used ran over the budget by more
/// than 10%. Returns the verdict and the reasons for any drop.
pub fn judge(
    level: Level,
    percent: f64,
    reached: usize,
    planned: usize,
    used: Duration,
    budget: Duration,
) -> (&'static str, Vec<String>) {
    let mut reasons = Vec::new();
    if (reached as f64) < REACH * planned as f64 {
        reasons.push(format!("reached {reached} of {planned} planned questions"));
    }
    if used.as_secs_f64() > OVERRUN * budget.as_secs_f64() {
        reasons.push(format!("took {} of a {} budget", crate::text::duration(used), crate::text::duration(budget)));
    }
    const STEPS: [&str; 3] = ["ready", "borderline", "not yet"];
    let base = STEPS.iter().position(|v| *v == verdict(level, percent)).unwrap_or(2);
    (STEPS[(base + reasons.len()).min(2)], reasons)
}

fn is_star(q: &Question) -> bool {
    matches!(&q.kind, Kind::Open { key_points, .. } if key_points.iter().any(|p| p.star.is_some()))
}

/// The technical topics' shares of the technical time, normalised: `topics` narrows them.
pub fn shares(lib: &Library, topics: &[String]) -> Vec<(String, f64)> {
    let present: Vec<String> = lib
        .titles()
        .into_keys()
        .filter(|t| *t != BEHAVIOURAL && (topics.is_empty() || topics.iter().any(|x| x == t)))
        .map(str::to_owned)
        .collect();
    let others = present.iter().filter(|t| !SHARES.iter().any(|(s, _)| s == t)).count();
    let raw: Vec<(String, f64)> = present
        .into_iter()
        .map(|t| {
            let share = SHARES.iter().find(|(s, _)| *s == t).map_or(REST_SHARE / others.max(1) as f64, |(_, s)| *s);
            (t, share)
        })
        .collect();
    let total: f64 = raw.iter().map(|(_, s)| s).sum();
    raw.into_iter().map(|(t, s)| (t, if total > 0.0 { s / total } else { 0.0 })).collect()
}

/// Plans an interview of `budget` at `level`: opening, technical questions, closing, each with
/// the time it is given.
pub fn plan<'a>(
    lib: &'a Library,
    topics: &[String],
    level: Level,
    budget: Duration,
    time_limit: Option<Duration>,
    rng: &mut impl Rng,
) -> Vec<(&'a Question, Duration)> {
    let limit = |q: &Question| time_limit.unwrap_or_else(|| q.default_limit());
    let targets: Vec<&str> = lib.questions().flat_map(|q| q.follow_ups.iter().map(String::as_str)).collect();
    let fits = |q: &&Question| level_fits(level, q.level) && !targets.contains(&q.id.as_str());
    let behavioural: Vec<&Question> = lib.questions().filter(|q| q.topic == BEHAVIOURAL).filter(fits).collect();
    let opening = behavioural.iter().filter(|q| is_star(q)).copied().collect::<Vec<_>>().choose(rng).copied();
    let closing = behavioural
        .iter()
        .filter(|q| !is_star(q) && q.qtype() == QType::Open)
        .copied()
        .collect::<Vec<_>>()
        .choose(rng)
        .copied();
    // The opening and the close take at most a quarter of the budget each, so most of it is
    // technical; they shrink to fit, and are left out when a quarter is too short to answer in.
    let quarter = budget / 4;
    let opening = opening.filter(|_| quarter >= OPENING_FROM / 4).map(|q| (q, limit(q).min(quarter)));
    let closing = closing.filter(|_| quarter >= CLOSING_FROM / 4).map(|q| (q, limit(q).min(quarter)));
    let technical_time =
        budget.saturating_sub(opening.map_or(Duration::ZERO, |o| o.1) + closing.map_or(Duration::ZERO, |c| c.1));
    let weights = difficulty_weights(level);
    let mut technical: Vec<&Question> = Vec::new();
    let mut pools = Vec::new();
    for (topic, share) in shares(lib, topics) {
        let mut pool: Vec<&Question> = lib.questions().filter(|q| q.topic == topic).filter(fits).collect();
        pool.shuffle(rng);
        let mut left = technical_time.mul_f64(share);
        loop {
            let wanted = weights.choose_weighted(rng, |w| w.1).map_or(Difficulty::Medium, |w| w.0);
            let fitting = |q: &&Question| limit(q) <= left;
            let pick = pool
                .iter()
                .position(|q| q.difficulty == wanted && fitting(q))
                .or_else(|| pool.iter().position(fitting));
            let Some(i) = pick else { break };
            let q = pool.swap_remove(i);
            left -= limit(q);
            technical.push(q);
        }
        pools.extend(pool);
    }
    // Shares too thin for any one question still make an interview: the quickest that fits.
    if technical.is_empty() {
        technical.extend(pools.into_iter().filter(|q| limit(q) <= technical_time).min_by_key(|q| limit(q)));
    }
    // Shuffled first so topics mix, then easy to hard: hard questions come later.
    technical.shuffle(rng);
    technical.sort_by_key(|q| q.difficulty);
    opening.into_iter().chain(technical.into_iter().map(|q| (q, limit(q)))).chain(closing).collect()
}

/// The shortest budget with a behavioural opening.
pub const OPENING_FROM: Duration = Duration::from_secs(6 * 60);
/// The shortest budget with a behavioural close.
pub const CLOSING_FROM: Duration = Duration::from_secs(12 * 60);

/// One behavioural answer's STAR coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StarResult {
    /// Question id.
    pub id: String,
    /// Parts the answer covered.
    pub covered: Vec<Star>,
    /// Parts it left out.
    pub missing: Vec<Star>,
}

/// Accuracy at one confidence level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// 1 (a guess) to 3 (sure).
    pub confidence: u8,
    /// Answers given at this confidence.
    pub answered: usize,
    /// Of those, correct.
    pub correct: usize,
    /// Share correct.
    pub accuracy: f64,
}

/// Time used against the budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pace {
    /// The interview's budget.
    pub budget_ms: u64,
    /// What the budget counts: `wall` (the clock, from the first question to the end) or
    /// `answers` (answering time only).
    pub clock: &'static str,
    /// Time used, as the budget counts it.
    pub used_ms: u64,
    /// Planned questions reached.
    pub reached: usize,
    /// Questions planned.
    pub planned: usize,
    /// Answers over their own limit.
    pub over_limit: usize,
}

/// The readiness verdict and its thresholds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// `ready`, `borderline` or `not yet`, pace counted (see [`judge`]).
    pub verdict: &'static str,
    /// Why pace lowered the verdict; empty when it did not.
    pub pace_drops: Vec<String>,
    /// The level judged.
    pub level: Level,
    /// Score from which the verdict is ready, percent.
    pub ready_at: f64,
    /// Score from which it is borderline, percent.
    pub borderline_at: f64,
}

/// What a mock interview adds to the session report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    /// Planned question ids, in order.
    pub plan: Vec<String>,
    /// Follow-up questions asked.
    pub follow_ups: Vec<String>,
    /// Planned questions the clock did not reach.
    pub not_reached: Vec<String>,
    /// Time against the budget.
    pub pace: Pace,
    /// STAR coverage of each behavioural answer.
    pub star: Vec<StarResult>,
    /// Accuracy at each confidence level that was used.
    pub calibration: Vec<Calibration>,
    /// Answers rated 3 (sure) that were wrong.
    pub confident_but_wrong: Vec<String>,
    /// The readiness verdict.
    pub verdict: Verdict,
    /// The three questions to study next.
    pub study_next: Vec<String>,
}

/// A mock's result: the report every session prints, and the interview's own fields beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MockReport {
    /// What every session reports.
    #[serde(flatten)]
    pub report: Report,
    /// What an interview adds.
    #[serde(flatten)]
    pub interview: Scorecard,
}

/// What a scorecard needs besides the answers.
pub struct Context<'a> {
    /// The planned questions.
    pub plan: &'a [&'a Question],
    /// Ids asked as follow-ups.
    pub follow_ups: Vec<String>,
    /// The level judged.
    pub level: Level,
    /// The budget.
    pub budget: Duration,
    /// Whether the budget counts only answering time.
    pub answer_time: bool,
}

impl Context<'_> {
    /// The time used as the budget counts it: the report's session time, or its answering time.
    pub fn used(&self, report: &Report) -> Duration {
        Duration::from_millis(if self.answer_time { report.elapsed_ms } else { report.session_ms })
    }
}

/// How many of `plan` the report's questions reached.
pub fn reached(plan: &[String], report: &Report) -> usize {
    plan.iter().filter(|id| report.questions.iter().any(|q| &q.id == *id)).count()
}

/// Scores an interview from its answers and the session's report.
pub fn scorecard<'q>(
    ctx: Context,
    report: &Report,
    asked: &[Asked],
    find: impl Fn(&str) -> Option<&'q Question>,
) -> Scorecard {
    let star = asked
        .iter()
        .filter_map(|a| {
            let q = find(&a.record.question)?;
            let Kind::Open { key_points, .. } = &q.kind else { return None };
            let parts = grade::star_parts(key_points, a.ticks.as_deref().unwrap_or(&[]));
            (!parts.is_empty()).then(|| StarResult {
                id: q.id.clone(),
                covered: parts.iter().filter(|p| p.1).map(|p| p.0).collect(),
                missing: parts.iter().filter(|p| !p.1).map(|p| p.0).collect(),
            })
        })
        .collect();
    let calibration = (1..=3)
        .filter_map(|c| {
            let at: Vec<&Asked> = asked.iter().filter(|a| a.record.confidence == Some(c)).collect();
            let correct = at.iter().filter(|a| a.record.correct).count();
            (!at.is_empty()).then(|| Calibration {
                confidence: c,
                answered: at.len(),
                correct,
                accuracy: correct as f64 / at.len() as f64,
            })
        })
        .collect();
    let confident_but_wrong: Vec<String> = asked
        .iter()
        .filter(|a| a.record.confidence == Some(3) && !a.record.correct)
        .map(|a| a.record.question.clone())
        .collect();
    let (ready_at, borderline_at) = thresholds(ctx.level);
    let plan: Vec<String> = ctx.plan.iter().map(|q| q.id.clone()).collect();
    let used = ctx.used(report);
    let reached = reached(&plan, report);
    let (verdict, pace_drops) = judge(ctx.level, report.percent, reached, plan.len(), used, ctx.budget);
    // Study first what went worst; among equals, what was wrongly sure, then what was slow.
    let mut weakest: Vec<&Asked> = asked.iter().filter(|a| a.record.score < 1.0).collect();
    weakest.sort_by(|a, b| {
        a.record
            .score
            .total_cmp(&b.record.score)
            .then_with(|| b.record.confidence.cmp(&a.record.confidence))
            .then_with(|| b.record.overtime.cmp(&a.record.overtime))
    });
    let asked_ids: Vec<&str> = asked.iter().map(|a| a.record.question.as_str()).collect();
    Scorecard {
        follow_ups: ctx.follow_ups,
        not_reached: ctx.plan.iter().filter(|q| !asked_ids.contains(&q.id.as_str())).map(|q| q.id.clone()).collect(),
        pace: Pace {
            budget_ms: u64::try_from(ctx.budget.as_millis()).unwrap_or(u64::MAX),
            clock: if ctx.answer_time { "answers" } else { "wall" },
            used_ms: u64::try_from(used.as_millis()).unwrap_or(u64::MAX),
            reached,
            planned: plan.len(),
            over_limit: asked.iter().filter(|a| a.record.overtime).count(),
        },
        plan,
        star,
        calibration,
        confident_but_wrong,
        verdict: Verdict { verdict, pace_drops, level: ctx.level, ready_at, borderline_at },
        study_next: weakest.iter().take(3).map(|a| a.record.question.clone()).collect(),
    }
}

impl MockReport {
    /// Writes the scorecard for people.
    pub fn write_text(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        use colored::Colorize;

        use crate::text;
        let (r, card) = (&self.report, &self.interview);
        let v = &card.verdict;
        let ended = match r.status {
            crate::report::Status::TimedOut => " · timed out",
            crate::report::Status::Interrupted => " · interrupted",
            crate::report::Status::EndedEarly => " · ended early",
            crate::report::Status::Complete => "",
        };
        writeln!(out, "\n{}", format!("── Mock interview scorecard ({}){ended} ──", v.level).bold())?;
        r.write_summary(out)?;
        if !card.follow_ups.is_empty() {
            writeln!(out, "{}", text::count(card.follow_ups.len(), "follow-up"))?;
        }
        let mut pace = format!(
            "Pace {} of the {} budget ({}) · reached {} of {} planned · {} over their limit",
            text::millis(card.pace.used_ms),
            text::millis(card.pace.budget_ms),
            if card.pace.clock == "wall" { "wall clock" } else { "answering time" },
            card.pace.reached,
            card.pace.planned,
            card.pace.over_limit
        );
        if !card.not_reached.is_empty() {
            pace.push_str(&format!(" · {} not reached", card.not_reached.len()));
        }
        writeln!(out, "{pace}")?;
        r.write_topics(out)?;
        let this = card;
        for s in &this.star {
            let names = |parts: &[Star]| {
                if parts.is_empty() {
                    "none".to_owned()
                } else {
                    parts.iter().map(|p| p.name()).collect::<Vec<_>>().join(", ")
                }
            };
            writeln!(out, "{} {}: covered {} · missing {}", "STAR".bold(), s.id, names(&s.covered), names(&s.missing))?;
        }
        if !this.calibration.is_empty() {
            let label = |c: u8| ["a guess", "fairly sure", "sure"][usize::from(c.clamp(1, 3) - 1)];
            let parts: Vec<String> = this
                .calibration
                .iter()
                .map(|c| format!("{} ({}): {} of {} right", label(c.confidence), c.confidence, c.correct, c.answered))
                .collect();
            writeln!(out, "{} {}", "Calibration".bold(), parts.join(" · "))?;
        }
        if !this.confident_but_wrong.is_empty() {
            writeln!(out, "{} {}", "Sure but wrong:".red(), this.confident_but_wrong.join(", "))?;
        }
        let verdict = match v.verdict {
            "ready" => v.verdict.green(),
            "borderline" => v.verdict.yellow(),
            _ => v.verdict.red(),
        };
        writeln!(
            out,
            "{} {verdict} for {} (ready from {}%, borderline from {}%)",
            "Verdict".bold(),
            v.level,
            v.ready_at,
            v.borderline_at
        )?;
        if !v.pace_drops.is_empty() {
            writeln!(out, "  lowered for pace: {}", v.pace_drops.join("; "))?;
        }
        if !this.study_next.is_empty() {
            writeln!(out, "{} {} (see `quiz show ID`)", "Study next".bold(), this.study_next.join(", "))?;
        }
        r.write_pass(out)?;
        if let Some(replay) = &r.replay {
            writeln!(out, "Replay with `{replay}`")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use rand::{SeedableRng, rngs::StdRng};

    use super::*;
    use crate::{history::AnswerRecord, library};

    fn lib() -> Library {
        Library::load(&library::discover(&[]).unwrap(), None).unwrap()
    }

    #[test]
    fn plan_fits_the_budget_in_proportion_and_in_order() {
        let lib = lib();
        let budget = Duration::from_secs(90 * 60);
        let planned = plan(&lib, &[], Level::Mid, budget, None, &mut StdRng::seed_from_u64(1));
        let total: Duration = planned.iter().map(|q| q.1).sum();
        let plan: Vec<&Question> = planned.iter().map(|q| q.0).collect();
        assert!(total <= budget && total >= budget.mul_f64(0.9), "{total:?} of {budget:?}");
        let (first, last) = (plan[0], plan[plan.len() - 1]);
        assert!(first.topic == BEHAVIOURAL && is_star(first), "opens with a behavioural question: {}", first.id);
        assert!(last.topic == BEHAVIOURAL && !is_star(last), "closes with communication: {}", last.id);
        let technical = &plan[1..plan.len() - 1];
        assert!(technical.windows(2).all(|w| w[0].difficulty <= w[1].difficulty), "harder later");
        let time = |t: &str| technical.iter().filter(|q| q.topic == t).map(|q| q.default_limit()).sum::<Duration>();
        let tech: Duration = technical.iter().map(|q| q.default_limit()).sum();
        for (topic, share) in SHARES {
            let got = time(topic).as_secs_f64() / tech.as_secs_f64();
            assert!((got - share).abs() < 0.06, "{topic}: {got:.2} of the technical time, share {share}");
        }
    }

    #[test]
    fn a_short_budget_is_never_overrun() {
        let lib = lib();
        for minutes in 1..=15 {
            let budget = Duration::from_secs(minutes * 60);
            let p = plan(&lib, &[], Level::Mid, budget, None, &mut StdRng::seed_from_u64(minutes));
            let total: Duration = p.iter().map(|q| q.1).sum();
            assert!(total <= budget, "{minutes} min: planned {total:?}");
            let technical = p.iter().filter(|q| q.0.topic != BEHAVIOURAL).count();
            assert!(technical >= 1, "{minutes} min: a mock always has technical questions");
            let behavioural: Vec<Duration> = p.iter().filter(|q| q.0.topic == BEHAVIOURAL).map(|q| q.1).collect();
            assert_eq!(behavioural.len(), usize::from(minutes >= 6) + usize::from(minutes >= 12), "{minutes} min");
            assert!(behavioural.iter().all(|&d| d <= budget / 4), "{minutes} min: {behavioural:?}");
        }
        let five = plan(&lib, &[], Level::Mid, Duration::from_secs(300), None, &mut StdRng::seed_from_u64(3));
        assert!(five.len() >= 3, "five minutes hold a few technical questions: {}", five.len());
        assert_eq!(verdict(Level::Senior, 79.9), "borderline");
        assert_eq!(verdict(Level::Senior, 80.0), "ready");
    }

    #[test]
    fn levels_shape_difficulty_and_exclude_far_levels() {
        let lib = lib();
        let count = |level: Level, d: Difficulty| {
            (0..20)
                .flat_map(|seed| {
                    plan(&lib, &[], level, Duration::from_secs(45 * 60), None, &mut StdRng::seed_from_u64(seed))
                })
                .filter(|q| q.0.topic != BEHAVIOURAL && q.0.difficulty == d)
                .count()
        };
        assert!(count(Level::Junior, Difficulty::Easy) > 2 * count(Level::Junior, Difficulty::Hard));
        assert!(count(Level::Senior, Difficulty::Hard) > 2 * count(Level::Senior, Difficulty::Easy));
        for seed in 0..10 {
            let p =
                plan(&lib, &[], Level::Junior, Duration::from_secs(45 * 60), None, &mut StdRng::seed_from_u64(seed));
            assert!(p.iter().all(|q| q.0.level != Level::Senior));
        }
    }

    #[test]
    fn topics_narrow_and_follow_up_targets_are_never_planned() {
        let lib = lib();
        let p = plan(
            &lib,
            &["databases".into()],
            Level::Mid,
            Duration::from_secs(30 * 60),
            None,
            &mut StdRng::seed_from_u64(2),
        );
        assert!(p.iter().all(|q| q.0.topic == "databases" || q.0.topic == BEHAVIOURAL));
        let targets: Vec<&str> = lib.questions().flat_map(|q| q.follow_ups.iter().map(String::as_str)).collect();
        assert!(p.iter().all(|q| !targets.contains(&q.0.id.as_str())));
        assert_eq!(
            shares(&lib, &["dsa".into(), "security".into()]),
            [("dsa".to_owned(), 0.3 / (0.3 + 0.2)), ("security".to_owned(), 0.2 / 0.5)]
        );
    }

    fn asked(id: &str, score: f64, confidence: Option<u8>, ticks: Option<Vec<bool>>) -> Asked {
        Asked {
            record: AnswerRecord {
                v: 1,
                session: "s".into(),
                at: "2026-11-01T10:00:00Z".parse().unwrap(),
                topic: id.split('-').next().unwrap().into(),
                question: id.into(),
                qtype: QType::Choice,
                difficulty: Difficulty::Easy,
                level: Level::Mid,
                response: Some("x".into()),
                score,
                correct: score >= 0.6,
                skipped: false,
                elapsed_ms: 1000,
                limit_ms: 45_000,
                overtime: false,
                confidence,
            },
            ticks,
        }
    }

    #[test]
    fn scorecard_calibration_star_verdict_and_study_list() {
        let lib = lib();
        let star = lib.questions().find(|q| is_star(q)).unwrap();
        let Kind::Open { key_points, .. } = &star.kind else { unreachable!() };
        let ticks: Vec<bool> =
            key_points.iter().map(|p| matches!(p.star, Some(Star::Situation | Star::Action))).collect();
        let plan = [star];
        let answers = vec![
            asked(&star.id, 0.5, None, Some(ticks)),
            asked("dsa-a", 1.0, Some(3), None),
            asked("dsa-b", 0.0, Some(3), None),
            asked("apis-c", 1.0, Some(1), None),
            asked("apis-d", 0.0, Some(2), None),
        ];
        let records: Vec<_> = answers.iter().map(|a| a.record.clone()).collect();
        let report = Report::new(
            crate::report::Meta {
                session: "s".into(),
                mode: "mock".into(),
                seed: 1,
                started: "2026-11-01T10:00:00Z".parse().unwrap(),
                ended: "2026-11-01T10:05:00Z".parse().unwrap(),
                planned: 5,
                interrupted: false,
                timed_out: false,
                replay: None,
                pass_mark: Some(50.0),
            },
            &records,
        );
        let ctx = || Context {
            plan: &plan,
            follow_ups: vec![],
            level: Level::Mid,
            budget: Duration::from_secs(600),
            answer_time: false,
        };
        let card = scorecard(ctx(), &report, &answers, |id| lib.find(id));
        assert_eq!(report.percent, 50.0);
        assert_eq!((card.pace.used_ms, card.pace.reached, card.pace.planned), (300_000, 1, 1));
        assert_eq!(
            card.star,
            [StarResult {
                id: star.id.clone(),
                covered: vec![Star::Situation, Star::Action],
                missing: vec![Star::Task, Star::Result]
            }]
        );
        assert_eq!(
            card.calibration,
            [
                Calibration { confidence: 1, answered: 1, correct: 1, accuracy: 1.0 },
                Calibration { confidence: 2, answered: 1, correct: 0, accuracy: 0.0 },
                Calibration { confidence: 3, answered: 2, correct: 1, accuracy: 0.5 },
            ]
        );
        assert_eq!(card.confident_but_wrong, ["dsa-b"]);
        assert_eq!(card.verdict.verdict, "not yet");
        assert_eq!((card.verdict.ready_at, card.verdict.borderline_at), (75.0, 55.0));
        assert_eq!(card.study_next, ["dsa-b", "apis-d", star.id.as_str()]);
        assert_eq!(report.passed, Some(true));
        assert!(card.not_reached.is_empty());
    }

    #[test]
    fn pace_lowers_the_verdict() {
        let min = |m: u64| Duration::from_secs(m * 60);
        assert_eq!(judge(Level::Mid, 90.0, 10, 10, min(20), min(20)), ("ready", vec![]));
        // 3 of 10 planned in 58 minutes of a 20-minute budget: two steps down.
        let (v, why) = judge(Level::Mid, 90.0, 3, 10, min(58), min(20));
        assert_eq!(v, "not yet");
        assert_eq!(why, ["reached 3 of 10 planned questions", "took 58m00s of a 20m00s budget"]);
        assert_eq!(judge(Level::Mid, 90.0, 8, 10, min(22), min(20)).0, "ready", "80% reached, 10% over: kept");
        assert_eq!(judge(Level::Mid, 90.0, 7, 10, min(20), min(20)).0, "borderline");
        assert_eq!(judge(Level::Mid, 60.0, 7, 10, min(20), min(20)).0, "not yet");
    }
}
