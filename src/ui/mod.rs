//! The Leptos user interface: thin components over the domain, the provider and storage.

mod actions;
pub mod app;
mod checkout;
mod chunks;
mod clock;
pub mod components;
mod demo_data;
mod file_io;
mod focus;
mod layout;
mod lazy_flows;
mod lazy_pages;
pub mod links;
pub mod notices;
mod opening;
pub mod pages;
mod panic_panel;
pub mod persisted;
mod shared_link;
mod shell;
pub mod shop;
mod shop_swap;
mod sleep;
pub mod stores;
pub mod tab_lock;

pub use app::App;
pub use notices::{Notice, Notices};
pub use persisted::Persisted;

/// Mounts the app, replacing the loading shell that `index.html` shows until the wasm runs.
pub fn start() {
    panic_panel::install();
    leptos::mount::mount_to_body(App);
    shell::remove_boot_shell();
    shell::mark_mounted();
}
