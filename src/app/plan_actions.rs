//! What the shopper does to a payment plan from My Klarna: pay one payment or the whole
//! balance now, extend a due date, change the method, switch autopay. Each returns the
//! sentence to confirm it, or why it was refused, and sends the message a shopper would get
//! by email.

use crate::domain::inbox::Sender;
use chrono::{DateTime, Utc};

use crate::domain::format;
use crate::domain::inbox::Inbox;
use crate::domain::payments::{MethodId, PaymentError, PaymentsState, MY_KLARNA};

/// Why a My Klarna action was refused, in the words the page shows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanActionError {
    #[error("Order {0} has no payment plan.")]
    NoPlan(String),
    #[error("The plan's payment method is no longer saved; choose another.")]
    PlanMethodGone,
    #[error("That payment method is not saved.")]
    MethodNotSaved,
    /// The plan's own rule refused it.
    #[error("{0}")]
    Refused(#[from] PaymentError),
}

/// A My Klarna action: it changes the plans, may tell the inbox, and answers with the
/// sentence to confirm it or why it was refused.
pub trait PlanAction:
    FnOnce(&mut PaymentsState, &mut Inbox, DateTime<Utc>) -> Result<String, PlanActionError>
{
}

impl<F> PlanAction for F where
    F: FnOnce(&mut PaymentsState, &mut Inbox, DateTime<Utc>) -> Result<String, PlanActionError>
{
}

fn method_of(
    payments: &PaymentsState,
    order_id: &str,
) -> Result<(String, MethodId), PlanActionError> {
    let account = payments
        .account(order_id)
        .ok_or_else(|| PlanActionError::NoPlan(order_id.to_string()))?;
    let method = payments
        .method(account.method_id)
        .ok_or(PlanActionError::PlanMethodGone)?;
    Ok((method.label.clone(), method.id))
}

/// Pays payment `number` of the order's plan now, with the plan's method.
pub fn pay_installment(
    payments: &mut PaymentsState,
    inbox: &mut Inbox,
    order_id: &str,
    number: u32,
    now: DateTime<Utc>,
) -> Result<String, PlanActionError> {
    let (label, method_id) = method_of(payments, order_id)?;
    let (account, methods) = payments
        .account_mut_with_methods(order_id)
        .expect("checked by method_of");
    let method = &methods[&method_id];
    let of = account.installments.len();
    let paid = account.pay_installment(number, method, now)?;
    let text =
        format!("Paid {paid} for payment {number} of {of} of order {order_id} with {label}.");
    inbox.deliver(
        Sender::Klarna,
        now,
        "Payment received",
        text.clone(),
        Some(MY_KLARNA.into()),
    );
    Ok(text)
}

/// Pays everything the order's plan still owes in one charge.
pub fn pay_whole_balance(
    payments: &mut PaymentsState,
    inbox: &mut Inbox,
    order_id: &str,
    now: DateTime<Utc>,
) -> Result<String, PlanActionError> {
    let (label, method_id) = method_of(payments, order_id)?;
    let (account, methods) = payments
        .account_mut_with_methods(order_id)
        .expect("checked by method_of");
    let method = &methods[&method_id];
    let paid = account.pay_whole_balance(method, now)?;
    let text = format!(
        "Paid the remaining {paid} of order {order_id} with {label}. Nothing more is owed."
    );
    inbox.deliver(
        Sender::Klarna,
        now,
        format!("Order {order_id} paid in full"),
        text.clone(),
        Some(MY_KLARNA.into()),
    );
    Ok(text)
}

/// Moves payment `number` 10 days later (once per order). The message names the day the
/// money will move, and says so when that is later than 10 days because of a weekend or a
/// holiday.
pub fn extend_due_date(
    payments: &mut PaymentsState,
    inbox: &mut Inbox,
    order_id: &str,
    number: u32,
    now: DateTime<Utc>,
) -> Result<String, PlanActionError> {
    let account = payments
        .account_mut(order_id)
        .ok_or_else(|| PlanActionError::NoPlan(order_id.to_string()))?;
    let new_due = account.extend_due_date(number, now)?;
    let moved = account
        .installment(number)
        .and_then(|i| i.due_move(account.market))
        .map(|moved| format!(" ({moved})"))
        .unwrap_or_default();
    let text = format!(
        "Payment {number} of order {order_id} is now due on {}{moved}. The other payments keep \
         their dates; a due date can be extended once per order.",
        format::date(new_due)
    );
    inbox.deliver(
        Sender::Klarna,
        now,
        "Due date extended",
        text.clone(),
        Some(MY_KLARNA.into()),
    );
    Ok(text)
}

/// Pays the plan's future payments with saved method `method_id`.
pub fn change_method(
    payments: &mut PaymentsState,
    order_id: &str,
    method_id: MethodId,
) -> Result<String, PlanActionError> {
    let method = payments
        .method(method_id)
        .cloned()
        .ok_or(PlanActionError::MethodNotSaved)?;
    let account = payments
        .account_mut(order_id)
        .ok_or_else(|| PlanActionError::NoPlan(order_id.to_string()))?;
    let note = account.change_method(&method);
    Ok(match note {
        Some(why) => format!(
            "Order {order_id} is now paid with {}. Autopay is off: {why}.",
            method.label
        ),
        None => format!("Order {order_id} is now paid with {}.", method.label),
    })
}

/// Switches automatic collection for the order's plan; refused for a method that can't.
pub fn set_autopay(
    payments: &mut PaymentsState,
    order_id: &str,
    on: bool,
) -> Result<String, PlanActionError> {
    let (_, method_id) = method_of(payments, order_id)?;
    let (account, methods) = payments
        .account_mut_with_methods(order_id)
        .expect("checked by method_of");
    account.set_autopay(on, &methods[&method_id])?;
    Ok(if on {
        format!("Autopay is on for order {order_id}: payments are collected on their due dates.")
    } else {
        format!("Autopay is off for order {order_id}: pay each payment yourself by its due date.")
    })
}
