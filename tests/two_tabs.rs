//! Two tabs over one storage, in every order the browser may deliver their writes: nothing
//! is lost. Each step is one tick: a tab changes its value, a write of the other tab reaches
//! a tab's copy of storage, or a tab hears a storage event that arrived. Each tab sees the
//! other's writes late, as browsers do: a write reaches the other tab's copy of storage, and
//! its event is heard there, at any step up to [`FLIGHT_TICKS`] later. Storage keeps one
//! order of writes: a write arriving in a tab that has since written the same key itself
//! leaves the tab's own, later value (the browser's order), but its event is still heard.
//!
//! What is assumed: one tab's two changes are further apart than a write's way to the other
//! tab and back ([`CLICK_TICKS`]), as a person's clicks are. Both tabs may still change at
//! the same moment, and a tab may change again before it heard of the other's write. When
//! both tabs write faster than their writes travel, each tab's copy of storage keeps
//! showing its own writes and neither learns that the other's replaced them.
//!
//! Properties, after every write has arrived and been heard:
//! - both tabs show the same value, and it is what storage holds;
//! - the cart: every add either tab made is in it (adds merge);
//! - the simulation settings (last writer wins): every change either tab made is the final
//!   value, or a later change was made on top of it, or the tab that made it was told.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

use bnpl_market::domain::cart::{Cart, CartLine, Quantity};
use bnpl_market::domain::catalog::{Catalog, DeliveryOptionId, ProductId, VariantId};
use bnpl_market::domain::demo_catalog::demo_catalog;
use bnpl_market::domain::inbox::{Inbox, Sender};
use bnpl_market::klarna::SimulationSettings;
use bnpl_market::storage::envelope::storage_key;
use bnpl_market::storage::journal::commit;
use bnpl_market::storage::keys::is_page_key;
use bnpl_market::storage::page_sweeper::{named_pages, PageSweeper, QUIET_FOR_MS};
use bnpl_market::storage::pages::decode_value;
use bnpl_market::storage::tab_copy::{TabCopy, TabNotice};
use bnpl_market::storage::{Aggregate, KeyValueStore, MemoryStore, StoreError};
use proptest::prelude::*;

/// One write as storage ordered it.
#[derive(Clone)]
struct Entry {
    writer: usize,
    /// The tick the write was made at.
    at: usize,
    key: String,
    value: Option<String>,
}

/// The order in which storage took every write.
type Log = Rc<RefCell<Vec<Entry>>>;

/// A tab's copy of storage: its own writes land at once and join the log.
struct TabStore {
    me: usize,
    /// The tick of the step being played.
    now: Rc<RefCell<usize>>,
    view: MemoryStore,
    log: Log,
}

impl KeyValueStore for TabStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.view.get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.view.set(key, value)?;
        self.log.borrow_mut().push(Entry {
            writer: self.me,
            at: *self.now.borrow(),
            key: key.to_owned(),
            value: Some(value.to_owned()),
        });
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.view.remove(key)?;
        self.log.borrow_mut().push(Entry {
            writer: self.me,
            at: *self.now.borrow(),
            key: key.to_owned(),
            value: None,
        });
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.view.keys()
    }
}

struct Tab<A> {
    store: TabStore,
    value: A,
    copy: TabCopy<A>,
    /// How far into the log this tab's copy of storage reaches.
    arrived: usize,
    /// Events of the other tab's writes that arrived and are not heard yet: the key each
    /// is about, the value written and the tick it was written at.
    unheard: VecDeque<(String, Option<String>, usize)>,
    /// Every notice the tab showed, with the step it showed it at.
    told: Vec<(usize, TabNotice)>,
    /// The tick of the tab's last change.
    last_change: Option<usize>,
    sweeper: PageSweeper,
}

impl<A: Aggregate> Tab<A> {
    /// Opens tab `me` over a storage that holds `stored` (keys and values).
    fn open(me: usize, log: &Log, now: &Rc<RefCell<usize>>, stored: &[(String, String)]) -> Tab<A> {
        let view = MemoryStore::default();
        for (key, value) in stored {
            view.set(key, value).unwrap();
        }
        let store = TabStore {
            me,
            now: Rc::clone(now),
            view,
            log: Rc::clone(log),
        };
        let (value, copy, problem) = TabCopy::load(&store, 100 + me as u32);
        assert_eq!(problem, None);
        Tab {
            store,
            value,
            copy,
            arrived: 0,
            unheard: VecDeque::new(),
            told: Vec::new(),
            last_change: None,
            sweeper: PageSweeper::default(),
        }
    }

