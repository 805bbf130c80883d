//! Starting a return: which package, why, in what condition, refund or exchange. The refund
//! quote (or why a return is not possible) is the domain's, shown as the shopper chooses.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::orders::{
    ItemCondition, Order, PackageId, Party, Resolution, ReturnReason, ReturnRequest,
};
use crate::ui::actions::order_action;
use crate::ui::clock::use_now;
use crate::ui::components::action_message::ActionMessage;
use crate::ui::notices::Notices;
use crate::ui::stores::Stores;

fn reason_key(reason: ReturnReason) -> String {
    format!("{reason:?}")
}

#[component]
pub fn ReturnForm(order: Order, open: RwSignal<bool>) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let message = expect_context::<ActionMessage>();
    let now = use_now();
    // Only the packages the domain lets a return start on.
    let returnable: Vec<(PackageId, String)> = order
        .returnable_packages(now.get_untracked())
        .into_iter()
        .filter_map(|id| {
            let p = order.package(&id)?;
            Some((id, p.heading()))
        })
        .collect();
    let package = RwSignal::new(returnable.first().map(|(id, _)| id.clone()));
    let reason = RwSignal::new(ReturnReason::ChangedMind);
    let packaging = RwSignal::new(true);
    let resellable = RwSignal::new(true);
    let exchange = RwSignal::new(false);
    let refused = RwSignal::new(None::<String>);
    let request = move || {
        package.get().map(|package| ReturnRequest {
            package,
            lines: Vec::new(),
            reason: reason.get(),
            condition: ItemCondition {
                original_packaging: packaging.get(),
                resellable: resellable.get(),
            },
            resolution: if exchange.get() {
                Resolution::Exchange
            } else {
                Resolution::Refund
            },
        })
    };
    // The same question the return asks when sent: a refused quote cannot be sent.
    let quote = {
        let order = order.clone();
        Memo::new(move |_| request().map(|r| order.quote_return(&r, now.get())))
    };
    let order_id = order.id().to_string();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(request) = request() else { return };
        let order_id = order_id.clone();
        spawn_local(async move {
            let result = order_action(stores, notices, &order_id, |o, now| {
                o.request_return(request, now)
            })
            .await;
            match result {
                Ok(()) => {
                    open.set(false);
                    message.confirm(
                        "Return started: send the package back; the refund follows when it arrives.",
                    );
                }
                // Shown in the form, next to what the shopper chose.
                Err(reason) => refused.set(Some(reason.to_string())),
            }
        });
    };
    view! {
        <form class="case-form" data-testid="return-form" on:submit=submit aria-labelledby="return-form-title">
            <h2 id="return-form-title">"Start a return"</h2>
            {if returnable.is_empty() {
                view! { <p>"No package can be returned now."</p> }.into_any()
            } else {
                view! {
                    <label for="return-package">"Package"</label>
                    <select id="return-package" data-testid="return-package" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        package.set(returnable.iter().find(|(id, _)| id.as_str() == value).map(|(id, _)| id.clone()));
                    }>
                        {returnable.iter().map(|(id, label)| view! { <option value=id.as_str().to_string()>{label.clone()}</option> }).collect_view()}
                    </select>
                }.into_any()
            }}
            <label for="return-reason">"Reason"</label>
            <select id="return-reason" data-testid="return-reason" on:change=move |ev| {
                let value = event_target_value(&ev);
                if let Some(r) = ReturnReason::ALL.into_iter().find(|r| reason_key(*r) == value) {
                    reason.set(r);
                    if !r.allows_exchange() { exchange.set(false); }
                }
            }>
                {ReturnReason::ALL.into_iter().map(|r| view! { <option value=reason_key(r)>{r.label()}</option> }).collect_view()}
            </select>
            <fieldset>
                <legend>"Condition"</legend>
                <label><input type="checkbox" data-testid="return-packaging" prop:checked=move || packaging.get()
                    on:change=move |ev| packaging.set(event_target_checked(&ev)) />" In its original packaging"</label>
                <label><input type="checkbox" data-testid="return-resellable" prop:checked=move || resellable.get()
                    on:change=move |ev| resellable.set(event_target_checked(&ev)) />" Unused, can be sold again"</label>
            </fieldset>
            <fieldset>
                <legend>"I would like"</legend>
                <label><input type="radio" name="resolution" data-testid="return-refund" prop:checked=move || !exchange.get()
                    on:change=move |_| exchange.set(false) />" A refund"</label>
                <label><input type="radio" name="resolution" data-testid="return-exchange" prop:checked=move || exchange.get()
                    disabled=move || !reason.get().allows_exchange()
                    on:change=move |_| exchange.set(true) />" An exchange (defective or damaged items only)"</label>
            </fieldset>
            <div class="return-quote" data-testid="return-quote" role="status">
                {move || match quote.get() {
                    None => view! { <p>"Choose a package."</p> }.into_any(),
                    Some(Err(reason)) => view! { <p class="field-error" data-testid="return-refused">{reason.to_string()}</p> }.into_any(),
                    Some(Ok(q)) => view! {
                        <dl>
                            <dt>"Refund"</dt><dd data-testid="return-refund-amount">{q.refund.to_string()}</dd>
                            <dt>"Items"</dt><dd>{format!("{} of {} ({}%)", q.items_refund, q.items_value, q.refund_percent)}</dd>
                            <dt>"Return shipping"</dt>
                            <dd data-testid="return-shipping">{match q.return_shipping_paid_by {
                                Party::Seller => "Paid by the seller".to_string(),
                                Party::Shopper => format!("Paid by you: {} comes off the refund", q.return_shipping_deduction),
                            }}</dd>
                        </dl>
                    }.into_any(),
                }}
            </div>
            {move || refused.get().map(|reason| view! { <p class="field-error" role="alert" data-testid="return-error">{reason}</p> })}
            <button type="submit" data-testid="submit-return"
                disabled=move || !quote.with(|q| q.as_ref().is_some_and(|r| r.is_ok()))>"Send the return"</button>
        </form>
    }
}
