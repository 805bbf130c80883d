//! Cart totals for a market, lines grouped by seller, and what changes when the market does.
//!
//! Shipping is charged once per line, whatever its quantity: each line ships as one parcel
//! from its seller with the option the shopper picked for it.
//!
//! Tax is zero in both markets, on purpose: UK shop prices include VAT by law, so nothing is
//! added at checkout; US sales tax depends on the delivery state and is outside this demo.
//! The field exists so a market with added tax changes one function, not the UI.

use super::{resolve, Cart, CartLine};
use crate::domain::catalog::{Catalog, SellerId};
use crate::domain::market::Market;
use crate::domain::money::Money;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CartTotals {
    pub items: Money,
    pub shipping: Money,
    pub tax: Money,
    pub grand_total: Money,
    pub item_count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricedLine {
    /// Position in `Cart::lines`.
    pub index: usize,
    pub product_name: String,
    pub variant_label: String,
    pub unit_price: Money,
    pub line_total: Money,
    pub delivery_name: String,
    pub shipping: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricedCart {
    pub lines: Vec<PricedLine>,
    /// Lines whose product, variant or delivery option the catalog no longer has; they are
    /// left out of the totals rather than guessed at.
    pub unavailable: Vec<usize>,
    pub totals: CartTotals,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SellerGroup {
    pub seller_id: SellerId,
    pub seller_name: String,
    pub line_indices: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineRepricing {
    pub index: usize,
    pub product_name: String,
    pub before: Money,
    pub after: Money,
}

/// What switching market did to the cart, for the notice the shopper sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repricing {
    pub from: Market,
    pub to: Market,
    pub before: CartTotals,
    pub after: CartTotals,
    pub lines: Vec<LineRepricing>,
}

impl Repricing {
    /// "Your cart is now priced for the United Kingdom in GBP: £41.98 (was $49.98)."
    pub fn message(&self) -> String {
        if self.lines.is_empty() {
            return format!(
                "Prices are now shown for the {} in {}.",
                self.to.country_name(),
                self.to.currency().code()
            );
        }
        format!(
            "Your cart is now priced for the {} in {}: {} (was {}).",
            self.to.country_name(),
            self.to.currency().code(),
            self.after.grand_total,
            self.before.grand_total
        )
    }
}

impl Cart {
    pub fn price(&self, catalog: &Catalog, market: Market) -> PricedCart {
        let currency = market.currency();
        let mut lines = Vec::with_capacity(self.lines.len());
        let mut unavailable = Vec::new();
        for (index, line) in self.lines.iter().enumerate() {
            match price_line(catalog, market, index, line) {
                Some(priced) => lines.push(priced),
                None => unavailable.push(index),
            }
        }
        let items = Money::sum_in(currency, lines.iter().map(|l| l.line_total));
        let shipping = Money::sum_in(currency, lines.iter().map(|l| l.shipping));
        let tax = Money::zero(currency);
        let item_count = lines
            .iter()
            .map(|l| self.lines[l.index].quantity.get())
            .sum();
        PricedCart {
            lines,
            unavailable,
            totals: CartTotals {
                items,
                shipping,
                tax,
                grand_total: items + shipping + tax,
                item_count,
            },
        }
    }

    pub fn totals(&self, catalog: &Catalog, market: Market) -> CartTotals {
        self.price(catalog, market).totals
    }

    /// Sellers in the order their first line was added; lines keep cart order within.
    pub fn seller_groups(&self, catalog: &Catalog) -> Vec<SellerGroup> {
        let mut groups: Vec<SellerGroup> = Vec::new();
        for (index, line) in self.lines.iter().enumerate() {
            let Some(product) = catalog.product(&line.product_id) else {
                continue;
            };
            let seller = catalog.seller_of(product);
            match groups.iter_mut().find(|g| g.seller_id == seller.id) {
                Some(group) => group.line_indices.push(index),
                None => groups.push(SellerGroup {
                    seller_id: seller.id.clone(),
                    seller_name: seller.name.clone(),
                    line_indices: vec![index],
                }),
            }
        }
        groups
    }

    /// The cart is unchanged (it holds no prices); this reports the figures before and after.
    pub fn reprice(&self, catalog: &Catalog, from: Market, to: Market) -> Repricing {
        let before = self.price(catalog, from);
        let after = self.price(catalog, to);
        let lines = before
            .lines
            .iter()
            .filter_map(|b| {
                let a = after.lines.iter().find(|a| a.index == b.index)?;
                Some(LineRepricing {
                    index: b.index,
                    product_name: b.product_name.clone(),
                    before: b.line_total + b.shipping,
                    after: a.line_total + a.shipping,
                })
            })
            .collect();
        Repricing {
            from,
            to,
            before: before.totals,
            after: after.totals,
            lines,
        }
    }
}

fn price_line(
    catalog: &Catalog,
    market: Market,
    index: usize,
    line: &CartLine,
) -> Option<PricedLine> {
    let product = resolve(catalog, line).ok()?;
    let variant = product.variant(&line.variant_id)?;
    let delivery = product.delivery_option(&line.delivery_option_id)?;
    let unit_price = product.price_in(market);
    Some(PricedLine {
        index,
        product_name: product.name.clone(),
        variant_label: variant.label(),
        unit_price,
        line_total: unit_price.times(line.quantity.get()),
        delivery_name: delivery.name.clone(),
        shipping: delivery.cost.in_market(market),
    })
}
