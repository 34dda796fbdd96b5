//! Exit codes, named in one place so scripts can rely on them.

/// Everything went as asked.
pub const OK: u8 = 0;
/// Something failed that the user did not cause (I/O, a broken terminal).
pub const FAILURE: u8 = 1;
/// Bad usage or bad input: arguments, banks, an unknown topic, an unwritable log.
pub const USAGE: u8 = 2;
/// The session scored below `--pass`.
pub const BELOW_PASS: u8 = 3;
/// The terminal went away (SIGHUP): 128 + 1.
pub const HUNG_UP: u8 = 129;
/// Interrupted with Ctrl-C (SIGINT): 128 + 2.
pub const INTERRUPTED: u8 = 130;
/// Asked to stop (SIGTERM): 128 + 15.
pub const TERMINATED: u8 = 143;
