//! Property tests of the money rules: whatever happens to a plan, every cent is accounted for.

use proptest::prelude::*;

use super::*;

/// An eligible (kind, market, total in minor units) for each kind of plan.
pub(super) fn any_plan() -> impl Strategy<Value = (PlanKind, Market, i64)> {
    prop_oneof![
        (3_500i64..100_000).prop_map(|t| (PlanKind::PayIn4, Market::US, t)),
        (3_000i64..100_000).prop_map(|t| (PlanKind::PayIn3, Market::UK, t)),
        (1_000i64..100_000).prop_map(|t| (PlanKind::PayIn30, Market::UK, t)),
        (15_000i64..500_000).prop_map(|t| (PlanKind::Financing { months: 12 }, Market::US, t)),
    ]
}

pub(super) fn any_method() -> impl Strategy<Value = MethodId> {
    prop_oneof![Just(CARD), Just(DECLINING), Just(WALLET), Just(BANK)]
}

#[derive(Clone, Debug)]
enum Action {
    Run(i64),
    PayOne(u32),
    PayAll(MethodId),
    Extend(u32),
    /// Per mille of what can still be refunded.
    Refund(i64),
    Pause,
    Resume,
    ChangeMethod(MethodId),
}

fn any_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (1i64..40).prop_map(Action::Run),
        1 => (1u32..13).prop_map(Action::PayOne),
        1 => any_method().prop_map(Action::PayAll),
        1 => (1u32..13).prop_map(Action::Extend),
        2 => (1i64..=1000).prop_map(Action::Refund),
        1 => Just(Action::Pause),
        1 => Just(Action::Resume),
        1 => any_method().prop_map(Action::ChangeMethod),
    ]
}

fn currency_of(market: Market) -> Currency {
    market.currency()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_cent_is_accounted_for_whatever_happens(
        (kind, market, total) in any_plan(),
        method in any_method(),
        actions in prop::collection::vec(any_action(), 1..25),
    ) {
        let mut state = shopper();
        let bought = d(2026, 3, 2);
        let total = Money::from_minor(total, currency_of(market));
        open(&mut state, "P", kind, market, total, bought, method);
        let mut now = noon(bought);
        for action in actions {
            let methods = state.methods.clone();
            let account = state.account_mut("P").unwrap();
            let refundable_before = account.refundable();
            let owed_before = account.owed();
            match action {
                Action::Run(days) => {
                    let to = now + Duration::days(days);
                    run(&mut state, now, to);
                    now = to;
                }
                Action::PayOne(n) => { let _ = account.pay_installment(n, &methods[&CARD], now); }
                Action::PayAll(m) => { let _ = account.pay_whole_balance(&methods[&m], now); }
                Action::Extend(n) => { let _ = account.extend_due_date(n, now); }
                Action::Refund(per_mille) => {
                    let amount = Money::from_minor(
                        refundable_before.minor() * per_mille / 1000,
                        total.currency(),
                    );
                    if let Ok(outcome) = account.apply_refund(amount, now, &methods) {
                        let sent = Money::sum_in(
                            total.currency(),
                            outcome.refunds.iter().map(|r| r.amount),
                        );
                        prop_assert_eq!(outcome.applied_to_plan + sent, amount);
                        prop_assert!(account.owed() <= owed_before);
                    }
                    prop_assert!(account.refundable() >= Money::zero(total.currency()));
                }
                Action::Pause => { let _ = account.pause(now); }
                Action::Resume => { let _ = account.resume(now); }
                Action::ChangeMethod(m) => { account.change_method(&methods[&m]); }
            }
            let account = state.account("P").unwrap();
            prop_assert!(account.check_invariants().is_ok(), "{:?}", account.check_invariants());
            let b = account.balance();
            prop_assert_eq!(b.charged, account.order_total + b.interest + b.fees_charged);
            prop_assert!(b.interest <= account.total_cost - account.order_total);
            prop_assert!(b.refunded_to_shopper <= b.paid);
            prop_assert!(b.fees_charged <= fee_cap(account.order_total));
        }
    }

    #[test]
    fn spreading_a_refund_is_exact_even_and_never_negative(
        caps in prop::collection::vec(0i64..50_000, 1..12),
        fraction in 0i64..=1000,
    ) {
        let capacities: Vec<Money> = caps.iter().map(|&c| usd(c)).collect();
        let room: i64 = caps.iter().sum();
        let amount = usd(room * fraction / 1000);
        let shares = spread_evenly(amount, &capacities);
        prop_assert_eq!(Money::sum_in(Currency::USD, shares.iter().copied()), amount);
        for (share, cap) in shares.iter().zip(&capacities) {
            prop_assert!(!share.is_negative());
            prop_assert!(share <= cap);
        }
        // Even: a payment got less than the largest share only if it was full.
        let largest = shares.iter().map(|s| s.minor()).max().unwrap_or(0);
        for (share, cap) in shares.iter().zip(&capacities) {
            prop_assert!(share.minor() + 1 >= largest || share == cap);
        }
    }

    #[test]
    fn a_refund_reduces_the_remaining_payments_or_clears_the_plan(
        // Financing that bears interest has its own rule: see `financing_refunds`.
        (kind, market, total) in any_plan()
            .prop_filter("interest-free", |(kind, _, _)| !kind.is_financing()),
        paid_early in 0u32..3,
        fraction in 1i64..=1000,
    ) {
        let mut state = shopper();
        let bought = d(2026, 3, 2);
        let total = Money::from_minor(total, currency_of(market));
        open(&mut state, "P", kind, market, total, bought, CARD);
        let methods = state.methods.clone();
        let account = state.account_mut("P").unwrap();
        let now = noon(bought);
        for n in 1..=paid_early + 1 {
            let _ = account.pay_installment(n, &methods[&CARD], now);
        }
        let owed_before: Vec<Money> = account.installments.iter().map(|i| i.owed()).collect();
        let owed_total = account.owed();
        let paid_total = account.balance().paid;
        let amount = Money::from_minor(
            (account.refundable().minor() * fraction / 1000).max(1),
            total.currency(),
        );
        let outcome = account.apply_refund(amount, now, &methods).unwrap();
        prop_assert!(amount <= owed_total + paid_total);
        if amount < owed_total {
            prop_assert!(outcome.refunds.is_empty());
            prop_assert_eq!(account.owed(), owed_total - amount);
        } else {
            prop_assert_eq!(account.owed(), Money::zero(total.currency()));
            let sent = Money::sum_in(total.currency(), outcome.refunds.iter().map(|r| r.amount));
            prop_assert_eq!(sent, amount - owed_total);
            prop_assert!(sent <= paid_total);
        }
        for (installment, before) in account.installments.iter().zip(owed_before) {
            prop_assert!(!installment.owed().is_negative());
            prop_assert!(installment.owed() <= before);
        }
        prop_assert!(account.check_invariants().is_ok());
    }
}