    /// The tab removes the pages it has seen named by nothing for a while
    /// (`storage::page_sweeper`), as the app does after each commit.
    fn sweep(&mut self, tick: usize) {
        self.sweeper
            .sweep::<A>(&self.store, (tick as u64) * MS_PER_TICK)
            .unwrap();
    }

    /// The tab changes its value the way a page does; `true` when the change was made.
    fn change(&mut self, step: usize, change: impl FnOnce(&mut A) -> bool) -> bool {
        let mut said = Vec::new();
        let (_, changed) = self.copy.update(
            &self.store,
            &mut self.value,
            |value| {
                let changed = change(value);
                (changed, changed)
            },
            &mut said,
        );
        self.told
            .extend(said.into_iter().map(|notice| (step, notice)));
        changed
    }

    /// The next write of the other tab reaches this tab's copy of storage; `false` when
    /// there is none.
    fn arrive(&mut self) -> bool {
        let log = self.store.log.borrow().clone();
        let Some(index) = (self.arrived..log.len()).find(|&i| log[i].writer != self.store.me)
        else {
            self.arrived = log.len();
            return false;
        };
        self.arrived = index + 1;
        let entry = &log[index];
        let overtaken = log[index + 1..]
            .iter()
            .any(|later| later.writer == self.store.me && later.key == entry.key);
        if !overtaken {
            match &entry.value {
                Some(value) => self.store.view.set(&entry.key, value).unwrap(),
                None => self.store.view.remove(&entry.key).unwrap(),
            }
        }
        self.unheard
            .push_back((entry.key.clone(), entry.value.clone(), entry.at));
        true
    }

    /// Writes made at tick `before` or earlier have all reached this tab, and their storage
    /// events have been heard.
    fn arrive_and_hear_made_before(&mut self, before: usize, now: usize) {
        loop {
            let due = self.store.log.borrow()[self.arrived..]
                .iter()
                .any(|entry| entry.writer != self.store.me && entry.at <= before);
            if !due || !self.arrive() {
                break;
            }
        }
        while self.unheard.front().is_some_and(|(_, _, at)| *at <= before) {
            self.hear(now);
        }
    }

    /// The tab hears the oldest storage event that arrived; `false` when there is none.
    fn hear(&mut self, step: usize) -> bool {
        let Some((key, value, _)) = self.unheard.pop_front() else {
            return false;
        };
        let mut said = Vec::new();
        self.copy.heard(
            &self.store,
            &mut self.value,
            &key,
            value.as_deref(),
            &mut said,
        );
        self.told
            .extend(said.into_iter().map(|notice| (step, notice)));
        true
    }

    fn stored(&self) -> Option<A> {
        let raw = self.store.view.get(&storage_key::<A>()).unwrap()?;
        Some(
            decode_value::<A>(&self.store.view, &raw)
                .expect("what a tab saved reads back, every page it names there")
                .0
                .value,
        )
    }
}

/// How many ticks a write may take to reach the other tab and be heard there.
const FLIGHT_TICKS: usize = 2;

/// How long a tick is for the page sweeper: a head must stand for four ticks, twice a
/// write's flight, before the pages it does not name go.
const MS_PER_TICK: u64 = QUIET_FOR_MS / (2 * FLIGHT_TICKS as u64);

/// How many ticks apart one tab's changes are at least: more than a write's way there and
/// back, as a person's clicks are (hundreds of milliseconds, against a millisecond or two).
const CLICK_TICKS: usize = 2 * FLIGHT_TICKS + 1;

/// One tick each.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// Tab 0 or 1 changes its value (for the cart: adds one of item `1`).
    Change(usize, usize),
    /// A write of the other tab reaches the tab's copy of storage.
    Arrive(usize),
    /// The tab hears a storage event that arrived.
    Hear(usize),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        2 => (0..2usize, 0..3usize).prop_map(|(tab, item)| Step::Change(tab, item)),
        2 => (0..2usize).prop_map(Step::Arrive),
        2 => (0..2usize).prop_map(Step::Hear),
    ];
    prop::collection::vec(step, 1..80)
}

