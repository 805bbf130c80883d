//! Moving the shop's time: every order event and payment event in `(from, to]`, in time order,
//! with what they decide carried out and what they tell the shopper delivered to the inbox.
//!
//! At one instant, order events go first: a parcel shipping (and so Pay in 30's due date
//! being set) must come before a collection due the same moment.

use chrono::{DateTime, Utc};

use super::agenda::Agenda;
use super::clock::{ClockRefusal, ClockState};
use super::refunds::retry_pending_refunds;
use super::settlement::{carry_out, touched_by};
pub use super::touched::Touched;
pub use super::world::{Progress, World};
use crate::domain::engine::{next_event_instant, run};
use crate::klarna::PaymentProvider;

/// Whatever happens in an interval is bounded; this only stops a rule bug from hanging the tab.
const MAX_STEPS: usize = 1_000_000;

/// Runs everything due after `from` up to and including `to`. Running the same interval
/// again changes nothing, and one long interval gives the same state as many short ones.
pub async fn advance<P: PaymentProvider>(
    world: World<'_, P>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Progress {
    let World {
        orders,
        payments,
        provider,
        inbox,
    } = world;
    let mut progress = Progress::default();
    // Flows only ever append to the inbox, so its length tells whether it changed.
    let messages_before = inbox.len();
    let keys_before = provider.remembered_idempotency_keys();
    // Refunds the provider did not confirm go first, as of the time the clock moves from.
    let (problems, touched) = retry_pending_refunds(
        World {
            orders: &mut *orders,
            payments: &mut *payments,
            provider: &mut *provider,
            inbox: &mut *inbox,
        },
        from,
    )
    .await;
    progress.problems.extend(problems);
    progress.touched |= touched;
    let mut cursor = from;
    let mut agenda = Agenda::new(orders, payments, cursor);
    let mut ran_to_the_end = false;
    for _ in 0..MAX_STEPS {
        let next_order = agenda.next_order_event().filter(|at| *at <= to);
        let next_payment = agenda.next_payment_event().filter(|at| *at <= to);
        let step_to = match (next_order, next_payment) {
            (None, None) => {
                ran_to_the_end = true;
                break;
            }
            (Some(o), Some(p)) => o.min(p),
            (Some(o), None) => o,
            (None, Some(p)) => p,
        };
        let events_before = progress.events;
        if next_order.is_some_and(|o| o <= step_to) {
            for id in agenda.take_orders_due(step_to) {
                let Some(record) = orders.get_mut(&id) else {
                    continue;
                };
                for (event, outcome) in
                    super::review::advance_order(record, &*provider, &*payments, step_to).await
                {
                    progress.events += 1;
                    progress.touched.orders = true;
                    progress.touched |= touched_by(&outcome.effects, record);
                    for note in outcome.notifications {
                        note.deliver_to(inbox);
                    }
                    let problems =
                        carry_out(outcome.effects, record, provider, payments, event.at).await;
                    progress.problems.extend(problems);
                }
                agenda.order_ran(orders, payments, &id, cursor);
            }
        }
        if step_to > cursor {
            let due_plans = agenda.take_plans_due(step_to);
            for applied in run(&mut payments.plans_of(&due_plans), cursor, step_to) {
                progress.events += 1;
                progress.touched.payments = true;
                for note in applied.notifications {
                    note.deliver_to(inbox);
                }
            }
            for id in &due_plans {
                agenda.plan_changed(payments, id, step_to);
            }
            cursor = step_to;
        } else if progress.events == events_before {
            // An order event that stays due but applies nothing would spin here forever.
            progress.problems.push(format!(
                "Some order events due by {step_to} could not be applied."
            ));
            break;
        }
    }
    // Stopped short of the end (an order event that cannot be applied, or the step limit):
    // the plans still run to the end. Otherwise the agenda had nothing more due by `to`.
    if !ran_to_the_end && to > cursor {
        for applied in run(payments, cursor, to) {
            progress.events += 1;
            progress.touched.payments = true;
            for note in applied.notifications {
                note.deliver_to(inbox);
            }
        }
    }
    let expired = provider.expire_due(to);
    progress.touched.provider |=
        !expired.is_empty() || provider.remembered_idempotency_keys() != keys_before;
    progress.touched.inbox |= inbox.len() != messages_before;
    progress
}

/// What a catch-up did: the events it ran, and whether the clock's record of what has been
/// processed moved (so the caller saves the clock only then).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaughtUp {
    pub progress: Progress,
    pub clock_changed: bool,
}

/// Runs everything that fell due between the last processed instant and the shop's now
/// (the shop was closed for days, or a minute passed, or the clock was just moved), then
/// records now as processed. Nothing is run when nothing is due, so an idle minute changes
/// only the clock's processed instant.
pub async fn catch_up<P: PaymentProvider>(
    world: World<'_, P>,
    clock: &mut ClockState,
    real_now: DateTime<Utc>,
) -> CaughtUp {
    let to = clock.now(real_now);
    let from = clock.processed_until.unwrap_or(to);
    // Overdue order events count (they are due, not lost), as do refunds completing and
    // reminders, not only the payments and parcels the clock's moves stop at.
    let due = [
        world.orders.next_event(),
        next_event_instant(world.payments, from),
    ]
    .into_iter()
    .flatten()
    .min();
    let progress = if due.is_some_and(|at| at <= to) {
        advance(world, from, to).await
    } else {
        Progress::default()
    };
    let clock_changed = clock.processed_until != Some(to);
    clock.processed_until = Some(to);
    CaughtUp {
        progress,
        clock_changed,
    }
}

/// One stop of a clock move: sets the clock to `stop`, then runs everything due up to it.
pub async fn move_clock_to<P: PaymentProvider>(
    world: World<'_, P>,
    clock: &mut ClockState,
    stop: DateTime<Utc>,
    real_now: DateTime<Utc>,
) -> Result<CaughtUp, ClockRefusal> {
    clock.move_to(stop, real_now)?;
    let mut caught_up = catch_up(world, clock, real_now).await;
    caught_up.clock_changed = true;
    Ok(caught_up)
}
