//! Invariants every plan keeps, for any option, market, eligible amount and purchase date.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::domain::calendar::{add_business_days, is_business_day};
use crate::domain::market::Market;
use crate::domain::money::{Currency, Money};

fn market_and_kind() -> impl Strategy<Value = (Market, PlanKind)> {
    prop_oneof![
        (0..available_kinds(Market::US).len())
            .prop_map(|i| (Market::US, available_kinds(Market::US)[i])),
        (0..available_kinds(Market::UK).len())
            .prop_map(|i| (Market::UK, available_kinds(Market::UK)[i])),
    ]
}

fn purchase_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..366 * 15)
        .prop_map(|offset| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(offset))
}

/// An amount in the option's range: `per_million` picks the point between min and max.
fn eligible_total(kind: PlanKind, market: Market, per_million: i64) -> Money {
    let limits = amount_limits(kind, market).expect("kind offered in market");
    let (min, max) = (limits.min.minor(), limits.max.minor());
    Money::from_minor(
        min + (max - min) * per_million / 1_000_000,
        market.currency(),
    )
}

/// The first payment of these kinds is charged at purchase, whatever the day.
fn first_is_at_purchase(kind: PlanKind) -> bool {
    matches!(kind, PlanKind::PayIn4 | PlanKind::PayIn3 | PlanKind::PayNow)
}

fn check_plan(plan: &Plan, total: Money) -> Result<(), TestCaseError> {
    let currency = plan.currency;
    let installments = &plan.installments;
    prop_assert_eq!(installments.len(), plan.kind.installment_count());
    prop_assert_eq!(plan.total, total);

    let sum =
        |part: fn(&Installment) -> Money| Money::sum_in(currency, installments.iter().map(part));
    prop_assert_eq!(sum(|i| i.principal), total);
    prop_assert_eq!(sum(|i| i.interest), plan.total_interest);
    prop_assert_eq!(sum(|i| i.amount), plan.total_cost);
    prop_assert_eq!(plan.total_cost, total + plan.total_interest);

    for (index, installment) in installments.iter().enumerate() {
        prop_assert_eq!(installment.number as usize, index + 1);
        prop_assert_eq!(
            installment.amount,
            installment.principal + installment.interest
        );
        prop_assert!(!installment.amount.is_negative());
        prop_assert!(!installment.principal.is_negative());
        prop_assert!(!installment.interest.is_negative());
        prop_assert_eq!(installment.amount.currency(), currency);
        let charged_at_purchase = index == 0 && first_is_at_purchase(plan.kind);
        if charged_at_purchase {
            prop_assert_eq!(installment.due, plan.purchase_date);
        } else {
            prop_assert!(installment.due > plan.purchase_date);
            prop_assert!(
                is_business_day(installment.due, plan.market),
                "{} due on a non-business day {}",
                plan.kind,
                installment.due
            );
        }
    }
    prop_assert!(installments.windows(2).all(|w| w[0].due < w[1].due));
    Ok(())
}

