//! The receipt of an order: lines, totals, the option and its payments, the method, the
//! order and provider references. Printable: the print stylesheet hides the shop around it.

use crate::domain::format;
use crate::ui::links::Link;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::app::receipt::{receipt, Receipt};
use crate::ui::focus::focus_soon;
use crate::ui::stores::Stores;

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let params = use_params_map();
    let query = use_query_map();
    let just_placed = move || query.with(|q| q.get("placed").is_some());
    let found = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        stores
            .orders
            .with(|o| stores.payments.with(|p| receipt(o, p, &id)))
    });
    Effect::new(move |_| {
        if just_placed() {
            focus_soon("receipt-title");
        }
    });
    move || match found.get() {
        Some(r) => view! { <ReceiptView r just_placed=just_placed() /> }.into_any(),
        None => view! {
            <Title text="Receipt not found" />
            <section class="page narrow">
                <h1 data-testid="page-title">"Receipt not found"</h1>
                <p>"There is no order with this number in this browser."</p>
                <Link href="/">"Back to the shop"</Link>
            </section>
        }
        .into_any(),
    }
}

/// Right after checkout: did it work, what is paid next and when, when the parcels come,
/// and the way on. The full receipt follows.
#[component]
fn AllSet(r: Receipt) -> impl IntoView {
    let order_href = format!("/orders/{}", r.order_id);
    let method = r
        .method_label
        .clone()
        .unwrap_or_else(|| "the payment method you chose".into());
    let next = match &r.next_payment {
        Some(next) => format!(
            "{} on {} with {method} (payment {} of {}).",
            next.amount,
            format::date(next.due),
            next.number,
            next.of
        ),
        None => "Nothing: this order is paid in full.".to_string(),
    };
    view! {
        <section class="all-set" data-testid="all-set" aria-labelledby="all-set-title">
            <h2 id="all-set-title">"You're all set"</h2>
            <p class="receipt-thanks" role="status">{r.placed_note}</p>
            <dl class="all-set-facts">
                <dt>"Next payment"</dt>
                <dd data-testid="all-set-next-payment">{next}</dd>
                {r.parcels.iter().map(|parcel| view! {
                    <dt>{parcel.heading.clone()}</dt>
                    <dd data-testid="all-set-parcel">
                        {format!("{}: expected from {}, guaranteed by {}", parcel.delivery_name, format::date(parcel.estimate.earliest), format::date(parcel.estimate.latest))}
                    </dd>
                }).collect_view()}
            </dl>
            <div class="all-set-actions">
                <Link href=order_href attr:class="button-primary" attr:data-testid="view-order">"View order"</Link>
                <Link href="/" attr:class="button-secondary" attr:data-testid="continue-shopping">"Continue shopping"</Link>
            </div>
        </section>
    }
}

#[component]
fn ReceiptView(r: Receipt, just_placed: bool) -> impl IntoView {
    let order_href = format!("/orders/{}", r.order_id);
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <Title text=format!("Receipt {}", r.order_id) />
        <article class="page narrow receipt" data-testid="order-confirmation" aria-labelledby="receipt-title">
            {just_placed.then(|| view! { <AllSet r=r.clone() /> })}
            <h1 id="receipt-title" tabindex="-1" data-testid="page-title">"Receipt"</h1>
            <dl class="receipt-facts">
                <dt>"Order"</dt><dd data-testid="order-id">{r.order_id.clone()}</dd>
                <dt>"Klarna reference"</dt><dd data-testid="provider-reference">{r.provider_reference.clone()}</dd>
                <dt>"Placed"</dt><dd>{format::date_time(r.placed_at)}</dd>
                <dt>"Paid with"</dt><dd data-testid="receipt-method">{r.method_label.clone().unwrap_or_else(|| "A removed payment method".into())}</dd>
            </dl>
            <h2>"Items"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Items ordered">
                <table class="receipt-lines">
                    <thead><tr><th scope="col">"Item"</th><th scope="col">"Qty"</th><th scope="col">"Price"</th><th scope="col">"Delivery"</th><th scope="col">"Total"</th></tr></thead>
                    <tbody>
                        {r.lines.iter().map(|l| view! {
                            <tr data-testid="receipt-line">
                                <td>{l.product_name.clone()}<span class="variant-label">{format!(" {}", l.variant_label)}</span></td>
                                <td>{l.quantity}</td>
                                <td class="money">{l.unit_price.to_string()}</td>
                                <td>{format!("{} ({})", l.delivery_name, if l.shipping.is_zero() { "free".to_string() } else { l.shipping.to_string() })}</td>
                                <td class="money">{l.items_total.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="receipt-totals">
                <dt>"Items"</dt><dd>{r.items_total.to_string()}</dd>
                <dt>"Shipping"</dt><dd>{r.shipping_total.to_string()}</dd>
                <dt class="total">"Total"</dt><dd class="total" data-testid="receipt-total">{r.total.to_string()}</dd>
            </dl>
            <h2>{format!("Payment: {}", r.plan.name())}</h2>
            <p data-testid="receipt-terms">{r.terms.clone()}</p>
            <table class="receipt-schedule">
                <thead><tr><th scope="col">"Payment"</th><th scope="col">"Date"</th><th scope="col">"Amount"</th></tr></thead>
                <tbody>
                    {r.schedule.iter().map(|i| view! {
                        <tr data-testid="receipt-installment">
                            <td>{format!("{} of {}", i.number, r.schedule.len())}</td>
                            <td>{format::date(i.due)}{r.dates_are_estimates.then_some(" (estimated, counts from shipment)")}</td>
                            <td class="money">{i.amount.to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <dl class="receipt-totals">
                <dt>"Interest"</dt><dd>{r.total_interest.to_string()}</dd>
                <dt class="total">"Total cost"</dt><dd class="total">{r.total_cost.to_string()}</dd>
            </dl>
            <div class="receipt-actions">
                <button type="button" class="button-primary" on:click=print>"Print receipt"</button>
                <Link href=order_href>"See the order"</Link>
            </div>
        </article>
    }
}
