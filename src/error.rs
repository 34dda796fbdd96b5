//! Errors a user can act on. Each message says what went wrong and what to do next; each maps
//! to an exit code in [`crate::exit`].

use std::{io, path::PathBuf};

use crate::{bank::Diagnostic, exit};

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more banks have problems; each diagnostic names file, line and column.
    #[error("{}", bank_problems(.0))]
    Bank(Vec<Diagnostic>),
    /// A `--bank` path that is not there.
    #[error("cannot use bank path {}: {why}; pass a bank file or a directory of them", .path.display())]
    BankPath {
        /// The path given.
        path: PathBuf,
        /// Why it cannot be read.
        why: String,
    },
    /// A topic no bank provides.
    #[error("unknown topic '{topic}'; known topics: {}", .known.join(", "))]
    UnknownTopic {
        /// The topic asked for.
        topic: String,
        /// The topics there are.
        known: Vec<String>,
    },
    /// The filters leave nothing to ask.
    #[error("no questions match {0}; loosen the filters (see `quiz topics` for what there is)")]
    NoMatch(String),
    /// `quiz show` with an id nobody has.
    #[error("no question has the id '{0}'; `quiz list` shows the ids")]
    UnknownQuestion(String),
    /// The history log cannot be created or appended to.
    #[error("cannot write the history log {}: {why}; pass --history FILE, set QUIZ_HISTORY, or use --no-history", .path.display())]
    HistoryUnwritable {
        /// The log's path.
        path: PathBuf,
        /// What the system said.
        why: String,
    },
    /// The history log exists but cannot be read.
    #[error("cannot read the history log {}: {why}; fix its permissions or pass --history FILE", .path.display())]
    HistoryUnreadable {
        /// The log's path.
        path: PathBuf,
        /// What the system said.
        why: String,
    },
    /// A history path that is not a quiz log: a named pipe, a device, another kind of file.
    #[error("will not use {} as the history log: {why}; pass --history FILE naming a quiz log (or a new file), or use --no-history", .path.display())]
    HistoryRefused {
        /// The path given.
        path: PathBuf,
        /// What it is instead.
        why: String,
    },
    /// Appending to the log failed part-way through a session (a full disk); nothing torn was
    /// left behind.
    #[error("cannot write the history log {}: {why}; the answers before this one are kept and the log is intact; free some space, then practise again", .path.display())]
    HistoryWrite {
        /// The log's path.
        path: PathBuf,
        /// What the system said.
        why: String,
    },
    /// A bad value that clap could not check by itself.
    #[error("{0}")]
    Usage(String),
    /// Writing to the terminal or a file failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        source: io::Error,
    },
}

fn bank_problems(diags: &[Diagnostic]) -> String {
    let mut s: String = diags.iter().map(|d| format!("{d}\n")).collect();
    s.push_str(&format!(
        "{} in the question banks; fix {} and run `quiz validate`",
        crate::text::count(diags.len(), "problem"),
        if diags.len() == 1 { "it" } else { "them" }
    ));
    s
}

impl Error {
    /// The exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Io { .. } | Error::HistoryUnreadable { .. } | Error::HistoryWrite { .. } => exit::FAILURE,
            _ => exit::USAGE,
        }
    }

    /// Whether this is a closed pipe, which is not worth a message (`quiz history | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Wraps an I/O error with what was being done.
pub fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> Error {
    let context = context.into();
    move |source| Error::Io { context, source }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
