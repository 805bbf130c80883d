//! The test-environment personas, keyed off the email the shopper types, as in Klarna's
//! playground: `+denied` is declined, `+new_user` signs up first, `+review` is held for a
//! fraud review; the one-time code `999999` is always wrong.

use serde::{Deserialize, Serialize};

use super::error::ProviderError;
use super::types::SignIn;

/// The one code that always fails, so the wrong-code path can be demonstrated.
pub const FAILING_CODE: &str = "999999";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Persona {
    Approved,
    Denied,
    NewUser,
    HeldForReview,
}

impl Persona {
    /// Decline wins over the other markers: a tester asking for a decline must get one.
    pub fn of(email: &str) -> Persona {
        let email = email.to_ascii_lowercase();
        if email.contains("+denied") {
            Persona::Denied
        } else if email.contains("+new_user") {
            Persona::NewUser
        } else if email.contains("+review") {
            Persona::HeldForReview
        } else {
            Persona::Approved
        }
    }
}

pub fn needs_sign_up(email: &str) -> bool {
    Persona::of(email) == Persona::NewUser
}

/// Trimmed and lower-cased, so one persona's simulation settings match however typed.
pub fn normalize_email(email: &str) -> Result<String, ProviderError> {
    let email = email.trim().to_ascii_lowercase();
    let bad = |why: &str| Err(ProviderError::bad_value("email", why));
    let Some((local, domain)) = email.split_once('@') else {
        return bad("must contain @");
    };
    if local.is_empty() || domain.contains('@') {
        return bad("must have one @ with a name before it");
    }
    let labels_ok = domain
        .split('.')
        .all(|label| !label.is_empty() && !label.starts_with('-'));
    if !domain.contains('.') || !labels_ok {
        return bad("must end with a domain like example.com");
    }
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("must not contain spaces");
    }
    Ok(email)
}

/// The shape of a one-time code: exactly six digits (`BAD_VALUE` on `one_time_code`
/// otherwise). A page asks this before starting an attempt; the provider applies the same
/// rule to every code it is sent.
pub fn check_code_format(code: &str) -> Result<(), ProviderError> {
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ProviderError::bad_value(
            "one_time_code",
            "must be exactly six digits",
        ));
    }
    Ok(())
}

/// Six digits pass, except `999999`. A malformed code is the shopper's typo (BAD_VALUE); a
/// wrong one is WRONG_CODE, never a decline, so the UI asks again instead of giving up.
pub fn check_one_time_code(code: &str) -> Result<(), ProviderError> {
    check_code_format(code)?;
    if code == FAILING_CODE {
        return Err(ProviderError::wrong_code());
    }
    Ok(())
}

/// Linking an account in payment settings: a denied persona can still link; it is only
/// declined when it buys.
pub fn sign_in(email: &str, one_time_code: &str) -> Result<SignIn, ProviderError> {
    let email = normalize_email(email)?;
    check_one_time_code(one_time_code)?;
    Ok(SignIn {
        new_customer: needs_sign_up(&email),
        email,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::klarna::ErrorCode;

    #[test]
    fn personas_follow_the_email_markers() {
        assert_eq!(Persona::of("ann@example.com"), Persona::Approved);
        assert_eq!(Persona::of("Ann+DENIED@example.com"), Persona::Denied);
        assert_eq!(Persona::of("ann+new_user@example.com"), Persona::NewUser);
        assert_eq!(
            Persona::of("ann+review@example.com"),
            Persona::HeldForReview
        );
        assert_eq!(
            Persona::of("ann+new_user+denied@example.com"),
            Persona::Denied
        );
        assert!(needs_sign_up("x+new_user@example.com"));
        assert!(!needs_sign_up("x@example.com"));
    }

    #[test]
    fn codes_wrong_versus_malformed() {
        assert!(check_one_time_code("123456").is_ok());
        assert_eq!(
            check_one_time_code("999999").unwrap_err().code(),
            ErrorCode::WrongCode
        );
        for bad in ["12345", "1234567", "12a456", "", " 12345"] {
            let error = check_one_time_code(bad).unwrap_err();
            assert_eq!(error.code(), ErrorCode::BadValue, "{bad:?}");
            assert_eq!(error.field.as_deref(), Some("one_time_code"));
        }
    }

    #[test]
    fn emails_are_checked_and_normalized() {
        assert_eq!(
            normalize_email(" Ann@Example.COM ").unwrap(),
            "ann@example.com"
        );
        for bad in [
            "ann",
            "@example.com",
            "ann@example",
            "a@b@c.com",
            "a n@b.com",
        ] {
            let error = normalize_email(bad).unwrap_err();
            assert_eq!(error.field.as_deref(), Some("email"), "{bad:?}");
        }
    }

    #[test]
    fn a_denied_persona_can_still_link_its_account() {
        let signed_in = sign_in("bob+denied@example.com", "123456").unwrap();
        assert!(!signed_in.new_customer);
        assert!(
            sign_in("new+new_user@example.com", "000000")
                .unwrap()
                .new_customer
        );
    }
}
