//! Order history's filter: by status and by text (order number, product or seller name).

use super::order_book::{OrderBook, OrderRecord};
use crate::domain::orders::OrderStatus;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    pub text: String,
}

impl OrderFilter {
    pub fn matches(&self, record: &OrderRecord) -> bool {
        let order = &record.order;
        if self.status.is_some_and(|s| s != order.status()) {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        let contains = |hay: &str| hay.to_lowercase().contains(&needle);
        contains(order.id())
            || order.lines().iter().any(|l| contains(&l.product_name))
            || order.packages().iter().any(|p| contains(&p.seller_name))
    }
}

/// The matching orders, newest first.
pub fn find_orders<'a>(book: &'a OrderBook, filter: &OrderFilter) -> Vec<&'a OrderRecord> {
    book.newest_first()
        .into_iter()
        .filter(|r| filter.matches(r))
        .collect()
}

/// The status the `?status=` value of the history page names (`OrderStatus` by its label).
pub fn status_from_slug(slug: &str) -> Option<OrderStatus> {
    OrderStatus::ALL
        .into_iter()
        .find(|s| status_slug(*s) == slug)
}

pub fn status_slug(status: OrderStatus) -> String {
    status.label().to_lowercase().replace(' ', "-")
}
