//! The simulation panel: the Klarna persona's purchase limit and card behaviour, the
//! provider's latency and injected faults, and a reset of everything. Clearly not a real
//! bank setting, and labelled so.

use crate::domain::money::Money;
use crate::klarna::simulation::{parse_latency, parse_purchase_limit};
use crate::klarna::{CardBehaviour, Fault, PersonaSettings};
use crate::ui::components::shop_files::ShopFiles;
use crate::ui::notices::Notices;
use crate::ui::shop::use_market;
use crate::ui::stores::Stores;
use crate::ui::tab_lock::lock_kind;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SimulationPage() -> impl IntoView {
    view! {
        <Title text="Simulation" />
        <section class="page narrow sim-panel" data-testid="sim-panel" aria-labelledby="sim-title">
            <h1 id="sim-title" data-testid="page-title">"Simulation panel"</h1>
            <p class="sim-badge">"Simulation only: these settings change how the pretend Klarna behaves in this browser."</p>
            <PersonaSettingsForm />
            <ProviderSettingsForm />
            <ShopFiles />
            <ResetAllData />
        </section>
    }
}

fn behaviour_id(b: CardBehaviour) -> &'static str {
    match b {
        CardBehaviour::Pays => "pays",
        CardBehaviour::Declines => "declines",
        CardBehaviour::Expired => "expired",
    }
}

const BEHAVIOURS: [(CardBehaviour, &str); 3] = [
    (CardBehaviour::Pays, "Pays"),
    (CardBehaviour::Declines, "Declines every charge"),
    (CardBehaviour::Expired, "Is expired"),
];

#[component]
fn PersonaSettingsForm() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let market = use_market();
    let email = move || stores.klarna_link.with(|l| l.email.clone());
    let current = move || {
        stores.simulation.with(|s| match email() {
            Some(e) => s.persona(&e).clone(),
            None => s.default_persona.clone(),
        })
    };
    let limit_text = RwSignal::new(String::new());
    let behaviour = RwSignal::new(CardBehaviour::Pays);
    // The form shows the stored settings whenever they (or the linked email) change.
    Effect::new(move |_| {
        let persona = current();
        let currency = market.get().currency();
        limit_text.set(
            persona
                .purchase_limit
                .map(|minor| Money::from_minor(minor, currency).amount().to_string())
                .unwrap_or_default(),
        );
        behaviour.set(persona.card_behaviour);
    });
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let currency = market.get_untracked().currency();
        let limit = match parse_purchase_limit(&limit_text.get_untracked(), currency) {
            Ok(limit) => limit,
            Err(refusal) => {
                error.set(Some(refusal.to_string()));
                return;
            }
        };
        error.set(None);
        let settings = PersonaSettings {
            purchase_limit: limit,
            card_behaviour: behaviour.get_untracked(),
        };
        let who = email();
        stores.act(|shop| shop.set_persona(who.as_deref(), settings));
        saved.set(Some("Persona settings saved.".into()));
    };
    view! {
        <form class="settings-card settings-form" novalidate on:submit=submit>
            <h2>"Persona"</h2>
            <p>{move || match email() {
                Some(e) => format!("Settings for the linked Klarna account {e}."),
                None => "No Klarna account is linked: these settings apply to every shopper without their own.".to_string(),
            }}</p>
            <div class="field">
                <label for="sim-limit">{move || format!("Purchase limit ({})", market.get().currency().code())}</label>
                <input id="sim-limit" type="text" inputmode="decimal" data-testid="sim-limit"
                    aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    aria-describedby="sim-limit-hint sim-limit-error"
                    prop:value=move || limit_text.get() on:input=move |ev| limit_text.set(event_target_value(&ev)) />
                <p id="sim-limit-hint" class="hint">"Leave empty for no limit. Options above the limit are shown disabled at checkout."</p>
                <p id="sim-limit-error" class="field-error" role="alert">{move || error.get()}</p>
            </div>
            <div class="field">
                <label for="sim-card">"The persona's card"</label>
                <select id="sim-card" data-testid="sim-card-behaviour"
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        if let Some((b, _)) = BEHAVIOURS.iter().find(|(b, _)| behaviour_id(*b) == id) { behaviour.set(*b); }
                    }>
                    {BEHAVIOURS.map(|(b, label)| view! {
                        <option value=behaviour_id(b) selected=move || behaviour.get() == b>{label}</option>
                    })}
                </select>
            </div>
            <button type="submit" class="button-primary" data-testid="sim-save-persona">"Save persona"</button>
            <p class="form-status" role="status">{move || saved.get()}</p>
        </form>
    }
}

fn fault_id(f: Fault) -> &'static str {
    match f {
        Fault::None => "none",
        Fault::Timeout => "timeout",
        Fault::Error => "error",
    }
}

