//! The large aggregates stored in pages (`storage::pages`): a long history reads back the
//! same, a change writes only its page, a history stored whole by earlier versions loads and
//! is then stored in pages, a missing page is set aside with its head, and the sweeper
//! removes only the pages nothing can name any more.

mod support;

use std::sync::OnceLock;

use bnpl_market::app::OrderBook;
use bnpl_market::domain::inbox::Inbox;
use bnpl_market::domain::payments::PaymentsState;
use bnpl_market::storage::envelope::{encode_json, encode_packed, open_page, storage_key};
use bnpl_market::storage::journal::{commit, JOURNAL_KEY};
use bnpl_market::storage::keys::is_page_key;
use bnpl_market::storage::page_sweeper::{named_pages, PageSweeper, QUIET_FOR_MS};
use bnpl_market::storage::repository::quarantined_keys;
use bnpl_market::storage::store::Write;
use bnpl_market::storage::tab_copy::{TabCopy, TabNotice};
use bnpl_market::storage::{load, Aggregate, KeyValueStore, LoadProblem, MemoryStore};
use support::{monday, Shop};

/// Ada's shop after 2,000 generated orders: made once, shared by the tests.
fn long_history() -> &'static Shop {
    static SHOP: OnceLock<Shop> = OnceLock::new();
    SHOP.get_or_init(|| {
        let mut shop = Shop::new();
        shop.history(2_000, monday());
        shop
    })
}

/// A value written the way the app writes it: through a tab's copy, committed.
fn written_by_a_tab<A: Aggregate>(store: &MemoryStore, value: &A) -> TabCopy<A> {
    let (mut held, mut copy, problem) = TabCopy::<A>::load(store, 7);
    assert_eq!(problem, None);
    let writes = copy.staged(store, value).expect("saving is not blocked");
    commit(store, &writes).unwrap();
    let mut said = Vec::new();
    copy.committed(&mut held, value.clone(), true, &mut said);
    assert_eq!(said, vec![]);
    copy
}

fn chars(writes: &[Write]) -> usize {
    writes.iter().map(|w| w.key.len() + w.value.len()).sum()
}

fn page_count(store: &MemoryStore) -> usize {
    store
        .keys()
        .unwrap()
        .iter()
        .filter(|k| is_page_key(k))
        .count()
}

/// The whole-value form earlier versions stored under the aggregate's key, at `schema`.
fn stored_whole<A: Aggregate>(value: &A, schema: u32) -> String {
    encode_json(schema, 3, serde_json::to_string(value).unwrap())
}

fn reads_back<A: Aggregate + std::fmt::Debug>(value: &A) {
    let store = MemoryStore::default();
    written_by_a_tab(&store, value);
    assert!(page_count(&store) > 1, "{} is stored in pages", A::NAME);
    let loaded = load::<A>(&store);
    assert_eq!(loaded.problem, None);
    assert!(loaded.value == *value, "{} reads back the same", A::NAME);
}

#[test]
fn a_long_history_stored_in_pages_reads_back_the_same() {
    let shop = long_history();
    reads_back(&shop.orders);
    reads_back(&shop.payments);
    reads_back(&shop.inbox);
}

#[test]
fn marking_one_message_read_writes_its_page_and_the_head_only() {
    let shop = long_history();
    let store = MemoryStore::default();
    let mut copy = written_by_a_tab(&store, &shop.inbox);
    let mut inbox = shop.inbox.clone();
    let oldest_unread = inbox.newest_first().filter(|m| !m.read).last().unwrap().id;
    assert!(inbox.mark_read(oldest_unread));
    let writes = copy.staged(&store, &inbox).unwrap();
    let pages: Vec<_> = writes.iter().filter(|w| is_page_key(&w.key)).collect();
    assert_eq!(pages.len(), 1, "one page changed");
    assert!(
        chars(&writes) <= 64 * 1024,
        "{} characters written for one message marked read",
        chars(&writes)
    );
    commit(&store, &writes).unwrap();
    assert!(load::<Inbox>(&store).value == inbox);
}

