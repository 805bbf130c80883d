//! One purchase's payment plan as it lives over time, and what it adds up to.

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::installment::{AccountInstallment, PaymentDisplayStatus, PaymentStatus};
use super::method::{ChargeFailure, MethodId, PaymentMethod};
use super::shopper_refund::Refund;
use crate::domain::market::Market;
use crate::domain::money::{Currency, Money};
use crate::domain::plans::{Plan, PlanKind};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentPlanAccount {
    pub order_id: String,
    pub kind: PlanKind,
    pub market: Market,
    pub currency: Currency,
    /// The order's price: the base of the 25% fee cap and of the UK 20 GBP threshold.
    pub order_total: Money,
    /// Price plus interest as agreed at checkout (a refund on financing lowers the interest
    /// still to come: see [`PlanBalance::interest`]).
    pub total_cost: Money,
    /// Annual percentage rate in percent (`19.99`); zero for interest-free plans. A refund
    /// on financing re-amortizes what is left at this rate.
    pub apr: Decimal,
    /// Refunds that lowered a financing plan's principal without clearing it: the remaining
    /// payments were re-amortized on what was left, so no single payment holds this credit.
    pub principal_reduced: Money,
    pub installments: Vec<AccountInstallment>,
    pub refunds: Vec<Refund>,
    pub method_id: MethodId,
    pub autopay: bool,
    /// Set while a dispute pauses the plan: nothing is collected and no fee accrues.
    pub paused_since: Option<DateTime<Utc>>,
    /// Days the due dates were moved by resumed pauses, in all.
    pub paused_days: i64,
    /// The payment whose due date used the once-per-order extension.
    pub extension_used_on: Option<u32>,
    pub opened_at: DateTime<Utc>,
    /// No event of this plan happens before this instant. Set just after each change that
    /// reschedules (opening, resuming, extending), so a date that moved into the past is
    /// acted on at the next run instead of being skipped by an interval that already passed.
    pub events_from: DateTime<Utc>,
}

/// Where a plan's money stands. Always `charged == paid + owed + credited + fees_waived`,
/// and `charged == price + interest + fees_charged`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanBalance {
    /// The price, the interest as the plan now stands and every late fee charged.
    pub charged: Money,
    /// Interest paid, and interest on the payments still to come as the plan now stands:
    /// what was agreed, less what refunds stopped from accruing.
    pub interest: Money,
    pub fees_charged: Money,
    /// Collected from the shopper, fees included.
    pub paid: Money,
    /// Still to pay, fees included.
    pub owed: Money,
    /// Refunds taken off payments before they were paid (on financing, off the principal).
    pub credited: Money,
    /// Unpaid fees forgiven because a refund cleared the plan.
    pub fees_waived: Money,
    /// Refunds sent back to the shopper (complete or still processing).
    pub refunded_to_shopper: Money,
    /// Part of `refunded_to_shopper` still processing.
    pub refunds_processing: Money,
}

/// Why an action on a plan was refused, in words the shopper reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaymentError {
    NoSuchPayment(u32),
    NothingOwed,
    ChargeFailed(ChargeFailure),
    ExtensionAlreadyUsed { on_payment: u32 },
    CannotExtend(u32),
    AlreadyPaused,
    NotPaused,
    CannotAutopay(&'static str),
    RefundNotPositive,
    RefundTooLarge { at_most: Money },
    WrongCurrency,
}

impl std::error::Error for PaymentError {}

impl fmt::Display for PaymentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaymentError::NoSuchPayment(n) => write!(f, "This plan has no payment {n}"),
            PaymentError::NothingOwed => f.write_str("Nothing is left to pay"),
            PaymentError::ChargeFailed(reason) => write!(
                f,
                "The payment failed: {reason}. Choose another way to pay under \"Pay with\" on \
                 this purchase, or add a card in Payment settings, and pay again"
            ),
            PaymentError::ExtensionAlreadyUsed { on_payment } => write!(
                f,
                "A due date can be extended once per order, and payment {on_payment} already was"
            ),
            PaymentError::CannotExtend(n) => write!(
                f,
                "Payment {n} can't be extended: only a payment that is not paid or late can"
            ),
            PaymentError::AlreadyPaused => f.write_str("This plan is already paused"),
            PaymentError::NotPaused => f.write_str("This plan is not paused"),
            PaymentError::CannotAutopay(reason) => f.write_str(reason),
            PaymentError::RefundNotPositive => f.write_str("A refund must be more than zero"),
            PaymentError::RefundTooLarge { at_most } => {
                write!(f, "At most {at_most} can be refunded on this order")
            }
            PaymentError::WrongCurrency => f.write_str("The amount is in another currency"),
        }
    }
}

impl PaymentPlanAccount {
    /// The plan of a new order, paid with `method`. Payments due on or before the opening
    /// day (the first of Pay in 4 and Pay in 3, Pay now) were charged at checkout.
    pub fn open(
        order_id: impl Into<String>,
        plan: &Plan,
        method: &PaymentMethod,
        opened_at: DateTime<Utc>,
    ) -> PaymentPlanAccount {
        let today = opened_at.date_naive();
        let installments = plan
            .installments
            .iter()
            .map(|planned| {
                let mut installment =
                    AccountInstallment::new(planned.number, planned.due, planned.amount);
                installment.interest = planned.interest;
                // The plan already put each later date on a business day.
                installment.moved_from = planned.moved_from;
                if planned.due <= today {
                    installment.status = PaymentStatus::Paid {
                        on: opened_at,
                        method_id: method.id,
                        amount: planned.amount,
                        early: false,
                    };
                }
                installment
            })
            .collect();
        PaymentPlanAccount {
            order_id: order_id.into(),
            kind: plan.kind,
            market: plan.market,
            currency: plan.currency,
            order_total: plan.total,
            total_cost: plan.total_cost,
            apr: plan.apr,
            principal_reduced: Money::zero(plan.currency),
            installments,
            refunds: Vec::new(),
            method_id: method.id,
            autopay: method.can_autopay().is_ok(),
            paused_since: None,
            paused_days: 0,
            extension_used_on: None,
            opened_at,
            events_from: just_after(opened_at),
        }
    }

