//! Every persisted aggregate as a reactive store, built from the one list of aggregates
//! (`crate::for_each_aggregate!`), and the two ways the UI runs an action of the facade over
//! them: at once for the actions that never call the provider, awaited for those that do.
//!
//! Either way the action runs on a copy of every aggregate, and what it changed is committed
//! in one step: written together or not at all (`storage::journal`), and only then shown. So
//! the page never sees an action half done, nothing is borrowed while the provider answers,
//! and a commit that fails (storage full) leaves the tab and the storage as they were.
//!
//! Except where storage cannot hold the shop at all: when it is off, or when the tab already
//! keeps changes storage refused (a demo history larger than the quota), refusing every
//! action would only stop the shop. The tab then works from memory and says so.
//!
//! The code that reads and writes each aggregate is installed in its store
//! (`Persisted::install`) by the split points (`Stores::install_readers`), so that the split
//! bundle's main wasm carries none of it: the first page previews the few small aggregates
//! it shows (`Stores::preview_first_page`). Until then an action is refused
//! (`NotKept::NotReadYet`) rather than run on empty stand-ins. Installing first finishes
//! what an earlier version or a closed tab left in storage (`ui::opening`), before anything
//! is read.

use leptos::prelude::*;

use super::notices::Notices;
use super::opening;
use super::persisted::Persisted;
use super::shell;
use super::sleep::yield_to_browser;
use super::tab_lock::with_tab_lock;
use crate::app::{ShopData, ShopState, Touched};
use crate::storage::browser::BrowserStore;
use crate::storage::journal::{commit, CommitRefused};
use crate::storage::page_sweeper::PageSweeper;
use crate::storage::repository::preview;
use crate::storage::stored_copy::read_copy;
use crate::storage::{KeyValueStore, StoreError};

/// Why an action's result was not kept. Nothing of it was saved nor shown.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotKept {
    #[error(
        "{0} changed in another tab while this was running, so nothing was saved here. Try again."
    )]
    ChangedMeanwhile(&'static str),
    #[error("Nothing was saved: {}. Free some browser storage and try again.", .0.describe())]
    NotSaved(StoreError),
    /// The code that reads an aggregate had not arrived (`Stores::install_readers`).
    #[error("{0} is still being read, so nothing was done. Try again in a moment.")]
    NotReadYet(&'static str),
}

/// What a commit storage refuses does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WhenRefused {
    /// Nothing of the action is kept: the tab and the storage stay as they were. A checkout
    /// always: never a receipt for an order that is not saved.
    Refuse,
    /// Refused, unless the tab already keeps changes storage refused (see the module).
    KeepIfTabOnly,
    /// The action is kept in the tab, which says it could not save.
    KeepInTab,
}