/// Runs `steps` over two fresh tabs, then lets every write arrive and be heard; returns the
/// tabs and the step count. `change` makes tab `tab`'s change number `n` of item `item`.
fn play<A: Aggregate>(
    steps: &[Step],
    change: impl FnMut(&mut Tab<A>, usize, usize, usize) -> bool,
) -> ([Tab<A>; 2], usize) {
    play_from(&[], steps, change)
}

/// [`play`] over a storage that holds `stored` when the tabs open. Each tab sweeps pages
/// whenever it changes its value.
fn play_from<A: Aggregate>(
    stored: &[(String, String)],
    steps: &[Step],
    mut change: impl FnMut(&mut Tab<A>, usize, usize, usize) -> bool,
) -> ([Tab<A>; 2], usize) {
    let log: Log = Rc::default();
    let now: Rc<RefCell<usize>> = Rc::default();
    let mut tabs = [
        Tab::<A>::open(0, &log, &now, stored),
        Tab::<A>::open(1, &log, &now, stored),
    ];
    for (n, step) in steps.iter().enumerate() {
        *now.borrow_mut() = n;
        match *step {
            Step::Change(tab, item) => {
                let tab_ = &mut tabs[tab];
                if tab_.last_change.is_some_and(|at| n < at + CLICK_TICKS) {
                    continue;
                }
                tab_.last_change = Some(n);
                if let Some(before) = n.checked_sub(FLIGHT_TICKS) {
                    tab_.arrive_and_hear_made_before(before, n);
                }
                change(tab_, tab, item, n);
                tab_.sweep(n);
            }
            Step::Arrive(tab) => {
                tabs[tab].arrive();
            }
            Step::Hear(tab) => {
                tabs[tab].hear(n);
            }
        }
    }
    let mut n = steps.len();
    loop {
        *now.borrow_mut() = n;
        let mut moved = false;
        for tab in &mut tabs {
            while tab.arrive() {
                moved = true;
            }
            while tab.hear(n) {
                moved = true;
                n += 1;
            }
        }
        if !moved {
            return (tabs, n);
        }
    }
}

fn assert_agree<A: Aggregate + std::fmt::Debug>(tabs: &[Tab<A>; 2]) {
    assert_eq!(
        tabs[0].value, tabs[1].value,
        "the two tabs show different values"
    );
    for tab in tabs {
        let stored = tab.stored().unwrap_or_default();
        assert_eq!(stored, tab.value, "a tab shows what storage does not hold");
    }
}

/// Three items of the demo catalog with stock for every add a run can make.
fn items(catalog: &Catalog) -> Vec<CartLine> {
    let lines: Vec<CartLine> = catalog
        .products()
        .iter()
        .filter_map(|product| {
            let variant = product.variants.iter().find(|v| v.stock >= 50)?;
            Some(CartLine {
                product_id: ProductId::new(product.id.as_str()),
                variant_id: VariantId::new(variant.id.as_str()),
                quantity: Quantity::new(1).unwrap(),
                delivery_option_id: DeliveryOptionId::new(
                    product.delivery_options.first()?.id.as_str(),
                ),
            })
        })
        .take(3)
        .collect();
    assert_eq!(
        lines.len(),
        3,
        "the demo catalog has three items in good stock"
    );
    lines
}

