//! Checks a bank's grading material the way a second reader would, and runs its examples.
//!
//! Lints catch keywords that tick for free (words of the prompt, common words, short
//! prefixes), thin points, a model answer that misses its own points and a prompt that passes
//! its own question. Examples are the bank's grading tests: each `pass` answer must be graded
//! correct and each `fail` answer wrong, so an author sees a grading mistake as it is written.

use std::fmt;

use super::{
    Response, is_correct,
    keyword::{self, Doc, Keyword},
    match_points, score,
};
use crate::bank::{Bank, Kind, Question};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The grading material is weak; CI fails on it for the built-in banks.
    Warning,
    /// An example is graded the wrong way.
    Error,
}

/// One problem with a question's grading material.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The bank file.
    pub file: String,
    /// The line it is about.
    pub line: usize,
    /// Warning or error.
    pub severity: Severity,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Warning => write!(f, "{}:{}: warning: {}", self.file, self.line, self.message),
            Severity::Error => write!(f, "{}:{}: {}", self.file, self.line, self.message),
        }
    }
}

/// What an audit of banks found, and how many examples it ran.
#[derive(Debug, Default)]
pub struct Report {
    /// Every finding, in bank order.
    pub findings: Vec<Finding>,
    /// Examples run.
    pub examples: usize,
}

/// Words so common, or so generic in this field, that an answer earns them without knowing the
/// point.
const COMMON: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "always",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "best",
    "better",
    "between",
    "both",
    "but",
    "by",
    "can",
    "case",
    "change",
    "check",
    "come",
    "could",
    "data",
    "day",
    "did",
    "do",
    "does",
    "done",
    "each",
    "even",
    "every",
    "first",
    "for",
    "from",
    "get",
    "give",
    "go",
    "good",
    "great",
    "had",
    "has",
    "have",
    "help",
    "how",
    "i",
    "if",
    "important",
    "in",
    "information",
    "into",
    "is",
    "issue",
    "it",
    "its",
    "just",
    "keep",
    "know",
    "large",
    "like",
    "long",
    "look",
    "make",
    "many",
    "may",
    "me",
    "more",
    "most",
    "much",
    "must",
    "my",
    "need",
    "new",
    "no",
    "not",
    "now",
    "of",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "part",
    "people",
    "problem",
    "process",
    "really",
    "result",
    "right",
    "runtime",
    "same",
    "see",
    "should",
    "small",
    "so",
    "some",
    "something",
    "such",
    "system",
    "take",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "through",
    "time",
    "to",
    "too",
    "two",
    "up",
    "us",
    "use",
    "used",
    "using",
    "very",
    "want",
    "was",
    "way",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "work",
    "would",
    "you",
    "your",
    "context",
    "value",
    "values",
    "approach",
    "method",
    "stuff",
    "team",
    "code",
    "question",
    "answer",
    "example",
    "set",
    "get",
    "put",
    "run",
    "fast",
    "slow",
    "high",
    "low",
    "big",
];

/// Audits every question of `banks`.
pub fn audit(banks: &[&Bank]) -> Report {
    let mut report = Report::default();
    for bank in banks {
        for q in &bank.questions {
            audit_question(&bank.file, q, &mut report);
        }
    }
    report
}

fn audit_question(file: &str, q: &Question, report: &mut Report) {
    let mut warn = |message: String| {
        report.findings.push(Finding { file: file.to_owned(), line: q.line, severity: Severity::Warning, message })
    };
    match &q.kind {
        Kind::Open { model_answer, key_points } => {
            if !(2..=6).contains(&key_points.len()) {
                warn(format!(
                    "{}: {} key points; most questions need 3 to 5 (2 to 6 at most), each one thing an interviewer listens for",
                    q.id,
                    key_points.len()
                ));
            }
            let prompt = Doc::new(&q.prompt);
            for (n, p) in key_points.iter().enumerate() {
                let n = n + 1;
                if p.keywords.len() < 2 {
                    warn(format!(
                        "{}: key point {n} has {} keyword; give several ways people say it",
                        q.id,
                        p.keywords.len()
                    ));
                }
                for k in &p.keywords {
                    let kw = Keyword::new(k);
                    for leaf in kw.leaves() {
                        if let Some(prefix) = leaf.prefix().filter(|p| p.chars().count() < 4) {
                            warn(format!(
                                "{}: keyword '{}' is a prefix of {} characters; use 4 or more, or whole words",
                                q.id,
                                leaf.text,
                                prefix.chars().count()
                            ));
                        }
                    }
                    if keyword::mixed_bars(k) {
                        warn(format!(
                            "{}: keyword '{k}' mixes words and notation around '|', so its bars are read as notation, not \"or\"; give each alternative as its own keyword",
                            q.id
                        ));
                    }
                    if COMMON.contains(&k.trim().to_lowercase().as_str()) {
                        warn(format!(
                            "{}: keyword '{k}' is a common word that any answer may contain; use a specific term or phrase",
                            q.id
                        ));
                    } else if kw.find(&prompt).is_some() {
                        warn(format!(
                            "{}: keyword '{k}' occurs in the prompt, so repeating the question earns it; use what the answer must add",
                            q.id
                        ));
                    }
                }
            }
            for (n, m) in match_points(&q.prompt, key_points, model_answer).iter().enumerate() {
                // The model answer is the bank's own wording: its keywords must find it.
                if !m.hit || m.paraphrase {
                    warn(format!(
                        "{}: the model answer does not earn its own key point {} ({}); add a keyword it uses",
                        q.id,
                        n + 1,
                        clip(&key_points[n].point, 60)
                    ));
                }
            }
            if is_correct(score(q, &Response::Text(q.prompt.clone()))) {
                warn(format!("{}: the prompt, given back as the answer, passes; its keywords echo the question", q.id));
            }
            if q.examples.pass.len() < 2 || q.examples.fail.is_empty() {
                warn(format!(
                    "{}: an open question needs `examples` with at least 2 `pass` and 1 `fail` answers (has {} and {})",
                    q.id,
                    q.examples.pass.len(),
                    q.examples.fail.len()
                ));
            }
        }
        Kind::Short { .. } => {
            if q.examples.pass.is_empty() || q.examples.fail.is_empty() {
                warn(format!(
                    "{}: a short question needs `examples` with at least 1 `pass` and 1 `fail` answer (has {} and {})",
                    q.id,
                    q.examples.pass.len(),
                    q.examples.fail.len()
                ));
            }
        }
        Kind::Choice { .. } | Kind::Multi { .. } => {}
    }
    for (examples, expect_pass) in [(&q.examples.pass, true), (&q.examples.fail, false)] {
        for e in examples {
            report.examples += 1;
            let s = score(q, &Response::Text(e.text.clone()));
            if is_correct(s) != expect_pass {
                report.findings.push(Finding {
                    file: file.to_owned(),
                    line: e.line,
                    severity: Severity::Error,
                    message: format!(
                        "{}: example \"{}\" scored {s:.2}, expected {}",
                        q.id,
                        clip(&e.text, 60),
                        if expect_pass { "pass" } else { "fail" }
                    ),
                });
            }
        }
    }
}

/// `s` on one line, cut to about `max` characters.
pub fn clip(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}
