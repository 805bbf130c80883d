//! `MockKlarna`: the provider as a deterministic state machine. Its whole state (sessions,
//! tokens, orders, the idempotency ledger) is one serde value the app saves to localStorage,
//! so a reload or an exported scenario resumes exactly.
//!
//! Ids come from a counter mixed with a seed ("kl_ord_000001"; tokens also carry a seed-
//! dependent suffix), never from randomness or the clock, so tests and shared scenarios
//! replay identically.

mod fraud_review;
mod idempotency;
mod orders;
mod sessions;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::ProviderError;
use super::order::{Capture, CaptureRequest, CreateOrderRequest, Order, Refund, RefundRequest};
use super::provider::PaymentProvider;
use super::simulation::SimulationSettings;
use super::types::{Authorization, AuthorizeRequest, ExpiryEvent, Session, SessionRequest, SignIn};

use idempotency::IdempotencyLedger;
pub use idempotency::IDEMPOTENCY_KEY_RETENTION_DAYS;
use sessions::TokenRecord;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MockKlarna {
    seed: u64,
    /// Last id handed out; shared by every kind of id so they never collide.
    last_id: u64,
    #[serde(default)]
    sessions: BTreeMap<String, Session>,
    #[serde(default)]
    tokens: BTreeMap<String, TokenRecord>,
    #[serde(default)]
    /// Shared with the copies an action runs on, each copied only when changed (see
    /// `app::OrderBook`): the copy of a 2,000-order provider is then cheap.
    orders: BTreeMap<String, Arc<Order>>,
    #[serde(default)]
    ledger: IdempotencyLedger,
    /// Lapses applied in passing by a call, waiting for `expire_due` to report them.
    #[serde(default)]
    unreported_expiries: Vec<ExpiryEvent>,
    /// Held orders' automatic reviews still to decide, by order id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    fraud_reviews: BTreeMap<String, fraud_review::PendingReview>,
    /// The simulation panel's knobs (faults, personas' purchase limits) in force for the
    /// calls being made. They are their own aggregate, saved apart from the provider's state
    /// (`app::provider::with_simulation` hands them in and takes them back), so they are
    /// never written here; older saved states that still hold them load unchanged.
    #[serde(skip)]
    pub simulation: SimulationSettings,
}

impl Default for MockKlarna {
    fn default() -> Self {
        MockKlarna::new(0)
    }
}

impl MockKlarna {
    pub fn new(seed: u64) -> Self {
        MockKlarna {
            seed,
            last_id: 0,
            sessions: BTreeMap::new(),
            tokens: BTreeMap::new(),
            orders: BTreeMap::new(),
            ledger: IdempotencyLedger::default(),
            unreported_expiries: Vec::new(),
            fraud_reviews: BTreeMap::new(),
            simulation: SimulationSettings::default(),
        }
    }

    pub fn with_simulation(mut self, simulation: SimulationSettings) -> Self {
        self.simulation = simulation;
        self
    }

    /// Whether every order's amounts are ones the provider could have reached: none below
    /// zero, captures within the authorization, refunds within the captures. `Err` names
    /// the first order that breaks one (a value edited by hand).
    pub fn check_invariants(&self) -> Result<(), String> {
        self.orders.values().try_for_each(|o| {
            let amounts = [
                o.order_amount(),
                o.captured_amount,
                o.refunded_amount,
                o.remaining_authorized_amount,
            ];
            // Summed wide, so that no stored figure can overflow the check itself.
            let captured: i128 = o
                .captures
                .iter()
                .map(|c| i128::from(c.captured_amount))
                .sum();
            let refunded: i128 = o
                .refunds
                .iter()
                .map(|r| i128::from(r.refunded_amount))
                .sum();
            let broken = if amounts.iter().any(|a| *a < 0) {
                Some("an amount below zero")
            } else if i128::from(o.captured_amount) + i128::from(o.remaining_authorized_amount)
                > i128::from(o.order_amount())
            {
                Some("more captured and authorized than ordered")
            } else if o.refunded_amount > o.captured_amount {
                Some("more refunded than captured")
            } else if captured != i128::from(o.captured_amount)
                || refunded != i128::from(o.refunded_amount)
            {
                Some("captures or refunds that do not add up")
            } else {
                None
            };
            broken.map_or(Ok(()), |why| {
                Err(format!("provider order {}: {why}", o.order_id))
            })
        })
    }

