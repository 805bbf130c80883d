use std::sync::Arc;

use rust_decimal::Decimal;

use super::delivery::DeliveryOption;
use super::ids::{DeliveryOptionId, ProductId, SellerId, VariantId};
use super::price::MarketPrice;
use super::review::Review;
use super::variant::{Variant, VariantAxis};
use crate::domain::market::Market;
use crate::domain::money::Money;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Electronics,
    Fashion,
    Shoes,
    Home,
    Kitchen,
    Beauty,
    Sports,
    Toys,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Electronics,
        Category::Fashion,
        Category::Shoes,
        Category::Home,
        Category::Kitchen,
        Category::Beauty,
        Category::Sports,
        Category::Toys,
    ];

    /// The form used in URLs (`?cat=home`).
    pub fn slug(self) -> &'static str {
        match self {
            Category::Electronics => "electronics",
            Category::Fashion => "fashion",
            Category::Shoes => "shoes",
            Category::Home => "home",
            Category::Kitchen => "kitchen",
            Category::Beauty => "beauty",
            Category::Sports => "sports",
            Category::Toys => "toys",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Electronics => "Electronics",
            Category::Fashion => "Fashion",
            Category::Shoes => "Shoes",
            Category::Home => "Home & Living",
            Category::Kitchen => "Kitchen",
            Category::Beauty => "Beauty",
            Category::Sports => "Sports & Outdoors",
            Category::Toys => "Toys & Games",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

/// What the UI draws for a product: there are no image files, only these parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PictureShape {
    Shirt,
    Sweater,
    Hoodie,
    Jacket,
    Dress,
    Shoe,
    Bag,
    Watch,
    Phone,
    Headphones,
    Speaker,
    Lamp,
    Chair,
    Cushion,
    Mug,
    Pan,
    Bottle,
    Jar,
    Ball,
    Racket,
    Tent,
    Blocks,
    Bear,
    Car,
    Knife,
    Utensils,
    Camera,
    PowerBank,
    Brush,
    Mat,
    Band,
    Curtains,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Picture {
    pub shape: PictureShape,
    /// CSS colour, `#rrggbb`.
    pub primary: &'static str,
    pub accent: &'static str,
    /// 0 plain, 1 stripes, 2 dots, 3 checks: gives look-alike products a different face.
    pub pattern: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub id: ProductId,
    pub name: String,
    pub category: Category,
    pub description: String,
    pub price: MarketPrice,
    /// Empty for a product without choices; it then has one variant with no values. Shared
    /// by the products made in the same choices.
    pub axes: Arc<[VariantAxis]>,
    pub variants: Vec<Variant>,
    /// (label, value) rows in display order, from the tables the catalog is written in.
    pub specifications: Vec<(&'static str, &'static str)>,
    /// Shared by the products that ship the same way.
    pub delivery_options: Arc<[DeliveryOption]>,
    /// Average of all ratings, one decimal, 1.0-5.0; `reviews` holds the written few.
    pub rating: Decimal,
    pub rating_count: u32,
    pub reviews: Vec<Review>,
    pub sold: u32,
    pub seller_id: SellerId,
    pub picture: Picture,
}

impl Product {
    pub fn price_in(&self, market: Market) -> Money {
        self.price.in_market(market)
    }

    pub fn variant(&self, id: &VariantId) -> Option<&Variant> {
        self.variants.iter().find(|v| &v.id == id)
    }

    pub fn delivery_option(&self, id: &DeliveryOptionId) -> Option<&DeliveryOption> {
        self.delivery_options.iter().find(|d| &d.id == id)
    }

    /// The option a new cart line starts with: the cheapest, and the slower of equals, as a
    /// shopper who has not chosen would expect to pay the least.
    pub fn default_delivery_option(&self, market: Market) -> &DeliveryOption {
        self.delivery_options
            .iter()
            .min_by_key(|d| {
                (
                    d.cost.in_market(market).minor(),
                    std::cmp::Reverse(d.transit.max()),
                )
            })
            .expect("every product has a delivery option")
    }

    pub fn has_free_delivery_in(&self, market: Market) -> bool {
        self.delivery_options.iter().any(|d| d.is_free_in(market))
    }

    pub fn total_stock(&self) -> u32 {
        self.variants.iter().map(|v| v.stock).sum()
    }

    pub fn is_sold_out(&self) -> bool {
        self.total_stock() == 0
    }
}
