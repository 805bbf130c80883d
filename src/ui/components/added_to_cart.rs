//! What the shopper sees after "Add to cart": the item as it went in (its picture in the
//! chosen colour, the choice and the quantity), what the cart now holds, and the way on.

use leptos::prelude::*;

use crate::domain::catalog::Picture;
use crate::ui::components::picture::ProductPicture;
use crate::ui::links::Link;
use crate::ui::shop::{use_market, use_shop};
use crate::ui::stores::Stores;

/// One add that went into the cart.
#[derive(Clone, Debug, PartialEq)]
pub struct AddedLine {
    pub picture: Picture,
    pub name: String,
    /// "Navy / M", or empty for a product without choices.
    pub variant_label: String,
    pub quantity: u32,
}

#[component]
pub fn AddedToCart(added: AddedLine) -> impl IntoView {
    let shop = use_shop();
    let market = use_market();
    let cart = expect_context::<Stores>().cart;
    let in_cart = move || {
        let totals = cart.with(|c| c.totals(&shop.catalog, market.get()));
        match totals.item_count {
            1 => format!("Your cart: 1 item, {}", totals.items),
            n => format!("Your cart: {n} items, {}", totals.items),
        }
    };
    let mut what = added.name.clone();
    if !added.variant_label.is_empty() {
        what = format!("{what} · {}", added.variant_label);
    }
    if added.quantity > 1 {
        what = format!("{what} × {}", added.quantity);
    }
    view! {
        <div class="added-to-cart" data-testid="added-to-cart">
            <div class="added-picture">
                <ProductPicture picture=added.picture label="" uid="added-to-cart" />
            </div>
            <div class="added-text">
                <strong>"Added to your cart"</strong>
                <span data-testid="added-item">{what}</span>
                <span class="hint" data-testid="added-cart-total">{in_cart}</span>
            </div>
            <Link href="/cart" attr:class="button-primary added-view-cart">"View cart"</Link>
        </div>
    }
}
