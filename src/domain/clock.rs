//! The one clock: real time plus a simulated offset. Pure: the app passes in real time.
//!
//! The offset only grows, so simulated time never runs backwards for stored state; a move to
//! the past is refused with a reason the simulation panel shows.

use crate::domain::format;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimClock {
    /// How far the simulated "now" is ahead of real time. Stored in milliseconds, the
    /// precision of the real time it is added to: a coarser offset would lose up to a second
    /// on every reload, and a reload right after a move would read an earlier time than the
    /// page showed before it.
    #[serde(with = "whole_millis", rename = "offset_millis")]
    pub offset: Duration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error(
        "Time only moves forward: {} is before the current time, {}",
        format::date_time(*target),
        format::date_time(*now)
    )]
    WouldGoBackwards {
        now: DateTime<Utc>,
        target: DateTime<Utc>,
    },
}

impl SimClock {
    pub fn now(&self, real_now: DateTime<Utc>) -> DateTime<Utc> {
        real_now + self.offset
    }

    /// "Now" for a state last run up to `last_processed`: never earlier than that, even if
    /// the device's clock was set back, so the engine never runs an interval backwards.
    pub fn now_not_before(
        &self,
        real_now: DateTime<Utc>,
        last_processed: DateTime<Utc>,
    ) -> DateTime<Utc> {
        self.now(real_now).max(last_processed)
    }

    pub fn is_simulated(&self) -> bool {
        !self.offset.is_zero()
    }