proptest! {
    #[test]
    fn every_plan_keeps_its_invariants(
        (market, kind) in market_and_kind(),
        per_million in 0i64..=1_000_000,
        date in purchase_date(),
    ) {
        let total = eligible_total(kind, market, per_million);
        let plan = build_plan(kind, market, total, date).unwrap();
        check_plan(&plan, total)?;
        if plan.apr.is_zero() {
            // Even split with every leftover cent on the first payment.
            prop_assert!(plan.total_interest.is_zero());
            let (first, rest) = plan.installments.split_first().unwrap();
            if let Some(level) = plan.monthly_payment() {
                prop_assert_eq!(level, rest[0].amount);
                prop_assert_eq!(level, monthly_payment(total, plan.apr, rest.len() as u32 + 1));
            }
            prop_assert!(rest.iter().all(|i| i.amount == rest[0].amount));
            if let Some(other) = rest.first() {
                let extra = first.amount.minor() - other.amount.minor();
                prop_assert!((0..plan.installments.len() as i64).contains(&extra));
            }
        } else {
            // Amortized: level payments, the last absorbing rounding by a few cents.
            let level = plan.monthly_payment().unwrap();
            prop_assert_eq!(level, plan.installments[0].amount);
            let (last, init) = plan.installments.split_last().unwrap();
            prop_assert!(init.iter().all(|i| i.amount == level));
            prop_assert!((last.amount.minor() - level.minor()).abs() <= i64::from(kind.installment_count() as u32));
            prop_assert!(plan.total_interest.minor() > 0);
        }
    }

    #[test]
    fn pay_in_30_counts_30_days_from_capture(
        market in prop_oneof![Just(Market::US), Just(Market::UK)],
        per_million in 0i64..=1_000_000,
        date in purchase_date(),
        handling_days in 0u64..20,
    ) {
        let total = eligible_total(PlanKind::PayIn30, market, per_million);
        let estimate = build_plan(PlanKind::PayIn30, market, total, date).unwrap();
        check_plan(&estimate, total)?;
        let captured_on = date + Days::new(handling_days);
        let plan = estimate.with_capture_date(captured_on);
        check_plan(&plan, total)?;
        let due = plan.installments[0].due;
        let scheduled = captured_on + Days::new(PAY_IN_30_DAYS_AFTER_CAPTURE);
        prop_assert!(due >= scheduled);
        prop_assert!((due - scheduled).num_days() <= 5);
        // Sellers ship on business days; the estimate assumes the fastest of those, so the
        // real due date is never earlier than the one shown at checkout.
        let handling = u32::try_from(handling_days % 5).unwrap() + 1;
        let shipped = estimate.with_capture_date(add_business_days(date, handling, market));
        prop_assert!(shipped.installments[0].due >= estimate.installments[0].due);
    }

    #[test]
    fn interest_free_schedules_hold_for_any_amount(
        minor in 0i64..100_000_000,
        date in purchase_date(),
        us in any::<bool>(),
    ) {
        let market = if us { Market::US } else { Market::UK };
        let total = Money::from_minor(minor, market.currency());
        for schedule in [
            pay_in_4_schedule(total, date, market),
            pay_in_3_schedule(total, date, market),
            pay_in_30_schedule(total, date, market),
            pay_now_schedule(total, date),
        ] {
            prop_assert_eq!(Money::sum_in(market.currency(), schedule.iter().map(|i| i.amount)), total);
            prop_assert!(schedule.iter().all(|i| !i.amount.is_negative()));
            prop_assert!(schedule.windows(2).all(|w| w[0].due < w[1].due));
        }
    }

    #[test]
    fn financing_schedule_holds_for_any_amount_and_term(
        minor in 0i64..10_000_000,
        months in 1u32..=36,
        apr_hundredths in 0i64..=3600,
        date in purchase_date(),
    ) {
        let principal = Money::from_minor(minor, Currency::USD);
        let apr = rust_decimal::Decimal::new(apr_hundredths, 2);
        let schedule = financing_schedule(principal, apr, months, date, Market::US);
        prop_assert_eq!(schedule.len(), months as usize);
        prop_assert_eq!(Money::sum_in(Currency::USD, schedule.iter().map(|i| i.principal)), principal);
        prop_assert!(schedule.iter().all(|i| !i.amount.is_negative()
            && !i.principal.is_negative()
            && !i.interest.is_negative()
            && i.amount == i.principal + i.interest));
        prop_assert!(schedule.windows(2).all(|w| w[0].due < w[1].due));
        prop_assert!(schedule.iter().all(|i| i.due > date && is_business_day(i.due, Market::US)));
    }

    #[test]
    fn offers_match_eligibility_and_the_purchase_limit(
        (market, _) in market_and_kind(),
        minor in 0i64..1_500_000,
        limit_minor in prop::option::of(0i64..1_500_000),
        date in purchase_date(),
    ) {
        let currency = market.currency();
        let total = Money::from_minor(minor, currency);
        let limit = limit_minor.map(|m| Money::from_minor(m, currency));
        let all = offers(market, total, date, limit);
        prop_assert_eq!(all.len(), available_kinds(market).len());
        for offer in &all {
            let expected = check_eligibility(offer.kind, market, total, limit);
            prop_assert_eq!(offer.ineligibility().cloned(), expected.err());
            if let (Some(plan), Some(limit)) = (offer.plan(), limit) {
                if offer.kind.is_credit() {
                    prop_assert!(plan.total.minor() <= limit.minor());
                }
            }
            if let Some(plan) = offer.plan() {
                check_plan(plan, total)?;
            }
        }
    }
}

#[test]
fn currencies_of_the_strategies_match_the_markets() {
    assert_eq!(Market::US.currency(), Currency::USD);
    assert_eq!(Market::UK.currency(), Currency::GBP);
}
