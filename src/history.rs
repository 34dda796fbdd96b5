//! The history log: JSON Lines, only ever appended to.
//!
//! Every record is one line written with one locked `write_all`, so concurrent sessions never
//! interleave. Reading streams the file line by line and skips, with a warning naming the
//! line, anything that is not a record this build understands; nothing is ever rewritten.

use std::{
    fs::{self, File, OpenOptions},
    io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write},
    path::{Path, PathBuf},
};

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    bank::{Difficulty, Level, QType},
    error::{Error, Result},
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
        if path.is_dir() {
            return Err(unwritable("it is a directory".into()));
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
        let file = opts.open(path).map_err(|e| unwritable(e.to_string()))?;
        Ok(Log { path: path.to_owned(), file })
    }

    /// The log's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record as one line, under an exclusive lock. A torn last line left by a
    /// killed process is ended first, so the new record starts on a line of its own.
    pub fn append(&self, record: &Record) -> Result<()> {
        let mut line = serde_json::to_vec(record).expect("records serialise");
        line.push(b'\n');
        let fail = |e: io::Error| Error::HistoryUnwritable { path: self.path.clone(), why: e.to_string() };
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
            f.write_all(&line)?;
            f.flush()
        })();
        let unlocked = self.file.unlock();
        result.map_err(fail)?;
        unlocked.map_err(fail)
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

/// Longest line read whole; longer lines are skipped (a record is a few hundred bytes).
const MAX_LINE: u64 = 1 << 20;

/// Streams the log's records to `f` in file order and returns the lines it skipped. A missing
/// log has no records.
pub fn scan(path: &Path, mut f: impl FnMut(Record)) -> Result<Vec<Warning>> {
    scan_lines(path, |text| {
        if let Some(record) = parse_record(text)? {
            f(record);
        }
        Ok(())
    })
}

/// Parses one log line into a record; `Ok(None)` for a kind this build does not know. The
/// error says why the line is skipped.
pub fn parse_record(text: &str) -> Result<Option<Record>, String> {
    Line::parse(text)?.into_record()
}

/// Streams only the answers, as borrowed views: the fast path for statistics over long logs.
/// Fields a view does not need are skipped unparsed.
pub fn scan_answers(path: &Path, mut f: impl FnMut(&AnswerView)) -> Result<Vec<Warning>> {
    scan_lines(path, |text| parse_answer(text, &mut f))
}

/// Parses one log line on the fast path: calls `f` with the answer if it is one.
pub fn parse_answer(text: &str, f: &mut impl FnMut(&AnswerView)) -> Result<(), String> {
    let line: ViewLine = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    check_version(line.v)?;
    if line.kind.as_deref() == Some("answer") {
        // Checked so this reader skips exactly the lines the full one does.
        need(line.qtype, "qtype")?;
        need(line.difficulty, "difficulty")?;
        need(line.level, "level")?;
        f(&AnswerView {
            session: need(line.session.as_deref(), "session")?,
            at: parse_time(need(line.at.as_deref(), "at")?, "at")?,
            topic: need(line.topic.as_deref(), "topic")?,
            question: need(line.question.as_deref(), "question")?,
            score: need(line.score, "score")?,
            correct: flag(line.correct)?,
            skipped: need(line.skipped, "skipped")?,
            elapsed_ms: need(line.elapsed_ms, "elapsed_ms")?,
            limit_ms: need(line.limit_ms, "limit_ms")?,
            overtime: need(line.overtime, "overtime")?,
            confidence: line.confidence,
        });
    }
    Ok(())
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
    qtype: Option<QType>,
    difficulty: Option<Difficulty>,
    level: Option<Level>,
    score: Option<f64>,
    correct: Option<Correct>,
    skipped: Option<bool>,
    elapsed_ms: Option<u64>,
    limit_ms: Option<u64>,
    overtime: Option<bool>,
    confidence: Option<u8>,
}

/// Calls `handle` with each non-empty line of the log (as UTF-8 text) and collects, as
/// warnings naming the line, every line it rejects and every line that is not text.
fn scan_lines(path: &Path, mut handle: impl FnMut(&str) -> Result<(), String>) -> Result<Vec<Warning>> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Error::HistoryUnreadable { path: path.to_owned(), why: e.to_string() });
        }
    };
    let unreadable = |e: io::Error| Error::HistoryUnreadable { path: path.to_owned(), why: e.to_string() };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut warnings = Vec::new();
    let mut buf = Vec::with_capacity(512);
    let mut n = 0;
    loop {
        buf.clear();
        let read = (&mut reader).take(MAX_LINE).read_until(b'\n', &mut buf).map_err(unreadable)?;
        if read == 0 {
            break;
        }
        n += 1;
        if buf.last() != Some(&b'\n') && read as u64 == MAX_LINE {
            skip_rest_of_line(&mut reader).map_err(unreadable)?;
            warnings.push(Warning { line: n, why: format!("longer than {} bytes", MAX_LINE) });
            continue;
        }
        let torn = buf.last() != Some(&b'\n');
        let text = buf.trim_ascii();
        if text.is_empty() {
            continue;
        }
        let result = std::str::from_utf8(text).map_err(|_| "not valid UTF-8".to_owned()).and_then(&mut handle);
        if let Err(why) = result {
            warnings.push(Warning { line: n, why: if torn { format!("torn last line ({why})") } else { why } });
        }
    }
    Ok(warnings)
}

