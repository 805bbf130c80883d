//! Lifting stored values of an older schema to the current shape, one step per schema.
//! Each step works on the JSON as it was stored, so it keeps working when the Rust types
//! change again later.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::json_tree::from_tree;
use crate::domain::calendar::{moved_to_business_day, next_business_day};
use crate::domain::market::Market;

/// Payments, schema 1 to 2: a payment's `due` becomes the business day the money moves.
///
/// Schema 1 kept the day an extension or a pause named, which could be a weekend or a
/// holiday, and collected on the next business day while reminders named the day it kept.
/// Schema 2 keeps the business day in `due` and the named day in `moved_from` (for the note
/// "moved from ..."); a failed payment's `next_retry` is the business day of the retry. A
/// payment due on or before the day its plan opened was charged at checkout, whatever the
/// day, and keeps its date.
pub fn payments_1_to_2(mut data: Value) -> Result<Value, String> {
    each_plan(&mut data, |order_id, plan| {
        let market: Market = field(plan, "market", order_id)?;
        let opened_at: DateTime<Utc> = field(plan, "opened_at", order_id)?;
        each_payment(plan, order_id, |payment| {
            move_due_to_business_day(payment, market, opened_at.date_naive(), order_id)?;
            move_retry_to_business_day(payment, market, order_id)
        })
    })?;
    Ok(data)
}

/// Runs `change` on every saved plan of a payments value, with its order id.
pub(super) fn each_plan(
    data: &mut Value,
    mut change: impl FnMut(&str, &mut Map<String, Value>) -> Result<(), String>,
) -> Result<(), String> {
    let plans = data
        .get_mut("accounts")
        .and_then(Value::as_object_mut)
        .ok_or("the payments have no accounts")?;
    for (order_id, plan) in plans.iter_mut() {
        let plan = plan
            .as_object_mut()
            .ok_or_else(|| format!("the plan of {order_id} is not an object"))?;
        change(order_id, plan)?;
    }
    Ok(())
}

/// Runs `change` on every payment of a saved plan.
pub(super) fn each_payment(
    plan: &mut Map<String, Value>,
    order_id: &str,
    mut change: impl FnMut(&mut Map<String, Value>) -> Result<(), String>,
) -> Result<(), String> {
    let payments = plan
        .get_mut("installments")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| format!("the plan of {order_id} has no payments"))?;
    for payment in payments {
        let payment = payment
            .as_object_mut()
            .ok_or_else(|| format!("a payment of {order_id} is not an object"))?;
        change(payment)?;
    }
    Ok(())
}

fn move_due_to_business_day(
    installment: &mut Map<String, Value>,
    market: Market,
    opened_on: NaiveDate,
    order_id: &str,
) -> Result<(), String> {
    let named: NaiveDate = field(installment, "due", order_id)?;
    if named <= opened_on {
        return Ok(());
    }
    let (due, Some(moved_from)) = moved_to_business_day(named, market) else {
        return Ok(());
    };
    // The reminder already sent was about this payment: it went out two days before the
    // business day, so it must not be sent again for the same payment.
    if installment.get("reminded_for") == Some(&date_value(named)) {
        installment.insert("reminded_for".into(), date_value(due));
    }
    installment.insert("due".into(), date_value(due));
    installment.insert("moved_from".into(), date_value(moved_from));
    Ok(())
}

fn move_retry_to_business_day(
    installment: &mut Map<String, Value>,
    market: Market,
    order_id: &str,
) -> Result<(), String> {
    let Some(status) = installment.get_mut("status").and_then(Value::as_object_mut) else {
        return Err(format!("a payment of {order_id} has no status"));
    };
    if status.get("state").and_then(Value::as_str) != Some("failed") {
        return Ok(());
    }
    let retry: NaiveDate = field(status, "next_retry", order_id)?;
    status.insert(
        "next_retry".into(),
        date_value(next_business_day(retry, market)),
    );
    Ok(())
}

pub(super) fn field<T: DeserializeOwned>(
    object: &Map<String, Value>,
    name: &str,
    order_id: &str,
) -> Result<T, String> {
    let value = object
        .get(name)
        .ok_or_else(|| format!("the plan of {order_id} has no {name}"))?;
    from_tree(value).map_err(|e| format!("the plan of {order_id} has a bad {name}: {e}"))
}

fn date_value(date: NaiveDate) -> Value {
    Value::String(date.to_string())
}