    /// Moves simulated time forward by `by`; a negative step is refused.
    pub fn advance(
        &mut self,
        by: Duration,
        real_now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, ClockError> {
        let now = self.now(real_now);
        self.advance_to(now + by, real_now)
    }

    pub fn advance_days(
        &mut self,
        days: u32,
        real_now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, ClockError> {
        self.advance(Duration::days(i64::from(days)), real_now)
    }

    pub fn advance_weeks(
        &mut self,
        weeks: u32,
        real_now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, ClockError> {
        self.advance(Duration::weeks(i64::from(weeks)), real_now)
    }

    /// Moves simulated time to `target` (e.g. the next due payment); the past is refused.
    pub fn advance_to(
        &mut self,
        target: DateTime<Utc>,
        real_now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, ClockError> {
        let now = self.now(real_now);
        if target < now {
            return Err(ClockError::WouldGoBackwards { now, target });
        }
        self.offset = whole_millis::round_up(target - real_now);
        Ok(target)
    }

    /// Sets the clock so that "now" is `saved_at`: a whole shop loaded from a file resumes
    /// at the moment it was saved, whatever the real time. Unlike a move this may set the
    /// clock back: the loaded state replaces the old one as a whole, and none of it is
    /// later than `saved_at`.
    pub fn resume_at(&mut self, saved_at: DateTime<Utc>, real_now: DateTime<Utc>) {
        self.offset = whole_millis::round_up(saved_at - real_now);
    }

    /// Moves to `date` at the current time of day: a chosen date from the panel's picker.
    /// Today is allowed (nothing moves); an earlier date is refused.
    pub fn advance_to_date(
        &mut self,
        date: NaiveDate,
        real_now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, ClockError> {
        let now = self.now(real_now);
        let target = date.and_time(now.time()).and_utc();
        self.advance_to(target, real_now)
    }
}

mod whole_millis {
    use super::*;

    /// The offset as it is stored: whole milliseconds, rounded up so that "now" after a
    /// move is never before the instant moved to, in memory or after a reload.
    pub fn round_up(offset: Duration) -> Duration {
        let millis = offset.num_milliseconds();
        let exact = Duration::milliseconds(millis);
        if exact < offset {
            exact + Duration::milliseconds(1)
        } else {
            exact
        }
    }

    pub fn serialize<S: Serializer>(offset: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        offset.num_milliseconds().serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let millis = i64::deserialize(deserializer)?;
        Duration::try_milliseconds(millis)
            .ok_or_else(|| serde::de::Error::custom("clock offset out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn real() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 14, 30, 0).unwrap()
    }

    #[test]
    fn advances_by_days_weeks_and_to_a_date() {
        let mut clock = SimClock::default();
        assert_eq!(clock.now(real()), real());
        assert!(!clock.is_simulated());
        clock.advance_days(1, real()).unwrap();
        clock.advance_weeks(1, real()).unwrap();
        assert_eq!(
            clock.now(real()),
            Utc.with_ymd_and_hms(2026, 3, 10, 14, 30, 0).unwrap()
        );
        let date = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        clock.advance_to_date(date, real()).unwrap();
        assert_eq!(
            clock.now(real()),
            Utc.with_ymd_and_hms(2026, 4, 1, 14, 30, 0).unwrap()
        );
        // Real time passing keeps the offset.
        let later = real() + Duration::hours(2);
        assert_eq!(
            clock.now(later),
            Utc.with_ymd_and_hms(2026, 4, 1, 16, 30, 0).unwrap()
        );
    }

    #[test]
    fn refuses_to_move_backwards_with_a_reason() {
        let mut clock = SimClock::default();
        clock.advance_days(10, real()).unwrap();
        let before = clock;
        let past = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let err = clock.advance_to_date(past, real()).unwrap_err();
        assert!(err.to_string().starts_with("Time only moves forward"));
        assert_eq!(clock, before);
        assert!(clock.advance(Duration::seconds(-1), real()).is_err());
    }

    #[test]
    fn never_earlier_than_what_was_processed() {
        let clock = SimClock::default();
        let processed = real() + Duration::days(1);
        assert_eq!(clock.now_not_before(real(), processed), processed);
    }

    /// Issue 9, defect 2: the page showed 12:02:53.594 and, after a reload right after the
    /// move, 12:02:53.593. Real time has milliseconds; what is stored must keep them.
    #[test]
    fn a_reload_right_after_a_move_reads_no_earlier_time() {
        let real = DateTime::from_timestamp_millis(1_796_212_973_594).unwrap();
        let mut clock = SimClock::default();
        let target = real + Duration::days(8) + Duration::microseconds(400);
        clock.advance_to(target, real).unwrap();
        let json = serde_json::to_string(&clock).unwrap();
        let reloaded: SimClock = serde_json::from_str(&json).unwrap();
        assert_eq!(reloaded, clock, "the stored offset is the offset in memory");
        assert!(
            reloaded.now(real) >= target,
            "{} < {target}",
            reloaded.now(real)
        );
    }

    proptest::proptest! {
        /// For any real instant (with milliseconds, as the browser gives) and any move, the
        /// time read after a reload is never before the time read just before it.
        #[test]
        fn time_never_runs_backwards_across_a_reload(
            real_ms in 1_700_000_000_000i64..1_900_000_000_000,
            ahead_us in 0i64..400_000_000_000,
            reload_after_ms in 0i64..5_000,
        ) {
            let real = DateTime::from_timestamp_millis(real_ms).unwrap();
            let mut clock = SimClock::default();
            let target = real + Duration::microseconds(ahead_us);
            clock.advance_to(target, real).unwrap();
            let shown = clock.now(real);
            let reloaded: SimClock =
                serde_json::from_str(&serde_json::to_string(&clock).unwrap()).unwrap();
            let later = real + Duration::milliseconds(reload_after_ms);
            proptest::prop_assert!(reloaded.now(later) >= shown);
            proptest::prop_assert!(reloaded.now(later) >= target);
        }
    }

    #[test]
    fn round_trips_through_json() {
        let mut clock = SimClock::default();
        clock.advance_weeks(2, real()).unwrap();
        let json = serde_json::to_string(&clock).unwrap();
        assert_eq!(json, r#"{"offset_millis":1209600000}"#);
        assert_eq!(serde_json::from_str::<SimClock>(&json).unwrap(), clock);
    }
}