fn skip_rest_of_line(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let len = buf.len();
                r.consume(len);
            }
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
    qtype: Option<QType>,
    difficulty: Option<Difficulty>,
    level: Option<Level>,
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

fn check_version(v: Option<u32>) -> Result<(), String> {
    match v {
        Some(VERSION) => Ok(()),
        Some(v) if v > VERSION => Err(format!("record version {v} is newer than this quiz reads; upgrade quiz")),
        _ => Err("not a quiz record (no \"v\": 1)".into()),
    }
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
        let line: Line = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        check_version(line.v)?;
        Ok(line)
    }

    /// The record, owned. `Ok(None)` is a record of a kind this build does not know (written by
    /// a newer quiz alongside ours), which is passed over silently.
    fn into_record(self) -> Result<Option<Record>, String> {
        match self.kind.as_deref() {
            Some("answer") => Ok(Some(Record::Answer(AnswerRecord {
                v: VERSION,
                at: parse_time(need(self.at.as_deref(), "at")?, "at")?,
                correct: flag(self.correct)?,
                session: owned(self.session, "session")?,
                topic: owned(self.topic, "topic")?,
                question: owned(self.question, "question")?,
                qtype: need(self.qtype, "qtype")?,
                difficulty: need(self.difficulty, "difficulty")?,
                level: need(self.level, "level")?,
                response: self.response.map(Cow::into_owned),
                score: need(self.score, "score")?,
                skipped: need(self.skipped, "skipped")?,
                elapsed_ms: need(self.elapsed_ms, "elapsed_ms")?,
                limit_ms: need(self.limit_ms, "limit_ms")?,
                overtime: need(self.overtime, "overtime")?,
                confidence: self.confidence,
            }))),
            Some("session") => Ok(Some(Record::Session(SessionRecord {
                v: VERSION,
                started: parse_time(need(self.started.as_deref(), "started")?, "started")?,
                ended: parse_time(need(self.ended.as_deref(), "ended")?, "ended")?,
                correct: match need(self.correct, "correct")? {
                    Correct::Count(n) => n,
                    Correct::Flag(_) => return Err("bad record: `correct` of a session is a count".into()),
                },
                session: owned(self.session, "session")?,
                mode: owned(self.mode, "mode")?,
                topics: need(self.topics, "topics")?,
                seed: need(self.seed, "seed")?,
                asked: need(self.asked, "asked")?,
                answered: need(self.answered, "answered")?,
                score: need(self.score, "score")?,
                elapsed_ms: need(self.elapsed_ms, "elapsed_ms")?,
                completed: need(self.completed, "completed")?,
                plan: self.plan,
                verdict: self.verdict.map(Cow::into_owned),
                timed_out: self.timed_out.unwrap_or(false),
            }))),
            _ => Ok(None),
        }
    }
}

/// Prints warnings as `quiz: warning: FILE:LINE: skipped …` on stderr.
pub fn warn(path: &Path, warnings: &[Warning]) {
    for w in warnings {
        eprintln!("quiz: warning: {}:{}: skipped a line: {}", path.display(), w.line, w.why);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(session: &str) -> Record {
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

    #[test]
    fn append_then_scan_round_trips_and_mends_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/history.jsonl");
        let log = Log::open(&path).unwrap();
        log.append(&answer("s1")).unwrap();
        fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"{\"v\":1,\"ki").unwrap();
        log.append(&answer("s2")).unwrap();
        let mut seen = Vec::new();
        let warnings = scan(&path, |r| seen.push(r)).unwrap();
        assert_eq!(seen, [answer("s1"), answer("s2")]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 2);
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
        let warnings = scan(&path, |_| n += 1).unwrap();
        assert_eq!(n, 1);
        let lines: Vec<usize> = warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [2, 4, 6]);
        assert_eq!(warnings[2].why, "not valid UTF-8");
        assert!(warnings[1].why.contains("upgrade quiz"));
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
        assert!(scan(&dir.path().join("none.jsonl"), |_| panic!("no records")).unwrap().is_empty());
        assert!(matches!(Log::open(dir.path()), Err(Error::HistoryUnwritable { .. })));
    }
}
