//! What an order asks the rest of the app to do, as data: the domain decides, the app calls
//! the provider and the payment plan, and a test can read exactly what was decided.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::package::PackageId;
use crate::domain::money::Money;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// The package shipped: capture its amount with the provider (PART_CAPTURED until every
    /// package has shipped).
    Capture { package: PackageId, amount: Money },
    /// The shopper no longer owes `amount` of this order: the payment plan applies Klarna's
    /// refund rule to it. `captured_part` (never more than `amount`) is money already
    /// captured, which the provider must refund; the rest was never captured, so there is
    /// nothing to refund there (see `ReleaseAuthorization`).
    Refund {
        package: Option<PackageId>,
        amount: Money,
        captured_part: Money,
        reason: String,
    },
    /// Nothing more will be captured: give up the rest of the authorization (the provider's
    /// cancel when nothing was captured, otherwise "release remaining authorization").
    ReleaseAuthorization,
    /// A dispute opened: no collections and no late fees until it is decided.
    PausePlan,
    /// The dispute was decided for the seller: collections resume, every remaining due date
    /// moved later by the days the plan was paused.
    ResumePlan { paused_days: u32 },
}

/// Orders tell the shopper things the same way payments do.
pub use crate::domain::engine::Notification;

/// What one action or event produced.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub notifications: Vec<Notification>,
}

impl Outcome {
    pub fn is_empty(&self) -> bool {
        self.effects.is_empty() && self.notifications.is_empty()
    }

    pub fn merge(&mut self, other: Outcome) {
        self.effects.extend(other.effects);
        self.notifications.extend(other.notifications);
    }
}

/// One line of the order page's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub text: String,
}
