//! The saved payment methods, each with whether Klarna can collect from it automatically.

use leptos::prelude::*;

use crate::ui::stores::Stores;

#[component]
pub fn MethodList() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let methods = move || {
        stores
            .payments
            .with(|p| p.methods.values().cloned().collect::<Vec<_>>())
    };
    view! {
        <Show when=move || stores.payments.with(|p| !p.methods.is_empty())
            fallback=|| view! { <p class="empty-note" data-testid="no-methods">"No payment method yet."</p> }>
            <ul class="method-list">
                {move || methods().into_iter().map(|m| {
                    let reason_id = format!("autopay-reason-{}", m.id);
                    let expiry = m.expiry.map(|e| format!(" · expires {}", e.display())).unwrap_or_default();
                    let autopay = m.can_autopay();
                    view! {
                        <li class="method" data-testid="payment-method" data-kind=format!("{:?}", m.kind)>
                            <span class="method-label">{m.label.clone()}</span>
                            <span class="method-kind">{format!("{}{expiry}", m.kind.name())}</span>
                            {match autopay {
                                Ok(()) => view! {
                                    <span class="autopay on" data-testid="autopay-status">"Autopay on: payments are collected on their due dates."</span>
                                }.into_any(),
                                Err(reason) => view! {
                                    <span class="autopay off">
                                        <label class="check">
                                            <input type="checkbox" disabled=true aria-describedby=reason_id.clone() />
                                            "Autopay"
                                        </label>
                                        <span id=reason_id data-testid="autopay-status">{format!("Not available. {reason}.")}</span>
                                    </span>
                                }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}
