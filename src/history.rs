//! The history log: JSON Lines, only ever appended to.
//!
//! Every record is one line written with one `write` under an exclusive lock, so concurrent
//! sessions never interleave; a write cut short (a full disk) is truncated away, so the log never
//! holds a torn line of ours. Only a regular file whose first line is a quiz record is appended
//! to. Reading streams the file in blocks and skips, with a warning naming the line, anything
//! that is not a record this build understands or whose values are out of range; nothing is
//! ever rewritten.

use std::{
    fs::{self, File, OpenOptions},
    io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write},
    path::{Path, PathBuf},
    sync::{Mutex, mpsc},
};

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    bank::{Difficulty, Level, QType},
    error::{Error, Result},
    file::{self, Refusal},
};

/// The record version this build writes and reads.
pub const VERSION: u32 = 1;

/// Writes times as RFC 3339 in UTC to the millisecond (`2026-11-21T19:46:12.345Z`), leaving out
/// a zero fraction.
pub fn rfc3339_millis<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    use chrono::SubsecRound;
    s.serialize_str(&t.trunc_subsecs(3).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

/// One answered (or skipped) question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    /// Record version.
    pub v: u32,
    /// The session this answer belongs to.
    pub session: String,
    /// When the answer was given (RFC 3339).
    #[serde(serialize_with = "rfc3339_millis")]
    pub at: chrono::DateTime<chrono::Utc>,
    /// Topic slug.
    pub topic: String,
    /// Question id.
    pub question: String,
    /// Question type.
    pub qtype: QType,
    /// Question difficulty.
    pub difficulty: Difficulty,
    /// Question level.
    pub level: Level,
    /// What the user answered, as text; null when skipped.
    pub response: Option<String>,
    /// Score from 0 to 1.
    pub score: f64,
    /// Whether the score counts as correct.
    pub correct: bool,
    /// Whether the question was skipped.
    pub skipped: bool,
    /// Time from showing the question to the answer.
    pub elapsed_ms: u64,
    /// The time limit that applied.
    pub limit_ms: u64,
    /// Whether the answer took longer than the limit.
    pub overtime: bool,
    /// How sure the user said they were, 1 to 3 (mock interviews; absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
}

/// The summary written when a session ends, also when it ends early.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Record version.
    pub v: u32,
    /// Session id.
    pub session: String,
    /// `practice` (later also `review`, `mock`).
    pub mode: String,
    /// When the first question was shown.
    #[serde(serialize_with = "rfc3339_millis")]
    pub started: chrono::DateTime<chrono::Utc>,
    /// When the session ended.
    #[serde(serialize_with = "rfc3339_millis")]
    pub ended: chrono::DateTime<chrono::Utc>,
    /// The topics drawn from (empty: all).
    pub topics: Vec<String>,
    /// The draw's seed.
    pub seed: u64,
    /// Questions shown.
    pub asked: usize,
    /// Questions answered (not skipped).
    pub answered: usize,
    /// Answers that counted as correct.
    pub correct: usize,
    /// Mean score over the questions shown, 0 to 1.
    pub score: f64,
    /// Time from start to end.
    pub elapsed_ms: u64,
    /// False when ended early or interrupted.
    pub completed: bool,
    /// The planned question ids (mock interviews; absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Vec<String>>,
    /// The readiness verdict (mock interviews; absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// True when a mock interview ended because its time budget ran out (absent otherwise).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub timed_out: bool,
}

/// A line of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Record {
    /// An answer.
    Answer(AnswerRecord),
    /// A session summary.
    Session(SessionRecord),
}

/// An open log, ready to append to.
pub struct Log {
    path: PathBuf,
    file: File,
}

impl Log {
    /// Opens (creating with mode 0600, and its directory) the log for appending. Fails now, not
    /// after the first answer, when it cannot be written.
    pub fn open(path: &Path) -> Result<Log> {
        let unwritable = |why: String| Error::HistoryUnwritable { path: path.to_owned(), why };
        let refused = |why: String| Error::HistoryRefused { path: path.to_owned(), why };
        match file::check_regular(path) {
            Err(Refusal::NotRegular(_)) if path.is_dir() => return Err(unwritable("it is a directory".into())),
            Err(r @ Refusal::NotRegular(_)) => return Err(refused(r.to_string())),
            _ => {}
        }
        // Checked by its mode, not by trying: a read-only log stays untouched even for root.
        if fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly()) {
            return Err(unwritable("the file is read-only".into()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(|e| unwritable(format!("cannot create {}: {e}", dir.display())))?;
        }
        let mut opts = OpenOptions::new();
        opts.append(true).create(true).read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = file::open_regular(path, &mut opts).map_err(|r| match r {
            Refusal::Io(e) => unwritable(e.to_string()),
            other => refused(other.to_string()),
        })?;
        if let Some(why) = foreign(&file) {
            return Err(refused(why));
        }
        Ok(Log { path: path.to_owned(), file })
    }

    /// The log's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record as one line, under an exclusive lock. A torn last line left by a
    /// killed process is ended first, so the new record starts on a line of its own. The line
    /// goes out in one `write`; when the disk takes only part of it, the file is cut back to
    /// where it was, so a failed append leaves no trace.
    pub fn append(&self, record: &Record) -> Result<()> {
        let mut line = serde_json::to_vec(record).expect("records serialise");
        line.push(b'\n');
        let fail = |e: io::Error| Error::HistoryWrite { path: self.path.clone(), why: e.to_string() };
        self.file.lock().map_err(fail)?;
        let result = (|| {
            let mut f = &self.file;
            let len = f.seek(SeekFrom::End(0))?;
            if len > 0 {
                f.seek(SeekFrom::Start(len - 1))?;
                let mut last = [0u8];
                f.read_exact(&mut last)?;
                if last[0] != b'\n' {
                    line.insert(0, b'\n');
                }
            }
            write_whole(f, &line).inspect_err(|_| {
                // Best effort: if even this fails, the reader skips the torn line with a warning.
                let _ = self.file.set_len(len);
            })
        })();
        let unlocked = self.file.unlock();
        result.map_err(fail)?;
        unlocked.map_err(fail)
    }
}

/// Writes `line` with one `write`. A short write is completed only to learn why it was short:
/// the caller truncates on any error.
fn write_whole(mut f: &File, line: &[u8]) -> io::Result<()> {
    let n = f.write(line)?;
    if n < line.len() {
        f.write_all(&line[n..])?;
    }
    Ok(())
}

/// Why a log about to be appended to is not a quiz log, if it is not: its first line (within
/// the first [`MAX_LINE`] bytes) is not a quiz record. An empty file is a new log.
fn foreign(file: &File) -> Option<String> {
    let mut head = Vec::new();
    let mut reader = BufReader::new(file.take(MAX_LINE));
    loop {
        head.clear();
        match reader.read_until(b'\n', &mut head) {
            Ok(0) => return None,
            Ok(_) if head.trim_ascii().is_empty() => continue,
            Ok(_) => break,
            Err(e) => return Some(format!("cannot read its first line: {e}")),
        }
    }
    #[derive(Deserialize)]
    struct Head<'a> {
        v: u32,
        #[serde(borrow)]
        kind: Cow<'a, str>,
    }
    match serde_json::from_slice::<Head>(head.trim_ascii()) {
        Ok(h) if h.v >= 1 && !h.kind.is_empty() => None,
        _ => Some(
            "its first line is not a quiz history record, so it is some other file (a bank given as \
             --history?) and quiz will not append to it"
                .into(),
        ),
    }
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// A line of the log that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line number.
    pub line: usize,
    /// Why it was skipped.
    pub why: String,
}

