//! Question banks: the YAML format (version 1), parsing it, and every rule a bank must follow.
//!
//! Parsing happens in two steps. serde reads the YAML into raw structs that mirror the file
//! (`deny_unknown_fields`, so a typo is an error), then [`check`] turns them into the typed
//! [`Bank`] model, collecting every problem it finds as a [`Diagnostic`] with file, line and
//! column, so one run of `quiz validate` reports everything that needs fixing.

use std::{fmt, time::Duration};

use serde::{Deserialize, Serialize};

/// The bank format this build reads. Bumped only for changes older builds would misread.
pub const FORMAT: u64 = 1;

mod check;
mod fields;
mod locate;
mod parse;
mod raw;

pub use check::{is_slug, parse_limit};
pub use parse::{parse, parse_prebuilt};

/// Banks larger than this are refused before parsing; real banks are a few hundred KiB.
pub const MAX_BANK_BYTES: usize = 64 * 1024 * 1024;

/// How a question is answered, and so how it is graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QType {
    /// Pick exactly one of the choices.
    Choice,
    /// Pick every correct choice; wrong picks cost points.
    Multi,
    /// Type a short canonical answer (a term, a number, a complexity).
    Short,
    /// Explain in free text; graded by the key points the answer covers.
    Open,
}

/// How hard a question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    /// Recall of a basic fact.
    Easy,
    /// Application of a concept.
    Medium,
    /// Reasoning across concepts or about edge cases.
    Hard,
}

/// The seniority an interviewer would ask a question at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Entry level.
    Junior,
    /// A few years of experience.
    Mid,
    /// Leads design and people.
    Senior,
}

/// The part of a STAR-shaped behavioural answer a key point belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Star {
    /// The context of the story.
    Situation,
    /// What the speaker had to achieve.
    Task,
    /// What the speaker did.
    Action,
    /// The outcome, ideally measured.
    Result,
}

macro_rules! names {
    ($($ty:ty { $($variant:ident => $name:literal),+ })+) => {$(
        impl $ty {
            /// Every value, in order.
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),+];

            /// The name used in banks, on the command line and in the log.
            pub fn name(self) -> &'static str {
                match self { $(<$ty>::$variant => $name),+ }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, String> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($name => Ok(<$ty>::$variant),)+
                    other => Err(format!(
                        "unknown value '{other}'; expected one of: {}",
                        [$($name),+].join(", ")
                    )),
                }
            }
        }
    )+};
}

names! {
    QType { Choice => "choice", Multi => "multi", Short => "short", Open => "open" }
    Difficulty { Easy => "easy", Medium => "medium", Hard => "hard" }
    Level { Junior => "junior", Mid => "mid", Senior => "senior" }
    Star { Situation => "situation", Task => "task", Action => "action", Result => "result" }
}

/// One topic's questions, checked and ready to ask.
#[derive(Debug, Clone)]
pub struct Bank {
    /// The topic slug, equal to the file stem.
    pub topic: String,
    /// The human title of the topic.
    pub title: String,
    /// Where the bank came from, as shown in messages.
    pub file: String,
    /// The questions in file order.
    pub questions: Vec<Question>,
}

/// A checked question.
#[derive(Debug, Clone)]
pub struct Question {
    /// Stable unique id, e.g. `apis-idempotent-methods`.
    pub id: String,
    /// The topic slug of the bank it came from.
    pub topic: String,
    /// How hard it is.
    pub difficulty: Difficulty,
    /// The seniority it is asked at.
    pub level: Level,
    /// Subtopic tags.
    pub tags: Vec<String>,
    /// The question text.
    pub prompt: String,
    /// Why the answer is right.
    pub explanation: String,
    /// Type-specific content.
    pub kind: Kind,
    /// The bank's own time limit, if it set one.
    pub time_limit: Option<Duration>,
    /// Questions an interviewer would ask next after a correct answer.
    pub follow_ups: Vec<String>,
    /// Answers the grader must accept and reject: the bank's own grading tests.
    pub examples: Examples,
    /// Line of the question in its bank, for messages.
    pub line: usize,
}

/// A bank's grading tests for one question.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Examples {
    /// Answers that must be graded correct.
    pub pass: Vec<Example>,
    /// Answers that must be graded wrong.
    pub fail: Vec<Example>,
}

/// One example answer and where it is written.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    /// The answer.
    pub text: String,
    /// Its line in the bank.
    #[serde(skip)]
    pub line: usize,
}

/// The type-specific part of a question.
#[derive(Debug, Clone)]
pub enum Kind {
    /// One correct choice.
    Choice {
        /// The choices, in bank order.
        choices: Vec<String>,
        /// Index of the correct choice.
        answer: usize,
    },
    /// Several correct choices.
    Multi {
        /// The choices, in bank order.
        choices: Vec<String>,
        /// Indices of the correct choices, ascending.
        answers: Vec<usize>,
    },
    /// A short typed answer.
    Short {
        /// The canonical answer.
        answer: String,
        /// Other spellings graded correct.
        accept: Vec<String>,
        /// Only the answer and `accept` forms themselves count, not "answer plus filler".
        exact: bool,
        /// Case carries meaning (GB vs Gb).
        match_case: bool,
    },
    /// A free-text explanation.
    Open {
        /// A good answer, shown after answering.
        model_answer: String,
        /// What a good answer covers.
        key_points: Vec<KeyPoint>,
    },
}

/// One thing a good answer to an open question covers.
#[derive(Debug, Clone, Serialize)]
pub struct KeyPoint {
    /// The point, as shown in feedback.
    pub point: String,
    /// Words or phrases whose presence in an answer earns the point.
    pub keywords: Vec<String>,
    /// The STAR part, for behavioural questions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub star: Option<Star>,
    /// An answer without this point cannot pass.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub core: bool,
    /// Only the keywords earn this point, never other words (for points whose whole sense is a
    /// precise distinction, such as *min*-heap against max-heap).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strict: bool,
    /// The point's share of the score, relative to the others (1 to 5).
    pub weight: u8,
}

impl Question {
    /// The question's type.
    pub fn qtype(&self) -> QType {
        match self.kind {
            Kind::Choice { .. } => QType::Choice,
            Kind::Multi { .. } => QType::Multi,
            Kind::Short { .. } => QType::Short,
            Kind::Open { .. } => QType::Open,
        }
    }

    /// The time allowed: the bank's own limit, else the default for its type.
    pub fn default_limit(&self) -> Duration {
        self.time_limit.unwrap_or(match self.qtype() {
            QType::Choice => Duration::from_secs(45),
            QType::Multi | QType::Short => Duration::from_secs(60),
            QType::Open => Duration::from_secs(180),
        })
    }

    /// The choices of a choice or multi question; empty for the others.
    pub fn choices(&self) -> &[String] {
        match &self.kind {
            Kind::Choice { choices, .. } | Kind::Multi { choices, .. } => choices,
            _ => &[],
        }
    }

    /// The right answer in words, for feedback and `quiz show`.
    pub fn answer_text(&self) -> String {
        match &self.kind {
            Kind::Choice { choices, answer } => choices[*answer].clone(),
            Kind::Multi { choices, answers } => {
                answers.iter().map(|&i| choices[i].as_str()).collect::<Vec<_>>().join("; ")
            }
            Kind::Short { answer, .. } => answer.clone(),
            Kind::Open { model_answer, .. } => model_answer.clone(),
        }
    }
}

/// A problem in a bank, located in its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The bank file as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

#[cfg(test)]
mod tests;
