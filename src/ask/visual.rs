//! A long answer in the user's own editor (`$VISUAL`, `$EDITOR`, else `vi`), on a temporary file
//! that is removed afterwards.

use std::{
    io::{self, Write},
    process::Command,
};

/// Opens `command` on a temporary file holding `draft` and returns what was saved.
pub fn edit(command: &str, draft: &str) -> io::Result<String> {
    let mut file = tempfile::Builder::new().prefix("quiz-answer-").suffix(".md").tempfile()?;
    file.write_all(draft.as_bytes())?;
    file.flush()?;
    // Through the shell, as git does, so `code --wait` or `emacsclient -t` work as set.
    let status = Command::new("sh").arg("-c").arg(format!("{command} \"$1\"")).arg("sh").arg(file.path()).status()?;
    if !status.success() {
        return Err(io::Error::other(format!("the editor `{command}` failed ({status}); set VISUAL or EDITOR")));
    }
    // Read by name: some editors save by replacing the file.
    std::fs::read_to_string(file.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_file_is_the_answer() {
        let text = edit("sed -i 's/draft/final answer/'", "my draft\n").unwrap();
        assert_eq!(text, "my final answer\n");
        assert!(edit("false", "x").unwrap_err().to_string().contains("the editor `false` failed"));
    }
}
