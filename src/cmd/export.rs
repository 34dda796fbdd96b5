//! `quiz export`: every answer in the log as CSV (RFC 4180) or a JSON array, streamed.

use std::{
    fs::File,
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
    let mut file;
    let out: &mut dyn Write = match output {
        Some(path) if same_file(path, log_path) => {
            return Err(Error::Usage(format!(
                "--output {} is the history log itself; export to another file",
                path.display()
            )));
        }
        Some(path) => {
            file = BufWriter::new(File::create(path).map_err(|e| {
                Error::Usage(format!("cannot create {}: {e}; choose another --output", path.display()))
            })?);
            &mut file
        }
        None => stdout,
    };
    // The mode lives in the session record, written after its answers: read the modes first.
    let mut modes: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    history::scan(log_path, |r| {
        if let Record::Session(s) = r {
            modes.insert(s.session, s.mode);
        }
    })?;
    let mut failed = None;
    let mut first = true;
    let mut write = |a: &AnswerRecord, out: &mut dyn Write| -> std::io::Result<()> {
        match format {
            ExportFormat::Csv => {
                let row = csv_row(a, modes.get(&a.session).map_or("", String::as_str));
                writeln!(out, "{row}")
            }
            ExportFormat::Json => {
                out.write_all(if first { b"\n  " } else { b",\n  " })?;
                first = false;
                serde_json::to_writer(&mut *out, a).map_err(std::io::Error::from)
            }
        }
    };
    let start: &[u8] = match format {
        ExportFormat::Csv => b"",
        ExportFormat::Json => b"[",
    };
    out.write_all(start).map_err(io("cannot write the export"))?;
    if format == ExportFormat::Csv {
        writeln!(out, "{}", COLUMNS.join(",")).map_err(io("cannot write the export"))?;
    }
    let warnings = history::scan(log_path, |r| {
        if let (Record::Answer(a), None) = (r, &failed) {
            failed = write(&a, out).err();
        }
    })?;
    if let Some(e) = failed {
        return Err(io("cannot write the export")(e));
    }
    history::warn(log_path, &warnings);
    if format == ExportFormat::Json {
        out.write_all(if first { b"]\n" } else { b"\n]\n" }).map_err(io("cannot write the export"))?;
    }
    out.flush().map_err(io("cannot write the export"))?;
    Ok(exit::OK)
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// One answer of a session of `mode` (empty when it has no summary) as a CSV row.
fn csv_row(a: &AnswerRecord, mode: &str) -> String {
    let fields = [
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
    ];
    fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",")
}

/// Quotes a field when it holds a comma, a quote or a line break, doubling inner quotes.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }
}
