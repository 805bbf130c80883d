//! Request checks shared by sessions, orders, captures and refunds. Each failure is a
//! BAD_VALUE naming the JSON path of the field, so the UI can point at it.

use crate::domain::market::Market;

use super::error::ProviderError;
use super::types::{OrderLine, PurchaseDetails};

/// Checks a purchase and returns its market.
pub(crate) fn validate_purchase(purchase: &PurchaseDetails) -> Result<Market, ProviderError> {
    let market = match purchase
        .purchase_country
        .trim()
        .to_ascii_uppercase()
        .as_str()
    {
        "US" => Market::US,
        // Klarna speaks ISO 3166: "UK" is not a country code there.
        "GB" => Market::UK,
        other => {
            return Err(ProviderError::bad_value(
                "purchase_country",
                format!("{other:?} is not a supported country (US, GB)"),
            ))
        }
    };
    let expected = market.currency().code();
    if !purchase
        .purchase_currency
        .trim()
        .eq_ignore_ascii_case(expected)
    {
        return Err(ProviderError::bad_value(
            "purchase_currency",
            format!(
                "{:?} does not match country {}; expected {expected}",
                purchase.purchase_currency,
                market.country_code()
            ),
        ));
    }
    if !is_locale(&purchase.locale) {
        return Err(ProviderError::bad_value(
            "locale",
            format!("{:?} is not a locale like en-US", purchase.locale),
        ));
    }
    if purchase.order_lines.is_empty() {
        return Err(ProviderError::bad_value(
            "order_lines",
            "at least one line is required",
        ));
    }
    if purchase.order_amount <= 0 {
        return Err(ProviderError::bad_value(
            "order_amount",
            "must be greater than zero",
        ));
    }
    validate_lines(&purchase.order_lines, purchase.order_amount, "order_amount")?;
    if purchase.order_tax_amount < 0 || purchase.order_tax_amount > purchase.order_amount {
        return Err(ProviderError::bad_value(
            "order_tax_amount",
            "must be between zero and the order amount",
        ));
    }
    Ok(market)
}

/// Checks each line and that they add up to `amount`; a wrong sum names `amount_field`.
pub(crate) fn validate_lines(
    lines: &[OrderLine],
    amount: i64,
    amount_field: &str,
) -> Result<(), ProviderError> {
    let mut sum: i64 = 0;
    for (index, line) in lines.iter().enumerate() {
        let field = |name: &str| format!("order_lines[{index}].{name}");
        if line.name.trim().is_empty() {
            return Err(ProviderError::bad_value(field("name"), "must not be empty"));
        }
        if line.quantity == 0 {
            return Err(ProviderError::bad_value(
                field("quantity"),
                "must be at least 1",
            ));
        }
        if line.unit_price < 0 {
            return Err(ProviderError::bad_value(
                field("unit_price"),
                "must not be negative",
            ));
        }
        if line.total_amount < 0 {
            return Err(ProviderError::bad_value(
                field("total_amount"),
                "must not be negative",
            ));
        }
        let expected = line.unit_price.checked_mul(i64::from(line.quantity));
        if expected != Some(line.total_amount) {
            return Err(ProviderError::bad_value(
                field("total_amount"),
                format!(
                    "{} is not quantity {} x unit_price {}",
                    line.total_amount, line.quantity, line.unit_price
                ),
            ));
        }
        sum = sum
            .checked_add(line.total_amount)
            .ok_or_else(|| ProviderError::bad_value(field("total_amount"), "too large"))?;
    }
    if sum != amount {
        return Err(ProviderError::bad_value(
            amount_field,
            format!("{amount} does not equal the sum of the order lines ({sum})"),
        ));
    }
    Ok(())
}

/// Lines are optional on captures and refunds; when given they must add up.
pub(crate) fn validate_optional_lines(
    lines: &[OrderLine],
    amount: i64,
    amount_field: &str,
) -> Result<(), ProviderError> {
    if lines.is_empty() {
        Ok(())
    } else {
        validate_lines(lines, amount, amount_field)
    }
}

pub(crate) fn validate_idempotency_key(key: &str) -> Result<(), ProviderError> {
    let ok = !key.trim().is_empty() && key.len() <= 128;
    if ok {
        Ok(())
    } else {
        Err(ProviderError::bad_value(
            "idempotency_key",
            "must be 1 to 128 characters",
        ))
    }
}

fn is_locale(locale: &str) -> bool {
    let mut parts = locale.split('-');
    let language = parts.next().unwrap_or("");
    let region = parts.next().unwrap_or("");
    parts.next().is_none()
        && language.len() == 2
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && region.len() == 2
        && region.chars().all(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_need_language_and_region() {
        assert!(is_locale("en-US"));
        assert!(is_locale("en-GB"));
        assert!(!is_locale("en"));
        assert!(!is_locale("en-US-x"));
        assert!(!is_locale("english-US"));
    }

    #[test]
    fn an_overflowing_line_is_a_bad_value_not_a_panic() {
        let line = OrderLine {
            total_amount: i64::MAX,
            ..OrderLine::new("Huge", 2, i64::MAX / 2 + 1)
        };
        let error = validate_lines(&[line], 0, "order_amount").unwrap_err();
        assert_eq!(error.field.as_deref(), Some("order_lines[0].total_amount"));
    }
}
