use crate::ui::links::Link;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname;
    view! {
        <Title text="Page not found" />
        <section class="page narrow">
            <h1 data-testid="page-title">"Page not found"</h1>
            <p>"There is no page at " <code>{move || path.get()}</code> "."</p>
            <p><Link href="/">"Back to the shop"</Link></p>
        </section>
    }
}
