//! Running a checkout attempt from the modal: save it as pending, wait out the simulated
//! latency, let the application flow authorize and place the order, then settle the pending
//! record. A reload at any point finds either the order or the pending attempt.

use std::sync::Arc;

use crate::app::checkout::{Books, CheckoutError};
use crate::app::pending_checkout::{complete_attempt, AttemptStage, InFlightAttempt};
use crate::domain::catalog::Catalog;
use crate::domain::money::Money;
use crate::klarna::ErrorCode;
use crate::ui::app::Stores;
use crate::ui::clock::real_now;
use crate::ui::sleep::sleep_ms;

/// What the modal shows about the attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlowStatus {
    Idle,
    Working,
    /// Declined by Klarna: the reason; the shopper may pick another option.
    Declined(String),
    /// The code was wrong or malformed: asked again, same attempt.
    WrongCode(String),
    /// Timeout or provider error: a retry reuses the same attempt.
    Retryable(String),
    /// Anything else that ended the attempt (an option no longer eligible, an expired session).
    Failed(String),
}

impl FlowStatus {
    pub fn is_working(&self) -> bool {
        matches!(self, FlowStatus::Working)
    }
}

/// The outcome of one run, for the modal to show or to navigate on.
pub enum RunOutcome {
    Placed(String),
    Stopped(FlowStatus),
}

/// A fresh attempt id: unique per confirmation, stable across retries of it.
pub fn new_attempt_id() -> String {
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("chk-{}-{random:09}", real_now().timestamp_millis())
}

fn shop_now(stores: Stores) -> chrono::DateTime<chrono::Utc> {
    stores.clock.with_untracked(|c| c.now(real_now()))
}

/// Saves the attempt as pending, waits the provider's latency, then completes it.
pub async fn run_attempt(
    stores: Stores,
    catalog: Arc<Catalog>,
    attempt: InFlightAttempt,
) -> RunOutcome {
    let authorizing = InFlightAttempt {
        stage: AttemptStage::Authorizing,
        ..attempt.clone()
    };
    stores
        .pending_checkout
        .update(|p| p.in_flight = Some(authorizing));
    let latency = stores.klarna.with_untracked(|k| k.simulation.latency_ms);
    sleep_ms(latency).await;

    // Abandoned meanwhile (another tab, or a reset): do not place anything.
    let still_ours = stores.pending_checkout.with_untracked(|p| {
        p.in_flight
            .as_ref()
            .is_some_and(|a| a.attempt == attempt.attempt)
    });
    if !still_ours {
        return RunOutcome::Stopped(FlowStatus::Failed(
            "This payment was cancelled before Klarna answered. Nothing was charged.".into(),
        ));
    }
    let result = complete(stores, &catalog, &attempt);
    let outcome = match result {
        Ok(order_id) => {
            stores.pending_checkout.update(|p| p.in_flight = None);
            return RunOutcome::Placed(order_id);
        }
        Err(status) => status,
    };
    match &outcome {
        FlowStatus::Retryable(message) => stores.pending_checkout.update(|p| {
            if let Some(a) = p.in_flight.as_mut() {
                a.stage = AttemptStage::Retryable {
                    message: message.clone(),
                };
            }
        }),
        _ => stores.pending_checkout.update(|p| p.in_flight = None),
    }
    RunOutcome::Stopped(outcome)
}

fn complete(
    stores: Stores,
    catalog: &Catalog,
    attempt: &InFlightAttempt,
) -> Result<String, FlowStatus> {
    let account = stores
        .account
        .with_untracked(|a| a.clone())
        .ok_or_else(|| FlowStatus::Failed("Create your account before paying.".into()))?;
    let method = stores
        .payments
        .with_untracked(|p| p.method(attempt.method_id).cloned())
        .ok_or_else(|| {
            FlowStatus::Failed("That payment method is no longer saved. Choose another.".into())
        })?;
    let currency = account.market.currency();
    let limit = stores.klarna.with_untracked(|k| {
        k.simulation
            .purchase_limit(&attempt.email)
            .map(|minor| Money::from_minor(minor, currency))
    });
    let now = shop_now(stores);
    stores
        .klarna
        .update(|provider| {
            stores.orders.update(|orders| {
                stores.payments.update(|payments| {
                    stores.inbox.update(|inbox| {
                        stores.cart.update(|cart| {
                            complete_attempt(
                                provider,
                                Books {
                                    orders,
                                    payments,
                                    inbox,
                                    cart,
                                },
                                catalog,
                                &account,
                                attempt,
                                &method,
                                limit,
                                now,
                            )
                        })
                    })
                })
            })
        })
        .map_err(|e| status_of(&e))
}

/// Sorts a failure into what the shopper can do next.
fn status_of(error: &CheckoutError) -> FlowStatus {
    if error.is_retryable() {
        return FlowStatus::Retryable(format!(
            "{error}. Nothing is charged twice: trying again continues the same payment."
        ));
    }
    match error {
        CheckoutError::Provider(e) if e.code() == ErrorCode::Rejected => {
            FlowStatus::Declined(e.message().to_string())
        }
        CheckoutError::Provider(e)
            if e.code() == ErrorCode::WrongCode || e.field.as_deref() == Some("one_time_code") =>
        {
            FlowStatus::WrongCode(
                "That code is not correct. Check the six digits and try again.".into(),
            )
        }
        other => FlowStatus::Failed(other.to_string()),
    }
}
