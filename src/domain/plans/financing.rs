//! Monthly financing: standard amortization at a stated APR, statements on the 2nd, payments
//! due on the 26th.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::schedule::{split_remainder_first, Installment};
use crate::domain::market::Market;
use crate::domain::money::Money;

/// APR, in percent, of every financing term without the promotion.
pub const STANDARD_APR_PERCENT: Decimal = dec!(19.99);
/// The promotional APR, in percent.
pub const PROMO_APR_PERCENT: Decimal = dec!(0);
/// The only term with the promotion: short enough for the lender to fund it.
pub const PROMO_MONTHS: u32 = 6;
/// Orders at or above this amount (in the market's currency) get the promotion on
/// [`PROMO_MONTHS`].
pub const PROMO_MIN_AMOUNT: Decimal = dec!(250);

/// Day of the month each statement is issued.
pub const STATEMENT_DAY: u32 = 2;
/// Day of the month each payment is due, before moving to a business day.
pub const DUE_DAY: u32 = 26;

/// APR in percent (`19.99` means 19.99%) for `months` of financing of `amount`.
pub fn financing_apr(months: u32, amount: Money) -> Decimal {
    if months == PROMO_MONTHS && amount.amount() >= PROMO_MIN_AMOUNT {
        PROMO_APR_PERCENT
    } else {
        STANDARD_APR_PERCENT
    }
}

/// The level payment `P * r / (1 - (1 + r)^-n)` with `r = APR / 12`, rounded to the minor
/// unit. At 0% it is `P / n` rounded down: leftover cents go on the first payment.
pub fn monthly_payment(principal: Money, apr_percent: Decimal, months: u32) -> Money {
    assert!(months > 0, "financing needs at least one month");
    let rate = monthly_rate(apr_percent);
    if rate.is_zero() {
        let parts = split_remainder_first(principal, months as usize);
        return *parts.last().expect("at least one month");
    }
    let growth = power(Decimal::ONE + rate, months);
    let exact = principal.amount() * rate / (Decimal::ONE - Decimal::ONE / growth);
    Money::new(exact, principal.currency())
}

pub(super) fn monthly_rate(apr_percent: Decimal) -> Decimal {
    apr_percent / dec!(1200)
}

/// `base^exponent` by repeated multiplication: terms are at most a few dozen months, and
/// `Decimal` keeps 28 significant digits, far beyond the cent.
fn power(base: Decimal, exponent: u32) -> Decimal {
    (0..exponent).fold(Decimal::ONE, |acc, _| acc * base)
}

/// The statement dates: the 2nd of each month, starting the month after the purchase.
pub fn statement_dates(purchase_date: NaiveDate, months: u32) -> Vec<NaiveDate> {
    (1..=months)
        .map(|k| day_of_month_after(purchase_date, k, STATEMENT_DAY))
        .collect()
}

/// The 26th of the statement's month: a statement on the 2nd leaves 24 days to pay, more than
/// the 21 days US card rules ask for.
fn scheduled_due_date(purchase_date: NaiveDate, k: u32) -> NaiveDate {
    day_of_month_after(purchase_date, k, DUE_DAY)
}

fn day_of_month_after(date: NaiveDate, months_after: u32, day: u32) -> NaiveDate {
    let first = date.with_day(1).expect("every month has a 1st");
    (first + Months::new(months_after))
        .with_day(day)
        .expect("every month has a 2nd and a 26th")
}

/// One month of an amortized loan: what the payment repays of the principal, and the
/// interest on the balance owed during the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AmortizedMonth {
    pub principal: Money,
    pub interest: Money,
}

impl AmortizedMonth {
    pub fn payment(self) -> Money {
        self.principal + self.interest
    }
}

