//! How a session asks for answers. The engine talks to a [`Prompter`]; the plain line mode
//! here serves scripts, pipes and tests, and [`crate::ask::terminal`] serves people at a terminal.

use std::io::{self, BufRead, Read, Write};

use crate::{
    bank::{KeyPoint, QType},
    draw::Planned,
    grade::Response,
};

/// What came back from a prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// An answer.
    Answer(Response),
    /// The question was skipped (scores 0).
    Skip,
    /// Input ended: the session stops here, keeping what was answered.
    End,
}

/// Asks questions and reads answers.
pub trait Prompter {
    /// Shows how to answer `item` (its choices, if any) on `out` and reads one answer.
    fn answer(&mut self, item: &Planned, out: &mut dyn Write) -> io::Result<Reply>;

    /// Lets the user confirm or correct which key points an open answer covered; `ticks` holds
    /// the ones its keywords matched. The plain mode keeps the keyword verdict.
    fn confirm_points(&mut self, points: &[KeyPoint], ticks: Vec<bool>, out: &mut dyn Write) -> io::Result<Vec<bool>>;

    /// Whether answers are typed as lines (and so feedback lists the choices' letters).
    fn is_plain(&self) -> bool;

    /// How sure the user is of the answer just given, 1 (a guess) to 3 (sure); `None` when
    /// they did not say. Plain mode takes it from a `?1`–`?3` suffix on the answer line.
    fn confidence(&mut self, out: &mut dyn Write) -> io::Result<Option<u8>>;

    /// The width to wrap text to, when it goes to a terminal.
    fn width(&self) -> Option<usize> {
        None
    }
}

/// The letter shown for display position `k`: a, b, c, …
pub fn letter(k: usize) -> char {
    char::from(b'a' + (k % 26) as u8)
}

/// Longest answer line kept; the rest of a longer line is dropped.
const MAX_LINE: usize = 64 * 1024;

/// One answer per line from any reader.
pub struct PlainPrompter<R> {
    input: R,
    echo: bool,
    /// Whether answer lines may end in a `?1`–`?3` confidence suffix.
    confidence: bool,
    last_confidence: Option<u8>,
    /// Whether input is a terminal whose keys typed ahead are dropped before each prompt.
    typeahead: bool,
    /// Whether a line has been read (the first may start with a byte-order mark).
    started: bool,
}

impl<R: BufRead> PlainPrompter<R> {
    /// Reads answers from `input`. With `echo`, each answer read is written back after the
    /// prompt, so a transcript of piped input reads like a typed session.
    pub fn new(input: R, echo: bool) -> Self {
        PlainPrompter { input, echo, confidence: false, last_confidence: None, typeahead: false, started: false }
    }

    /// Accepts a `?1`–`?3` confidence suffix on answer lines.
    pub fn with_confidence(mut self) -> Self {
        self.confidence = true;
        self
    }

    /// Drops what was typed before each prompt was shown (input is a terminal), so a line
    /// typed for one question never answers the next.
    pub fn dropping_typeahead(mut self) -> Self {
        self.typeahead = true;
        self
    }

    /// The next line without its ending, or `None` at end of input. A UTF-8 byte-order mark
    /// (an answers file saved by a Windows editor) is not part of the first line.
    fn line(&mut self) -> io::Result<Option<String>> {
        let mut buf = Vec::new();
        let n = (&mut self.input).take(MAX_LINE as u64).read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        if buf.last() != Some(&b'\n') && n == MAX_LINE {
            self.input.skip_until(b'\n')?;
        }
        if !std::mem::replace(&mut self.started, true) && buf.starts_with(b"\xEF\xBB\xBF") {
            buf.drain(..3);
        }
        Ok(Some(String::from_utf8_lossy(&buf).trim().to_owned()))
    }
}

impl<R: BufRead> Prompter for PlainPrompter<R> {
    fn answer(&mut self, item: &Planned, out: &mut dyn Write) -> io::Result<Reply> {
        if self.typeahead {
            super::tty::drop_typeahead();
        }
        let choices = item.question.choices();
        for (k, &i) in item.order.iter().enumerate() {
            writeln!(out, "  {}) {}", letter(k), choices[i])?;
        }
        let hint = match item.question.qtype() {
            QType::Choice => "one letter",
            QType::Multi => "letters, e.g. a,c",
            QType::Short => "a short answer",
            QType::Open => "your answer on one line",
        };
        loop {
            write!(out, "answer ({hint}; empty line skips)> ")?;
            out.flush()?;
            let Some(line) = self.line()? else {
                writeln!(out)?;
                return Ok(Reply::End);
            };
            if self.echo {
                writeln!(out, "{line}")?;
            }
            let (line, confidence) = if self.confidence { split_confidence(&line) } else { (line.as_str(), None) };
            self.last_confidence = confidence;
            if line.is_empty() {
                return Ok(Reply::Skip);
            }
            match parse_plain(item, line) {
                Ok(r) => return Ok(Reply::Answer(r)),
                Err(why) => writeln!(out, "{why}; try again")?,
            }
        }
    }

