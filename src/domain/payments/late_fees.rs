//! What a missed payment costs, by market.
//!
//! US: up to 7 USD per late payment, at most one per payment, all fees of an order capped at
//! 25% of the order. UK: 5 GBP per late payment, only on orders of 20 GBP or more, at most two
//! per order, capped at 25% of the order. "At most one per payment" holds in both markets
//! because a payment is assessed once (`AccountInstallment::late_fee_assessed`).

use crate::domain::market::Market;
use crate::domain::money::Money;

/// Percent of the order total (the price, before any fees) that all fees together may reach.
pub const FEE_CAP_PERCENT: i64 = 25;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LateFeePolicy {
    pub per_late_payment: Money,
    /// Orders below this are never charged a late fee.
    pub minimum_order: Option<Money>,
    pub max_fees_per_order: Option<usize>,
}

impl LateFeePolicy {
    pub fn of(market: Market) -> LateFeePolicy {
        let currency = market.currency();
        match market {
            Market::US => LateFeePolicy {
                per_late_payment: Money::from_minor(700, currency),
                minimum_order: None,
                max_fees_per_order: None,
            },
            Market::UK => LateFeePolicy {
                per_late_payment: Money::from_minor(500, currency),
                minimum_order: Some(Money::from_minor(2000, currency)),
                max_fees_per_order: Some(2),
            },
        }
    }
}

/// 25% of the order, rounded down to the minor unit so the cap is never exceeded.
pub fn fee_cap(order_total: Money) -> Money {
    Money::from_minor(
        order_total.minor() * FEE_CAP_PERCENT / 100,
        order_total.currency(),
    )
}

/// The fee for the next late payment of an order, given the fees already charged on it;
/// `None` when the rules allow none. When the cap leaves less than the full fee, the
/// remainder up to the cap is charged ("up to 7 USD").
pub fn next_late_fee(market: Market, order_total: Money, fees_so_far: &[Money]) -> Option<Money> {
    let policy = LateFeePolicy::of(market);
    if policy
        .minimum_order
        .is_some_and(|minimum| order_total < minimum)
    {
        return None;
    }
    let charged: Vec<Money> = fees_so_far
        .iter()
        .copied()
        .filter(|f| !f.is_zero())
        .collect();
    if policy
        .max_fees_per_order
        .is_some_and(|max| charged.len() >= max)
    {
        return None;
    }
    let room = fee_cap(order_total) - Money::sum_in(order_total.currency(), charged);
    let fee = policy.per_late_payment.min(room);
    (fee.minor() > 0).then_some(fee)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    fn gbp(minor: i64) -> Money {
        Money::from_minor(minor, Currency::GBP)
    }

    #[test]
    fn us_fee_is_seven_dollars_until_the_cap() {
        assert_eq!(next_late_fee(Market::US, usd(20_000), &[]), Some(usd(700)));
        // 25% of 40 USD is 10 USD: 7, then the 3 left, then nothing.
        assert_eq!(next_late_fee(Market::US, usd(4000), &[]), Some(usd(700)));
        assert_eq!(
            next_late_fee(Market::US, usd(4000), &[usd(700)]),
            Some(usd(300))
        );
        assert_eq!(
            next_late_fee(Market::US, usd(4000), &[usd(700), usd(300)]),
            None
        );
    }

    #[test]
    fn uk_fee_needs_twenty_pounds_and_stops_at_two() {
        assert_eq!(next_late_fee(Market::UK, gbp(1999), &[]), None);
        assert_eq!(next_late_fee(Market::UK, gbp(2000), &[]), Some(gbp(500)));
        // 25% of 20 GBP is exactly one fee.
        assert_eq!(next_late_fee(Market::UK, gbp(2000), &[gbp(500)]), None);
        assert_eq!(
            next_late_fee(Market::UK, gbp(30_000), &[gbp(500)]),
            Some(gbp(500))
        );
        assert_eq!(
            next_late_fee(Market::UK, gbp(30_000), &[gbp(500), gbp(500)]),
            None
        );
    }

    #[test]
    fn cap_rounds_down() {
        assert_eq!(fee_cap(usd(4001)), usd(1000));
        assert_eq!(fee_cap(usd(4003)), usd(1000));
        assert_eq!(fee_cap(usd(4004)), usd(1001));
    }
}
