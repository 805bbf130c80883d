//! One action, one commit: the aggregates an action changed are written together or not at
//! all. localStorage writes one key at a time, so a commit of several keys goes through a
//! journal:
//!
//! 1. the new values are written under [`JOURNAL_KEY`] in one write: if that fails (storage
//!    full), nothing was written and the commit is refused;
//! 2. each value is written to its key: if one fails, the keys already written get their
//!    old values back and the commit is refused;
//! 3. the journal is removed.
//!
//! A tab closed between 1 and 3 leaves the journal behind; the next start finishes the
//! commit ([`recover`]). Every value is an envelope with its revision, so a journal is only
//! ever applied over older values: a stale one never replaces what was saved after it.

use serde::{Deserialize, Serialize};

use super::envelope::{open, DecodeError};
use super::keys::is_page_key;
pub use super::keys::JOURNAL_KEY;
use super::lineage::is_lineage_key;
use super::repository::{quarantine, LoadProblem};
use super::store::{KeyValueStore, StoreError, Write};

#[derive(Serialize, Deserialize)]
struct Journal {
    writes: Vec<Write>,
}

/// A [`Journal`] to write, borrowing its values.
#[derive(Serialize)]
struct JournalToWrite<'a> {
    writes: &'a [&'a Write],
}

/// Why a commit was refused. Either way no value of it is in storage, unless the rollback
/// itself failed: then the journal stays and the next start finishes the commit. (Lineage
/// records may stay, and pages until swept: nothing takes them for part of a value.)
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.describe())]
pub struct CommitRefused(pub StoreError);

/// Writes every value or none (see the module's comment). Lineage records
/// (`super::lineage`) and pages (`storage::pages`) are written first, outside the journal:
/// each record names the value it is about, and each page is a fresh key only the value
/// written after it names, so one whose value was then refused is never taken for part of
/// what is stored (a refused commit's pages are removed, or later swept).
pub fn commit(store: &dyn KeyValueStore, writes: &[Write]) -> Result<(), CommitRefused> {
    let (before, values): (Vec<&Write>, Vec<&Write>) = writes
        .iter()
        .partition(|w| is_lineage_key(&w.key) || is_page_key(&w.key));
    let pages = || before.iter().filter(|w| is_page_key(&w.key));
    let outcome = write_before_and_values(store, &before, &values);
    // A journal left behind (its rollback failed) still needs the pages its values name.
    if outcome.is_err() && store.get(JOURNAL_KEY).is_ok_and(|j| j.is_none()) {
        for page in pages() {
            let _ = store.remove(&page.key);
        }
    }
    outcome
}

fn write_before_and_values(
    store: &dyn KeyValueStore,
    before: &[&Write],
    values: &[&Write],
) -> Result<(), CommitRefused> {
    for write in before {
        store.set(&write.key, &write.value).map_err(CommitRefused)?;
    }
    match values {
        [] => Ok(()),
        // One key is written whole or not at all by the store itself.
        [one] => store.set(&one.key, &one.value).map_err(CommitRefused),
        _ => commit_through_journal(store, values),
    }
}

/// The values a journal's text holds for `key` (a commit's heads name their pages).
pub fn values_for(journal: &str, key: &str) -> Vec<String> {
    serde_json::from_slice::<Journal>(journal.as_bytes())
        .map(|journal| {
            journal
                .writes
                .into_iter()
                .filter(|w| w.key == key)
                .map(|w| w.value)
                .collect()
        })
        .unwrap_or_default()
}

fn commit_through_journal(
    store: &dyn KeyValueStore,
    writes: &[&Write],
) -> Result<(), CommitRefused> {
    let before = writes
        .iter()
        .map(|w| store.get(&w.key))
        .collect::<Result<Vec<_>, _>>()
        .map_err(CommitRefused)?;
    let journal =
        serde_json::to_string(&JournalToWrite { writes }).expect("strings serialize to JSON");
    store.set(JOURNAL_KEY, &journal).map_err(CommitRefused)?;
    for (done, write) in writes.iter().enumerate() {
        if let Err(e) = store.set(&write.key, &write.value) {
            let undone = writes[..done]
                .iter()
                .zip(&before)
                .rev()
                .all(|(w, old)| restore(store, &w.key, old.as_deref()).is_ok());
            if undone {
                let _ = store.remove(JOURNAL_KEY);
            }
            return Err(CommitRefused(e));
        }
    }
    // Should this fail, the journal only holds what is already stored: replaying it at the
    // next start changes nothing.
    let _ = store.remove(JOURNAL_KEY);
    Ok(())
}

fn restore(store: &dyn KeyValueStore, key: &str, old: Option<&str>) -> Result<(), StoreError> {
    match old {
        Some(value) => store.set(key, value),
        None => store.remove(key),
    }
}

/// What the start found of a commit a closed tab left unfinished.
#[derive(Clone, Debug, PartialEq)]
pub enum Recovery {
    /// No journal: every commit had finished.
    Clean,
    /// The commit was finished: these keys were written.
    Finished { keys: Vec<String> },
    /// The journal could not be applied; it is left in place for the next start.
    Failed(String),
    /// The journal could not be read (edited by hand): it was moved aside like any bad value.
    Unreadable(LoadProblem),
}

