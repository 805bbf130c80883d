//! My Klarna: what is owed and when, every purchase's plan, past payments with receipts,
//! monthly spending, and the actions a shopper takes on a plan.

use crate::domain::format;
use crate::ui::components::action_message::{ActionMessage, ActionMessageLine};
use crate::ui::links::Link;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::app::payment_history::{monthly_spending, past_payments, plan_currencies, PastPayment};
use crate::app::plan_actions::{extend_due_date, pay_installment};
use crate::domain::payments::{PaymentPlanAccount, UpcomingPayment, EXTENSION_DAYS};
use crate::ui::actions::plan_action;
use crate::ui::clock::use_today;
use crate::ui::components::plan_card::PlanCard;
use crate::ui::components::spending_chart::SpendingChart;
use crate::ui::components::status_pill::StatusPill;
use crate::ui::stores::Stores;

/// Rows shown before "Show more": a long history should not make the page slow to open.
const PAGE_ROWS: usize = 25;

#[component]
pub fn MyKlarnaPage() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let message = ActionMessage::provide();
    let today = use_today();
    let payments = stores.payments;
    let shown_plans = RwSignal::new(PAGE_ROWS);
    let shown_upcoming = RwSignal::new(PAGE_ROWS);
    let shown_past = RwSignal::new(PAGE_ROWS);

    let balances = move || {
        payments.with(|p| {
            plan_currencies(p)
                .into_iter()
                .map(|c| p.total_owed(c))
                .collect::<Vec<_>>()
        })
    };
    // Each list is worked out once per change of the payments, however many parts show it.
    let upcoming = Memo::new(move |_| payments.with(|p| p.upcoming_payments()));
    let plans = Memo::new(move |_| {
        payments.with(|p| {
            let mut accounts: Vec<_> = p.accounts.values().cloned().collect();
            accounts.sort_by(|a, b| {
                b.opened_at
                    .cmp(&a.opened_at)
                    .then(b.order_id.cmp(&a.order_id))
            });
            accounts
        })
    });
    let past = Memo::new(move |_| payments.with(past_payments));
    let charts = move || {
        payments.with(|p| {
            plan_currencies(p)
                .into_iter()
                .map(|c| (c, monthly_spending(p, c, today.get(), 12)))
                .collect::<Vec<_>>()
        })
    };

    view! {
        <Title text="My Klarna" />
        <section class="page my-klarna">
            <h1 data-testid="page-title">"My Klarna"</h1>
            <ActionMessageLine message testid="action-message" />
            <Show when=move || payments.with(|p| !p.accounts.is_empty())
                fallback=|| view! {
                    <p class="empty">"No purchases with Klarna yet. Plans you choose at checkout appear here."</p>
                }>
                <section class="balance" aria-labelledby="balance-title">
                    <h2 id="balance-title">"Balance owed"</h2>
                    <p class="balance-amounts" data-testid="balance-owed">
                        {move || balances().into_iter().map(|b| b.to_string()).collect::<Vec<_>>().join(" · ")}
                    </p>
                </section>

                // A payment that needs the shopper is in the banner below, and a paused one
                // has no day yet; the headline is the next one that will simply be collected
                // or paid.
                {move || upcoming.get().into_iter().find(UpcomingPayment::is_collected_as_scheduled).map(|next| view! { <NextPayment next /> })}
                {move || {
                    let attention: Vec<_> = upcoming.get().into_iter().filter(UpcomingPayment::needs_attention).collect();
                    (!attention.is_empty()).then(|| view! { <OverdueBanner rows=attention /> })
                }}

                <section aria-labelledby="upcoming-title">
                    <h2 id="upcoming-title">"Upcoming payments"</h2>
                    <Show when=move || !upcoming.get().is_empty()
                        fallback=|| view! { <p class="empty">"Nothing to pay: no payment is scheduled."</p> }>
                        <div class="table-scroll">
                        <table class="payments-table">
                            <thead><tr>
                                <th scope="col">"Date"</th><th scope="col">"Purchase"</th><th scope="col">"Amount"</th>
                                <th scope="col">"Method"</th><th scope="col">"Collection"</th><th scope="col">"Status"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                {move || upcoming.get().into_iter().take(shown_upcoming.get()).map(|row| view! { <UpcomingRow row /> }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                        <Show when=move || upcoming.get().len().gt(&shown_upcoming.get())>
                            <button class="button-quiet" on:click=move |_| shown_upcoming.update(|n| *n += PAGE_ROWS)>"Show more upcoming payments"</button>
                        </Show>
                    </Show>
                </section>

                <section aria-labelledby="plans-title">
                    <h2 id="plans-title">"Your purchases"</h2>
                    <div class="plan-cards">
                        // The list shares the plans (`Arc`); only the cards shown get a copy.
                        {move || plans.get().into_iter().take(shown_plans.get()).map(|account| view! { <PlanCard account=PaymentPlanAccount::clone(&account) /> }).collect_view()}
                    </div>
                    <Show when=move || plans.get().len().gt(&shown_plans.get())>
                        <button class="button-quiet" on:click=move |_| shown_plans.update(|n| *n += PAGE_ROWS)>"Show more purchases"</button>
                    </Show>
                </section>

                <section aria-labelledby="spending-title">
                    <h2 id="spending-title">"Monthly spending"</h2>
                    {move || charts().into_iter().map(|(currency, months)| view! {
                        <SpendingChart months caption=format!("Paid per month in {}, last 12 months", currency.code()) />
                    }).collect_view()}
                </section>

                <section aria-labelledby="past-title">
                    <h2 id="past-title">"Past payments"</h2>
                    <Show when=move || !past.get().is_empty()
                        fallback=|| view! { <p class="empty">"No payments yet."</p> }>
                        <ul class="past-payments">
                            {move || past.get().into_iter().take(shown_past.get()).map(|row| view! { <PastPaymentRow row /> }).collect_view()}
                        </ul>
                        <Show when=move || past.get().len().gt(&shown_past.get())>
                            <button class="button-quiet" on:click=move |_| shown_past.update(|n| *n += PAGE_ROWS)>"Show more past payments"</button>
                        </Show>
                    </Show>
                </section>
            </Show>
        </section>
    }
}

/// What a shopper calls the purchase a payment belongs to ("Aurora Wireless Earbuds").
fn purchase_name(stores: Stores, order_id: &str) -> String {
    stores
        .orders
        .with_untracked(|o| o.get(order_id).map(|r| r.order.purchase_name()))
        .unwrap_or_else(|| format!("Order {order_id}"))
}

/// The one figure first: what is collected next, when, for what and from where.
#[component]
fn NextPayment(next: UpcomingPayment) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let name = purchase_name(stores, &next.order_id);
    view! {
        <section class="next-payment" aria-labelledby="next-payment-title" data-testid="next-payment">
            <h2 id="next-payment-title">"Next payment"</h2>
            <p class="next-payment-amount">{next.amount.to_string()}</p>
            <p>
                {format!("{} · {name}, payment {} of {}", format::date(next.collects_on), next.number, next.of)}
            </p>
            <p class="hint">
                {if next.autopay {
                    format!("Collected automatically from {}.", next.method_label)
                } else {
                    format!("You pay it yourself with {}: autopay is off.", next.method_label)
                }}
            </p>
        </section>
    }
}

