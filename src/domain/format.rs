//! How the shop writes dates, times and counts: one style each, for every page and every
//! message. A date is "Fri 25 Dec 2026" (the weekday says at a glance why a payment moved off
//! a weekend, and it fits a phone's table cell); a moment is "Fri 25 Dec 2026, 09:00" (the
//! shop's clock is UTC); a count is "31,400". Chart axes, where the year stands once beside
//! them, label days "25 Dec" and months "Dec".

use chrono::{DateTime, Datelike, Timelike, Utc};

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_of(day: &impl Datelike) -> &'static str {
    MONTHS[day.month0() as usize]
}

/// "Fri 25 Dec 2026": a day, or the day of a moment.
pub fn date(day: impl Datelike) -> String {
    let weekday = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
    format!("{weekday} {} {} {}", day.day(), month_of(&day), day.year())
}

/// "Fri 25 Dec 2026, 09:00". Written out rather than through a chrono format string, whose
/// parser and formatter would otherwise be code every page loads for two numbers.
pub fn date_time(at: DateTime<Utc>) -> String {
    format!("{}, {:02}:{:02}", date(at), at.hour(), at.minute())
}

/// "December 2026": a month as a whole (a statement month, a row of the spending table).
pub fn month(day: impl Datelike) -> String {
    format!("{} {}", MONTH_NAMES[day.month0() as usize], day.year())
}

/// "25 Dec": a day on a chart's axis.
pub fn axis_day(day: impl Datelike) -> String {
    format!("{} {}", day.day(), month_of(&day))
}

/// "Dec": a month on a chart's axis.
pub fn axis_month(day: impl Datelike) -> &'static str {
    MONTHS[day.month0() as usize]
}

/// "31,400": a count with thousands separators.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// "1 package", "3 packages", "1,200 packages": a count with its noun, singular for one.
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    #[test]
    fn one_style_for_days_moments_months_and_counts() {
        let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
        assert_eq!(date(christmas), "Fri 25 Dec 2026");
        let at = Utc.with_ymd_and_hms(2027, 1, 4, 9, 5, 0).unwrap();
        assert_eq!(date(at), "Mon 4 Jan 2027");
        assert_eq!(date_time(at), "Mon 4 Jan 2027, 09:05");
        let last_minute = Utc.with_ymd_and_hms(2027, 1, 4, 23, 59, 59).unwrap();
        assert_eq!(date_time(last_minute), "Mon 4 Jan 2027, 23:59");
        assert_eq!(month(christmas), "December 2026");
        assert_eq!(axis_day(christmas), "25 Dec");
        assert_eq!(axis_month(at), "Jan");
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(31_400), "31,400");
        assert_eq!(count(16_556_000), "16,556,000");
        assert_eq!(counted(1, "package", "packages"), "1 package");
        assert_eq!(counted(0, "package", "packages"), "0 packages");
        assert_eq!(counted(2_000, "day", "days"), "2,000 days");
    }
}
