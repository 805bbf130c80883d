//! Linking a Klarna account: the email, then a six-digit code, and a short sign-up for a
//! new Klarna customer.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::account::validate_email;
use crate::domain::format;
use crate::klarna::persona::FAILING_CODE;
use crate::klarna::ErrorCode;
use crate::ui::clock::use_now;
use crate::ui::focus::focus_soon;
use crate::ui::stores::Stores;

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Email,
    Code { email: String },
    SignUp { email: String },
}

#[component]
pub fn KlarnaLinkSection() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let now = use_now();
    let link = stores.klarna_link;
    let step = RwSignal::new(Step::Email);
    let unlink = move |_| {
        link.update(|l| {
            l.email = None;
            l.linked_at = None;
        });
        step.set(Step::Email);
    };
    view! {
        <section class="settings-card" aria-labelledby="klarna-link-title">
            <h2 id="klarna-link-title">"Klarna account"</h2>
            {move || match link.with(|l| l.email.clone().zip(l.linked_at)) {
                Some((email, at)) => view! {
                    <p class="linked" data-testid="klarna-linked">
                        {format!("Linked to {email} since {}.", format::date(at.date_naive()))}
                    </p>
                    <button type="button" class="button-quiet" on:click=unlink>"Unlink Klarna"</button>
                }.into_any(),
                None => match step.get() {
                    Step::Email => view! { <EmailStep step /> }.into_any(),
                    Step::Code { email } => view! { <CodeStep step email /> }.into_any(),
                    Step::SignUp { email } => view! { <SignUpStep email now /> }.into_any(),
                },
            }}
        </section>
    }
}

#[component]
fn EmailStep(step: RwSignal<Step>) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let initial = stores
        .account
        .with_untracked(|a| a.as_ref().map(|a| a.email.clone()).unwrap_or_default());
    let email = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate_email(&email.get_untracked()) {
            Ok(valid) => {
                error.set(None);
                step.set(Step::Code { email: valid });
                focus_soon("klarna-code");
            }
            Err(message) => {
                error.set(Some(message));
                focus_soon("klarna-email");
            }
        }
    };
    view! {
        <form class="settings-form" novalidate on:submit=submit>
            <p>"Link the Klarna account you pay with. We will send it a one-time code."</p>
            <div class="field">
                <label for="klarna-email">"Klarna email"</label>
                <input id="klarna-email" type="email" autocomplete="email" data-testid="klarna-email"
                    aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    aria-describedby="klarna-email-hint klarna-email-error"
                    prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
                <p id="klarna-email-hint" class="hint">"Simulation personas: an address with +denied is declined at checkout, +new_user signs up first."</p>
                <p id="klarna-email-error" class="field-error" role="alert">{move || error.get()}</p>
            </div>
            <button type="submit" class="button-primary" data-testid="klarna-send-code">"Send code"</button>
        </form>
    }
}

#[component]
fn CodeStep(step: RwSignal<Step>, email: String) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let now = use_now();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let for_submit = email.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked().trim().to_string();
        let email = for_submit.clone();
        let now = now.get_untracked();
        spawn_local(async move {
            // The provider checks the code's format as well as the code itself.
            let signed_in = stores
                .run(async |shop| shop.sign_in_to_klarna(&email, &typed, now).await)
                .await;
            let refusal = match signed_in {
                Ok(Ok(signed_in)) if signed_in.new_customer => {
                    return step.set(Step::SignUp {
                        email: signed_in.email,
                    })
                }
                Ok(Ok(_)) => return,
                Ok(Err(e)) if e.code() == ErrorCode::WrongCode => {
                    "That code is not correct. Check it and try again.".to_string()
                }
                Ok(Err(e)) if e.field.as_deref() == Some("one_time_code") => {
                    "Enter the six digits of the code.".to_string()
                }
                Ok(Err(e)) => e.message().to_string(),
                Err(changed) => changed.to_string(),
            };
            error.set(Some(refusal));
            focus_soon("klarna-code");
        });
    };
    view! {
        <form class="settings-form" novalidate on:submit=submit>
            <p>{format!("We sent a six-digit code to {email}.")}</p>
            <div class="field">
                <label for="klarna-code">"Six-digit code"</label>
                <input id="klarna-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
                    data-testid="klarna-code"
                    aria-invalid=move || error.with(|e| e.is_some()).to_string()
                    aria-describedby="klarna-code-hint klarna-code-error"
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                <p id="klarna-code-hint" class="hint">{format!("Simulation: any six digits work; {FAILING_CODE} is always wrong.")}</p>
                <p id="klarna-code-error" class="field-error" role="alert" data-testid="klarna-code-error">{move || error.get()}</p>
            </div>
            <div class="form-actions">
                <button type="submit" class="button-primary" data-testid="klarna-verify">"Verify and link"</button>
                <button type="button" class="button-quiet" on:click=move |_| step.set(Step::Email)>"Use another email"</button>
            </div>
        </form>
    }
}

#[component]
fn SignUpStep(email: String, now: Signal<chrono::DateTime<chrono::Utc>>) -> impl IntoView {
    let stores = expect_context::<Stores>();
    let initial = stores
        .account
        .with_untracked(|a| a.as_ref().map(|a| a.name.clone()).unwrap_or_default());
    let name = RwSignal::new(initial);
    let agreed = RwSignal::new(false);
    let name_error = RwSignal::new(None::<String>);
    let terms_error = RwSignal::new(None::<String>);
    let for_submit = email.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let trimmed = name.get_untracked().trim().to_string();
        name_error.set(
            trimmed
                .is_empty()
                .then(|| "Enter your full name.".to_string()),
        );
        terms_error.set(
            (!agreed.get_untracked())
                .then(|| "Agree to the terms to create the account.".to_string()),
        );
        if !trimmed.is_empty() && agreed.get_untracked() {
            link_account(stores, &for_submit, now.get_untracked());
        } else if trimmed.is_empty() {
            focus_soon("klarna-signup-name");
        } else {
            focus_soon("klarna-signup-terms");
        }
    };
    view! {
        <form class="settings-form" novalidate on:submit=submit data-testid="klarna-sign-up">
            <h3>"Create your Klarna account"</h3>
            <p>{format!("{email} is new to Klarna. A few details and you are set.")}</p>
            <div class="field">
                <label for="klarna-signup-name">"Full name"</label>
                <input id="klarna-signup-name" type="text" autocomplete="name"
                    aria-invalid=move || name_error.with(|e| e.is_some()).to_string()
                    aria-describedby="klarna-signup-name-error"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <p id="klarna-signup-name-error" class="field-error" role="alert">{move || name_error.get()}</p>
            </div>
            <div class="field">
                <label class="check" for="klarna-signup-terms">
                    <input id="klarna-signup-terms" type="checkbox" aria-describedby="klarna-signup-terms-error"
                        prop:checked=move || agreed.get() on:change=move |ev| agreed.set(event_target_checked(&ev)) />
                    "I agree to Klarna's (simulated) terms"
                </label>
                <p id="klarna-signup-terms-error" class="field-error" role="alert">{move || terms_error.get()}</p>
            </div>
            <button type="submit" class="button-primary" data-testid="klarna-create-account">"Create account and link"</button>
        </form>
    }
}

fn link_account(stores: Stores, email: &str, now: chrono::DateTime<chrono::Utc>) {
    stores.act(|shop| shop.link_klarna(email, now));
}
