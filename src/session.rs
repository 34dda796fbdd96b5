//! The session engine: shows each planned question, times and grades the answer, explains it,
//! and records it in the log the moment it is given.
//!
//! The answers live in a [`Recorder`] shared with [`crate::interrupt`], so an interrupted
//! session still writes its session record and prints its partial report before exiting.

use std::{
    io::{self, Write},
    sync::{Arc, Mutex},
};

use colored::Colorize;

use crate::{
    bank::Kind,
    clock::Clock,
    draw::Planned,
    error::{Result, io as io_err},
    grade::{self, Response},
    history::{AnswerRecord, Log, Record, SessionRecord, VERSION},
    interrupt,
    prompt::{Prompter, Reply, letter, response_text},
    report::{Meta, Report},
    text,
};

/// What the recorder needs to know about the session.
#[derive(Debug, Clone)]
pub struct Header {
    /// Session id.
    pub session: String,
    /// Mode name for the log.
    pub mode: String,
    /// Topics asked for (empty: all).
    pub topics: Vec<String>,
    /// The draw's seed.
    pub seed: u64,
    /// Questions planned.
    pub planned: usize,
    /// The pass mark, for the report.
    pub pass_mark: Option<f64>,
    /// Whether the report is printed as JSON.
    pub json: bool,
}

/// The answers so far, and the log they go to.
pub struct Recorder {
    header: Header,
    log: Option<Log>,
    clock: Arc<dyn Clock>,
    started: Option<chrono::DateTime<chrono::Utc>>,
    answers: Vec<AnswerRecord>,
    report: Option<Report>,
}

impl Recorder {
    /// A recorder writing to `log`, if any.
    pub fn new(header: Header, log: Option<Log>, clock: Arc<dyn Clock>) -> Self {
        Recorder { header, log, clock, started: None, answers: Vec::new(), report: None }
    }

    /// Appends an answer to the log, then keeps it.
    fn record(&mut self, answer: AnswerRecord) -> Result<()> {
        if let Some(log) = &self.log {
            log.append(&Record::Answer(answer.clone()))?;
        }
        self.answers.push(answer);
        Ok(())
    }

    /// Whether the report is printed as JSON.
    pub fn json(&self) -> bool {
        self.header.json
    }

    /// Ends the session once: writes the session record and returns the report. Later calls
    /// return the same report.
    pub fn finish(&mut self, interrupted: bool) -> Result<Report> {
        if let Some(r) = &self.report {
            return Ok(r.clone());
        }
        let ended = self.clock.now();
        let started = self.started.unwrap_or(ended);
        let report = Report::new(
            Meta {
                session: self.header.session.clone(),
                mode: self.header.mode.clone(),
                seed: self.header.seed,
                started,
                ended,
                planned: self.header.planned,
                interrupted,
                pass_mark: self.header.pass_mark,
            },
            &self.answers,
        );
        self.report = Some(report.clone());
        if let Some(log) = &self.log {
            log.append(&Record::Session(SessionRecord {
                v: VERSION,
                session: self.header.session.clone(),
                mode: self.header.mode.clone(),
                started,
                ended,
                topics: self.header.topics.clone(),
                seed: self.header.seed,
                asked: report.asked,
                answered: report.answered,
                correct: report.correct,
                score: report.score,
                elapsed_ms: u64::try_from((ended - started).num_milliseconds()).unwrap_or(0),
                completed: report.completed,
            }))?;
        }
        Ok(report)
    }
}

/// Runs the plan: asks, times, grades, explains and records each question, then ends the
/// session. Input ending early ends the session early, with every answer kept.
pub fn run(
    plan: &[Planned],
    recorder: Recorder,
    prompter: &mut dyn Prompter,
    ui: &mut dyn Write,
    clock: &dyn Clock,
) -> Result<Report> {
    let recorder = Arc::new(Mutex::new(recorder));
    interrupt::watch(Arc::clone(&recorder));
    let result = ask_all(plan, &recorder, prompter, ui, clock);
    interrupt::release();
    let mut r = recorder.lock().expect("recorder lock");
    match result {
        Ok(()) => r.finish(false),
        Err(e) => {
            // A failed write ends the session, but what was answered is still summarised.
            let _ = r.finish(false);
            Err(e)
        }
    }
}

