//! The cart holds ids and quantities only; prices come from the catalog for the shopper's
//! market each time, so switching market re-prices it and a saved cart never carries a
//! stale price.

mod arrival;
mod merge;
mod pricing;
mod quantity;

use std::fmt;

use serde::{Deserialize, Serialize};

use super::catalog::{
    Catalog, DeliveryOptionId, Product, ProductId, Selection, VariantAvailability, VariantId,
};
pub use pricing::{CartTotals, LineRepricing, PricedCart, PricedLine, Repricing, SellerGroup};
pub use quantity::{parse_quantity, Quantity, QuantityError, MAX_QUANTITY, MIN_QUANTITY};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub product_id: ProductId,
    pub variant_id: VariantId,
    pub quantity: Quantity,
    pub delivery_option_id: DeliveryOptionId,
}

impl CartLine {
    /// Lines with the same variant and delivery option are one line; this is also a stable
    /// key for the UI's list.
    pub fn key(&self) -> String {
        format!(
            "{}/{}/{}",
            self.product_id, self.variant_id, self.delivery_option_id
        )
    }

    fn same_item(&self, other: &CartLine) -> bool {
        self.product_id == other.product_id
            && self.variant_id == other.variant_id
            && self.delivery_option_id == other.delivery_option_id
    }
}

/// What `remove` hands back so "Undo" can put the line back where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovedLine {
    pub line: CartLine,
    pub position: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CartError {
    UnknownProduct(ProductId),
    UnknownVariant {
        product: String,
        variant: VariantId,
    },
    UnknownDeliveryOption {
        product: String,
        option: DeliveryOptionId,
    },
    SoldOut {
        reason: String,
    },
    NotEnoughStock {
        product: String,
        available: u32,
    },
    Quantity(QuantityError),
    /// Merging would make one line hold more than 99.
    LineWouldExceedMaximum {
        already: u32,
    },
    NoSuchLine(usize),
    /// The line the shopper acted on is not in the cart any more (another tab removed it or
    /// changed its delivery meanwhile).
    LineGone,
}

impl fmt::Display for CartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CartError::UnknownProduct(id) => write!(f, "The product \"{id}\" is no longer sold."),
            CartError::UnknownVariant { product, variant } => {
                write!(f, "{product} is not sold as \"{variant}\".")
            }
            CartError::UnknownDeliveryOption { product, option } => {
                write!(f, "{product} cannot be delivered by \"{option}\".")
            }
            CartError::SoldOut { reason } => write!(f, "{reason}."),
            CartError::NotEnoughStock { product, available } => {
                write!(f, "Only {available} of {product} left in stock.")
            }
            CartError::Quantity(e) => e.fmt(f),
            CartError::LineWouldExceedMaximum { already } => write!(
                f,
                "You already have {already} in your cart; you can buy at most {MAX_QUANTITY} of one item."
            ),
            CartError::NoSuchLine(i) => write!(f, "There is no cart line {}.", i + 1),
            CartError::LineGone => write!(
                f,
                "This item is no longer in your cart; it was changed in another tab."
            ),
        }
    }
}

impl std::error::Error for CartError {}

impl From<QuantityError> for CartError {
    fn from(e: QuantityError) -> CartError {
        CartError::Quantity(e)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    lines: Vec<CartLine>,
}

impl Cart {
    pub fn new() -> Cart {
        Cart::default()
    }

    /// Where the line with this [`CartLine::key`] is now. A page acts on a line by its key,
    /// not by where it was drawn: another tab may have added or removed lines meanwhile.
    pub fn index_of(&self, key: &str) -> Result<usize, CartError> {
        self.lines
            .iter()
            .position(|line| line.key() == key)
            .ok_or(CartError::LineGone)
    }

