//! Who may use which option: the order amount range of each option in each market, and the
//! shopper's Klarna purchase limit.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

use super::kind::{available_kinds, PlanKind};
use crate::domain::market::Market;
use crate::domain::money::{Currency, Money};

// Order amount ranges, inclusive, in the market's currency. Modelled on Klarna's published
// ranges; Pay now's upper bound stops a typo from charging a fortune.
pub const PAY_IN_4_MIN_USD: Decimal = dec!(35);
pub const PAY_IN_4_MAX_USD: Decimal = dec!(1000);
pub const PAY_IN_3_MIN_GBP: Decimal = dec!(30);
pub const PAY_IN_3_MAX_GBP: Decimal = dec!(1000);
/// Pay in 30 days: the same figures in USD and GBP.
pub const PAY_IN_30_MIN: Decimal = dec!(10);
pub const PAY_IN_30_MAX: Decimal = dec!(1000);
pub const FINANCING_MIN_USD: Decimal = dec!(150);
pub const FINANCING_MAX_USD: Decimal = dec!(10000);
/// Pay now: the same figures in USD and GBP.
pub const PAY_NOW_MIN: Decimal = dec!(0.01);
pub const PAY_NOW_MAX: Decimal = dec!(10000);

/// The inclusive order amount range of an option in a market.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountLimits {
    pub min: Money,
    pub max: Money,
}

/// The amount range of `kind` in `market`; `None` when the market does not offer it.
pub fn amount_limits(kind: PlanKind, market: Market) -> Option<AmountLimits> {
    if !available_kinds(market).contains(&kind) {
        return None;
    }
    let (min, max) = match kind {
        PlanKind::PayIn4 => (PAY_IN_4_MIN_USD, PAY_IN_4_MAX_USD),
        PlanKind::PayIn3 => (PAY_IN_3_MIN_GBP, PAY_IN_3_MAX_GBP),
        PlanKind::PayIn30 => (PAY_IN_30_MIN, PAY_IN_30_MAX),
        PlanKind::Financing { .. } => (FINANCING_MIN_USD, FINANCING_MAX_USD),
        PlanKind::PayNow => (PAY_NOW_MIN, PAY_NOW_MAX),
    };
    let currency = market.currency();
    Some(AmountLimits {
        min: Money::new(min, currency),
        max: Money::new(max, currency),
    })
}

/// Why an option is shown disabled. [`Ineligibility::message`] is the sentence for the shopper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Ineligibility {
    NotOfferedInMarket {
        kind: PlanKind,
        market: Market,
    },
    WrongCurrency {
        kind: PlanKind,
        expected: Currency,
        got: Currency,
    },
    BelowMinimum {
        kind: PlanKind,
        minimum: Money,
    },
    AboveMaximum {
        kind: PlanKind,
        maximum: Money,
    },
    AbovePurchaseLimit {
        limit: Money,
    },
}

impl Ineligibility {
    pub fn message(&self) -> String {
        match self {
            Ineligibility::NotOfferedInMarket { kind, market } => {
                format!("{kind} is not offered in the {}", market.country_name())
            }
            Ineligibility::WrongCurrency {
                kind,
                expected,
                got,
            } => format!(
                "{kind} needs an order in {}, not {}",
                expected.code(),
                got.code()
            ),
            Ineligibility::BelowMinimum { kind, minimum } => {
                format!("{kind} needs an order of at least {minimum}")
            }
            Ineligibility::AboveMaximum { kind, maximum } => {
                format!("{kind} is available for orders up to {maximum}")
            }
            Ineligibility::AbovePurchaseLimit { limit } => {
                format!("Above your Klarna purchase limit of {limit}")
            }
        }
    }
}

impl fmt::Display for Ineligibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Ineligibility {}

