//! One order: status, packages and tracking, the payment plan with refunds applied,
//! protection and returns, the shopper's actions, a timeline, and the simulation box.

use crate::domain::format;
use crate::ui::components::action_message::{ActionMessage, ActionMessageLine};
use crate::ui::links::Link;
use leptos::prelude::*;

use crate::ui::components::status_pill::StatusPill;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::app::OrderRecord;
use crate::domain::orders::{FraudStatus, ProtectionStatus};
use crate::domain::payments::PaymentRefundChange;
use crate::ui::actions::order_action;
use crate::ui::clock::{use_now, use_today};
use crate::ui::components::dispute_form::DisputeForm;
use crate::ui::components::order_packages::PackageCard;
use crate::ui::components::order_simulation::OrderSimulation;
use crate::ui::components::return_form::ReturnForm;
use crate::ui::notices::Notices;
use crate::ui::stores::Stores;

#[component]
pub fn OrderPage() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let record = Memo::new(move |_| stores.orders.with(|b| b.get(&id.get()).cloned()));
    ActionMessage::provide();
    let show_return = RwSignal::new(false);
    let show_dispute = RwSignal::new(false);
    view! {
        <Title text=move || format!("Order {}", id.get()) />
        <section class="page order-page">
            {move || match record.get() {
                None => view! {
                    <h1 data-testid="page-title">"Order not found"</h1>
                    <p>{format!("There is no order {} in this browser.", id.get())}" "<Link href="/orders">"See your orders"</Link></p>
                }.into_any(),
                Some(record) => view! { <OrderDetails record show_return show_dispute /> }.into_any(),
            }}
        </section>
    }
}

/// What the order page offers that depends on the time as well as on the order.
#[derive(Clone, Copy, PartialEq)]
struct TimedOffers {
    protection: ProtectionStatus,
    can_return: bool,
    can_dispute: bool,
}

#[component]
fn OrderDetails(
    record: OrderRecord,
    show_return: RwSignal<bool>,
    show_dispute: RwSignal<bool>,
) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let message = expect_context::<ActionMessage>();
    // Re-rendered each simulated day so windows and "days left" stay true.
    let today = use_today();
    let now = use_now();
    let order = record.order.clone();
    let id = order.id().to_string();
    let status = order.status();
    // Every offer is the domain's answer to "may I?", asked again as the clock moves.
    let can_cancel = order.can_cancel().is_ok();
    let can_confirm = order.can_confirm_receipt().is_ok();
    let offers = {
        let order = order.clone();
        Memo::new(move |_| {
            let now = now.get();
            TimedOffers {
                protection: order.protection(now),
                can_return: !order.returnable_packages(now).is_empty(),
                can_dispute: !order.problem_choices(now).is_empty(),
            }
        })
    };
    let can_return = move || offers.with(|o| o.can_return);
    let can_dispute = move || offers.with(|o| o.can_dispute);
    let act = move |done: &'static str,
                    action: fn(
        &mut crate::domain::orders::Order,
        chrono::DateTime<chrono::Utc>,
    ) -> Result<
        crate::domain::orders::Outcome,
        crate::domain::orders::TransitionError,
    >| {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            spawn_local(async move {
                message.show(
                    order_action(stores, notices, &id, action)
                        .await
                        .map(|()| done.to_string()),
                )
            });
        }
    };
    let cancel = act("Cancellation requested.", |o, now| {
        o.request_cancellation(now)
    });
    let confirm = act("Thanks: receipt confirmed.", |o, now| {
        o.confirm_receipt(now)
    });
    let lines = order
        .lines()
        .iter()
        .map(|l| {
            view! {
                <li>
                    <span>{format!("{} × {}", l.quantity, l.product_name)}</span>
                    <span class="variant-label">{l.variant_label.clone()}</span>
                    <span class="amount">{l.items_total.to_string()}</span>
                </li>
            }
        })
        .collect_view();
    let review = order.review().clone();
    let cancellation = order.cancellation().cloned();
    let timeline = order
        .timeline()
        .into_iter()
        .rev()
        .map(|e| {
            view! {
                <li data-testid="timeline-entry">
                    <time datetime=e.at.to_rfc3339()>{format::date_time(e.at)}</time>
                    " "{e.text}
                </li>
            }
        })
        .collect_view();
    let order_for_packages = order.clone();
    let packages = move || {
        today.track();
        let now = now.get_untracked();
        order_for_packages
            .packages()
            .iter()
            .map(|p| view! { <PackageCard order=order_for_packages.clone() package=p.clone() now /> })
            .collect_view()
    };
    let order_for_return = order.clone();
    let order_for_dispute = order.clone();
    let order_for_sim = order.clone();
    view! {
        <div class="page-heading">
            <h1 data-testid="page-title">{format!("Order {}", order.id())}</h1>
            <Link href=format!("/orders/{}/receipt", order.id()) attr:data-testid="receipt-link">"Receipt"</Link>
        </div>
        <p class="order-summary">
            <span class=format!("status-pill order-status") data-testid="order-status">{status.label()}</span>
            {format!(" · placed {} · {} · {}", format::date_time(order.placed_at()), order.total(), record.plan.kind.name())}
        </p>
        {(review.status != FraudStatus::Accepted || !review.flags.is_empty()).then(|| view! {
            <div class="review-box" data-testid="order-review">
                <p>{format!("Payment review: {}", review.status.code())}</p>
                {(!review.message.is_empty()).then(|| view! { <p>{review.message.clone()}</p> })}
                <ul>{review.flags.iter().map(|f| view! { <li>{f.reason.clone()}</li> }).collect_view()}</ul>
            </div>
        })}
        {cancellation.map(|c| view! {
            <p class="notice-inline" data-testid="cancellation-state">{match &c.answer {
                None => format!("Cancellation requested. The seller has until {} to answer; without an answer it is approved.", format::date_time(c.approve_by())),
                Some(a) if a.approved => "The cancellation was approved.".to_string(),
                Some(_) => "The seller refused the cancellation: the order goes ahead.".to_string(),
            }}</p>
        })}
        {move || offers.with(|o| {
            let protection = o.protection;
            view! { <p class="protection" data-testid="protection-ends" data-state=protection.hook()>{protection.to_string()}</p> }
        })}

        <div class="order-actions">
            {can_cancel.then(|| view! { <button data-testid="cancel-order" on:click=cancel>"Cancel order"</button> })}
            {can_confirm.then(|| view! { <button data-testid="confirm-receipt" on:click=confirm>"Confirm receipt"</button> })}
            <Show when=can_return>
                <button data-testid="start-return" aria-expanded=move || show_return.get().to_string()
                    on:click=move |_| { show_return.update(|v| *v = !*v); show_dispute.set(false); }>"Start a return"</button>
            </Show>
            <Show when=can_dispute>
                <button data-testid="open-dispute" aria-expanded=move || show_dispute.get().to_string()
                    on:click=move |_| { show_dispute.update(|v| *v = !*v); show_return.set(false); }>"Report a problem"</button>
            </Show>
        </div>
        <ActionMessageLine message testid="order-message" />
        <Show when=move || show_return.get() && can_return()>
            <ReturnForm order=order_for_return.clone() open=show_return />
        </Show>
        <Show when=move || show_dispute.get() && can_dispute()>
            <DisputeForm order=order_for_dispute.clone() open=show_dispute />
        </Show>

        <div class="order-columns">
            <div>
                <section aria-labelledby="items-title">
                    <h2 id="items-title">"Items"</h2>
                    <ul class="order-lines">{lines}</ul>
                </section>
                <section aria-labelledby="packages-title">
                    <h2 id="packages-title">"Packages"</h2>
                    {packages}
                </section>
            </div>
            <div>
                <OrderPlan record=record.clone() />
                <section aria-labelledby="timeline-title">
                    <h2 id="timeline-title">"Timeline"</h2>
                    <ol class="timeline" data-testid="order-timeline">{timeline}</ol>
                </section>
            </div>
        </div>
        <OrderSimulation order=order_for_sim />
    }
}