macro_rules! define_stores {
    ($($name:ident: $ty:ty),* $(,)?) => {
        /// Every persisted aggregate, provided once as context: built from the one list of
        /// aggregates (`crate::for_each_aggregate!`), so loading, cross-tab sync and every
        /// action cover them all.
        #[derive(Clone, Copy)]
        pub struct Stores {
            $(pub $name: Persisted<$ty>,)*
            notices: Notices,
            sweeper: StoredValue<PageSweeper>,
            /// Whether what earlier versions and closed tabs left is finished (`opening`).
            opened: StoredValue<bool>,
        }

        /// How many changes each store had seen when an action took its copy.
        struct Versions {
            $($name: u64,)*
        }

        impl Stores {
            /// Every aggregate, each read from storage when first asked for
            /// (`Persisted::lazy`): the first page waits only for what it shows. Built
            /// with `--features split`, no code that reads is installed here: the first
            /// page previews what it shows, and the split points install the rest
            /// ([`Stores::install_readers`]).
            pub fn load(notices: Notices) -> Self {
                let stores = Self::unread(notices);
                #[cfg(feature = "split")]
                stores.preview_first_page();
                #[cfg(not(feature = "split"))]
                stores.install_readers();
                stores
            }

            /// Every aggregate, unread, with no code that reads installed.
            pub fn unread(notices: Notices) -> Self {
                Stores {
                    $($name: Persisted::lazy(notices),)*
                    notices,
                    sweeper: StoredValue::new(PageSweeper::default()),
                    opened: StoredValue::new(false),
                }
            }

            /// Installs the code that reads and writes each aggregate
            /// ([`Persisted::install`]). Whatever calls this holds all of that code: the
            /// flows over the shop's data and the pages that read its history call it
            /// before anything of theirs runs (`lazy_flows`, `lazy_pages`), so in the split
            /// bundle it is in their chunks, not in the main wasm.
            pub fn install_readers(&self) {
                self.open();
                $(self.$name.install(read_copy::<$ty>);)*
            }

            /// Whether every aggregate can be read: its code is installed.
            fn every_one_readable(&self) -> Result<(), NotKept> {
                $(if !self.$name.is_readable() {
                    return Err(NotKept::NotReadYet(<$ty as crate::storage::Aggregate>::LABEL));
                })*
                Ok(())
            }

            /// Reads every aggregate not read yet whose code is installed, one at a time,
            /// letting the browser paint and answer the shopper between them: a long history
            /// is read in several short tasks, not one long one. Out of sight there is nothing to paint, and a turn
            /// would wait a second: it reads straight through.
            pub async fn read_in_turns(&self) {
                $(if !self.$name.is_read() && self.$name.read_if_unread() {
                    if !shell::page_hidden() {
                        yield_to_browser().await;
                    }
                })*
            }

            /// Removes the stored pages no value can name any more
            /// (`storage::page_sweeper`): after every commit that wrote a value stored in
            /// pages, and once a minute (`lazy_flows::every_minute`).
            pub fn sweep_pages(&self) {
                let store = BrowserStore::open();
                let Ok(keys) = store.keys() else {
                    return;
                };
                let now_ms = js_sys::Date::now() as u64;
                let mut sweeper = self.sweeper.get_value();
                // A page left for now is looked at again at the next sweep.
                $(let _ = sweeper.sweep_among::<$ty>(&store, &keys, now_ms);)*
                self.sweeper.set_value(sweeper);
            }

            pub fn on_storage_event(&self, key: &str, new_value: Option<&str>) {
                $(self.$name.on_storage_event(key, new_value);)*
            }

            /// Takes in what other tabs saved of every aggregate.
            pub fn adopt_what_storage_has_since(&self) {
                $(self.$name.adopt_what_storage_has_since();)*
            }

            /// Runs one action of the facade that does not wait for anything (no provider
            /// call) and commits what it says it changed, and only that.
            pub fn with_shop<R>(
                &self,
                action: impl FnOnce(&mut ShopState<'_>) -> R,
            ) -> Result<R, NotKept> {
                let (mut data, versions) = self.snapshot()?;
                let (result, touched) = {
                    let mut shop = data.state();
                    let result = action(&mut shop);
                    (result, shop.touched)
                };
                self.commit(data, touched, versions, WhenRefused::KeepIfTabOnly)?;
                Ok(result)
            }

            /// [`Stores::with_shop`] for an action whose only answer to a commit that failed
            /// is to say so: a notice tells the shopper, and `None` that nothing was kept.
            pub fn act<R>(&self, action: impl FnOnce(&mut ShopState<'_>) -> R) -> Option<R> {
                self.with_shop(action)
                    .inspect_err(|not_kept| self.notices.problem(not_kept.to_string()))
                    .ok()
            }

            /// Runs one action of the facade that awaits the provider, and commits what it
            /// says it changed. It holds the lock every tab of the shop takes
            /// (`ui::tab_lock`), so awaited actions run one at a time across tabs, each on
            /// what the one before saved: two tabs pressing the pay button at once place
            /// one order, and the other finds the cart empty.
            pub async fn run<R>(
                &self,
                action: impl AsyncFnOnce(&mut ShopState<'_>) -> R,
            ) -> Result<R, NotKept> {
                self.run_with(WhenRefused::KeepIfTabOnly, action).await
            }

            /// [`Stores::run`] for placing an order: refused whenever storage refuses it.
            pub async fn run_strictly<R>(
                &self,
                action: impl AsyncFnOnce(&mut ShopState<'_>) -> R,
            ) -> Result<R, NotKept> {
                self.run_with(WhenRefused::Refuse, action).await
            }

            /// [`Stores::run`] for demo data, which may be larger than storage holds: then
            /// it is kept in the tab, with a notice, rather than refused.
            pub async fn run_keeping_in_tab<R>(
                &self,
                action: impl AsyncFnOnce(&mut ShopState<'_>) -> R,
            ) -> Result<R, NotKept> {
                self.run_with(WhenRefused::KeepInTab, action).await
            }

            async fn run_with<R>(
                &self,
                when_refused: WhenRefused,
                action: impl AsyncFnOnce(&mut ShopState<'_>) -> R,
            ) -> Result<R, NotKept> {
                with_tab_lock(async || {
                    // What another tab saved is taken in before the copy is made.
                    self.adopt_what_storage_has_since();
                    let (mut data, versions) = self.snapshot()?;
                    let (result, touched) = {
                        let mut shop = data.state();
                        let result = action(&mut shop).await;
                        (result, shop.touched)
                    };
                    self.commit(data, touched, versions, when_refused)?;
                    Ok(result)
                })
                .await
            }

            /// A copy of the whole shop as this tab has it.
            pub fn data(&self) -> Result<ShopData, NotKept> {
                Ok(self.snapshot()?.0)
            }

            /// A copy of every aggregate, each read first; refused while one cannot be read,
            /// as its empty stand-in would be committed over what is stored.
            fn snapshot(&self) -> Result<(ShopData, Versions), NotKept> {
                self.every_one_readable()?;
                let versions = Versions { $($name: self.$name.version(),)* };
                Ok((ShopData { $($name: self.$name.snapshot(),)* }, versions))
            }

            /// Writes the touched aggregates together, then shows them. If one of them
            /// changed since the copy was taken (another tab saved it), nothing is kept:
            /// keeping it would overwrite that change.
            fn commit(
                &self,
                data: ShopData,
                touched: Touched,
                versions: Versions,
                when_refused: WhenRefused,
            ) -> Result<(), NotKept> {
                // Changed in this tab meanwhile, or saved by another tab whose storage event
                // has not arrived yet.
                $(if touched.$name
                    && (self.$name.version() != versions.$name || self.$name.moved_in_storage())
                {
                    return Err(NotKept::ChangedMeanwhile(
                        <$ty as crate::storage::Aggregate>::LABEL,
                    ));
                })*
                let mut writes = Vec::new();
                $(if touched.$name {
                    writes.extend(self.$name.staged(&data.$name).into_iter().flatten());
                })*
                let keep = match when_refused {
                    WhenRefused::Refuse => false,
                    WhenRefused::KeepIfTabOnly => false $(|| self.$name.is_tab_only())*,
                    WhenRefused::KeepInTab => true,
                };
                let written = match commit(&BrowserStore::open(), &writes) {
                    Ok(()) => true,
                    // Storage cannot hold the shop: the tab works from memory (see above).
                    Err(CommitRefused(e)) if keep || matches!(e, StoreError::Unavailable(_)) => {
                        self.notices.problem(format!(
                            "Could not save: {}. Your changes are kept in this tab only.",
                            e.describe()
                        ));
                        false
                    }
                    Err(CommitRefused(e)) => return Err(NotKept::NotSaved(e)),
                };
                $(if touched.$name { self.$name.committed(data.$name, written); })*
                if written && (false $(|| (touched.$name && <$ty as crate::storage::Aggregate>::PAGED))*) {
                    self.sweep_pages();
                }
                Ok(())
            }
        }
    };
}

crate::for_each_aggregate!(define_stores);

impl Stores {
    /// Installs the code of the aggregates the shop's pages (a product, a seller) use, which
    /// read no history: the cart, the clock, the account, the Klarna link and the simulation
    /// settings.
    pub fn install_shop_readers(&self) {
        self.open();
        self.account.install(read_copy);
        self.cart.install(read_copy);
        self.klarna_link.install(read_copy);
        self.clock.install(read_copy);
        self.simulation.install(read_copy);
    }

    /// Shows what the header, the clock bar and the demo guide need before any code that
    /// reads is installed, where it can be vouched for (`Persisted::preview`): these hold
    /// no free-form JSON, as a preview needs.
    pub fn preview_first_page(&self) {
        self.account.preview(preview);
        self.cart.preview(preview);
        self.klarna_link.preview(preview);
        self.clock.preview(preview);
    }

    /// Finishes, once, what an earlier version or a closed tab left in storage, before the
    /// first aggregate is read.
    fn open(&self) {
        if !self.opened.get_value() {
            self.opened.set_value(true);
            opening::finish_what_was_left(self.notices);
        }
    }
}
