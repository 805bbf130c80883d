//! Every option with its terms or the reason it is disabled, and the selected plan's payments.

use leptos::prelude::*;

use super::state::CheckoutFlow;
use crate::domain::format;
use crate::domain::plans::{headline, plain_terms, PlanKind, PlanOffer};

#[component]
pub fn PlanOptions(
    offers: Memo<Vec<PlanOffer>>,
    flow: CheckoutFlow,
    #[prop(into)] locked: Signal<bool>,
) -> impl IntoView {
    // Every financing term is one card with a choice of months; each other option a card.
    let singles = move || {
        offers.with(|all| {
            all.iter()
                .filter(|o| !is_financing(o))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let financing = move || {
        offers.with(|all| {
            all.iter()
                .filter(|o| is_financing(o))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <fieldset class="plan-options" disabled=move || locked.get()>
            <legend>"Choose how to pay"</legend>
            {move || singles().into_iter().map(|offer| view! { <PlanOptionCard offer flow /> }).collect_view()}
            {move || {
                let terms = financing();
                (!terms.is_empty()).then(|| view! { <FinancingCard terms flow /> })
            }}
        </fieldset>
    }
}

fn is_financing(offer: &PlanOffer) -> bool {
    matches!(offer.kind, PlanKind::Financing { .. })
}

/// The headline and plain terms of an option, or why it is not offered.
fn option_text(offer: &PlanOffer) -> (String, String) {
    match &offer.result {
        Ok(plan) => (headline(plan), plain_terms(plan)),
        Err(reason) => (
            "Not available".to_string(),
            format!("Not available: {}.", reason.message()),
        ),
    }
}

/// One choosable option: its radio and what describes it, with the hooks journeys read
/// (`plan-option`, `data-plan`, `data-eligible`).
#[component]
fn OptionRadio(
    offer: PlanOffer,
    flow: CheckoutFlow,
    #[prop(optional)] class: &'static str,
    #[prop(optional, into)] described_by: Option<String>,
    children: Children,
) -> impl IntoView {
    let kind = offer.kind;
    let eligible = offer.is_eligible();
    view! {
        <label class=format!("plan-option {class}") class:ineligible=!eligible
            class:selected=move || flow.plan.get() == Some(kind)
            data-testid="plan-option" data-plan=kind.id() data-eligible=eligible.to_string()>
            <input type="radio" name="klarna-plan" value=kind.id()
                disabled=!eligible
                aria-describedby=described_by
                prop:checked=move || flow.plan.get() == Some(kind)
                on:change=move |_| flow.plan.set(Some(kind)) />
            {children()}
        </label>
    }
}

/// The amount and when first, the plain terms under it; or why the option is not offered.
#[component]
fn PlanOptionCard(offer: PlanOffer, flow: CheckoutFlow) -> impl IntoView {
    let detail_id = format!("plan-detail-{}", offer.kind.id());
    let name = offer.kind.name();
    let (headline, detail) = option_text(&offer);
    view! {
        <OptionRadio offer flow described_by=detail_id.clone()>
            <span class="plan-text">
                <span class="plan-name">{name}</span>
                <span class="plan-headline">{headline}</span>
                <span class="plan-detail" id=detail_id>{detail}</span>
            </span>
        </OptionRadio>
    }
}

/// One card for financing: the monthly figure of the chosen (or first offered) term, and a
/// choice of 6, 12, 18 or 24 months, each its own option.
#[component]
fn FinancingCard(terms: Vec<PlanOffer>, flow: CheckoutFlow) -> impl IntoView {
    let shown = {
        let terms = terms.clone();
        move || {
            let chosen = flow.plan.get();
            terms
                .iter()
                .find(|o| Some(o.kind) == chosen)
                .or_else(|| terms.iter().find(|o| o.is_eligible()))
                .or(terms.first())
                .cloned()
        }
    };
    let any_chosen = {
        let kinds: Vec<PlanKind> = terms.iter().map(|o| o.kind).collect();
        move || flow.plan.get().is_some_and(|k| kinds.contains(&k))
    };
    let text = Memo::new(move |_| shown().map(|o| option_text(&o)).unwrap_or_default());
    view! {
        <div class="plan-option-group" class:selected=any_chosen role="group" aria-labelledby="plan-financing-name"
            aria-describedby="plan-financing-detail" data-testid="financing-card">
            <span class="plan-name" id="plan-financing-name">"Financing"</span>
            <span class="plan-headline">{move || text.get().0}</span>
            <span class="month-choices">
                {terms.into_iter().map(|offer| view! { <MonthChoice offer flow /> }).collect_view()}
            </span>
            <span class="plan-detail" id="plan-financing-detail">{move || text.get().1}</span>
        </div>
    }
}

#[component]
fn MonthChoice(offer: PlanOffer, flow: CheckoutFlow) -> impl IntoView {
    let months = match offer.kind {
        PlanKind::Financing { months } => months,
        _ => 0,
    };
    // Read with the month by a screen reader, as the card shows it once for all terms.
    let reason = offer
        .ineligibility()
        .map(|r| format!(" Not available: {}.", r.message()));
    view! {
        <OptionRadio offer flow class="month-choice">
            {format!("{months} months")}
            {reason.map(|r| view! { <span class="visually-hidden">{r}</span> })}
        </OptionRadio>
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
