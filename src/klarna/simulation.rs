//! The knobs of the simulation panel. Persisted with the mock, so a shared scenario file
//! reproduces the same declines and faults.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::money::{Currency, Money};

/// How the persona's card behaves when the collections engine charges it. Stored here so
/// it is set in one panel; the provider itself never charges cards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardBehaviour {
    #[default]
    Pays,
    Declines,
    Expired,
}

/// The collections engine charges saved methods with the domain's own behaviour type.
impl From<CardBehaviour> for crate::domain::payments::ChargeBehaviour {
    fn from(behaviour: CardBehaviour) -> Self {
        use crate::domain::payments::ChargeBehaviour;
        match behaviour {
            CardBehaviour::Pays => ChargeBehaviour::Pays,
            CardBehaviour::Declines => ChargeBehaviour::Declines,
            CardBehaviour::Expired => ChargeBehaviour::Expired,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonaSettings {
    /// Minor units of the purchase currency; `None` means no limit.
    #[serde(default)]
    pub purchase_limit: Option<i64>,
    #[serde(default)]
    pub card_behaviour: CardBehaviour,
}

/// Injected into the next state-changing calls.
///
/// - `Timeout` happens *after commit*: the call takes effect and is recorded under its
///   idempotency key, but the caller sees TIMEOUT. That is the dangerous real-world case
///   (the network dropped the answer, not the request); retrying with the same key returns
///   the original result and never a second order or refund.
/// - `Error` happens *before commit*: nothing changes, nothing is recorded, and a retry with
///   the same key does the work for real.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    #[default]
    None,
    Timeout,
    Error,
}

impl Fault {
    /// The fault's name, short enough for a phone's select.
    pub fn label(self) -> &'static str {
        match self {
            Fault::None => "None",
            Fault::Timeout => "Timeout",
            Fault::Error => "Error",
        }
    }

    /// What the shop sees when the fault hits a call, as the panel explains it.
    pub fn effect(self) -> &'static str {
        match self {
            Fault::None => "The call goes through and is answered.",
            Fault::Timeout => "The call goes through, but its answer is lost.",
            Fault::Error => "The call fails and nothing happens.",
        }
    }
}

pub const DEFAULT_LATENCY_MS: u32 = 400;
/// Latency above this would look like a hang rather than a slow provider.
pub const MAX_LATENCY_MS: u32 = 30_000;

/// A simulation setting typed into the panel that cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("Enter an amount like 500 or 250.50, or leave it empty.")]
    PurchaseLimit,
    #[error("Enter whole milliseconds from 0 to {MAX_LATENCY_MS}.")]
    Latency,
}

/// A purchase limit as typed: empty means no limit; otherwise a non-negative amount with at
/// most two decimals (thousands separators allowed), in minor units of `currency`.
pub fn parse_purchase_limit(text: &str, currency: Currency) -> Result<Option<i64>, SettingError> {
    let cleaned: String = text.trim().chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let amount = Decimal::from_str(&cleaned).map_err(|_| SettingError::PurchaseLimit)?;
    if amount.is_sign_negative() || amount.scale() > 2 {
        return Err(SettingError::PurchaseLimit);
    }
    Money::new(amount, currency)
        .checked_minor()
        .map(Some)
        .ok_or(SettingError::PurchaseLimit)
}

/// A latency as typed: whole milliseconds up to [`MAX_LATENCY_MS`].
pub fn parse_latency(text: &str) -> Result<u32, SettingError> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|ms| *ms <= MAX_LATENCY_MS)
        .ok_or(SettingError::Latency)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulationSettings {
    /// Data only: the UI waits this long (async) around each call to show progress.
    #[serde(default = "default_latency")]
    pub latency_ms: u32,
    /// Applies to every email without its own entry.
    #[serde(default)]
    pub default_persona: PersonaSettings,
    /// Keyed by normalized (trimmed, lower-case) email.
    #[serde(default)]
    pub personas: BTreeMap<String, PersonaSettings>,
    #[serde(default)]
    pub fault: Fault,
    /// How many more state-changing calls get `fault`; reads are never faulted.
    #[serde(default)]
    pub fault_calls_remaining: u32,
}

fn default_latency() -> u32 {
    DEFAULT_LATENCY_MS
}

impl Default for SimulationSettings {
    fn default() -> Self {
        SimulationSettings {
            latency_ms: DEFAULT_LATENCY_MS,
            default_persona: PersonaSettings::default(),
            personas: BTreeMap::new(),
            fault: Fault::None,
            fault_calls_remaining: 0,
        }
    }
}

impl SimulationSettings {
    pub fn persona(&self, email: &str) -> &PersonaSettings {
        self.personas
            .get(&email.trim().to_ascii_lowercase())
            .unwrap_or(&self.default_persona)
    }

    pub fn set_persona(&mut self, email: &str, settings: PersonaSettings) {
        self.personas
            .insert(email.trim().to_ascii_lowercase(), settings);
    }

    pub fn purchase_limit(&self, email: &str) -> Option<i64> {
        self.persona(email).purchase_limit
    }

    /// The persona's purchase limit as money of the shopper's currency.
    pub fn purchase_limit_in(&self, email: &str, currency: Currency) -> Option<Money> {
        self.purchase_limit(email)
            .map(|minor| Money::from_minor(minor, currency))
    }

    pub fn card_behaviour(&self, email: &str) -> CardBehaviour {
        self.persona(email).card_behaviour
    }

    /// `calls == 0` or `Fault::None` clears any pending fault.
    pub fn inject_fault(&mut self, fault: Fault, calls: u32) {
        self.fault = if calls == 0 { Fault::None } else { fault };
        self.fault_calls_remaining = if fault == Fault::None { 0 } else { calls };
    }

    pub fn pending_fault(&self) -> Fault {
        if self.fault_calls_remaining > 0 {
            self.fault
        } else {
            Fault::None
        }
    }

    pub(crate) fn take_fault(&mut self) -> Fault {
        let fault = self.pending_fault();
        if fault != Fault::None {
            self.fault_calls_remaining -= 1;
            if self.fault_calls_remaining == 0 {
                self.fault = Fault::None;
            }
        }
        fault
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_count_down_and_clear() {
        let mut settings = SimulationSettings::default();
        settings.inject_fault(Fault::Timeout, 2);
        assert_eq!(settings.take_fault(), Fault::Timeout);
        assert_eq!(settings.take_fault(), Fault::Timeout);
        assert_eq!(settings.take_fault(), Fault::None);
        settings.inject_fault(Fault::Error, 0);
        assert_eq!(settings.pending_fault(), Fault::None);
    }

    #[test]
    fn persona_settings_match_emails_however_typed() {
        let mut settings = SimulationSettings::default();
        settings.set_persona(
            "Ann@Example.com",
            PersonaSettings {
                purchase_limit: Some(5_000),
                card_behaviour: CardBehaviour::Declines,
            },
        );
        assert_eq!(settings.purchase_limit(" ann@example.com"), Some(5_000));
        assert_eq!(
            settings.card_behaviour("ANN@example.com"),
            CardBehaviour::Declines
        );
        assert_eq!(settings.purchase_limit("bob@example.com"), None);
        assert_eq!(
            settings.card_behaviour("bob@example.com"),
            CardBehaviour::Pays
        );
    }
}
