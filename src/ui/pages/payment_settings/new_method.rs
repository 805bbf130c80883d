//! Adding a card, a bank account or a wallet. The typed card number and security code live
//! only in this form's signals; they are cleared once the method is saved.

use leptos::prelude::*;

use crate::app::method_forms::{
    bank_method, card_brand_hint, card_method, wallet_method, BankForm, CardForm, FieldMessage,
    MethodField,
};
use crate::domain::payments::{MethodKind, PaymentMethod};
use crate::ui::clock::use_today;
use crate::ui::focus::focus_soon;
use crate::ui::stores::Stores;

const KINDS: [MethodKind; 4] = [
    MethodKind::DebitCard,
    MethodKind::CreditCard,
    MethodKind::BankAccount,
    MethodKind::Wallet,
];

fn field_id(field: MethodField) -> &'static str {
    match field {
        MethodField::CardNumber => "card-number",
        MethodField::CardExpiry => "card-expiry",
        MethodField::CardCvc => "card-cvc",
        MethodField::BankName => "bank-name",
        MethodField::BankAccountNumber => "bank-account",
        MethodField::WalletEmail => "wallet-email",
    }
}

#[component]
pub fn NewMethodForm() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let today = use_today();
    let kind = RwSignal::new(MethodKind::DebitCard);
    let card = RwSignal::new(CardForm::default());
    let bank = RwSignal::new(BankForm::default());
    let wallet_email = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldMessage>::new());
    let saved = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let id = stores.payments.with_untracked(|p| p.next_method_id());
        let result: Result<PaymentMethod, Vec<FieldMessage>> = match kind.get_untracked() {
            k @ (MethodKind::DebitCard | MethodKind::CreditCard) => card
                .with_untracked(|form| card_method(form, id, k, today.get_untracked()))
                .map(|method| with_persona_behaviour(stores, method)),
            MethodKind::BankAccount => bank.with_untracked(|form| bank_method(form, id)),
            MethodKind::Wallet => wallet_method(&wallet_email.get_untracked(), id),
        };
        match result {
            Ok(method) => {
                let label = method.label.clone();
                stores.payments.update(|p| p.add_method(method));
                errors.set(Vec::new());
                // Nothing of the typed card survives the save.
                card.set(CardForm::default());
                bank.set(BankForm::default());
                wallet_email.set(String::new());
                saved.set(Some(format!("Saved {label}.")));
            }
            Err(list) => {
                if let Some(first) = list.first() {
                    focus_soon(field_id(first.field));
                }
                errors.set(list);
            }
        }
    };

    view! {
        <form class="settings-form new-method" novalidate on:submit=submit data-testid="new-method-form">
            <h3>"Add a payment method"</h3>
            <fieldset class="method-kinds">
                <legend>"Type"</legend>
                {KINDS.map(|k| view! {
                    <label class="check">
                        <input type="radio" name="method-kind" value=k.name() data-testid=format!("method-kind-{:?}", k)
                            prop:checked=move || kind.get() == k
                            on:change=move |_| { kind.set(k); errors.set(Vec::new()); saved.set(None); } />
                        {k.name()}
                    </label>
                })}
            </fieldset>
            {move || match kind.get() {
                MethodKind::DebitCard | MethodKind::CreditCard => view! { <CardFields card errors /> }.into_any(),
                MethodKind::BankAccount => view! { <BankFields bank errors /> }.into_any(),
                MethodKind::Wallet => view! {
                    <p class="hint">"A wallet cannot be charged automatically: each payment waits for your OK in My Klarna."</p>
                    <TextField field=MethodField::WalletEmail label="Wallet email" autocomplete="email" input_type="email"
                        value=Signal::derive(move || wallet_email.get())
                        on_input=Callback::new(move |v: String| wallet_email.set(v)) errors />
                }.into_any(),
            }}
            <button type="submit" class="button-primary" data-testid="save-method">"Save payment method"</button>
            <p class="form-status" role="status" data-testid="method-saved">{move || saved.get()}</p>
        </form>
    }
}

/// The linked persona's card behaviour from the simulation panel applies to new cards.
fn with_persona_behaviour(stores: Stores, method: PaymentMethod) -> PaymentMethod {
    let behaviour = stores
        .klarna_link
        .with_untracked(|l| l.email.clone())
        .map(|email| {
            stores
                .simulation
                .with_untracked(|s| s.card_behaviour(&email))
        });
    match behaviour {
        Some(b) => method.with_behaviour(b.into()),
        None => method,
    }
}

fn error_for(errors: RwSignal<Vec<FieldMessage>>, field: MethodField) -> Option<String> {
    errors.with(|list| {
        list.iter()
            .find(|m| m.field == field)
            .map(|m| m.message.clone())
    })
}

#[component]
fn CardFields(card: RwSignal<CardForm>, errors: RwSignal<Vec<FieldMessage>>) -> impl IntoView {
    let number = Signal::derive(move || card.with(|c| c.number.clone()));
    let brand = move || card.with(|c| card_brand_hint(&c.number));
    view! {
        <TextField field=MethodField::CardNumber label="Card number" autocomplete="cc-number" input_type="text"
            numeric=true value=number on_input=Callback::new(move |v: String| card.update(|c| c.number = v)) errors />
        <p class="hint" aria-live="polite">{move || brand().map(|b| format!("{b} card"))}</p>
        <div class="field-row">
            <TextField field=MethodField::CardExpiry label="Expiry (MM/YY)" autocomplete="cc-exp" input_type="text"
                value=Signal::derive(move || card.with(|c| c.expiry.clone()))
                on_input=Callback::new(move |v: String| card.update(|c| c.expiry = v)) errors />
            <TextField field=MethodField::CardCvc label="Security code" autocomplete="cc-csc" input_type="text"
                numeric=true value=Signal::derive(move || card.with(|c| c.cvc.clone()))
                on_input=Callback::new(move |v: String| card.update(|c| c.cvc = v)) errors />
        </div>
    }
}

#[component]
fn BankFields(bank: RwSignal<BankForm>, errors: RwSignal<Vec<FieldMessage>>) -> impl IntoView {
    view! {
        <TextField field=MethodField::BankName label="Bank name" autocomplete="off" input_type="text"
            value=Signal::derive(move || bank.with(|b| b.bank_name.clone()))
            on_input=Callback::new(move |v: String| bank.update(|b| b.bank_name = v)) errors />
        <TextField field=MethodField::BankAccountNumber label="Account number" autocomplete="off" input_type="text"
            numeric=true value=Signal::derive(move || bank.with(|b| b.account_number.clone()))
            on_input=Callback::new(move |v: String| bank.update(|b| b.account_number = v)) errors />
    }
}

/// A labelled input with its message underneath, linked for screen readers.
#[component]
fn TextField(
    field: MethodField,
    label: &'static str,
    autocomplete: &'static str,
    input_type: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional)] numeric: bool,
    errors: RwSignal<Vec<FieldMessage>>,
) -> impl IntoView {
    let id = field_id(field);
    let error_id = format!("{id}-error");
    let message = move || error_for(errors, field);
    let on_input = move |ev| {
        on_input.run(event_target_value(&ev));
        errors.update(|list| list.retain(|m| m.field != field));
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name=id type=input_type autocomplete=autocomplete data-testid=id
                inputmode=numeric.then_some("numeric")
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get() on:input=on_input />
            <p id=error_id class="field-error" role="alert">{message}</p>
        </div>
    }
}