fn ask_all(
    plan: &[Planned],
    recorder: &Mutex<Recorder>,
    prompter: &mut dyn Prompter,
    ui: &mut dyn Write,
    clock: &dyn Clock,
) -> Result<()> {
    let total = plan.len();
    let session = recorder.lock().expect("recorder lock").header.session.clone();
    for (k, item) in plan.iter().enumerate() {
        let q = item.question;
        let width = prompter.width();
        show_question(ui, item, k + 1, total, width).map_err(io_err("cannot show the question"))?;
        let shown = clock.now();
        recorder.lock().expect("recorder lock").started.get_or_insert(shown);
        let reply = match prompter.answer(item, ui) {
            Err(e) if interrupt::is_interrupt(&e) => interrupt::now(),
            other => other.map_err(io_err("cannot read the answer"))?,
        };
        let answered = clock.now();
        let response = match reply {
            Reply::End => return Ok(()),
            Reply::Skip => None,
            Reply::Answer(r) => Some(r),
        };
        let mut ticks = None;
        // Ctrl-C at the key-point checklist keeps the answer (with the keyword ticks) first.
        let mut stop = false;
        let score = match (&q.kind, &response) {
            (_, None) => 0.0,
            (Kind::Open { key_points, model_answer }, Some(Response::Text(t))) => {
                let auto = grade::key_point_hits(key_points, t);
                let confirmed = if prompter.is_plain() {
                    auto
                } else {
                    labelled(ui, "Model answer:", model_answer, width).map_err(io_err("cannot show the answer"))?;
                    match prompter.confirm_points(key_points, auto.clone(), ui) {
                        Ok(ticks) => ticks,
                        Err(e) if interrupt::is_interrupt(&e) => {
                            stop = true;
                            auto
                        }
                        Err(e) => return Err(io_err("cannot read the key points")(e)),
                    }
                };
                let score = grade::coverage(&confirmed);
                ticks = Some(confirmed);
                score
            }
            (_, Some(r)) => grade::score(q, r),
        };
        let elapsed = (answered - shown).to_std().unwrap_or_default();
        let overtime = elapsed > item.limit;
        let record = AnswerRecord {
            v: VERSION,
            session: session.clone(),
            at: answered,
            topic: q.topic.clone(),
            question: q.id.clone(),
            qtype: q.qtype(),
            difficulty: q.difficulty,
            level: q.level,
            response: response.as_ref().map(|r| response_text(item, r)),
            score,
            correct: grade::is_correct(score),
            skipped: response.is_none(),
            elapsed_ms: u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            limit_ms: u64::try_from(item.limit.as_millis()).unwrap_or(u64::MAX),
            overtime,
        };
        recorder.lock().expect("recorder lock").record(record.clone())?;
        if stop {
            interrupt::now();
        }
        show_feedback(ui, item, &record, response.as_ref(), ticks.as_deref(), prompter.is_plain(), width)
            .map_err(io_err("cannot show the feedback"))?;
    }
    Ok(())
}

fn show_question(
    ui: &mut dyn Write,
    item: &Planned,
    number: usize,
    total: usize,
    width: Option<usize>,
) -> io::Result<()> {
    let q = item.question;
    writeln!(
        ui,
        "\n{} {} · {} · {} · {} · {}",
        format!("[{number}/{total}]").bold(),
        q.topic.cyan(),
        q.qtype(),
        q.difficulty,
        q.level,
        text::duration(item.limit)
    )?;
    writeln!(ui, "{}", text::wrap(&q.prompt, width).bold())
}

/// Writes `label text`, wrapped, with the label in bold.
fn labelled(ui: &mut dyn Write, label: &str, body: &str, width: Option<usize>) -> io::Result<()> {
    let wrapped = text::wrap(&format!("{label} {body}"), width);
    let rest = wrapped.get(label.len()..).unwrap_or_default();
    writeln!(ui, "{}{rest}", label.bold())
}

