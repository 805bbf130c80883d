//! A reactive aggregate that saves itself through the storage layer on every change.

use leptos::prelude::*;

use super::notices::Notices;
use crate::storage::browser::LocalStore;
use crate::storage::envelope::{decode, encode, revision_of, storage_key};
use crate::storage::journal::Write;
use crate::storage::repository::NEWER_VERSION_SAVED_IT;
use crate::storage::{
    load, remote_change, save, Aggregate, DecodeError, KeyValueStore, LoadProblem, RemoteChange,
};

/// Only this aggregate's key is written, and only when its value changed, so a save after
/// one change touches one key. An action of the facade over several aggregates commits them
/// together instead (see `Stores`).
pub struct Persisted<A: Aggregate + Send + Sync> {
    value: RwSignal<A>,
    rev: StoredValue<u64>,
    /// Counts the changes this tab has seen (its own and adopted ones), saved or not, so an
    /// action that ran on a copy can tell whether the value moved meanwhile.
    version: StoredValue<u64>,
    /// Why saving would destroy the stored value, when it would: a bad value could not be
    /// moved aside, or a newer version of the app wrote it.
    save_blocked: StoredValue<Option<&'static str>>,
    /// Set while the tab holds changes storage refused (full, or off): the value lives in
    /// this tab only until a save goes through.
    tab_only: StoredValue<bool>,
    /// For an aggregate that merges (`Aggregate::MERGES`): the value this tab's last save
    /// was made from, so a save another tab made from the same value at the same moment is
    /// merged with ours instead of one replacing the other.
    merge_base: StoredValue<Option<A>>,
    /// Whether this tab wrote the revision it holds (rather than read it).
    wrote_current: StoredValue<bool>,
    notices: Notices,
}

impl<A: Aggregate + Send + Sync> Clone for Persisted<A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<A: Aggregate + Send + Sync> Copy for Persisted<A> {}

impl<A: Aggregate + Send + Sync> Persisted<A> {
    pub fn load(notices: Notices) -> Self {
        let loaded = load::<A>(&LocalStore::open());
        let save_blocked = loaded.problem.as_ref().and_then(LoadProblem::blocks_saving);
        if let Some(problem) = &loaded.problem {
            notices.problem(describe_problem::<A>(problem));
        }
        Persisted {
            value: RwSignal::new(loaded.value),
            rev: StoredValue::new(loaded.rev),
            version: StoredValue::new(0),
            save_blocked: StoredValue::new(save_blocked),
            tab_only: StoredValue::new(false),
            merge_base: StoredValue::new(None),
            wrote_current: StoredValue::new(false),
            notices,
        }
    }

    pub fn signal(&self) -> ReadSignal<A> {
        self.value.read_only()
    }

