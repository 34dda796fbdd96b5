//! The end-of-session report: a pure summary of the session's answer records, printed as text
//! or as one JSON object. Practice, review and mock share its JSON schema; a mock adds its
//! interview fields beside these (see [`crate::mock::MockReport`]).

use std::{collections::BTreeMap, io::Write};

use colored::Colorize;
use serde::Serialize;

use crate::{bank::QType, history::AnswerRecord, text};

/// One topic's share of a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicScore {
    /// Topic slug.
    pub topic: String,
    /// Questions shown.
    pub asked: usize,
    /// Answers counted correct.
    pub correct: usize,
    /// Mean score, 0 to 1.
    pub score: f64,
}

/// One question's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionResult {
    /// Question id.
    pub id: String,
    /// Topic slug.
    pub topic: String,
    /// Question type.
    #[serde(rename = "type")]
    pub qtype: QType,
    /// The answer given, as text; null when skipped.
    pub response: Option<String>,
    /// Score, 0 to 1.
    pub score: f64,
    /// Counted correct.
    pub correct: bool,
    /// Skipped.
    pub skipped: bool,
    /// Time taken.
    pub elapsed_ms: u64,
    /// Time allowed.
    pub limit_ms: u64,
    /// Over the limit.
    pub overtime: bool,
    /// How sure the user said they were, 1 to 3; null when not asked.
    pub confidence: Option<u8>,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every planned question was asked.
    Complete,
    /// Input ended (or a write failed) before the plan was through.
    EndedEarly,
    /// Stopped with Ctrl-C.
    Interrupted,
    /// A mock interview's time budget ran out.
    TimedOut,
}

impl Status {
    /// The status in words, as `quiz history` shows it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Complete => "complete",
            Status::EndedEarly => "ended early",
            Status::Interrupted => "interrupted",
            Status::TimedOut => "timed out",
        }
    }
}

/// The summary shown at the end of a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Session id, as in the log.
    pub session: String,
    /// `practice`, `review` or `mock`.
    pub mode: String,
    /// How it ended: `complete`, `ended_early`, `interrupted` or `timed_out`.
    pub status: Status,
    /// The draw's seed.
    pub seed: u64,
    /// The command that asks the same questions again; null for review, whose questions depend
    /// on the log.
    pub replay: Option<String>,
    /// When it started.
    #[serde(serialize_with = "crate::history::rfc3339_millis")]
    pub started: chrono::DateTime<chrono::Utc>,
    /// When it ended.
    #[serde(serialize_with = "crate::history::rfc3339_millis")]
    pub ended: chrono::DateTime<chrono::Utc>,
    /// Whether every planned question was asked.
    pub completed: bool,
    /// Whether it was stopped with Ctrl-C.
    pub interrupted: bool,
    /// Questions planned.
    pub planned: usize,
    /// Questions shown and answered or skipped.
    pub asked: usize,
    /// Questions answered (not skipped).
    pub answered: usize,
    /// Questions skipped.
    pub skipped: usize,
    /// Answers counted correct.
    pub correct: usize,
    /// Mean score over the questions asked, 0 to 1.
    pub score: f64,
    /// The score as a percentage, one decimal.
    pub percent: f64,
    /// Answering time: the time from each question shown to its answer, summed.
    pub elapsed_ms: u64,
    /// Session time: from the first question shown to the end, feedback and pauses included.
    pub session_ms: u64,
    /// Mean answering time per question asked.
    pub mean_ms: u64,
    /// Answers over their time limit.
    pub overtime: usize,
    /// Per-topic breakdown, by topic.
    pub topics: Vec<TopicScore>,
    /// Every question, in the order asked.
    pub questions: Vec<QuestionResult>,
    /// Ids of the questions not answered right, in the order asked.
    pub missed: Vec<String>,
    /// The `--pass` mark, if given.
    pub pass_mark: Option<f64>,
    /// Whether the score reached the pass mark, if one was given.
    pub passed: Option<bool>,
}

