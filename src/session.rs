//! The session engine: shows each planned question, times and grades the answer, explains it,
//! and records it in the log the moment it is given.
//!
//! The answers live in a [`Recorder`] that a signal can also end (see [`crate::ask::interrupt`]),
//! so an interrupted session still writes its session record and prints its partial report
//! before exiting.

use std::{
    io::{self, Write},
    sync::{Arc, Mutex},
};

use colored::Colorize;

use crate::{
    ask::interrupt,
    ask::prompt::{Prompter, Reply, letter, response_text},
    bank::{KeyPoint, Kind, Question},
    clock::Clock,
    draw::Planned,
    error::{Result, io as io_err},
    grade::{self, Response, external::External},
    history::{AnswerRecord, Log, Record, SessionRecord, VERSION},
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
    /// The command that replays the session, for the report.
    pub replay: Option<String>,
    /// Whether the report is printed as JSON.
    pub json: bool,
}

/// Gives a session record its verdict from the report (mock interviews).
type Judge = Box<dyn Fn(&Report) -> String + Send>;

/// The answers so far, and the log they go to.
pub struct Recorder {
    header: Header,
    log: Option<Log>,
    clock: Arc<dyn Clock>,
    started: Option<chrono::DateTime<chrono::Utc>>,
    answers: Vec<AnswerRecord>,
    report: Option<Report>,
    plan: Option<Vec<String>>,
    judge: Option<Judge>,
    timed_out: bool,
    grader: Option<External>,
    /// An answer given but not yet logged, see [`Recorder::hold`].
    held: Option<AnswerRecord>,
}

impl Recorder {
    /// A recorder writing to `log`, if any.
    pub fn new(header: Header, log: Option<Log>, clock: Arc<dyn Clock>) -> Self {
        Recorder {
            header,
            log,
            clock,
            started: None,
            answers: Vec::new(),
            report: None,
            plan: None,
            judge: None,
            timed_out: false,
            grader: None,
            held: None,
        }
    }

    /// Grades open answers with an external grader, falling back to the built-in one.
    pub fn set_grader(&mut self, grader: Option<External>) {
        self.grader = grader;
    }

    /// Records the planned question ids in the session record (mock interviews).
    pub fn set_plan(&mut self, plan: Vec<String>) {
        self.plan = Some(plan);
    }

    /// Counts one more question than planned (a mock's follow-up), so asking it does not make
    /// the session look unfinished.
    pub fn add_planned(&mut self) {
        self.header.planned += 1;
    }

    /// Gives the session record a verdict, from the report when the session ends — also when
    /// it is interrupted (mock interviews).
    pub fn judge_with(&mut self, judge: impl Fn(&Report) -> String + Send + 'static) {
        self.judge = Some(Box::new(judge));
    }

    /// Marks the session as ended by its time budget (mock interviews).
    pub fn set_timed_out(&mut self) {
        self.timed_out = true;
    }

    /// Keeps `answer` to be logged if the session ends before [`Recorder::record`] logs its
    /// final form (a signal while the user rates or ticks it).
    fn hold(&mut self, answer: AnswerRecord) {
        if self.report.is_none() {
            self.held = Some(answer);
        }
    }

    /// Appends an answer to the log, then keeps it.
    fn record(&mut self, answer: AnswerRecord) -> Result<()> {
        self.held = None;
        // A signal may end the session (logging what was held) while this thread waits for the
        // lock: after the session record, nothing more is logged.
        if self.report.is_some() {
            return Ok(());
        }
        if let Some(log) = &self.log {
            log.append(&Record::Answer(answer.clone()))?;
        }
        self.answers.push(answer);
        Ok(())
    }

