//! Payment plans saved before each payment kept its interest (schema 1) load unchanged.

mod support;

use bnpl_market::domain::payments::PaymentsState;
use bnpl_market::domain::plans::PlanKind;
use bnpl_market::storage::envelope::{decode, encode};
use bnpl_market::storage::DecodeError;
use chrono::NaiveDate;
use serde_json::{json, Value};
use support::{payments_with_plans, usd, visa_debit};

/// A financed plan, a Pay in 4 plan and a 0% promotional plan, as this version opens them.
fn plans() -> PaymentsState {
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    payments_with_plans(
        1,
        visa_debit((2030, 1), day),
        day,
        &[
            ("BM-000001", PlanKind::Financing { months: 12 }, 20_800),
            ("BM-000002", PlanKind::PayIn4, 10_001),
            ("BM-000003", PlanKind::Financing { months: 6 }, 30_000),
        ],
    )
}

/// What schema 1 stored: the same, without interest, APR or principal reduction.
fn as_schema_1(state: &PaymentsState) -> Value {
    let mut data = serde_json::to_value(state).unwrap();
    for account in data["accounts"].as_object_mut().unwrap().values_mut() {
        let account = account.as_object_mut().unwrap();
        account.remove("apr").unwrap();
        account.remove("principal_reduced").unwrap();
        for installment in account["installments"].as_array_mut().unwrap() {
            installment
                .as_object_mut()
                .unwrap()
                .remove("interest")
                .unwrap();
        }
    }
    data
}

#[test]
fn schema_1_plans_get_their_agreed_interest_back() {
    let state = plans();
    let raw = json!({"schema": 1, "rev": 3, "data": as_schema_1(&state)}).to_string();
    let stored = decode::<PaymentsState>(&raw).expect("schema 1 payments migrate");
    assert_eq!(stored.found_schema, 1);
    assert_eq!(stored.value, state);
    let financed = stored.value.account("BM-000001").unwrap();
    assert_eq!(financed.balance().interest, usd(2318));
    for account in stored.value.accounts.values() {
        account.check_invariants().unwrap();
    }
    let again = decode::<PaymentsState>(&encode(&stored.value, 4)).unwrap();
    assert_eq!(again.value, state);
}

#[test]
fn a_schema_1_plan_the_amortization_does_not_reproduce_is_refused() {
    let mut data = as_schema_1(&plans());
    data["accounts"]["BM-000001"]["installments"][3]["amount"] =
        serde_json::to_value(usd(1)).unwrap();
    let raw = json!({"schema": 1, "rev": 3, "data": data}).to_string();
    match decode::<PaymentsState>(&raw) {
        Err(DecodeError::MigrationFailed { from: 1, reason }) => {
            assert!(reason.contains("payment 4 of BM-000001"), "{reason}")
        }
        other => panic!("expected a failed migration, got {other:?}"),
    }
}
