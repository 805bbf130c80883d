//! When a cart line would arrive if ordered on a given day: the seller's handling time and
//! the chosen delivery's transit, in the market's business days.

use chrono::NaiveDate;

use super::CartLine;
use crate::domain::catalog::{Catalog, DeliveryWindow};
use crate::domain::market::Market;

impl CartLine {
    /// `None` when the catalog no longer has the product or the delivery option.
    pub fn arrival(
        &self,
        catalog: &Catalog,
        order_date: NaiveDate,
        market: Market,
    ) -> Option<DeliveryWindow> {
        let product = catalog.product(&self.product_id)?;
        let option = product.delivery_option(&self.delivery_option_id)?;
        Some(option.window(order_date, catalog.seller_of(product).handling, market))
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::cart::{CartLine, Quantity};
    use crate::domain::catalog::DeliveryOptionId;
    use crate::domain::demo_catalog::demo_catalog;
    use crate::domain::market::Market;
    use chrono::NaiveDate;

    #[test]
    fn a_line_arrives_in_its_product_page_window() {
        let catalog = demo_catalog();
        let product = &catalog.products()[0];
        let option = &product.delivery_options[0];
        let line = CartLine {
            product_id: product.id.clone(),
            variant_id: product.variants[0].id.clone(),
            quantity: Quantity::new(1).unwrap(),
            delivery_option_id: option.id.clone(),
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let expected = option.window(day, catalog.seller_of(product).handling, Market::US);
        assert_eq!(line.arrival(&catalog, day, Market::US), Some(expected));
        assert!(expected.earliest > day);
        let gone = CartLine {
            delivery_option_id: DeliveryOptionId::new("no-such-option"),
            ..line
        };
        assert_eq!(gone.arrival(&catalog, day, Market::US), None);
    }
}
