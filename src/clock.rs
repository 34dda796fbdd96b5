//! Time, injected: the real clock in use, a scripted one in tests so timings and dates are exact.

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Duration, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that starts at a fixed time and moves on by `step` each time it is read, so each
/// answer takes exactly `step` (set with `QUIZ_NOW` and `QUIZ_CLOCK_STEP`).
pub struct FixedClock {
    start: DateTime<Utc>,
    step: Duration,
    reads: AtomicU32,
}

impl FixedClock {
    /// A clock reading `start`, then `start + step`, and so on.
    pub fn new(start: DateTime<Utc>, step: Duration) -> Self {
        FixedClock { start, step, reads: AtomicU32::new(0) }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        let n = self.reads.fetch_add(1, Ordering::SeqCst);
        self.start + self.step * i32::try_from(n).unwrap_or(i32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_steps() {
        let start = "2026-11-01T10:00:00Z".parse().unwrap();
        let c = FixedClock::new(start, Duration::seconds(5));
        assert_eq!(c.now(), start);
        assert_eq!(c.now(), start + Duration::seconds(5));
    }
}
