//! Two tabs changed the cart at the same moment, each from the same saved cart: both changes
//! are kept. Each line's quantity is the base's plus what each tab changed, within the
//! cart's limit; a line either tab removed goes. Either tab computes the same cart, so the
//! two agree without another round.

use super::quantity::{Quantity, MAX_QUANTITY};
use super::{Cart, CartLine};

impl Cart {
    /// The cart with both `mine` and `theirs`, each made from `base`. Lines keep the base's
    /// order, then new lines follow in a fixed order, so the result does not depend on which
    /// tab computes it.
    pub fn merged(base: &Cart, mine: &Cart, theirs: &Cart) -> Cart {
        let quantity_in = |cart: &Cart, line: &CartLine| {
            cart.lines
                .iter()
                .find(|l| l.same_item(line))
                .map_or(0, |l| i64::from(l.quantity.get()))
        };
        let mut new_lines: Vec<&CartLine> = mine
            .lines
            .iter()
            .chain(&theirs.lines)
            .filter(|l| quantity_in(base, l) == 0)
            .collect();
        new_lines.sort_by_key(|l| l.key());
        new_lines.dedup_by(|a, b| a.same_item(b));
        let mut lines = Vec::new();
        for line in base.lines.iter().chain(new_lines) {
            let (b, m, t) = (
                quantity_in(base, line),
                quantity_in(mine, line),
                quantity_in(theirs, line),
            );
            let removed = b > 0 && (m == 0 || t == 0);
            let wanted = (m + t - b).min(i64::from(MAX_QUANTITY));
            if let (false, Ok(quantity)) = (removed, Quantity::new(wanted)) {
                lines.push(CartLine {
                    quantity,
                    ..line.clone()
                });
            }
        }
        Cart { lines }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{DeliveryOptionId, ProductId, VariantId};

    fn line(product: &str, quantity: u32) -> CartLine {
        CartLine {
            product_id: ProductId::new(product),
            variant_id: VariantId::new("default"),
            quantity: Quantity::new(i64::from(quantity)).unwrap(),
            delivery_option_id: DeliveryOptionId::new("standard"),
        }
    }

    fn cart(lines: &[(&str, u32)]) -> Cart {
        Cart {
            lines: lines.iter().map(|(p, q)| line(p, *q)).collect(),
        }
    }

    #[test]
    fn two_adds_of_the_same_item_at_once_are_both_kept() {
        let base = cart(&[("tee", 2)]);
        let mine = cart(&[("tee", 3)]);
        let theirs = cart(&[("tee", 3)]);
        assert_eq!(Cart::merged(&base, &mine, &theirs), cart(&[("tee", 4)]));
    }

    #[test]
    fn each_tabs_new_line_and_removal_are_kept() {
        let base = cart(&[("tee", 1), ("lamp", 1)]);
        let mine = cart(&[("tee", 1), ("mug", 2)]);
        let theirs = cart(&[("tee", 1), ("lamp", 1), ("sock", 1)]);
        assert_eq!(
            Cart::merged(&base, &mine, &theirs),
            cart(&[("tee", 1), ("mug", 2), ("sock", 1)])
        );
        // The other tab computes the very same cart.
        assert_eq!(
            Cart::merged(&base, &theirs, &mine),
            Cart::merged(&base, &mine, &theirs)
        );
    }

    #[test]
    fn the_sum_stays_within_the_limit_and_an_emptied_line_goes() {
        let base = cart(&[("tee", 60)]);
        let mine = cart(&[("tee", 90)]);
        let theirs = cart(&[("tee", 80)]);
        assert_eq!(
            Cart::merged(&base, &mine, &theirs),
            cart(&[("tee", MAX_QUANTITY)])
        );
        let cleared = Cart::default();
        assert_eq!(Cart::merged(&base, &cleared, &theirs), Cart::default());
        assert_eq!(Cart::merged(&base, &theirs, &cleared), Cart::default());
    }
}
