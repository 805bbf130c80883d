//! Small components shared by several pages.

pub mod dialog;
pub mod picture;
pub mod product_card;
pub mod seller_summary;
pub mod stars;
