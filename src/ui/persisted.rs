//! A reactive aggregate that saves itself through the storage layer on every change.

use leptos::prelude::*;

use super::notices::Notices;
use crate::storage::browser::BrowserStore;
use crate::storage::envelope::storage_key;
use crate::storage::lineage::lineage_key;
use crate::storage::store::Write;
use crate::storage::stored_copy::{ReadCopy, StoredCopy};
use crate::storage::tab_copy::TabNotice;
use crate::storage::Aggregate;

/// Only this aggregate's key is written, and only when its value changed, so a save after
/// one change touches one key. An action of the facade over several aggregates commits them
/// together instead (see `Stores`). How a tab saves and takes in other tabs' saves is
/// [`crate::storage::tab_copy::TabCopy`]'s; this keeps the value in a signal for the page.
///
/// The value is read from storage the first time anything asks for it, so a page that never
/// needs the orders of a long history does not wait for them. Every way in goes through
/// [`Persisted::read_if_unread`] first: nothing sees the empty value that stands in until
/// then, with one exception. The code that reads and writes the aggregate is given to it
/// ([`Persisted::install`]) by whatever holds that code: in the split bundle, the chunks
/// (`Stores`). Until then a look at the value (`with`, `signal`) sees the empty value, or
/// the preview, and is shown the stored one once it is read, and anything
/// that would change or save it is a mistake of the caller: `Stores` refuses an action until
/// every aggregate is readable.
///
/// A small aggregate the first page shows can be previewed before its code is installed
/// ([`Persisted::preview`]): what storage holds is shown, and [`Persisted::shown`] tells a
/// view whether what it sees is that or only the empty value.
pub struct Persisted<A: Aggregate + Send + Sync> {
    value: RwSignal<A>,
    /// `None` until the value is read from storage.
    copy: StoredValue<Option<Box<dyn StoredCopy<A>>>>,
    /// `None` until the code that reads the value is installed.
    reader: StoredValue<Option<ReadCopy<A>>>,
    /// Set when the value was looked at before it could be read: reading it then tells
    /// whoever looked.
    looked_early: StoredValue<bool>,
    /// How the value is previewed until it is read, when it is (`storage::repository::preview`).
    preview: StoredValue<Option<Preview<A>>>,
    /// Whether the value stands for what storage holds though it is not read yet.
    previewed: StoredValue<bool>,
    notices: Notices,
}

/// Reads what storage holds of `A` without the code that decodes it in full, when it can
/// vouch for it (`storage::repository::preview`).
pub type Preview<A> = fn(&dyn crate::storage::KeyValueStore) -> Option<A>;

impl<A: Aggregate + Send + Sync> Clone for Persisted<A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<A: Aggregate + Send + Sync> Copy for Persisted<A> {}

impl<A: Aggregate + Send + Sync> Persisted<A> {
    /// Reads the value from storage when it is first asked for, once the code that reads it
    /// is installed.
    pub fn lazy(notices: Notices) -> Self {
        Persisted {
            value: RwSignal::new(A::default()),
            copy: StoredValue::new(None),
            reader: StoredValue::new(None),
            looked_early: StoredValue::new(false),
            preview: StoredValue::new(None),
            previewed: StoredValue::new(false),
            notices,
        }
    }

    /// Shows what storage holds before the value can be read, when `preview` can vouch for
    /// it; and again whenever another tab saves it, until it is read. Nothing is saved from
    /// it: a change still needs the value read ([`Persisted::install`]).
    pub fn preview(&self, preview: Preview<A>) {
        if self.is_read() {
            return;
        }
        self.preview.set_value(Some(preview));
        self.show_preview();
    }

    fn show_preview(&self) {
        let Some(preview) = self.preview.get_value() else {
            return;
        };
        let value = preview(&BrowserStore::open());
        self.previewed.set_value(value.is_some());
        self.value.set(value.unwrap_or_default());
    }

    /// Whether the value a view sees is what storage holds: read, or previewed. Tracked, so
    /// a view that shows nothing until then shows the value as soon as it is.
    pub fn shown(&self) -> bool {
        self.read_if_unread();
        self.value.track();
        self.is_read() || self.previewed.get_value()
    }

    /// Gives the value the code that reads and writes it; the first one given stays. If the
    /// value was looked at before, it is read now, so that what showed the empty value
    /// shows the stored one.
    pub fn install(&self, reader: ReadCopy<A>) {
        if self.reader.with_value(Option::is_some) {
            return;
        }
        self.reader.set_value(Some(reader));
        if self.looked_early.get_value() {
            self.read_if_unread();
        }
    }

    /// Whether the value is read, or can be read when asked for: its code is installed.
    pub fn is_readable(&self) -> bool {
        self.is_read() || self.reader.with_value(Option::is_some)
    }

    /// Whether the value has been read from storage yet.
    pub fn is_read(&self) -> bool {
        self.copy.with_value(Option::is_some)
    }

    /// Reads the value from storage, the first time only; returns whether it is read. Not
    /// readable yet (its code is not installed): it stays unread, and is read as soon as the
    /// code is installed. Unless something looked early, nothing has read the signal yet, so
    /// the value is set without telling anyone.
    pub fn read_if_unread(&self) -> bool {
        if self.is_read() {
            return true;
        }
        let Some(read) = self.reader.get_value() else {
            self.looked_early.set_value(true);
            return false;
        };
        let (value, copy, problem) = read(&BrowserStore::open(), tab_id());
        self.copy.set_value(Some(copy));
        if self.previewed.get_value() && self.value.with_untracked(|shown| *shown == value) {
            // What was previewed, as it should be: nothing to show again.
            self.value.update_untracked(|shown| *shown = value);
        } else if self.looked_early.get_value() || self.previewed.get_value() {
            self.value.set(value);
        } else {
            self.value.update_untracked(|stands_in| *stands_in = value);
        }
        self.tell(problem);
        true
    }

