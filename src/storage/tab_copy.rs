//! One tab's copy of one stored aggregate: which stored value it holds, and the rules by
//! which it saves its changes and takes in what other tabs saved.
//!
//! Two tabs share one storage, but each sees the other's writes a moment late (its storage
//! event arrives after the write, and until then its own reads may still give the old
//! value). So a change is made on top of what storage holds when it starts, and when a
//! write of another tab replaced ours without seeing it (told by the writes' lineage,
//! `super::lineage`), this tab puts its change back on top (the cart) or says its change
//! was replaced (every other aggregate): nothing is lost silently. The rules are pure over
//! a [`KeyValueStore`], so random interleavings of two tabs are tested natively
//! (`tests/two_tabs.rs`); the UI keeps the value in a signal and this beside it
//! (`ui::persisted`).

use super::envelope::{storage_key, Aggregate, DecodeError};
use super::lineage::{
    fingerprint, lineage_key, lineages_in, record, stored_lineage, Lineage, WriteId,
};
use super::pages::{decode_value, encode_value, PageTable};
use super::repository::{load, LoadProblem, NEWER_VERSION_SAVED_IT};
use super::store::{KeyValueStore, StoreError, Write};

/// How many values of recent writes a tab keeps for merging.
const KNOWN_VALUES: usize = 16;

#[derive(Clone, Debug, PartialEq)]
pub struct TabCopy<A> {
    /// This tab's id, in the ids of its writes.
    tab: u32,
    /// How many writes this tab made.
    writes: u64,
    rev: u64,
    /// What storage held when this tab last read or wrote it.
    held: Lineage,
    /// The pages of the value `held` names, when it is stored in pages and this tab read or
    /// wrote them (`super::pages`): a write keeps the unchanged ones. Empty otherwise, and
    /// then a write writes every page afresh: a page of a value no longer stored may be
    /// swept away at any time.
    pages: PageTable,
    /// How many writes this tab has prepared, saved or not: each names its new pages.
    prepared: u64,
    /// This tab's last write, until storage is seen to hold a value that includes it.
    pending: Option<WriteId>,
    /// What [`TabCopy::staged`] gave, until [`TabCopy::committed`] says how it went.
    staged: Option<(Lineage, PageTable)>,
    /// For an aggregate that merges (`Aggregate::MERGES`): the values of the last writes
    /// this tab saw (`None` for a value no record names), so that when another tab's write
    /// replaced ours, what this tab changed since the last value both include is put back.
    known: Vec<(Option<WriteId>, A)>,
    /// The lineages recorded lately, this tab's own and other tabs' as their storage events
    /// told: a write's record may be replaced in storage before its value is.
    recorded: Vec<Lineage>,
    /// Counts the changes this tab has seen (its own and adopted ones), saved or not, so an
    /// action that ran on a copy can tell whether the value moved meanwhile.
    version: u64,
    /// Why saving would destroy the stored value, when it would: a bad value could not be
    /// moved aside, or a newer version of the app wrote it.
    save_blocked: Option<&'static str>,
    /// Set while the tab holds changes storage refused (full, or off): the value lives in
    /// this tab only until a save goes through.
    tab_only: bool,
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
            TabNotice::NewerVersion(_) => newer_version_notice(label),
            TabNotice::Unreadable(_) => format!(
                "Another tab saved {label} in a form this tab cannot read; this tab keeps its \
                 own."
            ),
        }
    }

    /// The technical side of the notice, shown on request: the decoder's message and the key
    /// a bad value was moved to. `None` when [`TabNotice::describe`] says it all.
    pub fn detail(&self) -> Option<String> {
        match self {
            TabNotice::Load(problem) => load_problem_detail(problem),
            TabNotice::NewerVersion(e) | TabNotice::Unreadable(e) => {
                Some(format!("{}.", capitalized(&e.describe())))
            }
            TabNotice::KeptInTab(_) | TabNotice::NotSaved(_) | TabNotice::OtherTabsChangeKept => {
                None
            }
        }
    }
}

