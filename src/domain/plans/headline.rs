//! The few words checkout puts first: an option's headline (what is paid today and what
//! follows) and what the pay button does ("Pay $43.76 today", "Buy now, pay on Mon 4 Jan 2027").

use super::kind::PlanKind;
use super::plan::Plan;
use crate::domain::format;
use crate::domain::money::Money;

/// "$43.76 today, then 3 × $43.74 every 2 weeks"; "$92.63 a month for 12 months";
/// "Nothing today, $45.50 on Mon 4 Jan 2027"; "$120.00 today".
pub fn headline(plan: &Plan) -> String {
    let Some(first) = plan.installments.first() else {
        return String::new();
    };
    let rest: Vec<Money> = plan.installments[1..].iter().map(|i| i.amount).collect();
    let today = if first.due == plan.purchase_date {
        format!("{} today", first.amount)
    } else {
        format!(
            "Nothing today, {} on {}",
            first.amount,
            format::date(first.due)
        )
    };
    let every = match plan.kind {
        PlanKind::PayIn4 => "every 2 weeks",
        PlanKind::PayIn3 => "every 30 days",
        PlanKind::Financing { months } => {
            return match plan.monthly_payment() {
                Some(monthly) => format!("{monthly} a month for {months} months"),
                None => format!("{months} monthly payments totalling {}", plan.total_cost),
            };
        }
        PlanKind::PayIn30 | PlanKind::PayNow => return today,
    };
    match rest.as_slice() {
        [] => today,
        [one, others @ ..] if others.iter().all(|a| a == one) => {
            format!("{today}, then {} × {one} {every}", rest.len())
        }
        _ => {
            let sum = Money::sum_in(plan.currency, rest.iter().copied());
            format!(
                "{today}, then {} payments totalling {sum} {every}",
                rest.len()
            )
        }
    }
}

/// What pressing the pay button does with this plan, as its label says it.
pub fn pay_action(plan: &Plan) -> String {
    match plan.installments.first() {
        Some(first) if first.due == plan.purchase_date => format!("Pay {} today", first.amount),
        Some(first) if plan.installments.len() == 1 => {
            format!("Buy now, pay on {}", format::date(first.due))
        }
        Some(first) => format!("Buy now, first payment on {}", format::date(first.due)),
        None => "Confirm".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::market::Market;
    use crate::domain::plans::build_plan;
    use chrono::NaiveDate;

    fn plan(kind: PlanKind, market: Market, minor: i64) -> Plan {
        let bought = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        build_plan(
            kind,
            market,
            Money::from_minor(minor, market.currency()),
            bought,
        )
        .unwrap()
    }

    #[test]
    fn pay_in_4_leads_with_today_and_the_rest() {
        let p = plan(PlanKind::PayIn4, Market::US, 17_498);
        assert_eq!(headline(&p), "$43.76 today, then 3 × $43.74 every 2 weeks");
        assert_eq!(pay_action(&p), "Pay $43.76 today");
        let even = plan(PlanKind::PayIn4, Market::US, 10_000);
        assert_eq!(
            headline(&even),
            "$25.00 today, then 3 × $25.00 every 2 weeks"
        );
    }

    #[test]
    fn pay_in_3_every_30_days() {
        let p = plan(PlanKind::PayIn3, Market::UK, 10_000);
        assert_eq!(headline(&p), "£33.34 today, then 2 × £33.33 every 30 days");
        assert_eq!(pay_action(&p), "Pay £33.34 today");
    }

    #[test]
    fn pay_in_30_asks_nothing_today() {
        let p = plan(PlanKind::PayIn30, Market::US, 4_550);
        let due = format::date(p.installments[0].due);
        assert_eq!(headline(&p), format!("Nothing today, $45.50 on {due}"));
        assert_eq!(pay_action(&p), format!("Buy now, pay on {due}"));
    }

    #[test]
    fn financing_is_a_monthly_figure() {
        let p = plan(PlanKind::Financing { months: 12 }, Market::US, 100_000);
        assert_eq!(headline(&p), "$92.63 a month for 12 months");
        let first = format::date(p.installments[0].due);
        assert_eq!(pay_action(&p), format!("Buy now, first payment on {first}"));
    }

    #[test]
    fn pay_now_is_the_whole_amount_today() {
        let p = plan(PlanKind::PayNow, Market::US, 12_000);
        assert_eq!(headline(&p), "$120.00 today");
        assert_eq!(pay_action(&p), "Pay $120.00 today");
    }
}
