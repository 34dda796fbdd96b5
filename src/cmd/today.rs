//! `quiz today`: the day's session from the study plan — the reviews due first, then the new
//! questions the plan wants today — and afterwards what is left, the streak and the pace.

use std::io::Write;

use rand::{SeedableRng, rngs::StdRng};

use crate::{
    cli::{SessionArgs, TodayArgs},
    config::{Config, Stream},
    draw,
    error::{Error, Result, io},
    exit,
    progress::plan::Plan,
    text,
};

/// Runs today's session.
pub fn run(config: &Config, args: &TodayArgs) -> Result<u8> {
    let Some(plan) = Plan::load(config.plan_path()?).map_err(Error::Usage)? else {
        writeln!(std::io::stdout(), "{}", super::plan::no_plan()).map_err(io("cannot write output"))?;
        return Ok(exit::OK);
    };
    let session_args = SessionArgs {
        topic: plan.topics.clone(),
        count: 1,
        difficulty: Vec::new(),
        level: Vec::new(),
        tag: Vec::new(),
        run: args.run.clone(),
    };
    let s = config.session(&session_args)?;
    let lib = super::practice::load(config, &s)?;
    let standing = super::plan::standing_in(config, plan.clone(), &lib)?;
    let day = &standing.day;
    let say = |line: String| -> Result<()> {
        let stream: Box<dyn Write> = if s.json { Box::new(std::io::stderr()) } else { Box::new(std::io::stdout()) };
        let mut stream = stream;
        writeln!(stream, "{line}").map_err(io("cannot write output"))
    };
    if day.reviews.is_empty() && day.new.is_empty() {
        let what = if day.mock {
            "Nothing left to review today. The last days are for mock interviews: run `quiz mock`.".to_owned()
        } else {
            "Nothing left for today: every review is done and today's new questions are seen.".to_owned()
        };
        say(what)?;
        say(standing.line())?;
        return Ok(exit::OK);
    }
    let mut rng = StdRng::seed_from_u64(s.seed);
    let planned: Vec<draw::Planned> = day
        .reviews
        .iter()
        .chain(&day.new)
        .filter_map(|id| lib.find(id))
        .map(|q| draw::plan_one(q, &mut rng, s.time_limit))
        .collect();
    let note = format!(
        "Today's plan: {} due, then {}.",
        text::count(day.reviews.len(), "review"),
        text::count(day.new.len(), "new question")
    );
    config.apply_color(Stream::Stdout);
    let code = super::practice::run_session(config, &s, "today", &planned, Some(note), None)?;
    let after = super::plan::standing_in(config, plan, &lib)?;
    let left = after.day.reviews.len() + after.day.new.len();
    say(if left == 0 {
        "Done for today.".to_owned()
    } else {
        format!(
            "Left for today: {} and {}.",
            text::count(after.day.reviews.len(), "review"),
            text::count(after.day.new.len(), "new question")
        )
    })?;
    say(format!("{} · streak: {}", after.line(), text::count(after.streak as usize, "day")))?;
    if let Some(w) = &after.day.warning {
        say(format!("Warning: {w}."))?;
    }
    Ok(code)
}
