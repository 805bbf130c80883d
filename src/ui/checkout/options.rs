//! Every option with its terms or the reason it is disabled, and the selected plan's payments.

use leptos::prelude::*;

use super::state::CheckoutFlow;
use crate::domain::format;
use crate::domain::plans::{plain_terms, PlanKind, PlanOffer};

#[component]
pub fn PlanOptions(
    offers: Memo<Vec<PlanOffer>>,
    flow: CheckoutFlow,
    #[prop(into)] locked: Signal<bool>,
) -> impl IntoView {
    view! {
        <fieldset class="plan-options" disabled=move || locked.get()>
            <legend>"Choose how to pay"</legend>
            {move || offers.get().into_iter().map(|offer| view! { <PlanOptionRow offer flow /> }).collect_view()}
        </fieldset>
    }
}

#[component]
fn PlanOptionRow(offer: PlanOffer, flow: CheckoutFlow) -> impl IntoView {
    let kind = offer.kind;
    let eligible = offer.is_eligible();
    let detail_id = format!("plan-detail-{}", kind.id());
    let detail = match &offer.result {
        Ok(plan) => plain_terms(plan),
        Err(reason) => format!("Not available: {}.", reason.message()),
    };
    view! {
        <label class="plan-option" class:ineligible=!eligible
            class:selected=move || flow.plan.get() == Some(kind)
            data-testid="plan-option" data-plan=kind.id() data-eligible=eligible.to_string()>
            <input type="radio" name="klarna-plan" value=kind.id()
                disabled=!eligible
                aria-describedby=detail_id.clone()
                prop:checked=move || flow.plan.get() == Some(kind)
                on:change=move |_| flow.plan.set(Some(kind)) />
            <span class="plan-name">{kind.name()}</span>
            <span class="plan-detail" id=detail_id>{detail}</span>
        </label>
    }
}

/// The payments of the selected option: dates, amounts, and what it costs in all.
#[component]
pub fn SelectedSchedule(offers: Memo<Vec<PlanOffer>>, flow: CheckoutFlow) -> impl IntoView {
    let selected = move || {
        let kind: PlanKind = flow.plan.get()?;
        offers.with(|all| {
            all.iter()
                .find(|o| o.kind == kind)
                .and_then(|o| o.plan().cloned())
        })
    };
    move || {
        selected().map(|plan| {
            let interest_free = plan.is_interest_free();
            let estimated = plan.due_dates_are_estimates();
            view! {
                <section class="plan-schedule" aria-labelledby="plan-schedule-title" data-testid="plan-schedule">
                    <h3 id="plan-schedule-title">{format!("Your payments with {}", plan.kind.name())}</h3>
                    <table>
                        <thead><tr><th scope="col">"Payment"</th><th scope="col">"Date"</th><th scope="col">"Amount"</th>
                            {(!interest_free).then(|| view! { <th scope="col">"Of which interest"</th> })}
                        </tr></thead>
                        <tbody>
                            {plan.installments.iter().map(|i| view! {
                                <tr data-testid="plan-installment">
                                    <td>{format!("{} of {}", i.number, plan.installments.len())}</td>
                                    <td>{format::date(i.due)}{(estimated).then_some(" (estimated)")}</td>
                                    <td class="money">{i.amount.to_string()}</td>
                                    {(!interest_free).then(|| view! { <td class="money">{i.interest.to_string()}</td> })}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {estimated.then(|| view! {
                        <p class="hint">"Pay in 30 days counts from the day your order ships, so the date is an estimate; it is never earlier than shown."</p>
                    })}
                    <dl class="plan-costs">
                        <dt>"Total cost"</dt><dd data-testid="plan-total-cost">{plan.total_cost.to_string()}</dd>
                        <dt>"Interest"</dt><dd data-testid="plan-interest">{plan.total_interest.to_string()}</dd>
                        <dt>"APR"</dt><dd data-testid="plan-apr">{format!("{}%", plan.apr.normalize())}</dd>
                    </dl>
                    <p class="plan-terms" data-testid="plan-terms">{plain_terms(&plan)}</p>
                </section>
            }
        })
    }
}