fn show_feedback(
    ui: &mut dyn Write,
    item: &Planned,
    rec: &AnswerRecord,
    response: Option<&Response>,
    ticks: Option<&[bool]>,
    plain: bool,
    width: Option<usize>,
) -> io::Result<()> {
    let q = item.question;
    let verdict = if rec.skipped {
        "– Skipped".yellow()
    } else if rec.correct {
        "✓ Correct".green()
    } else {
        "✗ Wrong".red()
    };
    let score = if rec.skipped || rec.score == 1.0 || rec.score == 0.0 {
        String::new()
    } else {
        format!(" (score {})", text::percent(rec.score))
    };
    let timing = format!("{} of {}", text::millis(rec.elapsed_ms), text::millis(rec.limit_ms));
    let timing = if rec.overtime { format!("{timing}, overtime").yellow().to_string() } else { timing };
    writeln!(ui, "{verdict}{score} · {timing}")?;
    let shown = |i: usize| -> String {
        let k = item.order.iter().position(|&o| o == i).unwrap_or(0);
        if plain { format!("{}) {}", letter(k), q.choices()[i]) } else { q.choices()[i].clone() }
    };
    match &q.kind {
        Kind::Choice { answer, .. } => labelled(ui, "Answer:", &shown(*answer), width)?,
        Kind::Multi { answers, .. } => {
            // Every choice in the order shown: right ones ticked, with what the user did.
            let picked: &[usize] = match response {
                Some(Response::Multi(p)) => p,
                _ => &[],
            };
            writeln!(ui, "{}", "Answer:".bold())?;
            for &i in &item.order {
                let right = answers.contains(&i);
                let mark = if right { "✓".green() } else { " ".normal() };
                let note = match (right, picked.contains(&i)) {
                    (true, true) => " (picked)".green().to_string(),
                    (true, false) if !rec.skipped => " (missed)".yellow().to_string(),
                    (false, true) => " (wrong pick)".red().to_string(),
                    _ => String::new(),
                };
                writeln!(ui, "  {mark} {}{note}", shown(i))?;
            }
        }
        Kind::Short { answer, .. } => labelled(ui, "Answer:", answer, width)?,
        Kind::Open { key_points, model_answer } => {
            let ticks = ticks.unwrap_or(&[]);
            let covered = ticks.iter().filter(|&&t| t).count();
            writeln!(ui, "{} ({covered} of {} covered)", "Key points".bold(), key_points.len())?;
            for (p, &t) in key_points.iter().zip(ticks.iter().chain(std::iter::repeat(&false))) {
                let mark = if t { "[x]".green() } else { "[ ]".normal() };
                writeln!(ui, "  {mark} {}", p.point)?;
            }
            if plain || rec.skipped {
                labelled(ui, "Model answer:", model_answer, width)?;
            }
        }
    }
    labelled(ui, "Why:", &q.explanation, width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{bank, clock::FixedClock, draw, library::Library, prompt::PlainPrompter};

    const BANK: &str = "format: 1
topic: t
title: T
questions:
  - id: t-one
    type: choice
    difficulty: easy
    level: junior
    prompt: One?
    choices: [yes, no]
    answer: yes
    explanation: Yes it is.
  - id: t-two
    type: short
    difficulty: hard
    level: senior
    prompt: Two?
    answer: two
    explanation: Two it is.
";

    #[test]
    fn scripted_session_is_timed_graded_and_logged() {
        let lib = Library { banks: vec![bank::parse("t.yaml", "t", BANK).unwrap()] };
        let (plan, _) = draw::draw(&lib, &draw::Filter::default(), 2, 5, Some(std::time::Duration::from_secs(15)));
        let dir = tempfile::tempdir().unwrap();
        let log_path = dir.path().join("h.jsonl");
        let clock = Arc::new(FixedClock::new("2026-11-01T10:00:00Z".parse().unwrap(), chrono::Duration::seconds(20)));
        let header = Header {
            session: "s1".into(),
            mode: "practice".into(),
            topics: vec!["t".into()],
            seed: 5,
            planned: 2,
            pass_mark: None,
            json: false,
        };
        let recorder = Recorder::new(header, Some(Log::open(&log_path).unwrap()), clock.clone());
        let answers = plan.iter().map(|p| if p.question.id == "t-one" { "yes\n" } else { "TWO\n" }).collect::<String>();
        let mut prompter = PlainPrompter::new(answers.as_bytes(), false);
        let mut ui = Vec::new();
        let report = run(&plan, recorder, &mut prompter, &mut ui, clock.as_ref()).unwrap();
        assert_eq!((report.asked, report.correct, report.overtime), (2, 2, 2));
        assert_eq!(report.elapsed_ms, 40_000);
        assert!(report.completed);
        let mut records = Vec::new();
        crate::history::scan(&log_path, |r| records.push(r)).unwrap();
        assert_eq!(records.len(), 3);
        let Record::Session(s) = &records[2] else { panic!("session record last: {records:?}") };
        assert_eq!((s.asked, s.correct, s.completed, s.elapsed_ms), (2, 2, true, 80_000));
        let shown = String::from_utf8(ui).unwrap();
        assert!(shown.contains("[2/2] t"), "{shown}");
        assert!(shown.contains("20s of 15s, overtime"), "{shown}");
    }
}