    pub fn lines(&self) -> &[CartLine] {
        &self.lines
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The number in the header badge: items, not lines.
    pub fn item_count(&self) -> u32 {
        self.lines.iter().map(|l| l.quantity.get()).sum()
    }

    /// Adds to the matching line if there is one. Returns the line's index.
    pub fn add(&mut self, catalog: &Catalog, line: CartLine) -> Result<usize, CartError> {
        let product = resolve(catalog, &line)?;
        let existing = self.lines.iter().position(|l| l.same_item(&line));
        let already = existing.map_or(0, |i| self.lines[i].quantity.get());
        let wanted = already + line.quantity.get();
        if wanted > MAX_QUANTITY {
            return Err(CartError::LineWouldExceedMaximum { already });
        }
        check_stock(product, &line.variant_id, wanted)?;
        let wanted = Quantity::new(i64::from(wanted))?;
        Ok(match existing {
            Some(i) => {
                self.lines[i].quantity = wanted;
                i
            }
            None => {
                self.lines.push(CartLine {
                    quantity: wanted,
                    ..line
                });
                self.lines.len() - 1
            }
        })
    }

    /// Takes the raw number from the UI and refuses anything outside 1-99, or more than the
    /// stock; the line is unchanged on error.
    pub fn set_quantity(
        &mut self,
        catalog: &Catalog,
        index: usize,
        quantity: i64,
    ) -> Result<(), CartError> {
        let quantity = Quantity::new(quantity)?;
        let line = self.lines.get(index).ok_or(CartError::NoSuchLine(index))?;
        let product = resolve(catalog, line)?;
        check_stock(product, &line.variant_id, quantity.get())?;
        self.lines[index].quantity = quantity;
        Ok(())
    }

    pub fn remove(&mut self, index: usize) -> Option<RemovedLine> {
        (index < self.lines.len()).then(|| RemovedLine {
            line: self.lines.remove(index),
            position: index,
        })
    }

    /// Undo of `remove`: back at its old position, or merged into a line the shopper added
    /// again meanwhile. Returns the line's index.
    pub fn restore(&mut self, removed: RemovedLine) -> Result<usize, CartError> {
        if let Some(i) = self.lines.iter().position(|l| l.same_item(&removed.line)) {
            let already = self.lines[i].quantity.get();
            let merged = Quantity::new(i64::from(already + removed.line.quantity.get()))
                .map_err(|_| CartError::LineWouldExceedMaximum { already })?;
            self.lines[i].quantity = merged;
            return Ok(i);
        }
        let position = removed.position.min(self.lines.len());
        self.lines.insert(position, removed.line);
        Ok(position)
    }

    /// Switching to an option another line of the same variant already uses merges the two.
    /// Returns the index of the line that now holds the item.
    pub fn set_delivery_option(
        &mut self,
        catalog: &Catalog,
        index: usize,
        option: DeliveryOptionId,
    ) -> Result<usize, CartError> {
        let line = self.lines.get(index).ok_or(CartError::NoSuchLine(index))?;
        let changed = CartLine {
            delivery_option_id: option,
            ..line.clone()
        };
        resolve(catalog, &changed)?;
        let twin = self
            .lines
            .iter()
            .enumerate()
            .position(|(i, l)| i != index && l.same_item(&changed));
        match twin {
            None => {
                self.lines[index] = changed;
                Ok(index)
            }
            Some(t) => {
                let already = self.lines[t].quantity.get();
                let merged = Quantity::new(i64::from(already + changed.quantity.get()))
                    .map_err(|_| CartError::LineWouldExceedMaximum { already })?;
                self.lines[t].quantity = merged;
                self.lines.remove(index);
                Ok(if t > index { t - 1 } else { t })
            }
        }
    }

    /// Drops lines the catalog no longer knows (a saved cart meeting a newer catalog) and
    /// returns them so the UI can say what went.
    pub fn remove_unknown(&mut self, catalog: &Catalog) -> Vec<CartLine> {
        let (kept, dropped) = self
            .lines
            .drain(..)
            .partition(|line| resolve(catalog, line).is_ok());
        self.lines = kept;
        dropped
    }

    pub fn clear(&mut self) {
        self.lines.clear();
    }
}

/// The product of a line, after checking that its variant and delivery option exist.
fn resolve<'c>(catalog: &'c Catalog, line: &CartLine) -> Result<&'c Product, CartError> {
    let product = catalog
        .product(&line.product_id)
        .ok_or_else(|| CartError::UnknownProduct(line.product_id.clone()))?;
    if product.variant(&line.variant_id).is_none() {
        return Err(CartError::UnknownVariant {
            product: product.name.clone(),
            variant: line.variant_id.clone(),
        });
    }
    if product.delivery_option(&line.delivery_option_id).is_none() {
        return Err(CartError::UnknownDeliveryOption {
            product: product.name.clone(),
            option: line.delivery_option_id.clone(),
        });
    }
    Ok(product)
}

fn check_stock(product: &Product, variant: &VariantId, wanted: u32) -> Result<(), CartError> {
    let variant = product
        .variant(variant)
        .expect("resolve checked the variant");
    match product.availability(&Selection::of_variant(variant)) {
        VariantAvailability::SoldOut { reason, .. } => Err(CartError::SoldOut { reason }),
        VariantAvailability::InStock { stock, .. } if stock < wanted => {
            Err(CartError::NotEnoughStock {
                product: product.name.clone(),
                available: stock,
            })
        }
        _ => Ok(()),
    }
}
