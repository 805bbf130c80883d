//! Every plan of the shopper with their payment methods: the payments side of the event
//! engine, and the views My Klarna reads.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::account::PaymentPlanAccount;
use super::due_date::DueDateMove;
use super::installment::{PaymentDisplayStatus, PaymentStatus};
use super::method::{MethodBook, MethodId, PaymentMethod};
use super::schedule::{PaymentEvent, PaymentEventKind};
use crate::domain::engine::{EventSource, Notification};
use crate::domain::money::{Currency, Money};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentsState {
    /// By order id: one plan per order. Each is shared with the copies an action runs on and
    /// copied only when changed ([`PaymentsState::account_mut`]), as an order book's records
    /// are (`app::OrderBook`).
    pub accounts: BTreeMap<String, Arc<PaymentPlanAccount>>,
    pub methods: MethodBook,
    /// For any randomness a rule needs: draw with `engine::seeded_draw(seed, key)`.
    pub seed: u64,
}

/// One row of My Klarna's "upcoming payments".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UpcomingPayment {
    pub order_id: String,
    pub number: u32,
    pub of: u32,
    /// The day it is collected: its one due date, a business day.
    pub collects_on: NaiveDate,
    /// Why that day is later than the one named, when it moved off a weekend or holiday.
    pub due_move: Option<DueDateMove>,
    pub amount: Money,
    pub method_label: String,
    pub autopay: bool,
    pub status: PaymentDisplayStatus,
    /// The automatic charge was declined and is tried again on this day.
    pub retry_on: Option<NaiveDate>,
}

impl UpcomingPayment {
    /// Missed, or declined and waiting for its retry: what the overdue banner names.
    pub fn needs_attention(&self) -> bool {
        self.status == PaymentDisplayStatus::Late || self.retry_on.is_some()
    }

    /// Collected (or paid) on its day with nothing in the way: what My Klarna's headline
    /// names as the next payment. Not one that needs the shopper, nor one of a plan paused
    /// by a dispute, whose day moves when the plan resumes.
    pub fn is_collected_as_scheduled(&self) -> bool {
        !self.needs_attention() && self.status != PaymentDisplayStatus::Paused
    }
}

impl PaymentsState {
    /// Every plan's money rules (see `PaymentPlanAccount::check_invariants`), for a value
    /// read from storage. `Err` names the plan and the first rule it breaks.
    pub fn check_invariants(&self) -> Result<(), String> {
        self.accounts.values().try_for_each(|account| {
            account
                .check_invariants()
                .map_err(|e| format!("the plan of order {}: {e}", account.order_id))
        })
    }

    pub fn new(seed: u64) -> PaymentsState {
        PaymentsState {
            seed,
            ..PaymentsState::default()
        }
    }

    /// The id the next saved method gets.
    pub fn next_method_id(&self) -> MethodId {
        MethodId(self.methods.keys().map(|id| id.0).max().unwrap_or(0) + 1)
    }

    pub fn add_method(&mut self, method: PaymentMethod) -> MethodId {
        let id = method.id;
        self.methods.insert(id, method);
        id
    }

    pub fn method(&self, id: MethodId) -> Option<&PaymentMethod> {
        self.methods.get(&id)
    }

    pub fn add_account(&mut self, account: PaymentPlanAccount) {
        self.accounts
            .insert(account.order_id.clone(), Arc::new(account));
    }

    pub fn account(&self, order_id: &str) -> Option<&PaymentPlanAccount> {
        self.accounts.get(order_id).map(|a| &**a)
    }

    pub fn account_mut(&mut self, order_id: &str) -> Option<&mut PaymentPlanAccount> {
        self.accounts.get_mut(order_id).map(Arc::make_mut)
    }

    /// Order `order_id`'s plan, to change, with the saved methods a change may charge.
    pub fn account_mut_with_methods(
        &mut self,
        order_id: &str,
    ) -> Option<(&mut PaymentPlanAccount, &MethodBook)> {
        let account = self.accounts.get_mut(order_id).map(Arc::make_mut)?;
        Some((account, &self.methods))
    }

