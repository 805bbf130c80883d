//! localStorage behind [`KeyValueStore`]. Every browser failure becomes a [`StoreError`]; none
//! panics, because storage can be disabled, full or blocked at any time.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomException, Storage};

use super::store::{KeyValueStore, StoreError};

pub struct LocalStore {
    storage: Result<Storage, StoreError>,
}

impl LocalStore {
    pub fn open() -> Self {
        let storage = web_sys::window()
            .ok_or_else(|| StoreError::Unavailable("no window".into()))
            .and_then(|w| {
                w.local_storage()
                    .map_err(|e| StoreError::Unavailable(js_reason(&e)))
            })
            .and_then(|s| s.ok_or_else(|| StoreError::Unavailable("localStorage is off".into())));
        LocalStore { storage }
    }

    fn storage(&self) -> Result<&Storage, StoreError> {
        self.storage.as_ref().map_err(Clone::clone)
    }
}

fn js_reason(err: &JsValue) -> String {
    err.dyn_ref::<DomException>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn write_error(err: JsValue) -> StoreError {
    match err.dyn_ref::<DomException>() {
        Some(e) if e.name() == "QuotaExceededError" => StoreError::QuotaExceeded,
        _ => StoreError::Other(js_reason(&err)),
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage()?
            .get_item(key)
            .map_err(|e| StoreError::Other(js_reason(&e)))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage()?.set_item(key, value).map_err(write_error)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage()?
            .remove_item(key)
            .map_err(|e| StoreError::Other(js_reason(&e)))
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = self.storage()?;
        let len = storage
            .length()
            .map_err(|e| StoreError::Other(js_reason(&e)))?;
        Ok((0..len)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect())
    }
}
