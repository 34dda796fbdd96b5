//! The set of banks a run can draw from: the built-in ones embedded at compile time, plus any
//! given with `--bank` or `QUIZ_BANKS`.
//!
//! Sources are discovered cheaply (a file's stem is its topic), and only the banks a command
//! needs are read and parsed, so a one-topic session does not pay for twelve.

use std::{
    collections::{BTreeMap, HashMap},
    fs,
    path::{Path, PathBuf},
};

use crate::{
    bank::{self, Bank, Diagnostic, Question},
    error::Error,
    file::{self, Refusal},
};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// The built-in banks as `(topic, YAML text, the same as JSON)`, sorted by topic.
pub fn builtin() -> &'static [(&'static str, &'static str, Option<&'static str>)] {
    builtin::BUILTIN
}

/// Where a bank's text comes from.
#[derive(Debug, Clone)]
enum Origin {
    Builtin { yaml: &'static str, json: Option<&'static str> },
    File(PathBuf),
}

/// A bank not yet read.
#[derive(Debug, Clone)]
pub struct Source {
    /// The topic slug (the file stem).
    pub topic: String,
    /// The file as shown in messages.
    pub label: String,
    origin: Origin,
}

impl Source {
    /// Whether the bank is one of the built-in ones.
    pub fn is_builtin(&self) -> bool {
        matches!(self.origin, Origin::Builtin { .. })
    }

    /// Whether the bank's text is exactly `text`.
    fn has_text(&self, text: &str) -> bool {
        match &self.origin {
            Origin::Builtin { yaml, .. } => *yaml == text,
            Origin::File(path) => {
                file::read_capped(path, bank::MAX_BANK_BYTES as u64).is_ok_and(|bytes| bytes == text.as_bytes())
            }
        }
    }

    /// Reads and parses the bank.
    pub fn load(&self) -> Result<Bank, Vec<Diagnostic>> {
        match &self.origin {
            Origin::Builtin { yaml, json: Some(json) } => bank::parse_prebuilt(&self.label, &self.topic, yaml, json),
            Origin::Builtin { yaml, json: None } => bank::parse(&self.label, &self.topic, yaml),
            Origin::File(path) => {
                let at = |message: String| vec![Diagnostic { file: self.label.clone(), line: 1, column: 1, message }];
                let bytes = file::read_capped(path, bank::MAX_BANK_BYTES as u64).map_err(|refusal| {
                    at(match refusal {
                        Refusal::TooLarge { size, cap } => {
                            format!(
                                "bank is {size} bytes, over the {} MiB limit; split it into several files",
                                cap >> 20
                            )
                        }
                        Refusal::NotRegular(_) => format!("cannot read the bank: {refusal}; pass a YAML bank file"),
                        Refusal::Io(e) => format!("cannot read the bank: {e}"),
                    })
                })?;
                let text = String::from_utf8(bytes).map_err(|e| {
                    let bytes = e.as_bytes();
                    let valid = e.utf8_error().valid_up_to();
                    let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
                    let column = 1 + valid - bytes[..valid].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                    vec![Diagnostic {
                        file: self.label.clone(),
                        line,
                        column,
                        message: "the file is not valid UTF-8; save it as UTF-8".into(),
                    }]
                })?;
                bank::parse(&self.label, &self.topic, &text)
            }
        }
    }
}

/// Lists the built-in banks followed by the banks under `extra`: files, or directories searched
/// recursively for `.yaml`/`.yml` files (hidden directories and symbolic links to directories
/// are passed over). A directory without any bank is an error, so a mistyped path never passes
/// as "no problems".
pub fn discover(extra: &[PathBuf]) -> Result<Vec<Source>, Error> {
    let mut sources: Vec<Source> = builtin()
        .iter()
        .map(|&(topic, yaml, json)| Source {
            topic: topic.to_owned(),
            label: format!("questions/{topic}.yaml"),
            origin: Origin::Builtin { yaml, json },
        })
        .collect();
    let mut extras = Vec::new();
    for path in extra {
        let meta = fs::metadata(path).map_err(|e| Error::BankPath { path: path.clone(), why: e.to_string() })?;
        if meta.is_dir() {
            let mut files = Vec::new();
            bank_files(path, 0, &mut files).map_err(|e| Error::BankPath { path: path.clone(), why: e.to_string() })?;
            if files.is_empty() {
                return Err(Error::BankPath {
                    path: path.clone(),
                    why: "no .yaml or .yml bank in it or in its subdirectories".into(),
                });
            }
            files.sort();
            extras.extend(files.iter().map(|f| file_source(f)));
        } else {
            extras.push(file_source(path));
        }
    }
    // The same file named twice (a directory and a file in it, --bank and QUIZ_BANKS) counts once.
    let mut seen = std::collections::HashSet::new();
    extras.retain(|e| match &e.origin {
        Origin::File(path) => seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone())),
        Origin::Builtin { .. } => true,
    });
    // A file that is a built-in bank itself (`--bank questions/` in a checkout) replaces it
    // rather than adding every question twice.
    sources.retain(|b| match b.origin {
        Origin::Builtin { yaml, .. } => !extras.iter().any(|e| e.topic == b.topic && e.has_text(yaml)),
        Origin::File(_) => true,
    });
    sources.extend(extras);
    Ok(sources)
}

