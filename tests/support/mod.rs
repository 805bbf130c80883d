//! Shared set-up for the native tests: a US shopper, fixed instants, a cart, saved payment
//! methods and plans, and a shop holding the demo catalog, the mock provider and every
//! aggregate a flow touches, with demo scenarios placed through the real checkout flow.
//! Each test file takes what it needs with `mod support;`.
// Every test binary compiles this module whole and uses only part of it.
#![allow(dead_code, unused_imports)]

pub mod cart;
pub mod instants;
pub mod payments;
pub mod shop;
pub mod shopper;

pub use cart::cart_with_earbuds;
pub use instants::{monday, noon};
pub use payments::{payments_with_plans, usd, visa_debit};
pub use shop::Shop;
pub use shopper::us_account;
