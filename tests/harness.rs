//! A small builder for running `quiz` in a scratch directory with a cleared environment, a
//! fixed clock and scripted stdin. On a failed expectation it prints the command and both
//! streams.

use std::{
    fmt,
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use serde_json::Value;

/// The demo bank: one question of each type, see `tests/fixtures/demo.yaml`.
pub fn demo_bank() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.yaml")
}

/// A `quiz` run being set up.
pub struct Test {
    pub dir: std::rc::Rc<tempfile::TempDir>,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: String,
    home: bool,
}

/// What a run produced.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    command: String,
}

impl fmt::Debug for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "command: {}\nexit: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }
}

impl Output {
    /// The outcome of a process started outside the builder.
    pub fn from(out: std::process::Output, command: String) -> Output {
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            command,
        }
    }
}

impl Test {
    /// A run in a fresh temporary HOME, with the clock fixed at 2026-11-01T10:00:00Z moving
    /// 10 s per reading, so every answer takes exactly 10 s.
    pub fn new() -> Test {
        Test {
            dir: std::rc::Rc::new(tempfile::tempdir().expect("temp dir")),
            args: Vec::new(),
            env: vec![
                ("QUIZ_NOW".into(), "2026-11-01T10:00:00Z".into()),
                ("QUIZ_CLOCK_STEP".into(), "10s".into()),
                ("TZ".into(), "UTC".into()),
            ],
            stdin: String::new(),
            home: true,
        }
    }

    /// A practice run on the demo bank with a seed.
    pub fn demo() -> Test {
        Test::new().arg("--bank").arg(demo_bank()).args(["--topic", "demo", "--seed", "1"])
    }

    /// A new command in the same scratch HOME with the same environment.
    pub fn again(&self) -> Test {
        Test { dir: self.dir.clone(), args: Vec::new(), env: self.env.clone(), stdin: String::new(), home: self.home }
    }

    pub fn arg(mut self, a: impl AsRef<std::ffi::OsStr>) -> Test {
        self.args.push(a.as_ref().to_string_lossy().into_owned());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<std::ffi::OsStr>>(mut self, args: I) -> Test {
        for a in args {
            self = self.arg(a);
        }
        self
    }

    pub fn env(mut self, k: &str, v: &str) -> Test {
        self.env.retain(|(key, _)| key != k);
        self.env.push((k.into(), v.into()));
        self
    }

    /// Runs without HOME in the environment.
    pub fn without_home(mut self) -> Test {
        self.home = false;
        self
    }

    pub fn stdin(mut self, s: &str) -> Test {
        self.stdin = s.into();
        self
    }

    /// Writes a file under the scratch directory and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// The default history log under the scratch HOME.
    pub fn history_path(&self) -> PathBuf {
        self.dir.path().join(".local/share/quiz/history.jsonl")
    }

    /// The records in the default history log.
    pub fn history(&self) -> Vec<Value> {
        read_log(&self.history_path())
    }

    pub fn run(&self) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quiz"));
        cmd.args(&self.args).env_clear().env("PATH", std::env::var("PATH").unwrap_or_default());
        if self.home {
            cmd.env("HOME", self.dir.path());
        }
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn quiz");
        {
            let mut input = child.stdin.take().unwrap();
            // The session may stop reading early; a closed pipe is fine.
            let _ = input.write_all(self.stdin.as_bytes());
        }
        let out = child.wait_with_output().expect("wait for quiz");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            command: format!("quiz {}", self.args.join(" ")),
        }
    }

    /// Runs and asserts the exit code.
    pub fn expect(&self, code: i32) -> Output {
        let out = self.run();
        assert_eq!(out.code, code, "unexpected exit code\n{out:?}");
        out
    }
}

/// Parses every line of a JSONL log.
pub fn read_log(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad log line {l}: {e}"))).collect()
}

/// The sorted keys of a JSON object.
pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

/// The records of one kind.
pub fn of_kind<'a>(records: &'a [Value], kind: &str) -> Vec<&'a Value> {
    records.iter().filter(|r| r["kind"] == kind).collect()
}
