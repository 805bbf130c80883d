//! Typed load and save of aggregates over any [`KeyValueStore`], with quarantine of bad data.

use super::envelope::{encode, preview_plain, storage_key, Aggregate, DecodeError, Stored};
pub use super::keys::QUARANTINE_PREFIX;
use super::keys::{page_key, JOURNAL_KEY};
use super::pages::{decode_value, pages_named, PageTable};
use super::store::{KeyValueStore, StoreError};

/// Why a tab stops saving an aggregate a newer version of the app wrote.
pub const NEWER_VERSION_SAVED_IT: &str = "a newer version of the shop saved it (reload to use it)";

/// What happened when an aggregate was loaded; the UI turns problems into a notice.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadProblem {
    /// The value could not be used; it now lives under `moved_to`, and the aggregate starts empty.
    Quarantined {
        error: DecodeError,
        moved_to: String,
    },
    /// The value could not be used nor moved aside (storage full or failing): it stays where it
    /// is and this session must not overwrite it.
    StuckInPlace {
        error: DecodeError,
        why: StoreError,
    },
    Unreadable(StoreError),
    /// A newer version of the app saved it (another tab, after a deploy): it stays where it
    /// is, untouched, and this tab must not save over it until it is reloaded.
    FromNewerVersion(DecodeError),
}

