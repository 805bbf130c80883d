//! A refund an order decided that the provider has not confirmed yet, kept on the order
//! until it has (see `refunds`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::money::Money;
use crate::klarna::RefundRequest;

/// A refund the order decided, not yet confirmed by the provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRefund {
    /// What the shopper no longer owes: what the plan takes once the provider confirms.
    pub amount: Money,
    /// The part of `amount` already captured, which the provider must refund.
    pub captured_part: Money,
    pub reason: String,
    /// The idempotency key of every attempt, and the refund's reference at the provider.
    pub key: String,
    pub decided_at: DateTime<Utc>,
}

impl PendingRefund {
    /// The refund numbered `number` among the order's refunds (its place in
    /// `Order::refunds`), so its key never changes, whatever the provider did meanwhile.
    pub fn new(
        order_id: &str,
        number: usize,
        amount: Money,
        captured_part: Money,
        reason: String,
        decided_at: DateTime<Utc>,
    ) -> PendingRefund {
        PendingRefund {
            amount,
            captured_part,
            reason,
            key: format!("{order_id}/refund-{number}"),
            decided_at,
        }
    }

    pub(super) fn request(&self) -> RefundRequest {
        RefundRequest {
            description: Some(self.reason.clone()),
            reference: Some(self.key.clone()),
            ..RefundRequest::amount(self.captured_part.minor())
        }
    }
}
