//! One due date per payment: the business day the money moves. An extension or a pause that
//! lands on a weekend or a public holiday moves the date to the next business day, and the
//! reminder, the collection and every message use that day.

use proptest::prelude::*;

use super::properties::{any_method, any_plan};
use super::*;
use crate::domain::calendar::is_business_day;
use crate::domain::engine::at_time_of_day;

/// The date a reminder names: its subject reads "Payment reminder: <amount> due <date>".
fn named_date(subject: &str) -> NaiveDate {
    let (_, date) = subject
        .rsplit_once(" due ")
        .unwrap_or_else(|| panic!("a reminder names its date: {subject}"));
    NaiveDate::parse_from_str(date, "%a %d %b %Y")
        .unwrap_or_else(|e| panic!("a reminder's date reads as a date ({e}): {subject}"))
}

fn reminders_of(
    applied: &[AppliedEvent<PaymentEventKind>],
    payment: u32,
) -> Vec<(DateTime<Utc>, String, String)> {
    applied
        .iter()
        .filter(|a| matches!(a.event.kind, PaymentEventKind::Reminder { number, .. } if number == payment))
        .flat_map(|a| {
            a.notifications
                .iter()
                .map(|n| (a.event.at, n.subject.clone(), n.body.clone()))
        })
        .collect()
}

fn collection_of(applied: &[AppliedEvent<PaymentEventKind>], payment: u32) -> DateTime<Utc> {
    applied
        .iter()
        .find(|a| matches!(a.event.kind, PaymentEventKind::Collection { number, .. } if number == payment))
        .map(|a| a.event.at)
        .unwrap_or_else(|| panic!("payment {payment} is collected"))
}

/// No reminder arrives on or after the day it names.
fn assert_every_reminder_comes_before_its_date(applied: &[AppliedEvent<PaymentEventKind>]) {
    for a in applied {
        if let PaymentEventKind::Reminder { .. } = a.event.kind {
            for n in &a.notifications {
                assert!(
                    a.event.at.date_naive() < named_date(&n.subject),
                    "{} arrived on {}",
                    n.subject,
                    a.event.at
                );
            }
        }
    }
}

#[test]
fn an_extension_onto_christmas_is_due_reminded_and_collected_on_the_next_business_day() {
    let mut state = shopper();
    // Tuesday 1 December 2026, $49.96 in four: 1 December (at checkout), 15 and 29 December,
    // 12 January.
    open(
        &mut state,
        "X",
        PlanKind::PayIn4,
        Market::US,
        usd(4996),
        d(2026, 12, 1),
        CARD,
    );
    let now = noon(d(2026, 12, 3));
    let account = state.account_mut("X").unwrap();
    assert_eq!(account.installment(2).unwrap().due, d(2026, 12, 15));
    // 15 + 10 days is Friday 25 December, Christmas Day; then a weekend.
    assert_eq!(account.extend_due_date(2, now), Ok(d(2026, 12, 28)));
    assert_eq!(account.installment(2).unwrap().due, d(2026, 12, 28));
    let note = "moved from Fri 25 Dec 2026, Christmas Day, a public holiday";
    let moved = account.installment(2).unwrap().due_move(Market::US);
    assert_eq!(moved.map(|m| m.to_string()).as_deref(), Some(note));
    let row = &state.upcoming_payments()[0];
    assert_eq!((row.number, row.collects_on), (2, d(2026, 12, 28)));
    assert_eq!(row.due_move, moved);

    let applied = run(&mut state, now, noon(d(2027, 1, 31)));
    let reminders = reminders_of(&applied, 2);
    assert_eq!(reminders.len(), 1, "{reminders:?}");
    let (at, subject, body) = &reminders[0];
    assert!(
        *at <= at_time_of_day(d(2026, 12, 26), 8),
        "reminded at {at}"
    );
    assert_eq!(subject, "Payment reminder: $12.49 due Mon 28 Dec 2026");
    assert!(body.contains("on Mon 28 Dec 2026"), "{body}");
    assert!(body.contains(&format!("The date {note}.")), "{body}");
    assert_eq!(
        collection_of(&applied, 2),
        at_time_of_day(d(2026, 12, 28), 9)
    );
    assert_every_reminder_comes_before_its_date(&applied);
}

#[test]
fn a_uk_extension_onto_christmas_skips_boxing_day_and_its_substitute() {
    let mut state = shopper();
    // Sunday 15 November 2026, £300 in three: at checkout, Tuesday 15 December, 14 January.
    open(
        &mut state,
        "U",
        PlanKind::PayIn3,
        Market::UK,
        gbp(30_000),
        d(2026, 11, 15),
        CARD,
    );
    let now = noon(d(2026, 11, 20));
    let account = state.account_mut("U").unwrap();
    assert_eq!(account.installment(2).unwrap().due, d(2026, 12, 15));
    // Friday 25 December, Saturday 26 (Boxing Day), Sunday, Monday 28 (Boxing Day's
    // substitute day) are all closed in England: Tuesday 29 December.
    assert_eq!(account.extend_due_date(2, now), Ok(d(2026, 12, 29)));
    assert_eq!(
        account
            .installment(2)
            .unwrap()
            .due_move(Market::UK)
            .map(|m| m.to_string()),
        Some("moved from Fri 25 Dec 2026, Christmas Day, a bank holiday".into())
    );

    let applied = run(&mut state, now, noon(d(2027, 1, 31)));
    let reminders = reminders_of(&applied, 2);
    assert_eq!(reminders.len(), 1, "{reminders:?}");
    assert_eq!(reminders[0].0, at_time_of_day(d(2026, 12, 27), 8));
    assert_eq!(
        reminders[0].1,
        "Payment reminder: £100.00 due Tue 29 Dec 2026"
    );
    assert_eq!(
        collection_of(&applied, 2),
        at_time_of_day(d(2026, 12, 29), 9)
    );
    assert_every_reminder_comes_before_its_date(&applied);
}

