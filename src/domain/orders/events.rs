//! The order's timed events, for the clock's event engine. `due_events` lists what is due,
//! `apply` makes one happen. Both are pure functions of the order's state, and an event is
//! applied only while the state still lists it as pending, which makes `apply` idempotent:
//! applying an event twice, or a stale one, changes nothing and returns an empty outcome.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::effects::Outcome;
use super::lifecycle::OrderStatus;
use super::order::Order;
use super::package::{PackageId, PackageStatus};
use super::review::{ReviewSource, WrittenRule};
use super::tracking::TrackingStage;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderEventKind {
    /// A held order's review is due: the order hears the provider's verdict.
    AutomaticReview,
    CancellationAutoApproved,
    PackageShipped {
        package: PackageId,
    },
    HandlingMissed {
        package: PackageId,
    },
    Tracking {
        package: PackageId,
        stage: TrackingStage,
    },
    ReturnReceived {
        case: u32,
    },
    DisputeEscalated {
        case: u32,
    },
    DisputeDecidedByRule {
        case: u32,
    },
    ReceiptAutoConfirmed,
    ProtectionEnded,
}

impl OrderEventKind {
    /// News about a parcel: it ships (or its seller misses the handling time and the order
    /// closes), a carrier scans it, or a returned parcel reaches the seller. The simulation's
    /// "next parcel update" moves to the first of these, never to a review or a protection
    /// date.
    pub fn is_parcel_update(&self) -> bool {
        matches!(
            self,
            OrderEventKind::PackageShipped { .. }
                | OrderEventKind::HandlingMissed { .. }
                | OrderEventKind::Tracking { .. }
                | OrderEventKind::ReturnReceived { .. }
        )
    }
}

