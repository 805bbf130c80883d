//! A payment plan: the chosen option with its dated installments and what it costs.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::eligibility::{check_order_amount, Ineligibility};
use super::financing::{financing_apr, financing_schedule, statement_dates};
use super::kind::PlanKind;
use super::schedule::{
    pay_in_30_schedule, pay_in_3_schedule, pay_in_4_schedule, pay_now_schedule, Installment,
};
use crate::domain::calendar::add_business_days;
use crate::domain::market::Market;
use crate::domain::money::{Currency, Money};

/// Before shipment a Pay in 30 days due date is estimated from the seller's fastest handling
/// time (the spec's 1-5 business days). The earliest estimate means the real collection is
/// never earlier than the date the shopper was shown.
pub const PAY_IN_30_ESTIMATED_HANDLING_BUSINESS_DAYS: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub kind: PlanKind,
    pub market: Market,
    pub currency: Currency,
    pub purchase_date: NaiveDate,
    /// The capture (shipment) date a Pay in 30 days due date counts from; `None` for the
    /// other kinds, and for Pay in 30 days before shipment, when the due date is an estimate.
    pub captured_on: Option<NaiveDate>,
    pub installments: Vec<Installment>,
    /// The order total, i.e. the principal.
    pub total: Money,
    pub total_interest: Money,
    /// `total + total_interest`: what the shopper pays in all, on time.
    pub total_cost: Money,
    /// Annual percentage rate in percent (`19.99`), zero for interest-free plans.
    pub apr: Decimal,
}

impl Plan {
    /// Whether the plan is one the shop could have agreed: payments that add up to what it
    /// costs, price plus interest, and nothing below zero. `Err` names the first rule broken.
    pub fn check_invariants(&self) -> Result<(), String> {
        let amounts = [self.total, self.total_interest, self.total_cost]
            .into_iter()
            .chain(
                self.installments
                    .iter()
                    .flat_map(|i| [i.amount, i.principal, i.interest]),
            );
        for amount in amounts {
            if amount.currency() != self.currency || amount.is_negative() {
                return Err(format!("the plan holds an impossible amount ({amount})"));
            }
        }
        if self.total_cost != self.total + self.total_interest {
            return Err("the plan's cost is not its price plus interest".into());
        }
        if self
            .installments
            .iter()
            .any(|i| i.amount != i.principal + i.interest)
        {
            return Err("a payment is not its principal plus interest".into());
        }
        let paid = Money::sum_in(self.currency, self.installments.iter().map(|i| i.amount));
        if paid != self.total_cost {
            return Err(format!(
                "the payments add up to {paid}, not the plan's {}",
                self.total_cost
            ));
        }
        Ok(())
    }

    /// The level monthly payment of financing: what every payment is but, for rounding, the
    /// last (amortized) or the first (0%, leftover cents).
    pub fn monthly_payment(&self) -> Option<Money> {
        if !self.kind.is_financing() {
            return None;
        }
        let level = self.installments.get(1).or(self.installments.first())?;
        Some(level.amount)
    }

    /// Whether the due dates depend on a shipment that has not happened yet.
    pub fn due_dates_are_estimates(&self) -> bool {
        self.kind == PlanKind::PayIn30 && self.captured_on.is_none()
    }

    /// The plan once the order is captured (shipped): Pay in 30 days counts from that day;
    /// the other kinds do not depend on it and come back unchanged. A capture date before
    /// the purchase is taken as the purchase date.
    pub fn with_capture_date(&self, captured_on: NaiveDate) -> Plan {
        if self.kind != PlanKind::PayIn30 {
            return self.clone();
        }
        let captured_on = captured_on.max(self.purchase_date);
        Plan {
            captured_on: Some(captured_on),
            installments: pay_in_30_schedule(self.total, captured_on, self.market),
            ..self.clone()
        }
    }

    /// Financing statement dates (one per installment); empty for the other kinds.
    pub fn statement_dates(&self) -> Vec<NaiveDate> {
        match self.kind {
            PlanKind::Financing { months } => statement_dates(self.purchase_date, months),
            _ => Vec::new(),
        }
    }

    pub fn is_interest_free(&self) -> bool {
        self.total_interest.is_zero()
    }
}