#[test]
fn a_dispute_pause_that_shifts_dates_onto_saturdays_moves_them_to_mondays() {
    let mut state = shopper();
    // Monday 2 March 2026: payments on Mondays 16 and 30 March and 13 April.
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
    account.pause(noon(d(2026, 3, 5))).unwrap();
    // Five days paused: every date lands on a Saturday, so on the Monday after.
    assert_eq!(account.resume(noon(d(2026, 3, 10))), Ok(5));
    let dues: Vec<NaiveDate> = account.installments.iter().map(|i| i.due).collect();
    assert_eq!(
        dues,
        [d(2026, 3, 2), d(2026, 3, 23), d(2026, 4, 6), d(2026, 4, 20)]
    );
    assert_eq!(
        account
            .installment(2)
            .unwrap()
            .due_move(Market::US)
            .map(|m| m.to_string()),
        Some("moved from Sat 21 Mar 2026, a weekend".into())
    );

    let applied = run(&mut state, noon(d(2026, 3, 10)), noon(d(2026, 5, 1)));
    for (number, due) in [(2, d(2026, 3, 23)), (3, d(2026, 4, 6)), (4, d(2026, 4, 20))] {
        let reminders = reminders_of(&applied, number);
        assert_eq!(reminders.len(), 1, "{reminders:?}");
        assert_eq!(named_date(&reminders[0].1), due);
        assert_eq!(collection_of(&applied, number), at_time_of_day(due, 9));
    }
    assert_every_reminder_comes_before_its_date(&applied);
}

#[derive(Clone, Debug)]
enum DateAction {
    Run(i64),
    Extend(u32),
    Pause,
    Resume,
    PayOne(u32),
}

fn any_date_action() -> impl Strategy<Value = DateAction> {
    prop_oneof![
        4 => (1i64..30).prop_map(DateAction::Run),
        2 => (1u32..13).prop_map(DateAction::Extend),
        2 => Just(DateAction::Pause),
        2 => Just(DateAction::Resume),
        1 => (1u32..13).prop_map(DateAction::PayOne),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the plan, the purchase day and the extensions and pauses, a reminder comes
    /// before the date it names, and a payment whose date did not change after its reminder
    /// is collected on exactly the date that reminder named, a business day.
    #[test]
    fn every_reminder_comes_before_and_names_the_day_of_the_collection(
        (kind, market, total) in any_plan(),
        method in any_method(),
        bought_offset in 0u64..366,
        actions in prop::collection::vec(any_date_action(), 1..30),
    ) {
        let mut state = shopper();
        let bought = d(2026, 1, 1) + chrono::Days::new(bought_offset);
        let total = Money::from_minor(total, market.currency());
        open(&mut state, "P", kind, market, total, bought, method);
        let mut now = noon(bought);
        // By payment: the date its latest reminder named, while that date still holds.
        let mut reminded: std::collections::BTreeMap<u32, NaiveDate> = Default::default();
        for action in actions {
            let dues_before: Vec<NaiveDate> =
                state.account("P").unwrap().installments.iter().map(|i| i.due).collect();
            let methods = state.methods.clone();
            let account = state.account_mut("P").unwrap();
            match action {
                DateAction::Run(days) => {
                    let to = now + Duration::days(days);
                    for a in run(&mut state, now, to) {
                        match a.event.kind {
                            PaymentEventKind::Reminder { number, .. } => {
                                let named = named_date(&a.notifications[0].subject);
                                prop_assert!(
                                    a.event.at.date_naive() < named,
                                    "reminder for {} sent {} names {}", number, a.event.at, named
                                );
                                reminded.insert(number, named);
                            }
                            PaymentEventKind::Collection { number, .. } => {
                                let day = a.event.at.date_naive();
                                prop_assert!(is_business_day(day, market), "collected on {}", day);
                                if let Some(named) = reminded.remove(&number) {
                                    prop_assert_eq!(named, day, "payment {} reminded for another day", number);
                                }
                            }
                            _ => {}
                        }
                    }
                    now = to;
                }
                DateAction::Extend(n) => { let _ = account.extend_due_date(n, now); }
                DateAction::Pause => { let _ = account.pause(now); }
                DateAction::Resume => { let _ = account.resume(now); }
                DateAction::PayOne(n) => { let _ = account.pay_installment(n, &methods[&CARD], now); }
            }
            // A reminder about a date that has since moved is no longer a promise.
            let account = state.account("P").unwrap();
            for (installment, before) in account.installments.iter().zip(dues_before) {
                if installment.due != before {
                    reminded.remove(&installment.number);
                }
            }
        }
    }
}
