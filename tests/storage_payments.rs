//! Stored payment plans across the schema change that made a payment's due date the business
//! day the money moves: values saved before it still load, with the same meaning.

mod support;

use bnpl_market::domain::engine::run;
use bnpl_market::domain::payments::{
    ChargeBehaviour, PaymentEventKind, PaymentStatus, PaymentsState,
};
use bnpl_market::domain::plans::PlanKind;
use bnpl_market::storage::envelope::{decode, encode};
use bnpl_market::storage::Aggregate;
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::{json, Value};
use support::{noon, payments_with_plans, visa_debit};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A $200 pay-in-4 plan bought at noon on `bought`, paid with a card that `behaviour`.
fn pay_in_4(bought: NaiveDate, behaviour: ChargeBehaviour) -> PaymentsState {
    let card = visa_debit((2030, 1), bought).with_behaviour(behaviour);
    payments_with_plans(9, card, bought, &[("X", PlanKind::PayIn4, 20_000)])
}

/// The value as schema 1 stored it: `edit` puts back what schema 1 kept.
fn stored_as_schema_1(state: &PaymentsState, edit: impl FnOnce(&mut Value)) -> String {
    let mut data = serde_json::to_value(state).unwrap();
    for installment in data["accounts"]["X"]["installments"]
        .as_array_mut()
        .unwrap()
    {
        installment.as_object_mut().unwrap().remove("moved_from");
    }
    edit(&mut data);
    json!({"schema": 1, "rev": 4, "data": data}).to_string()
}

#[test]
fn a_saved_extension_onto_christmas_loads_due_on_the_business_day_with_its_note() {
    // Tuesday 1 December 2026; payment 2, due 15 December, extended to Christmas Day.
    let mut now_state = pay_in_4(d(2026, 12, 1), ChargeBehaviour::Pays);
    let account = now_state.account_mut("X").unwrap();
    account.extend_due_date(2, noon(d(2026, 12, 3))).unwrap();
    // Schema 1 kept the day the extension named, and the reminder was about that day.
    let old = stored_as_schema_1(&now_state, |data| {
        let payment_2 = &mut data["accounts"]["X"]["installments"][1];
        payment_2["due"] = json!("2026-12-25");
        payment_2["reminded_for"] = json!("2026-12-25");
    });

    let loaded = decode::<PaymentsState>(&old).unwrap();
    assert_eq!(loaded.found_schema, 1);
    let installment = loaded.value.account("X").unwrap().installment(2).unwrap();
    assert_eq!(installment.due, d(2026, 12, 28));
    assert_eq!(installment.moved_from, Some(d(2026, 12, 25)));
    assert_eq!(installment.reminded_for, Some(d(2026, 12, 28)));
    let mut expected = now_state.clone();
    expected.account_mut("X").unwrap().installments[1].reminded_for = Some(d(2026, 12, 28));
    assert_eq!(loaded.value, expected);

    // It was already reminded: only its collection is left, on Monday 28 December.
    let mut state = loaded.value;
    let applied = run(&mut state, noon(d(2026, 12, 20)), noon(d(2026, 12, 28)));
    let kinds: Vec<_> = applied
        .iter()
        .map(|a| (a.event.at, &a.event.kind))
        .filter(|(_, kind)| {
            matches!(
                kind,
                PaymentEventKind::Reminder { number: 2, .. }
                    | PaymentEventKind::Collection { number: 2, .. }
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [(
            Utc.with_ymd_and_hms(2026, 12, 28, 9, 0, 0).unwrap(),
            &PaymentEventKind::Collection {
                order_id: "X".into(),
                number: 2
            }
        )]
    );

    // The current schema keeps the note through a save.
    let again = decode::<PaymentsState>(&encode(&expected, 5)).unwrap();
    assert_eq!(again.value, expected);
    assert_eq!(again.found_schema, PaymentsState::SCHEMA);
}

#[test]
fn a_saved_plan_bought_on_a_saturday_keeps_its_dates() {
    // Saturday 5 December 2026: the first payment was charged that day; the others, on
    // Saturdays, were already stored on the business days after (Monday 18 January 2027 is
    // Martin Luther King Jr. Day).
    let now_state = pay_in_4(d(2026, 12, 5), ChargeBehaviour::Pays);
    let old = stored_as_schema_1(&now_state, |_| {});
    let loaded = decode::<PaymentsState>(&old).unwrap().value;
    let dues: Vec<NaiveDate> = loaded
        .account("X")
        .unwrap()
        .installments
        .iter()
        .map(|i| i.due)
        .collect();
    assert_eq!(
        dues,
        [
            d(2026, 12, 5),
            d(2026, 12, 21),
            d(2027, 1, 4),
            d(2027, 1, 19)
        ]
    );
    // Schema 1 never knew the Saturdays, so no note: the dates are as they were shown.
    let mut expected = now_state;
    for installment in &mut expected.account_mut("X").unwrap().installments {
        installment.moved_from = None;
    }
    assert_eq!(loaded, expected);
}

#[test]
fn a_saved_retry_on_thanksgiving_loads_on_the_next_business_day() {
    // Thursday 5 November 2026: payment 2 fails on Thursday 19 November.
    let mut state = pay_in_4(d(2026, 11, 5), ChargeBehaviour::Declines);
    run(&mut state, noon(d(2026, 11, 5)), noon(d(2026, 11, 20)));
    let status = &state.account("X").unwrap().installment(2).unwrap().status;
    assert!(
        matches!(status, PaymentStatus::Failed { next_retry, .. } if *next_retry == d(2026, 11, 27)),
        "{status:?}"
    );
    // Schema 1 kept a week later, Thanksgiving, and retried the day after.
    let old = stored_as_schema_1(&state, |data| {
        data["accounts"]["X"]["installments"][1]["status"]["next_retry"] = json!("2026-11-26");
    });
    assert_eq!(decode::<PaymentsState>(&old).unwrap().value, state);
}

#[test]
fn a_schema_1_value_that_is_not_a_plan_is_refused_with_the_reason() {
    let old = json!({"schema": 1, "rev": 1, "data": {"accounts": {"X": {"market": "US"}}}});
    let error = decode::<PaymentsState>(&old.to_string()).unwrap_err();
    assert!(
        error.describe().contains("the plan of X has no opened_at"),
        "{}",
        error.describe()
    );
}
