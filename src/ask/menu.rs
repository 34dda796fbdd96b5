//! A small menu on the terminal for choices, multiple picks, the key-point checklist and the
//! confidence scale. Every key it takes is listed in the hint under it; a letter or a number
//! picks (or ticks) the matching item as in plain mode; Esc does what the hint says, and no
//! other key skips. Items are wrapped ahead with a hanging indent, so the terminal never wraps a
//! row and every redraw clears exactly what was drawn. A menu that answers a question shows the
//! time left on its first row, rewritten in place every second.

use std::{
    io,
    sync::{Arc, Mutex},
};

use colored::Colorize;
use console::{Key, Term};

use super::{
    countdown::{Countdown, Timer},
    prompt::letter,
    tty::{self, hang},
};

/// Whether the menu picks one item or ticks several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One item: a letter, a number or Enter picks it.
    Pick,
    /// Several: a letter, a number or Space ticks one; Enter submits.
    Tick {
        /// Whether at least one must be ticked to submit.
        need_one: bool,
    },
}

/// A menu to show.
pub struct Menu<'a> {
    /// The question it asks, shown above the items.
    pub title: &'a str,
    /// The items, in the order shown.
    pub items: &'a [String],
    /// Pick or tick.
    pub mode: Mode,
    /// Whether items carry letters (`a) …`); otherwise only numbers pick them.
    pub letters: bool,
    /// The item marked at first.
    pub cursor: Option<usize>,
    /// The items ticked at first (tick menus).
    pub ticks: Vec<bool>,
    /// What Esc does, as the hint says it ("skips"); `None`: Esc does nothing.
    pub escape: Option<&'a str>,
}

/// How a menu ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The item picked.
    Picked(usize),
    /// The ticks submitted.
    Ticked(Vec<bool>),
    /// Esc.
    Escaped,
}

