//! Maps a question index and a field name back to a line and column in the bank's text.
//!
//! serde reports positions only for errors it finds itself; the rules checked after parsing
//! (an answer not among the choices, a duplicate id) need positions too. Banks are written in
//! block style, so a light scan of the lines finds each `- ` item under `questions:` and each
//! `key:` inside it. Anything it cannot find falls back to the question's first line.

/// Line index of a bank's text.
pub struct Locator<'a> {
    lines: Vec<&'a str>,
    /// 0-based line of each question item, and the indentation of its keys.
    items: Vec<(usize, usize)>,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

impl<'a> Locator<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let mut items = Vec::new();
        if let Some(start) = lines.iter().position(|l| l.starts_with("questions:")) {
            let mut seq_indent = None;
            for (n, line) in lines.iter().enumerate().skip(start + 1) {
                if is_blank(line) {
                    continue;
                }
                let ind = indent(line);
                let rest = &line[ind..];
                let is_item = rest == "-" || rest.starts_with("- ");
                match seq_indent {
                    None if is_item => seq_indent = Some(ind),
                    None => break,
                    Some(s) if ind < s || (ind == s && !is_item) => break,
                    _ => {}
                }
                if is_item && Some(ind) == seq_indent {
                    let spaces = rest.len() - 1 - rest[1..].trim_start_matches(' ').len();
                    let key_indent = ind + 1 + spaces.max(1);
                    items.push((n, key_indent));
                }
            }
        }
        Locator { lines, items }
    }

    /// A byte offset between two questions near the middle of the text, for parsing a large
    /// bank in halves; `None` when the questions are not a block list starting at column 1 or
    /// 3 (the shapes banks are written in) or there are too few of them.
    pub fn split_point(&self) -> Option<usize> {
        let &(line, key) = self.items.get(self.items.len() / 2)?;
        if self.items.len() < 2 || !matches!(key, 2 | 4) {
            return None;
        }
        // Lines were split on '\n'; a '\r' before it stays in the line.
        Some(self.lines[..line].iter().map(|l| l.len() + 1).sum())
    }

    /// Position of a top-level key, or 1:1.
    pub fn top(&self, key: &str) -> (usize, usize) {
        self.lines
            .iter()
            .position(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
            .map_or((1, 1), |n| (n + 1, 1))
    }

    /// Position of the `i`th question's first line.
    pub fn item(&self, i: usize) -> (usize, usize) {
        self.items.get(i).map_or((1, 1), |&(n, key)| (n + 1, key + 1))
    }

    fn span(&self, i: usize) -> Option<(usize, usize, usize)> {
        let &(start, key) = self.items.get(i)?;
        let end = self.items.get(i + 1).map_or(self.lines.len(), |&(n, _)| n);
        Some((start, end, key))
    }

    /// Position of `name:` inside the `i`th question, if written.
    pub fn find_field(&self, i: usize, name: &str) -> Option<(usize, usize)> {
        let (start, end, key) = self.span(i)?;
        (start..end).find_map(|n| {
            let line = self.lines[n];
            let rest = line.get(key..)?;
            let at_key = n == start || indent(line) == key;
            (at_key && rest.strip_prefix(name).is_some_and(|r| r.starts_with(':'))).then_some((n + 1, key + 1))
        })
    }

    /// Position of `name:` inside the `i`th question, else of the question.
    pub fn field(&self, i: usize, name: &str) -> (usize, usize) {
        self.find_field(i, name).unwrap_or_else(|| self.item(i))
    }

    /// Position of the line after `name:` in the `i`th question that holds the start of `text`
    /// (an example answer, say), else of the field.
    pub fn find_text(&self, i: usize, name: &str, text: &str) -> (usize, usize) {
        let field = self.field(i, name);
        let Some((_, end, _)) = self.span(i) else { return field };
        let probe: String = text.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
        let probe = probe.trim_matches(['"', '\'']);
        if probe.is_empty() {
            return field;
        }
        (field.0.saturating_sub(1)..end)
            .find_map(|n| {
                let line = self.lines[n];
                let squeezed = line.split_whitespace().collect::<Vec<_>>().join(" ");
                let col = line.find(|c: char| c != ' ').unwrap_or(0);
                squeezed.contains(probe).then_some((n + 1, col + 1))
            })
            .unwrap_or(field)
    }

    /// Position of the `k`th `- ` entry of list field `name` in the `i`th question, else of the field.
    pub fn nth_entry(&self, i: usize, name: &str, k: usize) -> (usize, usize) {
        let field = self.field(i, name);
        let Some((_, end, key)) = self.span(i) else { return field };
        let mut count = 0;
        for n in field.0..end {
            let line = self.lines[n];
            if is_blank(line) {
                continue;
            }
            let ind = indent(line);
            if ind <= key && n + 1 != field.0 {
                break;
            }
            if line[ind..].starts_with("- ") {
                if count == k {
                    return (n + 1, ind + 1);
                }
                count += 1;
            }
        }
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "format: 1
topic: t
questions:
  # a comment
  - id: t-a
    type: open
    key_points:
      - point: one
        keywords: [x]
      - point: two
        keywords: [y]
  -   id: t-b
      prompt: p
extra: 1
";

    #[test]
    fn finds_items_fields_and_entries() {
        let loc = Locator::new(TEXT);
        assert_eq!(loc.item(0), (5, 5));
        assert_eq!(loc.item(1), (12, 7));
        assert_eq!(loc.field(0, "type"), (6, 5));
        assert_eq!(loc.field(1, "prompt"), (13, 7));
        assert_eq!(loc.field(1, "answer"), (12, 7));
        assert_eq!(loc.nth_entry(0, "key_points", 1), (10, 7));
        assert_eq!(loc.top("topic"), (2, 1));
        assert_eq!(loc.item(2), (1, 1));
    }
}
