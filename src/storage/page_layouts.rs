//! How each large aggregate is split into pages (`super::pages`): what its head keeps and
//! which page each record goes to. Page sizes keep a change to one record well under 64 KB
//! written for a long history, and pages large enough to compress nearly as well as the
//! whole: for 2,000 generated orders, a page of orders is about 19 thousand characters
//! stored, of plans 4 thousand, of messages 12 thousand, and the three aggregates take 16%
//! more room than stored whole (30% with pages half as large).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::envelope::RecordId;
use super::pages::{page_of_order, Paged};
use crate::app::order_book::OrderRecord;
use crate::app::OrderBook;
use crate::domain::inbox::{Inbox, Message};
use crate::domain::payments::{MethodBook, PaymentPlanAccount, PaymentsState};

/// Orders (and their payment plans) per page.
pub const ORDERS_PER_PAGE: u64 = 64;
/// Inbox messages per page.
pub const MESSAGES_PER_PAGE: u64 = 512;

/// A record of a map by order id, stored as `[id, record]`.
type ByOrder<R> = (String, Arc<R>);

/// A map by order id rebuilt from its records; `Err` when an id comes twice.
fn by_order<R>(records: Vec<ByOrder<R>>) -> Result<BTreeMap<String, Arc<R>>, String> {
    let count = records.len();
    let map: BTreeMap<_, _> = records.into_iter().collect();
    if map.len() == count {
        Ok(map)
    } else {
        Err("an order is stored twice".into())
    }
}

fn paged_by_order<R>(map: &BTreeMap<String, Arc<R>>) -> Vec<(u64, ByOrder<R>)> {
    map.iter()
        .map(|(id, record)| {
            let page = page_of_order(id, ORDERS_PER_PAGE);
            (page, (id.clone(), Arc::clone(record)))
        })
        .collect()
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderBookHead {
    next_number: u64,
}

impl Paged for OrderBook {
    type Head = OrderBookHead;
    type Record = ByOrder<OrderRecord>;

    fn parts(&self) -> (OrderBookHead, Vec<(u64, Self::Record)>) {
        let (records, next_number) = self.shared_parts();
        (OrderBookHead { next_number }, paged_by_order(records))
    }

    fn id((key, record): &Self::Record) -> RecordId {
        RecordId(key.clone(), Arc::clone(record) as _)
    }

    fn from_parts(head: OrderBookHead, records: Vec<Self::Record>) -> Result<Self, String> {
        Ok(OrderBook::from_shared_parts(
            by_order(records)?,
            head.next_number,
        ))
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentsHead {
    methods: MethodBook,
    seed: u64,
}

impl Paged for PaymentsState {
    type Head = PaymentsHead;
    type Record = ByOrder<PaymentPlanAccount>;

    fn parts(&self) -> (PaymentsHead, Vec<(u64, Self::Record)>) {
        let head = PaymentsHead {
            methods: self.methods.clone(),
            seed: self.seed,
        };
        (head, paged_by_order(&self.accounts))
    }

    fn id((key, record): &Self::Record) -> RecordId {
        RecordId(key.clone(), Arc::clone(record) as _)
    }

    fn from_parts(head: PaymentsHead, records: Vec<Self::Record>) -> Result<Self, String> {
        Ok(PaymentsState {
            accounts: by_order(records)?,
            methods: head.methods,
            seed: head.seed,
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboxHead {
    next_id: u64,
}

/// Messages are only ever added at the end, so a message's place is its page: marking one
/// read rewrites its page, a new one the last page.
impl Paged for Inbox {
    type Head = InboxHead;
    type Record = Arc<Message>;

    fn parts(&self) -> (InboxHead, Vec<(u64, Arc<Message>)>) {
        let (messages, next_id) = self.shared_parts();
        let records = (0..)
            .zip(messages)
            .map(|(place, message)| (place / MESSAGES_PER_PAGE, Arc::clone(message)))
            .collect();
        (InboxHead { next_id }, records)
    }

    fn id(message: &Arc<Message>) -> RecordId {
        RecordId(String::new(), Arc::clone(message) as _)
    }

    fn from_parts(head: InboxHead, records: Vec<Arc<Message>>) -> Result<Self, String> {
        Ok(Inbox::from_shared_parts(records, head.next_id))
    }
}
