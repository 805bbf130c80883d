//! Calling the provider again after a timeout or a provider error, with the same key.

use crate::klarna::ProviderError;

/// A timeout or a provider error is retried with the same idempotency key: the provider
/// returns the first result if the call had taken effect, and does the work if it had not.
const ATTEMPTS: usize = 3;

pub async fn with_retries<T>(
    mut call: impl AsyncFnMut() -> Result<T, ProviderError>,
) -> Result<T, ProviderError> {
    let mut result = call().await;
    for _ in 1..ATTEMPTS {
        match &result {
            Err(e) if e.is_retryable() => result = call().await,
            _ => break,
        }
    }
    result
}
