//! The order's state machine, marketplace side. One pure function, [`transition`], holds
//! every legal move; the order's actions ask it first and only then change anything, so an
//! illegal move is refused with a reason and leaves the order untouched.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OrderStatus {
    /// Placed, payment authorized, but held until the fraud review releases it.
    AwaitingPayment,
    AwaitingShipment,
    /// At least one package is with the carrier (the rest may still be with their sellers).
    Shipped,
    /// Every package that was not closed has been delivered.
    Delivered,
    /// Buyer protection ended; nothing more can happen.
    Completed,
    /// Stopped before anything shipped (by the shopper or by the fraud review).
    Cancelled,
    /// Ended with every package refunded (missed handling, not delivered, returned, dispute).
    Closed,
    InDispute,
    ReturnInProgress,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 9] = [
        OrderStatus::AwaitingPayment,
        OrderStatus::AwaitingShipment,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
        OrderStatus::Closed,
        OrderStatus::InDispute,
        OrderStatus::ReturnInProgress,
    ];

    /// The words on the status badge and the history filter.
    pub fn label(self) -> &'static str {
        match self {
            OrderStatus::AwaitingPayment => "Awaiting payment",
            OrderStatus::AwaitingShipment => "Awaiting shipment",
            OrderStatus::Shipped => "Shipped",
            OrderStatus::Delivered => "Delivered",
            OrderStatus::Completed => "Completed",
            OrderStatus::Cancelled => "Cancelled",
            OrderStatus::Closed => "Closed",
            OrderStatus::InDispute => "In dispute",
            OrderStatus::ReturnInProgress => "Return in progress",
        }
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Completed | OrderStatus::Cancelled | OrderStatus::Closed
        )
    }
}

/// Where the packages stand, summarised: what the order's status becomes when no case
/// (return or dispute) is in the way. Ordered: an order only moves forward through the
/// first three; `Closed` can follow any of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Progress {
    AwaitingShipment,
    Shipped,
    Delivered,
    Closed,
}

impl Progress {
    pub const ALL: [Progress; 4] = [
        Progress::AwaitingShipment,
        Progress::Shipped,
        Progress::Delivered,
        Progress::Closed,
    ];

    fn status(self) -> OrderStatus {
        match self {
            Progress::AwaitingShipment => OrderStatus::AwaitingShipment,
            Progress::Shipped => OrderStatus::Shipped,
            Progress::Delivered => OrderStatus::Delivered,
            Progress::Closed => OrderStatus::Closed,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Trigger {
    /// The fraud review accepted the order (or there was nothing to review).
    AcceptPayment,
    RejectPayment,
    Cancel,
    /// A package shipped, was delivered or was closed; the packages now stand here.
    PackagesMoved(Progress),
    StartReturn,
    OpenDispute,
    /// A return or dispute finished; the packages stand here.
    CaseClosed(Progress),
    EndProtection,
}

impl Trigger {
    /// Every trigger, for exhaustive tests and the simulation panel.
    pub fn all() -> Vec<Trigger> {
        let mut all = vec![
            Trigger::AcceptPayment,
            Trigger::RejectPayment,
            Trigger::Cancel,
            Trigger::StartReturn,
            Trigger::OpenDispute,
            Trigger::EndProtection,
        ];
        all.extend(Progress::ALL.map(Trigger::PackagesMoved));
        all.extend(Progress::ALL.map(Trigger::CaseClosed));
        all
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransitionError {
    pub from: OrderStatus,
    pub reason: String,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for TransitionError {}

impl TransitionError {
    pub fn new(from: OrderStatus, reason: impl Into<String>) -> TransitionError {
        TransitionError {
            from,
            reason: reason.into(),
        }
    }
}

/// The status `trigger` leads to from `from`, or why it cannot happen.
pub fn transition(from: OrderStatus, trigger: Trigger) -> Result<OrderStatus, TransitionError> {
    use OrderStatus::*;
    let refuse = |reason: &str| Err(TransitionError::new(from, reason));
    if from.is_final() {
        return refuse(match from {
            Completed => "This order is completed; buyer protection has ended.",
            Cancelled => "This order was cancelled.",
            _ => "This order is closed.",
        });
    }
    match (trigger, from) {
        (Trigger::AcceptPayment, AwaitingPayment) => Ok(AwaitingShipment),
        (Trigger::RejectPayment, AwaitingPayment) => Ok(Cancelled),
        (Trigger::AcceptPayment | Trigger::RejectPayment, _) => {
            refuse("The payment review is already decided.")
        }

        (Trigger::Cancel, AwaitingPayment | AwaitingShipment) => Ok(Cancelled),
        (Trigger::Cancel, _) => refuse(
            "The order has already shipped, so it can no longer be cancelled; \
             return it once it arrives.",
        ),

        (Trigger::PackagesMoved(_), AwaitingPayment) => {
            refuse("The order is still under review; nothing ships until it is released.")
        }
        // A case stays the headline while other packages move; it settles when it closes.
        (Trigger::PackagesMoved(_), InDispute | ReturnInProgress) => Ok(from),
        (Trigger::PackagesMoved(to), _) => move_forward(from, to),

        (Trigger::StartReturn, Delivered | Shipped) => Ok(ReturnInProgress),
        (Trigger::StartReturn, ReturnInProgress) => refuse("A return is already in progress."),
        (Trigger::StartReturn, InDispute) => {
            refuse("A dispute is open; it must be decided before a return.")
        }
        (Trigger::StartReturn, _) => refuse("Nothing has been delivered yet to return."),

        (Trigger::OpenDispute, Delivered | Shipped) => Ok(InDispute),
        (Trigger::OpenDispute, InDispute) => refuse("A dispute is already open."),
        (Trigger::OpenDispute, ReturnInProgress) => {
            refuse("A return is in progress; report a problem once it is finished.")
        }
        (Trigger::OpenDispute, _) => {
            refuse("Nothing has shipped yet; cancel the order instead of reporting a problem.")
        }

        (Trigger::CaseClosed(to), InDispute | ReturnInProgress) => Ok(to.status()),
        (Trigger::CaseClosed(_), _) => refuse("There is no open return or dispute."),

        (Trigger::EndProtection, Delivered) => Ok(Completed),
        (Trigger::EndProtection, InDispute | ReturnInProgress) => {
            refuse("An open case keeps buyer protection running until it is finished.")
        }
        (Trigger::EndProtection, _) => {
            refuse("Buyer protection runs until everything has been delivered.")
        }
    }
}

fn move_forward(from: OrderStatus, to: Progress) -> Result<OrderStatus, TransitionError> {
    let current = match from {
        OrderStatus::AwaitingShipment => Progress::AwaitingShipment,
        OrderStatus::Shipped => Progress::Shipped,
        OrderStatus::Delivered => Progress::Delivered,
        _ => unreachable!("cases and final states are handled by the caller"),
    };
    if to < current {
        return Err(TransitionError::new(
            from,
            format!(
                "An order that is {} cannot go back to {}.",
                from.label().to_lowercase(),
                to.status().label().to_lowercase()
            ),
        ));
    }
    Ok(to.status())
}
