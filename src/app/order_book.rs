//! The shopper's orders, each with what the provider and the payment plan know it by.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::orders::{next_parcel_update, pending_events, Order, PastOrder};
use crate::domain::plans::Plan;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRecord {
    pub order: Order,
    /// The provider's order id ("kl_ord_…"), for captures and refunds.
    pub klarna_order_id: String,
    /// The plan agreed at checkout (Pay in 30 gets its real due date from the first capture).
    pub plan: Plan,
    /// The checkout attempt that created it: a retried attempt finds its order here.
    pub attempt: String,
    /// Refunds the order decided that the provider has not confirmed yet, oldest first:
    /// neither the provider nor the payment plan has them, and each clock step retries them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending_refunds: Vec<super::pending_refund::PendingRefund>,
}

/// Each record is shared (`Arc`) between the book and its copies: an action runs on a copy of
/// the whole shop (`ui::stores`), and with a long history copying every record cost more than
/// the action (169 ms for 2,000 orders, natively). A copy now shares every record, and a
/// record is copied when it is borrowed to change ([`OrderBook::get_mut`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderBook {
    records: BTreeMap<String, Arc<OrderRecord>>,
    next_number: u64,
}

impl OrderBook {
    /// Every record as the book shares it, by order id, and the last order number handed
    /// out: what storage keeps (`storage::page_layouts`).
    pub fn shared_parts(&self) -> (&BTreeMap<String, Arc<OrderRecord>>, u64) {
        (&self.records, self.next_number)
    }

    /// The book [`OrderBook::shared_parts`] describes.
    pub fn from_shared_parts(
        records: BTreeMap<String, Arc<OrderRecord>>,
        next_number: u64,
    ) -> Self {
        OrderBook {
            records,
            next_number,
        }
    }

    /// Every order's rules, and each plan agreed for the order's total. `Err` names the
    /// first order that breaks one.
    pub fn check_invariants(&self) -> Result<(), String> {
        self.records().try_for_each(|record| {
            record.order.check_invariants()?;
            record
                .plan
                .check_invariants()
                .map_err(|e| format!("order {}: {e}", record.order.id()))?;
            if record.plan.total != record.order.total() {
                return Err(format!(
                    "order {} costs {} but its plan is for {}",
                    record.order.id(),
                    record.order.total(),
                    record.plan.total
                ));
            }
            Ok(())
        })
    }

    /// "BM-000123": short enough to read out to support, unique in this browser.
    pub fn next_order_id(&mut self) -> String {
        self.next_number += 1;
        format!("BM-{:06}", self.next_number)
    }

    pub fn insert(&mut self, record: OrderRecord) {
        self.records
            .insert(record.order.id().to_string(), Arc::new(record));
    }

    /// Takes a record out, e.g. to run its life alone (see `demo_orders::generate_history`).
    pub fn remove(&mut self, order_id: &str) -> Option<OrderRecord> {
        self.records.remove(order_id).map(Arc::unwrap_or_clone)
    }

    pub fn get(&self, order_id: &str) -> Option<&OrderRecord> {
        self.records.get(order_id).map(|r| &**r)
    }

    pub fn get_mut(&mut self, order_id: &str) -> Option<&mut OrderRecord> {
        self.records.get_mut(order_id).map(Arc::make_mut)
    }

    pub fn by_attempt(&self, attempt: &str) -> Option<&OrderRecord> {
        self.records().find(|r| r.attempt == attempt)
    }

    /// Newest first, as order history lists them.
    pub fn newest_first(&self) -> Vec<&OrderRecord> {
        let mut records: Vec<&OrderRecord> = self.records().collect();
        records.sort_by(|a, b| {
            b.order
                .placed_at()
                .cmp(&a.order.placed_at())
                .then(b.order.id().cmp(a.order.id()))
        });
        records
    }

    pub fn records(&self) -> impl Iterator<Item = &OrderRecord> {
        self.records.values().map(|r| &**r)
    }

    /// The records `which` picks, to change: only those are copied out of what they share.
    pub fn records_mut_where(
        &mut self,
        which: impl Fn(&OrderRecord) -> bool,
    ) -> impl Iterator<Item = &mut OrderRecord> {
        self.records
            .values_mut()
            .filter(move |r| which(r))
            .map(Arc::make_mut)
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The first parcel update of any order after `after`: what the simulation's "next parcel
    /// update" moves to.
    pub fn next_parcel_update(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.records
            .values()
            .filter_map(|r| next_parcel_update(&r.order, after))
            .min()
    }

    /// The first order event of any kind still to apply, overdue ones included.
    pub fn next_event(&self) -> Option<DateTime<Utc>> {
        self.records
            .values()
            .flat_map(|r| pending_events(&r.order))
            .map(|e| e.at)
            .min()
    }

    /// The first event of order `order_id` still to apply, overdue ones included.
    pub fn next_event_of(&self, order_id: &str) -> Option<DateTime<Utc>> {
        let record = self.records.get(order_id)?;
        pending_events(&record.order)
            .into_iter()
            .map(|e| e.at)
            .min()
    }

    /// What the monitoring rules compare a new order with.
    pub fn history(&self) -> Vec<PastOrder> {
        self.records
            .values()
            .map(|r| PastOrder {
                placed_at: r.order.placed_at(),
                amount: r.order.total(),
            })
            .collect()
    }
}
