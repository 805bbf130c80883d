//! The catalog the shop sells from, built once, and the shopper's current market.

use std::sync::Arc;

use leptos::prelude::*;

use super::stores::Stores;
use crate::domain::catalog::Catalog;
use crate::domain::demo_catalog::{demo_catalog, generate_catalog, SCALE_CATALOG_SEED};
use crate::domain::market::Market;
use crate::domain::search::SearchIndex;

/// The largest generated catalog `?catalog=N` accepts: enough for the scale benchmark without
/// letting a typo freeze the tab.
const MAX_GENERATED_PRODUCTS: usize = 20_000;

#[derive(Clone)]
pub struct Shop {
    pub catalog: Arc<Catalog>,
    pub index: Arc<SearchIndex>,
}

impl Shop {
    /// The shipped demo catalog, or a generated one of `n` products when the page was opened
    /// with `?catalog=n` (for measuring size and speed).
    pub fn from_location(search: &str) -> Shop {
        let generated = search
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("catalog="))
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| (1..=MAX_GENERATED_PRODUCTS).contains(n));
        let catalog = match generated {
            Some(n) => generate_catalog(n, SCALE_CATALOG_SEED),
            None => demo_catalog(),
        };
        let index = SearchIndex::new(&catalog);
        Shop {
            catalog: Arc::new(catalog),
            index: Arc::new(index),
        }
    }
}

pub fn use_shop() -> Shop {
    expect_context::<Shop>()
}

/// The shopper's market: the account's country, or the US before sign-up.
pub fn use_market() -> Signal<Market> {
    let account = expect_context::<Stores>().account;
    Signal::derive(move || account.with(|a| a.as_ref().map_or(Market::US, |a| a.market)))
}
