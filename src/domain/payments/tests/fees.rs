//! Late fees through the engine: one per payment, the market's count limit and the 25% cap.

use super::*;

/// Runs a plan paid with the declining card long enough for every payment to turn late.
fn all_late(kind: PlanKind, market: Market, total: Money) -> PaymentPlanAccount {
    let mut state = shopper();
    open(
        &mut state,
        "F",
        kind,
        market,
        total,
        d(2026, 3, 2),
        DECLINING,
    );
    run_days(&mut state, noon(d(2026, 3, 2)), 200);
    let account = state.account("F").unwrap().clone();
    account.check_invariants().unwrap();
    assert!(account
        .unpaid()
        .all(|i| matches!(i.status, PaymentStatus::Late { .. }) && i.late_fee_assessed));
    account
}

fn fees(account: &PaymentPlanAccount) -> Vec<Money> {
    account.installments.iter().map(|i| i.fee).collect()
}

#[test]
fn us_seven_dollars_per_late_payment_once() {
    let account = all_late(PlanKind::PayIn4, Market::US, usd(20_000));
    // The first payment was charged at checkout; each later one is late once.
    assert_eq!(fees(&account), [usd(0), usd(700), usd(700), usd(700)]);
    assert_eq!(account.balance().fees_charged, usd(2100));
}

#[test]
fn us_fees_stop_at_a_quarter_of_the_order() {
    // 25% of 40 USD is 10 USD: 7, then the 3 left, then nothing.
    let account = all_late(PlanKind::PayIn4, Market::US, usd(4000));
    assert_eq!(fees(&account), [usd(0), usd(700), usd(300), usd(0)]);
    assert_eq!(account.balance().fees_charged, fee_cap(usd(4000)));
}

#[test]
fn the_cap_note_explains_why_no_fee_was_added() {
    let mut state = shopper();
    open(
        &mut state,
        "F",
        PlanKind::PayIn4,
        Market::US,
        usd(4000),
        d(2026, 3, 2),
        DECLINING,
    );
    let applied = run_days(&mut state, noon(d(2026, 3, 2)), 200);
    let last = applied.last().unwrap();
    assert_eq!(last.notifications[0].subject, "Payment 4 is late");
    assert!(last.notifications[0]
        .body
        .contains("reached its limit on late fees"));
}

#[test]
fn uk_five_pounds_at_most_twice_per_order() {
    let account = all_late(PlanKind::PayIn3, Market::UK, gbp(30_000));
    assert_eq!(fees(&account), [gbp(0), gbp(500), gbp(500)]);
    // With four late payments the third would still be free: Pay in 3 has only two late
    // payments after checkout, so check the count limit on the rule directly too.
    assert_eq!(
        next_late_fee(Market::UK, gbp(30_000), &[gbp(500), gbp(500)]),
        None
    );
}

#[test]
fn uk_fees_are_capped_at_a_quarter_of_the_order() {
    // 25% of 30 GBP is 7.50: 5, then 2.50.
    let account = all_late(PlanKind::PayIn3, Market::UK, gbp(3000));
    assert_eq!(fees(&account), [gbp(0), gbp(500), gbp(250)]);
}

#[test]
fn uk_orders_under_twenty_pounds_have_no_late_fee() {
    let account = all_late(PlanKind::PayIn30, Market::UK, gbp(1999));
    assert_eq!(fees(&account), [gbp(0)]);
    let account = all_late(PlanKind::PayIn30, Market::UK, gbp(2000));
    assert_eq!(fees(&account), [gbp(500)]);
}

#[test]
fn paying_a_late_payment_pays_its_fee() {
    let mut state = shopper();
    open(
        &mut state,
        "F",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        DECLINING,
    );
    run(&mut state, noon(d(2026, 3, 2)), noon(d(2026, 3, 24)));
    let card = state.method(CARD).unwrap().clone();
    let account = state.account_mut("F").unwrap();
    assert_eq!(
        account.pay_installment(2, &card, noon(d(2026, 3, 24))),
        Ok(usd(5700))
    );
    assert_eq!(account.display_status(2), Some(PaymentDisplayStatus::Paid));
    account.check_invariants().unwrap();
}
