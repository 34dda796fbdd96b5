//! `quiz review`: the questions the user is about to forget, most overdue first, then a few
//! never-seen ones. Memory comes from replaying the log (see [`crate::memory`]).

use std::io::Write;

use chrono::Local;
use rand::{SeedableRng, rngs::StdRng, seq::IteratorRandom};

use crate::{
    cli::ReviewArgs,
    config::Config,
    draw,
    error::{Result, io},
    exit, text,
};

/// Runs a review session: the due questions, then up to `--new` never-seen ones. With neither,
/// says when the next question is due.
pub fn run(config: &Config, args: &ReviewArgs) -> Result<u8> {
    let s = config.session(&args.session)?;
    let lib = super::practice::load(config, &s)?;
    let filter = super::practice::filter(&s);
    let memories = super::practice::memories(config)?;
    let now = config.clock.now();
    // Questions no longer in the banks are left out, as `stats` leaves them out of `due`.
    let mut due: Vec<(&crate::bank::Question, chrono::DateTime<chrono::Utc>)> = memories
        .due(now)
        .into_iter()
        .filter_map(|(id, at)| Some((lib.find(id)?, at)))
        .filter(|(q, _)| filter.admits(q))
        .collect();
    let (all_due, overdue) = (due.len(), due.iter().filter(|(_, at)| now - *at > chrono::Duration::days(1)).count());
    due.truncate(s.count);
    let mut rng = StdRng::seed_from_u64(s.seed);
    let unseen: Vec<&crate::bank::Question> =
        lib.questions().filter(|q| filter.admits(q) && !memories.by_id.contains_key(&q.id)).collect();
    // Clamped to what exists: the sampler reserves room for as many as it is asked for.
    let fresh = unseen.iter().copied().choose_multiple(&mut rng, args.new.min(unseen.len()));
    if due.is_empty() && fresh.is_empty() {
        let next = memories
            .by_id
            .iter()
            .filter(|(id, m)| m.card.due > now && lib.find(id).is_some_and(|q| filter.admits(q)))
            .map(|(_, m)| m.card.due)
            .min();
        let mut out = std::io::stdout().lock();
        if s.json {
            // Scripts asked for JSON get it here too: nothing to ask, and when that changes.
            let next_due =
                next.map(|at| crate::history::rfc3339_millis(&at, serde_json::value::Serializer)).transpose();
            let next_due = next_due.map_err(|e| crate::Error::Usage(e.to_string()))?;
            writeln!(out, "{}", serde_json::json!({"due": 0, "new": 0, "next_due": next_due}))
                .map_err(io("cannot write output"))?;
            return Ok(exit::OK);
        }
        match next {
            Some(at) => writeln!(
                out,
                "Nothing is due for review. The next question is due {} (in {}).",
                at.with_timezone(&Local).format("%Y-%m-%d %H:%M"),
                text::span((at - now).to_std().unwrap_or_default())
            ),
            None => writeln!(out, "Nothing is due for review yet: answer some questions first, with `quiz practice`."),
        }
        .map_err(io("cannot write output"))?;
        return Ok(exit::OK);
    }
    let mut note = format!("Review: {all_due} due ({overdue} overdue by more than a day), {} new.", fresh.len());
    if due.len() < all_due {
        note.push_str(&format!(" Asking the {} most overdue; -n asks more.", due.len()));
    }
    let plan = draw::plan_all(due.into_iter().map(|(q, _)| q).chain(fresh), s.seed, s.time_limit);
    super::practice::run_session(config, &s, "review", &plan, Some(note), None)
}
