//! The plan's cost in plain words, shown beside each option before the shopper agrees.

use chrono::NaiveDate;

use super::eligibility::amount_limits;
use super::financing::{DUE_DAY, STATEMENT_DAY};
use super::kind::PlanKind;
use super::plan::{build_plan, Plan};
use crate::domain::market::Market;
use crate::domain::money::Money;

/// One or two sentences: how many payments of how much, how often, and what it costs.
pub fn plain_terms(plan: &Plan) -> String {
    let amounts: Vec<Money> = plan.installments.iter().map(|i| i.amount).collect();
    let count = amounts.len();
    match plan.kind {
        PlanKind::PayIn4 => format!(
            "{count} interest-free payments{} every 2 weeks. No fees when you pay on time.",
            describe_amounts(&amounts)
        ),
        PlanKind::PayIn3 => format!(
            "{count} interest-free payments{} every 30 days. No fees when you pay on time.",
            describe_amounts(&amounts)
        ),
        PlanKind::PayIn30 => format!(
            "Pay {} 30 days after your order ships. Interest-free, no fees when you pay on time.",
            plan.total
        ),
        PlanKind::Financing { .. } => format!(
            "{count} monthly payments{}, due on the {}. {}% APR, total interest {}, \
             total cost {}.",
            describe_amounts(&amounts),
            day_of_month(DUE_DAY),
            plan.apr.normalize(),
            plan.total_interest,
            plan.total_cost
        ),
        PlanKind::PayNow => format!("Pay {} in full now. No interest, no fees.", plan.total),
    }
}

/// The line under a product's price: "or 4 interest-free payments of $25.00 with Klarna" (the
/// first payment, which carries any remainder cents, so the figure is never understated), or,
/// when the price is out of range, what it would take.
pub fn price_teaser(market: Market, price: Money, purchase_date: NaiveDate) -> String {
    let kind = match market {
        Market::US => PlanKind::PayIn4,
        Market::UK => PlanKind::PayIn3,
    };
    match build_plan(kind, market, price, purchase_date) {
        Ok(plan) => format!(
            "or {} interest-free payments of {} with Klarna",
            plan.installments.len(),
            plan.installments[0].amount
        ),
        Err(_) => match amount_limits(kind, market) {
            Some(limits) if price < limits.min => {
                format!("{} with Klarna on orders from {}", kind.name(), limits.min)
            }
            Some(limits) => format!("{} with Klarna on orders up to {}", kind.name(), limits.max),
            None => format!("{} is not offered in this market", kind.name()),
        },
    }
}

/// When financing bills and collects, in the words My Klarna shows.
pub fn financing_calendar() -> String {
    format!(
        "Financing: a statement on the {} of each month, the payment due on the {}.",
        day_of_month(STATEMENT_DAY),
        day_of_month(DUE_DAY)
    )
}

/// "2nd", "26th": the day of a month as it is read.
fn day_of_month(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// " of $25.00" when every payment is the same, otherwise which one differs.
fn describe_amounts(amounts: &[Money]) -> String {
    let (Some(&first), Some(&last)) = (amounts.first(), amounts.last()) else {
        return String::new();
    };
    let rest = &amounts[1..];
    if rest.iter().all(|&a| a == first) {
        return format!(" of {first}");
    }
    if rest.iter().all(|&a| a == rest[0]) {
        return format!(" ({first}, then {} of {})", rest.len(), rest[0]);
    }
    let init = &amounts[..amounts.len() - 1];
    if init.iter().all(|&a| a == first) {
        return format!(" of {first} (the last {last})");
    }
    let total = Money::sum_in(first.currency(), amounts.iter().copied());
    format!(" totalling {total}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use crate::domain::plans::build_plan;
    use chrono::NaiveDate;

    fn terms(kind: PlanKind, market: Market, minor: i64) -> String {
        let date = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let total = Money::from_minor(minor, market.currency());
        plain_terms(&build_plan(kind, market, total, date).unwrap())
    }

    #[test]
    fn pay_in_4() {
        assert_eq!(
            terms(PlanKind::PayIn4, Market::US, 10_000),
            "4 interest-free payments of $25.00 every 2 weeks. No fees when you pay on time."
        );
        assert_eq!(
            terms(PlanKind::PayIn4, Market::US, 10_003),
            "4 interest-free payments ($25.03, then 3 of $25.00) every 2 weeks. \
             No fees when you pay on time."
        );
    }

    #[test]
    fn pay_in_3() {
        assert_eq!(
            terms(PlanKind::PayIn3, Market::UK, 10_000),
            "3 interest-free payments (£33.34, then 2 of £33.33) every 30 days. \
             No fees when you pay on time."
        );
    }

    #[test]
    fn pay_in_30_and_pay_now() {
        assert_eq!(
            terms(PlanKind::PayIn30, Market::UK, 4550),
            "Pay £45.50 30 days after your order ships. Interest-free, no fees when you pay on time."
        );
        assert_eq!(
            terms(PlanKind::PayNow, Market::US, 123_456),
            "Pay $1,234.56 in full now. No interest, no fees."
        );
    }

    #[test]
    fn financing() {
        assert_eq!(
            terms(PlanKind::Financing { months: 12 }, Market::US, 100_000),
            "12 monthly payments of $92.63, due on the 26th. 19.99% APR, \
             total interest $111.56, total cost $1,111.56."
        );
        assert_eq!(
            terms(PlanKind::Financing { months: 24 }, Market::US, 15_000),
            "24 monthly payments of $7.63 (the last $7.76), due on the 26th. 19.99% APR, \
             total interest $33.25, total cost $183.25."
        );
        assert_eq!(
            terms(PlanKind::Financing { months: 6 }, Market::US, 30_000),
            "6 monthly payments of $50.00, due on the 26th. 0% APR, \
             total interest $0.00, total cost $300.00."
        );
    }

    #[test]
    fn uneven_amounts() {
        let usd = |m| Money::from_minor(m, Currency::USD);
        assert_eq!(describe_amounts(&[usd(5)]), " of $0.05");
        assert_eq!(
            describe_amounts(&[usd(1), usd(2), usd(3)]),
            " totalling $0.06"
        );
    }

    #[test]
    fn teaser_names_the_market_split_or_the_limit() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(
            price_teaser(Market::US, Money::from_minor(10003, Currency::USD), day),
            "or 4 interest-free payments of $25.03 with Klarna"
        );
        assert_eq!(
            price_teaser(Market::UK, Money::from_minor(9000, Currency::GBP), day),
            "or 3 interest-free payments of £30.00 with Klarna"
        );
        let cheap = price_teaser(Market::US, Money::from_minor(1000, Currency::USD), day);
        assert_eq!(cheap, "Pay in 4 with Klarna on orders from $35.00");
        let dear = price_teaser(Market::US, Money::from_minor(150_000, Currency::USD), day);
        assert_eq!(dear, "Pay in 4 with Klarna on orders up to $1,000.00");
    }

    #[test]
    fn days_of_the_month_read_as_ordinals() {
        let read: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 26, 31]
            .map(day_of_month)
            .into();
        assert_eq!(
            read,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "26th",
                "31st"
            ]
        );
        assert_eq!(
            financing_calendar(),
            "Financing: a statement on the 2nd of each month, the payment due on the 26th."
        );
    }
}