impl<A: Aggregate> TabCopy<A> {
    /// Reads the aggregate, with the problem met on the way if there was one. `tab` tells
    /// this tab's writes from other tabs'.
    pub fn load(store: &dyn KeyValueStore, tab: u32) -> (A, TabCopy<A>, Option<TabNotice>) {
        let loaded = load::<A>(store);
        let raw = store.get(&storage_key::<A>()).ok().flatten();
        let mut copy = TabCopy {
            tab,
            writes: 0,
            rev: loaded.rev,
            held: stored_lineage::<A>(store, raw.as_deref()),
            pages: loaded.pages,
            prepared: 0,
            pending: None,
            staged: None,
            known: Vec::new(),
            recorded: Vec::new(),
            version: 0,
            save_blocked: loaded.problem.as_ref().and_then(LoadProblem::blocks_saving),
            tab_only: false,
        };
        copy.remember(copy.held.made_by(), &loaded.value);
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
        self.save_blocked.is_none()
            && store
                .get(&storage_key::<A>())
                .is_ok_and(|raw| !stored_lineage::<A>(store, raw.as_deref()).same_as(&self.held))
    }

    /// Takes in what another tab saved since this tab last read or wrote, before a change
    /// is made on top of it. Returns whether `value` changed.
    ///
    /// What storage holds is the truth, in the order the browser took the writes. When it
    /// does not include this tab's last write (another tab wrote without seeing it), the
    /// two are merged when the aggregate merges; otherwise the other tab's write stays and
    /// this tab says its change was replaced.
    pub fn catch_up(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        said: &mut Vec<TabNotice>,
    ) -> bool {
        if self.save_blocked.is_some() {
            return false;
        }
        let Ok(raw) = store.get(&storage_key::<A>()) else {
            return false;
        };
        let mut lineage = stored_lineage::<A>(store, raw.as_deref());
        if lineage.same_as(&self.held) {
            return false;
        }
        if !lineage.is_recorded() {
            // Its record may have been replaced in storage already; its event told it.
            if let Some(recorded) = self
                .recorded
                .iter()
                .find(|recorded| recorded.fingerprint == lineage.fingerprint)
            {
                lineage = recorded.clone();
            }
        }
        let (theirs, rev, pages) = match raw.as_deref().map(|raw| decode_value::<A>(store, raw)) {
            None => (A::default(), 0, PageTable::default()),
            Some(Ok((stored, pages))) => (stored.value, stored.rev, pages),
            Some(Err(e @ DecodeError::FutureSchema { .. })) => {
                self.save_blocked = Some(NEWER_VERSION_SAVED_IT);
                said.push(TabNotice::NewerVersion(e));
                return false;
            }
            Some(Err(e)) => {
                // This tab keeps its own; the next save replaces the unreadable value.
                self.held = lineage;
                self.pages = PageTable::default();
                said.push(TabNotice::Unreadable(e));
                return false;
            }
        };
        self.rev = self.rev.max(rev);
        self.pages = pages;
        let lost = self.pending.take().filter(|mine| !lineage.includes(*mine));
        self.remember(lineage.made_by(), &theirs);
        if lost.is_some() {
            if let Some(merged) = self.put_back_on(&lineage, value, &theirs) {
                let mine = std::mem::replace(&mut self.held, lineage);
                *value = merged;
                self.version += 1;
                self.save(store, value, &[&mine], said);
                return true;
            }
            if theirs != *value {
                said.push(TabNotice::OtherTabsChangeKept);
            }
        }
        self.held = lineage;
        if theirs == *value {
            return false;
        }
        *value = theirs;
        self.version += 1;
        true
    }

    /// For an aggregate that merges: `theirs`, stored with `lineage`, with what this tab
    /// changed since the last of its values that `theirs` includes, when that value is
    /// known.
    fn put_back_on(&self, lineage: &Lineage, mine: &A, theirs: &A) -> Option<A> {
        if !A::MERGES {
            return None;
        }
        let common = self
            .held
            .includes
            .iter()
            .filter(|id| lineage.includes(**id))
            .find_map(|id| self.known_value(Some(*id)))?;
        A::merged(&common, mine, theirs)
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
        let (changed, result) = change(value);
        if changed {
            self.version += 1;
            self.save(store, value, &[], said);
        }
        (caught_up || changed, result)
    }

    /// What committing `value` writes: its lineage record, its new pages when it is stored
    /// in pages, then the value at the next revision. `None` when saving is blocked (see the
    /// field).
    pub fn staged(&mut self, store: &dyn KeyValueStore, value: &A) -> Option<Vec<Write>> {
        if self.save_blocked.is_some() {
            return None;
        }
        let next = self.next_write(value, &[]);
        let mut writes = vec![record::<A>(store, &next.lineage)];
        writes.extend(next.pages);
        writes.push(Write {
            key: storage_key::<A>(),
            value: next.raw,
        });
        self.staged = Some((next.lineage, next.table));
        Some(writes)
    }

