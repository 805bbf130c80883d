//! bnpl-market: a marketplace shop with a Klarna checkout, running entirely in the browser.

pub mod app;
pub mod domain;
pub mod klarna;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod ui;