/// Standard amortization of `principal` over `months` at `apr_percent`.
///
/// Each month's interest is the balance times `APR / 12`, rounded to the cent; the principal
/// part is the level payment minus that interest; the last month takes whatever balance is
/// left, so the principal parts sum exactly to `principal`. At 0% the payments are an even
/// split with leftover cents on the first, like the other interest-free plans.
///
/// Used for a new plan and, through `reamortize`, for the payments left after a refund lowers
/// the principal (the same APR over the same remaining months).
pub fn amortize(principal: Money, apr_percent: Decimal, months: u32) -> Vec<AmortizedMonth> {
    assert!(months > 0, "financing needs at least one month");
    let rate = monthly_rate(apr_percent);
    if rate.is_zero() {
        return split_remainder_first(principal, months as usize)
            .into_iter()
            .map(|part| AmortizedMonth {
                principal: part,
                interest: Money::zero(principal.currency()),
            })
            .collect();
    }
    let payment = monthly_payment(principal, apr_percent, months);
    amortize_at(principal, rate, payment, months, None)
}

/// The amortization loop at a given level `payment`: each month's interest is the balance
/// times `rate`, rounded to the cent, the principal part the payment less that interest, and
/// the last month takes whatever balance is left. With `before` (one entry per month), no
/// month's interest exceeds its interest there, nor its payment the payment there, except
/// the last, which repays the balance (see `reamortize`).
pub(super) fn amortize_at(
    principal: Money,
    rate: Decimal,
    payment: Money,
    months: u32,
    before: Option<&[AmortizedMonth]>,
) -> Vec<AmortizedMonth> {
    let zero = Money::zero(principal.currency());
    let mut balance = principal;
    (1..=months)
        .map(|k| {
            let mut interest = balance.scale(rate);
            let mut level = payment;
            if let Some(before) = before {
                let was = before[k as usize - 1];
                interest = interest.min(was.interest);
                level = level.min(was.payment());
            }
            let principal_part = if k == months {
                balance
            } else {
                // Tiny loans round the payment up past the balance; never repay more than owed.
                (level - interest).max(zero).min(balance)
            };
            balance = balance - principal_part;
            AmortizedMonth {
                principal: principal_part,
                interest,
            }
        })
        .collect()
}

