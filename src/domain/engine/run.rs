//! Running an interval of simulated time.

use std::collections::BTreeSet;
use std::fmt::Debug;

use chrono::{DateTime, Utc};

use super::event::Event;
use super::notification::Notification;

/// A state with things happening over time.
///
/// To add order events next to payment events, wrap both states:
///
/// ```ignore
/// enum ShopEventKind { Payment(PaymentEventKind), Order(OrderEventKind) }
/// impl EventSource for Shop {
///     type Kind = ShopEventKind;
///     fn due_events(&self, from, to) { payments' events mapped with Payment, orders' with Order }
///     fn apply(&mut self, e) { match e.kind { Payment(k) => self.payments.apply(..), Order(k) => .. } }
/// }
/// ```
///
/// The variant order of `ShopEventKind` then decides which source goes first at one instant.
pub trait EventSource {
    /// The source's events; its `Ord` orders events that share an instant.
    type Kind: Clone + Ord + Debug;

    /// Every event the state schedules now with `from < at <= to`, in any order.
    fn due_events(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Event<Self::Kind>>;

    /// Applies `event` if the state still schedules it, returning what to tell the shopper;
    /// `None` (and no change) when it is not scheduled: already applied, or made moot by an
    /// earlier event. Applying must never schedule an event earlier than `event`.
    fn apply(&mut self, event: &Event<Self::Kind>) -> Option<Vec<Notification>>;

    /// The events that applying `applied` may have scheduled, with `from < at <= to`.
    /// Everything due is always correct; a source whose events touch one subject (a plan, an
    /// order) returns only that subject's events, so a year of 2,000 plans stays fast.
    fn follow_up_events(
        &self,
        applied: &Event<Self::Kind>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<Event<Self::Kind>> {
        let _ = applied;
        self.due_events(from, to)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedEvent<K> {
    pub event: Event<K>,
    pub notifications: Vec<Notification>,
}

/// Applies every event of `(from, to]` in order and returns them with their notifications.
///
/// The queue holds what the state scheduled when last asked; an entry that a later change
/// made moot is skipped by `apply`. Follow-ups are queued only when they come after the event
/// just applied, which both enforces the causality rule and makes a source that keeps
/// rescheduling the same event unable to loop forever.
pub fn run<S: EventSource>(
    state: &mut S,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<AppliedEvent<S::Kind>> {
    let mut applied = Vec::new();
    if to <= from {
        return applied;
    }
    let mut queue: BTreeSet<Event<S::Kind>> = state.due_events(from, to).into_iter().collect();
    while let Some(event) = queue.pop_first() {
        let Some(notifications) = state.apply(&event) else {
            continue;
        };
        for follow_up in state.follow_up_events(&event, from, to) {
            debug_assert!(
                follow_up >= event || queue.contains(&follow_up),
                "{follow_up:?} was scheduled before the event that caused it, {event:?}"
            );
            if follow_up > event {
                queue.insert(follow_up);
            }
        }
        applied.push(AppliedEvent {
            event,
            notifications,
        });
    }
    applied
}

/// The instant of the next event the state schedules after `after`, if any.
pub fn next_event_instant<S: EventSource>(
    state: &S,
    after: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    state
        .due_events(after, DateTime::<Utc>::MAX_UTC)
        .into_iter()
        .map(|event| event.at)
        .min()
}
