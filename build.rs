//! Embeds every bank in `questions/` into the binary, so an installed `quiz` works from any directory.
//! The list is generated rather than written by hand so a new bank file cannot be forgotten.
//!
//! Each bank is embedded twice: as written, for messages with lines and columns, and converted to
//! JSON, which parses several times faster, so a session starts sooner. A bank that is not valid
//! YAML is embedded as written only; `quiz validate` then reports it.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .expect("questions/ directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    entries.sort();
    let out_dir = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).to_owned();
    let mut out = String::from("pub static BUILTIN: &[(&str, &str, Option<&str>)] = &[\n");
    for path in &entries {
        println!("cargo::rerun-if-changed={}", path.display());
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8 bank name");
        let json = fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_yaml::from_str::<serde_json::Value>(&text).ok())
            .map(|value| {
                let dest = out_dir.join(format!("{stem}.json"));
                fs::write(&dest, value.to_string()).expect("write JSON bank");
                format!("Some(include_str!({:?}))", dest.display().to_string())
            })
            .unwrap_or_else(|| "None".into());
        out.push_str(&format!("    ({stem:?}, include_str!({:?}), {json}),\n", path.display().to_string()));
    }
    out.push_str("];\n");
    let dest = out_dir.join("builtin.rs");
    fs::write(dest, out).expect("write builtin.rs");
}
