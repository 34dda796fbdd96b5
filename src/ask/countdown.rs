//! The time left on a question, shown on the answer prompt and kept up to date while the user
//! types. A thread reads the (injected) clock once a second, updates the label and asks the line
//! editor to redraw its prompt; when the limit passes it shows a one-time cue. The answer is
//! still taken after that, and the session marks it overtime.

use std::{
    sync::{
        Arc, Condvar, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    thread::JoinHandle,
    time::Duration,
};

use chrono::{DateTime, Utc};

use crate::clock::Clock;

/// The one-time cue when the limit passes.
pub const CUE: &str = "Time is up: finish your answer; it will be marked overtime.";

/// How often the label is brought up to date.
const TICK: Duration = Duration::from_secs(1);

/// What the thread asks of the screen on each tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// Redraw the prompt with the new label.
    Redraw,
    /// Show the cue on a line of its own, then redraw.
    Cue,
}

/// What a countdown calls on each tick, with the new label (from the countdown's thread).
pub type OnTick = Box<dyn FnMut(Tick, &str) + Send>;

/// The label shown on the prompt, shared with whoever draws it.
#[derive(Clone, Default)]
pub struct Label(Arc<Mutex<String>>);

impl Label {
    /// The label as it is now.
    pub fn get(&self) -> String {
        self.0.lock().map(|l| l.clone()).unwrap_or_default()
    }

    fn set(&self, text: String) {
        if let Ok(mut l) = self.0.lock() {
            *l = text;
        }
    }
}

/// "2:59 left" or "+0:05 over", right-aligned to one width so the prompt never changes size.
pub fn label(limit: Duration, elapsed: Duration) -> String {
    let clock = |d: Duration| format!("{}:{:02}", d.as_secs() / 60, d.as_secs() % 60);
    if elapsed <= limit {
        // Rounded up, so a fresh 3-minute question reads 3:00 and 0:00 means the time is up.
        let left = (limit - elapsed).as_millis().div_ceil(1000);
        format!("{:>6} left", clock(Duration::from_secs(u64::try_from(left).unwrap_or(u64::MAX))))
    } else {
        format!("{:>6} over", format!("+{}", clock(elapsed - limit)))
    }
}

/// What a countdown counts: `limit` from `started` on `clock`.
pub struct Timer {
    /// The (injected) clock.
    pub clock: Arc<dyn Clock>,
    /// When the question was shown.
    pub started: DateTime<Utc>,
    /// Its time limit.
    pub limit: Duration,
}

/// A running countdown; stops when dropped.
pub struct Countdown {
    label: Label,
    stopped: Arc<AtomicBool>,
    wake: Arc<(Mutex<()>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Countdown {
    /// Starts counting down `limit` from `started` on `clock`, calling `tick` with the new label
    /// after each update (from another thread).
    pub fn start(clock: Arc<dyn Clock>, started: DateTime<Utc>, limit: Duration, mut tick: OnTick) -> Countdown {
        let label = Label::default();
        label.set(self::label(limit, (clock.now() - started).to_std().unwrap_or_default()));
        let stopped = Arc::new(AtomicBool::new(false));
        let wake = Arc::new((Mutex::new(()), Condvar::new()));
        let thread = {
            let (label, stopped, wake) = (label.clone(), Arc::clone(&stopped), Arc::clone(&wake));
            std::thread::Builder::new().name("countdown".into()).spawn(move || {
                let mut cued = false;
                loop {
                    let Ok(guard) = wake.0.lock() else { return };
                    let waited = wake.1.wait_timeout_while(guard, TICK, |_| !stopped.load(Ordering::SeqCst));
                    drop(waited);
                    if stopped.load(Ordering::SeqCst) {
                        return;
                    }
                    let elapsed = (clock.now() - started).to_std().unwrap_or_default();
                    let now = self::label(limit, elapsed);
                    label.set(now.clone());
                    let cue = elapsed > limit && !cued;
                    cued |= cue;
                    tick(if cue { Tick::Cue } else { Tick::Redraw }, &now);
                }
            })
        };
        Countdown { label, stopped, wake, thread: thread.ok() }
    }

    /// The label to show.
    pub fn label(&self) -> Label {
        self.label.clone()
    }

    /// Stops the ticks and waits up to `within` for the thread to end; false when it has not
    /// (a tick is still handing its redraw to an editor that no longer reads them).
    pub fn settle(&self, within: Duration) -> bool {
        self.stopper().stop();
        let until = std::time::Instant::now() + within;
        loop {
            match &self.thread {
                Some(t) if !t.is_finished() && std::time::Instant::now() < until => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Some(t) => return t.is_finished(),
                None => return true,
            }
        }
    }

    /// A switch that stops the ticks; safe to flip from inside the line editor.
    pub fn stopper(&self) -> Stopper {
        Stopper { stopped: Arc::clone(&self.stopped), wake: Arc::clone(&self.wake) }
    }
}

impl Drop for Countdown {
    fn drop(&mut self) {
        self.stopper().stop();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Stops a [`Countdown`]'s ticks.
#[derive(Clone)]
pub struct Stopper {
    stopped: Arc<AtomicBool>,
    wake: Arc<(Mutex<()>, Condvar)>,
}

impl Stopper {
    /// No tick after this returns starts drawing.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.wake.1.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;

    #[test]
    fn labels_keep_one_width() {
        let m3 = Duration::from_secs(180);
        assert_eq!(label(m3, Duration::ZERO), "  3:00 left");
        assert_eq!(label(m3, Duration::from_millis(1500)), "  2:59 left");
        assert_eq!(label(m3, m3), "  0:00 left");
        assert_eq!(label(m3, Duration::from_secs(185)), " +0:05 over");
        assert_eq!(label(Duration::from_secs(30), Duration::from_secs(10)), "  0:20 left");
    }

    #[test]
    fn ticks_follow_the_injected_clock_and_cue_once() {
        let clock = Arc::new(FixedClock::new("2026-11-01T10:00:00Z".parse().unwrap(), chrono::Duration::seconds(10)));
        let ticks = Arc::new(Mutex::new(Vec::new()));
        let countdown = {
            let ticks = Arc::clone(&ticks);
            let started = clock.now();
            Countdown::start(
                clock,
                started,
                Duration::from_secs(35),
                Box::new(move |t, _: &str| ticks.lock().unwrap().push(t)),
            )
        };
        let label = countdown.label();
        assert_eq!(label.get(), "  0:25 left", "10 s gone by the first reading");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while ticks.lock().unwrap().len() < 4 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        drop(countdown);
        let ticks = ticks.lock().unwrap().clone();
        // The clock moves 10 s a reading: 15 s left, 5 s left, then 5 s over (the cue), 15 s over.
        assert_eq!(&ticks[..4], [Tick::Redraw, Tick::Redraw, Tick::Cue, Tick::Redraw]);
        assert!(label.get().ends_with("over"), "{}", label.get());
    }
}