/// The order's payment plan as it stands now, refunds applied, and the refunds themselves.
#[component]
fn OrderPlan(record: OrderRecord) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let id = record.order.id().to_string();
    let account = move || stores.payments.with(|p| p.account(&id).cloned());
    let agreed = record.plan.clone();
    let refunds = record
        .order
        .refunds()
        .iter()
        .map(|r| {
            view! {
                <li data-testid="refund-row">
                    <time datetime=r.at.to_rfc3339()>{format::date(r.at)}</time>
                    {format!(" · {} · {}", r.amount, r.reason)}
                    {r.package.as_ref().map(|p| format!(" (package {p})"))}
                </li>
            }
        })
        .collect_view();
    let has_refunds = !record.order.refunds().is_empty();
    view! {
        <section aria-labelledby="plan-title" data-testid="order-plan">
            <h2 id="plan-title">{format!("Payment plan: {}", record.plan.kind.name())}</h2>
            {move || account().map(|a| {
                let paused = a.is_paused();
                let balance = a.balance();
                let interest_dropped = a.interest_dropped();
                view! {
                    <ul class="plan-payments">
                        {a.installments.iter().map(|i| {
                            let status = i.display_status(paused);
                            view! {
                                <li class="plan-payment" data-testid="order-payment">
                                    <span>{format!("Payment {} · due {}", i.number, format::date(i.due))}</span>
                                    <span class="amount">{i.shown_amount().to_string()}</span>
                                    {i.refund_change(&agreed).map(|c| view! { <span class="hint" data-testid="payment-refund-change">{refund_change_text(&c)}</span> })}
                                    <StatusPill status />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <dl class="plan-balance">
                        <dt>"Paid"</dt><dd>{balance.paid.to_string()}</dd>
                        <dt>"Still owed"</dt><dd data-testid="order-owed">{balance.owed.to_string()}</dd>
                        <dt>"Refunded to you"</dt><dd>{balance.refunded_to_shopper.to_string()}</dd>
                        {(!balance.refunds_processing.is_zero()).then(|| view! { <dt>"Of which on its way"</dt><dd>{balance.refunds_processing.to_string()}</dd> })}
                        {(!interest_dropped.is_zero()).then(|| view! { <dt>"Interest dropped by refunds"</dt><dd data-testid="order-interest-dropped">{interest_dropped.to_string()}</dd> })}
                    </dl>
                }
            })}
            <h3>"Refunds"</h3>
            {if has_refunds {
                view! { <ul class="refunds">{refunds}</ul> }.into_any()
            } else {
                view! { <p class="empty">"No refunds on this order."</p> }.into_any()
            }}
        </section>
    }
}

/// A payment refunds changed, against what was agreed: "was $19.27: $15.81 refunded, $3.46
/// interest dropped" (interest-free plans drop no interest).
fn refund_change_text(change: &PaymentRefundChange) -> String {
    match *change {
        PaymentRefundChange::Lowered {
            agreed,
            price_refunded,
            interest_dropped,
        } if interest_dropped.is_zero() => format!("was {agreed}: {price_refunded} refunded"),
        PaymentRefundChange::Lowered {
            agreed,
            price_refunded,
            interest_dropped,
        } => {
            format!("was {agreed}: {price_refunded} refunded, {interest_dropped} interest dropped")
        }
        PaymentRefundChange::Reamortized { agreed } => {
            format!("was {agreed}, re-amortized after a refund")
        }
    }
}
