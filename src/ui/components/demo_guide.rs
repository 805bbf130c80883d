//! "How this demo works": what the shop simulates, and the five steps from a first visit to
//! watching a plan play out, each ticked off as the shopper does it. Closed for good with
//! "Got it" (kept with the clock, so every tab and a reload agree).

use leptos::prelude::*;

use crate::ui::clock::use_caught_up;
use crate::ui::links::Link;
use crate::ui::stores::Stores;

#[component]
pub fn DemoGuide() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let caught_up = use_caught_up();
    let dismissed = move || stores.clock.with(|c| c.guide_dismissed);
    // Whether each step is done; `None` for the two read from the payments and the orders
    // until the shop has caught up (`use_caught_up`), so a long history does not hold back
    // the first page. Such a step shows neither a tick nor its number meanwhile.
    let steps = move || {
        [
            (
                "Create your account",
                "/account",
                Some(stores.account.with(Option::is_some)),
            ),
            (
                "Link Klarna",
                "/payment-settings",
                Some(stores.klarna_link.with(|l| l.is_linked())),
            ),
            (
                "Add a card",
                "/payment-settings",
                caught_up
                    .get()
                    .then(|| stores.payments.with(|p| !p.methods.is_empty())),
            ),
            (
                "Buy with Klarna",
                "/",
                caught_up
                    .get()
                    .then(|| stores.orders.with(|o| !o.is_empty())),
            ),
            (
                "Move time",
                "/my-klarna",
                Some(stores.clock.with(|c| c.clock.is_simulated())),
            ),
        ]
    };
    view! {
        <Show when=move || !dismissed()>
            <section class="demo-guide" aria-labelledby="demo-guide-title" data-testid="demo-guide">
                <div class="demo-guide-top">
                    <h2 id="demo-guide-title">"How this demo works"</h2>
                    <button type="button" class="button-quiet" data-testid="demo-guide-dismiss"
                        on:click=move |_| stores.clock.update(|c| c.guide_dismissed = true)>"Got it"</button>
                </div>
                <p>
                    "A shop with a simulated Klarna, all in this browser: no real money moves. "
                    "The striped "<strong>"Simulated time"</strong>" bar moves time forward; "
                    "payments, reminders and parcels follow as they would over days and weeks."
                </p>
                <ol class="demo-steps">
                    {move || steps().into_iter().map(|(label, href, done)| view! {
                        <li class:done=done == Some(true) class:unknown=done.is_none()>
                            <span class="step-mark" aria-hidden="true">{if done == Some(true) { "✓" } else { "" }}</span>
                            <Link href=href>{label}</Link>
                            {(done == Some(true)).then(|| view! { <span class="visually-hidden">" (done)"</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        </Show>
    }
}
