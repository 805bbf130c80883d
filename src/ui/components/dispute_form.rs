//! Reporting a problem with a package: opening a dispute pauses the payment plan at once.
//! The form lists only the packages, and for each the reasons, the order accepts now.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::orders::{DisputeReason, Order, PackageId};
use crate::ui::actions::order_action;
use crate::ui::clock::use_now;
use crate::ui::components::action_message::ActionMessage;
use crate::ui::notices::Notices;
use crate::ui::stores::Stores;

fn reason_key(reason: DisputeReason) -> String {
    format!("{reason:?}")
}

/// A package the shopper may report, with the reasons allowed for it.
#[derive(Clone)]
struct Choice {
    package: PackageId,
    label: String,
    reasons: Vec<DisputeReason>,
}

#[component]
pub fn DisputeForm(order: Order, open: RwSignal<bool>) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let message = expect_context::<ActionMessage>();
    let now = use_now();
    let choices: Vec<Choice> = order
        .problem_choices(now.get_untracked())
        .into_iter()
        .filter_map(|(id, reasons)| {
            let p = order.package(&id)?;
            Some(Choice {
                label: p.heading(),
                package: id,
                reasons,
            })
        })
        .collect();
    let chosen = RwSignal::new(choices.first().cloned());
    let reason = RwSignal::new(choices.first().and_then(|c| c.reasons.first().copied()));
    let refused = RwSignal::new(None::<String>);
    let order_id = order.id().to_string();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(choice), Some(reason)) = (chosen.get_untracked(), reason.get_untracked()) else {
            return;
        };
        let order_id = order_id.clone();
        spawn_local(async move {
            let result = order_action(stores, notices, &order_id, |o, now| {
                o.open_dispute(&choice.package, reason, now)
            })
            .await;
            match result {
                Ok(()) => {
                    open.set(false);
                    message
                        .confirm("Dispute opened: your payments are paused until it is decided.");
                }
                // Shown in the form, next to what the shopper chose.
                Err(why) => refused.set(Some(why.to_string())),
            }
        });
    };
    let packages = choices.clone();
    let reason_options = move || {
        chosen.with(|c| {
            c.iter()
                .flat_map(|c| c.reasons.iter().copied())
                .map(|r| view! { <option value=reason_key(r)>{r.label()}</option> })
                .collect_view()
        })
    };
    view! {
        <form class="case-form" data-testid="dispute-form" on:submit=submit aria-labelledby="dispute-form-title">
            <h2 id="dispute-form-title">"Report a problem"</h2>
            <p class="hint">"Opening a dispute pauses your payment plan at once: nothing is collected and no late fee is charged until it is decided."</p>
            <label for="dispute-package">"Package"</label>
            <select id="dispute-package" data-testid="dispute-package" on:change=move |ev| {
                let value = event_target_value(&ev);
                let choice = packages.iter().find(|c| c.package.as_str() == value).cloned();
                reason.set(choice.as_ref().and_then(|c| c.reasons.first().copied()));
                chosen.set(choice);
            }>
                {choices.iter().map(|c| view! { <option value=c.package.as_str().to_string()>{c.label.clone()}</option> }).collect_view()}
            </select>
            <label for="dispute-reason">"What went wrong"</label>
            <select id="dispute-reason" data-testid="dispute-reason" on:change=move |ev| {
                let value = event_target_value(&ev);
                if let Some(r) = DisputeReason::ALL.into_iter().find(|r| reason_key(*r) == value) { reason.set(Some(r)); }
            }>
                {reason_options}
            </select>
            {move || refused.get().map(|why| view! { <p class="field-error" role="alert" data-testid="dispute-error">{why}</p> })}
            <button type="submit" data-testid="submit-dispute">"Open the dispute"</button>
        </form>
    }
}
