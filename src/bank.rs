//! Question banks: the YAML format (version 1), parsing it, and every rule a bank must follow.
//!
//! Parsing happens in two steps. serde reads the YAML into raw structs that mirror the file
//! (`deny_unknown_fields`, so a typo is an error), then [`check`] turns them into the typed
//! [`Bank`] model, collecting every problem it finds as a [`Diagnostic`] with file, line and
//! column, so one run of `quiz validate` reports everything that needs fixing.

use std::{collections::HashMap, fmt, time::Duration};

use serde::{Deserialize, Deserializer, Serialize};

use crate::locate::Locator;

/// The bank format this build reads. Bumped only for changes older builds would misread.
pub const FORMAT: u64 = 1;

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

/// A YAML scalar read as text, so `answer: 204` and `answer: "204"` mean the same.
#[derive(Debug, Clone)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Text, E> {
                Err(unquoted_decimal(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// YAML reads `3.10` as the number 3.1, so a decimal's spelling would be lost: ask for quotes.
fn unquoted_decimal<E: serde::de::Error>(v: f64) -> E {
    E::custom(format!("the decimal {v} must be quoted (\"{v}\") so its exact spelling is kept"))
}

/// `answer:` holds one text (choice, short) or a list (multi).
#[derive(Debug, Clone)]
enum RawAnswer {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a choice text, or a list of choice texts")
            }
            fn visit_str<E>(self, v: &str) -> Result<RawAnswer, E> {
                Ok(RawAnswer::One(v.to_owned()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawAnswer, E> {
                Ok(RawAnswer::One(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::One(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::One(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawAnswer, E> {
                Err(unquoted_decimal(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawAnswer, A::Error> {
                let mut all = Vec::new();
                while let Some(Text(t)) = seq.next_element()? {
                    all.push(t);
                }
                Ok(RawAnswer::Many(all))
            }
        }
        d.deserialize_any(V)
    }
}

/// A bank file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBank {
    /// Bank format version; must be [`FORMAT`].
    format: u64,
    /// Topic slug; must equal the file stem.
    topic: String,
    /// Human title of the topic.
    #[serde(default)]
    title: String,
    /// The questions.
    #[serde(default)]
    questions: Vec<RawQuestion>,
}

/// A question as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    /// Stable unique id.
    #[serde(default)]
    id: String,
    /// choice | multi | short | open.
    #[serde(rename = "type")]
    qtype: QType,
    /// easy | medium | hard.
    difficulty: Difficulty,
    /// junior | mid | senior.
    level: Level,
    /// Subtopic tags.
    #[serde(default)]
    tags: Vec<Text>,
    /// The question text.
    #[serde(default)]
    prompt: String,
    /// Choices of a choice or multi question.
    #[serde(default)]
    choices: Option<Vec<Text>>,
    /// The right answer: a choice text, a list of them, or a short answer.
    #[serde(default)]
    answer: Option<RawAnswer>,
    /// Other spellings of a short answer.
    #[serde(default)]
    accept: Option<Vec<Text>>,
    /// Why the answer is right.
    #[serde(default)]
    explanation: String,
    /// A good answer to an open question.
    #[serde(default)]
    model_answer: Option<String>,
    /// What a good answer to an open question covers.
    #[serde(default)]
    key_points: Option<Vec<RawKeyPoint>>,
    /// Time allowed, like `90s` or `2m`.
    #[serde(default)]
    time_limit: Option<Text>,
    /// Ids of follow-up questions.
    #[serde(default)]
    follow_ups: Vec<String>,
    /// A short answer must equal a form exactly, with no filler words.
    #[serde(default)]
    exact: Option<bool>,
    /// Case carries meaning in a short answer.
    #[serde(default)]
    match_case: Option<bool>,
    /// Answers the grader must accept and reject.
    #[serde(default)]
    examples: Option<RawExamples>,
}

/// `examples:` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    /// Answers that must pass.
    #[serde(default)]
    pass: Vec<Text>,
    /// Answers that must fail.
    #[serde(default)]
    fail: Vec<Text>,
}

/// A key point as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKeyPoint {
    /// What a good answer says.
    #[serde(default)]
    point: String,
    /// Words that earn the point.
    #[serde(default)]
    keywords: Vec<Text>,
    /// situation | task | action | result, for behavioural questions.
    #[serde(default)]
    star: Option<Star>,
    /// An answer without this point cannot pass.
    #[serde(default)]
    core: bool,
    /// The point's share of the score, 1 to 5.
    #[serde(default)]
    weight: Option<u64>,
}

/// Whether `s` holds a letter, a digit or an operator, not only spaces and punctuation.
fn has_content(s: &str) -> bool {
    s.chars().any(|c| c.is_alphanumeric() || "+#%^*/<>=!~-".contains(c))
}

/// Whether `s` is a lowercase kebab-case slug such as `system-design`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

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
        None => serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            vec![at(line, column, yaml_message(&e))]
        })?,
    };
    check(file, stem, &loc, raw)
}

/// Banks larger than this are parsed in two halves on two threads.
const SPLIT_AT: usize = 1 << 20;

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
fn parse_in_halves(text: &str, loc: &Locator) -> Option<RawBank> {
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

fn check(file: &str, stem: &str, loc: &Locator, raw: RawBank) -> Result<Bank, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut push = |(line, column): (usize, usize), message: String| {
        diags.push(Diagnostic { file: file.to_owned(), line, column, message })
    };
    if raw.format != FORMAT {
        push(loc.top("format"), format!("unknown bank format {}; this quiz reads `format: {FORMAT}`", raw.format));
    }
    if raw.topic != stem {
        push(
            loc.top("topic"),
            format!(
                "topic '{}' does not match the file name '{stem}'; the file stem is the topic slug, so rename one of them",
                raw.topic
            ),
        );
    } else if !is_slug(&raw.topic) {
        push(loc.top("topic"), format!("topic '{}' must be lowercase kebab-case, like `system-design`", raw.topic));
    }
    if raw.title.trim().is_empty() {
        push(loc.top("title"), "title is missing or empty; give the topic a human title".into());
    }
    if raw.questions.is_empty() {
        push(loc.top("questions"), "the bank has no questions; add at least one under `questions:`".into());
    }

    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut questions = Vec::with_capacity(raw.questions.len());
    for (i, rq) in raw.questions.into_iter().enumerate() {
        let field = |name: &str| loc.field(i, name);
        let start = loc.item(i);
        if rq.id.trim().is_empty() {
            push(start, "question has no id; add `id: <topic>-<slug>`".into());
        } else if !is_slug(&rq.id) {
            push(field("id"), format!("id '{}' must be lowercase kebab-case, like `dsa-binary-search`", rq.id));
        } else if let Some(first) = seen.get(&rq.id) {
            push(field("id"), format!("duplicate id '{}' (first used on line {first}); ids must be unique", rq.id));
        } else {
            seen.insert(rq.id.clone(), start.0);
        }
        if rq.prompt.trim().is_empty() {
            push(field_or(loc, i, "prompt"), "prompt is missing or empty; write the question".into());
        }
        if rq.explanation.trim().is_empty() {
            push(
                field_or(loc, i, "explanation"),
                "explanation is missing or empty; explain why the answer is right".into(),
            );
        }
        let time_limit = match &rq.time_limit {
            None => None,
            Some(Text(t)) => match parse_limit(t) {
                Ok(d) => Some(d),
                Err(why) => {
                    push(field("time_limit"), format!("bad time_limit '{t}': {why}"));
                    None
                }
            },
        };
        for id in &rq.follow_ups {
            if id == &rq.id {
                push(field("follow_ups"), format!("question '{id}' lists itself as a follow-up"));
            }
        }
        let not_for = |name: &str, present: bool, what: &str| -> Option<((usize, usize), String)> {
            present.then(|| (field(name), format!("`{name}` is not used by {what} questions; remove it")))
        };
        let qtype = rq.qtype;
        let what = match qtype {
            QType::Choice => "choice",
            QType::Multi => "multi",
            QType::Short => "short",
            QType::Open => "open",
        };
        let mut misplaced = Vec::new();
        let kind = match qtype {
            QType::Choice | QType::Multi => {
                misplaced.extend(not_for("accept", rq.accept.is_some(), what));
                misplaced.extend(not_for("model_answer", rq.model_answer.is_some(), what));
                misplaced.extend(not_for("key_points", rq.key_points.is_some(), what));
                misplaced.extend(not_for("examples", rq.examples.is_some(), what));
                misplaced.extend(not_for("exact", rq.exact.is_some(), what));
                misplaced.extend(not_for("match_case", rq.match_case.is_some(), what));
                let choices: Vec<String> = rq.choices.unwrap_or_default().into_iter().map(|t| t.0).collect();
                let mut ok = true;
                if choices.len() < 2 {
                    push(
                        field_or(loc, i, "choices"),
                        format!("a {what} question needs at least 2 choices, found {}", choices.len()),
                    );
                    ok = false;
                }
                if choices.iter().any(|c| c.trim().is_empty()) {
                    push(field("choices"), "a choice is empty; every choice needs text".into());
                    ok = false;
                }
                for (j, c) in choices.iter().enumerate() {
                    if choices[..j].contains(c) {
                        push(field("choices"), format!("choice '{c}' is listed twice"));
                        ok = false;
                    }
                }
                let index = |a: &str| choices.iter().position(|c| c == a);
                match (qtype, rq.answer) {
                    (_, None) => {
                        push(start, "answer is missing; give the correct choice text".into());
                        None
                    }
                    (QType::Choice, Some(RawAnswer::Many(_))) => {
                        push(
                            field("answer"),
                            "a choice question has exactly one answer; use type `multi` for several".into(),
                        );
                        None
                    }
                    (QType::Choice, Some(RawAnswer::One(a))) => match index(&a) {
                        Some(answer) if ok => Some(Kind::Choice { choices, answer }),
                        Some(_) => None,
                        None => {
                            push(
                                field("answer"),
                                format!("answer '{a}' is not among the choices; copy the choice text exactly"),
                            );
                            None
                        }
                    },
                    (_, Some(answer)) => {
                        let given = match answer {
                            RawAnswer::One(a) => vec![a],
                            RawAnswer::Many(all) => all,
                        };
                        let mut answers = Vec::new();
                        for a in &given {
                            match index(a) {
                                Some(j) if answers.contains(&j) => {
                                    push(field("answer"), format!("answer '{a}' is listed twice"));
                                    ok = false;
                                }
                                Some(j) => answers.push(j),
                                None => {
                                    push(
                                        field("answer"),
                                        format!("answer '{a}' is not among the choices; copy the choice text exactly"),
                                    );
                                    ok = false;
                                }
                            }
                        }
                        if given.is_empty() {
                            push(field("answer"), "a multi question needs at least one answer".into());
                            ok = false;
                        }
                        answers.sort_unstable();
                        ok.then_some(Kind::Multi { choices, answers })
                    }
                }
            }
            QType::Short => {
                misplaced.extend(not_for("choices", rq.choices.is_some(), what));
                misplaced.extend(not_for("model_answer", rq.model_answer.is_some(), what));
                misplaced.extend(not_for("key_points", rq.key_points.is_some(), what));
                let accept: Vec<String> = rq.accept.unwrap_or_default().into_iter().map(|t| t.0).collect();
                if accept.iter().any(|a| !has_content(a)) {
                    push(field("accept"), "an accepted spelling is empty or only punctuation; remove it".into());
                }
                let (exact, match_case) = (rq.exact.unwrap_or(false), rq.match_case.unwrap_or(false));
                match rq.answer {
                    Some(RawAnswer::One(answer)) if has_content(&answer) => {
                        Some(Kind::Short { answer, accept, exact, match_case })
                    }
                    Some(RawAnswer::One(_)) => {
                        push(field("answer"), "answer is empty or only punctuation; give the canonical answer".into());
                        None
                    }
                    Some(RawAnswer::Many(_)) => {
                        push(
                            field("answer"),
                            "a short question has one canonical answer; list other spellings in `accept`".into(),
                        );
                        None
                    }
                    None => {
                        push(start, "answer is missing; give the canonical short answer".into());
                        None
                    }
                }
            }
            QType::Open => {
                misplaced.extend(not_for("choices", rq.choices.is_some(), what));
                misplaced.extend(not_for("answer", rq.answer.is_some(), what));
                misplaced.extend(not_for("accept", rq.accept.is_some(), what));
                misplaced.extend(not_for("exact", rq.exact.is_some(), what));
                misplaced.extend(not_for("match_case", rq.match_case.is_some(), what));
                let model_answer = rq.model_answer.unwrap_or_default();
                let mut ok = true;
                if model_answer.trim().is_empty() {
                    push(field_or(loc, i, "model_answer"), "an open question needs a `model_answer`".into());
                    ok = false;
                }
                let raw_points = rq.key_points.unwrap_or_default();
                if raw_points.is_empty() {
                    push(
                        field_or(loc, i, "key_points"),
                        "an open question needs `key_points`: a list of {point, keywords}".into(),
                    );
                    ok = false;
                }
                let mut key_points = Vec::with_capacity(raw_points.len());
                for (k, kp) in raw_points.into_iter().enumerate() {
                    let here = loc.nth_entry(i, "key_points", k);
                    if kp.point.trim().is_empty() {
                        push(here, format!("key point {} has no `point` text", k + 1));
                        ok = false;
                    }
                    let keywords: Vec<String> = kp.keywords.into_iter().map(|t| t.0.trim().to_lowercase()).collect();
                    if keywords.is_empty() || keywords.iter().any(|k| k.is_empty()) {
                        push(
                            here,
                            format!("key point {} needs `keywords`: words or phrases a good answer uses", k + 1),
                        );
                        ok = false;
                    }
                    let weight = match kp.weight {
                        None => 1,
                        Some(w @ 1..=5) => w as u8,
                        Some(w) => {
                            push(here, format!("key point {} has weight {w}; use a whole number from 1 to 5", k + 1));
                            ok = false;
                            1
                        }
                    };
                    key_points.push(KeyPoint { point: kp.point, keywords, star: kp.star, core: kp.core, weight });
                }
                ok.then_some(Kind::Open { model_answer, key_points })
            }
        };
        for (at, message) in misplaced {
            push(at, message);
        }
        let examples = match rq.examples {
            None => Examples::default(),
            Some(raw) => {
                let locate = |t: &Text| Example { line: loc.find_text(i, "examples", &t.0).0, text: t.0.clone() };
                let examples = Examples {
                    pass: raw.pass.iter().map(locate).collect(),
                    fail: raw.fail.iter().map(locate).collect(),
                };
                if examples.pass.iter().chain(&examples.fail).any(|e| e.text.trim().is_empty()) {
                    push(field("examples"), "an example answer is empty; write the answer to test".into());
                }
                examples
            }
        };
        if let Some(kind) = kind {
            questions.push(Question {
                id: rq.id,
                topic: stem.to_owned(),
                difficulty: rq.difficulty,
                level: rq.level,
                tags: rq.tags.into_iter().map(|t| t.0).collect(),
                prompt: rq.prompt.trim_end().to_owned(),
                explanation: rq.explanation.trim_end().to_owned(),
                kind,
                time_limit,
                follow_ups: rq.follow_ups,
                examples,
                line: start.0,
            });
        }
    }
    if diags.is_empty() {
        Ok(Bank { topic: raw.topic, title: raw.title, file: file.to_owned(), questions })
    } else {
        Err(diags)
    }
}

/// The field's position if it is written, else the question's start.
fn field_or(loc: &Locator, i: usize, name: &str) -> (usize, usize) {
    loc.find_field(i, name).unwrap_or_else(|| loc.item(i))
}

/// Parses a time limit such as `45s`, `2m` or `1m30s`: positive and at most an hour.
pub fn parse_limit(s: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(s.trim()).map_err(|e| format!("{e}; write it like `45s`, `2m` or `1m30s`"))?;
    if d.is_zero() {
        return Err("it must be longer than zero".into());
    }
    if d > Duration::from_secs(3600) {
        return Err("it must be at most 1h".into());
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "format: 1
topic: demo
title: Demo
questions:
  - id: demo-one
    type: choice
    difficulty: easy
    level: junior
    prompt: Pick b
    choices: [a, b]
    answer: b
    explanation: Because.
";

    fn errors(text: &str) -> Vec<String> {
        parse("demo.yaml", "demo", text).unwrap_err().into_iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn good_bank_parses() {
        let bank = parse("demo.yaml", "demo", GOOD).unwrap();
        assert_eq!(bank.questions.len(), 1);
        let q = &bank.questions[0];
        assert_eq!(q.line, 5);
        assert_eq!(q.answer_text(), "b");
        assert_eq!(q.default_limit(), Duration::from_secs(45));
    }

    #[test]
    fn answer_not_among_choices_points_at_the_answer_line() {
        let text = GOOD.replace("answer: b", "answer: c");
        assert_eq!(
            errors(&text),
            ["demo.yaml:11:5: answer 'c' is not among the choices; copy the choice text exactly"]
        );
    }

    #[test]
    fn newer_format_asks_for_an_upgrade() {
        let text = GOOD.replace("format: 1", "format: 2");
        assert_eq!(
            errors(&text),
            ["demo.yaml:1:1: bank format 2 is newer than this quiz reads (format 1); upgrade quiz"]
        );
    }

    #[test]
    fn unknown_field_is_located() {
        let text = GOOD.replace("prompt: Pick b", "promt: Pick b");
        let errs = errors(&text);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("demo.yaml:9:5: questions[0]: unknown field `promt`"), "{errs:?}");
    }

    #[test]
    fn prebuilt_json_gives_the_same_bank_and_falls_back_to_yaml() {
        let json = r#"{"format":1,"topic":"demo","title":"Demo","questions":[{"id":"demo-one","type":"choice","difficulty":"easy","level":"junior","prompt":"Pick b","choices":["a","b"],"answer":"b","explanation":"Because."}]}"#;
        let bank = parse_prebuilt("demo.yaml", "demo", GOOD, json).unwrap();
        assert_eq!((bank.questions[0].line, bank.questions[0].answer_text()), (5, "b".to_owned()));
        let errs =
            parse_prebuilt("demo.yaml", "demo", &GOOD.replace("answer: b", "answer: c"), "not json").unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "demo.yaml:11:5: answer 'c' is not among the choices; copy the choice text exactly"
        );
    }

    #[test]
    fn a_large_bank_parses_in_halves_to_the_same_questions() {
        let mut text = String::from("format: 1\ntopic: demo\ntitle: Demo\nquestions:\n");
        let mut n = 0;
        while text.len() < SPLIT_AT + 4096 {
            text.push_str(
                &GOOD["format: 1\ntopic: demo\ntitle: Demo\nquestions:\n".len()..]
                    .replace("demo-one", &format!("demo-q{n}")),
            );
            n += 1;
        }
        let halves = parse_in_halves(&text, &Locator::new(&text)).map(|raw| raw.questions.len());
        assert_eq!(halves, Some(n), "the halves path is taken");
        let bank = parse("demo.yaml", "demo", &text).unwrap();
        assert_eq!(bank.questions.len(), n);
        assert_eq!(bank.questions[n - 1].id, format!("demo-q{}", n - 1));
        let last = text.lines().position(|l| l == format!("  - id: demo-q{}", n - 1)).unwrap() + 1;
        assert_eq!(bank.questions[n - 1].line, last);
        // A mistake in the second half is still reported at its own line.
        let broken = text.replacen(
            &format!("answer: b\n    explanation: Because.\n  - id: demo-q{}", n - 2),
            &format!("answer: c\n    explanation: Because.\n  - id: demo-q{}", n - 2),
            1,
        );
        let errs = parse("demo.yaml", "demo", &broken).unwrap_err();
        let expected = broken.lines().position(|l| l == "    answer: c").unwrap() + 1;
        assert_eq!((errs.len(), errs[0].line, errs[0].column), (1, expected, 5), "{errs:?}");
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let text = format!("\u{feff}{GOOD}");
        assert_eq!(parse("demo.yaml", "demo", &text).unwrap().questions.len(), 1);
    }

    #[test]
    fn numeric_choices_are_text() {
        let text = GOOD.replace("[a, b]", "[200, 204]").replace("answer: b", "answer: 204");
        assert_eq!(parse("demo.yaml", "demo", &text).unwrap().questions[0].answer_text(), "204");
    }

    #[test]
    fn unquoted_decimals_are_refused() {
        let text = GOOD.replace("[a, b]", "[3.9, 3.10]").replace("answer: b", "answer: \"3.10\"");
        let errs = errors(&text);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("demo.yaml:10:"), "{errs:?}");
        assert!(errs[0].contains("the decimal 3.9 must be quoted (\"3.9\")"), "{errs:?}");
    }

    #[test]
    fn limits_parse_and_reject_nonsense() {
        assert_eq!(parse_limit("1m30s"), Ok(Duration::from_secs(90)));
        assert!(parse_limit("0s").is_err());
        assert!(parse_limit("soon").is_err());
        assert!(parse_limit("2h").is_err());
    }

    #[test]
    fn slugs() {
        assert!(is_slug("system-design"));
        assert!(!is_slug("System"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug(""));
    }
}
