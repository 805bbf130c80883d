//! England and Wales bank holidays (Banking and Financial Dealings Act 1971 and the yearly
//! royal proclamations).
//!
//! The regular rules are computed. A weekend New Year's Day, Christmas Day or Boxing Day gets
//! a substitute weekday: the next weekday not already a holiday, so a Saturday Christmas moves
//! to Monday 27 and the Sunday Boxing Day to Tuesday 28.
//!
//! Proclamations have moved or added days for national events. Those are not computable, so
//! they are a short table ([`MOVED`], [`EXTRA`]) of every one-off change since 1995.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::easter::easter_sunday;
use super::{last_weekday, nth_weekday, ymd, PublicHoliday};

const EARLY_MAY: &str = "Early May bank holiday";
const SPRING: &str = "Spring bank holiday";

/// A regular bank holiday that a proclamation moved, in one year.
struct MovedHoliday {
    year: i32,
    usual_name: &'static str,
    month: u32,
    day: u32,
    name: &'static str,
}

const MOVED: &[MovedHoliday] = &[
    MovedHoliday {
        year: 1995,
        usual_name: EARLY_MAY,
        month: 5,
        day: 8,
        name: "Early May bank holiday (VE Day)",
    },
    MovedHoliday {
        year: 2002,
        usual_name: SPRING,
        month: 6,
        day: 4,
        name: SPRING,
    },
    MovedHoliday {
        year: 2012,
        usual_name: SPRING,
        month: 6,
        day: 4,
        name: SPRING,
    },
    MovedHoliday {
        year: 2020,
        usual_name: EARLY_MAY,
        month: 5,
        day: 8,
        name: "Early May bank holiday (VE Day)",
    },
    MovedHoliday {
        year: 2022,
        usual_name: SPRING,
        month: 6,
        day: 2,
        name: SPRING,
    },
];

/// One-off extra bank holidays: (year, month, day, name).
const EXTRA: &[(i32, u32, u32, &str)] = &[
    (1999, 12, 31, "Millennium Eve"),
    (2002, 6, 3, "Golden Jubilee bank holiday"),
    (2011, 4, 29, "Royal wedding"),
    (2012, 6, 5, "Diamond Jubilee bank holiday"),
    (2022, 6, 3, "Platinum Jubilee bank holiday"),
    (2022, 9, 19, "State Funeral of Queen Elizabeth II"),
    (2023, 5, 8, "Coronation of King Charles III"),
];

pub(super) fn holidays(year: i32) -> Vec<PublicHoliday> {
    let mut days = Vec::with_capacity(12);
    let mut push = |date: Option<NaiveDate>, name: &'static str| {
        if let Some(date) = date {
            days.push(PublicHoliday { date, name });
        }
    };

    let easter = easter_sunday(year);
    push(easter.checked_sub_days(Days::new(2)), "Good Friday");
    push(easter.checked_add_days(Days::new(1)), "Easter Monday");
    push(
        moved_or(year, EARLY_MAY, nth_weekday(year, 5, Weekday::Mon, 1)),
        moved_name(year, EARLY_MAY),
    );
    push(
        moved_or(year, SPRING, last_weekday(year, 5, Weekday::Mon)),
        moved_name(year, SPRING),
    );
    push(last_weekday(year, 8, Weekday::Mon), "Summer bank holiday");
    for &(extra_year, month, day, name) in EXTRA {
        if extra_year == year {
            push(ymd(year, month, day), name);
        }
    }

    // Substitutes are chosen once every calendar day is listed, in calendar order, so that a
    // Sunday Christmas skips Boxing Day (Tuesday 27) and a Sunday Boxing Day skips Christmas's
    // substitute (Tuesday 28).
    let weekend_prone = [
        (
            ymd(year, 1, 1),
            "New Year's Day",
            "New Year's Day (substitute day)",
        ),
        (
            ymd(year, 12, 25),
            "Christmas Day",
            "Christmas Day (substitute day)",
        ),
        (
            ymd(year, 12, 26),
            "Boxing Day",
            "Boxing Day (substitute day)",
        ),
    ];
    for &(date, name, _) in &weekend_prone {
        if let Some(date) = date {
            days.push(PublicHoliday { date, name });
        }
    }
    for (date, _, substitute_name) in weekend_prone {
        let Some(date) = date.filter(|date| is_weekend(*date)) else {
            continue;
        };
        if let Some(substitute) = first_free_weekday_after(date, &days) {
            days.push(PublicHoliday {
                date: substitute,
                name: substitute_name,
            });
        }
    }
    days
}

