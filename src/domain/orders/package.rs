//! A package: one seller's lines sent with one delivery option, shipped, tracked, captured
//! and refunded on its own, because sellers ship separately and Klarna captures per shipment.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::carrier::Carrier;
use super::tracking::{TrackingEvent, TrackingStage};
use crate::domain::catalog::{DeliveryOptionId, SellerId};
use crate::domain::format;
use crate::domain::money::Money;

/// "BNPL-1042-P2": the order id and the package's number, stable in URLs and idempotency keys.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PackageId(String);

impl PackageId {
    pub fn new(order_id: &str, number: u32) -> PackageId {
        PackageId(format!("{order_id}-P{number}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PackageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Business days, inclusive; a serializable copy of the catalog's range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayRange {
    pub min: u32,
    pub max: u32,
}

impl DayRange {
    pub fn label(self) -> String {
        crate::domain::catalog::BusinessDayRange::new(self.min, self.max).label()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryEstimate {
    pub earliest: NaiveDate,
    /// The guaranteed delivery date: a package not delivered by the end of it can be refunded.
    pub latest: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CloseReason {
    /// The seller did not ship within its handling time.
    HandlingMissed,
    /// Not delivered by the guaranteed date; the shopper took the refund.
    NotDelivered,
    /// Every item came back and was refunded.
    Returned,
    /// Items came back and a replacement package went out instead.
    Exchanged,
    /// A dispute was decided for the shopper.
    DisputeRefunded,
    /// The whole order was cancelled before shipment.
    Cancelled,
}

impl CloseReason {
    pub fn label(&self) -> &'static str {
        match self {
            CloseReason::HandlingMissed => "Seller did not ship in time",
            CloseReason::NotDelivered => "Not delivered by the guaranteed date",
            CloseReason::Returned => "Returned",
            CloseReason::Exchanged => "Exchanged",
            CloseReason::DisputeRefunded => "Refunded after a dispute",
            CloseReason::Cancelled => "Cancelled",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PackageStatus {
    AwaitingShipment,
    InTransit,
    Delivered,
    Closed(CloseReason),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    pub id: PackageId,
    /// 1-based, in the order the shopper first added each seller's items.
    pub number: u32,
    pub seller_id: SellerId,
    pub seller_name: String,
    pub seller_location: String,
    /// ISO code of the seller's country, from its location.
    pub origin_country: String,
    /// Snapshot at placement, so a later change to the seller does not rewrite history.
    pub seller_trusted: bool,
    /// `OrderLine::number`s this package carries.
    pub lines: Vec<u32>,
    /// Items plus their delivery costs.
    pub amount: Money,
    pub delivery_option_id: DeliveryOptionId,
    pub delivery_name: String,
    pub handling: DayRange,
    pub transit: DayRange,
    /// Last business day the seller may hand the package to the carrier.
    pub ship_by: NaiveDate,
    /// When the seller hands it over, seeded within the handling days.
    pub planned_ship_at: DateTime<Utc>,
    /// Business days with the carrier, seeded within the option's transit range.
    pub transit_days: u32,
    pub estimate: DeliveryEstimate,
    pub carrier: Carrier,
    /// Known once shipped.
    pub tracking_number: Option<String>,
    /// Every planned scan; only those at or before "now" are shown (see `tracking_so_far`).
    pub tracking_plan: Vec<TrackingEvent>,
    /// Scans that have happened, in order.
    pub tracking: Vec<TrackingEvent>,
    pub status: PackageStatus,
    pub shipped_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// Simulation: the seller never ships, so the handling deadline closes the package.
    pub seller_misses_handling: bool,
    /// A replacement sent for an exchange: nothing to capture, it was paid for already.
    pub replaces: Option<PackageId>,
    pub captured: Money,
    /// Refunded out of `captured`; never more than it.
    pub refunded: Money,
    /// Taken off the order without ever being captured; `captured + waived <= amount`.
    pub waived: Money,
}

impl Package {
    /// "Package 2 from Northwind Outfitters": how every page names it.
    pub fn heading(&self) -> String {
        format!("Package {} from {}", self.number, self.seller_name)
    }

    pub fn is_closed(&self) -> bool {
        matches!(self.status, PackageStatus::Closed(_))
    }

    pub fn has_shipped(&self) -> bool {
        self.shipped_at.is_some()
    }

    pub fn is_delivered(&self) -> bool {
        self.delivered_at.is_some()
    }

    /// Settled: nothing more will happen to it in transit.
    pub fn is_settled(&self) -> bool {
        self.is_closed() || matches!(self.status, PackageStatus::Delivered)
    }

    /// The guaranteed delivery date: the last day of the estimated window.
    pub fn guaranteed_by(&self) -> NaiveDate {
        self.estimate.latest
    }

    /// The deadline event fires at the first instant after the last handling day.
    pub fn handling_deadline(&self) -> DateTime<Utc> {
        self.ship_by
            .succ_opt()
            .expect("ship-by date is far from the end of time")
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
    }

    /// The first instant after the guaranteed date.
    pub fn guarantee_expires_at(&self) -> DateTime<Utc> {
        self.estimate
            .latest
            .succ_opt()
            .expect("guaranteed date is far from the end of time")
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
    }

    /// What the shopper could still get back for this package: captured money not yet
    /// refunded, plus whatever was never captured nor waived.
    pub fn outstanding(&self) -> Money {
        self.amount - self.refunded - self.waived
    }

    /// Splits `amount` (at most `outstanding`) into the captured part to refund and the
    /// uncaptured part to waive, and books both. Captured money is refunded first because
    /// the uncaptured part of a shipped package is zero anyway.
    pub(crate) fn take_back(&mut self, amount: Money) -> Money {
        let amount = amount.min(self.outstanding());
        let refundable = self.captured - self.refunded;
        let captured_part = amount.min(refundable);
        self.refunded = self.refunded + captured_part;
        self.waived = self.waived + (amount - captured_part);
        captured_part
    }

    pub(crate) fn stage_reached(&self, stage: TrackingStage) -> bool {
        self.tracking.iter().any(|e| e.stage == stage)
    }

    /// The scans that happened, newest last, for the tracking panel.
    pub fn tracking_so_far(&self) -> &[TrackingEvent] {
        &self.tracking
    }

    /// Status text for the package card.
    pub fn status_label(&self) -> String {
        match &self.status {
            PackageStatus::AwaitingShipment => {
                format!("Seller ships by {}", format::date(self.ship_by))
            }
            PackageStatus::InTransit => match self.tracking.last() {
                Some(scan) => scan.stage.label().to_string(),
                None => "Shipped".to_string(),
            },
            PackageStatus::Delivered => "Delivered".to_string(),
            PackageStatus::Closed(reason) => reason.label().to_string(),
        }
    }
}