    fn confirm_points(&mut self, _: &[KeyPoint], ticks: Vec<bool>, _: &mut dyn Write) -> io::Result<Vec<bool>> {
        Ok(ticks)
    }

    fn confidence(&mut self, _: &mut dyn Write) -> io::Result<Option<u8>> {
        Ok(self.last_confidence.take())
    }

    fn is_plain(&self) -> bool {
        true
    }
}

/// Splits a `?1`–`?3` suffix (`b ?3`, `O(n)?2`) off an answer line.
pub fn split_confidence(line: &str) -> (&str, Option<u8>) {
    let t = line.trim_end();
    let Some(rest) = t.strip_suffix(['1', '2', '3']) else { return (t, None) };
    match rest.trim_end().strip_suffix('?') {
        Some(answer) => (answer.trim_end(), t.bytes().last().map(|b| b - b'0')),
        None => (t, None),
    }
}

/// Reads a plain answer line: a choice by letter, exact text or 1-based number (in that order
/// of precedence); multi as letters, texts or numbers separated by commas or spaces; anything
/// else as text.
pub fn parse_plain(item: &Planned, line: &str) -> Result<Response, String> {
    let choices = item.question.choices();
    let n = item.order.len();
    // A letter always means a position, as the prompt shows; a choice's own text comes before a
    // number, so a choice such as "404" or "1" can be typed as it reads.
    let pick = |token: &str| -> Option<usize> {
        let t = token.trim();
        if t.len() == 1 && t.as_bytes()[0].is_ascii_alphabetic() {
            let k = usize::from(t.to_ascii_lowercase().as_bytes()[0] - b'a');
            return (k < n).then_some(k);
        }
        if let Some(k) = item.order.iter().position(|&i| choices[i].eq_ignore_ascii_case(t)) {
            return Some(k);
        }
        let k = t.parse::<usize>().ok()?.checked_sub(1)?;
        (k < n).then_some(k)
    };
    let range = format!("a letter a–{} or a number 1–{n}", letter(n.saturating_sub(1)));
    match item.question.qtype() {
        QType::Choice => pick(line)
            .map(|k| Response::Choice(item.order[k]))
            .ok_or_else(|| format!("'{line}' is not one of the choices; answer with {range} or the choice text")),
        QType::Multi => {
            let mut picked = Vec::new();
            for token in line.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()) {
                let k = pick(token).ok_or_else(|| format!("'{token}' is not one of the choices; use {range}"))?;
                if !picked.contains(&item.order[k]) {
                    picked.push(item.order[k]);
                }
            }
            picked.sort_unstable();
            Ok(Response::Multi(picked))
        }
        QType::Short | QType::Open => Ok(Response::Text(line.to_owned())),
    }
}

/// The response as text for the log and feedback: choice texts, or what was typed.
pub fn response_text(item: &Planned, r: &Response) -> String {
    let choices = item.question.choices();
    match r {
        Response::Choice(i) => choices[*i].clone(),
        Response::Multi(all) => all.iter().map(|&i| choices[i].as_str()).collect::<Vec<_>>().join("; "),
        Response::Text(t) => t.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_starts_no_answer() {
        let mut p = PlainPrompter::new("\u{feff}b\n\u{feff}c\n".as_bytes(), false);
        assert_eq!(p.line().unwrap().as_deref(), Some("b"));
        assert_eq!(p.line().unwrap().as_deref(), Some("\u{feff}c"), "only at the start of input");
        assert_eq!(p.line().unwrap(), None);
    }

    #[test]
    fn confidence_suffixes() {
        assert_eq!(split_confidence("b ?3"), ("b", Some(3)));
        assert_eq!(split_confidence("O(log n)?1"), ("O(log n)", Some(1)));
        assert_eq!(split_confidence("a, c ? 2 "), ("a, c", Some(2)));
        assert_eq!(split_confidence("?2"), ("", Some(2)));
        assert_eq!(split_confidence("HTTP/2"), ("HTTP/2", None));
        assert_eq!(split_confidence("b ?4"), ("b ?4", None));
    }
}
