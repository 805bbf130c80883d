//! Disputes ("report a problem"): opening one pauses the payment plan at once; without an
//! agreement it escalates after 21 days; a decision refunds the shopper or resumes the plan
//! with its dates shifted by the pause.

use chrono::{DateTime, Utc};

use super::dispute_case::{
    DisputeCase, DisputeDecision, DisputeReason, ESCALATION_DAYS, REVIEW_DAYS,
};
use super::effects::{Effect, Outcome};
use super::lifecycle::{TransitionError, Trigger};
use super::order::Order;
use super::package::{CloseReason, Package, PackageId, PackageStatus};
use super::refusal::Refusal;
use super::tracking::TrackingStage;
use crate::domain::format;

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
                    format::date(scan.at)
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

    /// May the shopper report `reason` about `package` now? Once it shipped and while it is
    /// open; "not received" only from the day after its guaranteed date (before that it is
    /// simply on its way), the other reasons only once it arrived; never after protection.
    pub fn can_report_problem(
        &self,
        package: &PackageId,
        reason: DisputeReason,
        now: DateTime<Utc>,
    ) -> Result<(), Refusal> {
        let p = self
            .package(package)
            .ok_or_else(|| Refusal::NoSuchPackage(package.clone()))?;
        self.check_trigger(Trigger::OpenDispute)?;
        if let PackageStatus::Closed(why) = &p.status {
            return Err(Refusal::PackageClosed {
                package: p.id.clone(),
                why: why.label(),
            });
        }
        if !p.has_shipped() {
            return Err(Refusal::NotShipped(p.id.clone()));
        }
        match reason {
            DisputeReason::NotReceived if now < p.guarantee_expires_at() => {
                return Err(Refusal::BeforeGuaranteedDate {
                    package: p.id.clone(),
                    guaranteed_by: p.guaranteed_by(),
                })
            }
            DisputeReason::NotAsDescribed | DisputeReason::Defective if !p.is_delivered() => {
                return Err(Refusal::NotArrivedYet(p.id.clone()))
            }
            _ => {}
        }
        if let Some(ends) = self.protection_ends() {
            if now >= ends {
                return Err(Refusal::ProtectionEnded { on: ends });
            }
        }
        Ok(())
    }

    /// Every package a problem can be reported about now, each with the reasons allowed for
    /// it: the dispute form lists exactly these, and offers itself only when there is one.
    pub fn problem_choices(&self, now: DateTime<Utc>) -> Vec<(PackageId, Vec<DisputeReason>)> {
        self.packages
            .iter()
            .filter_map(|p| {
                let reasons: Vec<DisputeReason> = DisputeReason::ALL
                    .into_iter()
                    .filter(|r| self.can_report_problem(&p.id, *r, now).is_ok())
                    .collect();
                (!reasons.is_empty()).then(|| (p.id.clone(), reasons))
            })
            .collect()
    }

    /// The marketplace (the simulation box) may decide while a dispute is open.
    pub fn can_decide_dispute(&self) -> Result<(), Refusal> {
        if self.disputes.iter().any(|d| d.is_open()) {
            Ok(())
        } else {
            Err(Refusal::NoOpenDispute)
        }
    }

    pub fn open_dispute(
        &mut self,
        package: &PackageId,
        reason: DisputeReason,
        now: DateTime<Utc>,
    ) -> Result<Outcome, TransitionError> {
        self.can_report_problem(package, reason, now)
            .map_err(|r| self.refuse(r))?;
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
        self.can_decide_dispute().map_err(|r| self.refuse(r))?;
        let number = self
            .disputes
            .iter()
            .find(|d| d.is_open())
            .map(|d| d.number)
            .expect("can_decide_dispute found an open dispute");
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
                        "{explanation} Your payments resume, each moved {} later for the pause.",
                        format::counted(paused_days.into(), "day", "days")
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
