//! The payment review of held orders, app side. The payment provider decides, as Klarna
//! does with an order's `fraud_status`: the shop sends its monitoring flags with the order,
//! the provider answers PENDING or ACCEPTED, and the shop reads the verdict when the review
//! is due (or as soon as the provider's review team decided, in the simulation box). The
//! order hears it together with what the payment plan shows was paid, so the shopper is
//! told the real figures.

use chrono::{DateTime, Utc};

use super::order_actions::{act_on_order, Acted, OrderActionError};
use super::order_book::OrderRecord;
use super::world::World;
use crate::domain::orders::{
    apply_with, due_events, FraudStatus, Order, OrderEvent, OrderEventKind, Outcome, PaidPart,
    ReviewSource, ReviewVerdict, RiskFlag, RiskRule, WrittenRule,
};
use crate::domain::payments::{PaymentStatus, PaymentsState};
use crate::klarna::{
    ExtraMerchantData, FraudReviewDesk, FraudStatus as ProviderFraudStatus, PaymentProvider,
    RiskSignal, RiskSignalKind,
};

/// The marketplace's flags as the extra merchant data sent with the provider's order.
pub fn risk_attachment(flags: &[RiskFlag]) -> Option<ExtraMerchantData> {
    (!flags.is_empty()).then(|| ExtraMerchantData {
        risk_signals: flags
            .iter()
            .map(|f| RiskSignal {
                kind: match f.rule {
                    RiskRule::RapidOrders => RiskSignalKind::RapidOrders,
                    RiskRule::UnusualAmount => RiskSignalKind::UnusualAmount,
                    RiskRule::UntrustedSeller => RiskSignalKind::UnverifiedSeller,
                    RiskRule::CountryMismatch => RiskSignalKind::CountryMismatch,
                },
                description: f.reason.clone(),
            })
            .collect(),
    })
}

pub fn fraud_status_of(status: ProviderFraudStatus) -> FraudStatus {
    match status {
        ProviderFraudStatus::Accepted => FraudStatus::Accepted,
        ProviderFraudStatus::Pending => FraudStatus::Pending,
        ProviderFraudStatus::Rejected => FraudStatus::Rejected,
    }
}

/// Every payment of the order's plan the shopper has paid, with the price part a refund
/// can give back and the method it was paid with, from the plan's books.
pub fn paid_so_far(payments: &PaymentsState, order_id: &str) -> Vec<PaidPart> {
    let Some(account) = payments.account(order_id) else {
        return Vec::new();
    };
    let of = account.installments.len() as u32;
    account
        .installments
        .iter()
        .filter_map(|i| {
            let PaymentStatus::Paid { method_id, .. } = i.status else {
                return None;
            };
            let amount = i.refundable_after_payment();
            let method = payments.method(method_id).map_or_else(
                || "the method you paid with".to_string(),
                |m| m.label.clone(),
            );
            (!amount.is_zero()).then_some(PaidPart {
                number: i.number,
                of,
                amount,
                method,
            })
        })
        .collect()
}

/// Bounds the events one order can run in one advance; each applied event changes the
/// order, so this only stops a rule bug from hanging the tab.
const MAX_ORDER_EVENTS: usize = 10_000;

/// A verdict read from the provider before the order hears it: the domain's engine is
/// synchronous, the provider is not.
struct Heard(ReviewVerdict);

impl ReviewSource for Heard {
    fn verdict(&self, _order: &Order, _at: DateTime<Utc>) -> ReviewVerdict {
        self.0.clone()
    }
}

/// What the provider says about one order at `at`, with what its plan shows was paid. A
/// provider that cannot be read counts as still reviewing: the order asks again later
/// rather than guess.
async fn read_verdict<P: PaymentProvider>(
    provider: &P,
    payments: &PaymentsState,
    record: &OrderRecord,
    at: DateTime<Utc>,
) -> ReviewVerdict {
    let status = provider
        .get_order(&record.klarna_order_id, at)
        .await
        .map_or(FraudStatus::Pending, |o| fraud_status_of(o.fraud_status));
    ReviewVerdict {
        status,
        paid: paid_so_far(payments, record.order.id()),
    }
}

/// Runs the order's events due by `to`, in time order, a due review hearing the provider's
/// verdict as of that event's instant.
pub async fn advance_order<P: PaymentProvider>(
    record: &mut OrderRecord,
    provider: &P,
    payments: &PaymentsState,
    to: DateTime<Utc>,
) -> Vec<(OrderEvent, Outcome)> {
    let mut applied = Vec::new();
    while applied.len() < MAX_ORDER_EVENTS {
        let Some(event) = due_events(&record.order, to, to).into_iter().next() else {
            break;
        };
        let outcome = match event.kind {
            OrderEventKind::AutomaticReview => {
                let heard = Heard(read_verdict(provider, payments, record, event.at).await);
                apply_with(&mut record.order, &event, &heard)
            }
            // Only a review event asks its source for a verdict.
            _ => apply_with(&mut record.order, &event, &WrittenRule),
        };
        applied.push((event, outcome));
    }
    applied
}

/// The simulation box: the provider's review team accepts or rejects a held order, and the
/// order hears the verdict at once. `Err` says why nothing happened.
pub async fn review_team_decides<P: PaymentProvider + FraudReviewDesk>(
    world: World<'_, P>,
    order_id: &str,
    accept: bool,
    now: DateTime<Utc>,
) -> Result<Acted, OrderActionError> {
    let record = world
        .orders
        .get(order_id)
        .ok_or_else(|| OrderActionError::NoOrder(order_id.to_string()))?;
    record
        .order
        .can_decide_review()
        .map_err(|refusal| OrderActionError::ReviewDecided(refusal.to_string()))?;
    // The provider's automatic review may have decided already (the shop hears it when the
    // clock reaches that instant), so the team has nothing left to decide.
    let decided = world
        .provider
        .decide_fraud_review(&record.klarna_order_id, accept, now)
        .map_err(|_| {
            OrderActionError::ReviewDecided(
                "The payment provider has already decided this review: move the clock to hear it."
                    .to_string(),
            )
        })?;
    let verdict = ReviewVerdict {
        status: fraud_status_of(decided.fraud_status),
        paid: paid_so_far(world.payments, order_id),
    };
    let mut acted = act_on_order(world, order_id, now, |order| {
        order.hear_review(&verdict, now, false)
    })
    .await?;
    // The provider's order changed whatever the verdict: its fraud status.
    acted.touched.provider = true;
    Ok(acted)
}
