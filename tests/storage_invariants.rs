//! A stored value must mean something possible before the shop uses it. Values edited by hand
//! (an amount too large for cents, negative money, a billion items) are set aside on load
//! like corrupt ones, with the reason, instead of bricking the app or showing "-$89.25 owed".

mod support;

use bnpl_market::app::demo_orders::Scenario;
use bnpl_market::app::OrderBook;
use bnpl_market::domain::payments::PaymentsState;
use bnpl_market::klarna::MockKlarna;
use bnpl_market::storage::envelope::{decode, encode, storage_key};
use bnpl_market::storage::{load, Aggregate, DecodeError, KeyValueStore, LoadProblem, MemoryStore};
use chrono::Duration;
use serde_json::Value;
use support::{monday, Shop};

/// A shop a month after a Pay in 4 order: paid once, shipped, with a plan and a provider order.
fn lived_shop() -> Shop {
    let mut shop = Shop::new();
    shop.seed(Scenario::PayIn4Card, monday());
    shop.run(monday(), monday() + Duration::days(30));
    shop
}

/// `value`'s stored form with the first field named `field` (depth first, keys in
/// alphabetical order) under its top-level field `within` set to `to`.
fn edited<A: Aggregate>(value: &A, within: &str, field: &str, to: Value) -> String {
    fn edit(json: &mut Value, field: &str, to: &Value) -> bool {
        match json {
            Value::Object(map) => {
                if let Some(slot) = map.get_mut(field) {
                    *slot = to.clone();
                    return true;
                }
                map.values_mut().any(|v| edit(v, field, to))
            }
            Value::Array(items) => items.iter_mut().any(|v| edit(v, field, to)),
            _ => false,
        }
    }
    let mut json = serde_json::to_value(value).unwrap();
    let part = json.get_mut(within).expect("the field to edit within");
    assert!(edit(part, field, &to), "{} has a field {field}", A::LABEL);
    format!(r#"{{"schema":{},"rev":4,"data":{json}}}"#, A::SCHEMA)
}

/// Loads `raw` as `A` from a store holding only it: the value must be set aside, with a
/// reason that contains `why`.
fn assert_set_aside<A: Aggregate>(raw: &str, why: &str) {
    let store = MemoryStore::default();
    store.set(&storage_key::<A>(), raw).unwrap();
    let loaded = load::<A>(&store);
    assert!(loaded.value == A::default(), "{} starts empty", A::LABEL);
    let Some(LoadProblem::Quarantined { error, moved_to }) = loaded.problem else {
        panic!("{} is quarantined, got {:?}", A::LABEL, loaded.problem);
    };
    assert!(
        error.describe().contains(why),
        "{}: {}",
        A::LABEL,
        error.describe()
    );
    assert_eq!(
        store.get(&moved_to).unwrap().as_deref(),
        Some(raw),
        "kept aside"
    );
}

#[test]
fn an_amount_too_large_for_cents_is_set_aside_instead_of_bricking_the_app() {
    let shop = lived_shop();
    let huge = serde_json::json!({"amount": "9999999999999999999999.99", "currency": "USD"});
    assert_set_aside::<PaymentsState>(
        &edited(&shop.payments, "accounts", "amount", huge.clone()),
        "beyond",
    );
    assert_set_aside::<OrderBook>(
        &edited(&shop.orders, "records", "unit_price", huge),
        "beyond",
    );
}

#[test]
fn negative_money_and_impossible_quantities_are_set_aside_with_the_reason() {
    let shop = lived_shop();
    let negative = serde_json::json!({"amount": "-89.25", "currency": "USD"});
    assert_set_aside::<OrderBook>(
        &edited(&shop.orders, "records", "unit_price", negative.clone()),
        "below zero",
    );
    assert_set_aside::<OrderBook>(
        &edited(
            &shop.orders,
            "records",
            "quantity",
            Value::from(1_000_000_000),
        ),
        "quantity of 1000000000",
    );
    assert_set_aside::<PaymentsState>(
        &edited(&shop.payments, "accounts", "amount", negative),
        "impossible",
    );
    assert_set_aside::<MockKlarna>(
        &edited(
            &shop.provider,
            "orders",
            "captured_amount",
            Value::from(-2975),
        ),
        "below zero",
    );
}

#[test]
fn a_plan_that_does_not_add_up_to_its_order_is_set_aside() {
    let shop = lived_shop();
    let raw = edited(
        &shop.orders,
        "records",
        "total",
        serde_json::json!({"amount": "1.00", "currency": "USD"}),
    );
    assert!(matches!(
        decode::<OrderBook>(&raw),
        Err(DecodeError::Impossible(_))
    ));
}

#[test]
fn every_state_a_generated_history_reaches_reads_back() {
    let mut shop = Shop::new();
    shop.history(40, monday());
    shop.assert_reads_back();
    let stored = decode::<OrderBook>(&encode(&shop.orders, 1)).unwrap();
    assert_eq!(stored.value.len(), 40);
}
