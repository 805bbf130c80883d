//! A shop from a file or a link, summed up, with the choice to load it or keep what is here.

use leptos::prelude::*;

use crate::storage::shop_file::Summary;

#[component]
pub fn ShopOffer(
    summary: Summary,
    #[prop(into)] question: String,
    on_load: Callback<()>,
    on_keep: Callback<()>,
) -> impl IntoView {
    view! {
        <div role="alertdialog" aria-labelledby="shop-offer-question" class="confirm-box shop-file-summary" data-testid="shop-file-summary">
            <p id="shop-offer-question"><strong>{question}</strong></p>
            <dl class="receipt-facts">
                {summary.lines().into_iter().map(|(what, value)| view! { <dt>{what}</dt><dd>{value}</dd> }).collect_view()}
            </dl>
            <button type="button" class="button-primary" data-testid="shop-file-confirm" on:click=move |_| on_load.run(())>"Load it"</button>
            <button type="button" class="button-quiet" data-testid="shop-file-keep" data-autofocus="true" on:click=move |_| on_keep.run(())>"Keep what is here"</button>
        </div>
    }
}
