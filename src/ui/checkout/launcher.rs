//! The cart's "Pay with Klarna" button, its modal, and the notice about a checkout a reload
//! interrupted.

use crate::ui::links::Link;
use leptos::prelude::*;

use super::modal::{KlarnaModal, TITLE_ID};
use super::state::{go_to_receipt, CheckoutFlow};
use crate::app::pending_checkout::Interrupted;
use crate::ui::components::dialog::ModalDialog;
use crate::ui::shop::use_shop;
use crate::ui::stores::Stores;

#[component]
pub fn KlarnaCheckout() -> impl IntoView {
    let flow = CheckoutFlow::new();
    let open = RwSignal::new(false);
    let can_close = Signal::derive(move || !flow.status.get().is_working());
    view! {
        <InterruptedCheckout flow open />
        <button type="button" class="button-primary checkout-button" data-testid="checkout-button"
            on:click=move |_| { flow.reset_for_open(); open.set(true); }>
            "Pay with Klarna"
        </button>
        <ModalDialog open title_id=TITLE_ID can_close test_id="klarna-modal">
            <KlarnaModal open flow />
        </ModalDialog>
    }
}

/// Shown when a checkout attempt is pending but this tab is not running it: after a reload
/// mid-authorization, or after a timeout the shopper closed the modal on.
#[component]
fn InterruptedCheckout(flow: CheckoutFlow, open: RwSignal<bool>) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let shop = use_shop();
    let state = move || {
        if flow.status.get().is_working() {
            return None;
        }
        stores
            .pending_checkout
            .with(|p| stores.orders.with(|o| p.interrupted(o)))
    };
    let on_placed = StoredValue::new_local(go_to_receipt());
    let resume = move |_| {
        open.set(true);
        flow.continue_pending(stores, shop.catalog.clone(), on_placed.get_value());
    };
    move || {
        state().map(|interrupted| match interrupted {
            Interrupted::Placed { order_id } => view! {
                <div class="interrupted" role="status" data-testid="checkout-interrupted">
                    <p>{format!("Your order {order_id} was placed.")}</p>
                    <Link href=format!("/orders/{order_id}/receipt")>"See the receipt"</Link>
                    <button type="button" class="button-quiet" on:click=move |_| { stores.act(|shop| shop.abandon_checkout()); }>"Dismiss"</button>
                </div>
            }.into_any(),
            Interrupted::Unfinished(attempt) => view! {
                <div class="interrupted" role="status" data-testid="checkout-interrupted">
                    <p>{format!(
                        "Your {} payment was interrupted before Klarna answered. Nothing has been ordered and your cart is kept. \
                         Continue it (it can never be charged twice) or cancel it.",
                        attempt.kind.name()
                    )}</p>
                    <button type="button" class="button-primary" data-testid="resume-payment" on:click=resume.clone()>"Continue the payment"</button>
                    <button type="button" class="button-quiet" data-testid="abandon-payment" on:click=move |_| flow.abandon(stores)>"Cancel it"</button>
                </div>
            }.into_any(),
        })
    }
}