/// Finishes a commit that a closed tab left half done, writing each journal value whose
/// key holds an older revision (or nothing), then removes the journal.
pub fn recover(store: &dyn KeyValueStore) -> Recovery {
    let raw = match store.get(JOURNAL_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Recovery::Clean,
        Err(e) => return Recovery::Failed(e.describe()),
    };
    let journal = match serde_json::from_slice::<Journal>(raw.as_bytes()) {
        Ok(journal) => journal,
        Err(e) => {
            let error = DecodeError::WrongShape(e.to_string());
            return Recovery::Unreadable(quarantine(store, "journal", JOURNAL_KEY, &raw, error));
        }
    };
    let mut keys = Vec::new();
    for write in &journal.writes {
        let Ok(new) = open(&write.value) else {
            return Recovery::Failed(format!(
                "the journal's value for {} is unreadable",
                write.key
            ));
        };
        let stored_rev = match store.get(&write.key) {
            Ok(stored) => stored.and_then(|raw| open(&raw).ok()).map(|o| o.rev),
            Err(e) => return Recovery::Failed(e.describe()),
        };
        if stored_rev.is_some_and(|rev| rev >= new.rev) {
            continue;
        }
        if let Err(e) = store.set(&write.key, &write.value) {
            return Recovery::Failed(e.describe());
        }
        keys.push(write.key.clone());
    }
    let _ = store.remove(JOURNAL_KEY);
    Recovery::Finished { keys }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;

    fn write(key: &str, rev: u64, data: &str) -> Write {
        Write {
            key: key.into(),
            value: format!(r#"{{"schema":1,"rev":{rev},"data":"{data}"}}"#),
        }
    }

    fn value(store: &MemoryStore, key: &str) -> Option<String> {
        store.get(key).unwrap()
    }

    #[test]
    fn every_value_is_written_and_no_journal_stays() {
        let store = MemoryStore::default();
        let writes = [write("bnpl.a", 1, "a"), write("bnpl.b", 1, "b")];
        commit(&store, &writes).unwrap();
        assert_eq!(value(&store, "bnpl.a"), Some(writes[0].value.clone()));
        assert_eq!(value(&store, "bnpl.b"), Some(writes[1].value.clone()));
        assert_eq!(value(&store, JOURNAL_KEY), None);
    }

    #[test]
    fn a_journal_that_does_not_fit_refuses_the_commit_and_writes_nothing() {
        let old = write("bnpl.a", 1, "old");
        let store = MemoryStore::with_quota(old.key.len() + old.value.len() + 40);
        store.set(&old.key, &old.value).unwrap();
        let refused = commit(
            &store,
            &[write("bnpl.a", 2, "new"), write("bnpl.b", 1, "b")],
        );
        assert_eq!(refused, Err(CommitRefused(StoreError::QuotaExceeded)));
        assert_eq!(value(&store, "bnpl.a"), Some(old.value));
        assert_eq!(value(&store, "bnpl.b"), None);
        assert_eq!(value(&store, JOURNAL_KEY), None);
    }

    #[test]
    fn a_value_that_does_not_fit_puts_back_the_ones_written_before_it() {
        let old = write("bnpl.a", 1, "old");
        let new_a = write("bnpl.a", 2, "new");
        let big_b = write("bnpl.b", 1, &"b".repeat(300));
        // Room for the old value and the journal, but not for the big value besides them.
        let journal_len = serde_json::to_string(&Journal {
            writes: vec![new_a.clone(), big_b.clone()],
        })
        .unwrap()
        .len();
        let quota = old.key.len() + old.value.len() + JOURNAL_KEY.len() + journal_len + 50;
        let store = MemoryStore::with_quota(quota);
        store.set(&old.key, &old.value).unwrap();
        let refused = commit(&store, &[new_a, big_b]);
        assert_eq!(refused, Err(CommitRefused(StoreError::QuotaExceeded)));
        assert_eq!(value(&store, "bnpl.a"), Some(old.value), "put back");
        assert_eq!(value(&store, "bnpl.b"), None);
        assert_eq!(value(&store, JOURNAL_KEY), None);
    }

    #[test]
    fn a_commit_cut_short_is_finished_at_the_next_start_and_only_over_older_values() {
        let store = MemoryStore::default();
        let writes = vec![
            write("bnpl.a", 2, "from the journal"),
            write("bnpl.b", 5, "from the journal"),
        ];
        let journal = serde_json::to_string(&Journal {
            writes: writes.clone(),
        })
        .unwrap();
        store.set(JOURNAL_KEY, &journal).unwrap();
        store
            .set("bnpl.a", &write("bnpl.a", 1, "older").value)
            .unwrap();
        // Saved after the journal by another tab: newer, so kept.
        let newer = write("bnpl.b", 6, "newer");
        store.set("bnpl.b", &newer.value).unwrap();
        assert_eq!(
            recover(&store),
            Recovery::Finished {
                keys: vec!["bnpl.a".into()]
            }
        );
        assert_eq!(value(&store, "bnpl.a"), Some(writes[0].value.clone()));
        assert_eq!(value(&store, "bnpl.b"), Some(newer.value));
        assert_eq!(value(&store, JOURNAL_KEY), None);
        assert_eq!(recover(&store), Recovery::Clean);
    }

    #[test]
    fn a_journal_edited_into_nonsense_is_moved_aside_and_applies_nothing() {
        let store = MemoryStore::default();
        let raw = r#"{"writes":[{"key":"bnpl.a","#;
        store.set(JOURNAL_KEY, raw).unwrap();
        let Recovery::Unreadable(LoadProblem::Quarantined { moved_to, .. }) = recover(&store)
        else {
            panic!("an unreadable journal is quarantined");
        };
        assert_eq!(value(&store, &moved_to).as_deref(), Some(raw));
        assert_eq!(value(&store, JOURNAL_KEY), None);
        assert_eq!(value(&store, "bnpl.a"), None);
    }
}
