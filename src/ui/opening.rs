//! What an earlier version or a closed tab left in storage, finished before the first
//! aggregate is read (`Stores::install_readers`): settings an old layout kept elsewhere, and
//! a commit a closed tab left half done. Each says what it did or could not do.

use super::notices::Notices;
use crate::storage::browser::BrowserStore;
use crate::storage::journal::{recover, Recovery};
use crate::storage::legacy::carry_simulation_settings_over;

pub fn finish_what_was_left(notices: Notices) {
    if let Err(e) = carry_simulation_settings_over(&BrowserStore::open()) {
        notices.problem(format!(
            "The simulation settings saved by an earlier version could not be moved to their \
             own place ({}); they stay where they were.",
            e.describe()
        ));
    }
    match recover(&BrowserStore::open()) {
        Recovery::Clean => {}
        Recovery::Finished { keys } => notices.info(format!(
            "The last change before this tab closed was half saved; it is now complete ({} \
             updated).",
            keys.len()
        )),
        Recovery::Failed(why) => notices.problem(format!(
            "The last change before this tab closed was half saved and could not be completed \
             ({why}); it will be tried again at the next start."
        )),
        Recovery::Unreadable(_) => notices.problem(
            "The record of the last change before this tab closed was unreadable; it was moved \
             aside and nothing of it was applied."
                .to_string(),
        ),
    }
}
