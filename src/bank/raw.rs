//! The bank file as written: serde structs that mirror the YAML, before any rule is checked.

use std::fmt;

use serde::{Deserialize, Deserializer};

use super::{Difficulty, Level, QType, Star};

/// A YAML scalar read as text, so `answer: 204` and `answer: "204"` mean the same.
#[derive(Debug, Clone)]
pub(super) struct Text(pub(super) String);

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
pub(super) fn unquoted_decimal<E: serde::de::Error>(v: f64) -> E {
    E::custom(format!("the decimal {v} must be quoted (\"{v}\") so its exact spelling is kept"))
}

/// `answer:` holds one text (choice, short) or a list (multi).
#[derive(Debug, Clone)]
pub(super) enum RawAnswer {
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
pub(super) struct RawBank {
    /// Bank format version; must be [`FORMAT`].
    pub(super) format: u64,
    /// Topic slug; must equal the file stem.
    pub(super) topic: String,
    /// Human title of the topic.
    #[serde(default)]
    pub(super) title: String,
    /// The questions.
    #[serde(default)]
    pub(super) questions: Vec<RawQuestion>,
}

/// A question as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    /// Stable unique id.
    #[serde(default)]
    pub(super) id: String,
    /// choice | multi | short | open.
    #[serde(rename = "type")]
    pub(super) qtype: QType,
    /// easy | medium | hard.
    pub(super) difficulty: Difficulty,
    /// junior | mid | senior.
    pub(super) level: Level,
    /// Subtopic tags.
    #[serde(default)]
    pub(super) tags: Vec<Text>,
    /// The question text.
    #[serde(default)]
    pub(super) prompt: String,
    /// Choices of a choice or multi question.
    #[serde(default)]
    pub(super) choices: Option<Vec<Text>>,
    /// The right answer: a choice text, a list of them, or a short answer.
    #[serde(default)]
    pub(super) answer: Option<RawAnswer>,
    /// Other spellings of a short answer.
    #[serde(default)]
    pub(super) accept: Option<Vec<Text>>,
    /// Why the answer is right.
    #[serde(default)]
    pub(super) explanation: String,
    /// A good answer to an open question.
    #[serde(default)]
    pub(super) model_answer: Option<String>,
    /// What a good answer to an open question covers.
    #[serde(default)]
    pub(super) key_points: Option<Vec<RawKeyPoint>>,
    /// Time allowed, like `90s` or `2m`.
    #[serde(default)]
    pub(super) time_limit: Option<Text>,
    /// Ids of follow-up questions.
    #[serde(default)]
    pub(super) follow_ups: Vec<String>,
    /// A short answer must equal a form exactly, with no filler words.
    #[serde(default)]
    pub(super) exact: Option<bool>,
    /// Case carries meaning in a short answer.
    #[serde(default)]
    pub(super) match_case: Option<bool>,
    /// Answers the grader must accept and reject.
    #[serde(default)]
    pub(super) examples: Option<RawExamples>,
}

/// `examples:` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExamples {
    /// Answers that must pass.
    #[serde(default)]
    pub(super) pass: Vec<Text>,
    /// Answers that must fail.
    #[serde(default)]
    pub(super) fail: Vec<Text>,
}

/// A key point as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawKeyPoint {
    /// What a good answer says.
    #[serde(default)]
    pub(super) point: String,
    /// Words that earn the point.
    #[serde(default)]
    pub(super) keywords: Vec<Text>,
    /// situation | task | action | result, for behavioural questions.
    #[serde(default)]
    pub(super) star: Option<Star>,
    /// An answer without this point cannot pass.
    #[serde(default)]
    pub(super) core: bool,
    /// Only the keywords earn the point, not other words.
    #[serde(default)]
    pub(super) strict: bool,
    /// The point's share of the score, 1 to 5.
    #[serde(default)]
    pub(super) weight: Option<u64>,
}
