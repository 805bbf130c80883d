//! Business days of each market. Weekends only for now; public holidays come with the
//! payment-plan work.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::market::Market;

pub fn is_business_day(date: NaiveDate, _market: Market) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The date `days` business days after `start` (0 gives `start` itself, even on a weekend).
pub fn add_business_days(start: NaiveDate, days: u32, market: Market) -> NaiveDate {
    let mut date = start;
    let mut left = days;
    while left > 0 {
        date = date + Days::new(1);
        if is_business_day(date, market) {
            left -= 1;
        }
    }
    date
}

/// `date` itself when it is a business day, otherwise the next one.
pub fn next_business_day(date: NaiveDate, market: Market) -> NaiveDate {
    let mut d = date;
    while !is_business_day(d, market) {
        d = d + Days::new(1);
    }
    d
}
