//! Money a refund sends back to the shopper: one per method it was paid with, landing
//! after that method's processing delay. A plan keeps them all; how a refund is split
//! between the plan and the shopper is in `refund.rs` and `financing_refund.rs`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::method::{MethodId, MethodKind};
use crate::domain::money::Money;

/// Money on its way back to the shopper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub id: u32,
    pub amount: Money,
    pub method_id: MethodId,
    pub issued_at: DateTime<Utc>,
    pub completes_at: DateTime<Utc>,
    pub completed: bool,
}

/// Calendar days before refunded money reaches the shopper, by method: all within the
/// spec's "up to 10 days", slower where real banks are slower.
pub fn refund_processing_days(kind: MethodKind) -> u64 {
    match kind {
        MethodKind::Wallet => 3,
        MethodKind::DebitCard => 5,
        MethodKind::CreditCard => 7,
        MethodKind::BankAccount => 10,
    }
}
