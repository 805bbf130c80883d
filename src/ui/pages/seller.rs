//! A seller's page: feedback, detailed ratings, history, contact, shipping times, reviews.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::domain::catalog::{Seller, SellerId};
use crate::domain::format;
use crate::ui::components::product_card::ProductCard;
use crate::ui::components::seller_summary::TrustBadge;
use crate::ui::components::stars::Stars;
use crate::ui::pages::not_found::NotFound;
use crate::ui::pages::product::ReviewList;
use crate::ui::shop::{use_market, use_shop};

#[component]
pub fn SellerPage() -> impl IntoView {
    let params = use_params_map();
    let shop = use_shop();
    move || {
        let id = SellerId::new(params.with(|p| p.get("id").unwrap_or_default()));
        match shop.catalog.seller(&id) {
            Some(seller) => view! { <SellerDetails seller=seller.clone() /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    }
}

#[component]
fn SellerDetails(seller: Seller) -> impl IntoView {
    let shop = use_shop();
    let market = use_market();
    let products: Vec<_> = shop
        .catalog
        .products_of_seller(&seller.id)
        .take(12)
        .cloned()
        .collect();
    let trusted = seller.trust().trusted;
    let reviews = seller
        .reviews
        .iter()
        .map(|r| (r.author, r.stars.get(), r.text, format::date(r.date)))
        .collect();
    view! {
        <Title text=seller.name.clone() />
        <article class="page seller-page">
            <h1 data-testid="page-title">{seller.name.clone()}</h1>
            <TrustBadge seller=seller.clone() />
            <dl class="seller-facts">
                <dt>"Positive feedback"</dt>
                <dd data-testid="seller-feedback">{format!("{} from {}", seller.positive_feedback_label(), format::counted(seller.feedback_count.into(), "buyer", "buyers"))}</dd>
                {seller.detailed.rows().into_iter().map(|(label, value)| view! {
                    <dt>{label}</dt>
                    <dd><Stars rating=value /></dd>
                }).collect_view()}
                <dt>"Open for"</dt>
                <dd>{match seller.years_open { 0 => "Less than a year".to_string(), 1 => "1 year".to_string(), n => format!("{n} years") }}</dd>
                <dt>"Followers"</dt>
                <dd data-testid="seller-followers">{format::count(seller.followers.into())}</dd>
                <dt>"Based in"</dt>
                <dd>{seller.location.clone()}</dd>
                <dt>"Handling time"</dt>
                <dd>{format!("Ships within {}", seller.handling.label())}</dd>
                <dt>"Contact"</dt>
                <dd><a href=format!("mailto:{}", seller.contact_email)>{seller.contact_email.clone()}</a></dd>
            </dl>
            <h2>"Reviews of this seller"</h2>
            <ReviewList reviews />
            <h2>"Products from this seller"</h2>
            <ul class="product-grid">
                {products.into_iter().map(|p| view! { <ProductCard product=p market=market.get_untracked() trusted /> }).collect_view()}
            </ul>
        </article>
    }
}
