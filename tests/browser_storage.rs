//! The storage layer against the real localStorage of headless Chromium.
#![cfg(target_arch = "wasm32")]

use bnpl_market::app::clock::ClockState;
use bnpl_market::domain::cart::Cart;
use bnpl_market::domain::inbox::Inbox;
use bnpl_market::domain::inbox::Sender;
use bnpl_market::storage::browser::BrowserStore;
use bnpl_market::storage::envelope::storage_key;
use bnpl_market::storage::journal::JOURNAL_KEY;
use bnpl_market::storage::lineage::lineage_key;
use bnpl_market::storage::repository::quarantined_keys;
use bnpl_market::storage::stored_copy::read_copy;
use bnpl_market::storage::tab_copy::TabCopy;
use bnpl_market::storage::Aggregate;
use bnpl_market::storage::{load, save, KeyValueStore, LoadProblem, MemoryStore, StoreError};
use bnpl_market::ui::stores::{NotKept, Stores};
use bnpl_market::ui::{Notices, Persisted};
use chrono::{TimeZone, Utc};
use leptos::prelude::{GetUntracked, Memo, Owner};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_store() -> BrowserStore {
    let store = BrowserStore::open();
    for key in store.keys().unwrap() {
        store.remove(&key).unwrap();
    }
    store
}

