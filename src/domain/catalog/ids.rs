//! Stable string ids. They appear in URLs and in the saved cart, so they are slugs chosen by
//! the catalog, never positions that would change when the catalog does. The text is shared
//! (`Arc<str>`): a clone is a count, not a copy, so the scale catalog gives its ~64,000
//! variants the ids of a few dozen combinations, and an order copies ids freely.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        impl $name {
            pub fn new(id: impl AsRef<str>) -> Self {
                $name(Arc::from(id.as_ref()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_id!(
    /// A product slug, e.g. `trail-runner-shoe`.
    ProductId
);
string_id!(
    /// A seller slug, e.g. `northwind-outfitters`.
    SellerId
);
string_id!(
    /// Unique within its product, e.g. `red-xl`; `default` for a product without choices.
    VariantId
);
string_id!(
    /// Unique within its product: `standard`, `premium` or `choice` in the demo catalog.
    DeliveryOptionId
);