/// How deep under a `--bank` directory banks are looked for.
const MAX_DEPTH: usize = 16;

/// Collects the bank files under `dir` and its subdirectories.
fn bank_files(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if !hidden && depth < MAX_DEPTH {
                bank_files(&path, depth + 1, files)?;
            }
        } else if is_bank_file(&path) && !hidden {
            files.push(path);
        }
    }
    Ok(())
}

fn is_bank_file(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "yaml" || x == "yml")
}

fn file_source(path: &Path) -> Source {
    Source {
        topic: path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        label: path.display().to_string(),
        origin: Origin::File(path.to_owned()),
    }
}

/// The topics the sources provide, sorted and without repeats.
pub fn topics(sources: &[Source]) -> Vec<String> {
    let mut t: Vec<String> = sources.iter().map(|s| s.topic.clone()).collect();
    t.sort();
    t.dedup();
    t
}

/// Fails with the list of known topics when one of `wanted` is not among the sources.
pub fn check_topics(sources: &[Source], wanted: &[String]) -> Result<(), Error> {
    let known = topics(sources);
    match wanted.iter().find(|t| !known.contains(t)) {
        Some(topic) => Err(Error::UnknownTopic { topic: topic.clone(), known }),
        None => Ok(()),
    }
}

/// Loaded banks, checked together.
#[derive(Debug, Default)]
pub struct Library {
    /// The banks in source order.
    pub banks: Vec<Bank>,
}

impl Library {
    /// Loads the sources whose topic is in `only` (all when `None`), reporting every problem
    /// across them at once.
    ///
    /// One rule for every command: when any bank comes from a file (`--bank`, `QUIZ_BANKS`),
    /// every bank is loaded and checked, so a broken bank or an id that clashes with a built-in
    /// one is refused whichever topics a command asks for. The built-in banks alone are checked
    /// when quiz is built, so a run without extra banks loads only what it needs.
    pub fn load(sources: &[Source], only: Option<&[String]>) -> Result<Library, Error> {
        let check_all = sources.iter().any(|s| !s.is_builtin());
        let (mut lib, diags) = Self::load_all(sources, if check_all { None } else { only });
        if !diags.is_empty() {
            return Err(Error::Bank(diags));
        }
        if let Some(only) = only {
            lib.banks.retain(|b| only.contains(&b.topic));
        }
        Ok(lib)
    }

    /// Loads what it can and returns every problem found, for `quiz validate`.
    pub fn load_all(sources: &[Source], only: Option<&[String]>) -> (Library, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut banks = Vec::new();
        for s in sources.iter().filter(|s| only.is_none_or(|o| o.contains(&s.topic))) {
            match s.load() {
                Ok(b) => banks.push(b),
                Err(d) => diags.extend(d),
            }
        }
        let lib = Library { banks };
        diags.extend(lib.cross_check(only.is_none()));
        (lib, diags)
    }