/// What a report needs besides the answers.
#[derive(Debug, Clone)]
pub struct Meta {
    /// Session id.
    pub session: String,
    /// Mode name.
    pub mode: String,
    /// The draw's seed.
    pub seed: u64,
    /// Start time.
    pub started: chrono::DateTime<chrono::Utc>,
    /// End time.
    pub ended: chrono::DateTime<chrono::Utc>,
    /// Questions planned.
    pub planned: usize,
    /// Whether it was stopped with Ctrl-C.
    pub interrupted: bool,
    /// Whether a mock's time budget ran out.
    pub timed_out: bool,
    /// The command that replays it.
    pub replay: Option<String>,
    /// The pass mark.
    pub pass_mark: Option<f64>,
}

/// Questions, correct answers and mean score per topic, by topic.
pub fn topic_scores<'a>(answers: impl IntoIterator<Item = &'a AnswerRecord>) -> Vec<TopicScore> {
    let mut topics: BTreeMap<&str, (usize, usize, f64)> = BTreeMap::new();
    for a in answers {
        let t = topics.entry(&a.topic).or_default();
        t.0 += 1;
        t.1 += usize::from(a.correct);
        t.2 += a.score;
    }
    topics
        .into_iter()
        .map(|(topic, (asked, correct, sum))| TopicScore {
            topic: topic.to_owned(),
            asked,
            correct,
            score: sum / asked as f64,
        })
        .collect()
}

impl Report {
    /// Summarises `answers` (in the order asked).
    pub fn new(meta: Meta, answers: &[AnswerRecord]) -> Report {
        let asked = answers.len();
        let total: f64 = answers.iter().map(|a| a.score).sum();
        let score = if asked == 0 { 0.0 } else { total / asked as f64 };
        let percent = (score * 1000.0).round() / 10.0;
        let elapsed_ms: u64 = answers.iter().map(|a| a.elapsed_ms).sum();
        let completed = asked == meta.planned && !meta.interrupted;
        let status = if meta.interrupted {
            Status::Interrupted
        } else if meta.timed_out {
            Status::TimedOut
        } else if completed {
            Status::Complete
        } else {
            Status::EndedEarly
        };
        Report {
            session: meta.session,
            mode: meta.mode,
            status,
            seed: meta.seed,
            replay: meta.replay,
            started: meta.started,
            ended: meta.ended,
            completed,
            interrupted: meta.interrupted,
            planned: meta.planned,
            asked,
            answered: answers.iter().filter(|a| !a.skipped).count(),
            skipped: answers.iter().filter(|a| a.skipped).count(),
            correct: answers.iter().filter(|a| a.correct).count(),
            score,
            percent,
            elapsed_ms,
            session_ms: u64::try_from((meta.ended - meta.started).num_milliseconds()).unwrap_or(0),
            mean_ms: if asked == 0 { 0 } else { elapsed_ms / asked as u64 },
            overtime: answers.iter().filter(|a| a.overtime).count(),
            topics: topic_scores(answers),
            questions: answers
                .iter()
                .map(|a| QuestionResult {
                    id: a.question.clone(),
                    topic: a.topic.clone(),
                    qtype: a.qtype,
                    response: a.response.clone(),
                    score: a.score,
                    correct: a.correct,
                    skipped: a.skipped,
                    elapsed_ms: a.elapsed_ms,
                    limit_ms: a.limit_ms,
                    overtime: a.overtime,
                    confidence: a.confidence,
                })
                .collect(),
            missed: answers.iter().filter(|a| !a.correct).map(|a| a.question.clone()).collect(),
            pass_mark: meta.pass_mark,
            passed: meta.pass_mark.map(|p| percent + 1e-9 >= p),
        }
    }

