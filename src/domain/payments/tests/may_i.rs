//! "May I?" on a plan: what My Klarna offers is what the action accepts.

use super::*;

#[test]
fn a_paused_plan_may_extend_a_due_date_and_the_extension_works() {
    let mut state = card_plan();
    let now = noon(d(2026, 3, 5));
    let account = state.account_mut("A").unwrap();
    account.pause(now).unwrap();
    assert_eq!(
        account.can_extend(2),
        Ok(()),
        "a pause does not use the extension"
    );
    let due = account.installment(2).unwrap().due;
    assert_eq!(
        account.extend_due_date(2, now),
        Ok(due + chrono::Days::new(EXTENSION_DAYS))
    );
    assert_eq!(
        account.can_extend(3),
        Err(PaymentError::ExtensionAlreadyUsed { on_payment: 2 })
    );
}

#[test]
fn a_paid_off_plan_offers_no_whole_balance_payment_and_refuses_it_alike() {
    let mut state = card_plan();
    let card = state.method(CARD).unwrap().clone();
    let now = noon(d(2026, 3, 5));
    let account = state.account_mut("A").unwrap();
    assert_eq!(account.can_pay_whole_balance(), Ok(()));
    account.pay_whole_balance(&card, now).unwrap();
    assert_eq!(account.owed(), usd(0));
    assert_eq!(
        account.can_pay_whole_balance(),
        Err(PaymentError::NothingOwed)
    );
    assert_eq!(
        account.pay_whole_balance(&card, now),
        Err(PaymentError::NothingOwed)
    );
}

#[test]
fn a_payment_may_be_paid_while_something_is_owed_on_it() {
    let mut state = card_plan();
    let card = state.method(CARD).unwrap().clone();
    let now = noon(d(2026, 3, 5));
    let account = state.account_mut("A").unwrap();
    assert_eq!(
        account.can_pay_installment(1),
        Err(PaymentError::NothingOwed),
        "paid at checkout"
    );
    assert_eq!(
        account.can_pay_installment(9),
        Err(PaymentError::NoSuchPayment(9))
    );
    account.pause(now).unwrap();
    assert_eq!(account.can_pay_installment(2), Ok(()), "also while paused");
    account.pay_installment(2, &card, now).unwrap();
    assert_eq!(
        account.can_pay_installment(2),
        Err(PaymentError::NothingOwed)
    );
}
