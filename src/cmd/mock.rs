//! `quiz mock`: a timed mock interview with follow-ups, confidence ratings and a scorecard.
//!
//! The plan is shown before the interview starts; at a terminal the user starts or quits, and
//! in plain mode it goes to stderr and the interview starts at once, so scripts never wait.

use std::{io::Write, time::Duration};

use rand::{SeedableRng, rngs::StdRng, seq::IndexedRandom};

use crate::{
    ask::interrupt,
    bank::Question,
    cli::MockArgs,
    config::Config,
    draw,
    error::{Error, Result, io as io_err},
    exit,
    library::{self, Library},
    mock::{self, BEHAVIOURAL, MockReport},
    session::{self, Asker},
    text,
};

/// Runs a mock interview.
pub fn run(config: &Config, args: &MockArgs) -> Result<u8> {
    let s = config.session(&args.session())?;
    config.apply_session_color(&s, s.ui);
    let sources = library::discover(&config.banks)?;
    library::check_topics(&sources, &s.topics)?;
    let mut wanted = s.topics.clone();
    if !wanted.is_empty() && !wanted.iter().any(|t| t == BEHAVIOURAL) {
        wanted.push(BEHAVIOURAL.to_owned());
    }
    let lib = Library::load(&sources, (!wanted.is_empty()).then_some(wanted.as_slice()))?;
    let budget = Duration::from_secs(u64::from(args.minutes) * 60);
    let mut rng = StdRng::seed_from_u64(s.seed);
    let planned = mock::plan(&lib, &s.topics, args.level, budget, s.time_limit, &mut rng);
    if !planned.iter().any(|(q, _)| q.topic != BEHAVIOURAL) {
        return Err(Error::NoMatch(format!(
            "a {}-minute {} interview; give it more minutes or other topics",
            args.minutes, args.level
        )));
    }
    let questions: Vec<&Question> = planned.iter().map(|(q, _)| *q).collect();
    let mut plan: Vec<draw::Planned> =
        planned.iter().map(|&(q, limit)| draw::Planned { limit, ..draw::plan_one(q, &mut rng, None) }).collect();
    plan.reverse();

    let mut shown = std::io::stderr();
    write_plan(&mut shown, args, &planned, budget).map_err(io_err("cannot show the plan"))?;
    if s.interactive && !start_or_quit()? {
        writeln!(shown, "No interview this time; nothing was logged.").map_err(io_err("cannot write output"))?;
        return Ok(exit::OK);
    }

    let setup = super::practice::prepare(
        config,
        &s,
        "mock",
        questions.len(),
        !args.no_confidence,
        Some(replay(config, args, &s)),
    )?;
    let (mut ui, mut prompter) = (setup.ui, setup.prompter);
    let mut recorder = setup.recorder;
    let plan_ids: Vec<String> = questions.iter().map(|q| q.id.clone()).collect();
    recorder.set_plan(plan_ids.clone());
    let (level, answer_time) = (args.level, args.answer_time);
    recorder.judge_with(move |report| {
        let used = Duration::from_millis(if answer_time { report.elapsed_ms } else { report.session_ms });
        let reached = mock::reached(&plan_ids, report);
        mock::judge(level, report.percent, reached, plan_ids.len(), used, budget).0.to_owned()
    });
    let shared = session::start(recorder);
    let clock = config.clock.as_ref();
    let mut asked = Vec::new();
    let mut follow_ups = Vec::new();
    let result = (|| {
        let mut asker = Asker::new(&shared, prompter.as_mut(), ui.as_mut(), clock, !args.no_confidence);
        let mut pending: Option<draw::Planned> = None;
        let mut start = None;
        let mut used = |asked: &[session::Asked], now: chrono::DateTime<chrono::Utc>| {
            let start = *start.get_or_insert(now);
            if answer_time {
                Duration::from_millis(asked.iter().map(|a| a.record.elapsed_ms).sum())
            } else {
                (now - start).to_std().unwrap_or_default()
            }
        };
        while let Some(item) = pending.take().or_else(|| plan.pop()) {
            let left = budget.saturating_sub(used(&asked, clock.now()));
            let is_follow_up = follow_ups.last() == Some(&item.question.id);
            let note = format!(
                "{} left in the interview{}",
                text::duration(left),
                if is_follow_up { " · a follow-up to your last answer" } else { "" }
            );
            let total = asked.len() + 1 + plan.len();
            let Some(a) = asker.ask(&item, asked.len() + 1, total, Some(&note))? else { break };
            let correct = a.record.correct;
            asked.push(a);
            if used(&asked, clock.now()) >= budget {
                if !plan.is_empty() {
                    shared.lock().expect("recorder lock").set_timed_out();
                }
                break;
            }
            // A correct answer leads to one follow-up, as an interviewer drills down.
            if correct && !is_follow_up {
                let seen = |id: &str| asked.iter().any(|a: &session::Asked| a.record.question == id);
                let options: Vec<_> = item
                    .question
                    .follow_ups
                    .iter()
                    .filter(|id| !seen(id))
                    .filter_map(|id| lib.find(id))
                    .filter(|q| mock::level_fits(args.level, q.level))
                    .collect();
                if let Some(next) = options.choose(&mut rng) {
                    follow_ups.push(next.id.clone());
                    shared.lock().expect("recorder lock").add_planned();
                    pending = Some(draw::plan_one(next, &mut rng, s.time_limit));
                }
            }
        }
        Ok(())
    })();
    let report = session::end(&shared, result)?;
    let interview = mock::scorecard(
        mock::Context { plan: &questions, follow_ups, level: args.level, budget, answer_time },
        &report,
        &asked,
        |id| lib.find(id),
    );
    let result = MockReport { report, interview };
    ui.flush().map_err(io_err("cannot write output"))?;
    drop(ui);
    super::practice::print(config, &s, |out, json| {
        if json {
            serde_json::to_writer(&mut *out, &result)?;
            writeln!(out)
        } else {
            result.write_text(out)
        }
    })?;
    Ok(if result.report.passed == Some(false) { exit::BELOW_PASS } else { exit::OK })
}

