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
    let before = before_swap(stores);
    let now = real_now();
    if stores
        .act(|shop| shop.replace_with(file.into_data(now)))
        .is_none()
    {
        return false;
    }
    let kept = before.keep();
    notices.info(format!(
        "Loaded the shop: {}.{}",
        summary.headline(),
        undo_hint(kept)
    ));
    true
}

/// The shop as it was before a replacement, held in memory until the replacement is in
/// place. The undo's slot is only written then: a replacement that is refused touches
/// nothing, so it takes no earlier undo away, whatever room storage has.
#[must_use = "a replacement that is kept must keep the shop it replaced"]
pub struct BeforeSwap {
    /// The shop as a compressed shop file; `None` when it cannot be read yet.
    packed: Option<String>,
}

/// The shop as it is now, to be kept for an undo by [`BeforeSwap::keep`] once its
/// replacement is in place. Dropped when the replacement is refused.
pub fn before_swap(stores: Stores) -> BeforeSwap {
    let packed = stores
        .data()
        .ok()
        .map(|data| compress(shop_file::write(&data, real_now()).as_bytes()));
    BeforeSwap { packed }
}

impl BeforeSwap {
    /// The replacement is in place: keeps the shop it replaced, to be brought back once by
    /// [`undo`]. `false` when storage has no room for it (or the shop could not be read);
    /// the slot is then emptied rather than left holding an older shop than the one replaced.
    pub fn keep(self) -> bool {
        let store = BrowserStore::open();
        let kept = self
            .packed
            .is_some_and(|packed| store.set(BEFORE_LOAD_KEY, &packed).is_ok());
        if !kept {
            let _ = store.remove(BEFORE_LOAD_KEY);
        }
        kept
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
