//! Orders, captures and refunds, mirroring Klarna's order management API.
//!
//! Status rule (`Order::settled_status`), derived from the amounts so it cannot drift:
//! - `AUTHORIZED`: nothing captured yet;
//! - `PART_CAPTURED`: something captured and some authorization left to capture;
//! - `CAPTURED`: nothing left to capture (all captured, or the rest released or lapsed) and
//!   some captured money not yet refunded;
//! - `CLOSED`: nothing left to capture and everything captured has been refunded, so no money
//!   can move any more. A captured-and-released order stays `CAPTURED`, not `CLOSED`, because
//!   returns and disputes must still be able to refund it;
//! - `CANCELLED` (cancelled before any capture, or rejected by fraud review) and `EXPIRED`
//!   (28 days without a capture) are terminal and set explicitly.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::fraud_status::FraudStatus;
use super::types::{PaymentMethodCategory, PurchaseDetails};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrderStatus {
    Authorized,
    PartCaptured,
    Captured,
    Cancelled,
    Expired,
    Closed,
}

/// What the shop's own monitoring noticed about an order, one of the signals Klarna's
/// extra merchant data (the request's `attachment`) carries for its risk assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RiskSignalKind {
    RapidOrders,
    UnusualAmount,
    UnverifiedSeller,
    CountryMismatch,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskSignal {
    pub kind: RiskSignalKind,
    pub description: String,
}

/// Extra merchant data (Klarna's `attachment`): here, the marketplace's risk signals. The
/// provider weighs them and answers with the order's `fraud_status`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraMerchantData {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risk_signals: Vec<RiskSignal>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateOrderRequest {
    #[serde(flatten)]
    pub purchase: PurchaseDetails,
    /// The shop's own order number, shown on Klarna's side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_reference1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<ExtraMerchantData>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingInfo {
    pub shipping_company: String,
    pub tracking_number: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureRequest {
    pub captured_amount: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Optional, as in Klarna; when present they must sum to `captured_amount`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order_lines: Vec<super::types::OrderLine>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shipping_info: Vec<ShippingInfo>,
}

impl CaptureRequest {
    pub fn amount(captured_amount: i64) -> Self {
        CaptureRequest {
            captured_amount,
            description: None,
            order_lines: Vec::new(),
            shipping_info: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capture {
    pub capture_id: String,
    pub captured_amount: i64,
    pub captured_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order_lines: Vec<super::types::OrderLine>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shipping_info: Vec<ShippingInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundRequest {
    pub refunded_amount: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The merchant's own reference for the refund, as in Klarna, kept on the refund: the
    /// shop puts its idempotency key here, so a refund whose answer was lost can be found on
    /// the order even after the provider forgot the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Optional, as in Klarna; when present they must sum to `refunded_amount`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order_lines: Vec<super::types::OrderLine>,
}

impl RefundRequest {
    pub fn amount(refunded_amount: i64) -> Self {
        RefundRequest {
            refunded_amount,
            description: None,
            reference: None,
            order_lines: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub refund_id: String,
    pub refunded_amount: i64,
    pub refunded_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order_lines: Vec<super::types::OrderLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub order_id: String,
    pub session_id: String,
    pub status: OrderStatus,
    pub fraud_status: FraudStatus,
    #[serde(flatten)]
    pub purchase: PurchaseDetails,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_reference1: Option<String>,
    pub payment_method_category: PaymentMethodCategory,
    pub plan_id: String,
    pub customer_email: String,
    pub captured_amount: i64,
    pub refunded_amount: i64,
    pub remaining_authorized_amount: i64,
    pub captures: Vec<Capture>,
    pub refunds: Vec<Refund>,
    pub created_at: DateTime<Utc>,
    /// The authorization lapses at this instant unless fully captured (28 days).
    pub expires_at: DateTime<Utc>,
}

impl Order {
    pub fn order_amount(&self) -> i64 {
        self.purchase.order_amount
    }

    /// Captured money not yet refunded: the most a refund may be.
    pub fn refundable_amount(&self) -> i64 {
        self.captured_amount - self.refunded_amount
    }

    pub fn is_terminal(&self) -> bool {
        matches!(
            self.status,
            OrderStatus::Cancelled | OrderStatus::Expired | OrderStatus::Closed
        )
    }

    /// The status the amounts imply; see the module documentation for the rule.
    pub fn settled_status(&self) -> OrderStatus {
        match self.status {
            OrderStatus::Cancelled | OrderStatus::Expired => self.status,
            _ if self.captured_amount == 0 => OrderStatus::Authorized,
            _ if self.remaining_authorized_amount > 0 => OrderStatus::PartCaptured,
            _ if self.refunded_amount >= self.captured_amount => OrderStatus::Closed,
            _ => OrderStatus::Captured,
        }
    }

    pub(crate) fn settle(&mut self) {
        self.status = self.settled_status();
    }

    /// Applies the 28-day lifetime at `now`; returns what happened, if anything.
    /// Whether [`Order::lapse_if_due`] would lapse the order at `now`.
    pub(crate) fn lapses_by(&self, now: DateTime<Utc>) -> bool {
        let open = matches!(
            self.status,
            OrderStatus::Authorized | OrderStatus::PartCaptured
        );
        open && now >= self.expires_at
    }

    pub(crate) fn lapse_if_due(&mut self, now: DateTime<Utc>) -> Option<super::ExpiryEvent> {
        if !self.lapses_by(now) {
            return None;
        }
        let released_amount = self.remaining_authorized_amount;
        self.remaining_authorized_amount = 0;
        if self.captured_amount == 0 {
            self.status = OrderStatus::Expired;
            Some(super::ExpiryEvent::OrderExpired {
                order_id: self.order_id.clone(),
            })
        } else {
            self.settle();
            Some(super::ExpiryEvent::RemainingAuthorizationReleased {
                order_id: self.order_id.clone(),
                released_amount,
            })
        }
    }
}
