//! Refunds and the payment plan, Klarna's rule for interest-free plans (financing that bears
//! interest has its own, see `financing_refund`).
//!
//! - A refund smaller than what is still owed is spread evenly over the remaining payments,
//!   each getting smaller (200 USD in 4 x 50, one paid, 75 refunded: three payments of 25).
//! - A refund at least as large as what is owed clears the plan, and the excess goes back to
//!   the shopper (a full refund is the case where the excess is everything paid).
//! - Money sent back to the shopper lands after a processing delay, an event of its own.
//!
//! Refunds return the price, never late fees already paid (those paid for lateness, not for
//! the goods); late fees still unpaid when a refund clears the plan are waived, so a shopper
//! whose purchase was undone is not chased for a fee.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, Utc};

use super::account::{PaymentError, PaymentPlanAccount};
use super::installment::PaymentStatus;
use super::method::{MethodBook, MethodId, MethodKind};
use super::schedule::REFUND_HOUR;
use super::shopper_refund::{refund_processing_days, Refund};
use crate::domain::engine::at_time_of_day;
use crate::domain::money::Money;

/// What a refund did to the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundOutcome {
    /// How much each remaining payment went down by, by payment number: its share of the
    /// refund, and on financing the interest that no longer accrues with it.
    pub credited: Vec<(u32, Money)>,
    /// The part of the refund taken off what is owed; the rest went back to the shopper.
    pub applied_to_plan: Money,
    /// The refund covered everything owed: nothing is left to pay.
    pub cleared_plan: bool,
    pub fees_waived: Money,
    /// Money going back to the shopper, one refund per method it was paid with.
    pub refunds: Vec<Refund>,
}