    pub fn link(&self) -> String {
        format!("/orders/{}", self.order_id)
    }

    pub fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    pub fn installment(&self, number: u32) -> Option<&AccountInstallment> {
        self.installments.iter().find(|i| i.number == number)
    }

    pub(crate) fn installment_mut(
        &mut self,
        number: u32,
    ) -> Result<&mut AccountInstallment, PaymentError> {
        self.installments
            .iter_mut()
            .find(|i| i.number == number)
            .ok_or(PaymentError::NoSuchPayment(number))
    }

    pub fn display_status(&self, number: u32) -> Option<PaymentDisplayStatus> {
        self.installment(number)
            .map(|i| i.display_status(self.is_paused()))
    }

    pub fn unpaid(&self) -> impl Iterator<Item = &AccountInstallment> {
        self.installments.iter().filter(|i| i.status.is_unpaid())
    }

    pub fn owed(&self) -> Money {
        Money::sum_in(self.currency, self.installments.iter().map(|i| i.owed()))
    }

    /// Nothing left to pay and no refund still on its way.
    pub fn is_settled(&self) -> bool {
        self.owed().is_zero() && self.refunds.iter().all(|r| r.completed)
    }

    /// Fees charged so far on this order, in payment order, for the late-fee rules.
    pub fn fees_charged(&self) -> Vec<Money> {
        self.installments
            .iter()
            .map(|i| i.fee)
            .filter(|fee| !fee.is_zero())
            .collect()
    }

    pub fn balance(&self) -> PlanBalance {
        let sum = |f: &dyn Fn(&AccountInstallment) -> Money| {
            Money::sum_in(self.currency, self.installments.iter().map(f))
        };
        let fees_charged = sum(&|i| i.fee);
        PlanBalance {
            charged: sum(&|i| i.amount) + self.principal_reduced + fees_charged,
            interest: sum(&|i| i.interest),
            fees_charged,
            paid: sum(&|i| i.paid_amount()),
            owed: sum(&|i| i.owed()),
            credited: sum(&|i| i.credit) + self.principal_reduced,
            fees_waived: sum(&|i| i.fee_waived),
            refunded_to_shopper: Money::sum_in(
                self.currency,
                self.refunds.iter().map(|r| r.amount),
            ),
            refunds_processing: Money::sum_in(
                self.currency,
                self.refunds
                    .iter()
                    .filter(|r| !r.completed)
                    .map(|r| r.amount),
            ),
        }
    }

    /// What can still be refunded on this order: the price not yet credited or sent back.
    /// Never interest: the merchant refunds the price it received, nothing more.
    pub fn refundable(&self) -> Money {
        let balance = self.balance();
        self.order_total - balance.credited - balance.refunded_to_shopper
    }

    /// Whether refunds follow the financing rule (outstanding principal, re-amortization)
    /// rather than spreading evenly: a 0% promotion is interest-free and spreads.
    pub fn is_interest_bearing(&self) -> bool {
        self.kind.is_financing() && !self.apr.is_zero()
    }

    /// The principal still owed: what a refund must reach to clear the plan.
    pub fn outstanding_principal(&self) -> Money {
        Money::sum_in(
            self.currency,
            self.installments.iter().map(|i| i.price_owed()),
        )
    }

    /// Checks every money rule of the plan; `Err` names the first one broken. Used by the
    /// property tests and cheap enough to assert after loading saved state.
    pub fn check_invariants(&self) -> Result<(), String> {
        let b = self.balance();
        if b.charged != b.paid + b.owed + b.credited + b.fees_waived {
            return Err(format!("money does not add up: {b:?}"));
        }
        if b.charged != self.order_total + b.interest + b.fees_charged {
            return Err("installments do not add up to the price plus interest".into());
        }
        if b.interest > self.total_cost - self.order_total {
            return Err("more interest than was agreed".into());
        }
        if self.principal_reduced.is_negative() {
            return Err("a negative principal reduction".into());
        }
        for i in &self.installments {
            let parts = [
                i.interest,
                i.credit,
                i.fee,
                i.fee_waived,
                i.refunded,
                i.owed(),
                i.paid_amount(),
            ];
            if parts.iter().any(|m| m.is_negative()) {
                return Err(format!("payment {} has a negative amount", i.number));
            }
            if i.interest > i.amount {
                return Err(format!(
                    "payment {} is more interest than payment",
                    i.number
                ));
            }
            if i.credit > i.amount - i.interest || i.fee_waived > i.fee {
                return Err(format!("payment {} is over-credited", i.number));
            }
            if i.refunded > i.amount - i.interest - i.credit {
                return Err(format!(
                    "payment {} refunded more than it paid of the price",
                    i.number
                ));
            }
        }
        if (b.credited + b.refunded_to_shopper) > self.order_total {
            return Err("refunds exceed the price".into());
        }
        Ok(())
    }

    /// Resets the instant before which this plan schedules nothing: see `events_from`.
    pub(crate) fn rescheduled_at(&mut self, now: DateTime<Utc>) {
        self.events_from = self.events_from.max(just_after(now));
    }
}

/// The first instant strictly after `now` that events are counted in: an interval
/// `(from, to]` that ends at `now` has already been run.
pub(crate) fn just_after(now: DateTime<Utc>) -> DateTime<Utc> {
    now + Duration::seconds(1)
}
