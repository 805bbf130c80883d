//! The checkout attempt in flight, saved before the provider is called so that a reload in
//! the middle of an authorization finds it: either its order was placed (the attempt is
//! done), or the shopper resumes it with the very same idempotency keys, or abandons it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::checkout::{place_order, start_session, Books, CheckoutError, Choice};
use super::order_book::OrderBook;
use crate::domain::account::Account;
use crate::domain::catalog::Catalog;
use crate::domain::money::Money;
use crate::domain::payments::{MethodId, PaymentMethod};
use crate::domain::plans::PlanKind;
use crate::klarna::PaymentProvider;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "stage")]
pub enum AttemptStage {
    /// Handed to the provider; the answer has not come back (yet).
    Authorizing,
    /// The provider timed out or failed; retrying the same attempt is safe.
    Retryable { message: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InFlightAttempt {
    /// Every provider call of the attempt is keyed by it: one attempt, at most one order.
    pub attempt: String,
    pub kind: PlanKind,
    pub method_id: MethodId,
    pub email: String,
    /// Kept because it is part of the authorization's idempotency key: resuming with
    /// another code would be a different request. It is a single-use code, and the whole
    /// record is deleted as soon as the attempt ends.
    pub one_time_code: String,
    pub started_at: DateTime<Utc>,
    pub stage: AttemptStage,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCheckout {
    pub in_flight: Option<InFlightAttempt>,
}

/// What a page that loads with a pending attempt should show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Interrupted {
    /// The order was placed before the reload; the attempt is over.
    Placed { order_id: String },
    /// Nothing was placed; the shopper may resume or abandon it.
    Unfinished(InFlightAttempt),
}

impl PendingCheckout {
    pub fn interrupted(&self, orders: &OrderBook) -> Option<Interrupted> {
        let attempt = self.in_flight.as_ref()?;
        Some(match orders.by_attempt(&attempt.attempt) {
            Some(record) => Interrupted::Placed {
                order_id: record.order.id().to_string(),
            },
            None => Interrupted::Unfinished(attempt.clone()),
        })
    }
}

/// Runs (or re-runs) an attempt from the session to the placed order. Every step is keyed by
/// the attempt, so running it again after a timeout or a reload returns the first result.
#[allow(clippy::too_many_arguments)]
pub async fn complete_attempt(
    provider: &mut impl PaymentProvider,
    books: Books<'_>,
    catalog: &Catalog,
    account: &Account,
    attempt: &InFlightAttempt,
    method: &PaymentMethod,
    purchase_limit: Option<Money>,
    now: DateTime<Utc>,
) -> Result<String, CheckoutError> {
    if let Some(done) = books.orders.by_attempt(&attempt.attempt) {
        return Ok(done.order.id().to_string());
    }
    let session = start_session(
        provider,
        books.cart,
        catalog,
        account.market,
        &attempt.attempt,
        now,
    )
    .await?;
    place_order(
        provider,
        books,
        catalog,
        account,
        &Choice {
            attempt: &attempt.attempt,
            session_id: &session.session_id,
            email: &attempt.email,
            one_time_code: &attempt.one_time_code,
            kind: attempt.kind,
            method,
            purchase_limit,
        },
        now,
    )
    .await
}
