//! Klarna's first step: who is paying. "Continue as" the linked email sends a one-time code
//! (simulated), which the shopper types here and can have sent again; the code goes to Klarna
//! with the authorization.

use leptos::prelude::*;

use super::flow::FlowStatus;
use super::state::{CheckoutFlow, OTP_INPUT_ID};
use crate::klarna::persona::FAILING_CODE;
use crate::ui::focus::focus_soon;

#[component]
pub fn IdentityStep(
    flow: CheckoutFlow,
    #[prop(into)] email: Signal<String>,
    #[prop(into)] locked: Signal<bool>,
) -> impl IntoView {
    let code_invalid = move || {
        flow.code_error.with(|e| e.is_some())
            || matches!(flow.status.get(), FlowStatus::WrongCode(_))
    };
    let send = move |_| {
        flow.send_code();
        focus_soon(OTP_INPUT_ID);
    };
    view! {
        <section class="identity-step" aria-labelledby="identity-title" data-testid="identity-step">
            <h3 id="identity-title">"1. Who is paying"</h3>
            <Show
                when=move || { flow.codes_sent.get() > 0 }
                fallback=move || view! {
                    <p>{move || format!("Your Klarna account: {}", email.get())}</p>
                    <button type="button" class="button-primary" data-testid="identity-continue"
                        disabled=move || locked.get() on:click=send>
                        {move || format!("Continue as {}", email.get())}
                    </button>
                }
            >
                <div class="field">
                    <label for=OTP_INPUT_ID>{move || format!("Code sent to {}", email.get())}</label>
                    <input id=OTP_INPUT_ID data-testid="otp-input" type="text" inputmode="numeric" autocomplete="one-time-code"
                        maxlength="6" disabled=move || locked.get()
                        aria-invalid=move || code_invalid().to_string()
                        aria-describedby="klarna-otp-hint klarna-otp-error"
                        prop:value=move || flow.code.get()
                        on:input=move |ev| { flow.code.set(event_target_value(&ev)); flow.code_error.set(None); } />
                    <p id="klarna-otp-hint" class="hint">
                        {move || match flow.codes_sent.get() {
                            1 => "Simulation: no message is really sent. Any six digits work; ".to_string(),
                            n => format!("Sent again ({n} codes so far). Simulation: any six digits work; "),
                        }}
                        {format!("{FAILING_CODE} is always wrong.")}
                    </p>
                    <p id="klarna-otp-error" class="field-error" data-testid="otp-error">
                        {move || flow.code_error.get().or_else(|| match flow.status.get() { FlowStatus::WrongCode(m) => Some(m), _ => None })}
                    </p>
                    <button type="button" class="button-quiet" data-testid="resend-code" disabled=move || locked.get()
                        on:click=send>"Send a new code"</button>
                </div>
            </Show>
        </section>
    }
}
