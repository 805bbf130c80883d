//! The persisted clock: the simulated offset and how far the engine has run.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::clock::SimClock;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockState {
    pub clock: SimClock,
    /// Everything due up to this instant has happened; `None` before the first run.
    pub processed_until: Option<DateTime<Utc>>,
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
