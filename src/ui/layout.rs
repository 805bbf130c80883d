//! The header and footer around every page.

use crate::ui::links::{use_app_navigate, Link};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use super::clock::use_caught_up;
use super::shop::use_shop;
use super::stores::Stores;

/// One line on a phone: the brand, search, the cart and a menu button that opens the rest;
/// the same links in a row on a wider screen. The header stays at the top while the page
/// scrolls.
#[component]
pub fn Header() -> impl IntoView {
    let stores = expect_context::<Stores>();
    // Counted once the shop has caught up (`use_caught_up`) and the inbox is read: the
    // catch-up ends without reading it when its code did not arrive. No badge until then.
    let caught_up = use_caught_up();
    let inbox_known = move || caught_up.get() && stores.inbox.shown();
    let unread = move || stores.inbox.with(|i| i.unread_count());
    // Counted once what storage holds is shown (`Persisted::shown`); no number until then.
    let cart_shown = move || stores.cart.shown();
    let in_cart = move || stores.cart.with(|c| c.item_count());
    let menu_open = RwSignal::new(false);
    // Following a link closes the menu.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        menu_open.set(false);
    });
    view! {
        <header class="site-header">
            <Link href="/" attr:class="brand">"bnpl-market"</Link>
            <SearchBox />
            // Named "Cart 2 items" on every screen: the word is only hidden from sight on a phone.
            <Link href="/cart" attr:class="cart-link">
                <span class="cart-icon" aria-hidden="true"></span>
                <span class="cart-word">"Cart"</span>
                <Show when=cart_shown>
                    <span class="badge" data-testid="cart-count">{in_cart}</span>
                    <span class="visually-hidden">{move || if in_cart() == 1 { " item" } else { " items" }}</span>
                </Show>
            </Link>
            <button type="button" class="menu-button" aria-controls="site-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|open| *open = !*open)>
                <span class="menu-lines" aria-hidden="true"></span>
                <span class="menu-word">"Menu"</span>
                <Show when=move || { inbox_known() && unread() > 0 }>
                    <span class="menu-dot" aria-label=move || format!("{} unread", unread())></span>
                </Show>
            </button>
            <nav id="site-nav" class="header-nav" class:open=move || menu_open.get() aria-label="Account and orders"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { menu_open.set(false); }>
                <Link href="/orders">"Orders"</Link>
                <Link href="/my-klarna">"My Klarna"</Link>
                <Link href="/account">"Account"</Link>
                <Link href="/simulation" attr:class="sim-link">"Simulation"</Link>
                <Link href="/inbox">
                    "Inbox"
                    <Show when=inbox_known>
                        <span class="badge" data-testid="inbox-count" aria-label=move || format!("{} unread", unread())>
                            {unread}
                        </span>
                    </Show>
                </Link>
            </nav>
        </header>
    }
}

/// Searching always lands on the catalog with the text in the URL, so results are shareable.
/// While the shopper types, the browser's own list offers categories, sellers and products.
#[component]
fn SearchBox() -> impl IntoView {
    let shop = use_shop();
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
    let suggestions = Memo::new(move |_| text.with(|t| shop.index.suggest(&shop.catalog, t)));
    view! {
        <form class="search" role="search" on:submit=on_submit>
            <label for="site-search" class="visually-hidden">"Search products"</label>
            <input
                id="site-search"
                type="search"
                placeholder="Search products"
                data-testid="search-input"
                maxlength="200"
                list="search-suggestions"
                autocomplete="off"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
            <datalist id="search-suggestions" data-testid="search-suggestions">
                <For each=move || suggestions.get() key=|s| s.text.clone() let:suggestion>
                    <option value=suggestion.text label=suggestion.kind.label()></option>
                </For>
            </datalist>
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
