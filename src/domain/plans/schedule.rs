//! Interest-free schedules: Pay in 4, Pay in 3, Pay in 30 days and Pay now.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::moved_to_business_day;
use crate::domain::market::Market;
use crate::domain::money::Money;

/// One payment of a plan. `amount == principal + interest`, always.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installment {
    /// 1-based position in the plan.
    pub number: u32,
    /// The day the money moves: a business day, except a payment charged at purchase.
    pub due: NaiveDate,
    pub amount: Money,
    pub principal: Money,
    pub interest: Money,
    /// The day the schedule named when it was a weekend or a public holiday and `due` is the
    /// business day after it: only to tell the shopper the date moved. Absent in plans saved
    /// before it existed, which then show no note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<NaiveDate>,
}

impl Installment {
    pub fn interest_free(number: u32, due: NaiveDate, amount: Money) -> Installment {
        Installment {
            number,
            due,
            amount,
            principal: amount,
            interest: Money::zero(amount.currency()),
            moved_from: None,
        }
    }

    /// Due on the business day on or after `scheduled`, remembering `scheduled` if it moved.
    pub fn on_business_day(self, scheduled: NaiveDate, market: Market) -> Installment {
        let (due, moved_from) = moved_to_business_day(scheduled, market);
        Installment {
            due,
            moved_from,
            ..self
        }
    }
}

/// Days after purchase of each Pay in 4 payment: at purchase, then every 14 days.
pub const PAY_IN_4_OFFSETS_DAYS: [u64; 4] = [0, 14, 28, 42];
/// Days after purchase of each Pay in 3 payment.
pub const PAY_IN_3_OFFSETS_DAYS: [u64; 3] = [0, 30, 60];
/// Pay in 30 days counts from capture (shipment), not from the order.
pub const PAY_IN_30_DAYS_AFTER_CAPTURE: u64 = 30;

pub fn pay_in_4_schedule(
    total: Money,
    purchase_date: NaiveDate,
    market: Market,
) -> Vec<Installment> {
    split_schedule(total, purchase_date, &PAY_IN_4_OFFSETS_DAYS, market)
}

pub fn pay_in_3_schedule(
    total: Money,
    purchase_date: NaiveDate,
    market: Market,
) -> Vec<Installment> {
    split_schedule(total, purchase_date, &PAY_IN_3_OFFSETS_DAYS, market)
}

/// The whole amount, due 30 days after `captured_on` (moved to a business day).
pub fn pay_in_30_schedule(
    total: Money,
    captured_on: NaiveDate,
    market: Market,
) -> Vec<Installment> {
    let scheduled = captured_on + Days::new(PAY_IN_30_DAYS_AFTER_CAPTURE);
    vec![Installment::interest_free(1, scheduled, total).on_business_day(scheduled, market)]
}

/// Charged at purchase, whatever the day: a card charge is immediate.
pub fn pay_now_schedule(total: Money, purchase_date: NaiveDate) -> Vec<Installment> {
    vec![Installment::interest_free(1, purchase_date, total)]
}

/// Splits `total` into `parts` equal amounts with every leftover minor unit on the first.
///
/// The spec puts the remainder cent(s) on the first payment, so 100.03 in four is 25.03 and
/// three times 25.00; `Money::split_evenly` would spread them (25.01, 25.01, 25.01, 25.00).
/// Later payments stay identical, which is what "4 payments of $25.00" promises.
pub fn split_remainder_first(total: Money, parts: usize) -> Vec<Money> {
    assert!(parts > 0, "cannot split money into zero parts");
    let count = i64::try_from(parts).expect("a plan has few payments");
    let base = total.minor().div_euclid(count);
    let first = total.minor() - base * (count - 1);
    std::iter::once(first)
        .chain(std::iter::repeat_n(base, parts - 1))
        .map(|minor| Money::from_minor(minor, total.currency()))
        .collect()
}