/// A declined or missed payment, with when Klarna tries again and the two ways out.
#[component]
fn OverdueBanner(rows: Vec<UpcomingPayment>) -> impl IntoView {
    let stores = expect_context::<Stores>();
    view! {
        <section class="overdue-banner" role="alert" aria-labelledby="overdue-title" data-testid="overdue-banner">
            <h2 id="overdue-title">
                {if rows.len() == 1 { "A payment needs you".to_string() } else { format!("{} payments need you", rows.len()) }}
            </h2>
            <ul>
                {rows.iter().map(|row| {
                    let name = purchase_name(stores, &row.order_id);
                    let what = match row.retry_on {
                        Some(retry) => format!(
                            "{} for {name} was declined on {}. Klarna tries {} again on {}.",
                            row.amount, format::date(row.collects_on), row.method_label, format::date(retry)
                        ),
                        None => format!(
                            "{} for {name} was due on {} and is overdue.",
                            row.amount, format::date(row.collects_on)
                        ),
                    };
                    view! { <li>{what}</li> }
                }).collect_view()}
            </ul>
            <p class="overdue-actions">
                "Pay it now below, or "
                <Link href="/payment-settings">"change your card"</Link>
                " so the next try succeeds."
            </p>
        </section>
    }
}

#[component]
fn UpcomingRow(row: UpcomingPayment) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let message = expect_context::<ActionMessage>();
    let status = row.status;
    let name = purchase_name(stores, &row.order_id);
    // The plan's own answers; a paused plan may still be paid or extended.
    let (can_pay, can_extend) = stores.payments.with_untracked(|p| {
        p.account(&row.order_id).map_or((false, false), |a| {
            (
                a.can_pay_installment(row.number).is_ok(),
                a.can_extend(row.number).is_ok(),
            )
        })
    });
    let (order_id, number) = (row.order_id.clone(), row.number);
    let pay = {
        let order_id = order_id.clone();
        move |_| {
            let id = order_id.clone();
            message.show(plan_action(stores, move |p, inbox, now| {
                pay_installment(p, inbox, &id, number, now)
            }))
        }
    };
    let extend = {
        let order_id = order_id.clone();
        move |_| {
            let id = order_id.clone();
            message.show(plan_action(stores, move |p, inbox, now| {
                extend_due_date(p, inbox, &id, number, now)
            }))
        }
    };
    let what = format!(
        "payment {} of {} for order {}",
        row.number, row.of, row.order_id
    );
    let order_link = format!("/orders/{}", row.order_id);
    view! {
        <tr data-testid="upcoming-payment" data-order=order_id.clone() data-number=row.number>
            <td>
                {format::date(row.collects_on)}
                {row.due_move.map(|m| view! { <span class="hint" data-testid="due-note">{format!(" ({m})")}</span> })}
            </td>
            <td class="col-purchase">
                <Link href=order_link>{name}</Link>
                <span class="hint">{format!(" Payment {} of {} · order {}", row.number, row.of, row.order_id)}</span>
            </td>
            <td class="amount">{row.amount.to_string()}</td>
            <td class="col-method">{row.method_label.clone()}</td>
            <td class="col-collection">{if row.autopay { "Autopay" } else { "Manual" }}</td>
            <td class="col-status"><StatusPill status /></td>
            <td class="row-actions">
                {can_pay.then(|| view! {
                    <button data-testid="pay-now-installment" aria-label=format!("Pay now: {what}") on:click=pay>"Pay now"</button>
                })}
                {can_extend.then(|| view! {
                    <button class="button-quiet" data-testid="extend-due-date" aria-label=format!("Extend {EXTENSION_DAYS} days: {what}") on:click=extend>{format!("Extend {EXTENSION_DAYS} days")}</button>
                })}
            </td>
        </tr>
    }
}

#[component]
fn PastPaymentRow(row: PastPayment) -> impl IntoView {
    view! {
        <li class="past-payment" data-testid="past-payment">
            <details>
                <summary>
                    {format!("{} · {} · order {}, payment {} of {}", format::date(row.paid_at), row.amount, row.order_id, row.number, row.of)}
                </summary>
                <dl class="payment-receipt" data-testid="payment-receipt">
                    <dt>"Receipt"</dt><dd>{row.receipt_number.clone()}</dd>
                    <dt>"Paid on"</dt><dd>{format::date_time(row.paid_at)}</dd>
                    <dt>"Amount"</dt><dd>{row.amount.to_string()}</dd>
                    <dt>"Paid with"</dt><dd>{row.method_label.clone()}</dd>
                    {(!row.late_fee.is_zero()).then(|| view! { <dt>"Late fee included"</dt><dd>{row.late_fee.to_string()}</dd> })}
                    <dt>"Timing"</dt><dd>{if row.early { "Paid early" } else { "On its date" }}</dd>
                </dl>
            </details>
        </li>
    }
}
