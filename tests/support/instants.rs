//! Fixed instants, so no test reads the system clock.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// Monday 2 March 2026, 10:00 UTC: a business day in both markets, far from holidays.
pub fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

/// Noon UTC on `date`.
pub fn noon(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(
        &date
            .and_hms_opt(12, 0, 0)
            .expect("12:00:00 is a time of day"),
    )
}
