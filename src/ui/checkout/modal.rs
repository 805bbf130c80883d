//! The Klarna tab of checkout: what is missing before paying, or the options, the method,
//! the one-time code, progress and the outcome.

use crate::ui::links::Link;
use leptos::prelude::*;

use super::comparison::PlanComparison;
use super::flow::FlowStatus;
use super::identity::IdentityStep;
use super::options::{PlanOptions, SelectedSchedule};
use super::review::OrderReview;
use super::state::{go_to_receipt, CheckoutFlow};
use crate::domain::payments::MethodId;
use crate::domain::plans::{headline, offers, pay_action};
use crate::ui::clock::use_today;
use crate::ui::shop::{use_market, use_shop};
use crate::ui::stores::Stores;

pub const TITLE_ID: &str = "klarna-modal-title";

#[component]
pub fn KlarnaModal(open: RwSignal<bool>, flow: CheckoutFlow) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let working = move || flow.status.get().is_working();
    let missing = move || {
        if stores.account.with(|a| a.is_none()) {
            Some((
                "Create your account first: Klarna needs your name and address.",
                "/account",
                "Create your account",
            ))
        } else if !stores.klarna_link.with(|l| l.is_linked()) {
            Some((
                "Link your Klarna account before paying with Klarna.",
                "/payment-settings",
                "Link Klarna in Payment settings",
            ))
        } else if stores.payments.with(|p| p.methods.is_empty()) {
            Some((
                "Add a card, bank account or wallet for Klarna to collect your payments from.",
                "/payment-settings",
                "Add a payment method",
            ))
        } else {
            None
        }
    };
    view! {
        // The provider's own look from here on: its name, its colour and the simulation badge,
        // so the hand-off from the shop is plain to see.
        <div class="dialog-header provider-header">
            <span class="provider-name" aria-hidden="true">"Klarna"</span>
            <h2 id=TITLE_ID class="provider-title">"Pay with Klarna"</h2>
            <span class="provider-badge">"Simulated"</span>
            <button type="button" class="button-quiet" aria-label="Close" disabled=working
                on:click=move |_| open.set(false)>"Close"</button>
        </div>
        <p class="sim-badge">"A simulated Klarna: no real money moves."</p>
        {move || match missing() {
            Some((why, href, link)) => view! {
                <div class="checkout-missing" data-testid="checkout-missing">
                    <p>{why}</p>
                    <Link href=href attr:data-autofocus="true">{link}</Link>
                </div>
            }.into_any(),
            None => view! { <CheckoutForm flow /> }.into_any(),
        }}
    }
}

