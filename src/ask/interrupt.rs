//! Ctrl-C: the session in progress ends at once, with the cursor shown again, its session
//! record written, the partial report printed and exit code 130. Answers were logged as they
//! were given, so none is lost.
//!
//! Two paths lead here. In plain mode, or between prompts, SIGINT reaches the handler thread.
//! At a terminal prompt the key is read in raw mode and comes back from the prompt as an
//! `Interrupted` error, while the prompt library also raises SIGINT; the handler then leaves
//! the ending to the session loop, which first keeps any answer it holds.

use std::{
    io::{self, Write},
    sync::{
        Arc, Mutex, OnceLock,
        atomic::{AtomicBool, Ordering},
    },
};

use crate::{exit, session::Recorder};

/// The recorder of the session in progress.
static ACTIVE: Mutex<Option<Arc<Mutex<Recorder>>>> = Mutex::new(None);
/// Set while a terminal prompt has the keyboard.
static PROMPTING: AtomicBool = AtomicBool::new(false);
/// Set when the handler has left one Ctrl-C at a prompt to the session loop.
static DEFERRED: AtomicBool = AtomicBool::new(false);

/// Installs the handler (once per process).
pub fn install() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        // Without a handler Ctrl-C still ends the process; the answers are already logged.
        let _ = ctrlc::set_handler(on_ctrl_c);
    });
}

fn on_ctrl_c() {
    // A second Ctrl-C at the same prompt is not deferred, in case the prompt swallowed the first.
    if PROMPTING.load(Ordering::SeqCst) && !DEFERRED.swap(true, Ordering::SeqCst) {
        return;
    }
    now();
}

/// Makes `recorder` the session a Ctrl-C ends, until [`release`].
pub fn watch(recorder: Arc<Mutex<Recorder>>) {
    *ACTIVE.lock().expect("interrupt lock") = Some(recorder);
}

/// Forgets the session: it is ending normally.
pub fn release() {
    ACTIVE.lock().expect("interrupt lock").take();
}

/// Runs a terminal prompt, during which Ctrl-C is left to the caller (see the module docs).
/// When the prompt ends in Ctrl-C, the handler, which may run only later, keeps leaving it to
/// the caller, who is about to call [`now`].
pub fn prompting<T>(f: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    DEFERRED.store(false, Ordering::SeqCst);
    PROMPTING.store(true, Ordering::SeqCst);
    let result = f();
    if !result.as_ref().is_err_and(is_interrupt) {
        PROMPTING.store(false, Ordering::SeqCst);
    }
    result
}

/// Whether a prompt's error is Ctrl-C.
pub fn is_interrupt(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Interrupted
}

/// Ends the active session as interrupted and exits with 130.
pub fn now() -> ! {
    // The first caller finishes the session and exits; any other waits here until it has.
    static ONCE: Mutex<()> = Mutex::new(());
    let _guard = ONCE.lock();
    let _ = console::Term::stderr().show_cursor();
    let active = ACTIVE.lock().map(|mut a| a.take()).unwrap_or(None);
    if let Some(recorder) = active
        && let Ok(mut r) = recorder.lock()
    {
        match r.finish(true) {
            Ok(report) => {
                let mut out = io::stdout().lock();
                let _ = if r.json() { report.write_json(&mut out) } else { report.write_text(&mut out) };
                let _ = out.flush();
            }
            Err(e) => eprintln!("quiz: {e}"),
        }
    }
    std::process::exit(i32::from(exit::INTERRUPTED));
}
