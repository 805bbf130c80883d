//! One module per route.

pub mod inbox;
pub mod not_found;
