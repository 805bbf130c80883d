//! The "Simulated time" bar on every page: the shop's now, and the moves the simulation
//! offers (+1 day, +1 week, to the next payment, to the next parcel update, to a chosen date).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::clock::ClockMove;
use crate::domain::format;
use crate::ui::clock::{use_now, MoveStatus};
use crate::ui::lazy_flows;
use crate::ui::links::Link;
use crate::ui::notices::Notices;
use crate::ui::shell::use_first_page_painted;
use crate::ui::stores::Stores;

/// Messages a digest lists before pointing to the inbox for the rest.
const DIGEST_ITEMS: usize = 5;

/// What the last move did, as the messages it brought: each a link to what it is about.
#[component]
fn MoveDigest(
    digest: Vec<(String, Option<String>)>,
    status: RwSignal<MoveStatus>,
) -> impl IntoView {
    let more = digest.len().saturating_sub(DIGEST_ITEMS);
    view! {
        <div class="clock-digest" data-testid="clock-digest">
            <ul>
                {digest.into_iter().take(DIGEST_ITEMS).map(|(subject, link)| view! {
                    <li>{match link {
                        Some(href) => view! { <Link href=href>{subject}</Link> }.into_any(),
                        None => view! { <span>{subject}</span> }.into_any(),
                    }}</li>
                }).collect_view()}
            </ul>
            {(more > 0).then(|| view! { <Link href="/inbox">{format!("and {more} more in your inbox")}</Link> })}
            <button type="button" class="button-quiet" on:click=move |_| status.update(|s| s.digest.clear())>"Dismiss"</button>
        </div>
    }
}

#[component]
pub fn ClockControls() -> impl IntoView {
    let stores = expect_context::<Stores>();
    let notices = expect_context::<Notices>();
    let now = use_now();
    let clock_shown = move || stores.clock.shown();
    let status = RwSignal::new(MoveStatus::default());
    let chosen = RwSignal::new(String::new());
    // On a phone the moves fold away behind the date; a wider screen always shows them.
    let open = RwSignal::new(false);
    let go = move |step: ClockMove| move_clock(stores, notices, step, status);
    let running = move || status.with(|s| s.running);
    let painted = use_first_page_painted();
    let on_date = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked().trim().parse::<NaiveDate>() {
            Ok(date) => go(ClockMove::ToDate(date)),
            Err(_) => status.update(|s| {
                s.text = "Choose a date to move to.".into();
                s.is_error = true;
                s.moves_done += 1;
            }),
        }
    };
    view! {
        <section
            class="sim-clock"
            class:open=move || open.get()
            aria-labelledby="sim-clock-title"
            data-testid="sim-clock"
            data-moves=move || status.with(|s| s.moves_done)
            aria-busy=move || running().to_string()
        >
            <h2 id="sim-clock-title" class="sim-clock-title">"Simulated"<span class="sim-clock-title-rest">" time"</span></h2>
            // The shop's now once what storage holds of the clock is shown (`Persisted::shown`).
            <time data-testid="clock-now" datetime=move || clock_shown().then(|| now.get().to_rfc3339())>
                {move || clock_shown().then(|| format::date_time(now.get()))}
            </time>
            <button type="button" class="sim-clock-toggle button-quiet" data-testid="clock-toggle"
                aria-controls="sim-clock-moves" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || if open.get() { "Hide moves" } else { "Move time" }}
            </button>
            <div id="sim-clock-moves" class="sim-clock-moves">
            <div class="sim-clock-buttons">
                <button data-testid="advance-day" disabled=running on:click=move |_| go(ClockMove::Days(1))>"+1 day"</button>
                <button data-testid="advance-week" disabled=running on:click=move |_| go(ClockMove::Weeks(1))>"+1 week"</button>
                <button data-testid="advance-next-payment" disabled=running on:click=move |_| go(ClockMove::NextPayment)>"Next payment"</button>
                <button data-testid="advance-next-parcel" disabled=running on:click=move |_| go(ClockMove::NextParcelUpdate)>"Next parcel update"</button>
            </div>
            <form class="sim-clock-date" on:submit=on_date>
                <label for="sim-clock-date">"Go to date"</label>
                // The browser's date field is the costliest thing in the bar to lay out the
                // first time, and nobody picks a date before the page shows: it comes just
                // after the first page is painted, in an empty box of its size until then.
                <Show
                    when=move || painted.get()
                    fallback=|| view! { <span class="sim-clock-date-field" aria-hidden="true"></span> }
                >
                    <input
                        id="sim-clock-date"
                        class="sim-clock-date-field"
                        type="date"
                        data-testid="clock-date"
                        prop:value=move || chosen.get()
                        on:input=move |ev| chosen.set(event_target_value(&ev))
                    />
                </Show>
                <button type="submit" data-testid="advance-to-date" disabled=running>"Go"</button>
            </form>
            </div>
            <p
                class="sim-clock-status"
                class:field-error=move || status.with(|s| s.is_error)
                role="status"
                data-testid="clock-status"
            >
                {move || status.with(|s| s.text.clone())}
            </p>
            {move || {
                let digest = status.with(|s| s.digest.clone());
                (!digest.is_empty()).then(|| view! { <MoveDigest digest status /> })
            }}
        </section>
    }
}

/// Moves the clock to wherever `step` says, a week at a time for long moves so the page
/// shows how far it got between steps (each step runs everything due in it, in order). Where
/// that is depends on the orders and payments, so the flow works it out (`clock::run_move`).
fn move_clock(stores: Stores, notices: Notices, step: ClockMove, status: RwSignal<MoveStatus>) {
    if status.with_untracked(|s| s.running) {
        return;
    }
    status.update(|s| {
        s.running = true;
        s.is_error = false;
        s.text = "Moving time…".into();
        s.digest.clear();
    });
    spawn_local(lazy_flows::run_move(stores, notices, step, status));
}
