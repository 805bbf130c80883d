//! The rules of the shop, pure: no browser, no UI, no system clock. Time is passed in.

pub mod account;
pub mod calendar;
pub mod cart;
pub mod catalog;
pub mod clock;
pub mod demo_catalog;
pub mod engine;
pub mod format;
pub mod inbox;
pub mod market;
pub mod money;
pub mod orders;
pub mod payments;
pub mod plans;
pub mod search;
