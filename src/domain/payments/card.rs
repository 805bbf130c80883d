//! Checking a typed card number: digits, the Luhn check digit, the brand, the expiry.
//!
//! Only these checks ever see the full number; a saved method keeps the brand and the last
//! four digits (see [`super::PaymentMethod::card`]).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardBrand {
    Visa,
    Mastercard,
    Amex,
    Discover,
}

impl CardBrand {
    pub fn name(self) -> &'static str {
        match self {
            CardBrand::Visa => "Visa",
            CardBrand::Mastercard => "Mastercard",
            CardBrand::Amex => "American Express",
            CardBrand::Discover => "Discover",
        }
    }

    /// Amex prints a four-digit security code on the front; the others three on the back.
    pub fn cvc_length(self) -> usize {
        match self {
            CardBrand::Amex => 4,
            _ => 3,
        }
    }

    fn accepts_length(self, length: usize) -> bool {
        match self {
            CardBrand::Visa => matches!(length, 13 | 16 | 19),
            CardBrand::Mastercard => length == 16,
            CardBrand::Amex => length == 15,
            CardBrand::Discover => (16..=19).contains(&length),
        }
    }
}

impl fmt::Display for CardBrand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The last month a card can be charged in: it is valid until the end of that month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CardExpiry {
    pub year: i32,
    pub month: u32,
}

impl CardExpiry {
    pub fn new(year: i32, month: u32) -> Option<CardExpiry> {
        (1..=12)
            .contains(&month)
            .then_some(CardExpiry { year, month })
    }

    /// Expired once the expiry month is over, so a card ending 03/2027 still pays on 31 March.
    pub fn has_expired_on(self, date: NaiveDate) -> bool {
        (date.year(), date.month()) > (self.year, self.month)
    }

    /// `03/27`, as printed on the card.
    pub fn display(self) -> String {
        format!("{:02}/{:02}", self.month, self.year.rem_euclid(100))
    }
}

/// Why a typed card cannot be saved. Each variant words itself for the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardError {
    NotDigits,
    WrongLength,
    FailsCheckDigit,
    UnknownBrand,
    Expired,
    BadExpiry,
    BadCvc { expected_length: usize },
}

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CardError::NotDigits => f.write_str("A card number has only digits"),
            CardError::WrongLength => f.write_str("This card number has the wrong length"),
            CardError::FailsCheckDigit => f.write_str("This card number has a typo"),
            CardError::UnknownBrand => {
                f.write_str("We accept Visa, Mastercard, American Express and Discover")
            }
            CardError::Expired => f.write_str("This card has expired"),
            CardError::BadExpiry => f.write_str("Enter the expiry month (1-12) and year"),
            CardError::BadCvc { expected_length } => {
                write!(f, "The security code has {expected_length} digits")
            }
        }
    }
}

/// The digits of a number as typed, allowing the spaces and dashes people group them with.
pub fn card_digits(typed: &str) -> Result<Vec<u8>, CardError> {
    typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_digit(10).map(|d| d as u8).ok_or(CardError::NotDigits))
        .collect()
}

/// The Luhn (mod 10) check every card number carries in its last digit; it catches any
/// single mistyped digit and most swapped neighbours.
pub fn luhn_valid(typed: &str) -> bool {
    let Ok(digits) = card_digits(typed) else {
        return false;
    };
    if digits.len() < 2 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The brand from the number's leading digits (its issuer identification number).
pub fn card_brand(typed: &str) -> Option<CardBrand> {
    let digits = card_digits(typed).ok()?;
    let prefix = |n: usize| -> u32 {
        digits
            .iter()
            .take(n)
            .fold(0, |acc, &d| acc * 10 + u32::from(d))
    };
    if digits.len() < 6 {
        return None;
    }
    let brand = if digits[0] == 4 {
        CardBrand::Visa
    } else if (51..=55).contains(&prefix(2)) || (2221..=2720).contains(&prefix(4)) {
        CardBrand::Mastercard
    } else if matches!(prefix(2), 34 | 37) {
        CardBrand::Amex
    } else if prefix(4) == 6011
        || prefix(2) == 65
        || (644..=649).contains(&prefix(3))
        || (622_126..=622_925).contains(&prefix(6))
    {
        CardBrand::Discover
    } else {
        return None;
    };
    Some(brand)
}

/// What is kept of a typed card: never the number or the security code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCard {
    pub brand: CardBrand,
    pub last4: String,
    pub expiry: CardExpiry,
}

