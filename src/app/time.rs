//! Moving the shop's time: every order event and payment event in `(from, to]`, in time order,
//! with what they decide carried out and what they tell the shopper delivered to the inbox.
//!
//! At one instant, order events go first: a parcel shipping (and so Pay in 30's due date
//! being set) must come before a collection due the same moment.

use chrono::{DateTime, Utc};

use super::order_book::OrderBook;
use super::settlement::{carry_out, touched_by};
use crate::domain::engine::{next_event_instant, run};
use crate::domain::inbox::Inbox;
use crate::domain::orders::pending_events;
use crate::domain::payments::PaymentsState;
use crate::klarna::PaymentProvider;

/// Whatever happens in an interval is bounded; this only stops a rule bug from hanging the tab.
const MAX_STEPS: usize = 1_000_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub events: usize,
    pub problems: Vec<String>,
    pub touched: Touched,
}

/// Which aggregates of a [`World`] a flow changed, so that a save writes only those.
///
/// Each flag is raised by the step that makes the change (an order event applied, a payment
/// event applied, an effect carried out, a message delivered), never found by comparing
/// copies: copying the orders of a 2,000-order history takes about 100 ms, and serializing
/// them to compare would cost more than the write it avoids. A flag may be raised for a
/// change that came to nothing (a refund the plan refused), which only costs a write; a
/// change without its flag would be lost on reload, which `tests/app_touched.rs` guards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub orders: bool,
    pub payments: bool,
    pub provider: bool,
    pub inbox: bool,
}

impl Touched {
    pub const ALL: Touched = Touched {
        orders: true,
        payments: true,
        provider: true,
        inbox: true,
    };

    pub fn any(self) -> bool {
        self.orders || self.payments || self.provider || self.inbox
    }
}

impl std::ops::BitOrAssign for Touched {
    fn bitor_assign(&mut self, other: Touched) {
        self.orders |= other.orders;
        self.payments |= other.payments;
        self.provider |= other.provider;
        self.inbox |= other.inbox;
    }
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
    // Flows only ever append to the inbox, so its length tells whether it changed.
    let messages_before = inbox.len();
    let keys_before = provider.remembered_idempotency_keys();
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
                for (event, outcome) in
                    super::review::advance_order(record, &*provider, &*payments, step_to)
                {
                    progress.events += 1;
                    progress.touched.orders = true;
                    progress.touched |= touched_by(&outcome.effects, record);
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
                progress.touched.payments = true;
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