impl Menu<'_> {
    /// The keys, for the hint line.
    pub fn hint(&self) -> String {
        let n = self.items.len();
        let keys = match (self.letters, n) {
            (true, 1) => "a or 1".to_owned(),
            (true, _) => format!("a–{} or 1–{n}", letter(n - 1)),
            (false, 1) => "1".to_owned(),
            (false, _) => format!("1–{n}"),
        };
        let mut parts = vec!["↑↓ move".to_owned()];
        match self.mode {
            Mode::Pick => {
                parts.push(format!("{keys} picks"));
                parts.push("Enter picks the marked one".into());
            }
            Mode::Tick { .. } => {
                parts.push(format!("{keys} or Space ticks"));
                parts.push("Enter submits".into());
            }
        }
        if let Some(escape) = self.escape {
            parts.push(format!("Esc {escape}"));
        }
        parts.push("Ctrl-C ends the session".into());
        parts.join(" · ")
    }

    /// The rows to draw, wrapped to `width` and at most `height` of them: when the items do not
    /// all fit, a window of them around the cursor, with a row saying how many are out of view.
    fn rows(
        &self,
        cursor: Option<usize>,
        ticks: &[bool],
        note: Option<&str>,
        width: usize,
        height: usize,
    ) -> Vec<String> {
        let title: Vec<String> = hang(self.title, width, "").into_iter().map(|r| r.bold().to_string()).collect();
        let mut foot: Vec<String> = hang(&self.hint(), width, "").into_iter().map(|r| r.dimmed().to_string()).collect();
        if let Some(note) = note {
            foot.extend(hang(note, width, "").into_iter().map(|r| r.yellow().to_string()));
        }
        let items: Vec<Vec<String>> = self
            .items
            .iter()
            .enumerate()
            .map(|(k, item)| {
                let marked = cursor == Some(k);
                let marker = if marked { "❯ " } else { "  " };
                let tick = match self.mode {
                    Mode::Pick => "",
                    Mode::Tick { .. } if ticks.get(k) == Some(&true) => "[x] ",
                    Mode::Tick { .. } => "[ ] ",
                };
                let key = if self.letters { format!("{}) ", letter(k)) } else { String::new() };
                let rows = hang(item, width, &format!("{marker}{tick}{key}"));
                if marked { rows.into_iter().map(|r| r.cyan().to_string()).collect() } else { rows }
            })
            .collect();
        let all: usize = items.iter().map(Vec::len).sum();
        let room = height.saturating_sub(title.len() + foot.len());
        let (first, last) =
            if all <= room { (0, items.len()) } else { window(&items, cursor.unwrap_or(0), room.saturating_sub(1)) };
        let mut rows = title;
        rows.extend(items[first..last].iter().flatten().cloned());
        if (first, last) != (0, items.len()) {
            let hidden = first + items.len() - last;
            rows.push(format!("  ({hidden} more: ↑↓ to see them)").dimmed().to_string());
        }
        rows.extend(foot);
        rows
    }

    /// The item a typed key names: its letter (when shown) or its 1-based number.
    fn named(&self, c: char) -> Option<usize> {
        let n = self.items.len();
        let k = if self.letters && c.is_ascii_lowercase() {
            usize::from(c as u8 - b'a')
        } else {
            usize::from(c.to_digit(10)? as u8).checked_sub(1)?
        };
        (k < n).then_some(k)
    }

    /// Shows the menu on `term`, with the time left by `timer` if any, and reads keys until it
    /// ends; the menu is then replaced by `summary` of the outcome. Ctrl-C comes back as an
    /// `Interrupted` error.
    pub fn run(&self, term: &Term, timer: Option<Timer>, summary: impl Fn(&Outcome) -> String) -> io::Result<Outcome> {
        let last = self.items.len().saturating_sub(1);
        let mut cursor = self.cursor.map(|c| c.min(last));
        let mut ticks = self.ticks.clone();
        ticks.resize(self.items.len(), false);
        let mut note: Option<&str> = None;
        // Keys typed before the menu is drawn were meant for something else.
        tty::drop_typeahead();
        term.hide_cursor()?;
        // The widths of the rows on screen, to clear them even after a resize has rewrapped them.
        let mut drawn: Vec<usize> = Vec::new();
        // Held while drawing, so the countdown's thread never writes in the middle of a redraw.
        let screen = Arc::new(Mutex::new(Screen { rows: 0, width: 0, live: true }));
        let countdown = timer.map(|t| {
            let (screen, term) = (Arc::clone(&screen), term.clone());
            Countdown::start(
                t.clock,
                t.started,
                t.limit,
                Box::new(move |_, label| {
                    if let Ok(s) = screen.lock()
                        && s.live
                        && s.rows > 0
                    {
                        // Up to the clock row, rewrite it, and back down below the menu.
                        let row = clock_row(label, s.width);
                        let _ = term.write_str(&format!("\x1b[{n}A\r\x1b[2K{row}\r\x1b[{n}B", n = s.rows));
                    }
                }),
            )
        });
        let result = (|| {
            loop {
                let width = tty::width(term);
                let mut height = usize::from(term.size().0).saturating_sub(1);
                let clock = countdown.as_ref().map(|c| clock_row(&c.label().get(), width));
                height -= usize::from(clock.is_some()).min(height);
                let rows: Vec<String> =
                    clock.into_iter().chain(self.rows(cursor, &ticks, note, width, height)).collect();
                {
                    let mut s = screen.lock().map_err(|_| io::Error::other("menu lock"))?;
                    term.clear_last_lines(on_screen(&drawn, term))?;
                    term.write_str(&format!("{}\n", rows.join("\n")))?;
                    (s.rows, s.width) = (rows.len(), width);
                }
                drawn = rows.iter().map(|r| console::measure_text_width(r)).collect();
                note = None;
                let outcome = match term.read_key_raw()? {
                    Key::CtrlC => return Err(io::ErrorKind::Interrupted.into()),
                    Key::ArrowUp | Key::BackTab => {
                        cursor = Some(cursor.and_then(|c| c.checked_sub(1)).unwrap_or(last));
                        None
                    }
                    Key::ArrowDown | Key::Tab => {
                        cursor = Some(cursor.map_or(0, |c| (c + 1) % self.items.len()));
                        None
                    }
                    Key::Home | Key::PageUp => {
                        cursor = Some(0);
                        None
                    }
                    Key::End | Key::PageDown => {
                        cursor = Some(last);
                        None
                    }
                    Key::Escape if self.escape.is_some() => Some(Outcome::Escaped),
                    Key::Enter => match self.mode {
                        Mode::Pick => match cursor {
                            Some(c) => Some(Outcome::Picked(c)),
                            None => {
                                note = Some("Nothing is marked yet: use a key listed above.");
                                None
                            }
                        },
                        Mode::Tick { need_one: true } if !ticks.contains(&true) => {
                            note = Some("Tick at least one first (or Esc to skip).");
                            None
                        }
                        Mode::Tick { .. } => Some(Outcome::Ticked(ticks.clone())),
                    },
                    Key::Char(' ') if matches!(self.mode, Mode::Tick { .. }) => {
                        match cursor {
                            Some(c) => ticks[c] = !ticks[c],
                            None => note = Some("Nothing is marked yet: use a key listed above."),
                        }
                        None
                    }
                    Key::Char(c) => match (self.named(c.to_ascii_lowercase()), self.mode) {
                        (Some(k), Mode::Pick) => Some(Outcome::Picked(k)),
                        (Some(k), Mode::Tick { .. }) => {
                            cursor = Some(k);
                            ticks[k] = !ticks[k];
                            None
                        }
                        (None, _) => {
                            note = Some("That key does nothing here; the keys are listed above.");
                            None
                        }
                    },
                    _ => None,
                };
                if let Some(outcome) = outcome {
                    let mut s = screen.lock().map_err(|_| io::Error::other("menu lock"))?;
                    s.live = false;
                    term.clear_last_lines(on_screen(&drawn, term))?;
                    drawn.clear();
                    let rows = hang(&summary(&outcome), tty::width(term), "");
                    term.write_str(&format!("{}\n", rows.join("\n")))?;
                    return Ok(outcome);
                }
            }
        })();
        if let Ok(mut s) = screen.lock() {
            s.live = false;
        }
        drop(countdown);
        term.show_cursor()?;
        result
    }
}

