//! Moving the shop's time: every order event and payment event in `(from, to]`, in time order,
//! with what they decide carried out and what they tell the shopper delivered to the inbox.
//!
//! At one instant, order events go first: a parcel shipping (and so Pay in 30's due date
//! being set) must come before a collection due the same moment.

use chrono::{DateTime, Utc};

use super::order_book::OrderBook;
use super::settlement::carry_out;
use crate::domain::engine::{next_event_instant, run};
use crate::domain::inbox::Inbox;
use crate::domain::orders::{advance as advance_order, pending_events};
use crate::domain::payments::PaymentsState;
use crate::klarna::PaymentProvider;

/// Whatever happens in an interval is bounded; this only stops a rule bug from hanging the tab.
const MAX_STEPS: usize = 1_000_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub events: usize,
    pub problems: Vec<String>,
}

pub struct World<'a, P: PaymentProvider> {
    pub orders: &'a mut OrderBook,
    pub payments: &'a mut PaymentsState,
    pub provider: &'a mut P,
    pub inbox: &'a mut Inbox,
}

fn next_order_event(orders: &OrderBook) -> Option<DateTime<Utc>> {
    orders
        .records()
        .flat_map(|r| pending_events(&r.order))
        .map(|e| e.at)
        .min()
}

/// Runs everything due after `from` up to and including `to`. Running the same interval
/// again changes nothing, and one long interval gives the same state as many short ones.
pub fn advance<P: PaymentProvider>(
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
    let mut cursor = from;
    for _ in 0..MAX_STEPS {
        let next_order = next_order_event(orders).filter(|at| *at <= to);
        let next_payment = next_event_instant(payments, cursor).filter(|at| *at <= to);
        let step_to = match (next_order, next_payment) {
            (None, None) => break,
            (Some(o), Some(p)) => o.min(p),
            (Some(o), None) => o,
            (None, Some(p)) => p,
        };
        let events_before = progress.events;
        if next_order.is_some_and(|o| o <= step_to) {
            for record in orders.records_mut() {
                for (event, outcome) in advance_order(&mut record.order, step_to) {
                    progress.events += 1;
                    for note in outcome.notifications {
                        note.deliver_to(inbox);
                    }
                    let problems = carry_out(outcome.effects, record, provider, payments, event.at);
                    progress.problems.extend(problems);
                }
            }
        }
        if step_to > cursor {
            for applied in run(payments, cursor, step_to) {
                progress.events += 1;
                for note in applied.notifications {
                    note.deliver_to(inbox);
                }
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
    if to > cursor {
        for applied in run(payments, cursor, to) {
            progress.events += 1;
            for note in applied.notifications {
                note.deliver_to(inbox);
            }
        }
    }
    provider.expire_due(to);
    progress
}

/// When the next thing is due after `after`, for the "next due payment" button and catch-up.
pub fn next_due(
    orders: &OrderBook,
    payments: &PaymentsState,
    after: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let order = next_order_event(orders).filter(|at| *at > after);
    let payment = payments.next_payment_instant(after);
    match (order, payment) {
        (Some(o), Some(p)) => Some(o.min(p)),
        (o, p) => o.or(p),
    }
}
