//! Shared fixture: a small catalog whose sellers and delivery options are known exactly,
//! so tests can state dates and amounts instead of re-deriving them.

mod cases;
mod events;
mod exchanges;
mod lifecycle;
mod may_i;
mod monitoring;
mod shipping;

use chrono::{DateTime, TimeZone, Utc};
use rust_decimal_macros::dec;

use super::*;
use crate::domain::cart::{Cart, CartLine, Quantity};
use crate::domain::catalog::{
    BusinessDayRange, Catalog, Category, DeliveryOption, DeliveryOptionId, DetailedRatings,
    MarketPrice, Picture, PictureShape, Product, ProductId, Seller, SellerId, Variant, VariantId,
};
use crate::domain::market::Market;
use crate::domain::money::{Currency, Money};

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// Monday 2 March 2026, 10:00 UTC: no holiday near it in either market.
pub fn monday() -> DateTime<Utc> {
    at(2026, 3, 2, 10, 0)
}

fn seller(id: &str, location: &str, trusted: bool, handling: (u32, u32)) -> Seller {
    Seller {
        id: SellerId::new(id),
        name: format!("{id} shop"),
        location: location.into(),
        positive_feedback_permille: if trusted { 990 } else { 700 },
        feedback_count: if trusted { 5_000 } else { 12 },
        detailed: DetailedRatings {
            item_as_described: dec!(4.8),
            communication: dec!(4.8),
            shipping_speed: dec!(4.8),
        },
        years_open: if trusted { 8 } else { 0 },
        followers: 10,
        contact_email: format!("{id}@example.com"),
        handling: BusinessDayRange::new(handling.0, handling.1),
        reviews: Vec::new(),
    }
}

fn product(id: &str, seller: &str, usd_cents: i64, gbp_pence: i64) -> Product {
    Product {
        id: ProductId::new(id),
        name: id.replace('-', " "),
        category: Category::Home,
        description: String::new(),
        price: MarketPrice::from_minor(usd_cents, gbp_pence),
        axes: [].into(),
        variants: vec![Variant {
            id: VariantId::new("default"),
            values: [].into(),
            stock: 500,
        }],
        specifications: Vec::new(),
        delivery_options: [
            DeliveryOption {
                id: DeliveryOptionId::new("standard"),
                name: "Standard".into(),
                cost: MarketPrice::from_minor(500, 400),
                transit: BusinessDayRange::new(3, 6),
            },
            DeliveryOption {
                id: DeliveryOptionId::new("premium"),
                name: "Premium".into(),
                cost: MarketPrice::from_minor(1500, 1200),
                transit: BusinessDayRange::new(1, 2),
            },
        ]
        .into(),
        rating: dec!(4.5),
        rating_count: 10,
        reviews: Vec::new(),
        sold: 0,
        seller_id: SellerId::new(seller),
        picture: Picture {
            shape: PictureShape::Mug,
            primary: "#000000",
            accent: "#ffffff",
            pattern: 0,
        },
    }
}

/// - `lamp` ($40) and `mug` ($10) from `portland` (US, trusted, handling 1-3 days);
/// - `kettle` ($60) from `shenzhen` (China, trusted, handling 2-4 days);
/// - `candle` ($20) from `newshop` (UK, untrusted, handling 3-5 days).
pub fn catalog() -> Catalog {
    Catalog::new(
        vec![
            product("lamp", "portland", 4000, 3500),
            product("mug", "portland", 1000, 900),
            product("kettle", "shenzhen", 6000, 5000),
            product("candle", "newshop", 2000, 1800),
        ],
        vec![
            seller("portland", "Portland, Oregon, US", true, (1, 3)),
            seller("shenzhen", "Shenzhen, China", true, (2, 4)),
            seller("newshop", "Leicester, UK", false, (3, 5)),
        ],
    )
}

pub fn cart(lines: &[(&str, i64, &str)]) -> Cart {
    let catalog = catalog();
    let mut cart = Cart::new();
    for (product, quantity, option) in lines {
        cart.add(
            &catalog,
            CartLine {
                product_id: ProductId::new(*product),
                variant_id: VariantId::new("default"),
                quantity: Quantity::new(*quantity).unwrap(),
                delivery_option_id: DeliveryOptionId::new(*option),
            },
        )
        .unwrap();
    }
    cart
}

pub fn place_in(
    id: &str,
    lines: &[(&str, i64, &str)],
    placed_at: DateTime<Utc>,
    market: Market,
) -> (Order, Outcome) {
    let country = market.country_code().to_string();
    let (cart, catalog) = (cart(lines), catalog());
    let mut new = NewOrder {
        id: id.into(),
        placed_at,
        market,
        account_country: country.clone(),
        shipping_country: country,
        cart: &cart,
        catalog: &catalog,
        history: &[],
        provider_fraud_status: FraudStatus::Accepted,
    };
    new.provider_fraud_status = provider_status_for(&screen_cart(&new));
    Order::place(new).unwrap()
}

/// Stands in for the payment provider: it holds every order the marketplace flagged.
pub fn provider_status_for(flags: &[RiskFlag]) -> FraudStatus {
    if flags.is_empty() {
        FraudStatus::Accepted
    } else {
        FraudStatus::Pending
    }
}

/// A US order from the two trusted US/China sellers, released at once (no review flags).
pub fn place(id: &str, lines: &[(&str, i64, &str)]) -> Order {
    place_in(id, lines, monday(), Market::US).0
}

pub fn usd(cents: i64) -> Money {
    Money::from_minor(cents, Currency::USD)
}

pub fn effects_of(applied: &[(OrderEvent, Outcome)]) -> Vec<Effect> {
    applied
        .iter()
        .flat_map(|(_, o)| o.effects.iter().cloned())
        .collect()
}

pub fn first_package(order: &Order) -> PackageId {
    order.packages()[0].id.clone()
}

/// Runs the clock just far enough for the package to ship and be delivered; returns the
/// delivery time.
pub fn deliver(order: &mut Order, package: &PackageId) -> DateTime<Utc> {
    let shipped = order.package(package).unwrap().planned_ship_at;
    advance(order, shipped);
    let delivery = order
        .package(package)
        .unwrap()
        .tracking_plan
        .last()
        .unwrap()
        .at;
    advance(order, delivery);
    assert_eq!(order.package(package).unwrap().delivered_at, Some(delivery));
    delivery
}
