//! A shop shared as a link (`#shop=...`): opening the link offers it, with the same checks
//! as a file, and never replaces what the visitor has without asking. Reading and loading the
//! shop (`shared_link`) run through `lazy_flows`: the code that checks a shop file is not in
//! the main wasm.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::storage::shop_file::{self, ShopFile};
use crate::ui::components::shop_offer::ShopOffer;
use crate::ui::lazy_flows;
use crate::ui::notices::Notices;
use crate::ui::shared_link::forget_link;
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
