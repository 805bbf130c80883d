//! The side-by-side comparison of every option the cart qualifies for, and where each
//! payment sits on a shared timeline (from the purchase to the last payment of any option).

use chrono::NaiveDate;

use crate::domain::money::Money;
use crate::domain::plans::{PlanKind, PlanOffer};
use rust_decimal::Decimal;

#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonRow {
    pub kind: PlanKind,
    pub payments: usize,
    pub first_amount: Money,
    pub first_due: NaiveDate,
    pub last_due: NaiveDate,
    pub total_cost: Money,
    pub total_interest: Money,
    pub apr: Decimal,
}

/// One row per eligible option, in checkout order.
pub fn comparison_rows(offers: &[PlanOffer]) -> Vec<ComparisonRow> {
    offers
        .iter()
        .filter_map(|offer| {
            let plan = offer.plan()?;
            let first = plan.installments.first()?;
            let last = plan.installments.last()?;
            Some(ComparisonRow {
                kind: plan.kind,
                payments: plan.installments.len(),
                first_amount: first.amount,
                first_due: first.due,
                last_due: last.due,
                total_cost: plan.total_cost,
                total_interest: plan.total_interest,
                apr: plan.apr,
            })
        })
        .collect()
}

/// A payment on the timeline: `position` runs from 0 (the purchase) to 1 (the last payment of
/// any option), so every option shares one axis.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelinePoint {
    pub position: f64,
    pub due: NaiveDate,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRow {
    pub kind: PlanKind,
    pub points: Vec<TimelinePoint>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub rows: Vec<TimelineRow>,
}

pub fn timeline(offers: &[PlanOffer], purchase_date: NaiveDate) -> Timeline {
    let eligible: Vec<_> = offers.iter().filter_map(PlanOffer::plan).collect();
    let end = eligible
        .iter()
        .filter_map(|plan| plan.installments.last().map(|i| i.due))
        .max()
        .unwrap_or(purchase_date)
        .max(purchase_date);
    // A one-day span keeps positions finite when every payment is today (pay now only).
    let span = (end - purchase_date).num_days().max(1) as f64;
    let rows = eligible
        .iter()
        .map(|plan| TimelineRow {
            kind: plan.kind,
            points: plan
                .installments
                .iter()
                .map(|i| TimelinePoint {
                    position: ((i.due - purchase_date).num_days().max(0) as f64 / span).min(1.0),
                    due: i.due,
                    amount: i.amount,
                })
                .collect(),
        })
        .collect();
    Timeline {
        start: purchase_date,
        end,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::market::Market;
    use crate::domain::money::Currency;
    use crate::domain::plans::offers;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    #[test]
    fn rows_only_for_eligible_options() {
        let all = offers(
            Market::US,
            Money::from_minor(2000, Currency::USD),
            day(),
            None,
        );
        let rows = comparison_rows(&all);
        assert_eq!(
            rows.iter().map(|r| r.kind.id()).collect::<Vec<_>>(),
            ["pay_in_30", "pay_now"]
        );
        assert_eq!(rows[1].payments, 1);
        assert_eq!(rows[1].first_due, day());
    }

    #[test]
    fn positions_share_one_axis_and_stay_in_range() {
        let all = offers(
            Market::US,
            Money::from_minor(40_000, Currency::USD),
            day(),
            None,
        );
        let line = timeline(&all, day());
        assert_eq!(line.rows.len(), 7);
        let points: Vec<&TimelinePoint> = line.rows.iter().flat_map(|r| &r.points).collect();
        assert!(points.iter().all(|p| (0.0..=1.0).contains(&p.position)));
        assert!(
            points.iter().any(|p| p.position == 1.0),
            "the last payment ends the axis"
        );
        let pay_now = line
            .rows
            .iter()
            .find(|r| r.kind == PlanKind::PayNow)
            .unwrap();
        assert_eq!(pay_now.points[0].position, 0.0);
        for row in &line.rows {
            assert!(row
                .points
                .windows(2)
                .all(|w| w[0].position <= w[1].position));
        }
    }

    #[test]
    fn nothing_eligible_gives_an_empty_timeline() {
        let all = offers(
            Market::US,
            Money::from_minor(2_000_000, Currency::USD),
            day(),
            None,
        );
        let line = timeline(&all, day());
        assert!(line.rows.is_empty());
        assert_eq!(line.end, day());
    }
}
