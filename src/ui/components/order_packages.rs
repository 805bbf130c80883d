//! A package on the order page: who ships it, where it is, when it should arrive, its
//! tracking, its return window, and the refund for a parcel later than its guarantee.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::format;
use crate::domain::orders::{Order, Package, PackageDates, ReturnStanding};
use crate::ui::actions::order_action;
use crate::ui::components::action_message::ActionMessage;
use crate::ui::notices::Notices;
use crate::ui::stores::Stores;

#[component]
pub fn PackageCard(order: Order, package: Package, now: DateTime<Utc>) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let message = expect_context::<ActionMessage>();
    let window = order
        .return_standing(&package.id, now)
        .map(|standing| match standing {
            ReturnStanding::Open {
                last_day,
                days_left,
            } => format!(
                "Return by {} ({days_left} {} left).",
                format::date(last_day),
                if days_left == 1 { "day" } else { "days" }
            ),
            ReturnStanding::OnItsWay { arrives_at } => format!(
                "Return on its way: the seller expects it by {}.",
                format::date(arrives_at)
            ),
            ReturnStanding::Closed { last_day } => {
                format!("The return window closed on {}.", format::date(last_day))
            }
        });
    let late_refund = order.can_refund_not_delivered(&package.id, now).is_ok();
    let order_id = order.id().to_string();
    let package_id = package.id.clone();
    let refund_late = move |_| {
        let package_id = package_id.clone();
        let order_id = order_id.clone();
        spawn_local(async move {
            message.show(
                order_action(stores, notices, &order_id, |o, now| {
                    o.refund_not_delivered(&package_id, now)
                })
                .await
                .map(|()| "The late package is refunded.".to_string()),
            );
        });
    };
    let heading = package.heading();
    let tracking = package
        .tracking_so_far()
        .iter()
        .rev()
        .map(|scan| {
            view! {
                <li data-testid="tracking-event">
                    <time datetime=scan.at.to_rfc3339()>{format::date_time(scan.at)}</time>
                    " "<strong>{scan.stage.label()}</strong>" · "{scan.description.clone()}
                </li>
            }
        })
        .collect_view();
    view! {
        <article class="package-card" data-testid="package" aria-label=heading.clone()>
            <h3>{heading.clone()}</h3>
            {package.replaces.as_ref().map(|original| view! { <p class="hint">{format!("Replacement for package {original}.")}</p> })}
            <p class="package-status" data-testid="package-status">{order.package_status_label(&package)}</p>
            <dl class="package-facts">
                <dt>"Delivery"</dt><dd>{package.delivery_name.clone()}</dd>
                {match order.package_dates(&package) {
                    PackageDates::Promised { estimate, .. } => view! {
                        <dt>"Estimated delivery"</dt>
                        <dd data-testid="delivery-estimate">{format!("{} – {}", format::date(estimate.earliest), format::date(estimate.latest))}</dd>
                        <dt>"Guaranteed by"</dt><dd data-testid="guaranteed-by">{format::date(estimate.latest)}</dd>
                        // The carrier is chosen with the dates, when the order goes to the seller.
                        <dt>"Carrier"</dt><dd>{package.carrier.name()}</dd>
                    }.into_any(),
                    undated => view! {
                        <dt>"Delivery dates"</dt><dd data-testid="no-dates">{undated.note()}</dd>
                    }.into_any(),
                }}
                <dt>"Tracking number"</dt>
                <dd>{match package.tracking_number.clone() {
                    Some(number) => view! { <span data-testid="tracking-number">{number}</span> }.into_any(),
                    None => view! { <span>"Given when the seller ships"</span> }.into_any(),
                }}</dd>
                <dt>"Package value"</dt><dd>{package.amount.to_string()}</dd>
            </dl>
            {window.map(|w| view! { <p class="return-window" data-testid="return-window">{w}</p> })}
            {(!package.tracking_so_far().is_empty()).then(|| view! {
                <ol class="tracking" aria-label="Tracking, newest first">{tracking}</ol>
            })}
            {late_refund.then(|| view! {
                <button data-testid="refund-late-package" on:click=refund_late>"Refund this late package"</button>
            })}
        </article>
    }
}
