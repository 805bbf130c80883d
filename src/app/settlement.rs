//! Carrying out what an order decided: captures and refunds with the provider, refunds,
//! pauses and resumptions on the payment plan (refunds: see `refunds`, provider first).

use chrono::{DateTime, Utc};

use super::order_book::OrderRecord;
use super::pending_refund::PendingRefund;
use super::refunds::carry_out_refund;
use super::retries::with_retries;
use super::touched::Touched;
use crate::domain::orders::Effect;
use crate::domain::payments::PaymentsState;
use crate::domain::plans::PlanKind;
use crate::klarna::{CaptureRequest, PaymentProvider};

/// Which aggregates carrying out `effects` for `record` changes, read from the effects alone.
/// A provider call counts even when refused: its idempotency ledger records the answer.
pub fn touched_by(effects: &[Effect], record: &OrderRecord) -> Touched {
    let mut touched = Touched::default();
    for effect in effects {
        match effect {
            Effect::Capture { .. } => {
                touched.provider = true;
                // Only Pay in 30 days moves its due dates when the order ships.
                touched.payments |= record.plan.kind == PlanKind::PayIn30;
            }
            Effect::Refund { captured_part, .. } => {
                touched.payments = true;
                touched.provider |= !captured_part.is_zero();
            }
            Effect::ReleaseAuthorization => touched.provider = true,
            Effect::PausePlan | Effect::ResumePlan { .. } => touched.payments = true,
        }
    }
    touched
}

/// Carries out `effects` for the order of `record`; returns a sentence for each that failed
/// (a refund the provider did not confirm stays pending on `record`).
pub async fn carry_out(
    effects: Vec<Effect>,
    record: &mut OrderRecord,
    provider: &mut impl PaymentProvider,
    payments: &mut PaymentsState,
    now: DateTime<Utc>,
) -> Vec<String> {
    let order_id = record.order.id().to_string();
    let order_id = order_id.as_str();
    let klarna_id = record.klarna_order_id.clone();
    let klarna_id = klarna_id.as_str();
    // The order recorded each refund effect as its last refunds, in the same order: their
    // places there number them, for keys that stay the same on every retry.
    let refund_effects = effects
        .iter()
        .filter(|e| matches!(e, Effect::Refund { .. }))
        .count();
    let mut refund_number = record.order.refunds().len().saturating_sub(refund_effects);
    let mut problems = Vec::new();
    for effect in effects {
        let result = match effect {
            Effect::Capture { package, amount } => {
                let first_capture = provider
                    .get_order(klarna_id, now)
                    .await
                    .map(|o| o.captured_amount == 0)
                    .unwrap_or(false);
                let key = format!("{order_id}/capture/{package}");
                let request = CaptureRequest::amount(amount.minor());
                let captured =
                    with_retries(async || provider.capture(klarna_id, &request, &key, now).await)
                        .await;
                if captured.is_ok() && first_capture && record.plan.kind == PlanKind::PayIn30 {
                    // Pay in 30 days counts from the day the order ships.
                    if let Some(account) = payments.account_mut(order_id) {
                        account.update_due_dates(
                            &record.plan.with_capture_date(now.date_naive()),
                            now,
                        );
                    }
                }
                captured.map(drop).map_err(|e| {
                    format!("Capture of {amount} for {package} failed: {}", e.message())
                })
            }
            Effect::Refund {
                amount,
                captured_part,
                reason,
                ..
            } => {
                refund_number += 1;
                let refund =
                    PendingRefund::new(order_id, refund_number, amount, captured_part, reason, now);
                carry_out_refund(record, refund, provider, payments, now).await
            }
            Effect::ReleaseAuthorization => {
                let nothing_captured = provider
                    .get_order(klarna_id, now)
                    .await
                    .map(|o| o.captured_amount == 0)
                    .unwrap_or(false);
                let key = format!("{order_id}/release");
                let released = if nothing_captured {
                    with_retries(async || provider.cancel(klarna_id, &key, now).await).await
                } else {
                    with_retries(async || {
                        provider
                            .release_remaining_authorization(klarna_id, &key, now)
                            .await
                    })
                    .await
                };
                match released {
                    Ok(_) => Ok(()),
                    // Fully captured already: there is nothing left to release.
                    Err(e) if e.code() == crate::klarna::ErrorCode::NotAllowed => Ok(()),
                    Err(e) => Err(format!(
                        "Releasing the authorization failed: {}",
                        e.message()
                    )),
                }
            }
            Effect::PausePlan => match payments.account_mut(order_id) {
                Some(account) => account.pause(now).map_err(|e| e.to_string()),
                None => Ok(()),
            },
            Effect::ResumePlan { .. } => match payments.account_mut(order_id) {
                Some(account) if account.is_paused() => {
                    account.resume(now).map(drop).map_err(|e| e.to_string())
                }
                _ => Ok(()),
            },
        };
        if let Err(problem) = result {
            problems.push(problem);
        }
    }
    problems
}
