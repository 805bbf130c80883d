//! Re-amortizing financing after a refund lowers its principal (the spec's "Refunds on
//! financing"): the same APR over the same remaining months.
//!
//! Less principal at the same APR over the same months can never cost more interest, nor make
//! any payment left larger than it was. Amortizing the new principal afresh can, by a cent of
//! rounding: $2,095.28 over 18 months at 19.99% is 17 x $135.69 (exactly $135.687) and a
//! last $135.62, $347.07 of interest. With 7 cents refunded the exact level payment is
//! $135.682, which rounds down to $135.68: 17 payments then repay 17 cents less principal
//! while only 7 came off it, so the last payment takes the other 10 cents and their interest,
//! $135.73, and the plan costs $347.08 of interest, a cent more than agreed.
//!
//! So the new schedule is the fresh one when it keeps within the old one month by month, in
//! the payment and in the interest. Otherwise it is the amortization at the lowest level
//! payment, from the fresh one's up, that keeps within: each month's interest is that of its
//! balance but at most the old month's, each payment the level but at most the old month's,
//! and the last payment repays what is left. Only the last can overshoot, and at the old
//! level payment it cannot: every other month then pays what it paid before with no more
//! interest, so repays at least the principal it did, and the last is left at most its old
//! principal less the refund, with no more interest. Above, the 17 payments stay $135.69 and
//! the last comes to $135.54: the 7 cents and the cent of interest they no longer cost, so
//! $347.06 of interest.

use rust_decimal::Decimal;

use super::financing::{amortize, amortize_at, monthly_payment, monthly_rate, AmortizedMonth};
use crate::domain::money::Money;

/// The payments left after a refund lowers the principal to `principal`, at `apr_percent`,
/// over the months of `before` (the payments as they were, one a month): each at most what it
/// was, its interest too, and the principal parts summing exactly to `principal`, which must
/// be at most what `before` repays.
pub fn reamortize(
    principal: Money,
    apr_percent: Decimal,
    before: &[AmortizedMonth],
) -> Vec<AmortizedMonth> {
    let months = u32::try_from(before.len()).expect("a plan has few payments");
    let repaid_before = Money::sum_in(principal.currency(), before.iter().map(|m| m.principal));
    assert!(
        principal <= repaid_before,
        "a re-amortization only lowers the principal"
    );
    let fresh = amortize(principal, apr_percent, months);
    if within(&fresh, before) {
        return fresh;
    }
    let rate = monthly_rate(apr_percent);
    let at = |level: i64| {
        let level = Money::from_minor(level, principal.currency());
        amortize_at(principal, rate, level, months, Some(before))
    };
    // The last payment only falls as the level rises (each month repays at least as much, so
    // every balance after is at most as large), so the lowest level within is a bisection
    // away; the old level payment is within (see the module's comment).
    let mut low = monthly_payment(principal, apr_percent, months).minor();
    let mut high = before
        .iter()
        .map(|m| m.payment().minor())
        .max()
        .unwrap_or(low)
        .max(low);
    while low < high {
        let middle = low + (high - low) / 2;
        if within(&at(middle), before) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    at(high)
}

/// Whether every month of `schedule` is at most its month of `before`, payment and interest.
fn within(schedule: &[AmortizedMonth], before: &[AmortizedMonth]) -> bool {
    schedule
        .iter()
        .zip(before)
        .all(|(now, was)| now.payment() <= was.payment() && now.interest <= was.interest)
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::domain::money::Currency;

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    fn payments(schedule: &[AmortizedMonth]) -> Vec<i64> {
        schedule.iter().map(|m| m.payment().minor()).collect()
    }

    fn interest(schedule: &[AmortizedMonth]) -> Money {
        Money::sum_in(Currency::USD, schedule.iter().map(|m| m.interest))
    }

    fn principal(schedule: &[AmortizedMonth]) -> Money {
        Money::sum_in(Currency::USD, schedule.iter().map(|m| m.principal))
    }

    #[test]
    fn seven_cents_off_a_plan_come_off_its_last_payment_not_onto_it() {
        let before = amortize(usd(209_528), dec!(19.99), 18);
        assert_eq!(payments(&before)[..17], [13_569; 17]);
        assert_eq!(payments(&before)[17], 13_562);
        assert_eq!(interest(&before), usd(34_707));
        // Afresh, the level payment rounds down a cent and the last payment takes it all.
        let fresh = amortize(usd(209_521), dec!(19.99), 18);
        assert_eq!(payments(&fresh)[..17], [13_568; 17]);
        assert_eq!(payments(&fresh)[17], 13_573);
        assert_eq!(interest(&fresh), usd(34_708));

        let after = reamortize(usd(209_521), dec!(19.99), &before);
        assert_eq!(payments(&after)[..17], [13_569; 17]);
        assert_eq!(payments(&after)[17], 13_554);
        assert_eq!(interest(&after), usd(34_706));
        assert_eq!(principal(&after), usd(209_521));
    }

    #[test]
    fn a_refund_the_fresh_schedule_fits_is_amortized_afresh() {
        let before = amortize(usd(100_000), dec!(19.99), 12);
        let after = reamortize(usd(60_000), dec!(19.99), &before);
        assert_eq!(after, amortize(usd(60_000), dec!(19.99), 12));
    }

    #[test]
    fn any_lower_principal_keeps_every_month_within_the_old() {
        for (total, months) in [(209_528, 18), (20_800, 12), (15_000, 24), (499_999, 24)] {
            let before = amortize(usd(total), dec!(19.99), months);
            for refunded in (1..40).chain([total / 3, total - 1, total]) {
                let after = reamortize(usd(total - refunded), dec!(19.99), &before);
                assert!(within(&after, &before), "{total} less {refunded}");
                assert_eq!(principal(&after), usd(total - refunded));
                assert!(after
                    .iter()
                    .all(|m| !m.principal.is_negative() && !m.interest.is_negative()));
            }
        }
    }
}
