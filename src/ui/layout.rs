//! The header and footer around every page.

use crate::ui::links::{use_app_navigate, Link};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::stores::Stores;

#[component]
pub fn Header() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let unread = move || stores.inbox.with(|i| i.unread_count());
    let in_cart = move || stores.cart.with(|c| c.item_count());
    view! {
        <header class="site-header">
            <Link href="/" attr:class="brand">"bnpl-market"</Link>
            <SearchBox />
            <nav class="header-nav" aria-label="Account and cart">
                <Link href="/orders">"Orders"</Link>
                <Link href="/my-klarna">"My Klarna"</Link>
                <Link href="/account">"Account"</Link>
                <Link href="/simulation" attr:class="sim-link">"Simulation"</Link>
                <Link href="/cart">
                    "Cart"
                    <span class="badge" data-testid="cart-count" aria-label=move || format!("{} items", in_cart())>
                        {in_cart}
                    </span>
                </Link>
                <Link href="/inbox">
                    "Inbox"
                    <span class="badge" data-testid="inbox-count" aria-label=move || format!("{} unread", unread())>
                        {unread}
                    </span>
                </Link>
            </nav>
        </header>
    }
}

/// Searching always lands on the catalog with the text in the URL, so results are shareable.
#[component]
fn SearchBox() -> impl IntoView {
    let query = use_query_map();
    let text = RwSignal::new(String::new());
    Effect::new(move |_| text.set(query.with(|q| q.get("q").unwrap_or_default())));
    let navigate = use_app_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = text.get_untracked();
        let encoded = js_sys::encode_uri_component(q.trim());
        navigate(&format!("/?q={encoded}"));
    };
    view! {
        <form class="search" role="search" on:submit=on_submit>
            <label for="site-search" class="visually-hidden">"Search products"</label>
            <input
                id="site-search"
                type="search"
                placeholder="Search products"
                data-testid="search-input"
                maxlength="200"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
            <button type="submit">"Search"</button>
        </form>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "bnpl-market is a demonstration shop. Payments use a simulated Klarna provider; "
                "no real money moves and everything stays in this browser."
            </p>
        </footer>
    }
}
