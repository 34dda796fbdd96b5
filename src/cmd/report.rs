//! `quiz report`: the HTML progress report. Filled in below.

use std::{io::Write, path::Path};

use crate::{config::Config, error::Result, exit};

/// Writes the report.
pub fn run(_config: &Config, _output: &Path, _open: bool, _out: &mut dyn Write) -> Result<u8> {
    Ok(exit::OK)
}
