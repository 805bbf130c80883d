//! Checkout with Klarna in a modal: who pays (a one-time code), the options, the schedule,
//! a review of the order, the comparison, progress and the outcome.

mod comparison;
mod flow;
mod identity;
mod launcher;
mod modal;
mod options;
mod review;
mod state;

pub use launcher::KlarnaCheckout;