#[test]
fn paying_one_instalment_of_a_long_history_writes_under_64_kb() {
    let shop = long_history();
    let store = MemoryStore::default();
    let mut copy = written_by_a_tab(&store, &shop.payments);
    let mut payments = shop.payments.clone();
    let (order_id, number) = payments
        .accounts
        .iter()
        .find_map(|(id, plan)| {
            let due = plan
                .installments
                .iter()
                .find(|i| plan.can_pay_installment(i.number).is_ok())?;
            Some((id.clone(), due.number))
        })
        .expect("a plan with a payment to make");
    let method = payments.methods.values().next().unwrap().clone();
    payments
        .account_mut(&order_id)
        .unwrap()
        .pay_installment(number, &method, monday())
        .unwrap();
    let writes = copy.staged(&store, &payments).unwrap();
    assert_eq!(writes.iter().filter(|w| is_page_key(&w.key)).count(), 1);
    assert!(chars(&writes) <= 64 * 1024, "{} characters", chars(&writes));
}

#[test]
fn a_history_stored_whole_by_an_earlier_version_loads_and_is_then_stored_in_pages() {
    let shop = long_history();
    let store = MemoryStore::default();
    store
        .set(&storage_key::<OrderBook>(), &stored_whole(&shop.orders, 1))
        .unwrap();
    store
        .set(
            &storage_key::<PaymentsState>(),
            &stored_whole(&shop.payments, 3),
        )
        .unwrap();
    store
        .set(&storage_key::<Inbox>(), &stored_whole(&shop.inbox, 1))
        .unwrap();

    fn moves_to_pages<A: Aggregate>(store: &MemoryStore, expected: &A) {
        let (value, mut copy, problem) = TabCopy::<A>::load(store, 3);
        assert_eq!(problem, None, "{} loads", A::NAME);
        assert!(value == *expected, "{} loads unchanged", A::NAME);
        let writes = copy.staged(store, &value).unwrap();
        commit(store, &writes).unwrap();
        let loaded = load::<A>(store);
        assert_eq!(loaded.problem, None);
        assert!(
            loaded.value == *expected,
            "{} reads back from pages",
            A::NAME
        );
        assert!(
            !named_pages::<A>(store).is_empty(),
            "{} is in pages",
            A::NAME
        );
    }
    moves_to_pages(&store, &shop.orders);
    moves_to_pages(&store, &shop.payments);
    moves_to_pages(&store, &shop.inbox);
}

#[test]
fn a_head_whose_page_is_missing_is_set_aside_with_every_page() {
    let shop = long_history();
    let store = MemoryStore::default();
    written_by_a_tab(&store, &shop.inbox);
    let named = named_pages::<Inbox>(&store);
    let lost = named.iter().next().unwrap().clone();
    store.remove(&lost).unwrap();

    let loaded = load::<Inbox>(&store);
    let Some(LoadProblem::Quarantined { moved_to, .. }) = loaded.problem else {
        panic!("a missing page sets the inbox aside: {:?}", loaded.problem);
    };
    assert_eq!(loaded.value, Inbox::default());
    assert_eq!(quarantined_keys(&store), vec![moved_to.clone()]);
    assert_eq!(page_count(&store), 0, "no page is left to be swept away");
    let kept_aside = store
        .keys()
        .unwrap()
        .into_iter()
        .filter(|k| k.starts_with(&format!("{moved_to}/")))
        .count();
    assert_eq!(
        kept_aside,
        named.len() - 1,
        "every page but the lost one kept aside"
    );
}

