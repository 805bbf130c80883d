//! What a receipt shows, read from the order book and the payment plans.

use chrono::{DateTime, NaiveDate, Utc};

use super::order_book::OrderBook;
use crate::domain::money::Money;
use crate::domain::orders::{DeliveryEstimate, OrderLine};
use crate::domain::payments::PaymentsState;
use crate::domain::plans::{plain_terms, Installment, PlanKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Receipt {
    pub order_id: String,
    pub provider_reference: String,
    pub placed_at: DateTime<Utc>,
    pub lines: Vec<OrderLine>,
    pub items_total: Money,
    pub shipping_total: Money,
    pub total: Money,
    pub plan: PlanKind,
    pub terms: String,
    pub total_cost: Money,
    pub total_interest: Money,
    pub schedule: Vec<Installment>,
    /// Pay in 30 days counts from shipment: before it, the due date is an estimate.
    pub dates_are_estimates: bool,
    /// Brand and last four (`Visa •••• 4242`), or the wallet's label.
    pub method_label: Option<String>,
    /// The thanks shown right after checkout, true to the payment review.
    pub placed_note: &'static str,
    /// The first payment still to be made, if any: what "you're all set" leads with.
    pub next_payment: Option<NextPayment>,
    /// When each parcel is expected, in the order the shopper added the sellers.
    pub parcels: Vec<ParcelWindow>,
}

/// The next payment of a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct NextPayment {
    pub number: u32,
    pub of: u32,
    pub amount: Money,
    pub due: NaiveDate,
}

/// One package of an order and the days it should arrive between.
#[derive(Clone, Debug, PartialEq)]
pub struct ParcelWindow {
    /// "Package 1 from BrightCircuit Electronics", as the order page names it.
    pub heading: String,
    pub delivery_name: String,
    pub estimate: DeliveryEstimate,
}

pub fn receipt(orders: &OrderBook, payments: &PaymentsState, order_id: &str) -> Option<Receipt> {
    let record = orders.get(order_id)?;
    let order = &record.order;
    let currency = order.market().currency();
    let lines = order.lines().to_vec();
    let account = payments.account(order_id);
    let method_label = account
        .and_then(|account| payments.method(account.method_id))
        .map(|method| method.label.clone());
    let next_payment = account.and_then(|account| {
        let of = u32::try_from(account.installments.len()).ok()?;
        account.unpaid().next().map(|next| NextPayment {
            number: next.number,
            of,
            amount: next.owed(),
            due: next.due,
        })
    });
    let parcels = order
        .packages()
        .iter()
        .map(|package| ParcelWindow {
            heading: package.heading(),
            delivery_name: package.delivery_name.clone(),
            estimate: package.estimate,
        })
        .collect();
    Some(Receipt {
        order_id: order.id().to_string(),
        provider_reference: record.klarna_order_id.clone(),
        placed_at: order.placed_at(),
        items_total: Money::sum_in(currency, lines.iter().map(|l| l.items_total)),
        shipping_total: Money::sum_in(currency, lines.iter().map(|l| l.shipping)),
        lines,
        total: order.total(),
        plan: record.plan.kind,
        terms: plain_terms(&record.plan),
        total_cost: record.plan.total_cost,
        total_interest: record.plan.total_interest,
        schedule: record.plan.installments.clone(),
        dates_are_estimates: record.plan.due_dates_are_estimates(),
        method_label,
        placed_note: order.placed_note(),
        next_payment,
        parcels,
    })
}