/// Splits `amount` evenly over payments that can take at most `capacities` each.
///
/// Water-filling: every payment gets the same level `L` (or all it can take, if less),
/// with `L` as high as the amount allows; the few cents left below the next level go one
/// each to the earliest payments that can take more (leftover cents first, as the spec puts
/// them on plans). So shares of payments that were not filled differ by at most one cent.
/// The sum is `amount` whenever the capacities allow it; otherwise every payment is full.
pub fn spread_evenly(amount: Money, capacities: &[Money]) -> Vec<Money> {
    let currency = amount.currency();
    let caps: Vec<i64> = capacities.iter().map(|c| c.minor().max(0)).collect();
    let amount = amount.minor().max(0);
    let filled_to = |level: i64| -> i64 { caps.iter().map(|&c| c.min(level)).sum() };
    // The highest level the amount fills completely, by bisection on a monotone sum.
    let (mut low, mut high) = (0i64, caps.iter().copied().max().unwrap_or(0));
    while low < high {
        let mid = low + (high - low + 1) / 2;
        if filled_to(mid) <= amount {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let mut leftover = amount - filled_to(low);
    caps.iter()
        .map(|&cap| {
            let mut share = cap.min(low);
            if leftover > 0 && cap > low {
                share += 1;
                leftover -= 1;
            }
            Money::from_minor(share, currency)
        })
        .collect()
}

impl PaymentPlanAccount {
    /// Applies a merchant refund of `amount` to the plan at `now`.
    pub fn apply_refund(
        &mut self,
        amount: Money,
        now: DateTime<Utc>,
        methods: &MethodBook,
    ) -> Result<RefundOutcome, PaymentError> {
        if amount.currency() != self.currency {
            return Err(PaymentError::WrongCurrency);
        }
        if amount.minor() <= 0 {
            return Err(PaymentError::RefundNotPositive);
        }
        let at_most = self.refundable();
        if amount > at_most {
            return Err(PaymentError::RefundTooLarge { at_most });
        }
        if self.is_interest_bearing() {
            return Ok(self.refund_financing(amount, now, methods));
        }
        let remaining: Vec<usize> = (0..self.installments.len())
            .filter(|&i| self.installments[i].status.is_unpaid())
            .collect();
        let capacities: Vec<Money> = remaining
            .iter()
            .map(|&i| self.installments[i].price_owed())
            .collect();
        let owed_price = Money::sum_in(self.currency, capacities.iter().copied());
        let zero = Money::zero(self.currency);
        let mut outcome = RefundOutcome {
            credited: Vec::new(),
            applied_to_plan: amount.min(owed_price),
            cleared_plan: amount >= owed_price,
            fees_waived: zero,
            refunds: Vec::new(),
        };
        let shares = if outcome.cleared_plan {
            capacities.clone()
        } else {
            spread_evenly(amount, &capacities)
        };
        for (&i, share) in remaining.iter().zip(shares) {
            let installment = &mut self.installments[i];
            installment.credit = installment.credit + share;
            if outcome.cleared_plan {
                let waived = installment.fee - installment.fee_waived;
                installment.fee_waived = installment.fee;
                outcome.fees_waived = outcome.fees_waived + waived;
            }
            if installment.owed().is_zero() {
                installment.status = PaymentStatus::ClearedByRefund;
            }
            if !share.is_zero() {
                outcome.credited.push((installment.number, share));
            }
        }
        if outcome.cleared_plan {
            outcome.refunds = self.send_back(amount - owed_price, now, methods);
        }
        Ok(outcome)
    }

    /// Sends `excess` back from the payments that paid it, newest first, one refund per
    /// method: money goes back where it came from.
    pub(super) fn send_back(
        &mut self,
        excess: Money,
        now: DateTime<Utc>,
        methods: &MethodBook,
    ) -> Vec<Refund> {
        let mut paid: Vec<usize> = (0..self.installments.len())
            .filter(|&i| self.installments[i].status.is_paid())
            .collect();
        paid.sort_by_key(|&i| {
            let installment = &self.installments[i];
            let on = match installment.status {
                PaymentStatus::Paid { on, .. } => on,
                _ => unreachable!("filtered to paid payments"),
            };
            std::cmp::Reverse((on, installment.number))
        });
        let mut left = excess;
        let mut by_method: BTreeMap<MethodId, Money> = BTreeMap::new();
        let mut method_order: Vec<MethodId> = Vec::new();
        for i in paid {
            if left.is_zero() {
                break;
            }
            let installment = &mut self.installments[i];
            let PaymentStatus::Paid { method_id, .. } = installment.status else {
                continue;
            };
            let take = left.min(installment.refundable_after_payment());
            if take.is_zero() {
                continue;
            }
            installment.refunded = installment.refunded + take;
            left = left - take;
            let entry = by_method.entry(method_id).or_insert_with(|| {
                method_order.push(method_id);
                Money::zero(excess.currency())
            });
            *entry = *entry + take;
        }
        debug_assert!(
            left.is_zero(),
            "the refund was checked against what was paid"
        );
        let mut created = Vec::new();
        for method_id in method_order {
            let kind = methods
                .get(&method_id)
                .map_or(MethodKind::BankAccount, |m| m.kind);
            let completes_on = now.date_naive() + Days::new(refund_processing_days(kind));
            let refund = Refund {
                id: self.refunds.len() as u32 + 1,
                amount: by_method[&method_id],
                method_id,
                issued_at: now,
                completes_at: at_time_of_day(completes_on, REFUND_HOUR),
                completed: false,
            };
            self.refunds.push(refund.clone());
            created.push(refund);
        }
        created
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    #[test]
    fn spreads_evenly_with_leftover_cents_first() {
        let shares = spread_evenly(usd(100), &[usd(5000), usd(5000), usd(5000)]);
        assert_eq!(shares, vec![usd(34), usd(33), usd(33)]);
    }

    #[test]
    fn a_payment_that_cannot_take_its_share_passes_it_on() {
        let shares = spread_evenly(usd(5000), &[usd(100), usd(10_000), usd(10_000)]);
        assert_eq!(shares, vec![usd(100), usd(2450), usd(2450)]);
    }
}