fn quantities(cart: &Cart) -> BTreeMap<String, u32> {
    cart.lines()
        .iter()
        .map(|line| (line.key(), line.quantity.get()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn two_tabs_adding_to_the_cart_keep_every_add(steps in steps()) {
        let catalog = demo_catalog();
        let items = items(&catalog);
        let mut added: BTreeMap<String, u32> = BTreeMap::new();
        let (tabs, _) = play::<Cart>(&steps, |tab, _, item, n| {
            let line = items[item].clone();
            let key = line.key();
            let made = tab.change(n, |cart| cart.add(&catalog, line).is_ok());
            if made {
                *added.entry(key).or_default() += 1;
            }
            made
        });
        assert_agree(&tabs);
        prop_assert_eq!(quantities(&tabs[0].value), added);
        for tab in &tabs {
            prop_assert!(tab.told.is_empty(), "a merge needs no notice: {:?}", tab.told);
        }
    }

    #[test]
    fn two_tabs_changing_settings_lose_nothing_silently(steps in steps()) {
        // Every change sets a latency no other change sets, so each can be followed.
        let mut made: Vec<(usize, u32, usize)> = Vec::new();
        let mut built_on: BTreeSet<u32> = BTreeSet::new();
        let (tabs, _) = play::<SimulationSettings>(&steps, |tab, who, _, n| {
            let latency = 10 * (n as u32 + 1);
            let mut before = 0;
            let changed = tab.change(n, |settings| {
                // What the tab shows once it took in what storage holds.
                before = settings.latency_ms;
                settings.latency_ms = latency;
                true
            });
            if changed {
                built_on.insert(before);
                made.push((who, latency, n));
            }
            changed
        });
        assert_agree(&tabs);
        let last = tabs[0].value.latency_ms;
        for (who, latency, at) in made {
            let told = tabs[who]
                .told
                .iter()
                .any(|(step, notice)| *step > at && *notice == TabNotice::OtherTabsChangeKept);
            prop_assert!(
                latency == last || built_on.contains(&latency) || told,
                "tab {} set {} ms at step {}: not kept, nothing made on top of it, tab not told",
                who, latency, at
            );
        }
    }
}

proptest! {
    // Each case writes pages of a 520-message inbox at every change: fewer cases than above.
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn two_tabs_changing_an_inbox_in_pages_lose_nothing_silently(steps in steps()) {
        let first = inbox_of(520);
        let stored = stored_in_pages(&first);
        let mut delivered: Vec<(usize, String, usize)> = Vec::new();
        let (mut tabs, end) = play_from::<Inbox>(&stored, &steps, |tab, who, item, n| {
            let subject = format!("step {n}");
            let changed = tab.change(n, |inbox| match item {
                0 => {
                    inbox.deliver(Sender::Shop, first_sent(), subject.clone(), "", None);
                    true
                }
                // A message of the first page, or of the last.
                1 => inbox.mark_read(1 + (n as u64 % 200)),
                _ => inbox.mark_read(inbox.last_id()),
            });
            if changed && item == 0 {
                delivered.push((who, subject, n));
            }
            changed
        });
        assert_agree(&tabs);
        for (who, subject, at) in delivered {
            let kept = tabs[0].value.newest_first().any(|m| m.subject == subject);
            let told = tabs[who]
                .told
                .iter()
                .any(|(step, notice)| *step > at && *notice == TabNotice::OtherTabsChangeKept);
            prop_assert!(kept || told, "tab {} delivered {:?}: lost, tab not told", who, subject);
        }
        // Long after: only the pages the stored head names are left, and it reads whole.
        for later in [end + 1, end + 1 + 4 * CLICK_TICKS] {
            for tab in &mut tabs {
                tab.sweep(later);
            }
            for tab in &mut tabs {
                while tab.arrive() {}
            }
        }
        assert_agree(&tabs);
        for tab in &tabs {
            let pages = tab.store.keys().unwrap().into_iter().filter(|k| is_page_key(k)).count();
            prop_assert_eq!(pages, named_pages::<Inbox>(&tab.store).len());
        }
    }
}

fn first_sent() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap()
}

/// An inbox of `count` messages: two pages for 520.
fn inbox_of(count: usize) -> Inbox {
    let mut inbox = Inbox::default();
    for n in 0..count {
        inbox.deliver(Sender::Shop, first_sent(), format!("message {n}"), "", None);
    }
    inbox
}

/// Every key and value a tab's write of `value` leaves in storage.
fn stored_in_pages<A: Aggregate>(value: &A) -> Vec<(String, String)> {
    let store = MemoryStore::default();
    let (_, mut copy, _) = TabCopy::<A>::load(&store, 99);
    commit(&store, &copy.staged(&store, value).unwrap()).unwrap();
    store
        .keys()
        .unwrap()
        .into_iter()
        .map(|key| {
            let value = store.get(&key).unwrap().unwrap();
            (key, value)
        })
        .collect()
}
