//! The shopper most tests buy as.

use bnpl_market::domain::account::{Account, Address};
use bnpl_market::domain::market::Market;

/// Ada Shopper, ada@example.com, in Springfield, Illinois: the US market.
pub fn us_account() -> Account {
    Account {
        name: "Ada Shopper".into(),
        email: "ada@example.com".into(),
        address: Address {
            line1: "1 Main St".into(),
            line2: String::new(),
            city: "Springfield".into(),
            region: "IL".into(),
            postcode: "62701".into(),
        },
        market: Market::US,
    }
}
