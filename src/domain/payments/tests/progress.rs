//! "2 of 4 paid" on a purchase.

use super::*;

#[test]
fn pay_in_4_counts_up_as_payments_are_made_and_reads_all_paid_at_the_end() {
    let mut state = card_plan();
    let method = state.method(CARD).unwrap().clone();
    let progress = |state: &PaymentsState| state.account("A").unwrap().progress();
    assert_eq!(
        progress(&state),
        PlanProgress {
            paid: 1,
            refunded: 0,
            total: 4
        }
    );
    assert_eq!(progress(&state).label(), "1 of 4 paid");
    let account = state.account_mut("A").unwrap();
    account
        .pay_installment(2, &method, noon(d(2026, 3, 3)))
        .unwrap();
    assert_eq!(progress(&state).label(), "2 of 4 paid");
    let account = state.account_mut("A").unwrap();
    for number in [3, 4] {
        account
            .pay_installment(number, &method, noon(d(2026, 3, 3)))
            .unwrap();
    }
    assert_eq!(progress(&state).label(), "All 4 paid");
    assert_eq!(progress(&state).closed(), 4);
}

#[test]
fn payments_a_refund_covers_are_counted_apart_from_paid_ones() {
    let mut state = card_plan();
    let methods = state.methods.clone();
    let account = state.account_mut("A").unwrap();
    // Klarna spreads a refund over the payments still to come: half of what is owed
    // leaves three smaller payments, none of them refunded in full.
    let owed = account.owed();
    account
        .apply_refund(
            Money::from_minor(owed.minor() / 2, owed.currency()),
            noon(d(2026, 3, 5)),
            &methods,
        )
        .unwrap();
    assert_eq!(account.progress().label(), "1 of 4 paid");
    // The rest of it covers them all.
    let rest = account.owed();
    account
        .apply_refund(rest, noon(d(2026, 3, 6)), &methods)
        .unwrap();
    let progress = account.progress();
    assert_eq!(
        progress,
        PlanProgress {
            paid: 1,
            refunded: 3,
            total: 4
        }
    );
    assert_eq!(progress.label(), "1 of 4 paid, 3 refunded");
    assert_eq!(progress.closed(), 4);
}

#[test]
fn a_single_payment_plan_reads_as_one_word() {
    let label = |paid, refunded| {
        PlanProgress {
            paid,
            refunded,
            total: 1,
        }
        .label()
    };
    assert_eq!(label(0, 0), "Not paid yet");
    assert_eq!(label(1, 0), "Paid");
    assert_eq!(label(0, 1), "Refunded");
}