    pub fn with<R>(&self, f: impl FnOnce(&A) -> R) -> R {
        self.value.with(f)
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&A) -> R) -> R {
        self.value.with_untracked(f)
    }

    /// Changes the value and saves it if it changed. A failed save keeps the change in memory
    /// and says so.
    ///
    /// Whether it changed is found by comparing with a copy taken first: cheap for the small
    /// aggregates and the inbox (a few ms for 16,000 messages), but about 100 ms for the
    /// orders of a 2,000-order history, so the facade's actions say what they changed instead
    /// (`Stores`).
    pub fn update<R>(&self, f: impl FnOnce(&mut A) -> R) -> R {
        self.update_reporting(|v| {
            let before = v.clone();
            let result = f(v);
            (*v != before, result)
        })
    }

    /// Changes the value with `f`, which also says whether it changed anything; only then is
    /// the value re-rendered and written.
    pub fn update_reporting<R>(&self, f: impl FnOnce(&mut A) -> (bool, R)) -> R {
        self.adopt_what_storage_has_since();
        let base = A::MERGES.then(|| self.snapshot());
        let (changed, result) = self
            .value
            .try_maybe_update(|v| {
                let (changed, result) = f(v);
                (changed, (changed, result))
            })
            .expect("the aggregate's signal lives as long as the app");
        if changed {
            self.version.update_value(|v| *v += 1);
            if self.save() {
                self.merge_base.set_value(base);
            }
        }
        result
    }

    /// Whether another tab saved this aggregate since this tab last read or wrote it (its
    /// storage event may not have arrived yet). A value this tab must not save over counts
    /// as unchanged: nothing is written to it anyway.
    pub fn moved_in_storage(&self) -> bool {
        if self.save_blocked.get_value().is_some() {
            return false;
        }
        match LocalStore::open().get(&storage_key::<A>()) {
            Ok(raw) => raw.as_deref().map_or(Some(0), revision_of) != Some(self.rev.get_value()),
            Err(_) => false,
        }
    }

    /// Takes in what another tab saved since this tab last read or wrote, before a change
    /// is made on top of it: two tabs changing the same aggregate at the same moment both
    /// keep their change instead of the last writer's replacing the other's.
    pub fn adopt_what_storage_has_since(&self) {
        if !self.moved_in_storage() {
            return;
        }
        let key = storage_key::<A>();
        if let Ok(raw) = LocalStore::open().get(&key) {
            self.on_storage_event(&key, raw.as_deref());
        }
    }

    /// How many changes this tab has seen; see the field.
    pub fn version(&self) -> u64 {
        self.version.get_value()
    }

    /// A copy of the value, for an action that runs on copies and commits afterwards
    /// (`Stores::with_shop`, `Stores::run`).
    pub fn snapshot(&self) -> A {
        self.value.with_untracked(A::clone)
    }

    /// What committing `value` writes: the key and the value at the next revision. `None`
    /// when saving is blocked (see the field).
    pub fn staged(&self, value: &A) -> Option<Write> {
        self.save_blocked.get_value().is_none().then(|| Write {
            key: storage_key::<A>(),
            value: encode(value, self.rev.get_value() + 1),
        })
    }

    /// Takes an action's result once its commit is settled: `written` when storage holds
    /// it now (what [`Persisted::staged`] gave was written), re-rendering it either way.
    pub fn committed(&self, value: A, written: bool) {
        let base = A::MERGES.then(|| self.snapshot());
        self.value.set(value);
        self.version.update_value(|v| *v += 1);
        if let Some(why) = self.save_blocked.get_value() {
            self.say_kept_in_tab(why);
        } else if written {
            self.rev.update_value(|rev| *rev += 1);
            self.tab_only.set_value(false);
            self.merge_base.set_value(base);
            self.wrote_current.set_value(true);
        } else {
            self.tab_only.set_value(true);
        }
    }

    /// Whether the tab holds changes storage refused (see the field).
    pub fn is_tab_only(&self) -> bool {
        self.tab_only.get_value()
    }

    fn say_kept_in_tab(&self, why: &str) {
        self.notices.problem(format!(
            "Changes to {} are kept in this tab only: {why}, so it is not overwritten.",
            A::LABEL
        ));
    }

    /// Writes the value at the next revision; `true` when storage holds it now.
    fn save(&self) -> bool {
        if let Some(why) = self.save_blocked.get_value() {
            self.say_kept_in_tab(why);
            return false;
        }
        let result = self
            .value
            .with_untracked(|v| save(&LocalStore::open(), v, self.rev.get_value()));
        self.tab_only.set_value(result.is_err());
        match result {
            Ok(rev) => {
                self.rev.set_value(rev);
                self.wrote_current.set_value(true);
                true
            }
            Err(e) => {
                self.notices.problem(format!(
                    "Could not save {}: {}. Your changes are still here in this tab; free some \
                     browser storage or keep this tab open.",
                    A::LABEL,
                    e.describe()
                ));
                false
            }
        }
    }

    /// Another tab saved the very revision this tab saved: both changed the value they had
    /// at the same moment (each tab's copy of storage lags the other's writes by a moment),
    /// and storage kept the later write. An aggregate that merges takes both changes in, and
    /// both tabs save the same merged value. Any other keeps what storage holds, and the tab
    /// whose change was lost says so.
    fn resolve_same_revision(&self, raw: &str) {
        let Ok(theirs) = decode::<A>(raw).map(|stored| stored.value) else {
            return;
        };
        let mine = self.snapshot();
        let base = self.merge_base.get_value().filter(|_| A::MERGES);
        self.merge_base.set_value(None);
        if let Some(merged) = base.and_then(|base| A::merged(&base, &mine, &theirs)) {
            self.value.set(merged);
            self.version.update_value(|v| *v += 1);
            self.save();
            return;
        }
        let stored = LocalStore::open()
            .get(&storage_key::<A>())
            .ok()
            .flatten()
            .and_then(|raw| decode::<A>(&raw).ok());
        if let Some(stored) = stored.filter(|stored| stored.value != mine) {
            self.rev.set_value(stored.rev);
            self.value.set(stored.value);
            self.version.update_value(|v| *v += 1);
            self.wrote_current.set_value(false);
            self.notices.problem(format!(
                "{} was changed in this tab and in another at the same moment; the other \
                 tab's change was kept, and this tab now shows it. Check it and change it again \
                 if needed.",
                capitalized(A::LABEL)
            ));
        }
    }

    /// Applies a `storage` event from another tab when it is about this aggregate.
    pub fn on_storage_event(&self, key: &str, new_value: Option<&str>) {
        if key != storage_key::<A>() {
            return;
        }
        // A tab hears no event for its own writes: one at the revision this tab wrote last is
        // another tab's write of the same revision.
        if let Some(raw) = new_value {
            if self.wrote_current.get_value() && revision_of(raw) == Some(self.rev.get_value()) {
                return self.resolve_same_revision(raw);
            }
        }
        match remote_change::<A>(new_value, self.rev.get_value()) {
            RemoteChange::Adopt { value, rev } => {
                self.merge_base.set_value(None);
                self.wrote_current.set_value(false);
                self.rev.set_value(rev);
                self.value.set(value);
                self.version.update_value(|v| *v += 1);
            }
            RemoteChange::KeepLocal => {}
            RemoteChange::FromNewerVersion(e) => {
                self.save_blocked.set_value(Some(NEWER_VERSION_SAVED_IT));
                self.notices.problem(newer_version_notice::<A>(&e));
            }
            RemoteChange::Unreadable(e) => self.notices.problem(format!(
                "Another tab saved {} in a form this tab cannot read ({}); this tab keeps its own.",
                A::LABEL,
                e.describe()
            )),
        }
    }
}

fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn newer_version_notice<A: Aggregate>(error: &DecodeError) -> String {
    format!(
        "A newer version of the shop, open in another tab, saved {} ({}). This tab will not \
         save {} any more, so nothing of it is overwritten: reload the page to use the newer \
         version.",
        A::LABEL,
        error.describe(),
        A::LABEL
    )
}

fn describe_problem<A: Aggregate>(problem: &LoadProblem) -> String {
    match problem {
        LoadProblem::Quarantined { error, moved_to } => format!(
            "We could not read {}: {}. It starts empty; the old data is kept under \"{moved_to}\" \
             in this browser's storage.",
            A::LABEL,
            error.describe()
        ),
        LoadProblem::StuckInPlace { error, why } => format!(
            "We could not read {} ({}) nor move it aside ({}). It is left untouched.",
            A::LABEL,
            error.describe(),
            why.describe()
        ),
        LoadProblem::FromNewerVersion(e) => newer_version_notice::<A>(e),
        LoadProblem::Unreadable(e) => {
            format!(
                "We could not open {}: {}. It starts empty in this tab.",
                A::LABEL,
                e.describe()
            )
        }
    }
}
