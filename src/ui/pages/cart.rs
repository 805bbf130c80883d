//! The cart: lines grouped by seller, quantity and delivery per line, remove with undo, totals.

use crate::ui::links::Link;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::cart::{parse_quantity, Cart, CartError, PricedCart, PricedLine, RemovedLine};
use crate::domain::catalog::DeliveryOptionId;
use crate::ui::checkout::KlarnaCheckout;
use crate::ui::clock::use_today;
use crate::ui::components::picture::ProductPicture;
use crate::ui::notices::Notices;
use crate::ui::shop::{use_market, use_shop};
use crate::ui::stores::Stores;

#[component]
pub fn CartPage() -> impl IntoView {
    let shop = use_shop();
    let market = use_market();
    let cart = expect_context::<Stores>().cart;
    let removed = RwSignal::new(None::<RemovedLine>);

    let priced = {
        let catalog = shop.catalog.clone();
        Memo::new(move |_| cart.with(|c| c.price(&catalog, market.get())))
    };
    let groups = {
        let catalog = shop.catalog.clone();
        Memo::new(move |_| cart.with(|c| c.seller_groups(&catalog)))
    };
    let undo = move |_| {
        if let Some(line) = removed.get_untracked() {
            if let Err(e) = cart.update(|c: &mut Cart| c.restore(line)) {
                expect_context::<Notices>().problem(format!("Could not put the item back: {e}"));
            }
            removed.set(None);
        }
    };

    view! {
        <Title text="Your cart" />
        <section class="page cart-page">
            <h1 data-testid="page-title">"Your cart"</h1>
            <Show when=move || removed.with(|r| r.is_some())>
                <div class="undo-bar" role="status">
                    <span>"Item removed from your cart."</span>
                    <button on:click=undo data-testid="undo-remove">"Undo"</button>
                </div>
            </Show>
            <Show
                when=move || cart.with(|c| !c.is_empty())
                fallback=|| view! {
                    <div class="empty" data-testid="cart-empty">
                        <p>"Your cart is empty."</p>
                        <Link href="/">"Browse the shop"</Link>
                    </div>
                }
            >
                <div class="cart-layout">
                    <div class="cart-groups">
                        <For each=move || groups.get() key=|g| (g.seller_id.as_str().to_string(), g.line_indices.clone()) let:group>
                            <section class="cart-group" aria-label=format!("Items from {}", group.seller_name)>
                                <h2>{format!("From {}", group.seller_name)}</h2>
                                <ul>
                                    {group.line_indices.iter().filter_map(|&i| {
                                        priced.with_untracked(|p| p.lines.iter().find(|l| l.index == i).cloned())
                                    }).map(|line| view! { <CartLineRow line priced removed /> }).collect_view()}
                                </ul>
                            </section>
                        </For>
                    </div>
                    <aside class="cart-summary" aria-label="Order summary">
                        <h2>"Summary"</h2>
                        <dl>
                            <dt>{move || format!("Items ({})", priced.with(|p| p.totals.item_count))}</dt>
                            <dd>{move || priced.with(|p| p.totals.items.to_string())}</dd>
                            <dt>"Shipping"</dt>
                            <dd>{move || priced.with(|p| p.totals.shipping.to_string())}</dd>
                            <dt class="total">"Total"</dt>
                            <dd class="total" data-testid="cart-total">{move || priced.with(|p| p.totals.grand_total.to_string())}</dd>
                        </dl>
                        <Show when=move || priced.with(|p| !p.unavailable.is_empty())>
                            <p class="field-error">"Some items are no longer sold and are left out of the total."</p>
                        </Show>
                        // On a phone this bar stays at the bottom of the screen with the total.
                        <div class="cart-pay-bar">
                            <p class="pay-bar-total" aria-hidden="true">
                                "Total "<strong>{move || priced.with(|p| p.totals.grand_total.to_string())}</strong>
                            </p>
                            <KlarnaCheckout />
                        </div>
                    </aside>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn CartLineRow(
    line: PricedLine,
    priced: Memo<PricedCart>,
    removed: RwSignal<Option<RemovedLine>>,
) -> impl IntoView {
    let shop = use_shop();
    let market = use_market();
    let cart = expect_context::<Stores>().cart;
    let drawn_at = line.index;
    let stored = cart.with_untracked(|c| c.lines()[drawn_at].clone());
    // Each change finds the line again by its key: another tab may have moved it.
    let key = StoredValue::new(stored.key());
    let quantity_text = RwSignal::new(stored.quantity.get().to_string());
    let error = RwSignal::new(None::<String>);
    let input_id = format!("qty-{}", stored.key());
    let product = shop.catalog.product(&stored.product_id).cloned();

    let commit_quantity = {
        let catalog = shop.catalog.clone();
        move || {
            let text = quantity_text.get_untracked();
            let result = parse_quantity(&text)
                .map_err(|e| e.to_string())
                .and_then(|q| {
                    cart.update(|c| {
                        let index = c.index_of(&key.get_value())?;
                        c.set_quantity(&catalog, index, i64::from(q.get()))
                    })
                    .map_err(|e| e.to_string())
                });
            error.set(result.err());
        }
    };
    let remove = move |_| match cart.update(|c| c.index_of(&key.get_value()).map(|i| c.remove(i))) {
        Ok(line) => removed.set(line),
        Err(e) => error.set(Some(e.to_string())),
    };
    let on_delivery = {
        let catalog = shop.catalog.clone();
        move |ev| {
            let id = DeliveryOptionId::new(event_target_value(&ev));
            let result = cart.update(|c| {
                let index = c.index_of(&key.get_value())?;
                let now_at = c.set_delivery_option(&catalog, index, id)?;
                Ok::<_, CartError>(c.lines()[now_at].key())
            });
            match result {
                // The delivery option is part of the line's key.
                Ok(moved_to) => {
                    key.set_value(moved_to);
                    error.set(None);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };
    let options = product
        .as_ref()
        .map(|p| p.delivery_options.clone())
        .unwrap_or_default();
    let current = stored.delivery_option_id.clone();
    let href = format!("/product/{}", stored.product_id.as_str());
    let select_id = format!("delivery-{}", stored.key());
    let remove_label = format!("Remove {} from your cart", line.product_name);
    let today = use_today();
    let arrives = {
        let catalog = shop.catalog.clone();
        move || {
            cart.with(|c| {
                let index = c.index_of(&key.get_value()).ok()?;
                c.lines()[index].arrival(&catalog, today.get(), market.get())
            })
            .map(|window| format!("Arrives {}", window.label()))
        }
    };
    let picture = product.as_ref().map(|p| {
        let uid = format!("cart-{}", stored.key());
        let picture = p.picture_of_variant(&stored.variant_id);
        view! { <ProductPicture picture label="" uid /> }
    });

    view! {
        <li class="cart-line" data-testid="cart-line">
            <div class="cart-line-picture">{picture}</div>
            <div class="cart-line-main">
                <Link href=href attr:class="cart-line-name">{line.product_name.clone()}</Link>
                <span class="variant-label">{line.variant_label.clone()}</span>
                <span class="unit-price">{format!("{} each", line.unit_price)}</span>
            </div>
            <form class="cart-line-quantity" on:submit={
                let commit = commit_quantity.clone();
                move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); commit(); }
            }>
                <label for=input_id.clone()>"Quantity"</label>
                <input id=input_id.clone() class="quantity-input" type="text" inputmode="numeric" data-testid="cart-quantity"
                    aria-describedby=format!("{input_id}-error")
                    prop:value=move || quantity_text.get()
                    on:input=move |ev| quantity_text.set(event_target_value(&ev))
                    on:change={
                        let commit = commit_quantity.clone();
                        move |_| commit()
                    } />
                <button type="submit" class="button-quiet">"Update"</button>
            </form>
            <div class="cart-line-delivery">
                <label for=select_id.clone()>"Delivery"</label>
                <select id=select_id on:change=on_delivery>
                    {options.iter().map(|o| {
                        let cost = o.cost.in_market(market.get_untracked());
                        let label = format!("{} ({}) · {}", o.name, if cost.is_zero() { "free".to_string() } else { cost.to_string() }, o.transit.label());
                        view! { <option value=o.id.as_str().to_string() selected=o.id == current>{label}</option> }
                    }).collect_view()}
                </select>
                <span class="hint" data-testid="cart-line-arrival">{arrives}</span>
            </div>
            <span class="line-total" data-testid="line-total">
                {move || priced.with(|p| p.lines.iter().find(|l| l.index == drawn_at).map(|l| l.line_total.to_string()))}
            </span>
            <button class="button-quiet remove" on:click=remove aria-label=remove_label>"Remove"</button>
            <p id=format!("{input_id}-error") class="field-error" role="alert" data-testid="quantity-error">{move || error.get()}</p>
        </li>
    }
}