/// When the order's next parcel update happens after `after`, if one is scheduled.
pub fn next_parcel_update(order: &Order, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    pending_events(order)
        .into_iter()
        .filter(|e| e.kind.is_parcel_update() && e.at > after)
        .map(|e| e.at)
        .min()
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrderEvent {
    pub at: DateTime<Utc>,
    pub order_id: String,
    pub kind: OrderEventKind,
}

/// Every event not yet applied that is due by `to`, oldest first (ties keep a fixed order).
///
/// Events due before `from` are included on purpose: they are overdue, not lost. That
/// happens after catch-up (the app was closed for days), or when an action made an event
/// due at once (a case closed after protection's end). The window therefore only bounds
/// the end; `from` is kept so every aggregate shares the engine's signature.
///
/// Applying one event can make later ones due (a delivery starts the auto-confirm period),
/// so the engine calls this again until it returns nothing: see [`advance`].
pub fn due_events(order: &Order, _from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<OrderEvent> {
    let mut events: Vec<OrderEvent> = pending_events(order)
        .into_iter()
        .filter(|e| e.at <= to)
        .collect();
    events.sort_by_key(|e| e.at);
    events
}

/// Makes `event` happen if it is still pending; otherwise nothing changes. A due review
/// follows the written rule: see [`apply_with`] for an order whose provider decides.
pub fn apply(order: &mut Order, event: &OrderEvent) -> Outcome {
    apply_with(order, event, &WrittenRule)
}

/// [`apply`], hearing a due review's verdict from `review`.
pub fn apply_with(order: &mut Order, event: &OrderEvent, review: &dyn ReviewSource) -> Outcome {
    if event.order_id != order.id || !pending_events(order).contains(event) {
        return Outcome::default();
    }
    // Scans happen in order: a later scan handed over early waits for its turn.
    if let OrderEventKind::Tracking { package, stage } = &event.kind {
        if order.next_scan(package) != Some(*stage) {
            return Outcome::default();
        }
    }
    let at = event.at;
    let result = match &event.kind {
        OrderEventKind::AutomaticReview => {
            let verdict = review.verdict(order, at);
            order.hear_review(&verdict, at, true)
        }
        OrderEventKind::CancellationAutoApproved => order.settle_cancellation(true, at, true),
        OrderEventKind::PackageShipped { package } => order.ship_package(package, at),
        OrderEventKind::HandlingMissed { package } => order.close_for_missed_handling(package, at),
        OrderEventKind::Tracking { package, stage } => order.scan_package(package, *stage),
        OrderEventKind::ReturnReceived { case } => order.finish_return(*case, at),
        OrderEventKind::DisputeEscalated { case } => order.escalate_dispute(*case, at),
        OrderEventKind::DisputeDecidedByRule { case } => order.decide_dispute_by_rule(*case, at),
        OrderEventKind::ReceiptAutoConfirmed => order.confirm(at, true),
        OrderEventKind::ProtectionEnded => order.complete(at),
    };
    // A pending event is legal by construction; if that ever breaks, drop the event
    // rather than panic in the user's browser (the test suite asserts it never happens).
    debug_assert!(result.is_ok(), "pending event {event:?} failed: {result:?}");
    result.unwrap_or_default()
}

/// Applies everything due by `to`, in time order, until nothing more is due. Returns each
/// applied event with what it produced. Running it twice for the same `to` changes nothing
/// the second time. A due review follows the written rule: see [`advance_with`].
pub fn advance(order: &mut Order, to: DateTime<Utc>) -> Vec<(OrderEvent, Outcome)> {
    advance_with(order, to, &WrittenRule)
}

/// [`advance`], hearing each due review's verdict from `review` (the app reads the
/// payment provider and the plan).
pub fn advance_with(
    order: &mut Order,
    to: DateTime<Utc>,
    review: &dyn ReviewSource,
) -> Vec<(OrderEvent, Outcome)> {
    let mut applied = Vec::new();
    // Each pass applies at least one event and events are finite, but guard anyway.
    for _ in 0..10_000 {
        let Some(event) = due_events(order, to, to).into_iter().next() else {
            break;
        };
        let outcome = apply_with(order, &event, review);
        applied.push((event, outcome));
    }
    applied
}

/// What would happen next, with no upper bound, in time order: the "what's next" panel
/// and the engine's "move the clock to the next event" use it.
pub fn pending_events(order: &Order) -> Vec<OrderEvent> {
    let mut events = Vec::new();
    let mut push = |at: DateTime<Utc>, kind: OrderEventKind| {
        events.push(OrderEvent {
            at,
            order_id: order.id.clone(),
            kind,
        })
    };
    if order.status.is_final() {
        return Vec::new();
    }
    if let Some(due) = order.review_due_at() {
        push(due, OrderEventKind::AutomaticReview);
    }

    let cancellation = order.cancellation.as_ref();
    if let Some(request) = cancellation.filter(|c| c.is_pending()) {
        push(
            request.approve_by(),
            OrderEventKind::CancellationAutoApproved,
        );
    }
    // Sellers wait while a cancellation is pending; after a refusal they carry on, late if
    // the answer came after their planned day.
    let sellers_working = order.status != OrderStatus::AwaitingPayment
        && !cancellation.is_some_and(|c| c.is_pending());
    let resumed_at = cancellation.and_then(|c| c.answer.as_ref()).map(|a| a.at);
    for p in &order.packages {
        match p.status {
            PackageStatus::AwaitingShipment if sellers_working => {
                let not_before = |at: DateTime<Utc>| resumed_at.map_or(at, |r| at.max(r));
                if p.seller_misses_handling {
                    push(
                        not_before(p.handling_deadline()),
                        OrderEventKind::HandlingMissed {
                            package: p.id.clone(),
                        },
                    );
                } else {
                    push(
                        not_before(p.planned_ship_at),
                        OrderEventKind::PackageShipped {
                            package: p.id.clone(),
                        },
                    );
                }
            }
            PackageStatus::InTransit => {
                for scan in p.tracking_plan.iter().skip(p.tracking.len()) {
                    push(
                        scan.at,
                        OrderEventKind::Tracking {
                            package: p.id.clone(),
                            stage: scan.stage,
                        },
                    );
                }
            }
            _ => {}
        }
    }
    for case in order.returns.iter().filter(|c| c.finished_at.is_none()) {
        push(
            case.arrives_at,
            OrderEventKind::ReturnReceived { case: case.number },
        );
    }
    for case in order.disputes.iter().filter(|d| d.is_open()) {
        match case.rule_decides_at() {
            None => push(
                case.escalates_at(),
                OrderEventKind::DisputeEscalated { case: case.number },
            ),
            Some(at) => push(
                at,
                OrderEventKind::DisputeDecidedByRule { case: case.number },
            ),
        }
    }
    if order.status == OrderStatus::Delivered {
        if let Some(at) = order.auto_confirm_at() {
            push(at, OrderEventKind::ReceiptAutoConfirmed);
        }
        if let Some(at) = order.completes_at() {
            push(at, OrderEventKind::ProtectionEnded);
        }
    }
    events.sort_by_key(|e| e.at);
    events
}
