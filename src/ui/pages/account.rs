//! Sign up and edit the account. The country picks the market; switching it re-prices the cart.

use crate::ui::links::Link;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::account::{AccountField, AccountForm, FieldError};
use crate::domain::market::Market;
use crate::ui::clock::use_now;
use crate::ui::notices::Notices;
use crate::ui::shop::use_shop;
use crate::ui::stores::Stores;

const TEXT_FIELDS: [(AccountField, &str); 7] = [
    (AccountField::Name, "name"),
    (AccountField::Email, "email"),
    (AccountField::Line1, "address-line1"),
    (AccountField::Line2, "address-line2"),
    (AccountField::City, "address-level2"),
    (AccountField::Region, "address-level1"),
    (AccountField::Postcode, "postal-code"),
];

#[component]
pub fn AccountPage() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let shop = use_shop();
    let now = use_now();
    let account = stores.account;
    let initial = account.with_untracked(|a| {
        a.as_ref()
            .map(AccountForm::from_account)
            .unwrap_or_else(|| AccountForm {
                country: Market::US.country_code().to_string(),
                ..AccountForm::default()
            })
    });
    let form = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(false);
    let error_for = move |field: AccountField| {
        errors.with(|e| {
            e.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        match form.get_untracked().validate() {
            Err(list) => {
                errors.set(list);
                focus_first_error(&errors.get_untracked());
            }
            Ok(new_account) => {
                errors.set(Vec::new());
                let now = now.get_untracked();
                let Some(saved_account) =
                    stores.act(|state| state.save_account(new_account, &shop.catalog, now))
                else {
                    return;
                };
                if let Some(repricing) = saved_account.repricing {
                    notices.info(repricing);
                }
                saved.set(true);
            }
        }
    };

    view! {
        <Title text="Account" />
        <section class="page narrow">
            <h1 data-testid="page-title">"Account"</h1>
            {move || account.with(|a| a.as_ref().map(|a| view! {
                <p class="account-summary" data-testid="account-summary">
                    {format!("Signed in as {} ({}), shopping in the {} with {}.", a.name, a.email, a.market.country_name(), a.market.currency().code())}
                </p>
            }))}
            <p class="account-links">
                <Link href="/payment-settings">"Payment settings"</Link>
                " · link Klarna and manage your cards, bank accounts and wallet."
            </p>
            <form class="account-form" novalidate on:submit=on_submit>
                <h2>{move || if account.with(|a| a.is_some()) { "Edit your details" } else { "Sign up" }}</h2>
                {TEXT_FIELDS.map(|(field, autocomplete)| view! {
                    <div class="field">
                        <label for=field.id()>{field.label()}{(field == AccountField::Line2).then_some(" (optional)")}</label>
                        <input id=field.id() name=field.id() autocomplete=autocomplete
                            type=if field == AccountField::Email { "email" } else { "text" }
                            aria-invalid=move || error_for(field).is_some().to_string()
                            aria-describedby=format!("{}-error", field.id())
                            prop:value=move || form.with(|f| f.field(field).to_string())
                            on:input=move |ev| form.update(|f| f.set_field(field, event_target_value(&ev))) />
                        <p id=format!("{}-error", field.id()) class="field-error">{move || error_for(field)}</p>
                    </div>
                })}
                <div class="field">
                    <label for=AccountField::Country.id()>"Country"</label>
                    <select id=AccountField::Country.id() aria-describedby="account-country-error"
                        on:change=move |ev| form.update(|f| f.set_field(AccountField::Country, event_target_value(&ev)))>
                        {Market::ALL.map(|m| view! {
                            <option value=m.country_code() selected=move || form.with(|f| Market::from_country_code(&f.country) == Some(m))>
                                {m.country_name()}
                            </option>
                        })}
                    </select>
                    <p id="account-country-error" class="field-error">{move || error_for(AccountField::Country)}</p>
                </div>
                <button type="submit" class="button-primary">"Save account"</button>
                <p role="status" class="form-status">{move || saved.get().then_some("Your account is saved.")}</p>
            </form>
        </section>
    }
}

fn focus_first_error(errors: &[FieldError]) {
    use wasm_bindgen::JsCast;
    let Some(first) = errors.first() else { return };
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(first.field.id()))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