fn inbox_with_one_message() -> Inbox {
    let mut inbox = Inbox::default();
    inbox.deliver(
        Sender::Shop,
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
    assert!(raw.starts_with(r#"{"schema":2,"rev":1,"data":"#), "{raw}");
    let loaded = load::<Inbox>(&BrowserStore::open());
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
    let cases: [(&str, String); 8] = [
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
    // Larger than the space left even once compressed.
    bigger.deliver(
        Sender::Shop,
        Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap(),
        "Big",
        incompressible(1_000_000),
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

/// Text deflate cannot shrink much: a fixed pseudo-random walk over 64 letters.
fn incompressible(len: usize) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            LETTERS[(state % 64) as usize] as char
        })
        .collect()
}

#[wasm_bindgen_test]
fn a_large_value_is_stored_compressed_and_loads_back() {
    let store = fresh_store();
    let mut inbox = Inbox::default();
    for day in 0..2_000 {
        inbox.deliver(
            Sender::Shop,
            Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + chrono::Duration::hours(day),
            format!("Payment reminder {day}"),
            format!("We'll collect $29.75 from Visa 4242 (payment {day} of order BM-{day:06})."),
            Some(format!("/orders/BM-{day:06}")),
        );
    }
    let plain = serde_json::to_string(&inbox).unwrap().len();
    let rev = save(&store, &inbox, 0).unwrap();
    let raw = store.get(&storage_key::<Inbox>()).unwrap().unwrap();
    assert!(
        raw.starts_with(r#"{"schema":2,"rev":1,"encoding":"zlib+base64","data":""#),
        "{}",
        &raw[..80]
    );
    assert!(
        raw.len() * 4 < plain,
        "{} characters for {plain}",
        raw.len()
    );
    let loaded = load::<Inbox>(&BrowserStore::open());
    assert_eq!(
        (loaded.value, loaded.rev, loaded.problem),
        (inbox, rev, None)
    );
    fresh_store();
}

/// Persisted values live in a reactive owner, as in the app.
fn in_owner(test: impl FnOnce()) {
    let owner = Owner::new();
    owner.with(test);
}

#[wasm_bindgen_test]
fn an_update_that_changes_nothing_writes_nothing() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    let before = store.get(&storage_key::<Inbox>()).unwrap();
    in_owner(|| {
        let inbox = Persisted::<Inbox>::lazy(Notices::new());
        inbox.install(read_copy);
        assert!(!inbox.update(|i| i.mark_read(99)), "no message 99");
        assert_eq!(store.get(&storage_key::<Inbox>()).unwrap(), before);

        inbox.update(Inbox::mark_all_read);
        let after = load::<Inbox>(&store);
        assert_eq!((after.rev, after.value.unread_count()), (2, 0));
    });
    fresh_store();
}

/// An action of the facade that marks the inbox read and says so.
fn mark_inbox_read(stores: &Stores) {
    stores
        .with_shop(|shop| {
            shop.inbox.mark_all_read();
            shop.touched.inbox = true;
        })
        .unwrap();
}

#[wasm_bindgen_test]
fn a_lazy_value_is_read_when_first_asked_for_with_what_storage_has_then() {
    let store = fresh_store();
    in_owner(|| {
        let inbox = Persisted::<Inbox>::lazy(Notices::new());
        inbox.install(read_copy);
        assert!(!inbox.is_read());
        // Another tab saves before anything here asks for the inbox; its storage event is
        // not a reason to read it.
        save(&store, &inbox_with_one_message(), 0).unwrap();
        let saved = store.get(&storage_key::<Inbox>()).unwrap();
        inbox.on_storage_event(&storage_key::<Inbox>(), saved.as_deref());
        inbox.adopt_what_storage_has_since();
        assert!(!inbox.moved_in_storage() && !inbox.is_tab_only());
        assert!(!inbox.is_read(), "read only when asked for");

        assert_eq!(
            inbox.with_untracked(Inbox::unread_count),
            1,
            "what storage has now"
        );
        assert!(inbox.is_read());
        // A change goes on top of what was read, as after an eager read.
        inbox.update(Inbox::mark_all_read);
        let after = load::<Inbox>(&store);
        assert_eq!((after.rev, after.value.unread_count()), (2, 0));
    });
    fresh_store();
}

#[wasm_bindgen_test]
fn a_value_whose_code_is_not_installed_is_read_once_it_is_and_tells_who_looked() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    in_owner(|| {
        let inbox = Persisted::<Inbox>::lazy(Notices::new());
        assert!(!inbox.is_readable());
        let unread = Memo::new(move |_| inbox.with(Inbox::unread_count));
        assert_eq!(unread.get_untracked(), 0, "the empty value stands in");
        assert!(!inbox.is_read());

        inbox.install(read_copy);
        assert!(
            inbox.is_read(),
            "read as soon as installed, since it was looked at"
        );
        assert_eq!(unread.get_untracked(), 1, "what looked early is told");
        inbox.update(Inbox::mark_all_read);
        assert_eq!(load::<Inbox>(&store).value.unread_count(), 0);
    });
    fresh_store();
}

#[wasm_bindgen_test]
fn an_action_is_refused_until_the_code_that_reads_every_aggregate_is_installed() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    let stored = store.get(&storage_key::<Inbox>()).unwrap();
    in_owner(|| {
        let stores = Stores::unread(Notices::new());
        stores.install_shop_readers();
        assert!(stores.cart.is_readable() && stores.clock.is_readable());
        assert!(!stores.inbox.is_readable() && !stores.orders.is_readable());
        let refused = stores.with_shop(|shop| {
            shop.inbox.mark_all_read();
            shop.touched.inbox = true;
        });
        assert_eq!(refused, Err(NotKept::NotReadYet(Inbox::LABEL)));
        assert_eq!(
            store.get(&storage_key::<Inbox>()).unwrap(),
            stored,
            "nothing written"
        );
        assert_eq!(store.get("bnpl.orders").unwrap(), None);

        stores.install_readers();
        mark_inbox_read(&stores);
        assert_eq!(load::<Inbox>(&store).value.unread_count(), 0);
    });
    fresh_store();
}

#[wasm_bindgen_test]
fn the_first_page_previews_what_storage_holds_until_the_code_that_reads_it_arrives() {
    let store = fresh_store();
    let closed = ClockState {
        guide_dismissed: true,
        ..ClockState::default()
    };
    save(&store, &closed, 0).unwrap();
    in_owner(|| {
        let stores = Stores::unread(Notices::new());
        let guide_closed = Memo::new(move |_| {
            stores
                .clock
                .shown()
                .then(|| stores.clock.with(|c| c.guide_dismissed))
        });
        assert_eq!(guide_closed.get_untracked(), None, "nothing known yet");

        stores.preview_first_page();
        assert_eq!(
            guide_closed.get_untracked(),
            Some(true),
            "what storage holds"
        );
        assert!(!stores.clock.is_read() && !stores.clock.is_readable());

        // Another tab reopens the guide: the preview follows it.
        save(&store, &ClockState::default(), 1).unwrap();
        let saved = store.get(&storage_key::<ClockState>()).unwrap();
        stores.on_storage_event(&storage_key::<ClockState>(), saved.as_deref());
        assert_eq!(guide_closed.get_untracked(), Some(false));

        stores.install_readers();
        assert!(stores.clock.is_read());
        assert_eq!(guide_closed.get_untracked(), Some(false));
        assert_eq!(
            load::<ClockState>(&store).rev,
            2,
            "nothing written by either"
        );
    });
    fresh_store();
}

#[wasm_bindgen_test]
fn a_notice_repeated_is_shown_once_but_one_with_other_details_is_shown_too() {
    in_owner(|| {
        let notices = Notices::new();
        let said = "We could not read your cart, so it starts empty.".to_string();
        let first = Some("Kept under the key \"bnpl.quarantine.cart.1\".".to_string());
        notices.problem_with_detail(said.clone(), first.clone());
        notices.problem_with_detail(said.clone(), first);
        assert_eq!(
            notices.texts().len(),
            1,
            "the same notice again adds nothing"
        );
        notices.problem_with_detail(
            said,
            Some("Kept under the key \"bnpl.quarantine.cart.2\".".into()),
        );
        assert_eq!(notices.texts().len(), 2, "a second key is a second notice");
    });
}

#[wasm_bindgen_test]
fn a_half_done_commit_is_finished_before_anything_is_shown_or_read() {
    let store = fresh_store();
    save(&store, &Cart::default(), 0).unwrap();
    // A journal this version cannot read: finishing it moves it aside.
    store.set(JOURNAL_KEY, "{}").unwrap();
    in_owner(|| {
        let notices = Notices::new();
        let stores = Stores::unread(notices);
        stores.preview_first_page();
        assert!(!stores.cart.shown(), "a commit may still change the cart");
        assert!(notices.texts().is_empty());

        stores.install_shop_readers();
        assert_eq!(
            store.get(JOURNAL_KEY).unwrap(),
            None,
            "the journal is dealt with first"
        );
        assert!(stores.cart.shown() && stores.cart.is_read());
        assert_eq!(notices.texts().len(), 1, "and the shopper told");
    });
    fresh_store();
}

#[wasm_bindgen_test]
fn the_stores_read_nothing_until_asked_and_an_action_reads_every_aggregate() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    in_owner(|| {
        let stores = Stores::load(Notices::new());
        assert!(!stores.inbox.is_read() && !stores.orders.is_read() && !stores.cart.is_read());
        stores.cart.with(|_| ());
        assert!(
            stores.cart.is_read() && !stores.inbox.is_read(),
            "only what was asked for"
        );
        mark_inbox_read(&stores);
        assert!(stores.inbox.is_read() && stores.orders.is_read() && stores.payments.is_read());
        assert_eq!(load::<Inbox>(&store).value.unread_count(), 0);
    });
    fresh_store();
}

