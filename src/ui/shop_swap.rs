//! Putting a whole other shop in place of this one (from a file, a shared link or a
//! starting point), keeping the one it replaced so that it can be brought back once.

use crate::storage::browser::BrowserStore;
use crate::storage::compression::{compress, decompress};
use crate::storage::shop_file::{self, ShopFile};
use crate::storage::KeyValueStore;

use super::clock::real_now;
use super::notices::Notices;
use super::stores::Stores;

/// Where the shop a load replaced is kept, compressed, until it is brought back.
const BEFORE_LOAD_KEY: &str = "bnpl.before-import";

/// Replaces the shop with `file`'s, in one commit every tab follows, and says so. `false`
/// when nothing changed (the commit was refused, with its own notice).
pub fn load(stores: Stores, notices: Notices, file: ShopFile) -> bool {
    let summary = file.summary.clone();
    let slot = keep_for_undo(stores);
    let kept = slot.kept;
    let now = real_now();
    if stores
        .act(|shop| shop.replace_with(file.into_data(now)))
        .is_none()
    {
        slot.put_back();
        return false;
    }
    notices.info(format!(
        "Loaded the shop: {}.{}",
        summary.headline(),
        undo_hint(kept)
    ));
    true
}

/// The undo's slot while a replacement is under way: what it held before, to hold again if
/// the replacement is not kept, so that a refused load takes no earlier undo away.
#[must_use = "a replacement that is not kept must put the slot back"]
pub struct UndoSlot {
    earlier: Option<String>,
    /// Whether the shop being replaced is kept, to be brought back once by [`undo`].
    pub kept: bool,
}

/// Keeps the shop as it is, to be brought back once by [`undo`]. When storage has no room
/// for it (or the shop cannot be read yet), the slot is emptied rather than left holding an
/// older shop than the one replaced.
pub fn keep_for_undo(stores: Stores) -> UndoSlot {
    let store = BrowserStore::open();
    let earlier = store.get(BEFORE_LOAD_KEY).ok().flatten();
    let kept = stores.data().is_ok_and(|data| {
        let text = shop_file::write(&data, real_now());
        store
            .set(BEFORE_LOAD_KEY, &compress(text.as_bytes()))
            .is_ok()
    });
    if !kept {
        let _ = store.remove(BEFORE_LOAD_KEY);
    }
    UndoSlot { earlier, kept }
}

impl UndoSlot {
    /// The replacement was not kept: the slot holds what it held before it.
    pub fn put_back(self) {
        let store = BrowserStore::open();
        let _ = match self.earlier {
            Some(earlier) => store.set(BEFORE_LOAD_KEY, &earlier),
            None => store.remove(BEFORE_LOAD_KEY),
        };
    }
}

/// What the notice of a replaced shop adds about undoing it.
pub fn undo_hint(kept: bool) -> &'static str {
    if kept {
        " \"Undo\" on the Simulation page brings back what was here."
    } else {
        " What was here could not be kept for an undo: storage is full."
    }
}

/// Whether a shop replaced by a load or a starting point is kept.
pub fn can_undo() -> bool {
    matches!(BrowserStore::open().get(BEFORE_LOAD_KEY), Ok(Some(_)))
}

/// Brings back the shop the last load or starting point replaced, once. `false` when nothing changed.
pub fn undo(stores: Stores, notices: Notices) -> bool {
    let Some(text) = kept() else {
        return false;
    };
    match shop_file::read(&text) {
        Ok(file) => {
            let now = real_now();
            if stores
                .act(|shop| shop.replace_with(file.into_data(now)))
                .is_none()
            {
                return false;
            }
            forget();
            notices.info("The shop is back as it was before.");
            true
        }
        Err(why) => {
            notices.problem(format!(
                "The shop from before cannot be brought back: {why}"
            ));
            false
        }
    }
}

fn kept() -> Option<String> {
    let packed = BrowserStore::open().get(BEFORE_LOAD_KEY).ok()??;
    String::from_utf8(decompress(&packed).ok()?).ok()
}

fn forget() {
    let _ = BrowserStore::open().remove(BEFORE_LOAD_KEY);
}
