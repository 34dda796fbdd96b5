//! Facts about the terminal the prompts draw on, read when they are needed: how wide prose may
//! be now (the terminal may have been resized), and dropping keys typed before a prompt was
//! drawn, so a key pressed for one question never answers the next.

use std::io;

use console::Term;

/// Prose is never wider than this, however wide the terminal.
pub const MAX_WIDTH: usize = 100;

/// Drops whatever was typed but not yet read on the terminal behind stdin.
pub fn drop_typeahead() {
    // Not a terminal (or already gone): there is nothing to drop.
    let _ = rustix::termios::tcflush(io::stdin(), rustix::termios::QueueSelector::IFlush);
}

/// The width to lay text out at on `term` now: one column short of the terminal, so no row
/// ends in the last column (where terminals differ on wrapping), capped at [`MAX_WIDTH`].
pub fn width(term: &Term) -> usize {
    width_for(usize::from(term.size().1))
}

fn width_for(columns: usize) -> usize {
    columns.saturating_sub(1).clamp(20, MAX_WIDTH)
}

/// `text` wrapped to `width`, the first row starting with `first` and the others indented to
/// line up under its text (a hanging indent), so no row is ever wrapped by the terminal.
pub fn hang(text: &str, width: usize, first: &str) -> Vec<String> {
    let indent = " ".repeat(console::measure_text_width(first));
    let options = textwrap::Options::new(width).initial_indent(first).subsequent_indent(&indent);
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let options = if i == 0 { options.clone() } else { options.clone().initial_indent(&indent) };
        rows.extend(textwrap::wrap(line, options).into_iter().map(|r| r.into_owned()));
    }
    if rows.is_empty() {
        rows.push(first.to_owned());
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_capped_at_a_hundred_columns() {
        assert_eq!((width_for(60), width_for(100), width_for(250), width_for(5)), (59, 99, 100, 20));
    }

    #[test]
    fn hanging_indent_keeps_rows_within_the_width() {
        let rows = hang("Use a hash map from value to index, one pass over the array", 30, "  b) ");
        assert_eq!(rows, ["  b) Use a hash map from value", "     to index, one pass over", "     the array"]);
        assert!(rows.iter().all(|r| r.chars().count() <= 30));
        assert_eq!(hang("two\nlines", 30, "> "), ["> two", "  lines"]);
        assert_eq!(hang("", 30, "  a) "), ["  a) "]);
    }
}
