//! Stable string ids. They appear in URLs and in the saved cart, so they are slugs chosen by
//! the catalog, never positions that would change when the catalog does.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
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
