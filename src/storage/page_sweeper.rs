//! Removes the stored pages (`super::pages`) no value names any more: those a newer head
//! replaced, and those of a write cut short.

use std::collections::{BTreeMap, BTreeSet};

use super::envelope::{storage_key, Aggregate};
use super::journal::{values_for, JOURNAL_KEY};
use super::keys::{is_page_key, page_key};
use super::lineage::fingerprint;
use super::pages::pages_named;
use super::store::{KeyValueStore, StoreError};

/// How long an aggregate's stored head must stay the same before the pages it does not name
/// are removed: far longer than a write takes to reach every tab.
pub const QUIET_FOR_MS: u64 = 30_000;

/// Removes the pages of an aggregate that neither its stored head nor a journal left behind
/// names, once the head has stayed the same for [`QUIET_FOR_MS`].
///
/// A page no head names now may still be named again: a tab that has not yet seen the head
/// that dropped it holds a value made of it, and its next write keeps the page. But every
/// tab sees a head within a write's way to it, and from then on writes on top of it; so once
/// one head has stood for the while, no tab holds an older value, and a page that head does
/// not name can never be named again. Each write's head is a text of its own (it names the
/// write), so the same text at two looks means no write in between. Only pages already there
/// at the first look go: a page that appeared since may be a write's on its way, whose head
/// has not arrived.
#[derive(Clone, Debug, Default)]
pub struct PageSweeper {
    watched: BTreeMap<&'static str, Watch>,
}

/// What a sweeper saw of one aggregate at the first look at its current head.
#[derive(Clone, Debug)]
struct Watch {
    head: u64,
    since_ms: u64,
    unnamed: BTreeSet<String>,
}

impl PageSweeper {
    /// Looks at `A`'s head and pages at `now_ms`, removes the pages the rule above lets go
    /// and returns how many it removed.
    pub fn sweep<A: Aggregate>(
        &mut self,
        store: &dyn KeyValueStore,
        now_ms: u64,
    ) -> Result<usize, StoreError> {
        let keys = store.keys()?;
        self.sweep_among::<A>(store, &keys, now_ms)
    }

    /// [`PageSweeper::sweep`] with the keys storage held just before: one listing serves
    /// every aggregate's sweep.
    pub fn sweep_among<A: Aggregate>(
        &mut self,
        store: &dyn KeyValueStore,
        keys: &[String],
        now_ms: u64,
    ) -> Result<usize, StoreError> {
        if !A::PAGED {
            return Ok(0);
        }
        let raw_head = store.get(&storage_key::<A>())?;
        let head = fingerprint(raw_head.as_deref());
        let named = named_pages_beside::<A>(store, raw_head.as_deref());
        let prefix = page_key::<A>("");
        let mut unnamed: BTreeSet<String> = keys
            .iter()
            .filter(|k| k.starts_with(&prefix) && is_page_key(k) && !named.contains(*k))
            .cloned()
            .collect();
        let watch = match self.watched.remove(A::NAME) {
            Some(watch) if watch.head == head => watch,
            // A head first seen now: its first look.
            _ => {
                let first = Watch {
                    head,
                    since_ms: now_ms,
                    unnamed,
                };
                self.watched.insert(A::NAME, first);
                return Ok(0);
            }
        };
        if now_ms.saturating_sub(watch.since_ms) < QUIET_FOR_MS {
            self.watched.insert(A::NAME, watch);
            return Ok(0);
        }
        let mut removed = 0;
        for key in watch.unnamed.iter().filter(|k| !named.contains(*k)) {
            store.remove(key)?;
            unnamed.remove(key);
            removed += 1;
        }
        // The pages that appeared meanwhile are looked at from now on.
        self.watched.insert(
            A::NAME,
            Watch {
                head,
                since_ms: now_ms,
                unnamed,
            },
        );
        Ok(removed)
    }
}

/// The pages named by `A`'s stored head and by its head in a journal left behind.
pub fn named_pages<A: Aggregate>(store: &dyn KeyValueStore) -> BTreeSet<String> {
    let head = store.get(&storage_key::<A>()).ok().flatten();
    named_pages_beside::<A>(store, head.as_deref())
}

/// [`named_pages`] with `A`'s stored head already read.
fn named_pages_beside<A: Aggregate>(
    store: &dyn KeyValueStore,
    head: Option<&str>,
) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    if !A::PAGED {
        return named;
    }
    if let Some(raw) = head {
        named.extend(pages_named::<A>(raw));
    }
    if let Ok(Some(journal)) = store.get(JOURNAL_KEY) {
        for value in values_for(&journal, &storage_key::<A>()) {
            named.extend(pages_named::<A>(&value));
        }
    }
    named
}