/// The lines a read skipped: how many, and the first few with their reasons. A log of junk
/// costs a few lines of warnings, not one a line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Warnings {
    /// Lines skipped in all.
    pub count: usize,
    /// The first [`Warnings::SHOWN`] of them.
    pub first: Vec<Warning>,
}

impl Warnings {
    /// How many skipped lines are described one by one.
    pub const SHOWN: usize = 5;

    fn push(&mut self, line: usize, why: impl FnOnce() -> String) {
        self.count += 1;
        if self.first.len() < Self::SHOWN {
            self.first.push(Warning { line, why: why() });
        }
    }

    /// Whether no line was skipped.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Longest line read whole; longer lines are skipped (a record is a few hundred bytes).
const MAX_LINE: u64 = 1 << 20;

/// How far past `now` a record's time may be (clocks disagree a little; not by years).
const SLACK: chrono::TimeDelta = chrono::TimeDelta::days(1);

/// Streams the log's records to `f` in file order and returns the lines it skipped. A missing
/// log has no records. Records dated more than a day after `now` are skipped.
pub fn scan(path: &Path, now: DateTime<Utc>, mut f: impl FnMut(Record)) -> Result<Warnings> {
    scan_lines(path, |text| {
        if let Some(record) = parse_record(text, now)? {
            f(record);
        }
        Ok(())
    })
}

/// Parses one log line into a record; `Ok(None)` for a kind this build does not know. The
/// error says why the line is skipped.
pub fn parse_record(text: &str, now: DateTime<Utc>) -> Result<Option<Record>, String> {
    Line::parse(text)?.into_record(now + SLACK)
}

/// Streams only the answers, as borrowed views: the fast path for statistics over long logs.
/// Fields a view does not need are skipped unparsed.
///
/// A long log is parsed on every core: one thread reads it in blocks of whole lines, workers
/// parse the blocks, and `f` sees the answers in file order on the calling thread. At most a
/// few blocks are in memory at once, whatever the log's size.
pub fn scan_answers(path: &Path, now: DateTime<Utc>, mut f: impl FnMut(&AnswerView)) -> Result<Warnings> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let Some((file, len)) = open_log(path)? else { return Ok(Warnings::default()) };
    if workers < 2 || len < 4 * BLOCK as u64 {
        return read_lines(path, file, len, |text| parse_answer(text, now, &mut f));
    }
    let unreadable = |e: io::Error| Error::HistoryUnreadable { path: path.to_owned(), why: e.to_string() };
    let horizon = now + SLACK;
    // Buffers circulate: reader → worker → this thread → reader, which bounds memory.
    let slots = workers * 2 + 2;
    let (pool_tx, pool_rx) = mpsc::sync_channel::<Vec<u8>>(slots);
    for _ in 0..slots {
        let _ = pool_tx.send(Vec::with_capacity(BLOCK));
    }
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Vec<u8>, usize)>(slots);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<Parsed>(slots);
    std::thread::scope(|s| {
        let reader = s.spawn(move || feed(file.take(len), &pool_rx, &job_tx));
        for _ in 0..workers {
            let (job_rx, done_tx) = (&job_rx, done_tx.clone());
            s.spawn(move || {
                while let Ok((seq, buf, first)) = job_rx.lock().map_err(|_| ()).and_then(|rx| rx.recv().map_err(|_| ()))
                {
                    if done_tx.send(Parsed::block(seq, buf, first, horizon)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        let mut warnings = Warnings::default();
        for parsed in done_rx {
            pending.insert(parsed.seq, parsed);
            while let Some(p) = pending.remove(&next) {
                for a in &p.answers {
                    f(&a.view(&p.buf));
                }
                merge(&mut warnings, p.warnings);
                let _ = pool_tx.send(p.buf);
                next += 1;
            }
        }
        let skipped = reader.join().expect("the log reader does not panic").map_err(unreadable)?;
        merge(&mut warnings, skipped);
        Ok(warnings)
    })
}

/// Reads `r` straight into buffers from `pool` and sends each as a job numbered in order with
/// the number of its first line. Each buffer ends at a line break, except at the end of the
/// log; a line longer than a buffer is skipped with a warning, which is returned.
fn feed(
    mut r: impl Read,
    pool: &mpsc::Receiver<Vec<u8>>,
    jobs: &mpsc::SyncSender<(usize, Vec<u8>, usize)>,
) -> io::Result<Warnings> {
    let mut skipped = Warnings::default();
    let mut carry = Vec::new();
    let mut spare = None;
    let (mut seq, mut line) = (0, 1);
    let mut dropping = false;
    loop {
        let Some(mut buf) = spare.take().or_else(|| pool.recv().ok()) else { return Ok(skipped) };
        buf.clear();
        buf.append(&mut carry);
        let want = BLOCK - buf.len();
        let eof = (&mut r).take(want as u64).read_to_end(&mut buf)? < want;
        if dropping {
            // The rest of a line longer than a block.
            if let Some(i) = find(&buf, |w| equal(w, b'\n')) {
                carry.extend_from_slice(&buf[i + 1..]);
                dropping = false;
                line += 1;
            } else if eof {
                return Ok(skipped);
            }
            spare = Some(buf);
            continue;
        }
        let end = match buf.iter().rposition(|&b| b == b'\n') {
            Some(i) if !eof => i + 1,
            _ if eof => buf.len(),
            _ => {
                skipped.push(line, || format!("longer than {MAX_LINE} bytes"));
                dropping = true;
                spare = Some(buf);
                continue;
            }
        };
        carry.extend_from_slice(&buf[end..]);
        buf.truncate(end);
        if buf.is_empty() {
            spare = Some(buf);
        } else {
            let lines = count_newlines(&buf);
            if jobs.send((seq, buf, line)).is_err() {
                return Ok(skipped);
            }
            seq += 1;
            line += lines;
        }
        if eof && carry.is_empty() {
            return Ok(skipped);
        }
    }
}

/// A block of the log, parsed by a worker: its answers point into the block.
struct Parsed {
    seq: usize,
    buf: Vec<u8>,
    answers: Vec<Located>,
    warnings: Warnings,
}

impl Parsed {
    fn block(seq: usize, buf: Vec<u8>, first: usize, horizon: DateTime<Utc>) -> Parsed {
        let mut answers = Vec::new();
        let mut warnings = Warnings::default();
        lines(
            &buf,
            first,
            &mut |text| {
                let line = ViewLine::parse(text)?;
                if let Some(v) = line.view(horizon)? {
                    answers.push(Located::of(&v, &buf));
                }
                Ok(())
            },
            &mut warnings,
        );
        Parsed { seq, buf, answers, warnings }
    }
}

/// Text of an answer: where it lies in its block, or its own copy when it had escapes.
enum Span {
    At(usize, usize),
    Own(Box<str>),
}

impl Span {
    fn of(s: &str, buf: &[u8]) -> Span {
        let (base, p) = (buf.as_ptr() as usize, s.as_ptr() as usize);
        if p >= base && p + s.len() <= base + buf.len() { Span::At(p - base, s.len()) } else { Span::Own(s.into()) }
    }

    fn get<'a>(&'a self, buf: &'a [u8]) -> &'a str {
        match self {
            // The bytes were a `str` when parsed.
            Span::At(at, len) => std::str::from_utf8(&buf[*at..at + len]).unwrap_or_default(),
            Span::Own(s) => s,
        }
    }
}

/// An [`AnswerView`] that points into its block instead of borrowing it.
struct Located {
    session: Span,
    topic: Span,
    question: Span,
    at: DateTime<Utc>,
    score: f64,
    correct: bool,
    skipped: bool,
    elapsed_ms: u64,
    limit_ms: u64,
    overtime: bool,
    confidence: Option<u8>,
}

impl Located {
    fn of(v: &AnswerView, buf: &[u8]) -> Located {
        Located {
            session: Span::of(v.session, buf),
            topic: Span::of(v.topic, buf),
            question: Span::of(v.question, buf),
            at: v.at,
            score: v.score,
            correct: v.correct,
            skipped: v.skipped,
            elapsed_ms: v.elapsed_ms,
            limit_ms: v.limit_ms,
            overtime: v.overtime,
            confidence: v.confidence,
        }
    }

    fn view<'a>(&'a self, buf: &'a [u8]) -> AnswerView<'a> {
        AnswerView {
            session: self.session.get(buf),
            at: self.at,
            topic: self.topic.get(buf),
            question: self.question.get(buf),
            score: self.score,
            correct: self.correct,
            skipped: self.skipped,
            elapsed_ms: self.elapsed_ms,
            limit_ms: self.limit_ms,
            overtime: self.overtime,
            confidence: self.confidence,
        }
    }
}

/// Parses one log line on the fast path: calls `f` with the answer if it is one.
pub fn parse_answer(text: &str, now: DateTime<Utc>, f: &mut impl FnMut(&AnswerView)) -> Result<(), String> {
    let line = ViewLine::parse(text)?;
    if let Some(view) = line.view(now + SLACK)? {
        f(&view);
    }
    Ok(())
}

impl<'a> ViewLine<'a> {
    /// Parses a line: the lines quiz writes take a quick scanner, anything else serde.
    fn parse(text: &'a str) -> Result<Self, String> {
        let line = match quick::answer_line(text).or_else(|| quick::view_line(text)) {
            Some(line) => line,
            None => serde_json::from_str(text).map_err(json_error)?,
        };
        check_version(line.v)?;
        Ok(line)
    }

    /// The answer on this line, if it is one, with its time no later than `horizon`.
    fn view(&self, horizon: DateTime<Utc>) -> Result<Option<AnswerView<'_>>, String> {
        if self.kind.as_deref() != Some("answer") {
            return Ok(None);
        }
        // Checked so this reader skips exactly the lines the full one does.
        known::<QType>(self.qtype.as_deref(), "qtype")?;
        known::<Difficulty>(self.difficulty.as_deref(), "difficulty")?;
        known::<Level>(self.level.as_deref(), "level")?;
        let confidence = confidence(self.confidence)?;
        Ok(Some(AnswerView {
            session: need(self.session.as_deref(), "session")?,
            at: time(self.at.as_deref(), "at", horizon)?,
            topic: need(self.topic.as_deref(), "topic")?,
            question: need(self.question.as_deref(), "question")?,
            score: score(self.score)?,
            correct: flag(self.correct)?,
            skipped: need(self.skipped, "skipped")?,
            elapsed_ms: need(self.elapsed_ms, "elapsed_ms")?,
            limit_ms: need(self.limit_ms, "limit_ms")?,
            overtime: need(self.overtime, "overtime")?,
            confidence,
        }))
    }
}

/// A scanner for the answer lines quiz writes: one flat JSON object of strings without escapes,
/// plain numbers and literals. It gives up (`None`), leaving the line to serde, at anything
/// else (an escape, a nested value, a repeated key, a malformed token), so the two agree on
/// every line it accepts and serde alone decides, with its messages, on every other.
mod quick {
    use std::borrow::Cow;

    use super::{Correct, ViewLine};

    /// A value as written.
    enum Value<'a> {
        Str(&'a str),
        Num(&'a str),
        Bool(bool),
        Null,
        /// A list of strings (a session's topics and plan), which no field read here holds.
        List,
    }

    struct Scanner<'a> {
        b: &'a [u8],
        s: &'a str,
        i: usize,
    }

    impl<'a> Scanner<'a> {
        fn ws(&mut self) {
            while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
                self.i += 1;
            }
        }

        fn eat(&mut self, c: u8) -> Option<()> {
            (self.b.get(self.i) == Some(&c)).then(|| self.i += 1)
        }

        /// A string without escapes or control characters, after its opening quote.
        fn string(&mut self) -> Option<&'a str> {
            let start = self.i;
            let end = start + super::find(&self.b[start..], special)?;
            if self.b[end] != b'"' {
                return None;
            }
            self.i = end + 1;
            self.s.get(start..end)
        }

        fn literal(&mut self, word: &str, v: Value<'a>) -> Option<Value<'a>> {
            self.b[self.i..].starts_with(word.as_bytes()).then(|| {
                self.i += word.len();
                v
            })
        }

        /// A number in JSON's grammar.
        fn number(&mut self) -> Option<&'a str> {
            let start = self.i;
            self.eat(b'-');
            match *self.b.get(self.i)? {
                b'0' => self.i += 1,
                b'1'..=b'9' => self.digits(),
                _ => return None,
            }
            if self.eat(b'.').is_some() {
                self.some_digits()?;
            }
            if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
                self.i += 1;
                if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                    self.i += 1;
                }
                self.some_digits()?;
            }
            self.s.get(start..self.i)
        }

        fn digits(&mut self) {
            while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.i += 1;
            }
        }

        fn some_digits(&mut self) -> Option<()> {
            let start = self.i;
            self.digits();
            (self.i > start).then_some(())
        }

        fn value(&mut self) -> Option<Value<'a>> {
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    self.string().map(Value::Str)
                }
                b't' => self.literal("true", Value::Bool(true)),
                b'f' => self.literal("false", Value::Bool(false)),
                b'n' => self.literal("null", Value::Null),
                b'-' | b'0'..=b'9' => self.number().map(Value::Num),
                b'[' => {
                    self.i += 1;
                    self.ws();
                    if self.eat(b']').is_none() {
                        loop {
                            self.ws();
                            self.eat(b'"')?;
                            self.string()?;
                            self.ws();
                            if self.eat(b',').is_none() {
                                break;
                            }
                        }
                        self.eat(b']')?;
                    }
                    Some(Value::List)
                }
                _ => None,
            }
        }
    }

    /// Marks the bytes of a word that end a plain string: a quote, a backslash or a control
    /// character.
    fn special(w: u64) -> u64 {
        super::equal(w, b'"') | super::equal(w, b'\\') | super::below(w, 0x20)
    }

    fn text(v: Value<'_>) -> Option<Option<Cow<'_, str>>> {
        match v {
            Value::Str(s) => Some(Some(Cow::Borrowed(s))),
            Value::Null => Some(None),
            _ => None,
        }
    }

    fn int<T: std::str::FromStr>(v: Value<'_>) -> Option<Option<T>> {
        match v {
            Value::Num(n) if n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok().map(Some),
            Value::Null => Some(None),
            _ => None,
        }
    }

    fn boolean(v: Value<'_>) -> Option<Option<bool>> {
        match v {
            Value::Bool(b) => Some(Some(b)),
            Value::Null => Some(None),
            _ => None,
        }
    }

    /// Sets a field once; a second time gives up (serde reports the duplicate).
    fn set<T>(field: &mut Option<T>, seen: &mut u32, bit: u32, v: Option<Option<T>>) -> Option<()> {
        if *seen & bit != 0 {
            return None;
        }
        *seen |= bit;
        *field = v?;
        Some(())
    }

    impl<'a> Scanner<'a> {
        /// The literal text `lit`, next.
        fn lit(&mut self, lit: &str) -> Option<()> {
            self.b[self.i..].starts_with(lit.as_bytes()).then(|| self.i += lit.len())
        }

        fn quoted(&mut self, key: &str) -> Option<&'a str> {
            self.lit(key)?;
            self.string()
        }

        fn flag(&mut self, key: &str) -> Option<bool> {
            self.lit(key)?;
            match self.value()? {
                Value::Bool(b) => Some(b),
                _ => None,
            }
        }

        fn count<T: std::str::FromStr>(&mut self, key: &str) -> Option<T> {
            self.lit(key)?;
            int(Value::Num(self.number()?))?
        }
    }

    /// An answer line exactly as quiz writes it, field by field in the order written; `None`
    /// for anything else. What it accepts, [`view_line`] reads the same way, only slower.
    pub(super) fn answer_line(s: &str) -> Option<ViewLine<'_>> {
        let mut p = Scanner { b: s.as_bytes(), s, i: 0 };
        let session = p.quoted(r#"{"kind":"answer","v":1,"session":""#)?;
        let at = p.quoted(r#","at":""#)?;
        let topic = p.quoted(r#","topic":""#)?;
        let question = p.quoted(r#","question":""#)?;
        let qtype = p.quoted(r#","qtype":""#)?;
        let difficulty = p.quoted(r#","difficulty":""#)?;
        let level = p.quoted(r#","level":""#)?;
        p.lit(r#","response":"#)?;
        if !matches!(p.value()?, Value::Str(_) | Value::Null) {
            return None;
        }
        p.lit(r#","score":"#)?;
        let score = p.number()?.parse().ok()?;
        let correct = p.flag(r#","correct":"#)?;
        let skipped = p.flag(r#","skipped":"#)?;
        let elapsed_ms = p.count(r#","elapsed_ms":"#)?;
        let limit_ms = p.count(r#","limit_ms":"#)?;
        let overtime = p.flag(r#","overtime":"#)?;
        let confidence =
            if p.b[p.i..].starts_with(br#","confidence":"#) { Some(p.count(r#","confidence":"#)?) } else { None };
        p.lit("}")?;
        (p.i == p.b.len()).then_some(ViewLine {
            v: Some(1),
            kind: Some(Cow::Borrowed("answer")),
            session: Some(Cow::Borrowed(session)),
            at: Some(Cow::Borrowed(at)),
            topic: Some(Cow::Borrowed(topic)),
            question: Some(Cow::Borrowed(question)),
            qtype: Some(Cow::Borrowed(qtype)),
            difficulty: Some(Cow::Borrowed(difficulty)),
            level: Some(Cow::Borrowed(level)),
            score: Some(score),
            correct: Some(Correct::Flag(correct)),
            skipped: Some(skipped),
            elapsed_ms: Some(elapsed_ms),
            limit_ms: Some(limit_ms),
            overtime: Some(overtime),
            confidence,
        })
    }

    /// The line's fields, or `None` to leave it to serde.
    pub(super) fn view_line(s: &str) -> Option<ViewLine<'_>> {
        let mut p = Scanner { b: s.as_bytes(), s, i: 0 };
        let mut l = ViewLine {
            v: None,
            kind: None,
            session: None,
            at: None,
            topic: None,
            question: None,
            qtype: None,
            difficulty: None,
            level: None,
            score: None,
            correct: None,
            skipped: None,
            elapsed_ms: None,
            limit_ms: None,
            overtime: None,
            confidence: None,
        };
        let mut seen = 0u32;
        p.ws();
        p.eat(b'{')?;
        p.ws();
        if p.eat(b'}').is_none() {
            loop {
                p.ws();
                p.eat(b'"')?;
                let key = p.string()?;
                p.ws();
                p.eat(b':')?;
                p.ws();
                let v = p.value()?;
                let seen = &mut seen;
                match key {
                    "v" => set(&mut l.v, seen, 1, int(v))?,
                    "kind" => set(&mut l.kind, seen, 1 << 1, text(v))?,
                    "session" => set(&mut l.session, seen, 1 << 2, text(v))?,
                    "at" => set(&mut l.at, seen, 1 << 3, text(v))?,
                    "topic" => set(&mut l.topic, seen, 1 << 4, text(v))?,
                    "question" => set(&mut l.question, seen, 1 << 5, text(v))?,
                    "qtype" => set(&mut l.qtype, seen, 1 << 6, text(v))?,
                    "difficulty" => set(&mut l.difficulty, seen, 1 << 7, text(v))?,
                    "level" => set(&mut l.level, seen, 1 << 8, text(v))?,
                    "score" => set(
                        &mut l.score,
                        seen,
                        1 << 9,
                        match v {
                            Value::Num(n) => n.parse().ok().map(Some),
                            Value::Null => Some(None),
                            _ => None,
                        },
                    )?,
                    "correct" => set(
                        &mut l.correct,
                        seen,
                        1 << 10,
                        match v {
                            Value::Bool(b) => Some(Some(Correct::Flag(b))),
                            n @ Value::Num(_) => int(n).map(|c| c.map(Correct::Count)),
                            _ => None,
                        },
                    )?,
                    "skipped" => set(&mut l.skipped, seen, 1 << 11, boolean(v))?,
                    "elapsed_ms" => set(&mut l.elapsed_ms, seen, 1 << 12, int(v))?,
                    "limit_ms" => set(&mut l.limit_ms, seen, 1 << 13, int(v))?,
                    "overtime" => set(&mut l.overtime, seen, 1 << 14, boolean(v))?,
                    "confidence" => set(&mut l.confidence, seen, 1 << 15, int(v))?,
                    _ => {}
                }
                p.ws();
                if p.eat(b',').is_some() {
                    continue;
                }
                p.eat(b'}')?;
                break;
            }
        }
        p.ws();
        (p.i == p.b.len()).then_some(l)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn finds_bytes_eight_at_a_time() {
            let hay = b"abcdefgh\"jklmnopqrs\\";
            for end in 0..=hay.len() {
                let expect = hay[..end].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
                assert_eq!(crate::history::find(&hay[..end], super::special), expect, "{end}");
            }
            assert_eq!(crate::history::find(b"0123456789\x01", super::special), Some(10));
            assert_eq!(crate::history::find(b"\xff\x7f\x80 \n", |w| crate::history::equal(w, b'\n')), Some(4));
            let text = b"\n\x0b\n\x8a\x0a\xffabc\n\n\n0123456789\n";
            for end in 0..=text.len() {
                let expect = text[..end].iter().filter(|&&b| b == b'\n').count();
                assert_eq!(crate::history::count_newlines(&text[..end]), expect, "{end}");
            }
        }

        #[test]
        fn an_answer_as_written_reads_as_the_general_scanner_reads_it() {
            let super::super::Record::Answer(mut a) = super::super::tests::answer("s-1") else { unreachable!() };
            let mut line = String::new();
            for confidence in [None, Some(2)] {
                for response in [None, Some("a, b".to_owned())] {
                    (a.confidence, a.response) = (confidence, response);
                    line = serde_json::to_string(&super::super::Record::Answer(a.clone())).unwrap();
                    let fast = super::answer_line(&line).expect("the layout quiz writes");
                    let general = super::view_line(&line).unwrap();
                    let views = (fast.view(crate::clock::latest()), general.view(crate::clock::latest()));
                    assert_eq!(views.0, views.1, "{line}");
                    assert_eq!(fast.confidence, confidence);
                }
            }
            for (from, to) in
                [("\"v\":1", "\"v\":2"), ("\"score\":1.0", "\"score\":01"), ("}", "} "), ("\"s-1\"", "\"s\\u0031\"")]
            {
                assert!(super::answer_line(&line.replacen(from, to, 1)).is_none(), "{from} -> {to}");
            }
        }

        #[test]
        fn gives_up_on_what_it_does_not_handle() {
            let ok = r#"{"kind":"answer","v":1,"session":"s","score":0.5,"correct":true,"confidence":2}"#;
            let l = super::view_line(ok).unwrap();
            assert_eq!((l.v, l.score, l.confidence), (Some(1), Some(0.5), Some(2)));
            let session =
                r#"{"kind":"session","v":1,"topics":[],"plan":["a", "b"],"correct":7,"seed":18446744073709551615}"#;
            let l = super::view_line(session).unwrap();
            assert!(matches!(l.correct, Some(super::Correct::Count(7))));
            for bad in [
                r#"{"kind":"answer","session":"a\"b"}"#,
                r#"{"kind":"session","topics":["a\"b"]}"#,
                r#"{"kind":"session","topics":["a",]}"#,
                r#"{"kind":"session","topics":[1]}"#,
                r#"{"kind":"session","plan":{}}"#,
                r#"{"v":1,"v":1}"#,
                r#"{"v":01}"#,
                r#"{"score":1.}"#,
                r#"{"v":1,}"#,
                r#"{"v":1} x"#,
                r#"{"v":-1}"#,
                r#"{"confidence":300}"#,
            ] {
                assert!(super::view_line(bad).is_none(), "{bad}");
            }
        }
    }
}

/// The fields of a line that an [`AnswerView`] needs.
#[derive(Deserialize)]
struct ViewLine<'a> {
    v: Option<u32>,
    #[serde(borrow)]
    kind: Text<'a>,
    #[serde(borrow)]
    session: Text<'a>,
    #[serde(borrow)]
    at: Text<'a>,
    #[serde(borrow)]
    topic: Text<'a>,
    #[serde(borrow)]
    question: Text<'a>,
    #[serde(borrow)]
    qtype: Text<'a>,
    #[serde(borrow)]
    difficulty: Text<'a>,
    #[serde(borrow)]
    level: Text<'a>,
    score: Option<f64>,
    correct: Option<Correct>,
    skipped: Option<bool>,
    elapsed_ms: Option<u64>,
    limit_ms: Option<u64>,
    overtime: Option<bool>,
    confidence: Option<u8>,
}

/// Calls `handle` with each non-empty line of the log (as UTF-8 text) and counts, as warnings
/// naming the line, every line it rejects and every line that is not text. The log must be a
/// regular file, and only the bytes it held when opened are read.
fn scan_lines(path: &Path, handle: impl FnMut(&str) -> Result<(), String>) -> Result<Warnings> {
    match open_log(path)? {
        Some((file, len)) => read_lines(path, file, len, handle),
        None => Ok(Warnings::default()),
    }
}

/// Opens the log for reading with its length now; `None` when there is no log yet.
fn open_log(path: &Path) -> Result<Option<(File, u64)>> {
    let file = match file::open_read(path) {
        Ok(file) => file,
        Err(Refusal::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(Refusal::Io(e)) => return Err(Error::HistoryUnreadable { path: path.to_owned(), why: e.to_string() }),
        Err(r) => return Err(Error::HistoryRefused { path: path.to_owned(), why: r.to_string() }),
    };
    let len =
        file.metadata().map_err(|e| Error::HistoryUnreadable { path: path.to_owned(), why: e.to_string() })?.len();
    Ok(Some((file, len)))
}

/// Reads the first `len` bytes of the open log line by line on this thread.
fn read_lines(
    path: &Path,
    file: File,
    len: u64,
    mut handle: impl FnMut(&str) -> Result<(), String>,
) -> Result<Warnings> {
    let unreadable = |e: io::Error| Error::HistoryUnreadable { path: path.to_owned(), why: e.to_string() };
    let mut warnings = Warnings::default();
    let mut skipped = Warnings::default();
    blocks(file.take(len), &mut skipped, |block, first| lines(block, first, &mut handle, &mut warnings))
        .map_err(unreadable)?;
    merge(&mut skipped, warnings);
    Ok(skipped)
}

/// Adds `more` to `into`, keeping the first warnings by line.
fn merge(into: &mut Warnings, more: Warnings) {
    into.count += more.count;
    into.first.extend(more.first);
    into.first.sort_by_key(|w| w.line);
    into.first.truncate(Warnings::SHOWN);
}

/// Calls `handle` with each non-empty line of `block` (whole lines, the first numbered
/// `first`), noting the lines it rejects.
fn lines(block: &[u8], first: usize, handle: &mut impl FnMut(&str) -> Result<(), String>, warnings: &mut Warnings) {
    // A block of text is checked once; only a block holding something else is checked by line.
    let whole = std::str::from_utf8(block).ok();
    let mut start = 0;
    let mut n = first;
    while start < block.len() {
        let (end, torn) = match find(&block[start..], |w| equal(w, b'\n')) {
            Some(i) => (start + i, false),
            None => (block.len(), true),
        };
        let text = match whole {
            Some(text) => Ok(text[start..end].trim_ascii()),
            None => std::str::from_utf8(block[start..end].trim_ascii()).map_err(|_| "not valid UTF-8".to_owned()),
        };
        start = end + 1;
        let result = match text {
            Ok("") => Ok(()),
            Ok(text) => handle(text),
            Err(why) => Err(why),
        };
        if let Err(why) = result {
            warnings.push(n, || if torn { format!("torn last line ({why})") } else { why });
        }
        n += 1;
    }
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Sets the high bit of each byte of `w` equal to `c` (word-at-a-time search: a line is a few
/// hundred bytes, and looking at them eight at a time is most of what makes reading fast).
fn equal(w: u64, c: u8) -> u64 {
    let x = w ^ (LOW * u64::from(c));
    x.wrapping_sub(LOW) & !x & HIGH
}

/// Sets the high bit of each byte of `w` below `n` (n at most 128).
fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(LOW * u64::from(n)) & !w & HIGH
}

/// The position of the first byte of `hay` that `marks` marks (see [`equal`]), looking at eight
/// bytes at a time. The lowest mark in a word is always a true one (a borrow can only mark
/// bytes above a true mark).
fn find(hay: &[u8], marks: impl Fn(u64) -> u64) -> Option<usize> {
    let mut i = 0;
    let mut chunks = hay.chunks_exact(8);
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let m = marks(w);
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let mut tail = [0x41u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    let m = marks(u64::from_le_bytes(tail));
    let at = (m != 0).then(|| i + (m.trailing_zeros() / 8) as usize)?;
    (at < hay.len()).then_some(at)
}

/// How many line breaks `bytes` holds, eight bytes at a time.
fn count_newlines(bytes: &[u8]) -> usize {
    const SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        // Exact per byte (no borrows between bytes): the high bit is set where a byte is '\n'.
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) ^ (LOW * u64::from(b'\n'));
        n += (!(((x & SEVEN) + SEVEN) | x | SEVEN)).count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// Size of the blocks the log is read in.
const BLOCK: usize = MAX_LINE as usize;

/// Reads `r` in blocks of whole lines and calls `f(block, number of its first line)` for each;
/// the last block may end without a line break. A line longer than [`MAX_LINE`] is skipped with
/// a warning.
fn blocks(mut r: impl Read, warnings: &mut Warnings, mut f: impl FnMut(&[u8], usize)) -> io::Result<()> {
    let mut buf = vec![0u8; BLOCK];
    let mut filled = 0;
    let mut line = 1;
    loop {
        if filled == buf.len() {
            warnings.push(line, || format!("longer than {MAX_LINE} bytes"));
            line += 1;
            // Drop the rest of the long line.
            loop {
                let n = read(&mut r, &mut buf)?;
                if n == 0 {
                    return Ok(());
                }
                if let Some(i) = buf[..n].iter().position(|&b| b == b'\n') {
                    buf.copy_within(i + 1..n, 0);
                    filled = n - i - 1;
                    break;
                }
            }
            continue;
        }
        let n = read(&mut r, &mut buf[filled..])?;
        if n == 0 {
            if filled > 0 {
                f(&buf[..filled], line);
            }
            return Ok(());
        }
        let searched = filled;
        filled += n;
        if let Some(i) = buf[searched..filled].iter().rposition(|&b| b == b'\n') {
            let end = searched + i + 1;
            f(&buf[..end], line);
            line += count_newlines(&buf[..end]);
            buf.copy_within(end..filled, 0);
            filled -= end;
        }
    }
}

fn read(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// An answer borrowed from a log line, for aggregations that need no owned copy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnswerView<'a> {
    /// The session.
    pub session: &'a str,
    /// When it was given.
    pub at: DateTime<Utc>,
    /// Topic slug.
    pub topic: &'a str,
    /// Question id.
    pub question: &'a str,
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
    /// How sure the user said they were, 1 to 3 (mock interviews).
    pub confidence: Option<u8>,
}

impl AnswerRecord {
    /// This answer as a borrowed view.
    pub fn view(&self) -> AnswerView<'_> {
        AnswerView {
            session: &self.session,
            at: self.at,
            topic: &self.topic,
            question: &self.question,
            score: self.score,
            correct: self.correct,
            skipped: self.skipped,
            elapsed_ms: self.elapsed_ms,
            limit_ms: self.limit_ms,
            overtime: self.overtime,
            confidence: self.confidence,
        }
    }
}

type Text<'a> = Option<Cow<'a, str>>;

/// Any record's fields, read in one pass: the union of answer and session fields, so a line is
/// parsed once whatever its kind (an internally tagged enum would buffer every line first).
/// Strings are borrowed from the line where they have no escapes.
#[derive(Deserialize)]
struct Line<'a> {
    v: Option<u32>,
    #[serde(borrow)]
    kind: Text<'a>,
    #[serde(borrow)]
    session: Text<'a>,
    #[serde(borrow)]
    at: Text<'a>,
    #[serde(borrow)]
    topic: Text<'a>,
    #[serde(borrow)]
    question: Text<'a>,
    #[serde(borrow)]
    qtype: Text<'a>,
    #[serde(borrow)]
    difficulty: Text<'a>,
    #[serde(borrow)]
    level: Text<'a>,
    #[serde(borrow)]
    response: Text<'a>,
    score: Option<f64>,
    correct: Option<Correct>,
    skipped: Option<bool>,
    elapsed_ms: Option<u64>,
    limit_ms: Option<u64>,
    overtime: Option<bool>,
    #[serde(borrow)]
    mode: Text<'a>,
    #[serde(borrow)]
    started: Text<'a>,
    #[serde(borrow)]
    ended: Text<'a>,
    topics: Option<Vec<String>>,
    seed: Option<u64>,
    asked: Option<usize>,
    answered: Option<usize>,
    completed: Option<bool>,
    confidence: Option<u8>,
    plan: Option<Vec<String>>,
    #[serde(borrow)]
    verdict: Text<'a>,
    timed_out: Option<bool>,
}

/// `correct` is a flag on answers and a count on sessions.
#[derive(Clone, Copy)]
enum Correct {
    Flag(bool),
    Count(usize),
}

impl<'de> Deserialize<'de> for Correct {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Correct;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a boolean or a count")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Correct, E> {
                Ok(Correct::Flag(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Correct, E> {
                usize::try_from(v).map(Correct::Count).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

fn need<T>(v: Option<T>, name: &str) -> Result<T, String> {
    v.ok_or_else(|| format!("bad record: missing field `{name}`"))
}

/// Why a line is not JSON, or not a record's JSON.
fn json_error(e: serde_json::Error) -> String {
    match e.classify() {
        serde_json::error::Category::Data => format!("bad record: {e}"),
        _ => format!("not valid JSON: {e}"),
    }
}

fn check_version(v: Option<u32>) -> Result<(), String> {
    match v {
        Some(VERSION) => Ok(()),
        Some(v) if v > VERSION => Err(format!("record version {v} is newer than this quiz reads; upgrade quiz")),
        _ => Err("not a quiz record (no \"v\": 1)".into()),
    }
}

/// Names this build knows for a field: the question types, difficulties and levels.
trait Named: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
}

macro_rules! named {
    ($($ty:ty),+) => {$(
        impl Named for $ty {
            const ALL: &'static [Self] = <$ty>::ALL;
            fn name(self) -> &'static str {
                <$ty>::name(self)
            }
        }
    )+};
}
named!(QType, Difficulty, Level);

/// The value named `v`; a name this build does not know was written by a newer quiz.
fn known<T: Named>(v: Option<&str>, field: &str) -> Result<T, String> {
    let v = need(v, field)?;
    T::ALL.iter().copied().find(|t| t.name() == v).ok_or_else(|| {
        format!("`{field}` \"{}\" is unknown to this quiz: written by a newer quiz? upgrade quiz", excerpt(v))
    })
}

/// At most 40 characters of a value, for a message.
fn excerpt(v: &str) -> String {
    if v.chars().count() > 40 { format!("{}…", v.chars().take(39).collect::<String>()) } else { v.to_owned() }
}

/// A score, which is between 0 and 1.
fn score(v: Option<f64>) -> Result<f64, String> {
    let v = need(v, "score")?;
    if (0.0..=1.0).contains(&v) { Ok(v) } else { Err(format!("out of range: `score` is {v}, not between 0 and 1")) }
}

/// A confidence rating, 1 to 3 when present.
fn confidence(v: Option<u8>) -> Result<Option<u8>, String> {
    match v {
        Some(c) if !(1..=3).contains(&c) => Err(format!("out of range: `confidence` is {c}, not 1, 2 or 3")),
        other => Ok(other),
    }
}

/// A time no later than `horizon`.
fn time(v: Option<&str>, name: &str, horizon: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let t = parse_time(need(v, name)?, name)?;
    if t > horizon {
        return Err(format!(
            "out of range: `{name}` is {}, more than a day from now; was the clock wrong when it was written?",
            t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
        ));
    }
    Ok(t)
}

fn flag(correct: Option<Correct>) -> Result<bool, String> {
    match need(correct, "correct")? {
        Correct::Flag(b) => Ok(b),
        Correct::Count(_) => Err("bad record: `correct` of an answer is true or false".into()),
    }
}

fn owned(v: Text<'_>, name: &str) -> Result<String, String> {
    need(v, name).map(Cow::into_owned)
}

/// Parses an RFC 3339 time; the `YYYY-MM-DDTHH:MM:SS[.fff]Z` form quiz writes takes a fast path.
fn parse_time(s: &str, name: &str) -> Result<DateTime<Utc>, String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let fast = (|| {
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let frac = match (b[19], b.last()) {
            (b'Z', _) if b.len() == 20 => 0,
            (b'.', Some(b'Z')) => {
                let f = &b[20..b.len() - 1];
                if f.is_empty() || f.len() > 9 || !f.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                digits(20..b.len() - 1)? * 10u32.pow(9 - f.len() as u32)
            }
            _ => return None,
        };
        let date = chrono::NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
        let time = chrono::NaiveTime::from_hms_nano_opt(digits(11..13)?, digits(14..16)?, digits(17..19)?, frac)?;
        Some(date.and_time(time).and_utc())
    })();
    match fast {
        Some(t) => Ok(t),
        None => DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| format!("bad record: `{name}` is not an RFC 3339 time ({e})")),
    }
}

impl<'a> Line<'a> {
    /// Parses a line and checks its version.
    fn parse(text: &'a str) -> Result<Self, String> {
        let line: Line = serde_json::from_str(text).map_err(json_error)?;
        check_version(line.v)?;
        Ok(line)
    }

    /// The record, owned, with its times no later than `horizon`. `Ok(None)` is a record of a
    /// kind this build does not know (written by a newer quiz alongside ours), which is passed
    /// over silently.
    fn into_record(self, horizon: DateTime<Utc>) -> Result<Option<Record>, String> {
        match self.kind.as_deref() {
            Some("answer") => Ok(Some(Record::Answer(AnswerRecord {
                v: VERSION,
                at: time(self.at.as_deref(), "at", horizon)?,
                correct: flag(self.correct)?,
                session: owned(self.session, "session")?,
                topic: owned(self.topic, "topic")?,
                question: owned(self.question, "question")?,
                qtype: known(self.qtype.as_deref(), "qtype")?,
                difficulty: known(self.difficulty.as_deref(), "difficulty")?,
                level: known(self.level.as_deref(), "level")?,
                response: self.response.map(Cow::into_owned),
                score: score(self.score)?,
                skipped: need(self.skipped, "skipped")?,
                elapsed_ms: need(self.elapsed_ms, "elapsed_ms")?,
                limit_ms: need(self.limit_ms, "limit_ms")?,
                overtime: need(self.overtime, "overtime")?,
                confidence: confidence(self.confidence)?,
            }))),
            Some("session") => {
                let asked = need(self.asked, "asked")?;
                let answered = need(self.answered, "answered")?;
                let correct = match need(self.correct, "correct")? {
                    Correct::Count(n) => n,
                    Correct::Flag(_) => return Err("bad record: `correct` of a session is a count".into()),
                };
                if answered > asked || correct > answered {
                    return Err(format!("out of range: {correct} correct of {answered} answered of {asked} asked"));
                }
                Ok(Some(Record::Session(SessionRecord {
                    v: VERSION,
                    started: time(self.started.as_deref(), "started", horizon)?,
                    ended: time(self.ended.as_deref(), "ended", horizon)?,
                    correct,
                    session: owned(self.session, "session")?,
                    mode: owned(self.mode, "mode")?,
                    topics: need(self.topics, "topics")?,
                    seed: need(self.seed, "seed")?,
                    asked,
                    answered,
                    score: score(self.score)?,
                    elapsed_ms: need(self.elapsed_ms, "elapsed_ms")?,
                    completed: need(self.completed, "completed")?,
                    plan: self.plan,
                    verdict: self.verdict.map(Cow::into_owned),
                    timed_out: self.timed_out.unwrap_or(false),
                })))
            }
            _ => Ok(None),
        }
    }
}

/// Prints the first few warnings as `quiz: warning: FILE:LINE: skipped …` on stderr, and how
/// many there were in all when there were more. A closed stderr is not worth failing for.
pub fn warn(path: &Path, warnings: &Warnings) {
    let mut err = io::stderr().lock();
    for w in &warnings.first {
        let _ = writeln!(err, "quiz: warning: {}:{}: skipped a line: {}", path.display(), w.line, w.why);
    }
    if warnings.count > warnings.first.len() {
        let first = warnings.first.first().map_or(0, |w| w.line);
        let _ = writeln!(
            err,
            "quiz: warning: {}: skipped {} unreadable lines, first at line {first} (the first {} are shown above)",
            path.display(),
            warnings.count,
            warnings.first.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn answer(session: &str) -> Record {
        Record::Answer(AnswerRecord {
            v: 1,
            session: session.into(),
            at: "2026-11-01T10:00:00Z".parse().unwrap(),
            topic: "dsa".into(),
            question: "dsa-x".into(),
            qtype: QType::Choice,
            difficulty: Difficulty::Easy,
            level: Level::Junior,
            response: Some("a".into()),
            score: 1.0,
            correct: true,
            skipped: false,
            elapsed_ms: 1000,
            limit_ms: 45000,
            overtime: false,
            confidence: None,
        })
    }

    fn now() -> DateTime<Utc> {
        "2026-11-02T10:00:00Z".parse().unwrap()
    }

    fn record_line(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v = serde_json::to_value(answer("s")).unwrap();
        edit(&mut v);
        v.to_string()
    }

    #[test]
    fn append_then_scan_round_trips_and_mends_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/history.jsonl");
        let log = Log::open(&path).unwrap();
        log.append(&answer("s1")).unwrap();
        fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"{\"v\":1,\"ki").unwrap();
        log.append(&answer("s2")).unwrap();
        let mut seen = Vec::new();
        let warnings = scan(&path, now(), |r| seen.push(r)).unwrap();
        assert_eq!(seen, [answer("s1"), answer("s2")]);
        assert_eq!(warnings.count, 1);
        assert_eq!(warnings.first[0].line, 2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn scan_skips_garbage_and_newer_versions_with_line_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let good = serde_json::to_string(&answer("s")).unwrap();
        let mut text = format!("{good}\nnot json\n\n{{\"v\":2,\"kind\":\"answer\"}}\n{{\"v\":1,\"kind\":\"note\"}}\n")
            .into_bytes();
        text.extend(b"\xff\n");
        fs::write(&path, text).unwrap();
        let mut n = 0;
        let warnings = scan(&path, now(), |_| n += 1).unwrap();
        assert_eq!(n, 1);
        let lines: Vec<usize> = warnings.first.iter().map(|w| w.line).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert_eq!(warnings.first[2].why, "not valid UTF-8");
        assert!(warnings.first[1].why.contains("upgrade quiz"));
    }

    #[test]
    fn values_out_of_range_or_unknown_are_named_not_called_bad_json() {
        let check = |line: String| {
            let full = parse_record(&line, now()).unwrap_err();
            let fast = parse_answer(&line, now(), &mut |_| panic!("rejected")).unwrap_err();
            assert_eq!(full, fast);
            full
        };
        let why = check(record_line(|v| v["score"] = 7.5.into()));
        assert_eq!(why, "out of range: `score` is 7.5, not between 0 and 1");
        let why = check(record_line(|v| v["at"] = "2099-01-01T00:00:00Z".into()));
        assert!(why.starts_with("out of range: `at` is 2099-01-01T00:00:00Z, more than a day from now"), "{why}");
        let why = check(record_line(|v| v["qtype"] = "essay".into()));
        assert_eq!(why, "`qtype` \"essay\" is unknown to this quiz: written by a newer quiz? upgrade quiz");
        let why = check(record_line(|v| v["level"] = "principal".into()));
        assert!(why.contains("written by a newer quiz"), "{why}");
        let why = check(record_line(|v| v["confidence"] = 9.into()));
        assert!(why.starts_with("out of range: `confidence` is 9"), "{why}");
        let why = check(record_line(|v| v["elapsed_ms"] = "slow".into()));
        assert!(why.starts_with("bad record: invalid type"), "{why}");
        assert!(check("{\"v\":1,".into()).starts_with("not valid JSON"));
        // Within a day of now is fine: clocks disagree a little.
        assert!(parse_record(&record_line(|v| v["at"] = "2026-11-03T09:00:00Z".into()), now()).is_ok());
    }

    #[test]
    fn junk_is_counted_and_only_the_first_few_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let good = serde_json::to_string(&answer("s")).unwrap();
        let mut text = "junk\n".repeat(20_000);
        text.push_str(&good);
        fs::write(&path, text).unwrap();
        let mut n = 0;
        let warnings = scan(&path, now(), |_| n += 1).unwrap();
        assert_eq!((n, warnings.count, warnings.first.len()), (1, 20_000, Warnings::SHOWN));
        assert_eq!(warnings.first[0].line, 1);
    }

    #[test]
    fn lines_are_numbered_across_blocks_and_a_huge_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let good = serde_json::to_string(&answer("s")).unwrap();
        let mut text = String::new();
        let per_block = BLOCK / (good.len() + 1) + 10;
        for _ in 0..per_block {
            text.push_str(&good);
            text.push('\n');
        }
        text.push_str("bad\n");
        text.push_str(&"x".repeat(BLOCK + 10));
        text.push('\n');
        text.push_str(&good);
        fs::write(&path, text).unwrap();
        let mut n = 0;
        let warnings = scan(&path, now(), |_| n += 1).unwrap();
        assert_eq!(n, per_block + 1);
        let lines: Vec<usize> = warnings.first.iter().map(|w| w.line).collect();
        assert_eq!(lines, [per_block + 1, per_block + 2]);
        assert_eq!(warnings.first[1].why, format!("longer than {MAX_LINE} bytes"));
    }

    #[test]
    fn a_long_log_read_on_every_core_gives_what_one_thread_gives() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let mut text = String::new();
        let mut n = 0;
        while text.len() < 5 * BLOCK {
            let mut a = answer(&format!("s{n}"));
            if let Record::Answer(a) = &mut a {
                a.question = if n % 7 == 0 { format!("q\"{n}\"") } else { format!("q{n}") };
                a.score = (n % 3) as f64 / 2.0;
            }
            text.push_str(&serde_json::to_string(&a).unwrap());
            text.push('\n');
            if n % 5000 == 1 {
                text.push_str("junk\n");
            }
            if n == 7000 {
                text.push_str(&"x".repeat(BLOCK + BLOCK / 2));
                text.push('\n');
            }
            n += 1;
        }
        fs::write(&path, &text).unwrap();
        let mut fast = Vec::new();
        let fast_warnings =
            scan_answers(&path, now(), |a| fast.push((a.session.to_owned(), a.question.to_owned(), a.score))).unwrap();
        let mut full = Vec::new();
        let full_warnings = scan(&path, now(), |r| {
            if let Record::Answer(a) = r {
                full.push((a.session, a.question, a.score));
            }
        })
        .unwrap();
        assert_eq!(fast.len(), n);
        assert_eq!(fast, full);
        assert_eq!(fast_warnings, full_warnings);
        assert_eq!(fast_warnings.first[0].line, 3);
        assert_eq!(fast_warnings.count, full_warnings.count);
        assert!(fast_warnings.count > 2, "{fast_warnings:?}");
    }

    #[test]
    fn a_short_write_leaves_no_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let log = Log::open(&path).unwrap();
        log.append(&answer("s1")).unwrap();
        let before = fs::read(&path).unwrap();
        // A log opened read-only stands in for a disk that takes nothing.
        let broken = Log { path: path.clone(), file: File::open(&path).unwrap() };
        assert!(matches!(broken.append(&answer("s2")), Err(Error::HistoryWrite { .. })));
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn other_files_are_not_appended_to() {
        let dir = tempfile::tempdir().unwrap();
        let bank = dir.path().join("bank.yaml");
        fs::write(&bank, "format: 1\ntopic: t\n").unwrap();
        let Err(Error::HistoryRefused { why, .. }) = Log::open(&bank) else { panic!("a bank was opened as a log") };
        assert!(why.contains("first line is not a quiz history record"), "{why}");
        assert_eq!(fs::read_to_string(&bank).unwrap(), "format: 1\ntopic: t\n");
        let empty = dir.path().join("empty.jsonl");
        fs::write(&empty, "\n").unwrap();
        assert!(Log::open(&empty).is_ok());
        #[cfg(unix)]
        assert!(matches!(Log::open(Path::new("/dev/null")), Err(Error::HistoryRefused { .. })));
    }

    #[test]
    fn times_parse_fast_and_slow() {
        let t = |s| parse_time(s, "at").unwrap();
        assert_eq!(t("2026-11-01T10:00:00Z"), "2026-11-01T10:00:00Z".parse::<DateTime<Utc>>().unwrap());
        assert_eq!(t("2026-11-01T10:00:00.25Z").timestamp_subsec_millis(), 250);
        assert_eq!(t("2026-11-01T11:00:00+01:00"), t("2026-11-01T10:00:00Z"));
        assert!(parse_time("2026-13-01T10:00:00Z", "at").is_err());
        assert!(parse_time("yesterday", "at").is_err());
    }

    #[test]
    fn missing_log_is_empty_and_directory_is_unwritable() {
        let dir = tempfile::tempdir().unwrap();
        assert!(scan(&dir.path().join("none.jsonl"), now(), |_| panic!("no records")).unwrap().is_empty());
        assert!(matches!(Log::open(dir.path()), Err(Error::HistoryUnwritable { .. })));
    }
}
