//! "How this demo works": what the shop simulates, and the five steps from a first visit to
//! watching a plan play out, each ticked off as the shopper does it. Closed for good with
//! "Got it" (kept with the clock, so every tab and a reload agree). Shown only once what
//! storage holds of the clock is (`Persisted::shown`): whether it was closed is not known
//! before.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::clock::use_caught_up;
use crate::ui::lazy_flows;
use crate::ui::links::Link;
use crate::ui::notices::Notices;
use crate::ui::stores::Stores;

#[component]
pub fn DemoGuide() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let caught_up = use_caught_up();
    // Closed in this tab at once; kept once the code that saves the clock is there.
    let closed_here = RwSignal::new(false);
    let dismissed = move || {
        closed_here.get() || !stores.clock.shown() || stores.clock.with(|c| c.guide_dismissed)
    };
    let dismiss = move |_| {
        closed_here.set(true);
        spawn_local(lazy_flows::dismiss_guide(stores, notices));
    };
    // Whether each step is done; `None` for the two read from the payments and the orders
    // until the shop has caught up (`use_caught_up`) and they are read, so a long history
    // does not hold back the first page. Such a step shows neither a tick nor its number
    // meanwhile.
    let steps = move || {
        [
            (
                "Create your account",
                "/account",
                stores
                    .account
                    .shown()
                    .then(|| stores.account.with(Option::is_some)),
            ),
            (
                "Link Klarna",
                "/payment-settings",
                stores
                    .klarna_link
                    .shown()
                    .then(|| stores.klarna_link.with(|l| l.is_linked())),
            ),
            (
                "Add a card",
                "/payment-settings",
                (caught_up.get() && stores.payments.shown())
                    .then(|| stores.payments.with(|p| !p.methods.is_empty())),
            ),
            (
                "Buy with Klarna",
                "/",
                (caught_up.get() && stores.orders.shown())
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
                        on:click=dismiss>"Got it"</button>
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
