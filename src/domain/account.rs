//! The shopper's account: what sign-up accepts, and a message per field for what it
//! refuses. The country picks the market, and so the currency.

use serde::{Deserialize, Serialize};

use super::market::Market;

pub const NAME_MIN_CHARS: usize = 2;
pub const NAME_MAX_CHARS: usize = 80;
pub const ADDRESS_LINE_MAX_CHARS: usize = 100;
pub const CITY_MAX_CHARS: usize = 60;
/// RFC 5321's limit on a forward path.
pub const EMAIL_MAX_CHARS: usize = 254;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub line1: String,
    /// Empty when not used.
    pub line2: String,
    pub city: String,
    /// US: the two-letter state code. UK: the county, optional (Royal Mail does not need it).
    pub region: String,
    /// Normalised: "94103", "94103-1234", "SW1A 1AA".
    pub postcode: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    pub email: String,
    pub address: Address,
    pub market: Market,
}

impl Address {
    /// "1 Main St, Springfield, IL 62701": the parts that are filled in, on one line.
    pub fn one_line(&self) -> String {
        let place = [self.region.as_str(), self.postcode.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.line1.as_str(),
            self.line2.as_str(),
            self.city.as_str(),
            place.as_str(),
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// The sign-up or edit form exactly as typed; `validate` turns it into an `Account`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountForm {
    pub name: String,
    pub email: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub region: String,
    pub postcode: String,
    /// "US" or "GB" ("UK" is accepted too).
    pub country: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AccountField {
    Name,
    Email,
    Line1,
    Line2,
    City,
    Region,
    Postcode,
    Country,
}

impl AccountField {
    /// Stable id for the input and its message (`account-email`).
    pub fn id(self) -> &'static str {
        match self {
            AccountField::Name => "account-name",
            AccountField::Email => "account-email",
            AccountField::Line1 => "account-line1",
            AccountField::Line2 => "account-line2",
            AccountField::City => "account-city",
            AccountField::Region => "account-region",
            AccountField::Postcode => "account-postcode",
            AccountField::Country => "account-country",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccountField::Name => "Full name",
            AccountField::Email => "Email",
            AccountField::Line1 => "Address line 1",
            AccountField::Line2 => "Address line 2",
            AccountField::City => "Town or city",
            AccountField::Region => "State or county",
            AccountField::Postcode => "ZIP or postcode",
            AccountField::Country => "Country",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: AccountField,
    pub message: String,
}

const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
];

impl AccountForm {
    pub fn field(&self, field: AccountField) -> &str {
        match field {
            AccountField::Name => &self.name,
            AccountField::Email => &self.email,
            AccountField::Line1 => &self.line1,
            AccountField::Line2 => &self.line2,
            AccountField::City => &self.city,
            AccountField::Region => &self.region,
            AccountField::Postcode => &self.postcode,
            AccountField::Country => &self.country,
        }
    }

    pub fn set_field(&mut self, field: AccountField, value: String) {
        let slot = match field {
            AccountField::Name => &mut self.name,
            AccountField::Email => &mut self.email,
            AccountField::Line1 => &mut self.line1,
            AccountField::Line2 => &mut self.line2,
            AccountField::City => &mut self.city,
            AccountField::Region => &mut self.region,
            AccountField::Postcode => &mut self.postcode,
            AccountField::Country => &mut self.country,
        };
        *slot = value;
    }

    pub fn from_account(account: &Account) -> AccountForm {
        AccountForm {
            name: account.name.clone(),
            email: account.email.clone(),
            line1: account.address.line1.clone(),
            line2: account.address.line2.clone(),
            city: account.address.city.clone(),
            region: account.address.region.clone(),
            postcode: account.address.postcode.clone(),
            country: account.market.country_code().to_string(),
        }
    }

    /// Every field is checked, so the form can show all its messages at once.
    pub fn validate(&self) -> Result<Account, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: AccountField, result: Result<String, String>| match result {
            Ok(value) => value,
            Err(message) => {
                errors.push(FieldError { field, message });
                String::new()
            }
        };
        let name = check(AccountField::Name, validate_name(&self.name));
        let email = check(AccountField::Email, validate_email(&self.email));
        let line1 = check(
            AccountField::Line1,
            required_text(AccountField::Line1, &self.line1, ADDRESS_LINE_MAX_CHARS),
        );
        let line2 = check(
            AccountField::Line2,
            optional_text(AccountField::Line2, &self.line2, ADDRESS_LINE_MAX_CHARS),
        );
        let city = check(
            AccountField::City,
            required_text(AccountField::City, &self.city, CITY_MAX_CHARS),
        );
        let market = Market::from_country_code(&self.country);
        if market.is_none() {
            check(
                AccountField::Country,
                Err("Choose a country we deliver to: United States or United Kingdom.".into()),
            );
        }
        // Without a country there is no rule to check the state or postcode against.
        let (region, postcode) = match market {
            Some(m) => (
                check(AccountField::Region, validate_region(&self.region, m)),
                check(AccountField::Postcode, validate_postcode(&self.postcode, m)),
            ),
            None => (String::new(), String::new()),
        };
        match market {
            Some(market) if errors.is_empty() => Ok(Account {
                name,
                email,
                address: Address {
                    line1,
                    line2,
                    city,
                    region,
                    postcode,
                },
                market,
            }),
            _ => Err(errors),
        }
    }
}

/// Control characters (line breaks, tabs, escapes) never belong in a name or an address
/// and would corrupt a shipping label; they are refused rather than silently stripped.
fn clean(field: AccountField, raw: &str) -> Result<String, String> {
    if raw.chars().any(char::is_control) {
        return Err(format!(
            "{} cannot contain control characters such as line breaks or tabs.",
            field.label()
        ));
    }
    Ok(raw.trim().to_string())
}

fn optional_text(field: AccountField, raw: &str, max: usize) -> Result<String, String> {
    let text = clean(field, raw)?;
    if text.chars().count() > max {
        return Err(format!(
            "{} must be at most {max} characters.",
            field.label()
        ));
    }
    Ok(text)
}

fn required_text(field: AccountField, raw: &str, max: usize) -> Result<String, String> {
    let text = optional_text(field, raw, max)?;
    if text.is_empty() {
        return Err(format!("Enter your {}.", field.label().to_lowercase()));
    }
    Ok(text)
}

fn validate_name(raw: &str) -> Result<String, String> {
    let name = required_text(AccountField::Name, raw, NAME_MAX_CHARS)?;
    if name.chars().count() < NAME_MIN_CHARS {
        return Err(format!(
            "Full name must be at least {NAME_MIN_CHARS} characters."
        ));
    }
    if !name.chars().any(char::is_alphabetic) {
        return Err("Full name must contain letters.".into());
    }
    Ok(name)
}

/// The shape mail systems accept in practice: one `@`, a local part without spaces, and a
/// domain of dot-separated labels ending in a top-level domain of letters. Whether the
/// mailbox exists is for a confirmation email to find out, not a pattern.
pub fn validate_email(raw: &str) -> Result<String, String> {
    let email = required_text(AccountField::Email, raw, EMAIL_MAX_CHARS)?;
    let shape_error = || "Enter an email address like name@example.com.".to_string();
    let (local, domain) = email.split_once('@').ok_or_else(shape_error)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if local_ok && domain_ok {
        Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
    } else {
        Err(shape_error())
    }
}

fn validate_region(raw: &str, market: Market) -> Result<String, String> {
    match market {
        Market::US => {
            let state = clean(AccountField::Region, raw)?.to_ascii_uppercase();
            if state.is_empty() {
                Err("Enter your state, such as CA or NY.".into())
            } else if US_STATES.contains(&state.as_str()) {
                Ok(state)
            } else {
                Err("Enter a two-letter US state code, such as CA or NY.".into())
            }
        }
        Market::UK => optional_text(AccountField::Region, raw, CITY_MAX_CHARS),
    }
}

fn validate_postcode(raw: &str, market: Market) -> Result<String, String> {
    let text = clean(AccountField::Postcode, raw)?;
    let (normalised, example) = match market {
        Market::US => (
            normalise_zip(&text),
            "Enter a 5-digit ZIP code, such as 94103 or 94103-1234.",
        ),
        Market::UK => (
            normalise_uk_postcode(&text),
            "Enter a UK postcode, such as SW1A 1AA.",
        ),
    };
    if text.is_empty() {
        return Err(match market {
            Market::US => "Enter your ZIP code.".into(),
            Market::UK => "Enter your postcode.".into(),
        });
    }
    normalised.ok_or_else(|| example.to_string())
}

fn all_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

fn normalise_zip(text: &str) -> Option<String> {
    match text.split_once('-') {
        None if all_digits(text, 5) => Some(text.to_string()),
        Some((zip, plus4)) if all_digits(zip, 5) && all_digits(plus4, 4) => Some(text.to_string()),
        _ => None,
    }
}

/// Outward code A9, A99, AA9, AA99, A9A or AA9A, then inward code 9AA; spaces and case are
/// forgiven and the result gets the one space Royal Mail prints.
fn normalise_uk_postcode(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let pattern: String = compact
        .chars()
        .map(|c| match c {
            'A'..='Z' => 'A',
            '0'..='9' => '9',
            _ => '?',
        })
        .collect();
    let (outward_pattern, inward_pattern) = pattern.split_at(outward.len());
    let outward_ok = matches!(
        outward_pattern,
        "A9" | "A99" | "AA9" | "AA99" | "A9A" | "AA9A"
    );
    (outward_ok && inward_pattern == "9AA").then(|| format!("{outward} {inward}"))
}

#[cfg(test)]
mod address_tests {
    use super::Address;

    #[test]
    fn one_line_skips_what_is_empty() {
        let us = Address {
            line1: "1 Main St".into(),
            line2: String::new(),
            city: "Springfield".into(),
            region: "IL".into(),
            postcode: "62701".into(),
        };
        assert_eq!(us.one_line(), "1 Main St, Springfield, IL 62701");
        let uk = Address {
            line2: "Flat 2".into(),
            region: String::new(),
            postcode: "SW1Y 4JH".into(),
            ..us
        };
        assert_eq!(uk.one_line(), "1 Main St, Flat 2, Springfield, SW1Y 4JH");
    }
}
