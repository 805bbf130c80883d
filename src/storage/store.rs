//! A string key-value store: localStorage in the browser, a map in native tests.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Storage is switched off or blocked (private mode, a policy, no window).
    Unavailable(String),
    /// The origin's quota is used up.
    QuotaExceeded,
    Other(String),
}

impl StoreError {
    pub fn describe(&self) -> String {
        match self {
            StoreError::Unavailable(why) => format!("browser storage is not available ({why})"),
            StoreError::QuotaExceeded => "browser storage is full".into(),
            StoreError::Other(why) => format!("the browser refused to save ({why})"),
        }
    }
}

/// A value to write to a key, already encoded (an envelope, or a lineage record).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Write {
    pub key: String,
    pub value: String,
}

pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An in-memory store with an optional size limit, to test quota handling natively.
#[derive(Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
    quota_chars: Option<usize>,
}

impl MemoryStore {
    pub fn with_quota(quota_chars: usize) -> Self {
        MemoryStore {
            entries: RefCell::default(),
            quota_chars: Some(quota_chars),
        }
    }

    fn used_chars_without(&self, key: &str) -> usize {
        self.entries
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(quota) = self.quota_chars {
            if self.used_chars_without(key) + key.len() + value.len() > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.entries
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.entries.borrow().keys().cloned().collect())
    }
}
