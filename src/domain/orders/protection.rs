//! Buyer protection: from the first shipment until 15 days after the shopper confirms
//! receipt. A shopper who never confirms is confirmed automatically 7 days after the last
//! delivery, so protection always ends and the order completes.

use std::fmt;

use chrono::{DateTime, Duration, Utc};

use super::effects::Outcome;
use super::lifecycle::{OrderStatus, TransitionError, Trigger};
use super::order::Order;
use super::refusal::Refusal;
use super::returns::ReturnWindow;
use crate::domain::format;

/// Where buyer protection stands, as the order page shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtectionStatus {
    /// Nothing has shipped yet.
    NotStarted,
    /// Running; it ends a fixed time after receipt is confirmed, which has not happened.
    UntilReceiptConfirmed,
    /// Running until this instant.
    Until(DateTime<Utc>),
    /// The end date passed, but an open return or dispute keeps it running until it closes.
    WhileCaseOpen,
    /// Ran out at this instant.
    Ended(DateTime<Utc>),
    /// The order was cancelled before anything shipped: nothing to protect.
    Cancelled,
    /// Every package was refunded or closed: nothing left to protect.
    Closed,
}

impl ProtectionStatus {
    /// A stable word for the page's `data-state`, for tests and styles.
    pub fn hook(self) -> &'static str {
        match self {
            ProtectionStatus::NotStarted => "not-started",
            ProtectionStatus::UntilReceiptConfirmed | ProtectionStatus::Until(_) => "running",
            ProtectionStatus::WhileCaseOpen => "case-open",
            ProtectionStatus::Ended(_) => "ended",
            ProtectionStatus::Cancelled | ProtectionStatus::Closed => "closed",
        }
    }
}

impl fmt::Display for ProtectionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = |at: &DateTime<Utc>| format::date(*at);
        match self {
            ProtectionStatus::NotStarted => {
                f.write_str("Buyer protection starts when the seller ships.")
            }
            ProtectionStatus::UntilReceiptConfirmed => write!(
                f,
                "Protected until {PROTECTION_DAYS_AFTER_RECEIPT} days after you confirm receipt."
            ),
            ProtectionStatus::Until(ends) => write!(f, "Protected until {}", day(ends)),
            ProtectionStatus::WhileCaseOpen => {
                f.write_str("Protected while your return or dispute is open.")
            }
            ProtectionStatus::Ended(ends) => write!(f, "Buyer protection ended on {}.", day(ends)),
            ProtectionStatus::Cancelled => {
                f.write_str("No buyer protection needed: the order was cancelled and refunded.")
            }
            ProtectionStatus::Closed => {
                f.write_str("Buyer protection closed: every package was returned or refunded.")
            }
        }
    }
}

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

    /// When the order completes: protection's end, or the end of a case that outlasted it,
    /// or the end of a return window that did (receipt confirmed on the delivery day ends
    /// protection during the window's last day, which the package card promised whole).
    pub(super) fn completes_at(&self) -> Option<DateTime<Utc>> {
        let ends = self.receipt_confirmed_at? + Duration::days(PROTECTION_DAYS_AFTER_RECEIPT);
        let windows = self
            .packages
            .iter()
            .filter(|p| !p.is_closed())
            .filter_map(|p| p.delivered_at)
            .map(|at| ReturnWindow::for_delivery(at).closes_at());
        let cases = self.last_case_closed();
        Some(windows.chain(cases).fold(ends, DateTime::max))
    }

    /// Where buyer protection stands at `now`, for the order page.
    pub fn protection(&self, now: DateTime<Utc>) -> ProtectionStatus {
        match self.status {
            OrderStatus::Cancelled => return ProtectionStatus::Cancelled,
            OrderStatus::Closed => return ProtectionStatus::Closed,
            _ => {}
        }
        if self.protection_starts().is_none() {
            return ProtectionStatus::NotStarted;
        }
        let Some(ends) = self.protection_ends() else {
            return ProtectionStatus::UntilReceiptConfirmed;
        };
        if now < ends {
            ProtectionStatus::Until(ends)
        } else if matches!(
            self.status,
            OrderStatus::InDispute | OrderStatus::ReturnInProgress
        ) {
            ProtectionStatus::WhileCaseOpen
        } else {
            ProtectionStatus::Ended(ends)
        }
    }

    /// May the shopper confirm receipt? Once everything open has arrived, no case is
    /// running, and only once.
    pub fn can_confirm_receipt(&self) -> Result<(), Refusal> {
        if self.receipt_confirmed_at.is_some() {
            return Err(Refusal::ReceiptAlreadyConfirmed);
        }
        if self.status.is_final() {
            // Every move from a final state is refused, with the state's own sentence.
            self.check_trigger(Trigger::EndProtection)?;
        }
        if self.status != OrderStatus::Delivered {
            return Err(Refusal::NotAllDelivered);
        }
        Ok(())
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
        self.can_confirm_receipt().map_err(|r| self.refuse(r))?;
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
                format::date(ends)
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
