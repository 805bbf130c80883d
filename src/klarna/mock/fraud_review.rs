//! The mock's fraud review, as Klarna runs pending orders: an order the assessment holds is
//! created with `fraud_status` PENDING; the automatic review decides it
//! [`AUTO_REVIEW_MINUTES`] later by the written rule, unless the review team (the
//! simulation box, through [`FraudReviewDesk`]) decided first. A rejected order is
//! cancelled. Decisions apply when the order is next read or changed, like the 28-day lapse,
//! so the verdict is the same whenever it is asked for.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::MockKlarna;
use crate::domain::orders::monitoring::AUTO_REVIEW_MINUTES;
use crate::domain::orders::monitoring::{automatic_decision, RiskFlag, RiskRule};
use crate::klarna::error::ProviderError;
use crate::klarna::fraud_status::FraudStatus;
use crate::klarna::order::{ExtraMerchantData, Order, OrderStatus, RiskSignalKind};
use crate::klarna::provider::FraudReviewDesk;

/// A held order's automatic review: what it decides, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PendingReview {
    decides_at: DateTime<Utc>,
    decision: FraudStatus,
}

impl PendingReview {
    /// The assessment of a new order: held when the authorization already was (the
    /// `+review` persona) or when the merchant reported any risk signal.
    pub(crate) fn assess(
        authorized_status: FraudStatus,
        attachment: Option<&ExtraMerchantData>,
        now: DateTime<Utc>,
    ) -> Option<PendingReview> {
        let signals = attachment.map_or(&[][..], |a| a.risk_signals.as_slice());
        if authorized_status == FraudStatus::Accepted && signals.is_empty() {
            return None;
        }
        let flags: Vec<RiskFlag> = signals
            .iter()
            .map(|s| RiskFlag {
                rule: rule_of(s.kind),
                reason: s.description.clone(),
            })
            .collect();
        let decision = match automatic_decision(&flags) {
            crate::domain::orders::FraudStatus::Rejected => FraudStatus::Rejected,
            _ => FraudStatus::Accepted,
        };
        Some(PendingReview {
            decides_at: now + Duration::minutes(AUTO_REVIEW_MINUTES),
            decision,
        })
    }

    fn is_due(&self, now: DateTime<Utc>) -> bool {
        now >= self.decides_at
    }
}

fn rule_of(kind: RiskSignalKind) -> RiskRule {
    match kind {
        RiskSignalKind::RapidOrders => RiskRule::RapidOrders,
        RiskSignalKind::UnusualAmount => RiskRule::UnusualAmount,
        RiskSignalKind::UnverifiedSeller => RiskRule::UntrustedSeller,
        RiskSignalKind::CountryMismatch => RiskRule::CountryMismatch,
    }
}

/// The review's outcome on the order. A cancelled or expired order keeps PENDING: there is
/// nothing left to decide about.
fn settle(order: &mut Order, decision: FraudStatus) {
    if order.is_terminal() {
        return;
    }
    order.fraud_status = decision;
    if decision == FraudStatus::Rejected {
        order.status = OrderStatus::Cancelled;
        order.remaining_authorized_amount = 0;
    }
}

impl MockKlarna {
    /// `order` (a copy of the stored one) as the review has left it by `now`.
    pub(crate) fn reviewed_copy(&self, order: &mut Order, now: DateTime<Utc>) {
        if let Some(review) = self.fraud_reviews.get(&order.order_id) {
            if review.is_due(now) {
                settle(order, review.decision);
            }
        }
    }

    /// Applies the automatic review to the stored order once it is due.
    pub(crate) fn review_if_due(&mut self, order_id: &str, now: DateTime<Utc>) {
        let due = self
            .fraud_reviews
            .get(order_id)
            .filter(|review| review.is_due(now))
            .map(|review| review.decision);
        if let Some(decision) = due {
            self.fraud_reviews.remove(order_id);
            if let Some(order) = self.orders.get_mut(order_id) {
                settle(Arc::make_mut(order), decision);
            }
        }
    }

    /// Simulation control, not part of the merchant API: the review team decides before the
    /// automatic review does. Rejected orders are cancelled.
    pub fn decide_fraud_review(
        &mut self,
        order_id: &str,
        accept: bool,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError> {
        let order = self.order_mut(order_id, now)?;
        if order.fraud_status != FraudStatus::Pending || order.is_terminal() {
            return Err(ProviderError::not_allowed(format!(
                "order {order_id} is not waiting for a fraud review"
            )));
        }
        let decision = if accept {
            FraudStatus::Accepted
        } else {
            FraudStatus::Rejected
        };
        settle(order, decision);
        let order = order.clone();
        self.fraud_reviews.remove(order_id);
        Ok(order)
    }
}

impl FraudReviewDesk for MockKlarna {
    fn decide_fraud_review(
        &mut self,
        order_id: &str,
        accept: bool,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError> {
        MockKlarna::decide_fraud_review(self, order_id, accept, now)
    }
}
