//! The one place the UI reads the time. The shop's "now" is real time plus the simulated
//! offset; moving it runs everything that became due, through the application's time flow.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use super::app::Stores;
use crate::app::time::{advance, next_due, Progress, World};

/// The browser's clock, read only here.
pub fn real_now() -> DateTime<Utc> {
    let millis = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// A signal that changes once a minute, so views showing "today" stay current.
#[derive(Clone, Copy)]
pub struct Ticker(RwSignal<u64>);

impl Ticker {
    pub fn start() -> Ticker {
        let tick = RwSignal::new(0u64);
        let _ = set_interval_with_handle(
            move || tick.update(|n| *n += 1),
            std::time::Duration::from_secs(60),
        );
        Ticker(tick)
    }
}

/// The shop's current instant, reactive to the simulated clock and the minute ticker.
pub fn use_now() -> Signal<DateTime<Utc>> {
    let clock = expect_context::<Stores>().clock;
    // Without the app's ticker (a component mounted alone in a test) "now" still works; it
    // just does not refresh every minute.
    let ticker = use_context::<Ticker>();
    Signal::derive(move || {
        if let Some(ticker) = ticker {
            ticker.0.track();
        }
        clock.with(|c| c.now(real_now()))
    })
}

pub fn use_today() -> Signal<NaiveDate> {
    let now = use_now();
    Signal::derive(move || now.get().date_naive())
}

/// Runs everything due up to the shop's now. Aggregates are written only when something
/// was due, so an idle minute costs one small clock write at most.
pub fn catch_up(stores: Stores) -> Progress {
    let to = stores.clock.with_untracked(|c| c.now(real_now()));
    let from = stores
        .clock
        .with_untracked(|c| c.processed_until)
        .unwrap_or(to);
    let due = stores
        .orders
        .with_untracked(|o| stores.payments.with_untracked(|p| next_due(o, p, from)));
    let mut progress = Progress::default();
    if due.is_some_and(|at| at <= to) {
        progress = stores.orders.update(|orders| {
            stores.payments.update(|payments| {
                stores.klarna.update(|provider| {
                    stores.inbox.update(|inbox| {
                        advance(
                            World {
                                orders,
                                payments,
                                provider,
                                inbox,
                            },
                            from,
                            to,
                        )
                    })
                })
            })
        });
    }
    if stores.clock.with_untracked(|c| c.processed_until) != Some(to) {
        stores.clock.update(|c| c.processed_until = Some(to));
    }
    progress
}
