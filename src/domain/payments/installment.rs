//! One payment of a plan as it lives over time: its money and where it stands.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::due_date::DueDateMove;
use super::method::{ChargeFailure, MethodId};
use crate::domain::calendar::moved_to_business_day;
use crate::domain::market::Market;
use crate::domain::money::Money;

/// Where a payment stands. Transitions (all in this module's neighbours):
///
/// `Scheduled` -> `Paid` (collected, or paid early)
/// `Scheduled` -> `Failed` (autopay charge failed) -> `Paid` | `Late` (the retry failed)
/// `Scheduled` -> `AwaitingPayment` (manual method, due today) -> `Paid` | `Late` (a week
/// passed unpaid)
/// `Late` -> `Paid` (the shopper pays by hand)
/// any unpaid -> `ClearedByRefund` (a refund covered everything it owed)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PaymentStatus {
    Scheduled,
    /// Due, waiting for the shopper's "Pay" (wallet, or autopay off); late after `grace_until`.
    AwaitingPayment {
        since: NaiveDate,
        grace_until: NaiveDate,
    },
    /// The automatic charge failed; one retry follows on `next_retry`.
    Failed {
        attempts: u32,
        reason: ChargeFailure,
        next_retry: NaiveDate,
    },
    /// Missed: waits for a manual payment. A late fee may have been added (see `fee`).
    Late {
        since: NaiveDate,
    },
    Paid {
        on: DateTime<Utc>,
        method_id: MethodId,
        /// Everything collected for this payment: its amount less refund credit, plus its fee.
        amount: Money,
        /// Paid by the shopper before the collection date.
        early: bool,
    },
    /// A refund covered all it owed: nothing left to pay.
    ClearedByRefund,
}

impl PaymentStatus {
    pub fn is_unpaid(&self) -> bool {
        matches!(
            self,
            PaymentStatus::Scheduled
                | PaymentStatus::AwaitingPayment { .. }
                | PaymentStatus::Failed { .. }
                | PaymentStatus::Late { .. }
        )
    }

    pub fn is_paid(&self) -> bool {
        matches!(self, PaymentStatus::Paid { .. })
    }
}

/// What the UI shows on each payment (`payment-status` test hook).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentDisplayStatus {
    Paid,
    /// Not paid yet and not missed (upcoming, due today, or waiting for a retry).
    Due,
    Late,
    Paused,
    /// Nothing to pay: a refund covered it.
    Refunded,
}

impl PaymentDisplayStatus {
    /// In the order a summary counts them.
    pub const ALL: [PaymentDisplayStatus; 5] = [
        PaymentDisplayStatus::Paid,
        PaymentDisplayStatus::Due,
        PaymentDisplayStatus::Late,
        PaymentDisplayStatus::Paused,
        PaymentDisplayStatus::Refunded,
    ];

    pub fn hook(self) -> &'static str {
        match self {
            PaymentDisplayStatus::Paid => "paid",
            PaymentDisplayStatus::Due => "due",
            PaymentDisplayStatus::Late => "late",
            PaymentDisplayStatus::Paused => "paused",
            PaymentDisplayStatus::Refunded => "refunded",
        }
    }

    /// The word a shopper reads, as the Klarna app says it.
    pub fn label(self) -> &'static str {
        match self {
            PaymentDisplayStatus::Paid => "Paid",
            PaymentDisplayStatus::Due => "Scheduled",
            PaymentDisplayStatus::Late => "Overdue",
            PaymentDisplayStatus::Paused => "Paused",
            PaymentDisplayStatus::Refunded => "Refunded",
        }
    }
}

