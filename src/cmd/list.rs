//! `quiz list`: the questions, one a line, with their ids for `quiz show`, filtered by what they
//! are (topic, level, difficulty, type, tag, text) or by the user's history (unseen, missed).

use std::{collections::HashMap, io::Write};

use crate::{
    bank::Question,
    cli::ListArgs,
    config::Config,
    error::{Result, io},
    exit, history, library,
};

/// Lists the questions `args` admits.
pub fn run(config: &Config, args: &ListArgs, out: &mut dyn Write) -> Result<u8> {
    let sources = library::discover(&config.banks)?;
    library::check_topics(&sources, &args.topic)?;
    let lib = library::Library::load(&sources, (!args.topic.is_empty()).then_some(args.topic.as_slice()))?;
    // Whether each answered question's latest answer was right.
    let latest: Option<HashMap<String, bool>> = if args.unseen || args.missed {
        let log_path = config.history()?;
        let mut latest = HashMap::new();
        let warnings = history::scan_answers(log_path, config.clock.peek(), |a| {
            latest.insert(a.question.to_owned(), a.correct);
        })?;
        history::warn(log_path, &warnings);
        Some(latest)
    } else {
        None
    };
    let search = args.search.as_deref().map(str::to_lowercase);
    let admits = |q: &Question| {
        (args.level.is_empty() || args.level.contains(&q.level))
            && (args.difficulty.is_empty() || args.difficulty.contains(&q.difficulty))
            && (args.qtype.is_empty() || args.qtype.contains(&q.qtype()))
            && (args.tag.is_empty() || q.tags.iter().any(|t| args.tag.iter().any(|w| w.eq_ignore_ascii_case(t))))
            && search.as_deref().is_none_or(|s| matches_text(q, s))
            && latest.as_ref().is_none_or(|l| match l.get(&q.id) {
                None => args.unseen,
                Some(&right) => args.missed && !right,
            })
    };
    let questions: Vec<(&Question, &str)> = lib
        .banks
        .iter()
        .flat_map(|b| b.questions.iter().map(move |q| (q, b.file.as_str())))
        .filter(|(q, _)| admits(q))
        .collect();
    let w = || io("cannot write output");
    if args.json {
        let full: Vec<super::show::Shown> = questions.iter().map(|(q, file)| super::show::shown(q, file)).collect();
        super::write_json(out, &full)?;
        return Ok(exit::OK);
    }
    let width = questions.iter().map(|(q, _)| q.id.len()).max().unwrap_or(2);
    // At a terminal a prompt is cut to fit the line; piped, it is never cut.
    let room = config.stdout_tty().then(|| config.columns().unwrap_or(100).saturating_sub(width + 24).max(20));
    for (q, _) in &questions {
        let prompt = match room {
            Some(room) => super::one_line(&q.prompt, room),
            None => q.prompt.split_whitespace().collect::<Vec<_>>().join(" "),
        };
        writeln!(
            out,
            "{:width$}  {:6} {:6} {:6}  {prompt}",
            q.id,
            q.qtype().name(),
            q.difficulty.name(),
            q.level.name()
        )
        .map_err(w())?;
    }
    Ok(exit::OK)
}

/// Whether the prompt, a choice or a tag of `q` contains `needle` (lowercase), in any case.
fn matches_text(q: &Question, needle: &str) -> bool {
    q.prompt.to_lowercase().contains(needle)
        || q.choices().iter().any(|c| c.to_lowercase().contains(needle))
        || q.tags.iter().any(|t| t.to_lowercase().contains(needle))
}
