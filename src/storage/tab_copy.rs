//! One tab's copy of one stored aggregate: the revision it read or wrote, and the rules by
//! which it saves its changes and takes in what other tabs saved.
//!
//! Two tabs share one storage, but each sees the other's writes a moment late (its storage
//! event arrives after the write, and until then its own reads may still give the old
//! value). So a change is made on top of what storage holds when it starts, and a write the
//! other tab made from the same revision at the same moment is merged (the cart) or kept
//! with a notice in the tab whose change lost (every other aggregate): nothing is lost
//! silently. The rules are pure over a [`KeyValueStore`], so random interleavings of two
//! tabs are tested natively (`tests/two_tabs.rs`); the UI keeps the value in a signal and
//! this beside it (`ui::persisted`).

use super::envelope::{decode, encode, revision_of, storage_key, Aggregate, DecodeError};
use super::journal::Write;
use super::repository::NEWER_VERSION_SAVED_IT;
use super::repository::{load, remote_change, save, LoadProblem, RemoteChange};
use super::store::{KeyValueStore, StoreError};

#[derive(Clone, Debug, PartialEq)]
pub struct TabCopy<A> {
    rev: u64,
    /// Counts the changes this tab has seen (its own and adopted ones), saved or not, so an
    /// action that ran on a copy can tell whether the value moved meanwhile.
    version: u64,
    /// Why saving would destroy the stored value, when it would: a bad value could not be
    /// moved aside, or a newer version of the app wrote it.
    save_blocked: Option<&'static str>,
    /// Set while the tab holds changes storage refused (full, or off): the value lives in
    /// this tab only until a save goes through.
    tab_only: bool,
    /// Whether this tab wrote the revision it holds (rather than read it).
    wrote_current: bool,
    /// For an aggregate that merges (`Aggregate::MERGES`): the value this tab's last save
    /// was made from, so a save another tab made from the same value at the same moment is
    /// merged with ours instead of one replacing the other.
    merge_base: Option<A>,
}

/// What a tab tells the shopper about one aggregate.
#[derive(Clone, Debug, PartialEq)]
pub enum TabNotice {
    Load(LoadProblem),
    /// A change is kept in this tab only, because saving would destroy the stored value.
    KeptInTab(&'static str),
    NotSaved(StoreError),
    /// This tab and another changed the value at the same moment; the other's was kept.
    OtherTabsChangeKept,
    NewerVersion(DecodeError),
    Unreadable(DecodeError),
}

impl TabNotice {
    /// The notice for the aggregate called `label` ("your cart").
    pub fn describe(&self, label: &str) -> String {
        match self {
            TabNotice::Load(problem) => describe_load_problem(problem, label),
            TabNotice::KeptInTab(why) => format!(
                "Changes to {label} are kept in this tab only: {why}, so it is not overwritten."
            ),
            TabNotice::NotSaved(e) => format!(
                "Could not save {label}: {}. Your changes are still here in this tab; free some \
                 browser storage or keep this tab open.",
                e.describe()
            ),
            TabNotice::OtherTabsChangeKept => format!(
                "{} was changed in this tab and in another at the same moment; the other tab's \
                 change was kept, and this tab now shows it. Check it and change it again if \
                 needed.",
                capitalized(label)
            ),
            TabNotice::NewerVersion(e) => newer_version_notice(e, label),
            TabNotice::Unreadable(e) => format!(
                "Another tab saved {label} in a form this tab cannot read ({}); this tab keeps \
                 its own.",
                e.describe()
            ),
        }
    }
}

impl<A: Aggregate> TabCopy<A> {
    /// Reads the aggregate, with the problem met on the way if there was one.
    pub fn load(store: &dyn KeyValueStore) -> (A, TabCopy<A>, Option<TabNotice>) {
        let loaded = load::<A>(store);
        let copy = TabCopy {
            rev: loaded.rev,
            version: 0,
            save_blocked: loaded.problem.as_ref().and_then(LoadProblem::blocks_saving),
            tab_only: false,
            wrote_current: false,
            merge_base: None,
        };
        (loaded.value, copy, loaded.problem.map(TabNotice::Load))
    }

    /// How many changes this tab has seen; see the field.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Whether the tab holds changes storage refused (see the field).
    pub fn is_tab_only(&self) -> bool {
        self.tab_only
    }

    /// Whether another tab saved this aggregate since this tab last read or wrote it (its
    /// storage event may not have arrived yet). A value this tab must not save over counts
    /// as unchanged: nothing is written to it anyway.
    pub fn moved_in_storage(&self, store: &dyn KeyValueStore) -> bool {
        if self.save_blocked.is_some() {
            return false;
        }
        match store.get(&storage_key::<A>()) {
            Ok(raw) => raw.as_deref().map_or(Some(0), revision_of) != Some(self.rev),
            Err(_) => false,
        }
    }

    /// Takes in what another tab saved since this tab last read or wrote, before a change
    /// is made on top of it. Returns whether `value` changed.
    pub fn catch_up(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        said: &mut Vec<TabNotice>,
    ) -> bool {
        if !self.moved_in_storage(store) {
            return false;
        }
        let key = storage_key::<A>();
        match store.get(&key) {
            Ok(raw) => self.heard(store, value, &key, raw.as_deref(), said),
            Err(_) => false,
        }
    }