#[component]
fn CheckoutForm(flow: CheckoutFlow) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let shop = use_shop();
    let market = use_market();
    let today = use_today();
    let email = move || {
        stores
            .klarna_link
            .with(|l| l.email.clone().unwrap_or_default())
    };
    // Priced once: the total the offers are made for and the review's lines are one pricing.
    let priced = {
        let catalog = shop.catalog.clone();
        Memo::new(move |_| stores.cart.with(|c| c.price(&catalog, market.get())))
    };
    let total = Memo::new(move |_| priced.with(|p| p.totals.grand_total));
    let offers = Memo::new(move |_| {
        let currency = market.get().currency();
        let limit = stores
            .simulation
            .with(|s| s.purchase_limit_in(&email(), currency));
        offers(market.get(), total.get(), today.get(), limit)
    });
    // The first eligible option and the first method that can autopay are picked for the
    // shopper; a choice that became unavailable falls back the same way.
    Effect::new(move |_| {
        let all = offers.get();
        let current = flow.plan.get_untracked();
        if !current.is_some_and(|k| all.iter().any(|o| o.kind == k && o.is_eligible())) {
            flow.plan
                .set(all.iter().find(|o| o.is_eligible()).map(|o| o.kind));
        }
    });
    Effect::new(move |_| {
        let methods = stores.payments.with(|p| p.methods.clone());
        let current = flow.method.get_untracked();
        if !current.is_some_and(|id| methods.contains_key(&id)) {
            let preferred = methods
                .values()
                .find(|m| m.can_autopay().is_ok())
                .or(methods.values().next());
            flow.method.set(preferred.map(|m| m.id));
        }
    });
    let pending = move || stores.pending_checkout.with(|p| p.in_flight.clone());
    let locked = Signal::derive(move || flow.status.get().is_working() || pending().is_some());
    // Local: the navigation closure is not Send; the running task takes its own copy.
    let on_placed = StoredValue::new_local(go_to_receipt());
    let confirm = {
        let catalog = shop.catalog.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if pending().is_some() {
                return;
            }
            flow.confirm(stores, catalog.clone(), on_placed.get_value());
        }
    };
    let retry = {
        let catalog = shop.catalog.clone();
        move |_| flow.continue_pending(stores, catalog.clone(), on_placed.get_value())
    };
    let selected_plan = move || {
        let kind = flow.plan.get()?;
        offers.with(|all| {
            all.iter()
                .find(|o| o.kind == kind)
                .and_then(|o| o.plan().cloned())
        })
    };
    let pay_label = move || {
        if flow.status.get().is_working() {
            "Authorizing…".to_string()
        } else {
            selected_plan()
                .map_or_else(|| "Choose how to pay".to_string(), |plan| pay_action(&plan))
        }
    };

    view! {
        <p class="checkout-total">"Order total: " <strong data-testid="checkout-total">{move || total.get().to_string()}</strong></p>
        <form class="checkout-form" novalidate on:submit=confirm>
            <IdentityStep flow email=Signal::derive(email) locked />
            <div class="checkout-choices">
                <PlanOptions offers flow locked />
            </div>
            <div class="checkout-pay">
                <SelectedSchedule offers flow />
                <div class="field">
                    <label for="klarna-method">"Pay with"</label>
                    <select id="klarna-method" data-testid="method-select" disabled=move || locked.get()
                        on:change=move |ev| flow.method.set(event_target_value(&ev).parse().ok().map(MethodId))>
                        {move || stores.payments.with(|p| p.methods.values().map(|m| {
                            let id = m.id;
                            let note = m.can_autopay().map_or(" (you approve each payment)", |()| " (autopay)");
                            view! { <option value=id.0.to_string() selected=move || flow.method.get() == Some(id)>{format!("{}{note}", m.label)}</option> }
                        }).collect_view())}
                    </select>
                </div>
                <OrderReview priced />
                <details class="comparison-disclosure" data-testid="comparison-disclosure">
                    <summary>"Compare all options"</summary>
                    <PlanComparison offers today />
                </details>
                <CheckoutStatus flow />
            </div>
            <div class="checkout-footer">
                {move || match pending() {
                    Some(attempt) if !flow.status.get().is_working() => view! {
                        <p class="pending-note">{format!("Your {} payment is not finished yet.", attempt.kind.name())}</p>
                        <button type="button" class="button-primary" data-testid="retry-payment" on:click=retry.clone()>"Try again"</button>
                        <button type="button" class="button-quiet" data-testid="abandon-payment" on:click=move |_| flow.abandon(stores)>"Cancel this payment"</button>
                    }.into_any(),
                    _ => view! {
                        <p class="footer-plan">{move || selected_plan().map(|plan| headline(&plan))}</p>
                        <button type="submit" class="button-primary provider-button" data-testid="confirm-payment"
                            disabled=move || flow.status.get().is_working() || flow.plan.get().is_none()>
                            {pay_label}
                        </button>
                    }.into_any(),
                }}
            </div>
        </form>
    }
}

#[component]
fn CheckoutStatus(flow: CheckoutFlow) -> impl IntoView {
    view! {
        <div class="checkout-status" role="status" data-testid="checkout-progress">
            {move || flow.status.get().is_working().then(|| view! {
                <p><progress aria-label="Waiting for Klarna"></progress>" Klarna is authorizing your payment…"</p>
            })}
        </div>
        <div class="checkout-outcome" role="alert" data-testid="checkout-outcome">
            {move || match flow.status.get() {
                FlowStatus::Declined(reason) => Some(view! {
                    <p class="outcome-declined" data-testid="payment-declined">
                        <strong>"Declined. "</strong>{reason}" Your cart is kept; you can choose another option or method."
                    </p>
                }.into_any()),
                FlowStatus::Retryable(message) => Some(view! {
                    <p class="outcome-retry" data-testid="payment-retryable"><strong>"Not finished. "</strong>{message}</p>
                }.into_any()),
                FlowStatus::Failed(message) => Some(view! {
                    <p class="outcome-failed" data-testid="payment-failed"><strong>"Not paid. "</strong>{message}</p>
                }.into_any()),
                _ => None,
            }}
        </div>
    }
}