impl LoadProblem {
    /// Why saving over the key would destroy data the user has not agreed to lose, when it
    /// would.
    pub fn blocks_saving(&self) -> Option<&'static str> {
        match self {
            LoadProblem::StuckInPlace { .. } => {
                Some("its unreadable saved copy could not be moved aside")
            }
            LoadProblem::FromNewerVersion(_) => Some(NEWER_VERSION_SAVED_IT),
            LoadProblem::Quarantined { .. } | LoadProblem::Unreadable(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Loaded<A> {
    pub value: A,
    pub rev: u64,
    pub problem: Option<LoadProblem>,
    /// The pages the value was read from, when it is stored in pages (`super::pages`).
    pub pages: PageTable,
}

pub fn load<A: Aggregate>(store: &dyn KeyValueStore) -> Loaded<A> {
    let key = storage_key::<A>();
    let empty = |problem| Loaded {
        value: A::default(),
        rev: 0,
        problem,
        pages: PageTable::default(),
    };
    let raw = match store.get(&key) {
        Ok(Some(raw)) => raw,
        Ok(None) => return empty(None),
        Err(e) => return empty(Some(LoadProblem::Unreadable(e))),
    };
    match decode_value::<A>(store, &raw) {
        Ok((Stored { value, rev, .. }, pages)) => Loaded {
            value,
            rev,
            problem: None,
            pages,
        },
        Err(error @ DecodeError::FutureSchema { .. }) => {
            empty(Some(LoadProblem::FromNewerVersion(error)))
        }
        Err(error) => {
            let problem = match quarantine(store, A::NAME, &key, &raw, error) {
                LoadProblem::Quarantined { error, moved_to } if A::PAGED => {
                    match move_pages_aside::<A>(store, &raw, &moved_to) {
                        Ok(()) => LoadProblem::Quarantined { error, moved_to },
                        Err(why) => {
                            // Back where it was, naming its pages: nothing is swept, and
                            // this tab does not save over it.
                            let _ = store.remove(&moved_to).and_then(|()| store.set(&key, &raw));
                            LoadProblem::StuckInPlace { error, why }
                        }
                    }
                }
                problem => problem,
            };
            empty(Some(problem))
        }
    }
}

/// The value [`load`] would give, read without its code for the rare cases, when that
/// can vouch for it: nothing stored (the empty value), or a plain value of the current
/// schema that reads back exactly ([`preview_plain`]). `None` otherwise: a value that is
/// compressed, paged, older or bad, storage that cannot be read, or a commit a closed tab
/// left half done (`journal::recover` may still change what is stored). It writes
/// nothing, so a value is only ever changed or saved after [`load`].
pub fn preview<A: Aggregate>(store: &dyn KeyValueStore) -> Option<A> {
    if A::PAGED || !matches!(store.get(JOURNAL_KEY), Ok(None)) {
        return None;
    }
    match store.get(&storage_key::<A>()) {
        Ok(Some(raw)) => preview_plain(&raw),
        Ok(None) => Some(A::default()),
        Err(_) => None,
    }
}

/// Moves the pages of `A`'s bad head `raw` beside it, now at `moved_to`: the pages it names
/// when it can still be read that far, else every page of `A` (which are its own cannot be
/// told, and none is lost). Each page moves as [`quarantine`] moves a
/// value; when one cannot be moved (storage full), those moved go back and the error says
/// why, so no page is ever left where nothing names it.
fn move_pages_aside<A: Aggregate>(
    store: &dyn KeyValueStore,
    raw: &str,
    moved_to: &str,
) -> Result<(), StoreError> {
    let prefix = page_key::<A>("");
    let mut pages = pages_named::<A>(raw);
    if pages.is_empty() {
        pages = store
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(&prefix))
            .collect();
    }
    let mut moved: Vec<(String, String, String)> = Vec::new();
    for key in pages {
        let Some(page) = store.get(&key)? else {
            continue;
        };
        let aside = format!("{moved_to}/{}", &key[prefix.len()..]);
        if let Err(why) = move_value(store, &key, &aside, &page) {
            for (key, aside, page) in moved.into_iter().rev() {
                let _ = store.remove(&aside).and_then(|()| store.set(&key, &page));
            }
            return Err(why);
        }
        moved.push((key, aside, page));
    }
    Ok(())
}

/// Moves `raw` from `key` to `to`: the copy first, or, when it does not fit beside the
/// original, the original removed first and put back if the copy still fails.
fn move_value(store: &dyn KeyValueStore, key: &str, to: &str, raw: &str) -> Result<(), StoreError> {
    match store.set(to, raw) {
        Ok(()) => store.remove(key),
        Err(StoreError::QuotaExceeded) => store.remove(key).and_then(|()| {
            store.set(to, raw).inspect_err(|_| {
                let _ = store.set(key, raw);
            })
        }),
        Err(e) => Err(e),
    }
}

/// Moves a bad value to a fresh quarantine key. The copy is written before the original is
/// removed; when the copy does not fit next to the original, the original is removed first
/// (freeing its space) and put back if the copy still fails, so nothing is ever lost.
pub(super) fn quarantine(
    store: &dyn KeyValueStore,
    name: &str,
    key: &str,
    raw: &str,
    error: DecodeError,
) -> LoadProblem {
    let moved_to = match free_quarantine_key(store, name) {
        Ok(k) => k,
        Err(why) => return LoadProblem::StuckInPlace { error, why },
    };
    match move_value(store, key, &moved_to, raw) {
        Ok(()) => LoadProblem::Quarantined { error, moved_to },
        Err(why) => LoadProblem::StuckInPlace { error, why },
    }
}

fn free_quarantine_key(store: &dyn KeyValueStore, name: &str) -> Result<String, StoreError> {
    let taken = store.keys()?;
    let key = (1..)
        .map(|n| format!("{QUARANTINE_PREFIX}{name}.{n}"))
        .find(|k| !taken.contains(k))
        .expect("an unbounded range always yields a free key");
    Ok(key)
}

/// Writes the aggregate at the next revision and returns that revision.
pub fn save<A: Aggregate>(
    store: &dyn KeyValueStore,
    value: &A,
    rev: u64,
) -> Result<u64, StoreError> {
    let next = rev + 1;
    store.set(&storage_key::<A>(), &encode(value, next))?;
    Ok(next)
}

/// Every quarantined value (without the pages moved aside with a head), so the user can see
/// and dismiss them.
pub fn quarantined_keys(store: &dyn KeyValueStore) -> Vec<String> {
    store
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter(|k| k.starts_with(QUARANTINE_PREFIX) && !k.contains('/'))
        .collect()
}
