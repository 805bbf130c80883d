//! The one place the UI reads the time; the domain always receives it as an argument.

use chrono::{DateTime, NaiveDate, Utc};

pub fn now() -> DateTime<Utc> {
    let millis = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

pub fn today() -> NaiveDate {
    now().date_naive()
}
