//! Collections through the engine: autopay, business days, the wallet, failures and pauses.

use super::*;
use crate::domain::calendar::is_business_day;
use crate::domain::engine::at_time_of_day;

fn kinds(applied: &[AppliedEvent<PaymentEventKind>]) -> Vec<(DateTime<Utc>, &'static str)> {
    applied
        .iter()
        .map(|a| {
            let name = match a.event.kind {
                PaymentEventKind::RefundCompleted { .. } => "refund",
                PaymentEventKind::Reminder { .. } => "reminder",
                PaymentEventKind::Collection { .. } => "collection",
                PaymentEventKind::Retry { .. } => "retry",
                PaymentEventKind::GraceEnded { .. } => "grace ended",
                PaymentEventKind::LateFee { .. } => "late fee",
            };
            (a.event.at, name)
        })
        .collect()
}

#[test]
fn autopay_collects_on_each_due_date_after_a_reminder() {
    let mut state = shopper();
    // Monday 2 March 2026: payments on 2 March (at checkout), 16 March, 30 March, 13 April.
    open(
        &mut state,
        "A",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        CARD,
    );
    let applied = run_days(&mut state, noon(d(2026, 3, 2)), 60);
    let expected: Vec<(DateTime<Utc>, &str)> = [(14, 16, 3), (28, 30, 3), (11, 13, 4)]
        .iter()
        .flat_map(|&(remind, due, month)| {
            let remind_month = if remind > due { month - 1 } else { month };
            [
                (at_time_of_day(d(2026, remind_month, remind), 8), "reminder"),
                (at_time_of_day(d(2026, month, due), 9), "collection"),
            ]
        })
        .collect();
    assert_eq!(kinds(&applied), expected);
    assert_eq!(
        subjects(&applied)[..2],
        [
            "Payment reminder: $50.00 due Mon 16 Mar 2026",
            "Payment collected: $50.00"
        ]
    );
    let account = state.account("A").unwrap();
    assert!(account.installments.iter().all(|i| i.status.is_paid()));
    assert!(account.is_settled());
    assert_eq!(account.balance().paid, usd(20_000));
}

#[test]
fn a_due_date_on_a_holiday_weekend_is_collected_the_next_business_day() {
    let mut state = shopper();
    open(
        &mut state,
        "A",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 6, 22),
        CARD,
    );
    // Friday 3 July 2026 is Independence Day (observed); then a weekend.
    state.account_mut("A").unwrap().installments[1].set_due(d(2026, 7, 3), Market::US);
    assert_eq!(
        state.account("A").unwrap().installments[1].due,
        d(2026, 7, 6)
    );
    let applied = run_days(&mut state, noon(d(2026, 6, 22)), 20);
    let collection = applied
        .iter()
        .find(|a| matches!(a.event.kind, PaymentEventKind::Collection { number: 2, .. }))
        .unwrap();
    assert_eq!(collection.event.at, at_time_of_day(d(2026, 7, 6), 9));

    let mut uk = shopper();
    open(
        &mut uk,
        "B",
        PlanKind::PayIn3,
        Market::UK,
        gbp(30_000),
        d(2026, 3, 2),
        CARD,
    );
    // Good Friday 3 April and Easter Monday 6 April 2026 in England.
    uk.account_mut("B").unwrap().installments[1].set_due(d(2026, 4, 3), Market::UK);
    let applied = run_days(&mut uk, noon(d(2026, 3, 2)), 40);
    let collection = applied
        .iter()
        .find(|a| matches!(a.event.kind, PaymentEventKind::Collection { number: 2, .. }))
        .unwrap();
    assert_eq!(collection.event.at, at_time_of_day(d(2026, 4, 7), 9));
    assert!(is_business_day(
        collection.event.at.date_naive(),
        Market::UK
    ));
}

