//! Small components shared by several pages.

pub mod action_message;
pub mod added_to_cart;
pub mod clock_controls;
pub mod demo_guide;
pub mod dialog;
pub mod dispute_form;
pub mod order_packages;
pub mod order_simulation;
pub mod picture;
pub mod plan_card;
pub mod plan_timeline;
pub mod product_card;
pub mod return_form;
pub mod seller_summary;
pub mod shared_shop;
pub mod shop_files;
pub mod shop_offer;
pub mod spending_chart;
pub mod stars;
pub mod starting_points;
pub mod status_pill;