#[wasm_bindgen_test]
fn an_action_over_every_aggregate_writes_only_what_it_touched() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    save(&store, &Cart::default(), 0).unwrap();
    let cart_before = store.get(&storage_key::<Cart>()).unwrap();
    in_owner(|| {
        let stores = Stores::load(Notices::new());
        // Every aggregate is handed to the action; it changes the inbox and says so.
        mark_inbox_read(&stores);
        assert_eq!(store.get(&storage_key::<Cart>()).unwrap(), cart_before);
        assert_eq!(load::<Inbox>(&store).rev, 2);
        assert_eq!(stores.inbox.with_untracked(Inbox::unread_count), 0);
        // An action that reports no change writes nothing.
        stores.with_shop(|_shop| ()).unwrap();
        assert_eq!(load::<Inbox>(&store).rev, 2);
        assert_eq!(
            store.get("bnpl.orders").unwrap(),
            None,
            "untouched keys stay unwritten"
        );
        let inbox = stores.inbox;
        // A flow that reports no change is not written, whatever it did.
        inbox.update_reporting(|i| (false, i.mark_read(1)));
        assert_eq!(load::<Inbox>(&store).rev, 2);
        inbox.update_reporting(|i| {
            i.deliver(
                Sender::Shop,
                Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap(),
                "New",
                "",
                None,
            );
            (true, ())
        });
        assert_eq!(load::<Inbox>(&store).rev, 3);
    });
    fresh_store();
}

