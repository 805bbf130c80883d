//! Payment settings: the linked Klarna account and the saved payment methods.

mod klarna_link;
mod method_list;
mod new_method;

use leptos::prelude::*;
use leptos_meta::Title;

use klarna_link::KlarnaLinkSection;
use method_list::MethodList;
use new_method::NewMethodForm;

#[component]
pub fn PaymentSettingsPage() -> impl IntoView {
    view! {
        <Title text="Payment settings" />
        <section class="page narrow payment-settings">
            <h1 data-testid="page-title">"Payment settings"</h1>
            <KlarnaLinkSection />
            <section class="settings-card" aria-labelledby="methods-title">
                <h2 id="methods-title">"Payment methods"</h2>
                <p class="hint">"Klarna collects your payments from one of these. Only the brand and last four digits of a card are kept."</p>
                <MethodList />
                <NewMethodForm />
            </section>
        </section>
    }
}
