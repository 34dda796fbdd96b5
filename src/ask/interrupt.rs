//! Signals while a session runs: Ctrl-C (SIGINT), SIGTERM and SIGHUP (a closed terminal tab,
//! `kill`, tmux kill-pane) end the session at once. The terminal gets its mode and cursor back,
//! whoever runs the session writes its record and prints the partial report, and the process
//! exits with 130, 143 or 129. Answers were logged as they were given, so none is lost.
//!
//! Signals reach a handler thread (signal-hook). At a terminal prompt the terminal is in raw
//! mode, so Ctrl-C arrives as a key instead: the prompt returns an `Interrupted` error and the
//! session, having kept any answer it holds, calls [`now`].
//!
//! This module knows nothing of sessions: a session registers what ending it means with
//! [`watch`], so the session engine may use this module but not the other way round.

use std::{
    io::{self, Write},
    sync::{
        Mutex, OnceLock,
        atomic::{AtomicBool, Ordering},
    },
};

use signal_hook::{
    consts::{SIGHUP, SIGINT, SIGTERM},
    iterator::Signals,
};

use crate::exit;

/// A signal that ends a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Ctrl-C, as a key at a prompt or as SIGINT.
    Interrupt,
    /// SIGTERM.
    Terminate,
    /// SIGHUP: the terminal went away.
    HangUp,
}

impl Signal {
    /// The exit code for a process ended by this signal.
    pub fn exit_code(self) -> u8 {
        match self {
            Signal::Interrupt => exit::INTERRUPTED,
            Signal::Terminate => exit::TERMINATED,
            Signal::HangUp => exit::HUNG_UP,
        }
    }

    fn from_raw(signal: i32) -> Signal {
        match signal {
            SIGTERM => Signal::Terminate,
            SIGHUP => Signal::HangUp,
            _ => Signal::Interrupt,
        }
    }
}

type Ending = Box<dyn FnOnce() + Send>;

/// What ends the session in progress.
static ACTIVE: Mutex<Option<Ending>> = Mutex::new(None);
/// The terminal's mode when the session started, to put back on the way out.
static TERMINAL: OnceLock<Option<rustix::termios::Termios>> = OnceLock::new();
/// Whether the cursor may need showing again (only on a terminal).
static ON_TERMINAL: AtomicBool = AtomicBool::new(false);

/// Installs the handler (once per process). `terminal` says whether the session draws on a
/// terminal, whose mode and cursor must then be restored; nothing is written to a stream that
/// is not one.
pub fn install(terminal: bool) {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        ON_TERMINAL.store(terminal, Ordering::SeqCst);
        TERMINAL.get_or_init(|| if terminal { rustix::termios::tcgetattr(io::stdin()).ok() } else { None });
        // Without a handler a signal still ends the process; the answers are already logged.
        if let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) {
            let _ = std::thread::Builder::new().name("signals".into()).spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    now(Signal::from_raw(signal));
                }
            });
        }
    });
}

/// Makes `ending` what a signal does before the process exits, until [`release`].
pub fn watch(ending: impl FnOnce() + Send + 'static) {
    if let Ok(mut active) = ACTIVE.lock() {
        *active = Some(Box::new(ending));
    }
}

/// Forgets the session: it is ending normally.
pub fn release() {
    if let Ok(mut active) = ACTIVE.lock() {
        active.take();
    }
}

/// Whether a prompt's error is Ctrl-C.
pub fn is_interrupt(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Interrupted
}

/// Ends the session in progress because of `signal` and exits with its code.
pub fn now(signal: Signal) -> ! {
    // The first caller finishes the session and exits; any other waits here until it has.
    static ONCE: Mutex<()> = Mutex::new(());
    let _guard = ONCE.lock();
    if ON_TERMINAL.load(Ordering::SeqCst) {
        if let Some(Some(mode)) = TERMINAL.get() {
            let _ = rustix::termios::tcsetattr(io::stdin(), rustix::termios::OptionalActions::Now, mode);
        }
        // Bracketed paste off, the cursor shown, and off the line a prompt may have been drawing.
        let mut err = io::stderr();
        let _ = err.write_all(b"\x1b[?2004l\x1b[?25h\n");
        let _ = err.flush();
    }
    let ending = ACTIVE.lock().map(|mut a| a.take()).unwrap_or(None);
    if let Some(end) = ending {
        end();
    }
    std::process::exit(i32::from(signal.exit_code()));
}