#[wasm_bindgen_test]
async fn an_awaited_action_runs_on_a_copy_and_commits_what_it_touched() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    // The stores live as long as their owner.
    let owner = Owner::new();
    let stores = owner.with(|| Stores::load(Notices::new()));
    let seen_meanwhile = stores
        .run(async |shop| {
            shop.inbox.mark_all_read();
            shop.touched.inbox = true;
            // The page does not see the action half done.
            stores.inbox.with_untracked(Inbox::unread_count)
        })
        .await;
    assert_eq!(seen_meanwhile, Ok(1));
    assert_eq!(stores.inbox.with_untracked(Inbox::unread_count), 0);
    assert_eq!(load::<Inbox>(&store).rev, 2);
    assert_eq!(
        store.get("bnpl.orders").unwrap(),
        None,
        "untouched aggregates are not written"
    );
    fresh_store();
}

#[wasm_bindgen_test]
async fn an_awaited_action_is_dropped_when_another_tab_changed_what_it_changed() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    // The stores live as long as their owner.
    let owner = Owner::new();
    let stores = owner.with(|| Stores::load(Notices::new()));
    let at = Utc.with_ymd_and_hms(2026, 11, 4, 9, 0, 0).unwrap();
    let result = stores
        .run(async |shop| {
            shop.inbox
                .deliver(Sender::Shop, at, "From this tab", "", None);
            shop.touched.inbox = true;
            // While this action waits (for the provider, say), another tab saves the inbox
            // and its storage event arrives.
            let mut theirs = inbox_with_one_message();
            theirs.deliver(Sender::Shop, at, "From the other tab", "", None);
            save(&store, &theirs, 1).unwrap();
            let key = storage_key::<Inbox>();
            stores.on_storage_event(&key, store.get(&key).unwrap().as_deref());
        })
        .await;
    assert_eq!(result, Err(NotKept::ChangedMeanwhile(Inbox::LABEL)));
    let subjects = |inbox: &Inbox| -> Vec<String> {
        inbox.newest_first().map(|m| m.subject.clone()).collect()
    };
    let kept = load::<Inbox>(&store).value;
    assert_eq!(subjects(&kept), ["From the other tab", "Hello"]);
    assert_eq!(
        stores.inbox.with_untracked(subjects),
        ["From the other tab", "Hello"]
    );
    fresh_store();
}

/// Fills the origin's quota to the last few characters: big fillers first, then smaller.
fn fill_storage_to_the_brim(store: &BrowserStore) {
    let mut n = 0;
    for size in [512 * 1024, 16 * 1024, 1024, 64, 4] {
        let chunk = "f".repeat(size);
        while store.set(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
            assert!(n < 10_000, "the quota never ran out");
        }
    }
}

#[wasm_bindgen_test]
fn an_action_whose_commit_does_not_fit_changes_neither_the_tab_nor_the_storage() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    let owner = Owner::new();
    let stores = owner.with(|| Stores::load(Notices::new()));
    let inbox_before = store.get(&storage_key::<Inbox>()).unwrap();
    fill_storage_to_the_brim(&store);
    let at = Utc.with_ymd_and_hms(2026, 11, 4, 9, 0, 0).unwrap();
    // Two aggregates change: the journal holding both cannot fit.
    let action = |shop: &mut bnpl_market::app::ShopState<'_>| {
        shop.inbox
            .deliver(Sender::Shop, at, "Order confirmed", "", None);
        shop.inbox.mark_all_read();
        shop.cart.clear();
        shop.touched.inbox = true;
        shop.touched.cart = true;
    };
    assert_eq!(
        stores.with_shop(action),
        Err(NotKept::NotSaved(StoreError::QuotaExceeded))
    );
    assert_eq!(
        stores.inbox.with_untracked(Inbox::len),
        1,
        "the tab is unchanged"
    );
    assert_eq!(stores.inbox.with_untracked(Inbox::unread_count), 1);
    assert_eq!(store.get(&storage_key::<Inbox>()).unwrap(), inbox_before);
    assert_eq!(store.get(&storage_key::<Cart>()).unwrap(), None);
    assert_eq!(store.get("bnpl.journal").unwrap(), None);
    // Once there is room again, the same action is kept whole.
    for key in store.keys().unwrap() {
        if key.starts_with("filler.") {
            store.remove(&key).unwrap();
        }
    }
    assert_eq!(stores.with_shop(action), Ok(()));
    assert_eq!(load::<Inbox>(&store).value.len(), 2);
    assert_eq!(load::<Inbox>(&store).rev, 2);
    assert_eq!(load::<Cart>(&store).rev, 1);
    fresh_store();
}

