//! Returns and exchanges. The policy (window, refund share, who pays return shipping, when
//! an exchange is possible) is plain functions with the numbers as constants, so the return
//! form can show the same quote the refund later pays.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::package::PackageId;
use crate::domain::market::Market;
use crate::domain::money::Money;

/// Days after the delivery date a return can still be started: day 15 yes, day 16 no.
pub const RETURN_WINDOW_DAYS: i64 = 15;
/// Share of the items' price refunded for a change-of-mind return without the original
/// packaging or not resellable: the other 20% covers repackaging and selling it as used.
pub const PARTIAL_REFUND_PERCENT: u32 = 80;

/// The label a shopper buys for a change-of-mind return, taken off the refund.
pub fn return_shipping_cost(market: Market) -> Money {
    match market {
        Market::US => Money::from_minor(799, market.currency()),
        Market::UK => Money::from_minor(399, market.currency()),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReturnReason {
    ChangedMind,
    Defective,
    Damaged,
    NotAsDescribed,
}

impl ReturnReason {
    pub const ALL: [ReturnReason; 4] = [
        ReturnReason::ChangedMind,
        ReturnReason::Defective,
        ReturnReason::Damaged,
        ReturnReason::NotAsDescribed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ReturnReason::ChangedMind => "Changed my mind",
            ReturnReason::Defective => "Defective",
            ReturnReason::Damaged => "Damaged on arrival",
            ReturnReason::NotAsDescribed => "Not as described",
        }
    }

    /// The seller is at fault for everything but a change of mind.
    pub fn seller_at_fault(self) -> bool {
        self != ReturnReason::ChangedMind
    }

    /// Exchanges are for items that arrived broken: a replacement of the same item fixes
    /// those, not a change of mind nor an item that is not what was described.
    pub fn allows_exchange(self) -> bool {
        matches!(self, ReturnReason::Defective | ReturnReason::Damaged)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCondition {
    pub original_packaging: bool,
    pub resellable: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resolution {
    Refund,
    Exchange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Party {
    Shopper,
    Seller,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRequest {
    pub package: PackageId,
    /// `OrderLine::number`s to send back; empty means the whole package.
    pub lines: Vec<u32>,
    pub reason: ReturnReason,
    pub condition: ItemCondition,
    pub resolution: Resolution,
}

impl ReturnRequest {
    /// The whole package sent back unused in its packaging, for a refund.
    pub fn whole_package_for_refund(package: PackageId, reason: ReturnReason) -> ReturnRequest {
        ReturnRequest {
            package,
            lines: Vec::new(),
            reason,
            condition: ItemCondition {
                original_packaging: true,
                resellable: true,
            },
            resolution: Resolution::Refund,
        }
    }
}

/// What the shopper gets back, itemised for the return form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnQuote {
    pub items_value: Money,
    pub refund_percent: u32,
    pub items_refund: Money,
    /// The original delivery cost of the returned lines, refunded when the seller is at fault.
    pub delivery_refund: Money,
    pub return_shipping_paid_by: Party,
    /// Taken off when the shopper pays return shipping.
    pub return_shipping_deduction: Money,
    /// Never negative; zero for an exchange (the replacement is the remedy).
    pub refund: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnWindow {
    pub delivered_on: NaiveDate,
    /// The last day a return can be started.
    pub last_day: NaiveDate,
}

impl ReturnWindow {
    pub fn for_delivery(delivered_at: DateTime<Utc>) -> ReturnWindow {
        let delivered_on = delivered_at.date_naive();
        ReturnWindow {
            delivered_on,
            last_day: delivered_on + Duration::days(RETURN_WINDOW_DAYS),
        }
    }

    /// Days left to start a return, counting today; zero once the window closed.
    pub fn days_left(&self, now: DateTime<Utc>) -> i64 {
        ((self.last_day - now.date_naive()).num_days() + 1).max(0)
    }

    /// Day 0 is the delivery day; days are counted by calendar date (UTC), so the whole of
    /// the 15th day is still inside.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        now.date_naive() <= self.last_day
    }

    /// The first instant after the window: nothing that ends the order may come before it,
    /// or the last day promised on the package card would be cut short.
    pub fn closes_at(&self) -> DateTime<Utc> {
        (self.last_day + Duration::days(1))
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
    }
}

/// The refund rule:
/// - change of mind, original packaging and resellable: 100% of the items;
/// - change of mind otherwise: [`PARTIAL_REFUND_PERCENT`]% of the items;
/// - change of mind: the shopper pays return shipping, deducted from the refund, and the
///   original delivery is not refunded;
/// - defective, damaged or not as described: the seller is at fault, so the items (whatever
///   their state, which is the seller's doing) and their original delivery are refunded in
///   full and the seller pays return shipping.
pub fn quote_return(
    lines: &[(Money, Money)],
    reason: ReturnReason,
    condition: ItemCondition,
    resolution: Resolution,
    market: Market,
) -> ReturnQuote {
    let currency = market.currency();
    let items_value = Money::sum_in(currency, lines.iter().map(|(items, _)| *items));
    let delivery = Money::sum_in(currency, lines.iter().map(|(_, shipping)| *shipping));
    let full = reason.seller_at_fault() || (condition.original_packaging && condition.resellable);
    let refund_percent = if full { 100 } else { PARTIAL_REFUND_PERCENT };
    let items_refund = items_value.scale(Decimal::new(i64::from(refund_percent), 2));
    let (paid_by, deduction, delivery_refund) = if reason.seller_at_fault() {
        (Party::Seller, Money::zero(currency), delivery)
    } else {
        (
            Party::Shopper,
            return_shipping_cost(market),
            Money::zero(currency),
        )
    };
    let refund = match resolution {
        Resolution::Exchange => Money::zero(currency),
        Resolution::Refund => {
            (items_refund + delivery_refund - deduction).max(Money::zero(currency))
        }
    };
    ReturnQuote {
        items_value,
        refund_percent,
        items_refund,
        delivery_refund,
        return_shipping_paid_by: paid_by,
        return_shipping_deduction: deduction,
        refund,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnCase {
    pub number: u32,
    pub request: ReturnRequest,
    pub opened_at: DateTime<Utc>,
    /// When the parcel reaches the seller (seeded, 2-4 business days), and the refund or
    /// the replacement goes out.
    pub arrives_at: DateTime<Utc>,
    pub quote: ReturnQuote,
    pub finished_at: Option<DateTime<Utc>>,
    /// The replacement package of an exchange.
    pub replacement: Option<PackageId>,
}
