//! Reporting a problem with a package: opening a dispute pauses the payment plan at once.

use leptos::prelude::*;

use crate::domain::orders::{DisputeReason, Order, PackageId};
use crate::ui::actions::order_action;
use crate::ui::app::Stores;
use crate::ui::notices::Notices;
use crate::ui::pages::order::OrderMessage;

fn reason_key(reason: DisputeReason) -> String {
    format!("{reason:?}")
}

#[component]
pub fn DisputeForm(order: Order, open: RwSignal<bool>) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let message = expect_context::<OrderMessage>();
    let shipped: Vec<(PackageId, String)> = order
        .packages()
        .iter()
        .filter(|p| p.has_shipped() && !p.is_closed())
        .map(|p| {
            (
                p.id.clone(),
                format!("Package {} from {}", p.number, p.seller_name),
            )
        })
        .collect();
    let package = RwSignal::new(shipped.first().map(|(id, _)| id.clone()));
    let reason = RwSignal::new(DisputeReason::ALL[0]);
    let order_id = order.id().to_string();
    let choices = shipped.clone();
    let submit =
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(package) = package.get_untracked() else {
                return;
            };
            let reason = reason.get_untracked();
            let result = order_action(stores, notices, &order_id, |o, now| {
                o.open_dispute(&package, reason, now)
            });
            if result.is_ok() {
                open.set(false);
            }
            message.show(result.map(|()| {
                "Dispute opened: your payments are paused until it is decided.".to_string()
            }));
        };
    view! {
        <form class="case-form" data-testid="dispute-form" on:submit=submit aria-labelledby="dispute-form-title">
            <h2 id="dispute-form-title">"Report a problem"</h2>
            <p class="hint">"Opening a dispute pauses your payment plan at once: nothing is collected and no late fee is charged until it is decided."</p>
            <label for="dispute-package">"Package"</label>
            <select id="dispute-package" data-testid="dispute-package" on:change=move |ev| {
                let value = event_target_value(&ev);
                package.set(choices.iter().find(|(id, _)| id.as_str() == value).map(|(id, _)| id.clone()));
            }>
                {shipped.iter().map(|(id, label)| view! { <option value=id.as_str().to_string()>{label.clone()}</option> }).collect_view()}
            </select>
            <label for="dispute-reason">"What went wrong"</label>
            <select id="dispute-reason" data-testid="dispute-reason" on:change=move |ev| {
                let value = event_target_value(&ev);
                if let Some(r) = DisputeReason::ALL.into_iter().find(|r| reason_key(*r) == value) { reason.set(r); }
            }>
                {DisputeReason::ALL.into_iter().map(|r| view! { <option value=reason_key(r)>{r.label()}</option> }).collect_view()}
            </select>
            <button type="submit" data-testid="submit-dispute">"Open the dispute"</button>
        </form>
    }
}
