//! The browser backend of [`KeyValueStore`]: `localStorage` through `gloo-storage`.
//!
//! `gloo-storage` reaches the storage with `expect_throw`: where storage is switched off or
//! blocked (a privacy setting, a sandboxed frame) that throws instead of answering. So the
//! store probes for it first and never calls `gloo-storage` when it is missing; every other
//! browser failure becomes a [`StoreError`] too, because storage can be disabled, full or
//! blocked at any time. Values are the project's own envelopes (`super::envelope`), written
//! and read verbatim: `gloo-storage`'s typed `get`/`set` would wrap each in JSON again and
//! could not read back a corrupt value to quarantine it.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::DomException;

use super::store::{KeyValueStore, StoreError};

pub struct BrowserStore {
    available: Result<(), StoreError>,
}

impl BrowserStore {
    /// Opens `localStorage`, or a store that answers every call with
    /// [`StoreError::Unavailable`] when the browser refuses it.
    pub fn open() -> Self {
        BrowserStore { available: probe() }
    }

    /// The storage, once the probe found it: only then is `gloo-storage` called.
    fn storage(&self) -> Result<web_sys::Storage, StoreError> {
        self.available.clone().map(|()| LocalStorage::raw())
    }
}

/// What `gloo-storage` would unwrap, asked without throwing.
fn probe() -> Result<(), StoreError> {
    let window = web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(StoreError::Unavailable("localStorage is off".into())),
        Err(e) => Err(StoreError::Unavailable(js_reason(&e))),
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

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage()?
            .get_item(key)
            .map_err(|e| StoreError::Other(js_reason(&e)))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage()?.set_item(key, value).map_err(write_error)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.available.clone()?;
        LocalStorage::delete(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = self.storage()?;
        Ok((0..LocalStorage::length())
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect())
    }
}