    /// Unpaid payments of every plan, soonest first.
    pub fn upcoming_payments(&self) -> Vec<UpcomingPayment> {
        let mut rows: Vec<UpcomingPayment> = self
            .accounts
            .values()
            .flat_map(|account| {
                let label = self
                    .methods
                    .get(&account.method_id)
                    .map(|m| m.label.clone())
                    .unwrap_or_default();
                account.unpaid().map(move |installment| UpcomingPayment {
                    order_id: account.order_id.clone(),
                    number: installment.number,
                    of: account.installments.len() as u32,
                    collects_on: installment.due,
                    due_move: installment.due_move(account.market),
                    amount: installment.owed(),
                    method_label: label.clone(),
                    autopay: account.autopay,
                    status: installment.display_status(account.is_paused()),
                    retry_on: match installment.status {
                        PaymentStatus::Failed { next_retry, .. } => Some(next_retry),
                        _ => None,
                    },
                })
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.collects_on, &a.order_id, a.number).cmp(&(b.collects_on, &b.order_id, b.number))
        });
        rows
    }

    /// The balance owed across plans in one currency.
    pub fn total_owed(&self, currency: Currency) -> Money {
        Money::sum_in(
            currency,
            self.accounts
                .values()
                .filter(|a| a.currency == currency)
                .map(|a| a.owed()),
        )
    }

    /// The instant of the next event `order_id`'s plan schedules after `after`, if any.
    pub fn next_event_of(&self, order_id: &str, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.accounts
            .get(order_id)?
            .scheduled_events()
            .into_iter()
            .map(|event| event.at)
            .filter(|at| *at > after)
            .min()
    }

    /// The plans of `order_ids` as an event source of their own. A payment event only ever
    /// changes its own plan, so running an interval over them applies exactly what running it
    /// over every plan would, when no other plan has an event in that interval: a clock step
    /// then looks at the plans due, not at every plan (see `app::agenda`).
    pub fn plans_of<'a>(&'a mut self, order_ids: &'a [String]) -> SomePlans<'a> {
        SomePlans {
            state: self,
            order_ids,
        }
    }

    /// When the next payment is collected (or retried) after `after`: where "advance to the
    /// next due payment" moves the clock. Reminders and refunds do not count.
    pub fn next_payment_instant(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.accounts
            .values()
            .flat_map(|account| account.scheduled_events())
            .filter(|event| event.kind.is_payment_due() && event.at > after)
            .map(|event| event.at)
            .min()
    }
}

impl EventSource for PaymentsState {
    type Kind = PaymentEventKind;

    fn due_events(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<PaymentEvent> {
        self.accounts
            .values()
            .flat_map(|account| account.due_events(from, to))
            .collect()
    }

    fn apply(&mut self, event: &PaymentEvent) -> Option<Vec<Notification>> {
        let (account, methods) = self.account_mut_with_methods(event.kind.order_id())?;
        account.apply_event(event, methods)
    }

    /// A payment event only ever changes its own plan.
    fn follow_up_events(
        &self,
        applied: &PaymentEvent,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<PaymentEvent> {
        self.accounts
            .get(applied.kind.order_id())
            .map(|account| account.due_events(from, to))
            .unwrap_or_default()
    }
}

/// Some of the plans, as an event source: see [`PaymentsState::plans_of`].
pub struct SomePlans<'a> {
    state: &'a mut PaymentsState,
    order_ids: &'a [String],
}

impl EventSource for SomePlans<'_> {
    type Kind = PaymentEventKind;

    fn due_events(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<PaymentEvent> {
        self.order_ids
            .iter()
            .filter_map(|id| self.state.accounts.get(id))
            .flat_map(|account| account.due_events(from, to))
            .collect()
    }

    fn apply(&mut self, event: &PaymentEvent) -> Option<Vec<Notification>> {
        self.state.apply(event)
    }

    fn follow_up_events(
        &self,
        applied: &PaymentEvent,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<PaymentEvent> {
        self.state.follow_up_events(applied, from, to)
    }
}
