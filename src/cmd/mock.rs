//! `quiz mock`: a timed mock interview with follow-ups, confidence ratings and a scorecard.

use std::io::Write;

use rand::{SeedableRng, rngs::StdRng, seq::IndexedRandom};

use crate::{
    cli::MockArgs,
    config::Config,
    draw,
    error::{Error, Result, io as io_err},
    exit,
    library::{self, Library},
    mock::{self, BEHAVIOURAL},
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
    let budget = std::time::Duration::from_secs(u64::from(args.minutes) * 60);
    let mut rng = StdRng::seed_from_u64(s.seed);
    let questions = mock::plan(&lib, &s.topics, args.level, budget, s.time_limit, &mut rng);
    if questions.is_empty() {
        return Err(Error::NoMatch(format!(
            "a {}-minute {} interview; give it more minutes",
            args.minutes, args.level
        )));
    }
    let mut plan: Vec<draw::Planned> = questions.iter().map(|q| draw::plan_one(q, &mut rng, s.time_limit)).collect();
    plan.reverse();

    let setup = super::practice::prepare(config, &s, "mock", questions.len(), !args.no_confidence)?;
    let (mut ui, mut prompter) = (setup.ui, setup.prompter);
    let mut recorder = setup.recorder;
    recorder.set_plan(questions.iter().map(|q| q.id.clone()).collect());
    let level = args.level;
    recorder.judge_with(move |percent| mock::verdict(level, percent));
    let shared = session::start(recorder);
    let clock = config.clock.as_ref();
    let mut asked = Vec::new();
    let mut follow_ups = Vec::new();
    let mut started = None;
    let mut used = std::time::Duration::ZERO;
    let result = (|| {
        let mut asker = Asker::new(&shared, prompter.as_mut(), ui.as_mut(), clock, !args.no_confidence);
        let mut pending: Option<draw::Planned> = None;
        while let Some(item) = pending.take().or_else(|| plan.pop()) {
            let now = clock.now();
            let start = *started.get_or_insert(now);
            let left = budget.saturating_sub((now - start).to_std().unwrap_or_default());
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
            used = (clock.now() - start).to_std().unwrap_or_default();
            if used >= budget {
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
    let card = mock::scorecard(
        mock::Context {
            session: shared.lock().expect("recorder lock").session().to_owned(),
            seed: s.seed,
            plan: &questions,
            follow_ups,
            level: args.level,
            budget,
            used,
            pass_mark: s.pass,
        },
        &asked,
        |id| lib.find(id),
    );
    session::end(&shared, result)?;
    ui.flush().map_err(io_err("cannot write output"))?;
    drop(ui);
    super::practice::print(config, &s, |out, json| {
        if json {
            serde_json::to_writer(&mut *out, &card)?;
            writeln!(out)
        } else {
            card.write_text(out)
        }
    })?;
    Ok(if card.passed == Some(false) { exit::BELOW_PASS } else { exit::OK })
}
