//! bnpl-market: a marketplace shop with a Klarna checkout, running entirely in the browser.

pub mod domain;
pub mod klarna;
