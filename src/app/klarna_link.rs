//! The Klarna account linked in Payment settings.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KlarnaLink {
    /// The Klarna account's email; its persona decides approvals in the mock.
    pub email: Option<String>,
    pub linked_at: Option<DateTime<Utc>>,
}

impl KlarnaLink {
    pub fn is_linked(&self) -> bool {
        self.email.is_some()
    }
}