    /// Every order, oldest first (ids are zero-padded counters, so they sort by age).
    pub fn orders(&self) -> impl Iterator<Item = &Order> {
        self.orders.values().map(|o| &**o)
    }

    /// Whether the provider holds the order `order_id`.
    pub fn has_order(&self, order_id: &str) -> bool {
        self.orders.contains_key(order_id)
    }

    fn next_number(&mut self) -> u64 {
        self.last_id += 1;
        self.last_id
    }

    fn next_id(&mut self, prefix: &str) -> String {
        let n = self.next_number();
        format!("{prefix}_{n:06}")
    }

    /// Secrets (tokens) get a suffix that depends on the seed, so a token from one scenario
    /// is not valid in another that happens to share the counter.
    fn next_secret(&mut self, prefix: &str) -> String {
        let n = self.next_number();
        format!("{prefix}_{n:06}_{:016x}", splitmix64(self.seed ^ n))
    }
}

/// A well-mixed 64-bit hash: deterministic and good enough to make ids look unrelated.
fn splitmix64(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl PaymentProvider for MockKlarna {
    async fn create_session(
        &mut self,
        request: &SessionRequest,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Session, ProviderError> {
        self.idempotent(
            "create_session",
            "",
            request,
            idempotency_key,
            now,
            |mock| mock.open_session(request, now),
        )
    }

    async fn read_session(
        &self,
        session_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Session, ProviderError> {
        self.session_at(session_id, now)
            .map_err(|e| e.with_correlation_id(format!("corr_read_{session_id}")))
    }

    async fn sign_in(&self, email: &str, one_time_code: &str) -> Result<SignIn, ProviderError> {
        super::persona::sign_in(email, one_time_code)
    }

    async fn authorize(
        &mut self,
        session_id: &str,
        request: &AuthorizeRequest,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Authorization, ProviderError> {
        self.idempotent(
            "authorize",
            session_id,
            request,
            idempotency_key,
            now,
            |mock| mock.authorize_session(session_id, request, now),
        )
    }

    async fn create_order(
        &mut self,
        authorization_token: &str,
        request: &CreateOrderRequest,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError> {
        self.idempotent(
            "create_order",
            authorization_token,
            request,
            idempotency_key,
            now,
            |mock| mock.place_order(authorization_token, request, now),
        )
    }

    async fn get_order(&self, order_id: &str, now: DateTime<Utc>) -> Result<Order, ProviderError> {
        self.order_at(order_id, now)
            .map_err(|e| e.with_correlation_id(format!("corr_read_{order_id}")))
    }

    async fn capture(
        &mut self,
        order_id: &str,
        request: &CaptureRequest,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Capture, ProviderError> {
        self.idempotent("capture", order_id, request, idempotency_key, now, |mock| {
            mock.capture_order(order_id, request, now)
        })
    }

    async fn refund(
        &mut self,
        order_id: &str,
        request: &RefundRequest,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Refund, ProviderError> {
        self.idempotent("refund", order_id, request, idempotency_key, now, |mock| {
            mock.refund_order(order_id, request, now)
        })
    }

    async fn cancel(
        &mut self,
        order_id: &str,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError> {
        self.idempotent("cancel", order_id, &(), idempotency_key, now, |mock| {
            mock.cancel_order(order_id, now)
        })
    }

    async fn release_remaining_authorization(
        &mut self,
        order_id: &str,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError> {
        self.idempotent("release", order_id, &(), idempotency_key, now, |mock| {
            mock.release_order(order_id, now)
        })
    }

    fn expire_due(&mut self, now: DateTime<Utc>) -> Vec<ExpiryEvent> {
        let mut events = self.expire_sessions(now);
        events.extend(self.expire_orders(now));
        self.ledger.forget_before(now);
        events
    }

    fn remembered_idempotency_keys(&self) -> usize {
        self.ledger.len()
    }
}
