//! The event engine: moving the clock runs everything that became due, in time order.
//!
//! A state that has things happening over time implements [`EventSource`]: it says which
//! events are due in an interval and applies one. [`run`] then applies every event of an
//! interval `(from, to]` in [`Event`] order, asking the state again after each one, because
//! applying an event can schedule new ones (a failed collection schedules its retry).
//!
//! Two rules make the result independent of how the clock was moved:
//! - events are derived from the state, and applying one makes the state stop scheduling it,
//!   so running an interval twice changes nothing;
//! - applying an event never schedules anything earlier than itself, so one long interval
//!   applies exactly what consecutive short ones covering it do.
//!
//! The payments state ([`crate::domain::payments::PaymentsState`]) is one source; order
//! events (shipments, tracking, protection) join by wrapping both states in one type whose
//! `Kind` is an enum over both kinds and which delegates to each (see `EventSource` docs).

mod event;
mod notification;
mod run;
mod seed;

pub use event::{at_time_of_day, Event};
pub use notification::Notification;
pub use run::{next_event_instant, run, AppliedEvent, EventSource};
pub use seed::seeded_draw;