    /// The session id.
    pub fn session(&self) -> &str {
        &self.header.session
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
        if let Some(answer) = self.held.take() {
            self.record(answer)?;
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
                timed_out: self.timed_out && !interrupted,
                replay: self.header.replay.clone(),
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
                plan: self.plan.clone(),
                verdict: self.judge.as_ref().map(|judge| judge(&report)),
                timed_out: report.status == crate::report::Status::TimedOut,
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
    let shared = start(recorder);
    let result = (|| {
        let mut asker = Asker::new(&shared, prompter, ui, clock, false);
        for (k, item) in plan.iter().enumerate() {
            if asker.ask(item, k + 1, plan.len(), None)?.is_none() {
                break;
            }
        }
        Ok(())
    })();
    end(&shared, result)
}

/// Makes `recorder` the session in progress, so Ctrl-C can end it.
pub fn start(recorder: Recorder) -> Arc<Mutex<Recorder>> {
    let shared = Arc::new(Mutex::new(recorder));
    let ending = Arc::clone(&shared);
    interrupt::watch(move || end_interrupted(&ending));
    shared
}

/// Ends the session as interrupted: writes its session record and prints the partial report on
/// stdout. Runs on the way out of the process, so failures to write are only reported.
fn end_interrupted(shared: &Mutex<Recorder>) {
    let Ok(mut r) = shared.lock() else { return };
    match r.finish(true) {
        Ok(report) => {
            let mut out = io::stdout().lock();
            let _ = if r.json() { report.write_json(&mut out) } else { report.write_text(&mut out) };
            let _ = out.flush();
        }
        Err(e) => {
            let _ = writeln!(io::stderr(), "quiz: {e}");
        }
    }
}

/// Ends the session in progress: writes its session record and returns the report. A failed
/// write ends a session early, but what was answered is still summarised.
pub fn end(shared: &Mutex<Recorder>, result: Result<()>) -> Result<Report> {
    // Finished before Ctrl-C stops watching, so an interrupt in between still finds a record.
    let finished = shared.lock().expect("recorder lock").finish(false);
    interrupt::release();
    match result {
        Ok(()) => finished,
        Err(e) => {
            // The session stops (a full disk, a closed terminal), but what was answered is still
            // summarised, as after Ctrl-C.
            let recorder = shared.lock().expect("recorder lock");
            if let Some(report) = &recorder.report {
                let mut out = io::stdout().lock();
                let _ = if recorder.json() { report.write_json(&mut out) } else { report.write_text(&mut out) };
                let _ = out.flush();
            }
            Err(e)
        }
    }
}

/// One question as it went.
#[derive(Debug, Clone)]
pub struct Asked {
    /// The record written to the log.
    pub record: AnswerRecord,
    /// For open questions, the key points counted as covered.
    pub ticks: Option<Vec<bool>>,
}

/// Asks single questions: shows, times, grades, records and explains each.
pub struct Asker<'a> {
    recorder: &'a Mutex<Recorder>,
    prompter: &'a mut dyn Prompter,
    ui: &'a mut dyn Write,
    clock: &'a dyn Clock,
    session: String,
    /// Whether to ask how sure the user is before revealing the answer.
    confidence: bool,
    grader: Option<External>,
}

impl<'a> Asker<'a> {
    /// An asker recording into `recorder`.
    pub fn new(
        recorder: &'a Mutex<Recorder>,
        prompter: &'a mut dyn Prompter,
        ui: &'a mut dyn Write,
        clock: &'a dyn Clock,
        confidence: bool,
    ) -> Self {
        let (session, grader) = {
            let r = recorder.lock().expect("recorder lock");
            (r.header.session.clone(), r.grader.clone())
        };
        // What all grading shares is set up off the main thread while the first question is read.
        std::thread::spawn(grade::warm_up);
        Asker { recorder, prompter, ui, clock, session, confidence, grader }
    }

