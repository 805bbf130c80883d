//! Refunds on financing that bears interest: what is owed is the outstanding principal.

use proptest::prelude::*;
use rust_decimal_macros::dec;

use super::*;
use crate::domain::plans::amortize;

const TWELVE_MONTHS: PlanKind = PlanKind::Financing { months: 12 };

/// 1,000 USD over 12 months at 19.99%, bought Monday 2 March 2026: 12 x 92.63, the first due
/// Monday 27 April (26 April is a Sunday).
fn thousand_over_a_year() -> PaymentsState {
    let mut state = shopper();
    open(
        &mut state,
        "F",
        TWELVE_MONTHS,
        Market::US,
        usd(100_000),
        d(2026, 3, 2),
        CARD,
    );
    let account = state.account("F").unwrap();
    assert_eq!(account.apr, dec!(19.99));
    assert_eq!(
        account.total_cost,
        usd(111_156),
        "111.56 of interest agreed"
    );
    state
}

fn amounts(account: &PaymentPlanAccount) -> Vec<i64> {
    account
        .installments
        .iter()
        .map(|i| i.amount.minor())
        .collect()
}

fn interest_paid(account: &PaymentPlanAccount) -> Money {
    Money::sum_in(
        account.currency,
        account
            .installments
            .iter()
            .filter(|i| i.status.is_paid())
            .map(|i| i.interest),
    )
}

#[test]
fn a_full_refund_before_the_first_payment_leaves_nothing_owed_not_even_interest() {
    let mut state = thousand_over_a_year();
    let methods = state.methods.clone();
    let now = noon(d(2026, 3, 5));
    let account = state.account_mut("F").unwrap();
    assert_eq!(account.outstanding_principal(), usd(100_000));
    let outcome = account.apply_refund(usd(100_000), now, &methods).unwrap();
    assert!(outcome.cleared_plan);
    assert!(
        outcome.refunds.is_empty(),
        "nothing was paid, nothing goes back"
    );
    assert_eq!(account.owed(), usd(0));
    assert_eq!(account.balance().interest, usd(0));
    assert!(account
        .installments
        .iter()
        .all(|i| i.status == PaymentStatus::ClearedByRefund));
    assert!(account.is_settled());
    account.check_invariants().unwrap();
    // A year later nothing was reminded nor collected.
    let applied = run_days(&mut state, now, 400);
    assert_eq!(subjects(&applied), Vec::<String>::new());
    assert_eq!(state.account("F").unwrap().balance().paid, usd(0));
}

#[test]
fn at_most_the_price_can_be_refunded_never_the_interest() {
    let mut state = thousand_over_a_year();
    let methods = state.methods.clone();
    let now = noon(d(2026, 3, 5));
    let account = state.account_mut("F").unwrap();
    assert_eq!(account.refundable(), usd(100_000));
    assert_eq!(
        account.apply_refund(usd(100_001), now, &methods),
        Err(PaymentError::RefundTooLarge {
            at_most: usd(100_000)
        })
    );
    account.apply_refund(usd(40_000), now, &methods).unwrap();
    assert_eq!(account.refundable(), usd(60_000));
    account.apply_refund(usd(60_000), now, &methods).unwrap();
    assert_eq!(account.refundable(), usd(0));
    assert_eq!(account.owed(), usd(0));
    account.check_invariants().unwrap();
}

#[test]
fn a_partial_refund_re_amortizes_what_is_left_at_the_same_apr() {
    let mut state = thousand_over_a_year();
    let methods = state.methods.clone();
    let now = noon(d(2026, 3, 5));
    let account = state.account_mut("F").unwrap();
    let dues: Vec<NaiveDate> = account.installments.iter().map(|i| i.due).collect();
    let outcome = account.apply_refund(usd(40_000), now, &methods).unwrap();
    assert!(!outcome.cleared_plan && outcome.refunds.is_empty());
    assert_eq!(outcome.applied_to_plan, usd(40_000));
    // 600 over 12 months at 19.99%: 600 * r / (1 - (1 + r)^-12) = 55.577..., so 55.58.
    assert_eq!(
        amounts(account),
        [5558, 5558, 5558, 5558, 5558, 5558, 5558, 5558, 5558, 5558, 5558, 5555]
    );
    // 600 * 0.1999 / 12 is 9.99499... with the monthly rate rounded to 28 digits.
    assert_eq!(account.installments[0].interest, usd(999));
    assert_eq!(account.outstanding_principal(), usd(60_000));
    assert_eq!(account.balance().interest, usd(6693));
    assert_eq!(account.owed(), usd(66_693), "was 1,111.56");
    let after: Vec<NaiveDate> = account.installments.iter().map(|i| i.due).collect();
    assert_eq!(after, dues, "the same months");
    account.check_invariants().unwrap();
}