    /// Every question, bank by bank.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.banks.iter().flat_map(|b| &b.questions)
    }

    /// The question with this id.
    pub fn find(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// Topic slug → title, for the loaded banks.
    pub fn titles(&self) -> BTreeMap<&str, &str> {
        let mut m = BTreeMap::new();
        for b in &self.banks {
            m.entry(b.topic.as_str()).or_insert(b.title.as_str());
        }
        m
    }

    /// Rules that span banks: ids unique across all of them and, when every bank is loaded,
    /// follow-ups that exist and do not lead back to where they started.
    fn cross_check(&self, complete: bool) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let mut by_id: HashMap<&str, (&Bank, &Question)> = HashMap::new();
        for b in &self.banks {
            for q in &b.questions {
                if let Some((first_bank, first)) = by_id.get(q.id.as_str()) {
                    // Duplicates inside one bank are reported where it is parsed.
                    if !std::ptr::eq(*first_bank, b) {
                        diags.push(Diagnostic {
                            file: b.file.clone(),
                            line: q.line,
                            column: 1,
                            message: format!(
                                "duplicate id '{}' (also in {}:{}); ids must be unique across all banks",
                                q.id, first_bank.file, first.line
                            ),
                        });
                    }
                } else {
                    by_id.insert(&q.id, (b, q));
                }
            }
        }
        for b in self.banks.iter().filter(|_| complete) {
            for q in &b.questions {
                for f in &q.follow_ups {
                    if f != &q.id && !by_id.contains_key(f.as_str()) {
                        diags.push(Diagnostic {
                            file: b.file.clone(),
                            line: q.line,
                            column: 1,
                            message: format!("follow-up '{f}' of '{}' is not a known question id", q.id),
                        });
                    }
                }
                if let Some(cycle) = follow_up_cycle(&by_id, q) {
                    diags.push(Diagnostic {
                        file: b.file.clone(),
                        line: q.line,
                        column: 1,
                        message: format!("follow-ups form a cycle: {}; break it", cycle.join(" -> ")),
                    });
                }
            }
        }
        diags
    }
}

/// A follow-up chain from `start` back to `start`, if there is one. Each cycle is reported once,
/// at its smallest id, so a three-question loop gives one message, not three.
fn follow_up_cycle(by_id: &HashMap<&str, (&Bank, &Question)>, start: &Question) -> Option<Vec<String>> {
    fn walk<'a>(
        by_id: &HashMap<&str, (&'a Bank, &'a Question)>,
        target: &str,
        q: &'a Question,
        path: &mut Vec<&'a str>,
        seen: &mut Vec<&'a str>,
    ) -> bool {
        for f in &q.follow_ups {
            if f == target {
                return true;
            }
            if seen.contains(&f.as_str()) {
                continue;
            }
            if let Some((_, next)) = by_id.get(f.as_str()) {
                seen.push(&next.id);
                path.push(&next.id);
                if walk(by_id, target, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.id.as_str()];
    let mut seen = vec![start.id.as_str()];
    if q_has_self(start) || !walk(by_id, &start.id, start, &mut path, &mut seen) {
        return None;
    }
    if path.iter().any(|id| *id < start.id.as_str()) {
        return None;
    }
    path.push(&start.id);
    Some(path.into_iter().map(str::to_owned).collect())
}

/// A question naming itself is reported where it is parsed.
fn q_has_self(q: &Question) -> bool {
    q.follow_ups.iter().any(|f| f == &q.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_questions_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
        let mut on_disk: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| is_bank_file(p))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = builtin().iter().map(|(t, _, _)| t.to_string()).collect();
        assert_eq!(embedded, on_disk);
        assert!(builtin().iter().all(|(_, _, json)| json.is_some()), "every built-in bank has its JSON form");
        assert!(embedded.len() >= 5, "{embedded:?}");
    }

    #[test]
    fn a_builtin_bank_given_as_a_file_replaces_itself() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
        let sources = discover(&[dir.join("dsa.yaml")]).unwrap();
        assert_eq!(sources.iter().filter(|s| s.topic == "dsa").count(), 1);
        assert!(!sources.iter().find(|s| s.topic == "dsa").unwrap().is_builtin());
        assert_eq!(sources.len(), builtin().len());
    }

    #[test]
    fn a_file_named_twice_loads_once() {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.yaml");
        let dir = file.parent().unwrap().to_owned();
        let sources = discover(&[file.clone(), dir, file]).unwrap();
        assert_eq!(sources.iter().filter(|s| s.topic == "demo").count(), 1);
    }

    #[test]
    fn builtin_banks_are_valid() {
        let sources = discover(&[]).unwrap();
        let (lib, diags) = Library::load_all(&sources, None);
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert!(shown.is_empty(), "{}", shown.join("\n"));
        assert_eq!(lib.banks.len(), builtin().len());
    }
}
