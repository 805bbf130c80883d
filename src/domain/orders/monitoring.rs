//! Monitoring: rules that flag an order for a human look before any seller ships it. Each
//! rule gives the sentence the review screen shows, so "why was my order held?" always has
//! an answer. The flags go to the payment provider with the order (as Klarna's extra
//! merchant data); the provider decides whether to hold it (fraud status PENDING) and later
//! accepts or rejects it, as Klarna does with `fraud_status`. [`automatic_decision`] is the
//! written rule its automatic review applies after [`AUTO_REVIEW_MINUTES`], unless its
//! review team (the simulation box) decided first.

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::money::{Currency, Money};

/// This many orders (this one included) within [`RAPID_ORDER_WINDOW_MINUTES`] look like
/// card testing or a taken-over account.
pub const RAPID_ORDER_COUNT: usize = 3;
pub const RAPID_ORDER_WINDOW_MINUTES: i64 = 10;
/// "Far above usual": more than this many times the median of the shopper's earlier orders.
pub const UNUSUAL_AMOUNT_FACTOR: u32 = 3;
/// A median of one order says little about what is usual.
pub const MIN_ORDERS_FOR_USUAL: usize = 2;
/// Below this, a big jump is still a small basket (a 40.00 order after two 10.00 ones).
pub fn unusual_amount_floor(currency: Currency) -> Money {
    Money::from_minor(15_000, currency)
}
/// The provider's automatic review decides this long after the order was placed, unless its
/// review team decided first; the marketplace asks for the verdict then (and again every
/// as long while the provider still says PENDING).
pub const AUTO_REVIEW_MINUTES: i64 = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastOrder {
    pub placed_at: DateTime<Utc>,
    pub amount: Money,
}

/// What the rules look at for the order being placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderProfile {
    pub placed_at: DateTime<Utc>,
    pub amount: Money,
    pub account_country: String,
    pub shipping_country: String,
    /// (seller name, trusted by `Seller::trust()`).
    pub sellers: Vec<(String, bool)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RiskRule {
    RapidOrders,
    UnusualAmount,
    UntrustedSeller,
    CountryMismatch,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskFlag {
    pub rule: RiskRule,
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FraudStatus {
    Accepted,
    Pending,
    Rejected,
}

impl FraudStatus {
    /// As the provider spells it.
    pub fn code(self) -> &'static str {
        match self {
            FraudStatus::Accepted => "ACCEPTED",
            FraudStatus::Pending => "PENDING",
            FraudStatus::Rejected => "REJECTED",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FraudReview {
    pub status: FraudStatus,
    pub flags: Vec<RiskFlag>,
    pub decided_at: Option<DateTime<Utc>>,
    /// What the shopper is told about the review's result.
    pub message: String,
    /// When the marketplace next asks the provider for its verdict, once it answered
    /// PENDING at the expected time; before that, [`AUTO_REVIEW_MINUTES`] after placement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict_due_at: Option<DateTime<Utc>>,
}

/// Every rule the order breaks, in a fixed order.
pub fn check_order(profile: &OrderProfile, history: &[PastOrder]) -> Vec<RiskFlag> {
    let mut flags = Vec::new();
    let window_start = profile.placed_at - Duration::minutes(RAPID_ORDER_WINDOW_MINUTES);
    let recent = history
        .iter()
        .filter(|o| o.placed_at >= window_start && o.placed_at <= profile.placed_at)
        .count()
        + 1;
    if recent >= RAPID_ORDER_COUNT {
        flags.push(RiskFlag {
            rule: RiskRule::RapidOrders,
            reason: format!(
                "{recent} orders within {RAPID_ORDER_WINDOW_MINUTES} minutes \
                 (we look twice at {RAPID_ORDER_COUNT} or more)."
            ),
        });
    }
    if let Some(usual) = usual_amount(profile.amount.currency(), history) {
        let limit = usual.scale(Decimal::from(UNUSUAL_AMOUNT_FACTOR));
        let floor = unusual_amount_floor(profile.amount.currency());
        if profile.amount > limit && profile.amount >= floor {
            flags.push(RiskFlag {
                rule: RiskRule::UnusualAmount,
                reason: format!(
                    "{} is more than {UNUSUAL_AMOUNT_FACTOR} times this shopper's usual \
                     order of {usual}.",
                    profile.amount
                ),
            });
        }
    }
    for (name, trusted) in &profile.sellers {
        if !trusted {
            flags.push(RiskFlag {
                rule: RiskRule::UntrustedSeller,
                reason: format!("{name} is not yet a trusted seller."),
            });
        }
    }
    if !profile
        .account_country
        .eq_ignore_ascii_case(&profile.shipping_country)
    {
        flags.push(RiskFlag {
            rule: RiskRule::CountryMismatch,
            reason: format!(
                "Shipping to {} from an account registered in {}.",
                profile.shipping_country, profile.account_country
            ),
        });
    }
    flags
}

/// The median of the shopper's earlier orders in this currency; `None` with too few.
pub fn usual_amount(currency: Currency, history: &[PastOrder]) -> Option<Money> {
    let mut minors: Vec<i64> = history
        .iter()
        .filter(|o| o.amount.currency() == currency)
        .map(|o| o.amount.minor())
        .collect();
    if minors.len() < MIN_ORDERS_FOR_USUAL {
        return None;
    }
    minors.sort_unstable();
    let mid = minors.len() / 2;
    let median = if minors.len() % 2 == 1 {
        Money::from_minor(minors[mid], currency)
    } else {
        Money::from_minor(minors[mid - 1] + minors[mid], currency).scale(Decimal::new(5, 1))
    };
    Some(median)
}

/// The written rule the automatic review applies: a burst of orders that are also far
/// above usual is the classic pattern of a stolen account, so it is rejected, as is any
/// order that breaks three or more rules; everything else is accepted, because one odd
/// signal (a gift shipped abroad, a new seller) is normal shopping.
pub fn automatic_decision(flags: &[RiskFlag]) -> FraudStatus {
    let hit = |rule| flags.iter().any(|f| f.rule == rule);
    let distinct_rules = [
        RiskRule::RapidOrders,
        RiskRule::UnusualAmount,
        RiskRule::UntrustedSeller,
        RiskRule::CountryMismatch,
    ]
    .into_iter()
    .filter(|r| hit(*r))
    .count();
    if (hit(RiskRule::RapidOrders) && hit(RiskRule::UnusualAmount)) || distinct_rules >= 3 {
        FraudStatus::Rejected
    } else {
        FraudStatus::Accepted
    }
}
