//! Disputes ("report a problem"): opening one pauses the payment plan at once; without an
//! agreement it escalates after 21 days; a decision refunds the shopper or resumes the plan
//! with its dates shifted by the pause.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::effects::{Effect, Outcome};
use super::lifecycle::{TransitionError, Trigger};
use super::order::Order;
use super::package::{CloseReason, Package, PackageId, PackageStatus};
use super::tracking::TrackingStage;

pub const ESCALATION_DAYS: i64 = 21;
/// After escalation the marketplace decides by [`rule_decision`] within this many days,
/// unless the simulation panel decided first.
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

/// The written rule for an escalated case nobody decided:
/// - not received: the shopper wins unless the carrier scanned the package as delivered;
/// - not as described or defective: the shopper wins, because the seller had 21 days to
///   offer a return or a replacement and did not reach an agreement.
pub fn rule_decision(reason: DisputeReason, package: &Package) -> (DisputeDecision, String) {
    match reason {
        DisputeReason::NotReceived => match package
            .tracking
            .iter()
            .find(|e| e.stage == TrackingStage::Delivered)
        {
            Some(scan) => (
                DisputeDecision::ForSeller,
                format!(
                    "The carrier scanned the package as delivered on {}.",
                    scan.at.format("%a %-d %b")
                ),
            ),
            None => (
                DisputeDecision::ForShopper,
                "The carrier never scanned the package as delivered.".to_string(),
            ),
        },
        DisputeReason::NotAsDescribed | DisputeReason::Defective => (
            DisputeDecision::ForShopper,
            "The seller did not resolve the problem within 21 days.".to_string(),
        ),
    }
}

impl Order {
    pub(super) fn open_dispute_on(&self, package: &PackageId) -> Option<&DisputeCase> {
        self.disputes
            .iter()
            .find(|d| &d.package == package && d.is_open())
    }

    pub fn open_dispute(
        &mut self,
        package: &PackageId,
        reason: DisputeReason,
        now: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        self.check_trigger(Trigger::OpenDispute)?;
        let refuse = |order: &Order, reason: String| TransitionError::new(order.status, reason);
        let p = self
            .package(package)
            .ok_or_else(|| refuse(self, format!("No package {package}.")))?;
        if !p.has_shipped() || p.is_closed() {
            return Err(refuse(
                self,
                format!("Package {} has not shipped or is already closed.", p.id),
            ));
        }
        if reason != DisputeReason::NotReceived && !p.is_delivered() {
            return Err(refuse(
                self,
                format!(
                    "Package {} has not arrived yet; report it as not received.",
                    p.id
                ),
            ));
        }
        if let Some(ends) = self.protection_ends() {
            if now > ends {
                return Err(refuse(
                    self,
                    format!("Buyer protection ended on {}.", ends.format("%a %-d %b %Y")),
                ));
            }
        }
        let number = self.disputes.len() as u32 + 1;
        self.disputes.push(DisputeCase {
            number,
            package: package.clone(),
            reason,
            opened_at: now,
            escalated_at: None,
            decision: None,
            decided_at: None,
            explanation: None,
        });
        self.apply_trigger(Trigger::OpenDispute)?;
        self.record(
            now,
            format!(
                "Problem reported for package {package}: {}. Payments paused.",
                reason.label()
            ),
        );
        let mut outcome = Outcome::default();
        outcome.effects.push(Effect::PausePlan);
        outcome.notifications.push(self.notification(
            now,
            "We've paused your payments",
            format!(
                "You reported package {package} as {}. No payments are collected and no \
                 fees charged while we look into it. If you and the seller do not agree \
                 within {ESCALATION_DAYS} days, we step in.",
                reason.label().to_lowercase()
            ),
        ));
        Ok(outcome)
    }

    pub(super) fn escalate_dispute(
        &mut self,
        number: u32,
        at: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        let status = self.status;
        let case = self
            .disputes
            .iter_mut()
            .find(|d| d.number == number && d.is_open() && d.escalated_at.is_none())
            .ok_or_else(|| TransitionError::new(status, "No open dispute to escalate."))?;
        case.escalated_at = Some(at);
        let package = case.package.clone();
        self.record(
            at,
            format!("Dispute about package {package} escalated to the marketplace."),
        );
        let mut outcome = Outcome::default();
        outcome.notifications.push(self.notification(
            at,
            "Your case was escalated",
            format!(
                "No agreement was reached about package {package} in {ESCALATION_DAYS} days, \
                 so the marketplace will decide within {REVIEW_DAYS} days. Your payments stay \
                 paused."
            ),
        ));
        Ok(outcome)
    }

    /// A decision from the simulation panel (or support), any time while the case is open.
    pub fn decide_dispute(
        &mut self,
        decision: DisputeDecision,
        now: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        let number = self
            .disputes
            .iter()
            .find(|d| d.is_open())
            .map(|d| d.number)
            .ok_or_else(|| TransitionError::new(self.status, "There is no open dispute."))?;
        self.settle_dispute(number, decision, "Decided by the marketplace.".into(), now)
    }

    pub(super) fn decide_dispute_by_rule(
        &mut self,
        number: u32,
        at: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        let case = self
            .disputes
            .iter()
            .find(|d| d.number == number && d.is_open())
            .ok_or_else(|| TransitionError::new(self.status, "No open dispute to decide."))?;
        let package = self
            .package(&case.package)
            .ok_or_else(|| TransitionError::new(self.status, "The disputed package is gone."))?;
        let (decision, why) = rule_decision(case.reason, package);
        self.settle_dispute(number, decision, why, at)
    }

    fn settle_dispute(
        &mut self,
        number: u32,
        decision: DisputeDecision,
        explanation: String,
        at: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        let case_index = self
            .disputes
            .iter()
            .position(|d| d.number == number && d.is_open())
            .ok_or_else(|| TransitionError::new(self.status, "No open dispute to decide."))?;
        let package = self.disputes[case_index].package.clone();
        let index = self.package_index(&package)?;
        let opened_on = self.disputes[case_index].opened_at.date_naive();
        let paused_days = u32::try_from((at.date_naive() - opened_on).num_days()).unwrap_or(0);
        let case = &mut self.disputes[case_index];
        case.decision = Some(decision);
        case.decided_at = Some(at);
        case.explanation = Some(explanation.clone());

        let mut outcome = Outcome::default();
        match decision {
            DisputeDecision::ForShopper => {
                let outstanding = self.refundable_value(index);
                self.packages[index].status = PackageStatus::Closed(CloseReason::DisputeRefunded);
                outcome.effects.extend(self.refund_package(
                    index,
                    outstanding,
                    at,
                    "dispute decided for you",
                ));
                outcome.effects.extend(self.release_if_done(at));
                self.record(at, format!("Dispute decided for you: {explanation}"));
                outcome.notifications.push(self.notification(
                    at,
                    "Your dispute was decided in your favour",
                    format!("{explanation} {outstanding} is refunded for package {package}."),
                ));
            }
            DisputeDecision::ForSeller => {
                self.record(at, format!("Dispute decided for the seller: {explanation}"));
                outcome.notifications.push(self.notification(
                    at,
                    "Your dispute was decided for the seller",
                    format!(
                        "{explanation} Your payments resume, each moved {paused_days} day(s) \
                         later for the pause."
                    ),
                ));
            }
        }
        // Also after a refund: other packages of the order may still be owed for.
        outcome.effects.push(Effect::ResumePlan { paused_days });
        let progress = self.progress();
        self.apply_trigger(Trigger::CaseClosed(progress))?;
        Ok(outcome)
    }
}
