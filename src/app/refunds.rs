//! Carrying out a refund the order decided: the provider first, the payment plan after.
//!
//! The plan is credited only once the provider has refunded the captured part, so a failed
//! provider call never leaves the plan saying "refunded" while the money is still captured.
//! A refund the provider did not confirm (a timeout, an error) waits on the order record,
//! oldest first, and every clock step retries it with the same idempotency key; the key is
//! also the refund's reference at the provider, so a refund that went through but whose
//! answer was lost is found on the provider's order even after the provider forgot the key.
//! Until then the three books agree: the order's refunds less those pending are exactly what
//! the provider refunded (captured part) and what the plan took (amount).

use crate::domain::inbox::Sender;
use chrono::{DateTime, Utc};

use super::order_book::OrderRecord;
use super::pending_refund::PendingRefund;
use super::retries::with_retries;
use super::touched::Touched;
use super::world::World;
use crate::domain::format;
use crate::domain::payments::PaymentsState;
use crate::klarna::PaymentProvider;

/// How an attempt at the oldest pending refund went.
enum Attempt {
    /// The provider refunded (or nothing was captured) and the plan took the refund.
    Done,
    /// The provider did not confirm; the refund stays first in line.
    Waiting(String),
    /// It cannot go through (the provider or the plan refused): no longer pending.
    Failed(String),
}

/// Tries the oldest pending refund of `record`.
async fn attempt_first<P: PaymentProvider>(
    record: &mut OrderRecord,
    provider: &mut P,
    payments: &mut PaymentsState,
    now: DateTime<Utc>,
) -> Attempt {
    let refund = record
        .pending_refunds
        .first()
        .expect("only called with a refund pending")
        .clone();
    let klarna_id = record.klarna_order_id.as_str();
    let not_completed = |why: &str| {
        format!(
            "Refund of {} ({}) could not be completed: {why}",
            refund.amount, refund.reason
        )
    };
    if !refund.captured_part.is_zero() {
        let already_refunded = provider.get_order(klarna_id, now).await.is_ok_and(|order| {
            order
                .refunds
                .iter()
                .any(|r| r.reference.as_deref() == Some(refund.key.as_str()))
        });
        if !already_refunded {
            let request = refund.request();
            match with_retries(async || {
                provider.refund(klarna_id, &request, &refund.key, now).await
            })
            .await
            {
                Ok(_) => {}
                Err(e) if e.is_retryable() => {
                    return Attempt::Waiting(format!(
                        "Refund of {} ({}) is waiting for Klarna ({}). It will be retried when \
                         time next moves; your payment plan changes once Klarna confirms it.",
                        refund.amount,
                        refund.reason,
                        e.message()
                    ));
                }
                Err(e) => {
                    record.pending_refunds.remove(0);
                    return Attempt::Failed(not_completed(e.message()));
                }
            }
        }
    }
    record.pending_refunds.remove(0);
    match payments.account_mut_with_methods(record.order.id()) {
        Some((account, methods)) => match account.apply_refund(refund.amount, now, methods) {
            Ok(_) => Attempt::Done,
            Err(e) => Attempt::Failed(not_completed(&e.to_string())),
        },
        None => Attempt::Failed(not_completed("the order has no payment plan")),
    }
}

/// Carries out a refund the order just decided. It waits behind any refund of the order
/// still pending, so the plan takes refunds in the order they were decided. `Err` says why
/// it did not go through (pending, or failed).
pub(super) async fn carry_out_refund<P: PaymentProvider>(
    record: &mut OrderRecord,
    refund: PendingRefund,
    provider: &mut P,
    payments: &mut PaymentsState,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let waits_behind = !record.pending_refunds.is_empty();
    let sentence = format!(
        "Refund of {} ({}) waits behind an earlier refund Klarna has not confirmed. It will \
         be retried when time next moves.",
        refund.amount, refund.reason
    );
    record.pending_refunds.push(refund);
    if waits_behind {
        return Err(sentence);
    }
    match attempt_first(record, provider, payments, now).await {
        Attempt::Done => Ok(()),
        Attempt::Waiting(why) | Attempt::Failed(why) => Err(why),
    }
}

/// Retries every pending refund at `now`, oldest first per order, stopping at an order's
/// first that the provider still does not confirm. A refund that goes through is told to
/// the shopper; the sentences returned say what still did not.
pub async fn retry_pending_refunds<P: PaymentProvider>(
    world: World<'_, P>,
    now: DateTime<Utc>,
) -> (Vec<String>, Touched) {
    let World {
        orders,
        payments,
        provider,
        inbox,
    } = world;
    let mut problems = Vec::new();
    let mut touched = Touched::default();
    for record in orders.records_mut_where(|r| !r.pending_refunds.is_empty()) {
        touched.orders = true;
        while let Some(refund) = record.pending_refunds.first().cloned() {
            touched.provider |= !refund.captured_part.is_zero();
            match attempt_first(record, provider, payments, now).await {
                Attempt::Done => {
                    touched.payments = true;
                    touched.inbox = true;
                    inbox.deliver(
                        Sender::Shop,
                        now,
                        format!("Refund for order {} went through", record.order.id()),
                        format!(
                            "Klarna confirmed the refund of {} ({}) that was waiting since {}. \
                             Your payment plan is updated.",
                            refund.amount,
                            refund.reason,
                            format::date(refund.decided_at)
                        ),
                        Some(record.order.link()),
                    );
                }
                Attempt::Waiting(why) => {
                    problems.push(why);
                    break;
                }
                Attempt::Failed(why) => problems.push(why),
            }
        }
    }
    (problems, touched)
}
