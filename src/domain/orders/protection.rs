//! Buyer protection: from the first shipment until 15 days after the shopper confirms
//! receipt. A shopper who never confirms is confirmed automatically 7 days after the last
//! delivery, so protection always ends and the order completes.

use chrono::{DateTime, Duration, Utc};

use super::effects::Outcome;
use super::lifecycle::{OrderStatus, TransitionError, Trigger};
use super::order::Order;

pub const PROTECTION_DAYS_AFTER_RECEIPT: i64 = 15;
/// Receipt is taken as confirmed this long after the last delivery.
pub const AUTO_CONFIRM_DAYS: i64 = 7;

impl Order {
    pub fn protection_starts(&self) -> Option<DateTime<Utc>> {
        self.packages.iter().filter_map(|p| p.shipped_at).min()
    }

    /// The last delivery among packages still open, once every open package is delivered.
    pub fn last_delivery(&self) -> Option<DateTime<Utc>> {
        let live: Vec<_> = self.packages.iter().filter(|p| !p.is_closed()).collect();
        if live.is_empty() || !live.iter().all(|p| p.is_delivered()) {
            return None;
        }
        live.iter().filter_map(|p| p.delivered_at).max()
    }

    /// When an open case last closed: completion and auto-confirmation wait for it, so a
    /// long dispute cannot run protection out from under the shopper.
    fn last_case_closed(&self) -> Option<DateTime<Utc>> {
        let returns = self.returns.iter().filter_map(|r| r.finished_at);
        let disputes = self.disputes.iter().filter_map(|d| d.decided_at);
        returns.chain(disputes).max()
    }

    /// When receipt will be confirmed for the shopper, if they do not do it first.
    pub fn auto_confirm_at(&self) -> Option<DateTime<Utc>> {
        if self.receipt_confirmed_at.is_some() {
            return None;
        }
        let due = self.last_delivery()? + Duration::days(AUTO_CONFIRM_DAYS);
        Some(
            self.last_case_closed()
                .map_or(due, |closed| due.max(closed)),
        )
    }

    /// The date shown as "Protected until": known once receipt is confirmed, projected from
    /// the auto-confirmation once everything is delivered, unknown before.
    pub fn protection_ends(&self) -> Option<DateTime<Utc>> {
        let confirmed = self
            .receipt_confirmed_at
            .or_else(|| self.auto_confirm_at())?;
        Some(confirmed + Duration::days(PROTECTION_DAYS_AFTER_RECEIPT))
    }

    /// When the order completes: protection's end, or the end of a case that outlasted it.
    pub(super) fn completes_at(&self) -> Option<DateTime<Utc>> {
        let ends = self.receipt_confirmed_at? + Duration::days(PROTECTION_DAYS_AFTER_RECEIPT);
        Some(
            self.last_case_closed()
                .map_or(ends, |closed| ends.max(closed)),
        )
    }

    /// "Protected until Fri 3 Apr" or how it will end, for the order page.
    pub fn protection_label(&self) -> String {
        match (self.protection_starts(), self.protection_ends()) {
            (None, _) => "Buyer protection starts when the seller ships.".into(),
            (Some(_), Some(ends)) => format!("Protected until {}", ends.format("%a %-d %b %Y")),
            (Some(_), None) => format!(
                "Protected until {PROTECTION_DAYS_AFTER_RECEIPT} days after you confirm receipt."
            ),
        }
    }

    /// Everything arrived: the shopper says so, and the 15 days of protection start.
    pub fn confirm_receipt(&mut self, now: DateTime<Utc>) -> Result<Outcome, TransitionError> {
        self.confirm(now, false)
    }

    pub(super) fn confirm(
        &mut self,
        at: DateTime<Utc>,
        automatic: bool,
    ) -> Result<Outcome, TransitionError> {
        if self.status != OrderStatus::Delivered {
            return Err(TransitionError::new(
                self.status,
                "Receipt can be confirmed once every package has been delivered.",
            ));
        }
        if self.receipt_confirmed_at.is_some() {
            return Err(TransitionError::new(
                self.status,
                "Receipt is already confirmed.",
            ));
        }
        self.receipt_confirmed_at = Some(at);
        self.receipt_auto_confirmed = automatic;
        let ends = self
            .protection_ends()
            .expect("confirmed receipt sets the end");
        let who = if automatic {
            format!("automatically, {AUTO_CONFIRM_DAYS} days after delivery")
        } else {
            "by you".to_string()
        };
        self.record(at, format!("Receipt confirmed {who}."));
        let mut outcome = Outcome::default();
        outcome.notifications.push(self.notification(
            at,
            "Receipt confirmed",
            format!(
                "Receipt of order {} was confirmed {who}. Buyer protection lasts until {}.",
                self.id,
                ends.format("%a %-d %b %Y")
            ),
        ));
        Ok(outcome)
    }

    pub(super) fn complete(&mut self, at: DateTime<Utc>) -> Result<Outcome, TransitionError> {
        if self.receipt_confirmed_at.is_none() {
            return Err(TransitionError::new(
                self.status,
                "Protection runs until 15 days after receipt is confirmed.",
            ));
        }
        self.apply_trigger(Trigger::EndProtection)?;
        self.completed_at = Some(at);
        self.record(at, "Buyer protection ended; the order is complete.");
        let mut outcome = Outcome::default();
        outcome.notifications.push(self.notification(
            at,
            "Order complete",
            format!(
                "Buyer protection for order {} has ended. Thanks for shopping!",
                self.id
            ),
        ));
        Ok(outcome)
    }
}
