//! Refunds on financing that bears interest (the spec's "Refunds on financing").
//!
//! What is owed is the outstanding principal; interest accrues only on principal still owed.
//! - A refund of at least the outstanding principal clears the plan: the payments not yet
//!   made lose their interest (it never accrued), nothing more is collected, and the rest of
//!   the refund returns principal the shopper already repaid. Interest already paid stays
//!   paid: it was the cost of the months the shopper had the money.
//! - A smaller refund lowers the principal, and the payments left are re-amortized on what
//!   remains at the same APR over the same number of months: none larger, nor with more
//!   interest, than it was, even when cent rounding would have it so (see `reamortize`).
//!
//! 1,000 USD over 12 months at 19.99% is 12 x 92.63, 111.56 of interest. Refunded in full
//! before the first payment, nothing is owed, not the interest either; with 400 refunded,
//! the 600 left is re-amortized: 11 x 55.58 and a last 55.55,
//! 66.93 of interest instead of 111.56.
//!
//! A refund never exceeds the price (checked by the caller against `refundable`): the
//! merchant gives back what it was paid for the goods, and never received the interest.

use chrono::{DateTime, Utc};

use super::account::PaymentPlanAccount;
use super::installment::PaymentStatus;
use super::method::MethodBook;
use super::refund::RefundOutcome;
use crate::domain::money::Money;
use crate::domain::plans::{reamortize, AmortizedMonth};

impl PaymentPlanAccount {
    /// Applies a refund of `amount` (positive, at most `refundable`) to an interest-bearing
    /// plan.
    pub(super) fn refund_financing(
        &mut self,
        amount: Money,
        now: DateTime<Utc>,
        methods: &MethodBook,
    ) -> RefundOutcome {
        let outstanding = self.outstanding_principal();
        let remaining: Vec<usize> = (0..self.installments.len())
            .filter(|&i| self.installments[i].status.is_unpaid())
            .collect();
        if amount >= outstanding {
            self.clear_financing(amount, outstanding, &remaining, now, methods)
        } else {
            self.reamortize(amount, outstanding, &remaining)
        }
    }

    fn clear_financing(
        &mut self,
        amount: Money,
        outstanding: Money,
        remaining: &[usize],
        now: DateTime<Utc>,
        methods: &MethodBook,
    ) -> RefundOutcome {
        let zero = Money::zero(self.currency);
        let mut outcome = RefundOutcome {
            credited: Vec::new(),
            applied_to_plan: outstanding,
            cleared_plan: true,
            fees_waived: zero,
            refunds: Vec::new(),
        };
        for &i in remaining {
            let installment = &mut self.installments[i];
            let principal = installment.price_owed();
            installment.amount = installment.amount - installment.interest;
            installment.interest = zero;
            installment.credit = installment.credit + principal;
            outcome.fees_waived = outcome.fees_waived + installment.fee - installment.fee_waived;
            installment.fee_waived = installment.fee;
            installment.status = PaymentStatus::ClearedByRefund;
            if !principal.is_zero() {
                outcome.credited.push((installment.number, principal));
            }
        }
        outcome.refunds = self.send_back(amount - outstanding, now, methods);
        outcome
    }

    fn reamortize(
        &mut self,
        amount: Money,
        outstanding: Money,
        remaining: &[usize],
    ) -> RefundOutcome {
        // Each payment left as it stands, so the new schedule can keep within it.
        let before: Vec<AmortizedMonth> = remaining
            .iter()
            .map(|&i| AmortizedMonth {
                principal: self.installments[i].price_owed(),
                interest: self.installments[i].interest,
            })
            .collect();
        let schedule = reamortize(outstanding - amount, self.apr, &before);
        let mut outcome = RefundOutcome {
            credited: Vec::new(),
            applied_to_plan: amount,
            cleared_plan: false,
            fees_waived: Money::zero(self.currency),
            refunds: Vec::new(),
        };
        for (&i, month) in remaining.iter().zip(schedule) {
            let installment = &mut self.installments[i];
            let before = installment.owed();
            installment.amount = installment.credit + month.payment();
            installment.interest = month.interest;
            if installment.owed().is_zero() {
                installment.status = PaymentStatus::ClearedByRefund;
            }
            let lower = before - installment.owed();
            if lower.minor() > 0 {
                outcome.credited.push((installment.number, lower));
            }
        }
        self.principal_reduced = self.principal_reduced + amount;
        outcome
    }
}
