//! The one line editor for typed answers: rustyline, drawing on the terminal itself so stdout
//! stays free for `--json`, with emacs keys and bracketed paste, and no recall of earlier
//! answers. A short answer is one line; an open answer may take paragraphs.
//!
//! | key                     | short answer        | open answer                           |
//! |-------------------------|---------------------|---------------------------------------|
//! | Enter                   | submits             | adds a line; on an empty line submits |
//! | Alt-Enter               | –                   | inserts a line, also a blank one      |
//! | Ctrl-D                  | submits             | submits                               |
//! | paste                   | joined into a line  | inserted whole, blank lines kept      |
//! | Ctrl-X Ctrl-E           | opens $EDITOR       | opens $EDITOR                         |
//! | Ctrl-G                  | skips the question  | skips the question                    |
//! | Ctrl-C                  | ends the session    | ends the session                      |

use std::{
    borrow::Cow,
    io,
    sync::{Arc, Mutex},
    time::Duration,
};

use rustyline::{
    Cmd, ConditionalEventHandler, Config, Editor, Event, EventContext, EventHandler, ExternalPrinter, KeyCode,
    KeyEvent, Modifiers, RepeatCount,
    completion::Completer,
    config::{Behavior, EditMode},
    error::ReadlineError,
    highlight::Highlighter,
    hint::Hinter,
    history::DefaultHistory,
    validate::Validator,
};

use super::countdown::{Countdown, Label, OnTick, Stopper, Tick};

/// How an answer is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One line: Enter submits.
    Line,
    /// Paragraphs: Enter adds a line, Enter on an empty line submits.
    Lines,
}

impl Shape {
    /// The keys, for the hint under the question.
    pub fn hint(self) -> &'static str {
        match self {
            Shape::Line => "Enter submits · Ctrl-G skips · Ctrl-X Ctrl-E opens your editor · Ctrl-C ends the session",
            Shape::Lines => {
                "Enter adds a line · Enter on an empty line or Ctrl-D submits · Alt-Enter adds a blank line · \
                 Ctrl-G skips · Ctrl-X Ctrl-E opens your editor · Ctrl-C ends the session"
            }
        }
    }

    /// The answer as kept: a short answer on one line, an open one without blank lines around it.
    pub fn tidy(self, text: &str) -> String {
        match self {
            Shape::Line => text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" "),
            Shape::Lines => {
                let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
                let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
                let last = lines.iter().rposition(|l| !l.is_empty()).map_or(first, |i| i + 1);
                lines[first..last].join("\n")
            }
        }
    }
}

/// What came of typing an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// The answer, tidied.
    Text(String),
    /// The user asked to skip the question.
    Skip,
    /// The user asked for their editor, with what they had typed so far.
    Visual(String),
}

/// Why the editor stopped other than with Enter.
#[derive(Debug, Clone)]
enum Exit {
    Skip,
    Visual(String),
}

/// Shares the countdown's label with the prompt, and nothing else: no completion, no hints.
struct Helper {
    label: Label,
    /// The prompt as first drawn; the label replaces its start when it has the same width.
    raw: String,
}

impl Completer for Helper {
    type Candidate = String;
}

impl Hinter for Helper {
    type Hint = String;
}

impl Validator for Helper {}

impl rustyline::Helper for Helper {}

impl Highlighter for Helper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        let now = prompt_for(&self.label.get());
        // rustyline lays out the raw prompt, so a label of another width would misplace the cursor.
        if now.chars().count() == self.raw.chars().count() { Cow::Owned(now) } else { Cow::Borrowed(prompt) }
    }
}

fn prompt_for(label: &str) -> String {
    format!("{label} › ")
}

/// What a key does, decided on the line the cursor is on.
struct Keys {
    shape: Shape,
    stop: Stopper,
    exit: Arc<Mutex<Option<Exit>>>,
    action: Action,
}

#[derive(Clone, Copy)]
enum Action {
    Enter,
    CtrlD,
    Skip,
    Visual,
    Interrupt,
}

impl ConditionalEventHandler for Keys {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let line = ctx.line();
        let empty = line.trim().is_empty();
        let done = |exit: Option<Exit>, cmd: Cmd| {
            self.stop.stop();
            if let Ok(mut slot) = self.exit.lock() {
                *slot = exit;
            }
            Some(cmd)
        };
        match self.action {
            // Nothing typed: nothing to submit (skipping is its own key).
            Action::Enter | Action::CtrlD if empty => Some(Cmd::Noop),
            Action::Enter if self.shape == Shape::Lines && !cursor_line(line, ctx.pos()).trim().is_empty() => {
                Some(Cmd::Newline)
            }
            Action::Enter | Action::CtrlD => done(None, Cmd::AcceptLine),
            Action::Skip => done(Some(Exit::Skip), Cmd::AcceptLine),
            Action::Visual => done(Some(Exit::Visual(line.to_owned())), Cmd::AcceptLine),
            Action::Interrupt => done(None, Cmd::Interrupt),
        }
    }
}

