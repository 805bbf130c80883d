//! The figures a shopper reads after a refund: each payment against what was agreed, and
//! what the plan costs now.

use proptest::prelude::*;

use super::*;
use crate::domain::plans::Plan;

const TWELVE_MONTHS: PlanKind = PlanKind::Financing { months: 12 };
const BOUGHT: (i32, u32, u32) = (2026, 3, 2);

fn agreed_plan(kind: PlanKind, total: Money) -> Plan {
    build_plan(kind, Market::US, total, d(BOUGHT.0, BOUGHT.1, BOUGHT.2)).unwrap()
}

/// 1,000 USD over 12 months at 19.99%: 12 x 92.63, 111.56 of interest; payment 1 is 75.97
/// of price and 16.66 of interest.
fn thousand_over_a_year() -> (PaymentsState, Plan) {
    let mut state = shopper();
    let total = usd(100_000);
    open(
        &mut state,
        "F",
        TWELVE_MONTHS,
        Market::US,
        total,
        d(BOUGHT.0, BOUGHT.1, BOUGHT.2),
        CARD,
    );
    (state, agreed_plan(TWELVE_MONTHS, total))
}

fn change(price_agreed: i64, refunded: i64, dropped: i64) -> Option<PaymentRefundChange> {
    Some(PaymentRefundChange::Lowered {
        agreed: usd(price_agreed),
        price_refunded: usd(refunded),
        interest_dropped: usd(dropped),
    })
}

#[test]
fn before_any_refund_nothing_changed_and_the_plan_costs_what_was_agreed() {
    let (state, agreed) = thousand_over_a_year();
    let account = state.account("F").unwrap();
    assert!(account
        .installments
        .iter()
        .all(|i| i.refund_change(&agreed).is_none()));
    assert_eq!(account.cost_now(), usd(111_156));
    assert_eq!(account.cost_now(), account.total_cost);
    assert_eq!(account.agreed_interest(), usd(11_156));
    assert_eq!(account.interest_dropped(), usd(0));
}

/// The case: cleared before the first payment, a payment keeps only its principal in
/// the books (75.97), which the order page used to show as what the payment "was". It was
/// 92.63: 75.97 of price refunded and 16.66 of interest dropped.
#[test]
fn a_cleared_financing_payment_was_its_agreed_amount_price_refunded_and_interest_dropped() {
    let (mut state, agreed) = thousand_over_a_year();
    let methods = state.methods.clone();
    let account = state.account_mut("F").unwrap();
    account
        .apply_refund(usd(100_000), noon(d(2026, 3, 5)), &methods)
        .unwrap();
    let first = &account.installments[0];
    assert_eq!(first.amount, usd(7597), "the books keep the principal only");
    assert_eq!(first.refund_change(&agreed), change(9263, 7597, 1666));
    assert_eq!(account.cost_now(), usd(100_000), "the price, no interest");
    assert_eq!(account.interest_dropped(), usd(11_156));
    let dropped = Money::sum_in(
        Currency::USD,
        account
            .installments
            .iter()
            .filter_map(|i| i.refund_change(&agreed))
            .map(|c| match c {
                PaymentRefundChange::Lowered {
                    interest_dropped, ..
                } => interest_dropped,
                PaymentRefundChange::Reamortized { .. } => panic!("a cleared payment is lower"),
            }),
    );
    assert_eq!(
        dropped,
        usd(11_156),
        "the payments' dropped interest adds up"
    );
}

#[test]
fn a_re_amortized_payment_was_its_agreed_amount_and_the_plan_costs_the_new_interest() {
    let (mut state, agreed) = thousand_over_a_year();
    let methods = state.methods.clone();
    let account = state.account_mut("F").unwrap();
    account
        .apply_refund(usd(40_000), noon(d(2026, 3, 5)), &methods)
        .unwrap();
    // 55.58 now, of which 9.99 interest: 92.63 less 30.38 of price and 6.67 of interest.
    assert_eq!(
        account.installments[0].refund_change(&agreed),
        change(9263, 3038, 667)
    );
    assert_eq!(
        account.cost_now(),
        usd(106_693),
        "1,000 and 66.93 of interest"
    );
    assert_eq!(account.interest_dropped(), usd(4463));
}

#[test]
fn an_interest_free_payment_shows_its_refund_credit_and_no_interest() {
    let mut state = shopper();
    let total = usd(20_000);
    open(
        &mut state,
        "R",
        PlanKind::PayIn4,
        Market::US,
        total,
        d(BOUGHT.0, BOUGHT.1, BOUGHT.2),
        CARD,
    );
    let agreed = agreed_plan(PlanKind::PayIn4, total);
    let methods = state.methods.clone();
    let account = state.account_mut("R").unwrap();
    account
        .apply_refund(usd(7500), noon(d(2026, 3, 5)), &methods)
        .unwrap();
    let changes: Vec<_> = account
        .installments
        .iter()
        .map(|i| i.refund_change(&agreed))
        .collect();
    assert_eq!(
        changes,
        [
            None,
            change(5000, 2500, 0),
            change(5000, 2500, 0),
            change(5000, 2500, 0)
        ]
    );
    assert_eq!(account.cost_now(), usd(20_000));
    assert_eq!(account.interest_dropped(), usd(0));
}

