//! Checkout with Klarna in a modal: options, schedule, comparison, code, progress, outcome.

mod comparison;
mod flow;
mod launcher;
mod modal;
mod options;
mod state;

pub use launcher::KlarnaCheckout;
