//! The provider's fraud verdict, shared by an authorization (what the shopper was told at
//! checkout) and the order it becomes (what the merchant reads before shipping).

use serde::{Deserialize, Serialize};

/// The provider's fraud assessment of an order, as Klarna's `fraud_status`: set by the
/// provider, never by the merchant, who reads it (Klarna also pushes a notification when a
/// PENDING order is decided) and must not ship before it is ACCEPTED.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FraudStatus {
    Accepted,
    /// Held for review: capture is refused until the review accepts the order.
    Pending,
    /// The review refused the order: it is cancelled and nothing can be captured.
    Rejected,
}
