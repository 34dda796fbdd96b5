//! `quiz export`: every answer in the log as CSV (RFC 4180) or a JSON array, streamed.
//!
//! A file export is written to a temporary file beside the target and renamed into place, so a
//! failed or interrupted export never leaves a half-written file, and the log itself (by
//! identity, not by name: a hard link is the same file) is never the target.

use std::{
    io::{BufWriter, Write},
    path::Path,
};

use crate::{
    cli::ExportFormat,
    config::Config,
    error::{Error, Result, io},
    exit,
    history::{self, AnswerRecord, Record},
};

/// The CSV columns, in order.
const COLUMNS: [&str; 16] = [
    "session",
    "at",
    "topic",
    "question",
    "qtype",
    "difficulty",
    "level",
    "response",
    "score",
    "correct",
    "skipped",
    "elapsed_ms",
    "limit_ms",
    "overtime",
    "mode",
    "confidence",
];

/// Writes the answers to `output` (stdout when `None`).
pub fn run(config: &Config, format: ExportFormat, output: Option<&Path>, stdout: &mut dyn Write) -> Result<u8> {
    let log_path = config.history()?;
    let now = config.clock.peek();
    let Some(path) = output else {
        return export(log_path, now, format, stdout);
    };
    if same_file(path, log_path) {
        return Err(Error::Usage(format!(
            "--output {} is the history log itself; export to another file",
            path.display()
        )));
    }
    let cannot =
        |e: std::io::Error| Error::Usage(format!("cannot write {}: {e}; choose another --output", path.display()));
    if path.is_dir() {
        return Err(cannot(std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a directory")));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir).map_err(cannot)?;
    let mut out = BufWriter::new(temp);
    let code = export(log_path, now, format, &mut out)?;
    let temp = out.into_inner().map_err(|e| io("cannot write the export")(e.into_error()))?;
    temp.as_file().sync_all().map_err(io("cannot write the export"))?;
    temp.persist(path).map_err(|e| cannot(e.error))?;
    Ok(code)
}

/// Streams the log's answers to `out`.
fn export(
    log_path: &Path,
    now: chrono::DateTime<chrono::Utc>,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u8> {
    let mut failed: Option<std::io::Error> = None;
    let warnings = match format {
        ExportFormat::Csv => {
            // The mode lives in the session record, written after its answers: read the modes first.
            let mut modes: std::collections::HashMap<String, String> = std::collections::HashMap::new();
            let first_pass = history::scan(log_path, now, |r| {
                if let Record::Session(s) = r {
                    modes.insert(s.session, s.mode);
                }
            })?;
            drop(first_pass);
            let mut csv = csv::Writer::from_writer(&mut *out);
            csv.write_record(COLUMNS).map_err(|e| io("cannot write the export")(csv_io(e)))?;
            let warnings = history::scan(log_path, now, |r| {
                if let (Record::Answer(a), None) = (r, &failed) {
                    let mode = modes.get(&a.session).map_or("", String::as_str);
                    failed = csv.write_record(csv_row(&a, mode)).err().map(csv_io);
                }
            })?;
            csv.flush().map_err(io("cannot write the export"))?;
            warnings
        }
        ExportFormat::Json => {
            let mut first = true;
            out.write_all(b"[").map_err(io("cannot write the export"))?;
            let warnings = history::scan(log_path, now, |r| {
                if let (Record::Answer(a), None) = (r, &failed) {
                    let sep: &[u8] = if first { b"\n  " } else { b",\n  " };
                    first = false;
                    failed = out
                        .write_all(sep)
                        .and_then(|()| serde_json::to_writer(&mut *out, &a).map_err(std::io::Error::from))
                        .err();
                }
            })?;
            if failed.is_none() {
                out.write_all(if first { b"]\n" } else { b"\n]\n" }).map_err(io("cannot write the export"))?;
            }
            warnings
        }
    };
    if let Some(e) = failed {
        return Err(io("cannot write the export")(e));
    }
    history::warn(log_path, &warnings);
    out.flush().map_err(io("cannot write the export"))?;
    Ok(exit::OK)
}

/// The I/O error inside a CSV writer's error (the writer only fails when writing does).
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Whether two paths name the same existing file: the same device and inode, so a hard link
/// or a symbolic link to the log counts as the log.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(a), Ok(b)) => {
            use std::os::unix::fs::MetadataExt;
            (a.dev(), a.ino()) == (b.dev(), b.ino())
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b),
        _ => false,
    }
}

/// One answer of a session of `mode` (empty when it has no summary) as CSV fields.
fn csv_row(a: &AnswerRecord, mode: &str) -> [String; 16] {
    [
        a.session.clone(),
        a.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        a.topic.clone(),
        a.question.clone(),
        a.qtype.to_string(),
        a.difficulty.to_string(),
        a.level.to_string(),
        a.response.clone().unwrap_or_default(),
        a.score.to_string(),
        a.correct.to_string(),
        a.skipped.to_string(),
        a.elapsed_ms.to_string(),
        a.limit_ms.to_string(),
        a.overtime.to_string(),
        mode.to_owned(),
        a.confidence.map(|c| c.to_string()).unwrap_or_default(),
    ]
}
