//! Application services: the flows that cross the domain and the payment provider (checkout,
//! carrying out what an order decided, moving time), behind one facade, [`ShopState`], over
//! every aggregate (`facade.rs`). Pure Rust like the domain, so every flow is tested
//! natively; the UI only calls the facade and saves what it says changed.

pub mod agenda;
pub mod checkout;
pub mod clock;
pub mod demo_orders;
pub mod facade;
pub mod klarna_link;
pub mod method_forms;
pub mod order_actions;
pub mod order_book;
pub mod order_search;
pub mod payment_history;
pub mod pending_checkout;
pub mod pending_refund;
pub mod plan_actions;
pub mod plan_comparison;
pub mod provider;
pub mod query;
pub mod receipt;
pub mod refunds;
pub mod retries;
pub mod review;
pub mod settlement;
pub mod starting_points;
pub mod state;
pub mod time;
pub mod touched;
pub mod world;

pub use order_book::{OrderBook, OrderRecord};
pub use provider::ShopProvider;
pub use state::{ShopData, ShopState};
pub use touched::Touched;
