//! Why an order refuses a shopper's (or the other side's) action, as the shopper reads it.
//! Every "may I?" of the order (`can_cancel`, `can_start_return`, `can_report_problem`...)
//! answers with one of these; the action itself asks the same question first, so the page
//! never offers what the action would refuse.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use super::lifecycle::TransitionError;
use super::package::PackageId;
use super::returns::{ReturnReason, ReturnWindow, RETURN_WINDOW_DAYS};
use crate::domain::format;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The order's state does not allow it; the state machine says why.
    State(TransitionError),
    NoSuchPackage(PackageId),

    /// Cancelling: a parcel is with the carrier already.
    PartShipped,
    CancellationPending {
        approve_by: DateTime<Utc>,
    },
    CancellationDeclined,
    NoCancellationWaiting,

    /// Returning: the package has not arrived (its status, in words).
    NotDeliveredYet {
        package: PackageId,
        status: String,
    },
    PackageClosed {
        package: PackageId,
        why: &'static str,
    },
    ReturnWindowClosed(ReturnWindow),
    ExchangeNotAllowed(ReturnReason),
    EverythingReturned(PackageId),
    LineNotInPackage {
        line: u32,
        package: PackageId,
    },
    LineAlreadyReturned(u32),

    /// Reporting a problem: nothing to report on a parcel the seller still has.
    NotShipped(PackageId),
    /// "Not as described" or "defective" needs the item in hand.
    NotArrivedYet(PackageId),
    /// "Not received" opens the day after the guaranteed date.
    BeforeGuaranteedDate {
        package: PackageId,
        guaranteed_by: NaiveDate,
    },
    ProtectionEnded {
        on: DateTime<Utc>,
    },
    DisputeOpenOn(PackageId),
    NoOpenDispute,
    /// The late-parcel refund: the parcel arrived after all.
    WasDelivered(PackageId),

    /// Confirming receipt.
    NotAllDelivered,
    ReceiptAlreadyConfirmed,

    /// The simulation box.
    ReviewDecided,
    NotWaitingToShip(PackageId),
    AlreadyMissingHandling(PackageId),
}

fn day(date: NaiveDate) -> impl fmt::Display {
    format::date(date)
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::State(e) => write!(f, "{e}"),
            Refusal::NoSuchPackage(p) => write!(f, "No package {p}."),
            Refusal::PartShipped => f.write_str(
                "Part of the order has already shipped, so it can no longer be cancelled.",
            ),
            Refusal::CancellationPending { approve_by } => write!(
                f,
                "You already asked to cancel; without the seller's answer it is approved on {}.",
                format::date_time(*approve_by)
            ),
            Refusal::CancellationDeclined => f.write_str(
                "The seller declined your cancellation and is shipping the order; you can \
                 return it once it arrives.",
            ),
            Refusal::NoCancellationWaiting => {
                f.write_str("There is no cancellation request waiting for an answer.")
            }
            Refusal::NotDeliveredYet { package, status } => write!(
                f,
                "Package {package} can be returned once it is delivered ({} now).",
                status.to_lowercase()
            ),
            Refusal::PackageClosed { package, why } => {
                write!(f, "Package {package} is closed: {}.", why.to_lowercase())
            }
            Refusal::ReturnWindowClosed(window) => write!(
                f,
                "The return window closed on {}: returns are accepted within \
                 {RETURN_WINDOW_DAYS} days of delivery ({}).",
                day(window.last_day),
                day(window.delivered_on)
            ),
            Refusal::ExchangeNotAllowed(reason) => write!(
                f,
                "Exchanges are only for items that arrived defective or damaged, not \"{}\"; \
                 choose a refund instead.",
                reason.label().to_lowercase()
            ),
            Refusal::EverythingReturned(p) => {
                write!(f, "Everything in package {p} was already returned.")
            }
            Refusal::LineNotInPackage { line, package } => {
                write!(f, "Line {line} is not in package {package}.")
            }
            Refusal::LineAlreadyReturned(line) => write!(f, "Line {line} was already returned."),
            Refusal::NotShipped(p) => write!(
                f,
                "Package {p} has not shipped yet; cancel the order instead of reporting a problem."
            ),
            Refusal::NotArrivedYet(p) => write!(
                f,
                "Package {p} has not arrived yet; if it does not come by its guaranteed date, \
                 report it as not received."
            ),
            Refusal::BeforeGuaranteedDate {
                package,
                guaranteed_by,
            } => write!(
                f,
                "Package {package} is guaranteed to arrive by {}; you can report it as not \
                 received from the day after.",
                day(*guaranteed_by)
            ),
            Refusal::ProtectionEnded { on } => {
                write!(f, "Buyer protection ended on {}.", day(on.date_naive()))
            }
            Refusal::DisputeOpenOn(_) => {
                f.write_str("A dispute about this package is open; it will decide.")
            }
            Refusal::NoOpenDispute => f.write_str("There is no open dispute."),
            Refusal::WasDelivered(p) => write!(f, "Package {p} was delivered."),
            Refusal::NotAllDelivered => f.write_str(
                "Receipt can be confirmed once every package has been delivered and no return \
                 or dispute is open.",
            ),
            Refusal::ReceiptAlreadyConfirmed => f.write_str("Receipt is already confirmed."),
            Refusal::ReviewDecided => f.write_str("The payment review is already decided."),
            Refusal::NotWaitingToShip(p) => write!(f, "Package {p} is not waiting to ship."),
            Refusal::AlreadyMissingHandling(p) => {
                write!(
                    f,
                    "The seller of package {p} already will not ship it in time."
                )
            }
        }
    }
}

impl std::error::Error for Refusal {}

impl From<TransitionError> for Refusal {
    fn from(e: TransitionError) -> Refusal {
        Refusal::State(e)
    }
}

impl TransitionError {
    /// The action's error for a refusal, from the order's current status.
    pub fn refused(from: super::lifecycle::OrderStatus, refusal: Refusal) -> TransitionError {
        TransitionError::new(from, refusal.to_string())
    }
}
