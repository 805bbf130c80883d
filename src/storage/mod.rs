//! Persistence: one localStorage key per aggregate (the large ones with their pages, `pages`),
//! each value versioned, bad data quarantined.

pub mod aggregates;
pub mod compression;
pub mod envelope;
pub mod journal;
pub mod json_tree;
pub mod keys;
pub mod legacy;
pub mod lineage;
pub mod migrations;
pub mod page_layouts;
pub mod page_sweeper;
pub mod pages;
pub mod payments_migration;
pub mod repository;
pub mod shop_file;
pub mod store;
pub mod stored_copy;
pub mod tab_copy;

#[cfg(target_arch = "wasm32")]
pub mod browser;

pub use envelope::{Aggregate, DecodeError};
pub use repository::{load, save, LoadProblem, Loaded};
pub use store::{KeyValueStore, MemoryStore, StoreError};
