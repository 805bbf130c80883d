//! Orders after checkout: packages per seller, shipping and tracking, cancellation,
//! returns and exchanges, disputes, buyer protection and monitoring, with a timeline of
//! everything that happened.
//!
//! How the app drives it:
//! - [`Order::place`] turns the cart into an order (and runs the [`monitoring`] rules);
//! - shopper and seller actions are methods returning `Result<Outcome, TransitionError>`;
//!   an `Err` carries the sentence to show and leaves the order untouched;
//! - the clock's engine calls [`due_events`] and [`apply`] (or [`advance`]);
//! - every [`Outcome`] carries [`Effect`]s for the provider and the payment plan, and
//!   [`Notification`]s for the inbox. The order never calls anything itself.

mod cancellation;
mod carrier;
mod dispute_case;
mod disputes;
mod effects;
mod events;
mod invariants;
mod lifecycle;
pub mod monitoring;
mod order;
mod package;
mod placement;
mod protection;
mod refusal;
mod return_flow;
mod returns;
mod review;
mod seed;
mod shipping;
mod tracking;

#[cfg(test)]
mod tests;

pub use carrier::Carrier;
pub use dispute_case::{DisputeCase, DisputeDecision, DisputeReason, ESCALATION_DAYS, REVIEW_DAYS};
pub use disputes::rule_decision;
pub use effects::{Effect, Notification, Outcome, TimelineEntry};
pub use events::{
    advance, advance_with, apply, apply_with, due_events, next_parcel_update, pending_events,
    OrderEvent, OrderEventKind,
};
pub use lifecycle::{transition, OrderStatus, Progress, TransitionError, Trigger};
pub use monitoring::{FraudReview, FraudStatus, PastOrder, RiskFlag, RiskRule};
pub use order::{
    CancellationAnswer, CancellationRequest, Order, OrderLine, RefundRecord, SELLER_ANSWER_HOURS,
};
pub use package::{CloseReason, DayRange, DeliveryEstimate, Package, PackageId, PackageStatus};
pub use placement::{screen_cart, NewOrder, PlaceError};
pub use protection::{ProtectionStatus, AUTO_CONFIRM_DAYS, PROTECTION_DAYS_AFTER_RECEIPT};
pub use refusal::Refusal;
pub use return_flow::ReturnStanding;
pub use returns::{
    quote_return, return_shipping_cost, ItemCondition, Party, Resolution, ReturnCase, ReturnQuote,
    ReturnReason, ReturnRequest, ReturnWindow, PARTIAL_REFUND_PERCENT, RETURN_WINDOW_DAYS,
};
pub use review::{
    refund_sentence, PackageDates, PaidPart, ReviewSource, ReviewVerdict, WrittenRule,
};
pub use seed::seed_from_id;
pub use tracking::{origin_country, TrackingEvent, TrackingStage};