/// The line of `text` that byte position `pos` is on.
fn cursor_line(text: &str, pos: usize) -> &str {
    let pos = pos.min(text.len());
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    &text[start..end]
}

/// Reads one typed answer on the terminal, starting from `draft`, with the countdown that
/// `start` starts on the prompt. Ctrl-C comes back as an `Interrupted` error.
pub fn read(shape: Shape, draft: &str, start: impl FnOnce(OnTick) -> Countdown) -> io::Result<Typed> {
    let config = Config::builder()
        .behavior(Behavior::PreferTerm)
        .edit_mode(EditMode::Emacs)
        .auto_add_history(false)
        .check_cursor_position(false)
        .bracketed_paste(true)
        .build();
    let mut editor: Editor<Helper, DefaultHistory> = Editor::with_config(config).map_err(io_error)?;
    let mut printer = editor.create_external_printer().ok();
    let countdown = start(Box::new(move |tick, _: &str| {
        if let Some(p) = printer.as_mut() {
            // Up a row, then down again: the editor clears its rows first, so this redraws the
            // prompt in place; written outside the editor, it leaves the cursor where it was.
            let msg = match tick {
                Tick::Redraw => "\x1b[A\n".to_owned(),
                Tick::Cue => format!("{}\n", super::countdown::CUE),
            };
            let _ = p.print(msg);
        }
    }));
    let raw = prompt_for(&countdown.label().get());
    editor.set_helper(Some(Helper { label: countdown.label(), raw: raw.clone() }));
    let exit = Arc::new(Mutex::new(None));
    let bind = |editor: &mut Editor<Helper, DefaultHistory>, key: Event, action: Action| {
        let keys = Keys { shape, stop: countdown.stopper(), exit: Arc::clone(&exit), action };
        editor.bind_sequence(key, EventHandler::Conditional(Box::new(keys)));
    };
    let key = |code, mods| Event::from(KeyEvent(code, mods));
    bind(&mut editor, key(KeyCode::Enter, Modifiers::NONE), Action::Enter);
    bind(&mut editor, key(KeyCode::Char('M'), Modifiers::CTRL), Action::Enter);
    bind(&mut editor, key(KeyCode::Char('J'), Modifiers::CTRL), Action::Enter);
    bind(&mut editor, key(KeyCode::Char('D'), Modifiers::CTRL), Action::CtrlD);
    bind(&mut editor, key(KeyCode::Char('G'), Modifiers::CTRL), Action::Skip);
    bind(&mut editor, key(KeyCode::Char('C'), Modifiers::CTRL), Action::Interrupt);
    bind(
        &mut editor,
        Event::KeySeq(vec![
            KeyEvent(KeyCode::Char('X'), Modifiers::CTRL),
            KeyEvent(KeyCode::Char('E'), Modifiers::CTRL),
        ]),
        Action::Visual,
    );
    let newline = match shape {
        Shape::Line => Cmd::Noop,
        Shape::Lines => Cmd::Newline,
    };
    editor.bind_sequence(key(KeyCode::Enter, Modifiers::ALT), EventHandler::Simple(newline));
    let result = editor.readline_with_initial(&raw, (draft, ""));
    // A tick that began just as the answer was submitted may be waiting for the editor to take
    // its redraw; letting the editor go releases it. Otherwise the countdown ends first, so no
    // tick ever writes to the editor's terminal once that is closed.
    if !countdown.settle(Duration::from_millis(500)) {
        drop(editor);
    }
    drop(countdown);
    let exit = exit.lock().ok().and_then(|mut e| e.take());
    match result {
        Ok(text) => Ok(match exit {
            Some(Exit::Skip) => Typed::Skip,
            Some(Exit::Visual(text)) => Typed::Visual(text),
            None => Typed::Text(shape.tidy(&text)),
        }),
        Err(ReadlineError::Interrupted) => Err(io::ErrorKind::Interrupted.into()),
        Err(ReadlineError::Eof) => Err(io::ErrorKind::UnexpectedEof.into()),
        Err(e) => Err(io_error(e)),
    }
}

fn io_error(e: ReadlineError) -> io::Error {
    match e {
        ReadlineError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_answers_become_one_line() {
        assert_eq!(Shape::Line.tidy("  O(log n)\n"), "O(log n)");
        assert_eq!(Shape::Line.tidy("first line\n\n  second\n"), "first line second");
    }

    #[test]
    fn open_answers_keep_their_paragraphs() {
        assert_eq!(Shape::Lines.tidy("\none\ntwo  \n\nthree\n\n"), "one\ntwo\n\nthree");
        assert_eq!(Shape::Lines.tidy("\n \n"), "");
    }

    #[test]
    fn the_cursor_line_decides() {
        let text = "first\n\nthird";
        assert_eq!(cursor_line(text, 0), "first");
        assert_eq!(cursor_line(text, 5), "first");
        assert_eq!(cursor_line(text, 6), "");
        assert_eq!(cursor_line(text, 7), "third");
        assert_eq!(cursor_line(text, text.len()), "third");
        assert_eq!(cursor_line("one\n", 4), "");
    }
}