/// Monthly installments of a loan of `principal` at `apr_percent` (see [`amortize`]).
/// Interest accrues per monthly period as the formula assumes, whatever the length of the
/// first period (about 26 to 56 days).
pub fn financing_schedule(
    principal: Money,
    apr_percent: Decimal,
    months: u32,
    purchase_date: NaiveDate,
    market: Market,
) -> Vec<Installment> {
    amortize(principal, apr_percent, months)
        .into_iter()
        .zip(1u32..)
        .map(|(month, k)| {
            Installment {
                number: k,
                due: purchase_date,
                amount: month.payment(),
                principal: month.principal,
                interest: month.interest,
                moved_from: None,
            }
            .on_business_day(scheduled_due_date(purchase_date, k), market)
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

    fn sum(schedule: &[Installment], part: fn(&Installment) -> Money) -> Money {
        Money::sum_in(Currency::USD, schedule.iter().map(part))
    }

    #[test]
    fn apr_promotion_on_six_months_from_250() {
        assert_eq!(financing_apr(6, usd(25_000)), dec!(0));
        assert_eq!(financing_apr(6, usd(24_999)), dec!(19.99));
        assert_eq!(financing_apr(12, usd(500_000)), dec!(19.99));
    }

    #[test]
    fn power_by_repeated_multiplication() {
        assert_eq!(power(dec!(1.5), 0), dec!(1));
        assert_eq!(power(dec!(1.5), 3), dec!(3.375));
        assert_eq!(power(dec!(1.01), 12).round_dp(10), dec!(1.1268250301));
    }

    // Reference figures computed independently with 40-digit decimal arithmetic:
    // 1000 * r / (1 - (1 + r)^-12), r = 0.1999 / 12, is 92.6297..., so $92.63 (not $92.62).
    #[test]
    fn one_thousand_over_twelve_months_at_19_99() {
        assert_eq!(monthly_payment(usd(100_000), dec!(19.99), 12), usd(9263));
        let plan = financing_schedule(usd(100_000), dec!(19.99), 12, d(2026, 3, 10), Market::US);
        assert_eq!(plan.len(), 12);
        assert!(plan[..11].iter().all(|i| i.amount == usd(9263)));
        assert_eq!(plan[11].amount, usd(9263));
        // First month's interest: 1000 * 0.1999 / 12 = 16.658... -> 16.66.
        assert_eq!(plan[0].interest, usd(1666));
        assert_eq!(plan[0].principal, usd(7597));
        assert_eq!(sum(&plan, |i| i.principal), usd(100_000));
        assert_eq!(sum(&plan, |i| i.interest), usd(11_156));
    }

    #[test]
    fn other_reference_loans() {
        // (principal, months, level payment, last payment, total interest)
        let cases = [
            (100_000, 6, 17_652, 17_652, 5_912),
            (15_000, 24, 763, 776, 3_325),
            (1_000_000, 24, 50_891, 50_888, 221_381),
            (24_999, 6, 4_413, 4_410, 1_476),
        ];
        for (principal, months, level, last, interest) in cases {
            let plan = financing_schedule(
                usd(principal),
                dec!(19.99),
                months,
                d(2026, 1, 15),
                Market::US,
            );
            assert_eq!(
                monthly_payment(usd(principal), dec!(19.99), months),
                usd(level)
            );
            assert_eq!(plan[0].amount, usd(level), "{principal} over {months}");
            assert_eq!(
                plan.last().unwrap().amount,
                usd(last),
                "{principal} over {months}"
            );
            assert_eq!(
                sum(&plan, |i| i.interest),
                usd(interest),
                "{principal} over {months}"
            );
            assert_eq!(sum(&plan, |i| i.principal), usd(principal));
        }
    }

    #[test]
    fn level_payment_at_zero_percent_leaves_the_remainder_to_the_first() {
        assert_eq!(monthly_payment(usd(25_000), dec!(0), 6), usd(4166));
        assert_eq!(monthly_payment(usd(30_000), dec!(0), 6), usd(5000));
    }

    #[test]
    fn promotional_financing_splits_evenly_without_interest() {
        let plan = financing_schedule(usd(30_005), dec!(0), 6, d(2026, 1, 15), Market::US);
        let minors: Vec<i64> = plan.iter().map(|i| i.amount.minor()).collect();
        assert_eq!(minors, [5005, 5000, 5000, 5000, 5000, 5000]);
        assert!(plan.iter().all(|i| i.interest.is_zero()));
    }

    #[test]
    fn statement_on_the_2nd_due_on_the_26th_from_the_next_month() {
        // Purchase Saturday 31 January 2026.
        assert_eq!(
            statement_dates(d(2026, 1, 31), 3),
            [d(2026, 2, 2), d(2026, 3, 2), d(2026, 4, 2)]
        );
        let plan = financing_schedule(usd(100_000), dec!(19.99), 12, d(2026, 1, 31), Market::US);
        let dues: Vec<NaiveDate> = plan.iter().map(|i| i.due).collect();
        assert_eq!(
            dues,
            [
                d(2026, 2, 26),
                d(2026, 3, 26),
                d(2026, 4, 27), // 26 April is a Sunday
                d(2026, 5, 26),
                d(2026, 6, 26),
                d(2026, 7, 27), // 26 July is a Sunday
                d(2026, 8, 26),
                d(2026, 9, 28), // Saturday
                d(2026, 10, 26),
                d(2026, 11, 27), // Thanksgiving, Thursday 26 November
                d(2026, 12, 28), // Saturday
                d(2027, 1, 26),
            ]
        );
    }

    #[test]
    fn purchase_in_december_rolls_into_next_year() {
        let plan = financing_schedule(usd(100_000), dec!(19.99), 6, d(2026, 12, 1), Market::US);
        assert_eq!(plan[0].due, d(2027, 1, 26));
        assert_eq!(plan[5].due, d(2027, 6, 28)); // 26 June 2027 is a Saturday
    }

    #[test]
    fn tiny_loans_never_go_negative() {
        for minor in [1, 2, 30, 99, 1000] {
            let plan = financing_schedule(usd(minor), dec!(19.99), 24, d(2026, 1, 15), Market::US);
            assert!(plan.iter().all(|i| !i.amount.is_negative()
                && !i.principal.is_negative()
                && !i.interest.is_negative()));
            assert_eq!(sum(&plan, |i| i.principal), usd(minor));
        }
    }
}
