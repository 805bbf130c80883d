//! Running a checkout attempt from the modal: save it as pending, wait out the simulated
//! latency, let the application flow authorize and place the order, then settle the pending
//! record. A reload at any point finds either the order or the pending attempt.

use std::sync::Arc;

use crate::app::checkout::CheckoutError;
use crate::app::pending_checkout::InFlightAttempt;
use crate::domain::catalog::Catalog;
use crate::klarna::ErrorCode;
use crate::ui::actions::shop_now;
use crate::ui::clock::real_now;
use crate::ui::sleep::sleep_ms;
use crate::ui::stores::Stores;

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

/// Saves the attempt as pending, waits the provider's latency, then completes it.
pub async fn run_attempt(
    stores: Stores,
    catalog: Arc<Catalog>,
    attempt: InFlightAttempt,
) -> RunOutcome {
    // Without the record a reload could not find the attempt: do not start it unsaved.
    if let Err(not_kept) = stores.with_shop(|shop| shop.begin_checkout(&attempt)) {
        return RunOutcome::Stopped(FlowStatus::Retryable(not_kept.to_string()));
    }
    let latency = stores.simulation.with_untracked(|s| s.latency_ms);
    sleep_ms(latency).await;
    let now = shop_now(stores);
    let finished = stores
        .run_strictly(async |shop| shop.finish_checkout(&catalog, &attempt, now).await)
        .await;
    match finished {
        Ok(Ok(order_id)) => RunOutcome::Placed(order_id),
        Ok(Err(error)) => RunOutcome::Stopped(status_of(&error)),
        // Nothing of the attempt was kept, the provider's side included: trying again runs
        // it again, under the same keys.
        Err(not_kept) => RunOutcome::Stopped(FlowStatus::Retryable(not_kept.to_string())),
    }
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