    /// Asks `item` as question `number` of `total`, with an optional note above it (the
    /// interview clock). `None` when input has ended.
    pub fn ask(&mut self, item: &Planned, number: usize, total: usize, note: Option<&str>) -> Result<Option<Asked>> {
        let q = item.question;
        let width = self.prompter.width();
        if let Some(note) = note {
            writeln!(self.ui, "\n{}", note.dimmed()).map_err(io_err("cannot show the question"))?;
        }
        show_question(self.ui, item, number, total, width).map_err(io_err("cannot show the question"))?;
        let shown = self.clock.now();
        self.recorder.lock().expect("recorder lock").started.get_or_insert(shown);
        // While the user reads: compile the question's grading material.
        grade::prepare(q);
        let reply = match self.prompter.answer(item, self.ui) {
            Err(e) if interrupt::is_interrupt(&e) => interrupt::now(interrupt::Signal::Interrupt),
            other => other.map_err(io_err("cannot read the answer"))?,
        };
        let answered = self.clock.now();
        let response = match reply {
            Reply::End => return Ok(None),
            Reply::Skip => None,
            Reply::Answer(r) => Some(r),
        };
        // Graded by the built-in grader before anything else, so the answer can be held: a signal
        // from here on (Ctrl-C while an external grader runs, at the confidence or key-point
        // prompts, even one that arrives between two keys as SIGINT) logs it before the session
        // ends.
        let builtin: Option<Vec<grade::PointMatch>> = match (&q.kind, &response) {
            (Kind::Open { key_points, .. }, Some(Response::Text(t))) => {
                Some(grade::match_points(&q.prompt, key_points, t))
            }
            _ => None,
        };
        let score = match (&q.kind, &response, &builtin) {
            (_, None, _) => 0.0,
            (Kind::Open { key_points, .. }, _, Some(auto)) => grade::matched_score(key_points, auto),
            (_, Some(r), _) => grade::score(q, r),
        };
        let elapsed = (answered - shown).to_std().unwrap_or_default();
        let mut record = AnswerRecord {
            v: VERSION,
            session: self.session.clone(),
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
            overtime: elapsed > item.limit,
            confidence: None,
        };
        self.recorder.lock().expect("recorder lock").hold(record.clone());
        let mut external = None;
        if let (Kind::Open { key_points, model_answer }, Some(Response::Text(t))) = (&q.kind, &response)
            && let Some(hits) = self.external(q, model_answer, key_points, t)
        {
            record.score = grade::matched_score(key_points, &hits);
            record.correct = grade::is_correct(record.score);
            external = Some(hits);
            self.recorder.lock().expect("recorder lock").hold(record.clone());
        }
        let auto = external.as_ref().or(builtin.as_ref());
        // Ctrl-C as a key at the confidence or key-point prompts keeps the answer first, then
        // ends the session.
        let mut stop = false;
        if response.is_some() && self.confidence {
            record.confidence = match self.prompter.confidence(self.ui) {
                Err(e) if interrupt::is_interrupt(&e) => {
                    stop = true;
                    None
                }
                other => other.map_err(io_err("cannot read the confidence"))?,
            };
        }
        let mut ticks = None;
        if let (Kind::Open { key_points, model_answer }, Some(auto)) = (&q.kind, auto) {
            let hits: Vec<bool> = auto.iter().map(|m| m.hit).collect();
            if !self.prompter.is_plain() && !stop {
                // Read again: the terminal may have been resized while the user answered.
                labelled(self.ui, "Model answer:", model_answer, self.prompter.width())
                    .map_err(io_err("cannot show the answer"))?;
                match self.prompter.confirm_points(key_points, hits.clone(), self.ui) {
                    Ok(confirmed) => {
                        // The user decides which points are made; one the grader heard only in
                        // other words keeps its part credit.
                        let matches: Vec<grade::PointMatch> = confirmed
                            .iter()
                            .zip(auto)
                            .map(|(&hit, m)| grade::PointMatch { hit, paraphrase: hit && m.paraphrase, quote: None })
                            .collect();
                        record.score = grade::matched_score(key_points, &matches);
                        record.correct = grade::is_correct(record.score);
                        ticks = Some(confirmed);
                    }
                    Err(e) if interrupt::is_interrupt(&e) => stop = true,
                    Err(e) => return Err(io_err("cannot read the key points")(e)),
                }
            }
            ticks.get_or_insert(hits);
        }
        self.recorder.lock().expect("recorder lock").record(record.clone())?;
        if stop {
            interrupt::now(interrupt::Signal::Interrupt);
        }
        let width = self.prompter.width();
        // The feedback quotes the words the built-in grader heard, whoever decided the ticks.
        let open = ticks.as_deref().map(|t| (t, builtin.as_deref().unwrap_or_default()));
        show_feedback(self.ui, item, &record, response.as_ref(), open, self.prompter.is_plain(), width)
            .map_err(io_err("cannot show the feedback"))?;
        Ok(Some(Asked { record, ticks }))
    }
    /// Which key points an open answer makes by the external grader, if there is one and it
    /// answers; a failure is shown and leaves the built-in grader's judgement standing.
    fn external(
        &mut self,
        q: &Question,
        model_answer: &str,
        key_points: &[KeyPoint],
        text: &str,
    ) -> Option<Vec<grade::PointMatch>> {
        let g = self.grader.as_ref()?;
        match g.judge(q, model_answer, key_points, text) {
            Ok(hits) => Some(hits.into_iter().map(|hit| grade::PointMatch { hit, ..Default::default() }).collect()),
            Err(why) => {
                let _ = writeln!(
                    self.ui,
                    "{}",
                    format!("The grader `{}` failed ({why}); graded by the built-in grader.", g.command).yellow()
                );
                None
            }
        }
    }
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
        q.id.cyan(),
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
    open: Option<(&[bool], &[grade::PointMatch])>,
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
    writeln!(ui, "{verdict}{score} · {timing} · {}", q.id)?;
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
            let (ticks, found) = open.unwrap_or_default();
            let covered = ticks.iter().filter(|&&t| t).count();
            writeln!(ui, "{} ({covered} of {} covered)", "Key points".bold(), key_points.len())?;
            // Each point says which words earned it, so a misread answer is easy to spot.
            for (i, (p, &t)) in key_points.iter().zip(ticks.iter().chain(std::iter::repeat(&false))).enumerate() {
                let mark = if t { "[x]".green() } else { "[ ]".normal() };
                let core = if p.core { " (core)".bold().to_string() } else { String::new() };
                let why = match (t, found.get(i)) {
                    (true, Some(m)) if m.hit => format!(" — {}", m.describe().unwrap_or_default()).dimmed().to_string(),
                    (true, _) if !rec.skipped => " — ticked".dimmed().to_string(),
                    _ => String::new(),
                };
                writeln!(ui, "  {mark} {}{core}{why}", p.point)?;
            }
            let parts = crate::grade::star_parts(key_points, ticks);
            if !parts.is_empty() {
                let shown: Vec<String> = parts
                    .iter()
                    .map(|(part, hit)| {
                        if *hit {
                            format!("{part} ✓").green().to_string()
                        } else {
                            format!("{part} ✗").red().to_string()
                        }
                    })
                    .collect();
                writeln!(ui, "{} {}", "STAR:".bold(), shown.join(" · "))?;
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
    use crate::{ask::prompt::PlainPrompter, bank, clock::FixedClock, draw, library::Library};

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

    fn header() -> Header {
        Header {
            session: "s1".into(),
            mode: "practice".into(),
            topics: vec!["t".into()],
            seed: 5,
            planned: 2,
            pass_mark: None,
            replay: None,
            json: false,
        }
    }

    #[test]
    fn scripted_session_is_timed_graded_and_logged() {
        let lib = Library { banks: vec![bank::parse("t.yaml", "t", BANK).unwrap()] };
        let (plan, _) = draw::draw(&lib, &draw::Filter::default(), 2, 5, Some(std::time::Duration::from_secs(15)));
        let dir = tempfile::tempdir().unwrap();
        let log_path = dir.path().join("h.jsonl");
        let clock = Arc::new(FixedClock::new("2026-11-01T10:00:00Z".parse().unwrap(), chrono::Duration::seconds(20)));
        let header = header();
        let recorder = Recorder::new(header, Some(Log::open(&log_path).unwrap()), clock.clone());
        let answers = plan.iter().map(|p| if p.question.id == "t-one" { "yes\n" } else { "TWO\n" }).collect::<String>();
        let mut prompter = PlainPrompter::new(answers.as_bytes(), false);
        let mut ui = Vec::new();
        let report = run(&plan, recorder, &mut prompter, &mut ui, clock.as_ref()).unwrap();
        assert_eq!((report.asked, report.correct, report.overtime), (2, 2, 2));
        assert_eq!(report.elapsed_ms, 40_000);
        assert!(report.completed);
        let mut records = Vec::new();
        crate::history::scan(&log_path, clock.peek(), |r| records.push(r)).unwrap();
        assert_eq!(records.len(), 3);
        let Record::Session(s) = &records[2] else { panic!("session record last: {records:?}") };
        assert_eq!((s.asked, s.correct, s.completed, s.elapsed_ms), (2, 2, true, 80_000));
        let shown = String::from_utf8(ui).unwrap();
        assert!(shown.contains("[2/2] t"), "{shown}");
        assert!(shown.contains("20s of 15s, overtime"), "{shown}");
        assert!(shown.contains("✓ Correct · 20s of 15s, overtime · t-one\n"), "the id in the feedback: {shown}");
    }

    #[test]
    fn a_held_answer_is_logged_once_when_a_signal_ends_the_session() {
        let dir = tempfile::tempdir().unwrap();
        let log_path = dir.path().join("h.jsonl");
        let clock = Arc::new(FixedClock::new("2026-11-01T10:00:00Z".parse().unwrap(), chrono::Duration::seconds(20)));
        let header = header();
        let mut recorder = Recorder::new(header, Some(Log::open(&log_path).unwrap()), clock.clone());
        let answer = AnswerRecord {
            v: VERSION,
            session: "s1".into(),
            at: clock.now(),
            topic: "t".into(),
            question: "t-two".into(),
            qtype: crate::bank::QType::Short,
            difficulty: crate::bank::Difficulty::Hard,
            level: crate::bank::Level::Senior,
            response: Some("two".into()),
            score: 1.0,
            correct: true,
            skipped: false,
            elapsed_ms: 1000,
            limit_ms: 60_000,
            overtime: false,
            confidence: None,
        };
        recorder.hold(answer.clone());
        // The signal ends the session: the held answer, then the session record.
        let report = recorder.finish(true).unwrap();
        assert_eq!((report.asked, report.correct), (1, 1));
        // The asking thread, let in after the ending, holds and records the same answer again.
        recorder.hold(answer.clone());
        recorder.record(answer).unwrap();
        assert_eq!(recorder.finish(true).unwrap().asked, 1);
        let mut kinds = Vec::new();
        crate::history::scan(&log_path, clock.peek(), |r| {
            kinds.push(match r {
                Record::Answer(_) => "answer",
                Record::Session(_) => "session",
            })
        })
        .unwrap();
        assert_eq!(kinds, ["answer", "session"]);
    }
}
