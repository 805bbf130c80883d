//! How many of one variant a cart line holds: 1 to 99. Out-of-range input is refused with a
//! message, never clamped, so the shopper always sees what the cart really holds.

use std::fmt;

use serde::{Deserialize, Serialize};

pub const MIN_QUANTITY: u32 = 1;
pub const MAX_QUANTITY: u32 = 99;

/// Deserialising checks the range too, so a tampered saved cart cannot smuggle in 0 or 500.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Quantity(u32);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuantityError {
    Empty,
    NotAWholeNumber { input: String },
    BelowMinimum,
    AboveMaximum,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuantityError::Empty => write!(f, "Enter a quantity from 1 to 99."),
            QuantityError::NotAWholeNumber { input } => write!(
                f,
                "\"{input}\" is not a whole number. Enter a quantity from 1 to 99."
            ),
            QuantityError::BelowMinimum => write!(f, "The quantity must be at least 1."),
            QuantityError::AboveMaximum => write!(f, "You can buy at most 99 of one item."),
        }
    }
}

impl std::error::Error for QuantityError {}

impl Quantity {
    pub const ONE: Quantity = Quantity(1);

    pub fn new(quantity: i64) -> Result<Quantity, QuantityError> {
        if quantity < i64::from(MIN_QUANTITY) {
            Err(QuantityError::BelowMinimum)
        } else if quantity > i64::from(MAX_QUANTITY) {
            Err(QuantityError::AboveMaximum)
        } else {
            Ok(Quantity(quantity as u32))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Quantity {
    type Error = QuantityError;
    fn try_from(value: u32) -> Result<Quantity, QuantityError> {
        Quantity::new(i64::from(value))
    }
}

impl From<Quantity> for u32 {
    fn from(q: Quantity) -> u32 {
        q.0
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What the quantity box accepts: surrounding spaces are forgiven, anything else that is not
/// a plain whole number (signs aside) is named in the message so the shopper sees what was
/// read.
pub fn parse_quantity(input: &str) -> Result<Quantity, QuantityError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(QuantityError::Empty);
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        let shown: String = text.chars().take(20).collect();
        return Err(QuantityError::NotAWholeNumber { input: shown });
    }
    match (negative, digits.parse::<i64>()) {
        // Any sign-led number, "-0" included, is below the minimum.
        (true, _) => Err(QuantityError::BelowMinimum),
        (false, Ok(n)) => Quantity::new(n),
        // Only an enormous run of digits fails to parse here.
        (false, Err(_)) => Err(QuantityError::AboveMaximum),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_one_to_ninety_nine() {
        assert_eq!(parse_quantity("1").unwrap().get(), 1);
        assert_eq!(parse_quantity(" 99 ").unwrap().get(), 99);
        assert_eq!(parse_quantity("+7").unwrap().get(), 7);
        assert_eq!(parse_quantity("007").unwrap().get(), 7);
    }

    #[test]
    fn refuses_everything_else_with_a_message() {
        assert_eq!(parse_quantity("0"), Err(QuantityError::BelowMinimum));
        assert_eq!(parse_quantity("-1"), Err(QuantityError::BelowMinimum));
        assert_eq!(parse_quantity("-0"), Err(QuantityError::BelowMinimum));
        assert_eq!(parse_quantity("100"), Err(QuantityError::AboveMaximum));
        assert_eq!(
            parse_quantity("99999999999999999999999"),
            Err(QuantityError::AboveMaximum)
        );
        assert_eq!(parse_quantity(""), Err(QuantityError::Empty));
        assert_eq!(parse_quantity("   "), Err(QuantityError::Empty));
        for bad in ["abc", "1.5", "2e3", "1 2", "-", "<b>3</b>", "١"] {
            assert!(
                matches!(
                    parse_quantity(bad),
                    Err(QuantityError::NotAWholeNumber { .. })
                ),
                "{bad}"
            );
        }
        assert_eq!(
            parse_quantity("abc").unwrap_err().to_string(),
            "\"abc\" is not a whole number. Enter a quantity from 1 to 99."
        );
        assert_eq!(
            parse_quantity("100").unwrap_err().to_string(),
            "You can buy at most 99 of one item."
        );
    }

    #[test]
    fn saved_quantities_are_range_checked() {
        assert_eq!(serde_json::to_string(&Quantity::ONE).unwrap(), "1");
        assert!(serde_json::from_str::<Quantity>("0").is_err());
        assert!(serde_json::from_str::<Quantity>("100").is_err());
        assert_eq!(serde_json::from_str::<Quantity>("42").unwrap().get(), 42);
    }
}