/// Where the menu stands on screen, for the countdown's thread.
struct Screen {
    /// Rows from the clock row (the first) to the row below the menu, where the cursor waits.
    rows: usize,
    /// The width the menu was drawn at.
    width: usize,
    /// False once the menu is gone.
    live: bool,
}

/// The clock row for `label`, within `width`; past the limit it says so, once and for all.
fn clock_row(label: &str, width: usize) -> String {
    if label.ends_with("over") {
        let text = format!("{label} · time is up; answer marked overtime");
        console::truncate_str(&text, width, "…").yellow().to_string()
    } else {
        label.dimmed().to_string()
    }
}

/// The items `first..last` around `cursor` whose rows fit in `room` (the cursor's always).
fn window(items: &[Vec<String>], cursor: usize, room: usize) -> (usize, usize) {
    let (mut first, mut last) = (cursor, cursor + 1);
    let mut used = items[cursor].len();
    loop {
        let grew_down = last < items.len() && used + items[last].len() <= room;
        if grew_down {
            used += items[last].len();
            last += 1;
        }
        let grew_up = first > 0 && used + items[first - 1].len() <= room;
        if grew_up {
            first -= 1;
            used += items[first].len();
        }
        if !grew_down && !grew_up {
            return (first, last);
        }
    }
}

/// How many terminal rows rows of these widths take now, at the terminal's current width.
fn on_screen(widths: &[usize], term: &Term) -> usize {
    let cols = usize::from(term.size().1).max(1);
    widths.iter().map(|&w| w.div_ceil(cols).max(1)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn menu(items: &[String], mode: Mode) -> Menu<'_> {
        Menu { title: "Your answer", items, mode, letters: true, cursor: Some(0), ticks: vec![], escape: Some("skips") }
    }

    #[test]
    fn hints_list_every_key() {
        let items: Vec<String> = ["404", "400", "500"].map(String::from).to_vec();
        assert_eq!(
            menu(&items, Mode::Pick).hint(),
            "↑↓ move · a–c or 1–3 picks · Enter picks the marked one · Esc skips · Ctrl-C ends the session"
        );
        assert_eq!(
            menu(&items, Mode::Tick { need_one: true }).hint(),
            "↑↓ move · a–c or 1–3 or Space ticks · Enter submits · Esc skips · Ctrl-C ends the session"
        );
    }

    #[test]
    fn letters_and_numbers_name_items_and_q_names_none() {
        let items: Vec<String> = ["404", "400", "500"].map(String::from).to_vec();
        let m = menu(&items, Mode::Pick);
        assert_eq!(
            (m.named('b'), m.named('3'), m.named('q'), m.named('4'), m.named('0')),
            (Some(1), Some(2), None, None, None)
        );
        let numbers = Menu { letters: false, ..menu(&items, Mode::Pick) };
        assert_eq!((numbers.named('a'), numbers.named('2')), (None, Some(1)));
    }

    #[test]
    fn rows_fit_the_width() {
        let items = vec!["Use a hash map from each value to its index and look up the complement".to_owned()];
        let rows = menu(&items, Mode::Tick { need_one: false }).rows(Some(0), &[true], None, 40, 24);
        let plain: Vec<String> = rows.iter().map(|r| console::strip_ansi_codes(r).into_owned()).collect();
        assert_eq!(plain[1], "❯ [x] a) Use a hash map from each value");
        assert_eq!(plain[2], "         to its index and look up the");
        assert!(rows.iter().all(|r| console::measure_text_width(r) <= 40), "{rows:#?}");
    }

    #[test]
    fn a_menu_taller_than_the_terminal_shows_a_window_around_the_cursor() {
        let items: Vec<String> = (1..=9).map(|k| format!("point {k}")).collect();
        let m = menu(&items, Mode::Tick { need_one: false });
        for cursor in [0, 4, 8] {
            let rows = m.rows(Some(cursor), &[], None, 80, 7);
            let plain: Vec<String> = rows.iter().map(|r| console::strip_ansi_codes(r).into_owned()).collect();
            assert!(rows.len() <= 7, "{plain:#?}");
            assert!(
                plain.iter().any(|r| r.starts_with("❯ ") && r.ends_with(&format!("point {}", cursor + 1))),
                "{plain:#?}"
            );
            assert!(plain.iter().any(|r| r.contains("more: ↑↓ to see them")), "{plain:#?}");
        }
        let window = |cursor| super::window(&vec![vec![String::new()]; 9], cursor, 3);
        assert_eq!((window(0), window(4), window(8)), ((0, 3), (3, 6), (6, 9)));
    }
}