/// Equal parts (leftover cents on the first), the first charged at purchase even on a
/// holiday, the others on the business day on or after `purchase_date + offset`.
///
/// Each later date is shifted from its own scheduled day, not from the previous shifted one,
/// so one holiday never pushes the rest of the plan.
fn split_schedule(
    total: Money,
    purchase_date: NaiveDate,
    offsets_days: &[u64],
    market: Market,
) -> Vec<Installment> {
    split_remainder_first(total, offsets_days.len())
        .into_iter()
        .zip(offsets_days)
        .zip(1u32..)
        .map(|((amount, &offset), number)| {
            let at_purchase = Installment::interest_free(number, purchase_date, amount);
            if offset == 0 {
                at_purchase
            } else {
                at_purchase.on_business_day(purchase_date + Days::new(offset), market)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    fn gbp(minor: i64) -> Money {
        Money::from_minor(minor, Currency::GBP)
    }

    fn dues(schedule: &[Installment]) -> Vec<NaiveDate> {
        schedule.iter().map(|i| i.due).collect()
    }

    fn minors(schedule: &[Installment]) -> Vec<i64> {
        schedule.iter().map(|i| i.amount.minor()).collect()
    }

    #[test]
    fn pay_in_4_every_two_weeks() {
        // Monday 2 March 2026: +14, +28, +42 are all ordinary Mondays.
        let plan = pay_in_4_schedule(usd(10_000), d(2026, 3, 2), Market::US);
        assert_eq!(
            dues(&plan),
            [
                d(2026, 3, 2),
                d(2026, 3, 16),
                d(2026, 3, 30),
                d(2026, 4, 13)
            ]
        );
        assert_eq!(minors(&plan), [2500, 2500, 2500, 2500]);
        assert_eq!(
            plan.iter().map(|i| i.number).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        assert!(plan
            .iter()
            .all(|i| i.interest.is_zero() && i.principal == i.amount));
    }

    #[test]
    fn pay_in_4_puts_leftover_cents_first() {
        let plan = pay_in_4_schedule(usd(10_001), d(2026, 3, 2), Market::US);
        assert_eq!(minors(&plan), [2501, 2500, 2500, 2500]);
        let plan = pay_in_4_schedule(usd(10_003), d(2026, 3, 2), Market::US);
        assert_eq!(minors(&plan), [2503, 2500, 2500, 2500]);
        let plan = pay_in_4_schedule(usd(3502), d(2026, 3, 2), Market::US);
        assert_eq!(minors(&plan), [877, 875, 875, 875]);
    }

    #[test]
    fn pay_in_4_payment_on_independence_day_moves() {
        // Saturday 23 May 2026: +42 is Saturday 4 July, observed Friday 3 July, so Monday 6.
        // +14 is Saturday 6 June and +28 Saturday 20 June: the following Mondays.
        let plan = pay_in_4_schedule(usd(10_000), d(2026, 5, 23), Market::US);
        assert_eq!(
            dues(&plan),
            [d(2026, 5, 23), d(2026, 6, 8), d(2026, 6, 22), d(2026, 7, 6)]
        );
        // Friday 22 May: +42 is Friday 3 July, the observed holiday, so Monday 6 July.
        let plan = pay_in_4_schedule(usd(10_000), d(2026, 5, 22), Market::US);
        assert_eq!(dues(&plan)[3], d(2026, 7, 6));
    }

    #[test]
    fn pay_in_4_payment_on_christmas_moves() {
        // Friday 13 November 2026 + 42 days = Friday 25 December: next business day Monday 28.
        // +14 is Friday 27 November, the day after Thanksgiving, a business day.
        let plan = pay_in_4_schedule(usd(10_000), d(2026, 11, 13), Market::US);
        assert_eq!(
            dues(&plan),
            [
                d(2026, 11, 13),
                d(2026, 11, 27),
                d(2026, 12, 11),
                d(2026, 12, 28)
            ]
        );
        // Only the moved date remembers the day it was scheduled for, for the note.
        let moved: Vec<Option<NaiveDate>> = plan.iter().map(|i| i.moved_from).collect();
        assert_eq!(moved, [None, None, None, Some(d(2026, 12, 25))]);
        // Thursday 12 November + 14 = Thanksgiving, Thursday 26: Friday 27.
        let plan = pay_in_4_schedule(usd(10_000), d(2026, 11, 12), Market::US);
        assert_eq!(dues(&plan)[1], d(2026, 11, 27));
    }

    #[test]
    fn first_payment_is_charged_at_purchase_even_on_a_holiday() {
        let plan = pay_in_4_schedule(usd(10_000), d(2026, 12, 25), Market::US);
        assert_eq!(plan[0].due, d(2026, 12, 25));
        assert_eq!(plan[0].moved_from, None);
        // +14 is Friday 8 January 2027.
        assert_eq!(plan[1].due, d(2027, 1, 8));
    }

    #[test]
    fn pay_in_3_at_30_and_60_days() {
        // Tuesday 3 March 2026: +30 is Thursday 2 April, +60 Saturday 2 May -> Tuesday 5 May,
        // because Monday 4 May is the early May bank holiday.
        let plan = pay_in_3_schedule(gbp(10_000), d(2026, 3, 3), Market::UK);
        assert_eq!(dues(&plan), [d(2026, 3, 3), d(2026, 4, 2), d(2026, 5, 5)]);
        assert_eq!(minors(&plan), [3334, 3333, 3333]);
    }

    #[test]
    fn pay_in_3_skips_easter() {
        // Wednesday 4 March 2026 + 30 = Friday 3 April, Good Friday: Tuesday 7 April.
        let plan = pay_in_3_schedule(gbp(9000), d(2026, 3, 4), Market::UK);
        assert_eq!(plan[1].due, d(2026, 4, 7));
        assert_eq!(minors(&plan), [3000, 3000, 3000]);
    }

    #[test]
    fn pay_in_3_skips_boxing_day_substitute() {
        // Saturday 28 November 2026 + 30 = Monday 28 December, the Boxing Day substitute.
        let plan = pay_in_3_schedule(gbp(9000), d(2026, 11, 28), Market::UK);
        assert_eq!(plan[1].due, d(2026, 12, 29));
    }

    #[test]
    fn pay_in_30_counts_from_capture() {
        // Captured Friday 5 June 2026: +30 is Sunday 5 July, then the Monday.
        let plan = pay_in_30_schedule(usd(12_345), d(2026, 6, 5), Market::US);
        assert_eq!(dues(&plan), [d(2026, 7, 6)]);
        assert_eq!(minors(&plan), [12_345]);
        // Captured Wednesday 3 June: +30 is Friday 3 July, observed Independence Day.
        let plan = pay_in_30_schedule(usd(12_345), d(2026, 6, 3), Market::US);
        assert_eq!(plan[0].due, d(2026, 7, 6));
        // The same day in England is an ordinary Friday.
        let plan = pay_in_30_schedule(gbp(12_345), d(2026, 6, 3), Market::UK);
        assert_eq!(plan[0].due, d(2026, 7, 3));
    }

    #[test]
    fn split_remainder_first_sums_exactly() {
        let minors = |m, n| -> Vec<i64> {
            split_remainder_first(usd(m), n)
                .iter()
                .map(|p| p.minor())
                .collect()
        };
        assert_eq!(minors(100, 1), [100]);
        assert_eq!(minors(2, 4), [2, 0, 0, 0]);
        assert_eq!(minors(0, 3), [0, 0, 0]);
        assert_eq!(minors(25_000, 6), [4170, 4166, 4166, 4166, 4166, 4166]);
    }

    #[test]
    fn pay_now_is_one_charge_at_purchase() {
        let plan = pay_now_schedule(gbp(1), d(2026, 12, 26));
        assert_eq!(dues(&plan), [d(2026, 12, 26)]);
        assert_eq!(minors(&plan), [1]);
    }
}