    /// Takes an action's result `new` once its commit is settled: `written` when storage
    /// holds it now (what [`TabCopy::staged`] gave was written).
    pub fn committed(&mut self, value: &mut A, new: A, written: bool, said: &mut Vec<TabNotice>) {
        *value = new;
        self.version += 1;
        let staged = self.staged.take();
        if let Some(why) = self.save_blocked {
            said.push(TabNotice::KeptInTab(why));
        } else if let (true, Some((lineage, pages))) = (written, staged) {
            self.wrote(value, lineage, pages);
        } else {
            self.tab_only = true;
        }
    }

    /// Applies a storage event from another tab: `key` was set to `new_value`. What storage
    /// holds is taken in, rather than the event's value: later writes may have arrived
    /// since. Returns whether `value` changed.
    pub fn heard(
        &mut self,
        store: &dyn KeyValueStore,
        value: &mut A,
        key: &str,
        new_value: Option<&str>,
        said: &mut Vec<TabNotice>,
    ) -> bool {
        if key == lineage_key::<A>() {
            let recorded = new_value.map(lineages_in).unwrap_or_default();
            self.recorded.splice(0..0, recorded);
            self.recorded.truncate(KNOWN_VALUES);
        } else if key != storage_key::<A>() {
            return false;
        }
        self.catch_up(store, value, said)
    }

    /// Keeps the value of write `by` for merging (see the field).
    fn remember(&mut self, by: Option<WriteId>, value: &A) {
        if A::MERGES && self.known_value(by).is_none() {
            self.known.insert(0, (by, value.clone()));
            self.known.truncate(KNOWN_VALUES);
        }
    }

    fn known_value(&self, write: Option<WriteId>) -> Option<A> {
        self.known
            .iter()
            .find(|(id, _)| *id == write)
            .map(|(_, value)| value.clone())
    }

    /// This tab's next write of `value`, made on top of what it holds and of `also`.
    fn next_write(&mut self, value: &A, also: &[&Lineage]) -> NextWrite {
        self.prepared += 1;
        let stamp = format!("{}.{}", self.tab, self.prepared);
        let (raw, pages, table) = encode_value(value, self.rev + 1, &self.pages, &stamp);
        let id = WriteId {
            tab: self.tab,
            n: self.writes + 1,
        };
        let mut parts = vec![&self.held];
        parts.extend_from_slice(also);
        let lineage = Lineage::of_write(id, fingerprint(Some(&raw)), &parts);
        NextWrite {
            raw,
            pages,
            table,
            lineage,
        }
    }

    /// Bookkeeping once storage holds this tab's write of `value` with `lineage`, stored in
    /// `pages`.
    fn wrote(&mut self, value: &A, lineage: Lineage, pages: PageTable) {
        self.pages = pages;
        self.remember(lineage.made_by(), value);
        self.recorded.insert(0, lineage.clone());
        self.recorded.truncate(KNOWN_VALUES);
        self.writes += 1;
        self.rev += 1;
        self.pending = lineage.made_by();
        self.held = lineage;
        self.tab_only = false;
    }

    /// Writes the value's lineage record and then the value at the next revision, made on
    /// top of what the tab holds and of `also`; `true` when storage holds it.
    fn save(
        &mut self,
        store: &dyn KeyValueStore,
        value: &A,
        also: &[&Lineage],
        said: &mut Vec<TabNotice>,
    ) -> bool {
        if let Some(why) = self.save_blocked {
            said.push(TabNotice::KeptInTab(why));
            return false;
        }
        let next = self.next_write(value, also);
        let record = record::<A>(store, &next.lineage);
        let result = std::iter::once(&record)
            .chain(&next.pages)
            .try_for_each(|write| store.set(&write.key, &write.value))
            .and_then(|()| store.set(&storage_key::<A>(), &next.raw));
        match result {
            Ok(()) => {
                self.wrote(value, next.lineage, next.table);
                true
            }
            Err(e) => {
                // Only the head this write did not store named them.
                for page in &next.pages {
                    let _ = store.remove(&page.key);
                }
                self.tab_only = true;
                said.push(TabNotice::NotSaved(e));
                false
            }
        }
    }
}

/// What a write of a tab stores: the text under the aggregate's key, the pages written
/// before it, the table of the pages it names, and its lineage.
struct NextWrite {
    raw: String,
    pages: Vec<Write>,
    table: PageTable,
    lineage: Lineage,
}

