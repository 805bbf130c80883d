//! The engine over long intervals: a year of many plans, in order, idempotent, and the same
//! whether the clock moves in one jump or in many small steps.

use proptest::prelude::*;

use super::properties::{any_method, any_plan};
use super::*;
use crate::domain::calendar::is_business_day;
use crate::domain::engine::{next_event_instant, EventSource};

/// 60 plans of every kind, bought over two months, paid with every kind of method; a few
/// disputes and refunds along the way.
fn busy_year() -> (PaymentsState, DateTime<Utc>) {
    let mut state = shopper();
    let plans = [
        (PlanKind::PayIn4, Market::US, 20_000),
        (PlanKind::PayIn3, Market::UK, 45_000),
        (PlanKind::PayIn30, Market::US, 6_000),
        (PlanKind::PayIn30, Market::UK, 1_999),
        (PlanKind::Financing { months: 12 }, Market::US, 120_000),
        (PlanKind::PayIn4, Market::US, 4_000),
    ];
    let methods = [CARD, DECLINING, WALLET, BANK];
    for i in 0..60u32 {
        let (kind, market, total) = plans[i as usize % plans.len()];
        let bought = d(2026, 1, 5) + Duration::days(i64::from(i));
        let method = methods[(i / 6) as usize % methods.len()];
        let total = Money::from_minor(total, market.currency());
        open(
            &mut state,
            &format!("O{i:02}"),
            kind,
            market,
            total,
            bought,
            method,
        );
    }
    let methods_book = state.methods.clone();
    for (order, at) in [("O07", d(2026, 3, 10)), ("O13", d(2026, 3, 20))] {
        let account = state.account_mut(order).unwrap();
        account.pause(noon(at)).unwrap();
    }
    let account = state.account_mut("O20").unwrap();
    let refund = Money::from_minor(5_000, account.currency);
    account
        .apply_refund(refund, noon(d(2026, 3, 1)), &methods_book)
        .unwrap();
    (state, noon(d(2026, 3, 6)))
}

#[test]
fn a_year_of_plans_runs_in_order_on_business_days_and_accounts_for_every_cent() {
    let (mut state, start) = busy_year();
    // A year, plus the few weeks the last 12-month financing plan runs beyond it.
    let end = start + Duration::days(400);
    let applied = run(&mut state, start, end);
    assert!(applied.len() > 300, "{} events", applied.len());
    assert!(applied.windows(2).all(|w| w[0].event < w[1].event));
    assert!(applied
        .iter()
        .all(|a| start < a.event.at && a.event.at <= end && !a.notifications.is_empty()));
    for a in &applied {
        if let PaymentEventKind::Collection { order_id, .. }
        | PaymentEventKind::Retry { order_id, .. } = &a.event.kind
        {
            let market = state.account(order_id).unwrap().market;
            assert!(
                is_business_day(a.event.at.date_naive(), market),
                "{a:?} on a non-business day"
            );
        }
    }
    for account in state.accounts.values() {
        account.check_invariants().unwrap();
        if account.is_paused() {
            assert!(account.fees_charged().is_empty());
        }
    }
    // The paused plans are untouched; everything else has run its course.
    let left_over = state.due_events(end, end + Duration::days(3650));
    assert!(
        left_over
            .iter()
            .all(|e| state.account(e.kind.order_id()).unwrap().is_paused()),
        "{left_over:?}"
    );
    assert_eq!(next_event_instant(&state, end), None);
}

#[test]
fn running_the_same_interval_twice_changes_nothing() {
    let (mut state, start) = busy_year();
    let end = start + Duration::days(365);
    run(&mut state, start, end);
    let after_first = state.clone();
    assert!(run(&mut state, start, end).is_empty());
    assert_eq!(state, after_first);
}

#[test]
fn one_long_interval_equals_daily_steps() {
    let (mut long, start) = busy_year();
    let mut daily = long.clone();
    let end = start + Duration::days(365);
    let long_events = run(&mut long, start, end);
    let mut daily_events = Vec::new();
    let mut from = start;
    while from < end {
        let to = (from + Duration::days(1)).min(end);
        daily_events.extend(run(&mut daily, from, to));
        from = to;
    }
    assert_eq!(long_events, daily_events);
    assert_eq!(long, daily);
}

#[test]
fn advancing_to_the_next_due_payment_step_by_step_matches_too() {
    let (mut long, start) = busy_year();
    let mut stepped = long.clone();
    let end = start + Duration::days(120);
    let long_events = run(&mut long, start, end);
    let mut stepped_events = Vec::new();
    let mut now = start;
    while let Some(next) = stepped.next_payment_instant(now).filter(|&at| at <= end) {
        stepped_events.extend(run(&mut stepped, now, next));
        now = next;
    }
    stepped_events.extend(run(&mut stepped, now, end));
    assert_eq!(long_events, stepped_events);
    assert_eq!(long, stepped);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_cutting_of_an_interval_gives_the_same_state_and_events(
        plans in prop::collection::vec((any_plan(), any_method(), 0i64..30), 1..6),
        cuts in prop::collection::vec(1i64..(200 * 24), 0..12),
    ) {
        let mut state = shopper();
        for (i, ((kind, market, total), method, day)) in plans.into_iter().enumerate() {
            let total = Money::from_minor(total, market.currency());
            let bought = d(2026, 3, 2) + Duration::days(day);
            open(&mut state, &format!("O{i}"), kind, market, total, bought, method);
        }
        let start = noon(d(2026, 4, 1));
        let end = start + Duration::days(200);
        let mut cut_points: Vec<DateTime<Utc>> =
            cuts.into_iter().map(|h| start + Duration::hours(h)).collect();
        cut_points.sort();
        cut_points.push(end);
        let mut cut = state.clone();
        let whole = run(&mut state, start, end);
        let mut pieces = Vec::new();
        let mut from = start;
        for to in cut_points {
            pieces.extend(run(&mut cut, from, to));
            from = to;
        }
        prop_assert_eq!(&whole, &pieces);
        prop_assert_eq!(&state, &cut);
        prop_assert!(run(&mut cut, start, end).is_empty());
    }
}
