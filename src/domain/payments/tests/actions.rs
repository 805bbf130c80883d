//! The shopper's actions: paying early, the extension, the method and autopay.

use super::*;

#[test]
fn pay_one_payment_early() {
    let mut state = card_plan();
    let card = state.method(CARD).unwrap().clone();
    let now = noon(d(2026, 3, 5));
    let account = state.account_mut("A").unwrap();
    // 100.03 in four: the leftover cents are on the first, paid at checkout.
    assert_eq!(account.pay_installment(3, &card, now), Ok(usd(2500)));
    assert!(matches!(
        account.installments[2].status,
        PaymentStatus::Paid { early: true, .. }
    ));
    assert_eq!(
        account.pay_installment(3, &card, now),
        Err(PaymentError::NothingOwed)
    );
    assert_eq!(
        account.pay_installment(7, &card, now),
        Err(PaymentError::NoSuchPayment(7))
    );
    // Nothing is collected for it on its due date.
    let applied = run_days(&mut state, now, 60);
    assert_eq!(
        subjects(&applied)
            .iter()
            .filter(|s| s.starts_with("Payment collected"))
            .count(),
        2
    );
}

#[test]
fn pay_the_whole_balance_at_once() {
    let mut state = card_plan();
    let card = state.method(CARD).unwrap().clone();
    let declining = state.method(DECLINING).unwrap().clone();
    let now = noon(d(2026, 3, 5));
    let account = state.account_mut("A").unwrap();
    assert_eq!(
        account.pay_whole_balance(&declining, now),
        Err(PaymentError::ChargeFailed(ChargeFailure::Declined))
    );
    assert_eq!(account.owed(), usd(7500), "a failed charge pays nothing");
    assert_eq!(account.pay_whole_balance(&card, now), Ok(usd(7500)));
    assert!(account.is_settled());
    assert_eq!(
        account.pay_whole_balance(&card, now),
        Err(PaymentError::NothingOwed)
    );
    assert!(run_days(&mut state, now, 90).is_empty());
}

#[test]
fn one_extension_per_order_and_later_payments_keep_their_dates() {
    let mut state = card_plan();
    let now = noon(d(2026, 3, 5));
    let account = state.account_mut("A").unwrap();
    assert_eq!(account.extend_due_date(2, now), Ok(d(2026, 3, 26)));
    let dues: Vec<NaiveDate> = account.installments.iter().map(|i| i.due).collect();
    assert_eq!(
        dues,
        [
            d(2026, 3, 2),
            d(2026, 3, 26),
            d(2026, 3, 30),
            d(2026, 4, 13)
        ]
    );
    assert_eq!(
        account.extend_due_date(3, now),
        Err(PaymentError::ExtensionAlreadyUsed { on_payment: 2 })
    );
    let applied = run_days(&mut state, now, 30);
    let collected: Vec<DateTime<Utc>> = applied
        .iter()
        .filter(|a| matches!(a.event.kind, PaymentEventKind::Collection { .. }))
        .map(|a| a.event.at)
        .collect();
    assert_eq!(collected[0].date_naive(), d(2026, 3, 26));
    // The reminder follows the new date.
    assert!(subjects(&applied).contains(&"Payment reminder: $25.00 due Thu 26 Mar 2026".into()));
}

#[test]
fn a_late_or_paid_payment_cannot_be_extended() {
    let mut state = shopper();
    open(
        &mut state,
        "D",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        DECLINING,
    );
    run(&mut state, noon(d(2026, 3, 2)), noon(d(2026, 3, 24)));
    let account = state.account_mut("D").unwrap();
    let now = noon(d(2026, 3, 24));
    assert_eq!(
        account.extend_due_date(1, now),
        Err(PaymentError::CannotExtend(1))
    );
    assert_eq!(
        account.extend_due_date(2, now),
        Err(PaymentError::CannotExtend(2))
    );
    assert!(account.extend_due_date(3, now).is_ok());
}

#[test]
fn a_failed_payment_extended_gets_a_fresh_attempt_and_no_fee() {
    let mut state = shopper();
    open(
        &mut state,
        "D",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        DECLINING,
    );
    run(&mut state, noon(d(2026, 3, 2)), noon(d(2026, 3, 17)));
    let card = state.method(CARD).unwrap().clone();
    let account = state.account_mut("D").unwrap();
    assert_eq!(
        account.extend_due_date(2, noon(d(2026, 3, 17))),
        Ok(d(2026, 3, 26))
    );
    account.change_method(&card);
    run(&mut state, noon(d(2026, 3, 17)), noon(d(2026, 3, 27)));
    let account = state.account("D").unwrap();
    assert!(account.installments[1].status.is_paid());
    assert!(account.fees_charged().is_empty());
}

#[test]
fn switching_to_the_wallet_turns_autopay_off_with_the_reason() {
    let mut state = card_plan();
    let wallet = state.method(WALLET).unwrap().clone();
    let bank = state.method(BANK).unwrap().clone();
    let account = state.account_mut("A").unwrap();
    assert!(account.autopay);
    assert_eq!(account.change_method(&wallet), Some(WALLET_CANNOT_AUTOPAY));
    assert!(!account.autopay);
    assert_eq!(
        account.set_autopay(true, &wallet),
        Err(PaymentError::CannotAutopay(WALLET_CANNOT_AUTOPAY))
    );
    assert_eq!(account.change_method(&bank), None);
    assert!(account.set_autopay(true, &bank).is_ok());
    assert!(account.autopay);
}
