//! What is being bought, before paying: each item with its delivery and arrival dates, and
//! where it goes.

use leptos::prelude::*;

use crate::domain::cart::PricedCart;
use crate::ui::clock::use_today;
use crate::ui::shop::{use_market, use_shop};
use crate::ui::stores::Stores;

/// `priced` is the checkout's own pricing of the cart, the one its total shows.
#[component]
pub fn OrderReview(priced: Memo<PricedCart>) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let shop = use_shop();
    let market = use_market();
    let today = use_today();
    let lines = move || {
        let catalog = &shop.catalog;
        priced.with(|priced| {
            stores.cart.with(|cart| {
                priced
                    .lines
                    .iter()
                    .filter_map(|line| {
                        // Reading `priced` prices the cart as it is now, so each line is in it;
                        // one that were not would be left out rather than stop the page.
                        let in_cart = cart.lines().get(line.index)?;
                        let arrives = in_cart
                            .arrival(catalog, today.get(), market.get())
                            .map(|w| w.label())
                            .unwrap_or_default();
                        Some((line.clone(), in_cart.quantity, arrives))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let ship_to = move || {
        stores.account.with(|a| {
            a.as_ref()
                .map(|a| format!("{}, {}", a.name, a.address.one_line()))
                .unwrap_or_default()
        })
    };
    let count = move || stores.cart.with(|c| c.item_count());
    view! {
        <details class="checkout-review" data-testid="checkout-review">
            <summary>
                {move || match count() { 1 => "Review your order: 1 item".to_string(), n => format!("Review your order: {n} items") }}
            </summary>
            <ul class="review-lines">
                {move || lines().into_iter().map(|(line, quantity, arrives)| view! {
                    <li data-testid="review-line">
                        <span class="review-name">{format!("{quantity} × {}", line.product_name)}</span>
                        <span class="review-total">{line.line_total.to_string()}</span>
                        <span class="hint review-variant">{line.variant_label.clone()}</span>
                        <span class="hint review-arrival">{format!("{}: arrives {arrives}", line.delivery_name)}</span>
                    </li>
                }).collect_view()}
            </ul>
            <p class="review-ship-to" data-testid="review-ship-to"><strong>"Ship to: "</strong>{ship_to}</p>
        </details>
    }
}
