//! One module per route.

pub mod account;
pub mod cart;
pub mod catalog;
pub mod inbox;
pub mod my_klarna;
pub mod not_found;
pub mod order;
pub mod orders;
pub mod payment_settings;
pub mod product;
pub mod receipt;
pub mod seller;
pub mod simulation;
