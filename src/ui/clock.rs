//! The one place the UI reads the time. The shop's "now" is real time plus the simulated
//! offset; moving it runs everything that became due, through the application's time flow.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use super::notices::Notices;
use super::sleep::yield_to_browser;
use super::stores::{NotKept, Stores};
use crate::app::clock::{move_stops, ClockMove, ClockRefusal};
use crate::app::ShopState;
use crate::domain::format;

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

/// Whether this page has caught up with what fell due while the shop was closed (the start's
/// [`catch_up`], which also reads the whole history). Until then, what counts the history
/// (the unread messages, the demo guide's ticks for a card and an order) is not shown: it
/// would be a count from before the catch-up, and reading it would hold back the first page.
#[derive(Clone, Copy)]
pub struct CaughtUp(pub RwSignal<bool>);

/// Caught up, as a signal; always true for a component mounted without the app (a test).
pub fn use_caught_up() -> Signal<bool> {
    match use_context::<CaughtUp>() {
        Some(CaughtUp(caught_up)) => caught_up.into(),
        None => Signal::stored(true),
    }
}

/// Runs everything due up to the shop's now (see [`crate::app::time::catch_up`]) and
/// reports what could not be carried out. Only the aggregates the due events changed are
/// written, so an idle minute costs one small clock write at most. The app runs it through
/// the flows' split point (`lazy_flows`), as it does the clock's moves (`run_move`).
pub(super) async fn catch_up(stores: Stores, notices: Notices) {
    // Whatever is not read yet is read first, in short tasks.
    stores.read_in_turns().await;
    match stores
        .run(async |shop| shop.catch_up(real_now()).await)
        .await
    {
        Ok(progress) => {
            for problem in progress.problems {
                notices.problem(problem);
            }
        }
        // Another tab changed what this catch-up changed: that tab ran the same events and
        // saved them, this tab adopted its save, and the next catch-up runs what is still due.
        Err(NotKept::ChangedMeanwhile(_)) => {}
        // Nothing ran; the next catch-up tries again. It is no step of the shopper's, so the
        // notice says what was held back and that it runs again, not "try again".
        Err(NotKept::NotSaved(e)) => notices.problem(format!(
            "What fell due (payments, parcel updates, messages) could not be saved: {}. \
             None of it is shown yet; the shop tries again every minute, so free some \
             browser storage.",
            e.describe()
        )),
        Err(not_kept) => notices.problem(not_kept.to_string()),
    }
}

/// How a clock move is going, for the "Simulated time" bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MoveStatus {
    pub running: bool,
    pub text: String,
    pub is_error: bool,
    /// Completed moves so far: tests wait for it to change.
    pub moves_done: u64,
    /// What the last move brought to the inbox (subject and link), oldest first.
    pub digest: Vec<(String, Option<String>)>,
}

impl MoveStatus {
    pub(super) fn finish(&mut self, text: String, is_error: bool) {
        self.running = false;
        self.text = text;
        self.is_error = is_error;
        self.moves_done += 1;
    }
}

/// Moves the clock to wherever `step` says, through weekly stops (see [`run_stops`]), then
/// lists what the move brought to the inbox. A move that is refused, or goes nowhere, says
/// why in the bar.
pub(super) async fn run_move(
    stores: Stores,
    notices: Notices,
    step: ClockMove,
    status: RwSignal<MoveStatus>,
) {
    let real = real_now();
    let now = stores.clock.with_untracked(|c| c.now(real));
    let target = stores.clock.with_untracked(|c| {
        stores.orders.with_untracked(|orders| {
            stores
                .payments
                .with_untracked(|payments| c.target_of(step, real, orders, payments))
        })
    });
    let target = match target {
        Err(reason) => return status.update(|s| s.finish(reason.to_string(), true)),
        Ok(target) if target <= now => {
            let text = format!("The clock is already at {}.", format::date(target));
            return status.update(|s| s.finish(text, false));
        }
        Ok(target) => target,
    };
    let stops = move_stops(now, target);
    let inbox_mark = stores.inbox.with_untracked(|i| i.last_id());
    run_stops(stores, notices, stops, status).await;
    let digest = stores.inbox.with_untracked(|i| {
        i.delivered_after(inbox_mark)
            .map(|m| (m.subject.clone(), m.link.clone()))
            .collect()
    });
    status.update(|s| s.digest = digest);
}

