//! A tab's copy of one stored aggregate ([`TabCopy`]) behind a pointer, and the function that
//! reads the aggregate and makes it.
//!
//! Code that holds a `Box<dyn StoredCopy<A>>` and a [`ReadCopy<A>`] names none of the code
//! that reads, checks, merges and writes `A`: that is in whatever made the pointers. So the
//! split bundle's main wasm can hold every aggregate in a store (`ui::persisted`) while the
//! code of the large ones (orders, payments, the inbox, the provider) comes with the chunks
//! that first need it (`ui::stores`). The rules are [`TabCopy`]'s; this only forwards to them.

use super::envelope::Aggregate;
use super::store::{KeyValueStore, Write};
use super::tab_copy::{TabCopy, TabNotice};

/// What [`TabCopy`] does, for a copy whose type is not named. See [`TabCopy`] for each method.
pub trait StoredCopy<A>: Send + Sync {
    fn version(&self) -> u64;
    fn is_tab_only(&self) -> bool;
    fn moved_in_storage(&self, store: &dyn KeyValueStore) -> bool;
    fn catch_up(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        said: &mut Vec<TabNotice>,
    ) -> bool;
    /// [`TabCopy::update`] with a change that says whether it changed anything; it is
    /// called exactly once.
    fn update(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        change: &mut dyn FnMut(&mut A) -> bool,
        said: &mut Vec<TabNotice>,
    ) -> bool;
    fn staged(&mut self, store: &dyn KeyValueStore, value: &A) -> Option<Vec<Write>>;
    fn committed(&mut self, value: &mut A, new: A, written: bool, said: &mut Vec<TabNotice>);
    fn heard(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        key: &str,
        new_value: Option<&str>,
        said: &mut Vec<TabNotice>,
    ) -> bool;
}

impl<A: Aggregate + Send + Sync> StoredCopy<A> for TabCopy<A> {
    fn version(&self) -> u64 {
        TabCopy::version(self)
    }

    fn is_tab_only(&self) -> bool {
        TabCopy::is_tab_only(self)
    }

    fn moved_in_storage(&self, store: &dyn KeyValueStore) -> bool {
        TabCopy::moved_in_storage(self, store)
    }

    fn catch_up(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        said: &mut Vec<TabNotice>,
    ) -> bool {
        TabCopy::catch_up(self, store, value, said)
    }

    fn update(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        change: &mut dyn FnMut(&mut A) -> bool,
        said: &mut Vec<TabNotice>,
    ) -> bool {
        TabCopy::update(self, store, value, |value| (change(value), ()), said).0
    }

    fn staged(&mut self, store: &dyn KeyValueStore, value: &A) -> Option<Vec<Write>> {
        TabCopy::staged(self, store, value)
    }

    fn committed(&mut self, value: &mut A, new: A, written: bool, said: &mut Vec<TabNotice>) {
        TabCopy::committed(self, value, new, written, said)
    }

    fn heard(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        key: &str,
        new_value: Option<&str>,
        said: &mut Vec<TabNotice>,
    ) -> bool {
        TabCopy::heard(self, store, value, key, new_value, said)
    }
}

/// Reads an aggregate and makes this tab's copy of it, with the problem met on the way
/// ([`TabCopy::load`]); `tab` tells this tab's writes from other tabs'.
pub type ReadCopy<A> = fn(&dyn KeyValueStore, u32) -> ReadResult<A>;

/// What a [`ReadCopy`] gives: the value, the tab's copy, and the problem met if there was one.
pub type ReadResult<A> = (A, Box<dyn StoredCopy<A>>, Option<TabNotice>);

/// The [`ReadCopy`] of `A`. Whatever names it for an aggregate holds all of that
/// aggregate's reading and writing code.
pub fn read_copy<A: Aggregate + Send + Sync>(store: &dyn KeyValueStore, tab: u32) -> ReadResult<A> {
    let (value, copy, problem) = TabCopy::load(store, tab);
    (value, Box::new(copy), problem)
}
