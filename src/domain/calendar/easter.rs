//! Western (Gregorian) Easter, needed for Good Friday and Easter Monday in England and Wales.

use chrono::NaiveDate;

/// Easter Sunday of `year`, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
///
/// Valid for every Gregorian year; panics only outside chrono's date range.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let golden = year.rem_euclid(19);
    let century = year.div_euclid(100);
    let year_of_century = year.rem_euclid(100);
    let skipped_leap_days = century / 4;
    let century_rest = century % 4;
    let lunar_correction = (century + 8) / 25;
    let moon_correction = (century - lunar_correction + 1) / 3;
    let epact = (19 * golden + century - skipped_leap_days - moon_correction + 15).rem_euclid(30);
    let leap_quarters = year_of_century / 4;
    let leap_rest = year_of_century % 4;
    let to_sunday = (32 + 2 * century_rest + 2 * leap_quarters - epact - leap_rest).rem_euclid(7);
    let late_correction = (golden + 11 * epact + 22 * to_sunday) / 451;
    let month_day = epact + to_sunday - 7 * late_correction + 114;
    let month = u32::try_from(month_day / 31).expect("Easter month is 3 or 4");
    let day = u32::try_from(month_day % 31 + 1).expect("Easter day is positive");
    NaiveDate::from_ymd_opt(year, month, day).expect("year within chrono's range")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};
    use proptest::prelude::*;

    #[test]
    fn known_easter_sundays() {
        let known = [
            (1961, 4, 2),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2285, 3, 22),
        ];
        for (y, m, d) in known {
            assert_eq!(
                easter_sunday(y),
                NaiveDate::from_ymd_opt(y, m, d).unwrap(),
                "Easter {y}"
            );
        }
    }

    proptest! {
        #[test]
        fn easter_is_a_sunday_between_22_march_and_25_april(year in 1583i32..4000) {
            let easter = easter_sunday(year);
            prop_assert_eq!(easter.weekday(), Weekday::Sun);
            prop_assert!(easter >= NaiveDate::from_ymd_opt(year, 3, 22).unwrap());
            prop_assert!(easter <= NaiveDate::from_ymd_opt(year, 4, 25).unwrap());
        }
    }
}