/// "your cart" -> "Your cart". The labels and the decoder's messages are the app's own English
/// texts, so raising
/// the first letter as ASCII is enough, and keeps Unicode's uppercase table (about 12 KB) out
/// of the main wasm, which shows these notices.
fn capitalized(label: &str) -> String {
    let mut text = label.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

fn newer_version_notice(label: &str) -> String {
    format!(
        "A newer version of the shop, open in another tab, saved {label}. This tab will not \
         save {label} any more, so nothing of it is overwritten: reload the page to use the \
         newer version."
    )
}

fn describe_load_problem(problem: &LoadProblem, label: &str) -> String {
    match problem {
        LoadProblem::Quarantined { .. } => format!(
            "We could not read {label}, so it starts empty. Nothing is deleted: the saved copy \
             is kept aside in this browser's storage."
        ),
        LoadProblem::StuckInPlace { .. } => format!(
            "We could not read {label}, nor move it aside. It is left as it is, and this tab \
             will not save over it."
        ),
        LoadProblem::FromNewerVersion(_) => newer_version_notice(label),
        LoadProblem::Unreadable(e) => {
            format!(
                "We could not open {label}: {}. It starts empty in this tab.",
                e.describe()
            )
        }
    }
}

/// What went wrong in a stored value, for whoever looks into it: the decoder's words and
/// where the value was kept.
fn load_problem_detail(problem: &LoadProblem) -> Option<String> {
    match problem {
        LoadProblem::Quarantined { error, moved_to } => Some(format!(
            "{}. It is kept under the key \"{moved_to}\".",
            capitalized(&error.describe())
        )),
        LoadProblem::StuckInPlace { error, why } => Some(format!(
            "{}. Moving it aside failed: {}.",
            capitalized(&error.describe()),
            why.describe()
        )),
        LoadProblem::FromNewerVersion(e) => Some(format!("{}.", capitalized(&e.describe()))),
        LoadProblem::Unreadable(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{capitalized, TabNotice};
    use crate::storage::envelope::{Aggregate, DecodeError};
    use crate::storage::repository::LoadProblem;
    use crate::storage::store::StoreError;

    macro_rules! labels {
        ($($name:ident: $ty:ty),* $(,)?) => {
            [$(<$ty as Aggregate>::LABEL),*]
        };
    }

    #[test]
    fn every_aggregate_label_is_capitalized_as_a_sentence_start() {
        // `capitalized` raises the first letter as ASCII: every label must start with one.
        for label in crate::for_each_aggregate!(labels) {
            assert!(label.is_ascii(), "{label:?} is not ASCII");
            let done = capitalized(label);
            assert!(
                done.starts_with(|c: char| c.is_ascii_uppercase()),
                "{done:?}"
            );
            assert_eq!(done[1..], label[1..]);
        }
    }

    #[test]
    fn a_first_letter_outside_ascii_or_an_empty_label_is_left_as_it_is() {
        assert_eq!(capitalized(""), "");
        assert_eq!(capitalized("ébauche"), "ébauche");
        assert_eq!(capitalized("your cart"), "Your cart");
    }

    #[test]
    fn a_notice_says_what_happened_and_keeps_the_technical_side_for_its_details() {
        let parser = "EOF while parsing a value at line 1 column 27";
        let quarantined = TabNotice::Load(LoadProblem::Quarantined {
            error: DecodeError::NotJson(parser.into()),
            moved_to: "bnpl.quarantine.cart.1".into(),
        });
        let text = quarantined.describe("your cart");
        assert_eq!(
            text,
            "We could not read your cart, so it starts empty. Nothing is deleted: the saved \
             copy is kept aside in this browser's storage."
        );
        assert_eq!(
            quarantined.detail().as_deref(),
            Some(
                "The saved value was not valid JSON (EOF while parsing a value at line 1 column \
                 27). It is kept under the key \"bnpl.quarantine.cart.1\"."
            )
        );

        let stuck = TabNotice::Load(LoadProblem::StuckInPlace {
            error: DecodeError::Empty,
            why: StoreError::QuotaExceeded,
        });
        assert!(!stuck
            .describe("your cart")
            .contains("browser storage is full"));
        assert_eq!(
            stuck.detail().as_deref(),
            Some("The saved value was empty. Moving it aside failed: browser storage is full.")
        );

        let newer = TabNotice::NewerVersion(DecodeError::FutureSchema {
            found: 9,
            supported: 4,
        });
        assert!(!newer.describe("your orders").contains("schema"));
        assert!(newer.detail().is_some_and(|d| d.contains("schema 9")));

        // A storage refusal is said plainly in the notice itself.
        let not_saved = TabNotice::NotSaved(StoreError::QuotaExceeded);
        assert!(not_saved
            .describe("your cart")
            .contains("browser storage is full"));
        assert_eq!(not_saved.detail(), None);
    }
}