/// Work done between two turns given to the browser during a move: short enough for the bar
/// to repaint, long enough that a hidden tab, whose timers fire at most once a second, still
/// moves a year in a few turns while it holds the lock every tab takes.
const TURN_MS: i64 = 100;
/// How many times in all a move is run when a write it did not see got in first.
const MOVE_ATTEMPTS: u32 = 3;

/// What running a move's stops did, up to the first stop refused, if one was.
#[derive(Default)]
struct MoveRun {
    events: usize,
    problems: Vec<String>,
    refused: Option<ClockRefusal>,
}

/// Runs the stops of a clock move in turn, as one action: the whole move runs on one copy of
/// the shop and is committed once, so a year over a long history copies and writes the shop
/// once rather than at each of its 53 weekly stops. The bar says how far it got, and the
/// shop's pages show the move once it is done. The move holds the lock every tab takes
/// (`Stores::run`), so another tab's action waits for it.
///
/// A write the move did not see can get in first: a message marked read in this tab while
/// time moves, or another tab's change. Then nothing of the move was kept, and since a move
/// gives the same result from wherever it starts, it runs again on top of that write.
async fn run_stops(
    stores: Stores,
    notices: Notices,
    stops: Vec<DateTime<Utc>>,
    status: RwSignal<MoveStatus>,
) {
    let mut attempt = 1;
    let moved = loop {
        match stores
            .run(async |shop| run_on(shop, &stops, status).await)
            .await
        {
            Err(NotKept::ChangedMeanwhile(_)) if attempt < MOVE_ATTEMPTS => attempt += 1,
            moved => break moved,
        }
    };
    let run = match moved {
        Ok(run) => run,
        Err(not_kept) => return status.update(|s| s.finish(not_kept.to_string(), true)),
    };
    for problem in run.problems {
        notices.problem(problem);
    }
    let events = format!(
        "{} {} happened",
        run.events,
        if run.events == 1 { "event" } else { "events" }
    );
    match run.refused {
        Some(reason) => {
            status.update(|s| s.finish(format!("{reason} {events} before it stopped."), true))
        }
        None => {
            let date = stops.last().copied().map(format::date).unwrap_or_default();
            status.update(|s| s.finish(format!("Moved to {date}: {events}."), false));
        }
    }
}

/// The stops of one move, on the action's copy of the shop.
async fn run_on(
    shop: &mut ShopState<'_>,
    stops: &[DateTime<Utc>],
    status: RwSignal<MoveStatus>,
) -> MoveRun {
    let mut run = MoveRun::default();
    let mut turn_began = real_now();
    for (index, stop) in stops.iter().copied().enumerate() {
        let real = real_now();
        // Real time goes on while the move runs, and the last gap between stops can be a
        // few milliseconds: a stop the shop's time has already passed is where it is now.
        let stop = stop.max(shop.clock.now(real));
        match shop.move_clock_to(stop, real).await {
            Ok(progress) => {
                run.problems.extend(progress.problems);
                run.events += progress.events;
            }
            Err(reason) => {
                run.refused = Some(reason);
                break;
            }
        }
        if index + 1 < stops.len() && (real_now() - turn_began).num_milliseconds() >= TURN_MS {
            status.update(|s| {
                s.text = format!(
                    "Moving time… now {}, {} events so far (step {} of {}).",
                    format::date(stop),
                    run.events,
                    index + 1,
                    stops.len()
                )
            });
            yield_to_browser().await;
            turn_began = real_now();
        }
    }
    run
}
