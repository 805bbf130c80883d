//! US federal holidays (5 U.S.C. 6103), which the Federal Reserve's payment systems follow.
//!
//! A holiday on a Saturday is observed on the Friday before, one on a Sunday on the Monday
//! after, as the spec asks. One-off closures by executive order (extra days around Christmas,
//! national days of mourning) are not modelled: they close federal offices, not card and ACH
//! processing.

use chrono::{Datelike, NaiveDate, Weekday};

use super::{last_weekday, nth_weekday, ymd, PublicHoliday};

/// Juneteenth became a federal holiday in June 2021 and was first observed that year.
const JUNETEENTH_FIRST_YEAR: i32 = 2021;

/// The holidays of `year`, with observed days that may fall on 31 December of `year - 1`.
pub(super) fn holidays(year: i32) -> Vec<PublicHoliday> {
    use Weekday::{Mon, Thu};
    let mut days = Vec::with_capacity(16);
    let mut fixed = |month: u32, day: u32, name: &'static str, observed: &'static str| {
        if let Some(date) = ymd(year, month, day) {
            days.push(PublicHoliday { date, name });
            if let Some(shifted) = observed_date(date) {
                days.push(PublicHoliday {
                    date: shifted,
                    name: observed,
                });
            }
        }
    };
    fixed(1, 1, "New Year's Day", "New Year's Day (observed)");
    if year >= JUNETEENTH_FIRST_YEAR {
        fixed(
            6,
            19,
            "Juneteenth National Independence Day",
            "Juneteenth National Independence Day (observed)",
        );
    }
    fixed(7, 4, "Independence Day", "Independence Day (observed)");
    fixed(11, 11, "Veterans Day", "Veterans Day (observed)");
    fixed(12, 25, "Christmas Day", "Christmas Day (observed)");

    let floating = [
        (nth_weekday(year, 1, Mon, 3), "Martin Luther King Jr. Day"),
        (nth_weekday(year, 2, Mon, 3), "Washington's Birthday"),
        (last_weekday(year, 5, Mon), "Memorial Day"),
        (nth_weekday(year, 9, Mon, 1), "Labor Day"),
        (nth_weekday(year, 10, Mon, 2), "Columbus Day"),
        (nth_weekday(year, 11, Thu, 4), "Thanksgiving Day"),
    ];
    days.extend(
        floating
            .into_iter()
            .filter_map(|(date, name)| date.map(|date| PublicHoliday { date, name })),
    );
    days
}

/// The weekday a weekend holiday is observed on; `None` when it falls on a weekday.
fn observed_date(date: NaiveDate) -> Option<NaiveDate> {
    match date.weekday() {
        Weekday::Sat => date.pred_opt(),
        Weekday::Sun => date.succ_opt(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{holiday_name, is_business_day, public_holidays};
    use crate::domain::market::Market;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn name(date: NaiveDate) -> Option<&'static str> {
        holiday_name(date, Market::US)
    }

    #[test]
    fn federal_holidays_2026() {
        let expected = [
            (d(2026, 1, 1), "New Year's Day"),
            (d(2026, 1, 19), "Martin Luther King Jr. Day"),
            (d(2026, 2, 16), "Washington's Birthday"),
            (d(2026, 5, 25), "Memorial Day"),
            (d(2026, 6, 19), "Juneteenth National Independence Day"),
            (d(2026, 7, 3), "Independence Day (observed)"),
            (d(2026, 7, 4), "Independence Day"),
            (d(2026, 9, 7), "Labor Day"),
            (d(2026, 10, 12), "Columbus Day"),
            (d(2026, 11, 11), "Veterans Day"),
            (d(2026, 11, 26), "Thanksgiving Day"),
            (d(2026, 12, 25), "Christmas Day"),
        ];
        let listed: Vec<(NaiveDate, &str)> = public_holidays(2026, Market::US)
            .into_iter()
            .map(|h| (h.date, h.name))
            .collect();
        assert_eq!(listed, expected);
    }

    #[test]
    fn saturday_holidays_are_observed_on_friday() {
        // 4 July 2026 and 25 December 2027 are Saturdays.
        assert!(!is_business_day(d(2026, 7, 3), Market::US));
        assert_eq!(name(d(2027, 12, 24)), Some("Christmas Day (observed)"));
        assert!(!is_business_day(d(2027, 12, 24), Market::US));
        // Veterans Day 2028 (Saturday) is observed on Friday 10 November.
        assert_eq!(name(d(2028, 11, 10)), Some("Veterans Day (observed)"));
    }

    #[test]
    fn sunday_holidays_are_observed_on_monday() {
        // 4 July 2027 and 19 June 2022 are Sundays.
        assert_eq!(name(d(2027, 7, 5)), Some("Independence Day (observed)"));
        assert!(!is_business_day(d(2027, 7, 5), Market::US));
        assert_eq!(
            name(d(2022, 6, 20)),
            Some("Juneteenth National Independence Day (observed)")
        );
        // New Year's Day 2023 (Sunday) was observed on Monday 2 January.
        assert_eq!(name(d(2023, 1, 2)), Some("New Year's Day (observed)"));
    }

    #[test]
    fn juneteenth_only_from_2021() {
        assert_eq!(name(d(2020, 6, 19)), None);
        assert_eq!(
            name(d(2021, 6, 18)),
            Some("Juneteenth National Independence Day (observed)")
        );
    }

    #[test]
    fn floating_holidays_other_years() {
        assert_eq!(name(d(2025, 11, 27)), Some("Thanksgiving Day"));
        assert_eq!(name(d(2025, 5, 26)), Some("Memorial Day"));
        assert_eq!(name(d(2027, 1, 18)), Some("Martin Luther King Jr. Day"));
        assert_eq!(name(d(2027, 9, 6)), Some("Labor Day"));
        assert_eq!(name(d(2027, 10, 11)), Some("Columbus Day"));
        // Memorial Day when May has five Mondays (2026: 4, 11, 18, 25 - four; 2027: 31).
        assert_eq!(name(d(2027, 5, 31)), Some("Memorial Day"));
    }
}
