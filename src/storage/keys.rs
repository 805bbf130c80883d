//! The keys storage uses besides each aggregate's own (`super::envelope::storage_key`).

use super::envelope::{storage_key, Aggregate};

/// A commit's values while it is written (`storage::journal`).
pub const JOURNAL_KEY: &str = "bnpl.journal";

/// Values that could not be read are moved under this prefix (`storage::repository`).
pub const QUARANTINE_PREFIX: &str = "bnpl.quarantine.";

/// What separates an aggregate's key from a page's name in the page's key (`storage::pages`).
const PAGE_SEPARATOR: char = '/';

/// The key of page `name` of aggregate `A`.
pub fn page_key<A: Aggregate>(name: &str) -> String {
    format!("{}{PAGE_SEPARATOR}{name}", storage_key::<A>())
}

/// Whether `key` holds a page of a stored value (not one moved aside with its head).
pub fn is_page_key(key: &str) -> bool {
    key.starts_with("bnpl.") && !key.starts_with(QUARANTINE_PREFIX) && key.contains(PAGE_SEPARATOR)
}