#[test]
fn the_wallet_never_autopays_and_a_missed_payment_turns_late() {
    let mut state = shopper();
    open(
        &mut state,
        "W",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        WALLET,
    );
    assert!(!state.account("W").unwrap().autopay);
    let start = noon(d(2026, 3, 2));
    let applied = run(&mut state, start, at_time_of_day(d(2026, 3, 16), 10));
    assert_eq!(
        subjects(&applied),
        [
            "Payment reminder: $50.00 due Mon 16 Mar 2026",
            "Payment due today: $50.00"
        ]
    );
    assert!(applied[0].notifications[0]
        .body
        .contains("pay it in My Klarna"));
    let account = state.account("W").unwrap();
    assert!(matches!(
        account.installments[1].status,
        PaymentStatus::AwaitingPayment { .. }
    ));
    assert_eq!(account.display_status(2), Some(PaymentDisplayStatus::Due));
    // The shopper presses "Pay".
    let wallet = state.method(WALLET).unwrap().clone();
    let now = at_time_of_day(d(2026, 3, 16), 11);
    let account = state.account_mut("W").unwrap();
    assert_eq!(account.pay_installment(2, &wallet, now), Ok(usd(5000)));
    // Payment 3 is left unpaid: a week after 30 March it is late and costs a fee.
    let applied = run(&mut state, now, noon(d(2026, 4, 7)));
    assert_eq!(
        subjects(&applied),
        [
            "Payment reminder: $50.00 due Mon 30 Mar 2026",
            "Payment due today: $50.00",
            "Payment missed: $50.00",
            "Late fee charged: $7.00"
        ]
    );
    let account = state.account("W").unwrap();
    assert_eq!(account.installments[2].owed(), usd(5700));
    assert_eq!(account.display_status(3), Some(PaymentDisplayStatus::Late));
}

#[test]
fn a_declined_collection_is_retried_after_seven_days_then_charged_a_late_fee() {
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
    let applied = run(&mut state, noon(d(2026, 3, 2)), noon(d(2026, 3, 24)));
    assert_eq!(
        kinds(&applied),
        [
            (at_time_of_day(d(2026, 3, 14), 8), "reminder"),
            (at_time_of_day(d(2026, 3, 16), 9), "collection"),
            (at_time_of_day(d(2026, 3, 23), 9), "retry"),
            (at_time_of_day(d(2026, 3, 23), 9), "late fee"),
        ]
    );
    assert_eq!(
        subjects(&applied)[1..],
        [
            "Payment failed: $50.00",
            "Payment missed: $50.00",
            "Late fee charged: $7.00"
        ]
    );
    assert!(applied[1].notifications[0]
        .body
        .contains("the payment was declined"));
    let account = state.account("D").unwrap();
    assert_eq!(account.installments[1].fee, usd(700));
    assert_eq!(account.installments[1].owed(), usd(5700));
    account.check_invariants().unwrap();
}

#[test]
fn an_expired_card_fails_like_a_decline() {
    let mut state = shopper();
    let expiring = PaymentMethod::card(
        MethodId(9),
        MethodKind::DebitCard,
        "4000056655665556",
        (2026, 3),
        "123",
        d(2026, 3, 1),
    )
    .unwrap();
    state.add_method(expiring);
    open(
        &mut state,
        "E",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        MethodId(9),
    );
    // 16 March is still within the card's last month; 30 March too; 13 April is not.
    run_days(&mut state, noon(d(2026, 3, 2)), 45);
    let account = state.account("E").unwrap();
    assert!(account.installments[2].status.is_paid());
    assert!(matches!(
        account.installments[3].status,
        PaymentStatus::Failed {
            reason: ChargeFailure::CardExpired,
            ..
        }
    ));
}

#[test]
fn changing_the_method_before_the_retry_saves_the_payment() {
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
    let mid = noon(d(2026, 3, 17));
    run(&mut state, noon(d(2026, 3, 2)), mid);
    let card = state.method(CARD).unwrap().clone();
    assert_eq!(state.account_mut("D").unwrap().change_method(&card), None);
    let applied = run(&mut state, mid, noon(d(2026, 3, 24)));
    assert_eq!(subjects(&applied), ["Payment collected: $50.00"]);
    let account = state.account("D").unwrap();
    assert!(matches!(
        account.installments[1].status,
        PaymentStatus::Paid {
            method_id: CARD,
            ..
        }
    ));
    assert!(account.fees_charged().is_empty());
}

