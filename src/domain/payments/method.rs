//! The shopper's saved payment methods and what happens when one is charged.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::card::{check_card, CardBrand, CardError, CardExpiry};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MethodId(pub u32);

impl fmt::Display for MethodId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pm-{}", self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    DebitCard,
    CreditCard,
    BankAccount,
    /// A PayPal-like wallet: every payment needs the shopper's OK.
    Wallet,
}

impl MethodKind {
    pub fn name(self) -> &'static str {
        match self {
            MethodKind::DebitCard => "Debit card",
            MethodKind::CreditCard => "Credit card",
            MethodKind::BankAccount => "Bank account",
            MethodKind::Wallet => "Wallet",
        }
    }

    pub fn is_card(self) -> bool {
        matches!(self, MethodKind::DebitCard | MethodKind::CreditCard)
    }
}

/// How a charge on this method turns out in the simulation. The same three behaviours as a
/// persona's card in the simulation panel (`klarna::CardBehaviour`), held here so the pure
/// core does not depend on the provider.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeBehaviour {
    #[default]
    Pays,
    Declines,
    Expired,
}

/// Why a charge did not go through, in words a shopper reads in the "payment failed" message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeFailure {
    Declined,
    CardExpired,
}

impl fmt::Display for ChargeFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChargeFailure::Declined => "the payment was declined",
            ChargeFailure::CardExpired => "the card has expired",
        })
    }
}

pub const WALLET_CANNOT_AUTOPAY: &str =
    "A wallet can't be charged automatically: each payment needs your OK";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethod {
    pub id: MethodId,
    pub kind: MethodKind,
    /// What the shopper sees: `Visa •••• 4242`, `Bank account •••• 6789`.
    pub label: String,
    pub brand: Option<CardBrand>,
    pub last4: String,
    /// Cards only.
    pub expiry: Option<CardExpiry>,
    pub behaviour: ChargeBehaviour,
}

/// The shopper's saved methods by id.
pub type MethodBook = BTreeMap<MethodId, PaymentMethod>;

impl PaymentMethod {
    /// A card from the number as typed. The number and the security code are checked and
    /// dropped: only the brand, the last four digits and the expiry are kept.
    pub fn card(
        id: MethodId,
        kind: MethodKind,
        typed_number: &str,
        expiry: (i32, u32),
        cvc: &str,
        today: NaiveDate,
    ) -> Result<PaymentMethod, CardError> {
        assert!(kind.is_card(), "a card is a debit or a credit card");
        let card = check_card(typed_number, expiry.0, expiry.1, cvc, today)?;
        Ok(PaymentMethod {
            id,
            kind,
            label: format!("{} •••• {}", card.brand.name(), card.last4),
            brand: Some(card.brand),
            last4: card.last4,
            expiry: Some(card.expiry),
            behaviour: ChargeBehaviour::Pays,
        })
    }

    /// A bank account, known by its last four digits (the full number stays with the bank).
    pub fn bank_account(id: MethodId, bank_name: &str, last4: &str) -> PaymentMethod {
        PaymentMethod {
            id,
            kind: MethodKind::BankAccount,
            label: format!("{} •••• {}", bank_name.trim(), last4),
            brand: None,
            last4: last4.to_string(),
            expiry: None,
            behaviour: ChargeBehaviour::Pays,
        }
    }

    pub fn wallet(id: MethodId, account_email: &str) -> PaymentMethod {
        PaymentMethod {
            id,
            kind: MethodKind::Wallet,
            label: format!("Wallet ({})", account_email.trim()),
            brand: None,
            last4: String::new(),
            expiry: None,
            behaviour: ChargeBehaviour::Pays,
        }
    }

    pub fn with_behaviour(mut self, behaviour: ChargeBehaviour) -> PaymentMethod {
        self.behaviour = behaviour;
        self
    }

    /// Cards and bank accounts can be charged on the due date without asking; a wallet
    /// cannot, and the reason is shown next to the disabled autopay switch.
    pub fn can_autopay(&self) -> Result<(), &'static str> {
        match self.kind {
            MethodKind::Wallet => Err(WALLET_CANNOT_AUTOPAY),
            _ => Ok(()),
        }
    }

    pub fn has_expired_on(&self, date: NaiveDate) -> bool {
        self.expiry.is_some_and(|e| e.has_expired_on(date))
    }

    /// The outcome of charging this method on `date`: deterministic, from the simulated
    /// behaviour and the printed expiry, so replaying the clock gives the same history.
    pub fn try_charge(&self, date: NaiveDate) -> Result<(), ChargeFailure> {
        if self.has_expired_on(date) {
            return Err(ChargeFailure::CardExpired);
        }
        match self.behaviour {
            ChargeBehaviour::Pays => Ok(()),
            ChargeBehaviour::Declines => Err(ChargeFailure::Declined),
            ChargeBehaviour::Expired => Err(ChargeFailure::CardExpired),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn visa() -> PaymentMethod {
        PaymentMethod::card(
            MethodId(1),
            MethodKind::DebitCard,
            "4242 4242 4242 4242",
            (2027, 3),
            "123",
            d(2026, 5, 1),
        )
        .unwrap()
    }

    #[test]
    fn card_label_and_kept_fields() {
        let card = visa();
        assert_eq!(card.label, "Visa •••• 4242");
        assert_eq!(card.last4, "4242");
        assert_eq!(card.brand, Some(CardBrand::Visa));
        let json = serde_json::to_string(&card).unwrap();
        assert!(!json.contains("4242424242424242"));
        assert!(!json.contains("123"));
    }

    #[test]
    fn only_the_wallet_cannot_autopay() {
        assert!(visa().can_autopay().is_ok());
        assert!(PaymentMethod::bank_account(MethodId(2), "Chase", "6789")
            .can_autopay()
            .is_ok());
        assert_eq!(
            PaymentMethod::wallet(MethodId(3), "ann@example.com").can_autopay(),
            Err(WALLET_CANNOT_AUTOPAY)
        );
    }

    #[test]
    fn charges_follow_behaviour_and_expiry() {
        let card = visa();
        assert_eq!(card.try_charge(d(2027, 3, 31)), Ok(()));
        assert_eq!(
            card.try_charge(d(2027, 4, 1)),
            Err(ChargeFailure::CardExpired)
        );
        assert_eq!(
            visa()
                .with_behaviour(ChargeBehaviour::Declines)
                .try_charge(d(2026, 6, 1)),
            Err(ChargeFailure::Declined)
        );
        assert_eq!(
            visa()
                .with_behaviour(ChargeBehaviour::Expired)
                .try_charge(d(2026, 6, 1)),
            Err(ChargeFailure::CardExpired)
        );
    }
}