    /// Writes the report as one JSON object and a newline.
    pub fn write_json(&self, out: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, self)?;
        writeln!(out)
    }

    /// Writes the report for people.
    pub fn write_text(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let title = match self.status {
            Status::Interrupted => "Session interrupted",
            Status::Complete => "Session complete",
            Status::TimedOut => "Session timed out",
            Status::EndedEarly => "Session ended early",
        };
        writeln!(out, "\n{}", format!("── {title} ──").bold())?;
        if self.asked == 0 {
            writeln!(out, "No questions answered.")?;
        } else {
            self.write_summary(out)?;
            self.write_topics(out)?;
            if !self.missed.is_empty() {
                writeln!(out, "{} {}", "Missed:".bold(), self.missed.join(", "))?;
                writeln!(out, "Retry them with `quiz practice --missed`; study one with `quiz show ID`.")?;
            }
        }
        self.write_pass(out)?;
        if let Some(replay) = &self.replay {
            writeln!(out, "Replay with `{replay}`")?;
        }
        Ok(())
    }

    /// The score line, the planned count and the two times.
    pub fn write_summary(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut line = format!(
            "Score {} · {} of {} correct",
            text::percent(self.score).bold(),
            self.correct,
            text::count(self.asked, "question")
        );
        if self.skipped > 0 {
            line.push_str(&format!(" · {} skipped", self.skipped));
        }
        if self.overtime > 0 {
            line.push_str(&format!(" · {} overtime", self.overtime).yellow().to_string());
        }
        writeln!(out, "{line}")?;
        if self.asked < self.planned {
            writeln!(out, "Asked {} of {} planned.", self.asked, self.planned)?;
        }
        writeln!(
            out,
            "Answering time {} ({} per question) · session time {}",
            text::millis(self.elapsed_ms),
            text::millis(self.mean_ms),
            text::millis(self.session_ms)
        )
    }

    /// The per-topic table.
    pub fn write_topics(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let width = self.topics.iter().map(|t| t.topic.len()).max().unwrap_or(5).max(5);
        writeln!(out, "  {:width$}  correct  score", "topic")?;
        for t in &self.topics {
            writeln!(
                out,
                "  {:width$}  {:>7}  {:>5}",
                t.topic,
                format!("{}/{}", t.correct, t.asked),
                text::percent(t.score)
            )?;
        }
        Ok(())
    }

    /// The pass-mark line, when a mark was given.
    pub fn write_pass(&self, out: &mut dyn Write) -> std::io::Result<()> {
        if let (Some(mark), Some(passed)) = (self.pass_mark, self.passed) {
            let verdict = if passed { "passed".green() } else { "below the pass mark".red() };
            writeln!(out, "Pass mark {mark}%: {verdict}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Difficulty, Level, QType};

    fn rec(topic: &str, score: f64, skipped: bool, overtime: bool) -> AnswerRecord {
        AnswerRecord {
            v: 1,
            session: "s".into(),
            at: "2026-11-01T10:00:00Z".parse().unwrap(),
            topic: topic.into(),
            question: format!("{topic}-q"),
            qtype: QType::Multi,
            difficulty: Difficulty::Easy,
            level: Level::Mid,
            response: (!skipped).then(|| "x".into()),
            score,
            correct: score >= 0.6,
            skipped,
            elapsed_ms: 2000,
            limit_ms: 60000,
            overtime,
            confidence: None,
        }
    }

    fn meta(planned: usize) -> Meta {
        Meta {
            session: "s".into(),
            mode: "practice".into(),
            seed: 9,
            started: "2026-11-01T10:00:00Z".parse().unwrap(),
            ended: "2026-11-01T10:01:00Z".parse().unwrap(),
            planned,
            interrupted: false,
            timed_out: false,
            replay: None,
            pass_mark: Some(50.0),
        }
    }

    #[test]
    fn summarises_scores_topics_and_pass() {
        let answers = [rec("dsa", 1.0, false, false), rec("dsa", 0.5, false, true), rec("apis", 0.0, true, false)];
        let r = Report::new(meta(4), &answers);
        assert_eq!((r.asked, r.answered, r.skipped, r.correct, r.overtime), (3, 2, 1, 1, 1));
        assert!((r.score - 0.5).abs() < 1e-9);
        assert_eq!(r.percent, 50.0);
        assert_eq!(r.passed, Some(true));
        assert!(!r.completed);
        assert_eq!(r.mean_ms, 2000);
        assert_eq!(
            r.topics.iter().map(|t| (t.topic.as_str(), t.asked, t.correct)).collect::<Vec<_>>(),
            [("apis", 1, 0), ("dsa", 2, 1)]
        );
    }

    #[test]
    fn empty_session_scores_zero() {
        let r = Report::new(meta(3), &[]);
        assert_eq!((r.asked, r.score, r.passed), (0, 0.0, Some(false)));
    }
}
