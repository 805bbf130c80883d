//! The catalog the shop sells from, built once, and the shopper's current market.

use std::sync::Arc;

use leptos::prelude::*;

use super::notices::Notices;
use super::stores::Stores;
use crate::app::query::catalog_size;
use crate::domain::catalog::Catalog;
use crate::domain::demo_catalog::{demo_catalog, generate_catalog, SCALE_CATALOG_SEED};
use crate::domain::market::Market;
use crate::domain::search::SearchIndex;

#[derive(Clone)]
pub struct Shop {
    pub catalog: Arc<Catalog>,
    pub index: Arc<SearchIndex>,
}

impl Shop {
    /// The shipped demo catalog, or a generated one of `n` products when the page was opened
    /// with `?catalog=n` (for measuring size and speed). A bad `n` is refused with a notice.
    pub fn from_location(search: &str, notices: Notices) -> Shop {
        let catalog = match catalog_size(search) {
            Some(Ok(n)) => generate_catalog(n, SCALE_CATALOG_SEED),
            Some(Err(refusal)) => {
                notices.problem(refusal.to_string());
                demo_catalog()
            }
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
