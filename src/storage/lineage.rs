//! Which writes a stored value includes, so that a tab can tell whether another tab's write
//! was made on top of its own or without seeing it.
//!
//! Revisions cannot tell: storage orders writes as they arrive, and two tabs that each see
//! the other's writes a moment late number theirs independently. So every write gets an id
//! (the tab's and a count), and beside each aggregate's key a small record under
//! [`lineage_key`] says, for the last few values written, which writes each includes. A
//! record names its value by a fingerprint of the stored text, so a record and a value that
//! do not belong together (one of them not arrived yet, or a value written by a version of
//! the shop that keeps no record) are never taken for each other: such a value counts as
//! one whose lineage is unknown.

use std::hash::{DefaultHasher, Hash, Hasher};

use serde::{Deserialize, Serialize};

use super::envelope::{storage_key, Aggregate};
use super::store::{KeyValueStore, Write};

/// One write of one tab (a tab's id is never [`UNRECORDED`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteId {
    pub tab: u32,
    pub n: u64,
}

/// What a stored value is: its fingerprint, and when its record is found, the write that
/// made it and every recent write it includes (that one first).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Lineage {
    pub fingerprint: u64,
    pub includes: Vec<WriteId>,
}

/// The tab of no tab: the writes of values no record names (written before records were
/// kept, or by hand) are named by their fingerprint, so every tab names the same value alike.
const UNRECORDED: u32 = 0;

impl Lineage {
    /// A value no record names.
    pub fn unrecorded(fingerprint: u64) -> Lineage {
        Lineage {
            fingerprint,
            includes: vec![WriteId {
                tab: UNRECORDED,
                n: fingerprint,
            }],
        }
    }

    /// Whether a record names the value (see [`UNRECORDED`]).
    pub fn is_recorded(&self) -> bool {
        self.made_by().is_some_and(|write| write.tab != UNRECORDED)
    }

    /// The write that made the value.
    pub fn made_by(&self) -> Option<WriteId> {
        self.includes.first().copied()
    }

    pub fn includes(&self, write: WriteId) -> bool {
        self.includes.contains(&write)
    }

    /// Whether `other` is the same stored value: the same text, and no record says another
    /// write made it (a value whose record was replaced meanwhile is taken for the same).
    pub fn same_as(&self, other: &Lineage) -> bool {
        self.fingerprint == other.fingerprint
            && (!self.is_recorded() || !other.is_recorded() || self.made_by() == other.made_by())
    }

    /// The lineage of a value `write` makes on top of the values that `parts` are.
    pub fn of_write(write: WriteId, fingerprint: u64, parts: &[&Lineage]) -> Lineage {
        // Newest first from every part alike, so the cut below keeps each part's latest.
        let deepest = parts
            .iter()
            .map(|part| part.includes.len())
            .max()
            .unwrap_or(0);
        let mut includes = vec![write];
        for depth in 0..deepest {
            for id in parts.iter().filter_map(|part| part.includes.get(depth)) {
                if !includes.contains(id) {
                    includes.push(*id);
                }
            }
        }
        includes.truncate(KEPT_IDS);
        Lineage {
            fingerprint,
            includes,
        }
    }
}

/// How many write ids a record keeps: more than two tabs write while one write is on its way.
const KEPT_IDS: usize = 32;

/// How many values' records the lineage key keeps: the current value's record survives a
/// write whose value then did not fit.
const KEPT_RECORDS: usize = 4;

#[derive(Serialize, Deserialize)]
struct Record {
    of: u64,
    includes: Vec<WriteId>,
}

pub fn lineage_key<A: Aggregate>() -> String {
    format!("{}.lineage", storage_key::<A>())
}

/// Whether `key` holds a lineage record rather than a value.
pub fn is_lineage_key(key: &str) -> bool {
    key.ends_with(".lineage")
}

/// The fingerprint of nothing stored.
pub const NOTHING: u64 = 0;

/// A fingerprint of a stored text (or of none).
pub fn fingerprint(raw: Option<&str>) -> u64 {
    raw.map_or(NOTHING, |raw| {
        let mut hasher = DefaultHasher::new();
        raw.hash(&mut hasher);
        hasher.finish() | 1
    })
}

fn records<A: Aggregate>(store: &dyn KeyValueStore) -> Vec<Record> {
    store
        .get(&lineage_key::<A>())
        .ok()
        .flatten()
        .and_then(|raw| serde_json::from_slice(raw.as_bytes()).ok())
        .unwrap_or_default()
}

