//! Business days of each market: weekends and the market's public holidays are not business
//! days, so collections that fall on them move to the next business day.

mod easter;
mod uk_holidays;
mod us_holidays;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use super::market::Market;

pub use easter::easter_sunday;

/// A day the market's banks do not collect payments, with the name a shopper knows it by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct PublicHoliday {
    pub date: NaiveDate,
    pub name: &'static str,
}

/// Every holiday whose date falls in `year`, sorted by date.
///
/// Both the calendar day and its observed or substitute day are listed (e.g. US Independence
/// Day on Saturday 4 July 2026 and "Independence Day (observed)" on Friday 3 July), because the
/// UI wants to name either. An observed day can fall in the neighbouring year (New Year's Day
/// 2022 was observed on Friday 31 December 2021), so the holiday years on both sides count.
pub fn public_holidays(year: i32, market: Market) -> Vec<PublicHoliday> {
    let mut days: Vec<PublicHoliday> = (year - 1..=year + 1)
        .flat_map(|holiday_year| holidays_of_holiday_year(holiday_year, market))
        .filter(|holiday| holiday.date.year() == year)
        .collect();
    days.sort_by_key(|holiday| holiday.date);
    days
}

fn holidays_of_holiday_year(year: i32, market: Market) -> Vec<PublicHoliday> {
    match market {
        Market::US => us_holidays::holidays(year),
        Market::UK => uk_holidays::holidays(year),
    }
}

/// The holiday on `date` in `market`, if any. When a calendar day and an observed day
/// coincide (they cannot today, but one-off changes could make them), the first listed wins.
pub fn holiday_name(date: NaiveDate, market: Market) -> Option<&'static str> {
    public_holidays(date.year(), market)
        .into_iter()
        .find(|holiday| holiday.date == date)
        .map(|holiday| holiday.name)
}

pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

pub fn is_business_day(date: NaiveDate, market: Market) -> bool {
    !is_weekend(date) && holiday_name(date, market).is_none()
}

/// The date `days` business days after `start` (0 gives `start` itself, even on a holiday).
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

/// Why a day is not a business day in a market.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ClosedDay {
    Holiday(&'static str),
    Weekend,
}

/// Why `date` is not a business day in `market`, or `None` when it is one. A holiday that
/// falls on a weekend is named as the holiday: that is the day a shopper recognises.
pub fn closed_day(date: NaiveDate, market: Market) -> Option<ClosedDay> {
    match holiday_name(date, market) {
        Some(name) => Some(ClosedDay::Holiday(name)),
        None if is_weekend(date) => Some(ClosedDay::Weekend),
        None => None,
    }
}

/// `scheduled` moved onto a business day: the business day on or after it, and `scheduled`
/// itself when that was a weekend or a holiday (so the shopper can be told the date moved).
pub fn moved_to_business_day(
    scheduled: NaiveDate,
    market: Market,
) -> (NaiveDate, Option<NaiveDate>) {
    let day = next_business_day(scheduled, market);
    (day, (day != scheduled).then_some(scheduled))
}

/// Shared by the holiday rules: `None` only for dates chrono cannot represent.
fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The `n`th (1-based) `weekday` of a month, e.g. the third Monday of January.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