fn moved_or(year: i32, usual_name: &str, usual: Option<NaiveDate>) -> Option<NaiveDate> {
    match MOVED
        .iter()
        .find(|m| m.year == year && m.usual_name == usual_name)
    {
        Some(moved) => ymd(year, moved.month, moved.day),
        None => usual,
    }
}

fn moved_name(year: i32, usual_name: &'static str) -> &'static str {
    MOVED
        .iter()
        .find(|m| m.year == year && m.usual_name == usual_name)
        .map_or(usual_name, |m| m.name)
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn first_free_weekday_after(date: NaiveDate, taken: &[PublicHoliday]) -> Option<NaiveDate> {
    let mut candidate = date.succ_opt()?;
    while is_weekend(candidate) || taken.iter().any(|h| h.date == candidate) {
        candidate = candidate.succ_opt()?;
    }
    Some(candidate)
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
        holiday_name(date, Market::UK)
    }

    fn listed(year: i32) -> Vec<(NaiveDate, &'static str)> {
        public_holidays(year, Market::UK)
            .into_iter()
            .map(|h| (h.date, h.name))
            .collect()
    }

    #[test]
    fn bank_holidays_2026() {
        assert_eq!(
            listed(2026),
            vec![
                (d(2026, 1, 1), "New Year's Day"),
                (d(2026, 4, 3), "Good Friday"),
                (d(2026, 4, 6), "Easter Monday"),
                (d(2026, 5, 4), "Early May bank holiday"),
                (d(2026, 5, 25), "Spring bank holiday"),
                (d(2026, 8, 31), "Summer bank holiday"),
                (d(2026, 12, 25), "Christmas Day"),
                (d(2026, 12, 26), "Boxing Day"),
                (d(2026, 12, 28), "Boxing Day (substitute day)"),
            ]
        );
    }

    #[test]
    fn christmas_on_saturday_gives_two_substitutes() {
        // 2021 and 2027: Christmas Saturday, Boxing Day Sunday.
        for year in [2021, 2027] {
            assert_eq!(
                name(d(year, 12, 27)),
                Some("Christmas Day (substitute day)")
            );
            assert_eq!(name(d(year, 12, 28)), Some("Boxing Day (substitute day)"));
            assert!(is_business_day(d(year, 12, 29), Market::UK));
        }
    }

    #[test]
    fn christmas_on_sunday_moves_to_tuesday() {
        // 2022: Christmas Sunday, Boxing Day Monday.
        assert_eq!(name(d(2022, 12, 26)), Some("Boxing Day"));
        assert_eq!(
            name(d(2022, 12, 27)),
            Some("Christmas Day (substitute day)")
        );
    }

    #[test]
    fn new_year_substitutes() {
        // 2022: Saturday -> Monday 3; 2023: Sunday -> Monday 2.
        assert_eq!(name(d(2022, 1, 3)), Some("New Year's Day (substitute day)"));
        assert_eq!(name(d(2023, 1, 2)), Some("New Year's Day (substitute day)"));
    }

    #[test]
    fn one_off_changes() {
        assert_eq!(name(d(2020, 5, 4)), None);
        assert_eq!(name(d(2020, 5, 8)), Some("Early May bank holiday (VE Day)"));
        assert_eq!(name(d(2022, 5, 30)), None);
        assert_eq!(name(d(2022, 6, 2)), Some("Spring bank holiday"));
        assert_eq!(name(d(2022, 6, 3)), Some("Platinum Jubilee bank holiday"));
        assert_eq!(
            name(d(2022, 9, 19)),
            Some("State Funeral of Queen Elizabeth II")
        );
        assert_eq!(name(d(2023, 5, 1)), Some("Early May bank holiday"));
        assert_eq!(name(d(2023, 5, 8)), Some("Coronation of King Charles III"));
        assert_eq!(name(d(2012, 6, 4)), Some("Spring bank holiday"));
        assert_eq!(name(d(2012, 6, 5)), Some("Diamond Jubilee bank holiday"));
    }

    #[test]
    fn easter_and_may_holidays_other_years() {
        assert_eq!(name(d(2025, 4, 18)), Some("Good Friday"));
        assert_eq!(name(d(2025, 4, 21)), Some("Easter Monday"));
        assert_eq!(name(d(2027, 3, 26)), Some("Good Friday"));
        assert_eq!(name(d(2027, 3, 29)), Some("Easter Monday"));
        assert_eq!(name(d(2027, 5, 31)), Some("Spring bank holiday"));
        assert_eq!(name(d(2027, 8, 30)), Some("Summer bank holiday"));
        // Scottish 2 January and St Andrew's Day are not England-and-Wales holidays.
        assert_eq!(name(d(2026, 1, 2)), None);
        assert_eq!(name(d(2026, 11, 30)), None);
    }
}