#[wasm_bindgen_test]
fn a_value_a_newer_version_saved_in_another_tab_is_never_overwritten() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    let owner = Owner::new();
    let stores = owner.with(|| Stores::load(Notices::new()));
    // The other tab runs a newer deploy and saves the inbox in a shape this one cannot read.
    let key = storage_key::<Inbox>();
    let newer = r#"{"schema":99,"rev":5,"data":{"messages":[],"folders":["work"]}}"#;
    store.set(&key, newer).unwrap();
    stores.on_storage_event(&key, Some(newer));
    // This tab goes on showing its own, changes it, and saves nothing over the newer value:
    // neither alone nor in a commit with other aggregates.
    stores.inbox.update(Inbox::mark_all_read);
    assert_eq!(stores.inbox.with_untracked(Inbox::unread_count), 0);
    stores
        .with_shop(|shop| {
            shop.inbox.mark_all_read();
            shop.cart.clear();
            shop.touched.inbox = true;
            shop.touched.cart = true;
        })
        .unwrap();
    assert_eq!(store.get(&key).unwrap().as_deref(), Some(newer));
    assert_eq!(
        load::<Cart>(&store).rev,
        1,
        "the other aggregates still save"
    );
    fresh_store();
}

/// Two tabs changing the same aggregate at the same moment: the other tab's save is in
/// storage, its storage event not here yet.
#[wasm_bindgen_test]
fn a_change_made_on_top_of_another_tabs_unseen_save_keeps_both() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    let owner = Owner::new();
    let stores = owner.with(|| Stores::load(Notices::new()));
    let at = Utc.with_ymd_and_hms(2026, 11, 4, 9, 0, 0).unwrap();
    let mut theirs = inbox_with_one_message();
    theirs.deliver(Sender::Shop, at, "From the other tab", "", None);
    save(&store, &theirs, 1).unwrap();

    // A change of one aggregate takes the other tab's save in first.
    stores
        .inbox
        .update(|inbox| inbox.deliver(Sender::Shop, at, "From this tab", "", None));
    let subjects: Vec<String> = load::<Inbox>(&store)
        .value
        .newest_first()
        .map(|m| m.subject.clone())
        .collect();
    assert_eq!(subjects, ["From this tab", "From the other tab", "Hello"]);
    assert_eq!(load::<Inbox>(&store).rev, 3);

    // An action over several aggregates is refused rather than written over it.
    let mut newer = load::<Inbox>(&store).value;
    newer.mark_all_read();
    save(&store, &newer, 3).unwrap();
    let result = stores.with_shop(|shop| {
        shop.inbox.deliver(Sender::Shop, at, "Lost?", "", None);
        shop.cart.clear();
        shop.touched.inbox = true;
        shop.touched.cart = true;
    });
    assert_eq!(result, Err(NotKept::ChangedMeanwhile(Inbox::LABEL)));
    assert_eq!(
        load::<Inbox>(&store).value,
        newer,
        "the other tab's save stays"
    );
    assert_eq!(
        store.get(&storage_key::<Cart>()).unwrap(),
        None,
        "nothing half written"
    );
    fresh_store();
}

/// One tee of the demo catalog, in stock.
fn tee_line(
    catalog: &bnpl_market::domain::catalog::Catalog,
) -> bnpl_market::domain::cart::CartLine {
    use bnpl_market::domain::catalog::{DeliveryOptionId, ProductId};
    let product = catalog
        .product(&ProductId::new("everyday-organic-tee"))
        .expect("demo product");
    let variant = product
        .variants
        .iter()
        .find(|v| v.stock >= 10)
        .expect("in stock");
    bnpl_market::domain::cart::CartLine {
        product_id: product.id.clone(),
        variant_id: variant.id.clone(),
        quantity: bnpl_market::domain::cart::Quantity::ONE,
        delivery_option_id: DeliveryOptionId::new("standard"),
    }
}

