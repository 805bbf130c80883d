//! What a stored order must be to be used: the storage layer asks before it accepts one, so
//! a value edited by hand (a negative price, a billion items) is set aside with a notice
//! instead of being shown and acted on as if true.

use super::order::Order;
use crate::domain::cart::MAX_QUANTITY;
use crate::domain::money::Money;

impl Order {
    /// `Err` names the first rule the order breaks.
    pub fn check_invariants(&self) -> Result<(), String> {
        let id = &self.id;
        let currency = self.market.currency();
        let mut amounts: Vec<(&str, Money)> = Vec::new();
        for line in &self.lines {
            if !(1..=MAX_QUANTITY).contains(&line.quantity) {
                return Err(format!(
                    "order {id} line {} has a quantity of {}, outside 1 to {MAX_QUANTITY}",
                    line.number, line.quantity
                ));
            }
            amounts.extend([
                ("a unit price", line.unit_price),
                ("an items total", line.items_total),
                ("a shipping charge", line.shipping),
            ]);
        }
        for package in &self.packages {
            amounts.extend([
                ("a package amount", package.amount),
                ("a captured amount", package.captured),
            ]);
        }
        for refund in &self.refunds {
            amounts.extend([
                ("a refund", refund.amount),
                ("a refund's captured part", refund.captured_part),
            ]);
        }
        for (what, amount) in amounts {
            if amount.currency() != currency {
                return Err(format!("order {id} has {what} in another currency"));
            }
            if amount.is_negative() {
                return Err(format!("order {id} has {what} below zero ({amount})"));
            }
        }
        for line in &self.lines {
            if line.items_total != line.unit_price.times(line.quantity) {
                return Err(format!(
                    "order {id} line {}: {} × {} is not {}",
                    line.number, line.quantity, line.unit_price, line.items_total
                ));
            }
        }
        if self.refunded_total() > self.total() {
            return Err(format!(
                "order {id} refunded {} of a {} order",
                self.refunded_total(),
                self.total()
            ));
        }
        Ok(())
    }
}
