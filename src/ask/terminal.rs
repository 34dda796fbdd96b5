//! The interactive prompts for a person at a terminal: menus for choices, picks, key points and
//! confidence (`menu`), the line editor for typed answers (`editor`) with the
//! time left on its prompt (`countdown`), and the user's own editor on request.
//! Used only when stdin and stderr are terminals that take escape codes (see
//! [`crate::config::Config::interactive`]).

use std::{
    io::{self, Write},
    sync::Arc,
};

use colored::Colorize;
use console::Term;

use super::{
    countdown::{Countdown, Timer},
    editor::{self, Shape, Typed},
    menu::{Menu, Mode, Outcome},
    prompt::{Prompter, Reply, letter},
    tty, visual,
};
use crate::{
    bank::{KeyPoint, QType},
    clock::Clock,
    draw::Planned,
    grade::Response,
};

/// Prompts on the terminal behind stderr.
pub struct TerminalPrompter {
    term: Term,
    clock: Arc<dyn Clock>,
    /// The command for long answers.
    editor: String,
    /// Whether open answers start in that editor.
    open_in_editor: bool,
}

impl TerminalPrompter {
    /// Prompts timed by `clock`, opening `editor` for long answers (from the start with
    /// `open_in_editor`).
    pub fn new(clock: Arc<dyn Clock>, editor: String, open_in_editor: bool) -> Self {
        TerminalPrompter { term: Term::stderr(), clock, editor, open_in_editor }
    }

    fn width(&self) -> usize {
        tty::width(&self.term)
    }

    /// Writes `text` dimmed and wrapped, as the hint under a prompt.
    fn hint(&self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        for row in tty::hang(text, self.width(), "") {
            writeln!(out, "{}", row.dimmed())?;
        }
        out.flush()
    }

    /// A typed answer: the line editor, or the user's editor when asked for.
    fn typed(&self, item: &Planned, shape: Shape, out: &mut dyn Write) -> io::Result<Reply> {
        // Keys typed before the prompt is drawn were meant for something else.
        tty::drop_typeahead();
        self.hint(out, shape.hint())?;
        // The time left counts from the first prompt, also after a trip to the user's editor.
        let started = self.clock.now();
        let mut draft = String::new();
        let mut visual = self.open_in_editor && shape == Shape::Lines;
        loop {
            if std::mem::take(&mut visual) {
                match visual::edit(&self.editor, &draft) {
                    Ok(text) if !shape.tidy(&text).is_empty() => {
                        let text = shape.tidy(&text);
                        writeln!(out, "{}", "Your answer, from the editor:".bold())?;
                        writeln!(out, "{text}")?;
                        return Ok(Reply::Answer(Response::Text(text)));
                    }
                    Ok(_) => writeln!(out, "{}", "The editor left the answer empty; type it here instead.".yellow())?,
                    Err(e) => {
                        writeln!(out, "{}", format!("Cannot open your editor: {e}; type the answer here.").yellow())?
                    }
                }
            }
            let clock = Arc::clone(&self.clock);
            let typed = editor::read(shape, &draft, |tick| Countdown::start(clock, started, item.limit, tick))?;
            match typed {
                Typed::Text(text) => return Ok(Reply::Answer(Response::Text(text))),
                Typed::Skip => {
                    writeln!(out, "{}", "Skipped.".yellow())?;
                    return Ok(Reply::Skip);
                }
                Typed::Visual(text) => {
                    draft = text;
                    visual = true;
                }
            }
        }
    }

    fn menu(&self, menu: &Menu, timer: Option<Timer>, summary: impl Fn(&Outcome) -> String) -> io::Result<Outcome> {
        menu.run(&self.term, timer, summary)
    }

    /// The time left on `item`, counted from now.
    fn timer(&self, item: &Planned) -> Option<Timer> {
        Some(Timer { clock: Arc::clone(&self.clock), started: self.clock.now(), limit: item.limit })
    }
}

/// Asks a yes-or-no `question` on the terminal behind stderr: Enter or `y` says yes, `n` or Esc
/// no; no other key answers. Ctrl-C comes back as an `Interrupted` error.
pub fn confirm(question: &str) -> io::Result<bool> {
    let term = Term::stderr();
    let width = tty::width(&term);
    let mut rows: Vec<String> = tty::hang(question, width, "").into_iter().map(|r| r.bold().to_string()).collect();
    let hint = "Enter or y: yes · n or Esc: no · Ctrl-C quits";
    rows.extend(tty::hang(hint, width, "").into_iter().map(|r| r.dimmed().to_string()));
    tty::drop_typeahead();
    term.write_str(&format!("{}\n", rows.join("\n")))?;
    let yes = loop {
        match term.read_key_raw()? {
            console::Key::Enter | console::Key::Char('y' | 'Y') => break true,
            console::Key::Escape | console::Key::Char('n' | 'N') => break false,
            console::Key::CtrlC => return Err(io::ErrorKind::Interrupted.into()),
            _ => {}
        }
    };
    term.clear_last_lines(rows.len())?;
    term.write_line(&format!("{question} {}", if yes { "yes" } else { "no" }))?;
    Ok(yes)
}

