//! The part of the shop the event engine and the order flows work on: the orders, the
//! plans, the provider and the inbox, borrowed together, and what a run of them did.

use super::order_book::OrderBook;
use super::touched::Touched;
use crate::domain::inbox::Inbox;
use crate::domain::payments::PaymentsState;
use crate::klarna::PaymentProvider;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub events: usize,
    pub problems: Vec<String>,
    pub touched: Touched,
}

pub struct World<'a, P: PaymentProvider> {
    pub orders: &'a mut OrderBook,
    pub payments: &'a mut PaymentsState,
    pub provider: &'a mut P,
    pub inbox: &'a mut Inbox,
}
