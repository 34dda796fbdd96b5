//! The interactive prompts: arrow-key menus and line editing on the terminal, via dialoguer.
//! Used only when stdin and stderr are both terminals (see [`crate::config::Config::interactive`]).

use std::io::{self, Write};

use console::Term;
use dialoguer::{Input, MultiSelect, Select, theme::ColorfulTheme};

use crate::{
    ask::interrupt,
    ask::prompt::{Prompter, Reply},
    bank::{KeyPoint, QType},
    draw::Planned,
    grade::Response,
};

/// Prompts on the terminal behind stderr.
pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        TerminalPrompter { term: Term::stderr(), theme: ColorfulTheme::default() }
    }
}

/// Maps dialoguer's errors to io errors; end of input ends the session.
fn io_err(e: dialoguer::Error) -> io::Error {
    match e {
        dialoguer::Error::IO(e) => e,
    }
}

fn ended(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::UnexpectedEof
}

impl Prompter for TerminalPrompter {
    fn answer(&mut self, item: &Planned, _out: &mut dyn Write) -> io::Result<Reply> {
        let choices = item.question.choices();
        let shown: Vec<&str> = item.order.iter().map(|&i| choices[i].as_str()).collect();
        let result = interrupt::prompting(|| {
            match item.question.qtype() {
                QType::Choice => Select::with_theme(&self.theme)
                    .with_prompt("Your answer (Esc skips)")
                    .items(&shown)
                    .default(0)
                    .interact_on_opt(&self.term)
                    .map(|pick| pick.map_or(Reply::Skip, |k| Reply::Answer(Response::Choice(item.order[k])))),
                QType::Multi => MultiSelect::with_theme(&self.theme)
                    .with_prompt("Your answer (Space toggles, Enter confirms, Esc skips)")
                    .items(&shown)
                    .interact_on_opt(&self.term)
                    .map(|picks| match picks {
                        Some(ks) if !ks.is_empty() => {
                            let mut bank: Vec<usize> = ks.into_iter().map(|k| item.order[k]).collect();
                            bank.sort_unstable();
                            Reply::Answer(Response::Multi(bank))
                        }
                        _ => Reply::Skip,
                    }),
                QType::Short | QType::Open => Input::<String>::with_theme(&self.theme)
                    .with_prompt("Your answer (empty skips)")
                    .allow_empty(true)
                    .interact_text_on(&self.term)
                    .map(|t| {
                        let t = t.trim();
                        if t.is_empty() { Reply::Skip } else { Reply::Answer(Response::Text(t.to_owned())) }
                    }),
            }
            .map_err(io_err)
        });
        match result {
            Err(e) if ended(&e) => Ok(Reply::End),
            other => other,
        }
    }

    fn confirm_points(&mut self, points: &[KeyPoint], ticks: Vec<bool>, _out: &mut dyn Write) -> io::Result<Vec<bool>> {
        let items: Vec<&str> = points.iter().map(|p| p.point.as_str()).collect();
        let picked = interrupt::prompting(|| {
            MultiSelect::with_theme(&self.theme)
                .with_prompt("Which key points did your answer cover? (Space toggles, Enter confirms)")
                .items(&items)
                .defaults(&ticks)
                .interact_on_opt(&self.term)
                .map_err(io_err)
        });
        match picked {
            Ok(Some(ks)) => Ok((0..points.len()).map(|k| ks.contains(&k)).collect()),
            Ok(None) => Ok(ticks),
            Err(e) if ended(&e) => Ok(ticks),
            Err(e) => Err(e),
        }
    }

    fn confidence(&mut self, _out: &mut dyn Write) -> io::Result<Option<u8>> {
        let levels = ["1 – a guess", "2 – fairly sure", "3 – sure"];
        let pick = interrupt::prompting(|| {
            Select::with_theme(&self.theme)
                .with_prompt("How sure are you? (Esc: not saying)")
                .items(levels)
                .default(1)
                .interact_on_opt(&self.term)
                .map_err(io_err)
        });
        match pick {
            Ok(k) => Ok(k.map(|k| k as u8 + 1)),
            Err(e) if ended(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn is_plain(&self) -> bool {
        false
    }

    fn width(&self) -> Option<usize> {
        Some(usize::from(self.term.size().1).saturating_sub(2))
    }
}