/// Checks a typed card against `today` and keeps only its brand and last four digits.
pub fn check_card(
    typed_number: &str,
    expiry_year: i32,
    expiry_month: u32,
    cvc: &str,
    today: NaiveDate,
) -> Result<CheckedCard, CardError> {
    let digits = card_digits(typed_number)?;
    let brand = card_brand(typed_number).ok_or(CardError::UnknownBrand)?;
    if !brand.accepts_length(digits.len()) {
        return Err(CardError::WrongLength);
    }
    if !luhn_valid(typed_number) {
        return Err(CardError::FailsCheckDigit);
    }
    let expiry = CardExpiry::new(expiry_year, expiry_month).ok_or(CardError::BadExpiry)?;
    if expiry.has_expired_on(today) {
        return Err(CardError::Expired);
    }
    let cvc = cvc.trim();
    if cvc.len() != brand.cvc_length() || !cvc.chars().all(|c| c.is_ascii_digit()) {
        return Err(CardError::BadCvc {
            expected_length: brand.cvc_length(),
        });
    }
    let last4 = digits[digits.len() - 4..]
        .iter()
        .map(|d| char::from(b'0' + d))
        .collect();
    Ok(CheckedCard {
        brand,
        last4,
        expiry,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn luhn_accepts_test_numbers_and_catches_typos() {
        assert!(luhn_valid("4242 4242 4242 4242"));
        assert!(luhn_valid("5555-5555-5555-4444"));
        assert!(luhn_valid("378282246310005"));
        assert!(!luhn_valid("4242 4242 4242 4241"));
        assert!(!luhn_valid("4242 4242 4242 424a"));
        assert!(!luhn_valid("0"));
    }

    #[test]
    fn brands_from_prefixes() {
        assert_eq!(card_brand("4242424242424242"), Some(CardBrand::Visa));
        assert_eq!(card_brand("5555555555554444"), Some(CardBrand::Mastercard));
        assert_eq!(card_brand("2223003122003222"), Some(CardBrand::Mastercard));
        assert_eq!(card_brand("378282246310005"), Some(CardBrand::Amex));
        assert_eq!(card_brand("6011111111111117"), Some(CardBrand::Discover));
        assert_eq!(card_brand("9999999999999995"), None);
    }

    #[test]
    fn expiry_runs_to_the_end_of_its_month() {
        let expiry = CardExpiry::new(2027, 3).unwrap();
        assert!(!expiry.has_expired_on(d(2027, 3, 31)));
        assert!(expiry.has_expired_on(d(2027, 4, 1)));
        assert_eq!(expiry.display(), "03/27");
        assert_eq!(CardExpiry::new(2027, 13), None);
    }

    #[test]
    fn checked_card_keeps_only_brand_and_last_four() {
        let card = check_card("4242 4242 4242 4242", 2030, 12, "123", d(2026, 5, 1)).unwrap();
        assert_eq!(card.brand, CardBrand::Visa);
        assert_eq!(card.last4, "4242");
        let debug = format!("{card:?}");
        assert!(!debug.contains("42424242"));
        assert!(!debug.contains("123"));
    }

    #[test]
    fn card_errors() {
        let today = d(2026, 5, 1);
        let check = |n: &str, y: i32, m: u32, cvc: &str| check_card(n, y, m, cvc, today);
        assert_eq!(
            check("4242424242424241", 2030, 1, "123"),
            Err(CardError::FailsCheckDigit)
        );
        assert_eq!(
            check("4242424242424", 2030, 1, "123"),
            Err(CardError::FailsCheckDigit)
        );
        assert_eq!(
            check("42424242424242", 2030, 1, "123"),
            Err(CardError::WrongLength)
        );
        assert_eq!(
            check("4242424242424242", 2026, 4, "123"),
            Err(CardError::Expired)
        );
        assert_eq!(
            check("378282246310005", 2030, 1, "123"),
            Err(CardError::BadCvc { expected_length: 4 })
        );
        assert_eq!(
            check("9999999999999995", 2030, 1, "123"),
            Err(CardError::UnknownBrand)
        );
        assert_eq!(check("4242 x", 2030, 1, "123"), Err(CardError::NotDigits));
        assert!(check("4242424242424242", 2026, 5, "123").is_ok());
    }
}