#[test]
fn after_three_payments_a_partial_refund_re_amortizes_the_nine_left() {
    let mut state = thousand_over_a_year();
    let methods = state.methods.clone();
    run(&mut state, noon(d(2026, 3, 2)), noon(d(2026, 7, 1)));
    let account = state.account_mut("F").unwrap();
    assert_eq!(account.balance().paid, usd(3 * 9263));
    let outstanding = account.outstanding_principal();
    // 1,000 less the principal parts of 75.97, 77.24 and 78.52.
    assert_eq!(outstanding, usd(76_827));
    account
        .apply_refund(usd(20_000), noon(d(2026, 7, 1)), &methods)
        .unwrap();
    let expected: Vec<i64> = amortize(usd(56_827), dec!(19.99), 9)
        .iter()
        .map(|m| m.payment().minor())
        .collect();
    assert_eq!(&amounts(account)[3..], &expected[..]);
    assert_eq!(
        &amounts(account)[..3],
        [9263, 9263, 9263],
        "payments made stay"
    );
    assert_eq!(account.outstanding_principal(), usd(56_827));
    account.check_invariants().unwrap();
}

#[test]
fn after_three_payments_a_full_refund_returns_the_principal_repaid_and_keeps_the_interest() {
    let mut state = thousand_over_a_year();
    let methods = state.methods.clone();
    run(&mut state, noon(d(2026, 3, 2)), noon(d(2026, 7, 1)));
    let now = noon(d(2026, 7, 1));
    let account = state.account_mut("F").unwrap();
    let outcome = account.apply_refund(usd(100_000), now, &methods).unwrap();
    assert!(outcome.cleared_plan);
    assert_eq!(outcome.applied_to_plan, usd(76_827));
    let sent = Money::sum_in(Currency::USD, outcome.refunds.iter().map(|r| r.amount));
    assert_eq!(
        sent,
        usd(23_173),
        "the principal repaid: 75.97 + 77.24 + 78.52"
    );
    // 16.66 + 15.39 + 14.11: the interest of the three months the shopper had the money.
    assert_eq!(interest_paid(account), usd(4616));
    let balance = account.balance();
    assert_eq!(balance.paid - sent, usd(4616));
    assert_eq!(
        balance.interest,
        usd(4616),
        "no interest on what was refunded"
    );
    assert_eq!(account.owed(), usd(0));
    account.check_invariants().unwrap();
    let applied = run(&mut state, now, noon(d(2027, 7, 1)));
    assert_eq!(subjects(&applied), ["Refund processed: $231.73"]);
}

#[test]
fn promotional_financing_at_zero_percent_spreads_a_refund_like_other_interest_free_plans() {
    let mut state = shopper();
    let kind = PlanKind::Financing { months: 6 };
    open(
        &mut state,
        "Z",
        kind,
        Market::US,
        usd(30_000),
        d(2026, 3, 2),
        CARD,
    );
    let methods = state.methods.clone();
    let account = state.account_mut("Z").unwrap();
    assert!(!account.is_interest_bearing());
    account
        .apply_refund(usd(6_000), noon(d(2026, 3, 5)), &methods)
        .unwrap();
    assert_eq!(amounts(account), [5000; 6]);
    assert_eq!(account.owed(), usd(24_000));
}

/// Something that can happen to a financing plan.
#[derive(Clone, Debug)]
enum Step {
    Days(i64),
    PayOne(u32),
    Refund(RefundSize),
}

fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (1i64..80).prop_map(Step::Days),
        1 => (1u32..13).prop_map(Step::PayOne),
        3 => refund_size().prop_map(Step::Refund),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever happens: paid + owed + credited + fees waived is every cent of the price, the
    /// interest actually accrued and the fees; interest once paid never changes and never
    /// exceeds what was agreed; refunds never exceed the price, and money going back to the
    /// shopper is principal they repaid, never interest.
    #[test]
    fn financing_refunds_account_for_every_cent_and_never_exceed_the_price(
        total in 15_000i64..500_000,
        months in prop_oneof![Just(12u32), Just(18), Just(24)],
        method in prop_oneof![Just(CARD), Just(DECLINING), Just(WALLET)],
        steps in prop::collection::vec(any_step(), 1..20),
    ) {
        let mut state = shopper();
        let price = usd(total);
        open(&mut state, "P", PlanKind::Financing { months }, Market::US, price, d(2026, 3, 2), method);
        let agreed_interest = {
            let account = state.account("P").unwrap();
            account.total_cost - account.order_total
        };
        let mut now = noon(d(2026, 3, 2));
        for step in steps {
            let methods = state.methods.clone();
            let paid_interest_before: Vec<(u32, Money)> = state.account("P").unwrap()
                .installments.iter().filter(|i| i.status.is_paid())
                .map(|i| (i.number, i.interest)).collect();
            match step {
                Step::Days(days) => {
                    run(&mut state, now, now + Duration::days(days));
                    now += Duration::days(days);
                }
                Step::PayOne(n) => {
                    let account = state.account_mut("P").unwrap();
                    let _ = account.pay_installment(n, &methods[&CARD], now);
                }
                Step::Refund(size) => {
                    let account = state.account_mut("P").unwrap();
                    let owed_before = account.owed();
                    let outstanding = account.outstanding_principal();
                    let amount = size.of(account.refundable());
                    let unpaid_before: Vec<(u32, Money, Money)> = account.installments.iter()
                        .filter(|i| i.status.is_unpaid())
                        .map(|i| (i.number, i.amount - i.credit, i.interest)).collect();
                    if let Ok(outcome) = account.apply_refund(amount, now, &methods) {
                        let sent = Money::sum_in(Currency::USD, outcome.refunds.iter().map(|r| r.amount));
                        prop_assert_eq!(outcome.applied_to_plan + sent, amount);
                        prop_assert_eq!(outcome.cleared_plan, amount >= outstanding);
                        if outcome.cleared_plan {
                            prop_assert_eq!(account.owed(), usd(0));
                            prop_assert_eq!(account.balance().interest, interest_paid(account));
                        } else {
                            prop_assert_eq!(account.outstanding_principal(), outstanding - amount);
                            prop_assert!(account.owed() <= owed_before);
                            // Less principal at the same APR over the same months: no payment
                            // left grows, nor the interest in it.
                            for (number, payment, interest) in unpaid_before {
                                let now = account.installment(number).unwrap();
                                prop_assert!(now.amount - now.credit <= payment, "payment {} grew", number);
                                prop_assert!(now.interest <= interest, "payment {} has more interest", number);
                            }
                        }
                    }
                }
            }
            let account = state.account("P").unwrap();
            prop_assert!(account.check_invariants().is_ok(), "{:?}", account.check_invariants());
            let b = account.balance();
            // What the shopper paid less what came back, plus what they still owe, is exactly
            // the price not refunded, the interest of the payments made and still owed, and the
            // fees kept.
            let price_refunded = b.credited + b.refunded_to_shopper;
            prop_assert_eq!(
                (b.paid - b.refunded_to_shopper) + b.owed,
                (price - price_refunded) + b.interest + (b.fees_charged - b.fees_waived)
            );
            prop_assert!(b.interest <= agreed_interest);
            prop_assert!(b.credited + b.refunded_to_shopper <= price);
            let fees_paid = Money::sum_in(Currency::USD, account.installments.iter()
                .filter(|i| i.status.is_paid()).map(|i| i.fee - i.fee_waived));
            prop_assert!(b.refunded_to_shopper <= b.paid - interest_paid(account) - fees_paid);
            for (number, interest) in paid_interest_before {
                prop_assert_eq!(account.installment(number).unwrap().interest, interest);
            }
        }
    }
}

/// The reported case: $2,095.28 over 18 months at 19.99% is 17 x $135.69 and a last $135.62,
/// $347.07 of interest. Amortized afresh after a 7-cent refund, the level payment rounded down
/// to $135.68 and so repaid 17 cents less principal while only 7 came off: the last payment
/// took the other 10 cents and their interest, $135.73, and the plan cost $347.08 of interest,
/// more than was agreed. The 7 cents now come off the last payment, with a cent of interest.
#[test]
fn a_refund_of_a_few_cents_never_costs_more_interest_nor_raises_a_payment() {
    let mut state = shopper();
    open(
        &mut state,
        "S",
        PlanKind::Financing { months: 18 },
        Market::US,
        usd(209_528),
        d(2026, 3, 2),
        CARD,
    );
    let methods = state.methods.clone();
    let account = state.account_mut("S").unwrap();
    assert_eq!(account.agreed_interest(), usd(34_707));
    let before = amounts(account);
    assert_eq!(before[..17], [13_569; 17]);
    assert_eq!(before[17], 13_562);
    account
        .apply_refund(usd(7), noon(d(2026, 3, 5)), &methods)
        .unwrap();
    account.check_invariants().unwrap();
    assert_eq!(account.outstanding_principal(), usd(209_521));
    let after = amounts(account);
    for (k, (now, was)) in after.iter().zip(&before).enumerate() {
        assert!(now <= was, "payment {} went from {was} to {now}", k + 1);
    }
    assert_eq!(after[..17], [13_569; 17], "the payments stay level");
    assert_eq!(
        after[17], 13_554,
        "135.62 less the 7 cents and a cent of interest"
    );
    assert_eq!(account.balance().interest, usd(34_706));
    assert_eq!(account.interest_dropped(), usd(1));
}
