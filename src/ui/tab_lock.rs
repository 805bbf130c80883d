//! One tab at a time: a lock shared by every tab of the shop, so that what must not run twice
//! (placing an order, changing the cart) runs in one tab while the others wait their turn,
//! and each re-reads what the one before saved.
//!
//! The Web Locks API (`navigator.locks`) is in every current browser on https and on
//! localhost. Where it is missing (an old browser, plain http on another host) the tab falls
//! back to a claim written in storage; [`lock_kind`] says which one is in use.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::sleep::sleep_ms;
use crate::storage::browser::BrowserStore;
use crate::storage::KeyValueStore;

/// The one lock every tab of the shop takes.
const LOCK_NAME: &str = "bnpl-market";
/// Where the fallback claim is written.
const CLAIM_KEY: &str = "bnpl.lock";
/// A claim older than this is taken to belong to a tab that closed while holding it.
const CLAIM_LIFETIME_MS: f64 = 10_000.0;
/// How long the fallback waits before checking that its claim stood.
const CLAIM_SETTLE_MS: u32 = 30;

/// Which lock keeps the tabs apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockKind {
    WebLocks,
    StorageClaim,
}

impl LockKind {
    pub fn describe(self) -> &'static str {
        match self {
            LockKind::WebLocks => "the browser's Web Locks",
            LockKind::StorageClaim => {
                "a claim in browser storage (Web Locks are not available here)"
            }
        }
    }
}

fn lock_manager() -> Option<JsValue> {
    let navigator = Reflect::get(&js_sys::global(), &JsValue::from_str("navigator")).ok()?;
    Reflect::get(&navigator, &JsValue::from_str("locks"))
        .ok()
        .filter(|locks| !locks.is_undefined() && !locks.is_null())
}

/// Which lock this browser gives.
pub fn lock_kind() -> LockKind {
    if lock_manager().is_some() {
        LockKind::WebLocks
    } else {
        LockKind::StorageClaim
    }
}

/// A promise and the function that resolves it.
fn deferred() -> (Promise, Function) {
    let resolve = Rc::new(RefCell::new(None::<Function>));
    let slot = resolve.clone();
    let promise = Promise::new(&mut |resolve, _reject| *slot.borrow_mut() = Some(resolve));
    let resolve = resolve
        .borrow_mut()
        .take()
        .expect("a promise runs its executor at once");
    (promise, resolve)
}

/// Runs `work` while this tab holds the shop's lock.
pub async fn with_tab_lock<R>(work: impl AsyncFnOnce() -> R) -> R {
    match lock_manager() {
        Some(locks) => with_web_lock(&locks, work).await,
        None => with_storage_claim(work).await,
    }
}

async fn with_web_lock<R>(locks: &JsValue, work: impl AsyncFnOnce() -> R) -> R {
    let request = Reflect::get(locks, &JsValue::from_str("request"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let Some(request) = request else {
        return with_storage_claim(work).await;
    };
    let (granted, grant) = deferred();
    let (released, release) = deferred();
    // The lock is held until the promise the callback returns settles.
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        let _ = grant.call0(&JsValue::NULL);
        released.into()
    });
    if request
        .call2(locks, &JsValue::from_str(LOCK_NAME), &callback)
        .is_err()
    {
        return with_storage_claim(work).await;
    }
    let _ = JsFuture::from(granted).await;
    let result = work().await;
    let _ = release.call0(&JsValue::NULL);
    result
}

/// The fallback: a claim `{tab}:{until}` in storage. A tab writes its claim where there is
/// none (or only an expired one), waits a moment and checks that its claim is still the one
/// stored; another tab that wrote at the same moment then sees ours, or we see theirs.
pub async fn with_storage_claim<R>(work: impl AsyncFnOnce() -> R) -> R {
    let store = BrowserStore::open();
    let me = format!("{:.0}", js_sys::Math::random() * 1e15);
    loop {
        let now = js_sys::Date::now();
        let free = match store.get(CLAIM_KEY) {
            Ok(None) => true,
            Ok(Some(claim)) => claim
                .split_once(':')
                .and_then(|(_, until)| until.parse::<f64>().ok())
                .is_none_or(|until| until < now),
            // Storage is off: there is no other tab to keep apart from.
            Err(_) => return work().await,
        };
        if free {
            let claim = format!("{me}:{}", now + CLAIM_LIFETIME_MS);
            if store.set(CLAIM_KEY, &claim).is_err() {
                return work().await;
            }
            sleep_ms(CLAIM_SETTLE_MS).await;
            if store.get(CLAIM_KEY).ok().flatten().as_deref() == Some(claim.as_str()) {
                let result = work().await;
                let _ = store.remove(CLAIM_KEY);
                return result;
            }
        }
        sleep_ms(CLAIM_SETTLE_MS).await;
    }
}
