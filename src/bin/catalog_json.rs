//! Prints the scale catalog that `?catalog=N` opens in the app as compact JSON, for the
//! benchmark's vanilla-JavaScript page, so both sides render the same products.
//!
//!     cargo run --bin catalog_json [N]      (N defaults to 10000)
//!
//! Only what a product card and the search need: the card's text already formatted for the
//! US market (the app's market before sign-up), and the raw text the app searches (name,
//! description, specification values), which the page lowercases itself as the app does.
//! Native only: the wasm build (Trunk's `--bin bnpl-market`, the browser tests) gets an
//! empty `main`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Write;

    let count = match std::env::args().nth(1) {
        None => 10_000,
        Some(arg) => arg.parse().unwrap_or_else(|_| {
            eprintln!("catalog_json: expected a product count, got {arg:?}");
            std::process::exit(2);
        }),
    };
    let catalog = bnpl_market::domain::demo_catalog::generate_catalog(
        count,
        bnpl_market::domain::demo_catalog::SCALE_CATALOG_SEED,
    );
    let json = serde_json::to_string(&card_data::CatalogJson::from_catalog(&catalog))
        .expect("the catalog serializes");
    let mut out = std::io::stdout().lock();
    out.write_all(json.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .expect("stdout is writable");
}

#[cfg(not(target_arch = "wasm32"))]
mod card_data {
    use bnpl_market::domain::catalog::{Catalog, Product};
    use bnpl_market::domain::demo_catalog::SCALE_CATALOG_SEED;
    use bnpl_market::domain::market::Market;
    use rust_decimal::prelude::ToPrimitive;
    use serde::Serialize;

    const MARKET: Market = Market::US;

    #[derive(Serialize)]
    pub struct CatalogJson {
        seed: u64,
        market: &'static str,
        products: Vec<CardJson>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct CardJson {
        id: String,
        name: String,
        /// Formatted as the app shows it, e.g. "$1,234.99".
        price: String,
        /// As the app prints it, e.g. "4.0".
        rating: String,
        /// Filled stars out of five, rounded the way the app's `Stars` rounds.
        stars: u8,
        rating_count: u32,
        sold: u32,
        free_shipping: bool,
        trusted: bool,
        sold_out: bool,
        picture: PictureJson,
        description: String,
        /// Specification values, one per line, as the app's search index joins them.
        specs: String,
    }

    #[derive(Serialize)]
    struct PictureJson {
        shape: String,
        primary: &'static str,
        accent: &'static str,
        pattern: u8,
    }

    impl CatalogJson {
        pub fn from_catalog(catalog: &Catalog) -> CatalogJson {
            CatalogJson {
                seed: SCALE_CATALOG_SEED,
                market: "US",
                products: catalog
                    .products()
                    .iter()
                    .map(|p| CardJson::new(p, catalog.seller_of(p).trust().trusted))
                    .collect(),
            }
        }
    }

    impl CardJson {
        fn new(p: &Product, trusted: bool) -> CardJson {
            CardJson {
                id: p.id.as_str().to_string(),
                name: p.name.clone(),
                price: p.price_in(MARKET).to_string(),
                rating: p.rating.to_string(),
                stars: p.rating.round().to_u8().unwrap_or(0).min(5),
                rating_count: p.rating_count,
                sold: p.sold,
                free_shipping: p.has_free_delivery_in(MARKET),
                trusted,
                sold_out: p.is_sold_out(),
                picture: PictureJson {
                    shape: format!("{:?}", p.picture.shape).to_lowercase(),
                    primary: p.picture.primary,
                    accent: p.picture.accent,
                    pattern: p.picture.pattern,
                },
                description: p.description.clone(),
                specs: p
                    .specifications
                    .iter()
                    .map(|&(_, value)| value)
                    .collect::<Vec<_>>()
                    .join("\n"),
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::card_data::CatalogJson;
    use bnpl_market::domain::demo_catalog::{generate_catalog, SCALE_CATALOG_SEED};

    #[test]
    fn every_product_becomes_a_card_in_catalog_order_with_us_prices() {
        let catalog = generate_catalog(50, SCALE_CATALOG_SEED);
        let json = serde_json::to_value(CatalogJson::from_catalog(&catalog)).unwrap();
        let cards = json["products"].as_array().unwrap();
        assert_eq!(cards.len(), 50);
        for (card, product) in cards.iter().zip(catalog.products()) {
            assert_eq!(card["id"], product.id.as_str());
            assert_eq!(card["name"], product.name.as_str());
            let price = card["price"].as_str().unwrap();
            assert!(price.starts_with('$') && price.ends_with(".99"), "{price}");
            assert_eq!(
                card["specs"].as_str().unwrap().lines().count(),
                product.specifications.len()
            );
            assert!(card["stars"].as_u64().unwrap() <= 5);
        }
    }
}