/// $208 over 12 months at 19.99% is 11 x $19.27 and a last $19.21, $23.18 of interest.
/// Afresh, 1 cent then 7 refunded would make the eleven $19.26 and the last $19.25: more than
/// agreed, and $23.19 of interest. The 8 cents come off the last payment instead, and so does
/// the cent of interest they no longer cost: an earlier month charges a cent less interest and
/// its $19.27 repays a cent more of the price, which the last payment no longer has to.
#[test]
fn cents_refunded_on_financing_come_off_the_last_payment_with_their_interest() {
    let mut state = shopper();
    let price = usd(20_800);
    open(
        &mut state,
        "C",
        TWELVE_MONTHS,
        Market::US,
        price,
        d(BOUGHT.0, BOUGHT.1, BOUGHT.2),
        CARD,
    );
    let agreed = agreed_plan(TWELVE_MONTHS, price);
    let methods = state.methods.clone();
    let account = state.account_mut("C").unwrap();
    assert_eq!(account.agreed_interest(), usd(2318));
    for cents in [1, 7] {
        account
            .apply_refund(usd(cents), noon(d(2026, 3, 5)), &methods)
            .unwrap();
    }
    let amounts: Vec<i64> = account
        .installments
        .iter()
        .map(|i| i.amount.minor())
        .collect();
    let changes: Vec<_> = account
        .installments
        .iter()
        .map(|i| i.refund_change(&agreed))
        .collect();
    assert_eq!(
        amounts,
        [1927, 1927, 1927, 1927, 1927, 1927, 1927, 1927, 1927, 1927, 1927, 1912]
    );
    assert!(changes[..11].iter().all(Option::is_none));
    assert_eq!(changes[11], change(1921, 9, 0));
    assert_eq!(account.interest_dropped(), usd(1));
    assert_eq!(account.cost_now(), usd(20_800 + 2317));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever refunds and days pass: a payment with no change is the
    /// agreed amount; a lowered one is what was agreed less the price refunded and the
    /// interest dropped on it, neither negative; what the plan costs now and the interest
    /// dropped make the agreed total. Without re-amortization the payments' figures add up
    /// to the plan's.
    #[test]
    fn refund_figures_account_for_every_payment_and_add_up_to_the_plan(
        total in 15_000i64..500_000,
        months in prop_oneof![Just(6u32), Just(12), Just(18), Just(24)],
        steps in prop::collection::vec((0i64..60, refund_size()), 1..8),
    ) {
        let mut state = shopper();
        let kind = PlanKind::Financing { months };
        let price = usd(total);
        open(&mut state, "P", kind, Market::US, price, d(BOUGHT.0, BOUGHT.1, BOUGHT.2), CARD);
        let agreed = agreed_plan(kind, price);
        let mut now = noon(d(BOUGHT.0, BOUGHT.1, BOUGHT.2));
        for (days, size) in steps {
            run(&mut state, now, now + Duration::days(days));
            now += Duration::days(days);
            let methods = state.methods.clone();
            let account = state.account_mut("P").unwrap();
            let amount = size.of(account.refundable());
            let _ = account.apply_refund(amount, now, &methods);
            let account = state.account("P").unwrap();
            let (mut dropped, mut refunded, mut reamortized) = (usd(0), usd(0), false);
            for (i, planned) in account.installments.iter().zip(&agreed.installments) {
                let now_amount = i.amount - i.credit;
                match i.refund_change(&agreed) {
                    None => {
                        prop_assert_eq!(now_amount, planned.amount);
                        reamortized |= i.interest != planned.interest;
                    }
                    Some(PaymentRefundChange::Lowered { agreed, price_refunded, interest_dropped }) => {
                        prop_assert_eq!(agreed, planned.amount);
                        prop_assert_eq!(agreed - price_refunded - interest_dropped, now_amount);
                        prop_assert!(!price_refunded.is_negative() && !interest_dropped.is_negative());
                        dropped = dropped + interest_dropped;
                        refunded = refunded + price_refunded;
                    }
                    Some(PaymentRefundChange::Reamortized { agreed }) => {
                        prop_assert_eq!(agreed, planned.amount);
                        prop_assert!(now_amount != agreed);
                        prop_assert!(!account.balance().credited.is_zero());
                        reamortized = true;
                    }
                }
            }
            if !reamortized {
                prop_assert_eq!(dropped, account.interest_dropped());
                prop_assert_eq!(refunded, account.balance().credited);
            }
            prop_assert_eq!(account.cost_now() + account.interest_dropped(), account.total_cost);
            prop_assert!(!account.interest_dropped().is_negative());
        }
    }
}
