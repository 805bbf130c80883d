//! How a due date reads: the date itself (`3 March 2026`), and why a payment is due on a
//! later day than its schedule, extension or pause named: the note shown beside the one due
//! date, in every view and message that gives the date.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::calendar::{closed_day, ClosedDay};
use crate::domain::format;
use crate::domain::market::Market;

/// The named day a due date moved from, and why that day was closed. Derived from the stored
/// `moved_from` date and the market's calendar, never stored itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DueDateMove {
    pub from: NaiveDate,
    pub why: ClosedDay,
    pub market: Market,
}

impl DueDateMove {
    /// The move from `from`, or `None` if `from` is a business day (nothing to explain).
    pub fn from_day(from: NaiveDate, market: Market) -> Option<DueDateMove> {
        closed_day(from, market).map(|why| DueDateMove { from, why, market })
    }
}

/// "moved from Fri 25 Dec 2026, Christmas Day, a public holiday": placed in
/// parentheses after the date in views, and as "The date ..." in messages.
impl fmt::Display for DueDateMove {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = format::date(self.from);
        match self.why {
            ClosedDay::Weekend => write!(f, "moved from {day}, a weekend"),
            ClosedDay::Holiday(name) => {
                let kind = match self.market {
                    Market::US => "a public holiday",
                    Market::UK => "a bank holiday",
                };
                write!(f, "moved from {day}, {name}, {kind}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_note_names_the_day_and_why_it_was_closed() {
        let christmas = DueDateMove::from_day(d(2026, 12, 25), Market::US).unwrap();
        assert_eq!(
            christmas.to_string(),
            "moved from Fri 25 Dec 2026, Christmas Day, a public holiday"
        );
        let boxing_day = DueDateMove::from_day(d(2026, 12, 26), Market::UK).unwrap();
        assert_eq!(
            boxing_day.to_string(),
            "moved from Sat 26 Dec 2026, Boxing Day, a bank holiday"
        );
        let saturday = DueDateMove::from_day(d(2026, 3, 21), Market::US).unwrap();
        assert_eq!(
            saturday.to_string(),
            "moved from Sat 21 Mar 2026, a weekend"
        );
        assert_eq!(DueDateMove::from_day(d(2026, 12, 28), Market::US), None);
    }
}
