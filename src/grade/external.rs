//! An external grader: a command of the user's (a local language model, say) that judges which
//! key points an open answer covers, for those who want a grader that reads meaning.
//!
//! The protocol is one JSON object on the command's stdin and one on its stdout:
//!
//! ```text
//! in:  {"v":1,"id":"…","prompt":"…","model_answer":"…",
//!       "key_points":[{"index":0,"point":"…","core":true,"keywords":["…"]}],"answer":"…"}
//! out: {"covered":[0,2]}
//! ```
//!
//! The command runs under `sh -c`. Any failure — it cannot start, exits non-zero, prints no valid
//! object, names a point that does not exist, or takes longer than the timeout — falls back to
//! the built-in grader, and the caller says why.

use std::{
    io::{Read, Write},
    process::{Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use serde::{Deserialize, Serialize};

use crate::bank::{KeyPoint, Question};

/// The most output read from a grader.
const MAX_OUTPUT: u64 = 1 << 20;

/// A grader command and how long it may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct External {
    /// The shell command.
    pub command: String,
    /// How long one answer may take.
    pub timeout: Duration,
}

#[derive(Serialize)]
struct Input<'a> {
    v: u8,
    id: &'a str,
    prompt: &'a str,
    model_answer: &'a str,
    key_points: Vec<PointIn<'a>>,
    answer: &'a str,
}

#[derive(Serialize)]
struct PointIn<'a> {
    index: usize,
    point: &'a str,
    core: bool,
    keywords: &'a [String],
}

#[derive(Deserialize)]
struct Output {
    covered: Vec<usize>,
}

impl External {
    /// Which of `points` the grader says `answer` covers, or why it could not say.
    pub fn judge(
        &self,
        q: &Question,
        model_answer: &str,
        points: &[KeyPoint],
        answer: &str,
    ) -> Result<Vec<bool>, String> {
        let input = Input {
            v: 1,
            id: &q.id,
            prompt: &q.prompt,
            model_answer,
            key_points: points
                .iter()
                .enumerate()
                .map(|(index, p)| PointIn { index, point: &p.point, core: p.core, keywords: &p.keywords })
                .collect(),
            answer,
        };
        let mut line = serde_json::to_vec(&input).map_err(|e| e.to_string())?;
        line.push(b'\n');
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(&self.command)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start it: {e}"))?;
        let mut stdin = child.stdin.take().ok_or("no stdin")?;
        let mut stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // A grader that never reads its input must not block us: the write happens here.
            let _ = stdin.write_all(&line);
            drop(stdin);
        });
        std::thread::spawn(move || {
            let mut out = Vec::new();
            let read = (&mut stdout).take(MAX_OUTPUT).read_to_end(&mut out);
            let _ = tx.send(read.map(|_| out));
        });
        let out = match rx.recv_timeout(self.timeout) {
            Ok(Ok(out)) => out,
            Ok(Err(e)) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("cannot read its output: {e}"));
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("no answer within {}s", self.timeout.as_secs_f64()));
            }
        };
        let status = child.wait().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("it exited with {status}"));
        }
        let text = String::from_utf8_lossy(&out);
        let parsed: Output =
            text.lines().rev().find_map(|l| serde_json::from_str(l.trim()).ok()).ok_or_else(|| {
                format!("it printed no {{\"covered\": [...]}} object: {}", super::audit::clip(&text, 60))
            })?;
        let mut ticks = vec![false; points.len()];
        for i in parsed.covered {
            *ticks.get_mut(i).ok_or_else(|| format!("it named key point {i}, but there are {}", points.len()))? = true;
        }
        Ok(ticks)
    }
}
