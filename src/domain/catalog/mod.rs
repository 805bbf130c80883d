//! The catalog: products, their variants and delivery options, and the sellers behind them.
//!
//! Prices are held per market rather than converted at view time: a shop sets a GBP price
//! on purpose (rounded, VAT-aware), it does not follow the exchange rate.

mod delivery;
mod id_hash;
mod ids;
mod price;
mod product;
mod review;
mod selection;
mod seller;
mod swatch;
mod trust;
mod variant;

use std::collections::HashMap;

use id_hash::IdHash;

pub use delivery::{delivery_window, BusinessDayRange, DeliveryOption, DeliveryWindow};
pub use ids::{DeliveryOptionId, ProductId, SellerId, VariantId};
pub use price::MarketPrice;
pub use product::{Category, Picture, PictureShape, Product};
pub use review::{Review, Stars};
pub use selection::{AxisValueState, Selection, VariantAvailability};
pub use seller::{DetailedRatings, Seller};
pub use swatch::swatch;
pub use trust::{TrustCheck, TrustVerdict, MIN_DETAILED_RATING, MIN_POSITIVE_PERMILLE};
pub use trust::{MIN_RATINGS_RECEIVED, MIN_YEARS_OPEN};
pub use variant::{AxisKind, Variant, VariantAxis};

/// Products and sellers with id lookups built once, so pages and the cart resolve ids in
/// constant time even in the 10,000-product scale catalog.
#[derive(Clone, Debug)]
pub struct Catalog {
    products: Vec<Product>,
    sellers: Vec<Seller>,
    product_index: HashMap<ProductId, usize, IdHash>,
    seller_index: HashMap<SellerId, usize, IdHash>,
}

impl Catalog {
    /// Panics on duplicate ids or a product whose seller is missing: the catalog is built in
    /// code, so either is a bug to catch in tests, not a state to carry around.
    pub fn new(products: Vec<Product>, sellers: Vec<Seller>) -> Catalog {
        let mut seller_index = HashMap::with_capacity_and_hasher(sellers.len(), IdHash::default());
        for (i, s) in sellers.iter().enumerate() {
            let previous = seller_index.insert(s.id.clone(), i);
            assert!(previous.is_none(), "duplicate seller id {}", s.id);
        }
        let mut product_index =
            HashMap::with_capacity_and_hasher(products.len(), IdHash::default());
        for (i, p) in products.iter().enumerate() {
            let previous = product_index.insert(p.id.clone(), i);
            assert!(previous.is_none(), "duplicate product id {}", p.id);
            assert!(
                seller_index.contains_key(&p.seller_id),
                "product {} names unknown seller {}",
                p.id,
                p.seller_id
            );
        }
        Catalog {
            products,
            sellers,
            product_index,
            seller_index,
        }
    }

    pub fn products(&self) -> &[Product] {
        &self.products
    }

    pub fn sellers(&self) -> &[Seller] {
        &self.sellers
    }

    pub fn product(&self, id: &ProductId) -> Option<&Product> {
        self.product_index.get(id).map(|&i| &self.products[i])
    }

    pub fn product_by_slug(&self, slug: &str) -> Option<&Product> {
        self.product(&ProductId::new(slug))
    }

    pub fn seller(&self, id: &SellerId) -> Option<&Seller> {
        self.seller_index.get(id).map(|&i| &self.sellers[i])
    }

    pub fn seller_of(&self, product: &Product) -> &Seller {
        &self.sellers[self.seller_position(product)]
    }

    /// Where the product's seller is in [`Catalog::sellers`].
    pub fn seller_position(&self, product: &Product) -> usize {
        *self
            .seller_index
            .get(&product.seller_id)
            .expect("Catalog::new checked every product's seller")
    }

    pub fn products_of_seller<'a>(&'a self, id: &'a SellerId) -> impl Iterator<Item = &'a Product> {
        self.products.iter().filter(move |p| &p.seller_id == id)
    }

    /// Categories that have at least one product, in the fixed display order.
    pub fn categories(&self) -> Vec<Category> {
        Category::ALL
            .into_iter()
            .filter(|c| self.products.iter().any(|p| p.category == *c))
            .collect()
    }
}
