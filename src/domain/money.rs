//! Exact money: a `Decimal` amount always held at its currency's minor unit, never a float.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Neg, Sub};

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Currency {
    USD,
    GBP,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::USD => "USD",
            Currency::GBP => "GBP",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::USD => "$",
            Currency::GBP => "£",
        }
    }

    /// Digits after the decimal point in the minor unit (cents, pence).
    pub fn minor_digits(self) -> u32 {
        2
    }
}

/// An amount of one currency, rounded to the minor unit on construction.
///
/// Arithmetic between two currencies is a programming error: the operators panic on it in
/// debug and release alike, so a mixed sum can never silently produce a wrong figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "StoredMoney")]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

/// Money as read from storage or a file, before its range is checked.
#[derive(Deserialize)]
struct StoredMoney {
    amount: Decimal,
    currency: Currency,
}

/// A stored amount beyond anything the shop handles.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{amount} {currency} is beyond the {max} any amount can be")]
pub struct AmountOutOfRange {
    amount: Decimal,
    currency: &'static str,
    max: Decimal,
}

impl TryFrom<StoredMoney> for Money {
    type Error = AmountOutOfRange;

    /// No stored value can hold an amount whose arithmetic in minor units could overflow:
    /// one that would panic later is refused where it is read.
    fn try_from(stored: StoredMoney) -> Result<Money, AmountOutOfRange> {
        let max = Decimal::from(Money::MAX_AMOUNT);
        if stored.amount.abs() > max {
            return Err(AmountOutOfRange {
                amount: stored.amount,
                currency: stored.currency.code(),
                max,
            });
        }
        Ok(Money {
            amount: stored.amount,
            currency: stored.currency,
        })
    }
}

impl Money {
    /// The largest amount, in major units, a stored value may hold: a trillion, far above
    /// any price, and small enough that sums of thousands of such amounts still fit in
    /// `i64` minor units.
    pub const MAX_AMOUNT: i64 = 1_000_000_000_000;

    /// Rounds half away from zero to the minor unit, as shop prices are.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        let mut amount = amount.round_dp_with_strategy(
            currency.minor_digits(),
            RoundingStrategy::MidpointAwayFromZero,
        );
        amount.rescale(currency.minor_digits());
        Money { amount, currency }
    }

    pub fn zero(currency: Currency) -> Self {
        Money::from_minor(0, currency)
    }

    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Money {
            amount: Decimal::new(minor, currency.minor_digits()),
            currency,
        }
    }

    pub fn amount(self) -> Decimal {
        self.amount
    }

    pub fn currency(self) -> Currency {
        self.currency
    }

    /// The amount in minor units (cents): exact, because the amount is always rounded.
    pub fn minor(self) -> i64 {
        self.checked_minor()
            .expect("money amount fits in i64 minor units")
    }

    /// The amount in minor units, or `None` when it does not fit (an amount typed or stored
    /// beyond anything the shop handles).
    pub fn checked_minor(self) -> Option<i64> {
        let scaled = self
            .amount
            .checked_mul(Decimal::from(10i64.pow(self.currency.minor_digits())))?;
        i64::try_from(scaled.trunc()).ok()
    }

    pub fn is_zero(self) -> bool {
        self.amount.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| Money::new(self.amount + other.amount, self.currency))
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| Money::new(self.amount - other.amount, self.currency))
    }

    pub fn times(self, quantity: u32) -> Money {
        Money::new(self.amount * Decimal::from(quantity), self.currency)
    }

    /// Multiplies by a rate (interest, a percentage cap) and rounds to the minor unit.
    pub fn scale(self, factor: Decimal) -> Money {
        Money::new(self.amount * factor, self.currency)
    }

    pub fn min(self, other: Money) -> Money {
        if self.amount <= other.amount {
            self
        } else {
            other
        }
    }

    pub fn max(self, other: Money) -> Money {
        if self.amount >= other.amount {
            self
        } else {
            other
        }
    }

    /// Splits into `parts` amounts that differ by at most one minor unit and sum exactly to
    /// `self`; the remainder units go to the first parts (Klarna puts leftover cents first).
    pub fn split_evenly(self, parts: usize) -> Vec<Money> {
        assert!(parts > 0, "cannot split money into zero parts");
        let total = self.minor();
        let n = parts as i64;
        let base = total.div_euclid(n);
        let remainder = total.rem_euclid(n);
        (0..n)
            .map(|i| Money::from_minor(base + i64::from(i < remainder), self.currency))
            .collect()
    }

    /// `$1,234.56`, `-£0.50`.
    pub fn display(self) -> String {
        self.to_string()
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let minor = self.minor();
        let sign = if minor < 0 { "-" } else { "" };
        let abs = minor.unsigned_abs();
        let unit = 10u64.pow(self.currency.minor_digits());
        let whole = group_thousands(&(abs / unit).to_string());
        write!(
            f,
            "{sign}{}{whole}.{:02}",
            self.currency.symbol(),
            abs % unit
        )
    }
}