    /// Makes a change on top of what storage holds and saves it if `change` says it changed
    /// anything. Returns whether `value` changed (taking in another tab's save counts) and
    /// `change`'s result. A failed save keeps the change in this tab and says so.
    pub fn update<R>(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        change: impl FnOnce(&mut A) -> (bool, R),
        said: &mut Vec<TabNotice>,
    ) -> (bool, R) {
        let caught_up = self.catch_up(store, value, said);
        let base = A::MERGES.then(|| value.clone());
        let (changed, result) = change(value);
        if changed {
            self.version += 1;
            if self.save(store, value, said) {
                self.merge_base = base;
            }
        }
        (caught_up || changed, result)
    }

    /// What committing `value` writes: the key and the value at the next revision. `None`
    /// when saving is blocked (see the field).
    pub fn staged(&self, value: &A) -> Option<Write> {
        self.save_blocked.is_none().then(|| Write {
            key: storage_key::<A>(),
            value: encode(value, self.rev + 1),
        })
    }

    /// Takes an action's result `new` once its commit is settled: `written` when storage
    /// holds it now (what [`TabCopy::staged`] gave was written).
    pub fn committed(&mut self, value: &mut A, new: A, written: bool, said: &mut Vec<TabNotice>) {
        let before = std::mem::replace(value, new);
        self.version += 1;
        if let Some(why) = self.save_blocked {
            said.push(TabNotice::KeptInTab(why));
        } else if written {
            self.rev += 1;
            self.tab_only = false;
            self.merge_base = A::MERGES.then_some(before);
            self.wrote_current = true;
        } else {
            self.tab_only = true;
        }
    }

    /// Applies a storage event from another tab: `key` now holds `new_value`. Returns whether
    /// `value` changed.
    pub fn heard(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        key: &str,
        new_value: Option<&str>,
        said: &mut Vec<TabNotice>,
    ) -> bool {
        if key != storage_key::<A>() {
            return false;
        }
        // A tab hears no event for its own writes: one at the revision this tab wrote last is
        // another tab's write of the same revision.
        if let Some(raw) = new_value {
            if self.wrote_current && revision_of(raw) == Some(self.rev) {
                return self.resolve_same_revision(store, value, raw, said);
            }
        }
        match remote_change::<A>(new_value, self.rev) {
            RemoteChange::Adopt { value: theirs, rev } => {
                self.merge_base = None;
                self.wrote_current = false;
                self.rev = rev;
                *value = theirs;
                self.version += 1;
                true
            }
            RemoteChange::KeepLocal => false,
            RemoteChange::FromNewerVersion(e) => {
                self.save_blocked = Some(NEWER_VERSION_SAVED_IT);
                said.push(TabNotice::NewerVersion(e));
                false
            }
            RemoteChange::Unreadable(e) => {
                said.push(TabNotice::Unreadable(e));
                false
            }
        }
    }

    /// Writes the value at the next revision; `true` when storage holds it now.
    fn save(&mut self, store: &dyn KeyValueStore, value: &A, said: &mut Vec<TabNotice>) -> bool {
        if let Some(why) = self.save_blocked {
            said.push(TabNotice::KeptInTab(why));
            return false;
        }
        let result = save(store, value, self.rev);
        self.tab_only = result.is_err();
        match result {
            Ok(rev) => {
                self.rev = rev;
                self.wrote_current = true;
                true
            }
            Err(e) => {
                said.push(TabNotice::NotSaved(e));
                false
            }
        }
    }

    /// Another tab saved the very revision this tab saved: both changed the value they had
    /// at the same moment, and storage kept the later write. An aggregate that merges takes
    /// both changes in, and both tabs save the same merged value. Any other keeps what
    /// storage holds, and the tab whose change was lost says so.
    fn resolve_same_revision(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        raw: &str,
        said: &mut Vec<TabNotice>,
    ) -> bool {
        let Ok(theirs) = decode::<A>(raw).map(|stored| stored.value) else {
            return false;
        };
        let base = self.merge_base.take().filter(|_| A::MERGES);
        if let Some(merged) = base.and_then(|base| A::merged(&base, value, &theirs)) {
            *value = merged;
            self.version += 1;
            self.save(store, value, said);
            return true;
        }
        let stored = store
            .get(&storage_key::<A>())
            .ok()
            .flatten()
            .and_then(|raw| decode::<A>(&raw).ok());
        match stored.filter(|stored| stored.value != *value) {
            Some(stored) => {
                self.rev = stored.rev;
                *value = stored.value;
                self.version += 1;
                self.wrote_current = false;
                said.push(TabNotice::OtherTabsChangeKept);
                true
            }
            None => false,
        }
    }
}

fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn newer_version_notice(error: &DecodeError, label: &str) -> String {
    format!(
        "A newer version of the shop, open in another tab, saved {label} ({}). This tab will \
         not save {label} any more, so nothing of it is overwritten: reload the page to use \
         the newer version.",
        error.describe()
    )
}

fn describe_load_problem(problem: &LoadProblem, label: &str) -> String {
    match problem {
        LoadProblem::Quarantined { error, moved_to } => format!(
            "We could not read {label}: {}. It starts empty; the old data is kept under \
             \"{moved_to}\" in this browser's storage.",
            error.describe()
        ),
        LoadProblem::StuckInPlace { error, why } => format!(
            "We could not read {label} ({}) nor move it aside ({}). It is left untouched.",
            error.describe(),
            why.describe()
        ),
        LoadProblem::FromNewerVersion(e) => newer_version_notice(e, label),
        LoadProblem::Unreadable(e) => {
            format!(
                "We could not open {label}: {}. It starts empty in this tab.",
                e.describe()
            )
        }
    }
}