/// The plan `kind` gives for an order of `total` bought on `purchase_date`, or why the
/// order cannot have it (market, currency, amount range). The shopper's purchase limit is a
/// checkout matter: see [`super::offer`].
pub fn build_plan(
    kind: PlanKind,
    market: Market,
    total: Money,
    purchase_date: NaiveDate,
) -> Result<Plan, Ineligibility> {
    check_order_amount(kind, market, total)?;
    let (installments, apr) = match kind {
        PlanKind::PayIn4 => (
            pay_in_4_schedule(total, purchase_date, market),
            Decimal::ZERO,
        ),
        PlanKind::PayIn3 => (
            pay_in_3_schedule(total, purchase_date, market),
            Decimal::ZERO,
        ),
        PlanKind::PayIn30 => {
            let estimated_capture = add_business_days(
                purchase_date,
                PAY_IN_30_ESTIMATED_HANDLING_BUSINESS_DAYS,
                market,
            );
            (
                pay_in_30_schedule(total, estimated_capture, market),
                Decimal::ZERO,
            )
        }
        PlanKind::Financing { months } => {
            let apr = financing_apr(months, total);
            (
                financing_schedule(total, apr, months, purchase_date, market),
                apr,
            )
        }
        PlanKind::PayNow => (pay_now_schedule(total, purchase_date), Decimal::ZERO),
    };
    let currency = market.currency();
    let total_interest = Money::sum_in(currency, installments.iter().map(|i| i.interest));
    Ok(Plan {
        kind,
        market,
        currency,
        purchase_date,
        captured_on: None,
        installments,
        total,
        total_interest,
        total_cost: total + total_interest,
        apr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    fn gbp(minor: i64) -> Money {
        Money::from_minor(minor, Currency::GBP)
    }

    #[test]
    fn pay_in_4_plan_totals() {
        let plan = build_plan(PlanKind::PayIn4, Market::US, usd(10_001), d(2026, 3, 2)).unwrap();
        assert_eq!(plan.currency, Currency::USD);
        assert_eq!(plan.installments.len(), 4);
        assert_eq!(plan.installments[0].amount, usd(2501));
        assert_eq!(plan.total, usd(10_001));
        assert_eq!(plan.total_interest, usd(0));
        assert_eq!(plan.total_cost, usd(10_001));
        assert_eq!(plan.apr, dec!(0));
        assert_eq!(plan.monthly_payment(), None);
        assert!(plan.is_interest_free());
        assert!(!plan.due_dates_are_estimates());
    }

    #[test]
    fn financing_plan_totals() {
        let kind = PlanKind::Financing { months: 12 };
        let plan = build_plan(kind, Market::US, usd(100_000), d(2026, 3, 10)).unwrap();
        assert_eq!(plan.apr, dec!(19.99));
        assert_eq!(plan.monthly_payment(), Some(usd(9263)));
        assert_eq!(plan.total_interest, usd(11_156));
        assert_eq!(plan.total_cost, usd(111_156));
        assert_eq!(plan.statement_dates().len(), 12);
        assert_eq!(plan.statement_dates()[0], d(2026, 4, 2));
    }

    #[test]
    fn six_month_promotion() {
        let kind = PlanKind::Financing { months: 6 };
        let promo = build_plan(kind, Market::US, usd(25_000), d(2026, 3, 10)).unwrap();
        assert_eq!(promo.apr, dec!(0));
        assert_eq!(promo.total_cost, usd(25_000));
        // 250 / 6 leaves 4 cents, all on the first payment.
        assert_eq!(promo.installments[0].amount, usd(4170));
        assert_eq!(promo.monthly_payment(), Some(usd(4166)));
        let standard = build_plan(kind, Market::US, usd(24_999), d(2026, 3, 10)).unwrap();
        assert_eq!(standard.apr, dec!(19.99));
        assert_eq!(standard.total_interest, usd(1476));
    }

    #[test]
    fn pay_in_30_is_estimated_until_capture() {
        // Friday 3 April 2026 is Good Friday in England: the earliest shipment is Tuesday 7,
        // so the estimate is Thursday 7 May.
        let plan = build_plan(PlanKind::PayIn30, Market::UK, gbp(5000), d(2026, 4, 2)).unwrap();
        assert!(plan.due_dates_are_estimates());
        assert_eq!(plan.installments[0].due, d(2026, 5, 7));
        // Shipped Monday 13 April: due Wednesday 13 May.
        let shipped = plan.with_capture_date(d(2026, 4, 13));
        assert!(!shipped.due_dates_are_estimates());
        assert_eq!(shipped.captured_on, Some(d(2026, 4, 13)));
        assert_eq!(shipped.installments[0].due, d(2026, 5, 13));
        assert_eq!(shipped.installments[0].amount, gbp(5000));
        // A capture date before the order is an input error: count from the order instead.
        let early = plan.with_capture_date(d(2026, 3, 1));
        // 2 May is a Saturday and Monday 4 May the early May bank holiday.
        assert_eq!(early.installments[0].due, d(2026, 5, 5));
    }

    #[test]
    fn capture_does_not_change_other_plans() {
        let plan = build_plan(PlanKind::PayIn4, Market::US, usd(10_000), d(2026, 3, 2)).unwrap();
        assert_eq!(plan.with_capture_date(d(2026, 3, 5)), plan);
    }

    #[test]
    fn ineligible_orders_build_no_plan() {
        assert!(build_plan(PlanKind::PayIn4, Market::US, usd(3499), d(2026, 3, 2)).is_err());
        assert!(build_plan(PlanKind::PayIn3, Market::US, usd(5000), d(2026, 3, 2)).is_err());
        assert!(build_plan(PlanKind::PayNow, Market::UK, usd(5000), d(2026, 3, 2)).is_err());
    }

    #[test]
    fn plans_round_trip_through_json() {
        let kind = PlanKind::Financing { months: 18 };
        let plan = build_plan(kind, Market::US, usd(123_456), d(2026, 3, 10)).unwrap();
        let json = serde_json::to_string(&plan).unwrap();
        assert!(json.contains(r#""kind":"financing_18""#));
        assert!(json.contains(r#""apr":"19.99""#));
        assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), plan);
    }
}