fn last_weekday(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        ymd(year + 1, 1, 1)?
    } else {
        ymd(year, month + 1, 1)?
    };
    let mut date = first_of_next.pred_opt()?;
    while date.weekday() != weekday {
        date = date.pred_opt()?;
    }
    Some(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekends_are_not_business_days() {
        assert!(!is_business_day(d(2026, 3, 7), Market::US));
        assert!(!is_business_day(d(2026, 3, 8), Market::UK));
        assert!(is_business_day(d(2026, 3, 9), Market::US));
    }

    #[test]
    fn holidays_are_not_business_days_in_their_market_only() {
        // Thanksgiving is American; Easter Monday is English.
        assert!(!is_business_day(d(2026, 11, 26), Market::US));
        assert!(is_business_day(d(2026, 11, 26), Market::UK));
        assert!(!is_business_day(d(2026, 4, 6), Market::UK));
        assert!(is_business_day(d(2026, 4, 6), Market::US));
    }

    #[test]
    fn next_business_day_skips_a_holiday_weekend() {
        // Good Friday 2026-04-03 to Easter Monday 2026-04-06 in England.
        assert_eq!(next_business_day(d(2026, 4, 3), Market::UK), d(2026, 4, 7));
        assert_eq!(next_business_day(d(2026, 4, 3), Market::US), d(2026, 4, 3));
        // Christmas 2027 is a Saturday: Friday 24 is observed in the US.
        assert_eq!(
            next_business_day(d(2027, 12, 24), Market::US),
            d(2027, 12, 27)
        );
        // England: Mon 27 and Tue 28 December 2027 are substitute days.
        assert_eq!(
            next_business_day(d(2027, 12, 24), Market::UK),
            d(2027, 12, 24)
        );
        assert_eq!(
            next_business_day(d(2027, 12, 25), Market::UK),
            d(2027, 12, 29)
        );
    }

    #[test]
    fn a_closed_day_says_why_and_a_moved_date_remembers_where_from() {
        // Christmas 2026 is a Friday; Saturday 4 July 2026 is named as the holiday it is.
        assert_eq!(
            closed_day(d(2026, 12, 25), Market::US),
            Some(ClosedDay::Holiday("Christmas Day"))
        );
        assert_eq!(
            closed_day(d(2026, 7, 4), Market::US),
            Some(ClosedDay::Holiday("Independence Day"))
        );
        assert_eq!(
            closed_day(d(2026, 3, 21), Market::UK),
            Some(ClosedDay::Weekend)
        );
        assert_eq!(closed_day(d(2026, 12, 29), Market::UK), None);
        assert_eq!(
            moved_to_business_day(d(2026, 12, 25), Market::US),
            (d(2026, 12, 28), Some(d(2026, 12, 25)))
        );
        assert_eq!(
            moved_to_business_day(d(2026, 12, 15), Market::US),
            (d(2026, 12, 15), None)
        );
    }

    #[test]
    fn add_business_days_counts_over_holidays() {
        // Wed 1 July 2026 + 2 business days: Thu 2, (Fri 3 observed), (weekend), Mon 6.
        assert_eq!(
            add_business_days(d(2026, 7, 1), 2, Market::US),
            d(2026, 7, 6)
        );
        assert_eq!(
            add_business_days(d(2026, 7, 1), 2, Market::UK),
            d(2026, 7, 3)
        );
        assert_eq!(
            add_business_days(d(2026, 7, 4), 0, Market::US),
            d(2026, 7, 4)
        );
    }

    #[test]
    fn holiday_names_for_the_ui() {
        assert_eq!(
            holiday_name(d(2026, 7, 3), Market::US),
            Some("Independence Day (observed)")
        );
        assert_eq!(
            holiday_name(d(2026, 7, 4), Market::US),
            Some("Independence Day")
        );
        assert_eq!(
            holiday_name(d(2026, 4, 6), Market::UK),
            Some("Easter Monday")
        );
        assert_eq!(holiday_name(d(2026, 4, 7), Market::UK), None);
    }

    #[test]
    fn observed_new_year_lands_in_the_previous_year() {
        // 1 January 2022 and 2028 are Saturdays.
        assert_eq!(
            holiday_name(d(2021, 12, 31), Market::US),
            Some("New Year's Day (observed)")
        );
        assert_eq!(
            holiday_name(d(2027, 12, 31), Market::US),
            Some("New Year's Day (observed)")
        );
        let us_2027 = public_holidays(2027, Market::US);
        assert!(us_2027.iter().any(|h| h.date == d(2027, 12, 31)));
        assert!(public_holidays(2028, Market::US)
            .iter()
            .all(|h| h.date.year() == 2028));
        // England substitutes forward, never into the previous year.
        assert_eq!(holiday_name(d(2021, 12, 31), Market::UK), None);
        assert_eq!(
            holiday_name(d(2022, 1, 3), Market::UK),
            Some("New Year's Day (substitute day)")
        );
    }

    #[test]
    fn holiday_lists_are_sorted_and_complete() {
        let us = public_holidays(2026, Market::US);
        // 11 federal holidays, plus the Saturday 4 July beside its observed Friday.
        assert_eq!(us.len(), 12);
        assert!(us.windows(2).all(|w| w[0].date <= w[1].date));
        let uk = public_holidays(2026, Market::UK);
        // 8 bank holidays plus Saturday 26 December beside its substitute Monday 28.
        assert_eq!(uk.len(), 9);
        assert!(uk.windows(2).all(|w| w[0].date <= w[1].date));
    }

    proptest! {
        #[test]
        fn next_business_day_is_a_business_day_on_or_after(
            offset in 0u64..(366 * 60), us in any::<bool>()
        ) {
            let market = if us { Market::US } else { Market::UK };
            let date = d(1990, 1, 1) + Days::new(offset);
            let next = next_business_day(date, market);
            prop_assert!(next >= date);
            prop_assert!(is_business_day(next, market));
            // Nothing in between was a business day, and no run of closed days is long.
            prop_assert!((next - date).num_days() <= 5);
            let mut between = date;
            while between < next {
                prop_assert!(!is_business_day(between, market));
                between = between + Days::new(1);
            }
        }

        #[test]
        fn add_business_days_lands_on_a_business_day(
            offset in 0u64..(366 * 60), days in 1u32..30, us in any::<bool>()
        ) {
            let market = if us { Market::US } else { Market::UK };
            let start = d(1990, 1, 1) + Days::new(offset);
            let end = add_business_days(start, days, market);
            prop_assert!(end > start);
            prop_assert!(is_business_day(end, market));
        }
    }
}
