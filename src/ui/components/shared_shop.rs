//! A shop shared as a link (`#shop=...`): opening the link offers it, with the same checks
//! as a file, and never replaces what the visitor has without asking. Reading and loading the
//! shop run through `lazy_flows`: the code that checks a shop file is not in the main wasm.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::storage::shop_file::{self, ShopFile};
use crate::ui::components::shop_offer::ShopOffer;
use crate::ui::lazy_flows;
use crate::ui::notices::Notices;
use crate::ui::shop_swap;
use crate::ui::stores::Stores;

#[component]
pub fn SharedShop() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let offered = RwSignal::new(None::<ShopFile>);
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if shop_file::holds_a_shop(&hash) {
        spawn_local(lazy_flows::offer_shared_shop(notices, hash, offered));
    }
    let load = Callback::new(move |()| {
        spawn_local(lazy_flows::load_shared_shop(stores, notices, offered));
    });
    let keep = Callback::new(move |()| {
        offered.set(None);
        forget_link();
    });
    move || {
        offered.with(|o| o.as_ref().map(|file| file.summary.clone())).map(|summary| {
            view! {
                <section class="shared-shop" aria-label="A shared shop" data-testid="shared-shop">
                    <ShopOffer summary question="This link holds a shop someone shared. Load it? It replaces everything here; you can undo it on the Simulation page." on_load=load on_keep=keep />
                </section>
            }
        })
    }
}

/// Reads the shop the link in `hash` holds and offers it, or says why it cannot be.
pub(crate) async fn offer(notices: Notices, hash: String, offered: RwSignal<Option<ShopFile>>) {
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
pub(crate) async fn load(stores: Stores, notices: Notices, offered: RwSignal<Option<ShopFile>>) {
    if let Some(file) = offered.get_untracked() {
        if shop_swap::load(stores, notices, file) {
            offered.set(None);
            forget_link();
        }
    }
}

/// Takes the shop out of the address, so a reload or a bookmark does not offer it again.
fn forget_link() {
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
