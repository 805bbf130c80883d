//! The seam between the shop and Klarna. The application's flows talk only to this trait,
//! so a client for the real API (through a backend proxy) could replace the mock without
//! touching them or the UI.
//!
//! Every call that would cross the network is `async`: the simulated provider answers at
//! once, a real client awaits HTTP. The futures are not `Send` because the browser runs
//! one thread; a client for another runtime would add the bound.
//!
//! Conventions every implementation keeps:
//! - `now` is always passed in (the app's simulated clock); nothing reads the system clock.
//! - Every state-changing call takes an `idempotency_key`. The same key with the same
//!   request returns the first result, `Ok` or `Err`, and changes nothing more. The same key
//!   with a different request (or for a different call) is `BAD_VALUE` on the field
//!   `idempotency_key`: it is a client bug, not a state problem. Use a new key for each new
//!   intent (e.g. each code the shopper types) and the same key for each retry of it.
//!   Keys are global to the provider, not per order, so make them unique (a UUID, or the
//!   shop's order id plus the intent, "shop-42/capture-1").
//! - A `TIMEOUT` means "unknown outcome": retry with the same key. An `INTERNAL_ERROR` means
//!   nothing happened; retrying with the same key is also safe.

use chrono::{DateTime, TimeDelta, Utc};

use super::error::ProviderError;
use super::order::CaptureRequest;
use super::order::{Capture, CreateOrderRequest, Order, Refund, RefundRequest};
use super::types::{Authorization, AuthorizeRequest, ExpiryEvent, Session, SessionRequest, SignIn};

pub const SESSION_LIFETIME_HOURS: i64 = 48;
pub const AUTHORIZATION_TOKEN_LIFETIME_MINUTES: i64 = 60;
pub const AUTHORIZATION_LIFETIME_DAYS: i64 = 28;

pub fn session_lifetime() -> TimeDelta {
    TimeDelta::hours(SESSION_LIFETIME_HOURS)
}

pub fn authorization_token_lifetime() -> TimeDelta {
    TimeDelta::minutes(AUTHORIZATION_TOKEN_LIFETIME_MINUTES)
}

pub fn authorization_lifetime() -> TimeDelta {
    TimeDelta::days(AUTHORIZATION_LIFETIME_DAYS)
}

#[allow(async_fn_in_trait)] // no `Send` bound wanted: see the module's comment
pub trait PaymentProvider {
    /// Opens a payment session (48 h) for a purchase and lists the payment categories.
    async fn create_session(
        &mut self,
        request: &SessionRequest,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Session, ProviderError>;

    /// `EXPIRED` once the session's 48 hours are over.
    async fn read_session(
        &self,
        session_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Session, ProviderError>;

    /// Links a Klarna account (payment settings): email then one-time code.
    async fn sign_in(&self, email: &str, one_time_code: &str) -> Result<SignIn, ProviderError>;

    /// The shopper confirms with email and code. Approved: a single-use token valid 60
    /// minutes. Declined: `REJECTED` with a reason. Wrong code: `WRONG_CODE`.
    async fn authorize(
        &mut self,
        session_id: &str,
        request: &AuthorizeRequest,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Authorization, ProviderError>;

    /// Turns an authorization into an order (`AUTHORIZED`). A token works once: a second
    /// use is `NOT_ALLOWED`, after 60 minutes `EXPIRED`. A session yields one order only.
    async fn create_order(
        &mut self,
        authorization_token: &str,
        request: &CreateOrderRequest,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError>;

    async fn get_order(&self, order_id: &str, now: DateTime<Utc>) -> Result<Order, ProviderError>;

    /// Full or partial capture, at most the remaining authorized amount.
    async fn capture(
        &mut self,
        order_id: &str,
        request: &CaptureRequest,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Capture, ProviderError>;

    /// At most captured minus already refunded. `NOT_ALLOWED` when nothing is refundable,
    /// `BAD_VALUE` (`refunded_amount`) when the amount is above what is refundable.
    async fn refund(
        &mut self,
        order_id: &str,
        request: &RefundRequest,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Refund, ProviderError>;

    /// Only while nothing is captured; otherwise `NOT_ALLOWED` (refund instead).
    async fn cancel(
        &mut self,
        order_id: &str,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError>;

    /// Gives up the uncaptured rest of a `PART_CAPTURED` order. With nothing captured it is
    /// `NOT_ALLOWED` (cancel instead).
    async fn release_remaining_authorization(
        &mut self,
        order_id: &str,
        idempotency_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError>;

    /// Housekeeping for the clock, local to the client (no network call): expires sessions and authorizations that are due, and
    /// forgets idempotency keys past their retention. Safe to call any number of times;
    /// reads and calls apply the same rules even without it.
    fn expire_due(&mut self, now: DateTime<Utc>) -> Vec<ExpiryEvent>;

    /// How many idempotency keys are remembered. Forgetting old ones is no event, so a
    /// caller that saves only what changed compares this before and after `expire_due`.
    fn remembered_idempotency_keys(&self) -> usize;
}

/// The provider's review team deciding a held order, for the simulation box only. Klarna's
/// merchant API has no such call: Klarna decides a PENDING order itself and the merchant
/// reads the verdict (`get_order`'s `fraud_status`). Kept out of [`PaymentProvider`] so the
/// app's flows never rely on it; the mock implements it to play the review team.
pub trait FraudReviewDesk {
    /// Accepts or rejects the order's pending review at `now`; a rejected order is cancelled.
    fn decide_fraud_review(
        &mut self,
        order_id: &str,
        accept: bool,
        now: DateTime<Utc>,
    ) -> Result<Order, ProviderError>;
}
