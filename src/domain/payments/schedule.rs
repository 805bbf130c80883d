//! What a plan schedules over time, and when: reminders, collections, retries, missed
//! manual payments, late fees and refunds completing.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::account::PaymentPlanAccount;
use super::installment::PaymentStatus;
use crate::domain::engine::{at_time_of_day, Event};

/// Reminders go out this many days before the due date (the day of the collection).
pub const REMINDER_DAYS_BEFORE: u64 = 2;
/// A failed charge is retried, and a manual payment counts as missed, this many days later.
pub const RETRY_AFTER_DAYS: u64 = 7;

/// Hours of the day (UTC) of each kind, so a day reads in order: reminder, then charges,
/// then refunds landing.
pub const REMINDER_HOUR: u32 = 8;
pub const COLLECTION_HOUR: u32 = 9;
pub const REFUND_HOUR: u32 = 12;

/// The payment events. The variant order is the order of events at one instant: money going
/// back to the shopper first, then a reminder before any charge it announces, then the
/// charge, its retry, a missed manual payment, and last the fee those may lead to. Fields
/// order events of one kind: by order id, then payment number.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PaymentEventKind {
    RefundCompleted { order_id: String, refund_id: u32 },
    Reminder { order_id: String, number: u32 },
    Collection { order_id: String, number: u32 },
    Retry { order_id: String, number: u32 },
    GraceEnded { order_id: String, number: u32 },
    LateFee { order_id: String, number: u32 },
}

impl PaymentEventKind {
    pub fn order_id(&self) -> &str {
        match self {
            PaymentEventKind::RefundCompleted { order_id, .. }
            | PaymentEventKind::Reminder { order_id, .. }
            | PaymentEventKind::Collection { order_id, .. }
            | PaymentEventKind::Retry { order_id, .. }
            | PaymentEventKind::GraceEnded { order_id, .. }
            | PaymentEventKind::LateFee { order_id, .. } => order_id,
        }
    }

    /// Whether money is (or should be) taken: what "advance to the next due payment" stops at.
    pub fn is_payment_due(&self) -> bool {
        matches!(
            self,
            PaymentEventKind::Collection { .. } | PaymentEventKind::Retry { .. }
        )
    }
}

pub type PaymentEvent = Event<PaymentEventKind>;

/// When a payment due on `due` is collected (or a retry on that day made): 09:00 that day.
/// `due` is already a business day (see `AccountInstallment::set_due`), so the day a
/// reminder names is the day the money moves.
pub fn collection_instant(due: NaiveDate) -> DateTime<Utc> {
    at_time_of_day(due, COLLECTION_HOUR)
}

/// 08:00 two days before `due`: always before the day the reminder names.
pub fn reminder_instant(due: NaiveDate) -> DateTime<Utc> {
    at_time_of_day(due - Days::new(REMINDER_DAYS_BEFORE), REMINDER_HOUR)
}

impl PaymentPlanAccount {
    /// Every event this plan schedules from now on, whatever its date. A paused plan
    /// schedules only refunds completing.
    pub fn scheduled_events(&self) -> Vec<PaymentEvent> {
        let order_id = || self.order_id.clone();
        let mut events: Vec<PaymentEvent> = self
            .refunds
            .iter()
            .filter(|refund| !refund.completed)
            .map(|refund| Event {
                at: refund.completes_at,
                kind: PaymentEventKind::RefundCompleted {
                    order_id: order_id(),
                    refund_id: refund.id,
                },
            })
            .collect();
        if self.is_paused() {
            return events;
        }
        // An instant that moved into the past (a resumed pause, an extension) happens at the
        // next run rather than never.
        let not_before = |at: DateTime<Utc>| at.max(self.events_from);
        for installment in &self.installments {
            let number = installment.number;
            match &installment.status {
                PaymentStatus::Scheduled => {
                    let reminder = reminder_instant(installment.due);
                    // A reminder whose day has passed is dropped: it would arrive after the
                    // fact or alongside the charge itself.
                    if installment.reminded_for != Some(installment.due)
                        && reminder >= self.events_from
                    {
                        events.push(Event {
                            at: reminder,
                            kind: PaymentEventKind::Reminder {
                                order_id: order_id(),
                                number,
                            },
                        });
                    }
                    events.push(Event {
                        at: not_before(collection_instant(installment.due)),
                        kind: PaymentEventKind::Collection {
                            order_id: order_id(),
                            number,
                        },
                    });
                }
                PaymentStatus::Failed { next_retry, .. } => events.push(Event {
                    at: not_before(collection_instant(*next_retry)),
                    kind: PaymentEventKind::Retry {
                        order_id: order_id(),
                        number,
                    },
                }),
                PaymentStatus::AwaitingPayment { grace_until, .. } => events.push(Event {
                    at: not_before(at_time_of_day(*grace_until, COLLECTION_HOUR)),
                    kind: PaymentEventKind::GraceEnded {
                        order_id: order_id(),
                        number,
                    },
                }),
                PaymentStatus::Late { since } if !installment.late_fee_assessed => {
                    events.push(Event {
                        at: not_before(at_time_of_day(*since, COLLECTION_HOUR)),
                        kind: PaymentEventKind::LateFee {
                            order_id: order_id(),
                            number,
                        },
                    })
                }
                _ => {}
            }
        }
        events
    }

    pub fn due_events(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<PaymentEvent> {
        let mut events = self.scheduled_events();
        events.retain(|event| from < event.at && event.at <= to);
        events
    }
}
