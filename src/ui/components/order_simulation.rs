//! The order page's "Simulation" box: the decisions a seller, the review team or the
//! marketplace would take, so a demo can play every branch without waiting for rules.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::order_actions::without_outcome;
use crate::domain::orders::{DisputeDecision, Order, Outcome, TransitionError};
use crate::ui::actions::{order_action, review_team_action};
use crate::ui::components::action_message::ActionMessage;
use crate::ui::notices::Notices;
use crate::ui::stores::Stores;

type Decision = std::sync::Arc<
    dyn Fn(&mut Order, chrono::DateTime<chrono::Utc>) -> Result<Outcome, TransitionError>
        + Send
        + Sync,
>;

#[component]
pub fn OrderSimulation(order: Order) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let message = expect_context::<ActionMessage>();
    let order_id = order.id().to_string();
    let mut choices: Vec<(&'static str, String, String, Decision)> = Vec::new();
    // The payment provider's review team decides at the provider; the order hears it.
    let review_buttons = order.can_decide_review().is_ok().then(|| {
        [
            ("sim-accept-review", "Review: accept the order", true),
            ("sim-reject-review", "Review: reject the order", false),
        ]
        .map(|(testid, label, accept)| {
            let order_id = order_id.clone();
            let on_click = move |_| {
                let done = if accept {
                    "The review accepted the order."
                } else {
                    "The review rejected the order."
                };
                let order_id = order_id.clone();
                spawn_local(async move {
                    message.show(
                        review_team_action(stores, notices, &order_id, accept)
                            .await
                            .map(|()| done.into()),
                    );
                });
            };
            view! { <button class="button-sim" data-testid=testid on:click=on_click>{label}</button> }
        })
        .collect_view()
    });
    if order.can_answer_cancellation().is_ok() {
        choices.push((
            "sim-approve-cancellation",
            "Seller: approve the cancellation".into(),
            "The seller approved the cancellation.".into(),
            std::sync::Arc::new(|o, now| o.answer_cancellation(true, now)),
        ));
        choices.push((
            "sim-refuse-cancellation",
            "Seller: refuse the cancellation".into(),
            "The seller refused the cancellation.".into(),
            std::sync::Arc::new(|o, now| o.answer_cancellation(false, now)),
        ));
    }
    if order.can_decide_dispute().is_ok() {
        choices.push((
            "sim-dispute-shopper",
            "Marketplace: decide the dispute for the shopper".into(),
            "The dispute was decided for the shopper.".into(),
            std::sync::Arc::new(|o, now| o.decide_dispute(DisputeDecision::ForShopper, now)),
        ));
        choices.push((
            "sim-dispute-seller",
            "Marketplace: decide the dispute for the seller".into(),
            "The dispute was decided for the seller.".into(),
            std::sync::Arc::new(|o, now| o.decide_dispute(DisputeDecision::ForSeller, now)),
        ));
    }
    for p in order
        .packages()
        .iter()
        .filter(|p| order.can_simulate_missed_handling(&p.id).is_ok())
    {
        let id = p.id.clone();
        choices.push((
            "sim-miss-handling",
            format!(
                "{}: miss the handling time for package {}",
                p.seller_name, p.number
            ),
            format!(
                "{} will not ship package {} in time.",
                p.seller_name, p.number
            ),
            std::sync::Arc::new(move |o, _| without_outcome(o.simulate_missed_handling(&id))),
        ));
    }
    let empty = choices.is_empty() && review_buttons.is_none();
    let buttons = choices
        .into_iter()
        .map(|(testid, label, done, decide)| {
            let order_id = order_id.clone();
            let on_click = move |_| {
                let decide = decide.clone();
                let done = done.clone();
                let order_id = order_id.clone();
                spawn_local(async move {
                    message.show(
                        order_action(stores, notices, &order_id, move |o, now| decide(o, now))
                            .await
                            .map(|()| done),
                    );
                });
            };
            view! { <button class="button-sim" data-testid=testid on:click=on_click>{label}</button> }
        })
        .collect_view();
    view! {
        <section class="simulation-box" aria-labelledby="order-sim-title" data-testid="order-simulation">
            <h2 id="order-sim-title">"Simulation: the other side"</h2>
            <p class="hint">"Not part of a real shop: decisions the seller, the review team or the marketplace would take."</p>
            {if empty {
                view! { <p>"Nothing is waiting for a decision on this order."</p> }.into_any()
            } else {
                view! { <div class="sim-buttons">{review_buttons}{buttons}</div> }.into_any()
            }}
        </section>
    }
}