#[component]
fn ProviderSettingsForm() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let latency = RwSignal::new(
        stores
            .simulation
            .with_untracked(|s| s.latency_ms.to_string()),
    );
    let fault = RwSignal::new(Fault::Timeout);
    let latency_error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let pending_fault = move || {
        stores.simulation.with(|s| match s.pending_fault() {
            Fault::None => "No fault is waiting.".to_string(),
            f => format!(
                "Waiting: {} on the next {}.",
                if f == Fault::Timeout {
                    "a timeout"
                } else {
                    "an error"
                },
                match s.fault_calls_remaining {
                    1 => "provider call".to_string(),
                    n => format!("{n} provider calls"),
                }
            ),
        })
    };
    let save_latency = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_latency(&latency.get_untracked()) {
            Ok(ms) => {
                latency_error.set(None);
                stores.simulation.update(|s| s.latency_ms = ms);
                saved.set(Some(format!("Klarna now takes {ms} ms to answer.")));
            }
            Err(refusal) => latency_error.set(Some(refusal.to_string())),
        }
    };
    let inject = move |_| {
        let f = fault.get_untracked();
        stores.simulation.update(|s| s.inject_fault(f, 1));
    };
    let clear = move |_| stores.simulation.update(|s| s.inject_fault(Fault::None, 0));
    view! {
        <section class="settings-card" aria-labelledby="sim-provider-title">
            <h2 id="sim-provider-title">"Klarna provider"</h2>
            <form class="settings-form" novalidate on:submit=save_latency>
                <div class="field">
                    <label for="sim-latency">"Latency (milliseconds)"</label>
                    <input id="sim-latency" type="text" inputmode="numeric" data-testid="sim-latency"
                        aria-invalid=move || latency_error.with(|e| e.is_some()).to_string()
                        aria-describedby="sim-latency-error"
                        prop:value=move || latency.get() on:input=move |ev| latency.set(event_target_value(&ev)) />
                    <p id="sim-latency-error" class="field-error" role="alert">{move || latency_error.get()}</p>
                </div>
                <button type="submit" class="button-primary" data-testid="sim-save-latency">"Save latency"</button>
                <p class="form-status" role="status">{move || saved.get()}</p>
            </form>
            <div class="settings-form">
                <div class="field">
                    <label for="sim-fault">"Fault on the next call"</label>
                    <select id="sim-fault" data-testid="sim-fault" aria-describedby="sim-fault-effect"
                        on:change=move |ev| fault.set(if event_target_value(&ev) == fault_id(Fault::Error) { Fault::Error } else { Fault::Timeout })>
                        {[Fault::Timeout, Fault::Error].into_iter().map(|f| view! { <option value=fault_id(f)>{f.label()}</option> }).collect_view()}
                    </select>
                    <p class="hint" id="sim-fault-effect" data-testid="sim-fault-effect">{move || fault.get().effect()}</p>
                </div>
                <div class="form-actions">
                    <button type="button" class="button-primary" data-testid="sim-inject-fault" on:click=inject>"Inject fault"</button>
                    <button type="button" class="button-quiet" on:click=clear>"Clear fault"</button>
                </div>
                <p role="status" data-testid="sim-fault-status">{pending_fault}</p>
            </div>
        </section>
    }
}

#[component]
fn ResetAllData() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let confirming = RwSignal::new(false);
    let reset = move |_| {
        confirming.set(false);
        if stores.act(|shop| shop.reset()).is_some() {
            notices.info("All data was reset: the shop starts fresh.");
        }
    };
    view! {
        <section class="settings-card" aria-labelledby="sim-tabs-title">
            <h2 id="sim-tabs-title">"Several tabs"</h2>
            <p data-testid="sim-tab-lock">{format!("Every tab shows what the others saved. Placing an order, every call to Klarna and adding to the cart run in one tab at a time, using {}.", lock_kind().describe())}</p>
        </section>
        <section class="settings-card danger" aria-labelledby="sim-reset-title">
            <h2 id="sim-reset-title">"Reset"</h2>
            <p>"Deletes your account, cart, orders, payment plans, inbox, Klarna link and the simulated clock in this browser."</p>
            <Show when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="button-quiet" data-testid="sim-reset" on:click=move |_| confirming.set(true)>"Reset all data…"</button>
                }>
                <div role="alertdialog" aria-labelledby="sim-reset-question" class="confirm-box">
                    <p id="sim-reset-question"><strong>"Delete everything? This cannot be undone."</strong></p>
                    <button type="button" class="button-primary" data-testid="sim-reset-confirm" on:click=reset>"Yes, delete everything"</button>
                    <button type="button" class="button-quiet" data-autofocus="true" on:click=move |_| confirming.set(false)>"Keep my data"</button>
                </div>
            </Show>
        </section>
    }
}