/// Each tab's copy of localStorage lags the other's writes by a moment, so two tabs can each
/// add to the cart they both hold: both adds are kept, in both tabs.
#[wasm_bindgen_test]
fn two_tabs_adding_to_the_same_cart_at_the_same_moment_keep_both_adds() {
    let store = fresh_store();
    let catalog = bnpl_market::domain::demo_catalog::demo_catalog();
    let mut one_tee = Cart::new();
    one_tee.add(&catalog, tee_line(&catalog)).unwrap();
    save(&store, &one_tee, 0).unwrap();
    let (key, record_key) = (storage_key::<Cart>(), lineage_key::<Cart>());
    // The other tab, with its own copy of storage that our write has not reached yet.
    let their_view = MemoryStore::default();
    their_view
        .set(&key, &store.get(&key).unwrap().unwrap())
        .unwrap();
    let (mut their_cart, mut their_copy, _) = TabCopy::<Cart>::load(&their_view, 7);
    let owner = Owner::new();
    let stores = owner.with(|| Stores::load(Notices::new()));
    stores
        .cart
        .update(|c| c.add(&catalog, tee_line(&catalog)))
        .unwrap();
    assert_eq!(load::<Cart>(&store).rev, 2);
    their_copy.update(
        &their_view,
        &mut their_cart,
        |cart| (cart.add(&catalog, tee_line(&catalog)).is_ok(), ()),
        &mut Vec::new(),
    );
    // Its writes reach storage after ours, the record first, each with its event.
    for key in [&record_key, &key] {
        let written = their_view.get(key).unwrap().unwrap();
        store.set(key, &written).unwrap();
        stores.on_storage_event(key, Some(&written));
    }
    assert_eq!(stores.cart.with_untracked(Cart::item_count), 3);
    assert_eq!(
        load::<Cart>(&store).value.item_count(),
        3,
        "what storage holds"
    );
    fresh_store();
}

#[wasm_bindgen_test]
fn a_change_another_tab_overwrote_at_the_same_moment_is_said_lost() {
    let store = fresh_store();
    save(&store, &inbox_with_one_message(), 0).unwrap();
    let owner = Owner::new();
    let notices = Notices::new();
    let stores = owner.with(|| Stores::load(notices));
    stores.inbox.update(Inbox::mark_all_read);
    let at = Utc.with_ymd_and_hms(2026, 11, 4, 9, 0, 0).unwrap();
    let mut theirs = inbox_with_one_message();
    theirs.deliver(Sender::Shop, at, "From the other tab", "", None);
    save(&store, &theirs, 1).unwrap();
    let key = storage_key::<Inbox>();
    stores.on_storage_event(&key, store.get(&key).unwrap().as_deref());
    assert_eq!(
        stores.inbox.with_untracked(|i| i.clone()),
        theirs,
        "what storage kept"
    );
    assert!(notices
        .texts()
        .iter()
        .any(|text| text.contains("the other tab's change was kept")));
    fresh_store();
}

/// The fallback where a browser has no Web Locks: a claim in storage lets one holder in at
/// a time, and is removed when the holder is done.
#[wasm_bindgen_test]
async fn the_storage_claim_lets_one_holder_in_at_a_time() {
    use std::cell::Cell;
    use std::rc::Rc;
    let store = fresh_store();
    let inside = Rc::new(Cell::new(0));
    let most_inside = Rc::new(Cell::new(0));
    let holder = |inside: Rc<Cell<u32>>, most: Rc<Cell<u32>>| async move {
        bnpl_market::ui::tab_lock::with_storage_claim(async || {
            inside.set(inside.get() + 1);
            most.set(most.get().max(inside.get()));
            // Hold it across a turn of the event loop, as a provider call would.
            let pause = js_sys::Promise::new(&mut |resolve, _| {
                web_sys::window()
                    .unwrap()
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 40)
                    .unwrap();
            });
            wasm_bindgen_futures::JsFuture::from(pause).await.unwrap();
            inside.set(inside.get() - 1);
        })
        .await
    };
    futures::join!(
        holder(inside.clone(), most_inside.clone()),
        holder(inside.clone(), most_inside.clone()),
    );
    assert_eq!(most_inside.get(), 1, "never two holders at once");
    assert_eq!(
        store.get("bnpl.lock").unwrap(),
        None,
        "the claim is removed"
    );
    fresh_store();
}