/// End of input ends the session; a closed terminal too.
fn ended(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::UnexpectedEof
}

impl Prompter for TerminalPrompter {
    fn answer(&mut self, item: &Planned, out: &mut dyn Write) -> io::Result<Reply> {
        let choices = item.question.choices();
        let shown: Vec<String> = item.order.iter().map(|&i| choices[i].clone()).collect();
        let named = |k: usize| format!("{}) {}", letter(k), shown[k]);
        let result = match item.question.qtype() {
            QType::Choice => {
                let menu = Menu {
                    title: "Your answer",
                    items: &shown,
                    mode: Mode::Pick,
                    letters: true,
                    cursor: Some(0),
                    ticks: Vec::new(),
                    escape: Some("skips"),
                };
                self.menu(&menu, self.timer(item), |o| match o {
                    Outcome::Picked(k) => format!("Your answer: {}", named(*k)),
                    _ => "Your answer: skipped".into(),
                })
                .map(|o| match o {
                    Outcome::Picked(k) => Reply::Answer(Response::Choice(item.order[k])),
                    _ => Reply::Skip,
                })
            }
            QType::Multi => {
                let menu = Menu {
                    title: "Your answer (tick every right one)",
                    items: &shown,
                    mode: Mode::Tick { need_one: true },
                    letters: true,
                    cursor: Some(0),
                    ticks: Vec::new(),
                    escape: Some("skips"),
                };
                let picked = |ticks: &[bool]| -> Vec<usize> { (0..ticks.len()).filter(|&k| ticks[k]).collect() };
                self.menu(&menu, self.timer(item), |o| match o {
                    Outcome::Ticked(t) => {
                        format!("Your answer: {}", picked(t).into_iter().map(named).collect::<Vec<_>>().join("; "))
                    }
                    _ => "Your answer: skipped".into(),
                })
                .map(|o| match o {
                    Outcome::Ticked(t) => {
                        let mut bank: Vec<usize> = picked(&t).into_iter().map(|k| item.order[k]).collect();
                        bank.sort_unstable();
                        Reply::Answer(Response::Multi(bank))
                    }
                    _ => Reply::Skip,
                })
            }
            QType::Short => self.typed(item, Shape::Line, out),
            QType::Open => self.typed(item, Shape::Lines, out),
        };
        match result {
            Err(e) if ended(&e) => Ok(Reply::End),
            other => other,
        }
    }

    fn confirm_points(&mut self, points: &[KeyPoint], ticks: Vec<bool>, _out: &mut dyn Write) -> io::Result<Vec<bool>> {
        let items: Vec<String> = points.iter().map(|p| p.point.clone()).collect();
        let menu = Menu {
            title: "Which key points did your answer cover? (ticked: what its words matched)",
            items: &items,
            mode: Mode::Tick { need_one: false },
            letters: true,
            cursor: Some(0),
            ticks: ticks.clone(),
            escape: Some("keeps the ticks as matched"),
        };
        let picked = self.menu(&menu, None, |o| {
            let t = match o {
                Outcome::Ticked(t) => t,
                _ => &ticks,
            };
            format!("Key points covered: {} of {}", t.iter().filter(|&&t| t).count(), t.len())
        });
        match picked {
            Ok(Outcome::Ticked(t)) => Ok(t),
            Ok(_) => Ok(ticks),
            Err(e) if ended(&e) => Ok(ticks),
            Err(e) => Err(e),
        }
    }

    fn confidence(&mut self, _out: &mut dyn Write) -> io::Result<Option<u8>> {
        let levels = ["1 – a guess", "2 – fairly sure", "3 – sure"].map(String::from);
        let menu = Menu {
            title: "How sure are you?",
            items: &levels,
            mode: Mode::Pick,
            letters: false,
            // Nothing marked: Enter alone must not rate an answer, or calibration would measure
            // the default rather than the user.
            cursor: None,
            ticks: Vec::new(),
            escape: Some("means not saying"),
        };
        let pick = self.menu(&menu, None, |o| match o {
            Outcome::Picked(k) => format!("How sure: {}", levels[*k]),
            _ => "How sure: not saying".into(),
        });
        match pick {
            Ok(Outcome::Picked(k)) => Ok(u8::try_from(k + 1).ok()),
            Ok(_) => Ok(None),
            Err(e) if ended(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn is_plain(&self) -> bool {
        false
    }

    fn width(&self) -> Option<usize> {
        Some(TerminalPrompter::width(self))
    }
}
