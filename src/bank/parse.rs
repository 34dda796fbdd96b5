//! Reading a bank's text: size and nesting limits, the format version, YAML parsing (large banks
//! in two halves on two threads), and serde's messages made readable.

use super::{
    Bank, Diagnostic, FORMAT, MAX_BANK_BYTES,
    check::{check, check_indexed},
    fields,
    locate::Locator,
    raw::{RawBank, RawQuestion},
};
use serde::Deserialize;

/// Parses a bank's text. `file` names it in messages; `stem` is the topic it must declare.
pub fn parse(file: &str, stem: &str, text: &str) -> Result<Bank, Vec<Diagnostic>> {
    // Some Windows editors start UTF-8 files with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let at = |line: usize, column: usize, message: String| Diagnostic { file: file.to_owned(), line, column, message };
    if text.len() > MAX_BANK_BYTES {
        return Err(vec![at(
            1,
            1,
            format!(
                "bank is {} bytes, over the {} MiB limit; split it into several files",
                text.len(),
                MAX_BANK_BYTES >> 20
            ),
        )]);
    }
    if text.trim().is_empty() {
        return Err(vec![at(
            1,
            1,
            "the file is empty; a bank starts with `format: 1`, `topic:`, `title:` and `questions:`".into(),
        )]);
    }
    if let Some((line, column)) = too_deep(text) {
        return Err(vec![at(
            line,
            column,
            format!("nesting is deeper than {MAX_DEPTH} levels; banks need only a few"),
        )]);
    }
    if let Some((line, version)) = declared_format(text)
        && version != FORMAT
    {
        let message = if version > FORMAT {
            format!("bank format {version} is newer than this quiz reads (format {FORMAT}); upgrade quiz")
        } else {
            format!("unknown bank format {version}; this quiz reads `format: {FORMAT}`")
        };
        return Err(vec![at(line, 1, message)]);
    }
    let loc = Locator::new(text);
    let raw = match parse_in_halves(text, &loc) {
        Some(raw) => raw,
        None => match serde_yaml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                // Read again field by field, so every problem of every question is reported.
                let (header, questions, found) = fields::read(file, stem, text, &loc);
                if found.is_empty() {
                    let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                    return Err(vec![at(line, column, fields::clip_quotes(&yaml_message(&e)))]);
                }
                // `found` is not empty, so the check cannot succeed.
                return Err(check_indexed(file, stem, &loc, header, questions, found).err().unwrap_or_default());
            }
        },
    };
    check(file, stem, &loc, raw)
}

/// Banks larger than this are parsed in two halves on two threads.
pub(super) const SPLIT_AT: usize = 1 << 20;

/// The question list of the second half of a large bank.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRest {
    questions: Vec<RawQuestion>,
}

/// Parses a large bank as two documents at once, split between two questions of the block-style
/// `questions:` list. `None` when the bank is small, has no such split, or either half does not
/// parse (anchors across the split, a syntax error): the caller then parses it whole, which
/// also gives the exact diagnostics.
pub(super) fn parse_in_halves(text: &str, loc: &Locator) -> Option<RawBank> {
    if text.len() < SPLIT_AT {
        return None;
    }
    let split = loc.split_point()?;
    let (head, tail) = text.split_at(split);
    let tail = format!("questions:\n{tail}");
    let (first, rest) = std::thread::scope(|s| {
        let rest = s.spawn(|| serde_yaml::from_str::<RawRest>(&tail).ok());
        (serde_yaml::from_str::<RawBank>(head).ok(), rest.join().ok().flatten())
    });
    let (mut first, rest) = (first?, rest?);
    first.questions.extend(rest.questions);
    Some(first)
}

/// Deepest bracket nesting accepted. The YAML parser slows down quadratically with depth, so
/// absurd nesting is refused before parsing.
const MAX_DEPTH: usize = 128;

/// The position where `[`/`{` nesting first exceeds [`MAX_DEPTH`], if it does. Brackets inside
/// quoted strings and comments are not counted.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (n, line) in text.lines().enumerate() {
        let mut quote = None;
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), _) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if matches!(prev, ' ' | '[' | '{' | ',' | ':') => quote = Some(c),
                (None, '#') if prev == ' ' => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some((n + 1, col + 1));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            prev = c;
        }
    }
    None
}

/// Parses a built-in bank from the JSON form build.rs made of it, with the YAML text for
/// positions; should the JSON not read, the YAML is parsed instead, for its diagnostics.
pub fn parse_prebuilt(file: &str, stem: &str, yaml: &str, json: &str) -> Result<Bank, Vec<Diagnostic>> {
    match serde_json::from_str::<RawBank>(json) {
        Ok(raw) => check(file, stem, &Locator::new(yaml), raw),
        Err(_) => parse(file, stem, yaml),
    }
}

/// Finds a top-level `format: N` line without parsing the whole document, so a newer format
/// is refused before its unknown fields produce misleading errors.
fn declared_format(text: &str) -> Option<(usize, u64)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let value = line.strip_prefix("format:")?;
        let value = value.split('#').next()?.trim().trim_matches(['"', '\'']);
        value.parse().ok().map(|v| (i + 1, v))
    })
}

/// serde_yaml puts " at line L column C" in its messages; the diagnostic carries those already.
fn yaml_message(e: &serde_yaml::Error) -> String {
    let mut msg = e.to_string();
    if let Some(start) = msg.find(" at line ") {
        let rest = &msg[start + 9..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_len = digits(rest);
        if let Some(after) = rest[line_len..].strip_prefix(" column ") {
            let end = start + 9 + line_len + 8 + digits(after);
            msg.replace_range(start..end, "");
        }
    }
    if msg.contains("recursion limit exceeded") {
        return "nesting is too deep (recursion limit exceeded); banks need only a few levels".into();
    }
    if msg.contains("repetition limit exceeded") {
        return "too many alias expansions (repetition limit exceeded); banks should not use YAML aliases".into();
    }
    if let Some(found) = msg.strip_prefix("invalid type: ").and_then(|m| m.strip_suffix(", expected struct RawBank")) {
        return format!(
            "the top level of a bank must be a mapping with `format`, `topic`, `title` and `questions`, not {found}"
        );
    }
    msg.replace("struct RawQuestion", "a question mapping")
        .replace("struct RawKeyPoint", "a key point mapping {point, keywords}")
        .replace("struct RawExamples", "a mapping {pass: [...], fail: [...]}")
}
