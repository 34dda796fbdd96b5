//! Small helpers for text shown to people: counted nouns, durations, percentages.

use std::time::Duration;

/// "1 question", "3 questions".
///
/// ```
/// assert_eq!(quiz::text::count(1, "question"), "1 question");
/// assert_eq!(quiz::text::count(3, "question"), "3 questions");
/// ```
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// A duration as people read it: "850ms", "12.3s", "2m05s".
pub fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms < 60_000 && ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else if ms < 60_000 {
        format!("{:.1}s", ms as f64 / 1000.0)
    } else {
        let s = ms / 1000;
        format!("{}m{:02}s", s / 60, s % 60)
    }
}

/// A coarse span for "due in …": minutes, hours or days.
pub fn span(d: Duration) -> String {
    let mins = d.as_secs().div_ceil(60) as usize;
    if mins < 120 {
        count(mins, "minute")
    } else if mins < 48 * 60 {
        count(mins / 60, "hour")
    } else {
        count(mins / (24 * 60), "day")
    }
}

/// Wraps each line longer than `width` at spaces; shorter lines (code, lists) stay as they are.
/// `None` (not a terminal) leaves the text alone.
pub fn wrap(s: &str, width: Option<usize>) -> String {
    let Some(width) = width.filter(|w| *w >= 20) else { return s.to_owned() };
    let mut out = String::with_capacity(s.len() + 8);
    for (i, line) in s.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.chars().count() <= width {
            out.push_str(line);
            continue;
        }
        let mut len = 0;
        for word in line.split(' ') {
            let w = word.chars().count();
            if len > 0 && len + 1 + w > width {
                out.push('\n');
                len = 0;
            } else if len > 0 {
                out.push(' ');
                len += 1;
            }
            out.push_str(word);
            len += w;
        }
    }
    out
}

/// Milliseconds as a duration string.
pub fn millis(ms: u64) -> String {
    duration(Duration::from_millis(ms))
}

/// A 0–1 score as a whole percentage.
pub fn percent(score: f64) -> String {
    format!("{:.0}%", score * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_durations() {
        assert_eq!(count(1, "question"), "1 question");
        assert_eq!(count(0, "question"), "0 questions");
        assert_eq!(duration(Duration::from_millis(850)), "850ms");
        assert_eq!(duration(Duration::from_millis(12_340)), "12.3s");
        assert_eq!(duration(Duration::from_secs(45)), "45s");
        assert_eq!(duration(Duration::from_secs(125)), "2m05s");
        assert_eq!(percent(0.666), "67%");
        assert_eq!(wrap("aa bb cc dd ee ff gg hh ii jj kk", Some(20)), "aa bb cc dd ee ff gg\nhh ii jj kk");
        assert_eq!(wrap("short\n  code line", Some(20)), "short\n  code line");
        assert_eq!(wrap("aa bb cc dd ee ff gg hh ii jj kk", None), "aa bb cc dd ee ff gg hh ii jj kk");
        assert_eq!(span(Duration::from_secs(30)), "1 minute");
        assert_eq!(span(Duration::from_secs(3 * 3600)), "3 hours");
        assert_eq!(span(Duration::from_secs(5 * 86400 + 10)), "5 days");
    }
}