    pub fn signal(&self) -> ReadSignal<A> {
        self.read_if_unread();
        self.value.read_only()
    }

    pub fn with<R>(&self, f: impl FnOnce(&A) -> R) -> R {
        self.read_if_unread();
        self.value.with(f)
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&A) -> R) -> R {
        self.read_if_unread();
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
    /// the value re-rendered and written. The change is made on top of what another tab saved
    /// meanwhile (`TabCopy::update`).
    pub fn update_reporting<R>(&self, f: impl FnOnce(&mut A) -> (bool, R)) -> R {
        let mut change = Some(f);
        let mut result = None;
        self.with_copy(|copy, value, said| {
            let changed = copy.update(
                &BrowserStore::open(),
                value,
                &mut |value| {
                    let change = change.take().expect("a change is made once");
                    let (changed, r) = change(value);
                    result = Some(r);
                    changed
                },
                said,
            );
            (changed, ())
        });
        result.expect("the change was made")
    }

    /// Whether another tab saved this aggregate since this tab last read or wrote it.
    /// Not yet read: nothing it holds can be behind.
    pub fn moved_in_storage(&self) -> bool {
        self.copy.with_value(|copy| {
            copy.as_ref()
                .is_some_and(|copy| copy.moved_in_storage(&BrowserStore::open()))
        })
    }

    /// Takes in what another tab saved since this tab last read or wrote it. Not yet read:
    /// the first read will take in all of it, and a preview shows it meanwhile.
    pub fn adopt_what_storage_has_since(&self) {
        if !self.is_read() {
            self.show_preview();
            return;
        }
        self.with_copy(|copy, value, said| {
            let changed = copy.catch_up(&BrowserStore::open(), value, said);
            (changed, ())
        });
    }

    /// How many changes this tab has seen (`TabCopy::version`).
    pub fn version(&self) -> u64 {
        self.read_if_unread();
        self.copy
            .with_value(|copy| copy.as_ref().map_or(0, |copy| copy.version()))
    }

    /// A copy of the value, for an action that runs on copies and commits afterwards
    /// (`Stores::with_shop`, `Stores::run`).
    pub fn snapshot(&self) -> A {
        self.with_untracked(A::clone)
    }

    /// What committing `value` writes (`TabCopy::staged`).
    pub fn staged(&self, value: &A) -> Option<Vec<Write>> {
        let mut copy = self.take_copy();
        let writes = copy.staged(&BrowserStore::open(), value);
        self.copy.set_value(Some(copy));
        writes
    }

    /// Takes an action's result once its commit is settled: `written` when storage holds
    /// it now (what [`Persisted::staged`] gave was written), re-rendering it either way.
    pub fn committed(&self, new: A, written: bool) {
        self.with_copy(|copy, value, said| {
            copy.committed(value, new, written, said);
            (true, ())
        });
    }

    /// Whether the tab holds changes storage refused.
    pub fn is_tab_only(&self) -> bool {
        self.copy
            .with_value(|copy| copy.as_ref().is_some_and(|copy| copy.is_tab_only()))
    }

    /// Applies a `storage` event from another tab when it is about this aggregate.
    pub fn on_storage_event(&self, key: &str, new_value: Option<&str>) {
        if key != storage_key::<A>() && key != lineage_key::<A>() {
            return;
        }
        // Not yet read: the first read takes in what the other tab saved; a preview shows it.
        if !self.is_read() {
            if key == storage_key::<A>() {
                self.show_preview();
            }
            return;
        }
        self.with_copy(|copy, value, said| {
            let changed = copy.heard(&BrowserStore::open(), value, key, new_value, said);
            (changed, ())
        });
    }

    /// Runs `f` on this tab's copy and the value, re-rendering the value when `f` says it
    /// changed, then shows what `f` had to say. The copy is taken out while `f` runs, so
    /// nothing `f` reads is borrowed.
    fn with_copy<R>(
        &self,
        f: impl FnOnce(&mut dyn StoredCopy<A>, &mut A, &mut Vec<TabNotice>) -> (bool, R),
    ) -> R {
        let mut copy = self.take_copy();
        let mut said = Vec::new();
        let result = self
            .value
            .try_maybe_update(|value| f(copy.as_mut(), value, &mut said))
            .expect("the aggregate's signal lives as long as the app");
        self.copy.set_value(Some(copy));
        said.into_iter().for_each(|notice| self.tell(Some(notice)));
        result
    }

    /// This tab's copy, taken out (it is put back by the caller), the value read first.
    fn take_copy(&self) -> Box<dyn StoredCopy<A>> {
        assert!(
            self.read_if_unread(),
            "{} is changed before the code that reads it is installed (ui::stores)",
            A::LABEL
        );
        self.copy
            .try_update_value(Option::take)
            .flatten()
            .expect("read_if_unread leaves the value read")
    }

    fn tell(&self, notice: Option<TabNotice>) {
        if let Some(notice) = notice {
            self.notices
                .problem_with_detail(notice.describe(A::LABEL), notice.detail());
        }
    }
}

/// This tab's id in the ids of its writes (`storage::lineage`): drawn once per page load.
fn tab_id() -> u32 {
    thread_local! {
        // Never 0, the id of no tab (`storage::lineage`).
        static TAB: u32 = (js_sys::Math::random() * f64::from(u32::MAX)) as u32 | 1;
    }
    TAB.with(|tab| *tab)
}