fn same_currency(a: Money, b: Money) -> Currency {
    assert_eq!(a.currency, b.currency, "mixed-currency arithmetic");
    a.currency
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money::new(self.amount + other.amount, same_currency(self, other))
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money::new(self.amount - other.amount, same_currency(self, other))
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money::new(-self.amount, self.currency)
    }
}

impl PartialOrd for Money {
    fn partial_cmp(&self, other: &Money) -> Option<std::cmp::Ordering> {
        (self.currency == other.currency).then(|| self.amount.cmp(&other.amount))
    }
}

/// Sums money of one currency. An empty iterator has no currency, so use
/// [`Money::sum_in`] where the sequence may be empty.
impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(mut iter: I) -> Money {
        let first = iter
            .next()
            .expect("sum of no money has no currency: use Money::sum_in");
        iter.fold(first, |acc, m| acc + m)
    }
}

impl Money {
    pub fn sum_in<I: IntoIterator<Item = Money>>(currency: Currency, items: I) -> Money {
        items
            .into_iter()
            .fold(Money::zero(currency), |acc, m| acc + m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_stored_amount_too_large_for_cents_is_refused_when_read() {
        let read = |amount: &str| {
            serde_json::from_str::<Money>(&format!(r#"{{"amount":"{amount}","currency":"USD"}}"#))
        };
        let refused = read("9999999999999999999999.99").unwrap_err();
        assert!(refused.to_string().contains("beyond"), "{refused}");
        assert!(read("-1000000000000.01").is_err());
        let largest = read("1000000000000.00").unwrap();
        assert_eq!(largest.checked_minor(), Some(100_000_000_000_000));
        assert_eq!(
            read("12.30").unwrap(),
            Money::from_minor(1230, Currency::USD)
        );
    }

    #[test]
    fn rounds_half_away_from_zero_to_cents() {
        assert_eq!(Money::new(dec!(1.005), Currency::USD).minor(), 101);
        assert_eq!(Money::new(dec!(-1.005), Currency::USD).minor(), -101);
        assert_eq!(Money::new(dec!(2.004), Currency::GBP).minor(), 200);
    }

    #[test]
    fn formats_with_symbol_and_grouping() {
        assert_eq!(
            Money::from_minor(123456, Currency::USD).to_string(),
            "$1,234.56"
        );
        assert_eq!(Money::from_minor(-50, Currency::GBP).to_string(), "-£0.50");
        assert_eq!(
            Money::from_minor(100000000, Currency::USD).to_string(),
            "$1,000,000.00"
        );
        assert_eq!(Money::zero(Currency::USD).to_string(), "$0.00");
    }

    #[test]
    fn split_puts_remainder_cents_first() {
        let parts = Money::from_minor(10001, Currency::USD).split_evenly(4);
        let minors: Vec<i64> = parts.iter().map(|m| m.minor()).collect();
        assert_eq!(minors, vec![2501, 2500, 2500, 2500]);
        let parts = Money::from_minor(1003, Currency::GBP).split_evenly(3);
        let minors: Vec<i64> = parts.iter().map(|m| m.minor()).collect();
        assert_eq!(minors, vec![335, 334, 334]);
    }

    #[test]
    #[should_panic(expected = "mixed-currency")]
    fn mixing_currencies_is_refused() {
        let _ = Money::from_minor(1, Currency::USD) + Money::from_minor(1, Currency::GBP);
    }

    #[test]
    fn checked_ops_refuse_mixed_currencies() {
        let usd = Money::from_minor(100, Currency::USD);
        let gbp = Money::from_minor(100, Currency::GBP);
        assert_eq!(usd.checked_add(gbp), None);
        assert_eq!(usd.checked_sub(usd), Some(Money::zero(Currency::USD)));
        assert_eq!(usd.partial_cmp(&gbp), None);
    }

    #[test]
    fn serde_keeps_the_exact_amount() {
        let m = Money::from_minor(1999, Currency::GBP);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"amount":"19.99","currency":"GBP"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
    }

    proptest! {
        #[test]
        fn split_sums_exactly_and_parts_differ_by_at_most_one_cent(
            minor in 0i64..100_000_000, parts in 1usize..30
        ) {
            let total = Money::from_minor(minor, Currency::USD);
            let split = total.split_evenly(parts);
            prop_assert_eq!(split.len(), parts);
            prop_assert_eq!(Money::sum_in(Currency::USD, split.iter().copied()), total);
            let max = split.iter().map(|m| m.minor()).max().unwrap();
            let min = split.iter().map(|m| m.minor()).min().unwrap();
            prop_assert!(max - min <= 1);
            prop_assert!(split.windows(2).all(|w| w[0].minor() >= w[1].minor()));
            prop_assert!(split.iter().all(|m| !m.is_negative()));
        }

        #[test]
        fn minor_round_trips(minor in -1_000_000_000i64..1_000_000_000) {
            prop_assert_eq!(Money::from_minor(minor, Currency::GBP).minor(), minor);
        }
    }
}
