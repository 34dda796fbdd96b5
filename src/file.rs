//! Opening the files quiz is given by path (banks, the history log) so that nothing a user can
//! name makes it hang or exhaust memory: only regular files are read, never a named pipe (which
//! blocks until a writer comes), a device such as `/dev/zero` (endless) or a directory, and a
//! read stops at a cap however large the file claims or grows to be.

use std::{
    fs::{File, OpenOptions},
    io::{self, Read},
    path::Path,
};

/// Why a path cannot be read as a file.
#[derive(Debug)]
pub enum Refusal {
    /// The path is there but is not a regular file; the text names what it is.
    NotRegular(&'static str),
    /// The file is larger than the cap.
    TooLarge {
        /// Its size in bytes (at least this, when it grew while being read).
        size: u64,
        /// The cap in bytes.
        cap: u64,
    },
    /// The system refused (missing, no permission, …).
    Io(io::Error),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            Refusal::TooLarge { size, cap } => write!(f, "it is {size} bytes, over the {} MiB limit", cap >> 20),
            Refusal::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<io::Error> for Refusal {
    fn from(e: io::Error) -> Self {
        Refusal::Io(e)
    }
}

/// What a file type is, in words, for a path that is not a regular file.
fn describe(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_char_device() {
            return Some("a device (such as /dev/zero or /dev/full)");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a file")
}

/// Refuses `path` up front, without opening it, when it exists and is not a regular file.
pub fn check_regular(path: &Path) -> Result<(), Refusal> {
    match std::fs::metadata(path) {
        Ok(m) => describe(m.file_type()).map_or(Ok(()), |what| Err(Refusal::NotRegular(what))),
        Err(e) => Err(Refusal::Io(e)),
    }
}

/// Opens `path` with `opts` and makes sure it is a regular file. Opening never blocks: a named
/// pipe swapped in after the check is opened non-blocking and then refused by its type.
pub fn open_regular(path: &Path, opts: &mut OpenOptions) -> Result<File, Refusal> {
    match check_regular(path) {
        // Not there yet: opening says whether it may be created.
        Err(Refusal::Io(e)) if e.kind() == io::ErrorKind::NotFound => {}
        other => other?,
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path)?;
    if let Some(what) = describe(file.metadata()?.file_type()) {
        return Err(Refusal::NotRegular(what));
    }
    Ok(file)
}

/// Opens a regular file for reading; [`Refusal::Io`] with `NotFound` when it is not there.
pub fn open_read(path: &Path) -> Result<File, Refusal> {
    open_regular(path, OpenOptions::new().read(true))
}

/// Reads a whole regular file of at most `cap` bytes. The read itself is capped, so a file that
/// grows while it is read cannot take more.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, Refusal> {
    let file = open_read(path)?;
    let hint = file.metadata().map(|m| m.len()).unwrap_or(0);
    if hint > cap {
        return Err(Refusal::TooLarge { size: hint, cap });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(Refusal::TooLarge { size: bytes.len() as u64, cap });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_and_capped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, "12345").unwrap();
        assert_eq!(read_capped(&p, 5).unwrap(), b"12345");
        assert!(matches!(read_capped(&p, 4), Err(Refusal::TooLarge { size: 5, cap: 4 })));
        assert!(matches!(read_capped(dir.path(), 5), Err(Refusal::NotRegular("a directory"))));
        let missing = read_capped(&dir.path().join("none"), 5);
        assert!(matches!(missing, Err(Refusal::Io(e)) if e.kind() == io::ErrorKind::NotFound));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        let refused = read_capped(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(refused.to_string(), "it is a device (such as /dev/zero or /dev/full), not a regular file");
    }
}
