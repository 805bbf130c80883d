//! Order history: every order, newest first, filtered by status and searched by text.

use crate::domain::format;
use crate::ui::links::Link;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::app::order_search::{find_orders, status_from_slug, status_slug, OrderFilter};
use crate::domain::orders::OrderStatus;
use crate::ui::stores::Stores;

const PAGE_ROWS: usize = 50;

#[derive(Clone, PartialEq)]
struct OrderRow {
    id: String,
    placed: String,
    status: OrderStatus,
    total: String,
    plan: String,
    items: String,
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let orders = expect_context::<Stores>().orders;
    let status = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE_ROWS);
    let matching = Memo::new(move |_| {
        let filter = OrderFilter {
            status: status.with(|s| status_from_slug(s)),
            text: text.get(),
        };
        orders.with(|book| {
            find_orders(book, &filter)
                .into_iter()
                .map(|r| OrderRow {
                    id: r.order.id().to_string(),
                    placed: format::date(r.order.placed_at()),
                    status: r.order.status(),
                    total: r.order.total().to_string(),
                    plan: r.plan.kind.name().to_string(),
                    items: r
                        .order
                        .lines()
                        .iter()
                        .map(|l| l.product_name.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Title text="Your orders" />
        <section class="page orders-page">
            <h1 data-testid="page-title">"Your orders"</h1>
            <form class="order-filters" role="search" aria-label="Filter orders" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <div class="field order-status-field">
                    <label for="order-status-filter">"Status"</label>
                    <select id="order-status-filter" data-testid="order-status-filter"
                        on:change=move |ev| { status.set(event_target_value(&ev)); shown.set(PAGE_ROWS); }>
                        <option value="">"All orders"</option>
                        {OrderStatus::ALL.into_iter().map(|s| view! {
                            <option value=status_slug(s)>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field order-search-field">
                    <label for="order-search">"Search orders"</label>
                    <input id="order-search" type="search" data-testid="order-search" placeholder="Order number, item or seller"
                        prop:value=move || text.get()
                        on:input=move |ev| { text.set(event_target_value(&ev)); shown.set(PAGE_ROWS); } />
                </div>
            </form>
            <p class="result-count" role="status" data-testid="order-count">
                {move || format::counted(matching.with(|m| m.len()) as u64, "order", "orders")}
            </p>
            <Show when=move || matching.with(|m| !m.is_empty())
                fallback=move || view! {
                    <p class="empty">{move || if orders.with(|o| o.is_empty()) {
                        "No orders yet. Orders you place with Klarna appear here."
                    } else {
                        "No orders match."
                    }}</p>
                }>
                <ul class="order-list">
                    {move || matching.get().into_iter().take(shown.get()).map(|row| view! {
                        <li class="order-row" data-testid="order-row" data-order=row.id.clone()>
                            <Link href=format!("/orders/{}", row.id) attr:class="order-row-id">{format!("Order {}", row.id)}</Link>
                            <span class="order-row-date">{row.placed.clone()}</span>
                            <span class=format!("status-pill order-status-{}", status_slug(row.status))>{row.status.label()}</span>
                            <span class="order-row-items">{row.items.clone()}</span>
                            <span class="order-row-plan">{row.plan.clone()}</span>
                            <span class="amount">{row.total.clone()}</span>
                        </li>
                    }).collect_view()}
                </ul>
                <Show when=move || matching.with(|m| m.len()).gt(&shown.get())>
                    <button class="button-quiet" data-testid="show-more-orders" on:click=move |_| shown.update(|n| *n += PAGE_ROWS)>"Show more orders"</button>
                </Show>
            </Show>
        </section>
    }
}
