//! What checkout shows: every option of the market, each with its plan or the reason it is
//! disabled.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::eligibility::{check_eligibility, Ineligibility};
use super::kind::{available_kinds, PlanKind};
use super::plan::{build_plan, Plan};
use crate::domain::market::Market;
use crate::domain::money::Money;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanOffer {
    pub kind: PlanKind,
    pub result: Result<Plan, Ineligibility>,
}

impl PlanOffer {
    pub fn plan(&self) -> Option<&Plan> {
        self.result.as_ref().ok()
    }

    pub fn ineligibility(&self) -> Option<&Ineligibility> {
        self.result.as_ref().err()
    }

    pub fn is_eligible(&self) -> bool {
        self.result.is_ok()
    }
}

/// One option for this shopper and order, including the purchase limit.
pub fn offer(
    kind: PlanKind,
    market: Market,
    order_total: Money,
    purchase_date: NaiveDate,
    purchase_limit: Option<Money>,
) -> PlanOffer {
    let result = check_eligibility(kind, market, order_total, purchase_limit)
        .and_then(|()| build_plan(kind, market, order_total, purchase_date));
    PlanOffer { kind, result }
}

/// Every option of `market`, in checkout order, eligible or not.
pub fn offers(
    market: Market,
    order_total: Money,
    purchase_date: NaiveDate,
    purchase_limit: Option<Money>,
) -> Vec<PlanOffer> {
    available_kinds(market)
        .iter()
        .map(|&kind| offer(kind, market, order_total, purchase_date, purchase_limit))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn usd(minor: i64) -> Money {
        Money::from_minor(minor, Currency::USD)
    }

    fn gbp(minor: i64) -> Money {
        Money::from_minor(minor, Currency::GBP)
    }

    fn eligible_ids(offers: &[PlanOffer]) -> Vec<&'static str> {
        offers
            .iter()
            .filter(|o| o.is_eligible())
            .map(|o| o.kind.id())
            .collect()
    }

    #[test]
    fn a_mid_sized_us_order_qualifies_for_everything() {
        let all = offers(Market::US, usd(40_000), d(2026, 3, 2), None);
        assert_eq!(all.len(), 7);
        assert_eq!(eligible_ids(&all).len(), 7);
        assert!(all.iter().all(|o| o.plan().unwrap().total == usd(40_000)));
    }

    #[test]
    fn a_small_us_order_gets_reasons() {
        let all = offers(Market::US, usd(2000), d(2026, 3, 2), None);
        assert_eq!(eligible_ids(&all), ["pay_in_30", "pay_now"]);
        assert_eq!(
            all[0].ineligibility().unwrap().message(),
            "Pay in 4 needs an order of at least $35.00"
        );
        assert_eq!(
            all[2].ineligibility().unwrap().message(),
            "Financing, 6 months needs an order of at least $150.00"
        );
    }

    #[test]
    fn the_purchase_limit_leaves_pay_now() {
        let all = offers(Market::US, usd(60_000), d(2026, 3, 2), Some(usd(50_000)));
        assert_eq!(eligible_ids(&all), ["pay_now"]);
        assert_eq!(
            all[0].ineligibility().unwrap().message(),
            "Above your Klarna purchase limit of $500.00"
        );
    }

    #[test]
    fn uk_offers() {
        let all = offers(Market::UK, gbp(3000), d(2026, 3, 2), None);
        assert_eq!(eligible_ids(&all), ["pay_in_3", "pay_in_30", "pay_now"]);
        let all = offers(Market::UK, gbp(2999), d(2026, 3, 2), None);
        assert_eq!(eligible_ids(&all), ["pay_in_30", "pay_now"]);
        assert_eq!(
            all[0].ineligibility().unwrap().message(),
            "Pay in 3 needs an order of at least £30.00"
        );
    }

    #[test]
    fn a_large_order_can_only_be_financed_or_paid_now() {
        let all = offers(Market::US, usd(500_000), d(2026, 3, 2), None);
        assert_eq!(
            eligible_ids(&all),
            [
                "financing_6",
                "financing_12",
                "financing_18",
                "financing_24",
                "pay_now"
            ]
        );
        let all = offers(Market::US, usd(1_000_001), d(2026, 3, 2), None);
        assert!(eligible_ids(&all).is_empty());
    }

    #[test]
    fn offers_serialize_for_storage() {
        let all = offers(Market::UK, gbp(2000), d(2026, 3, 2), None);
        let json = serde_json::to_string(&all).unwrap();
        assert_eq!(serde_json::from_str::<Vec<PlanOffer>>(&json).unwrap(), all);
    }
}
