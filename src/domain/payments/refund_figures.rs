//! What refunds changed against what was agreed at checkout, in the figures a shopper reads.
//!
//! After a refund on financing the books hold the plan as it now stands: a cleared payment
//! keeps only its principal (its interest never accrued), a re-amortized one its new amount.
//! The agreed figures are the checkout plan's, so the views compare the two here rather than
//! doing sums of their own. $208 over 12 months at 19.99%, cancelled before the first
//! payment: payment 1 was $19.27, $15.81 of it price refunded and $3.46 of interest dropped;
//! the plan costs $208.00 instead of $231.18, $23.18 of interest dropped.

use super::account::PaymentPlanAccount;
use super::installment::AccountInstallment;
use crate::domain::money::Money;
use crate::domain::plans::Plan;

/// How refunds changed one payment against what was agreed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentRefundChange {
    /// Refunds lowered the payment: `agreed - price_refunded - interest_dropped` is what it
    /// is now, before late fees (`amount - credit`); neither part is negative.
    Lowered {
        /// The payment as agreed at checkout, interest included.
        agreed: Money,
        /// Price taken off this payment: refund credit, and on financing the principal a
        /// re-amortization moved off it.
        price_refunded: Money,
        /// Interest agreed on this payment that no longer accrues.
        interest_dropped: Money,
    },
    /// A refund on financing re-amortized the payments left and this one came out another
    /// amount without being lower in both its price and its interest: the new schedule
    /// rounds its own way, so a payment that is lower and holds less interest can still hold
    /// a cent more of the price than agreed. (It is never higher, nor holds more interest:
    /// see `reamortize`.)
    Reamortized {
        /// The payment as agreed at checkout, interest included.
        agreed: Money,
    },
}

impl AccountInstallment {
    /// What refunds changed on this payment against the plan `agreed` at checkout; `None`
    /// when it is still the agreed amount (or the plan has no payment of this number).
    pub fn refund_change(&self, agreed: &Plan) -> Option<PaymentRefundChange> {
        let agreed = agreed
            .installments
            .iter()
            .find(|a| a.number == self.number)?;
        if self.amount - self.credit == agreed.amount {
            return None;
        }
        let price_refunded = agreed.principal - (self.amount - self.interest) + self.credit;
        let interest_dropped = agreed.interest - self.interest;
        Some(
            if price_refunded.is_negative() || interest_dropped.is_negative() {
                PaymentRefundChange::Reamortized {
                    agreed: agreed.amount,
                }
            } else {
                PaymentRefundChange::Lowered {
                    agreed: agreed.amount,
                    price_refunded,
                    interest_dropped,
                }
            },
        )
    }
}

impl PaymentPlanAccount {
    /// The interest agreed at checkout.
    pub fn agreed_interest(&self) -> Money {
        self.total_cost - self.order_total
    }

    /// What the plan costs as it now stands: the price and the interest charged (paid, and
    /// still to come), without late fees. The agreed `total_cost` until a refund on
    /// financing stops interest from accruing.
    pub fn cost_now(&self) -> Money {
        self.order_total + self.balance().interest
    }

    /// Interest agreed at checkout that refunds stopped from accruing.
    pub fn interest_dropped(&self) -> Money {
        self.agreed_interest() - self.balance().interest
    }
}
