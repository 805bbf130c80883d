//! The storage layer against the real localStorage of headless Chromium.
#![cfg(target_arch = "wasm32")]

use bnpl_market::domain::cart::Cart;
use bnpl_market::domain::inbox::Inbox;
use bnpl_market::storage::browser::LocalStore;
use bnpl_market::storage::envelope::storage_key;
use bnpl_market::storage::repository::quarantined_keys;
use bnpl_market::storage::{load, save, KeyValueStore, LoadProblem, StoreError};
use chrono::{TimeZone, Utc};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_store() -> LocalStore {
    let store = LocalStore::open();
    for key in store.keys().unwrap() {
        store.remove(&key).unwrap();
    }
    store
}

fn inbox_with_one_message() -> Inbox {
    let mut inbox = Inbox::default();
    inbox.deliver(
        Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
        "Hello",
        "Kept",
        None,
    );
    inbox
}

#[wasm_bindgen_test]
fn round_trips_through_real_local_storage() {
    let store = fresh_store();
    let inbox = inbox_with_one_message();
    let rev = save(&store, &inbox, 0).unwrap();
    let raw = store
        .get(&storage_key::<Inbox>())
        .unwrap()
        .expect("the value is in localStorage");
    assert!(raw.starts_with(r#"{"schema":1,"rev":1,"data":"#), "{raw}");
    let loaded = load::<Inbox>(&LocalStore::open());
    assert_eq!(
        (loaded.value, loaded.rev, loaded.problem),
        (inbox, rev, None)
    );
}

#[wasm_bindgen_test]
fn every_corruption_case_is_quarantined_and_the_other_aggregates_load() {
    let huge = format!(
        r#"{{"schema":1,"rev":1,"data":"{}"}}"#,
        "x".repeat(2_600_000)
    );
    let cases: [(&str, String); 9] = [
        (
            "truncated JSON",
            r#"{"schema":1,"rev":3,"data":{"lines":["#.into(),
        ),
        (
            "wrong types",
            r#"{"schema":1,"rev":3,"data":{"lines":"many"}}"#.into(),
        ),
        ("empty string", String::new()),
        ("null", "null".into()),
        (
            "future schema",
            r#"{"schema":99,"rev":3,"data":{"lines":[]}}"#.into(),
        ),
        ("huge value", huge),
        ("wrong top-level type", "[1,2,3]".into()),
        (
            "unknown extra field",
            r#"{"schema":1,"rev":3,"data":{"lines":[],"coupon":"FREE"}}"#.into(),
        ),
        ("a bare number", "42".into()),
    ];
    for (name, bad) in cases {
        let store = fresh_store();
        let inbox = inbox_with_one_message();
        save(&store, &inbox, 0).unwrap();
        store.set(&storage_key::<Cart>(), &bad).unwrap();

        let cart = load::<Cart>(&store);
        assert_eq!(cart.value, Cart::default(), "{name}: the cart starts empty");
        match cart.problem {
            Some(LoadProblem::Quarantined { moved_to, .. }) => {
                let kept = store.get(&moved_to).unwrap();
                assert_eq!(
                    kept.as_deref(),
                    Some(bad.as_str()),
                    "{name}: the bad value is kept"
                );
            }
            other => panic!("{name}: expected quarantine, got {other:?}"),
        }
        assert_eq!(store.get(&storage_key::<Cart>()).unwrap(), None, "{name}");
        assert_eq!(quarantined_keys(&store).len(), 1, "{name}");
        let other = load::<Inbox>(&store);
        assert_eq!(
            (other.value, other.problem),
            (inbox, None),
            "{name}: the inbox still loads"
        );
    }
    fresh_store();
}

#[wasm_bindgen_test]
fn a_full_storage_refuses_the_write_and_keeps_the_old_value() {
    let store = fresh_store();
    let inbox = inbox_with_one_message();
    let rev = save(&store, &inbox, 0).unwrap();
    // Fill the origin's quota with filler values until the browser refuses one.
    let chunk = "f".repeat(512 * 1024);
    let mut filled = 0;
    loop {
        match store.set(&format!("filler.{filled}"), &chunk) {
            Ok(()) => filled += 1,
            Err(StoreError::QuotaExceeded) => break,
            Err(other) => panic!("expected a quota error, got {other:?}"),
        }
        assert!(filled < 200, "the quota never ran out");
    }
    let mut bigger = inbox.clone();
    bigger.deliver(
        Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap(),
        "Big",
        chunk.clone(),
        None,
    );
    assert_eq!(save(&store, &bigger, rev), Err(StoreError::QuotaExceeded));
    assert_eq!(
        load::<Inbox>(&store).value,
        inbox,
        "the saved copy is unchanged"
    );
    fresh_store();
}
