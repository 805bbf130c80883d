//! The forms of Payment settings, checked field by field so every mistake shows at once.
//!
//! A card form turns into a [`PaymentMethod`] that keeps only the brand, the last four digits
//! and the expiry; the typed number and security code go no further than these checks.

use chrono::NaiveDate;

use crate::domain::account::validate_email;
use crate::domain::payments::{
    card_brand, CardError, CardExpiry, MethodId, MethodKind, PaymentMethod,
};

/// Which input a message belongs under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MethodField {
    CardNumber,
    CardExpiry,
    CardCvc,
    BankName,
    BankAccountNumber,
    WalletEmail,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMessage {
    pub field: MethodField,
    pub message: String,
}

fn message(field: MethodField, text: impl Into<String>) -> FieldMessage {
    FieldMessage {
        field,
        message: text.into(),
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardForm {
    pub number: String,
    /// As printed on the card: `MM/YY` (also `MM/YYYY`, `MMYY`).
    pub expiry: String,
    pub cvc: String,
}

/// `03/27`, `3/2027`, `0327` -> (2027, 3). Two-digit years are in this century.
pub fn parse_expiry(typed: &str) -> Result<(i32, u32), String> {
    let cleaned: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let bad = || CardError::BadExpiry.to_string();
    let (month, year) = match cleaned.split_once('/') {
        Some(parts) => parts,
        None if cleaned.len() == 4 => cleaned.split_at(2),
        None => return Err(bad()),
    };
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !all_digits(month) || !all_digits(year) || month.len() > 2 {
        return Err(bad());
    }
    let month: u32 = month.parse().map_err(|_| bad())?;
    let year: i32 = match year.len() {
        2 => 2000 + year.parse::<i32>().map_err(|_| bad())?,
        4 => year.parse().map_err(|_| bad())?,
        _ => return Err(bad()),
    };
    CardExpiry::new(year, month).ok_or_else(bad)?;
    Ok((year, month))
}

fn card_field(error: &CardError) -> MethodField {
    match error {
        CardError::NotDigits
        | CardError::WrongLength
        | CardError::FailsCheckDigit
        | CardError::UnknownBrand => MethodField::CardNumber,
        CardError::Expired | CardError::BadExpiry => MethodField::CardExpiry,
        CardError::BadCvc { .. } => MethodField::CardCvc,
    }
}

/// Every problem of the card form, or the method to save (kind: debit or credit card).
pub fn card_method(
    form: &CardForm,
    id: MethodId,
    kind: MethodKind,
    today: NaiveDate,
) -> Result<PaymentMethod, Vec<FieldMessage>> {
    let mut problems = Vec::new();
    if form.number.trim().is_empty() {
        problems.push(message(MethodField::CardNumber, "Enter the card number"));
    }
    let expiry = if form.expiry.trim().is_empty() {
        problems.push(message(
            MethodField::CardExpiry,
            "Enter the expiry date as MM/YY",
        ));
        None
    } else {
        match parse_expiry(&form.expiry) {
            Ok((year, month)) => {
                let expired = CardExpiry::new(year, month).is_some_and(|e| e.has_expired_on(today));
                if expired {
                    problems.push(message(
                        MethodField::CardExpiry,
                        CardError::Expired.to_string(),
                    ));
                }
                Some((year, month))
            }
            Err(text) => {
                problems.push(message(MethodField::CardExpiry, text));
                None
            }
        }
    };
    let cvc = form.cvc.trim();
    let cvc_length = card_brand(&form.number).map_or(3, |brand| brand.cvc_length());
    if cvc.is_empty() {
        problems.push(message(MethodField::CardCvc, "Enter the security code"));
    } else if cvc.len() != cvc_length || !cvc.chars().all(|c| c.is_ascii_digit()) {
        problems.push(message(
            MethodField::CardCvc,
            CardError::BadCvc {
                expected_length: cvc_length,
            }
            .to_string(),
        ));
    }
    if !form.number.trim().is_empty() {
        // The domain checks the number first, so an error about the number is reported even
        // when the other fields are wrong too; errors about them are already listed above.
        let (year, month) = expiry.unwrap_or((9999, 12));
        if let Err(error) = PaymentMethod::card(id, kind, &form.number, (year, month), cvc, today) {
            if card_field(&error) == MethodField::CardNumber {
                problems.insert(0, message(MethodField::CardNumber, error.to_string()));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (year, month) = expiry.expect("no problem means the expiry parsed");
    PaymentMethod::card(id, kind, &form.number, (year, month), cvc, today)
        .map_err(|e| vec![message(card_field(&e), e.to_string())])
}

/// Only checks the card's digits, for feedback while typing: the brand once it is known.
pub fn card_brand_hint(typed: &str) -> Option<&'static str> {
    card_brand(typed).map(|b| b.name())
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BankForm {
    pub bank_name: String,
    pub account_number: String,
}

pub const BANK_NAME_MAX_CHARS: usize = 60;

/// A bank account; the full account number is checked and only its last four digits kept.
pub fn bank_method(form: &BankForm, id: MethodId) -> Result<PaymentMethod, Vec<FieldMessage>> {
    let mut problems = Vec::new();
    let name = form.bank_name.trim();
    if name.is_empty() {
        problems.push(message(
            MethodField::BankName,
            "Enter the name of your bank",
        ));
    } else if name.chars().count() > BANK_NAME_MAX_CHARS {
        problems.push(message(
            MethodField::BankName,
            format!("A bank name has at most {BANK_NAME_MAX_CHARS} characters"),
        ));
    }
    let digits: String = form
        .account_number
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    if digits.is_empty() {
        problems.push(message(
            MethodField::BankAccountNumber,
            "Enter the account number",
        ));
    } else if !digits.chars().all(|c| c.is_ascii_digit()) {
        problems.push(message(
            MethodField::BankAccountNumber,
            "An account number has only digits",
        ));
    } else if !(6..=17).contains(&digits.len()) {
        problems.push(message(
            MethodField::BankAccountNumber,
            "An account number has 6 to 17 digits",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(PaymentMethod::bank_account(
        id,
        name,
        &digits[digits.len() - 4..],
    ))
}

pub fn wallet_method(email: &str, id: MethodId) -> Result<PaymentMethod, Vec<FieldMessage>> {
    validate_email(email)
        .map(|email| PaymentMethod::wallet(id, &email))
        .map_err(|text| vec![message(MethodField::WalletEmail, text)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, 10).unwrap()
    }

    fn card(number: &str, expiry: &str, cvc: &str) -> Result<PaymentMethod, Vec<FieldMessage>> {
        card_method(
            &CardForm {
                number: number.into(),
                expiry: expiry.into(),
                cvc: cvc.into(),
            },
            MethodId(1),
            MethodKind::CreditCard,
            today(),
        )
    }

    fn fields(result: Result<PaymentMethod, Vec<FieldMessage>>) -> Vec<MethodField> {
        result.unwrap_err().into_iter().map(|m| m.field).collect()
    }

    #[test]
    fn expiry_shapes() {
        assert_eq!(parse_expiry("03/27"), Ok((2027, 3)));
        assert_eq!(parse_expiry(" 3 / 2027"), Ok((2027, 3)));
        assert_eq!(parse_expiry("0327"), Ok((2027, 3)));
        for bad in ["13/27", "00/27", "3/7", "aa/bb", "032", "", "03/027"] {
            assert!(parse_expiry(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_good_card_keeps_only_brand_and_last_four() {
        let method = card("4242 4242 4242 4242", "12/30", "123").unwrap();
        assert_eq!(method.label, "Visa •••• 4242");
        assert_eq!(method.kind, MethodKind::CreditCard);
        let json = serde_json::to_string(&method).unwrap();
        assert!(!json.contains("4242424242424242") && !json.contains("\"123\""));
    }

    #[test]
    fn a_luhn_typo_is_refused_on_the_number() {
        let problems = card("4242 4242 4242 4241", "12/30", "123").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, MethodField::CardNumber);
        assert_eq!(problems[0].message, "This card number has a typo");
    }

    #[test]
    fn every_wrong_field_is_reported_at_once() {
        assert_eq!(
            fields(card("4242 4242 4242 4241", "04/26", "12")),
            [
                MethodField::CardNumber,
                MethodField::CardExpiry,
                MethodField::CardCvc
            ]
        );
        assert_eq!(
            fields(card("", "", "")),
            [
                MethodField::CardNumber,
                MethodField::CardExpiry,
                MethodField::CardCvc
            ]
        );
    }

    #[test]
    fn the_expiry_month_still_counts() {
        assert!(card("4242424242424242", "05/26", "123").is_ok());
        let problems = card("4242424242424242", "04/26", "123").unwrap_err();
        assert_eq!(problems[0].message, "This card has expired");
    }

    #[test]
    fn amex_wants_four_digits() {
        assert!(card("3782 822463 10005", "12/30", "1234").is_ok());
        let problems = card("3782 822463 10005", "12/30", "123").unwrap_err();
        assert_eq!(problems[0].message, "The security code has 4 digits");
    }

    #[test]
    fn bank_accounts() {
        let ok = bank_method(
            &BankForm {
                bank_name: " Chase ".into(),
                account_number: "000123 456789".into(),
            },
            MethodId(2),
        )
        .unwrap();
        assert_eq!(ok.label, "Chase •••• 6789");
        assert!(ok.can_autopay().is_ok());
        let bad = bank_method(
            &BankForm {
                bank_name: String::new(),
                account_number: "12a".into(),
            },
            MethodId(2),
        )
        .unwrap_err();
        assert_eq!(
            bad.iter().map(|m| m.field).collect::<Vec<_>>(),
            [MethodField::BankName, MethodField::BankAccountNumber]
        );
    }

    #[test]
    fn wallets_need_an_email_and_cannot_autopay() {
        let wallet = wallet_method("Ann@Example.com", MethodId(3)).unwrap();
        assert!(wallet.can_autopay().is_err());
        assert_eq!(
            wallet_method("ann", MethodId(3)).unwrap_err()[0].field,
            MethodField::WalletEmail
        );
    }
}
