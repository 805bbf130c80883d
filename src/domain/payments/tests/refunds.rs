//! Refunds and the plan, Klarna's rule.

use super::*;
use crate::domain::engine::at_time_of_day;

fn plan_200_one_paid() -> PaymentsState {
    let mut state = shopper();
    open(
        &mut state,
        "R",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        CARD,
    );
    state
}

fn owed_amounts(account: &PaymentPlanAccount) -> Vec<Money> {
    account.installments.iter().map(|i| i.owed()).collect()
}

#[test]
fn klarna_example_200_order_50_paid_75_refunded_leaves_three_payments_of_25() {
    let mut state = plan_200_one_paid();
    let methods = state.methods.clone();
    let account = state.account_mut("R").unwrap();
    assert_eq!(account.balance().paid, usd(5000));
    let outcome = account
        .apply_refund(usd(7500), noon(d(2026, 3, 5)), &methods)
        .unwrap();
    assert!(!outcome.cleared_plan);
    assert!(outcome.refunds.is_empty());
    assert_eq!(
        outcome.credited,
        [(2, usd(2500)), (3, usd(2500)), (4, usd(2500))]
    );
    assert_eq!(
        owed_amounts(account),
        [usd(0), usd(2500), usd(2500), usd(2500)]
    );
    account.check_invariants().unwrap();
}

#[test]
fn leftover_cents_of_a_spread_refund_go_on_the_earliest_payments() {
    let mut state = plan_200_one_paid();
    let methods = state.methods.clone();
    let account = state.account_mut("R").unwrap();
    account
        .apply_refund(usd(100), noon(d(2026, 3, 5)), &methods)
        .unwrap();
    assert_eq!(
        owed_amounts(account),
        [usd(0), usd(4966), usd(4967), usd(4967)]
    );
}

#[test]
fn a_full_refund_cancels_what_is_owed_and_refunds_what_was_paid() {
    let mut state = plan_200_one_paid();
    let methods = state.methods.clone();
    let issued = noon(d(2026, 3, 5));
    let account = state.account_mut("R").unwrap();
    let outcome = account.apply_refund(usd(20_000), issued, &methods).unwrap();
    assert!(outcome.cleared_plan);
    assert_eq!(outcome.refunds.len(), 1);
    let refund = &outcome.refunds[0];
    assert_eq!((refund.amount, refund.method_id), (usd(5000), CARD));
    // A debit card refund lands 5 days later.
    assert_eq!(refund.completes_at, at_time_of_day(d(2026, 3, 10), 12));
    assert!(account
        .installments
        .iter()
        .skip(1)
        .all(|i| i.status == PaymentStatus::ClearedByRefund));
    assert_eq!(
        account.display_status(2),
        Some(PaymentDisplayStatus::Refunded)
    );
    assert!(!account.is_settled(), "the refund is still processing");
    assert_eq!(
        account.apply_refund(usd(1), issued, &methods),
        Err(PaymentError::RefundTooLarge { at_most: usd(0) })
    );
    let applied = run_days(&mut state, issued, 30);
    assert_eq!(subjects(&applied), ["Refund processed: $50.00"]);
    assert_eq!(applied[0].event.at, at_time_of_day(d(2026, 3, 10), 12));
    assert_eq!(
        applied[0].notifications[0].link.as_deref(),
        Some("/orders/R")
    );
    let account = state.account("R").unwrap();
    assert!(account.is_settled());
    account.check_invariants().unwrap();
}

#[test]
fn a_refund_larger_than_what_is_owed_clears_the_plan_and_refunds_the_excess() {
    let mut state = plan_200_one_paid();
    let card = state.method(CARD).unwrap().clone();
    let wallet = state.method(WALLET).unwrap().clone();
    let methods = state.methods.clone();
    let account = state.account_mut("R").unwrap();
    // Payment 2 paid early with the wallet: 100 paid, 100 owed.
    account
        .pay_installment(2, &wallet, noon(d(2026, 3, 3)))
        .unwrap();
    account.change_method(&card);
    let outcome = account
        .apply_refund(usd(16_000), noon(d(2026, 3, 4)), &methods)
        .unwrap();
    assert!(outcome.cleared_plan);
    // 60 over what was owed goes back: 50 to the wallet (paid last), 10 to the card.
    let back: Vec<(Money, MethodId)> = outcome
        .refunds
        .iter()
        .map(|r| (r.amount, r.method_id))
        .collect();
    assert_eq!(back, [(usd(5000), WALLET), (usd(1000), CARD)]);
    assert_eq!(
        outcome.refunds[0].completes_at,
        at_time_of_day(d(2026, 3, 7), 12)
    );
    assert_eq!(account.owed(), usd(0));
    assert_eq!(account.refundable(), usd(4000));
    account.check_invariants().unwrap();
}

#[test]
fn refunds_are_refused_when_zero_too_large_or_in_another_currency() {
    let mut state = plan_200_one_paid();
    let methods = state.methods.clone();
    let account = state.account_mut("R").unwrap();
    let now = noon(d(2026, 3, 5));
    assert_eq!(
        account.apply_refund(usd(0), now, &methods),
        Err(PaymentError::RefundNotPositive)
    );
    assert_eq!(
        account.apply_refund(usd(20_001), now, &methods),
        Err(PaymentError::RefundTooLarge {
            at_most: usd(20_000)
        })
    );
    assert_eq!(
        account.apply_refund(gbp(100), now, &methods),
        Err(PaymentError::WrongCurrency)
    );
}

#[test]
fn clearing_a_plan_waives_unpaid_late_fees_but_keeps_paid_ones() {
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
    run(&mut state, noon(d(2026, 3, 2)), noon(d(2026, 4, 7)));
    let card = state.method(CARD).unwrap().clone();
    let methods = state.methods.clone();
    let account = state.account_mut("F").unwrap();
    // Payments 2 and 3 are late with a 7 USD fee each; the shopper pays payment 2 and its fee.
    assert_eq!(account.fees_charged(), [usd(700), usd(700)]);
    account
        .pay_installment(2, &card, noon(d(2026, 4, 7)))
        .unwrap();
    let outcome = account
        .apply_refund(usd(20_000), noon(d(2026, 4, 8)), &methods)
        .unwrap();
    assert_eq!(outcome.fees_waived, usd(700));
    // What went back is the price paid (50 + 50), not the fee.
    let back = Money::sum_in(Currency::USD, outcome.refunds.iter().map(|r| r.amount));
    assert_eq!(back, usd(10_000));
    assert_eq!(account.balance().paid, usd(10_700));
    account.check_invariants().unwrap();
}
