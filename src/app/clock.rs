//! The persisted clock: the simulated offset and how far the engine has run.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::order_book::OrderBook;
use crate::domain::clock::{ClockError, SimClock};
use crate::domain::payments::PaymentsState;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockState {
    pub clock: SimClock,
    /// Everything due up to this instant has happened; `None` before the first run.
    pub processed_until: Option<DateTime<Utc>>,
    /// The shopper closed the "How this demo works" card that explains the clock. Left out
    /// of the stored value until then, so values written before it existed read the same.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub guide_dismissed: bool,
}

impl ClockState {
    /// The shop's "now": real time plus the offset, never before what was already processed
    /// (a machine clock set back must not make time run backwards for stored state).
    pub fn now(&self, real_now: DateTime<Utc>) -> DateTime<Utc> {
        match self.processed_until {
            Some(done) => self.clock.now_not_before(real_now, done),
            None => self.clock.now(real_now),
        }
    }
}

/// What the "Simulated time" bar asks for. Each move is named for what it reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockMove {
    Days(u32),
    Weeks(u32),
    /// To the next payment due (a collection, or a manual payment falling due).
    NextPayment,
    /// To the next parcel update: a shipment, a carrier scan, a return reaching the seller.
    NextParcelUpdate,
    /// To a chosen day, at the current time of day.
    ToDate(NaiveDate),
}

/// Why the clock cannot make a move; the text is what the simulation bar shows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClockRefusal {
    #[error(transparent)]
    Backwards(#[from] ClockError),
    #[error("No payment is scheduled: nothing is waiting to be collected or paid.")]
    NoPaymentScheduled,
    #[error(
        "No parcel update is scheduled: nothing is waiting to ship, on its way or coming back."
    )]
    NoParcelUpdate,
}

/// A long move runs in steps of at most this, so the page can show how far it got.
pub const MOVE_STEP: Duration = Duration::days(7);

impl ClockState {
    /// Where `step` takes the shop's clock, or why it cannot go there. The next payment and
    /// the next parcel update are what the plans and the orders themselves say comes next.
    pub fn target_of(
        &self,
        step: ClockMove,
        real_now: DateTime<Utc>,
        orders: &OrderBook,
        payments: &PaymentsState,
    ) -> Result<DateTime<Utc>, ClockRefusal> {
        let now = self.now(real_now);
        match step {
            ClockMove::Days(days) => Ok(now + Duration::days(i64::from(days))),
            ClockMove::Weeks(weeks) => Ok(now + Duration::weeks(i64::from(weeks))),
            ClockMove::NextPayment => payments
                .next_payment_instant(now)
                .ok_or(ClockRefusal::NoPaymentScheduled),
            ClockMove::NextParcelUpdate => orders
                .next_parcel_update(now)
                .ok_or(ClockRefusal::NoParcelUpdate),
            ClockMove::ToDate(date) => {
                let target = date.and_time(now.time()).and_utc();
                if target < now {
                    Err(ClockError::WouldGoBackwards { now, target }.into())
                } else {
                    Ok(target)
                }
            }
        }
    }

    /// Sets the simulated clock to `target`; the past is refused with the reason.
    pub fn move_to(
        &mut self,
        target: DateTime<Utc>,
        real_now: DateTime<Utc>,
    ) -> Result<(), ClockRefusal> {
        let now = self.now(real_now);
        if target < now {
            return Err(ClockError::WouldGoBackwards { now, target }.into());
        }
        self.clock.advance_to(target, real_now)?;
        // A move runs everything between where the clock was and where it goes, also in a
        // shop that has not caught up once yet (new, reset, or just started from a starting
        // point): otherwise the catch-up that follows would start at the target, and the
        // payments due on the way would never be collected.
        self.processed_until.get_or_insert(now);
        Ok(())
    }
}

/// The instants a move from `from` to `to` stops at: every `MOVE_STEP`, then `to`.
pub fn move_stops(from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut stops = Vec::new();
    let mut at = from;
    while to - at > MOVE_STEP {
        at += MOVE_STEP;
        stops.push(at);
    }
    if to > from {
        stops.push(to);
    }
    stops
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn real() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap()
    }

    fn target(state: &ClockState, step: ClockMove) -> Result<DateTime<Utc>, ClockRefusal> {
        state.target_of(
            step,
            real(),
            &OrderBook::default(),
            &PaymentsState::default(),
        )
    }

    #[test]
    fn moves_by_days_weeks_and_to_a_date() {
        let state = ClockState::default();
        assert_eq!(
            target(&state, ClockMove::Days(1)),
            Ok(real() + Duration::days(1))
        );
        assert_eq!(
            target(&state, ClockMove::Weeks(1)),
            Ok(real() + Duration::days(7))
        );
        let date = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        assert_eq!(
            target(&state, ClockMove::ToDate(date)),
            Ok(Utc.with_ymd_and_hms(2026, 4, 1, 9, 30, 0).unwrap())
        );
    }

    #[test]
    fn refuses_the_past_and_an_empty_schedule_with_reasons() {
        let mut state = ClockState::default();
        let past = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        let err = target(&state, ClockMove::ToDate(past)).unwrap_err();
        assert!(
            err.to_string().starts_with("Time only moves forward"),
            "{err}"
        );
        assert_eq!(
            target(&state, ClockMove::NextPayment),
            Err(ClockRefusal::NoPaymentScheduled)
        );
        assert_eq!(
            target(&state, ClockMove::NextParcelUpdate),
            Err(ClockRefusal::NoParcelUpdate)
        );
        assert!(state.move_to(real() - Duration::hours(1), real()).is_err());
        assert_eq!(state, ClockState::default());
    }

    #[test]
    fn a_move_sets_the_clock_and_never_goes_below_what_was_processed() {
        let mut state = ClockState {
            processed_until: Some(real() + Duration::days(2)),
            ..ClockState::default()
        };
        // Now is the processed instant, not the earlier simulated time.
        assert_eq!(state.now(real()), real() + Duration::days(2));
        let to = target(&state, ClockMove::Days(1)).unwrap();
        state.move_to(to, real()).unwrap();
        assert_eq!(state.now(real()), real() + Duration::days(3));
    }

    #[test]
    fn a_move_in_a_shop_that_never_caught_up_runs_from_where_the_clock_was() {
        let mut state = ClockState::default();
        state.move_to(real() + Duration::days(30), real()).unwrap();
        assert_eq!(state.processed_until, Some(real()));
        assert_eq!(state.now(real()), real() + Duration::days(30));
    }

    #[test]
    fn long_moves_stop_every_week() {
        let stops = move_stops(real(), real() + Duration::days(20));
        assert_eq!(
            stops,
            vec![
                real() + Duration::days(7),
                real() + Duration::days(14),
                real() + Duration::days(20)
            ]
        );
        assert!(move_stops(real(), real()).is_empty());
        assert_eq!(move_stops(real(), real() + Duration::days(7)).len(), 1);
    }
}
