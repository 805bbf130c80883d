//! Payment plans saved before interest was kept per payment (schemas 1 and 2).
//!
//! Schema 3 stores each payment's interest, the plan's APR and the principal partial
//! refunds took off a financing plan, so that a refund on financing can clear or
//! re-amortize the principal alone. Older plans never had a payment re-amortized, so their
//! interest is the agreed amortization's: rebuilt here, and checked against the amounts
//! stored, so a plan it does not reproduce is quarantined rather than loaded wrong.

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::domain::money::Money;
use crate::domain::plans::{amortize, financing_apr, PlanKind};

fn field<T: DeserializeOwned>(object: &Map<String, Value>, name: &str) -> Result<T, String> {
    let value = object
        .get(name)
        .ok_or_else(|| format!("a saved plan has no \"{name}\""))?;
    serde_json::from_value(value.clone()).map_err(|e| format!("a saved plan's \"{name}\": {e}"))
}

fn to_json(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("money and rates serialize")
}

/// Adds `interest` to every payment, and `apr` and `principal_reduced` to every plan.
pub fn payments_2_to_3(mut data: Value) -> Result<Value, String> {
    let accounts = data
        .get_mut("accounts")
        .and_then(Value::as_object_mut)
        .ok_or("the payments have no \"accounts\" map")?;
    for (order_id, account) in accounts.iter_mut() {
        let account = account
            .as_object_mut()
            .ok_or_else(|| format!("the plan of {order_id} is not an object"))?;
        let kind: PlanKind = field(account, "kind")?;
        let price: Money = field(account, "order_total")?;
        let zero = Money::zero(price.currency());
        let (apr, months) = match kind {
            PlanKind::Financing { months } => (
                financing_apr(months, price),
                amortize(price, financing_apr(months, price), months),
            ),
            _ => (Decimal::ZERO, Vec::new()),
        };
        let installments = account
            .get_mut("installments")
            .and_then(Value::as_array_mut)
            .ok_or_else(|| format!("the plan of {order_id} has no payments"))?;
        for installment in installments {
            let installment = installment
                .as_object_mut()
                .ok_or_else(|| format!("a payment of {order_id} is not an object"))?;
            let interest = if months.is_empty() {
                zero
            } else {
                let number: usize = field(installment, "number")?;
                let amount: Money = field(installment, "amount")?;
                let month = number
                    .checked_sub(1)
                    .and_then(|k| months.get(k))
                    .filter(|m| m.payment() == amount)
                    .ok_or_else(|| {
                        format!("payment {number} of {order_id} is not the agreed amortization")
                    })?;
                month.interest
            };
            installment.insert("interest".into(), to_json(interest));
        }
        account.insert("apr".into(), to_json(apr));
        account.insert("principal_reduced".into(), to_json(zero));
    }
    Ok(data)
}