#[test]
fn a_page_edited_by_hand_is_checked_again_and_a_field_it_would_drop_sets_it_aside() {
    let shop = long_history();
    let store = MemoryStore::default();
    written_by_a_tab(&store, &shop.inbox);
    let edited = named_pages::<Inbox>(&store).into_iter().next().unwrap();
    let raw = store.get(&edited).unwrap().unwrap();
    let json = String::from_utf8(open_page(&raw, Inbox::SCHEMA).unwrap()).unwrap();
    assert!(json.starts_with("[{"), "a page is a list of records");
    // Serde would read the record and drop the field nobody knows: only writing the page
    // back and comparing sees it. The page keeps its name, which vouched for the old text.
    let json = json.replacen("[{", r#"[{"kept_by_nobody":true,"#, 1);
    store
        .set(&edited, &encode_packed(Inbox::SCHEMA, 1, &json))
        .unwrap();

    let loaded = load::<Inbox>(&store);
    assert!(
        matches!(loaded.problem, Some(LoadProblem::Quarantined { .. })),
        "the edited page is not read as if it were the one its name vouched for: {:?}",
        loaded.problem
    );
}

/// The app's sweep of the inbox's pages at `at` ms.
fn sweep(sweeper: &mut PageSweeper, store: &MemoryStore, at: u64) -> usize {
    sweeper.sweep::<Inbox>(store, at).unwrap()
}

#[test]
fn replaced_pages_go_once_the_head_has_stood_for_a_while() {
    let shop = long_history();
    let store = MemoryStore::default();
    let mut copy = written_by_a_tab(&store, &shop.inbox);
    let first = named_pages::<Inbox>(&store);
    let mut inbox = shop.inbox.clone();
    inbox.mark_all_read();
    commit(&store, &copy.staged(&store, &inbox).unwrap()).unwrap();
    let second = named_pages::<Inbox>(&store);
    let replaced = first.difference(&second).count();
    assert!(replaced > 0);

    let mut sweeper = PageSweeper::default();
    assert_eq!(sweep(&mut sweeper, &store, 1_000), 0, "just replaced: kept");
    assert_eq!(sweep(&mut sweeper, &store, 1_000 + QUIET_FOR_MS - 1), 0);
    assert_eq!(sweep(&mut sweeper, &store, 1_000 + QUIET_FOR_MS), replaced);
    assert_eq!(page_count(&store), second.len());
    assert!(load::<Inbox>(&store).value == inbox, "what is named stays");
}

#[test]
fn a_newer_head_a_page_on_its_way_or_a_journal_left_behind_keeps_pages() {
    let shop = long_history();
    let store = MemoryStore::default();
    let mut copy = written_by_a_tab(&store, &shop.inbox);
    let first = named_pages::<Inbox>(&store);
    let mut sweeper = PageSweeper::default();
    assert_eq!(sweep(&mut sweeper, &store, 0), 0);

    // Another write stands only from now: the while starts again.
    let mut inbox = shop.inbox.clone();
    inbox.mark_all_read();
    commit(&store, &copy.staged(&store, &inbox).unwrap()).unwrap();
    assert_eq!(sweep(&mut sweeper, &store, QUIET_FOR_MS), 0);

    // A page written after the first look, its head not there yet, is left for a while more.
    let on_its_way = "bnpl.inbox/0.55.1".to_string();
    store.set(&on_its_way, "{}").unwrap();
    let replaced = first.difference(&named_pages::<Inbox>(&store)).count();
    assert_eq!(sweep(&mut sweeper, &store, 2 * QUIET_FOR_MS), replaced);
    assert!(store.get(&on_its_way).unwrap().is_some());
    assert_eq!(sweep(&mut sweeper, &store, 3 * QUIET_FOR_MS), 1);
}

#[test]
fn pages_a_journal_left_behind_names_are_kept() {
    let shop = long_history();
    let store = MemoryStore::default();
    let mut copy = written_by_a_tab(&store, &shop.inbox);
    let first_head = store.get(&storage_key::<Inbox>()).unwrap().unwrap();
    let mut inbox = shop.inbox.clone();
    inbox.mark_all_read();
    commit(&store, &copy.staged(&store, &inbox).unwrap()).unwrap();
    // A commit a closed tab left half done: its journal holds the first head.
    let journal =
        serde_json::json!({"writes": [{"key": storage_key::<Inbox>(), "value": first_head}]});
    store.set(JOURNAL_KEY, &journal.to_string()).unwrap();
    let pages = page_count(&store);
    let mut sweeper = PageSweeper::default();
    assert_eq!(sweep(&mut sweeper, &store, 0), 0);
    assert_eq!(sweep(&mut sweeper, &store, 2 * QUIET_FOR_MS), 0);
    assert_eq!(page_count(&store), pages);
    store.remove(JOURNAL_KEY).unwrap();
    assert!(
        sweep(&mut sweeper, &store, 3 * QUIET_FOR_MS) == 0,
        "the while starts again"
    );
    assert!(sweep(&mut sweeper, &store, 4 * QUIET_FOR_MS) > 0);
}

#[test]
fn a_stale_tab_writing_over_a_newer_head_names_only_pages_that_are_still_there() {
    let shop = long_history();
    let store = MemoryStore::default();
    written_by_a_tab(&store, &shop.inbox);
    // Two tabs hold the same value; the first writes, the second has not seen it and writes
    // on top of the old value, naming pages the first tab's head replaced.
    let (mut mine, mut first, _) = TabCopy::<Inbox>::load(&store, 1);
    let (mut theirs, mut second, _) = TabCopy::<Inbox>::load(&store, 2);
    let mut said: Vec<TabNotice> = Vec::new();
    let mut changed = mine.clone();
    changed.mark_all_read();
    commit(&store, &first.staged(&store, &changed).unwrap()).unwrap();
    first.committed(&mut mine, changed, true, &mut said);

    let mut sweeper = PageSweeper::default();
    assert_eq!(sweep(&mut sweeper, &store, 0), 0);
    let stale = theirs.clone();
    commit(&store, &second.staged(&store, &stale).unwrap()).unwrap();
    second.committed(&mut theirs, stale.clone(), true, &mut said);
    // The stale head stands from now; once it has stood for the while, the first tab's
    // pages, named by nothing, go, and the pages the stale head names again stay.
    assert_eq!(sweep(&mut sweeper, &store, QUIET_FOR_MS), 0);
    assert!(sweep(&mut sweeper, &store, 2 * QUIET_FOR_MS) > 0);
    let loaded = load::<Inbox>(&store);
    assert_eq!(loaded.problem, None);
    assert!(loaded.value == stale, "the last head written reads whole");
}

#[test]
fn records_copied_without_a_change_write_no_page() {
    let shop = long_history();
    let store = MemoryStore::default();
    let mut copy = written_by_a_tab(&store, &shop.orders);
    // The same orders as fresh records, none shared with what was written.
    let fresh: OrderBook =
        serde_json::from_str(&serde_json::to_string(&shop.orders).unwrap()).unwrap();
    let writes = copy.staged(&store, &fresh).unwrap();
    assert_eq!(writes.iter().filter(|w| is_page_key(&w.key)).count(), 0);
}

#[test]
fn a_head_whose_pages_cannot_all_be_set_aside_stays_in_place_with_them() {
    let shop = long_history();
    let roomy = MemoryStore::default();
    written_by_a_tab(&roomy, &shop.inbox);
    let named = named_pages::<Inbox>(&roomy);
    roomy.remove(named.iter().next().unwrap()).unwrap();
    let entries: Vec<(String, String)> = roomy
        .keys()
        .unwrap()
        .into_iter()
        .map(|k| {
            let v = roomy.get(&k).unwrap().unwrap();
            (k, v)
        })
        .collect();
    let used: usize = entries.iter().map(|(k, v)| k.len() + v.len()).sum();
    // Room for the head's longer key aside ("bnpl.quarantine.inbox.1", 13 more characters),
    // not for a page's besides.
    let store = MemoryStore::with_quota(used + 20);
    for (key, value) in &entries {
        store.set(key, value).unwrap();
    }
    let loaded = load::<Inbox>(&store);
    assert!(
        matches!(loaded.problem, Some(LoadProblem::StuckInPlace { .. })),
        "{:?}",
        loaded.problem
    );
    assert_eq!(quarantined_keys(&store), Vec::<String>::new());
    let now: Vec<(String, String)> = store
        .keys()
        .unwrap()
        .into_iter()
        .map(|k| {
            let v = store.get(&k).unwrap().unwrap();
            (k, v)
        })
        .collect();
    assert_eq!(now, entries, "every key as it was");
    let mut sweeper = PageSweeper::default();
    assert_eq!(sweep(&mut sweeper, &store, 0), 0);
    assert_eq!(
        sweep(&mut sweeper, &store, 2 * QUIET_FOR_MS),
        0,
        "the head still names them"
    );
}