/// Whether `kind` may pay for `order_total` in `market`, ignoring the shopper: the checks a
/// plan needs to be well formed.
pub fn check_order_amount(
    kind: PlanKind,
    market: Market,
    order_total: Money,
) -> Result<(), Ineligibility> {
    let limits =
        amount_limits(kind, market).ok_or(Ineligibility::NotOfferedInMarket { kind, market })?;
    if order_total.currency() != market.currency() {
        return Err(Ineligibility::WrongCurrency {
            kind,
            expected: market.currency(),
            got: order_total.currency(),
        });
    }
    if order_total.amount() < limits.min.amount() {
        return Err(Ineligibility::BelowMinimum {
            kind,
            minimum: limits.min,
        });
    }
    if order_total.amount() > limits.max.amount() {
        return Err(Ineligibility::AboveMaximum {
            kind,
            maximum: limits.max,
        });
    }
    Ok(())
}

/// Whether this shopper may use `kind` for `order_total`.
///
/// The purchase limit caps credit only, so it does not apply to Pay now. An order equal to
/// the limit is allowed. A limit in another currency cannot vouch for the order, so it
/// refuses credit rather than guess an exchange rate.
pub fn check_eligibility(
    kind: PlanKind,
    market: Market,
    order_total: Money,
    purchase_limit: Option<Money>,
) -> Result<(), Ineligibility> {
    check_order_amount(kind, market, order_total)?;
    if let (true, Some(limit)) = (kind.is_credit(), purchase_limit) {
        if !matches!(
            order_total.partial_cmp(&limit),
            Some(Ordering::Less | Ordering::Equal)
        ) {
            return Err(Ineligibility::AbovePurchaseLimit { limit });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    fn gbp(minor: i64) -> Money {
        Money::from_minor(minor, Currency::GBP)
    }

    fn us(kind: PlanKind, total: Money) -> Result<(), Ineligibility> {
        check_eligibility(kind, Market::US, total, None)
    }

    fn uk(kind: PlanKind, total: Money) -> Result<(), Ineligibility> {
        check_eligibility(kind, Market::UK, total, None)
    }

    #[test]
    fn pay_in_4_range_edges() {
        assert_eq!(
            us(PlanKind::PayIn4, usd(3499)),
            Err(Ineligibility::BelowMinimum {
                kind: PlanKind::PayIn4,
                minimum: usd(3500)
            })
        );
        assert_eq!(us(PlanKind::PayIn4, usd(3500)), Ok(()));
        assert_eq!(us(PlanKind::PayIn4, usd(100_000)), Ok(()));
        assert_eq!(
            us(PlanKind::PayIn4, usd(100_001)),
            Err(Ineligibility::AboveMaximum {
                kind: PlanKind::PayIn4,
                maximum: usd(100_000)
            })
        );
    }

    #[test]
    fn pay_in_3_range_edges() {
        assert!(uk(PlanKind::PayIn3, gbp(2999)).is_err());
        assert_eq!(uk(PlanKind::PayIn3, gbp(3000)), Ok(()));
        assert_eq!(uk(PlanKind::PayIn3, gbp(100_000)), Ok(()));
        assert!(uk(PlanKind::PayIn3, gbp(100_001)).is_err());
    }

    #[test]
    fn pay_in_30_range_edges_in_both_markets() {
        for (market, money) in [
            (Market::US, usd as fn(i64) -> Money),
            (Market::UK, gbp as fn(i64) -> Money),
        ] {
            let check = |minor| check_eligibility(PlanKind::PayIn30, market, money(minor), None);
            assert!(check(999).is_err());
            assert_eq!(check(1000), Ok(()));
            assert_eq!(check(100_000), Ok(()));
            assert!(check(100_001).is_err());
        }
    }

    #[test]
    fn financing_range_edges() {
        for months in [6, 12, 18, 24] {
            let kind = PlanKind::Financing { months };
            assert!(us(kind, usd(14_999)).is_err());
            assert_eq!(us(kind, usd(15_000)), Ok(()));
            assert_eq!(us(kind, usd(1_000_000)), Ok(()));
            assert!(us(kind, usd(1_000_001)).is_err());
        }
    }

    #[test]
    fn pay_now_range_edges() {
        assert!(us(PlanKind::PayNow, usd(0)).is_err());
        assert_eq!(us(PlanKind::PayNow, usd(1)), Ok(()));
        assert_eq!(uk(PlanKind::PayNow, gbp(1_000_000)), Ok(()));
        assert!(uk(PlanKind::PayNow, gbp(1_000_001)).is_err());
    }

    #[test]
    fn options_of_another_market_are_not_offered() {
        assert_eq!(
            uk(PlanKind::PayIn4, gbp(10_000)),
            Err(Ineligibility::NotOfferedInMarket {
                kind: PlanKind::PayIn4,
                market: Market::UK
            })
        );
        assert!(us(PlanKind::PayIn3, usd(10_000)).is_err());
        assert!(uk(PlanKind::Financing { months: 12 }, gbp(50_000)).is_err());
        assert!(us(PlanKind::Financing { months: 7 }, usd(50_000)).is_err());
    }

    #[test]
    fn currency_must_match_the_market() {
        assert_eq!(
            us(PlanKind::PayIn4, gbp(10_000)),
            Err(Ineligibility::WrongCurrency {
                kind: PlanKind::PayIn4,
                expected: Currency::USD,
                got: Currency::GBP
            })
        );
    }

    #[test]
    fn purchase_limit_caps_credit_but_not_pay_now() {
        let limit = Some(usd(50_000));
        let check = |kind, minor| check_eligibility(kind, Market::US, usd(minor), limit);
        assert_eq!(check(PlanKind::PayIn4, 50_000), Ok(()));
        assert_eq!(
            check(PlanKind::PayIn4, 50_001),
            Err(Ineligibility::AbovePurchaseLimit { limit: usd(50_000) })
        );
        assert!(check(PlanKind::Financing { months: 12 }, 60_000).is_err());
        assert_eq!(check(PlanKind::PayNow, 60_000), Ok(()));
        // A limit in pounds says nothing about dollars.
        assert!(
            check_eligibility(PlanKind::PayIn4, Market::US, usd(5000), Some(gbp(100_000))).is_err()
        );
    }

    #[test]
    fn amount_checks_come_before_the_purchase_limit() {
        // Too small for Pay in 4 and above the limit: the amount is the useful reason.
        let result = check_eligibility(PlanKind::PayIn4, Market::US, usd(2000), Some(usd(1000)));
        assert!(matches!(result, Err(Ineligibility::BelowMinimum { .. })));
    }

    #[test]
    fn messages_for_the_shopper() {
        assert_eq!(
            us(PlanKind::PayIn4, usd(3000)).unwrap_err().message(),
            "Pay in 4 needs an order of at least $35.00"
        );
        assert_eq!(
            us(PlanKind::PayIn4, usd(200_000)).unwrap_err().to_string(),
            "Pay in 4 is available for orders up to $1,000.00"
        );
        assert_eq!(
            Ineligibility::AbovePurchaseLimit { limit: usd(50_000) }.message(),
            "Above your Klarna purchase limit of $500.00"
        );
        assert_eq!(
            uk(PlanKind::Financing { months: 12 }, gbp(50_000))
                .unwrap_err()
                .message(),
            "Financing, 12 months is not offered in the United Kingdom"
        );
        assert_eq!(
            uk(PlanKind::PayIn3, usd(5000)).unwrap_err().message(),
            "Pay in 3 needs an order in GBP, not USD"
        );
    }

    #[test]
    fn reasons_serialize_with_a_tag() {
        let reason = Ineligibility::BelowMinimum {
            kind: PlanKind::PayIn4,
            minimum: usd(3500),
        };
        let json = serde_json::to_string(&reason).unwrap();
        assert_eq!(
            json,
            r#"{"reason":"below_minimum","kind":"pay_in_4","minimum":{"amount":"35.00","currency":"USD"}}"#
        );
        assert_eq!(
            serde_json::from_str::<Ineligibility>(&json).unwrap(),
            reason
        );
    }
}
