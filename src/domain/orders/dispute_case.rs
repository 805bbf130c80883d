//! A dispute as the order keeps it: the package, the reason, and where the case stands
//! (opened, escalated, decided). Opening, escalating and deciding are in `disputes.rs`.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::package::PackageId;

pub const ESCALATION_DAYS: i64 = 21;
/// After escalation the marketplace decides by [`crate::domain::orders::rule_decision`]
/// within this many days, unless the simulation panel decided first.
pub const REVIEW_DAYS: i64 = 7;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DisputeReason {
    NotReceived,
    NotAsDescribed,
    Defective,
}

impl DisputeReason {
    pub const ALL: [DisputeReason; 3] = [
        DisputeReason::NotReceived,
        DisputeReason::NotAsDescribed,
        DisputeReason::Defective,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DisputeReason::NotReceived => "Not received",
            DisputeReason::NotAsDescribed => "Not as described",
            DisputeReason::Defective => "Defective",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DisputeDecision {
    ForShopper,
    ForSeller,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeCase {
    pub number: u32,
    pub package: PackageId,
    pub reason: DisputeReason,
    pub opened_at: DateTime<Utc>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub decision: Option<DisputeDecision>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Why it was decided that way, for the case page.
    pub explanation: Option<String>,
}

impl DisputeCase {
    pub fn is_open(&self) -> bool {
        self.decision.is_none()
    }

    pub fn escalates_at(&self) -> DateTime<Utc> {
        self.opened_at + Duration::days(ESCALATION_DAYS)
    }

    /// When the written rule decides an escalated case.
    pub fn rule_decides_at(&self) -> Option<DateTime<Utc>> {
        self.escalated_at.map(|at| at + Duration::days(REVIEW_DAYS))
    }
}
