//! A product: pictures, price, variant and delivery choice, specifications, reviews, seller.

use crate::domain::format;
use crate::ui::links::Link;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use rust_decimal::Decimal;

use crate::domain::cart::{parse_quantity, CartLine};
use crate::domain::catalog::{Product, Selection, VariantAvailability};
use crate::domain::plans::price_teaser;
use crate::ui::clock::use_today;
use crate::ui::components::added_to_cart::{AddedLine, AddedToCart};
use crate::ui::components::picture::ProductPicture;
use crate::ui::components::seller_summary::SellerSummary;
use crate::ui::components::stars::Stars;
use crate::ui::pages::not_found::NotFound;
use crate::ui::shop::{use_market, use_shop};
use crate::ui::stores::Stores;
use crate::ui::tab_lock::with_tab_lock;

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let shop = use_shop();
    move || {
        let slug = params.with(|p| p.get("id").unwrap_or_default());
        match shop.catalog.product_by_slug(&slug) {
            Some(product) => view! { <ProductDetails product=product.clone() /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    }
}

#[component]
fn ProductDetails(product: Product) -> impl IntoView {
    let shop = use_shop();
    let market = use_market();
    let today = use_today();
    let seller = shop.catalog.seller_of(&product).clone();
    let product = StoredValue::new(product);
    let p = product.get_value();

    let selection = RwSignal::new(p.initial_selection());
    let quantity_text = RwSignal::new("1".to_string());
    let delivery = RwSignal::new(p.default_delivery_option(market.get_untracked()).id.clone());
    let feedback = RwSignal::new(None::<Result<AddedLine, String>>);
    let cart = expect_context::<Stores>().cart;

    let availability = move || {
        product.with_value(|p| match p.availability(&selection.get()) {
            VariantAvailability::InStock { variant, stock } => Ok((variant.id.clone(), stock)),
            VariantAvailability::SoldOut { reason, .. }
            | VariantAvailability::NotOffered { reason } => Err(reason),
            VariantAvailability::Incomplete { missing } => Err(format!(
                "Choose {}",
                missing
                    .iter()
                    .map(|k| k.label().to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" and ")
            )),
        })
    };

    let add_to_cart = {
        let catalog = shop.catalog.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let line = parse_quantity(&quantity_text.get_untracked())
                .map_err(|e| e.to_string())
                .and_then(|quantity| {
                    let (variant_id, _) = availability()?;
                    Ok(CartLine {
                        product_id: product.with_value(|p| p.id.clone()),
                        variant_id,
                        quantity,
                        delivery_option_id: delivery.get_untracked(),
                    })
                });
            let line = match line {
                Ok(line) => line,
                Err(refusal) => return feedback.set(Some(Err(refusal))),
            };
            let added = product.with_value(|p| AddedLine {
                picture: p.picture_of_variant(&line.variant_id),
                name: p.name.clone(),
                variant_label: p
                    .variant(&line.variant_id)
                    .map(|v| v.label())
                    .unwrap_or_default(),
                quantity: line.quantity.get(),
            });
            let catalog = catalog.clone();
            // One tab at a time: an add in another tab at the same moment is read first.
            spawn_local(async move {
                let outcome = with_tab_lock(async || {
                    cart.update(|c| c.add(&catalog, line))
                        .map_err(|e| e.to_string())
                })
                .await;
                feedback.set(Some(outcome.map(|_| added)));
            });
        }
    };

    let teaser = move || {
        product.with_value(|p| price_teaser(market.get(), p.price_in(market.get()), today.get()))
    };
    let axes = p.axes.to_vec();
    let delivery_options = p.delivery_options.to_vec();
    let handling = seller.handling;

    view! {
        <Title text=p.name.clone() />
        <article class="product-page">
            <div class="product-gallery">
                // Drawn again in the chosen colour.
                {move || {
                    let (picture, label, uid) = product.with_value(|p| {
                        let colour = selection.with(|s| p.picture_for(s));
                        (colour, format!("Picture of {}", p.name), format!("page-{}", p.id.as_str()))
                    });
                    view! { <ProductPicture picture label uid /> }
                }}
            </div>
            <div class="product-buy">
                <p class="breadcrumb"><Link href=format!("/?cat={}", p.category.slug())>{p.category.label()}</Link></p>
                <h1 data-testid="page-title">{p.name.clone()}</h1>
                <Stars rating=p.rating count=p.rating_count />
                <p class="price price-large" data-testid="product-price">{move || product.with_value(|p| p.price_in(market.get()).to_string())}</p>
                <p class="klarna-teaser" data-testid="klarna-teaser">{teaser}</p>
                <form class="buy-form" on:submit=add_to_cart>
                    {axes.into_iter().enumerate().map(|(axis, a)| view! {
                        <VariantPicker axis label=a.kind.label() product selection />
                    }).collect_view()}
                    <p class="availability" role="status" data-testid="availability">
                        {move || match availability() {
                            Ok((_, stock)) if stock < 10 => format!("Only {stock} left in stock"),
                            Ok(_) => "In stock".to_string(),
                            Err(reason) => reason,
                        }}
                    </p>
                    <fieldset class="delivery-options">
                        <legend>"Delivery"</legend>
                        {delivery_options.into_iter().map(|option| {
                            let id = option.id.clone();
                            let checked_id = id.clone();
                            let name = option.name.clone();
                            let transit = option.transit.label();
                            let cost_in = option.cost;
                            let window = move || option.window(today.get(), handling, market.get()).label();
                            let cost = move || {
                                let c = cost_in.in_market(market.get());
                                if c.is_zero() { "Free".to_string() } else { c.to_string() }
                            };
                            view! {
                                <label class="delivery-option">
                                    <input type="radio" name="delivery" data-testid="delivery-option"
                                        prop:checked=move || delivery.get() == checked_id
                                        on:change=move |_| delivery.set(id.clone()) />
                                    <span class="delivery-name">{name}</span>
                                    <span class="delivery-cost">{cost}</span>
                                    <span class="delivery-window">{format!("{transit} · arrives ")}{window}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    // On a phone this bar stays at the foot of the screen, with what the add did.
                    <div class="buy-bar">
                    <div class="quantity-row">
                        <label for="quantity">"Quantity"</label>
                        <input id="quantity" type="text" inputmode="numeric" data-testid="quantity-input"
                            class="quantity-input" aria-describedby="buy-feedback"
                            prop:value=move || quantity_text.get()
                            on:input=move |ev| quantity_text.set(event_target_value(&ev)) />
                        <button type="submit" class="button-primary" data-testid="add-to-cart"
                            disabled=move || availability().is_err()>
                            "Add to cart"
                        </button>
                    </div>
                    <div id="buy-feedback" role="status" class="buy-feedback" data-testid="buy-feedback"
                        class:field-error=move || matches!(feedback.get(), Some(Err(_)))>
                        {move || match feedback.get() {
                            Some(Ok(added)) => view! { <AddedToCart added /> }.into_any(),
                            Some(Err(text)) => text.into_any(),
                            None => ().into_any(),
                        }}
                    </div>
                    </div>
                </form>
                <SellerSummary seller=seller.clone() />
            </div>
            <section class="product-details">
                <h2>"Description"</h2>
                <p>{p.description.clone()}</p>
                <h2>"Specifications"</h2>
                <table class="spec-table">
                    <tbody>
                        {p.specifications.iter().map(|(label, value)| view! {
                            <tr><th scope="row">{*label}</th><td>{*value}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <h2>"Reviews"</h2>
                <ReviewList reviews=p.reviews.iter().map(|r| (r.author, r.stars.get(), r.text, format::date(r.date))).collect() />
            </section>
        </article>
    }
}

#[component]
fn VariantPicker(
    axis: usize,
    label: &'static str,
    product: StoredValue<Product>,
    selection: RwSignal<Selection>,
) -> impl IntoView {
    let states = move || product.with_value(|p| p.axis_value_states(axis, &selection.get()));
    view! {
        <fieldset class="variant-picker">
            <legend>{label}</legend>
            <div class="variant-values">
                <For each=states key=|s| (s.value.clone(), s.selected, s.available, s.short_reason) let:state>
                    <button type="button" class="variant-value" class:selected=state.selected
                        aria-pressed=state.selected.to_string()
                        disabled=!state.available
                        data-testid="variant-value"
                        on:click={
                            let value = state.value.clone();
                            move |_| selection.update(|s| *s = s.clone().with(axis, value.clone()))
                        }>
                        {state.value.clone()}
                        {state.short_reason.map(|r| view! { <span class="variant-reason">{r}</span> })}
                        {state.reason.clone().map(|r| view! { <span class="visually-hidden">{format!(" ({r})")}</span> })}
                    </button>
                </For>
            </div>
        </fieldset>
    }
}

#[component]
pub fn ReviewList(reviews: Vec<(&'static str, u8, &'static str, String)>) -> impl IntoView {
    if reviews.is_empty() {
        return view! { <p class="empty">"No written reviews yet."</p> }.into_any();
    }
    view! {
        <ul class="reviews">
            {reviews.into_iter().map(|(author, stars, text, date)| view! {
                <li class="review">
                    <Stars rating=Decimal::from(stars) />
                    <strong>{author}</strong>
                    <span class="review-date">{date}</span>
                    <p>{text}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
