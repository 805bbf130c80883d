use crate::ui::links::Link;
use leptos::prelude::*;

use super::picture::ProductPicture;
use super::stars::Stars;
use crate::domain::catalog::Product;
use crate::domain::format;
use crate::domain::market::Market;

#[component]
pub fn ProductCard(product: Product, market: Market, trusted: bool) -> impl IntoView {
    let href = format!("/product/{}", product.id.as_str());
    let free = product.has_free_delivery_in(market);
    let sold_out = product.is_sold_out();
    let price = product.price_in(market).to_string();
    let name = product.name.clone();
    let uid = format!("card-{}", product.id.as_str());
    view! {
        <li class="product-card" data-testid="product-card">
            <Link href=href attr:class="product-card-link">
                <ProductPicture picture=product.picture label="" uid=uid />
                <span class="product-card-name">{name}</span>
            </Link>
            <span class="price">{price}</span>
            <Stars rating=product.rating count=product.rating_count />
            <span class="card-tags">
                {free.then(|| view! { <span class="tag tag-good">"Free shipping"</span> })}
                {trusted.then(|| view! { <span class="tag">"Trusted seller"</span> })}
                {sold_out.then(|| view! { <span class="tag tag-warn">"Sold out"</span> })}
                <span class="sold">{format!("{} sold", format::count(product.sold.into()))}</span>
            </span>
        </li>
    }
}
