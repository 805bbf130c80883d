//! A dated event. Its order is the order events are applied in.

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// Something that happens at `at`. `K` is the source's own kind of event.
///
/// Ordering: by instant, then by `K`'s order. Events at the same instant therefore apply in
/// the order their kind declares (for payments: refunds completing, then reminders, then
/// collections, retries, grace ends and late fees; within one kind by order id, then payment
/// number), which makes every run deterministic whatever order a source lists them in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Event<K> {
    pub at: DateTime<Utc>,
    pub kind: K,
}

impl<K: Ord> Ord for Event<K> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.at
            .cmp(&other.at)
            .then_with(|| self.kind.cmp(&other.kind))
    }
}

impl<K: Ord> PartialOrd for Event<K> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `date` at `hour`:00 UTC. Each kind of event has its own hour of the day, so kinds rarely
/// share an instant and a day reads in a natural order (reminder at 08:00, collection 09:00).
pub fn at_time_of_day(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, 0, 0).expect("an hour of the day is below 24");
    date.and_time(time).and_utc()
}
