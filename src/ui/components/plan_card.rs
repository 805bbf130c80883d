//! One purchase's plan in My Klarna: its payments on a timeline and in a list, the balance,
//! and the plan's settings (method, autopay) with the rest paid in one go.

use crate::app::plan_actions::pay_whole_balance;
use crate::domain::format;
use crate::ui::actions::plan_action;
use crate::ui::links::Link;
use leptos::prelude::*;

use crate::ui::components::picture::ProductPicture;
use crate::ui::components::status_pill::StatusPill;
use crate::ui::shop::use_shop;

use crate::app::plan_actions::{change_method, set_autopay};
use crate::domain::payments::{MethodId, PaymentPlanAccount};
use crate::domain::plans::financing_calendar;
use crate::ui::components::action_message::ActionMessage;
use crate::ui::components::plan_timeline::PlanTimeline;
use crate::ui::stores::Stores;

#[component]
pub fn PlanCard(account: PaymentPlanAccount) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let message = expect_context::<ActionMessage>();
    let order_id = account.order_id.clone();
    let paused = account.is_paused();
    let balance = account.balance();
    let can_pay_rest = account.can_pay_whole_balance().is_ok();
    // The cost as the plan now stands: a refund on financing stops interest from accruing.
    let (cost_now, interest_dropped) = (account.cost_now(), account.interest_dropped());
    let methods: Vec<(MethodId, String, Option<&'static str>)> =
        stores.payments.with_untracked(|p| {
            p.methods
                .values()
                .map(|m| (m.id, m.label.clone(), m.can_autopay().err()))
                .collect()
        });
    let current = account.method_id;
    let cannot_autopay = methods
        .iter()
        .find(|(id, ..)| *id == current)
        .and_then(|(_, _, why)| *why);
    let statements = stores.orders.with_untracked(|o| {
        o.get(&order_id)
            .map(|r| r.plan.statement_dates())
            .unwrap_or_default()
    });
    // The purchase as the shopper knows it: what, from whom, and its picture.
    let shop = use_shop();
    let (purchase, sellers, picture) = stores.orders.with_untracked(|o| {
        o.get(&order_id).map_or_else(Default::default, |r| {
            let picture = r.order.lines().first().and_then(|line| {
                shop.catalog
                    .product(&line.product_id)
                    .map(|p| p.picture_of_variant(&line.variant_id))
            });
            (r.order.purchase_name(), r.order.sellers_name(), picture)
        })
    });
    let progress = account.progress();
    let chosen = RwSignal::new(current.0.to_string());
    let heading_id = format!("plan-{order_id}");
    let autopay_id = format!("autopay-{order_id}");
    let method_select_id = format!("method-{order_id}");

    let on_change_method = {
        let order_id = order_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Ok(id) = chosen.get_untracked().parse::<u32>() else {
                return;
            };
            let order_id = order_id.clone();
            message.show(plan_action(stores, |p, _, _| {
                change_method(p, &order_id, MethodId(id))
            }));
        }
    };
    let on_autopay = {
        let order_id = order_id.clone();
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            message.show(plan_action(stores, |p, _, _| set_autopay(p, &order_id, on)));
        }
    };
    let on_pay_rest = {
        let order_id = order_id.clone();
        move |_| pay_rest(stores, message, order_id.clone())
    };

    let payments = account
        .installments
        .iter()
        .map(|i| {
            let status = i.display_status(paused);
            let statement = statements
                .get(i.number as usize - 1)
                .map(|d| format!("statement {}, ", format::date(*d)));
            let amount = i.shown_amount();
            let moved = i.due_move(account.market).map(|m| format!(" ({m})"));
            view! {
                <li class="plan-payment" data-testid="plan-payment">
                    <span>{format!("Payment {}", i.number)}</span>
                    <span>{statement}{format!("due {}", format::date(i.due))}{moved}{i.extended.then_some(" (extended)")}</span>
                    <span class="amount">{amount.to_string()}</span>
                    <StatusPill status />
                </li>
            }
        })
        .collect_view();

    view! {
        <article class="plan-card" aria-labelledby=heading_id.clone() data-testid="plan-card" data-order=order_id.clone()>
            <header class="plan-head">
                <div class="plan-picture">
                    {picture.map(|picture| view! { <ProductPicture picture label="" uid=format!("plan-{order_id}") /> })}
                </div>
                <div class="plan-title">
                    <h3 id=heading_id.clone()>
                        <Link href=format!("/orders/{order_id}")>{purchase}</Link>
                    </h3>
                    <p class="hint">
                        {(!sellers.is_empty()).then(|| format!("{sellers} · "))}
                        {format!("order {order_id} · {} · ", account.kind.name())}
                        <span data-testid="plan-cost">{cost_now.to_string()}</span>
                    </p>
                    <p class="plan-progress">
                        <span data-testid="plan-progress">{progress.label()}</span>
                        <meter min="0" max=progress.total value=progress.closed() aria-hidden="true"></meter>
                    </p>
                </div>
            </header>
            {paused.then(|| view! { <p class="notice-inline">"Paused while a dispute is open: nothing is collected and no fees are charged."</p> })}
            <PlanTimeline account=account.clone() />
            {(!statements.is_empty()).then(|| view! {
                <p class="financing-note">{financing_calendar()}</p>
            })}
            <ul class="plan-payments">{payments}</ul>
            <dl class="plan-balance">
                <dt>"Paid"</dt><dd>{balance.paid.to_string()}</dd>
                <dt>"Still owed"</dt><dd data-testid="plan-owed">{balance.owed.to_string()}</dd>
                {(!interest_dropped.is_zero()).then(|| view! { <dt>"Interest dropped by refunds"</dt><dd data-testid="plan-interest-dropped">{interest_dropped.to_string()}</dd> })}
                {(!balance.fees_charged.is_zero()).then(|| view! { <dt>"Late fees"</dt><dd>{balance.fees_charged.to_string()}</dd> })}
                {(!balance.refunded_to_shopper.is_zero()).then(|| view! { <dt>"Refunded to you"</dt><dd>{balance.refunded_to_shopper.to_string()}</dd> })}
            </dl>
            <div class="plan-settings">
                {can_pay_rest.then(|| view! {
                    <button data-testid="pay-whole-balance" on:click=on_pay_rest>
                        {format!("Pay the whole balance ({})", balance.owed)}
                    </button>
                })}
                <form class="inline-form" on:submit=on_change_method>
                    <label for=method_select_id.clone()>"Pay with"</label>
                    <select id=method_select_id data-testid="plan-method" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {methods.iter().map(|(id, label, _)| view! {
                            <option value=id.0.to_string() selected=*id == current>{label.clone()}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="button-quiet" data-testid="change-method">"Change method"</button>
                </form>
                <div class="autopay">
                    <input type="checkbox" id=autopay_id.clone() data-testid="autopay-toggle"
                        prop:checked=account.autopay disabled=cannot_autopay.is_some() on:change=on_autopay
                        aria-describedby=format!("{autopay_id}-why") />
                    <label for=autopay_id.clone()>"Autopay"</label>
                    <span id=format!("{autopay_id}-why") class="hint" data-testid="autopay-reason">{cannot_autopay}</span>
                </div>
            </div>
        </article>
    }
}

/// Pays the rest of a plan.
fn pay_rest(stores: Stores, message: ActionMessage, order_id: String) {
    message.show(plan_action(stores, move |p, inbox, now| {
        pay_whole_balance(p, inbox, &order_id, now)
    }))
}
