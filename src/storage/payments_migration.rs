//! Payment plans saved before interest was kept per payment (schemas 1 and 2).
//!
//! Schema 3 stores each payment's interest, the plan's APR and the principal partial
//! refunds took off a financing plan, so that a refund on financing can clear or
//! re-amortize the principal alone. Older plans never had a payment re-amortized, so their
//! interest is the agreed amortization's: rebuilt here, and checked against the amounts
//! stored, so a plan it does not reproduce is quarantined rather than loaded wrong.

use rust_decimal::Decimal;
use serde_json::Value;

use super::json_tree::to_tree;
use super::migrations::{each_payment, each_plan, field};
use crate::domain::money::Money;
use crate::domain::plans::{amortize, financing_apr, PlanKind};

/// Adds `interest` to every payment, and `apr` and `principal_reduced` to every plan.
pub fn payments_2_to_3(mut data: Value) -> Result<Value, String> {
    each_plan(&mut data, |order_id, plan| {
        let kind: PlanKind = field(plan, "kind", order_id)?;
        let price: Money = field(plan, "order_total", order_id)?;
        let zero = Money::zero(price.currency());
        let (apr, months) = match kind {
            PlanKind::Financing { months } => (
                financing_apr(months, price),
                amortize(price, financing_apr(months, price), months),
            ),
            _ => (Decimal::ZERO, Vec::new()),
        };
        each_payment(plan, order_id, |payment| {
            let interest = if months.is_empty() {
                zero
            } else {
                let number: usize = field(payment, "number", order_id)?;
                let amount: Money = field(payment, "amount", order_id)?;
                let month = number
                    .checked_sub(1)
                    .and_then(|k| months.get(k))
                    .filter(|m| m.payment() == amount)
                    .ok_or_else(|| {
                        format!("payment {number} of {order_id} is not the agreed amortization")
                    })?;
                month.interest
            };
            payment.insert("interest".into(), to_tree(&interest));
            Ok(())
        })?;
        plan.insert("apr".into(), to_tree(&apr));
        plan.insert("principal_reduced".into(), to_tree(&zero));
        Ok(())
    })?;
    Ok(data)
}
