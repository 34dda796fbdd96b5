//! Time, injected: the real clock in use, a scripted one in tests so timings and dates are exact.

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Duration, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;

    /// The current time without counting as a reading: a scripted clock does not move on, so
    /// looking at the time (to judge a log's records) does not shift the session's timings.
    fn peek(&self) -> DateTime<Utc> {
        self.now()
    }
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The first instant quiz can write in the log (years are written with four digits).
pub fn earliest() -> DateTime<Utc> {
    "0000-01-01T00:00:00Z".parse().expect("a valid time")
}

/// The last instant quiz can write in the log.
pub fn latest() -> DateTime<Utc> {
    "9999-12-31T23:59:59.999Z".parse().expect("a valid time")
}

/// How many readings a scripted clock must be good for: a session reads it a few times per
/// question, and sessions are at most a thousand questions.
pub const READINGS: u32 = 100_000;

/// A clock that starts at a fixed time and moves on by `step` each time it is read, so each
/// answer takes exactly `step` (set with `QUIZ_NOW` and `QUIZ_CLOCK_STEP`). It stops at the
/// end of year 9999 rather than overflow.
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

    /// Why this clock would leave the years 0000–9999 within [`READINGS`] readings, if it would.
    pub fn out_of_range(&self) -> Option<String> {
        if self.start < earliest() || self.start > latest() {
            return Some(format!("starts at {}, outside the years 0000 to 9999", self.start.to_rfc3339()));
        }
        let last = self.step.checked_mul(READINGS as i32).and_then(|d| self.start.checked_add_signed(d));
        match last {
            Some(t) if t <= latest() => None,
            _ => Some(format!(
                "would pass the end of year 9999 within {READINGS} readings of {}",
                humantime::format_duration(self.step.to_std().unwrap_or_default())
            )),
        }
    }

    fn at(&self, n: u32) -> DateTime<Utc> {
        self.step
            .checked_mul(i32::try_from(n).unwrap_or(i32::MAX))
            .and_then(|d| self.start.checked_add_signed(d))
            .map_or_else(latest, |t| t.min(latest()))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.at(self.reads.fetch_add(1, Ordering::SeqCst))
    }

    fn peek(&self) -> DateTime<Utc> {
        self.at(self.reads.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_steps() {
        let start = "2026-11-01T10:00:00Z".parse().unwrap();
        let c = FixedClock::new(start, Duration::seconds(5));
        assert_eq!(c.peek(), start);
        assert_eq!(c.now(), start);
        assert_eq!(c.now(), start + Duration::seconds(5));
        assert_eq!(c.peek(), start + Duration::seconds(10));
        assert_eq!(c.out_of_range(), None);
    }

    #[test]
    fn a_clock_leaving_year_9999_is_caught_and_never_overflows() {
        let c = FixedClock::new("9999-12-31T23:59:59Z".parse().unwrap(), Duration::hours(1));
        assert!(c.out_of_range().unwrap().contains("end of year 9999"), "{:?}", c.out_of_range());
        assert_eq!(c.now(), "9999-12-31T23:59:59Z".parse::<DateTime<Utc>>().unwrap());
        assert_eq!(c.now(), latest());
        let early = FixedClock::new("0000-01-01T00:00:00+01:00".parse().unwrap(), Duration::seconds(1));
        assert!(early.out_of_range().unwrap().contains("outside the years 0000 to 9999"));
    }
}