/// Shows the plan: level, budget, questions by topic, opening and close.
fn write_plan(
    out: &mut dyn Write,
    args: &MockArgs,
    plan: &[(&Question, Duration)],
    budget: Duration,
) -> std::io::Result<()> {
    let clock = if args.answer_time { "answering time" } else { "wall clock" };
    writeln!(
        out,
        "Mock interview · {} level · {} ({clock}) · {}",
        args.level,
        text::duration(budget),
        text::count(plan.len(), "planned question")
    )?;
    let behavioural = |q: &Question| q.topic == BEHAVIOURAL;
    let first = plan.first().filter(|(q, _)| behavioural(q));
    let last = plan.last().filter(|(q, _)| behavioural(q) && plan.len() > 1);
    let mut topics: Vec<(&str, usize)> = Vec::new();
    for (q, _) in plan.iter().filter(|(q, _)| !behavioural(q)) {
        match topics.iter_mut().find(|(t, _)| *t == q.topic) {
            Some(e) => e.1 += 1,
            None => topics.push((&q.topic, 1)),
        }
    }
    let technical: usize = topics.iter().map(|t| t.1).sum();
    let by_topic: Vec<String> = topics.iter().map(|(t, n)| format!("{t} {n}")).collect();
    let part = |p: Option<&(&Question, Duration)>, name: &str| match p {
        Some((_, limit)) => format!("{name}: a behavioural question ({})", text::duration(*limit)),
        None => format!("{name}: none (budget too short)"),
    };
    writeln!(out, "  {}", part(first, "opening"))?;
    writeln!(out, "  technical: {technical} ({}), easier first", by_topic.join(", "))?;
    writeln!(out, "  {}", part(last, "close"))?;
    writeln!(out, "  A right answer may lead to a follow-up question.")
}

/// Asks at the terminal whether to start; false to quit.
fn start_or_quit() -> Result<bool> {
    match crate::ask::terminal::confirm("Start the interview?") {
        Err(e) if interrupt::is_interrupt(&e) => interrupt::now(interrupt::Signal::Interrupt),
        other => other.map_err(io_err("cannot read the answer")),
    }
}

/// The command that plans the same interview again.
fn replay(config: &Config, args: &MockArgs, s: &crate::config::SessionConfig) -> String {
    let mut cmd =
        format!("{} --minutes {} --level {}", super::practice::command(config, "mock"), args.minutes, args.level);
    if !s.topics.is_empty() {
        cmd.push_str(&format!(" --topic {}", super::practice::quote(&s.topics.join(","))));
    }
    if let Some(limit) = s.time_limit {
        cmd.push_str(&format!(" --time-limit {}", humantime::format_duration(limit)));
    }
    if args.answer_time {
        cmd.push_str(" --answer-time");
    }
    cmd.push_str(&format!(" --seed {}", s.seed));
    cmd
}