/// The lineages a lineage key's text records (as a storage event carries it).
pub fn lineages_in(raw: &str) -> Vec<Lineage> {
    serde_json::from_slice::<Vec<Record>>(raw.as_bytes())
        .unwrap_or_default()
        .into_iter()
        .map(|record| Lineage {
            fingerprint: record.of,
            includes: record.includes,
        })
        .collect()
}

/// The lineage of `raw`, the value stored for `A` (or about to be), as far as the records in
/// this tab's copy of storage tell.
pub fn stored_lineage<A: Aggregate>(store: &dyn KeyValueStore, raw: Option<&str>) -> Lineage {
    let fingerprint = fingerprint(raw);
    records::<A>(store)
        .into_iter()
        .find(|record| record.of == fingerprint)
        .map_or_else(
            || Lineage::unrecorded(fingerprint),
            |record| Lineage {
                fingerprint,
                includes: record.includes,
            },
        )
}

/// The write that records `lineage` beside the records already stored.
pub fn record<A: Aggregate>(store: &dyn KeyValueStore, lineage: &Lineage) -> Write {
    let mut kept = vec![Record {
        of: lineage.fingerprint,
        includes: lineage.includes.clone(),
    }];
    kept.extend(
        records::<A>(store)
            .into_iter()
            .filter(|record| record.of != lineage.fingerprint),
    );
    kept.truncate(KEPT_RECORDS);
    Write {
        key: lineage_key::<A>(),
        value: serde_json::to_string(&kept).expect("records serialize to JSON"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart::Cart;
    use crate::storage::MemoryStore;

    fn write(tab: u32, n: u64) -> WriteId {
        WriteId { tab, n }
    }

    #[test]
    fn the_same_text_written_by_two_tabs_is_two_values_unless_no_record_names_it() {
        let start = Lineage::unrecorded(NOTHING);
        let mine = Lineage::of_write(write(1, 1), 42, &[&start]);
        let theirs = Lineage::of_write(write(2, 1), 42, &[&start]);
        assert!(!mine.same_as(&theirs));
        assert!(mine.same_as(&Lineage::unrecorded(42)));
        assert!(!mine.same_as(&Lineage::unrecorded(43)));
        assert!(mine.includes(start.made_by().unwrap()) && theirs.includes(write(2, 1)));
    }

    #[test]
    fn a_write_includes_what_its_parts_include_once_and_only_the_latest() {
        let mut lineage = Lineage::unrecorded(NOTHING);
        for n in 1..=40 {
            let other = Lineage::of_write(write(2, n), n, &[&lineage]);
            lineage = Lineage::of_write(write(1, n), n + 100, &[&lineage, &other]);
        }
        assert_eq!(lineage.includes.len(), KEPT_IDS);
        assert_eq!(lineage.made_by(), Some(write(1, 40)));
        assert!(lineage.includes(write(2, 40)) && !lineage.includes(write(1, 1)));
        let unique: std::collections::BTreeSet<_> =
            lineage.includes.iter().map(|w| (w.tab, w.n)).collect();
        assert_eq!(unique.len(), lineage.includes.len());
    }

    #[test]
    fn the_record_key_keeps_the_latest_values_records_and_one_per_text() {
        let store = MemoryStore::default();
        let raw = |n: u64| format!("value {n}");
        for n in 1..=6 {
            let lineage = Lineage::of_write(write(1, n), fingerprint(Some(&raw(n))), &[]);
            let record = record::<Cart>(&store, &lineage);
            store.set(&record.key, &record.value).unwrap();
        }
        let named = |n: u64| stored_lineage::<Cart>(&store, Some(&raw(n))).made_by();
        assert_eq!(named(6), Some(write(1, 6)));
        assert_eq!(named(3), Some(write(1, 3)));
        assert_eq!(
            named(2),
            Some(WriteId {
                tab: UNRECORDED,
                n: fingerprint(Some(&raw(2)))
            })
        );
        // Another tab writes the same text: its record replaces the one of that text.
        let again = Lineage::of_write(write(2, 1), fingerprint(Some(&raw(6))), &[]);
        let record = record::<Cart>(&store, &again);
        store.set(&record.key, &record.value).unwrap();
        assert_eq!(named(6), Some(write(2, 1)));
        assert_eq!(lineages_in(&record.value).len(), KEPT_RECORDS);
        assert!(is_lineage_key(&record.key) && !is_lineage_key("bnpl.cart"));
    }
}