#[test]
fn a_paused_plan_collects_nothing_and_resuming_shifts_its_dates() {
    let mut state = shopper();
    open(
        &mut state,
        "P",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        DECLINING,
    );
    state
        .account_mut("P")
        .unwrap()
        .pause(noon(d(2026, 3, 10)))
        .unwrap();
    let applied = run(&mut state, noon(d(2026, 3, 10)), noon(d(2026, 6, 30)));
    assert!(applied.is_empty(), "{applied:?}");
    let account = state.account("P").unwrap();
    assert_eq!(
        account.display_status(2),
        Some(PaymentDisplayStatus::Paused)
    );
    assert!(account.fees_charged().is_empty());
    assert!(account.installments[1..]
        .iter()
        .all(|i| i.status == PaymentStatus::Scheduled));

    // The seller wins the dispute on 20 March: 10 days paused.
    let mut state = shopper();
    open(
        &mut state,
        "P",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        CARD,
    );
    let account = state.account_mut("P").unwrap();
    account.pause(noon(d(2026, 3, 10))).unwrap();
    run(&mut state, noon(d(2026, 3, 10)), noon(d(2026, 3, 20)));
    let account = state.account_mut("P").unwrap();
    assert_eq!(account.resume(noon(d(2026, 3, 20))), Ok(10));
    let dues: Vec<NaiveDate> = account.installments.iter().map(|i| i.due).collect();
    assert_eq!(
        dues,
        [d(2026, 3, 2), d(2026, 3, 26), d(2026, 4, 9), d(2026, 4, 23)]
    );
    let applied = run_days(&mut state, noon(d(2026, 3, 20)), 60);
    let collections: Vec<DateTime<Utc>> = applied
        .iter()
        .filter(|a| matches!(a.event.kind, PaymentEventKind::Collection { .. }))
        .map(|a| a.event.at)
        .collect();
    assert_eq!(
        collections,
        [
            at_time_of_day(d(2026, 3, 26), 9),
            at_time_of_day(d(2026, 4, 9), 9),
            at_time_of_day(d(2026, 4, 23), 9)
        ]
    );
}

#[test]
fn a_collection_that_passed_during_a_short_pause_happens_right_after_resuming() {
    let mut state = shopper();
    open(
        &mut state,
        "P",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        CARD,
    );
    let paused_at = at_time_of_day(d(2026, 3, 16), 8) + Duration::minutes(30);
    let resumed_at = at_time_of_day(d(2026, 3, 16), 15);
    run(&mut state, noon(d(2026, 3, 2)), paused_at);
    state.account_mut("P").unwrap().pause(paused_at).unwrap();
    run(&mut state, paused_at, resumed_at);
    assert_eq!(state.account_mut("P").unwrap().resume(resumed_at), Ok(0));
    let applied = run(&mut state, resumed_at, resumed_at + Duration::minutes(1));
    assert_eq!(subjects(&applied), ["Payment collected: $50.00"]);
}

#[test]
fn next_payment_instant_skips_reminders() {
    let mut state = shopper();
    open(
        &mut state,
        "A",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 2),
        CARD,
    );
    open(
        &mut state,
        "B",
        PlanKind::PayIn4,
        Market::US,
        usd(20_000),
        d(2026, 3, 4),
        CARD,
    );
    let start = noon(d(2026, 3, 4));
    let next = state.next_payment_instant(start).unwrap();
    assert_eq!(next, at_time_of_day(d(2026, 3, 16), 9));
    run(&mut state, start, next);
    assert_eq!(
        state.next_payment_instant(next),
        Some(at_time_of_day(d(2026, 3, 18), 9))
    );
    let upcoming = state.upcoming_payments();
    assert_eq!(upcoming.len(), 5);
    assert_eq!(
        (upcoming[0].order_id.as_str(), upcoming[0].number),
        ("B", 2)
    );
    assert_eq!(upcoming[0].method_label, "Visa •••• 4242");
    assert_eq!(state.total_owed(Currency::USD), usd(25_000));
}

#[test]
fn a_paused_plan_has_no_payment_collected_as_scheduled() {
    let mut state = card_plan();
    let collected_as_scheduled = |state: &PaymentsState| {
        state
            .upcoming_payments()
            .iter()
            .filter(|p| p.is_collected_as_scheduled())
            .count()
    };
    assert_eq!(collected_as_scheduled(&state), 3);
    state
        .account_mut("A")
        .unwrap()
        .pause(noon(d(2026, 3, 3)))
        .unwrap();
    let upcoming = state.upcoming_payments();
    assert_eq!(upcoming.len(), 3, "paused payments are still listed");
    assert!(upcoming
        .iter()
        .all(|p| p.status == PaymentDisplayStatus::Paused && !p.needs_attention()));
    assert_eq!(collected_as_scheduled(&state), 0);
}