/// A plan installment with everything that happened to it.
///
/// Money, per payment: `amount + fee = paid + owed + credit + fee_waived`, where `paid` is
/// the collected amount (if paid) and `owed` what is still to pay (if unpaid). The price part
/// of a payment (its principal) is `amount - interest`; refund credit only ever covers price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInstallment {
    pub number: u32,
    /// The one due date: the business day the money moves (after any extension or pause).
    /// The collection happens on it, the reminder names it, every view shows it. Set through
    /// [`AccountInstallment::set_due`], which moves a weekend or holiday to a business day.
    /// A payment charged at checkout keeps its purchase day, whatever the day.
    pub due: NaiveDate,
    /// The day the schedule, the extension or the pause named, when it was a weekend or a
    /// holiday and `due` is the business day after it: only for the note that says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<NaiveDate>,
    /// The due date the plan was agreed with.
    pub original_due: NaiveDate,
    /// The amount (principal plus interest): as agreed, or as a financing refund
    /// re-amortized it; a refund that clears financing drops the interest from it.
    pub amount: Money,
    /// The interest part of `amount`: zero on interest-free plans, and once a refund cleared
    /// the payment before it was due (no interest accrues on principal no longer owed).
    pub interest: Money,
    /// Refund credit taken off this payment while it was unpaid.
    pub credit: Money,
    /// Late fee charged on this payment (zero if none).
    pub fee: Money,
    /// Part of `fee` forgiven because a refund cleared the plan.
    pub fee_waived: Money,
    /// Whether the late-fee rule has been applied (a fee is assessed at most once, even when
    /// the cap made it zero).
    pub late_fee_assessed: bool,
    /// Money sent back to the shopper from this payment after it was paid.
    pub refunded: Money,
    pub status: PaymentStatus,
    /// The due date the last reminder was about, so a moved due date is reminded again.
    pub reminded_for: Option<NaiveDate>,
    /// This payment's due date was pushed by the once-per-order extension.
    pub extended: bool,
}

impl AccountInstallment {
    pub fn new(number: u32, due: NaiveDate, amount: Money) -> AccountInstallment {
        let zero = Money::zero(amount.currency());
        AccountInstallment {
            number,
            due,
            moved_from: None,
            original_due: due,
            amount,
            interest: zero,
            credit: zero,
            fee: zero,
            fee_waived: zero,
            late_fee_assessed: false,
            refunded: zero,
            status: PaymentStatus::Scheduled,
            reminded_for: None,
            extended: false,
        }
    }

    /// Makes the payment due on `scheduled`, or on the next business day when `scheduled` is a
    /// weekend or a public holiday of `market`, remembering `scheduled` for the note.
    pub(crate) fn set_due(&mut self, scheduled: NaiveDate, market: Market) {
        (self.due, self.moved_from) = moved_to_business_day(scheduled, market);
    }

    /// Why `due` is later than the day that was named, to show beside it; `None` when it did
    /// not move.
    pub fn due_move(&self, market: Market) -> Option<DueDateMove> {
        self.moved_from
            .and_then(|from| DueDateMove::from_day(from, market))
    }

    /// The price part still to pay (amount less interest and refund credit), if unpaid.
    pub fn price_owed(&self) -> Money {
        if self.status.is_unpaid() {
            self.amount - self.interest - self.credit
        } else {
            Money::zero(self.amount.currency())
        }
    }

    /// Everything still to pay, fee included; zero once paid or cleared.
    pub fn owed(&self) -> Money {
        if self.status.is_unpaid() {
            self.amount - self.credit + self.fee - self.fee_waived
        } else {
            Money::zero(self.amount.currency())
        }
    }

    /// The figure a payment row shows: what is still owed (fees included) while unpaid,
    /// otherwise its price after refunds.
    pub fn shown_amount(&self) -> Money {
        if self.status.is_unpaid() {
            self.owed()
        } else {
            self.amount - self.credit
        }
    }

    pub fn paid_amount(&self) -> Money {
        match self.status {
            PaymentStatus::Paid { amount, .. } => amount,
            _ => Money::zero(self.amount.currency()),
        }
    }

    /// The price part that was paid and can still go back to the shopper: never the
    /// interest, which paid for the months the shopper had the money.
    pub fn refundable_after_payment(&self) -> Money {
        if self.status.is_paid() {
            self.amount - self.interest - self.credit - self.refunded
        } else {
            Money::zero(self.amount.currency())
        }
    }

    pub fn display_status(&self, plan_paused: bool) -> PaymentDisplayStatus {
        match self.status {
            PaymentStatus::Paid { .. } => PaymentDisplayStatus::Paid,
            PaymentStatus::ClearedByRefund => PaymentDisplayStatus::Refunded,
            _ if plan_paused => PaymentDisplayStatus::Paused,
            PaymentStatus::Late { .. } => PaymentDisplayStatus::Late,
            // A failed charge is shown as late at once: the shopper should act before the
            // retry rather than discover the fee after it.
            PaymentStatus::Failed { .. } => PaymentDisplayStatus::Late,
            PaymentStatus::Scheduled | PaymentStatus::AwaitingPayment { .. } => {
                PaymentDisplayStatus::Due
            }
        }
    }
}
