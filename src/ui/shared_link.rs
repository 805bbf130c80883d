//! Reading and loading the shop a shared link holds (`#shop=...`), run through `lazy_flows`
//! for the offer `components::shared_shop` shows.

use leptos::prelude::*;

use super::notices::Notices;
use super::shop_swap;
use super::stores::Stores;
use crate::storage::shop_file::{self, ShopFile};

/// Reads the shop the link in `hash` holds and offers it, or says why it cannot be.
pub async fn offer(notices: Notices, hash: String, offered: RwSignal<Option<ShopFile>>) {
    match shop_file::from_fragment(&hash).map(|text| text.and_then(|text| shop_file::read(&text))) {
        None => {}
        Some(Ok(file)) => offered.set(Some(file)),
        Some(Err(problem)) => {
            notices.problem(format!("The shared shop was not loaded. {problem}"));
            forget_link();
        }
    }
}

/// Loads the offered shop in place of this one.
pub async fn load(stores: Stores, notices: Notices, offered: RwSignal<Option<ShopFile>>) {
    if let Some(file) = offered.get_untracked() {
        if shop_swap::load(stores, notices, file) {
            offered.set(None);
            forget_link();
        }
    }
}

/// Takes the shop out of the address, so a reload or a bookmark does not offer it again.
pub fn forget_link() {
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let without = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&without));
        }
    }
}
