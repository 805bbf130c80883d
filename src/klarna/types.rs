//! Requests and responses of the payment session and authorization steps, mirroring the
//! JSON of Klarna's payments API. Amounts are integer minor units (cents, pence), as there.
//! Orders, captures and refunds live in `order.rs`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::market::Market;

use super::fraud_status::FraudStatus;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderLineType {
    #[default]
    Physical,
    Digital,
    ShippingFee,
    SalesTax,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    #[serde(rename = "type", default)]
    pub kind: OrderLineType,
    /// The merchant's SKU or cart-line id, so captures and refunds can point at items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub name: String,
    pub quantity: u32,
    pub unit_price: i64,
    pub total_amount: i64,
}

impl OrderLine {
    /// A line whose total is consistent by construction (quantity x unit price).
    pub fn new(name: impl Into<String>, quantity: u32, unit_price: i64) -> Self {
        OrderLine {
            kind: OrderLineType::Physical,
            reference: None,
            name: name.into(),
            quantity,
            unit_price,
            total_amount: unit_price.saturating_mul(i64::from(quantity)),
        }
    }

    pub fn shipping_fee(name: impl Into<String>, amount: i64) -> Self {
        OrderLine {
            kind: OrderLineType::ShippingFee,
            ..OrderLine::new(name, 1, amount)
        }
    }

    /// US sales tax travels as its own line, as Klarna's US integration expects.
    pub fn sales_tax(amount: i64) -> Self {
        OrderLine {
            kind: OrderLineType::SalesTax,
            ..OrderLine::new("Sales tax", 1, amount)
        }
    }

    pub fn with_reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = Some(reference.into());
        self
    }
}

/// What is being bought: the body of "create session" and the core of "create order".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseDetails {
    /// ISO 3166-1 alpha-2: "US" or "GB".
    pub purchase_country: String,
    /// ISO 4217: "USD" or "GBP"; must be the country's currency.
    pub purchase_currency: String,
    /// BCP 47, e.g. "en-US".
    pub locale: String,
    pub order_amount: i64,
    pub order_tax_amount: i64,
    pub order_lines: Vec<OrderLine>,
}

pub type SessionRequest = PurchaseDetails;

impl PurchaseDetails {
    /// A purchase whose amount is the sum of its lines, so callers cannot get it wrong.
    pub fn for_market(market: Market, order_lines: Vec<OrderLine>, order_tax_amount: i64) -> Self {
        let order_amount = order_lines
            .iter()
            .fold(0i64, |sum, line| sum.saturating_add(line.total_amount));
        PurchaseDetails {
            purchase_country: market.country_code().to_string(),
            purchase_currency: market.currency().code().to_string(),
            locale: match market {
                Market::US => "en-US",
                Market::UK => "en-GB",
            }
            .to_string(),
            order_amount,
            order_tax_amount,
            order_lines,
        }
    }
}

/// Klarna's three payment categories. The concrete plan (pay in 4, financing 12...) is the
/// shop's domain; the provider only carries its id as a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethodCategory {
    PayNow,
    PayLater,
    PayOverTime,
}

impl PaymentMethodCategory {
    pub const ALL: [PaymentMethodCategory; 3] = [
        PaymentMethodCategory::PayOverTime,
        PaymentMethodCategory::PayLater,
        PaymentMethodCategory::PayNow,
    ];

    pub fn identifier(self) -> &'static str {
        match self {
            PaymentMethodCategory::PayNow => "pay_now",
            PaymentMethodCategory::PayLater => "pay_later",
            PaymentMethodCategory::PayOverTime => "pay_over_time",
        }
    }

    pub fn display_name(self) -> &'static str {
        match self {
            PaymentMethodCategory::PayNow => "Pay now",
            PaymentMethodCategory::PayLater => "Pay later",
            PaymentMethodCategory::PayOverTime => "Pay over time",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethodCategoryInfo {
    pub identifier: PaymentMethodCategory,
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Incomplete,
    Complete,
    Expired,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub session_id: String,
    pub client_token: String,
    pub status: SessionStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub payment_method_categories: Vec<PaymentMethodCategoryInfo>,
    #[serde(flatten)]
    pub purchase: PurchaseDetails,
    /// The latest token issued for this session: after a reload mid-checkout the app can
    /// read the session and carry on instead of asking the shopper again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_token: Option<String>,
    /// Mock extension: the order this session became. A session yields at most one order,
    /// which is what makes a double "pay" click harmless even with two idempotency keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
}

/// What the shopper submits in Klarna's widget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizeRequest {
    pub email: String,
    pub one_time_code: String,
    pub payment_method_category: PaymentMethodCategory,
    /// The shop's plan id ("pay_in_4", "financing_12"...), kept on the order for the plan
    /// engine; the provider does not interpret it.
    pub plan_id: String,
}

/// An approved authorization. A declined one is `Err` with `REJECTED` and a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorization {
    pub authorization_token: String,
    pub session_id: String,
    pub authorized_at: DateTime<Utc>,
    /// The token can create one order until this instant (60 minutes).
    pub expires_at: DateTime<Utc>,
    pub authorized_amount: i64,
    pub fraud_status: FraudStatus,
    pub payment_method_category: PaymentMethodCategory,
    pub plan_id: String,
    pub email: String,
    /// The `+new_user` persona signed up during this authorization.
    pub new_customer: bool,
}

/// Result of linking a Klarna account in payment settings (email, then one-time code).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    pub email: String,
    pub new_customer: bool,
}

/// What `expire_due` did, so the app can notify the shopper and update its own orders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ExpiryEvent {
    SessionExpired {
        session_id: String,
    },
    /// Nothing was captured within 28 days: the whole authorization lapsed.
    OrderExpired {
        order_id: String,
    },
    /// Part was captured: the uncaptured rest lapsed, the captured part stands.
    RemainingAuthorizationReleased {
        order_id: String,
        released_amount: i64,
    },
}
