//! Exactly-once for state-changing calls. Each key's first outcome is stored (as JSON, so
//! one ledger serves every response type and persists with the mock) together with a
//! fingerprint of the request; a replay returns that outcome, a mismatch is refused.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::MockKlarna;
use crate::klarna::error::ProviderError;
use crate::klarna::simulation::Fault;
use crate::klarna::validation::validate_idempotency_key;

/// Keys older than this are forgotten by `expire_due`, to bound the persisted state. Far
/// longer than any retry, and longer than every lifetime the provider enforces.
pub const IDEMPOTENCY_KEY_RETENTION_DAYS: i64 = 30;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct IdempotencyLedger {
    /// Never changed once recorded, so shared with the copies an action runs on.
    entries: BTreeMap<String, Arc<LedgerEntry>>,
}

/// `Eq` lets a shared entry compare equal to itself without reading it (`Arc`'s shortcut).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct LedgerEntry {
    operation: String,
    fingerprint: String,
    recorded_at: DateTime<Utc>,
    outcome: serde_json::Value,
}

impl IdempotencyLedger {
    pub(crate) fn forget_before(&mut self, now: DateTime<Utc>) {
        let cutoff = now - TimeDelta::days(IDEMPOTENCY_KEY_RETENTION_DAYS);
        self.entries.retain(|_, entry| entry.recorded_at >= cutoff);
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// FNV-1a: tiny, stable across platforms and versions, and the ledger only needs to tell
/// "same request" from "different request", not resist an attacker.
fn fingerprint(operation: &str, target: &str, request: &impl Serialize) -> String {
    let body = serde_json::to_string(request).expect("requests serialize");
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in operation
        .bytes()
        .chain([0])
        .chain(target.bytes())
        .chain([0])
        .chain(body.bytes())
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

pub(crate) fn correlation_id(idempotency_key: &str) -> String {
    format!("corr_{idempotency_key}")
}

impl MockKlarna {
    /// Runs `apply` once per key, with the simulation's fault applied around it.
    pub(crate) fn idempotent<T, R>(
        &mut self,
        operation: &str,
        target: &str,
        request: &R,
        idempotency_key: &str,
        now: DateTime<Utc>,
        apply: impl FnOnce(&mut MockKlarna) -> Result<T, ProviderError>,
    ) -> Result<T, ProviderError>
    where
        T: Serialize + DeserializeOwned,
        R: Serialize,
    {
        let correlation = correlation_id(idempotency_key);
        validate_idempotency_key(idempotency_key)
            .map_err(|e| e.with_correlation_id(correlation.clone()))?;
        let fault = self.simulation.take_fault();
        if fault == Fault::Error {
            return Err(ProviderError::internal().with_correlation_id(correlation));
        }
        let fingerprint = fingerprint(operation, target, request);
        let outcome = match self.ledger.entries.get(idempotency_key) {
            Some(entry) if entry.operation == operation && entry.fingerprint == fingerprint => {
                // By way of the text, as everything stored is read: reading the type straight
                // from the tree would add a second copy of its reading code to the wasm.
                let text = serde_json::to_vec(&entry.outcome).expect("a JSON tree writes to text");
                serde_json::from_slice::<Result<T, ProviderError>>(&text)
                    .expect("a recorded outcome reads back as its own type")
            }
            Some(entry) => {
                return Err(ProviderError::bad_value(
                    "idempotency_key",
                    format!("already used for a different {} request", entry.operation),
                )
                .with_correlation_id(correlation))
            }
            None => {
                let outcome = apply(self).map_err(|e| e.with_correlation_id(correlation.clone()));
                let entry = LedgerEntry {
                    operation: operation.to_string(),
                    fingerprint,
                    recorded_at: now,
                    outcome: serde_json::from_slice(
                        &serde_json::to_vec(&outcome).expect("outcomes serialize"),
                    )
                    .expect("JSON text serde_json wrote reads back"),
                };
                self.ledger
                    .entries
                    .insert(idempotency_key.to_string(), Arc::new(entry));
                outcome
            }
        };
        if fault == Fault::Timeout {
            // After commit: the work above stands and is recorded under the key.
            return Err(ProviderError::timeout().with_correlation_id(correlation));
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_requests_apart() {
        let a = fingerprint("capture", "kl_ord_000001", &100);
        assert_eq!(a, fingerprint("capture", "kl_ord_000001", &100));
        assert_ne!(a, fingerprint("capture", "kl_ord_000001", &101));
        assert_ne!(a, fingerprint("capture", "kl_ord_000002", &100));
        assert_ne!(a, fingerprint("refund", "kl_ord_000001", &100));
    }
}
